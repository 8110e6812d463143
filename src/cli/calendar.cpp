// PLACEHOLDER: registers nothing until its issue implements `pilot calendar`.
#include "common.hpp"

namespace pilot::cli {

void setup_calendar(CLI::App&, Globals&) {}

}  // namespace pilot::cli
