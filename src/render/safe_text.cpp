// Text from the data, made safe for each output (SPEC §5): escapes for terminals, tables and
// Markdown, the spreadsheet formula guard, CSV and XML escaping, SARIF URIs, JSON strings.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "pilot/render.hpp"

namespace pilot {

namespace {

// Decodes the code point at s[i] if s holds a valid UTF-8 sequence there (no overlong form, no
// surrogate, at most U+10FFFF); sets `length` to its bytes. Returns -1 for an invalid byte.
long decode(std::string_view s, std::size_t i, std::size_t& length) {
  auto c = static_cast<unsigned char>(s[i]);
  length = 1;
  if (c < 0x80) return c;
  std::size_t extra = 0;
  char32_t cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    extra = 1;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    extra = 2;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    extra = 3;
    cp = c & 0x07;
  } else {
    return -1;
  }
  if (i + extra >= s.size()) return -1;
  for (std::size_t k = 1; k <= extra; ++k) {
    auto t = static_cast<unsigned char>(s[i + k]);
    if ((t & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (t & 0x3F);
  }
  if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
    return -1;
  }
  length = extra + 1;
  return static_cast<long>(cp);
}

bool is_bidi_control(long cp) {
  return cp > 0 && is_bidirectional_control(static_cast<char32_t>(cp));
}

// Whether the text from `i` on, after spaces and tabs, starts with "::" (a workflow command
// when it begins a line of a GitHub Actions log).
bool command_at(std::string_view s, std::size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i, 2) == "::";
}

// Only printable ASCII other than ':' (which may start a workflow command): nothing to do.
bool plain_ascii(std::string_view s) {
  for (char c : s) {
    if (c < 0x20 || c > 0x7E || c == ':') return false;
  }
  return true;
}

}  // namespace

std::string printable(std::string_view s, const Printable& keep) {
  if (plain_ascii(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  bool defuse = keep.line_start && command_at(s, 0);  // the first ':' becomes \x3A
  for (std::size_t i = 0; i < s.size();) {
    std::size_t length = 1;
    long cp = decode(s, i, length);
    if (cp == ':' && defuse) {
      out += "\\x3A";
      defuse = false;
    } else if (cp < 0) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[i]));
    } else if (cp == '\n' || (cp == '\r' && s.substr(i, 2) == "\r\n")) {
      std::size_t next = i + (cp == '\r' ? 2 : 1);
      bool indented = next < s.size() && s[next] == ' ';
      bool kept = keep.line_breaks == LineBreaks::keep ||
                  (keep.line_breaks == LineBreaks::keep_indented && indented && cp == '\n');
      if (kept && !command_at(s, next)) {
        out.append(s.substr(i, next - i));
      } else {
        out += cp == '\r' ? "\\x0D\\n" : "\\n";
      }
      length = next - i;
    } else if (cp == '\t') {
      out += keep.tab ? "\t" : "\\t";
    } else if (cp < 0x20 || cp == 0x7F) {
      out += fmt::format("\\x{:02X}", cp);
    } else if ((cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp) || cp == 0xFFFE || cp == 0xFFFF) {
      out += fmt::format("\\u{:04X}", cp);
    } else {
      out.append(s.substr(i, length));
    }
    i += length;
  }
  return out;
}

void defuse_workflow_command(std::string& line) {
  if (!command_at(line, 0)) return;
  line.replace(line.find(':'), 1, "\\x3A");
}

std::string escape_invalid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t length = 1;
    if (decode(s, i, length) < 0) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[i]));
    } else {
      out.append(s.substr(i, length));
    }
    i += length;
  }
  return out;
}

bool is_plain_number(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  auto dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view("0") : s.substr(dot + 1);
  auto digits = [](std::string_view d) {
    if (d.empty()) return false;
    for (char c : d) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  };
  return digits(whole) && digits(frac);
}

std::string formula_safe(std::string_view text) {
  if (text.empty()) return std::string();
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r': {
      std::string guarded;
      guarded.reserve(text.size() + 1);
      guarded += '\'';
      guarded += text;
      return guarded;
    }
    default:
      return std::string(text);
  }
}

std::string csv_field(std::string_view s) {
  std::string cell = printable(s, Printable{.tab = true, .line_breaks = LineBreaks::keep});
  if (!is_plain_number(cell)) cell = formula_safe(cell);
  // Quoted when RFC 4180 needs it, and when it starts with ':' so that no line starts "::".
  if (cell.find_first_of(",\"\r\n") == std::string::npos && (cell.empty() || cell.front() != ':')) {
    return cell;
  }
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string xml_escape(std::string_view s, XmlPlace place) {
  std::string out;
  out.reserve(s.size());
  const bool attribute = place == XmlPlace::attribute;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t length = 1;
    long cp = decode(s, i, length);
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\r':
        out += "&#13;";
        break;  // a raw CR would become LF in the parsed text
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        if (cp < 0) {
          out += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[i]));
        } else if (cp < 0x20 || cp == 0x7F) {  // C0: not XML 1.0 characters
          out += fmt::format("\\x{:02X}", cp);
        } else if ((cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp) || cp == 0xFFFE ||
                   cp == 0xFFFF) {
          out += fmt::format("\\u{:04X}", cp);  // U+FFFE/U+FFFF are not XML 1.0 characters either
        } else {
          out.append(s.substr(i, length));
        }
    }
    i += length;
  }
  return out;
}

std::string uri_path_escape(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      out += ch;
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

void append_json_string(std::string& out, std::string_view s) {
  // nlohmann::json does the escaping (as everywhere else); a byte that is not UTF-8 becomes the
  // four characters \xFF first, which JSON cannot carry raw and a reader can still see.
  std::string text;
  text.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t length = 1;
    if (decode(s, i, length) < 0) {
      text += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[i]));
    } else {
      text.append(s.substr(i, length));
    }
    i += length;
  }
  out += nlohmann::json(std::move(text))
             .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace pilot
