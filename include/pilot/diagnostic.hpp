#pragma once
// One finding: rule, severity, where, what and how to fix it.
#include <string>
#include <vector>

#include "pilot/text.hpp"

namespace pilot {

enum class Severity { off, warning, error };

const char* severity_name(Severity s);  // "off" | "warning" | "error"

struct Diagnostic {
  std::string rule;      // e.g. "S002"
  Severity severity = Severity::error;
  std::string file;      // relative to the repository root, '/'-separated
  int line = 0;          // 1-based; 0 = whole file
  int column = 0;        // 1-based, in characters
  Text message;
  Text hint;
  // Set by a rule whose severity the configuration may not raise (R501 before 31 Dec).
  bool fixed_severity = false;
};

// Order: file, line, column, rule, then message (so output is identical on every run).
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

}  // namespace pilot
