// Input text is data in every output. One table of hostile strings drives
// every renderer (console, summary, exit-2 errors, GitHub annotations,
// Markdown, JUnit XML); each test asserts the invariants of its format
// rather than exact text, so a new hostile string is one line in the table.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "compare/decide.hpp"
#include "compare/errors.hpp"
#include "compare/escape.hpp"
#include "compare/render_console.hpp"
#include "compare/render_github.hpp"
#include "compare/render_junit.hpp"
#include "compare/render_markdown.hpp"
#include "compare/run_summary.hpp"
#include "tests/compare/test_util.hpp"

namespace lukhas::compare {
namespace {

using testing::append;
using testing::reps;
using testing::side_of;

struct Hostile {
  const char* label;
  std::string text;
};

std::string all_controls() {
  std::string s = "BM_";
  for (int c = 1; c < 0x20; ++c) s += static_cast<char>(c);
  return s + '\x7f';
}

// The shared table: every output format is tested with every entry.
const std::vector<Hostile>& hostile_strings() {
  static const std::vector<Hostile> table = {
      {"controls", all_controls()},
      {"esc_sequence", "BM_\x1b[2J\x1b]0;title\x07"},
      {"cr_splits_a_row", "BM_a\r| x | y |\r\n<!-- hide the rest"},
      {"commands_at_start", "::stop-commands::x"},
      {"commands_after_newline", "BM_x\n::stop-commands::x\n::error::forged"},
      {"backticks_then_html", "BM_`` ` ```<img src=x onerror=alert(1)>"},
      {"edge_backticks", "`BM_`"},
      {"pipes_and_backslashes", "BM_a|b\\|c\\\\|d\\"},
      {"html_and_entities", "BM_<b>&amp;</b> --> <script>"},
      {"cdata_end", "BM_]]><x/>"},
      {"noncharacters", "BM_\xEF\xBF\xBE\xEF\xBF\xBF"},
      {"invalid_utf8", "BM_\xff\xfe\xc0\xaf\xed\xa0\x80\xe2\x82"},
      {"c1_csi", "BM_\xc2\x9b" "31m"},
      {"bidi_override", "BM_\xe2\x80\xae" "evil\xe2\x81\xa6" "x\xe2\x81\xa9\xe2\x80\x8f\xd8\x9c"},
      {"percent_encoding", "BM_100%0A::x%25"},
      {"long_100k", "BM_" + std::string(100 * 1024, 'x')},
      {"long_backticks", std::string(100 * 1024, '`')},
  };
  return table;
}

// --- invariants ---------------------------------------------------------

// Well-formed UTF-8 without C0/C1 controls (newline allowed where the tool
// itself breaks lines), the noncharacters U+FFFE / U+FFFF or bidirectional
// controls.
::testing::AssertionResult clean_text(const std::string& s, bool allow_newline = true) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 && !(allow_newline && c == '\n')) || c == 0x7f)
        return ::testing::AssertionFailure() << "raw control 0x" << std::hex << int(c) << " at byte " << std::dec << i;
      ++i;
      continue;
    }
    std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (n == 0 || c > 0xF4 || i + n > s.size()) return ::testing::AssertionFailure() << "invalid UTF-8 at byte " << i;
    char32_t cp = c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return ::testing::AssertionFailure() << "invalid UTF-8 at byte " << i;
      cp = (cp << 6) | (b & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || (cp >= 0xD800 && cp <= 0xDFFF))
      return ::testing::AssertionFailure() << "overlong or surrogate at byte " << i;
    if ((cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF)
      return ::testing::AssertionFailure() << "C1 control or noncharacter at byte " << i;
    if (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
      return ::testing::AssertionFailure() << "bidirectional control at byte " << i;
    i += n;
  }
  return ::testing::AssertionSuccess();
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t p = s.find('\n'); p != std::string::npos; p = s.find('\n', start)) {
    out.push_back(s.substr(start, p - start));
    start = p + 1;
  }
  if (start < s.size()) out.push_back(s.substr(start));
  return out;
}

// The GitHub runner reads a line whose first non-blank characters are "::"
// as a workflow command.
::testing::AssertionResult no_command_lines(const std::string& s) {
  for (const auto& line : lines_of(s)) {
    const auto first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line.compare(first, 2, "::") == 0)
      return ::testing::AssertionFailure() << "line starts a workflow command: " << line.substr(0, 80);
  }
  return ::testing::AssertionSuccess();
}

