#pragma once
// Synthetic histories with known change points, for validating change-point
// detection (tests/compare/test_changepoint.cpp) and timing it
// (bench/compare/history_detect.cpp). Deterministic: own generator and
// normal variates, so a seed gives the same values on every platform.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "compare/gbench_json.hpp"

namespace lukhas::compare {

struct SyntheticSeriesSpec {
  std::size_t runs = 200;
  double base = 1000.0;
  // Log-normal noise with this coefficient of variation (0.03 = 3%).
  double noise_cv = 0.0;
  // A step: from run step_at on, values are (1 + step) times higher.
  double step = 0.0;
  std::size_t step_at = 0;
  // A drift: run i is (1 + drift_per_run)^i times the base.
  double drift_per_run = 0.0;
  std::uint64_t seed = 1;
};

// One value per run; `repetitions` > 1 gives that many values per run
// (each with its own noise), run after run.
std::vector<double> synthetic_series(const SyntheticSeriesSpec& spec, std::size_t repetitions = 1);

struct InjectedStep {
  std::size_t benchmark = 0;
  std::size_t at = 0;  // the first run after the step
  double step = 0;     // relative (0.02 = 2% higher)
};

struct SyntheticHistorySpec {
  std::size_t runs = 200;
  std::size_t benchmarks = 100;
  std::size_t repetitions = 5;
  std::uint64_t seed = 1;
  // Benchmarks below this index are instruction-count benchmarks (noise
  // instructions_cv), the rest time benchmarks (noise time_cv).
  std::size_t instruction_benchmarks = 50;
  double instructions_cv = 0.0001;
  double time_cv = 0.03;
  std::vector<InjectedStep> steps;
};

// The run's suite file (one per run, suite "synthetic"), benchmark b named
// BM_History_<b>: instruction benchmarks carry an "instructions" counter.
GbenchFile synthetic_history_run(const SyntheticHistorySpec& spec, std::size_t run);

// A fixed commit for run i (40 hex digits) and a date an hour apart per run.
std::string synthetic_commit(std::size_t run);
std::string synthetic_date(std::size_t run);

// 10 steps over 100 benchmarks x 200 runs: 2% in instruction counts, 5% to
// 10% in times, at runs between 20 and 180.
std::vector<InjectedStep> default_injected_steps(const SyntheticHistorySpec& spec);

}  // namespace lukhas::compare
