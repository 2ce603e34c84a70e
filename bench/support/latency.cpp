#include "bench/support/latency.hpp"

#include <algorithm>
#include <cmath>

namespace lukhas::bench {

namespace {
double rank_value(std::vector<std::int64_t>& v, double p) {
  // Nearest rank: the smallest value with at least p of the samples at or below it.
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
  rank = std::clamp<std::size_t>(rank, 1, v.size());
  auto nth = v.begin() + static_cast<std::ptrdiff_t>(rank - 1);
  std::nth_element(v.begin(), nth, v.end());
  return static_cast<double>(*nth);
}
}  // namespace

Percentiles percentiles(std::vector<std::int64_t>& samples_ns) {
  Percentiles p;
  p.samples = samples_ns.size();
  if (samples_ns.empty()) return p;
  p.max_ns = static_cast<double>(*std::max_element(samples_ns.begin(), samples_ns.end()));
  p.p999_ns = rank_value(samples_ns, 0.999);
  p.p99_ns = rank_value(samples_ns, 0.99);
  p.p95_ns = rank_value(samples_ns, 0.95);
  p.p50_ns = rank_value(samples_ns, 0.50);
  return p;
}

void report_latency(benchmark::State& state, const Percentiles& p) {
  // kAvgThreads: with several threads each reports its own percentiles and
  // the row shows their mean rather than their sum.
  const auto avg = benchmark::Counter::kAvgThreads;
  state.counters["p50_us"] = benchmark::Counter(p.p50_ns / 1e3, avg);
  state.counters["p95_us"] = benchmark::Counter(p.p95_ns / 1e3, avg);
  state.counters["p99_us"] = benchmark::Counter(p.p99_ns / 1e3, avg);
  state.counters["p999_us"] = benchmark::Counter(p.p999_ns / 1e3, avg);
  state.counters["max_us"] = benchmark::Counter(p.max_ns / 1e3, avg);
  // How many timed calls the percentiles rest on (per thread, like them): a
  // p95 needs 20 / (1 - 0.95) = 400 calls before the comparator judges it
  // against an SLO (docs/comparator.md, "SLO checks").
  state.counters["samples"] = benchmark::Counter(static_cast<double>(p.samples), avg);
}

LatencyRecorder::LatencyRecorder(benchmark::State& state) : state_(state) {
  // Cap the up-front reservation: nanosecond operations can be given
  // hundreds of millions of iterations; the vector grows past this if needed.
  constexpr benchmark::IterationCount kMaxReserve = 1 << 22;
  samples_.reserve(static_cast<std::size_t>(std::min(state.max_iterations, kMaxReserve)));
}

LatencyRecorder::~LatencyRecorder() {
  report_latency(state_, percentiles(samples_));
}

double measure_clock_overhead_ns() {
  constexpr int kSamples = 10001;
  std::vector<std::int64_t> d;
  d.reserve(kSamples);
  for (int i = 0; i < kSamples; ++i) {
    const auto a = std::chrono::steady_clock::now();
    const auto b = std::chrono::steady_clock::now();
    d.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(b - a).count());
  }
  return percentiles(d).p50_ns;
}

}  // namespace lukhas::bench
