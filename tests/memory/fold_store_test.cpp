// Create, retrieve, restore, dry run, validation, retention and the causal chain.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/memory/errors.hpp"
#include "core/memory/fold_store.hpp"
#include "store_fixture.hpp"

namespace lukhas::memory::test {
namespace {

using std::chrono::days;
using std::chrono::seconds;

TEST(FoldStore, CreateRecordsTheInputAndTheClock) {
  ClockedStore s;
  const Uuid parent = s.add().record->id;
  const Fold f = s.store.create(NewFold{R"({"k":1})", {parent}, -0.25, 0.75});
  EXPECT_EQ(f.record->content, R"({"k":1})");
  EXPECT_EQ(f.record->causal_chain, std::vector<Uuid>{parent});
  EXPECT_DOUBLE_EQ(f.record->emotional_valence, -0.25);
  EXPECT_DOUBLE_EQ(f.record->importance, 0.75);
  EXPECT_EQ(f.record->created_at, s.clock->now());
  EXPECT_EQ(f.accessed_count, 0u);
  EXPECT_FALSE(f.deleted_at);
  EXPECT_TRUE(is_v4(f.record->id));
  EXPECT_EQ(s.store.status().creates, 2u);
}

TEST(FoldStore, ImportanceDefaultsToOneHalf) {
  ClockedStore s;
  EXPECT_DOUBLE_EQ(s.store.create(NewFold{"x"}).record->importance, 0.5);
}

TEST(FoldStore, ValenceAndImportanceAreClamped) {
  ClockedStore s;
  const double inf = std::numeric_limits<double>::infinity();
  struct Case {
    double valence, importance, want_valence, want_importance;
  };
  for (const Case& c : std::vector<Case>{{5.0, 2.0, 1.0, 1.0},
                                         {-3.0, -1.0, -1.0, 0.0},
                                         {inf, -inf, 1.0, 0.0},
                                         {-1.0, 1.0, -1.0, 1.0},
                                         {0.3, 0.4, 0.3, 0.4}}) {
    const Fold f = s.store.create(NewFold{"x", {}, c.valence, c.importance});
    EXPECT_DOUBLE_EQ(f.record->emotional_valence, c.want_valence) << c.valence;
    EXPECT_DOUBLE_EQ(f.record->importance, c.want_importance) << c.importance;
  }
}

TEST(FoldStore, NanValenceIsRefusedAndNothingIsStored) {
  ClockedStore s;
  try {
    s.store.create(NewFold{"x", {}, std::nan(""), 0.5});
    FAIL() << "NaN valence accepted";
  } catch (const InvalidFold& e) {
    EXPECT_EQ(e.reason(), FoldErrorReason::valence_not_a_number);
    EXPECT_NE(std::string(e.what()).find("emotional_valence"), std::string::npos) << e.what();
  }
  EXPECT_EQ(s.store.status().live, 0u);
  EXPECT_EQ(s.store.status().creates, 0u);
}

TEST(FoldStore, NanImportanceIsRefused) {
  ClockedStore s;
  try {
    s.store.create(NewFold{"x", {}, 0.0, std::numeric_limits<double>::quiet_NaN()});
    FAIL() << "NaN importance accepted";
  } catch (const InvalidFold& e) {
    EXPECT_EQ(e.reason(), FoldErrorReason::importance_not_a_number);
    EXPECT_NE(std::string(e.what()).find("importance"), std::string::npos) << e.what();
  }
  EXPECT_EQ(s.store.status().live, 0u);
}

TEST(FoldStore, ContentOverTheCapIsRefusedWithItsSize) {
  ClockedStore s;
  EXPECT_NO_THROW(s.store.create(NewFold{std::string(64 * 1024, 'a')}));
  try {
    s.store.create(NewFold{std::string(64 * 1024 + 1, 'a')});
    FAIL() << "oversized content accepted";
  } catch (const InvalidFold& e) {
    EXPECT_EQ(e.reason(), FoldErrorReason::content_too_large);
    const std::string msg = e.what();
    EXPECT_NE(msg.find("65537"), std::string::npos) << msg;
    EXPECT_NE(msg.find("65536"), std::string::npos) << msg;
  }
  EXPECT_EQ(s.store.status().live, 1u);
}

TEST(FoldStore, ContentCapIsConfigurable) {
  StoreConfig c;
  c.content_cap_bytes = 4;
  ClockedStore s(c);
  EXPECT_NO_THROW(s.add(0.5, "abcd"));
  EXPECT_THROW(s.add(0.5, "abcde"), InvalidFold);
}

TEST(FoldStore, InvalidConfigIsRefused) {
  StoreConfig c;
  c.max_folds = 0;
  EXPECT_THROW(FoldStore{c}, InvalidStoreConfig);
  c.max_folds = kMaxFoldsLimit + 1;  // past what 32-bit slots can number
  EXPECT_THROW(FoldStore{c}, InvalidStoreConfig);
  c.max_folds = kMaxFoldsLimit;  // allowed, and allocates for it lazily
  EXPECT_NO_THROW(FoldStore{c});
  c = {};
  c.keep_ratio = std::nan("");
  EXPECT_THROW(FoldStore{c}, InvalidStoreConfig);
  c.keep_ratio = 1.5;
  EXPECT_THROW(FoldStore{c}, InvalidStoreConfig);
  c = {};
  c.retention = seconds(-1);
  EXPECT_THROW(FoldStore{c}, InvalidStoreConfig);
}

TEST(FoldStore, RetrieveHitCountsAnAccess) {
  ClockedStore s;
  const Uuid id = s.add().record->id;
  EXPECT_EQ(s.store.retrieve(id)->accessed_count, 1u);
  EXPECT_EQ(s.store.retrieve(id)->accessed_count, 2u);
  const StoreStatus st = s.store.status();
  EXPECT_EQ(st.retrieve_hits, 2u);
  EXPECT_EQ(st.retrieve_misses, 0u);
}

TEST(FoldStore, RetrieveSharesContentInsteadOfCopyingIt) {
  ClockedStore s;
  const Fold created = s.add(0.5, std::string(1000, 'z'));
  const auto got = s.store.retrieve(created.record->id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->record.get(), created.record.get());
}

TEST(FoldStore, UnknownIdIsAMissNotAnError) {
  ClockedStore s;
  s.add();
  EXPECT_FALSE(s.store.retrieve(Uuid{1, 2}));
  EXPECT_EQ(s.store.status().retrieve_misses, 1u);
}

TEST(FoldStore, SoftDeletedFoldIsAMiss) {
  ClockedStore s;
  const Uuid id = s.add().record->id;
  ASSERT_TRUE(s.store.soft_delete(id));
  EXPECT_FALSE(s.store.retrieve(id));
  const StoreStatus st = s.store.status();
  EXPECT_EQ(st.live, 0u);
  EXPECT_EQ(st.deleted, 1u);
  EXPECT_EQ(st.retrieve_misses, 1u);
  EXPECT_FALSE(s.store.soft_delete(id));  // already deleted
}

TEST(FoldStore, RestoreWithinRetentionBringsTheFoldBackWithItsAccessCount) {
  ClockedStore s;
  const Uuid id = s.add().record->id;
  ASSERT_TRUE(s.store.retrieve(id));
  ASSERT_TRUE(s.store.soft_delete(id));
  s.clock->advance(days(7));  // exactly the retention: still within it
  EXPECT_EQ(s.store.restore(id), RestoreOutcome::restored);
  const auto got = s.store.retrieve(id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->accessed_count, 2u);
  EXPECT_EQ(s.store.status().restores, 1u);
  EXPECT_EQ(s.store.status().deleted, 0u);
}

TEST(FoldStore, RestorePastRetentionFails) {
  ClockedStore s;
  const Uuid id = s.add().record->id;
  ASSERT_TRUE(s.store.soft_delete(id));
  s.clock->advance(days(7) + seconds(1));
  EXPECT_EQ(s.store.restore(id), RestoreOutcome::expired);
  EXPECT_FALSE(s.store.retrieve(id));
  EXPECT_EQ(s.store.status().restore_failures, 1u);
  EXPECT_EQ(s.store.status().restores, 0u);
}

TEST(FoldStore, RestoreOfALiveOrUnknownFoldFails) {
  ClockedStore s;
  const Uuid id = s.add().record->id;
  EXPECT_EQ(s.store.restore(id), RestoreOutcome::not_deleted);
  EXPECT_EQ(s.store.restore(Uuid{3, 4}), RestoreOutcome::not_found);
  EXPECT_EQ(s.store.status().restore_failures, 2u);
}

TEST(FoldStore, RestoreAtTheLimitPrunesInsteadOfPassingIt) {
  ClockedStore s;
  const Uuid victim = s.add(0.0).record->id;
  ASSERT_TRUE(s.store.soft_delete(victim));
  for (int i = 0; i < 1000; ++i) s.add();
  ASSERT_EQ(s.store.live_count(), 1000u);
  ASSERT_EQ(s.store.status().prune_events, 0u);

  EXPECT_EQ(s.store.restore(victim), RestoreOutcome::restored);
  const StoreStatus st = s.store.status();
  EXPECT_LE(st.live, 1000u);
  EXPECT_EQ(st.live, 901u);
  EXPECT_EQ(st.prune_events, 1u);
  EXPECT_EQ(st.cascade_events, 0u);
  // The restored fold is live even though it ranks lowest: it was not in
  // the ranking, it came back after the prune made room.
  EXPECT_TRUE(s.store.retrieve(victim));
}

TEST(FoldStore, WithoutPreventionARestoreAtTheLimitIsACascade) {
  StoreConfig c;
  c.prevention = false;
  ClockedStore s(c);
  const Uuid victim = s.add().record->id;
  ASSERT_TRUE(s.store.soft_delete(victim));
  for (int i = 0; i < 1000; ++i) s.add();
  EXPECT_EQ(s.store.restore(victim), RestoreOutcome::restored);
  const StoreStatus st = s.store.status();
  EXPECT_EQ(st.live, 1001u);
  EXPECT_EQ(st.prune_events, 0u);
  EXPECT_EQ(st.cascade_events, 1u);
}

TEST(FoldStore, ExpiredDeletedFoldsAreDroppedOnCreate) {
  ClockedStore s;
  const Uuid old1 = s.add().record->id;
  const Uuid old2 = s.add().record->id;
  const Uuid young = s.add().record->id;
  ASSERT_TRUE(s.store.soft_delete(old1));
  ASSERT_TRUE(s.store.soft_delete(old2));
  s.clock->advance(days(2));
  ASSERT_TRUE(s.store.soft_delete(young));
  s.clock->advance(days(5) + seconds(1));  // old ones: 7 d + 1 s; young: 5 d + 1 s

  EXPECT_EQ(s.store.status().deleted, 3u);  // nothing dropped until a create
  s.add();
  const StoreStatus st = s.store.status();
  EXPECT_EQ(st.deleted, 1u);
  EXPECT_EQ(st.expired_dropped, 2u);
  EXPECT_EQ(s.store.restore(old1), RestoreOutcome::not_found);
  EXPECT_EQ(s.store.restore(young), RestoreOutcome::restored);
}

TEST(FoldStore, ARestoredFoldIsNotDroppedByItsOldDeletion) {
  ClockedStore s;
  const Uuid id = s.add().record->id;
  ASSERT_TRUE(s.store.soft_delete(id));
  ASSERT_EQ(s.store.restore(id), RestoreOutcome::restored);
  s.clock->advance(days(8));
  s.add();
  EXPECT_TRUE(s.store.retrieve(id));
  EXPECT_EQ(s.store.status().expired_dropped, 0u);
}

TEST(FoldStore, DeletedAgainAtTheSameInstantIsDroppedOnce) {
  // Two queue entries carry the same deletion time; only the current one may
  // drop the fold, and the stale one must not touch it afterwards.
  ClockedStore s;
  const Uuid id = s.add().record->id;
  ASSERT_TRUE(s.store.soft_delete(id));
  ASSERT_EQ(s.store.restore(id), RestoreOutcome::restored);
  ASSERT_TRUE(s.store.soft_delete(id));
  s.clock->advance(days(8));
  s.add();
  EXPECT_EQ(s.store.status().expired_dropped, 1u);
  EXPECT_EQ(s.store.status().deleted, 0u);
}

TEST(FoldStore, ASlotReusedAfterADropIsNotDroppedByOldDeletions) {
  // The dropped fold's storage goes to the next create; expiry records of
  // the old tenant must not reach the new one.
  ClockedStore s;
  const Uuid old_fold = s.add().record->id;
  ASSERT_TRUE(s.store.soft_delete(old_fold));
  ASSERT_EQ(s.store.restore(old_fold), RestoreOutcome::restored);
  ASSERT_TRUE(s.store.soft_delete(old_fold));  // two queue entries for it now
  s.clock->advance(days(8));
  const Uuid tenant = s.add().record->id;  // drops old_fold, reuses its slot
  ASSERT_EQ(s.store.status().expired_dropped, 1u);
  ASSERT_TRUE(s.store.soft_delete(tenant));
  ASSERT_EQ(s.store.restore(tenant), RestoreOutcome::restored);
  s.clock->advance(days(8));
  s.add();
  EXPECT_TRUE(s.store.retrieve(tenant));
  EXPECT_FALSE(s.store.retrieve(old_fold));
  EXPECT_EQ(s.store.status().live, 2u);
  EXPECT_EQ(s.store.status().deleted, 0u);
}

TEST(FoldStore, DryRunStoresNothing) {
  StoreConfig c;
  c.mode = StoreMode::dry_run;
  ClockedStore s(c);
  const Fold f = s.add(0.9, "dry");
  EXPECT_EQ(f.record->content, "dry");
  EXPECT_DOUBLE_EQ(f.record->importance, 0.9);
  EXPECT_TRUE(is_v4(f.record->id));
  EXPECT_FALSE(s.store.retrieve(f.record->id));
  const StoreStatus st = s.store.status();
  EXPECT_EQ(st.live, 0u);
  EXPECT_EQ(st.creates, 0u);
  EXPECT_EQ(st.retrieves, 0u);
}

TEST(FoldStore, DryRunStillRefusesBadInput) {
  StoreConfig c;
  c.mode = StoreMode::dry_run;
  ClockedStore s(c);
  EXPECT_THROW(s.store.create(NewFold{"x", {}, std::nan("")}), InvalidFold);
}

TEST(FoldStore, DryRunRetrieveCountsNoAccess) {
  ClockedStore s;
  const Uuid id = s.add().record->id;
  s.store.set_mode(StoreMode::dry_run);
  const auto seen = s.store.retrieve(id);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->accessed_count, 0u);
  ASSERT_TRUE(s.store.retrieve(id));
  EXPECT_EQ(s.store.status().retrieves, 0u);
  s.store.set_mode(StoreMode::live);
  EXPECT_EQ(s.store.retrieve(id)->accessed_count, 1u);
}

TEST(FoldStore, DryRunRestoreReportsWithoutRestoring) {
  ClockedStore s;
  const Uuid id = s.add().record->id;
  ASSERT_TRUE(s.store.soft_delete(id));
  s.store.set_mode(StoreMode::dry_run);
  EXPECT_EQ(s.store.restore(id), RestoreOutcome::restored);
  s.store.set_mode(StoreMode::live);
  EXPECT_FALSE(s.store.retrieve(id));
}

TEST(FoldStore, CausalChainReturnsLiveLinksInChainOrder) {
  ClockedStore s;
  const Uuid a = s.add(0.5, "a").record->id;
  const Uuid b = s.add(0.5, "b").record->id;
  const Uuid c = s.add(0.5, "c").record->id;
  const Uuid grand = s.add(0.5, "g").record->id;
  // One level deep: a's own chain is not followed.
  const Uuid d = s.store.create(NewFold{"d", {c, Uuid{9, 9}, a, b}}).record->id;
  s.store.create(NewFold{"a2", {grand}});
  ASSERT_TRUE(s.store.soft_delete(b));

  const std::vector<Fold> chain = s.store.causal_chain(d);
  ASSERT_EQ(chain.size(), 2u);
  EXPECT_EQ(chain[0].record->id, c);
  EXPECT_EQ(chain[1].record->id, a);
  EXPECT_EQ(s.store.status().retrieves, 0u);
  EXPECT_TRUE(s.store.causal_chain(Uuid{7, 7}).empty());
}

}  // namespace
}  // namespace lukhas::memory::test
