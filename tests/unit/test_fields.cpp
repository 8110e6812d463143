// The field tables (include/pilot/fields.hpp) and every consumer they drive: a field of a
// table that the reader, the writer, the JSON Schema, `pilot list`, the flags of `pilot add`,
// the completions or docs/data-format.md leaves out fails here.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "pilot/fields.hpp"
#include "pilot/repository.hpp"
#include "pilot/schema.hpp"
#include "pilot/write.hpp"
#include "render/list_fields.hpp"

using namespace pilot;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A valid value of a field's type, as a command line would give it.
std::string sample(const FieldSpec& f) {
  switch (f.type) {
    case FieldType::text:
      return "示例";
    case FieldType::id:
      return "x-1";
    case FieldType::major_code:
      return "510201";
    case FieldType::year:
      return "2026";
    case FieldType::count:
    case FieldType::quota:
      return "7";
    case FieldType::date:
      return "2026-05-01";
    case FieldType::boolean:
      return "true";
    case FieldType::money:
      return "12.50";
    case FieldType::enumeration:
    case FieldType::levels:
      return std::string(f.values->values.back().name);
    case FieldType::block:
      break;
  }
  return "";
}

// The same value as a file writes it.
std::string sample_yaml(const FieldSpec& f) {
  return f.type == FieldType::major_code ? "\"" + sample(f) + "\""
         : f.type == FieldType::levels   ? "[" + sample(f) + "]"
                                         : sample(f);
}

std::string block_yaml(const FieldSpec& f) {
  std::string items;
  for (const FieldSpec& p : f.parts)
    items += (items.empty() ? "" : ", ") + std::string(p.key) + ": " + sample_yaml(p);
  if (f.shape == BlockShape::entries) return "\n  - { " + items + " }";
  if (f.shape == BlockShape::pairs) return "{ \"510201\": 7 }";
  return "{ " + items + " }";
}

// A record of `kind` with every field of its table (and notes and waivers) set.
std::string full_record(Kind kind) {
  std::string text;
  for (const FieldSpec& f : kind_spec(kind).fields) {
    text += std::string(f.key) + ": " + (f.is_block() ? block_yaml(f) : sample_yaml(f)) + "\n";
  }
  return text + "notes: 备注\nwaivers: { R301: 理由 }\n";
}

std::string path_of(Kind kind) {
  if (kind == Kind::report) return "reports/2026/510201/2026-05-01.yaml";
  bool yearly =
      kind == Kind::pilot || kind == Kind::quota_change || kind == Kind::exam || kind == Kind::fund;
  return fmt::format("{}/{}x-1.yaml", kind_folder(kind), yearly ? "2026/" : "");
}

ParsedFile parse_full(Kind kind) { return parse_record(kind, path_of(kind), full_record(kind)); }

std::vector<std::string> s002(const ParsedFile& p) {
  std::vector<std::string> out;
  for (const auto& d : p.diagnostics) {
    if (d.rule == "S002") out.push_back(d.message.en);
  }
  return out;
}

// Every flag of a kind given a valid value.
std::vector<GivenFlag> full_flags(Kind kind) {
  std::vector<GivenFlag> given;
  for (const FlagRef& flag : record_flags(kind)) {
    const FieldSpec& f = *flag.field;
    GivenFlag g{flag, {}};
    switch (flag.shape) {
      case FlagShape::value:
      case FlagShape::list:
        g.values = {sample(f)};
        break;
      case FlagShape::on:
        break;
      case FlagShape::pair:
        g.values = {&f == &common_fields()[1] ? "R301:理由" : "510201:7"};
        break;
      case FlagShape::entry: {
        std::string v;
        for (const FieldSpec& p : f.parts) v += (v.empty() ? "" : ":") + sample(p);
        g.values = {v};
        break;
      }
    }
    if (f.key == "notes") g.values = {"备注"};
    given.push_back(std::move(g));
  }
  return given;
}

// Whether a line at or after `from` (a line start) begins with "key:"; `from` moves past it.
bool starts_line(const std::string& text, const std::string& key, std::size_t& from) {
  for (std::size_t at = from; at < text.size();) {
    if (text.compare(at, key.size() + 1, key + ":") == 0) {
      auto next = text.find('\n', at);
      from = next == std::string::npos ? text.size() : next + 1;
      return true;
    }
    auto next = text.find('\n', at);
    if (next == std::string::npos) break;
    at = next + 1;
  }
  return false;
}

}  // namespace

