// SLO checks rest on enough data: a percentile judged from too few timed
// calls is "insufficient data" (neither pass nor breach, and failing), every
// verdict states the count it rests on, and every renderer shows it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "compare/decide.hpp"
#include "compare/errors.hpp"
#include "compare/render_console.hpp"
#include "compare/render_github.hpp"
#include "compare/render_json.hpp"
#include "compare/render_junit.hpp"
#include "compare/render_markdown.hpp"
#include "compare/run_summary.hpp"
#include "compare/slo_catalog.hpp"
#include "tests/compare/test_util.hpp"

namespace lukhas::compare {
namespace {

using testing::append;
using testing::reps;
using testing::side_of;

SloCatalog p95_catalog() {
  return parse_slo_catalog(R"({"slos": [
    {"id": "create.p95", "benchmark": "BM_Create_Latency*", "counter": "p95_us", "comparison": "<",
     "target": 10000, "unit": "us", "measured_in_process": true, "samples_counter": "samples", "quantile": 0.95},
    {"id": "prevention", "benchmark": "BM_Workload", "counter": "rate_lower95", "comparison": ">=",
     "target": 0.997, "unit": "ratio", "measured_in_process": true, "samples_counter": "operations",
     "min_samples": 1277}]})",
                           "catalog.json");
}

// Three repetitions of a latency benchmark, p95 of 1 us each, with these
// per-repetition call counts (none: no samples counter at all).
std::vector<Row> latency_rows(const std::vector<double>& samples, const std::string& name = "BM_Create_Latency/a") {
  std::vector<Row> rows = reps(name, {500, 500, 500});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].counters.push_back({"p95_us", 1.0});
    if (!samples.empty()) rows[i].counters.push_back({"samples", samples[i]});
  }
  return rows;
}

Report check(std::vector<Row> rows) {
  const SloCatalog cat = p95_catalog();
  const Side s = side_of(std::move(rows));
  return decide(s, s, Settings{}, &cat);
}

TEST(SloCatalog, PercentilesNeedTwentyOverOneMinusQCalls) {
  EXPECT_EQ(min_samples_for_quantile(0.5), 40u);
  EXPECT_EQ(min_samples_for_quantile(0.95), 400u);  // not 401: 20 / 0.05 is 400.00000000000006 in binary
  EXPECT_EQ(min_samples_for_quantile(0.99), 2000u);
  const SloCatalog cat = p95_catalog();
  EXPECT_EQ(cat.slos[0].min_samples, 400u);
  EXPECT_EQ(cat.slos[0].samples_counter, "samples");
  EXPECT_EQ(cat.slos[1].min_samples, 1277u);
}

TEST(SloCatalog, AMeasuredEntryMustSayWhatItRestsOn) {
  try {
    parse_slo_catalog(R"({"slos": [{"id": "a", "benchmark": "BM_A", "counter": "p95_us", "comparison": "<",
                                    "target": 1, "measured_in_process": true}]})",
                      "cat.json");
    FAIL();
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("slos[0].samples_counter: missing required field"), std::string::npos) << msg;
    EXPECT_NE(msg.find("\"quantile\" (a percentile) or \"min_samples\""), std::string::npos) << msg;
  }
  EXPECT_THROW(parse_slo_catalog(R"({"slos": [{"id": "a", "benchmark": "BM_A", "counter": "p95_us",
      "comparison": "<", "target": 1, "measured_in_process": true, "samples_counter": "samples",
      "quantile": 95}]})",
                                 "cat.json"),
               InputError);
}

TEST(SloCheck, AP95FromThreeHundredNinetyNineCallsIsInsufficientFromFourHundredItIsJudged) {
  const Report short_run = check(latency_rows({400, 399, 400}));
  ASSERT_EQ(short_run.slo.size(), 2u);
  const SloResult& r = short_run.slo[0];
  EXPECT_EQ(r.verdict, SloVerdict::insufficient);
  EXPECT_DOUBLE_EQ(*r.samples, 399);  // the fewest calls of any repetition
  EXPECT_EQ(r.repetitions, 3u);
  EXPECT_EQ(r.min_samples, 400u);
  EXPECT_NE(r.note.find("399 samples per repetition, p95_us needs >= 400"), std::string::npos) << r.note;
  EXPECT_EQ(short_run.summary.slo_insufficient, 1u);
  EXPECT_EQ(short_run.summary.slo_pass, 0u);
  EXPECT_EQ(short_run.summary.exit_code, 1);  // never a pass

  const Report enough = check(latency_rows({400, 400, 400}));
  EXPECT_EQ(enough.slo[0].verdict, SloVerdict::pass);
  EXPECT_DOUBLE_EQ(*enough.slo[0].samples, 400);
  EXPECT_EQ(enough.summary.slo_insufficient, 0u);
  EXPECT_EQ(enough.summary.exit_code, 0);
}

