// The two rates of status(): the original's prune-frequency formula and the
// cascade-prevention rate with its Wilson bound.
#include <gtest/gtest.h>

#include <cmath>

#include "core/memory/fold_store.hpp"
#include "core/memory/prevention_rate.hpp"
#include "store_fixture.hpp"

namespace lukhas::memory::test {
namespace {

TEST(WilsonLowerBound, ZeroFailuresReach0997AtExactly1277Operations) {
  // With no failures the bound is n / (n + z^2); docs/memory-store.md says
  // 1277 is the first n at or above 0.997. Pinned numerically.
  EXPECT_GE(wilson_lower_bound(1277, 1277), 0.997);
  EXPECT_LT(wilson_lower_bound(1276, 1276), 0.997);
  EXPECT_NEAR(wilson_lower_bound(1277, 1277), 1277.0 / (1277.0 + 1.96 * 1.96), 1e-12);
}

TEST(WilsonLowerBound, MatchesPublishedValues) {
  // 8 of 10 at 95%: the Wilson interval is [0.4902, 0.9433].
  EXPECT_NEAR(wilson_lower_bound(8, 10), 0.4902, 1e-4);
  // Half of 100: 0.4038.
  EXPECT_NEAR(wilson_lower_bound(50, 100), 0.4038, 1e-4);
  EXPECT_NEAR(wilson_lower_bound(0, 10), 0.0, 1e-12);
  EXPECT_EQ(wilson_lower_bound(0, 0), 0.0);
}

TEST(PreventionRate, IsOneMinusCascadesOverOperations) {
  const PreventionRate r = prevention_rate(3, 1000);
  EXPECT_DOUBLE_EQ(r.rate, 0.997);
  EXPECT_NEAR(r.lower95, wilson_lower_bound(997, 1000), 1e-15);
  EXPECT_LT(r.lower95, r.rate);
  EXPECT_EQ(prevention_rate(0, 0).rate, 1.0);
}

TEST(LukhasStatusRate, FirstDropsBelowTargetAtCreate1301) {
  ClockedStore s;
  for (int i = 1; i <= 1300; ++i) {
    s.add();
    ASSERT_GE(s.store.status().lukhas_status_rate, 0.997) << "create " << i;
  }
  const StoreStatus at1300 = s.store.status();
  EXPECT_EQ(at1300.prune_events, 3u);  // at creates 1001, 1101, 1201
  s.add();
  const StoreStatus at1301 = s.store.status();
  EXPECT_EQ(at1301.prune_events, 4u);
  EXPECT_LT(at1301.lukhas_status_rate, 0.997);
  EXPECT_DOUBLE_EQ(at1301.lukhas_status_rate, 1.0 - 4.0 / 1301.0);
  // Nothing went wrong, though: prevention held.
  EXPECT_EQ(at1301.cascade_events, 0u);
  EXPECT_EQ(at1301.prevention_rate, 1.0);
}

TEST(PreventionRate, SteadyCreatesWithPreventionHaveNoCascades) {
  ClockedStore s;
  for (int i = 0; i < 1301; ++i) s.add();
  const StoreStatus st = s.store.status();
  EXPECT_EQ(st.cascade_events, 0u);
  EXPECT_EQ(st.operations, 1301u);
  EXPECT_EQ(st.prevention_rate, 1.0);
  EXPECT_GE(st.prevention_rate_lower95, 0.997);
}

TEST(PreventionRate, SteadyCreatesWithoutPreventionShowCascades) {
  StoreConfig c;
  c.prevention = false;
  ClockedStore s(c);
  for (int i = 0; i < 1301; ++i) s.add();
  const StoreStatus st = s.store.status();
  EXPECT_EQ(st.live, 1301u);
  EXPECT_EQ(st.cascade_events, 301u);  // every create after the thousandth
  EXPECT_LT(st.prevention_rate, 0.997);
  EXPECT_LT(st.prevention_rate_lower95, 0.997);
  // The original's formula cannot see it: no prunes, so it reads 1.
  EXPECT_EQ(st.lukhas_status_rate, 1.0);
}

TEST(PreventionRate, APruneThatCannotMakeRoomIsACascade) {
  StoreConfig c = small_store(10);
  c.keep_ratio = 1.0;  // a prune keeps all ten
  ClockedStore s(c);
  for (int i = 0; i < 10; ++i) s.add();
  ASSERT_EQ(s.store.status().cascade_events, 0u);
  s.add();
  const StoreStatus st = s.store.status();
  EXPECT_EQ(st.prune_events, 1u);
  EXPECT_EQ(st.cascade_events, 1u);
}

TEST(PreventionRate, RetrievesWhileOverTheLimitAreCascadesToo) {
  StoreConfig c = small_store(10);
  c.prevention = false;
  ClockedStore s(c);
  Uuid id;
  for (int i = 0; i < 11; ++i) id = s.add().record->id;
  ASSERT_EQ(s.store.status().cascade_events, 1u);
  ASSERT_TRUE(s.store.retrieve(id));
  EXPECT_FALSE(s.store.retrieve(Uuid{5, 5}));
  EXPECT_EQ(s.store.status().cascade_events, 3u);
}

}  // namespace
}  // namespace lukhas::memory::test
