// model.hpp: the one definition of a pilot's lead major.
#include <doctest/doctest.h>

#include <initializer_list>
#include <optional>
#include <string>

#include "pilot/model.hpp"

using namespace pilot;

namespace {

Located<std::string> have(const std::string& v) { return {v, {}, true, true}; }
Located<std::string> malformed(const std::string& v) { return {v, {}, true, false}; }  // S002

// A pilot with these majors (valid codes) and this lead_major field.
Pilot pilot_of(std::initializer_list<const char*> majors, Located<std::string> lead = {}) {
  Pilot p;
  p.majors.present = p.majors.valid = true;
  for (const char* m : majors) {
    PilotMajor pm;
    pm.major = have(m);
    p.majors.value.push_back(pm);
  }
  p.lead_major = std::move(lead);
  return p;
}

}  // namespace

TEST_CASE("model: lead_major names one of the pilot's majors, or a single major leads itself") {
  CHECK(lead_major(pilot_of({"510201", "510202"}, have("510202"))) == "510202");
  CHECK(lead_major(pilot_of({"510201"}, have("510201"))) == "510201");
  CHECK(lead_major(pilot_of({"510201"})) == "510201");  // no lead_major: the only major leads
}

TEST_CASE("model: a pilot of several majors with a missing or wrong lead_major has no lead") {
  // What R302 reports (missing, or not one of the majors) and what S002 reports (not a major
  // code): no lead, and never the first major or the text of the wrong field.
  CHECK(lead_major(pilot_of({"510201", "510202"})) == std::nullopt);
  CHECK(lead_major(pilot_of({"510201", "510202"}, have("510299"))) == std::nullopt);
  CHECK(lead_major(pilot_of({"510201", "510202"}, malformed("5102"))) == std::nullopt);
  CHECK(lead_major(pilot_of({"510201", "510202"}, malformed("510201"))) == std::nullopt);
}

TEST_CASE("model: a single major leads itself whatever a wrong lead_major says") {
  CHECK(lead_major(pilot_of({"510202"}, have("510299"))) == "510202");  // R302 reports the field
  CHECK(lead_major(pilot_of({"510202"}, malformed("12345"))) == "510202");  // S002 reports it
}

TEST_CASE("model: a pilot without readable majors has no lead") {
  CHECK(lead_major(pilot_of({}, have("510201"))) == std::nullopt);
  CHECK(lead_major(pilot_of({})) == std::nullopt);
  Pilot p = pilot_of({"510201"});
  p.majors.value.front().major = malformed("abc");
  CHECK(lead_major(p) == std::nullopt);
  // A lead that matches only an unreadable entry is not one of the majors either.
  Pilot q = pilot_of({"510201", "510202"}, have("510203"));
  q.majors.value.front().major = malformed("510203");
  CHECK(lead_major(q) == std::nullopt);
}
