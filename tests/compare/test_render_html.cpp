// The --html report: charts counted, regressions first, input text only
// escaped, nothing fetched from the network, the same bytes every time.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "compare/decide.hpp"
#include "compare/render_html.hpp"
#include "compare/slo_catalog.hpp"
#include "test_util.hpp"

namespace lukhas::compare {
namespace {

using testing::append;
using testing::fixture;
using testing::reps;
using testing::side_of;

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

Report fixture_report(const std::string& dir, bool slo = false) {
  const Side b = load_side({fixture(dir + "/baseline.json")});
  const Side c = load_side({fixture(dir + "/contender.json")});
  std::optional<SloCatalog> catalog;
  if (slo) catalog = read_slo_catalog(fixture(dir + "/catalog.json"));
  return decide(b, c, Settings{}, catalog ? &*catalog : nullptr);
}

// The class of every row of the benchmarks table, in page order.
std::vector<std::string> benchmark_row_classes(const std::string& html) {
  const auto start = html.find("<table class=\"benchmarks\">");
  const auto end = html.find("</table>", start);
  EXPECT_NE(start, std::string::npos);
  const std::string table = html.substr(start, end - start);
  std::vector<std::string> out;
  const std::regex row("<tr class=\"([a-z]+)\">");
  for (auto it = std::sregex_iterator(table.begin(), table.end(), row); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

TEST(RenderHtml, FixtureRegressionHasAChartPerComparedRowAndTheVerdict) {
  const Report r = fixture_report("regression");
  const std::string html = render_html(r);
  std::size_t with_values = 0;
  for (const auto& c : r.comparisons)
    if (c.baseline || c.contender) ++with_values;
  ASSERT_GT(with_values, 0u);
  EXPECT_EQ(count(html, "<svg class=\"chart\""), with_values);
  EXPECT_EQ(count(html, "id=\"verdict\""), 1u);
  EXPECT_NE(html.find("<p id=\"verdict\" class=\"verdict fail\">fails: "), std::string::npos) << html.substr(0, 4000);
  // Every repetition of both sides is a dot: one circle per value.
  std::size_t dots = 0;
  for (const auto& c : r.comparisons) dots += c.baseline_values.size() + c.contender_values.size();
  EXPECT_EQ(count(html, "<circle "), dots);
  EXPECT_NE(html.find("<dt>Baseline</dt><dd>"), std::string::npos);
  EXPECT_NE(html.find("regressed</li>"), std::string::npos);
  EXPECT_NE(html.find("@media (max-width:700px)"), std::string::npos);
}

TEST(RenderHtml, RegressionsComeFirstLargestChangeFirst) {
  std::vector<Row> b, c;
  append(b, reps("BM_A_Unchanged", {100, 101, 99, 100, 100, 101}));
  append(c, reps("BM_A_Unchanged", {100, 101, 99, 100, 100, 101}));
  append(b, reps("BM_B_Small", {100, 101, 99, 100, 100, 101}));
  append(c, reps("BM_B_Small", {120, 121, 119, 120, 120, 121}));
  append(b, reps("BM_C_Improved", {100, 101, 99, 100, 100, 101}));
  append(c, reps("BM_C_Improved", {80, 81, 79, 80, 80, 81}));
  append(b, reps("BM_D_Big", {100, 101, 99, 100, 100, 101}));
  append(c, reps("BM_D_Big", {200, 201, 199, 200, 200, 201}));
  const Report r = decide(side_of(b), side_of(c), Settings{});
  const std::string html = render_html(r);
  const auto classes = benchmark_row_classes(html);
  ASSERT_EQ(classes.size(), 4u);
  EXPECT_EQ(classes[0], "regressed");
  EXPECT_EQ(classes[1], "regressed");
  EXPECT_EQ(classes[2], "improved");
  EXPECT_EQ(classes[3], "unchanged");
  EXPECT_LT(html.find("BM_D_Big"), html.find("BM_B_Small"));
}

TEST(RenderHtml, HostileNamesAppearOnlyEscaped) {
  const std::string script = "<script>alert(1)</script>";
  const std::string quotes = "BM_\"&'";
  const std::string bidi = "BM_\xE2\x80\xAE" "evil";
  std::vector<Row> b, c;
  for (const auto& name : {script, quotes, bidi}) {
    append(b, reps(name, {100, 101, 99, 100}));
    append(c, reps(name, {150, 151, 149, 150}));
  }
  Context ctx;
  ctx["git_revision"] = std::string("<img src=x onerror=alert(2)>");
  const Report r = decide(side_of(b, ctx), side_of(c), Settings{});
  const std::string html = render_html(r);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("BM_\"&'"), std::string::npos);
  EXPECT_NE(html.find("BM_&quot;&amp;&#39;"), std::string::npos);
  EXPECT_EQ(html.find("\xE2\x80\xAE"), std::string::npos);
  EXPECT_NE(html.find("BM_\\u202Eevil"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
}

TEST(RenderHtml, FetchesNothingFromTheNetwork) {
  for (const std::string& html : {render_html(fixture_report("regression")), render_html(fixture_report("slo", true))}) {
    // The only URL is the SVG namespace, which names and never loads.
    for (const char* scheme : {"http://", "https://"})
      for (std::size_t p = html.find(scheme); p != std::string::npos; p = html.find(scheme, p + 1))
        EXPECT_EQ(html.compare(p - 7, 7 + 26, "xmlns=\"http://www.w3.org/2000/svg"), 0) << html.substr(p - 40, 80);
    for (const char* loader : {"src=", "href=", "url(", "@import", "<script", "<link", "<iframe", "<object"})
      EXPECT_EQ(html.find(loader), std::string::npos) << loader;
  }
}

TEST(RenderHtml, SameInputSameBytes) {
  EXPECT_EQ(render_html(fixture_report("regression")), render_html(fixture_report("regression")));
  EXPECT_EQ(render_html(fixture_report("slo", true)), render_html(fixture_report("slo", true)));
}

TEST(RenderHtml, EverySloWithAValueIsDrawnAgainstItsTarget) {
  const Report r = fixture_report("slo", true);
  ASSERT_FALSE(r.slo.empty());
  std::size_t valued = 0;
  for (const auto& s : r.slo)
    if (s.value) ++valued;
  const std::string html = render_html(r);
  EXPECT_EQ(count(html, "<svg class=\"slo-chart\""), valued);
  EXPECT_EQ(count(html, "<line class=\"target\""), valued);
  EXPECT_NE(html.find("log scale"), std::string::npos);
}

TEST(RenderHtml, ATimeUnitIsDrawnInNanoseconds) {
  // 1.0 ms and 1.5 ms: the axis and the cells say ms, the medians are ns.
  const Report r = decide(side_of(reps("BM_Ms", {1.0, 1.0, 1.0}, "ms")), side_of(reps("BM_Ms", {1.5, 1.5, 1.5}, "ms")),
                          Settings{});
  const std::string html = render_html(r);
  EXPECT_NE(html.find(">1 ms<"), std::string::npos);
  EXPECT_NE(html.find(">1.5 ms<"), std::string::npos);
}

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name) : path(std::filesystem::temp_directory_path() / ("lukhas-html-" + name)) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string operator/(const std::string& f) const { return (path / f).string(); }
};

std::string slurp(const std::string& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(RenderHtmlCli, CompareWritesThePageAndRefusesAnInputAsOutput) {
  TempDir d("cli");
  const auto ok = testing::run({fixture("regression/baseline.json"), fixture("regression/contender.json"), "--html",
                                d / "report.html", "--no-color"});
  EXPECT_EQ(ok.code, 1) << ok.err;
  EXPECT_EQ(slurp(d / "report.html"), render_html(fixture_report("regression")));

  const auto over_input = testing::run({fixture("regression/baseline.json"), fixture("regression/contender.json"),
                                        "--html", fixture("regression/contender.json")});
  EXPECT_EQ(over_input.code, 2);
  EXPECT_NE(over_input.err.find("--html"), std::string::npos) << over_input.err;
  const auto twice = testing::run({fixture("regression/baseline.json"), fixture("regression/contender.json"), "--html",
                                   d / "same", "--openmetrics", d / "same"});
  EXPECT_EQ(twice.code, 2);
  EXPECT_NE(twice.err.find("--openmetrics"), std::string::npos) << twice.err;
  EXPECT_FALSE(std::filesystem::exists(d / "same"));
}

TEST(RenderHtmlCli, GateWritesOnePageWithEverySection) {
  TempDir d("gate");
  const auto gate = testing::run({"gate", "--html", d / "gate.html", "--openmetrics", d / "gate.om",
                                  "--section", "time", "--heading", "Time <A/B>", "--baseline",
                                  fixture("regression/baseline.json"), "--contender", fixture("regression/contender.json"),
                                  "--section", "slo", "--summary", "--contender", fixture("slo/contender.json"), "--slo",
                                  fixture("slo/catalog.json")});
  EXPECT_EQ(gate.code, 1) << gate.err;
  const std::string html = slurp(d / "gate.html");
  EXPECT_EQ(count(html, "id=\"verdict\""), 1u);
  EXPECT_EQ(count(html, "<section class=\"gate-section\">"), 2u);
  EXPECT_NE(html.find("<h2>Time &lt;A/B&gt;</h2>"), std::string::npos);
  EXPECT_EQ(count(html, "<svg class=\"chart\""), count(render_html(fixture_report("regression")), "<svg class=\"chart\""));
  EXPECT_GT(count(html, "<svg class=\"slo-chart\""), 0u);
  const std::string om = slurp(d / "gate.om");
  EXPECT_NE(om.find("lukhas_gate_exit_code 1\n# EOF\n"), std::string::npos) << om;
  EXPECT_NE(om.find("section=\"slo\""), std::string::npos);

  const auto refused = testing::run({"gate", "--html", fixture("slo/catalog.json"), "--section", "slo", "--summary",
                                     "--contender", fixture("slo/contender.json"), "--slo", fixture("slo/catalog.json")});
  EXPECT_EQ(refused.code, 2);
  EXPECT_NE(refused.err.find("--html"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace lukhas::compare
