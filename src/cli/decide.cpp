// pilot approve / pilot reject PILOT --date D: record the province's decision on an
// application, changing only the status line and the decision date (SPEC §4).
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "writing.hpp"
#include "usage.hpp"

namespace pilot::cli {

namespace {

struct DecideOptions {
  Decision decision = Decision::approve;
  std::string pilot;
  std::string date;
  bool force = false;
  bool dry_run = false;
};

std::string read_bytes(const std::filesystem::path& file, const std::string& rel) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  if (in) ss << in.rdbuf();
  if (!in || in.bad()) {
    throw WriteError({fmt::format("无法读取 {}；未写入任何内容", rel), fmt::format("cannot read {}; nothing was written", rel)});
  }
  return ss.str();
}

int run_decide(const DecideOptions& o, const Globals& g) {
  Lang lang = lang_of(g);
  Date today = as_of(g);
  auto date = Date::parse(o.date);
  if (!date) {
    throw UsageError(lang == Lang::zh ? fmt::format("--date 应为真实存在的日期 YYYY-MM-DD，而不是 “{}”", o.date)
                                      : fmt::format("--date must be a date YYYY-MM-DD that exists, not \"{}\"", o.date));
  }
  auto fault = test_file_system();
  std::optional<RepositoryLock> lock;
  Repository repo = load_locked(g, o.dry_run ? nullptr : &lock);

  const Pilot* found = repo.pilot(o.pilot);
  if (found == nullptr) {
    throw UsageError(lang == Lang::zh ? fmt::format("没有编号为 “{}” 的试点（pilot list pilot 列出全部试点）", o.pilot)
                                      : fmt::format("there is no pilot \"{}\" (`pilot list pilot` lists them)", o.pilot));
  }
  const std::string rel = found->file;
  // The bytes as they are now, under the lock, and the record they hold.
  std::string bytes = read_bytes(repo.root / rel, rel);
  ParsedFile parsed = parse_record(Kind::pilot, rel, bytes);
  const Pilot* pilot = parsed.record ? std::get_if<Pilot>(&*parsed.record) : nullptr;
  if (pilot == nullptr) {
    std::cerr << (lang == Lang::zh ? fmt::format("pilot: 拒绝修改：{} 无法读取为试点记录（先运行 pilot validate 修正）\n", rel)
                                   : fmt::format("pilot: refused: {} cannot be read as a pilot (run `pilot validate` and fix it first)\n", rel));
    return 1;
  }

  DecisionEdit edit = edit_decision(bytes, *pilot, o.decision, *date, o.force ? Force::yes : Force::no);
  if (edit.result == DecisionEdit::Result::unchanged) {
    std::cerr << "pilot: " << edit.reason.in(lang) << "\n";
    return 0;
  }
  if (edit.result == DecisionEdit::Result::refused) {
    std::cerr << fmt::format("pilot: {}: {}\n  {} {}\n", lang == Lang::zh ? "拒绝修改" : "refused", edit.reason.in(lang),
                             lang == Lang::zh ? "提示：" : "hint:", edit.hint.in(lang));
    return 1;
  }

  WriteRequest request;
  request.kind = Kind::pilot;
  request.rel = rel;
  request.text = std::move(edit.text);
  request.overwrite = Overwrite::yes;
  request.lines = std::move(edit.lines);
  request.force = o.force ? Force::yes : Force::no;
  request.dry_run = o.dry_run ? DryRun::yes : DryRun::no;
  WriteOutcome outcome = write_record(repo, request, today, fault ? *fault : posix_file_system());
  return report_write(outcome, request, g);
}

void add_decision(CLI::App& app, Globals& g, Decision decision) {
  bool approve = decision == Decision::approve;
  CLI::App* sub = app.add_subcommand(
      approve ? "approve" : "reject",
      approve ? "record that the province approved a pilot application / 记录省里批准了试点申报"
              : "record that the province rejected a pilot application / 记录省里未通过试点申报");
  auto o = std::make_shared<DecideOptions>();
  o->decision = decision;
  sub->add_option("pilot", o->pilot, "试点编号 / pilot ID")->required();
  as_date(sub->add_option("--date", o->date,
                          approve ? "批准日期 / approval date, YYYY-MM-DD"
                                  : "未通过日期 / rejection date, YYYY-MM-DD"))
      ->required();
  sub->add_flag("--force", o->force,
                "change a decision already recorded, or write even if it brings new errors"
                " / 更改已记录的决定，或即使带来新错误也写入");
  sub->add_flag("--dry-run", o->dry_run, "print the edited file instead of writing it / 只显示修改后的文件");
  sub->callback([o, &g] {
    try {
      g.exit_code = run_decide(*o, g);
    } catch (const WriteError& e) {
      g.exit_code = report_write_error(e, g);
    }
  });
}

}  // namespace

void setup_decide(CLI::App& app, Globals& g) {
  add_decision(app, g, Decision::approve);
  add_decision(app, g, Decision::reject);
}

}  // namespace pilot::cli
