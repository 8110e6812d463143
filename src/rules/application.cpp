// PLACEHOLDER: empty until the rules issue implements this group.
#include "checks.hpp"

namespace pilot::checks {

void r301_one_certificate_per_major(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r302_lead_major(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r303_certificate_listed(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r304_expected_level(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r305_application_window(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r306_application_complete(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r307_accounts(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r308_no_carry_over(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r309_switch_after_missed_quota(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}

}  // namespace pilot::checks
