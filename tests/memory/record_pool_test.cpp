// Reuse of dropped folds' records: a record is reused only when nobody else
// holds it, a Fold a caller keeps is never written over, and a reused
// record carries the new fold's values only.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/memory/record_pool.hpp"
#include "store_fixture.hpp"

namespace lukhas::memory::test {
namespace {

TEST(RecordPool, ReusesARecordNobodyElseHolds) {
  RecordPool pool(4);
  auto record = std::make_shared<FoldRecord>();
  const FoldRecord* address = record.get();
  pool.give(std::move(record));
  EXPECT_EQ(pool.size(), 1u);
  EXPECT_EQ(pool.take().get(), address);
  EXPECT_EQ(pool.size(), 0u);
}

TEST(RecordPool, LeavesARecordACallerStillHolds) {
  RecordPool pool(4);
  auto record = std::make_shared<FoldRecord>();
  record->content = "kept by a caller";
  const std::shared_ptr<const FoldRecord> held = record;
  pool.give(std::move(record));
  const auto taken = pool.take();
  EXPECT_NE(taken.get(), held.get());
  EXPECT_EQ(held->content, "kept by a caller");
  EXPECT_EQ(held.use_count(), 1);  // the pool let go of it
}

TEST(RecordPool, HoldsNoMoreThanItsCapacity) {
  RecordPool pool(2);
  for (int i = 0; i < 5; ++i) pool.give(std::make_shared<FoldRecord>());
  EXPECT_EQ(pool.size(), 2u);
}

TEST(RefillContent, WritesOverABufferOfTheRightSize) {
  std::string kept(300, 'a');
  const char* buffer = kept.data();
  refill_content(kept, std::string(256, 'b'));
  EXPECT_EQ(kept, std::string(256, 'b'));
  EXPECT_EQ(kept.data(), buffer);
}

TEST(RefillContent, DoesNotKeepABufferFarLargerThanNeeded) {
  std::string kept(64 * 1024, 'a');
  refill_content(kept, std::string(100, 'b'));
  EXPECT_EQ(kept, std::string(100, 'b'));
  EXPECT_LT(kept.capacity(), 1024u);
}

TEST(RefillContent, TakesOverLargeContentInsteadOfCopyingIt) {
  std::string kept(40000, 'a');
  std::string large(32 * 1024, 'b');
  const char* buffer = large.data();
  refill_content(kept, std::move(large));
  EXPECT_EQ(kept.size(), 32u * 1024);
  EXPECT_EQ(kept.data(), buffer);
}

TEST(RefillContent, GrowsForLargerContent) {
  std::string kept(10, 'a');
  refill_content(kept, std::string(5000, 'b'));
  EXPECT_EQ(kept, std::string(5000, 'b'));
}

// Through the store: folds pruned and then dropped after retention come back
// as the records of new folds. A Fold a caller kept must read as it did.
TEST(FoldStoreRecordReuse, AFoldACallerHoldsIsNotWrittenOverWhenItsRecordIsDropped) {
  ClockedStore s(small_store(10));
  std::vector<Fold> held;
  for (int i = 0; i < 10; ++i) {
    held.push_back(s.add(0.01 * i, "held " + std::to_string(i)));  // the lowest go first
  }
  s.add(0.9, "pushes one out");  // prunes the lowest (held[0])
  s.clock->advance(std::chrono::days{8});
  // Each create drops what expired, and takes recycled records.
  for (int i = 0; i < 30; ++i) s.add(0.9, "new " + std::to_string(i));
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(held[i].record->content, "held " + std::to_string(i)) << i;
    EXPECT_DOUBLE_EQ(held[i].record->importance, 0.01 * i) << i;
  }
  EXPECT_GT(s.store.status().expired_dropped, 0u);
}

TEST(FoldStoreRecordReuse, AReusedRecordCarriesOnlyTheNewFold) {
  ClockedStore s(small_store(10));
  for (int i = 0; i < 11; ++i) {
    s.store.create(NewFold{std::string(200, 'o'), {}, 0.9, 0.1});
  }
  s.clock->advance(std::chrono::days{8});
  // The dropped fold's record (200 bytes of 'o', valence 0.9, a chain of
  // none) is reused for this one.
  IdGenerator g(1);
  const std::vector<Uuid> chain = {g.next()};
  const Fold fresh = s.store.create(NewFold{"short", chain, -0.25, 0.7});
  EXPECT_EQ(s.store.status().expired_dropped, 1u);
  const auto again = s.store.retrieve(fresh.record->id);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->record->content, "short");
  EXPECT_EQ(again->record->causal_chain, chain);
  EXPECT_DOUBLE_EQ(again->record->emotional_valence, -0.25);
  EXPECT_DOUBLE_EQ(again->record->importance, 0.7);
  EXPECT_EQ(again->record->created_at, s.clock->now());
  EXPECT_EQ(again->accessed_count, 1u);
}

}  // namespace
}  // namespace lukhas::memory::test
