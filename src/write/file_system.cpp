// The POSIX file system behind the FileSystem seam, and a failing one for tests.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "pilot/write.hpp"

namespace pilot {

namespace {

class PosixFileSystem : public FileSystem {
 public:
  int mkdir(const std::string& path) override { return ::mkdir(path.c_str(), 0755); }
  int rmdir(const std::string& path) override { return ::rmdir(path.c_str()); }
  int open_exclusive(const std::string& path) override {
    int fd;
    do {
      fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    } while (fd < 0 && errno == EINTR);
    if (fd >= 0) ::fchmod(fd, 0644);  // whatever the umask, records are world-readable
    return fd;
  }
  long write(int fd, const char* data, std::size_t size) override {
    ssize_t n;
    do {
      n = ::write(fd, data, size);
    } while (n < 0 && errno == EINTR);
    return static_cast<long>(n);
  }
  int fsync(int fd) override { return ::fsync(fd); }
  int close(int fd) override { return ::close(fd); }
  int rename(const std::string& from, const std::string& to, Overwrite overwrite) override {
    if (overwrite == Overwrite::yes) return ::rename(from.c_str(), to.c_str());
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return -1;
    // A file system without RENAME_NOREPLACE: a hard link also refuses an existing target.
    if (::link(from.c_str(), to.c_str()) == 0) {
      ::unlink(from.c_str());  // the record is in place; a leftover temp name is harmless
      return 0;
    }
    if (errno == EEXIST) return -1;
    struct stat st {};
    if (::lstat(to.c_str(), &st) == 0) {
      errno = EEXIST;
      return -1;
    }
    return ::rename(from.c_str(), to.c_str());
  }
  int unlink(const std::string& path) override { return ::unlink(path.c_str()); }
  int fsync_directory(const std::string& path) override {
    int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    errno = err;
    return rc;
  }
};

class FailingFileSystem : public PosixFileSystem {
 public:
  explicit FailingFileSystem(FsStep step) : step_(step) {}
  int mkdir(const std::string& path) override { return fails(FsStep::mkdir) ? -1 : PosixFileSystem::mkdir(path); }
  int open_exclusive(const std::string& path) override {
    return fails(FsStep::open) ? -1 : PosixFileSystem::open_exclusive(path);
  }
  long write(int fd, const char* data, std::size_t size) override {
    return fails(FsStep::write) ? -1 : PosixFileSystem::write(fd, data, size);
  }
  int fsync(int fd) override { return fails(FsStep::fsync) ? -1 : PosixFileSystem::fsync(fd); }
  int close(int fd) override {
    int rc = PosixFileSystem::close(fd);  // the descriptor is gone either way, as with EIO
    return fails(FsStep::close) ? -1 : rc;
  }
  int rename(const std::string& from, const std::string& to, Overwrite overwrite) override {
    return fails(FsStep::rename) ? -1 : PosixFileSystem::rename(from, to, overwrite);
  }
  int fsync_directory(const std::string& path) override {
    return fails(FsStep::fsync_dir) ? -1 : PosixFileSystem::fsync_directory(path);
  }

 private:
  bool fails(FsStep step) const {
    if (step != step_) return false;
    errno = EIO;
    return true;
  }
  FsStep step_;
};

constexpr std::pair<FsStep, const char*> k_steps[] = {
    {FsStep::mkdir, "mkdir"}, {FsStep::open, "open"},     {FsStep::write, "write"},         {FsStep::fsync, "fsync"},
    {FsStep::close, "close"}, {FsStep::rename, "rename"}, {FsStep::fsync_dir, "fsync-dir"},
};

}  // namespace

FileSystem& posix_file_system() {
  static PosixFileSystem fs;
  return fs;
}

std::optional<FsStep> parse_fs_step(std::string_view name) {
  for (const auto& [step, n] : k_steps) {
    if (name == n) return step;
  }
  return std::nullopt;
}

const char* fs_step_name(FsStep step) {
  for (const auto& [s, n] : k_steps) {
    if (s == step) return n;
  }
  return "?";
}

std::unique_ptr<FileSystem> failing_file_system(FsStep step) { return std::make_unique<FailingFileSystem>(step); }

}  // namespace pilot
