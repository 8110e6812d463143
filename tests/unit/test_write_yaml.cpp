// Canonical YAML (src/write/yaml_emit.cpp): scalars that read back as written, the exact
// text of each kind, and the round trip through parse_record for every kind.
#include <doctest/doctest.h>

#include <string>

#include "pilot/write.hpp"
#include "pilot/yaml.hpp"

using namespace pilot;

namespace {

template <class T>
Located<T> have(T v) {
  Located<T> l;
  l.value = std::move(v);
  l.present = l.valid = true;
  return l;
}

Date day(const char* s) { return *Date::parse(s); }

// The string YAML reads back from `key: <scalar>` (block) or `key: { v: <scalar> }` (flow).
std::string read_back(const std::string& s, YamlContext context) {
  std::string doc = context == YamlContext::block ? "key: " + yaml_string(s) + "\n"
                                                  : "key: { v: " + yaml_string(s, YamlContext::flow) + " }\n";
  YamlParse p = parse_yaml(doc);
  REQUIRE_MESSAGE(p.ok, doc);
  const YNode* v = p.root.find("key");
  REQUIRE(v != nullptr);
  if (context == YamlContext::flow) v = v->find("v");
  REQUIRE(v != nullptr);
  REQUIRE_MESSAGE(v->is_scalar(), doc);
  return v->value;
}

// Parses rendered text back; no finding allowed.
template <class T>
T round_trip(const T& record, const std::string& rel, Kind kind) {
  std::string text = render_record(record);
  ParsedFile parsed = parse_record(kind, rel, text);
  INFO(text);
  for (const auto& d : parsed.diagnostics) FAIL_CHECK(d.rule << " " << d.line << ":" << d.column << " " << d.message.en);
  REQUIRE(parsed.record.has_value());
  const T* back = std::get_if<T>(&*parsed.record);
  REQUIRE(back != nullptr);
  return *back;
}

}  // namespace

TEST_CASE("write: yaml_string keeps plain what YAML reads as the same string") {
  CHECK(yaml_string("李老师") == "李老师");
  CHECK(yaml_string("web-frontend-2026") == "web-frontend-2026");
  CHECK(yaml_string("2026年Web前端开发试点工作计划") == "2026年Web前端开发试点工作计划");
  CHECK(yaml_string("经学生摸底，申请调整指标。") == "经学生摸底，申请调整指标。");
  CHECK(yaml_string("a, b") == "a, b");
  CHECK(yaml_string("a, b", YamlContext::flow) == "\"a, b\"");
}

TEST_CASE("write: yaml_string quotes what YAML would misread") {
  for (const char* s : {"510201", "0001", "2026-11-10", "true", "False", "yes", "NO", "on", "null", "~", "y", "",
                        " lead", "trail ", "a: b", "a:b", "x #y", "#x", "-x", "[x]", "{x}", "*x", "&x", "!x", "|x",
                        ">x", "'x", "\"x", "%x", "@x", "`x", "?x", ".5", "+1", "1e3", "0x1F"}) {
    CAPTURE(s);
    CHECK(yaml_string(s).front() == '"');
  }
  CHECK(yaml_string("a\nb") == "\"a\\nb\"");
  CHECK(yaml_string("say \"hi\" \\ ok:") == "\"say \\\"hi\\\" \\\\ ok:\"");
}

TEST_CASE("write: every scalar reads back as the same string, block and flow") {
  for (const std::string s : {"李老师", "510201", "true", "null", "~", "", " x ", "a: b", "a #b", "#", "-", "- x",
                              "[1, 2]", "{a: b}", "a, b", "x]", "tab\there", "line\nline", "back\\slash", "quote\"d",
                              "single'q", "2026-02-30", "1.50", "OA-2026-0412", "密码已线下交接", "：全角冒号", "@me",
                              "\xE2\x80\xA8sep", "bell\x07", "*alias", "&anchor", "!tag", "%dir", "?q", "|b", ">f"}) {
    CAPTURE(s);
    CHECK(read_back(s, YamlContext::block) == s);
    CHECK(read_back(s, YamlContext::flow) == s);
  }
}

