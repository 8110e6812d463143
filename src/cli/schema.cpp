// PLACEHOLDER: registers nothing until its issue implements `pilot schema`.
#include "common.hpp"

namespace pilot::cli {

void setup_schema(CLI::App&, Globals&) {}

}  // namespace pilot::cli
