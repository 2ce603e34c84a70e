// Fold create below the limit (no prune) and at the limit (a prune every
// max_folds - keep creates, dropped-after-retention folds included).
#include <benchmark/benchmark.h>

#include <optional>

#include "bench/memory/store_setup.hpp"
#include "bench/support/latency.hpp"
#include "bench/support/loop.hpp"
#include "bench/support/registry.hpp"

namespace lukhas::bench::memory {
namespace {

// Between half full and full: when the store fills, it is rebuilt at half
// with the timer paused, so every timed create is below the limit.
template <bool kLatency>
void create_below_limit(benchmark::State& state) {
  const auto max_folds = static_cast<std::size_t>(state.range(0));
  const std::size_t half = max_folds / 2;
  const FoldInputs inputs;
  BenchStore b = filled_store(max_folds, half);
  std::size_t live = half;
  std::size_t i = 0;
  std::optional<LatencyRecorder> recorder;
  if constexpr (kLatency) recorder.emplace(state);
  for (auto _ : measured(state)) {
    if (live == max_folds) {
      pause(state);
      b = filled_store(max_folds, half);
      live = half;
      resume(state);
    }
    if constexpr (kLatency) {
      lukhas::memory::NewFold input = inputs.make(i++);
      recorder->time([&] { benchmark::DoNotOptimize(b.store->create(std::move(input))); });
    } else {
      benchmark::DoNotOptimize(b.store->create(inputs.make(i++)));
    }
    ++live;
  }
  recorder.reset();  // reports the percentiles
  state.SetItemsProcessed(state.iterations());
  state.counters["prunes"] = static_cast<double>(b.store->status().prune_events);
}

template <bool kLatency>
void create_at_limit(benchmark::State& state) {
  const auto max_folds = static_cast<std::size_t>(state.range(0));
  const FoldInputs inputs;
  // Steady state: prunes at their natural cadence, none on the first call
  // (max_iterations is this run's fixed or chosen iteration count).
  BenchStore b = store_at_limit(max_folds, state.max_iterations);
  std::size_t i = b.next_input;
  const auto warm = b.store->status();
  std::optional<LatencyRecorder> recorder;
  if constexpr (kLatency) recorder.emplace(state);
  for (auto _ : measured(state)) {
    b.clock->advance(kClockStep);
    if constexpr (kLatency) {
      lukhas::memory::NewFold input = inputs.make(i++);
      recorder->time([&] { benchmark::DoNotOptimize(b.store->create(std::move(input))); });
    } else {
      benchmark::DoNotOptimize(b.store->create(inputs.make(i++)));
    }
  }
  recorder.reset();
  state.SetItemsProcessed(state.iterations());
  // Prunes and cascades of the timed calls only, not of the warm-up.
  const auto st = b.store->status();
  state.counters["prunes"] = static_cast<double>(st.prune_events - warm.prune_events);
  state.counters["cascades"] = static_cast<double>(st.cascade_events - warm.cascade_events);
}

void BM_Memory_CreateBelowLimit(benchmark::State& state) { create_below_limit<false>(state); }
void BM_Memory_CreateBelowLimit_Latency(benchmark::State& state) { create_below_limit<true>(state); }
void BM_Memory_CreateAtLimit(benchmark::State& state) { create_at_limit<false>(state); }
void BM_Memory_CreateAtLimit_Latency(benchmark::State& state) { create_at_limit<true>(state); }

void sizes(benchmark::internal::Benchmark* b) {
  b->ArgName("folds");
  for (const long n : kStoreSizes) b->Arg(n);
}

LUKHAS_BENCHMARK_PAIR(BM_Memory_CreateBelowLimit, sizes);
LUKHAS_BENCHMARK_PAIR(BM_Memory_CreateAtLimit, sizes);

}  // namespace
}  // namespace lukhas::bench::memory
