#pragma once
// Asking git about the data repository: the merge base a change is compared with
// (`validate --changed-since REV`), and where the repository sits in its work tree (SARIF).
#include <filesystem>
#include <optional>
#include <string>

#include "pilot/repository.hpp"
#include "pilot/text.hpp"

namespace pilot::cli {

// The merge base of `rev` and HEAD (for `A...B`, of A and B). Throws UsageError (exit 2) in
// `lang` when git is missing, root is not in a git work tree, a revision names no commit, or
// there is no merge base.
std::string merge_base_of(const std::filesystem::path& root, const std::string& rev, Lang lang);

// The repository at root as it was in `commit`, from git objects, taking the unchanged files'
// records out of `current` (analyse it first: it is unusable afterwards, but for its root);
// nullopt when the commit holds no repository to compare with. Throws UsageError as above.
std::optional<Repository> repository_at(const std::filesystem::path& root, const std::string& commit,
                                        Repository& current, Lang lang, unsigned jobs);

// root's folder relative to the top of its git work tree, ending in '/' ("" at the top, and
// when git is missing or root is not in a work tree).
std::string git_prefix(const std::filesystem::path& root);

}  // namespace pilot::cli
