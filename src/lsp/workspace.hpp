#pragma once
// The repository as the editor sees it: loaded once from disk, then kept up to date file by
// file. An open buffer replaces its file's record (unsaved text counts); a file changed on disk
// is read again unless a buffer holds it. The rules run again only when something changed.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pilot/date.hpp"
#include "pilot/diagnostic.hpp"
#include "pilot/repository.hpp"
#include "pilot/rules.hpp"

namespace pilot::lsp {

// The nearest folder at or above `dir` that holds a pilot.toml, or nullopt.
std::optional<std::filesystem::path> find_root_upwards(const std::filesystem::path& dir);

// The kind of record a repository-relative path holds: a name ending in .yaml or .yml below a
// kind folder, no empty part and none that starts with a dot (the walk never enters those:
// .git/, an interrupted write's .NAME.tmp-*, Emacs's .#NAME lock links). nullopt otherwise.
std::optional<Kind> record_kind(std::string_view rel);

// Replaces the record, load findings and unreadable mark of one file of `kind` in `repo`,
// keeping every kind's records in path order as the loader leaves them (so that "the first
// record with an id" stays the same as in a fresh load); `parsed` nullopt removes the file.
// `unreadable` lists the files that could not become a record (for their stems' marks).
// Call repo.build_indexes() afterwards.
void replace_file(Repository& repo, std::map<std::string, Kind>& unreadable, Kind kind,
                  const std::string& rel, std::optional<ParsedFile> parsed);

class Workspace {
 public:
  // Loads the repository below root (an absolute path). A pilot.toml that cannot be read or
  // parsed leaves no records and a finding at pilot.toml (config_problem) until it is fixed.
  Workspace(std::filesystem::path root, unsigned jobs);

  const std::filesystem::path& root() const { return root_; }
  const Repository& repository() const { return repo_; }

  // The '/'-separated path of `absolute` below the root, or nullopt when it is outside.
  std::optional<std::string> relative(const std::string& absolute) const;

  // An open buffer's text for a relative path: it replaces the file's record (or pilot.toml).
  void set_buffer(const std::string& rel, std::string text);
  // The buffer is closed: the file on disk counts again (or nothing, if it is gone).
  void close_buffer(const std::string& rel);
  const std::string* buffer(const std::string& rel) const;

  // A path below the root was created, changed or deleted on disk. A buffer still wins; a
  // folder, a symlink, a YAML file outside the record folders or anything but a small regular
  // record file makes the whole repository load again (as `pilot validate` would see it).
  void disk_changed(const std::string& rel);
  // A buffer was saved: when pilot.toml on disk could not be parsed before, load again.
  void saved(const std::string& rel);
  // Everything from disk again, then the open buffers.
  void reload();

  // Whether the rules must run again.
  bool dirty() const { return dirty_; }
  // Runs the rules when dirty; the analysis includes the pilot.toml problem, if any.
  const Analysis& analyze(const Date& as_of);
  const Analysis& analysis() const { return analysis_; }
  // How many times the rules ran (to tell whether analyze() produced something new).
  std::size_t runs() const { return runs_; }
  // How many times the whole repository was read from disk (1 after construction).
  std::size_t loads() const { return loads_; }

  // A file's text: its buffer, else its bytes on disk (at most 1 MiB, a UTF-8 BOM dropped,
  // as an editor shows it), else nullopt.
  std::optional<std::string> text(const std::string& rel) const;

 private:
  void apply_text(const std::string& rel, std::string_view text);
  void apply_disk(const std::string& rel);
  void apply_config(std::string_view text);
  void index_unreadable();
  bool holds_files(const std::string& folder) const;  // a record or finding below folder/

  std::filesystem::path root_;
  unsigned jobs_ = 0;
  Repository repo_;
  bool records_loaded_ = false;                 // false while pilot.toml on disk cannot be parsed
  std::map<std::string, Kind> unreadable_;      // files that are no record
  std::map<std::string, std::string> buffers_;  // rel -> text
  std::optional<Diagnostic> config_problem_;
  bool dirty_ = true;
  std::optional<Date> analyzed_as_of_;
  Analysis analysis_;
  std::size_t runs_ = 0;
  std::size_t loads_ = 0;
};

}  // namespace pilot::lsp
