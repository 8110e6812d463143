#include "walk.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <system_error>

#include <fmt/format.h>

#include "pilot/text.hpp"
#include "pilot/yaml.hpp"

namespace fs = std::filesystem;

namespace pilot::load {

namespace {

Diagnostic s006(const std::string& file, Text message, Text hint) {
  Diagnostic d = s005(file, std::move(message), std::move(hint));
  d.rule = "S006";
  return d;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whether `s` is `lower` in any case (ASCII).
bool equals_ignoring_case(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// The extension of a YAML file's name as written (".yaml", ".YML", ...), or "" when the name
// is not one of a YAML file.
std::string_view yaml_extension(std::string_view name) {
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  std::string_view ext = name.substr(dot);
  return equals_ignoring_case(ext, ".yaml") || equals_ignoring_case(ext, ".yml") ? ext : std::string_view{};
}

std::optional<Kind> kind_of_folder(std::string_view folder) {
  static const auto folders = [] {
    std::array<std::string_view, std::size(k_all_kinds)> names{};
    for (Kind k : k_all_kinds) names[static_cast<std::size_t>(k)] = kind_folder(k);
    return names;
  }();
  for (std::size_t i = 0; i < folders.size(); ++i) {
    if (folder == folders[i]) return static_cast<Kind>(i);
  }
  return std::nullopt;
}

// The kind folder a folder name looks like a slip of (`fund`, `Funds`, `quota_changes`).
std::optional<Kind> near_kind_folder(std::string_view folder) {
  if (folder.size() > 32) return std::nullopt;
  std::string name = lower(folder);
  std::optional<Kind> best;
  std::size_t best_distance = 3;  // at most two edits
  for (Kind k : k_all_kinds) {
    std::size_t d = edit_distance(name, kind_folder(k));
    if (d < best_distance) {
      best = k;
      best_distance = d;
    }
  }
  return best;
}

std::string with_yaml_extension(std::string_view rel, std::string_view ext) {
  return std::string(rel.substr(0, rel.size() - ext.size())) + ".yaml";
}

// A record file's extension spelled otherwise than ".yaml": S006 naming the file to rename to.
Diagnostic misspelled_extension(const std::string& rel, std::string_view ext) {
  std::string to = with_yaml_extension(rel, ext);
  return s006(rel,
              {fmt::format("记录文件的扩展名必须是 .yaml，而不是 {}：改名为 {}", ext, to),
               fmt::format("a record file's extension must be .yaml, not {}: rename to {}", ext, to)},
              {fmt::format("git mv {} {}（如果 {} 也存在，只保留一个）", rel, to, to),
               fmt::format("git mv {} {} (if {} exists too, keep one of them)", rel, to, to)});
}

// A YAML file outside the record folders: S006 naming the folder it was probably meant for.
Diagnostic stray_yaml(const std::string& rel, std::string_view ext) {
  auto slash = rel.find('/');
  if (slash != std::string::npos) {
    std::string_view top = std::string_view(rel).substr(0, slash);
    if (auto k = near_kind_folder(top)) {
      std::string to = std::string(kind_folder(*k)) + with_yaml_extension(rel, ext).substr(slash);
      return s006(rel,
                  {fmt::format("“{}/” 不是记录文件夹，这个文件没有读取；是否应为 “{}/”？", top,
                               kind_folder(*k)),
                   fmt::format("{}/ is not a record folder, so this file was not read; did you mean "
                               "{}/?",
                               top, kind_folder(*k))},
                  {fmt::format("移到 {}", to), fmt::format("move it to {}", to)});
    }
  }
  std::string folders;
  for (Kind k : k_all_kinds) folders += fmt::format("{}{}/", folders.empty() ? "" : ", ", kind_folder(k));
  return s006(rel,
              {fmt::format("YAML 文件不在记录文件夹（{}）中，没有读取", folders),
               fmt::format("a YAML file outside the record folders ({}) was not read", folders)},
              {"记录放进其种类的文件夹；不是记录的话，移出仓库，或放进以点开头的文件夹",
               "put a record in its kind's folder; anything else out of the repository, or into a "
               "folder whose name starts with a dot"});
}

Diagnostic symlinked_folder(const std::string& rel) {
  return s005(rel,
              {"文件夹是符号链接：pilot 不跟随链接，其中的文件没有读取",
               "a symlinked folder: pilot does not follow links, so the files in it were not read"},
              {"把链接换成文件夹本身", "replace the link by the folder itself"});
}

// Why a record file of this type cannot be read.
Diagnostic unreadable_type(const std::string& rel, EntryType type) {
  switch (type) {
    case EntryType::link_loops:
      return s005(rel, {"符号链接循环或指向不存在的文件", "symlink loops or points to nothing"},
                  {"把链接换成真实文件", "replace the link with the real file"});
    case EntryType::link_outside:
      return s005(rel, {"符号链接指向仓库之外", "symlink leads outside the repository"},
                  {"记录必须在仓库内：把文件复制进来",
                   "records must live in the repository: copy the file in"});
    case EntryType::link_special:
      return s005(rel, {"符号链接指向的不是普通文件", "symlink does not point to a regular file"},
                  {"把链接换成真实文件", "replace the link with the real file"});
    default:
      return s005(rel, {"不是普通文件（例如管道或设备）", "not a regular file (a FIFO or a device?)"},
                  {"删除它，记录必须是普通文件", "remove it: records are regular files"});
  }
}

bool inside(const fs::path& child, const fs::path& root) {
  const auto& r = root.native();
  const auto& c = child.native();
  return c.size() > r.size() && c.compare(0, r.size(), r) == 0 && c[r.size()] == '/';
}

// One folder's entries: names and types (the listing's d_type, or lstat where the file system
// does not give it; DT_UNKNOWN when even that fails). `error` is 0, or the errno that stopped
// the listing (then the entries read so far are kept).
struct Listing {
  std::vector<std::pair<std::string, unsigned char>> entries;
  int error = 0;
};

Listing list_folder(const std::string& dir) {
  Listing listing;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    listing.error = errno;
    return listing;
  }
  while (true) {
    errno = 0;
    const dirent* e = ::readdir(d);
    if (e == nullptr) {
      listing.error = errno;
      break;
    }
    std::string_view name(e->d_name);
    if (name == "." || name == "..") continue;
    unsigned char type = e->d_type;
    if (type == DT_UNKNOWN) {
      struct stat st {};
      std::string path = dir + "/" + std::string(name);
      if (::lstat(path.c_str(), &st) == 0) type = static_cast<unsigned char>(IFTODT(st.st_mode));
    }
    listing.entries.emplace_back(name, type);
  }
  ::closedir(d);
  return listing;
}

// An entry's type from its listing; a symlink is resolved (then `path` becomes its target).
EntryType disk_type(std::string& path, unsigned char type, const fs::path& canonical_root) {
  if (type == DT_DIR) return EntryType::folder;
  if (type == DT_REG) return EntryType::file;
  if (type != DT_LNK) return EntryType::special;
  std::error_code ec;
  fs::path target = fs::canonical(path, ec);
  if (ec) return EntryType::link_loops;
  auto status = fs::status(target, ec);
  if (ec) return EntryType::link_loops;
  if (fs::is_directory(status)) return EntryType::link_to_folder;
  if (!inside(target, canonical_root)) return EntryType::link_outside;
  if (!fs::is_regular_file(status)) return EntryType::link_special;
  path = target.native();
  return EntryType::file;
}

}  // namespace

Diagnostic s005(const std::string& file, Text message, Text hint) {
  Diagnostic d;
  d.rule = "S005";
  d.file = file;
  d.line = 1;
  d.column = 1;
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

Diagnostic unlisted_folder(const std::string& rel, int err) {
  std::string why = std::error_code(err, std::generic_category()).message();
  return s005(rel,
              {fmt::format("无法读取文件夹：{}；其中的记录没有检查", why),
               fmt::format("cannot read the folder: {}; the records in it were not checked", why)},
              {err == EACCES ? "检查文件夹权限（chmod a+rx）" : "检查文件夹是否完好、可读",
               err == EACCES ? "check the folder's permissions (chmod a+rx)"
                             : "check that the folder is intact and readable"});
}

Diagnostic too_large(const std::string& rel, std::size_t size) {
  return s005(rel,
              {fmt::format("文件过大（{} 字节，上限 {} 字节）", size, k_max_file_size),
               fmt::format("file is too large ({} bytes; the limit is {} bytes)", size,
                           k_max_file_size)},
              {"一个记录只需要几 KB：检查是否误放了其他文件",
               "a record needs a few KB: check that this is the right file"});
}

Verdict place_entry(std::string&& rel, EntryType type, std::string&& source, Found& out) {
  if (type == EntryType::folder) return Verdict::descend;
  auto slash = rel.find('/');
  std::string_view ext = yaml_extension(std::string_view(rel).substr(rel.rfind('/') + 1));
  if (ext.empty() && type != EntryType::link_to_folder) return Verdict::ignore;  // not records
  std::optional<Kind> kind;
  if (slash != std::string::npos) kind = kind_of_folder(std::string_view(rel).substr(0, slash));
  if (type == EntryType::link_to_folder) {
    out.findings.push_back(symlinked_folder(rel));
  } else if (!kind) {
    out.findings.push_back(stray_yaml(rel, ext));
  } else {
    out.kind = kind;
    if (ext != ".yaml") out.findings.push_back(misspelled_extension(rel, ext));
    if (type == EntryType::file) {
      out.source = std::move(source);
    } else {
      out.readable = false;
      out.findings.push_back(unreadable_type(rel, type));
    }
  }
  out.rel = std::move(rel);
  return Verdict::found;
}

void walk_disk(const fs::path& root, const std::function<void(Batch&&)>& emit) {
  std::error_code ec;
  fs::path canonical_root = fs::canonical(root, ec);
  if (ec) canonical_root = fs::absolute(root);
  // Entries still to visit, the next one last: (path, relative path, type).
  struct Pending {
    std::string path, rel;
    unsigned char type;
  };
  std::vector<Pending> pending;
  // Pushes a folder's entries so that they pop in path order.
  auto push_entries = [&](const std::string& path, const std::string& rel, Batch& batch) {
    Listing listing = list_folder(path);
    auto& entries = listing.entries;
    std::erase_if(entries, [](const auto& e) { return is_hidden(e.first); });
    for (auto& [name, type] : entries) {
      if (type == DT_DIR) name.push_back('/');  // sorts as the paths below it do
    }
    std::sort(entries.begin(), entries.end(), std::greater<>());
    for (auto& [name, type] : entries) {
      if (type == DT_DIR) name.pop_back();
      pending.push_back({path + "/" + name, rel.empty() ? name : rel + "/" + name, type});
    }
    if (listing.error != 0) batch.push_back(Found{rel.empty() ? "." : rel, std::nullopt, {},
                                                  {unlisted_folder(rel.empty() ? "." : rel,
                                                                   listing.error)}});
  };
  Batch top;
  push_entries(root.native(), "", top);
  if (!top.empty()) emit(std::move(top));
  // Each entry of the root in turn, with everything below it, is one batch.
  std::vector<Pending> roots;
  roots.swap(pending);
  while (!roots.empty()) {
    pending.push_back(std::move(roots.back()));
    roots.pop_back();
    Batch batch;
    while (!pending.empty()) {
      Pending item = std::move(pending.back());
      pending.pop_back();
      EntryType type = disk_type(item.path, item.type, canonical_root);
      Found found;
      switch (place_entry(std::move(item.rel), type, std::move(item.path), found)) {
        case Verdict::ignore: break;
        case Verdict::descend: push_entries(item.path, item.rel, batch); break;  // not moved
        case Verdict::found: batch.push_back(std::move(found)); break;
      }
    }
    if (!batch.empty()) emit(std::move(batch));
  }
}

}  // namespace pilot::load
