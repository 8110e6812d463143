#pragma once
// Asking git about the data repository: which files a merge request touches
// (`validate --changed-since REV`), and where the repository sits in its work tree (SARIF).
#include <filesystem>
#include <set>
#include <string>

#include "pilot/rules.hpp"
#include "pilot/text.hpp"

namespace pilot::cli {

// The files below `root` that differ between the work tree and git revision `rev` (committed,
// staged or not), plus untracked files that are not ignored: paths relative to root,
// '/'-separated, as diagnostics name them, also when root is a subfolder of the work tree.
// Throws UsageError (exit 2) in `lang` when git is missing, root is not in a git work tree, or
// rev names no commit.
std::set<std::string> files_changed_since(const std::filesystem::path& root, const std::string& rev, Lang lang);

// root's folder relative to the top of its git work tree, ending in '/' ("" at the top, and
// when git is missing or root is not in a work tree).
std::string git_prefix(const std::filesystem::path& root);

// Keeps the findings (reported and waived) located in one of `files`; recounts errors and
// warnings from what is kept, so the exit code follows the reported findings only.
void keep_findings_in(Analysis& analysis, const std::set<std::string>& files);

}  // namespace pilot::cli
