// The repository lock: an exclusive flock on <root>/.pilot/lock.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include <fmt/format.h>

#include "pilot/write.hpp"

namespace fs = std::filesystem;

namespace pilot {

namespace {

WriteError lock_error(const char* zh, const char* en, int err) {
  return WriteError({fmt::format("无法锁定仓库({}):{}({});未写入任何内容", k_lock_file, zh, std::strerror(err)),
                     fmt::format("cannot lock the repository ({}): {} ({}); nothing was written", k_lock_file, en,
                                 std::strerror(err))});
}

// .pilot/ with a .gitignore naming the lock: git never shows it, while schemas stored beside
// it (pilot init, pilot schema --write) stay committable. Best effort for the .gitignore.
void make_lock_dir(const fs::path& dir) {
  if (::mkdir(dir.c_str(), 0755) != 0) {
    if (errno != EEXIST) throw lock_error("创建 .pilot 文件夹失败", "creating the .pilot folder failed", errno);
    return;
  }
  fs::path ignore = dir / ".gitignore";
  int fd = ::open(ignore.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd >= 0) {
    static constexpr char k_text[] = "# pilot's lock; not data\nlock\n.gitignore\n";
    [[maybe_unused]] ssize_t n = ::write(fd, k_text, sizeof k_text - 1);
    ::close(fd);
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
        throw WriteError({fmt::format("仓库正被另一个 pilot 进程写入,等待 {} 秒后放弃({});未写入任何内容",
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
