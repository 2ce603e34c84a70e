#pragma once
// A store on a manual clock: tests move time by hand and never sleep.
#include <chrono>
#include <memory>
#include <string>

#include "core/common/clock.hpp"
#include "core/memory/fold_store.hpp"

namespace lukhas::memory::test {

struct ClockedStore {
  explicit ClockedStore(StoreConfig config = {})
      : clock(std::make_shared<ManualClock>()), store(config, clock) {}

  Fold add(double importance = kDefaultImportance, std::string content = "{}") {
    return store.create(NewFold{std::move(content), {}, 0.0, importance});
  }

  std::shared_ptr<ManualClock> clock;
  FoldStore store;
};

inline StoreConfig small_store(std::size_t max_folds = 10) {
  StoreConfig c;
  c.max_folds = max_folds;
  return c;
}

}  // namespace lukhas::memory::test
