// The cascade benchmark must be able to fail: the same seeded workload that
// passes with prevention on must miss the 0.997 target with it off.
#include <gtest/gtest.h>

#include "core/memory/cascade_workload.hpp"
#include "core/memory/prevention_rate.hpp"

namespace lukhas::memory::test {
namespace {

TEST(CascadeWorkload, WithPreventionTheLowerBoundMeetsTheTarget) {
  CascadeWorkloadConfig c;
  c.prevention = true;
  const StoreStatus st = run_cascade_workload(c);
  EXPECT_EQ(st.operations, 10000u);
  EXPECT_EQ(st.cascade_events, 0u);
  EXPECT_LE(st.live, 1000u);
  EXPECT_GT(st.prune_events, 0u);  // the limit was actually reached
  EXPECT_GT(st.restores, 0u);      // and pruned folds came back
  EXPECT_GE(st.prevention_rate_lower95, 0.997);
}

TEST(CascadeWorkload, WithoutPreventionCascadesShowAndTheRateMissesTheTarget) {
  CascadeWorkloadConfig c;
  c.prevention = false;
  const StoreStatus st = run_cascade_workload(c);
  EXPECT_EQ(st.operations, 10000u);
  EXPECT_GT(st.cascade_events, 0u);
  EXPECT_GT(st.live, 1000u);
  EXPECT_LT(st.prevention_rate, 0.997);
  EXPECT_LT(st.prevention_rate_lower95, 0.997);
}

TEST(CascadeWorkload, TwoThreadsWithPreventionStillHaveNoCascades) {
  CascadeWorkloadConfig c;
  c.threads = 2;
  const StoreStatus st = run_cascade_workload(c);
  EXPECT_EQ(st.operations, 10000u);
  EXPECT_EQ(st.cascade_events, 0u);
  EXPECT_GE(st.prevention_rate_lower95, 0.997);
}

TEST(CascadeWorkload, OneThreadRepeatsForASeed) {
  CascadeWorkloadConfig c;
  const StoreStatus a = run_cascade_workload(c);
  const StoreStatus b = run_cascade_workload(c);
  EXPECT_EQ(a.creates, b.creates);
  EXPECT_EQ(a.retrieve_hits, b.retrieve_hits);
  EXPECT_EQ(a.restores, b.restores);
  EXPECT_EQ(a.prune_events, b.prune_events);
}

TEST(WorkloadTotals, RatesComeFromTheSumsNotTheAverageOfRates) {
  StoreStatus a;
  a.operations = 1000;
  a.cascade_events = 0;
  a.creates = 500;
  a.prune_events = 5;
  a.retrieves = 10;
  a.retrieve_hits = 10;
  StoreStatus b = a;
  b.operations = 3000;
  b.cascade_events = 30;
  b.retrieve_hits = 0;
  WorkloadTotals t;
  t.add(a);
  t.add(b);
  EXPECT_EQ(t.operations, 4000u);
  EXPECT_DOUBLE_EQ(t.prevention_rate(), 1.0 - 30.0 / 4000.0);
  EXPECT_DOUBLE_EQ(t.prevention_rate_lower95(), wilson_lower_bound(3970, 4000));
  EXPECT_DOUBLE_EQ(t.lukhas_status_rate(), 0.99);
  EXPECT_DOUBLE_EQ(t.hit_ratio(), 0.5);
}

}  // namespace
}  // namespace lukhas::memory::test
