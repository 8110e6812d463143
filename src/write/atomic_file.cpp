// Atomic files: temp file beside the target, fsync, rename, fsync the directory.
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <random>

#include <fmt/format.h>

#include "pilot/write.hpp"

namespace fs = std::filesystem;

namespace pilot {

namespace {

std::string temp_name_for(const fs::path& target) {
  static thread_local std::mt19937_64 rng{std::random_device{}() ^ static_cast<unsigned long>(::getpid())};
  return fmt::format(".{}.tmp-{}-{:x}", target.filename().string(), ::getpid(), rng() & 0xffffffffffULL);
}

Text nothing_written() { return {"未写入任何内容", "nothing was written"}; }

WriteError io_error(const std::string& display, const char* step_zh, const char* step_en, int err) {
  Text tail = nothing_written();
  return WriteError({fmt::format("无法写入 {}：{}失败（{}）；{}", display, step_zh, errno_text(err).zh, tail.zh),
                     fmt::format("cannot write {}: {} failed ({}); {}", display, step_en, std::strerror(err), tail.en)});
}

Text dir_sync_warning(const std::string& display, const std::string& dir, int err) {
  return {fmt::format("{} 已写入，但同步目录 {} 到磁盘失败（{}）：断电时这次写入可能丢失", display, dir, errno_text(err).zh),
          fmt::format("{} was written, but syncing its folder {} to disk failed ({}): a power loss could undo it", display,
                      dir, std::strerror(err))};
}

// Whether a name is one that temp_name_for gives: "." + name + ".tmp-" + ...
bool is_temp_name(std::string_view name) {
  return name.size() > 6 && name.front() == '.' && name.find(".tmp-", 1) != std::string_view::npos;
}

}  // namespace

std::size_t remove_stale_temp_files(const fs::path& root, FileSystem& fs, std::chrono::seconds age) {
  const std::time_t now = std::time(nullptr);
  std::size_t removed = 0;
  // One folder open at a time; hidden folders (.git) and symlinks are not entered, except
  // .pilot, where the lock's .gitignore is written.
  std::vector<std::string> folders{root.native(), (root / ".pilot").native()};
  while (!folders.empty()) {
    std::string dir = std::move(folders.back());
    folders.pop_back();
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) continue;
    std::vector<std::string> stale;
    while (const dirent* e = ::readdir(d)) {
      std::string_view name(e->d_name);
      if (name == "." || name == "..") continue;
      std::string path = dir + "/" + std::string(name);
      if (is_temp_name(name)) {
        struct stat st {};
        if (::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > age.count()) {
          stale.push_back(std::move(path));
        }
        continue;
      }
      unsigned char type = e->d_type;
      if (type == DT_UNKNOWN) {
        struct stat st {};
        if (::lstat(path.c_str(), &st) == 0) type = static_cast<unsigned char>(IFTODT(st.st_mode));
      }
      if (type == DT_DIR && name.front() != '.') folders.push_back(std::move(path));
    }
    ::closedir(d);
    for (const auto& path : stale) {
      if (fs.unlink(path) == 0) ++removed;
    }
  }
  return removed;
}

AtomicFile::AtomicFile(fs::path target, std::string display, FileSystem& fs)
    : target_(std::move(target)), display_(std::move(display)), fs_(fs) {
  temp_ = target_.parent_path() / temp_name_for(target_);
  fd_ = fs_.open_exclusive(temp_.string());
  if (fd_ < 0) throw io_error(display_, "创建临时文件", "creating the temporary file", errno);
}

AtomicFile::~AtomicFile() {
  if (!committed_) discard();
}

void AtomicFile::discard() {
  if (fd_ >= 0) {
    fs_.close(fd_);
    fd_ = -1;
  }
  if (!temp_.empty()) {
    fs_.unlink(temp_.string());
    temp_.clear();
  }
}

void AtomicFile::fail(const char* step_zh, const char* step_en, int err) {
  discard();
  throw io_error(display_, step_zh, step_en, err);
}

void AtomicFile::write(std::string_view bytes) {
  if (fd_ < 0) throw io_error(display_, "写入", "writing", EBADF);
  while (!bytes.empty()) {
    long n = fs_.write(fd_, bytes.data(), bytes.size());
    if (n < 0) fail("写入临时文件", "writing the temporary file", errno);
    if (n == 0) fail("写入临时文件", "writing the temporary file", EIO);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::optional<Text> AtomicFile::commit(Overwrite overwrite) {
  if (fd_ < 0) throw io_error(display_, "提交", "committing", EBADF);
  if (fs_.fsync(fd_) != 0) fail("把临时文件同步到磁盘（fsync）", "fsync of the temporary file", errno);
  int fd = fd_;
  fd_ = -1;
  if (fs_.close(fd) != 0) fail("关闭临时文件", "closing the temporary file", errno);
  if (fs_.rename(temp_.string(), target_.string(), overwrite) != 0) {
    int err = errno;
    discard();
    if (err == EEXIST) {
      Text tail = nothing_written();
      throw WriteError({fmt::format("{} 已存在；{}（用 --force 覆盖）", display_, tail.zh),
                        fmt::format("{} already exists; {} (use --force to replace it)", display_, tail.en)});
    }
    throw io_error(display_, "把临时文件改名为目标文件（rename）", "renaming the temporary file onto the target", err);
  }
  committed_ = true;
  temp_.clear();
  std::string dir = target_.parent_path().string();
  if (fs_.fsync_directory(dir) != 0) return dir_sync_warning(display_, dir, errno);
  return std::nullopt;
}

std::optional<Text> write_file_atomically(const fs::path& root, const std::string& rel, std::string_view bytes,
                                          Overwrite overwrite, FileSystem& fs) {
  remove_stale_temp_files(root, fs);  // what an interrupted write left behind (SPEC §2)
  // Folders that do not exist yet, outermost first; removed again if the write fails.
  std::vector<fs::path> created;
  auto undo = [&] {
    for (auto it = created.rbegin(); it != created.rend(); ++it) fs.rmdir(it->string());
  };
  fs::path target = root / rel;
  fs::path dir = root;
  fs::path rel_dir = fs::path(rel).parent_path();
  try {
    for (const auto& part : rel_dir) {
      dir /= part;
      std::error_code ec;
      auto st = fs::symlink_status(dir, ec);
      if (fs::exists(st)) {
        if (!fs::is_directory(st)) {  // a file, or a symlink: writes never follow links
          throw WriteError({fmt::format("无法写入 {}：{} 不是文件夹；未写入任何内容", rel, fs::relative(dir, root).string()),
                            fmt::format("cannot write {}: {} is not a folder; nothing was written", rel,
                                        fs::relative(dir, root).string())});
        }
        continue;
      }
      if (fs.mkdir(dir.string()) != 0) {
        int err = errno;
        if (err == EEXIST) continue;  // made meanwhile by someone else: not ours to remove
        std::string name = fs::relative(dir, root).string();
        throw io_error(rel, fmt::format("创建文件夹 {} ", name).c_str(), fmt::format("creating the folder {}", name).c_str(),
                       err);
      }
      created.push_back(dir);
    }
    std::optional<Text> warning;
    {
      AtomicFile file(target, rel, fs);
      file.write(bytes);
      warning = file.commit(overwrite);
    }
    // New folders are entries of their parents: make those durable too.
    for (const auto& d : created) {
      std::string parent = d.parent_path().string();
      if (fs.fsync_directory(parent) != 0 && !warning) warning = dir_sync_warning(rel, parent, errno);
    }
    return warning;
  } catch (...) {
    undo();
    throw;
  }
}

}  // namespace pilot
