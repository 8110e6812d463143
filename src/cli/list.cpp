// PLACEHOLDER: registers nothing until its issue implements `pilot list`.
#include "common.hpp"

namespace pilot::cli {

void setup_list(CLI::App&, Globals&) {}

}  // namespace pilot::cli
