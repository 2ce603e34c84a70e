// bench-run end to end on handwritten manifests: the suite listing, the
// refusals and their exit code 2, and time mode wiring the manifest's
// settings into stand-in suite binaries (shell scripts, no benchmarks).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "runner/process.hpp"
#include "test_util.hpp"

namespace lukhas::runner {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Result {
  int code;
  std::string out, err;
};

Result bench_run(const test::TempDir& dir, std::vector<std::string> args) {
  Command c;
  c.argv = {LUKHAS_BENCH_RUN_BIN};
  c.argv.insert(c.argv.end(), args.begin(), args.end());
  c.stdout_file = dir / "stdout.txt";
  c.stderr_file = dir / "stderr.txt";
  c.unset = {"GLIBC_TUNABLES"};
  const int code = run(c);
  return {code, test::read_file(dir / "stdout.txt"), test::read_file(dir / "stderr.txt")};
}

// A build tree of two suites; their binaries are scripts that write their
// argv into --benchmark_out.
fs::path make_tree(const test::TempDir& dir) {
  const fs::path tree = dir / "tree";
  const json manifest = {
      {"manifest_version", 1},
      {"source_dir", dir.path().string()},
      {"instruction_iterations", 5},
      {"time_repetitions", 3},
      {"time_min_time", 0.01},
      {"latency_calls", 7},
      {"suites",
       {{{"name", "alpha"}, {"binary", "bench/alpha/bench_alpha"}, {"instructions", true}, {"postgres", false}},
        {{"name", "beta"},
         {"binary", "bench/beta/bench_beta"},
         {"instructions", false},
         {"postgres", false},
         {"slo_calls", 400}}}}};
  test::write_file(tree / "suites.json", manifest.dump(2));
  for (const char* s : {"alpha", "beta"}) {
    test::write_script(tree / "bench" / s / (std::string("bench_") + s),
                       "for a in \"$@\"; do\n"
                       "  case \"$a\" in --benchmark_out=*) out=\"${a#--benchmark_out=}\" ;; esac\n"
                       "done\n"
                       "for a in \"$@\"; do echo \"$a\"; done > \"$out\"\n");
  }
  return tree;
}

TEST(BenchRunCli, SuitesListsEverySuiteWithItsFacts) {
  test::TempDir dir;
  const fs::path tree = make_tree(dir);
  const Result r = bench_run(dir, {"suites", "--build", tree.string()});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "alpha instructions=yes postgres=no binary=" + (tree / "bench/alpha/bench_alpha").string() +
                       "\n"
                       "beta instructions=no postgres=no binary=" +
                       (tree / "bench/beta/bench_beta").string() + "\n");
}

TEST(BenchRunCli, BuildIsTakenBeforeTheSubcommandToo) {
  test::TempDir dir;
  const fs::path tree = make_tree(dir);
  const Result r = bench_run(dir, {"--build", tree.string(), "suites"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("alpha instructions=yes")) << r.out;
}

TEST(BenchRunCli, ATreeWithoutAManifestIsExit2NamingSuitesJson) {
  test::TempDir dir;
  fs::create_directories(dir / "empty");
  const Result r = bench_run(dir, {"time", "--build", (dir / "empty").string(), "--out", (dir / "x").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find((dir / "empty/suites.json").string()), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "x"));
}

TEST(BenchRunCli, ABrokenManifestIsExit2NamingTheField) {
  test::TempDir dir;
  test::write_file(dir / "tree/suites.json", R"({"manifest_version": 1})");
  const Result r = bench_run(dir, {"suites", "--build", (dir / "tree").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("suites.json: missing \"source_dir\""), std::string::npos) << r.err;
}

TEST(BenchRunCli, ABadFlagIsExit2) {
  test::TempDir dir;
  const fs::path tree = make_tree(dir);
  EXPECT_EQ(bench_run(dir, {"suites", "--build", tree.string(), "--no-such-flag"}).code, 2);
  EXPECT_EQ(bench_run(dir, {"no-such-command", "--build", tree.string()}).code, 2);
  EXPECT_EQ(bench_run(dir, {"--build", tree.string()}).code, 2);  // no subcommand
  EXPECT_EQ(bench_run(dir, {"time", "--build", tree.string()}).code, 2);  // --out is required
  EXPECT_EQ(bench_run(dir, {"time", "--build", tree.string(), "--out", "x", "--repetitions", "0"}).code, 2);
}

TEST(BenchRunCli, AnUnknownSuiteIsExit2ListingTheKnownOnes) {
  test::TempDir dir;
  const fs::path tree = make_tree(dir);
  const Result r = bench_run(dir, {"time", "--build", tree.string(), "--out", (dir / "x").string(),
                                   "--suites", "alpha,gamma"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown suite 'gamma' (this build has: alpha, beta)"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "x/alpha.json"));  // nothing ran before the refusal
}

TEST(BenchRunCli, ABadEmulatedCpuMaskIsExit2) {
  test::TempDir dir;
  const fs::path tree = make_tree(dir);
  const Result r = bench_run(dir, {"instructions", "--build", tree.string(), "--out", (dir / "x").string(),
                                   "--emulate-cpu", "-AVX2;rm"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("'-AVX2;rm'"), std::string::npos) << r.err;
}

TEST(BenchRunCli, TimeModeRunsTheListedSuitesWithTheManifestsSettings) {
  test::TempDir dir;
  const fs::path tree = make_tree(dir);
  const fs::path out = dir / "results";
  const Result r = bench_run(dir, {"time", "--build", tree.string(), "--out", out.string(), "--suites", "beta"});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_FALSE(fs::exists(out / "alpha.json"));
  const std::string argv = test::read_file(out / "beta.json");
  EXPECT_EQ(argv,
            "--lukhas_mode=time\n"
            "--benchmark_repetitions=3\n"
            "--benchmark_enable_random_interleaving=true\n"
            "--benchmark_min_time=0.01\n"
            "--benchmark_out=" + (out / "beta.json").string() + "\n"
            "--benchmark_out_format=json\n"
            "--lukhas_latency_iterations=7\n");
}

TEST(BenchRunCli, TimeModeFlagsOverrideTheManifest) {
  test::TempDir dir;
  const fs::path tree = make_tree(dir);
  const fs::path out = dir / "results";
  const Result r = bench_run(dir, {"time", "--build", tree.string(), "--out", out.string(), "--repetitions", "5",
                                   "--min-time", "0.2", "--latency-calls", "11", "--filter", "BM_A",
                                   "--context", "k=v"});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  for (const char* s : {"alpha", "beta"}) {
    const std::string argv = test::read_file(out / (std::string(s) + ".json"));
    for (const char* want : {"--benchmark_repetitions=5\n", "--benchmark_min_time=0.2\n",
                             "--lukhas_latency_iterations=11\n", "--benchmark_filter=BM_A\n",
                             "--benchmark_context=k=v\n"}) {
      EXPECT_NE(argv.find(want), std::string::npos) << s << " lacks " << want << argv;
    }
  }
}

}  // namespace
}  // namespace lukhas::runner
