#pragma once
// The walk: which entries of a repository's tree are record files, and what is said about the
// rest (SPEC §2: nothing in the tree is silently skipped). The same decisions serve the tree
// on disk (walk_disk) and a tree in git (git_tree.cpp), so that both give the same findings.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pilot/diagnostic.hpp"
#include "pilot/model.hpp"

namespace pilot::load {

// One thing the walk found, in path order: a record file (kind set), to read and parse, or a
// finding about something that is not a record file (a YAML file outside the record folders,
// a symlinked folder, a folder that cannot be listed).
struct Found {
  std::string rel;                   // relative to the root, '/'-separated
  std::optional<Kind> kind;          // set: a record file below this kind's folder
  std::string source;                // a record file's bytes: the path to open, or a blob id
  std::vector<Diagnostic> findings;  // made before reading; they go with the file's own
  bool readable = true;              // false: `findings` says why the file cannot be read
  std::size_t tag = 0;               // for the reader's own use (git_tree.cpp)
};

// What the walk found below one entry of the root, in path order.
using Batch = std::vector<Found>;

// An entry's type as the walk sees it; symlinks are resolved, never followed into folders.
enum class EntryType {
  file,            // a regular file, or a symlink to one inside the repository
  folder,          // a folder (its entries are walked)
  link_to_folder,  // a symlink that resolves to a folder, inside the repository or not
  link_loops,      // a symlink that loops or leads to nothing
  link_outside,    // a symlink to a file outside the repository
  link_special,    // a symlink inside the repository to something that is not a regular file
  special,         // a FIFO, socket or device
};

// Whether a name is hidden from the walk: it starts with a dot (.git, .pilot, .gitlab-ci.yml,
// and the temporary files of an interrupted write, .NAME.tmp-*).
inline bool is_hidden(std::string_view name) { return !name.empty() && name.front() == '.'; }

// What the walk does with an entry that is not hidden: nothing (not YAML: plans, scans,
// README), descend (a folder), or report `out` (a record file, or a finding; `out` must be
// a fresh Found). `rel` and `source` are moved from only when the verdict is `found`.
enum class Verdict { ignore, descend, found };
Verdict place_entry(std::string&& rel, EntryType type, std::string&& source, Found& out);

// The S005 findings of the walk and of reading, shared by every source of files.
Diagnostic s005(const std::string& file, Text message, Text hint);
Diagnostic unlisted_folder(const std::string& rel, int err);
Diagnostic too_large(const std::string& rel, std::size_t size);

// Walks the tree below root in path order (each folder's entries sorted as their paths sort,
// a folder's name counting with its '/', which is also git's tree order), one folder open at a
// time and without recursion, never entering a hidden name and never following a symlink.
// Calls `emit` once for each entry of the root that gave anything, in order, so that the
// files of a kind's folder can be parsed while the walk goes on.
void walk_disk(const std::filesystem::path& root, const std::function<void(Batch&&)>& emit);

}  // namespace pilot::load
