#pragma once
// Writing records safely (SPEC §4): a record's canonical YAML text, where it lives, the
// check that a write brings no new error, atomic files with an explicit commit, the repository
// lock, the line edits of approve / reject, and the files of a new repository. Nothing here
// prints; src/cli/{init,add,decide}.cpp talk to the user. Every message is Text{zh, en}.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pilot/date.hpp"
#include "pilot/diagnostic.hpp"
#include "pilot/model.hpp"
#include "pilot/repository.hpp"
#include "pilot/text.hpp"

namespace pilot {

enum class DryRun { no, yes };
enum class Force { no, yes };
enum class Overwrite { no, yes };  // may a write replace an existing file?

// A write that could not happen (I/O, lock, a path outside the repository). The message names
// the file and the cause. Thrown only below src/cli.
struct WriteError : std::runtime_error {
  Text text;
  explicit WriteError(Text t) : std::runtime_error(t.en), text(std::move(t)) {}
};

// ---------------------------------------------------------------- canonical YAML (yaml_emit.cpp)

enum class YamlContext { block, flow };

// `s` as a YAML scalar that reads back as exactly this string: plain when YAML would not
// misread it (no leading indicator, no ':' or '#', not a number / bool / null / date, and in
// flow context no ",[]{}"), else double-quoted with escapes. UTF-8 is kept as is.
std::string yaml_string(std::string_view s, YamlContext context = YamlContext::block);

// A record's canonical text: keys in SPEC §2.2 order (notes, then waivers, last), only the
// fields that are `present`, enums in their first spelling, codes quoted, dates YYYY-MM-DD,
// amounts with two decimals, list entries as flow mappings, LF line ends.
std::string render_record(const AnyRecord& record);

Kind kind_of(const AnyRecord& record);

// ---------------------------------------------------------------- where a record lives (path.cpp)

struct RecordPath {
  std::string rel;  // '/'-separated, relative to the repository root
  Text error;       // non-empty when the record cannot be placed (bad id, missing date, ...)
  bool ok() const { return error.empty(); }
};

// The SPEC §2 path of a record, from its own fields; `quota_change_year` is the year folder of
// a quota change (its pilot's year). Every path component is checked (IDs match
// [a-z0-9][a-z0-9-]*, major codes are 6 digits), so the path never leaves the repository.
RecordPath record_path(const AnyRecord& record, int quota_change_year);

// ---------------------------------------------------------------- defaults that save typing (defaults.cpp)

// The year folder of a quota change: its pilot's year, else as-of's year (S004 then reports
// the unknown pilot).
int quota_change_year(const QuotaChange& change, const Repository& repo, const Date& as_of);

// Fills what `pilot add quota-change` was not given, from the pilot: certificate_name (its
// certificate's name), level, original (the current quota: the `revised` of the pilot's last
// quota change other than the one at `rel`, else the sum of its majors' quotas); submitted =
// as-of. initiated_by, signed_by and stamped are never guessed: someone must sign.
void fill_quota_change_defaults(QuotaChange& change, const Repository& repo, const Date& as_of, const std::string& rel);

// Fills what `pilot add report` was not given: due = the latest due date on or before as-of,
// submitted = as-of, pilot = the first approved pilot of the major in the due year (SPEC: a
// major in two pilots names either). Returns why a needed value could not be found, else {}.
Text fill_report_defaults(Report& report, const Repository& repo, const Date& as_of);

// ---------------------------------------------------------------- the file-system seam (file_system.cpp)

// The system calls a write makes, so that tests can fail any one of them. POSIX style: -1 and
// errno on failure.
class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual int mkdir(const std::string& path) = 0;                      // mode 0755
  virtual int rmdir(const std::string& path) = 0;
  virtual int open_exclusive(const std::string& path) = 0;             // O_CREAT|O_EXCL, 0644
  virtual long write(int fd, const char* data, std::size_t size) = 0;  // may write less
  virtual int fsync(int fd) = 0;
  virtual int close(int fd) = 0;
  // Overwrite::no fails with EEXIST when `to` exists (renameat2 RENAME_NOREPLACE, or link).
  virtual int rename(const std::string& from, const std::string& to, Overwrite overwrite) = 0;
  virtual int unlink(const std::string& path) = 0;
  virtual int fsync_directory(const std::string& path) = 0;
};

FileSystem& posix_file_system();

// The steps a test can make fail, named as PILOT_TEST_FAIL_AT spells them.
enum class FsStep { mkdir, open, write, fsync, close, rename, fsync_dir };
std::optional<FsStep> parse_fs_step(std::string_view name);  // "mkdir", ..., "fsync-dir"
const char* fs_step_name(FsStep step);

// TEST ONLY: the POSIX file system, except that `step` fails with EIO.
std::unique_ptr<FileSystem> failing_file_system(FsStep step);

// ---------------------------------------------------------------- atomic files (atomic_file.cpp)

// A file written whole or not at all: a temporary file beside the target ("." + name +
// ".tmp-" + random, never *.yaml, so the loader ignores it), written, fsync'ed, then renamed
// onto the target, then the directory fsync'ed. An AtomicFile that is destroyed without
// commit() removes its temporary file, so a failed write leaves the old state.
class AtomicFile {
 public:
  // Creates the temporary file; `display` names the target in messages (a relative path).
  // Throws WriteError.
  AtomicFile(std::filesystem::path target, std::string display, FileSystem& fs);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);  // throws WriteError
  // fsync, close, rename (Overwrite::no refuses an existing target), fsync the directory.
  // Throws WriteError up to the rename (the temporary file is then gone); after the rename the
  // write has happened, and a failed directory fsync is returned as a warning.
  std::optional<Text> commit(Overwrite overwrite);

 private:
  void fail(const char* step_zh, const char* step_en, int err);
  void discard();

  std::filesystem::path target_;
  std::filesystem::path temp_;
  std::string display_;
  FileSystem& fs_;
  int fd_ = -1;
  bool committed_ = false;
};

