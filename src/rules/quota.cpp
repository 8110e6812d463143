// PLACEHOLDER: empty until the rules issue implements this group.
#include "checks.hpp"

namespace pilot::checks {

void r501_quota_met(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r502_one_quota_change(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r503_quota_change_complete(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}
void r504_exam_results(const Repository&, const CheckContext&, std::vector<Diagnostic>&) {}

}  // namespace pilot::checks
