// PLACEHOLDER: empty until the rules issue implements this group.
#include "checks.hpp"

namespace pilot::checks {

void r601_report_missing(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r602_report_late(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r603_contact(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r604_report_sections(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r605_report_attended(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}

}  // namespace pilot::checks
