#pragma once
// What the writing subcommands (add, approve, reject) share: telling the user how a write
// went, and the test-only failure point.
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common.hpp"
#include "pilot/fields.hpp"
#include "pilot/write.hpp"

namespace CLI {
class Option;
}

namespace pilot::cli {

// One flag of `add` / `set` registered on CLI11, with the storage CLI11 writes into.
struct FlagSlot {
  FlagRef flag;
  CLI::Option* option = nullptr;
  std::string value;
  std::vector<std::string> values;
  bool on = false;
};

// Registers `flags` on `sub`, one slot each (a deque: CLI11 keeps pointers into the slots);
// with `required`, the flags the field table marks required are required.
void register_record_flags(CLI::App* sub, std::vector<FlagRef> flags, std::deque<FlagSlot>& slots,
                           bool required);
// The flags given on the command line, as the library reads them.
std::vector<GivenFlag> given_flags(const std::deque<FlagSlot>& slots);
// True when the flag of the top-level field `key` was given.
bool was_given(const std::deque<FlagSlot>& slots, std::string_view key);
// The kind names a KIND subcommand also answers to: the folder ("majors") and the Chinese
// name ("专业").
void add_kind_aliases(CLI::App* sub, Kind kind);

// Prints the outcome of a write and returns the exit code: 0 written (or a dry run that would
// go through), 1 refused. The written path (or, for a dry run, the file) goes to stdout; the
// new findings go to stdout after the path, except in a dry run, where stdout is the file and
// they go to stderr; a one-line count goes to stderr.
// Every finding the write adds is shown, warnings included, its hint naming the flags that set
// the keys it speaks of (name_flags, after `command`, e.g. "pilot set pilot web-2026").
// A dry run prints `dry_shown` (set: the diff) instead of the file, when given.
int report_write(const WriteOutcome& outcome, const WriteRequest& request, const Globals& g,
                 std::string_view command = {}, const std::string* dry_shown = nullptr);

// Finds the repository, takes its lock into `lock` (none when `lock` is null: a dry run),
// waiting 60 s at most, and loads the repository under the lock, so that concurrent writers
// check against each other's records.
Repository load_locked(const Globals& g, std::optional<RepositoryLock>* lock);

// Prints a WriteError (the file and the cause) to stderr; returns 1.
int report_write_error(const WriteError& e, const Globals& g);

// TEST ONLY: with PILOT_TEST_FAIL_AT=mkdir|open|write|fsync|close|rename|fsync-dir, a file
// system that fails that step (EIO); else nullptr. Documented in docs/writing.md.
std::unique_ptr<FileSystem> test_file_system();

}  // namespace pilot::cli
