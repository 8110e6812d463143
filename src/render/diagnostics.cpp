// The findings of `pilot validate` as text, JSON, GitHub annotations and JUnit XML (SARIF is in
// sarif.cpp). Each writer renders one finding at a time into a buffer handed to the sink in
// pieces of about k_chunk bytes (diagnostics_writer.hpp).
#include <fmt/format.h>

#include "diagnostics_writer.hpp"
#include "pilot/render.hpp"

namespace pilot {

std::string paint(std::string_view text, const char* ansi, Color color) {
  if (color == Color::no) return std::string(text);
  return fmt::format("\x1b[{}m{}\x1b[0m", ansi, text);
}

namespace render_detail {

std::string collect(const std::function<void(const Sink&)>& write) {
  std::string out;
  write([&out](std::string_view piece) { out.append(piece); });
  return out;
}

}  // namespace render_detail

namespace {

using render_detail::Chunked;

std::string location(const Diagnostic& d) {
  if (d.line <= 0) return d.file;
  return fmt::format("{}:{}:{}", d.file, d.line, d.column);
}

// Text for a terminal or a CI log: what comes from the data (file names, echoed values) goes
// through printable(), so that a hostile file can neither send terminal escape sequences nor
// start a line that looks like another finding or a workflow command. A hint keeps the line
// breaks of its examples (each followed by indentation).
void text_one(Chunked& out, const Diagnostic& d, Lang lang, Color color, const char* prefix = "") {
  const char* sev_color = d.severity == Severity::error ? "1;31" : "1;33";
  Printable at_line_start;
  at_line_start.line_start = *prefix == '\0';
  out.add(
      fmt::format("{}{}: {} {}\n", prefix, paint(printable(location(d), at_line_start), "1", color),
                  paint(fmt::format("{}[{}]", severity_name(d.severity), d.rule), sev_color, color),
                  printable(d.message.in(lang))));
  if (!d.hint.empty()) {
    Printable examples;
    examples.tab = true;
    examples.line_breaks = LineBreaks::keep_indented;
    out.add(fmt::format("  {}{}\n", paint(lang == Lang::zh ? "提示：" : "hint: ", "36", color),
                        printable(d.hint.in(lang), examples)));
  }
}

// One finding as nlohmann::json::dump(2) prints it inside the "diagnostics" list.
void json_one(Chunked& out, const Diagnostic& d, Lang lang, bool first) {
  std::string& s = out.buffer();
  s += first ? "\n    {\n      \"rule\": " : ",\n    {\n      \"rule\": ";
  append_json_string(s, d.rule);
  s += ",\n      \"severity\": ";
  append_json_string(s, severity_name(d.severity));
  s += ",\n      \"file\": ";
  append_json_string(s, d.file);
  s += fmt::format(",\n      \"line\": {},\n      \"column\": {},\n      \"message\": ", d.line,
                   d.column);
  append_json_string(s, d.message.in(lang));
  s += ",\n      \"hint\": ";
  append_json_string(s, d.hint.in(lang));
  s += "\n    }";
  out.maybe_flush();
}

void json_list(Chunked& out, const char* key, const std::vector<Diagnostic>& list, Lang lang) {
  out.add(fmt::format(",\n  \"{}\": [", key));
  for (std::size_t i = 0; i < list.size(); ++i) json_one(out, list[i], lang, i == 0);
  out.add(list.empty() ? "]" : "\n  ]");
}

std::string github_escape(std::string_view s, bool property) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

void write_diagnostics_text(const DiagnosticsView& view, Color color, bool quiet,
                            const Sink& sink) {
  const Analysis& a = *view.analysis;
  Chunked out(sink);
  for (const auto& d : a.diagnostics) text_one(out, d, view.lang, color);
  if (view.show_waived) {
    for (const auto& d : a.waived) text_one(out, d, view.lang, color, view.lang == Lang::zh ? "（已豁免） " : "(waived) ");
  }
  if (!quiet) {
    std::size_t waived = a.waived.size();
    if (view.lang == Lang::zh) {
      out.add(fmt::format("{} 个错误，{} 个警告，{} 个已豁免（截至 {}）\n", a.errors, a.warnings,
                          waived, view.as_of.str()));
    } else {
      out.add(fmt::format("{} error{}, {} warning{}, {} waived (as of {})\n", a.errors,
                          a.errors == 1 ? "" : "s", a.warnings, a.warnings == 1 ? "" : "s", waived,
                          view.as_of.str()));
    }
  }
  out.finish();
}

std::string render_diagnostics_text(const DiagnosticsView& view, Color color, bool quiet) {
  return render_detail::collect(
      [&](const Sink& sink) { write_diagnostics_text(view, color, quiet, sink); });
}

void write_diagnostics_json(const DiagnosticsView& view, const Sink& sink) {
  const Analysis& a = *view.analysis;
  Chunked out(sink);
  out.add(fmt::format(
      "{{\n  \"schema_version\": 1,\n  \"as_of\": \"{}\",\n  \"summary\": {{\n    \"errors\": {},\n"
      "    \"warnings\": {},\n    \"waived\": {}\n  }}",
      view.as_of.str(), a.errors, a.warnings, a.waived.size()));
  json_list(out, "diagnostics", a.diagnostics, view.lang);
  if (view.show_waived) json_list(out, "waived", a.waived, view.lang);
  out.add("\n}\n");
  out.finish();
}

std::string render_diagnostics_json(const DiagnosticsView& view) {
  return render_detail::collect([&](const Sink& sink) { write_diagnostics_json(view, sink); });
}

void write_diagnostics_github(const DiagnosticsView& view, const std::string& path_prefix,
                              const Sink& sink) {
  Chunked out(sink);
  for (const auto& d : view.analysis->diagnostics) {
    std::string message = d.message.in(view.lang);
    if (!d.hint.empty()) message += "\n" + d.hint.in(view.lang);
    Printable breaks;  // line breaks stay: the command's own escaping encodes them
    breaks.tab = true;
    breaks.line_breaks = LineBreaks::keep;
    out.add(fmt::format("::{} file={},line={},col={},title={}::{}\n",
                        d.severity == Severity::error ? "error" : "warning",
                        github_escape(printable(path_prefix + d.file), true), std::max(d.line, 1),
                        std::max(d.column, 1), github_escape(d.rule, true),
                        github_escape(printable(message, breaks), false)));
  }
  out.finish();
}

std::string render_diagnostics_github(const DiagnosticsView& view, const std::string& path_prefix) {
  return render_detail::collect(
      [&](const Sink& sink) { write_diagnostics_github(view, path_prefix, sink); });
}

void write_diagnostics_junit(const DiagnosticsView& view, const Sink& sink) {
  const Analysis& a = *view.analysis;
  std::size_t tests = a.diagnostics.empty() ? 1 : a.diagnostics.size();
  Chunked out(sink);
  out.add(
      fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite "
                  "name=\"pilot validate\" "
                  "tests=\"{}\" failures=\"{}\" errors=\"0\" timestamp=\"{}\">\n",
                  tests, a.errors, view.as_of.str()));
  constexpr XmlPlace attr = XmlPlace::attribute;
  for (const auto& d : a.diagnostics) {
    std::string name = fmt::format("{} {}", d.rule, location(d));
    if (d.severity == Severity::error) {
      out.add(
          fmt::format("    <testcase classname=\"{}\" name=\"{}\">\n      <failure type=\"{}\" "
                      "message=\"{}\">{}</failure>\n"
                      "    </testcase>\n",
                      xml_escape(d.file, attr), xml_escape(name, attr), xml_escape(d.rule, attr),
                      xml_escape(d.message.in(view.lang), attr), xml_escape(d.hint.in(view.lang))));
    } else {
      out.add(
          fmt::format("    <testcase classname=\"{}\" name=\"{}\">\n      <system-out>warning: "
                      "{}\n{}</system-out>\n"
                      "    </testcase>\n",
                      xml_escape(d.file, attr), xml_escape(name, attr),
                      xml_escape(d.message.in(view.lang)), xml_escape(d.hint.in(view.lang))));
    }
  }
  if (a.diagnostics.empty()) {
    out.add("    <testcase classname=\"pilot\" name=\"pilot validate\"/>\n");
  }
  out.add("  </testsuite>\n</testsuites>\n");
  out.finish();
}

std::string render_diagnostics_junit(const DiagnosticsView& view) {
  return render_detail::collect([&](const Sink& sink) { write_diagnostics_junit(view, sink); });
}

}  // namespace pilot
