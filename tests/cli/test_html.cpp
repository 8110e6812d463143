// pilot report / compliance --format html [-o FILE] (issue 9): the pages on data-example and
// on fixtures with hostile names, numbers cross-checked with the JSON views, and a browser
// test: Debian's chromium renders the report headless to a PNG (decoded here with zlib) and
// dumps its DOM. The browser test is skipped (ctest reports it so) only when chromium is not
// installed; `make test-deps` (and so `make test`) installs it, so under CI=true a missing chromium fails instead.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <regex>
#include <set>

#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const std::string k_as_of = PILOT_EXAMPLE_AS_OF;

RunResult example_view(const std::string& command, const std::string& format, const std::string& lang,
                       std::vector<std::string> extra = {}) {
  std::vector<std::string> args{command, "--repo", example().string(), "--as-of", k_as_of, "--lang", lang,
                                "--format", format};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_pilot(args);
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

std::vector<std::string> markdown_headings(const std::string& md) {
  std::vector<std::string> titles;
  std::regex heading(R"(\n## ([^\n]+)\n)");
  for (std::sregex_iterator it(md.begin(), md.end(), heading), e; it != e; ++it) titles.push_back((*it)[1]);
  return titles;
}

std::string escaped(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else if (c == '\'') out += "&#39;";
    else out += c;
  }
  return out;
}

// ---- a PNG reader just big enough for chromium's screenshots (8-bit RGB or RGBA) -----------

struct Image {
  std::uint32_t width = 0, height = 0;
  int channels = 0;
  std::vector<unsigned char> pixels;  // rows of width * channels bytes, unfiltered
};

std::uint32_t be32(const std::string& s, std::size_t at) {
  return (std::uint32_t(static_cast<unsigned char>(s[at])) << 24) |
         (std::uint32_t(static_cast<unsigned char>(s[at + 1])) << 16) |
         (std::uint32_t(static_cast<unsigned char>(s[at + 2])) << 8) | std::uint32_t(static_cast<unsigned char>(s[at + 3]));
}

int paeth(int a, int b, int c) {
  int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

Image decode_png(const std::string& png) {
  Image img;
  REQUIRE(png.size() > 33);
  REQUIRE(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  std::string idat;
  for (std::size_t at = 8; at + 12 <= png.size();) {
    std::uint32_t length = be32(png, at);
    std::string type = png.substr(at + 4, 4);
    REQUIRE(at + 12 + length <= png.size());
    if (type == "IHDR") {
      img.width = be32(png, at + 8);
      img.height = be32(png, at + 12);
      int depth = png[at + 16], color = png[at + 17], interlace = png[at + 20];
      REQUIRE(depth == 8);
      REQUIRE((color == 2 || color == 6));
      REQUIRE(interlace == 0);
      img.channels = color == 2 ? 3 : 4;
    } else if (type == "IDAT") {
      idat += png.substr(at + 8, length);
    } else if (type == "IEND") {
      break;
    }
    at += 12 + length;
  }
  REQUIRE(img.channels > 0);
  const std::size_t stride = std::size_t(img.width) * std::size_t(img.channels);
  std::vector<unsigned char> raw((stride + 1) * img.height);
  uLongf raw_size = raw.size();
  REQUIRE(uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(idat.data()), idat.size()) == Z_OK);
  REQUIRE(raw_size == raw.size());
  img.pixels.resize(stride * img.height);
  const int bpp = img.channels;
  for (std::size_t y = 0; y < img.height; ++y) {
    const unsigned char filter = raw[y * (stride + 1)];
    const unsigned char* in = &raw[y * (stride + 1) + 1];
    unsigned char* out = &img.pixels[y * stride];
    const unsigned char* up = y > 0 ? &img.pixels[(y - 1) * stride] : nullptr;
    for (std::size_t x = 0; x < stride; ++x) {
      int a = x >= std::size_t(bpp) ? out[x - bpp] : 0;
      int b = up != nullptr ? up[x] : 0;
      int c = up != nullptr && x >= std::size_t(bpp) ? up[x - bpp] : 0;
      int v = in[x];
      switch (filter) {
        case 0: break;
        case 1: v += a; break;
        case 2: v += b; break;
        case 3: v += (a + b) / 2; break;
        case 4: v += paeth(a, b, c); break;
        default: FAIL("PNG filter type " << int(filter));
      }
      out[x] = static_cast<unsigned char>(v);
    }
  }
  return img;
}

std::string chromium_flags(const fs::path& profile) {
  return "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
         "--disable-component-update --disable-sync --user-data-dir='" +
         profile.string() + "'";
}

}  // namespace