// Removes CommonMark code spans (a backtick run closed by a run of the same
// length) from one line; an unmatched run is literal text.
std::string without_code_spans(const std::string& line) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] != '`') {
      out += line[i++];
      continue;
    }
    std::size_t n = 0;
    while (i + n < line.size() && line[i + n] == '`') ++n;
    std::size_t close = std::string::npos;
    for (std::size_t j = i + n; j < line.size();) {
      if (line[j] != '`') {
        ++j;
        continue;
      }
      std::size_t m = 0;
      while (j + m < line.size() && line[j + m] == '`') ++m;
      if (m == n) {
        close = j;
        break;
      }
      j += m;
    }
    if (close == std::string::npos) {
      out.append(n, '`');
      i += n;
    } else {
      i = close + n;
    }
  }
  return out;
}

// Cells of a GFM table row: pipes not escaped by an odd run of backslashes.
std::size_t table_pipes(const std::string& line) {
  std::size_t pipes = 0, backslashes = 0;
  for (char c : line) {
    if (c == '|' && backslashes % 2 == 0) ++pipes;
    backslashes = c == '\\' ? backslashes + 1 : 0;
  }
  return pipes;
}

::testing::AssertionResult markdown_safe(const std::string& md, std::size_t limit) {
  if (md.size() > limit) return ::testing::AssertionFailure() << "size " << md.size() << " > " << limit;
  if (auto r = clean_text(md); !r) return r;
  for (const auto& line : lines_of(md)) {
    if (!line.empty() && line[0] == '|') {
      const std::size_t pipes = table_pipes(line);
      if (pipes != 11 && pipes != 9)
        return ::testing::AssertionFailure() << "table row split or merged (" << pipes << " pipes): " << line.substr(0, 200);
    }
    // Our own callout is a blockquote ("> **2 comparison(s) cannot reach ...").
    std::string rest = without_code_spans(line.rfind("> **", 0) == 0 ? line.substr(2) : line);
    for (const char* ours : {"<details>", "</details>", "<summary>", "</summary>"})
      for (std::size_t p = rest.find(ours); p != std::string::npos; p = rest.find(ours)) rest.erase(p, std::strlen(ours));
    if (rest.find('<') != std::string::npos || rest.find('>') != std::string::npos)
      return ::testing::AssertionFailure() << "raw '<' or '>' outside a code span: " << line.substr(0, 200);
  }
  return ::testing::AssertionSuccess();
}

// A small XML 1.0 well-formedness check: balanced elements, attribute values
// without '<' or a bare '&', text without a bare '&' or "]]>".
::testing::AssertionResult xml_well_formed(const std::string& xml) {
  if (auto r = clean_text(xml); !r) return r;
  auto entity_at = [&](std::size_t p) {
    const std::size_t semi = xml.find(';', p);
    if (semi == std::string::npos || semi - p > 6) return false;
    const std::string e = xml.substr(p + 1, semi - p - 1);
    return e == "amp" || e == "lt" || e == "gt" || e == "quot" || e == "apos" ||
           (e.size() > 1 && e[0] == '#' && e.find_first_not_of("0123456789", 1) == std::string::npos);
  };
  std::vector<std::string> stack;
  std::size_t i = xml.find("?>");
  if (xml.rfind("<?xml", 0) != 0 || i == std::string::npos) return ::testing::AssertionFailure() << "no declaration";
  for (i += 2; i < xml.size();) {
    if (xml[i] == '&' && !entity_at(i)) return ::testing::AssertionFailure() << "bare & in text at " << i;
    if (xml.compare(i, 3, "]]>") == 0) return ::testing::AssertionFailure() << "]]> in text at " << i;
    if (xml[i] != '<') {
      ++i;
      continue;
    }
    const bool closing = xml[i + 1] == '/';
    std::size_t j = i + (closing ? 2 : 1);
    const std::size_t name_end = xml.find_first_of(" />", j);
    const std::string name = xml.substr(j, name_end - j);
    j = name_end;
    bool in_value = false;
    for (; j < xml.size() && (in_value || xml[j] != '>'); ++j) {
      if (xml[j] == '"') in_value = !in_value;
      else if (xml[j] == '<') return ::testing::AssertionFailure() << "'<' inside a tag at " << j;
      else if (in_value && xml[j] == '&' && !entity_at(j))
        return ::testing::AssertionFailure() << "bare & in an attribute at " << j;
    }
    if (j >= xml.size()) return ::testing::AssertionFailure() << "unterminated tag at " << i;
    const bool empty = xml[j - 1] == '/';
    if (closing) {
      if (stack.empty() || stack.back() != name) return ::testing::AssertionFailure() << "mismatched </" << name << ">";
      stack.pop_back();
    } else if (!empty) {
      stack.push_back(name);
    }
    i = j + 1;
  }
  if (!stack.empty()) return ::testing::AssertionFailure() << "unclosed <" << stack.back() << ">";
  return ::testing::AssertionSuccess();
}

