// The comparator's own speed (docs/comparator.md): two generated
// files of 10,000 benchmarks x 20 repetitions, parsed, merged and decided.
// The end-to-end CLI, with its peak memory, is timed by time_cli.sh.
#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "bench/support/loop.hpp"
#include "bench/support/registry.hpp"
#include "compare/decide.hpp"
#include "compare/gbench_json.hpp"
#include "compare/gbench_write.hpp"
#include "compare/merge.hpp"

namespace {

using namespace lukhas::compare;

// Generated once per size: baseline (seed 1) and contender (seed 2, +1%).
const std::pair<std::string, std::string>& inputs(std::size_t benchmarks, std::size_t repetitions) {
  static std::map<std::pair<std::size_t, std::size_t>, std::pair<std::string, std::string>> cache;
  auto [it, fresh] = cache.try_emplace({benchmarks, repetitions});
  if (fresh) {
    SyntheticSpec b{benchmarks, repetitions, 1, 0.0, 0.01};
    SyntheticSpec c{benchmarks, repetitions, 2, 0.01, 0.01};
    it->second = {write_gbench_json(generate_synthetic(b)), write_gbench_json(generate_synthetic(c))};
  }
  return it->second;
}

Side parse_side(const std::string& text, const char* name) {
  std::vector<GbenchFile> files;
  files.push_back(parse_gbench_json(text, name));
  return merge_files(std::move(files));
}

void BM_Compare_ParseAndDecide(benchmark::State& state) {
  const auto& [base, cont] = inputs(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  std::size_t comparisons = 0;
  for (auto _ : lukhas::bench::measured(state)) {
    const Side b = parse_side(base, "baseline.json");
    const Side c = parse_side(cont, "contender.json");
    const Report r = decide(b, c, Settings{});
    comparisons = r.comparisons.size();
    benchmark::DoNotOptimize(r.summary.exit_code);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(base.size() + cont.size()));
  state.counters["comparisons"] = static_cast<double>(comparisons);
}
LUKHAS_BENCHMARK(BM_Compare_ParseAndDecide)
    ->ArgNames({"benchmarks", "repetitions"})
    ->Args({1000, 20})
    ->Args({10000, 20})
    ->Unit(benchmark::kMillisecond);

void BM_Compare_Parse(benchmark::State& state) {
  const std::string& text = inputs(static_cast<std::size_t>(state.range(0)), 20).first;
  for (auto _ : lukhas::bench::measured(state)) {
    GbenchFile f = parse_gbench_json(text, "baseline.json");
    benchmark::DoNotOptimize(f.rows.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
LUKHAS_BENCHMARK(BM_Compare_Parse)->ArgName("benchmarks")->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_Compare_Decide(benchmark::State& state) {
  const auto& [base, cont] = inputs(static_cast<std::size_t>(state.range(0)), 20);
  const Side b = parse_side(base, "baseline.json");
  const Side c = parse_side(cont, "contender.json");
  for (auto _ : lukhas::bench::measured(state)) {
    const Report r = decide(b, c, Settings{});
    benchmark::DoNotOptimize(r.summary.exit_code);
  }
}
LUKHAS_BENCHMARK(BM_Compare_Decide)->ArgName("benchmarks")->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
