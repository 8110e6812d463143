// libFuzzer target: one record file's bytes -> the walk's place for its first line as a path,
// YAML tree, records of every kind, rules,
// renderers (fuzz/entries.hpp: loader_input). Built by -DPILOT_FUZZ=ON (see fuzz/CMakeLists.txt).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const pilot::Repository& base = pilot::fuzz::base_repository(PILOT_FIXTURES);
  pilot::fuzz::loader_input(std::string_view(reinterpret_cast<const char*>(data), size), base);
  return 0;
}
