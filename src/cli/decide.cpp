// PLACEHOLDER: registers nothing until its issue implements `pilot decide`.
#include "common.hpp"

namespace pilot::cli {

void setup_decide(CLI::App&, Globals&) {}

}  // namespace pilot::cli
