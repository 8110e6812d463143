#pragma once
// Every check function of the registry. Each is a pure function of the repository and the
// context; one source file per group of rules.
#include <optional>
#include <vector>

#include "pilot/progress.hpp"
#include "pilot/rules.hpp"

namespace pilot::checks {

// The ProgressBook a check reads: the analysis's shared one (ctx.progress), else one built
// into `own`. Building it is the costliest step of several rules, so analyze() builds it once.
inline const ProgressBook& progress_of(const Repository& repo, const CheckContext& ctx, std::optional<ProgressBook>& own) {
  return ctx.progress != nullptr ? *ctx.progress : own.emplace(repo, ctx.as_of);
}

#define PILOT_CHECK(name) void name(const Repository& repo, const CheckContext& ctx, std::vector<Diagnostic>& out)

// structure.cpp
PILOT_CHECK(s003_duplicate_ids);
PILOT_CHECK(s004_unknown_references);
PILOT_CHECK(s006_location);
PILOT_CHECK(s007_config);
// application.cpp (三(一)–三(三))
PILOT_CHECK(r301_one_certificate_per_major);
PILOT_CHECK(r302_lead_major);
PILOT_CHECK(r303_certificate_listed);
PILOT_CHECK(r304_expected_level);
PILOT_CHECK(r305_application_window);
PILOT_CHECK(r306_application_complete);
PILOT_CHECK(r307_accounts);
PILOT_CHECK(r308_no_carry_over);
PILOT_CHECK(r309_switch_after_missed_quota);
PILOT_CHECK(r310_application_dates);
// money.cpp (三(四))
PILOT_CHECK(r401_site_agreement);
PILOT_CHECK(r402_no_student_fees);
PILOT_CHECK(r403_exam_fee_labor);
// quota.cpp (三(五))
PILOT_CHECK(r501_quota_met);
PILOT_CHECK(r502_one_quota_change);
PILOT_CHECK(r503_quota_change_complete);
PILOT_CHECK(r504_exam_results);
PILOT_CHECK(r505_stale_planned_batch);
// reports.cpp (三(六))
PILOT_CHECK(r601_report_missing);
PILOT_CHECK(r602_report_late);
PILOT_CHECK(r603_contact);
PILOT_CHECK(r604_report_sections);
PILOT_CHECK(r605_report_attended);
PILOT_CHECK(r606_report_pilot_major);

#undef PILOT_CHECK

}  // namespace pilot::checks
