// libFuzzer target: pilot.toml's bytes -> Config (or ConfigError), then every rule and renderer
// over tests/fixtures/base with that config (fuzz/entries.hpp: config_input).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const pilot::Repository& base = pilot::fuzz::base_repository(PILOT_FIXTURES);
  pilot::fuzz::config_input(std::string_view(reinterpret_cast<const char*>(data), size), base);
  return 0;
}
