// The files of a new data repository (`pilot init`).
#include <fmt/format.h>

#include "pilot/write.hpp"

namespace pilot {

std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\u{:04X}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

namespace {

std::string pilot_toml(std::string_view school, int year) {
  return fmt::format(
      R"(# 1+X 证书制度试点数据仓库 / 1+X certificate pilot data repository
# 由 pilot init 生成;改完后运行 pilot validate 检查 / written by `pilot init`; check with `pilot validate`

[school]
name = {0}
kind = "higher-vocational"        # 高职 / higher vocational college
expected_level = "中级"            # 高职原则上试点中级 / 中级 in principle

[calendar]
report_days = [10, 20]            # 双周报每月 10 日、20 日报送 / fortnightly reports due on these days
report_grace_days = 0             # 宽限天数,超过即为逾期 / days of grace before a report is late

# 每个试点年份一节。申报窗口以省里当年通知为准,寒暑假以校历为准:下面的日期是待填的示例,请核对后修改。
# One table per pilot year. Take the application window from the province's notice and the
# vacations from the school calendar: the dates below are placeholders to check and change.
[calendar.{1}]
application_window = ["{1}-03-01", "{1}-05-31"]                          # 待填 / to fill in
vacations = [["{1}-01-17", "{1}-02-22"], ["{1}-07-11", "{1}-08-30"]]    # 待填:寒假、暑假 / to fill in: winter, summer

[scoring]
quota_item_points = 10            # 绩效考核中试点人数一项的分值 / points of the quota item

[rules]
# 调整某条规则的严重级别:"error" | "warning" | "off",例如 / per-rule severity, e.g.
# R301 = "warning"
)",
      toml_string(school), year);
}

constexpr const char* k_gitattributes = R"(# 记录一律用 LF 换行(Windows 上的编辑器也一样)/ records always use LF line ends
*.yaml text eol=lf
*.yml text eol=lf
pilot.toml text eol=lf
)";

constexpr const char* k_gitignore = R"(# pilot 写入时的锁(.pilot/schema/ 中的编辑器模式文件要提交)
# pilot's lock while writing (the editor schemas in .pilot/schema/ are committed)
.pilot/lock
.pilot/.gitignore
# 写入中断时留下的临时文件（下一次写入会删除一小时前的）
# temporary files of an interrupted write (the next write removes those over an hour old)
.*.tmp-*
# CI 生成的测试报告 / the report CI writes
report.xml
)";

constexpr const char* k_gitlab_ci = R"(# CI 示例：每次推送检查整个仓库的全部规则；合并请求只报告相对合并基础新出现的问题
# （在任何文件中：删掉一份双周报会在试点文件中报 R601），结果显示为测试报告（JUnit）。
# Runner 上需要装好 pilot 和 git（按本校方式修改 image 或 before_script）。Gitee Go 和
# GitHub Actions 的示例见 pilot 源码的 docs/ci/。
# CI example: a push checks every rule on the whole repository; a merge request reports only
# the findings that are new since its merge base (in any file: a deleted report is R601 in its
# pilot file). Results show as a test report (JUnit). The runner needs pilot and git. Gitee Go
# and GitHub Actions: see docs/ci/ in pilot's sources.
stages:
  - validate

pilot-validate:
  stage: validate
  script:
    - pilot validate --format junit > report.xml
  artifacts:
    when: always
    reports:
      junit: report.xml
  rules:
    - if: $CI_PIPELINE_SOURCE != "merge_request_event"

pilot-validate-changes:
  stage: validate
  variables:
    GIT_DEPTH: 0   # 克隆中须有比较基础 / the diff base must be in the clone
  script:
    - pilot validate --changed-since "$CI_MERGE_REQUEST_DIFF_BASE_SHA" --format junit > report.xml
  artifacts:
    when: always
    reports:
      junit: report.xml
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
)";

}  // namespace

std::vector<InitFile> init_files(std::string_view school_name, int year) {
  std::vector<InitFile> files;
  for (Kind k : k_all_kinds) files.push_back({std::string(kind_folder(k)) + "/.gitkeep", ""});
  files.push_back({".gitattributes", k_gitattributes});
  files.push_back({".gitignore", k_gitignore});
  files.push_back({".gitlab-ci.yml", k_gitlab_ci});
  files.push_back({"pilot.toml", pilot_toml(school_name, year)});
  return files;  // the editor files follow: write_editor_files (pilot/editors.hpp)
}

}  // namespace pilot
