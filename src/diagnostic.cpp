#include "pilot/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace pilot {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::off: return "off";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column, a.rule, a.message.en) <
           std::tie(b.file, b.line, b.column, b.rule, b.message.en);
  });
}

}  // namespace pilot