TEST(SloCheck, ARowWithoutTheSamplesCounterIsInsufficientNeverAPass) {
  const Report r = check(latency_rows({}));
  EXPECT_EQ(r.slo[0].verdict, SloVerdict::insufficient);
  EXPECT_FALSE(r.slo[0].samples);
  EXPECT_NE(r.slo[0].note.find("no samples counter"), std::string::npos) << r.slo[0].note;
  EXPECT_EQ(r.summary.exit_code, 1);
}

TEST(SloCheck, ABreachFromTooFewCallsIsStillInsufficientNotABreach) {
  std::vector<Row> rows = latency_rows({10, 10, 10});
  for (auto& row : rows) row.counters[0].value = 20000;  // p95 20 ms: the first call's set-up
  const Report r = check(std::move(rows));
  EXPECT_EQ(r.slo[0].verdict, SloVerdict::insufficient);
  EXPECT_EQ(r.summary.slo_breach, 0u);
}

TEST(SloCheck, RatesRestOnTheirOperationsCount) {
  std::vector<Row> rows = reps("BM_Workload", {1});
  rows[0].counters.push_back({"rate_lower95", 0.998});
  rows[0].counters.push_back({"operations", 1276});
  Report r = check(rows);
  EXPECT_EQ(r.slo[1].verdict, SloVerdict::insufficient);
  rows[0].counters.back().value = 10000;
  r = check(rows);
  EXPECT_EQ(r.slo[1].verdict, SloVerdict::pass);
  EXPECT_DOUBLE_EQ(*r.slo[1].samples, 10000);
  EXPECT_EQ(r.slo[1].samples_counter, "operations");
}

TEST(SloCheck, EveryRendererStatesTheCount) {
  std::vector<Row> rows = latency_rows({500, 399, 450});
  append(rows, latency_rows({2400, 2500, 2600}, "BM_Create_Latency/b"));
  const Report r = check(std::move(rows));
  ASSERT_EQ(r.slo[0].verdict, SloVerdict::insufficient);
  ASSERT_EQ(r.slo[1].verdict, SloVerdict::pass);

  const std::string console = render_console(r, false);
  EXPECT_NE(console.find("n = 399 samples x 3 reps (needs 400)"), std::string::npos) << console;
  EXPECT_NE(console.find("n = 2400 samples x 3 reps (needs 400)"), std::string::npos) << console;
  EXPECT_NE(console.find("insufficient data"), std::string::npos);
  EXPECT_NE(console.find("1 SLO check with insufficient data"), std::string::npos) << console;

  const std::string md = render_markdown(r);
  EXPECT_NE(md.find("### SLO checks with insufficient data"), std::string::npos) << md;
  EXPECT_NE(md.find("| 399 samples x 3 reps (needs 400) |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 2400 samples x 3 reps (needs 400) |"), std::string::npos) << md;
  EXPECT_LT(md.find("399 samples"), md.find("<details>"));  // shown with the failures, not folded

  const auto j = nlohmann::json::parse(render_json(r));
  EXPECT_EQ(j.at("slo").at(0).at("verdict"), "insufficient");
  EXPECT_EQ(j.at("slo").at(0).at("samples"), 399);
  EXPECT_EQ(j.at("slo").at(0).at("samples_counter"), "samples");
  EXPECT_EQ(j.at("slo").at(0).at("min_samples"), 400);
  EXPECT_EQ(j.at("slo").at(0).at("repetitions"), 3);
  EXPECT_EQ(j.at("slo").at(1).at("samples"), 2400);
  EXPECT_EQ(j.at("summary").at("slo_insufficient"), 1);

  const std::string xml = render_junit(r);
  EXPECT_NE(xml.find("<error type=\"insufficient data\" message=\"insufficient data p95_us"), std::string::npos) << xml;
  EXPECT_NE(xml.find("n = 2400 samples x 3 reps (needs 400)"), std::string::npos) << xml;
  EXPECT_NE(xml.find("errors=\"1\""), std::string::npos) << xml;

  const std::string gh = render_github(r);
  EXPECT_NE(gh.find("::error title=SLO insufficient data create.p95::BM_Create_Latency/a p95_us"), std::string::npos)
      << gh;
  EXPECT_NE(gh.find("n = 399 samples x 3 reps (needs 400)"), std::string::npos) << gh;

  const SloCatalog cat = p95_catalog();
  std::vector<Row> again = latency_rows({500, 399, 450});
  for (auto& row : again) row.counters.push_back({"p50_us", 0.5});
  const RunSummary s = summarize(side_of(std::move(again)), &cat);
  EXPECT_EQ(s.slo_insufficient, 1u);
  EXPECT_EQ(s.exit_code, 1);
  const std::string text = render_run_summary(s);
  EXPECT_NE(text.find("n = 399 samples x 3 reps (needs 400)"), std::string::npos) << text;
  EXPECT_NE(text.find("1 insufficient data"), std::string::npos) << text;
}

}  // namespace
}  // namespace lukhas::compare
