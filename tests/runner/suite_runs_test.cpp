// A suite's argument lists and its time-mode run (runner/suite_runs.hpp).
// The runs use stand-in suite binaries (shell scripts): what is tested is the
// runner's handling of their exit codes and files, not the benchmarks.
#include "runner/suite_runs.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>

#include "test_util.hpp"

namespace lukhas::runner {
namespace {

namespace fs = std::filesystem;
using Args = std::vector<std::string>;

TEST(FormatSeconds, AsGoogleBenchmarkReadsIt) {
  EXPECT_EQ(format_seconds(0.05), "0.05");
  EXPECT_EQ(format_seconds(1e-6), "0.000001");
  EXPECT_EQ(format_seconds(0.5), "0.5");
  EXPECT_EQ(format_seconds(2), "2");
  EXPECT_EQ(format_seconds(10), "10");  // trailing zeros before the point stay
  EXPECT_EQ(format_seconds(100.25), "100.25");
  EXPECT_EQ(format_seconds(0.123456789), "0.123457");
}

TEST(TimeArguments, DefaultsInOrder) {
  TimeOptions o;  // 9 repetitions, 0.05 s, interleaved, no latency calls
  EXPECT_EQ(time_arguments(o, "/r/memory.json"),
            (Args{"--lukhas_mode=time", "--benchmark_repetitions=9", "--benchmark_enable_random_interleaving=true",
                  "--benchmark_min_time=0.05", "--benchmark_out=/r/memory.json", "--benchmark_out_format=json"}));
}

TEST(TimeArguments, EveryOptionInOrder) {
  TimeOptions o;
  o.repetitions = 3;
  o.min_time = 0.25;
  o.latency_calls = 2000;
  o.filter = "BM_Create";
  o.contexts = {"git_revision=abc", "ab_side=A"};
  o.interleave = false;
  EXPECT_EQ(time_arguments(o, "out.json"),
            (Args{"--lukhas_mode=time", "--benchmark_repetitions=3", "--benchmark_min_time=0.25",
                  "--benchmark_out=out.json", "--benchmark_out_format=json", "--lukhas_latency_iterations=2000",
                  "--benchmark_filter=BM_Create", "--benchmark_context=git_revision=abc",
                  "--benchmark_context=ab_side=A"}));
}

// The instruction argv is part of the pinned environment (its strings place
// the stack, which moves some counts): the committed baselines were recorded
// with exactly these arguments in this order.
TEST(InstructionArguments, DefaultsExactlyInOrder) {
  InstructionOptions o;
  EXPECT_EQ(instruction_arguments(o),
            (Args{"--lukhas_mode=instructions", "--benchmark_out=raw.json", "--benchmark_out_format=json",
                  "--lukhas_iterations=50", "--benchmark_filter=-(/threads:([2-9]|[1-9][0-9]+)$|_Pause/)"}));
}

TEST(InstructionArguments, AGivenFilterReplacesTheDefault) {
  InstructionOptions o;
  o.iterations = 7;
  o.filter = "BM_Fold";
  o.emulate = "-AVX2";  // the environment's business, not the argv's
  o.context = {"k=v"};
  EXPECT_EQ(instruction_arguments(o),
            (Args{"--lukhas_mode=instructions", "--benchmark_out=raw.json", "--benchmark_out_format=json",
                  "--lukhas_iterations=7", "--benchmark_filter=BM_Fold"}));
}

TEST(InstructionArguments, TheDefaultFilterLeavesOutOnlyMultiThreadedBenchmarks) {
  const std::string arg = instruction_arguments(InstructionOptions{}).back();
  const std::string prefix = "--benchmark_filter=-";  // '-': a negative filter
  ASSERT_TRUE(arg.starts_with(prefix)) << arg;
  const std::regex excluded(arg.substr(prefix.size()));
  for (const char* name : {"BM_Create/threads:2", "BM_Create/real_time/threads:8", "BM_X/threads:10",
                           "BM_X/threads:64", "BM_X/threads:100"}) {
    EXPECT_TRUE(std::regex_search(std::string(name), excluded)) << name << " should be left out";
  }
  for (const char* name : {"BM_Create", "BM_Create/threads:1", "BM_Create/1024", "BM_X/threads:1/real_time",
                           "BM_X/threads:0", "BM_threads:2_Latency/16"}) {
    EXPECT_FALSE(std::regex_search(std::string(name), excluded)) << name << " should run";
  }
}

// --- run_time with stand-in suite binaries ---------------------------------

// A suite that writes its argv (one per line) into --benchmark_out, prints a
// line to each stream and exits with `code`.
void write_suite(const fs::path& p, int code) {
  test::write_script(p,
                     "for a in \"$@\"; do\n"
                     "  case \"$a\" in --benchmark_out=*) out=\"${a#--benchmark_out=}\" ;; esac\n"
                     "done\n"
                     "for a in \"$@\"; do echo \"$a\"; done > \"$out\"\n"
                     "echo 'to stdout'\n"
                     "echo 'last words' >&2\n"
                     "exit " + std::to_string(code) + "\n");
}

Suite suite_named(const std::string& name) {
  Suite s;
  s.name = name;
  return s;
}

TEST(RunTime, ASuccessfulRunLeavesItsJsonAndItsConsoleLog) {
  test::TempDir dir;
  write_suite(dir / "bench_x", 0);
  TimeOptions o;
  o.repetitions = 4;
  o.latency_calls = 7;
  const fs::path out = dir / "results/x.json";  // the folder does not exist yet
  const RunOutcome r = run_time(suite_named("x"), dir / "bench_x", o, out, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.summary;
  EXPECT_EQ(r.json, out);
  EXPECT_EQ(r.log, dir / "results/x.log");
  const std::string argv = test::read_file(out);
  EXPECT_NE(argv.find("--benchmark_repetitions=4\n"), std::string::npos) << argv;
  EXPECT_NE(argv.find("--lukhas_latency_iterations=7\n"), std::string::npos) << argv;
  EXPECT_EQ(test::read_file(r.log), "to stdout\nlast words\n");  // both streams, in order
  EXPECT_NE(r.summary.find(out.string()), std::string::npos) << r.summary;
}

TEST(RunTime, AFailedRowKeepsTheJson) {
  test::TempDir dir;
  write_suite(dir / "bench_x", 1);
  const RunOutcome r = run_time(suite_named("x"), dir / "bench_x", TimeOptions{}, dir / "x.json", dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(fs::exists(dir / "x.json"));
  EXPECT_NE(r.summary.find("FAILED with exit code 1"), std::string::npos) << r.summary;
}

TEST(RunTime, ASkippedOrBrokenRunLeavesNoJson) {
  for (int code : {77, 2, 134}) {
    test::TempDir dir;
    write_suite(dir / "bench_x", code);
    const RunOutcome r = run_time(suite_named("x"), dir / "bench_x", TimeOptions{}, dir / "x.json", dir.path());
    EXPECT_EQ(r.exit_code, code);
    EXPECT_FALSE(fs::exists(dir / "x.json")) << code;
    EXPECT_TRUE(fs::exists(dir / "x.log")) << code;
    if (code == 77) {
      EXPECT_NE(r.summary.find("skipped: last words"), std::string::npos) << r.summary;
    } else {
      EXPECT_NE(r.summary.find("FAILED with exit code " + std::to_string(code)), std::string::npos) << r.summary;
    }
  }
}

TEST(RunTime, APreviousRunsJsonIsNotLeftBehind) {
  test::TempDir dir;
  test::write_file(dir / "x.json", "stale");
  test::write_script(dir / "bench_x", "exit 77\n");  // writes nothing
  run_time(suite_named("x"), dir / "bench_x", TimeOptions{}, dir / "x.json", dir.path());
  EXPECT_FALSE(fs::exists(dir / "x.json"));
}

TEST(RunTime, AMissingBinaryIsExit2NamingIt) {
  test::TempDir dir;
  const RunOutcome r = run_time(suite_named("x"), dir / "bench_x", TimeOptions{}, dir / "x.json", dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.summary.find((dir / "bench_x").string()), std::string::npos) << r.summary;
  EXPECT_NE(r.summary.find("missing"), std::string::npos) << r.summary;
}

TEST(RunInstructions, ASuiteWithoutInstructionModeIsSkippedWithoutRunning) {
  test::TempDir dir;
  Suite s = suite_named("schema");
  s.instructions = false;
  const RunOutcome r = run_instructions(s, dir / "never_run", InstructionOptions{}, dir / "out");
  EXPECT_EQ(r.exit_code, 77);
  EXPECT_NE(r.summary.find("no instruction mode"), std::string::npos) << r.summary;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(RunInstructions, AMissingBinaryIsExit2AndClearsThePreviousResult) {
  test::TempDir dir;
  test::write_file(dir / "out/x.json", "stale");
  test::write_file(dir / "out/x.raw/cg.out.1", "stale");
  Suite s = suite_named("x");
  s.instructions = true;
  const RunOutcome r = run_instructions(s, dir / "bench_x", InstructionOptions{}, dir / "out");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.summary.find((dir / "bench_x").string()), std::string::npos) << r.summary;
  EXPECT_FALSE(fs::exists(dir / "out/x.json"));
  EXPECT_FALSE(fs::exists(dir / "out/x.raw/cg.out.1"));
}

TEST(HasLatencyFlag, ReadsTheSuitesHelp) {
  test::TempDir dir;
  test::write_script(dir / "new", "echo '  --lukhas_latency_iterations=N  calls per repetition'\n");
  test::write_script(dir / "old", "echo '  --lukhas_mode=time'\n");
  test::write_script(dir / "broken", "echo '--lukhas_latency_iterations'; exit 1\n");
  EXPECT_TRUE(has_latency_flag(dir / "new"));
  EXPECT_FALSE(has_latency_flag(dir / "old"));
  EXPECT_FALSE(has_latency_flag(dir / "broken"));
  EXPECT_FALSE(has_latency_flag(dir / "absent"));
}

TEST(PostgresGivenByEnvironment, LukhasPgDsnOrPghostNonEmpty) {
  const char* saved_dsn = std::getenv("LUKHAS_PG_DSN");
  const char* saved_host = std::getenv("PGHOST");
  const std::string dsn = saved_dsn ? saved_dsn : "", host = saved_host ? saved_host : "";
  ::unsetenv("LUKHAS_PG_DSN");
  ::unsetenv("PGHOST");
  EXPECT_FALSE(postgres_given_by_environment());
  ::setenv("PGHOST", "", 1);
  EXPECT_FALSE(postgres_given_by_environment());
  ::setenv("PGHOST", "/run/postgresql", 1);
  EXPECT_TRUE(postgres_given_by_environment());
  ::unsetenv("PGHOST");
  ::setenv("LUKHAS_PG_DSN", "host=x", 1);
  EXPECT_TRUE(postgres_given_by_environment());
  ::unsetenv("LUKHAS_PG_DSN");
  if (saved_dsn) ::setenv("LUKHAS_PG_DSN", dsn.c_str(), 1);
  if (saved_host) ::setenv("PGHOST", host.c_str(), 1);
}

}  // namespace
}  // namespace lukhas::runner
