// PLACEHOLDER: X001/X002 scans, implemented by the rules issue.
#include "pilot/security.hpp"

namespace pilot {

void scan_document_security(const YNode&, std::vector<Diagnostic>&) {}
void scan_config_security(const Config&, std::vector<Diagnostic>&) {}

}  // namespace pilot
