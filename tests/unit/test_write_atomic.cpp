// Atomic files and the repository lock (src/write/atomic_file.cpp, file_system.cpp, lock.cpp):
// every step of a write fails in turn, and the folder stays byte-identical.
#include <doctest/doctest.h>

#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "pilot/write.hpp"

using namespace pilot;
namespace fs = std::filesystem;

namespace {

struct Scratch {
  fs::path path;
  Scratch() {
    std::mt19937_64 rng{std::random_device{}()};
    path = fs::temp_directory_path() / ("pilot-unit-write-" + std::to_string(::getpid()) + "-" + std::to_string(rng()));
    fs::create_directories(path);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const std::string& rel, const std::string& bytes) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel, std::ios::binary) << bytes;
  }
  std::string read(const std::string& rel) const {
    std::ifstream in(path / rel, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  // Every entry (folders included) with the bytes of files.
  std::string listing() const {
    std::vector<std::string> entries;
    for (const auto& e : fs::recursive_directory_iterator(path)) {
      std::string rel = fs::relative(e.path(), path).string();
      entries.push_back(e.is_regular_file() ? rel + "=" + read(rel) : rel + "/");
    }
    std::sort(entries.begin(), entries.end());
    std::string out;
    for (const auto& e : entries) out += e + "\n";
    return out;
  }
};

// Records the order of the calls, and passes them on to POSIX.
class RecordingFileSystem : public FileSystem {
 public:
  std::vector<std::string> calls;
  int mkdir(const std::string& p) override { return log("mkdir", posix().mkdir(p)); }
  int rmdir(const std::string& p) override { return log("rmdir", posix().rmdir(p)); }
  int open_exclusive(const std::string& p) override { return log("open", posix().open_exclusive(p)); }
  long write(int fd, const char* d, std::size_t n) override { return log("write", static_cast<int>(posix().write(fd, d, n))); }
  int fsync(int fd) override { return log("fsync", posix().fsync(fd)); }
  int close(int fd) override { return log("close", posix().close(fd)); }
  int rename(const std::string& a, const std::string& b, Overwrite o) override { return log("rename", posix().rename(a, b, o)); }
  int unlink(const std::string& p) override { return log("unlink", posix().unlink(p)); }
  int fsync_directory(const std::string& p) override { return log("fsync-dir", posix().fsync_directory(p)); }

 private:
  static FileSystem& posix() { return posix_file_system(); }
  int log(const char* what, int rc) {
    calls.push_back(what);
    return rc;
  }
};

}  // namespace

TEST_CASE("write: an atomic write is temp file, write, fsync, close, rename, fsync of the folder") {
  Scratch dir;
  RecordingFileSystem rec;
  auto warning = write_file_atomically(dir.path, "pilots/2027/x.yaml", "id: x\n", Overwrite::no, rec);
  CHECK_FALSE(warning);
  CHECK(dir.read("pilots/2027/x.yaml") == "id: x\n");
  CHECK(fs::status(dir.path / "pilots/2027/x.yaml").permissions() ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read));
  std::vector<std::string> expected{"mkdir", "mkdir", "open", "write", "fsync", "close", "rename", "fsync-dir", "fsync-dir", "fsync-dir"};
  CHECK(rec.calls == expected);
  CHECK(dir.listing() == "pilots/\npilots/2027/\npilots/2027/x.yaml=id: x\n\n");
}

TEST_CASE("write: a failure at any step before the rename leaves the folder as it was") {
  for (FsStep step : {FsStep::mkdir, FsStep::open, FsStep::write, FsStep::fsync, FsStep::close, FsStep::rename}) {
    CAPTURE(fs_step_name(step));
    auto failing = failing_file_system(step);
    {  // a new file in a new folder
      Scratch dir;
      dir.write("colleges/xinxi.yaml", "id: xinxi\n");
      std::string before = dir.listing();
      try {
        write_file_atomically(dir.path, "pilots/2027/x.yaml", "id: x\n", Overwrite::no, *failing);
        FAIL("the write should have failed");
      } catch (const WriteError& e) {
        CHECK(std::string(e.what()).find("pilots/2027/x.yaml") != std::string::npos);
        CHECK(std::string(e.what()).find("Input/output error") != std::string::npos);
        CHECK(e.text.zh.find("pilots/2027/x.yaml") != std::string::npos);
      }
      CHECK(dir.listing() == before);  // no partial record, no temp file, no new folder
    }
    if (step != FsStep::mkdir) {  // replacing an existing file: the old bytes stay
      Scratch dir;
      dir.write("colleges/xinxi.yaml", "id: xinxi\n");
      std::string before = dir.listing();
      CHECK_THROWS_AS(write_file_atomically(dir.path, "colleges/xinxi.yaml", "id: other\n", Overwrite::yes, *failing),
                      WriteError);
      CHECK(dir.listing() == before);
    }
  }
}

TEST_CASE("write: a failed fsync of the folder comes after the rename and is only a warning") {
  Scratch dir;
  auto failing = failing_file_system(FsStep::fsync_dir);
  auto warning = write_file_atomically(dir.path, "colleges/x.yaml", "id: x\n", Overwrite::no, *failing);
  REQUIRE(warning);
  CHECK(warning->en.find("colleges/x.yaml was written") != std::string::npos);
  CHECK(dir.read("colleges/x.yaml") == "id: x\n");
}

