// X001 (secrets) and X002 (personal data): scan_document_security and scan_config_security.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "pilot/config.hpp"
#include "pilot/security.hpp"
#include "pilot/yaml.hpp"

using namespace pilot;

namespace {

std::vector<Diagnostic> scan(const std::string& yaml) {
  auto parsed = parse_yaml(yaml);
  REQUIRE_MESSAGE(parsed.ok, yaml);
  std::vector<Diagnostic> out;
  scan_document_security(parsed.root, out);
  return out;
}

// The findings of one rule in a one-line note.
std::vector<Diagnostic> in_note(const std::string& text, const std::string& rule) {
  std::vector<Diagnostic> found;
  for (auto& d : scan("notes: '" + text + "'\n")) {
    if (d.rule == rule) found.push_back(d);
  }
  return found;
}

bool secret(const std::string& text) { return !in_note(text, "X001").empty(); }
bool personal(const std::string& text) { return !in_note(text, "X002").empty(); }

bool mentions(const std::vector<Diagnostic>& ds, const std::string& needle) {
  for (const auto& d : ds) {
    for (const std::string* s : {&d.message.zh, &d.message.en, &d.hint.zh, &d.hint.en}) {
      if (s->find(needle) != std::string::npos) return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("security: X001 keys named like a secret, with a value, at the key") {
  for (const char* key : {"password", "admin_password", "Password", "PASSWD", "db-pwd", "api_token", "apiToken", "secret",
                          "client.secret", "token2", "密码", "初始密码", "考务口令"}) {
    INFO(key);
    auto ds = scan(std::string("id: x\n") + key + ": s3cr3t-value\n");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].rule == "X001");
    CHECK(ds[0].severity == Severity::error);
    CHECK(ds[0].line == 2);
    CHECK(ds[0].column == 1);
    CHECK(ds[0].file.empty());  // the loader fills it
    CHECK_FALSE(mentions(ds, "s3cr3t-value"));
    CHECK_FALSE(ds[0].hint.zh.empty());
    CHECK_FALSE(ds[0].hint.en.empty());
  }
}

TEST_CASE("security: X001 keys that only look alike, or hold nothing, are not findings") {
  for (const char* yaml : {"secretary: 王老师\n", "tokenizer: x\n", "passwords_policy_doc: x\n", "password: \"\"\n", "password: ~\n",
                           "password:\n", "token: []\n", "admin: cs_admin_510201\n", "pwdx: 1\n"}) {
    INFO(yaml);
    CHECK(scan(yaml).empty());
  }
}

TEST_CASE("security: X001 nested keys are found at their own position") {
  auto ds = scan("id: x\naccounts:\n  admin: a\n  exam_pwd: Zz99887766\n");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].line == 4);
  CHECK(ds[0].column == 3);
  auto flow = scan("accounts: { admin: a, admin_password: Abc12345 }\n");
  REQUIRE(flow.size() == 1);
  CHECK(flow[0].column == 23);
}

TEST_CASE("security: X001 a secret word in text, a separator and a token") {
  for (const char* text : {"密码: abc12345", "密码:abc12345", "密码：abc12345", "初始密码为Abc@1234", "口令是 Qwer1234",
                           "password=hunter22", "Password = hunter22", "PASSWORD: hunter22", "api token: ghp_abcdef",
                           "db_pwd=xyz0", "secret：K9$x", "管理员密码为：Abc@1234", "账号 cs_admin,密码 = 12345678",
                           "adminPassword: abcd1234", "密码　:　abcd1234"}) {
    INFO(text);
    auto ds = in_note(text, "X001");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].line == 1);
    CHECK(ds[0].column == 8);
  }
}

TEST_CASE("security: X001 a secret word without a value is not a finding") {
  for (const char* text : {"密码已线下交接", "token 已作废", "密码: 已交接", "密码：请向教务处索取", "密码为空", "password reset done",
                           "the token expired", "password: abc", "mypassword: abcd1234", "passwords: abcd1234",
                           "密码学课程", "口令", "pwd", "登录密码 见交接单", "密码: ********", "密码：****(已隐去)",
                           "password: none", "password: N/A.", "token=-----"}) {
    INFO(text);
    CHECK_FALSE(secret(text));
  }
}

TEST_CASE("security: X001 one finding per scalar, none for the value of a reported key") {
  CHECK(in_note("密码: abc12345, token=zzzz9999", "X001").size() == 1);
  auto ds = scan("password: \"密码: abc12345\"\n");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].column == 1);
}

TEST_CASE("security: X002 mobile numbers, whole runs of digits, optionally after +86") {
  for (const char* text : {"13812345678", "电话13812345678", "电话:13912345678。", "+86 13812345678", "+86-13812345678",
                           "+8613812345678", "8613812345678", "(19912345678)", "tel 17012345678 ok"}) {
    INFO(text);
    auto ds = in_note(text, "X002");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].severity == Severity::error);
    CHECK(ds[0].line == 1);
    CHECK(ds[0].column == 8);
    CHECK_FALSE(mentions(ds, "12345678"));
    CHECK(mentions(ds, "****5678"));
  }
}

