// PLACEHOLDER: registers nothing until its issue implements `pilot add`.
#include "common.hpp"

namespace pilot::cli {

void setup_add(CLI::App&, Globals&) {}

}  // namespace pilot::cli
