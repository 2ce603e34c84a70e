// bench-compare gate: the exit-code combination rule, the comment's byte
// budget, and the command end to end on the fixture pairs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "compare/exit_codes.hpp"
#include "compare/gate.hpp"
#include "compare/markdown_budget.hpp"
#include "test_util.hpp"

namespace lukhas::compare {
namespace {

using testing::fixture;
using testing::run;

// ---- the combination rule ------------------------------------------------

SectionResult section(SectionRole role, int code) {
  SectionResult s;
  s.spec.name = "s";
  s.spec.role = role;
  s.code = code;
  if (code == 77) s.spec.skipped = "not applicable";
  return s;
}

TEST(GateExitCodes, EachRoleCountsWhatTheTableSays) {
  struct Row {
    SectionRole role;
    int code, counted;
  };
  const Row table[] = {
      {SectionRole::gate, 0, 0},   {SectionRole::gate, 1, 1},   {SectionRole::gate, 2, 2},
      {SectionRole::gate, 3, 3},   {SectionRole::gate, 77, 0},  {SectionRole::report, 0, 0},
      {SectionRole::report, 1, 0}, {SectionRole::report, 2, 2}, {SectionRole::report, 3, 3},
      {SectionRole::report, 77, 0}, {SectionRole::inform, 1, 0}, {SectionRole::inform, 2, 0},
      {SectionRole::inform, 3, 0},
  };
  for (const auto& r : table)
    EXPECT_EQ(counted_code(r.role, r.code), r.counted) << to_string(r.role) << " " << r.code;
}

TEST(GateExitCodes, TheRunTakesTheMostSevereCountedCode) {
  struct Case {
    std::vector<std::pair<SectionRole, int>> sections;
    int want;
  };
  const auto G = SectionRole::gate, R = SectionRole::report, I = SectionRole::inform;
  const Case cases[] = {
      {{}, 0},
      {{{G, 0}, {G, 0}}, 0},
      {{{G, 0}, {G, 1}}, 1},
      {{{G, 1}, {G, 2}}, 2},          // could not decide outranks a regression
      {{{G, 2}, {G, 1}}, 2},          // whatever the order
      {{{G, 3}, {G, 1}}, 1},          // an output failure never hides a regression
      {{{G, 0}, {G, 3}}, 3},
      {{{G, 0}, {G, 77}}, 0},         // a skipped section never counts
      {{{R, 1}, {G, 0}}, 0},          // a report section's regression does not fail
      {{{R, 2}, {G, 0}}, 2},          // but its missing input does
      {{{I, 2}, {I, 1}, {G, 0}}, 0},  // an inform section never counts
      {{{G, 9}}, 2},                  // an unknown code (a crash) is "could not decide"
  };
  for (const auto& c : cases) {
    std::vector<SectionResult> s;
    for (const auto& [role, code] : c.sections) s.push_back(section(role, code));
    EXPECT_EQ(combine(s), c.want) << "case with " << c.sections.size() << " sections";
  }
}

TEST(GateExitCodes, WorseExitOrdersTheSharedTable) {
  EXPECT_EQ(worse_exit(0, 77), 77);
  EXPECT_EQ(worse_exit(77, 3), 3);
  EXPECT_EQ(worse_exit(3, 1), 1);
  EXPECT_EQ(worse_exit(1, 2), 2);
  EXPECT_EQ(worse_exit(134, 0), 2);
}

// ---- the byte budget -----------------------------------------------------

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    i += n;
  }
  return true;
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

// A comment like the gate's: a heading, a table of rows with multi-byte
// characters inside an open <details>.
std::string long_comment(std::size_t rows) {
  std::string t = "## Performance: no regression\n\n<details><summary>All results</summary>\n\n"
                  "| verdict | benchmark | change |\n|---|---|---:|\n";
  for (std::size_t i = 0; i < rows; ++i) t += "| unchanged | `BM_Größe/" + std::to_string(i) + "` | +0.1% – ✅ |\n";
  return t + "\n</details>\n";
}

TEST(MarkdownBudget, TextWithinTheBudgetIsUnchanged) {
  const std::string t = long_comment(3);
  const auto f = fit_markdown(t, t.size(), "the artifact");
  EXPECT_EQ(f.text, t);
  EXPECT_EQ(f.bytes_cut, 0u);
}

TEST(MarkdownBudget, CutsOnARowBoundaryClosesDetailsAndSaysHowMuch) {
  const std::string t = long_comment(500);
  for (std::size_t budget : {1000u, 1001u, 1002u, 1003u, 4096u, 10000u}) {
    const auto f = fit_markdown(t, budget, "the perf-report artifact");
    SCOPED_TRACE(budget);
    EXPECT_LE(f.text.size(), budget);
    EXPECT_GT(f.bytes_cut, 0u);
    EXPECT_TRUE(valid_utf8(f.text));
    // Every table row that is kept is a whole row of the original.
    std::istringstream lines(f.text);
    std::size_t rows = 0;
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("| unchanged", 0) != 0) continue;
      ++rows;
      EXPECT_NE(t.find(line + "\n"), std::string::npos) << "a cut row: " << line;
    }
    EXPECT_GT(rows, 0u);
    EXPECT_EQ(count(f.text, "<details>"), count(f.text, "</details>"));
    // The table ends (blank line) before the closing tag.
    EXPECT_NE(f.text.find("|\n\n\n</details>"), std::string::npos);
    EXPECT_NE(f.text.find(std::to_string(f.bytes_cut) + " bytes in " + std::to_string(f.lines_cut) + " lines not shown"),
              std::string::npos);
    EXPECT_NE(f.text.find("the perf-report artifact"), std::string::npos);
    // What was kept plus what was cut is the original.
    EXPECT_EQ(f.text.substr(0, t.size() - f.bytes_cut), t.substr(0, t.size() - f.bytes_cut));
  }
}

