// PLACEHOLDER: registers nothing until its issue implements `pilot init`.
#include "common.hpp"

namespace pilot::cli {

void setup_init(CLI::App&, Globals&) {}

}  // namespace pilot::cli
