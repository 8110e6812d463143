#pragma once
// The entry functions of the fuzz targets. The targets (fuzz_loader.cpp, fuzz_config.cpp) and
// the replay test (tests/unit/test_fuzz_regressions.cpp) call exactly these, so an input the
// fuzzer found crashing is replayed the way the fuzzer ran it.
//
// Contract of both entries: any bytes at all are a valid input. They never throw (a
// ConfigError for text that is not TOML is the answer, not a failure), never crash, never
// leak, and take time linear in the input (no 1 MiB input may take seconds).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pilot/calendar.hpp"
#include "pilot/config.hpp"
#include "pilot/progress.hpp"
#include "pilot/render.hpp"
#include "pilot/repository.hpp"
#include "pilot/rules.hpp"
#include "pilot/security.hpp"
#include "pilot/views.hpp"
#include "pilot/yaml.hpp"
#include "load/walk.hpp"   // src/: the walk's decisions, checked on the input as a path
#include "yaml_fast.hpp"  // src/: the fast reader, checked against yaml-cpp

namespace pilot::fuzz {

// Where the input goes for each kind: the file of that kind in tests/fixtures/base, so that the
// fuzzed record replaces a real one and the rules meet it among records that refer to it.
inline const std::vector<std::pair<Kind, std::string>>& record_paths() {
  static const std::vector<std::pair<Kind, std::string>> paths{
      {Kind::college, "colleges/xinxi.yaml"},
      {Kind::major, "majors/510201.yaml"},
      {Kind::certificate, "certificates/web-frontend.yaml"},
      {Kind::pilot, "pilots/2026/web-frontend-2026.yaml"},
      {Kind::quota_change, "quota-changes/2026/web-frontend-2026.yaml"},
      {Kind::exam, "exams/2026/web-frontend-2026-b1.yaml"},
      {Kind::report, "reports/2026/510201/2026-11-10.yaml"},
      {Kind::site, "sites/xinxi-site-01.yaml"},
      {Kind::fund, "funds/2026/0001.yaml"},
  };
  return paths;
}

// The date the rules run at: inside the pilot year, or after its 31 December (where R501
// changes), chosen by the input so that both are reached without running everything twice.
inline Date as_of_for(std::string_view bytes) {
  return bytes.size() % 2 == 0 ? Date{2026, 11, 15} : Date{2027, 1, 15};
}

// tests/fixtures/base, loaded once; its root is cleared so that later build_indexes() calls
// never touch the file system.
inline const Repository& base_repository(const std::filesystem::path& fixtures) {
  static const Repository base = [&] {
    Repository r = load_repository(fixtures / "base", LoadOptions{1});
    r.root.clear();
    r.build_indexes();
    return r;
  }();
  return base;
}

// Every rule on `repo`, every diagnostics renderer over the result (text in Chinese, the
// machine formats in English: both languages' messages pass through the renderers), and the
// office's views (status, the fortnightly report, compliance) with one renderer each.
inline std::size_t analyze_and_render(const Repository& repo, const Date& as_of) {
  AnalyzeOptions options;
  options.as_of = as_of;
  Analysis analysis = analyze(repo, options);
  DiagnosticsView zh{&analysis, as_of, Lang::zh, true};
  DiagnosticsView en{&analysis, as_of, Lang::en, true};
  std::size_t total = render_diagnostics_text(zh, Color::yes, false).size() + render_diagnostics_json(en).size() +
                      render_diagnostics_github(en).size() + render_diagnostics_junit(zh).size();
  ProgressBook book(repo, as_of);
  total += render_status_text(compute_status(repo, book, analysis, StatusFilter{}), ViewStyle{Lang::zh, Color::yes, 80}).size();
  if (auto due = latest_due_date(repo.config, as_of)) {
    total += render_report_markdown(compute_report(repo, book, analysis, *due), Lang::en).size();
  }
  total += render_compliance_json(compute_compliance(repo, book, analysis, as_of.year)).size();
  return total;
}

// Whether two trees are the same: kinds, values, quoted flags, tags, positions, children.
inline bool same_tree(const YNode& a, const YNode& b) {
  if (a.kind != b.kind || a.value != b.value || a.quoted != b.quoted || a.tag != b.tag ||
      a.line != b.line || a.column != b.column || a.items.size() != b.items.size() ||
      a.entries.size() != b.entries.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (!same_tree(a.items[i], b.items[i])) return false;
  }
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    if (!same_tree(a.entries[i].first, b.entries[i].first) || !same_tree(a.entries[i].second, b.entries[i].second)) return false;
  }
  return true;
}

