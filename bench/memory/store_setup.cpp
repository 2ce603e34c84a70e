#include "bench/memory/store_setup.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>

#include "bench/support/run.hpp"
#include "core/memory/ids.hpp"

namespace lukhas::bench::memory {

namespace lm = lukhas::memory;

namespace {

constexpr std::size_t kInputTable = 4096;  // a power of two: index with a mask

// The suite's own context, recorded once before run() parses the flags.
[[maybe_unused]] const bool kContextAdded = [] {
  benchmark::AddCustomContext("memory_content_bytes", std::to_string(kContentBytes));
  benchmark::AddCustomContext("memory_clock",
                              "manual; at-limit and workload benchmarks step it 60 s per op");
  return true;
}();

}  // namespace

BenchStore filled_store(std::size_t max_folds, std::size_t fill, bool prevention) {
  BenchStore b;
  b.clock = std::make_shared<lukhas::ManualClock>();
  lm::StoreConfig config;
  config.max_folds = max_folds;
  config.prevention = prevention;
  config.id_seed = options().seed;
  b.store = std::make_unique<lm::FoldStore>(config, b.clock);
  const FoldInputs inputs;
  b.ids.reserve(fill);
  for (std::size_t i = 0; i < fill; ++i) b.ids.push_back(b.store->create(inputs.make(i)).record->id);
  b.next_input = fill;
  return b;
}

BenchStore store_at_limit(std::size_t max_folds, std::int64_t calls) {
  BenchStore b = filled_store(max_folds, max_folds);
  const FoldInputs inputs;
  auto create = [&] {
    b.clock->advance(kClockStep);
    b.store->create(inputs.make(b.next_input++));
  };
  auto prunes = [&] { return b.store->status().prune_events; };
  create();  // the store was exactly full: this create prunes
  const auto after_first = prunes();
  std::size_t period = 0;
  do {
    create();
    ++period;
  } while (prunes() == after_first);
  // The last create pruned, so the next prune is the period-th create from
  // here; leave `first` of them to the timed run.
  const auto limited = static_cast<std::size_t>(std::max<std::int64_t>(calls, 1));
  const std::size_t first = std::max<std::size_t>(1, std::min(limited, period) / 2);
  for (std::size_t j = first; j < period; ++j) create();
  return b;
}

FoldInputs::FoldInputs() : content_(kContentBytes, 'x') {
  // Shaped like the payloads LUKHAS stores; only its size matters here.
  const std::string head = R"({"type":"memory","text":")";
  content_.replace(0, head.size(), head);
  content_.replace(content_.size() - 2, 2, R"("})");
  std::mt19937_64 rng(options().seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (std::size_t i = 0; i < kInputTable; ++i) {
    importance_.push_back(unit(rng));
    valence_.push_back(unit(rng) * 2.0 - 1.0);
  }
}

lm::NewFold FoldInputs::make(std::size_t i) const {
  const std::size_t k = i & (kInputTable - 1);
  return lm::NewFold{content_, {}, valence_[k], importance_[k]};
}

std::vector<lm::Uuid> unknown_ids(std::size_t n) {
  lm::IdGenerator g(options().seed ^ 0x5DEECE66DULL);
  std::vector<lm::Uuid> ids(n);
  for (auto& id : ids) id = g.next();
  return ids;
}

}  // namespace lukhas::bench::memory
