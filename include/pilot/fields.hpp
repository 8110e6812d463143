#pragma once
// One description per record kind (STYLE 13). For every field of every kind, one row says its
// YAML key, type, whether it is required (or when), its enum spellings, its titles, its
// `pilot add` / `pilot set` flag with the flag's help, and its `pilot list` column. Everything
// that handles fields is driven by these rows:
//
//   the loader's reader        src/records.cpp            reads the keys in table order
//   the JSON Schema            src/schema.cpp             `pilot schema`, .pilot/schema/
//   the YAML writer            src/write/yaml_emit.cpp    key order and spelling
//   `pilot add` (and `set`)    src/cli/add.cpp            flags, read through the reader
//   `pilot list`               src/views/list_fields.cpp  JSON keys, CSV columns, table
//   docs/data-format.md        src/fields_docs.cpp        the field tables (`pilot __data-format`)
//
// The rows are in src/fields_table.cpp. Adding an optional scalar field is a member in the
// record's struct (model.hpp) and a row there: docs/adding-a-field.md shows one.
// Nested blocks (a pilot's majors and accounts, an exam's results, a report's progress and
// sections, a quota change's breakdown) are declared here with their parts, and read, written
// and listed by hand-written code next to the generic one.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "pilot/diagnostic.hpp"
#include "pilot/model.hpp"
#include "pilot/repository.hpp"
#include "pilot/text.hpp"
#include "pilot/yaml.hpp"

namespace pilot {

// Bilingual text that can live in a constexpr table.
struct Words {
  std::string_view zh;
  std::string_view en;
  constexpr bool empty() const { return zh.empty() && en.empty(); }
  Text text() const { return {std::string(zh), std::string(en)}; }
};

// ---------------------------------------------------------------- enums

// One value of an enum: `name` is what pilot writes, `alias` is accepted too.
struct EnumValue {
  std::string_view name;
  std::string_view alias;
};

struct EnumSpec {
  std::span<const EnumValue> values;  // in the order of the C++ enum's values
  Words type;  // docs/data-format.md's type column: 枚举 enum, 等级 level
};

// The spellings of the model's enums (model.cpp's level_name, parse_level, ... read them).
template <class E>
const EnumSpec& enum_spec();
template <>
const EnumSpec& enum_spec<Level>();
template <>
const EnumSpec& enum_spec<PilotStatus>();
template <>
const EnumSpec& enum_spec<ExamStatus>();
template <>
const EnumSpec& enum_spec<Signatory>();
template <>
const EnumSpec& enum_spec<Direction>();
template <>
const EnumSpec& enum_spec<FundSource>();
template <>
const EnumSpec& enum_spec<FundCategory>();
// A site's contract_process: only non-procurement (the model keeps whether it is that).
const EnumSpec& contract_process_spec();

// The index of the value `text` spells (its name or its alias).
std::optional<std::size_t> enum_index(const EnumSpec& spec, std::string_view text);
// The values for a hint: "planned, held（计划、已考）"; "初级、中级、高级 (junior, ...)".
std::string enum_choices(const EnumSpec& spec);

// ---------------------------------------------------------------- fields

enum class FieldType {
  text,         // any scalar, kept as written (`name: 123` is the text "123")
  id,           // [a-z0-9][a-z0-9-]*
  major_code,   // 6 digits; written double-quoted
  year,         // whole number 2000..2100
  count,        // whole number 0..1,000,000
  quota,        // whole number -1,000,000..1,000,000 (R306 judges one <= 0)
  date,         // YYYY-MM-DD that exists
  boolean,      // true | false
  money,        // yuan >= 0 with at most two decimals; kept in fen
  enumeration,  // one of FieldSpec::values, by name or alias
  levels,       // a list of levels
  block,        // a nested mapping or list: FieldSpec::shape and FieldSpec::parts
};

// When a missing key is the reader's business. `required`: S002. `policy`: a policy rule
// reports it (FieldSpec::rule), not the reader. `optional`: may be left out. `when`: S002
// when FieldSpec::when holds, else optional.
enum class Need { required, policy, optional, when };

// "Required when the field `key` has one of `values`" (enum names, as written).
struct When {
  std::string_view key = {};
  std::span<const std::string_view> values = {};
};

enum class BlockShape {
  entries,  // a list of mappings, one per major: `majors`, `results`
  mapping,  // a mapping with fixed keys: `accounts`, `progress`, `sections`
  pairs,    // major code -> count: `breakdown`
};

// A field's flag. Its spelling is "--" + key with '_' written '-' unless `names` says
// otherwise ("--major,--majors"); its shape follows from the field (FlagShape below).
struct FlagSpec {
  std::string_view names = {};  // comma-separated, the first is the flag's name; "" = derived
  std::string_view help = {};   // the --help text, "中文 / English"
  bool required = false;        // `pilot add` needs it (the reader may still fill a default)
};

// A field's `pilot list` column: JSON key and CSV column are the YAML key; the table shows
// the field when `header` is set. Numbers align right; `shrink` texts may be abbreviated.
struct ListSpec {
  Words header = {};
  bool shrink = false;
};

// A scalar field's value inside a record. TextAndEnum: the text as written and the enum it
// names when it names one (a site's signatory: R401 judges other text). A Located<bool> bound
// to an enumeration is true when the text spells its first value (contract_process).
template <class E>
struct TextAndEnum {
  Located<std::string>* text;
  Located<E>* value;
};
using FieldRef =
    std::variant<std::monostate, Located<std::string>*, Located<int>*, Located<long long>*,
                 Located<bool>*, Located<Date>*, Located<std::vector<Level>>*, Located<Level>*,
                 Located<PilotStatus>*, Located<ExamStatus>*, Located<Direction>*,
                 Located<FundSource>*, Located<FundCategory>*, TextAndEnum<Signatory>>;

struct FieldSpec {
  std::string_view key = {};
  FieldType type = FieldType::text;
  Need need = Need::optional;
  Words title = {};                  // JSON Schema title; the docs' meaning when no other
  Words description = {};            // JSON Schema description
  const EnumSpec* values = nullptr;  // enumeration and levels
  std::string_view rule = {};        // Need::policy: the rule that reports it missing
  Words need_note = {};  // docs: the condition ("多专业时", "required unless draft")
  When when = {};        // Need::when
  Words doc = {};        // docs/data-format.md's meaning (else the description or title)
  FlagSpec flag = {};
  ListSpec list = {};
  FieldRef (*ref)(RecordBase&) = nullptr;  // scalars: the record's member (bind<&T::m>)
  BlockShape shape = BlockShape::mapping;  // blocks
  std::span<const FieldSpec> parts = {};   // blocks: the keys of an entry / of the mapping
  Words item = {};                         // entries blocks: the title of one entry