// --- the report every renderer gets ----------------------------------------

std::vector<double> spread(double centre, int n) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i) v.push_back(centre * (1 + 0.001 * i));
  return v;
}

// A regression named `text`, a failed benchmark whose error message is
// `text`, an unchanged benchmark after them, and `text` as the host name of
// the contender (a context warning) and as a warning of its own.
Report hostile_report(const std::string& text) {
  std::vector<Row> b = reps(text, spread(100, 8)), c = reps(text, spread(150, 8));
  append(b, reps("BM_failing", spread(100, 8)));
  auto failed = reps("BM_failing", spread(100, 1));
  failed[0].error_occurred = true;
  failed[0].mutable_extra().error_message = text;
  append(c, failed);
  append(b, reps("BM_zz_ok", spread(100, 8)));
  append(c, reps("BM_zz_ok", spread(100, 8)));
  Report r = decide(side_of(std::move(b), Context{{"host_name", std::string("ci-1")}}),
                    side_of(std::move(c), Context{{"host_name", text}}), Settings{});
  r.warnings.push_back(text);
  // An SLO breach whose catalog fields (id, counter, unit) and matched
  // benchmark are the hostile text too.
  SloResult slo;
  slo.id = slo.counter = slo.unit = slo.samples_counter = slo.note = slo.benchmark = text;
  slo.value = 7;
  slo.target = 5;
  slo.margin = -2;
  slo.samples = 1000;
  slo.repetitions = 3;
  slo.verdict = SloVerdict::breach;
  r.slo.push_back(slo);
  r.summary.slo_breach = 1;
  return r;
}

class HostileText : public ::testing::TestWithParam<Hostile> {};

TEST_P(HostileText, ReportHasEveryRowAndFails) {
  const Report r = hostile_report(GetParam().text);
  ASSERT_EQ(r.comparisons.size(), 3u);
  EXPECT_EQ(r.summary.counts[Verdict::regressed], 1u);
  EXPECT_EQ(r.summary.counts[Verdict::failed], 1u);
}

TEST_P(HostileText, ConsoleShowsEscapesNeverRawText) {
  const Report r = hostile_report(GetParam().text);
  const std::string out = render_console(r, false);
  EXPECT_TRUE(clean_text(out));
  EXPECT_TRUE(no_command_lines(out));
  EXPECT_EQ(lines_of(out).size(), lines_of(render_console(hostile_report("BM_plain"), false)).size())
      << "input text added or removed lines";
}

TEST_P(HostileText, SummaryShowsEscapesNeverRawText) {
  std::vector<Row> rows = reps(GetParam().text, spread(100, 3));
  auto failed = reps("BM_failing", spread(100, 1));
  failed[0].error_occurred = true;
  failed[0].mutable_extra().error_message = GetParam().text;
  append(rows, failed);
  const std::string out = render_run_summary(summarize(side_of(std::move(rows)), nullptr));
  EXPECT_TRUE(clean_text(out));
  EXPECT_TRUE(no_command_lines(out));
  EXPECT_EQ(lines_of(out).size(), 5u) << out.substr(0, 400);  // header, two rows, blank, totals
}

TEST_P(HostileText, ErrorMessagesAreOneVisibleLine) {
  const std::string& t = GetParam().text;
  const std::string line = format_problem(Problem{t, "benchmarks[0] (\"" + t + "\").real_time", t});
  EXPECT_TRUE(clean_text(line, false));
  EXPECT_TRUE(no_command_lines(line));
  // Through the CLI: an option value is input too.
  const auto run = testing::run({"a.json", "b.json", "--threshold", t});
  EXPECT_EQ(run.code, 2);
  EXPECT_TRUE(clean_text(run.err));
  EXPECT_TRUE(no_command_lines(run.err));
}

TEST_P(HostileText, GithubAnnotationsAreOneCommandPerLine) {
  const std::string out = render_github(hostile_report(GetParam().text));
  EXPECT_TRUE(clean_text(out));
  std::size_t errors = 0;
  for (const auto& line : lines_of(out)) {
    const bool ours = line.rfind("::error title=", 0) == 0 || line.rfind("::warning title=", 0) == 0;
    EXPECT_TRUE(ours) << line.substr(0, 120);
    const std::size_t end_of_props = line.find("::", 2);
    ASSERT_NE(end_of_props, std::string::npos);
    // The properties hold no ',' or ':' of ours beyond the escaped title.
    EXPECT_EQ(line.substr(2, end_of_props - 2).find_first_of(",:", line.find('=')), std::string::npos);
    if (line.rfind("::error", 0) == 0) ++errors;
  }
  EXPECT_EQ(errors, 3u);  // the regression, the failure, the SLO breach
}

