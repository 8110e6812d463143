// The repository lock: an exclusive flock on <root>/.pilot/lock.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>

#include <fmt/format.h>

#include "pilot/write.hpp"

namespace fs = std::filesystem;

namespace pilot {

namespace {

WriteError lock_error(const char* zh, const char* en, int err) {
  return WriteError({fmt::format("无法锁定仓库（{}）：{}（{}）；未写入任何内容", k_lock_file, zh, errno_text(err).zh),
                     fmt::format("cannot lock the repository ({}): {} ({}); nothing was written", k_lock_file, en,
                                 std::strerror(err))});
}

// .pilot/ with a .gitignore naming the lock: git never shows it, while schemas stored beside
// it (pilot init, pilot schema --write) stay committable. The .gitignore is written atomically
// whenever it does not name the lock (missing, or left empty by an older pilot on a full
// disk); best effort: the lock works without it.
void make_lock_dir(const fs::path& dir) {
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    throw lock_error("创建 .pilot 文件夹失败", "creating the .pilot folder failed", errno);
  }
  static constexpr std::string_view k_text = "# pilot's lock; not data\nlock\n.gitignore\n.*.tmp-*\n";
  std::string current;
  {
    std::ifstream in(dir / ".gitignore", std::ios::binary);
    std::getline(in, current, '\0');
  }
  if (("\n" + current).find("\nlock\n") != std::string::npos) return;
  try {
    write_file_atomically(dir, ".gitignore", k_text, Overwrite::yes, posix_file_system());
  } catch (const WriteError&) {  // a full disk: the next write tries again
  }
}

}  // namespace

RepositoryLock::RepositoryLock(const fs::path& root, std::chrono::milliseconds timeout) {
  make_lock_dir(root / k_lock_dir);
  fs::path file = root / k_lock_file;
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd_ < 0) throw lock_error("打开锁文件失败", "opening the lock file failed", errno);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    if (err == EINTR) continue;
    if (err != EWOULDBLOCK || std::chrono::steady_clock::now() >= deadline) {
      ::close(fd_);
      fd_ = -1;
      if (err == EWOULDBLOCK) {
        throw WriteError({fmt::format("仓库正被另一个 pilot 进程写入，等待 {} 秒后放弃（{}）；未写入任何内容",
                                      std::chrono::duration_cast<std::chrono::seconds>(timeout).count(), k_lock_file),
                          fmt::format("another pilot process is writing to the repository; gave up after {} s ({}); "
                                      "nothing was written",
                                      std::chrono::duration_cast<std::chrono::seconds>(timeout).count(), k_lock_file)});
      }
      throw lock_error("加锁失败", "flock failed", err);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

RepositoryLock::~RepositoryLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace pilot
