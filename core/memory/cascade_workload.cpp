#include "core/memory/cascade_workload.hpp"

#include <memory>
#include <thread>

#include "core/memory/prevention_rate.hpp"

namespace lukhas::memory {

namespace {
// Enough history that restores often find a pruned fold (a store of 1000
// prunes the oldest-ranked hundred every hundred creates).
constexpr std::size_t kRecentIds = 2048;
constexpr double kUnknownRetrieveShare = 0.1;
}  // namespace

StoreConfig workload_store_config(const CascadeWorkloadConfig& config) {
  StoreConfig store;
  store.max_folds = config.max_folds;
  store.prevention = config.prevention;
  store.id_seed = config.seed;
  return store;
}

WorkloadDriver::WorkloadDriver(ManualClock& clock, const CascadeWorkloadConfig& config,
                               unsigned thread_index)
    : clock_(clock),
      step_(config.clock_step),
      mix_(config.mix),
      content_(config.content_bytes, 'x'),
      // Distinct, reproducible stream per thread.
      rng_(config.seed + 0x9E3779B97F4A7C15ULL * (thread_index + 1)) {
  recent_.reserve(kRecentIds);
}

Uuid WorkloadDriver::pick_known() {
  std::uniform_int_distribution<std::size_t> pick(0, recent_.size() - 1);
  return recent_[pick(rng_)];
}

void WorkloadDriver::forget_ids() {
  recent_.clear();
  recent_next_ = 0;
}

void WorkloadDriver::run(FoldStore& store, std::size_t operations) {
  for (std::size_t i = 0; i < operations; ++i) {
    clock_.advance(step_);
    const double roll = unit_(rng_);
    if (recent_.empty() || roll < mix_.create) {
      const Fold f = store.create(NewFold{content_, {}, unit_(rng_) * 2.0 - 1.0, unit_(rng_)});
      if (recent_.size() < kRecentIds) {
        recent_.push_back(f.record->id);
      } else {
        recent_[recent_next_] = f.record->id;
        recent_next_ = (recent_next_ + 1) % kRecentIds;
      }
      ++creates_;
    } else if (roll < mix_.create + mix_.retrieve) {
      const Uuid id = unit_(rng_) < kUnknownRetrieveShare ? Uuid{rng_(), rng_()} : pick_known();
      static_cast<void>(store.retrieve(id));
      ++retrieves_;
    } else {
      static_cast<void>(store.restore(pick_known()));
      ++restores_;
    }
  }
}

StoreStatus run_cascade_workload(const CascadeWorkloadConfig& config) {
  auto clock = std::make_shared<ManualClock>();
  FoldStore store(workload_store_config(config), clock);
  const unsigned threads = config.threads == 0 ? 1 : config.threads;
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    // The remainder goes to thread 0 so the total is exactly config.operations.
    const std::size_t share =
        config.operations / threads + (t == 0 ? config.operations % threads : 0);
    pool.emplace_back([&store, &clock, &config, t, share] {
      WorkloadDriver driver(*clock, config, t);
      driver.run(store, share);
    });
  }
  for (auto& th : pool) th.join();
  return store.status();
}

void WorkloadTotals::add(const StoreStatus& status) {
  operations += status.operations;
  cascades += status.cascade_events;
  creates += status.creates;
  prunes += status.prune_events;
  retrieves += status.retrieves;
  retrieve_hits += status.retrieve_hits;
}

double WorkloadTotals::prevention_rate() const {
  return memory::prevention_rate(cascades, operations).rate;
}

double WorkloadTotals::prevention_rate_lower95() const {
  return memory::prevention_rate(cascades, operations).lower95;
}

double WorkloadTotals::lukhas_status_rate() const {
  return memory::lukhas_status_rate(prunes, creates);
}

double WorkloadTotals::hit_ratio() const {
  return retrieves == 0 ? 0.0 : static_cast<double>(retrieve_hits) / static_cast<double>(retrieves);
}

}  // namespace lukhas::memory