TEST_P(HostileText, MarkdownKeepsEveryRowAndNoRawHtml) {
  const std::string md = render_markdown(hostile_report(GetParam().text));
  EXPECT_TRUE(markdown_safe(md, kGithubCommentLimit));
  EXPECT_NE(md.find("| **regressed** |"), std::string::npos);
  EXPECT_NE(md.find("| **failed** | `BM_failing`"), std::string::npos);
  EXPECT_NE(md.find("| unchanged | `BM_zz_ok`"), std::string::npos);
  EXPECT_NE(md.find("### SLO breaches"), std::string::npos);
}

TEST_P(HostileText, JunitIsWellFormedWithEveryTestCase) {
  const std::string xml = render_junit(hostile_report(GetParam().text));
  EXPECT_TRUE(xml_well_formed(xml)) << xml.substr(0, 2000);
  std::size_t cases = 0;
  for (std::size_t p = xml.find("<testcase"); p != std::string::npos; p = xml.find("<testcase", p + 1)) ++cases;
  EXPECT_EQ(cases, 4u);  // three benchmarks and the SLO check
  EXPECT_NE(xml.find("failures=\"2\""), std::string::npos);
  EXPECT_NE(xml.find("tests=\"1\" failures=\"1\""), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Table, HostileText, ::testing::ValuesIn(hostile_strings()),
                         [](const auto& p) { return std::string(p.param.label); });

// --- the escaping functions themselves --------------------------------------

TEST(Escape, VisibleEscapesForControlsInvalidUtf8AndNoncharacters) {
  EXPECT_EQ(escape_visible("a\x1b[31m\r\n\t\x7f"), "a\\x1b[31m\\r\\n\\t\\x7f");
  EXPECT_EQ(escape_visible("\xff" "b"), "\\xffb");
  EXPECT_EQ(escape_visible("\xEF\xBF\xBE"), "\\uFFFE");
  EXPECT_EQ(escape_visible("::stop-commands::x"), "\\x3a:stop-commands::x");
  EXPECT_EQ(escape_visible("a\n::x", true), "a\n\\x3a:x");
  EXPECT_EQ(escape_visible("µs ΛID ✓"), "µs ΛID ✓");  // valid UTF-8 is left alone
}

TEST(Escape, MarkdownCodeSpanCannotBeClosedByTheName) {
  EXPECT_EQ(markdown_code("BM_A"), "`BM_A`");
  EXPECT_EQ(markdown_code("a``b"), "```a``b```");
  EXPECT_EQ(markdown_code("`x"), "`` `x ``");
  EXPECT_EQ(markdown_code("a|b"), "`a\\|b`");
  EXPECT_EQ(markdown_code("a\\|b"), "`a\\\\\\|b`");
  EXPECT_EQ(markdown_text("<!-- a|b & c -->"), "&lt;!-- a\\|b &amp; c --&gt;");
}

TEST(Escape, GithubWorkflowCommandEncoding) {
  EXPECT_EQ(github_message("100%\r\nx\x1b"), "100%25%0D%0Ax\\x1b");
  EXPECT_EQ(github_property("a:b,c%"), "a%3Ab%2Cc%25");
}

TEST(Escape, XmlEntitiesAndNoCdataEnd) {
  EXPECT_EQ(xml_text("]]> <a & \"b\" 'c'>\n"), "]]&gt; &lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;\n");
  EXPECT_EQ(xml_attribute("a\nb"), "a&#10;b");
  EXPECT_EQ(xml_text("\x01\xEF\xBF\xBF"), "\\x01\\uFFFF");
}

TEST(Escape, HtmlEntitiesAndNoControlOrBidiCharacter) {
  EXPECT_EQ(html_text("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(html_text("a\nb\x1b\xE2\x80\xAE" "c"), "a\\nb\\x1b\\u202Ec");
}

TEST(Escape, OpenMetricsLabelValues) {
  EXPECT_EQ(openmetrics_label_value("a\\b\"c\nd"), "a\\\\b\\\"c\\nd");
  EXPECT_EQ(openmetrics_label_value("\x1b"), "\\\\x1b");
}

TEST(Escape, HtmlTextHasNoMarkupQuoteOrControlLeft) {
  // Safe between tags and inside a quoted attribute alike (the history page).
  for (const auto& h : hostile_strings()) {
    const std::string out = html_text(h.text);
    for (char c : out) {
      EXPECT_TRUE(c != '<' && c != '>' && c != '"' && c != '\'') << h.label << ": " << out;
      EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 || c == '\x7f') << h.label;
    }
    // Every '&' starts an entity this function wrote.
    for (std::size_t p = out.find('&'); p != std::string::npos; p = out.find('&', p + 1)) {
      const std::string_view rest = std::string_view(out).substr(p);
      EXPECT_TRUE(rest.starts_with("&amp;") || rest.starts_with("&lt;") || rest.starts_with("&gt;") ||
                  rest.starts_with("&quot;") || rest.starts_with("&#39;"))
          << h.label;
    }
  }
}

TEST(Escape, ShortenIsStableAndKeepsNamesApart) {
  const std::string a = std::string(300, 'a') + "1", b = std::string(300, 'a') + "2";
  EXPECT_EQ(shorten("short", 120), "short");
  EXPECT_EQ(shorten(a, 120), shorten(a, 120));
  EXPECT_NE(shorten(a, 120), shorten(b, 120));
  EXPECT_EQ(shorten(a, 120).rfind(std::string(120, 'a') + "…", 0), 0u);
  // Never cuts a UTF-8 sequence: 200 two-byte characters keep 120 whole ones.
  std::string greek;
  for (int i = 0; i < 200; ++i) greek += "λ";
  EXPECT_EQ(shorten(greek, 120).substr(0, 240), greek.substr(0, 240));
}

// --- the Markdown cap holds for any input ------------------------------------

TEST(HostileMarkdown, CapHoldsAndCutFailingRowsAreCounted) {
  std::vector<Row> b, c;
  for (int k = 0; k < 400; ++k) {
    const std::string name = "BM_" + std::to_string(k) + std::string(5000, '`') + "<!--";
    append(b, reps(name, spread(100, 8)));
    append(c, reps(name, spread(150, 8)));
  }
  Report r = decide(side_of(std::move(b)), side_of(std::move(c)), Settings{});
  for (int k = 0; k < 50; ++k) r.warnings.push_back(std::string(100 * 1024, '<'));
  const std::string md = render_markdown(r);
  EXPECT_TRUE(markdown_safe(md, kGithubCommentLimit));
  const std::size_t shown = [&] {
    std::size_t n = 0;
    for (std::size_t p = md.find("| **regressed** |"); p != std::string::npos; p = md.find("| **regressed** |", p + 1)) ++n;
    return n;
  }();
  EXPECT_GT(shown, 0u);
  EXPECT_NE(md.find(fmt::format("**{} more failing rows not shown**", 400 - shown)), std::string::npos);
  EXPECT_NE(md.find("the JSON report (--json)"), std::string::npos);
}

// --- a real Markdown renderer ------------------------------------------------

// cmark-gfm (Debian package cmark-gfm) renders the report of every hostile
// name as GitHub would, raw HTML allowed: every row must be a row, and no
// tag may come from a name.
TEST(HostileMarkdown, CmarkGfmRendersEveryRowAndNoHtmlFromNames) {
  if (std::system("command -v cmark-gfm >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "cmark-gfm is not installed (Debian package cmark-gfm); the invariants above still ran";
  const auto dir = std::filesystem::temp_directory_path() / ("lukhas-cmark-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const auto& h : hostile_strings()) {
    const std::string md = render_markdown(hostile_report(h.text));
    const auto in = dir / "report.md";
    std::ofstream(in, std::ios::binary) << md;
    const std::string cmd = "cmark-gfm --unsafe -e table " + in.string();
    FILE* p = ::popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string html;
    char buf[65536];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) html.append(buf, n);
    ASSERT_EQ(::pclose(p), 0) << h.label;
    std::size_t rows = 0;
    for (std::size_t q = html.find("<tr>"); q != std::string::npos; q = html.find("<tr>", q + 1)) ++rows;
    EXPECT_EQ(rows, 7u) << h.label << ": three header rows, the regression, the failure, the SLO breach, the unchanged one";
    for (const char* tag : {"<img", "<script", "<b>", "<!--", "<x/>", "<x>"})
      EXPECT_EQ(html.find(tag), std::string::npos) << h.label << ": " << tag;
    EXPECT_NE(html.find("BM_zz_ok"), std::string::npos) << h.label;
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lukhas::compare
