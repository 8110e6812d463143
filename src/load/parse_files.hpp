#pragma once
// Parsing what a walk found on several threads, while it walks; then one merge, in path order,
// through add_parsed like every other way a file enters a repository.
#include <atomic>
#include <functional>
#include <mutex>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "pilot/repository.hpp"
#include "walk.hpp"
#include "work_queue.hpp"

namespace pilot::load {

// Reads a readable record file the walk found and parses it; `buffer` is the calling thread's,
// reused file after file. Called on several threads at once.
using ReadFile = std::function<ParsedFile(const Found& file, std::string& buffer)>;

// A record file that could not be read: the walk's findings, then why.
ParsedFile without_record(const Found& file, Diagnostic&& why);

// The file's bytes parsed as a record of its kind, after the walk's findings about it.
ParsedFile parse_found(const Found& file, std::string_view bytes);

// Reads file.source from disk, without blocking on a FIFO and within the size limit, and
// parses it; what stops the reading is S005.
ParsedFile read_from_disk(const Found& file, std::string& buffer);

class ParallelParse {
 public:
  // Parses into `repo`. At most `jobs` threads parse (0: the hardware's concurrency): jobs - 1
  // helpers, started as the files come (one per 16 files, so that a small repository is read
  // by one thread), and the caller's thread in finish().
  ParallelParse(Repository& repo, ReadFile read, unsigned jobs);
  ~ParallelParse();  // waits for the helpers (after an exception: their work is dropped)
  ParallelParse(const ParallelParse&) = delete;
  ParallelParse& operator=(const ParallelParse&) = delete;

  // Hands the batch's record files to the parsing threads.
  void add(Batch&& batch);
  // Parses what is left and waits for every file. The parsed files are added to the
  // repository in the order the batches were given, chunk by chunk as soon as the chunks
  // before are in, by whichever thread is free to: record files through add_parsed, the other
  // findings to its load diagnostics. So only the chunks parsed ahead of the merge are held.
  void finish();

 private:
  struct Slot {
    Batch files;
    std::size_t chunks = 0;
    std::unique_ptr<std::vector<ParsedFile>[]> parsed;  // per chunk, until merged
    std::unique_ptr<std::atomic<bool>[]> ready;         // per chunk: parsed, not yet merged
  };
  void work();
  void merge_ready();
  void join();

  Repository& repo_;
  ReadFile read_;
  unsigned jobs_;
  std::vector<std::unique_ptr<Slot>> slots_;  // owned here; the threads see them by pointer
  std::vector<Slot*> published_;              // what the queue's batch indexes name
  std::size_t files_ = 0;
  WorkQueue queue_;
  std::vector<std::thread> pool_;
  std::mutex slots_mutex_;  // guards published_ while add() appends to it
  std::mutex merge_mutex_;  // one thread merges at a time, in order
  std::size_t merged_batches_ = 0, merged_chunks_ = 0;  // under merge_mutex_
};

}  // namespace pilot::load