TEST_CASE("write: Overwrite::no never replaces an existing file") {
  Scratch dir;
  dir.write("colleges/x.yaml", "id: x\n");
  std::string before = dir.listing();
  try {
    write_file_atomically(dir.path, "colleges/x.yaml", "id: y\n", Overwrite::no, posix_file_system());
    FAIL("should refuse");
  } catch (const WriteError& e) {
    CHECK(std::string(e.what()).find("colleges/x.yaml already exists") != std::string::npos);
  }
  CHECK(dir.listing() == before);
  write_file_atomically(dir.path, "colleges/x.yaml", "id: y\n", Overwrite::yes, posix_file_system());
  CHECK(dir.read("colleges/x.yaml") == "id: y\n");
}

TEST_CASE("write: an AtomicFile destroyed without commit removes its temp file") {
  Scratch dir;
  {
    AtomicFile f(dir.path / "x.yaml", "x.yaml", posix_file_system());
    f.write("half a rec");
    CHECK(dir.listing().find(".x.yaml.tmp-") != std::string::npos);
  }
  CHECK(dir.listing().empty());
}

TEST_CASE("write: a folder that is a symlink is never written through") {
  Scratch dir, outside;
  fs::create_directory_symlink(outside.path, dir.path / "colleges");
  CHECK_THROWS_AS(write_file_atomically(dir.path, "colleges/x.yaml", "id: x\n", Overwrite::no, posix_file_system()),
                  WriteError);
  CHECK(outside.listing().empty());
}

TEST_CASE("write: fs steps have names for PILOT_TEST_FAIL_AT") {
  for (FsStep s : {FsStep::mkdir, FsStep::open, FsStep::write, FsStep::fsync, FsStep::close, FsStep::rename, FsStep::fsync_dir}) {
    CHECK(parse_fs_step(fs_step_name(s)) == s);
  }
  CHECK(parse_fs_step("fsync-dir") == FsStep::fsync_dir);
  CHECK_FALSE(parse_fs_step("nothing"));
}

TEST_CASE("write: the repository lock is exclusive and git-ignored") {
  Scratch dir;
  {
    RepositoryLock first(dir.path, std::chrono::milliseconds(100));
    CHECK(fs::exists(dir.path / ".pilot/lock"));
    CHECK(dir.read(".pilot/.gitignore").find("\nlock\n") != std::string::npos);
    try {
      RepositoryLock second(dir.path, std::chrono::milliseconds(50));
      FAIL("a second lock must wait, then give up");
    } catch (const WriteError& e) {
      CHECK(std::string(e.what()).find(".pilot/lock") != std::string::npos);
    }
  }
  RepositoryLock again(dir.path, std::chrono::milliseconds(50));  // released with the first
}

TEST_CASE("write: a .pilot/.gitignore that does not name the lock is written again, atomically") {
  Scratch dir;
  dir.write(".pilot/.gitignore", "");  // what a full disk left behind before
  { RepositoryLock lock(dir.path, std::chrono::milliseconds(100)); }
  std::string text = dir.read(".pilot/.gitignore");
  CHECK(text.find("\nlock\n") != std::string::npos);
  CHECK(text.find("\n.*.tmp-*\n") != std::string::npos);
  dir.write(".pilot/.gitignore", "lock\nmine\n");  // names the lock: kept as the user wrote it
  { RepositoryLock lock(dir.path, std::chrono::milliseconds(100)); }
  CHECK(dir.read(".pilot/.gitignore") == "lock\nmine\n");
  // No temporary file is left beside it.
  for (const auto& e : fs::directory_iterator(dir.path / ".pilot")) {
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
  }
}

TEST_CASE("write: the next write removes the temporary files interrupted writes left, once an hour old") {
  Scratch dir;
  auto age = [&](const std::string& rel, std::chrono::minutes minutes) {
    dir.write(rel, "half a file");
    fs::last_write_time(dir.path / rel, fs::file_time_type::clock::now() - minutes);
  };
  age("colleges/.xinxi.yaml.tmp-123-abc", std::chrono::minutes(61));                 // stale
  age("reports/2026/510201/.2026-11-10.yaml.tmp-9-f00", std::chrono::minutes(600));  // stale, elsewhere
  age(".pilot/..gitignore.tmp-1-2", std::chrono::minutes(120));                      // stale, in .pilot
  age("majors/.510201.yaml.tmp-77-beef", std::chrono::minutes(5));                   // a write under way
  age("majors/.keep", std::chrono::minutes(600));                                    // not a temp file
  age(".git/.index.tmp-1-2", std::chrono::minutes(600));                             // not pilot's folder
  age("plans/notes.tmp-1", std::chrono::minutes(600));                               // not hidden: not ours
  write_file_atomically(dir.path, "sites/x.yaml", "id: x\n", Overwrite::no, posix_file_system());
  CHECK_FALSE(fs::exists(dir.path / "colleges/.xinxi.yaml.tmp-123-abc"));
  CHECK_FALSE(fs::exists(dir.path / "reports/2026/510201/.2026-11-10.yaml.tmp-9-f00"));
  CHECK_FALSE(fs::exists(dir.path / ".pilot/..gitignore.tmp-1-2"));
  CHECK(fs::exists(dir.path / "majors/.510201.yaml.tmp-77-beef"));
  CHECK(fs::exists(dir.path / "majors/.keep"));
  CHECK(fs::exists(dir.path / ".git/.index.tmp-1-2"));
  CHECK(fs::exists(dir.path / "plans/notes.tmp-1"));
  CHECK(dir.read("sites/x.yaml") == "id: x\n");
}
