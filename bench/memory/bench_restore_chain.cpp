// Restore of a soft-deleted fold (below the limit) and the one-level causal
// chain lookup.
#include <benchmark/benchmark.h>

#include <optional>

#include "bench/memory/store_setup.hpp"
#include "bench/support/latency.hpp"
#include "bench/support/loop.hpp"
#include "bench/support/registry.hpp"

namespace lukhas::bench::memory {
namespace {

namespace lm = lukhas::memory;

// Half the store's capacity is created and soft-deleted; each iteration
// restores one. When all are back, the store is rebuilt with the timer paused
// (rebuilding rather than deleting again keeps the expiry queue from growing
// with the iteration count).
BenchStore deleted_half(std::size_t max_folds) {
  BenchStore b = filled_store(max_folds, std::max<std::size_t>(max_folds / 2, 1));
  for (const auto& id : b.ids) b.store->soft_delete(id);
  return b;
}

template <bool kLatency>
void restore(benchmark::State& state) {
  const auto max_folds = static_cast<std::size_t>(state.range(0));
  BenchStore b = deleted_half(max_folds);
  std::size_t i = 0;
  std::uint64_t failures = 0;
  std::optional<LatencyRecorder> recorder;
  if constexpr (kLatency) recorder.emplace(state);
  for (auto _ : measured(state)) {
    if (i == b.ids.size()) {
      pause(state);
      failures += b.store->status().restore_failures;
      b = deleted_half(max_folds);
      i = 0;
      resume(state);
    }
    const lm::Uuid& id = b.ids[i++];
    if constexpr (kLatency) {
      recorder->time([&] { benchmark::DoNotOptimize(b.store->restore(id)); });
    } else {
      benchmark::DoNotOptimize(b.store->restore(id));
    }
  }
  recorder.reset();
  failures += b.store->status().restore_failures;
  if (failures != 0) state.SkipWithError("a restore failed; the benchmark would time the wrong path");
  state.SetItemsProcessed(state.iterations());
}

template <bool kLatency>
void causal_chain(benchmark::State& state) {
  const auto length = static_cast<std::size_t>(state.range(0));
  BenchStore b = filled_store(1000, length);
  const lm::Uuid tip = b.store->create(lm::NewFold{"{}", b.ids}).record->id;
  std::optional<LatencyRecorder> recorder;
  if constexpr (kLatency) recorder.emplace(state);
  for (auto _ : measured(state)) {
    if constexpr (kLatency) {
      recorder->time([&] { benchmark::DoNotOptimize(b.store->causal_chain(tip)); });
    } else {
      benchmark::DoNotOptimize(b.store->causal_chain(tip));
    }
  }
  recorder.reset();
  if (b.store->causal_chain(tip).size() != length) state.SkipWithError("chain lost a link");
  state.SetItemsProcessed(state.iterations());
}

void BM_Memory_Restore(benchmark::State& state) { restore<false>(state); }
void BM_Memory_Restore_Latency(benchmark::State& state) { restore<true>(state); }
void BM_Memory_CausalChain(benchmark::State& state) { causal_chain<false>(state); }
void BM_Memory_CausalChain_Latency(benchmark::State& state) { causal_chain<true>(state); }

void sizes(benchmark::internal::Benchmark* b) {
  b->ArgName("folds");
  for (const long n : kStoreSizes) b->Arg(n);
}
void chains(benchmark::internal::Benchmark* b) {
  b->ArgName("chain");
  for (const long n : {1, 4, 16, 64}) b->Arg(n);
}

LUKHAS_BENCHMARK_PAIR(BM_Memory_Restore, sizes);
LUKHAS_BENCHMARK_PAIR(BM_Memory_CausalChain, chains);

}  // namespace
}  // namespace lukhas::bench::memory
