#pragma once
// Progress of a suite run: which suite and benchmark is running and an
// estimate of the time left. On a terminal one line, rewritten in place; in a
// log (not a terminal, or CI set) plain lines, at most one every 30 s, so a
// CI log stays readable.
//
// The count comes from the suite's own console output: Google Benchmark
// prints one row per finished repetition, named by the benchmark; the total
// is the number of benchmarks the filter selects (--benchmark_list_tests)
// times the repetitions.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace lukhas::runner {

// Pure. A console row's benchmark name when the line is a finished
// repetition ("BM_X/arg:1   123 ns ..."), not an aggregate (_mean, _median,
// _stddev, _cv, user statistics such as _p95) or any other line.
std::optional<std::string> finished_row(const std::string& line);

// Pure. "memory: 40/100 repetitions, BM_X/arg:1, about 1 min 20 s left".
std::string progress_text(const std::string& label, std::size_t done, std::size_t total, double elapsed_seconds,
                          const std::string& current);
std::string format_duration(double seconds);  // "45 s", "3 min 05 s", "1 h 02 min"

// Follows a growing console log and reports.
class ProgressWatch {
 public:
  ProgressWatch(std::string label, std::filesystem::path log, std::size_t total);
  void poll();    // read what the log gained, report when due
  void finish();  // end the terminal line
 private:
  std::string label_;
  std::filesystem::path log_;
  std::size_t total_ = 0, done_ = 0;
  std::uintmax_t offset_ = 0;
  std::string partial_, current_;
  bool terminal_ = false;
  std::chrono::steady_clock::time_point start_, last_report_;
};

// How many benchmarks `binary` runs with `filter` (--benchmark_list_tests),
// 0 when it cannot tell.
std::size_t count_benchmarks(const std::filesystem::path& binary, const std::string& filter);

}  // namespace lukhas::runner
