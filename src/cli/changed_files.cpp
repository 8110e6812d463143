#include "changed_files.hpp"

#include "common.hpp"
#include "pilot/changes.hpp"

namespace pilot::cli {

namespace {

[[noreturn]] void usage_error(const GitError& e, Lang lang) {
  throw UsageError("--changed-since: " + e.text.in(lang));
}

}  // namespace

std::string merge_base_of(const std::filesystem::path& root, const std::string& rev, Lang lang) {
  try {
    return merge_base(root, rev);
  } catch (const GitError& e) {
    usage_error(e, lang);
  }
}

std::optional<Repository> repository_at(const std::filesystem::path& root, const std::string& commit,
                                        Repository& current, Lang lang, unsigned jobs) {
  try {
    return load_repository_at(root, commit, &current, LoadOptions{jobs});
  } catch (const GitError& e) {
    usage_error(e, lang);
  }
}

std::string git_prefix(const std::filesystem::path& root) { return pilot::git_prefix(root); }

}  // namespace pilot::cli
