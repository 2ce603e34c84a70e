// The cascade-prevention workload: mixed creates, retrieves and restores
// (core/memory/cascade_workload.hpp) on one store shared by 1 or 2 threads,
// with prevention on and off. Each iteration runs 10,000 operations in total,
// so even a single iteration is past the 1277 operations the Wilson bound
// needs to be able to reach 0.997.
#include <benchmark/benchmark.h>

#include <memory>
#include <optional>

#include "bench/support/loop.hpp"
#include "bench/support/registry.hpp"
#include "bench/support/run.hpp"
#include "core/memory/cascade_workload.hpp"

namespace lukhas::bench::memory {
namespace {

namespace lm = lukhas::memory;

constexpr std::size_t kOperationsPerIteration = 10000;

// Built by thread 0 before the loop and torn down by it after; Google
// Benchmark's start and stop barriers order this against the other threads,
// which only touch it inside the loop.
struct SharedWorkload {
  lm::CascadeWorkloadConfig config;
  std::shared_ptr<lm::ManualClock> clock;
  std::unique_ptr<lm::FoldStore> store;
};
SharedWorkload* g_shared = nullptr;

void BM_Memory_CascadeWorkload(benchmark::State& state) {
  const bool thread0 = state.thread_index() == 0;
  if (thread0) {
    auto* w = new SharedWorkload;
    w->config.seed = options().seed;
    w->config.prevention = state.range(0) != 0;
    w->config.threads = static_cast<unsigned>(state.threads());
    w->clock = std::make_shared<lm::ManualClock>();
    w->store = std::make_unique<lm::FoldStore>(lm::workload_store_config(w->config), w->clock);
    g_shared = w;
  }
  const std::size_t share = kOperationsPerIteration / static_cast<std::size_t>(state.threads());
  std::optional<lm::WorkloadDriver> driver;
  for (auto _ : measured(state)) {
    if (!driver) {
      driver.emplace(*g_shared->store, *g_shared->clock, g_shared->config,
                     static_cast<unsigned>(state.thread_index()));
    }
    driver->run(share);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<benchmark::IterationCount>(share));
  if (!thread0) return;

  // Reported by thread 0 only: Google Benchmark sums counters over threads,
  // and these describe the one shared store, not a per-thread share.
  const lm::StoreStatus st = g_shared->store->status();
  state.counters["prevention_rate"] = st.prevention_rate;
  state.counters["prevention_rate_lower95"] = st.prevention_rate_lower95;
  state.counters["lukhas_status_rate"] = st.lukhas_status_rate;
  state.counters["cascades"] = static_cast<double>(st.cascade_events);
  state.counters["prunes"] = static_cast<double>(st.prune_events);
  state.counters["operations"] = static_cast<double>(st.operations);
  state.counters["hit_ratio"] =
      st.retrieves == 0 ? 0.0
                        : static_cast<double>(st.retrieve_hits) / static_cast<double>(st.retrieves);
  delete g_shared;
  g_shared = nullptr;
}

LUKHAS_BENCHMARK(BM_Memory_CascadeWorkload)
    ->ArgName("prevention")
    ->Arg(0)
    ->Arg(1)
    ->Threads(1)
    ->Threads(2);

}  // namespace
}  // namespace lukhas::bench::memory
