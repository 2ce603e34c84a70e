#pragma once
// Per-call latency for the "*_Latency" benchmarks: every iteration times one
// call on the steady clock, and the run reports p50/p95/p99/p99.9/max in
// microseconds as counters (p50_us, p95_us, p99_us, p999_us, max_us), with the number
// of timed calls they rest on (samples). The clock's own
// overhead is not subtracted; it is reported once in the run context
// (clock_overhead_ns) so readers can judge nanosecond-level figures.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <vector>

namespace lukhas::bench {

struct Percentiles {
  double p50_ns = 0;
  double p95_ns = 0;
  double p99_ns = 0;
  double p999_ns = 0;
  double max_ns = 0;
  std::size_t samples = 0;
};

// Nearest-rank percentiles (the value at rank ceil(p*n)); pure, reorders the
// input. An empty input gives zeros and samples == 0.
Percentiles percentiles(std::vector<std::int64_t>& samples_ns);

// Sets p50_us, p95_us, p99_us, p999_us, max_us and samples on the state (averaged
// over threads when several threads report).
void report_latency(benchmark::State& state, const Percentiles& p);

class LatencyRecorder {
 public:
  explicit LatencyRecorder(benchmark::State& state);
  ~LatencyRecorder();  // reports the counters
  LatencyRecorder(const LatencyRecorder&) = delete;
  LatencyRecorder& operator=(const LatencyRecorder&) = delete;

  template <class F>
  void time(F&& call) {
    const auto t0 = std::chrono::steady_clock::now();
    call();
    const auto t1 = std::chrono::steady_clock::now();
    samples_.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
  }

 private:
  benchmark::State& state_;
  std::vector<std::int64_t> samples_;
};

// Median of back-to-back steady_clock::now() differences, in ns.
double measure_clock_overhead_ns();

}  // namespace lukhas::bench
