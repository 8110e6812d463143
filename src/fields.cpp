// Looking up the field tables (src/fields_table.cpp): enums, fields by key, flags by name.
#include "pilot/fields.hpp"

#include <algorithm>

namespace pilot {

namespace {

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// "--" + key with '_' written '-'.
std::string derived_flag(std::string_view key) {
  std::string f = "--" + std::string(key);
  std::replace(f.begin(), f.end(), '_', '-');
  return f;
}

std::vector<std::string> split_names(std::string_view names) {
  std::vector<std::string> out;
  while (!names.empty()) {
    auto comma = names.find(',');
    out.emplace_back(names.substr(0, comma));
    if (comma == std::string_view::npos) break;
    names.remove_prefix(comma + 1);
  }
  return out;
}

FlagShape shape_of(const FieldSpec& f) {
  if (f.type == FieldType::levels) return FlagShape::list;
  if (f.type == FieldType::boolean) return FlagShape::on;
  if (f.is_block()) return f.shape == BlockShape::entries ? FlagShape::entry : FlagShape::pair;
  return FlagShape::value;
}

FlagRef make_flag(const FieldSpec& field, const FieldSpec* block) {
  FlagRef r;
  r.field = &field;
  r.block = block;
  r.shape = shape_of(field);
  r.names = field.flag.names.empty() ? std::vector<std::string>{derived_flag(field.key)}
                                     : split_names(field.flag.names);
  r.help = std::string(field.flag.help);
  r.required = field.flag.required;
  return r;
}

void add_flags(std::vector<FlagRef>& out, std::span<const FieldSpec> fields) {
  for (const FieldSpec& f : fields) {
    if (f.is_block() && f.shape == BlockShape::mapping) {
      for (const FieldSpec& part : f.parts) out.push_back(make_flag(part, &f));
    } else {
      out.push_back(make_flag(f, nullptr));
    }
  }
}

const FieldSpec* find_in(std::span<const FieldSpec> fields, std::string_view key) {
  for (const FieldSpec& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

}  // namespace

std::optional<std::size_t> enum_index(const EnumSpec& spec, std::string_view text) {
  for (std::size_t i = 0; i < spec.values.size(); ++i) {
    if (text == spec.values[i].name || text == spec.values[i].alias) return i;
  }
  return std::nullopt;
}

std::string enum_choices(const EnumSpec& spec) {
  // Chinese joins with 、 and full-width brackets, English with ", " and " (...)".
  auto join = [](std::span<const EnumValue> values, bool names) {
    std::string out;
    for (const EnumValue& v : values) {
      std::string_view word = names ? v.name : v.alias;
      if (!out.empty()) out += is_ascii(word) ? ", " : "、";
      out += word;
    }
    return out;
  };
  std::string aliases = join(spec.values, false);
  bool ascii_aliases = !spec.values.empty() && is_ascii(spec.values.front().alias);
  return join(spec.values, true) + (ascii_aliases ? " (" + aliases + ")" : "（" + aliases + "）");
}

const FieldSpec* find_field(Kind kind, std::string_view path) {
  auto dot = path.find('.');
  std::string_view head = path.substr(0, dot);
  const FieldSpec* f = find_in(kind_spec(kind).fields, head);
  if (f == nullptr) f = find_in(common_fields(), head);
  if (f == nullptr || dot == std::string_view::npos) return f;
  return f->is_block() ? find_in(f->parts, path.substr(dot + 1)) : nullptr;
}

FieldRef field_ref(const FieldSpec& field, RecordBase& record) {
  return field.ref != nullptr ? field.ref(record) : FieldRef{};
}

std::optional<std::size_t> enum_value(const FieldRef& ref) {
  return std::visit(
      [](auto p) -> std::optional<std::size_t> {
        using P = decltype(p);
        if constexpr (std::is_pointer_v<P>) {
          if constexpr (std::is_enum_v<decltype(std::remove_pointer_t<P>::value)>) {
            if (p->valid) return static_cast<std::size_t>(p->value);
          }
        } else if constexpr (!std::is_same_v<P, std::monostate>) {
          if (p.value->valid) return static_cast<std::size_t>(p.value->value);
        }
        return std::nullopt;
      },
      ref);
}

RecordBase& record_base(AnyRecord& record) {
  return std::visit([](auto& r) -> RecordBase& { return r; }, record);
}

const RecordBase& record_base(const AnyRecord& record) {
  return std::visit([](const auto& r) -> const RecordBase& { return r; }, record);
}

std::string FlagRef::path() const {
  if (block != nullptr) return std::string(block->key) + "." + std::string(field->key);
  if (shape == FlagShape::entry) return std::string(field->key) + "[]";
  return std::string(field->key);
}

std::vector<FlagRef> record_flags(Kind kind) {
  std::vector<FlagRef> out;
  add_flags(out, kind_spec(kind).fields);
  add_flags(out, common_fields());
  return out;
}

std::vector<FlagRef> set_flags(Kind kind) {
  std::vector<FlagRef> out;
  for (FlagRef& f : record_flags(kind)) {
    std::string_view key = f.block == nullptr ? f.field->key : std::string_view();
    bool names_file = key == "id" || (kind == Kind::quota_change && key == "pilot") ||
                      (kind == Kind::report && (key == "major" || key == "due"));
    if (!names_file) out.push_back(std::move(f));
  }
  return out;
}

std::optional<FlagRef> find_flag(Kind kind, std::string_view spelling) {
  for (FlagRef& f : record_flags(kind)) {
    if (std::find(f.names.begin(), f.names.end(), spelling) != f.names.end()) return std::move(f);
  }
  return std::nullopt;
}

}  // namespace pilot
