// Output of the writing subcommands: one place, so add / approve / reject read alike.
#include "writing.hpp"

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "pilot/render.hpp"

namespace pilot::cli {

namespace {

std::string render(const std::vector<Diagnostic>& diagnostics, const Date& as_of, Lang lang,
                   Color color) {
  Analysis a;
  a.diagnostics = diagnostics;
  for (const Diagnostic& d : diagnostics) (d.severity == Severity::error ? a.errors : a.warnings)++;
  return render_diagnostics_text(DiagnosticsView{&a, as_of, lang, false}, color, true);
}

}  // namespace

int report_write(const WriteOutcome& outcome, const WriteRequest& request, const Globals& g,
                 std::string_view command, const std::string* dry_shown) {
  Lang lang = lang_of(g);
  Date today = as_of(g);
  bool dry = request.dry_run == DryRun::yes;
  bool zh = lang == Lang::zh;
  std::vector<Diagnostic> found = outcome.new_findings;
  name_flags(found, request.kind, request.rel, command);
  const int errors = outcome.new_errors();
  const int warnings = outcome.new_warnings();
  // Findings go to stdout after the path; in a dry run stdout is the file, so they go to stderr.
  std::ostream& findings_out = dry ? std::cerr : std::cout;
  Color color = dry ? Color::no : color_of(g);
  if (dry) std::cout << (dry_shown != nullptr ? *dry_shown : request.text);
  switch (outcome.status) {
    case WriteStatus::written:
    case WriteStatus::dry_run:
      if (!dry) std::cout << request.rel << "\n";
      if (!found.empty()) {
        findings_out << render(found, today, lang, color);
        std::string what_zh =
            errors > 0 ? fmt::format("{} 个新错误、{} 个新警告（--force）", errors, warnings)
                       : fmt::format("{} 个新警告", warnings);
        std::string what_en =
            errors > 0
                ? fmt::format("{} new error(s) and {} new warning(s) (--force)", errors, warnings)
                : fmt::format("{} new warning(s)", warnings);
        std::cerr << (zh ? fmt::format("pilot: 注意：{} {}{}\n", request.rel,
                                       dry ? "将带来 " : "已写入，带来 ", what_zh)
                         : fmt::format("pilot: note: {} {} {}\n", request.rel,
                                       dry ? "would bring" : "was written with", what_en));
      }
      if (outcome.warning) std::cerr << "pilot: warning: " << outcome.warning->in(lang) << "\n";
      return 0;
    case WriteStatus::refused_exists:
      if (zh) {
        std::cerr << fmt::format(
            "pilot: 拒绝写入：{} 已存在；未写入任何内容（确需覆盖请加 --force）\n", request.rel);
        if (request.kind == Kind::quota_change)
          std::cerr << "  提示：一个试点证书每年只能申请修改一次指标（三(五)2，R502）\n";
      } else {
        std::cerr << fmt::format(
            "pilot: refused: {} already exists; nothing was written (add --force to replace it)\n",
            request.rel);
        if (request.kind == Kind::quota_change) {
          std::cerr
              << "  hint: a pilot's quota may be changed at most once a year (三(五)2, R502)\n";
        }
      }
      return 1;
    case WriteStatus::refused_errors:
      findings_out << render(found, today, lang, color);
      std::cerr
          << (zh ? fmt::format(
                       "pilot: 拒绝写入：{} 会带来 {} 个新错误；未写入任何内容（确需写入请加 --force）\n",
                       request.rel, errors)
                 : fmt::format(
                       "pilot: refused: {} would bring {} new error(s); nothing was written (add --force to write it anyway)\n",
                       request.rel, errors));
      return 1;
    case WriteStatus::refused_warnings:
      findings_out << render(found, today, lang, color);
      std::cerr
          << (zh ? fmt::format(
                       "pilot: 拒绝写入（--strict）：{} 会带来 {} 个新警告；未写入任何内容\n",
                       request.rel, warnings)
                 : fmt::format(
                       "pilot: refused (--strict): {} would bring {} new warning(s); nothing was written\n",
                       request.rel, warnings));
      return 1;
  }
  return 1;
}

void register_record_flags(CLI::App* sub, std::vector<FlagRef> flags, std::deque<FlagSlot>& slots,
                           bool required) {
  for (FlagRef& flag : flags) {
    FlagSlot& slot = slots.emplace_back();
    slot.flag = std::move(flag);
    std::string names;
    for (const auto& n : slot.flag.names) names += (names.empty() ? "" : ",") + n;
    const std::string& help = slot.flag.help;
    switch (slot.flag.shape) {
      case FlagShape::value: slot.option = sub->add_option(names, slot.value, help); break;
      case FlagShape::on: slot.option = sub->add_flag(names, slot.on, help); break;
      case FlagShape::list:
      case FlagShape::entry:
      case FlagShape::pair:
        slot.option = sub->add_option(names, slot.values, help)->allow_extra_args(false);
        break;
    }
    if (required && slot.flag.required) slot.option->required();
  }
}

std::vector<GivenFlag> given_flags(const std::deque<FlagSlot>& slots) {
  std::vector<GivenFlag> given;
  for (const FlagSlot& s : slots) {
    if (s.option->count() == 0) continue;
    GivenFlag g{s.flag, {}};
    if (s.flag.shape == FlagShape::value) {
      g.values = {s.value};
    } else if (s.flag.shape != FlagShape::on) {
      g.values = s.values;
    }
    given.push_back(std::move(g));
  }
  return given;
}

bool was_given(const std::deque<FlagSlot>& slots, std::string_view key) {
  for (const FlagSlot& s : slots) {
    if (s.flag.block == nullptr && s.flag.field->key == key && s.option->count() > 0) return true;
  }
  return false;
}

void add_kind_aliases(CLI::App* sub, Kind kind) {
  sub->alias(kind_folder(kind));
  sub->alias(kind_name_zh(kind));
}

Repository load_locked(const Globals& g, std::optional<RepositoryLock>* lock) {
  using namespace std::chrono_literals;
  std::filesystem::path root = repo_root(g);
  if (lock != nullptr) lock->emplace(root, 60s);
  Globals at_root = g;
  at_root.repo = root.string();
  return load(at_root);
}

int report_write_error(const WriteError& e, const Globals& g) {
  std::cerr << "pilot: error: " << e.text.in(lang_of(g)) << "\n";
  return 1;
}

std::unique_ptr<FileSystem> test_file_system() {
  const char* step = std::getenv("PILOT_TEST_FAIL_AT");
  if (step == nullptr || step[0] == '\0') return nullptr;
  auto s = parse_fs_step(step);
  if (!s) {
    throw UsageError(fmt::format(
        "PILOT_TEST_FAIL_AT=\"{}\" is not a step (mkdir, open, write, fsync, close, rename, fsync-dir)",
        step));
  }
  return failing_file_system(*s);
}

}  // namespace pilot::cli
