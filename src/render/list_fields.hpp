#pragma once
// The fields of a listed record in the three forms of `pilot list` (internal to src/render):
// a JSON object with stable keys, CSV cells with lists flattened, and the table's columns.
// docs/list-format.md documents every key and column; list_fields.cpp is the one place that
// decides them.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pilot/text.hpp"
#include "pilot/views.hpp"

namespace pilot::list_detail {

using Json = nlohmann::ordered_json;

struct Cell {
  Text header;
  std::string text;
  bool right = false;   // numbers
  bool shrink = false;  // names and free text may be abbreviated to fit a terminal
};

// What one record contributes to each form, in order.
struct Fields {
  Json json = Json::object();
  std::vector<std::pair<std::string, std::string>> csv;  // column -> cell
  std::vector<Cell> cells;
};

// The fields of `entry` (a record of `kind`). With entry == nullptr, those of an empty record
// of the kind: the same keys and columns, for the CSV header of an empty list.
Fields list_fields(Kind kind, const ListEntry* entry);

}  // namespace pilot::list_detail