TEST(MarkdownBudget, AnOpenCodeFenceIsClosedAndTagsInsideItAreText) {
  std::string t = "### Summary\n\n```\n";
  for (int i = 0; i < 200; ++i) t += "BM_X/" + std::to_string(i) + " <details> 12.5 µs\n";
  t += "```\n";
  const auto f = fit_markdown(t, 800, "the job log");
  EXPECT_LE(f.text.size(), 800u);
  EXPECT_EQ(count(f.text, "```") % 2, 0u);
  EXPECT_EQ(count(f.text, "</details>"), 0u);  // the tags were inside the block
  EXPECT_TRUE(valid_utf8(f.text));
}

TEST(MarkdownBudget, NestedDetailsAreAllClosed) {
  std::string t = "<details><summary>a</summary>\n\n<details><summary>b</summary>\n\n";
  for (int i = 0; i < 100; ++i) t += "line " + std::to_string(i) + " ü\n";
  t += "</details>\n</details>\n";
  const auto f = fit_markdown(t, 600, "x");
  EXPECT_LE(f.text.size(), 600u);
  EXPECT_EQ(count(f.text, "</details>"), 2u);
}

// ---- the command ---------------------------------------------------------

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name) : path(std::filesystem::temp_directory_path() / ("lukhas-gate-" + name)) {
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

TEST(GateCli, ARegressionInAGateSectionFailsAndInAReportSectionDoesNot) {
  TempDir d("roles");
  const auto gate = run({"gate", "--out", d.path.string(), "--comment", d / "comment.md", "--exit-code-file",
                         d / "exit-code", "--json", d / "gate.json", "--junit", d / "gate.junit.xml",
                         "--section", "time", "--heading", "Time A/B", "--baseline", fixture("regression/baseline.json"),
                         "--contender", fixture("regression/contender.json"),
                         "--section", "drift", "--role", "inform", "--baseline", fixture("identical/baseline.json"),
                         "--contender", fixture("identical/contender.json")});
  EXPECT_EQ(gate.code, 1) << gate.err;
  EXPECT_EQ(slurp(d / "exit-code"), "1\n");
  const std::string md = slurp(d / "comment.md");
  EXPECT_NE(md.find("## Performance: **regression"), std::string::npos) << md;
  EXPECT_NE(md.find("- Time A/B: **regression"), std::string::npos);
  EXPECT_NE(md.find("<details><summary>drift (never fails this check)</summary>"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(d / "time.json"));
  EXPECT_TRUE(std::filesystem::exists(d / "drift.junit.xml"));
  EXPECT_NE(slurp(d / "gate.junit.xml").find("failures=\"1\""), std::string::npos);
  EXPECT_NE(gate.out.find("gate: exit 1"), std::string::npos);

  const auto report = run({"gate", "--section", "time", "--role", "report", "--baseline",
                           fixture("regression/baseline.json"), "--contender", fixture("regression/contender.json")});
  EXPECT_EQ(report.code, 0) << report.out;
}

TEST(GateCli, MissingResultsAreUndecidedNamingTheSuiteAndSkippedSectionsDoNotCount) {
  TempDir d("missing");
  const auto r = run({"gate", "--comment", d / "comment.md", "--section", "time", "--baseline",
                      fixture("identical/baseline.json"), "--contender", fixture("identical/contender.json"), "--expect",
                      "contender,identity", "--section", "wall", "--skipped", "no time baselines for this machine",
                      "--baseline", "x"});
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  const std::string md = slurp(d / "comment.md");
  EXPECT_NE(md.find(":x: time: identity: no results"), std::string::npos) << md;
  EXPECT_NE(md.find("- wall: not run: no time baselines"), std::string::npos) << md;

  const auto skipped_only = run({"gate", "--section", "time", "--baseline", fixture("identical/baseline.json"),
                                 "--contender", fixture("identical/contender.json"), "--section", "wall", "--skipped",
                                 "no baselines"});
  EXPECT_EQ(skipped_only.code, 0) << skipped_only.out;
}

TEST(GateCli, PairsEachContenderFileWithItsTemplatedBaseline) {
  TempDir d("pair");
  std::filesystem::create_directories(d.path / "run");
  std::filesystem::create_directories(d.path / "baselines");
  std::filesystem::copy_file(fixture("regression/contender.json"), d / "run/memory.json");
  std::filesystem::copy_file(fixture("regression/baseline.json"), d / "baselines/instructions-memory.json");
  std::filesystem::copy_file(fixture("identical/contender.json"), d / "run/identity.json");
  const auto r = run({"gate", "--section", "gate-instructions", "--contender", d / "run", "--pair",
                      d / "baselines/instructions-{}.json"});
  // memory regressed; identity has no baseline: could not decide.
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("no baseline " + d / "baselines/instructions-identity.json"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("regressed"), std::string::npos);
}

TEST(GateCli, ASummarySectionGatesOnTheSloCatalogAndCanRequireACheck) {
  const auto r = run({"gate", "--section", "summary", "--summary", "--contender", fixture("identical/contender.json"),
                      "--slo", LUKHAS_SLO_CATALOG_PATH, "--require-slo"});
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("no SLO of the catalog was checked"), std::string::npos) << r.out;
}

TEST(GateCli, TheCommentStaysWithinTheBudgetOnALargeReport) {
  TempDir d("budget");
  ASSERT_EQ(run({"generate", "--benchmarks", "400", "--repetitions", "5", "--out", d / "a.json"}).code, 0);
  ASSERT_EQ(run({"generate", "--benchmarks", "400", "--repetitions", "5", "--seed", "2", "--shift", "0.2", "--out",
                 d / "b.json"}).code, 0);
  const auto r = run({"gate", "--comment", d / "comment.md", "--budget", "6000", "--section", "time", "--baseline",
                      d / "a.json", "--contender", d / "b.json", "--section", "again", "--role", "inform", "--baseline",
                      d / "a.json", "--contender", d / "b.json"});
  EXPECT_EQ(r.code, 1);
  const std::string md = slurp(d / "comment.md");
  EXPECT_LE(md.size(), 6000u);
  EXPECT_TRUE(valid_utf8(md));
  EXPECT_EQ(count(md, "<details>"), count(md, "</details>"));
  EXPECT_NE(md.find("not shown"), std::string::npos);
}

TEST(GateCli, AReportOverAnInputOrAnotherReportIsRefusedBeforeAnythingIsWritten) {
  TempDir d("paths");
  std::filesystem::copy_file(fixture("regression/contender.json"), d / "contender.json");
  const std::string before = slurp(d / "contender.json");
  const auto over_input = run({"gate", "--json", d / "contender.json", "--section", "time", "--baseline",
                               fixture("regression/baseline.json"), "--contender", d / "contender.json"});
  EXPECT_EQ(over_input.code, 2) << over_input.out << over_input.err;
  EXPECT_EQ(slurp(d / "contender.json"), before);
  const auto twice = run({"gate", "--comment", d / "same", "--json", d / "same", "--section", "time", "--baseline",
                          fixture("regression/baseline.json"), "--contender", fixture("regression/contender.json")});
  EXPECT_EQ(twice.code, 2) << twice.out << twice.err;
  EXPECT_FALSE(std::filesystem::exists(d / "same"));
  // A section's own report in --out over an input of that section.
  const auto section_file = run({"gate", "--out", d.path.string(), "--section", "contender", "--baseline",
                                 fixture("regression/baseline.json"), "--contender", d / "contender.json"});
  EXPECT_EQ(section_file.code, 2) << section_file.out << section_file.err;
  EXPECT_EQ(slurp(d / "contender.json"), before);
}

TEST(GateCli, TheInstructionThresholdIsTheSectionsOwn) {
  const std::vector<std::string> section{"--section", "instructions", "--baseline", fixture("instructions/baseline.json"),
                                         "--contender", fixture("instructions/contender.json")};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{"gate"};
    args.insert(args.end(), section.begin(), section.end());
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  };
  EXPECT_EQ(with({}).code, 1);  // +2.0% instructions against the 1% default
  EXPECT_EQ(with({"--instructions-threshold", "5"}).code, 0);
  EXPECT_EQ(with({"--threshold", "5"}).code, 1);  // the time threshold does not move it
  EXPECT_EQ(with({"--instructions-threshold", "-1"}).code, 2);
}

TEST(GateCli, BadArgumentsAreUsageErrors) {
  EXPECT_EQ(run({"gate"}).code, 2);
  EXPECT_EQ(run({"gate", "--heading", "x"}).code, 2);
  EXPECT_EQ(run({"gate", "--section", "a", "--role", "maybe", "--baseline", "x", "--contender", "y"}).code, 2);
  EXPECT_EQ(run({"gate", "--section", "../a", "--baseline", "x"}).code, 2);
  const auto no_baseline = run({"gate", "--section", "a", "--contender", fixture("identical/contender.json")});
  EXPECT_EQ(no_baseline.code, 2);
  EXPECT_NE(no_baseline.out.find("no baseline to compare with"), std::string::npos) << no_baseline.out;
  const auto help = run({"gate", "--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("--pair TEMPLATE"), std::string::npos);
}

}  // namespace
}  // namespace lukhas::compare
