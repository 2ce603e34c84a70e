// The history store, `bench-compare history ...` and the history page
// (compare/history*.hpp), in-process through run_cli.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "compare/escape.hpp"
#include "compare/gbench_write.hpp"
#include "compare/history.hpp"
#include "compare/history_synth.hpp"
#include "compare/io.hpp"
#include "test_util.hpp"

namespace lukhas::compare {
namespace {

namespace fs = std::filesystem;
using testing::run;

const std::string kCommitA = "0123456789abcdef0123456789abcdef01234567";
const std::string kCommitB = "fedcba9876543210fedcba9876543210fedcba98";

std::string fresh_dir(const std::string& name) {
  const std::string d = ::testing::TempDir() + "history_" + name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

// A history of `runs` runs of the synthetic suite (3 benchmarks: one
// instruction benchmark, two time benchmarks), appended through the CLI.
std::string make_history(const std::string& name, std::size_t runs, std::vector<InjectedStep> steps) {
  const std::string root = fresh_dir(name);
  SyntheticHistorySpec spec;
  spec.runs = runs;
  spec.benchmarks = 3;
  spec.instruction_benchmarks = 1;
  spec.repetitions = 3;
  spec.time_cv = 0.01;
  spec.steps = std::move(steps);
  for (std::size_t i = 0; i < runs; ++i) {
    const std::string run_dir = root + "/in" + std::to_string(i);
    fs::create_directories(run_dir);
    write_file_atomic(run_dir + "/synthetic.json", write_gbench_json(synthetic_history_run(spec, i)));
    const auto r = run({"history", "append", root + "/h", run_dir, "--commit", synthetic_commit(i), "--date",
                        synthetic_date(i), "--branch", "main"});
    EXPECT_EQ(r.code, 0) << r.err;
  }
  return root + "/h";
}

TEST(HistoryKeys, CommitsAndDates) {
  EXPECT_EQ(parse_commit("0123456789AB"), "0123456789ab");
  EXPECT_EQ(parse_commit(kCommitA), kCommitA);
  EXPECT_FALSE(parse_commit("0123456789a"));   // too short for the folder key
  EXPECT_FALSE(parse_commit("0123456789xz"));  // not hex
  EXPECT_FALSE(parse_commit("../../etc/passwd"));
  EXPECT_EQ(parse_iso8601("2026-12-02T07:15:38Z"), 1796195738);
  EXPECT_EQ(parse_iso8601("2026-12-02T08:15:38+01:00"), 1796195738);
  EXPECT_EQ(parse_iso8601("2026-12-02T01:45:38.25-0530"), 1796195738);
  EXPECT_FALSE(parse_iso8601("2026-12-02T07:15:38"));  // no zone
  EXPECT_FALSE(parse_iso8601("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(parse_iso8601("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_iso8601("2026-12-02"));
  EXPECT_FALSE(parse_iso8601("2026-12-02T07:15:38Zjunk"));
  EXPECT_EQ(parse_iso8601("2024-02-29T00:00:00Z").has_value(), true);
  EXPECT_EQ(format_iso8601(1796195738), "2026-12-02T07:15:38Z");
  const RunKey k{1796195738, kCommitA};
  EXPECT_EQ(k.folder_name(), "20261202T071538Z-0123456789ab");
  const auto back = parse_run_folder(k.folder_name());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->time, k.time);
  EXPECT_EQ(back->commit, "0123456789ab");
  EXPECT_FALSE(parse_run_folder("20261202T071538Z-0123456789AB"));
  EXPECT_FALSE(parse_run_folder("notes"));
}

TEST(HistoryAppend, StampsContextAndNeverReplaces) {
  const std::string root = fresh_dir("append");
  fs::create_directories(root + "/run");
  write_file_atomic(root + "/run/core.json", write_gbench_json(synthetic_history_run({}, 0)));
  const auto ok = run({"history", "append", root + "/h", root + "/run", "--commit", kCommitA, "--date",
                       "2026-12-02T08:15:38+01:00", "--branch", "main"});
  ASSERT_EQ(ok.code, 0) << ok.err;
  const std::string file = root + "/h/20261202T071538Z-0123456789ab/core.json";
  const GbenchFile g = read_gbench_file(file);
  EXPECT_EQ(context_string(g.context, "git_revision"), kCommitA);
  EXPECT_EQ(context_string(g.context, "lukhas_run_date"), "2026-12-02T07:15:38Z");
  EXPECT_EQ(context_string(g.context, "lukhas_branch"), "main");
  EXPECT_EQ(g.rows.size(), synthetic_history_run({}, 0).rows.size());
  // No temporary folder is left behind.
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(root + "/h")) entries += e.path().filename().string()[0] == '.';
  EXPECT_EQ(entries, 0u);

  const std::string before = read_text_file(file);
  const auto again = run({"history", "append", root + "/h", root + "/run", "--commit", kCommitA, "--date",
                          "2026-12-02T07:15:38Z"});
  EXPECT_EQ(again.code, 2);
  EXPECT_NE(again.err.find("already in the history"), std::string::npos) << again.err;
  EXPECT_EQ(read_text_file(file), before);
}

TEST(HistoryAppend, RefusesMalformedCommitDateAndInput) {
  const std::string root = fresh_dir("append_bad");
  fs::create_directories(root + "/run");
  write_file_atomic(root + "/run/core.json", write_gbench_json(synthetic_history_run({}, 0)));
  const auto commit = run({"history", "append", root + "/h", root + "/run", "--commit", "HEAD", "--date",
                           "2026-12-02T07:15:38Z"});
  EXPECT_EQ(commit.code, 2);
  EXPECT_NE(commit.err.find("--commit"), std::string::npos);
  EXPECT_NE(commit.err.find("'HEAD'"), std::string::npos);
  const auto date = run({"history", "append", root + "/h", root + "/run", "--commit", kCommitA, "--date",
                         "yesterday"});
  EXPECT_EQ(date.code, 2);
  EXPECT_NE(date.err.find("'yesterday'"), std::string::npos);
  write_file_atomic(root + "/run/broken.json", "{\"benchmarks\": [");
  const auto bad = run({"history", "append", root + "/h", root + "/run", "--commit", kCommitA, "--date",
                        "2026-12-02T07:15:38Z"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("broken.json"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(root + "/h/20261202T071538Z-0123456789ab"));
}

TEST(HistoryList, OrdersByDateThenCommit) {
  const std::string root = fresh_dir("list");
  fs::create_directories(root + "/run");
  write_file_atomic(root + "/run/core.json", write_gbench_json(synthetic_history_run({}, 0)));
  // Appended out of order: B at 09:00, A at 08:00, B and A at 07:00.
  for (const auto& [c, d] : std::vector<std::pair<std::string, std::string>>{{kCommitB, "2026-12-02T09:00:00Z"},
                                                                           {kCommitA, "2026-12-02T08:00:00Z"},
                                                                           {kCommitB, "2026-12-02T07:00:00Z"},
                                                                           {kCommitA, "2026-12-02T07:00:00Z"}})
    ASSERT_EQ(run({"history", "append", root + "/h", root + "/run", "--commit", c, "--date", d}).code, 0);
  const auto r = run({"history", "list", root + "/h"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string expected = "2026-12-02T07:00:00Z  " + kCommitA + "  -  core\n" + "2026-12-02T07:00:00Z  " +
                               kCommitB + "  -  core\n" + "2026-12-02T08:00:00Z  " + kCommitA + "  -  core\n" +
                               "2026-12-02T09:00:00Z  " + kCommitB + "  -  core\n";
  EXPECT_EQ(r.out, expected);
}

TEST(HistoryRead, BadRunFileIsNamedAndSkippable) {
  const std::string h = make_history("bad", 12, {});
  const std::string victim = h + "/" + RunKey{*parse_iso8601(synthetic_date(4)), synthetic_commit(4)}.folder_name() +
                             "/synthetic.json";
  ASSERT_TRUE(fs::exists(victim));
  write_file_atomic(victim, "{\"benchmarks\": [}");
  fs::create_directories(h + "/not-a-run");
  const auto strict = run({"history", "list", h});
  EXPECT_EQ(strict.code, 2);
  EXPECT_NE(strict.err.find(victim), std::string::npos) << strict.err;
  EXPECT_NE(strict.err.find("not-a-run"), std::string::npos) << strict.err;
  const auto lenient = run({"history", "list", h, "--skip-bad"});
  EXPECT_EQ(lenient.code, 0) << lenient.err;
  EXPECT_EQ(count(lenient.out, "\n"), 11u);
  EXPECT_NE(lenient.err.find(victim), std::string::npos);
  EXPECT_EQ(run({"history", "list", h + "/missing"}).code, 2);
}

TEST(HistoryRead, InstructionsWhenPresentElseRealTime) {
  const std::string h = make_history("metric", 3, {});
  const History hist = read_history(h, {});
  ASSERT_EQ(hist.runs.size(), 3u);
  ASSERT_EQ(hist.series.size(), 3u);
  EXPECT_EQ(hist.runs[0].key.commit, synthetic_commit(0));  // the full commit, from the context
  EXPECT_EQ(hist.runs[0].branch, "main");
  EXPECT_EQ(hist.series[0].benchmark, "BM_History_0");
  EXPECT_EQ(hist.series[0].metric, "instructions");
  EXPECT_EQ(hist.series[1].metric, "real_time");
  EXPECT_EQ(hist.series[1].unit, "ns");
  for (const SeriesPoint& p : hist.series[1].points) {
    EXPECT_EQ(p.repetitions, 3u);
    EXPECT_LE(p.low, p.value);
    EXPECT_GE(p.high, p.value);
  }
}

TEST(HistoryChangesCli, RegressionExitsOneWithTheCommitRange) {
  // Benchmark 2 (times, 1% noise) is 10% slower from run 25 on.
  const std::string h = make_history("changes", 40, {{2, 25, 0.10}});
  const std::string out = ::testing::TempDir() + "history_changes.json";
  const auto r = run({"history", "changes", h, "--json", out, "--markdown", "-"});
  ASSERT_EQ(r.code, 1) << r.out << r.err;
  const auto j = nlohmann::json::parse(read_text_file(out));
  ASSERT_EQ(j["change_points"].size(), 1u) << j.dump(2);
  const auto& cp = j["change_points"][0];
  EXPECT_EQ(cp["benchmark"], "BM_History_2");
  EXPECT_EQ(cp["direction"], "regression");
  EXPECT_LE(std::abs(cp["run_index"].get<int>() - 25), 2);
  const int at = cp["run_index"].get<int>();
  EXPECT_EQ(cp["commit_after"], synthetic_commit(static_cast<std::size_t>(at)));
  EXPECT_EQ(cp["commit_before"], synthetic_commit(static_cast<std::size_t>(at - 1)));
  EXPECT_NEAR(cp["step"].get<double>(), 0.10, 0.02);
  EXPECT_NE(r.out.find("BM_History_2"), std::string::npos);  // the Markdown on standard output
  // Above the threshold: left out, and the exit code says so.
  EXPECT_EQ(run({"history", "changes", h, "--min-step", "20"}).code, 0);
}

// A NaN alpha or step would pass a plain range check and could leave a
// regression unreported: refused, as are counts a run cannot use.
TEST(HistoryChangesCli, ANonFiniteOrOutOfRangeSettingIsExit2) {
  const std::string h = make_history("settings", 40, {{2, 25, 0.10}});
  for (const auto& [flag, value] : {std::pair{"--alpha", "nan"}, std::pair{"--min-step", "inf"},
                                    std::pair{"--min-step", "-nan"}, std::pair{"--permutations", "1e20"},
                                    std::pair{"--min-segment", "1"}}) {
    const auto r = run({"history", "changes", h, flag, value});
    EXPECT_EQ(r.code, 2) << flag << " " << value << r.out;
    EXPECT_NE(r.err.find(std::string(flag) + ": "), std::string::npos) << r.err;
  }
}

TEST(HistoryChangesCli, ImprovementOrNothingExitsZero) {
  const std::string flat = make_history("flat", 30, {});
  const auto none = run({"history", "changes", flat});
  EXPECT_EQ(none.code, 0) << none.out;
  EXPECT_NE(none.out.find("0 change point(s)"), std::string::npos) << none.out;
  const std::string better = make_history("better", 30, {{1, 15, -0.10}});
  const auto r = run({"history", "changes", better});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("improved"), std::string::npos) << r.out;
  EXPECT_EQ(run({"history", "changes", flat, "--alpha", "2"}).code, 2);
  EXPECT_EQ(run({"history", "bogus", flat}).code, 2);
}

TEST(HistoryPage, ChartsChangePointsAndSloTarget) {
  const std::string h = make_history("page", 30, {{0, 12, 0.02}, {2, 20, 0.10}});
  const std::string page = ::testing::TempDir() + "history_page.html";
  const std::string slo = ::testing::TempDir() + "history_slo.json";
  write_file_atomic(slo, R"({"schema_version": 1, "slos": [{"id": "synthetic.two", "description": "d",
    "benchmark": "BM_History_2", "counter": "real_time", "comparison": "<", "target": 5000, "unit": "ns",
    "source": "test", "measured_in_process": true, "samples_counter": "samples", "min_samples": 1}]})");
  const auto r = run({"history", "page", h, "--html", page});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string html = read_text_file(page);
  EXPECT_EQ(count(html, "<svg class=\"chart\""), 3u);
  EXPECT_EQ(count(html, "<line class=\"changepoint"), 2u);
  EXPECT_NE(html.find("id=\"changepoints\">2<"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);  // nothing fetched
  EXPECT_NE(html.find(synthetic_commit(0).substr(0, 7)), std::string::npos);

  const auto with_slo = run({"history", "page", h, "--html", page, "--slo", slo});
  ASSERT_EQ(with_slo.code, 0) << with_slo.err;
  const std::string html2 = read_text_file(page);
  EXPECT_EQ(count(html2, "<svg class=\"chart\""), 4u);
  EXPECT_EQ(count(html2, "class=\"slo-target\""), 1u);
  EXPECT_NE(html2.find("synthetic.two"), std::string::npos);
}

TEST(HistoryPage, InputTextIsEscaped) {
  const std::string root = fresh_dir("hostile");
  fs::create_directories(root + "/run");
  GbenchFile g = synthetic_history_run({}, 0);
  for (Row& row : g.rows) row.name = row.run_name = "BM_<script>alert('x')</script>&\"";
  g.rows.resize(3);
  write_file_atomic(root + "/run/s.json", write_gbench_json(g));
  ASSERT_EQ(run({"history", "append", root + "/h", root + "/run", "--commit", kCommitA, "--date",
                 "2026-12-02T07:00:00Z", "--branch", "<b>x</b>"})
                .code,
            0);
  const auto r = run({"history", "page", root + "/h", "--html", "-"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find("<script"), std::string::npos);
  EXPECT_EQ(r.out.find("<b>x"), std::string::npos);
  EXPECT_NE(r.out.find("BM_&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"), std::string::npos);
  EXPECT_NE(r.out.find("&lt;b&gt;x&lt;/b&gt;"), std::string::npos);
}

TEST(HtmlText, EscapesMarkupAndControls) {
  EXPECT_EQ(html_text("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
  EXPECT_EQ(html_text("x\ny\x1b"), "x\\ny\\x1b");
}

}  // namespace
}  // namespace lukhas::compare
