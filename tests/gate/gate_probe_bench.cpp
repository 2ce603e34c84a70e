// A tiny suite with known relative costs, used to test instruction mode
// itself (tests/gate): the counts must repeat, exclude set-up outside the
// measured loop and inside pause()/resume(), and scale with the work done.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "bench/support/loop.hpp"
#include "bench/support/registry.hpp"
#include "core/common/inject.hpp"

namespace {

// A fixed number of dependent xorshift steps; the empty asm keeps the
// optimiser from folding the loop into a closed form.
[[gnu::noinline]] std::uint64_t work(std::int64_t steps, std::uint64_t x) {
  for (std::int64_t i = 0; i < steps; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    asm volatile("" : "+r"(x));
  }
  return x;
}

void BM_Gate_Work(benchmark::State& state) {
  std::uint64_t x = 88172645463325252ull;
  for (auto _ : lukhas::bench::measured(state)) x = work(state.range(0), x);
  benchmark::DoNotOptimize(x);
}

// Set-up before the loop (a vector of `setup` elements, filled with work)
// must not appear in the count: the count is the same for every setup size.
void BM_Gate_SetupExcluded(benchmark::State& state) {
  std::vector<std::uint64_t> data(static_cast<std::size_t>(state.range(0)));
  std::uint64_t x = 1;
  for (auto& d : data) d = x = work(8, x + 1);
  for (auto _ : lukhas::bench::measured(state)) x = work(1000, x ^ data.back());
  benchmark::DoNotOptimize(x);
}

// Work between pause() and resume() must not appear in the count either.
void BM_Gate_PausedRebuild(benchmark::State& state) {
  std::uint64_t x = 7;
  for (auto _ : lukhas::bench::measured(state)) {
    lukhas::bench::pause(state);
    x = work(state.range(0), x);
    lukhas::bench::resume(state);
    x = work(1000, x);
  }
  benchmark::DoNotOptimize(x);
}

// Several threads: callgrind counts every thread together, so the converter
// must exclude this row rather than report a figure that means nothing.
void BM_Gate_Threads(benchmark::State& state) {
  std::uint64_t x = 3;
  for (auto _ : lukhas::bench::measured(state)) x = work(1000, x);
  benchmark::DoNotOptimize(x);
}

// Only the injection point: nothing in a normal build; in
// bench_gate_probe_inject (gate.fixed at 100%) exactly the calibrated 10000
// instructions more.
void BM_Gate_Inject(benchmark::State& state) {
  for (auto _ : lukhas::bench::measured(state)) LUKHAS_INJECT_POINT("gate.fixed");
}

LUKHAS_BENCHMARK(BM_Gate_Work)->ArgName("steps")->Arg(1000)->Arg(2000);
LUKHAS_BENCHMARK(BM_Gate_SetupExcluded)->ArgName("setup")->Arg(1000)->Arg(100000);
LUKHAS_BENCHMARK(BM_Gate_PausedRebuild)->ArgName("rebuild")->Arg(10)->Arg(10000);
LUKHAS_BENCHMARK(BM_Gate_Inject);
LUKHAS_BENCHMARK(BM_Gate_Threads)->Threads(2);

}  // namespace
