// PLACEHOLDER: registers nothing until its issue implements `pilot report`.
#include "common.hpp"

namespace pilot::cli {

void setup_report(CLI::App&, Globals&) {}

}  // namespace pilot::cli