TEST_CASE("html: pilot report --format html is one self-contained page in the --lang language") {
  for (const std::string lang : {"zh", "en"}) {
    RunResult r = example_view("report", "html", lang);
    CAPTURE(lang);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.starts_with("<!DOCTYPE html>\n"));
    CHECK(r.out.find(lang == "zh" ? "<html lang=\"zh-CN\">" : "<html lang=\"en\">") != std::string::npos);
    CHECK(r.out.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(r.out.find("<script") == std::string::npos);
    CHECK(r.out.find("href=") == std::string::npos);
    CHECK(r.out.find("src=\"") == std::string::npos);
    CHECK(count(r.out, "://") == count(r.out, "xmlns=\"http://www.w3.org/2000/svg\""));
    CHECK(count(r.out, "<svg class=\"chart\"") == 3);  // completion, punctuality, the trend

    // The same sections as the Markdown report, in the same order.
    RunResult md = example_view("report", "md", lang);
    REQUIRE(md.exit_code == 0);
    auto titles = markdown_headings(md.out);
    REQUIRE(titles.size() == 7);  // + the year's missing reports and the trend
    std::size_t at = 0;
    for (const auto& title : titles) {
      auto found = r.out.find("<h2>" + escaped(title) + "</h2>", at);
      CHECK_MESSAGE(found != std::string::npos, title);
      if (found != std::string::npos) at = found;
    }
  }
}

TEST_CASE("html: the report's charts show the JSON view's numbers") {
  RunResult html = example_view("report", "html", "zh");
  RunResult report = example_view("report", "json", "zh");
  REQUIRE(html.exit_code == 0);
  REQUIRE(report.exit_code == 0);
  auto j = report.json();
  REQUIRE(j.at("progress").size() == 10);
  // Completion per pilot major: one bar each, "attended / quota · completion".
  for (const auto& row : j.at("progress")) {
    std::string summary = fmt::format(">{} / {} · {:.1f}%<", row.at("attended").get<long long>(),
                                      row.at("quota").get<long long>(), row.at("completion").get<double>());
    CHECK_MESSAGE(html.out.find(summary) != std::string::npos, summary);
    CHECK(html.out.find(">" + row.at("major").get<std::string>() + " " + row.at("major_name").get<std::string>()) !=
          std::string::npos);
  }
  // Punctuality per college: the year's tallies that `compliance` shows.
  RunResult compliance = example_view("compliance", "json", "zh", {"--year", "2026"});
  REQUIRE(compliance.exit_code == 0);
  auto colleges = compliance.json().at("colleges");
  REQUIRE(colleges.size() == 3);
  for (const auto& c : colleges) {
    const auto& rep = c.at("reports");
    int due = rep.at("due"), on_time = rep.at("on_time");
    std::string summary = fmt::format(">应报 {} · 按时率 {:.1f}%<", due, 100.0 * on_time / due);
    CHECK_MESSAGE(html.out.find(summary) != std::string::npos, summary);
    CHECK(html.out.find("<title>按时 " + std::to_string(on_time) + "</title>") != std::string::npos);
  }
}

TEST_CASE("html: pilot compliance --format html charts points per college") {
  RunResult html = example_view("compliance", "html", "zh", {"--year", "2025"});
  RunResult json = example_view("compliance", "json", "zh", {"--year", "2025"});
  REQUIRE(html.exit_code == 0);
  REQUIRE(json.exit_code == 0);
  CHECK(count(html.out, "<svg class=\"chart\"") == 3);
  CHECK(html.out.find("<title id=\"points-title\">各二级学院指标项得分</title>") != std::string::npos);
  auto colleges = json.json().at("colleges");
  REQUIRE_FALSE(colleges.empty());
  for (const auto& c : colleges) {
    std::string summary = fmt::format(">{} / {} 分 · 完成 {}/{} 个专业<", c.at("points").get<int>(),
                                      c.at("max_points").get<int>(), c.at("met").get<int>(), c.at("majors").get<int>());
    CHECK_MESSAGE(html.out.find(summary) != std::string::npos, summary);
  }
  RunResult md = example_view("compliance", "md", "zh", {"--year", "2025"});
  for (const auto& title : markdown_headings(md.out)) {
    CHECK_MESSAGE(html.out.find("<h2>" + escaped(title) + "</h2>") != std::string::npos, title);
  }
}

