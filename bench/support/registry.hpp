#pragma once
// Registration that the common main can post-process: instruction mode gives
// every benchmark a fixed iteration count (Google Benchmark 1.7 has no
// "--benchmark_min_time=100x"), which needs the registered objects.
//
//   LUKHAS_BENCHMARK(BM_Memory_CascadeWorkload)->ArgName("prevention")->Arg(1);
//
// An operation measured both ways (docs/benchmark-conventions.md) registers
// its throughput benchmark and its `_Latency` twin in one line:
//
//   LUKHAS_BENCHMARK_PAIR(BM_Handoff_Get, sizes);
#include <benchmark/benchmark.h>

#include <functional>
#include <string>
#include <vector>

namespace lukhas::bench {

using Function = void (*)(benchmark::State&);

benchmark::internal::Benchmark* add(const std::string& name, Function fn);

// Arguments and settings (ArgName, Range, UseRealTime, ...) for a benchmark.
using Configure = std::function<void(benchmark::internal::Benchmark*)>;

// Registers `name` (throughput) and then `name + "_Latency"` (per call),
// and applies `configure` to both, so the twins always run the same
// arguments with the same settings.
void add_pair(const std::string& name, Function throughput, Function latency, const Configure& configure = {});

// Every benchmark registered through add(), in registration order.
const std::vector<benchmark::internal::Benchmark*>& registered();
// Those whose name says they are per-call latency benchmarks (*_Latency*).
const std::vector<benchmark::internal::Benchmark*>& registered_latency();

}  // namespace lukhas::bench

#define LUKHAS_BENCH_CONCAT2(a, b) a##b
#define LUKHAS_BENCH_CONCAT(a, b) LUKHAS_BENCH_CONCAT2(a, b)
#define LUKHAS_BENCHMARK(fn)                                                           \
  [[maybe_unused]] static benchmark::internal::Benchmark* LUKHAS_BENCH_CONCAT(         \
      lukhas_benchmark_, __LINE__) = ::lukhas::bench::add(#fn, fn)
// fn and fn_Latency; the optional second argument configures both.
#define LUKHAS_BENCHMARK_PAIR(fn, ...)                                                     \
  [[maybe_unused]] static const bool LUKHAS_BENCH_CONCAT(lukhas_benchmark_pair_, __LINE__) = \
      (::lukhas::bench::add_pair(#fn, fn, fn##_Latency __VA_OPT__(, ) __VA_ARGS__), true)
