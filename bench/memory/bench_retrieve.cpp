// Fold retrieve, hit and miss, at each store size. The ids are visited in a
// shuffled order so that large stores pay their real cache misses.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <optional>
#include <random>

#include "bench/memory/store_setup.hpp"
#include "bench/support/latency.hpp"
#include "bench/support/loop.hpp"
#include "bench/support/registry.hpp"
#include "bench/support/run.hpp"

namespace lukhas::bench::memory {
namespace {

template <bool kHit, bool kLatency>
void retrieve(benchmark::State& state) {
  const auto max_folds = static_cast<std::size_t>(state.range(0));
  BenchStore b = filled_store(max_folds, max_folds);
  std::vector<lukhas::memory::Uuid> ids = kHit ? b.ids : unknown_ids(std::max<std::size_t>(max_folds, 4096));
  std::shuffle(ids.begin(), ids.end(), std::mt19937_64(options().seed));
  std::size_t i = 0;
  std::optional<LatencyRecorder> recorder;
  if constexpr (kLatency) recorder.emplace(state);
  for (auto _ : measured(state)) {
    const lukhas::memory::Uuid& id = ids[i];
    if (++i == ids.size()) i = 0;
    if constexpr (kLatency) {
      recorder->time([&] { benchmark::DoNotOptimize(b.store->retrieve(id)); });
    } else {
      benchmark::DoNotOptimize(b.store->retrieve(id));
    }
  }
  recorder.reset();
  state.SetItemsProcessed(state.iterations());
  const auto st = b.store->status();
  state.counters["hit_ratio"] =
      st.retrieves == 0 ? 0.0 : static_cast<double>(st.retrieve_hits) / static_cast<double>(st.retrieves);
}

void BM_Memory_RetrieveHit(benchmark::State& state) { retrieve<true, false>(state); }
void BM_Memory_RetrieveHit_Latency(benchmark::State& state) { retrieve<true, true>(state); }
void BM_Memory_RetrieveMiss(benchmark::State& state) { retrieve<false, false>(state); }
void BM_Memory_RetrieveMiss_Latency(benchmark::State& state) { retrieve<false, true>(state); }

void sizes(benchmark::internal::Benchmark* b) {
  b->ArgName("folds");
  for (const long n : kStoreSizes) b->Arg(n);
}

LUKHAS_BENCHMARK_PAIR(BM_Memory_RetrieveHit, sizes);
LUKHAS_BENCHMARK_PAIR(BM_Memory_RetrieveMiss, sizes);

}  // namespace
}  // namespace lukhas::bench::memory
