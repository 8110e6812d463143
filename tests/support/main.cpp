// The test binaries' main: doctest's, plus two rules of docs/testing.md.
//  - A skip (skip.hpp) makes the run exit with k_skip_exit_code, which ctest reports as skipped.
//  - A run that selects no test case fails. ctest runs each TEST_CASE by name
//    (doctest_discover_tests), and a name that CMake splits (a ';' in it) or that no longer
//    exists would otherwise run nothing and pass.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <iostream>

#include "skip.hpp"

namespace {

unsigned g_selected = 0;  // test cases that passed the filters, from the last run

// A listener that only remembers how many test cases the run selected.
struct SelectedCount : doctest::IReporter {
  explicit SelectedCount(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats& stats) override {
    g_selected = stats.numTestCasesPassingFilters;
  }
  void test_case_start(const doctest::TestCaseData&) override {}
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};

REGISTER_LISTENER("selected-count", 1, SelectedCount);

}  // namespace

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  int result = context.run();
  if (context.shouldExit() || result != 0) return result;
  if (g_selected == 0) {
    std::cout << "[fail] no test case matched the filters, so nothing was checked (ctest splits a"
                 " TEST_CASE name at a ';': use ',')\n";
    return 1;
  }
  const auto& skipped = pilot::test::skip_reasons();
  if (skipped.empty()) return 0;
  std::cout << "[skip] " << skipped.size() << " skip(s), so this run is reported as skipped (exit "
            << pilot::test::k_skip_exit_code << "), not passed:\n";
  for (const auto& why : skipped) std::cout << "[skip]   " << why << "\n";
  return pilot::test::k_skip_exit_code;
}
