#pragma once
// Shared set-up of the memory benchmarks: a store on a manual clock, filled
// with seeded folds, and the inputs each loop draws from (prepared outside
// the measured region so the loop times the store, not the generator).
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/common/clock.hpp"
#include "core/memory/fold_store.hpp"
#include "core/memory/uuid.hpp"

namespace lukhas::bench::memory {

// A typical fold payload: a small JSON document.
inline constexpr std::size_t kContentBytes = 256;
// Per-create clock step in the at-limit benchmarks: the 7-day retention then
// expires after 10,080 creates, so pruned folds are dropped at a steady rate
// and memory stays bounded however many iterations Google Benchmark picks.
inline constexpr auto kClockStep = std::chrono::minutes{1};
// The store sizes every size-dependent benchmark runs at.
inline const std::vector<long> kStoreSizes = {10, 100, 1000, 100000};

struct BenchStore {
  std::shared_ptr<lukhas::ManualClock> clock;
  std::unique_ptr<lukhas::memory::FoldStore> store;
  std::vector<lukhas::memory::Uuid> ids;  // created during the fill, in order
  std::size_t next_input = 0;             // FoldInputs index the next create should use
};

// A store limited to max_folds with `fill` folds created (fill <= max_folds,
// so the fill itself never prunes). Seeded from --lukhas_seed.
BenchStore filled_store(std::size_t max_folds, std::size_t fill, bool prevention = true);

// A store at its limit in the steady state, for the at-limit creates: a
// store filled exactly to the limit would charge its first prune (10,000
// folds at 100,000) to the first timed create, so a short run's p95 was that
// prune. Instead the fill is followed, untimed, by a prune, one full prune
// period (measured: max_folds - keep creates, 1 in 100 at 1,000 folds, 1 in
// 10,000 at 100,000) and enough creates that the first prune of the timed
// run falls on call max(1, min(calls, period) / 2). A run of `calls` >=
// period creates then sees prunes at their natural cadence (calls / period,
// rounded either way); a shorter run sees exactly one, in its middle, never
// on its first call. The warm-up steps the clock like the timed loop does,
// so retention expiries keep their cadence too.
BenchStore store_at_limit(std::size_t max_folds, std::int64_t calls);

// Inputs for creates: content of kContentBytes and seeded importances and
// valences, cycled through by index.
class FoldInputs {
 public:
  FoldInputs();
  lukhas::memory::NewFold make(std::size_t i) const;

 private:
  std::string content_;
  std::vector<double> importance_;
  std::vector<double> valence_;
};

// Ids no store holds (a different generator stream from the stores').
std::vector<lukhas::memory::Uuid> unknown_ids(std::size_t n);

}  // namespace lukhas::bench::memory