TEST_CASE("fields: every kind's table reads back from a file with every field present and valid") {
  for (Kind kind : k_all_kinds) {
    CAPTURE(kind_name(kind));
    ParsedFile p = parse_full(kind);
    INFO(full_record(kind));
    CHECK(s002(p).empty());
    REQUIRE(p.record);
    RecordBase& base = record_base(*p.record);
    for (const FieldSpec& f : kind_spec(kind).fields) {
      CAPTURE(f.key);
      if (f.is_block()) {
        CHECK(field_yaml(*p.record, f).has_value());
        continue;
      }
      bool present = false, valid = false;
      std::visit(
          [&](auto r) {
            if constexpr (std::is_pointer_v<decltype(r)>) {
              present = r->present;
              valid = r->valid;
            } else if constexpr (!std::is_same_v<decltype(r), std::monostate>) {
              present = r.text->present;
              valid = r.value->valid;
            }
          },
          field_ref(f, base));
      CHECK(present);
      CHECK(valid);
    }
    CHECK(base.notes.valid);
    CHECK(base.waivers.count("R301") == 1);
  }
}

TEST_CASE(
    "fields: the writer writes every field of the table, in table order, then notes and waivers") {
  for (Kind kind : k_all_kinds) {
    CAPTURE(kind_name(kind));
    ParsedFile p = parse_full(kind);
    REQUIRE(p.record);
    std::string text = render_record(*p.record);
    INFO(text);
    std::size_t from = 0;
    for (const FieldSpec& f : kind_spec(kind).fields) {
      CAPTURE(f.key);
      CHECK(starts_line(text, std::string(f.key), from));
    }
    for (const FieldSpec& f : common_fields()) CHECK(starts_line(text, std::string(f.key), from));
    // What pilot writes reads back as the same record.
    ParsedFile again = parse_record(kind, path_of(kind), text);
    CHECK(s002(again).empty());
    REQUIRE(again.record);
    CHECK(render_record(*again.record) == text);
  }
}

TEST_CASE(
    "fields: the JSON Schema has every field as a property, in table order, required as the table "
    "says") {
  for (Kind kind : k_all_kinds) {
    CAPTURE(kind_name(kind));
    auto schema = record_schema(kind);
    std::vector<std::string> keys, expected, required, expected_required;
    for (const auto& [key, value] : schema["properties"].items()) keys.push_back(key);
    for (const FieldSpec& f : kind_spec(kind).fields) {
      expected.emplace_back(f.key);
      if (f.need == Need::required) expected_required.emplace_back(f.key);
      if (!f.is_block() || f.shape == BlockShape::pairs) continue;
      auto block = schema["properties"][std::string(f.key)];
      auto props =
          f.shape == BlockShape::entries ? block["items"]["properties"] : block["properties"];
      for (const FieldSpec& part : f.parts) CHECK(props.contains(std::string(part.key)));
    }
    for (const FieldSpec& f : common_fields()) expected.emplace_back(f.key);
    CHECK(keys == expected);
    if (schema.contains("required")) {
      for (const auto& r : schema["required"]) required.push_back(r.get<std::string>());
    }
    CHECK(required == expected_required);
  }
}

TEST_CASE("fields: pilot list has every field of the table as a JSON key and a CSV column") {
  for (Kind kind : k_all_kinds) {
    CAPTURE(kind_name(kind));
    ParsedFile p = parse_full(kind);
    REQUIRE(p.record);
    ListEntry entry;
    entry.record = &record_base(*p.record);
    list_detail::Fields listed = list_detail::list_fields(kind, &entry);
    std::set<std::string> columns;
    for (const auto& [column, cell] : listed.csv) columns.insert(column);
    for (const FieldSpec& f : kind_spec(kind).fields) {
      CAPTURE(f.key);
      std::string key(f.key);
      CHECK(listed.json.contains(key));
      if (!listed.json.contains(key)) continue;
      CHECK_FALSE(listed.json[key].is_null());
      if (!f.is_block()) CHECK(columns.count(key) == 1);
      if (!f.list.header.empty() && !f.is_block()) {
        bool shown = false;
        for (const auto& cell : listed.cells) shown = shown || cell.header.en == f.list.header.en;
        CHECK(shown);
      }
    }
    for (const FieldSpec& f : common_fields()) CHECK(listed.json.contains(std::string(f.key)));
  }
}

TEST_CASE(
    "fields: every flag of every kind reads through the loader's reader into the same record as a "
    "file") {
  for (Kind kind : k_all_kinds) {
    CAPTURE(kind_name(kind));
    ParsedFile file = parse_full(kind);
    REQUIRE(file.record);
    FlagRecord flags = read_flags(kind, full_flags(kind));
    CHECK_FALSE(flags.error.has_value());
    CHECK(render_record(flags.record) == render_record(*file.record));
    // Every field of the table has a flag (a mapping block's parts one each).
    std::set<const FieldSpec*> flagged;
    for (const FlagRef& f : record_flags(kind))
      flagged.insert(f.block != nullptr ? f.block : f.field);
    for (const FieldSpec& f : kind_spec(kind).fields) CHECK(flagged.count(&f) == 1);
  }
}

