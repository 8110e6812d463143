#pragma once
// The text of a record file as lines, for the edits that keep every other byte (approve,
// reject, set): split with each line's own line end, a BOM kept aside, and the small scanners
// that find a key's value on a line. Internal to src/write.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pilot::lines {

struct Line {
  std::string content;  // without the line end
  std::string eol;      // "\n", "\r\n" or "" (last line without one)
  int old = 0;          // 1-based line in the original file, 0 for an inserted line
};

struct LineFile {
  std::string bom;          // a UTF-8 BOM the first line started with, else ""
  std::vector<Line> lines;  // a final line end does not make an empty last line
  std::string eol = "\n";   // for new lines: "\r\n" when the file's first line end is one
};

LineFile split(std::string_view bytes);

// Where the value starts in `content` if the line is `<indent spaces>key<spaces>:` (then a
// space, a tab or the end), else npos.
std::size_t value_start(std::string_view content, std::size_t indent, std::string_view key);

// Replaces the single-line scalar after the colon (at `from`) by `value`, keeping the spacing
// before it and whatever follows it (spaces, a comment). nullopt when the scalar cannot be
// delimited on this line (a quote closing on another line, a block scalar, a collection).
std::optional<std::string> replace_scalar(const std::string& content, std::size_t from, std::string_view value);

// The byte offset of the 1-based character column `column` of `content` (UTF-8), or npos.
std::size_t byte_of_column(std::string_view content, int column);

// One past the bracket that closes the flow collection opening at `open` ('{' or '['),
// skipping quoted scalars; npos when it does not close on this line.
std::size_t flow_end(std::string_view content, std::size_t open);

// A line that holds nothing for YAML: blank, or only a comment.
bool is_blank_or_comment(std::string_view content);

// The number of leading spaces.
std::size_t indent_of(std::string_view content);

}  // namespace pilot::lines
