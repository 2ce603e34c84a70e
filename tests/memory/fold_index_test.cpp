// The open-addressing id index against a std::unordered_map model: random
// inserts and erases with enough churn to exercise probe runs, wrap-around
// at the end of the table, backward-shift deletion and growth.
#include <gtest/gtest.h>

#include <random>
#include <unordered_map>
#include <vector>

#include "core/memory/fold_index.hpp"
#include "core/memory/ids.hpp"

namespace lukhas::memory::test {
namespace {

TEST(FoldIndex, FindsWhatWasInsertedAndNothingElse) {
  FoldIndex index;
  IdGenerator g(5);
  const Uuid a = g.next(), b = g.next();
  EXPECT_TRUE(index.insert(a, 7));
  EXPECT_FALSE(index.insert(a, 8));  // already present: unchanged
  EXPECT_EQ(index.find(a), 7u);
  EXPECT_EQ(index.find(b), FoldIndex::kAbsent);
  EXPECT_FALSE(index.erase(b));
  EXPECT_TRUE(index.erase(a));
  EXPECT_EQ(index.find(a), FoldIndex::kAbsent);
  EXPECT_EQ(index.size(), 0u);
}

TEST(FoldIndex, AgreesWithAModelUnderChurn) {
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    FoldIndex index(4);  // tiny: forces growth and long probe runs
    std::unordered_map<Uuid, std::uint32_t, UuidHash> model;
    std::vector<Uuid> known;
    IdGenerator ids(seed);
    std::mt19937_64 rng(seed);
    for (std::uint32_t step = 0; step < 20000; ++step) {
      const auto roll = rng() % 10;
      if (roll < 5 || known.empty()) {
        const Uuid id = ids.next();
        known.push_back(id);
        ASSERT_EQ(index.insert(id, step), model.emplace(id, step).second);
      } else if (roll < 8) {
        const Uuid& id = known[rng() % known.size()];
        ASSERT_EQ(index.erase(id), model.erase(id) == 1) << "step " << step;
      } else {
        const Uuid& id = known[rng() % known.size()];
        const auto it = model.find(id);
        ASSERT_EQ(index.find(id), it == model.end() ? FoldIndex::kAbsent : it->second)
            << "step " << step;
      }
      ASSERT_EQ(index.size(), model.size());
    }
    for (const Uuid& id : known) {
      const auto it = model.find(id);
      ASSERT_EQ(index.find(id), it == model.end() ? FoldIndex::kAbsent : it->second);
    }
    EXPECT_LE(index.size() * 2, index.capacity());
  }
}

TEST(FoldIndex, ErasingInsideAWrappedProbeRunKeepsTheRestReachable) {
  // Ids chosen by brute force to share one home bucket near the end of a
  // 16-bucket table, so their run wraps to the start.
  FoldIndex index(4);
  ASSERT_EQ(index.capacity(), 16u);
  IdGenerator g(11);
  const auto home = [](const Uuid& id) {
    return ((id.hi ^ id.lo) * 0x9E3779B97F4A7C15ULL) >> 60;  // top 4 bits: 16 buckets
  };
  std::vector<Uuid> run;
  while (run.size() < 4) {
    const Uuid id = g.next();
    if (home(id) == 14) run.push_back(id);
  }
  for (std::uint32_t i = 0; i < run.size(); ++i) ASSERT_TRUE(index.insert(run[i], i));
  ASSERT_TRUE(index.erase(run[1]));
  EXPECT_EQ(index.find(run[0]), 0u);
  EXPECT_EQ(index.find(run[1]), FoldIndex::kAbsent);
  EXPECT_EQ(index.find(run[2]), 2u);
  EXPECT_EQ(index.find(run[3]), 3u);
}

}  // namespace
}  // namespace lukhas::memory::test