TEST_CASE("write: canonical text of a pilot follows SPEC §2.2") {
  Pilot p;
  p.id = have<std::string>("web-frontend-2026");
  p.year = have(2026);
  p.certificate = have<std::string>("web-frontend");
  p.level = have(Level::intermediate);
  p.status = have(PilotStatus::approved);
  p.submitted = have(day("2026-04-15"));
  p.approved = have(day("2026-06-01"));
  p.lead_major = have<std::string>("510201");
  PilotMajor a, b;
  a.major = have<std::string>("510201");
  a.quota = have(60LL);
  a.contact = have<std::string>("李老师");
  b.major = have<std::string>("510202");
  b.quota = have(40LL);
  b.contact = have<std::string>("王老师");
  p.majors = have(std::vector<PilotMajor>{a, b});
  p.admin_account = have<std::string>("xx_admin_510201");
  p.exam_account = have<std::string>("xx_exam_510201");
  p.plan = have<std::string>("2026年Web前端开发试点工作计划");
  p.notes = have<std::string>("备注: 见附件");
  p.waivers["R301"] = have<std::string>("省1+X办公室同意, 2026");
  CHECK(render_record(p) ==
        "id: web-frontend-2026\n"
        "year: 2026\n"
        "certificate: web-frontend\n"
        "level: 中级\n"
        "status: approved\n"
        "submitted: 2026-04-15\n"
        "approved: 2026-06-01\n"
        "lead_major: \"510201\"\n"
        "majors:\n"
        "  - { major: \"510201\", quota: 60, contact: 李老师 }\n"
        "  - { major: \"510202\", quota: 40, contact: 王老师 }\n"
        "accounts: { admin: xx_admin_510201, exam: xx_exam_510201 }\n"
        "plan: 2026年Web前端开发试点工作计划\n"
        "notes: \"备注: 见附件\"\n"
        "waivers: { R301: \"省1+X办公室同意, 2026\" }\n");
  Pilot back = round_trip(p, "pilots/2026/web-frontend-2026.yaml", Kind::pilot);
  CHECK(back.id.value == "web-frontend-2026");
  CHECK(back.year.value == 2026);
  CHECK(back.certificate.value == "web-frontend");
  CHECK(back.level.value == Level::intermediate);
  CHECK(back.status.value == PilotStatus::approved);
  CHECK(back.submitted.value == day("2026-04-15"));
  CHECK(back.approved.value == day("2026-06-01"));
  CHECK_FALSE(back.rejected.present);
  CHECK(back.lead_major.value == "510201");
  REQUIRE(back.majors.value.size() == 2);
  CHECK(back.majors.value[1].major.value == "510202");
  CHECK(back.majors.value[1].quota.value == 40);
  CHECK(back.majors.value[1].contact.value == "王老师");
  CHECK(back.admin_account.value == "xx_admin_510201");
  CHECK(back.exam_account.value == "xx_exam_510201");
  CHECK(back.plan.value == p.plan.value);
  CHECK(back.notes.value == "备注: 见附件");
  CHECK(back.waivers.at("R301").value == "省1+X办公室同意, 2026");
}