TEST_CASE("html: -o FILE writes the page whole, stdout stays empty, an unwritable FILE is exit 2") {
  TempDir out;
  for (const std::string command : {"report", "compliance"}) {
    CAPTURE(command);
    fs::path file = out.path() / (command + ".html");
    RunResult to_file = example_view(command, "html", "zh", {"-o", file.string()});
    REQUIRE(to_file.exit_code == 0);
    CHECK(to_file.out.empty());
    CHECK(to_file.err.empty());
    RunResult to_stdout = example_view(command, "html", "zh");
    CHECK(read_file(file) == to_stdout.out);
    // Any format goes to the file the same way, and an existing file is replaced.
    RunResult csv = example_view(command, "csv", "zh", {"--output", file.string()});
    REQUIRE(csv.exit_code == 0);
    CHECK(read_file(file) == example_view(command, "csv", "zh").out);
  }
  // Only the file appears: no temporary file is left beside it.
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(out.path())) names.insert(e.path().filename().string());
  CHECK(names == std::set<std::string>{"compliance.html", "report.html"});

  fs::path missing = out.path() / "no-such-folder" / "report.html";
  RunResult bad = example_view("report", "html", "en", {"-o", missing.string()});
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.find(missing.string()) != std::string::npos);
  CHECK_FALSE(fs::exists(missing));
}

TEST_CASE("html: names from the data appear as text, never as markup") {
  TempDir repo(fixture("base"));
  repo.write("majors/510201.yaml", "id: \"510201\"\nname: \"<script>alert('x')</script>\"\ncollege: xinxi\n");
  repo.write("colleges/xinxi.yaml", "id: xinxi\nname: \"信息&工程<b>学院</b>\"\nleader: 王建华\n");
  repo.write("certificates/web-frontend.yaml",
             "id: web-frontend\nname: \"Web\\\"前端\\\" <img src=x onerror=alert(1)>\"\norganization: 工业和信息化部教育与考试中心\n"
             "levels: [初级, 中级, 高级]\nlisted_from: 2019\n");
  for (const std::string command : {"report", "compliance"}) {
    CAPTURE(command);
    RunResult r = run_pilot({command, "--repo", repo.str(), "--as-of", "2026-11-15", "--lang", "zh", "--format", "html"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("<script") == std::string::npos);
    CHECK(r.out.find("<img") == std::string::npos);
    CHECK(r.out.find("<b>") == std::string::npos);
    CHECK(r.out.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
    CHECK(r.out.find("信息&amp;工程&lt;b&gt;学院&lt;/b&gt;") != std::string::npos);
    CHECK(r.out.find("Web&quot;前端&quot; &lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  }
}

TEST_CASE("html: chromium renders data-example's report (browser test)") {
  if (!need_tool("chromium", "chromium")) return;
  TempDir dir;
  fs::path page = dir.path() / "report.html";
  RunResult r = example_view("report", "html", "zh", {"-o", page.string()});
  REQUIRE(r.exit_code == 0);

  fs::path png = dir.path() / "report.png";
  ShellResult shot = run_shell("timeout 180 chromium " + chromium_flags(dir.path() / "profile-shot") + " --screenshot='" +
                               png.string() + "' --window-size=1200,1600 'file://" + page.string() + "'");
  INFO("chromium stderr: ", shot.err);
  REQUIRE(shot.exit_code == 0);
  REQUIRE(fs::exists(png));
  Image img = decode_png(read_file(png));
  CHECK(img.width == 1200);
  CHECK(img.height == 1600);
  // Not blank: many colours, a good share of ink, and the charts' dark blue bars (#1f3b73).
  std::set<std::uint32_t> colours;
  std::size_t ink = 0, bar = 0;
  const std::size_t n = std::size_t(img.width) * img.height;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char* p = &img.pixels[i * std::size_t(img.channels)];
    colours.insert(std::uint32_t(p[0]) << 16 | std::uint32_t(p[1]) << 8 | p[2]);
    if (p[0] < 200 || p[1] < 200 || p[2] < 200) ++ink;
    if (p[0] == 0x1f && p[1] == 0x3b && p[2] == 0x73) ++bar;
  }
  CHECK(colours.size() > 100);
  CHECK(ink > n / 50);
  CHECK(bar > 5000);

  ShellResult dom = run_shell("timeout 180 chromium " + chromium_flags(dir.path() / "profile-dom") +
                              " --dump-dom 'file://" + page.string() + "'");
  REQUIRE(dom.exit_code == 0);
  CHECK(dom.out.find("<svg class=\"chart\"") != std::string::npos);
  auto rows = example_view("report", "json", "zh").json().at("progress");
  REQUIRE(rows.size() == 10);
  for (const auto& row : rows) {
    const std::string name = row.at("major_name");
    CHECK_MESSAGE(dom.out.find(name) != std::string::npos, name);
  }
}
