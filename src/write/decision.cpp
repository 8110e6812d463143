// approve / reject: edit the `status:` value and the decision date of a pilot file, keeping
// every other byte (comments, order, spacing, CRLF, a BOM) as it was.
#include <algorithm>

#include <fmt/format.h>

#include "lines.hpp"
#include "pilot/write.hpp"

namespace pilot {

namespace {

using lines::Line;
using lines::replace_scalar;
using lines::value_start;

DecisionEdit refused(Text reason, Text hint) {
  DecisionEdit e;
  e.result = DecisionEdit::Result::refused;
  e.reason = std::move(reason);
  e.hint = std::move(hint);
  return e;
}

Text by_hand() {
  return {"这个文件的写法无法自动修改：请手工把 status 改为新状态，并加上 approved: 或 rejected: 日期",
          "this file is written in a way pilot cannot edit safely: set status and approved: / rejected: by hand"};
}

}  // namespace

DecisionEdit edit_decision(std::string_view bytes, const Pilot& pilot, Decision decision, const Date& date, Force force) {
  const bool approve = decision == Decision::approve;
  const PilotStatus target = approve ? PilotStatus::approved : PilotStatus::rejected;
  const char* key = approve ? "approved" : "rejected";
  const char* other_key = approve ? "rejected" : "approved";
  const Located<Date>& mine = approve ? pilot.approved : pilot.rejected;
  const char* verb_zh = approve ? "批准" : "未通过";
  const std::string id = pilot.id.value;

  if (!pilot.status.valid) {
    return refused({fmt::format("试点 {} 的 status 缺失或无效，无法记录省里的决定", id),
                    fmt::format("pilot {} has no valid status, so the decision cannot be recorded", id)},
                   {"先修正 status（pilot validate 会指出问题）", "fix its status first (pilot validate shows the problem)"});
  }
  PilotStatus status = pilot.status.value;
  if (status == PilotStatus::draft) {
    return refused({fmt::format("试点 {} 还是草稿（draft），没有提交过申报，省里无从{}", id, verb_zh),
                    fmt::format("pilot {} is a draft: no application was submitted, so there is no decision to record", id)},
                   {"申报提交后先把 status 改为 submitted 并写上 submitted: 日期",
                    "once the application is in, set status: submitted and submitted: DATE first"});
  }
  if (status == target) {
    if (mine.valid && mine.value == date) {
      DecisionEdit e;
      e.result = DecisionEdit::Result::unchanged;
      e.reason = {fmt::format("试点 {} 已于 {} 记录为{}，无需修改", id, date.str(), verb_zh),
                  fmt::format("pilot {} is already {} on {}: nothing to change", id, key, date.str())};
      return e;
    }
    if (force == Force::no) {
      std::string when = mine.valid ? mine.value.str() : "?";
      return refused({fmt::format("试点 {} 已于 {} 记录为{}", id, when, verb_zh),
                      fmt::format("pilot {} is already {} on {}", id, key, when)},
                     {"要更正日期，加 --force", "to correct the date, add --force"});
    }
  }
  if ((status == PilotStatus::approved || status == PilotStatus::rejected) && status != target && force == Force::no) {
    return refused({fmt::format("试点 {} 已记录为 {}，不能直接改为 {}", id, pilot_status_name(status), key),
                    fmt::format("pilot {} is already {}; it cannot simply become {}", id, pilot_status_name(status), key)},
                   {"确认省里改变了决定后加 --force（会删除原来的日期行）",
                    "if the province really changed its decision, add --force (the old date line is removed)"});
  }

  lines::LineFile file = lines::split(bytes);
  const std::size_t old_count = file.lines.size();
  std::vector<Line>& lines = file.lines;
  const std::size_t indent = pilot.pos.column > 0 ? static_cast<std::size_t>(pilot.pos.column - 1) : 0;
  // The line of a key of the record's own mapping (first one: a repeated key is S001 anyway).
  auto key_line = [&](std::string_view k) -> Line* {
    for (auto& l : lines) {
      if (value_start(l.content, indent, k) != std::string_view::npos) return &l;
    }
    return nullptr;
  };
  auto cannot_find = [&](std::string_view k) {
    return refused({fmt::format("找不到 {} 的 {}: 行", id, k), fmt::format("cannot find the {}: line of {}", k, id)}, by_hand());
  };

  // 1. the status value
  Line* status_line = key_line("status");
  auto edited = status_line != nullptr
                    ? replace_scalar(status_line->content, value_start(status_line->content, indent, "status"),
                                     pilot_status_name(target))
                    : std::nullopt;
  if (!edited) return cannot_find("status");
  status_line->content = *edited;

  // 2. the date: set it where its key is, else insert it after submitted: (else after status:)
  if (Line* l = key_line(key)) {
    edited = replace_scalar(l->content, value_start(l->content, indent, key), date.str());
    if (!edited) return cannot_find(key);
    l->content = *edited;
  } else {
    Line* anchor = key_line("submitted");
    if (anchor == nullptr) anchor = status_line;
    auto pos = static_cast<std::size_t>(anchor - lines.data()) + 1;  // just after the anchor
    Line inserted;
    inserted.content = std::string(indent, ' ') + key + ": " + date.str();
    if (anchor->eol.empty()) {
      // The anchor was the last line, without a line end: keep "no line end at the end".
      anchor->eol = file.eol;
    } else {
      inserted.eol = anchor->eol;
    }
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(pos), std::move(inserted));
  }

  // 3. a forced change of decision drops the opposite date line
  bool reversing = status == (approve ? PilotStatus::rejected : PilotStatus::approved);
  if (Line* l = reversing ? key_line(other_key) : nullptr) {
    auto it = lines.begin() + (l - lines.data());
    if (it->eol.empty() && it != lines.begin()) std::prev(it)->eol.clear();
    lines.erase(it);
  }

  DecisionEdit e;
  e.result = DecisionEdit::Result::edited;
  e.text = file.bom;
  e.lines.new_line_of.assign(old_count, 0);
  int n = 0;
  for (const auto& l : lines) {
    ++n;
    e.text += l.content;
    e.text += l.eol;
    if (l.old > 0) e.lines.new_line_of[static_cast<std::size_t>(l.old - 1)] = n;
  }
  return e;
}

}  // namespace pilot
