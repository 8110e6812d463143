// Inputs that once crashed or stalled the loader, replayed: every file in tests/fuzz_regressions/
// goes through the entry function of the fuzz target that found it (fuzz/entries.hpp), and the
// inputs that took quadratic time are rebuilt here at full size (docs/reliability.md). No
// wall-clock limit: each of those took minutes to hours before its fix and seconds at most
// after, so each is bounded only by k_far_above_normal; speed is measured by bench/.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../../fuzz/entries.hpp"
#include "yaml_fast.hpp"

namespace fs = std::filesystem;
using namespace pilot;

namespace {

// A bound far above any normal run, loaded machine and sanitizer build included (each input
// below takes a few seconds at most in a plain build), that the quadratic versions missed
// by minutes to hours. Not a speed test: bench/ measures speed.
constexpr double k_far_above_normal = 60;

template <class F>
double seconds_of(F&& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A flow list of `n` items on one line: "levels: [1, 1, ...]".
std::string one_line_list(std::size_t n, const std::string& item) {
  std::string s = "levels: [";
  for (std::size_t i = 0; i < n; ++i) s += (i == 0 ? "" : ",") + item;
  return s + "]\n";
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The inputs kept for one target, sorted by name; the folder must exist and hold some (a replay
// of nothing would pass having checked nothing).
std::vector<fs::path> kept_inputs(const char* target) {
  std::vector<fs::path> files;
  fs::path dir = fs::path(PILOT_SOURCE_DIR) / "tests/fuzz_regressions" / target;
  REQUIRE_MESSAGE(fs::is_directory(dir), dir.string());
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE_MESSAGE(!files.empty(), dir.string() << " holds no input");
  return files;
}

}  // namespace

TEST_CASE("fuzz regressions: every kept loader input replays through fuzz_loader's entry") {
  const Repository& base = fuzz::base_repository(PILOT_FIXTURES);
  for (const auto& file : kept_inputs("loader")) {
    CAPTURE(file.filename().string());
    std::string bytes = read_bytes(file);
    REQUIRE(fuzz::fast_reader_agrees(bytes));  // else loader_input aborts, as in the fuzzer
    CHECK(fuzz::loader_input(bytes, base) > 0);
  }
}

TEST_CASE("fuzz regressions: every kept config input replays through fuzz_config's entry") {
  const Repository& base = fuzz::base_repository(PILOT_FIXTURES);
  for (const auto& file : kept_inputs("config")) {
    CAPTURE(file.filename().string());
    // Each kept input is TOML, so the entry parses it and runs every rule and renderer (> 0
    // bytes rendered); one that throws or crashes fails here as it failed the fuzzer.
    std::size_t rendered = 0;
    CHECK_NOTHROW(rendered = fuzz::config_input(read_bytes(file), base));
    CHECK(rendered > 0);
  }
}

TEST_CASE("fuzz regressions: repeated keys at two levels are listed in file order by both readers") {
  // Minimised from loader/repeated-key-order-35bfe71e.
  for (const std::string& text : {std::string("a: 1\na:\n  b: 1\n  b: 2\n"), std::string("n: {a: 1, a: {b: 1, b: 2}}\n")}) {
    CAPTURE(text);
    YNode fast;
    std::vector<Diagnostic> repeated;
    REQUIRE(detail::parse_yaml_fast(text, fast, repeated));
    YamlParse slow = detail::parse_yaml_with_yaml_cpp(text);
    REQUIRE(repeated.size() == 2);
    REQUIRE(slow.diagnostics.size() == 2);
    CHECK(repeated[0].message.en.find("\"a\"") != std::string::npos);
    CHECK(repeated[1].message.en.find("\"b\"") != std::string::npos);
    for (std::size_t i = 0; i < 2; ++i) {
      CHECK(repeated[i].line == slow.diagnostics[i].line);
      CHECK(repeated[i].column == slow.diagnostics[i].column);
      CHECK(repeated[i].message.en == slow.diagnostics[i].message.en);
    }
  }
}

TEST_CASE("fuzz regressions: a 1 MiB line of flow items is read in linear time") {
  // Columns were counted from the start of the line for every node: 500,000 items on one line
  // took hours. Both readers, ASCII and Chinese.
  for (const std::string& item : {std::string("1"), std::string("中")}) {
    std::string text = one_line_list(item == "1" ? 500000 : 250000, item);
    REQUIRE(text.size() <= k_max_file_size);
    YamlParse slow;
    double s = seconds_of([&] { slow = detail::parse_yaml_with_yaml_cpp(text); });
    CHECK(s < k_far_above_normal);
    REQUIRE(slow.ok);
    const YNode* levels = slow.root.find("levels");
    REQUIRE(levels != nullptr);
    REQUIRE(levels->items.size() == (item == "1" ? 500000u : 250000u));
    // The last item's column, in characters: "levels: [" is 9, then item + ',' per item.
    CHECK(levels->items.back().column == static_cast<int>(10 + 2 * (levels->items.size() - 1)));
  }
}

TEST_CASE("fuzz regressions: the fast reader marks a long line's nodes in linear time") {
  // The fast reader counted each node's column from the start of its line: 20,000 items on one
  // line took 0.6 s, 500,000 took hours.
  std::string text = one_line_list(500000, "1");
  YNode root;
  std::vector<Diagnostic> duplicates;
  bool fast = false;
  double s = seconds_of([&] { fast = detail::parse_yaml_fast(text, root, duplicates); });
  REQUIRE(fast);
  CHECK(s < k_far_above_normal);
  const YNode* levels = root.find("levels");
  REQUIRE(levels != nullptr);
  REQUIRE(levels->items.size() == 500000u);
  CHECK(levels->items.back().column == static_cast<int>(10 + 2 * (levels->items.size() - 1)));
}

TEST_CASE("fuzz regressions: repeated keys are found in linear time") {
  // Each repeated key searched the mapping for its first occurrence: 40,000 keys written twice
  // in one flow mapping took over a minute. Now each is S001 at once, naming the first line.
  std::string keys;
  for (int i = 0; i < 40000; ++i) keys += (i == 0 ? "k" : ", k") + std::to_string(i) + ": 1";
  std::string text = "id: x\nn: {" + keys + ", " + keys + "}\nm:\n  a: 1\n  b: 2\n  a: 3\n";
  REQUIRE(text.size() <= k_max_file_size);
  YamlParse parsed;
  double s = seconds_of([&] { parsed = parse_yaml(text); });
  CHECK(s < k_far_above_normal);
  CHECK_FALSE(parsed.ok);
  REQUIRE(parsed.diagnostics.size() == 40001u);
  CHECK(parsed.diagnostics[0].rule == "S001");
  CHECK(parsed.diagnostics[0].line == 2);
  CHECK(parsed.diagnostics[0].message.en.find("\"k0\" is repeated in one mapping (first at line 2)") != std::string::npos);
  CHECK(parsed.diagnostics.back().line == 6);
  CHECK(parsed.diagnostics.back().message.en.find("\"a\" is repeated in one mapping (first at line 4)") != std::string::npos);
}

TEST_CASE("fuzz regressions: exams without results parsed on several threads point at their own record") {
  // ThreadSanitizer (docs/reliability.md): the finding for a missing "results" was placed
  // through a static node shared by the loader's threads, so one file's finding could take
  // another file's line. Each thread's record starts on a different line.
  constexpr int k_threads = 4;
  std::vector<std::thread> threads;
  std::vector<int> wrong(k_threads, 0);
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([t, &wrong] {
      std::string text = std::string(static_cast<std::size_t>(t), '\n') + "id: b1\npilot: p\ndate: 2026-11-05\nstatus: held\n";
      for (int i = 0; i < 300; ++i) {
        ParsedFile parsed = parse_record(Kind::exam, "exams/2026/b1.yaml", text);
        for (const auto& d : parsed.diagnostics) {
          if (d.message.en.find("\"results\"") != std::string::npos && d.line != t + 1) ++wrong[static_cast<std::size_t>(t)];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < k_threads; ++t) CHECK(wrong[static_cast<std::size_t>(t)] == 0);
  ParsedFile one = parse_record(Kind::exam, "exams/2026/b1.yaml", "\n\nid: b1\npilot: p\ndate: 2026-11-05\nstatus: held\n");
  REQUIRE(one.diagnostics.size() == 1);
  CHECK(one.diagnostics[0].line == 3);
  CHECK(one.diagnostics[0].column == 1);
}
