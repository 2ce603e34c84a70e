#pragma once
// The two shapes every schema benchmark comes in: throughput (items per
// second over the timed loop) and per-call latency (p50/p95/p99/max). A
// database error ends the run with SkipWithError, so the row shows the
// server's message and the suite exits 1.
#include <benchmark/benchmark.h>

#include <exception>

#include "bench/support/latency.hpp"
#include "bench/support/loop.hpp"

namespace lukhas::bench::schema {

struct NoPrep {
  void operator()() const {}
};

// `prep` runs before each call, outside the latency sample; it must pause
// the timer itself for anything costly (see ConsentRevoke's refill).
// Every schema benchmark, both shapes: a call is a round trip to the
// server, so wall time (not this process's CPU time), in microseconds.
inline void wall_time_us(benchmark::internal::Benchmark* b) {
  b->UseRealTime()->Unit(benchmark::kMicrosecond);
}

template <class Op, class Prep = NoPrep>
void drive(benchmark::State& state, bool latency, Op&& op, Prep&& prep = {}) {
  try {
    if (latency) {
      LatencyRecorder rec(state);
      for (auto _ : measured(state)) {
        prep();
        rec.time([&] { op(); });
      }
    } else {
      for (auto _ : measured(state)) {
        prep();
        op();
      }
    }
    state.SetItemsProcessed(state.iterations());
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

}  // namespace lukhas::bench::schema
