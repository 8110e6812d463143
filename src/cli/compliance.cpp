// PLACEHOLDER: registers nothing until its issue implements `pilot compliance`.
#include "common.hpp"

namespace pilot::cli {

void setup_compliance(CLI::App&, Globals&) {}

}  // namespace pilot::cli
