// R401–R403: site agreements and the pilot's money (三(四)3, 三(四)4).
#include <string>

#include <fmt/format.h>

#include "checks.hpp"

namespace pilot::checks {

namespace {


const std::string& id_of(const RecordBase& r, const Located<std::string>& id) { return id.valid ? id.value : r.stem; }

}  // namespace

void r401_site_agreement(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  for (const auto& s : repo.sites) {
    const std::string& id = id_of(s, s.id);
    auto finding = [&](const Pos& at, Text message, Text hint) {
      out.push_back(make_diagnostic("R401", s.file, at.line, at.column, std::move(message), std::move(hint)));
    };
    if (!s.signatory_text.present) {
      finding(s.signatory_text.pos,
              {fmt::format("考核站点协议 {} 没有写明签约主体 signatory", id),
               fmt::format("site agreement {} does not say who signed it (signatory)", id)},
              {"加上 signatory: college（二级学院）、office（教务处）或 school（学校）",
               "add signatory: college (二级学院), office (教务处) or school (学校)"});
      continue;
    }
    if (!s.signatory_text.valid) continue;  // not a single value: S002
    if (!s.signatory.valid) {
      finding(s.signatory_text.pos,
              {fmt::format("考核站点协议 {} 的签约主体 “{}” 无效：只能由二级学院、教务处或学校盖章签订", id, s.signatory_text.value),
               fmt::format("site agreement {}: signatory \"{}\" is not one of college, office, school", id, s.signatory_text.value)},
              {"写 college（二级学院）、office（教务处）或 school（学校）",
               "write college (二级学院), office (教务处) or school (学校)"});
      continue;
    }
    if (s.non_procurement.valid && !s.non_procurement.value) {
      finding(s.non_procurement.pos,
              {fmt::format("考核站点协议 {} 的 contract_process 不是非采购合同流程（non-procurement）", id),
               fmt::format("site agreement {}: contract_process is not the non-procurement process", id)},
              {"学校盖章的协议在办公系统走非采购合同流程：写 contract_process: non-procurement（非采购合同）；不是学校盖章的协议删除这一行",
               "a school-signed agreement goes through the non-procurement contract process: write contract_process: "
               "non-procurement (非采购合同); for an agreement the school does not sign, remove the line"});
    }
    if (s.signatory.value != Signatory::school) continue;
    if (!s.non_procurement.present) {
      finding(s.non_procurement.pos,
              {fmt::format("考核站点协议 {} 由学校盖章签订，但没有写明走非采购合同流程 contract_process", id),
               fmt::format("site agreement {} is signed by the school but does not record the non-procurement contract process", id)},
              {"学校盖章的协议应在办公系统走非采购合同流程：加上 contract_process: non-procurement 和 oa_ref: 办公系统流程编号",
               "a school-signed agreement goes through the non-procurement contract process in the OA system: add "
               "contract_process: non-procurement and oa_ref: the OA reference"});
    }
    if (!s.oa_ref.present || (s.oa_ref.valid && is_blank(s.oa_ref.value))) {
      finding(s.oa_ref.pos,
              {fmt::format("考核站点协议 {} 由学校盖章签订，但没有办公系统流程编号 oa_ref", id),
               fmt::format("site agreement {} is signed by the school but has no OA reference (oa_ref)", id)},
              {"加上 oa_ref: 办公系统中非采购合同流程的编号，例如 oa_ref: \"OA-2026-0412\"",
               "add oa_ref: the number of the non-procurement process in the OA system, e.g. oa_ref: \"OA-2026-0412\""});
    }
  }
}

void r402_no_student_fees(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  for (const auto& f : repo.funds) {
    if (!f.direction.valid || !f.source.valid) continue;
    if (f.direction.value != Direction::income || f.source.value != FundSource::student) continue;
    std::string amount = f.amount_fen.valid ? fmt::format("{}.{:02}", f.amount_fen.value / 100, f.amount_fen.value % 100) : "?";
    out.push_back(make_diagnostic(
        "R402", f.file, f.source.pos.line, f.source.pos.column,
        {fmt::format("经费收入 {} 来自学生缴费（{} 元）：学生培训、考证等费用不得向在校生收取", id_of(f, f.id), amount),
         fmt::format("fund entry {} is income from students ({} yuan): training and exam fees must not be collected from enrolled "
                     "students",
                     id_of(f, f.id), amount)},
        {"试点经费由二级学院统筹：把已收的费用退还学生，经费改由学院经费（college-budget）等来源列支；若记录有误，改正 source",
         "the college funds the pilot: refund the students and fund it from the college budget (college-budget) or another "
         "source; if the entry is wrong, correct its source"}));
  }
}

void r403_exam_fee_labor(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  for (const auto& f : repo.funds) {
    if (!f.direction.valid || !f.source.valid || !f.category.valid) continue;
    if (f.direction.value != Direction::expense || f.source.value != FundSource::returned_exam_fee ||
        f.category.value != FundCategory::internal_labor) {
      continue;
    }
    out.push_back(make_diagnostic(
        "R403", f.file, f.category.pos.line, f.category.pos.column,
        {fmt::format("经费支出 {} 把考核站点返还的考务费用于校内人员劳务费", id_of(f, f.id)),
         fmt::format("fund entry {} spends exam fees returned by the assessment site on internal staff labor", id_of(f, f.id))},
        {"返还的考务费不得发放校内人员劳务：改用其他经费来源（如学院经费 college-budget）支付劳务，或把这笔考务费用于其他类别",
         "returned exam fees must not pay internal staff: pay the labor from another source (e.g. college-budget), or spend the "
         "returned fees on another category"}));
  }
}

}  // namespace pilot::checks
