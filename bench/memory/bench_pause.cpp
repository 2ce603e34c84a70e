// The longest single create at the limit, and the longest a concurrent
// retrieve waits meanwhile: the tail the _Latency percentiles cannot see,
// because the create that prunes is 1 in max_folds - keep (1 in 100,000 at
// 1,000,000 folds). One run times every one of kPauseCreates creates at
// the limit, with a reader thread timing retrieves throughout.
//
// Counters: p99_us, p999_us, max_us and samples are the creates' (as in
// every latency row, so the run summary prints them); retrieve_p999_us and
// retrieve_max_us are the reader's, retrieves how many it timed; prunes
// counts the prunes within the timed creates.
//
// Instruction mode leaves it out (bench-run's filter): it is a worst case in
// time, and a second thread makes callgrind's count depend on interleaving.
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

#include "bench/memory/store_setup.hpp"
#include "bench/support/latency.hpp"
#include "bench/support/registry.hpp"

namespace lukhas::bench::memory {
namespace {

constexpr std::int64_t kPauseCreates = 1'000'000;

std::int64_t elapsed_ns(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(b - a).count();
}

void BM_Memory_CreateAtLimit_Pause(benchmark::State& state) {
  const auto max_folds = static_cast<std::size_t>(state.range(0));
  const FoldInputs inputs;
  BenchStore b = store_at_limit(max_folds, kPauseCreates);
  std::size_t next = b.next_input;
  const auto warm = b.store->status();

  std::vector<std::int64_t> creates;
  creates.reserve(kPauseCreates);
  std::vector<std::int64_t> retrieves;
  retrieves.reserve(std::size_t{1} << 24);
  std::atomic<bool> stop{false};
  for (auto _ : state) {
    // The reader retrieves folds of the fill, pruned or not: a miss waits
    // for the lock like a hit does.
    std::thread reader([&] {
      std::size_t k = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        const auto& id = b.ids[k++ % b.ids.size()];
        const auto t0 = std::chrono::steady_clock::now();
        benchmark::DoNotOptimize(b.store->retrieve(id));
        const auto t1 = std::chrono::steady_clock::now();
        if (retrieves.size() < retrieves.capacity()) retrieves.push_back(elapsed_ns(t0, t1));
      }
    });
    for (std::int64_t i = 0; i < kPauseCreates; ++i) {
      b.clock->advance(kClockStep);
      lukhas::memory::NewFold input = inputs.make(next++);
      const auto t0 = std::chrono::steady_clock::now();
      benchmark::DoNotOptimize(b.store->create(std::move(input)));
      const auto t1 = std::chrono::steady_clock::now();
      creates.push_back(elapsed_ns(t0, t1));
    }
    stop.store(true, std::memory_order_relaxed);
    reader.join();
  }
  std::size_t over20 = 0, over50 = 0;
  for (const auto ns : creates) { over20 += ns > 20000; over50 += ns > 50000; }
  state.counters["over20"] = static_cast<double>(over20);
  state.counters["over50"] = static_cast<double>(over50);
  report_latency(state, percentiles(creates));
  const Percentiles r = percentiles(retrieves);
  state.counters["retrieve_p999_us"] = r.p999_ns / 1e3;
  state.counters["retrieve_max_us"] = r.max_ns / 1e3;
  state.counters["retrieves"] = static_cast<double>(r.samples);
  const auto st = b.store->status();
  state.counters["prunes"] = static_cast<double>(st.prune_events - warm.prune_events);
  state.SetItemsProcessed(kPauseCreates);
}

[[maybe_unused]] const auto* kPause = add("BM_Memory_CreateAtLimit_Pause", BM_Memory_CreateAtLimit_Pause)
                                          ->ArgName("folds")
                                          ->Arg(1000)
                                          ->Arg(100000)
                                          ->Arg(1000000)
                                          ->Iterations(1)
                                          ->UseRealTime()
                                          ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace lukhas::bench::memory
