// The JSON Schemas agree with the loader: every enum spelling they offer is one the model
// parses, every value of each enum has a spelling there, and the kinds' folders and modelines fit.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "pilot/schema.hpp"

using namespace pilot;

namespace {

std::vector<std::string> enum_of(const nlohmann::ordered_json& property) {
  const auto& values = property.contains("items") ? property["items"]["enum"] : property["enum"];
  std::vector<std::string> out;
  for (const auto& v : values) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

// Every spelling parses, and together they reach every value of the enum (count = values).
template <class E>
void check_enum(const nlohmann::ordered_json& property, std::optional<E> (*parse)(std::string_view), std::size_t values) {
  std::set<int> reached;
  auto words = enum_of(property);
  REQUIRE_FALSE(words.empty());
  for (const auto& w : words) {
    CAPTURE(w);
    auto v = parse(w);
    REQUIRE(v.has_value());
    reached.insert(static_cast<int>(*v));
  }
  CHECK(reached.size() == values);
}

}  // namespace

TEST_CASE("schema: enum spellings are exactly the loader's") {
  auto pilot = record_schema(Kind::pilot)["properties"];
  check_enum<Level>(pilot["level"], parse_level, 3);
  check_enum<PilotStatus>(pilot["status"], parse_pilot_status, 4);
  check_enum<Level>(record_schema(Kind::certificate)["properties"]["levels"], parse_level, 3);
  check_enum<Level>(record_schema(Kind::quota_change)["properties"]["level"], parse_level, 3);
  check_enum<ExamStatus>(record_schema(Kind::exam)["properties"]["status"], parse_exam_status, 2);
  check_enum<Signatory>(record_schema(Kind::site)["properties"]["signatory"], parse_signatory, 3);
  auto fund = record_schema(Kind::fund)["properties"];
  check_enum<Direction>(fund["direction"], parse_direction, 2);
  check_enum<FundSource>(fund["source"], parse_fund_source, 4);
  check_enum<FundCategory>(fund["category"], parse_fund_category, 5);
  // The first spelling is the one pilot writes.
  CHECK(enum_of(pilot["level"]).front() == level_name(Level::junior));
  CHECK(enum_of(pilot["status"]).front() == pilot_status_name(PilotStatus::draft));
}

TEST_CASE("schema: report sections and waivers follow the model") {
  auto report = record_schema(Kind::report)["properties"];
  std::set<std::string> sections;
  for (const auto& [key, value] : report["sections"]["properties"].items()) sections.insert(key);
  CHECK(sections == std::set<std::string>(std::begin(k_report_sections), std::end(k_report_sections)));
  auto waivable = record_schema(Kind::college)["properties"]["waivers"]["propertyNames"]["enum"];
  CHECK(std::find(waivable.begin(), waivable.end(), "R301") != waivable.end());
  CHECK(std::find(waivable.begin(), waivable.end(), "S002") == waivable.end());
}

TEST_CASE("schema: modelines point from a record to .pilot/schema") {
  CHECK(schema_modeline(Kind::pilot, "pilots/2026/web-frontend-2026.yaml") ==
        "# yaml-language-server: $schema=../../.pilot/schema/pilot.json");
  CHECK(schema_modeline(Kind::major, "majors/510201.yaml") == "# yaml-language-server: $schema=../.pilot/schema/major.json");
  CHECK(schema_modeline(Kind::report, "reports/2026/510201/2026-11-10.yaml") ==
        "# yaml-language-server: $schema=../../../.pilot/schema/report.json");
  CHECK(schema_file_name(Kind::quota_change) == "quota-change.json");
}
