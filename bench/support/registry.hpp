#pragma once
// Registration that the common main can post-process: instruction mode gives
// every benchmark a fixed iteration count (Google Benchmark 1.7 has no
// "--benchmark_min_time=100x"), which needs the registered objects.
//
//   LUKHAS_BENCHMARK(BM_Memory_CreateBelowLimit)->Arg(10)->Arg(1000);
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace lukhas::bench {

using Function = void (*)(benchmark::State&);

benchmark::internal::Benchmark* add(const std::string& name, Function fn);

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
