// PLACEHOLDER: empty until the rules issue implements this group.
#include "checks.hpp"

namespace pilot::checks {

void r401_site_agreement(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r402_no_student_fees(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r403_exam_fee_labor(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}

}  // namespace pilot::checks
