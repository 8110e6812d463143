// The findings renderers (src/render/diagnostics.cpp, sarif.cpp) stream (issue 16 item 6): each
// write_* hands its text to the sink in pieces of about 64 KiB, so that 60,000 findings never
// sit in memory as one output; render_* gives the same text as one string.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "pilot/render.hpp"

using namespace pilot;

namespace {

// `n` findings in `n / 3` files, as a repository of that many broken records gives them.
Analysis many_findings(std::size_t n) {
  Analysis a;
  for (std::size_t i = 0; i < n; ++i) {
    Diagnostic d;
    d.rule = i % 3 == 2 ? "X002" : "S002";
    d.severity = Severity::error;
    d.file = fmt::format("colleges/c{:05}.yaml", i / 3);
    d.line = static_cast<int>(i % 3) + 1;
    d.column = 1;
    d.message = {fmt::format("未知的键 “leadr{}”", i), fmt::format("unknown key \"leadr{}\"", i)};
    d.hint = {"是否想输入 “leader”？", "did you mean \"leader\"?"};
    a.diagnostics.push_back(std::move(d));
  }
  a.errors = static_cast<int>(n);
  return a;
}

struct Pieces {
  std::size_t count = 0;
  std::size_t largest = 0;
  std::string text;
};

template <class Write>
Pieces pieces_of(Write&& write) {
  Pieces p;
  write([&p](std::string_view piece) {
    ++p.count;
    p.largest = std::max(p.largest, piece.size());
    p.text.append(piece);
  });
  return p;
}

}  // namespace

TEST_CASE(
    "diagnostics renderers: every format streams in small pieces and equals its one-string form") {
  const Analysis a = many_findings(60000);
  DiagnosticsView view{&a, Date{2026, 11, 26}, Lang::zh, false};
  const SarifOptions sarif{"data/", ""};
  struct Format {
    const char* name;
    Pieces pieces;
    std::string whole;
  };
  Format formats[] = {
      {"text", pieces_of([&](const Sink& s) { write_diagnostics_text(view, Color::no, false, s); }),
       render_diagnostics_text(view, Color::no, false)},
      {"json", pieces_of([&](const Sink& s) { write_diagnostics_json(view, s); }),
       render_diagnostics_json(view)},
      {"github", pieces_of([&](const Sink& s) { write_diagnostics_github(view, "data/", s); }),
       render_diagnostics_github(view, "data/")},
      {"junit", pieces_of([&](const Sink& s) { write_diagnostics_junit(view, s); }),
       render_diagnostics_junit(view)},
      {"sarif", pieces_of([&](const Sink& s) { write_diagnostics_sarif(view, sarif, s); }),
       render_diagnostics_sarif(view, sarif)},
  };
  for (const auto& f : formats) {
    CAPTURE(f.name);
    CHECK(f.pieces.text == f.whole);
    CHECK(f.pieces.count > 50);  // 60,000 findings are several MB: many pieces
    // A piece is at most one chunk plus one finding; SARIF's first piece is the rule table.
    CHECK(f.pieces.largest < (std::string_view(f.name) == "sarif" ? 1024u * 1024 : 96u * 1024));
  }
  // The JSON formats are what a JSON library reads and prints the same.
  CHECK(nlohmann::ordered_json::parse(formats[1].whole).dump(2) + "\n" == formats[1].whole);
  CHECK(nlohmann::ordered_json::parse(formats[4].whole).dump(2) + "\n" == formats[4].whole);
  CHECK(nlohmann::json::parse(formats[1].whole)["diagnostics"].size() == 60000);
}

TEST_CASE("diagnostics renderers: an empty analysis in every format") {
  const Analysis a;
  DiagnosticsView view{&a, Date{2026, 11, 26}, Lang::en, true};
  auto json = nlohmann::ordered_json::parse(render_diagnostics_json(view));
  CHECK(json["diagnostics"].empty());
  CHECK(json["waived"].empty());
  CHECK(json.dump(2) + "\n" == render_diagnostics_json(view));
  auto sarif = nlohmann::ordered_json::parse(render_diagnostics_sarif(view, SarifOptions{}));
  CHECK(sarif["runs"][0]["results"].empty());
  CHECK(render_diagnostics_github(view).empty());
  CHECK(render_diagnostics_junit(view).find(
            "<testcase classname=\"pilot\" name=\"pilot validate\"/>") != std::string::npos);
  CHECK(render_diagnostics_text(view, Color::no, false) ==
        "0 errors, 0 warnings, 0 waived (as of 2026-11-26)\n");
}