// Removes the temporary files (".NAME.tmp-*") that interrupted writes left below root (and in
// root/.pilot) when they are older than `age`, so a write still under way is never touched.
// Hidden folders and symlinks are not entered. Returns how many were removed.
std::size_t remove_stale_temp_files(const std::filesystem::path& root, FileSystem& fs,
                                    std::chrono::seconds age = std::chrono::hours(1));

// Writes `bytes` to root/rel atomically, creating missing folders (removed again when the
// write fails), after remove_stale_temp_files(root). Throws WriteError; returns a warning
// when only a directory fsync failed.
std::optional<Text> write_file_atomically(const std::filesystem::path& root, const std::string& rel,
                                          std::string_view bytes, Overwrite overwrite, FileSystem& fs);

// ---------------------------------------------------------------- the repository lock (lock.cpp)

inline constexpr const char* k_lock_dir = ".pilot";
inline constexpr const char* k_lock_file = ".pilot/lock";

// An exclusive flock on <root>/.pilot/lock, held for the object's life: writers hold it from
// loading the repository to the rename, so concurrent `pilot` processes never lose a record.
// Creates .pilot/ when missing, and its .gitignore naming the lock (written atomically, and
// again whenever it does not name the lock). Waits up to `timeout`, then throws WriteError
// naming the lock file.
class RepositoryLock {
 public:
  RepositoryLock(const std::filesystem::path& root, std::chrono::milliseconds timeout);
  ~RepositoryLock();
  RepositoryLock(const RepositoryLock&) = delete;
  RepositoryLock& operator=(const RepositoryLock&) = delete;

 private:
  int fd_ = -1;
};

// ---------------------------------------------------------------- validate before write (check.cpp)

// How the lines of one edited file moved: new_line_of[old - 1] is the new line (0 = removed).
// Empty: lines did not move.
struct LineMap {
  std::vector<int> new_line_of;
  int map(int old_line) const;
};

// Replaces whatever `rel` held in `repo` by `text` (parsed with parse_record, exactly as the
// loader would), runs every rule before and after, and returns the errors after that were not
// there before (compared by rule, file, line and message; lines of `rel` found before
// are moved through `lines`). `repo` keeps the change.
std::vector<Diagnostic> errors_added(Repository& repo, Kind kind, const std::string& rel, std::string_view text,
                                     const Date& as_of, const LineMap& lines = {});

// ---------------------------------------------------------------- one write, start to end (commit.cpp)

struct WriteRequest {
  Kind kind = Kind::college;
  std::string rel;   // from record_path, or the file being edited
  std::string text;  // the complete new file
  Overwrite overwrite = Overwrite::no;  // yes for edits of an existing file, and for --force
  LineMap lines;                        // for edits
  Force force = Force::no;
  DryRun dry_run = DryRun::no;
};

enum class WriteStatus {
  written,         // the file is in place
  dry_run,         // nothing written; the write would have gone through
  refused_errors,  // it would bring new errors (new_errors), nothing written
  refused_exists,  // the file exists and overwrite is no, nothing written
};

struct WriteOutcome {
  WriteStatus status = WriteStatus::written;
  std::vector<Diagnostic> new_errors;  // also filled when forced or dry-run
  std::optional<Text> warning;         // the write happened, but e.g. a directory fsync failed
};

// Validate-before-write, then the atomic write. The caller holds the RepositoryLock (unless
// dry-run) from before loading `repo`. Throws WriteError when the write itself fails.
WriteOutcome write_record(Repository& repo, const WriteRequest& request, const Date& as_of, FileSystem& fs);

// ---------------------------------------------------------------- approve / reject (decision.cpp)

enum class Decision { approve, reject };

struct DecisionEdit {
  enum class Result { edited, unchanged, refused };
  Result result = Result::refused;
  std::string text;  // edited: the new file
  LineMap lines;     // edited: how lines moved
  Text reason;       // refused / unchanged: why
  Text hint;         // refused: how to go on
};

// Records the province's decision in a pilot file's bytes: only the `status:` value changes
// and `approved:` / `rejected:` is set, or inserted after `submitted:` (else after `status:`)
// with the file's indentation and line ending; every other byte stays. A draft is refused
// (there is no application to decide); a pilot already decided the other way, or on another
// date, is refused unless `force` (then the opposite date line is removed); the same decision
// on the same date is `unchanged`.
DecisionEdit edit_decision(std::string_view bytes, const Pilot& pilot, Decision decision, const Date& date, Force force);

// ---------------------------------------------------------------- a new repository (init.cpp)

struct InitFile {
  std::string rel;
  std::string text;
};

// pilot.toml for `year` (a calendar template that validates: application window and
// vacations to adjust), the SPEC §2 folders (each with .gitkeep), .gitattributes, .gitignore
// and a GitLab/Gitee CI example running `pilot validate --format junit`. pilot.toml is last.
std::vector<InitFile> init_files(std::string_view school_name, int year);

// `s` as a TOML basic string, quotes included.
std::string toml_string(std::string_view s);

}  // namespace pilot
