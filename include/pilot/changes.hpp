#pragma once
// What a change adds (`pilot validate --changed-since REV`): the repository as it was at the
// merge base, loaded from git objects, and the findings that are new since then.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include "pilot/repository.hpp"
#include "pilot/rules.hpp"
#include "pilot/text.hpp"

namespace pilot {

// git could not answer: not installed, not a work tree, an unknown revision, no merge base.
struct GitError : std::runtime_error {
  explicit GitError(Text message) : std::runtime_error(message.en), text(std::move(message)) {}
  Text text;  // the message in both languages
};

// The commit a change is compared with: for `A...B`, the merge base of A and B (B defaults to
// HEAD, as in `git diff A...B`); for any other revision, the merge base of it and HEAD.
// Throws GitError.
std::string merge_base(const std::filesystem::path& root, const std::string& rev);

// root's folder relative to the top of its git work tree, ending in '/' ("" at the top, and
// when git is missing or root is not in a work tree).
std::string git_prefix(const std::filesystem::path& root);

// The repository at root as it was in `commit`, read from git objects (`ls-tree`, `cat-file
// --batch`; the work tree is never touched, nor the index written) through the same walk
// decisions and the same parser as load_repository, so it gets the same load findings.
// `donor`, when given, is the repository load_repository read from the work tree: the records
// and load findings of the files that git reports unchanged between the commit and the work
// tree are moved out of it instead of parsed again (parse_record is a pure function of a
// file's path and bytes), which leaves donor unusable but for its root: analyze it first.
// Path-like plans count as present when the commit holds them. nullopt when root's folder or
// its pilot.toml is missing in the commit, or that pilot.toml cannot be parsed: then there is
// nothing to compare with. Throws GitError.
std::optional<Repository> load_repository_at(const std::filesystem::path& root,
                                             const std::string& commit, Repository* donor,
                                             const LoadOptions& options = {});

// Keeps the findings of `now` that `before` lacks, reported and waived each against its own
// kind. Two findings are the same when rule, file and message agree (lines move); each of
// `before` matches one of `now` (two before and three now: one is new), exact positions
// first. Errors and warnings are recounted from what is kept, so the exit code follows the
// new findings alone.
void keep_new_findings(Analysis& now, const Analysis& before);

}  // namespace pilot
