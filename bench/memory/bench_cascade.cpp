// The cascade-prevention workload: mixed creates, retrieves and restores
// (core/memory/cascade_workload.hpp) on one store shared by 1 or 2 threads,
// with prevention on and off. Each iteration runs 10,000 operations in total,
// so even a single iteration is past the 1277 operations the Wilson bound
// needs to be able to reach 0.997.
#include <benchmark/benchmark.h>

#include <barrier>
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
// With prevention off nothing is ever pruned, so a store that lived for the
// whole run would grow with the iteration count (millions of folds). The
// store is replaced between iterations once it has seen this many
// operations (about 50,000 folds, 20 MB at most); the figures add up over
// all the stores of the run.
constexpr std::uint64_t kOperationsPerStore = 100000;

struct SharedWorkload;

// Runs once per iteration while every thread waits at the barrier, so no
// thread is inside the store when it is replaced.
struct BetweenIterations {
  SharedWorkload* w;
  void operator()() noexcept;
};

// Built by thread 0 before the loop and torn down by it after; Google
// Benchmark's start and stop barriers order this against the other threads,
// which only touch it inside the loop.
struct SharedWorkload {
  SharedWorkload(const lm::CascadeWorkloadConfig& c, std::ptrdiff_t threads)
      : config(c), clock(std::make_shared<lukhas::ManualClock>()), sync(threads, BetweenIterations{this}) {
    renew_store();
  }
  void renew_store() {
    if (store) totals.add(store->status());
    store = std::make_unique<lm::FoldStore>(lm::workload_store_config(config), clock);
    ++generation;
  }

  lm::CascadeWorkloadConfig config;
  std::shared_ptr<lukhas::ManualClock> clock;
  std::unique_ptr<lm::FoldStore> store;
  std::uint64_t generation = 0;
  lm::WorkloadTotals totals;  // of the stores already replaced
  std::barrier<BetweenIterations> sync;
};

void BetweenIterations::operator()() noexcept {
  if (w->store->status().operations >= kOperationsPerStore) w->renew_store();
}

SharedWorkload* g_shared = nullptr;

void BM_Memory_CascadeWorkload(benchmark::State& state) {
  const bool thread0 = state.thread_index() == 0;
  if (thread0) {
    lm::CascadeWorkloadConfig config;
    config.seed = options().seed;
    config.prevention = state.range(0) != 0;
    config.threads = static_cast<unsigned>(state.threads());
    g_shared = new SharedWorkload(config, state.threads());
  }
  const std::size_t share = kOperationsPerIteration / static_cast<std::size_t>(state.threads());
  std::optional<lm::WorkloadDriver> driver;
  std::uint64_t driver_generation = 0;
  for (auto _ : measured(state)) {
    SharedWorkload& w = *g_shared;
    w.sync.arrive_and_wait();
    if (!driver) driver.emplace(*w.clock, w.config, static_cast<unsigned>(state.thread_index()));
    if (driver_generation != w.generation) {
      driver->forget_ids();
      driver_generation = w.generation;
    }
    driver->run(*w.store, share);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<benchmark::IterationCount>(share));
  if (!thread0) return;

  // Reported by thread 0 only: Google Benchmark sums counters over threads,
  // and these describe the shared stores, not a per-thread share.
  lm::WorkloadTotals totals = g_shared->totals;
  totals.add(g_shared->store->status());
  state.counters["prevention_rate"] = totals.prevention_rate();
  state.counters["prevention_rate_lower95"] = totals.prevention_rate_lower95();
  state.counters["lukhas_status_rate"] = totals.lukhas_status_rate();
  state.counters["cascades"] = static_cast<double>(totals.cascades);
  state.counters["prunes"] = static_cast<double>(totals.prunes);
  state.counters["operations"] = static_cast<double>(totals.operations);
  state.counters["hit_ratio"] = totals.hit_ratio();
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
