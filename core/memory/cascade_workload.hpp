#pragma once
// The mixed create/retrieve/restore workload behind the cascade-prevention
// figure. The benchmark drives WorkloadDriver from its own threads; the unit
// test calls run_cascade_workload(), so the claim "with prevention off the
// rate falls below the target" is checked without timing anything.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/common/clock.hpp"
#include "core/memory/fold_store.hpp"

namespace lukhas::memory {

struct WorkloadMix {
  double create = 0.5;
  double retrieve = 0.4;
  double restore = 0.1;  // whatever create and retrieve leave
};

struct CascadeWorkloadConfig {
  std::uint64_t seed = 20261127;
  // Total over all threads. The Wilson bound needs at least 1277 operations
  // to reach 0.997 even with no cascade; 10,000 leaves room.
  std::size_t operations = 10000;
  unsigned threads = 1;
  bool prevention = true;
  std::size_t max_folds = 1000;
  std::size_t content_bytes = 256;
  // Each operation moves the manual clock on by this much, so the 7-day
  // retention (10,080 steps) expires within long runs and the soft-deleted
  // set stays bounded instead of growing with the iteration count.
  Duration clock_step = std::chrono::minutes{1};
  WorkloadMix mix;
};

StoreConfig workload_store_config(const CascadeWorkloadConfig& config);

// One thread's share of the workload against a shared store. Keeps the ids it
// created recently: retrieves and restores pick among them (some are pruned
// by then, which is the point), and a tenth of retrieves ask for an unknown id.
class WorkloadDriver {
 public:
  WorkloadDriver(ManualClock& clock, const CascadeWorkloadConfig& config, unsigned thread_index);

  void run(FoldStore& store, std::size_t operations);
  // The store was replaced: ids from the old one would only miss.
  void forget_ids();

  std::uint64_t creates() const { return creates_; }
  std::uint64_t retrieves() const { return retrieves_; }
  std::uint64_t restores() const { return restores_; }

 private:
  Uuid pick_known();

  ManualClock& clock_;
  Duration step_;
  WorkloadMix mix_;
  std::string content_;
  std::mt19937_64 rng_;
  std::uniform_real_distribution<double> unit_{0.0, 1.0};
  std::vector<Uuid> recent_;
  std::size_t recent_next_ = 0;
  std::uint64_t creates_ = 0;
  std::uint64_t retrieves_ = 0;
  std::uint64_t restores_ = 0;
};

// Builds a store on a manual clock, runs config.operations split over
// config.threads threads, and returns the store's final status.
StoreStatus run_cascade_workload(const CascadeWorkloadConfig& config);

// The figures of several stores' runs taken together (a long benchmark run
// replaces its store now and then to bound memory with prevention off).
struct WorkloadTotals {
  std::uint64_t operations = 0;
  std::uint64_t cascades = 0;
  std::uint64_t creates = 0;
  std::uint64_t prunes = 0;
  std::uint64_t retrieves = 0;
  std::uint64_t retrieve_hits = 0;

  void add(const StoreStatus& status);
  double prevention_rate() const;
  double prevention_rate_lower95() const;
  double lukhas_status_rate() const;
  double hit_ratio() const;
};

}  // namespace lukhas::memory
