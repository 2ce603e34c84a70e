// Golden outputs: every committed fixture pair through the CLI, its console
// text (no colour), Markdown and JSON compared byte for byte with the files
// next to the pair. Absolute fixture paths are replaced by $FIXTURES.
//
// Regenerate after an intended change with
//   LUKHAS_UPDATE_GOLDEN=1 ctest --test-dir build/<dir> -R compare.Golden
// and review the diff of fixtures/compare/*/expected.* like any code change.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compare/io.hpp"
#include "tests/compare/fixture_cases.hpp"
#include "tests/compare/test_util.hpp"

namespace lukhas::compare {
namespace {

using testing::fixture;
using testing::kFixtures;

struct GoldenCase {
  std::string name;
  std::string baseline, contender;  // relative to fixtures/compare
  std::vector<std::string> extra;   // more arguments; "@" is replaced by the case folder
  int exit_code;
};

// gtest prints parameters on failure; the name is enough.
void PrintTo(const GoldenCase& g, std::ostream* os) { *os << g.name; }

std::string normalise(std::string s) {
  for (std::size_t p; (p = s.find(kFixtures)) != std::string::npos;) s.replace(p, kFixtures.size(), "$FIXTURES");
  return s;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void check_golden(const std::string& path, const std::string& actual) {
  if (const char* u = std::getenv("LUKHAS_UPDATE_GOLDEN"); u && std::string(u) == "1") {
    write_file_atomic(path, actual);
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " missing; run with LUKHAS_UPDATE_GOLDEN=1";
  EXPECT_EQ(slurp(path), actual) << "golden mismatch: " << path
                                 << " (if intended: LUKHAS_UPDATE_GOLDEN=1, then review the diff)";
}

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, OutputsMatchCommittedFiles) {
  const GoldenCase& g = GetParam();
  const std::string dir = fixture(g.name);
  const std::string tmp = ::testing::TempDir() + "golden_" + g.name;
  std::filesystem::create_directories(tmp);
  std::vector<std::string> args{fixture(g.baseline), fixture(g.contender), "--json", tmp + "/report.json",
                                "--markdown", tmp + "/report.md"};
  for (auto a : g.extra) {
    if (a.rfind("@", 0) == 0) a = dir + a.substr(1);
    args.push_back(a);
  }
  std::filesystem::remove(tmp + "/report.json");
  std::filesystem::remove(tmp + "/report.md");
  const auto r = testing::run(args);
  EXPECT_EQ(r.code, g.exit_code) << r.out << r.err;
  check_golden(dir + "/expected.txt", normalise(r.out + (r.err.empty() ? "" : "[stderr]\n" + r.err)));
  if (g.exit_code != 2) {
    check_golden(dir + "/expected.md", normalise(slurp(tmp + "/report.md")));
    check_golden(dir + "/expected.json", normalise(slurp(tmp + "/report.json")));
  } else {
    EXPECT_FALSE(std::filesystem::exists(tmp + "/report.json"));  // undecided: no report
  }
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, Golden,
    ::testing::Values(
        GoldenCase{"identical", "identical/baseline.json", "identical/contender.json", {}, 0},
        GoldenCase{"regression", "regression/baseline.json", "regression/contender.json", {}, 1},
        GoldenCase{"noise", "noise/baseline.json", "noise/contender.json", {}, 0},
        GoldenCase{"three_reps", "three_reps/baseline.json", "three_reps/contender.json", {}, 1},
        GoldenCase{"removed_new", "removed_new/baseline.json", "removed_new/contender.json", {"--config", "@/config.json"}, 1},
        GoldenCase{"unit_change", "unit_change/baseline.json", "unit_change/contender.json", {}, 0},
        GoldenCase{"aggregates_only", "aggregates_only/baseline.json", "aggregates_only/contender.json", {}, 1},
        GoldenCase{"nan_inf", "nan_inf/baseline.json", "nan_inf/contender.json", {}, 1},
        GoldenCase{"errored", "errored/baseline.json", "errored/contender.json", {}, 1},
        GoldenCase{"counter_higher", "counter_higher/baseline.json", "counter_higher/contender.json",
                   {"--config", "@/config.json"}, 1},
        GoldenCase{"eras", "eras/baseline.json", "eras/contender.json", {}, 0},
        GoldenCase{"shards", "shards/baseline", "shards/contender", {}, 0},
        GoldenCase{"duplicate_shards", "shards/baseline", "duplicate_shards/contender", {}, 2},
        GoldenCase{"instructions", "instructions/baseline.json", "instructions/contender.json", {}, 1},
        GoldenCase{"slo", "slo/baseline.json", "slo/contender.json", {"--slo", "@/catalog.json"}, 1}),
    [](const ::testing::TestParamInfo<GoldenCase>& p) { return p.param.name; });

TEST(GoldenFixtures, CommittedPairsMatchTheirGenerator) {
  // The pairs are generated (tests/compare/fixture_cases.cpp); a hand edit
  // of a fixture, or a generator change without regenerating, fails here.
  const std::string tmp = ::testing::TempDir() + "compare_fixture_regen";
  std::filesystem::remove_all(tmp);
  testing::write_fixture_cases(tmp);
  std::size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(tmp)) {
    if (!e.is_regular_file()) continue;
    const auto rel = std::filesystem::relative(e.path(), tmp).string();
    EXPECT_EQ(slurp(e.path().string()), slurp(fixture(rel))) << rel << " differs from its generator";
    ++files;
  }
  EXPECT_GT(files, 20u);
}

}  // namespace
}  // namespace lukhas::compare
