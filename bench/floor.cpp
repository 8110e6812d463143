// pilot_bench_floor: the floor of `pilot validate` — find every record file of a repository and
// read its bytes, nothing else. bench/run times it next to pilot.
//
//   pilot_bench_floor [--jobs N] DIR
//
// Walks DIR recursively (not following symlinks), reads each *.yaml / *.yml file and
// pilot.toml whole with open/read/close into one reused buffer, and prints the number of files,
// bytes and a checksum (so that the reads cannot be optimised away). One thread unless --jobs.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Totals {
  std::uint64_t bytes = 0;
  std::uint64_t checksum = 0;
};

bool is_record(const fs::path& p) {
  auto ext = p.extension();
  return ext == ".yaml" || ext == ".yml" || p.filename() == "pilot.toml";
}

// Reads one file whole into `buffer`; adds its size and a cheap checksum to `t`.
void read_one(const std::string& path, std::vector<char>& buffer, Totals& t) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::fprintf(stderr, "pilot_bench_floor: cannot open %s: %s\n", path.c_str(), std::strerror(errno));
    return;
  }
  std::size_t got = 0;
  while (true) {
    if (got == buffer.size()) buffer.resize(buffer.size() * 2);
    ssize_t n = ::read(fd, buffer.data() + got, buffer.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  t.bytes += got;
  for (std::size_t i = 0; i < got; i += 64) t.checksum = t.checksum * 31 + static_cast<unsigned char>(buffer[i]);
}

}  // namespace

int main(int argc, char** argv) {
  unsigned jobs = 1;
  const char* dir = nullptr;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--jobs" && i + 1 < argc) {
      jobs = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
    } else if (dir == nullptr && arg[0] != '-') {
      dir = argv[i];
    } else {
      std::fprintf(stderr, "usage: pilot_bench_floor [--jobs N] DIR\n");
      return 2;
    }
  }
  if (dir == nullptr) {
    std::fprintf(stderr, "usage: pilot_bench_floor [--jobs N] DIR\n");
    return 2;
  }

  std::vector<std::string> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && is_record(it->path())) files.push_back(it->path().string());
  }
  if (ec) {
    std::fprintf(stderr, "pilot_bench_floor: %s: %s\n", dir, ec.message().c_str());
    return 2;
  }

  std::vector<Totals> totals(jobs);
  std::atomic<std::size_t> next{0};
  auto work = [&](unsigned j) {
    std::vector<char> buffer(64 * 1024);
    for (std::size_t i = next++; i < files.size(); i = next++) read_one(files[i], buffer, totals[j]);
  };
  if (jobs == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    for (unsigned j = 0; j < jobs; ++j) pool.emplace_back(work, j);
    for (auto& t : pool) t.join();
  }
  Totals sum;
  for (const auto& t : totals) {
    sum.bytes += t.bytes;
    sum.checksum ^= t.checksum;
  }
  std::printf("%zu files, %llu bytes, checksum %016llx\n", files.size(), static_cast<unsigned long long>(sum.bytes),
              static_cast<unsigned long long>(sum.checksum));
  return 0;
}
