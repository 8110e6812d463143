// Output of the writing subcommands: one place, so add / approve / reject read alike.
#include "writing.hpp"

#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "pilot/render.hpp"

namespace pilot::cli {

namespace {

std::string render(const std::vector<Diagnostic>& diagnostics, const Date& as_of, Lang lang, Color color) {
  Analysis a;
  a.diagnostics = diagnostics;
  a.errors = static_cast<int>(diagnostics.size());
  return render_diagnostics_text(DiagnosticsView{&a, as_of, lang, false}, color, true);
}

}  // namespace

int report_write(const WriteOutcome& outcome, const WriteRequest& request, const Globals& g) {
  Lang lang = lang_of(g);
  Date today = as_of(g);
  bool dry = request.dry_run == DryRun::yes;
  bool zh = lang == Lang::zh;
  if (dry) std::cout << request.text;
  switch (outcome.status) {
    case WriteStatus::written:
    case WriteStatus::dry_run:
      if (!dry) std::cout << request.rel << "\n";
      if (!outcome.new_errors.empty()) {
        std::cerr << render(outcome.new_errors, today, lang, Color::no);
        std::cerr << (zh ? fmt::format("pilot: 注意:{} {}带来 {} 个新错误(--force)\n", request.rel, dry ? "将" : "已写入,", outcome.new_errors.size())
                         : fmt::format("pilot: note: {} {} {} new error(s) (--force)\n", request.rel, dry ? "would bring" : "was written with",
                                       outcome.new_errors.size()));
      }
      if (outcome.warning) std::cerr << "pilot: warning: " << outcome.warning->in(lang) << "\n";
      return 0;
    case WriteStatus::refused_exists:
      if (zh) {
        std::cerr << fmt::format("pilot: 拒绝写入:{} 已存在;未写入任何内容(确需覆盖请加 --force)\n", request.rel);
        if (request.kind == Kind::quota_change) std::cerr << "  提示:一个试点证书每年只能申请修改一次指标(三(五)2,R502)\n";
      } else {
        std::cerr << fmt::format("pilot: refused: {} already exists; nothing was written (add --force to replace it)\n", request.rel);
        if (request.kind == Kind::quota_change) {
          std::cerr << "  hint: a pilot's quota may be changed at most once a year (三(五)2, R502)\n";
        }
      }
      return 1;
    case WriteStatus::refused_errors:
      (dry ? std::cerr : std::cout) << render(outcome.new_errors, today, lang, dry ? Color::no : color_of(g));
      std::cerr << (zh ? fmt::format("pilot: 拒绝写入:{} 会带来 {} 个新错误;未写入任何内容(确需写入请加 --force)\n", request.rel,
                                     outcome.new_errors.size())
                       : fmt::format("pilot: refused: {} would bring {} new error(s); nothing was written (add --force to write it anyway)\n",
                                     request.rel, outcome.new_errors.size()));
      return 1;
  }
  return 1;
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
    throw UsageError(fmt::format("PILOT_TEST_FAIL_AT=\"{}\" is not a step (mkdir, open, write, fsync, close, rename, fsync-dir)", step));
  }
  return failing_file_system(*s);
}

}  // namespace pilot::cli
