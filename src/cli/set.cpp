// pilot set KIND ID --FIELD VALUE ...: change fields of an existing record with the flags of
// `add`, changing only the lines of those fields (SPEC §4). The record is read back and every
// rule runs with the change, as for `add`. Exit 0 written (or nothing to change), 1 refused,
// 2 usage (an unknown record, a bad value).
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "pilot/yaml.hpp"
#include "writing.hpp"

namespace pilot::cli {

namespace {

struct SetOptions {
  Kind kind = Kind::college;
  std::string id;
  std::vector<std::string> drop_waivers;
  bool force = false;
  bool dry_run = false;
  bool strict = false;
  std::deque<FlagSlot> slots;
};

std::string read_bytes(const std::filesystem::path& file, const std::string& rel) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  if (in) ss << in.rdbuf();
  if (!in || in.bad()) {
    throw WriteError({fmt::format("无法读取 {}；未写入任何内容", rel),
                      fmt::format("cannot read {}; nothing was written", rel)});
  }
  return ss.str();
}

// The one file `o.id` names, else a usage error with a "did you mean".
std::string file_of(const Repository& repo, const SetOptions& o) {
  std::vector<std::string> files = record_files(repo, o.kind, o.id);
  if (files.size() == 1) return files.front();
  const char* kind = kind_name(o.kind);
  if (files.size() > 1) {
    std::string list;
    for (const auto& f : files) list += (list.empty() ? "" : ", ") + f;
    throw UsageError(Text{fmt::format("“{}” 对应多个{}记录：{}", o.id, kind_name_zh(o.kind), list),
                          fmt::format("\"{}\" names more than one {}: {}", o.id, kind, list)},
                     Text{"请写出文件路径", "give the file's path"});
  }
  std::vector<std::string> ids = record_ids(repo, o.kind);
  std::string guess = closest_match(o.id, std::vector<std::string_view>(ids.begin(), ids.end()));
  Text hint = guess.empty() ? Text{fmt::format("pilot list {} 列出全部", kind),
                                   fmt::format("`pilot list {}` lists them", kind)}
                            : Text{fmt::format("是不是想写 “{}”？", guess),
                                   fmt::format("did you mean \"{}\"?", guess)};
  throw UsageError(Text{fmt::format("没有{} “{}”", kind_name_zh(o.kind), o.id),
                        fmt::format("there is no {} \"{}\"", kind, o.id)},
                   std::move(hint));
}

int run_set(const SetOptions& o, const Globals& g) {
  Lang lang = lang_of(g);
  Date today = as_of(g);
  std::vector<GivenFlag> given = given_flags(o.slots);
  if (given.empty() && o.drop_waivers.empty()) {
    throw UsageError(Text{"没有要修改的字段", "nothing to change"},
                     Text{"pilot set KIND ID --字段 值；--help 列出全部字段",
                          "pilot set KIND ID --FIELD VALUE; --help lists the fields"});
  }
  auto fault = test_file_system();
  std::optional<RepositoryLock> lock;
  Repository repo = load_locked(g, o.dry_run ? nullptr : &lock);
  const std::string rel = file_of(repo, o);

  // The bytes as they are now, under the lock.
  std::string bytes = read_bytes(repo.root / rel, rel);
  YamlParse parsed = parse_yaml(bytes);
  if (!parsed.ok || !parsed.root.is_map()) {
    std::cerr << (lang == Lang::zh
                      ? fmt::format(
                            "pilot: 拒绝修改：{} 无法读取为记录（先运行 pilot validate 修正）\n",
                            rel)
                      : fmt::format(
                            "pilot: refused: {} cannot be read as a record (run `pilot validate` "
                            "and fix it first)\n",
                            rel));
    return 1;
  }
  FlagRecord target = apply_flags(o.kind, parsed.root, given, o.drop_waivers);
  if (target.error) throw UsageError(target.error->message);

  RecordEdit edit = edit_record(bytes, o.kind, target.record);
  if (edit.result == RecordEdit::Result::unchanged) {
    std::cerr << (lang == Lang::zh
                      ? fmt::format("pilot: {} 已是这些值，无需修改\n", rel)
                      : fmt::format("pilot: {} already holds these values; nothing to change\n",
                                    rel));
    return 0;
  }
  if (edit.result == RecordEdit::Result::refused) {
    std::cerr << fmt::format("pilot: {}: {}\n  {} {}\n", lang == Lang::zh ? "拒绝修改" : "refused",
                             edit.reason.in(lang),
                             lang == Lang::zh ? "提示：" : "hint:", edit.hint.in(lang));
    return 1;
  }
  for (const std::string& what : edit.rewritten) {
    std::cerr << (lang == Lang::zh
                      ? fmt::format("pilot: 注意：{} 的 {} 跨多行书写，已改写为 pilot 的格式\n",
                                    rel, what)
                      : fmt::format("pilot: note: {} in {} was written over several lines and is "
                                    "rewritten in pilot's style\n",
                                    what, rel));
  }

  WriteRequest request;
  request.kind = o.kind;
  request.rel = rel;
  request.text = std::move(edit.text);
  request.overwrite = Overwrite::yes;
  request.lines = std::move(edit.lines);
  request.force = o.force ? Force::yes : Force::no;
  request.dry_run = o.dry_run ? DryRun::yes : DryRun::no;
  request.strict = o.strict ? Strict::yes : Strict::no;
  WriteOutcome outcome = write_record(repo, request, today, fault ? *fault : posix_file_system());
  const std::string diff = line_diff(bytes, request.text, rel);
  return report_write(outcome, request, g, fmt::format("pilot set {} {}", kind_name(o.kind), o.id),
                      &diff);
}

}  // namespace

void setup_set(CLI::App& app, Globals& g) {
  CLI::App* set = app.add_subcommand(
      "set",
      "change fields of an existing record, only those lines / 修改已有记录的字段（只改这些行）");
  set->require_subcommand(1);
  for (Kind kind : k_all_kinds) {
    CLI::App* sub = set->add_subcommand(
        kind_name(kind), fmt::format("{} / {}", kind_name_zh(kind), kind_name(kind)));
    sub->fallthrough();
    add_kind_aliases(sub, kind);
    auto o = std::make_shared<SetOptions>();
    o->kind = kind;
    sub->add_option("id", o->id,
                    kind == Kind::report
                        ? "专业代码/截止日期 / MAJOR/DUE (510201/2026-11-20), or the file's path"
                    : kind == Kind::quota_change ? "试点编号 / the pilot's ID, or the file's path"
                                                 : "编号 / ID, or the file's path")
        ->required();
    register_record_flags(sub, set_flags(kind), o->slots, false);
    sub->add_option("--drop-waiver", o->drop_waivers,
                    "remove the waiver of RULE / 删除该规则的豁免")
        ->allow_extra_args(false);
    sub->add_flag("--force", o->force, "write even if it brings new errors / 即使带来新错误也写入");
    sub->add_flag("--dry-run", o->dry_run,
                  "print the diff instead of writing / 只显示将做的修改（diff）");
    sub->add_flag("--strict", o->strict, "refuse a new warning too / 带来新警告也不写入");
    sub->callback([o, &g] {
      try {
        g.exit_code = run_set(*o, g);
      } catch (const WriteError& e) {
        g.exit_code = report_write_error(e, g);
      }
    });
  }
}

}  // namespace pilot::cli
