#include "parse_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <exception>
#include <system_error>

#include <fmt/format.h>

#include "pilot/yaml.hpp"

namespace pilot::load {

ParsedFile without_record(const Found& file, Diagnostic&& why) {
  ParsedFile p;
  p.kind = *file.kind;
  p.file = file.rel;
  p.diagnostics = file.findings;
  p.diagnostics.push_back(std::move(why));
  return p;
}

ParsedFile parse_found(const Found& file, std::string_view bytes) {
  ParsedFile p = parse_record(*file.kind, file.rel, bytes);
  if (!file.findings.empty()) p.diagnostics.insert(p.diagnostics.begin(), file.findings.begin(), file.findings.end());
  return p;
}

ParsedFile read_from_disk(const Found& file, std::string& bytes) {
  int fd = ::open(file.source.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    return without_record(
        file, s005(file.rel,
                   {fmt::format("无法读取文件：{}", errno_text(err).zh),
                    fmt::format("cannot read the file: {}", std::strerror(err))},
                   {err == EACCES ? "检查文件权限（chmod a+r）" : "检查文件是否存在且可读",
                    err == EACCES ? "check the file's permissions (chmod a+r)"
                                  : "check that the file exists and is readable"}));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return without_record(file, s005(file.rel, {"不是普通文件", "not a regular file"},
                                      {"删除它，记录必须是普通文件", "remove it: records are regular files"}));
  }
  if (static_cast<std::size_t>(st.st_size) > k_max_file_size) {
    ::close(fd);
    return without_record(file, too_large(file.rel, static_cast<std::size_t>(st.st_size)));
  }
  bytes.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  bytes.resize(got);
  ::close(fd);
  return parse_found(file, bytes);
}

ParallelParse::ParallelParse(Repository& repo, ReadFile read, unsigned jobs)
    : repo_(repo),
      read_(std::move(read)),
      jobs_(jobs != 0 ? jobs : std::max(1u, std::thread::hardware_concurrency())) {}

ParallelParse::~ParallelParse() { join(); }

void ParallelParse::join() {
  queue_.finish();
  for (auto& t : pool_) {
    if (t.joinable()) t.join();
  }
}

void ParallelParse::add(Batch&& batch) {
  auto slot = std::make_unique<Slot>();
  slot->files = std::move(batch);
  const std::size_t count = slot->files.size();
  slot->chunks = (count + WorkQueue::k_chunk - 1) / WorkQueue::k_chunk;
  slot->parsed = std::make_unique<std::vector<ParsedFile>[]>(slot->chunks);
  slot->ready = std::make_unique<std::atomic<bool>[]>(slot->chunks);
  std::size_t index = 0;
  {
    std::lock_guard<std::mutex> lock(slots_mutex_);
    index = published_.size();
    published_.push_back(slot.get());
  }
  files_ += count;
  slots_.push_back(std::move(slot));
  queue_.publish(index, count);
  try {
    while (pool_.size() + 1 < jobs_ && files_ / 16 > pool_.size()) pool_.emplace_back([this] { work(); });
  } catch (const std::system_error&) {  // no more threads: those running do the work
    jobs_ = static_cast<unsigned>(pool_.size()) + 1;
  }
}

void ParallelParse::work() {
  std::string buffer;
  std::size_t batch = 0, begin = 0, end = 0;
  while (queue_.claim(batch, begin, end)) {
    Slot* slot = nullptr;
    {
      std::lock_guard<std::mutex> lock(slots_mutex_);
      slot = published_[batch];
    }
    std::vector<ParsedFile>& parsed = slot->parsed[begin / WorkQueue::k_chunk];
    parsed.resize(end - begin);
    for (std::size_t i = begin; i < end; ++i) {
      const Found& file = slot->files[i];
      if (!file.kind) continue;  // a finding, not a file
      ParsedFile& out = parsed[i - begin];
      if (!file.readable) {
        out = ParsedFile{*file.kind, file.rel, std::nullopt, file.findings};
        continue;
      }
      try {
        out = read_(file, buffer);
      } catch (const std::exception& e) {  // e.g. out of memory on one file: report, go on
        out = without_record(file, s005(file.rel,
                                        {std::string("无法读取：") + e.what(),
                                         std::string("cannot read: ") + e.what()},
                                        {"检查文件内容", "check the file's content"}));
      }
    }
    // The release pairs with merge_ready's acquire: the merging thread sees the chunk whole.
    slot->ready[begin / WorkQueue::k_chunk].store(true, std::memory_order_release);
    merge_ready();
  }
}

void ParallelParse::merge_ready() {
  std::unique_lock<std::mutex> merging(merge_mutex_, std::try_to_lock);
  if (!merging.owns_lock()) return;  // the merging thread looks again, or finish() does
  while (true) {
    Slot* slot = nullptr;
    {
      std::lock_guard<std::mutex> lock(slots_mutex_);
      if (merged_batches_ == published_.size()) return;
      slot = published_[merged_batches_];
    }
    if (merged_chunks_ == 0) {  // a new batch: room first, so that add_parsed never reallocates
      std::array<std::size_t, std::size(k_all_kinds)> counts{};
      for (const Found& file : slot->files) {
        if (file.kind) ++counts[static_cast<std::size_t>(*file.kind)];
      }
      for (Kind k : k_all_kinds) {
        std::size_t n = counts[static_cast<std::size_t>(k)];
        if (n > 0) with_kind(repo_, k, [&](auto& records) { records.reserve(records.size() + n); });
      }
    }
    while (merged_chunks_ < slot->chunks && slot->ready[merged_chunks_].load(std::memory_order_acquire)) {
      std::vector<ParsedFile> parsed = std::move(slot->parsed[merged_chunks_]);
      const std::size_t begin = merged_chunks_ * WorkQueue::k_chunk;
      for (std::size_t i = 0; i < parsed.size(); ++i) {
        Found& file = slot->files[begin + i];
        if (file.kind) {
          add_parsed(repo_, std::move(parsed[i]));
        } else {
          for (auto& d : file.findings) repo_.load_diagnostics.push_back(std::move(d));
        }
      }
      ++merged_chunks_;
    }
    if (merged_chunks_ < slot->chunks) return;  // the next chunk is still being parsed
    Batch().swap(slot->files);
    merged_chunks_ = 0;
    ++merged_batches_;
  }
}

void ParallelParse::finish() {
  queue_.finish();
  work();
  join();
  merge_ready();  // what a thread that lost the race to merge left
}

}  // namespace pilot::load
