#include "bench/support/run.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <vector>

#include "bench/support/latency.hpp"
#include "bench/support/registry.hpp"

namespace lukhas::bench {

namespace {

Options& mutable_options() {
  static Options o;
  return o;
}

using Runs = std::vector<benchmark::BenchmarkReporter::Run>;

// --lukhas_latency_iterations fixes the count with Iterations(N), which
// Google Benchmark writes into the name (".../iterations:N"). A benchmark
// keeps one name however its count was chosen: otherwise a fixed-count run
// compared with a time-based baseline (or the other side of an A/B) would
// show every latency benchmark as removed and new.
bool g_strip_fixed_iterations = false;
Runs stable_names(const Runs& runs) {
  Runs out = runs;
  for (auto& r : out) r.run_name.iterations.clear();
  return out;
}

class StableNameJsonReporter : public benchmark::JSONReporter {
 public:
  void ReportRuns(const Runs& runs) override { benchmark::JSONReporter::ReportRuns(stable_names(runs)); }
};

// Console output as usual, plus a count of rows and errors so the exit code
// can say whether the suite worked (the smoke tests rely on it).
class CountingReporter : public benchmark::ConsoleReporter {
 public:
  using benchmark::ConsoleReporter::ConsoleReporter;
  void ReportRuns(const std::vector<Run>& given) override {
    const Runs runs = g_strip_fixed_iterations ? stable_names(given) : given;
    for (const auto& r : runs) {
      ++rows;
      if (r.error_occurred) {
        ++errors;
        std::fprintf(stderr, "error: benchmark %s: %s\n", r.benchmark_name().c_str(),
                     r.error_message.c_str());
      }
    }
    benchmark::ConsoleReporter::ReportRuns(runs);
  }
  std::size_t rows = 0;
  std::size_t errors = 0;
};

std::string compiler() {
#if defined(__clang__)
  return fmt::format("clang {}", __clang_version__);
#elif defined(__GNUC__)
  return fmt::format("gcc {}", __VERSION__);
#else
  return "unknown";
#endif
}

void print_suite_help(const std::string& suite) {
  std::printf(
      "%s benchmark suite (LUKHAS performance and SLO suite)\n\n"
      "Suite flags:\n"
      "  --lukhas_mode=time|instructions  time: Google Benchmark timings (default);\n"
      "                                   instructions: fixed iterations, run under callgrind\n"
      "  --lukhas_seed=N                  data seed (default %llu), recorded in the context\n"
      "  --lukhas_iterations=N            iterations per benchmark in instruction mode (default %lld)\n"
      "  --lukhas_latency_iterations=N    time mode: every *_Latency benchmark times exactly N calls\n"
      "                                   per repetition (default: as many as --benchmark_min_time allows)\n\n"
      "Exit codes: 0 ok, 1 a benchmark errored or none ran, 2 bad flag, 77 skipped (missing dependency)\n\n"
      "Google Benchmark flags follow.\n\n",
      suite.c_str(), static_cast<unsigned long long>(Options{}.seed),
      static_cast<long long>(Options{}.iterations));
}

}  // namespace

const Options& options() { return mutable_options(); }

namespace {
bool g_listing = false;  // --benchmark_list_tests prints names and runs nothing
bool g_json_out = false;  // --benchmark_out given, in JSON (the default format)
}  // namespace

std::optional<int> parse_flags(const std::string& suite, int& argc, char** argv) {
  bool json_format = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") print_suite_help(suite);
    if (a == "--benchmark_list_tests" || a == "--benchmark_list_tests=true") g_listing = true;
    if (a.rfind("--benchmark_out=", 0) == 0) g_json_out = g_json_out || a.size() > 16;
    if (a.rfind("--benchmark_out_format=", 0) == 0 && a != "--benchmark_out_format=json") json_format = false;
  }
  g_json_out = g_json_out && json_format;
  benchmark::Initialize(&argc, argv);  // removes its own flags, exits on --help

  CLI::App app{suite + " benchmark suite"};
  app.set_help_flag();  // --help was handled above
  std::string mode = "time";
  auto& opts = mutable_options();
  app.add_option("--lukhas_mode", mode)->check(CLI::IsMember({"time", "instructions"}));
  app.add_option("--lukhas_seed", opts.seed);
  app.add_option("--lukhas_iterations", opts.iterations)->check(CLI::PositiveNumber);
  app.add_option("--lukhas_latency_iterations", opts.latency_iterations)->check(CLI::PositiveNumber);
  try {
    std::vector<std::string> args;
    for (int i = argc - 1; i >= 1; --i) args.emplace_back(argv[i]);  // CLI11 wants them reversed
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "%s: %s (see --help)\n", suite.c_str(), e.what());
    return kExitUsage;
  }
  opts.mode = mode == "instructions" ? Mode::instructions : Mode::time;
  return std::nullopt;
}

int run(const std::string& suite, int argc, char** argv) {
  if (const auto bad = parse_flags(suite, argc, argv)) return *bad;
  return run_parsed(suite);
}

int run_parsed(const std::string& suite) {
  auto& opts = mutable_options();
  const std::string mode = opts.mode == Mode::instructions ? "instructions" : "time";
  if (opts.mode == Mode::instructions) {
    for (auto* b : registered()) b->Iterations(opts.iterations)->Repetitions(1);
  } else if (opts.latency_iterations > 0) {
    for (auto* b : registered_latency()) b->Iterations(opts.latency_iterations);
  }

  benchmark::AddCustomContext("lukhas_suite", suite);
  benchmark::AddCustomContext("lukhas_mode", mode);
  benchmark::AddCustomContext("lukhas_seed", std::to_string(opts.seed));
  benchmark::AddCustomContext("lukhas_build_type", LUKHAS_BUILD_TYPE);
  benchmark::AddCustomContext("lukhas_compiler", compiler());
  if (opts.mode == Mode::time) {
    benchmark::AddCustomContext("clock_overhead_ns",
                                fmt::format("{:.1f}", measure_clock_overhead_ns()));
  }
  if (opts.mode == Mode::instructions) {
    benchmark::AddCustomContext("lukhas_iterations", std::to_string(opts.iterations));
  } else if (opts.latency_iterations > 0) {
    benchmark::AddCustomContext("lukhas_latency_iterations", std::to_string(opts.latency_iterations));
  }
  std::fprintf(stderr, "%s: mode=%s seed=%llu\n", suite.c_str(), mode.c_str(),
               static_cast<unsigned long long>(opts.seed));

  const bool colour = isatty(STDOUT_FILENO) != 0;
  CountingReporter reporter(colour ? benchmark::ConsoleReporter::OO_ColorTabular
                                   : benchmark::ConsoleReporter::OO_Tabular);
  g_strip_fixed_iterations = opts.mode == Mode::time && opts.latency_iterations > 0;
  StableNameJsonReporter json_reporter;
  const std::size_t matched = g_strip_fixed_iterations && g_json_out
                                  ? benchmark::RunSpecifiedBenchmarks(&reporter, &json_reporter)
                                  : benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  if (g_listing) return matched > 0 ? kExitOk : kExitBenchmarkFailed;
  if (reporter.rows == 0) {
    std::fprintf(stderr, "%s: no benchmark ran (check --benchmark_filter)\n", suite.c_str());
    return kExitBenchmarkFailed;
  }
  if (reporter.errors > 0) {
    std::fprintf(stderr, "%s: %zu benchmark row(s) reported an error\n", suite.c_str(),
                 reporter.errors);
    return kExitBenchmarkFailed;
  }
  return kExitOk;
}

}  // namespace lukhas::bench
