// Several threads on one store: the limit holds at every observation and the
// counters add up afterwards. Runs under the sanitizers too (asan preset);
// for data races build with -fsanitize=thread.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <utility>
#include <random>
#include <thread>
#include <vector>

#include "core/memory/fold_store.hpp"
#include "store_fixture.hpp"

namespace lukhas::memory::test {
namespace {

TEST(FoldStoreConcurrency, CreatesAndRetrievesKeepTheLimitAndTheCounts) {
  ClockedStore s;
  constexpr int kThreads = 4;
  constexpr int kOps = 5000;
  std::atomic<bool> done{false};
  std::atomic<int> over_limit{0};
  std::atomic<int> observations{0};

  std::thread observer([&] {
    while (!done.load()) {
      const StoreStatus st = s.store.status();
      if (st.live > 1000) over_limit.fetch_add(1);
      if (st.retrieve_hits + st.retrieve_misses != st.retrieves) over_limit.fetch_add(1);
      observations.fetch_add(1);
    }
  });

  std::vector<int> creates(kThreads, 0), retrieves(kThreads, 0), hits(kThreads, 0);
  std::vector<std::thread> workers;
  for (int t = 0; t < kThreads; ++t) {
    workers.emplace_back([&, t] {
      std::mt19937_64 rng(1000 + static_cast<unsigned>(t));
      std::vector<Uuid> mine;
      for (int i = 0; i < kOps; ++i) {
        if (mine.empty() || rng() % 2 == 0) {
          mine.push_back(
              s.store.create(NewFold{"c", {}, 0.0, static_cast<double>(rng() % 100) / 100.0})
                  .record->id);
          ++creates[t];
        } else {
          const auto got = s.store.retrieve(mine[rng() % mine.size()]);
          ++retrieves[t];
          if (got) ++hits[t];
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  done.store(true);
  observer.join();

  int total_creates = 0, total_retrieves = 0, total_hits = 0;
  for (int t = 0; t < kThreads; ++t) {
    total_creates += creates[t];
    total_retrieves += retrieves[t];
    total_hits += hits[t];
  }
  const StoreStatus st = s.store.status();
  EXPECT_EQ(over_limit.load(), 0);
  EXPECT_GT(observations.load(), 0);
  EXPECT_EQ(st.creates, static_cast<std::uint64_t>(total_creates));
  EXPECT_EQ(st.retrieves, static_cast<std::uint64_t>(total_retrieves));
  EXPECT_EQ(st.retrieve_hits, static_cast<std::uint64_t>(total_hits));
  EXPECT_EQ(st.operations, static_cast<std::uint64_t>(kThreads * kOps));
  // Nothing expires (the clock stands still), so every fold ever created is
  // either live or soft-deleted by a prune.
  EXPECT_EQ(st.live + st.deleted, st.creates);
  EXPECT_EQ(st.deleted, st.folds_pruned);
  EXPECT_EQ(st.live, st.creates - 100 * st.prune_events);
  EXPECT_LE(st.live, 1000u);
  EXPECT_EQ(st.cascade_events, 0u);
}

TEST(FoldStoreConcurrency, ConcurrentRetrievesOfOneFoldCountEveryAccess) {
  ClockedStore s;
  const Uuid id = s.add().record->id;
  constexpr int kThreads = 4;
  constexpr int kReads = 5000;
  std::vector<std::thread> readers;
  for (int t = 0; t < kThreads; ++t) {
    readers.emplace_back([&] {
      for (int i = 0; i < kReads; ++i) ASSERT_TRUE(s.store.retrieve(id));
    });
  }
  for (auto& r : readers) r.join();
  EXPECT_EQ(s.store.retrieve(id)->accessed_count, kThreads * kReads + 1u);
}

// Dropped folds' records are reused by later creates (RecordPool). Readers
// that hold Folds across those drops must never see them change: each fold's
// content names its own insertion sequence, and a reader checks that, holds
// the fold while the creator churns, and checks again. Under
// -fsanitize=thread this is also the race check for the reuse hand-off.
TEST(FoldStoreConcurrency, FoldsHeldByReadersAreNeverRewrittenByRecordReuse) {
  StoreConfig config = small_store(50);
  config.retention = std::chrono::minutes{5};
  ClockedStore s(config);
  constexpr int kCreates = 20000;
  constexpr int kReaders = 3;
  std::mutex ids_mutex;
  std::vector<Uuid> recent;  // the creator's latest ids, for the readers to ask for
  std::atomic<bool> done{false};
  std::atomic<int> mismatches{0};
  std::atomic<long> held_checks{0};

  const auto names_itself = [](const Fold& f) {
    return f.record->content == "fold " + std::to_string(f.record->sequence);
  };
  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&, r] {
      std::mt19937_64 rng(static_cast<std::uint64_t>(r));
      std::vector<std::pair<Fold, std::uint64_t>> held;  // with the sequence first seen
      while (!done.load()) {
        Uuid id;
        {
          std::lock_guard lock(ids_mutex);
          if (recent.empty()) continue;
          id = recent[rng() % recent.size()];
        }
        if (auto f = s.store.retrieve(id)) {
          if (!names_itself(*f)) mismatches.fetch_add(1);
          const std::uint64_t sequence = f->record->sequence;
          held.emplace_back(std::move(*f), sequence);
        }
        if (held.size() == 64) {
          // Held through many creates, drops and reuses: still themselves.
          for (const auto& [f, sequence] : held) {
            if (f.record->sequence != sequence || !names_itself(f)) mismatches.fetch_add(1);
            held_checks.fetch_add(1);
          }
          held.clear();
        }
      }
    });
  }
  for (int i = 0; i < kCreates; ++i) {
    const Fold f = s.add(0.5, "fold " + std::to_string(i));
    s.clock->advance(std::chrono::seconds{1});
    std::lock_guard lock(ids_mutex);
    recent.push_back(f.record->id);
    if (recent.size() > 200) recent.erase(recent.begin(), recent.begin() + 100);
  }
  done.store(true);
  for (auto& t : readers) t.join();

  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_GT(held_checks.load(), 0);
  EXPECT_GT(s.store.status().expired_dropped, static_cast<std::uint64_t>(kCreates / 2));
  EXPECT_FALSE(s.store.check_consistency().has_value());
}

}  // namespace
}  // namespace lukhas::memory::test
