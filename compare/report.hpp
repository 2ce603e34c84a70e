#pragma once
// The comparison as data: what decide() computes and every renderer reads.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compare/config.hpp"
#include "compare/run_values.hpp"
#include "compare/slo_catalog.hpp"

namespace lukhas::compare {

enum class Verdict { regressed, improved, unchanged, new_benchmark, removed, failed };
enum class TestKind { none, exact, normal };
// insufficient: the value rests on fewer calls than the SLO needs (or on an
// unknown number): neither pass nor breach, and it fails the check.
enum class SloVerdict { pass, breach, missing, insufficient };

std::string to_string(Verdict v);  // "regressed", ..., "new", "removed", "failed"

inline constexpr std::size_t kVerdictKinds = 6;
// The verdicts in the order of their names: reports list counts this way.
inline constexpr Verdict kVerdictsByName[kVerdictKinds] = {Verdict::failed,    Verdict::improved, Verdict::new_benchmark,
                                                           Verdict::regressed, Verdict::removed,  Verdict::unchanged};

// Comparisons per verdict.
struct VerdictCounts {
  std::array<std::size_t, kVerdictKinds> n{};
  std::size_t& operator[](Verdict v) { return n[static_cast<std::size_t>(v)]; }
  std::size_t operator[](Verdict v) const { return n[static_cast<std::size_t>(v)]; }
};
std::string to_string(TestKind t);  // "none", "exact", "normal"
std::string to_string(SloVerdict v);

struct Comparison {
  std::string name;
  std::string metric;  // cpu_time, real_time, instructions or a counter name
  Direction direction = Direction::lower_is_better;
  std::string unit;  // "ns" for times (normalised), else the counter's (empty)
  std::optional<double> baseline;   // median, in `unit`
  std::optional<double> contender;  // median, in `unit`
  std::optional<double> change;     // signed so that positive is worse
  std::optional<double> ratio;      // contender / baseline
  std::size_t n_baseline = 0;       // repetitions used (0 = aggregate only)
  std::size_t n_contender = 0;
  std::string source_baseline;      // "repetitions", "median aggregate", "mean aggregate", ""
  std::string source_contender;
  std::optional<double> baseline_cv;
  TestKind test = TestKind::none;
  std::optional<double> p_value;
  std::optional<double> q_value;
  std::optional<double> min_p_value;  // when a test ran: smallest p these sizes allow
  // The q this test would get at complete separation, the other tests of the
  // run unchanged (best_case_q); above alpha the verdict uses the threshold.
  std::optional<double> min_q_value;
  bool test_can_reach_alpha = true;   // false: too few repetitions for any q <= alpha
  double threshold = 0;               // configured, as a fraction
  double threshold_used = 0;          // after raising by noise
  Verdict verdict = Verdict::unchanged;
  bool stale_baseline = false;        // improvement far beyond the threshold
  bool removal_allowed = false;
  bool unit_changed = false;
  bool headline = false;  // the benchmark's main metric: used by the geometric mean
  std::string baseline_unit, contender_unit;  // as written in the files
  std::string message;                // error/skip message for failed rows
  std::vector<std::string> notes;
  // The finite repetitions each side's median rests on, in `unit`, in file
  // order: what the HTML report draws (empty for aggregates only).
  std::vector<double> baseline_values, contender_values;
  // Paired mode (--paired): repetition i of each side ran next to each other;
  // the test is the Wilcoxon signed-rank test on log(contender / baseline)
  // of the pairs, `ratio` the median of the pairs' ratios and these bounds
  // its distribution-free interval (order statistics) of coverage
  // `ratio_ci_level`.
  bool paired = false;
  std::size_t n_pairs = 0;
  std::optional<double> ratio_ci_low, ratio_ci_high;
  double ratio_ci_level = 0;
  // Paired: the sign tests of "the median ratio is at most 1 + threshold"
  // (pairs above it, against a fair coin; paired_statistics.hpp
  // sign_test_beyond) and "at least 1 - threshold", one-sided, each
  // corrected over the run's paired comparisons (q, Benjamini-Hochberg: the
  // regressions one family, the improvements another), and the q each would
  // get were every pair beyond (as min_q_value). A regression needs the
  // interval beyond the threshold and q_above at or below alpha: a run
  // judges a hundred benchmarks, and at the interval's level alone a few
  // noisy ones land beyond the threshold by chance (docs/comparator.md,
  // "Paired mode").
  std::size_t pairs_above = 0, pairs_below = 0;
  std::optional<double> above_p, above_q, below_p, below_q, beyond_min_q;
  std::size_t n_paired_judged = 0;  // the size of those families
  // The interval lies beyond the threshold but the corrected sign test
  // does not hold: unchanged, and worth a second look with fresh pairs
  // (bench-run ab measures such benchmarks again; docs/gate.md, "Second
  // look").
  bool chance_interval = false;

  bool failing() const;  // counts toward exit code 1
};

struct SloResult {
  std::string id;
  std::string benchmark;  // empty when nothing matched
  std::string counter;
  std::optional<double> value;
  double target = 0;
  SloComparison comparison = SloComparison::less;
  std::string unit;
  std::optional<double> margin;  // headroom in `unit`; negative when breached
  SloVerdict verdict = SloVerdict::missing;
  std::string note;
  // What the verdict rests on: the fewest calls (or operations) of any
  // repetition, from `samples_counter`; absent when the rows lack it.
  std::string samples_counter;
  std::optional<double> samples;
  std::size_t repetitions = 0;  // repetitions the value is the median of (0: an aggregate)
  std::size_t min_samples = 0;  // what the catalog requires per repetition
};

struct SloNotMeasured {
  std::string id;
  std::string counter;
  SloComparison comparison = SloComparison::less;
  double target = 0;
  std::string unit;
  std::string why;
};

struct Summary {
  std::optional<double> geomean_ratio;  // over benchmarks on both sides, headline metric
  std::size_t geomean_count = 0;
  VerdictCounts counts;
  std::size_t benchmarks_baseline = 0, benchmarks_contender = 0;
  std::size_t tests = 0;  // U tests run (the family for Benjamini-Hochberg)
  std::size_t underpowered = 0;  // comparisons whose test cannot reach alpha
  std::size_t slo_pass = 0, slo_breach = 0, slo_missing = 0, slo_insufficient = 0;
  int exit_code = 0;          // after --report-only
  int decided_exit_code = 0;  // before --report-only
  bool report_only = false;
};

struct Settings {
  Config config;
  bool report_only = false;
  // Time metrics compared pair by pair (paired_repetitions.hpp); the
  // unpaired U test stays for files that were not run together.
  bool paired = false;
};

struct Report {
  std::vector<std::string> baseline_files, contender_files;
  double alpha = kDefaultAlpha;
  double noise_factor = kDefaultNoiseFactor;
  bool paired = false;  // Settings::paired
  std::vector<Comparison> comparisons;  // sorted by name, then metric
  std::vector<SloResult> slo;
  std::vector<SloNotMeasured> slo_not_measured;
  std::vector<std::string> warnings;
  Summary summary;
  // Revision, suite and per-benchmark values of each side (run_values.hpp).
  RunValues baseline_run, contender_run;
};

}  // namespace lukhas::compare
