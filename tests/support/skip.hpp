#pragma once
// Skips are visible, never passes (docs/testing.md). A test that cannot run here calls skip()
// and returns; the test binary still runs its other test cases, then exits with
// k_skip_exit_code instead of 0, which ctest's SKIP_RETURN_CODE (tests/CMakeLists.txt) reports
// as "Skipped". A failure anywhere wins over a skip (the exit code stays doctest's).
#include <iostream>
#include <string>
#include <vector>

namespace pilot::test {

inline constexpr int k_skip_exit_code = 77;

// Why each skip of this run happened, in order.
inline std::vector<std::string>& skip_reasons() {
  static std::vector<std::string> reasons;
  return reasons;
}

// Marks the running test case skipped and prints why; the caller then returns.
inline void skip(const std::string& why) {
  std::cout << "SKIPPED: " << why << std::endl;
  skip_reasons().push_back(why);
}

}  // namespace pilot::test
