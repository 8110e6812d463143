#include "common.hpp"

int main(int argc, char** argv) { return pilot::cli::run_cli(argc, argv); }