TEST_CASE("write: every kind round-trips through parse_record") {
  SUBCASE("college") {
    College c;
    c.id = have<std::string>("xinxi");
    c.name = have<std::string>("信息工程学院");
    c.leader = have<std::string>("王建华");
    CHECK(render_record(c) == "id: xinxi\nname: 信息工程学院\nleader: 王建华\n");
    College back = round_trip(c, "colleges/xinxi.yaml", Kind::college);
    CHECK(back.id.value == "xinxi");
    CHECK(back.name.value == "信息工程学院");
    CHECK(back.leader.value == "王建华");
  }
  SUBCASE("major") {
    Major m;
    m.id = have<std::string>("510201");
    m.name = have<std::string>("计算机应用技术");
    m.college = have<std::string>("xinxi");
    CHECK(render_record(m) == "id: \"510201\"\nname: 计算机应用技术\ncollege: xinxi\n");
    Major back = round_trip(m, "majors/510201.yaml", Kind::major);
    CHECK(back.id.value == "510201");
    CHECK(back.name.value == "计算机应用技术");
    CHECK(back.college.value == "xinxi");
  }
  SUBCASE("certificate") {
    Certificate c;
    c.id = have<std::string>("web-frontend");
    c.name = have<std::string>("Web前端开发");
    c.organization = have<std::string>("工业和信息化部教育与考试中心");
    c.levels = have(std::vector<Level>{Level::junior, Level::intermediate, Level::senior});
    c.listed_from = have(2019);
    c.listed_to = have(2027);
    CHECK(render_record(c) ==
          "id: web-frontend\nname: Web前端开发\norganization: 工业和信息化部教育与考试中心\nlevels: [初级, 中级, 高级]\n"
          "listed_from: 2019\nlisted_to: 2027\n");
    Certificate back = round_trip(c, "certificates/web-frontend.yaml", Kind::certificate);
    CHECK(back.levels.value == c.levels.value);
    CHECK(back.listed_from.value == 2019);
    CHECK(back.listed_to.value == 2027);
    CHECK(back.organization.value == c.organization.value);
  }
  SUBCASE("quota change") {
    QuotaChange q;
    q.pilot = have<std::string>("web-frontend-2026");
    q.certificate_name = have<std::string>("Web前端开发");
    q.level = have(Level::intermediate);
    q.original = have(140LL);
    q.revised = have(120LL);
    q.breakdown = have(std::vector<std::pair<Located<std::string>, Located<long long>>>{
        {have<std::string>("510201"), have(55LL)}, {have<std::string>("510203"), have(65LL)}});
    q.reason = have<std::string>("部分学生顶岗实习: 无法返校参考");
    q.initiated_by = have<std::string>("510201");
    q.signed_by = have<std::string>("王建华");
    q.stamped = have(true);
    q.submitted = have(day("2026-09-25"));
    CHECK(render_record(q) ==
          "pilot: web-frontend-2026\ncertificate_name: Web前端开发\nlevel: 中级\noriginal: 140\nrevised: 120\n"
          "breakdown:\n  \"510201\": 55\n  \"510203\": 65\nreason: \"部分学生顶岗实习: 无法返校参考\"\n"
          "initiated_by: \"510201\"\nsigned_by: 王建华\nstamped: true\nsubmitted: 2026-09-25\n");
    QuotaChange back = round_trip(q, "quota-changes/2026/web-frontend-2026.yaml", Kind::quota_change);
    CHECK(back.pilot.value == "web-frontend-2026");
    CHECK(back.certificate_name.value == "Web前端开发");
    CHECK(back.level.value == Level::intermediate);
    CHECK(back.original.value == 140);
    CHECK(back.revised.value == 120);
    REQUIRE(back.breakdown.value.size() == 2);
    CHECK(back.breakdown.value[1].first.value == "510203");
    CHECK(back.breakdown.value[1].second.value == 65);
    CHECK(back.reason.value == q.reason.value);
    CHECK(back.initiated_by.value == "510201");
    CHECK(back.signed_by.value == "王建华");
    CHECK(back.stamped.value);
    CHECK(back.submitted.value == day("2026-09-25"));
  }
  SUBCASE("exam") {
    Exam e;
    e.id = have<std::string>("web-frontend-2026-b1");
    e.pilot = have<std::string>("web-frontend-2026");
    e.date = have(day("2026-11-05"));
    e.status = have(ExamStatus::held);
    e.site = have<std::string>("xinxi-site-01");
    ExamResult r;
    r.major = have<std::string>("510201");
    r.registered = have(20LL);
    r.attended = have(18LL);
    r.passed = have(15LL);
    e.results = have(std::vector<ExamResult>{r});
    CHECK(render_record(e) ==
          "id: web-frontend-2026-b1\npilot: web-frontend-2026\ndate: 2026-11-05\nstatus: held\nsite: xinxi-site-01\n"
          "results:\n  - { major: \"510201\", registered: 20, attended: 18, passed: 15 }\n");
    Exam back = round_trip(e, "exams/2026/web-frontend-2026-b1.yaml", Kind::exam);
    CHECK(back.status.value == ExamStatus::held);
    CHECK(back.date.value == day("2026-11-05"));
    CHECK(back.site.value == "xinxi-site-01");
    REQUIRE(back.results.value.size() == 1);
    CHECK(back.results.value[0].major.value == "510201");
    CHECK(back.results.value[0].registered.value == 20);
    CHECK(back.results.value[0].attended.value == 18);
    CHECK(back.results.value[0].passed.value == 15);
  }
  SUBCASE("report") {
    Report r;
    r.major = have<std::string>("510201");
    r.pilot = have<std::string>("web-frontend-2026");
    r.due = have(day("2026-11-10"));
    r.submitted = have(day("2026-11-09"));
    r.progress = have(Progress{have(35LL), have(20LL), have(18LL), have(15LL)});
    std::map<std::string, Located<std::string>> sections;
    sections["funding"] = have<std::string>("学院经费投入2万元");
    sections["major_construction"] = have<std::string>("已将证书标准融入课程体系");
    r.sections = have(sections);
    CHECK(render_record(r) ==
          "major: \"510201\"\npilot: web-frontend-2026\ndue: 2026-11-10\nsubmitted: 2026-11-09\n"
          "progress: { trained: 35, registered: 20, attended: 18, passed: 15 }\n"
          "sections:\n  major_construction: 已将证书标准融入课程体系\n  funding: 学院经费投入2万元\n");
    Report back = round_trip(r, "reports/2026/510201/2026-11-10.yaml", Kind::report);
    CHECK(back.major.value == "510201");
    CHECK(back.due.value == day("2026-11-10"));
    CHECK(back.submitted.value == day("2026-11-09"));
    CHECK(back.progress.value.trained.value == 35);
    CHECK(back.progress.value.passed.value == 15);
    CHECK(back.sections.value.size() == 2);
    CHECK(back.sections.value.at("funding").value == "学院经费投入2万元");
  }
  SUBCASE("site") {
    Site s;
    s.id = have<std::string>("jidian-site-01");
    s.college = have<std::string>("jidian");
    s.organization = have<std::string>("北京新奥时代科技有限责任公司");
    s.signatory_text = have<std::string>("school");
    s.signatory = have(Signatory::school);
    s.non_procurement = have(true);
    s.oa_ref = have<std::string>("OA-2026-0412");
    s.signed_on = have(day("2026-09-08"));
    CHECK(render_record(s) ==
          "id: jidian-site-01\ncollege: jidian\norganization: 北京新奥时代科技有限责任公司\nsignatory: school\n"
          "contract_process: non-procurement\noa_ref: OA-2026-0412\nsigned: 2026-09-08\n");
    Site back = round_trip(s, "sites/jidian-site-01.yaml", Kind::site);
    CHECK(back.signatory.value == Signatory::school);
    CHECK(back.non_procurement.value);
    CHECK(back.oa_ref.value == "OA-2026-0412");
    CHECK(back.signed_on.value == day("2026-09-08"));
  }
  SUBCASE("fund") {
    Fund f;
    f.id = have<std::string>("0001");
    f.date = have(day("2026-11-06"));
    f.college = have<std::string>("xinxi");
    f.pilot = have<std::string>("web-frontend-2026");
    f.direction = have(Direction::expense);
    f.source = have(FundSource::returned_exam_fee);
    f.category = have(FundCategory::exam_fee);
    f.amount_fen = have(1200005LL);
    CHECK(render_record(f) ==
          "id: \"0001\"\ndate: 2026-11-06\ncollege: xinxi\npilot: web-frontend-2026\ndirection: expense\n"
          "source: returned-exam-fee\ncategory: exam-fee\namount: 12000.05\n");
    Fund back = round_trip(f, "funds/2026/0001.yaml", Kind::fund);
    CHECK(back.id.value == "0001");
    CHECK(back.direction.value == Direction::expense);
    CHECK(back.source.value == FundSource::returned_exam_fee);
    CHECK(back.category.value == FundCategory::exam_fee);
    CHECK(back.amount_fen.value == 1200005);
  }
}

