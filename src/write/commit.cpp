// One write from start to end: stay inside the repository, never overwrite by accident,
// validate before write, then the atomic write.
#include <algorithm>

#include <fmt/format.h>

#include "pilot/write.hpp"

namespace fs = std::filesystem;

namespace pilot {

namespace {

// A relative path of plain names: nothing absolute, no "." or "..", no empty part. (Folders
// that are symlinks are refused by write_file_atomically.)
void ensure_inside(const std::string& rel) {
  bool ok = !rel.empty() && rel.front() != '/';
  std::size_t start = 0;
  while (ok) {
    auto slash = rel.find('/', start);
    std::string_view part = std::string_view(rel).substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    ok = !part.empty() && part != "." && part != ".." && part.find('\0') == std::string_view::npos;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (!ok) {
    throw WriteError({fmt::format("拒绝写入仓库之外或不合法的路径 “{}”；未写入任何内容", rel),
                      fmt::format("refusing to write \"{}\": not a path inside the repository; nothing was written", rel)});
  }
}

}  // namespace

int WriteOutcome::new_errors() const {
  return static_cast<int>(std::count_if(new_findings.begin(), new_findings.end(),
                                        [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

int WriteOutcome::new_warnings() const {
  return static_cast<int>(std::count_if(new_findings.begin(), new_findings.end(),
                                        [](const Diagnostic& d) { return d.severity == Severity::warning; }));
}

WriteOutcome write_record(Repository& repo, const WriteRequest& request, const Date& as_of, FileSystem& file_system) {
  ensure_inside(request.rel);
  WriteOutcome outcome;
  std::error_code ec;
  bool exists = fs::exists(fs::symlink_status(repo.root / request.rel, ec));
  if (exists && request.overwrite == Overwrite::no) {
    outcome.status = WriteStatus::refused_exists;
    return outcome;
  }
  outcome.new_findings = findings_added(repo, request.kind, request.rel, request.text, as_of, request.lines);
  if (request.force == Force::no && outcome.new_errors() > 0) {
    outcome.status = WriteStatus::refused_errors;
    return outcome;
  }
  if (request.force == Force::no && request.strict == Strict::yes && outcome.new_warnings() > 0) {
    outcome.status = WriteStatus::refused_warnings;
    return outcome;
  }
  if (request.dry_run == DryRun::yes) {
    outcome.status = WriteStatus::dry_run;
    return outcome;
  }
  outcome.warning = write_file_atomically(repo.root, request.rel, request.text, request.overwrite, file_system);
  outcome.status = WriteStatus::written;
  return outcome;
}

}  // namespace pilot
