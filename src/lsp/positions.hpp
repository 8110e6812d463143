#pragma once
// Positions: pilot counts 1-based lines and columns in code points; LSP counts 0-based lines
// and UTF-16 code units. And file URIs <-> paths.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pilot::lsp {

struct Position {
  int line = 0;       // 0-based
  int character = 0;  // UTF-16 code units from the line start
  bool operator==(const Position&) const = default;
};

struct Range {
  Position start, end;
  bool operator==(const Range&) const = default;
};

// Line starts of a text (LF ends a line; a CR before it is not part of the line). Holds a view:
// the text must outlive it.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  int line_count() const { return static_cast<int>(starts_.size()); }
  // Line `line0` (0-based) without its line end; empty past the end.
  std::string_view line(int line0) const;
  // Byte offset of an LSP position, clamped to the text (a character past the line's end
  // gives the line's end; a position inside a surrogate pair gives the character's start).
  std::size_t offset(Position p) const;
  // The LSP position of a byte offset (clamped to the text).
  Position position(std::size_t offset) const;
  // The LSP range of a finding at pilot's 1-based (line, column in code points): from there to
  // the end of the word that starts there (a key, a value, a quoted string), at least one
  // character when the line has one; line 0 (the whole file) is the file's first character.
  Range finding_range(int line, int column) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

// UTF-16 code units of UTF-8 text (an invalid byte counts as one unit, as it decodes to U+FFFD).
int utf16_length(std::string_view utf8);
// Bytes of the first `units` UTF-16 units of `utf8` (stops at the end; never splits a character).
std::size_t bytes_for_utf16(std::string_view utf8, int units);
// Bytes of the first `code_points` code points of `utf8` (invalid bytes count one each).
std::size_t bytes_for_code_points(std::string_view utf8, int code_points);

// The path of a file: URI (`file:///a/b%20c` -> `/a/b c`); nullopt for other schemes or a
// host other than localhost.
std::optional<std::string> path_from_uri(std::string_view uri);
// The file: URI of an absolute path, percent-encoding every byte but A-Z a-z 0-9 - . _ ~ /.
std::string uri_from_path(std::string_view path);

}  // namespace pilot::lsp
