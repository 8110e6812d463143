#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "pilot/render.hpp"

namespace pilot {

std::string paint(std::string_view text, const char* ansi, Color color) {
  if (color == Color::no) return std::string(text);
  return fmt::format("\x1b[{}m{}\x1b[0m", ansi, text);
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += ' ';  // not allowed in XML 1.0
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

namespace {

std::string location(const Diagnostic& d) {
  if (d.line <= 0) return d.file;
  return fmt::format("{}:{}:{}", d.file, d.line, d.column);
}

// Text for a terminal or a CI log: control characters that come from the data (file names,
// echoed values) are shown as escapes (\n, \x1B, \u009B), so that a hostile file can neither
// send terminal escape sequences nor start a line that looks like another finding. A hint
// keeps the line breaks of its examples (each followed by indentation).
std::string printable(std::string_view s, bool keep_newlines) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n' && keep_newlines && i + 1 < s.size() && s[i + 1] == ' ') {
      out += '\n';  // an indented continuation line cannot pass for a finding
    } else if (c == '\n') {
      out += "\\n";
    } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
      out += fmt::format("\\x{:02X}", c);
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {  // C1 controls, e.g. U+009B (CSI)
      out += fmt::format("\\u{:04X}", static_cast<unsigned char>(s[i + 1]));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

void text_one(std::string& out, const Diagnostic& d, Lang lang, Color color, const char* prefix = "") {
  const char* sev_color = d.severity == Severity::error ? "1;31" : "1;33";
  out += fmt::format("{}{}: {} {}\n", prefix, paint(printable(location(d), false), "1", color),
                     paint(fmt::format("{}[{}]", severity_name(d.severity), d.rule), sev_color, color),
                     printable(d.message.in(lang), false));
  if (!d.hint.empty()) {
    out += fmt::format("  {} {}\n", paint(lang == Lang::zh ? "提示：" : "hint:", "36", color), printable(d.hint.in(lang), true));
  }
}

nlohmann::ordered_json json_one(const Diagnostic& d, Lang lang) {
  return {{"rule", d.rule},           {"severity", severity_name(d.severity)},
          {"file", d.file},           {"line", d.line},
          {"column", d.column},       {"message", d.message.in(lang)},
          {"hint", d.hint.in(lang)}};
}

std::string github_escape(std::string_view s, bool property) {
  std::string out;
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

std::string render_diagnostics_text(const DiagnosticsView& view, Color color, bool quiet) {
  const Analysis& a = *view.analysis;
  std::string out;
  for (const auto& d : a.diagnostics) text_one(out, d, view.lang, color);
  if (view.show_waived) {
    for (const auto& d : a.waived) text_one(out, d, view.lang, color, view.lang == Lang::zh ? "（已豁免） " : "(waived) ");
  }
  if (!quiet) {
    std::size_t waived = a.waived.size();
    if (view.lang == Lang::zh) {
      out += fmt::format("{} 个错误，{} 个警告，{} 个已豁免（截至 {}）\n", a.errors, a.warnings, waived, view.as_of.str());
    } else {
      out += fmt::format("{} error{}, {} warning{}, {} waived (as of {})\n", a.errors, a.errors == 1 ? "" : "s",
                         a.warnings, a.warnings == 1 ? "" : "s", waived, view.as_of.str());
    }
  }
  return out;
}

std::string render_diagnostics_json(const DiagnosticsView& view) {
  const Analysis& a = *view.analysis;
  nlohmann::ordered_json j;
  j["schema_version"] = 1;
  j["as_of"] = view.as_of.str();
  j["summary"] = {{"errors", a.errors}, {"warnings", a.warnings}, {"waived", a.waived.size()}};
  auto list = nlohmann::ordered_json::array();
  for (const auto& d : a.diagnostics) list.push_back(json_one(d, view.lang));
  j["diagnostics"] = list;
  if (view.show_waived) {
    auto waived = nlohmann::ordered_json::array();
    for (const auto& d : a.waived) waived.push_back(json_one(d, view.lang));
    j["waived"] = waived;
  }
  return j.dump(2) + "\n";
}

std::string render_diagnostics_github(const DiagnosticsView& view) {
  std::string out;
  for (const auto& d : view.analysis->diagnostics) {
    std::string message = d.message.in(view.lang);
    if (!d.hint.empty()) message += "\n" + d.hint.in(view.lang);
    out += fmt::format("::{} file={},line={},col={},title={}::{}\n", d.severity == Severity::error ? "error" : "warning",
                       github_escape(d.file, true), std::max(d.line, 1), std::max(d.column, 1),
                       github_escape(d.rule, true), github_escape(message, false));
  }
  return out;
}

std::string render_diagnostics_junit(const DiagnosticsView& view) {
  const Analysis& a = *view.analysis;
  std::string cases;
  for (const auto& d : a.diagnostics) {
    std::string name = fmt::format("{} {}", d.rule, location(d));
    if (d.severity == Severity::error) {
      cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                           xml_escape(d.file), xml_escape(name), d.rule, xml_escape(d.message.in(view.lang)),
                           xml_escape(d.hint.in(view.lang)));
    } else {
      cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\">\n      <system-out>warning: {}\n{}</system-out>\n    </testcase>\n",
                           xml_escape(d.file), xml_escape(name), xml_escape(d.message.in(view.lang)),
                           xml_escape(d.hint.in(view.lang)));
    }
  }
  std::size_t tests = a.diagnostics.size();
  if (tests == 0) {
    cases = "    <testcase classname=\"pilot\" name=\"pilot validate\"/>\n";
    tests = 1;
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"pilot validate\" tests=\"{}\" failures=\"{}\" errors=\"0\" timestamp=\"{}\">\n{}  </testsuite>\n</testsuites>\n",
                     tests, a.errors, view.as_of.str(), cases);
}

}  // namespace pilot
