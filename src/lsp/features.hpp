#pragma once
// What the editor asks about a document: a rule's page on hover, a waiver as a code action,
// reference values as completions. Pure functions of the text, the repository and the findings.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pilot/repository.hpp"
#include "pilot/text.hpp"
#include "positions.hpp"

namespace pilot::lsp {

// The rule ID (S001, R605, ...) of the registry that the word around byte `at` of `line`
// spells, or "".
std::string rule_id_at(std::string_view line, std::size_t at);

// A rule's `pilot explain` page (Markdown) in `lang`, or nullopt for an unknown ID.
std::optional<std::string> rule_page(std::string_view rule, Lang lang);

// Whether a code action may offer to waive a finding of `rule`: the R rules. S rules cannot be
// waived (S002); X findings are a secret or personal data to remove, and W001 is fixed by
// deleting the waiver, so neither is offered.
bool offers_waiver(std::string_view rule);

struct TextEdit {
  Range range;
  std::string new_text;
};

// The edit that adds `RULE: "<placeholder>"` to the record's `waivers:` (a block mapping, a
// flow mapping on the key's line, an empty key) or appends a `waivers:` mapping at the end.
// nullopt when the text is not a readable YAML mapping or already waives the rule.
std::optional<TextEdit> waiver_edit(std::string_view text, std::string_view rule, Lang lang);

struct CompletionItem {
  std::string label;
  std::string detail;
  std::string new_text;  // replaces `range`
  std::string filter_text;
  std::string sort_text;
  Range range;
  int kind = 12;  // LSP CompletionItemKind: 12 value, 21 constant (rule IDs)
};

// Completions at `at` in a record's text (`rel` is its path): the ids of the repository's
// colleges, majors, pilots, certificates or sites after a key that references that kind
// (`college:`, `major:`, `lead_major:`, `initiated_by:`, `pilot:`, `certificate:`, `site:`),
// rule IDs as a key under `waivers:`. Empty anywhere else.
std::vector<CompletionItem> complete(const Repository& repo, std::string_view text, Position at,
                                     std::string_view rel, Lang lang);

}  // namespace pilot::lsp
