// PLACEHOLDER: registers nothing until its issue implements `pilot status`.
#include "common.hpp"

namespace pilot::cli {

void setup_status(CLI::App&, Globals&) {}

}  // namespace pilot::cli