TEST_CASE("fields: the committed completions offer every flag of every kind") {
  std::string bash = read_file(fs::path(PILOT_SOURCE_DIR) / "completions" / "pilot.bash");
  for (Kind kind : k_all_kinds) {
    CAPTURE(kind_name(kind));
    std::string head = fmt::format("'add {}') echo '", kind_name(kind));
    auto at = bash.find(head);
    REQUIRE(at != std::string::npos);
    std::string line = bash.substr(at, bash.find('\n', at) - at) + " ";
    for (const FlagRef& f : record_flags(kind)) {
      for (const std::string& name : f.names) {
        CAPTURE(name);
        CHECK(line.find(" " + name + " ") != std::string::npos);
      }
    }
  }
}

TEST_CASE("fields: docs/data-format.md's field tables are what the tables generate") {
  fs::path doc = fs::path(PILOT_SOURCE_DIR) / "docs" / "data-format.md";
  std::string text = read_file(doc);
  CHECK_MESSAGE(splice_field_tables(text) == text,
                "docs/data-format.md is stale: regenerate it with "
                "`pilot __data-format docs/data-format.md > x && mv x docs/data-format.md`");
  for (Kind kind : k_all_kinds) {
    std::string table = field_table_markdown(kind);
    for (const FieldSpec& f : kind_spec(kind).fields)
      CHECK(table.find("| `" + std::string(f.key) + "` |") != std::string::npos);
  }
  CHECK_THROWS_AS(splice_field_tables("no markers"), std::invalid_argument);
}

TEST_CASE("fields: a report's sections are model.hpp's k_report_sections") {
  const FieldSpec* sections = find_field(Kind::report, "sections");
  REQUIRE(sections != nullptr);
  REQUIRE(sections->parts.size() == std::size(k_report_sections));
  for (std::size_t i = 0; i < sections->parts.size(); ++i)
    CHECK(sections->parts[i].key == k_report_sections[i]);
}

TEST_CASE("fields: enums — the first spelling is written, aliases are read, hints list both") {
  CHECK(std::string(level_name(Level::intermediate)) == "中级");
  CHECK(std::string(level_name_en(Level::intermediate)) == "intermediate");
  CHECK(parse_level("senior") == Level::senior);
  CHECK(parse_pilot_status("已批准") == PilotStatus::approved);
  CHECK(parse_fund_category("校内劳务") == FundCategory::internal_labor);
  CHECK_FALSE(parse_exam_status("done").has_value());
  CHECK(enum_choices(enum_spec<Level>()) == "初级、中级、高级 (junior, intermediate, senior)");
  CHECK(enum_choices(enum_spec<ExamStatus>()) == "planned, held（计划、已考）");
  CHECK(enum_index(contract_process_spec(), "非采购合同") == std::optional<std::size_t>(0));
}

TEST_CASE("fields: lookups by key, path and flag spelling") {
  CHECK(find_field(Kind::pilot, "plan")->type == FieldType::text);
  CHECK(find_field(Kind::pilot, "accounts.admin")->key == "admin");
  CHECK(find_field(Kind::pilot, "notes") == &common_fields()[0]);
  CHECK(find_field(Kind::pilot, "nosuch") == nullptr);
  CHECK(find_field(Kind::pilot, "plan.x") == nullptr);
  auto admin = find_flag(Kind::pilot, "--admin-account");
  REQUIRE(admin);
  CHECK(admin->name() == "--admin");
  CHECK(admin->path() == "accounts.admin");
  CHECK(find_flag(Kind::pilot, "--majors")->path() == "majors[]");
  CHECK(find_flag(Kind::pilot, "--lead-major")->path() == "lead_major");
  CHECK(find_flag(Kind::quota_change, "--stamped")->shape == FlagShape::on);
  CHECK_FALSE(find_flag(Kind::college, "--plan"));
}

