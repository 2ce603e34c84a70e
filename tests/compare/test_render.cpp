// Renderers: each turns the same Report into its format; these tests pin the
// properties docs/comparator.md asks of each (ordering, colour, size limit, names).
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "compare/decide.hpp"
#include "compare/render_console.hpp"
#include "compare/render_github.hpp"
#include "compare/render_json.hpp"
#include "compare/render_junit.hpp"
#include "compare/render_markdown.hpp"
#include "tests/compare/test_util.hpp"

namespace lukhas::compare {
namespace {

using testing::append;
using testing::reps;
using testing::side_of;

std::vector<double> around(double centre, int n, double phase = 0) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i) v.push_back(centre * (1 + 0.005 * std::sin(1.7 * i + phase)));
  return v;
}

// "BM_Zeta" regresses; "BM_Alpha" is unchanged; "BM_Mid" uses 3 repetitions.
// The fillers are single runs: no U test, so they do not dilute BM_Zeta's q.
Report sample_report(int extra_unchanged = 0) {
  std::vector<Row> b = reps("BM_Alpha", around(100, 8)), c = reps("BM_Alpha", around(100, 8, 1));
  append(b, reps("BM_Zeta", around(100, 8)));
  append(c, reps("BM_Zeta", around(130, 8, 1)));
  append(b, reps("BM_Mid", around(100, 3)));
  append(c, reps("BM_Mid", around(101, 3, 1)));
  for (int k = 0; k < extra_unchanged; ++k) {
    const std::string name = "BM_Filler_with_a_long_name_to_fill_the_comment/" + std::to_string(k);
    append(b, reps(name, around(100, 1, k)));
    append(c, reps(name, around(100, 1, k + 1)));
  }
  return decide(side_of(std::move(b)), side_of(std::move(c)), Settings{});
}

TEST(RenderConsole, RegressionsComeFirstAndColourOnlyWhenAsked) {
  const Report r = sample_report();
  const std::string plain = render_console(r, false);
  EXPECT_EQ(plain.find("\x1b["), std::string::npos);
  EXPECT_LT(plain.find("BM_Zeta"), plain.find("BM_Alpha"));
  EXPECT_NE(plain.find("fails: 1 regressed"), std::string::npos);
  EXPECT_NE(plain.find("cannot reach alpha"), std::string::npos);
  const std::string coloured = render_console(r, true);
  EXPECT_NE(coloured.find("\x1b[31m"), std::string::npos);
}

TEST(RenderMarkdown, HeadlineTableAndFoldedRest) {
  const std::string md = render_markdown(sample_report());
  EXPECT_EQ(md.rfind("## ❌ Performance: fails: 1 regressed", 0), 0u) << md.substr(0, 80);
  const auto table = md.find("### Regressions and failures");
  const auto details = md.find("<details>");
  ASSERT_NE(table, std::string::npos);
  ASSERT_NE(details, std::string::npos);
  EXPECT_LT(md.find("BM_Zeta"), details);
  EXPECT_GT(md.find("BM_Alpha"), details);
  EXPECT_NE(md.find("cannot reach α"), std::string::npos);
}

TEST(RenderMarkdown, StaysUnderTheCommentLimitByCuttingOnlyTheFoldedPart) {
  const Report r = sample_report(1500);
  const std::string md = render_markdown(r);
  EXPECT_LE(md.size(), kGithubCommentLimit);
  EXPECT_LT(md.find("BM_Zeta"), md.find("<details>"));
  EXPECT_NE(md.find("more rows not shown"), std::string::npos);
  EXPECT_NE(md.find("</details>"), std::string::npos);
  // A small limit still keeps the regression table.
  const std::string tiny = render_markdown(r, 2000);
  EXPECT_NE(tiny.find("BM_Zeta"), std::string::npos);
}

TEST(RenderJson, StableNamesForCiScripts) {
  const auto j = nlohmann::json::parse(render_json(sample_report()));
  ASSERT_TRUE(j.at("comparisons").is_array());
  for (const auto& c : j.at("comparisons")) {
    for (const char* key : {"name", "metric", "baseline", "contender", "change", "p_value", "q_value", "verdict",
                            "n_baseline", "n_contender", "threshold", "threshold_used", "unit", "notes",
                            "test_can_reach_alpha", "min_p_value"})
      EXPECT_TRUE(c.contains(key)) << key;
  }
  EXPECT_TRUE(j.at("slo").is_array());
  EXPECT_TRUE(j.at("warnings").is_array());
  const auto& s = j.at("summary");
  EXPECT_TRUE(s.contains("geomean_ratio"));
  EXPECT_EQ(s.at("counts").at("regressed"), 1);
  EXPECT_EQ(s.at("exit_code"), 1);
  // p_value is null when no test ran.
  const Report single = decide(side_of(reps("BM_A", {1})), side_of(reps("BM_A", {1})), Settings{});
  EXPECT_TRUE(nlohmann::json::parse(render_json(single)).at("comparisons").at(0).at("p_value").is_null());
}

TEST(RenderJunit, OneTestCasePerBenchmarkFailingOnRegression) {
  std::vector<Row> b = reps("BM_A", around(100, 6)), c = reps("BM_A", around(100, 6, 1));
  for (auto& row : b) row.counters.push_back({"instructions", 1000});
  for (auto& row : c) row.counters.push_back({"instructions", 1000});
  append(b, reps("BM_<&>", around(100, 6)));
  append(c, reps("BM_<&>", around(150, 6, 1)));
  const std::string xml = render_junit(decide(side_of(std::move(b)), side_of(std::move(c)), Settings{}));
  std::size_t cases = 0;
  for (std::size_t p = xml.find("<testcase"); p != std::string::npos; p = xml.find("<testcase", p + 1)) ++cases;
  EXPECT_EQ(cases, 2u);  // BM_A has two metrics but one test case
  EXPECT_NE(xml.find("name=\"BM_&lt;&amp;&gt;\""), std::string::npos);
  EXPECT_NE(xml.find("failures=\"1\""), std::string::npos);
  EXPECT_NE(xml.find("<failure message=\"regressed cpu_time"), std::string::npos);
}

TEST(RenderGithub, ErrorsForFailuresWarningsForTheRestEscaped) {
  Report r = sample_report();
  r.warnings.push_back("100% different\nhosts");
  const std::string gh = render_github(r);
  EXPECT_NE(gh.find("::error title=bench-compare%3A regressed::BM_Zeta cpu_time regressed"), std::string::npos) << gh;
  EXPECT_NE(gh.find("::warning title=bench-compare::100%25 different%0Ahosts"), std::string::npos) << gh;
  EXPECT_NE(gh.find("test cannot reach alpha"), std::string::npos);
}

}  // namespace
}  // namespace lukhas::compare