  constexpr bool is_block() const { return type == FieldType::block; }
};

// One kind: its fields in the order pilot writes them (SPEC §2.2).
struct KindSpec {
  Kind kind;
  Words title;   // JSON Schema title: 试点申报 / pilot
  Words layout;  // JSON Schema description: pilots/<年>/<编号>.yaml
  std::span<const FieldSpec> fields;
};

const KindSpec& kind_spec(Kind kind);
// notes and waivers, which every record may carry (written last, read first).
std::span<const FieldSpec> common_fields();
// A field of `kind` by key: "plan", or a block's part as "accounts.admin"; common ones too.
const FieldSpec* find_field(Kind kind, std::string_view path);

// The binding of a row to a record member: `.ref = bind<&Site::expires>`.
template <class M>
struct MemberTraits;
template <class R, class T>
struct MemberTraits<T R::*> {
  using Record = R;
};
template <auto M>
FieldRef bind(RecordBase& record) {
  using R = typename MemberTraits<decltype(M)>::Record;
  return &(static_cast<R&>(record).*M);
}
template <auto Text, auto Value>
FieldRef bind_text_and_enum(RecordBase& record) {
  using R = typename MemberTraits<decltype(Text)>::Record;
  auto& r = static_cast<R&>(record);
  using E = decltype(std::remove_cvref_t<decltype(r.*Value)>::value);
  return TextAndEnum<E>{&(r.*Text), &(r.*Value)};
}

// The member a scalar row names in `record` (which must be of the row's kind).
FieldRef field_ref(const FieldSpec& field, RecordBase& record);
// The index of an enum field's value in its EnumSpec, when the value is valid.
std::optional<std::size_t> enum_value(const FieldRef& ref);
RecordBase& record_base(AnyRecord& record);
const RecordBase& record_base(const AnyRecord& record);

// Reads one record of `kind` from a YAML mapping as the loader does (S002 into `out`),
// without a file: what parse_record does after placing the file. (src/records.cpp)
AnyRecord read_record_node(Kind kind, const YNode& map, std::vector<Diagnostic>& out);

// The text pilot writes after "key:" for `field` of `record` (a kind's field or a common
// one), as render_record writes it: `"510201"` for a code, `approved` for 已批准, `12.50`
// for an amount; a block's text starts with '\n' when it is a block of lines. nullopt when
// the record lacks the field. A part of a block (accounts.admin) has no text of its own: ask
// for its block (FlagRef::block). (src/write/yaml_emit.cpp)
std::optional<std::string> field_yaml(const AnyRecord& record, const FieldSpec& field);

// ---------------------------------------------------------------- flags (`pilot add`, `pilot set`)

enum class FlagShape {
  value,  // one value: --lead-major 510201
  list,   // repeatable, each comma- or space-separated: --levels 初级,中级 --levels senior
  entry,  // repeatable, one entry of a block, parts split at ':': --major 510201:60:李老师
  pair,   // repeatable, KEY:VALUE: --breakdown 510201:55, --waiver R301:reason
  on,     // no value: --stamped means true
};

// One flag of `pilot add KIND` / `pilot set KIND`.
struct FlagRef {
  const FieldSpec* field = nullptr;  // what it sets: a scalar, a block, or a block's part
  const FieldSpec* block = nullptr;  // the mapping block of a part (--admin: accounts)
  FlagShape shape = FlagShape::value;
  std::vector<std::string> names;  // "--admin", "--admin-account": the first is its name
  std::string help;
  bool required = false;

