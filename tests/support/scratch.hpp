#pragma once
// A temporary folder for unit tests (the CLI tests' TempDir lives with the binary runner).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace pilot::test {

class Scratch {
 public:
  // Empty, or a copy of `copy_of`.
  explicit Scratch(const std::filesystem::path& copy_of = {}) {
    std::mt19937_64 rng{std::random_device{}()};
    path_ = std::filesystem::temp_directory_path() /
            ("pilot-unit-" + std::to_string(::getpid()) + "-" + std::to_string(rng()));
    std::filesystem::create_directories(path_);
    if (!copy_of.empty()) {
      std::filesystem::copy(copy_of, path_, std::filesystem::copy_options::recursive);
    }
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  const std::filesystem::path& path() const { return path_; }
  void write(const std::string& rel, const std::string& bytes) const {
    std::filesystem::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel, std::ios::binary | std::ios::trunc) << bytes;
  }
  std::string read(const std::string& rel) const {
    std::ifstream in(path_ / rel, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace pilot::test
