#pragma once
// Reads the fields of one YAML mapping into Located<T> values, reporting S002 for what makes
// a record unreadable. Internal to the loader. Need (pilot/fields.hpp): a missing key is S002
// only when `required` (Need::when is decided by the caller); `policy` and `optional` are not.
#include <string>
#include <string_view>
#include <vector>

#include "pilot/diagnostic.hpp"
#include "pilot/fields.hpp"
#include "pilot/model.hpp"
#include "pilot/yaml.hpp"

namespace pilot {

class RecordReader {
 public:
  // `path` names the mapping in messages ("" for the record itself, "majors[2]" for an entry).
  RecordReader(const YNode& map, std::string path, std::vector<Diagnostic>& out);
  ~RecordReader();  // reports unknown keys

  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  Pos pos() const { return {map_.line, map_.column}; }
  const YNode* node(std::string_view key);  // marks the key known
  // Where a key stands (the mapping itself when the key is absent): findings about a nested
  // block mapping point at its key's line, not at its first entry.
  Pos key_pos(std::string_view key) const;

  Located<std::string> text(std::string_view key, Need need);
  Located<std::string> id(std::string_view key, Need need);          // [a-z0-9][a-z0-9-]*
  Located<std::string> major_code(std::string_view key, Need need);  // 6 digits
  Located<int> year(std::string_view key, Need need);
  // Whole number 0..1,000,000; with allow_non_positive, any whole number (quotas: R306 judges).
  Located<long long> count(std::string_view key, Need need, bool allow_non_positive = false);
  Located<Date> date(std::string_view key, Need need);
  Located<bool> boolean(std::string_view key, Need need);
  Located<long long> money_fen(std::string_view key, Need need);
  // One of `spec`'s values, by name or alias (E's values are in the order of spec's).
  template <class E>
  Located<E> enumeration(std::string_view key, Need need, const EnumSpec& spec);
  Located<std::vector<Level>> levels(std::string_view key, Need need);

  // Every record's common keys: notes and waivers.
  void common(RecordBase& base);

  // Reports a problem at a node.
  void problem(const YNode& at, Text message, Text hint);
  std::string where(std::string_view key) const;

 private:
  template <class T>
  Located<T> start(std::string_view key, Need need, const YNode*& value);
  const YNode* scalar(std::string_view key, Need need, Pos& pos, bool& present);

  const YNode& map_;
  std::string path_;
  std::vector<Diagnostic>& out_;
  std::vector<std::string_view> known_;
};

template <class E>
Located<E> RecordReader::enumeration(std::string_view key, Need need, const EnumSpec& spec) {
  Located<E> f;
  const YNode* v = scalar(key, need, f.pos, f.present);
  if (v == nullptr) return f;
  if (auto i = enum_index(spec, v->value)) {
    f.value = static_cast<E>(*i);
    f.valid = true;
  } else {
    std::string choices = enum_choices(spec);
    problem(*v, {"“" + where(key) + "” 的值 “" + v->value + "” 无效",
                 where(key) + " has an invalid value \"" + v->value + "\""},
            {"可用的值：" + choices, "use one of: " + choices});
  }
  return f;
}

}  // namespace pilot
