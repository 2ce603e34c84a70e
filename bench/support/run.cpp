#include "bench/support/run.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include "bench/support/flags.hpp"
#include "bench/support/latency.hpp"
#include "bench/support/registry.hpp"
#include "bench/support/result_stream.hpp"

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

// The display reporter the user asked for (--benchmark_format) on standard
// output and, with --benchmark_out, the file reporter, both written through
// ResultStreams so a failed write has a reason. Counts rows and errors so
// the exit code can say whether the suite worked (the smoke tests rely on it).
std::unique_ptr<benchmark::BenchmarkReporter> make_reporter(const std::string& format, bool colour) {
  if (format == "json") return std::make_unique<benchmark::JSONReporter>();
  if (format == "csv") {
    // Deprecated in 1.7 but still a documented value of the library's own
    // --benchmark_format; users who pass it get what the library gives.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    return std::make_unique<benchmark::CSVReporter>();
#pragma GCC diagnostic pop
  }
  return std::make_unique<benchmark::ConsoleReporter>(colour ? benchmark::ConsoleReporter::OO_ColorTabular
                                                             : benchmark::ConsoleReporter::OO_Tabular);
}

class CountingReporter : public benchmark::BenchmarkReporter {
 public:
  CountingReporter(std::unique_ptr<BenchmarkReporter> display, std::unique_ptr<BenchmarkReporter> file,
                   bool display_aggregates_only)
      : display_(std::move(display)), file_(std::move(file)), display_aggregates_only_(display_aggregates_only) {}

  bool ReportContext(const Context& context) override {
    bool ok = display_->ReportContext(context);
    if (file_) ok = file_->ReportContext(context) && ok;
    return ok;
  }
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
    // The library reports the repetitions, then (with two or more) their
    // aggregates; --benchmark_display_aggregates_only hides the former on
    // the display only, the file keeps every row.
    const bool repetitions_only =
        !runs.empty() && std::none_of(runs.begin(), runs.end(), [](const Run& r) {
          return r.run_type == Run::RT_Aggregate;
        });
    if (!(display_aggregates_only_ && repetitions_only && runs.front().repetitions > 1)) display_->ReportRuns(runs);
    if (file_) file_->ReportRuns(runs);
  }
  void Finalize() override {
    display_->Finalize();
    if (file_) file_->Finalize();
  }
  std::size_t rows = 0;
  std::size_t errors = 0;

 private:
  std::unique_ptr<BenchmarkReporter> display_, file_;
  bool display_aggregates_only_;
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
      "Output: --benchmark_format=console|json|csv on standard output, and\n"
      "--benchmark_out=FILE --benchmark_out_format=console|json|csv.\n\n"
      "Exit codes: 0 ok, 1 a benchmark errored, none ran, or the results could not be written\n"
      "(the reason is printed), 2 bad flag, 77 skipped (missing dependency)\n\n"
      "Google Benchmark flags follow.\n\n",
      suite.c_str(), static_cast<unsigned long long>(Options{}.seed),
      static_cast<long long>(Options{}.iterations));
}

}  // namespace

const Options& options() { return mutable_options(); }

namespace {
bool g_listing = false;  // --benchmark_list_tests prints names and runs nothing
OutputFlags g_output;    // taken out of argv by check_benchmark_flags
}  // namespace

std::optional<int> parse_flags(const std::string& suite, int& argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") print_suite_help(suite);
    if (a == "--benchmark_list_tests" || a == "--benchmark_list_tests=true") g_listing = true;
  }
  // Checked before benchmark::Initialize, which aborts or exits 0 on some
  // bad values; the output flags are ours from here on (run_parsed).
  const FlagCheck check = check_benchmark_flags(std::vector<std::string>(argv + 1, argv + argc));
  if (check.error) {
    std::fprintf(stderr, "%s: %s (see --help)\n", suite.c_str(), check.error->c_str());
    return kExitUsage;
  }
  g_output = check.output;
  // Compact argv to the remaining flags (the strings stay those of argv).
  std::vector<char*> rest;
  for (int i = 1, r = 0; i < argc && r < static_cast<int>(check.rest.size()); ++i)
    if (check.rest[static_cast<std::size_t>(r)] == argv[i]) {
      rest.push_back(argv[i]);
      ++r;
    }
  for (std::size_t i = 0; i < rest.size(); ++i) argv[i + 1] = rest[i];
  argc = static_cast<int>(rest.size()) + 1;
  argv[argc] = nullptr;
  benchmark::Initialize(&argc, argv);  // removes its own flags, exits on --help

  CLI::App app{suite + " benchmark suite"};
  app.set_help_flag();  // --help was handled above
  std::string mode = "time";
  std::string seed;
  auto& opts = mutable_options();
  app.add_option("--lukhas_mode", mode)->check(CLI::IsMember({"time", "instructions"}));
  app.add_option("--lukhas_seed", seed);
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
  if (!seed.empty()) {
    // CLI11 converts "-1" and values past 2^64 to 2^64 - 1 without a word.
    const auto parsed = parse_seed(seed);
    if (!parsed) {
      std::fprintf(stderr, "%s: --lukhas_seed: expected a whole number from 0 to 18446744073709551615, got '%s' (see --help)\n",
                   suite.c_str(), seed.c_str());
      return kExitUsage;
    }
    opts.seed = *parsed;
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

  g_strip_fixed_iterations = opts.mode == Mode::time && opts.latency_iterations > 0;
  const bool colour = g_output.color.value_or(isatty(STDOUT_FILENO) != 0);
  ResultStream display_out;
  auto display = make_reporter(g_output.display_format, colour);
  display->SetOutputStream(&display_out.stream());
  ResultStream file_out;
  std::unique_ptr<benchmark::BenchmarkReporter> file;
  if (!g_output.out_path.empty()) {
    if (const auto why = file_out.open(g_output.out_path)) {
      std::fprintf(stderr, "%s: cannot write results to %s: %s\n", suite.c_str(), g_output.out_path.c_str(),
                   why->c_str());
      return kExitBenchmarkFailed;
    }
    file = make_reporter(g_output.out_format, false);
    // As the library does for its own file reporter: the CSV context goes
    // into the file too.
    file->SetOutputStream(&file_out.stream());
    file->SetErrorStream(&file_out.stream());
  }
  CountingReporter reporter(std::move(display), std::move(file), g_output.display_aggregates_only);
  reporter.SetOutputStream(&display_out.stream());  // --benchmark_list_tests prints here
  const std::size_t matched = benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  // Every failed write is a failed run, with the reason: an empty or cut
  // results file must never look like a successful one.
  bool written = true;
  if (const auto why = display_out.finish()) {
    std::fprintf(stderr, "%s: cannot write results to standard output: %s\n", suite.c_str(), why->c_str());
    written = false;
  }
  if (!g_output.out_path.empty()) {
    if (const auto why = file_out.finish()) {
      std::fprintf(stderr, "%s: cannot write results to %s: %s\n", suite.c_str(), g_output.out_path.c_str(),
                   why->c_str());
      written = false;
    }
  }
  if (!written) return kExitBenchmarkFailed;
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