TEST_CASE("write: record_path follows SPEC §2 and refuses what could leave the repository") {
  College c;
  c.id = have<std::string>("xinxi");
  CHECK(record_path(c, 0).rel == "colleges/xinxi.yaml");
  for (const char* bad : {"../x", "x/y", "X", "-x", "", "a b", "..", "x.yaml"}) {
    CAPTURE(bad);
    c.id = have<std::string>(bad);
    CHECK_FALSE(record_path(c, 0).ok());
  }
  Major m;
  m.id = have<std::string>("51020");
  CHECK_FALSE(record_path(m, 0).ok());
  m.id = have<std::string>("510201");
  CHECK(record_path(m, 0).rel == "majors/510201.yaml");
  Pilot p;
  p.id = have<std::string>("web-frontend-2027");
  CHECK_FALSE(record_path(p, 0).ok());  // no year
  p.year = have(2027);
  CHECK(record_path(p, 0).rel == "pilots/2027/web-frontend-2027.yaml");
  QuotaChange q;
  q.pilot = have<std::string>("web-frontend-2026");
  CHECK(record_path(q, 2026).rel == "quota-changes/2026/web-frontend-2026.yaml");
  Exam e;
  e.id = have<std::string>("b1");
  e.date = have(day("2025-12-31"));
  CHECK(record_path(e, 0).rel == "exams/2025/b1.yaml");
  Report r;
  r.major = have<std::string>("510201");
  r.due = have(day("2026-11-20"));
  CHECK(record_path(r, 0).rel == "reports/2026/510201/2026-11-20.yaml");
  r.major = have<std::string>("../../x");
  CHECK_FALSE(record_path(r, 0).ok());
  Fund f;
  f.id = have<std::string>("0007");
  f.date = have(day("2026-01-02"));
  CHECK(record_path(f, 0).rel == "funds/2026/0007.yaml");
  Site s;
  s.id = have<std::string>("s1");
  CHECK(record_path(s, 0).rel == "sites/s1.yaml");
  Certificate cert;
  cert.id = have<std::string>("c1");
  CHECK(record_path(cert, 0).rel == "certificates/c1.yaml");
}