TEST_CASE("security: X002 numbers that are not mobile numbers") {
  for (const char* text : {"12812345678", "10012345678", "1381234567", "138123456789", "2138123456789", "0086138123456780",
                           "2026-11-05", "OA-2026-0412", "qczy2026_510201_admin", "1381234 5678", "12000.00",
                           "87654321013812345678"}) {
    INFO(text);
    CHECK_FALSE(personal(text));
  }
}

TEST_CASE("security: X002 resident IDs with a real birth date and check digit") {
  for (const char* id : {"11010519491231002X", "11010519491231002x", "440304200002291236", "310101190001010011"}) {
    INFO(id);
    auto ds = in_note(std::string("身份证号 ") + id, "X002");
    REQUIRE(ds.size() == 1);
    CHECK(mentions(ds, "ID"));
    CHECK_FALSE(mentions(ds, std::string(id).substr(6, 8)));  // the birth date is masked
  }
  // An 18-digit ID never also counts as a mobile number inside it.
  CHECK(in_note("110105200001011238", "X002").size() == 1);
}

TEST_CASE("security: X002 ID-like numbers that fail the date or the check digit") {
  for (const char* text : {"110105194912310021",   // wrong check digit
                           "440304200102291233",   // 2001-02-29 does not exist
                           "11010519900230001X",   // 30 February
                           "110105199000130010",   // month 00
                           "520102189912310012",   // born 1899
                           "110105209901010012",   // born 2099
                           "11010519491231002X7",  // part of a longer run
                           "911010519491231002X"}) {
    INFO(text);
    CHECK_FALSE(personal(text));
  }
}

TEST_CASE("security: X002 every scalar is scanned: keys, lists, nested maps, block text") {
  auto ds = scan(
      "id: x\n"
      "contacts: [王老师, \"13812345678\"]\n"
      "13912345678: key\n"
      "majors:\n  - { major: \"510201\", contact: 李老师 15012345678 }\n"
      "notes: |\n  第一行\n  身份证 11010519491231002X\n");
  REQUIRE(ds.size() == 4);
  CHECK(ds[0].line == 2);
  CHECK(ds[0].column == 17);
  CHECK(ds[1].line == 3);
  CHECK(ds[1].column == 1);
  CHECK(ds[2].line == 5);
  CHECK(ds[2].column == 33);
  CHECK(ds[3].line == 6);
  for (const auto& d : ds) CHECK(d.rule == "X002");
}

TEST_CASE("security: one X002 finding per kind and scalar, naming the first few masked") {
  auto two = in_note("李 13812345678, 王 13987654321", "X002");
  REQUIRE(two.size() == 1);
  CHECK(mentions(two, "138****5678"));
  CHECK(mentions(two, "139****4321"));
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "13812345" + std::to_string(100 + i % 500) + " ";
  auto thousand = in_note(many, "X002");
  REQUIRE(thousand.size() == 1);
  CHECK(mentions(thousand, "and 497 more"));  // 500 different numbers, each named once
  CHECK(mentions(thousand, "138****5100, 138****5101, 138****5102"));
  CHECK(in_note("13812345678 11010519491231002X", "X002").size() == 2);  // a phone and an ID
}

TEST_CASE("security: pilot.toml secrets, by key and in text, at pilot.toml positions") {
  Config config;
  config.strings.push_back({"school.name", {"测试学院", Pos{3, 1}}});
  config.strings.push_back({"school.admin_password", {"hunter22", Pos{4, 1}}});
  config.strings.push_back({"school.kind", {"higher-vocational password=hunter22", Pos{5, 1}}});
  config.strings.push_back({"calendar.2026", {"", Pos{8, 1}}});
  config.strings.push_back({"secrets.token", {"", Pos{9, 1}}});  // a table, no value
  config.strings.push_back({"school.note", {"密码已线下交接", Pos{10, 1}}});
  std::vector<Diagnostic> out;
  scan_config_security(config, out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].rule == "X001");
  CHECK(out[0].file == "pilot.toml");
  CHECK(out[0].line == 4);
  CHECK(out[1].line == 5);
  CHECK_FALSE(mentions(out, "hunter22"));
}

TEST_CASE("security: a real pilot.toml is scanned through parse_config") {
  auto config = parse_config("[school]\nname = \"学院\"\nkind = \"higher-vocational\"\n[rules]\nR301 = \"warning\"\n");
  std::vector<Diagnostic> out;
  scan_config_security(config, out);
  CHECK(out.empty());
  auto leaked = parse_config("[school]\nname = \"学院 token: abcd-1234\"\n");
  scan_config_security(leaked, out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].line == 2);
}
