#pragma once
// The rule pages of docs/rules/, embedded at build time (cmake/EmbedDocs.cmake).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pilot/text.hpp"

namespace pilot {

struct EmbeddedDoc {
  std::string_view id;
  std::string_view text;
};

const std::vector<EmbeddedDoc>& embedded_rule_docs();

// The page's part in one language (between `<!-- lang: xx -->` markers), or nullopt.
std::optional<std::string> rule_doc(std::string_view id, Lang lang);

// The header marker's fields: `<!-- rule: ID | clause: C | severity: S -->`.
struct RuleDocHeader {
  std::string id, clause, severity;
};
std::optional<RuleDocHeader> rule_doc_header(std::string_view text);

}  // namespace pilot
