#pragma once
// Shared set-up of the memory benchmarks: a store on a manual clock, filled
// with seeded folds, and the inputs each loop draws from (prepared outside
// the measured region so the loop times the store, not the generator).
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/memory/clock.hpp"
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
  std::shared_ptr<lukhas::memory::ManualClock> clock;
  std::unique_ptr<lukhas::memory::FoldStore> store;
  std::vector<lukhas::memory::Uuid> ids;  // created during the fill, in order
};

// A store limited to max_folds with `fill` folds created (fill <= max_folds,
// so the fill itself never prunes). Seeded from --lukhas_seed.
BenchStore filled_store(std::size_t max_folds, std::size_t fill, bool prevention = true);

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
