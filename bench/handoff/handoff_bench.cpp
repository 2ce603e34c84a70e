// The handoff suite: update, get, enhance_prompt and the whole handoff at
// context sizes 10, 100 and 1000, each with a per-call latency variant, plus
// the compressing update at the 1000-entry limit.
//
// update and handoff append, so the context grows while measured; every
// max(1, n/10) calls it is reloaded to n entries outside the timed region,
// keeping the measured size within [n, 1.1 n]. The clock is a ManualClock
// held still, so entry ages (and so the ranking work) are the same each run.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>

#include "bench/handoff/handoff_data.hpp"
#include "bench/support/latency.hpp"
#include "bench/support/loop.hpp"
#include "bench/support/registry.hpp"
#include "bench/support/run.hpp"
#include "core/common/clock.hpp"
#include "core/handoff/context_manager.hpp"

namespace lukhas::bench::handoff {
namespace {

namespace ho = lukhas::handoff;

constexpr const char* kContext = "ctx-bench";
constexpr const char* kNextPrompt = "Continue from where model A stopped and summarise the open questions.";

struct Setup {
  lukhas::ManualClock clock;
  ho::ContextManager manager{clock};
  std::vector<ho::Entry> seed_entries;
  ho::Entry produced;
  std::size_t n;
  std::size_t reload_every;
  std::size_t appended = 0;

  // `age` shifts the whole context into the past (compression benchmarks).
  explicit Setup(std::size_t size, lukhas::Duration age = {})
      : seed_entries(make_context(size, clock.now() - age, options().seed)),
        produced(make_produced_entry(options().seed)),
        n(size),
        reload_every(std::max<std::size_t>(1, size / 10)) {
    reload();
  }
  void reload() {
    manager.load(kContext, seed_entries);
    appended = 0;
  }
  // Called after each appending call; reloads outside the timed region.
  void after_append(benchmark::State& state) {
    if (++appended < reload_every) return;
    pause(state);
    reload();
    resume(state);
  }
};

void label(benchmark::State& state, const Setup& s) {
  state.counters["context_entries"] = static_cast<double>(s.n);
  state.SetLabel("seed=" + std::to_string(options().seed));
}

std::size_t size_arg(const benchmark::State& state) { return static_cast<std::size_t>(state.range(0)); }

void BM_Handoff_Update(benchmark::State& state) {
  Setup s(size_arg(state));
  for (auto _ : measured(state)) {
    ho::Entry e = s.produced;  // the producer's copy is part of handing it over
    benchmark::DoNotOptimize(s.manager.update(kContext, std::move(e)));
    s.after_append(state);
  }
  state.SetItemsProcessed(state.iterations());
  label(state, s);
}

void BM_Handoff_Update_Latency(benchmark::State& state) {
  Setup s(size_arg(state));
  {
    LatencyRecorder rec(state);
    for (auto _ : measured(state)) {
      rec.time([&] {
        ho::Entry e = s.produced;
        benchmark::DoNotOptimize(s.manager.update(kContext, std::move(e)));
      });
      s.after_append(state);
    }
  }
  label(state, s);
}

void BM_Handoff_Get(benchmark::State& state) {
  Setup s(size_arg(state));
  for (auto _ : measured(state)) {
    auto v = s.manager.get(kContext);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
  label(state, s);
}

void BM_Handoff_Get_Latency(benchmark::State& state) {
  Setup s(size_arg(state));
  {
    LatencyRecorder rec(state);
    for (auto _ : measured(state)) {
      rec.time([&] {
        auto v = s.manager.get(kContext);
        benchmark::DoNotOptimize(v);
      });
    }
  }
  label(state, s);
}

void BM_Handoff_EnhancePrompt(benchmark::State& state) {
  Setup s(size_arg(state));
  for (auto _ : measured(state)) {
    auto p = s.manager.enhance_prompt(kContext, kNextPrompt);
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(state.iterations());
  label(state, s);
}

void BM_Handoff_EnhancePrompt_Latency(benchmark::State& state) {
  Setup s(size_arg(state));
  {
    LatencyRecorder rec(state);
    for (auto _ : measured(state)) {
      rec.time([&] {
        auto p = s.manager.enhance_prompt(kContext, kNextPrompt);
        benchmark::DoNotOptimize(p);
      });
    }
  }
  label(state, s);
}

void BM_Handoff_Handoff(benchmark::State& state) {
  Setup s(size_arg(state));
  for (auto _ : measured(state)) {
    auto r = s.manager.handoff(kContext, s.produced, kNextPrompt);
    benchmark::DoNotOptimize(r);
    s.after_append(state);
  }
  state.SetItemsProcessed(state.iterations());
  label(state, s);
}

void BM_Handoff_Handoff_Latency(benchmark::State& state) {
  Setup s(size_arg(state));
  {
    LatencyRecorder rec(state);
    for (auto _ : measured(state)) {
      rec.time([&] {
        auto r = s.manager.handoff(kContext, s.produced, kNextPrompt);
        benchmark::DoNotOptimize(r);
      });
      s.after_append(state);
    }
  }
  label(state, s);
}

// The expensive path of update: the context is at the 1000-entry limit and
// every entry is 2-3 hours old, so this update compresses all 1000 into one
// summary. Reloaded after every call (outside the timed region).
void BM_Handoff_UpdateCompress(benchmark::State& state) {
  Setup s(size_arg(state), std::chrono::hours(2));
  for (auto _ : measured(state)) {
    ho::Entry e = s.produced;
    benchmark::DoNotOptimize(s.manager.update(kContext, std::move(e)));
    pause(state);
    s.reload();
    resume(state);
  }
  state.SetItemsProcessed(state.iterations());
  label(state, s);
}

void BM_Handoff_UpdateCompress_Latency(benchmark::State& state) {
  Setup s(size_arg(state), std::chrono::hours(2));
  {
    LatencyRecorder rec(state);
    for (auto _ : measured(state)) {
      rec.time([&] {
        ho::Entry e = s.produced;
        benchmark::DoNotOptimize(s.manager.update(kContext, std::move(e)));
      });
      pause(state);
      s.reload();
      resume(state);
    }
  }
  label(state, s);
}

void sizes(benchmark::internal::Benchmark* b) { b->ArgName("entries")->Arg(10)->Arg(100)->Arg(1000); }
// Compression happens only above 1000 entries, so this has one size.
void at_the_limit(benchmark::internal::Benchmark* b) { b->ArgName("entries")->Arg(1000); }

}  // namespace

LUKHAS_BENCHMARK_PAIR(BM_Handoff_Update, sizes);
LUKHAS_BENCHMARK_PAIR(BM_Handoff_Get, sizes);
LUKHAS_BENCHMARK_PAIR(BM_Handoff_EnhancePrompt, sizes);
LUKHAS_BENCHMARK_PAIR(BM_Handoff_Handoff, sizes);
LUKHAS_BENCHMARK_PAIR(BM_Handoff_UpdateCompress, at_the_limit);

}  // namespace lukhas::bench::handoff