  const std::string& name() const { return names.front(); }
  // Where the value goes in the record: "lead_major", "accounts.admin", "majors[]".
  std::string path() const;
};

// The flags of a kind in command-line order, then --notes and --waiver.
std::vector<FlagRef> record_flags(Kind kind);
// The flag spelled `spelling` ("--admin-account" finds --admin), if `kind` has one.
std::optional<FlagRef> find_flag(Kind kind, std::string_view spelling);

// What a command line gave one flag: its values in order (none for an `on` flag).
struct GivenFlag {
  FlagRef flag;
  std::vector<std::string> values;
};

// A flag value that cannot be what its field needs: `message` names the flag first
// ("--quota: ..."), in both languages. A usage error (exit 2).
struct FlagError {
  std::string flag;
  Text message;
};

struct FlagRecord {
  AnyRecord record;
  std::optional<FlagError> error;  // the first bad value, in the order the reader met it
};

// The YAML mapping the flags describe, as if it were a file: fields in table order, each
// value a plain scalar (a repeatable flag's values in a list or mapping). Every node made from
// a value has line = its index + 1 in `sources` (the flag and the value), others line 0, so a
// finding of the reader names its flag. A value whose shape is wrong (an `entry` with too few
// parts) sets `error` instead. --waiver values are not part of it (see read_flags).
struct FlagDocument {
  YNode root;
  std::vector<std::pair<std::string, std::string>> sources;  // (flag name, value) per line
  std::optional<FlagError> error;
};
FlagDocument flags_document(Kind kind, const std::vector<GivenFlag>& given);

// The record the flags describe, read by the loader's reader (read_record_node): one value
// parser for files and flags. A finding of the reader at a flag's value is `error`; findings
// about keys that are missing altogether are left to the write check, which reports them
// after rendering the record (so `add` refuses a record without them, exit 1). --waiver
// RULE:REASON values become waivers as given: the write check judges them (an unknown rule or
// an empty reason is a refusal, not a usage error).
FlagRecord read_flags(Kind kind, const std::vector<GivenFlag>& given);

// `pilot set`: the record a file's mapping `file_root` holds once the flags are applied, read
// by the loader's reader. A flag's value is first read alone (a bad one is `error`, as for
// `add`); then, in the file's mapping, a scalar is replaced (or added); a part of a mapping
// block (--admin, --attended, --faculty) replaces that part; an entry (--major, --result)
// replaces the parts it gives of the entry of the same major, or is appended; a pair
// (--breakdown) replaces or adds its key; --waiver RULE:REASON sets that waiver and each of
// `drop_waivers` removes one (a rule the record has no waiver of is `error`).
FlagRecord apply_flags(Kind kind, const YNode& file_root, const std::vector<GivenFlag>& given,
                       const std::vector<std::string>& drop_waivers);

// The flags of `pilot set KIND`: record_flags without those that name the record's file (an
// id; a quota change's pilot; a report's major and due date): a record is not renamed.
std::vector<FlagRef> set_flags(Kind kind);

// ---------------------------------------------------------------- docs (src/fields_docs.cpp)

// The Markdown table of a kind's fields for docs/data-format.md.
std::string field_table_markdown(Kind kind);
// `document` with each region between "<!-- BEGIN fields KIND: ... -->" and
// "<!-- END fields KIND -->" replaced by field_table_markdown(KIND). Throws
// std::invalid_argument when a kind's markers are missing.
std::string splice_field_tables(std::string_view document);

}  // namespace pilot