TEST_CASE(
    "fields: read_flags — one value parser, a bad value names its flag, missing keys wait for the "
    "write check") {
  auto flag = [](Kind kind, const char* name, std::vector<std::string> values) {
    return GivenFlag{*find_flag(kind, name), std::move(values)};
  };
  SUBCASE("values mean what they mean in a file: aliases, money, codes") {
    FlagRecord r = read_flags(
        Kind::fund, {flag(Kind::fund, "--id", {"0001"}), flag(Kind::fund, "--direction", {"支出"}),
                     flag(Kind::fund, "--amount", {"5.5"})});
    CHECK_FALSE(r.error);
    const Fund& f = std::get<Fund>(r.record);
    CHECK(f.direction.value == Direction::expense);
    CHECK(f.amount_fen.value == 550);
    CHECK(*field_yaml(r.record, *find_field(Kind::fund, "amount")) == "5.50");
    CHECK(*field_yaml(r.record, *find_field(Kind::fund, "direction")) == "expense");
    CHECK(*field_yaml(r.record, *find_field(Kind::fund, "id")) == "\"0001\"");
    CHECK_FALSE(field_yaml(r.record, *find_field(Kind::fund, "pilot")));
  }
  SUBCASE("a bad value is an error naming the flag, in both languages") {
    FlagRecord r = read_flags(Kind::pilot, {flag(Kind::pilot, "--id", {"p"}),
                                            flag(Kind::pilot, "--major", {"510201:x:李"})});
    REQUIRE(r.error);
    CHECK(r.error->flag == "--major");
    CHECK(r.error->message.en.rfind("--major: \"majors[1].quota\" must be a whole number", 0) == 0);
    CHECK(r.error->message.zh.rfind("--major：", 0) == 0);
  }
  SUBCASE("an entry with too few parts") {
    FlagRecord r = read_flags(Kind::exam, {flag(Kind::exam, "--result", {"510201:1:1"})});
    REQUIRE(r.error);
    CHECK(r.error->message.en ==
          "--result: \"510201:1:1\" must be 4 values separated by ':' "
          "(major:registered:attended:passed)");
  }
  SUBCASE("a value the record cannot keep") {
    FlagRecord r =
        read_flags(Kind::site, {flag(Kind::site, "--contract-process", {"procurement"})});
    REQUIRE(r.error);
    CHECK(r.error->flag == "--contract-process");
  }
  SUBCASE("a signatory the enum does not know is kept as written (R401 judges it)") {
    FlagRecord r = read_flags(Kind::site, {flag(Kind::site, "--signatory", {"校长"})});
    CHECK_FALSE(r.error);
    CHECK(*field_yaml(r.record, *find_field(Kind::site, "signatory")) == "校长");
  }
  SUBCASE("a missing key is not a flag's error: the write check reports it") {
    FlagRecord r = read_flags(Kind::pilot, {flag(Kind::pilot, "--status", {"approved"})});
    CHECK_FALSE(r.error);
  }
  SUBCASE("waivers are kept as given, even ones the write check refuses") {
    FlagRecord r =
        read_flags(Kind::college, {flag(Kind::college, "--waiver", {"S003:x", "R301:"})});
    CHECK_FALSE(r.error);
    CHECK(record_base(r.record).waivers.size() == 2);
    FlagRecord bad = read_flags(Kind::college, {flag(Kind::college, "--waiver", {"R301"})});
    REQUIRE(bad.error);
    CHECK(bad.error->flag == "--waiver");
  }
  SUBCASE("the document the flags make: table order, a line per value") {
    FlagDocument doc = flags_document(
        Kind::pilot, {flag(Kind::pilot, "--plan", {"计划"}), flag(Kind::pilot, "--id", {"p"}),
                      flag(Kind::pilot, "--exam", {"e"})});
    REQUIRE(doc.root.entries.size() == 3);
    CHECK(doc.root.entries[0].first.value == "id");
    CHECK(doc.root.entries[1].first.value == "accounts");
    CHECK(doc.root.entries[1].second.entries[0].second.line == 2);
    CHECK(doc.root.entries[2].first.value == "plan");
    CHECK(doc.sources[0] == std::pair<std::string, std::string>{"--id", "p"});
  }
}

TEST_CASE("fields: docs/writing.md's table of add flags names every flag of every kind") {
  std::string doc = read_file(fs::path(PILOT_SOURCE_DIR) / "docs" / "writing.md");
  auto row_of = [&](const std::string& kind) {
    auto at = doc.find("\n| " + kind + " | ");
    REQUIRE_MESSAGE(at != std::string::npos, "docs/writing.md has no row for " << kind);
    return doc.substr(at + 1, doc.find('\n', at + 1) - at - 1);
  };
  for (Kind kind : k_all_kinds) {
    CAPTURE(kind_name(kind));
    std::string row = row_of(kind_name(kind));
    std::string common = row_of("every kind");
    for (const FlagRef& f : record_flags(kind)) {
      CAPTURE(f.name());
      const std::string& in = f.field == &common_fields()[0] || f.field == &common_fields()[1] ? common : row;
      CHECK((in.find("`" + f.name() + "`") != std::string::npos ||
             in.find("`" + f.name() + " ") != std::string::npos));
    }
  }
}