// The fast reader (src/yaml_fast.hpp) promises exactly yaml-cpp's tree and duplicate-key
// findings whenever it accepts a text; a difference aborts, so the fuzzer keeps the input.
inline bool fast_reader_agrees(std::string_view bytes) {
  // Its precondition: the bytes passed parse_yaml's checks.
  if (bytes.size() > k_max_file_size || bytes.find('\0') != std::string_view::npos || find_invalid_utf8(bytes) != std::string_view::npos ||
      bytes.substr(0, 3) == "\xEF\xBB\xBF" || bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    return true;
  }
  YNode fast;
  std::vector<Diagnostic> duplicates;  // and misplaced full-width punctuation
  if (!detail::parse_yaml_fast(bytes, fast, duplicates)) return true;  // yaml-cpp reads it
  YamlParse slow = detail::parse_yaml_with_yaml_cpp(bytes);
  if (duplicates.empty()) return slow.ok && same_tree(fast, slow.root);
  if (slow.ok || slow.diagnostics.size() != duplicates.size()) return false;
  for (std::size_t i = 0; i < duplicates.size(); ++i) {
    const Diagnostic& x = duplicates[i];
    const Diagnostic& y = slow.diagnostics[i];
    if (x.rule != y.rule || x.line != y.line || x.column != y.column || x.message.en != y.message.en) return false;
  }
  return true;
}

// The input's first line taken as a path below the root, as every type of entry: where the walk
// puts it. Any answer about a file names that file; a record file lies in its kind's folder.
inline std::size_t walk_input(std::string_view bytes) {
  std::string_view line = bytes.substr(0, std::min(bytes.find('\n'), std::size_t{4096}));
  std::size_t total = 0;
  using load::EntryType;
  for (EntryType type : {EntryType::file, EntryType::folder, EntryType::link_to_folder, EntryType::link_loops,
                         EntryType::link_outside, EntryType::link_special, EntryType::special}) {
    load::Found found;
    std::string rel(line), source(line);
    load::Verdict verdict = load::place_entry(std::move(rel), type, std::move(source), found);
    if (verdict != load::Verdict::found) continue;
    bool named = found.rel == line;
    for (const auto& d : found.findings) named = named && d.file == found.rel && (d.rule == "S005" || d.rule == "S006");
    bool placed = !found.kind || found.rel.rfind(std::string(kind_folder(*found.kind)) + "/", 0) == 0;
    if (!named || !placed || (found.kind && !found.readable && found.findings.empty())) {
      std::fputs("fuzz: the walk placed a path inconsistently\n", stderr);
      std::abort();
    }
    total += found.findings.size() + 1;
  }
  return total;
}

// One record file's bytes: the walk's decisions on its first line as a path, the fast reader
// checked against yaml-cpp, the YAML layer alone, then the file as each kind of record in place
// of base's file of that kind, with every rule and renderer run over the result.
inline std::size_t loader_input(std::string_view bytes, const Repository& base) {
  std::size_t total = walk_input(bytes);
  if (!fast_reader_agrees(bytes)) {
    std::fputs("fuzz: the fast reader and yaml-cpp disagree on this input\n", stderr);
    std::abort();
  }
  YamlParse yaml = parse_yaml(bytes);
  if (yaml.ok) {
    std::vector<Diagnostic> security;
    scan_document_security(yaml.root, security);
    total += security.size();
  }
  total += yaml.diagnostics.size();
  for (const auto& [kind, rel] : record_paths()) {
    ParsedFile parsed = parse_record(kind, rel, bytes);
    if (!parsed.record) continue;  // nothing new for the rules: base without the file
    Repository repo = base;
    remove_file(repo, kind, rel);
    add_parsed(repo, std::move(parsed));
    repo.build_indexes();
    total += analyze_and_render(repo, as_of_for(bytes));
  }
  return total;
}

// pilot.toml's text: parsed, and when it parses, every rule run over base with that config.
inline std::size_t config_input(std::string_view text, const Repository& base) {
  Config config;
  try {
    config = parse_config(text);
  } catch (const ConfigError&) {
    return 0;  // not TOML: `pilot` exits 2 with this message
  }
  Repository repo = base;
  repo.config = std::move(config);
  repo.load_diagnostics.clear();
  scan_config_security(repo.config, repo.load_diagnostics);
  return analyze_and_render(repo, as_of_for(text));
}

}  // namespace pilot::fuzz
