// PLACEHOLDER: registers nothing until its issue implements `pilot completions`.
#include "common.hpp"

namespace pilot::cli {

void setup_completions(CLI::App&, Globals&) {}

}  // namespace pilot::cli
