#include "pilot/rule_docs.hpp"

namespace pilot {

namespace {

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

}  // namespace

std::optional<std::string> rule_doc(std::string_view id, Lang lang) {
  for (const auto& doc : embedded_rule_docs()) {
    if (doc.id != id) continue;
    std::string_view text = doc.text;
    std::string_view marker = lang == Lang::zh ? "<!-- lang: zh -->" : "<!-- lang: en -->";
    auto start = text.find(marker);
    if (start == std::string_view::npos) return std::nullopt;
    start += marker.size();
    auto end = text.find("<!-- lang:", start);
    return trim(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start)) + "\n";
  }
  return std::nullopt;
}

std::optional<RuleDocHeader> rule_doc_header(std::string_view text) {
  auto line_end = text.find('\n');
  std::string_view line = text.substr(0, line_end);
  if (line.substr(0, 5) != "<!-- " || line.size() < 9) return std::nullopt;
  line = line.substr(5, line.size() - 9);  // drop "<!-- " and " -->"
  RuleDocHeader h;
  std::size_t pos = 0;
  while (pos <= line.size()) {
    auto bar = line.find(" | ", pos);
    std::string_view field = line.substr(pos, bar == std::string_view::npos ? std::string_view::npos : bar - pos);
    auto colon = field.find(": ");
    if (colon != std::string_view::npos) {
      std::string key = trim(field.substr(0, colon));
      std::string value = trim(field.substr(colon + 2));
      if (key == "rule") h.id = value;
      if (key == "clause") h.clause = value;
      if (key == "severity") h.severity = value;
    }
    if (bar == std::string_view::npos) break;
    pos = bar + 3;
  }
  if (h.id.empty()) return std::nullopt;
  return h;
}

}  // namespace pilot
