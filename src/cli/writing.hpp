#pragma once
// What the writing subcommands (add, approve, reject) share: telling the user how a write
// went, and the test-only failure point.
#include <memory>
#include <optional>

#include "common.hpp"
#include "pilot/write.hpp"

namespace pilot::cli {

// Prints the outcome of a write and returns the exit code: 0 written (or a dry run that would
// go through), 1 refused. The written path (or, for a dry run, the file) goes to stdout; the
// new findings go to stdout after the path, except in a dry run, where stdout is the file and
// they go to stderr; a one-line count goes to stderr.
// Every finding the write adds is shown, warnings included, its hint naming the flags that set
// the keys it speaks of (name_flags, after `command`, e.g. "pilot set pilot web-2026").
int report_write(const WriteOutcome& outcome, const WriteRequest& request, const Globals& g,
                 std::string_view command = {});

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
