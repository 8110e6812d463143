// pilot add KIND: one new record from flags, checked by every rule before it is written
// (SPEC §4). Exit 0 written, 1 refused, 2 usage. The flags are the kind's field table
// (include/pilot/fields.hpp): one per field, '_' written '-'; their values are read by the
// loader's own reader (read_flags), so a value means on the command line what it means in a file.
#include <cstdlib>
#include <deque>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "pilot/editors.hpp"
#include "pilot/fields.hpp"
#include "pilot/schema.hpp"
#include "writing.hpp"

namespace pilot::cli {

namespace {

struct AddOptions {
  Kind kind = Kind::college;
  bool force = false;
  bool dry_run = false;
  bool strict = false;
  std::deque<FlagSlot> slots;  // a deque: CLI11 keeps pointers into the slots
};

// The flags given. A pilot without --status takes the status its dates say (approved,
// rejected, submitted, else draft).
std::vector<GivenFlag> add_given(const AddOptions& o) {
  std::vector<GivenFlag> given = given_flags(o.slots);
  if (o.kind == Kind::pilot && !was_given(o.slots, "status")) {
    const char* status = was_given(o.slots, "approved")    ? "approved"
                         : was_given(o.slots, "rejected")  ? "rejected"
                         : was_given(o.slots, "submitted") ? "submitted"
                                                           : "draft";
    given.push_back(GivenFlag{*find_flag(Kind::pilot, "--status"), {status}});
  }
  return given;
}

struct KindEntry {
  Kind kind;
  const char* help;
};

constexpr KindEntry k_kind_entries[] = {
    {Kind::college, "二级学院 / a college"},
    {Kind::major, "专业 / a major"},
    {Kind::certificate, "证书 / a certificate of the MoE list"},
    {Kind::pilot, "试点申报 / a pilot application"},
    {Kind::quota_change, "指标修改申请 / a quota change"},
    {Kind::exam, "考试批次 / an exam batch"},
    {Kind::report, "双周报 / a fortnightly report"},
    {Kind::site, "考核站点协议 / a site agreement"},
    {Kind::fund, "经费收支 / a fund entry"},
};

int run_add(const AddOptions& o, const Globals& g) {
  Lang lang = lang_of(g);
  Date today = as_of(g);
  FlagRecord read = read_flags(o.kind, add_given(o));
  if (read.error) throw UsageError(read.error->message.in(lang));
  AnyRecord record = std::move(read.record);
  auto fault = test_file_system();
  {
    // Refuse what can never be placed before touching the repository (even its lock): the
    // due date of a report and the year of a quota change are only known after loading.
    AnyRecord probe = record;
    if (auto* f = std::get_if<Fund>(&probe); f != nullptr && !f->id.present) {
      f->id.value = "0001";  // the next free number, known after loading
      f->id.present = f->id.valid = true;
    }
    if (auto* rep = std::get_if<Report>(&probe); rep != nullptr && !rep->due.present) {
      rep->due.value = today;
      rep->due.present = rep->due.valid = true;
    }
    RecordPath early = record_path(probe, today.year);
    if (!early.ok()) throw UsageError(early.error.in(lang));
  }

  std::optional<RepositoryLock> lock;
  Repository repo = load_locked(g, o.dry_run ? nullptr : &lock);

  if (auto* f = std::get_if<Fund>(&record)) fill_fund_defaults(*f, repo);
  if (auto* rep = std::get_if<Report>(&record)) {
    Text missing = fill_report_defaults(*rep, repo, today);  // the due date decides the path
    if (!missing.empty()) throw UsageError(missing.in(lang));
  }
  if (const auto* p = std::get_if<Pilot>(&record); p != nullptr && p->year.present) {
    const int y = p->year.value;
    if (repo.config.calendar(y) == nullptr) {  // its dates cannot be checked (S007 when submitted)
      std::cerr << (lang == Lang::zh
                        ? fmt::format("pilot: 注意：pilot.toml 还没有 [calendar.{0}]；请运行 pilot year open {0}\n", y)
                        : fmt::format("pilot: note: pilot.toml has no [calendar.{0}] yet; run `pilot year open {0}`\n",
                                      y));
    }
  }
  int year = today.year;
  if (auto* q = std::get_if<QuotaChange>(&record)) year = quota_change_year(*q, repo, today);
  RecordPath path = record_path(record, year);
  if (!path.ok()) throw UsageError(path.error.in(lang));
  if (auto* q = std::get_if<QuotaChange>(&record)) fill_quota_change_defaults(*q, repo, today, path.rel);

  WriteRequest request;
  request.kind = o.kind;
  request.rel = path.rel;
  // The first line lets editors (yaml-language-server) validate and complete the file with the
  // schema `pilot init` stores under .pilot/schema/, when the repository has it.
  request.text = modeline_if_schema_exists(repo.root, o.kind, path.rel) + render_record(record);
  request.overwrite = o.force ? Overwrite::yes : Overwrite::no;
  request.force = o.force ? Force::yes : Force::no;
  request.dry_run = o.dry_run ? DryRun::yes : DryRun::no;
  request.strict = o.strict ? Strict::yes : Strict::no;
  WriteOutcome outcome = write_record(repo, request, today, fault ? *fault : posix_file_system());
  return report_write(outcome, request, g);
}

}  // namespace

void setup_add(CLI::App& app, Globals& g) {
  CLI::App* add = app.add_subcommand("add", "write one new record, checked by every rule first"
                                            " / 新增一条记录（先检查全部规则）");
  add->require_subcommand(1);
  for (const auto& entry : k_kind_entries) {
    CLI::App* sub = add->add_subcommand(kind_name(entry.kind), entry.help);
    sub->fallthrough();
    auto o = std::make_shared<AddOptions>();
    o->kind = entry.kind;
    add_kind_aliases(sub, entry.kind);
    register_record_flags(sub, record_flags(entry.kind), o->slots, true);
    if (entry.kind == Kind::fund) {  // a fund's --id defaults to the next free number of its year
      for (FlagSlot& slot : o->slots) {
        if (slot.flag.block == nullptr && slot.flag.field->key == "id") slot.option->required(false);
      }
    }
    sub->add_flag("--force", o->force, "write even if it brings new errors, or replace an existing file / 即使带来新错误或文件已存在也写入");
    sub->add_flag("--dry-run", o->dry_run, "print the file instead of writing it / 只显示将写入的内容");
    sub->add_flag("--strict", o->strict, "refuse a new warning too / 带来新警告也不写入");
    sub->callback([o, &g] {
      try {
        g.exit_code = run_add(*o, g);
      } catch (const WriteError& e) {
        g.exit_code = report_write_error(e, g);
      }
    });
  }
}

}  // namespace pilot::cli
