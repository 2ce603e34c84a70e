// The prune selector against a full sort: for importances drawn from many
// distributions (uniform, a handful of values, all equal, values a few ulps
// apart, both zeros, the ends of [0, 1]) and keep counts on either side of
// bucket edges, the losers are exactly the ones a full sort would drop.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/memory/prune_select.hpp"

namespace lukhas::memory::test {
namespace {

std::vector<RankKey> keys_for(const std::vector<double>& importance, std::mt19937_64& rng,
                              std::uint64_t max_accessed) {
  std::vector<RankKey> keys;
  for (std::size_t i = 0; i < importance.size(); ++i) {
    keys.push_back(RankKey{importance[i], rng() % (max_accessed + 1),
                           TimePoint{std::chrono::seconds{static_cast<long>(rng() % 4)}}, i,
                           static_cast<std::uint32_t>(i)});
  }
  return keys;
}

std::set<std::uint32_t> expected_losers(std::vector<RankKey> keys, std::size_t keep) {
  std::sort(keys.begin(), keys.end(), ranks_higher);
  std::set<std::uint32_t> losers;
  for (std::size_t i = keep; i < keys.size(); ++i) losers.insert(keys[i].index);
  return losers;
}

std::set<std::uint32_t> selected_losers(PruneSelector& selector, const std::vector<RankKey>& keys,
                                        std::size_t keep) {
  std::vector<std::uint32_t> coarse;
  for (const RankKey& k : keys) coarse.push_back(coarse_importance(k.importance));
  std::vector<std::uint32_t> losers{99, 98};  // stale content must be cleared
  selector.select(coarse, keep, [&](std::uint32_t i) { return keys.at(i); }, losers);
  EXPECT_EQ(losers.size(), keys.size() - keep);
  return {losers.begin(), losers.end()};
}

struct Distribution {
  std::string name;
  std::function<double(std::mt19937_64&)> draw;
};

TEST(PruneSelector, AgreesWithAFullSortAcrossDistributions) {
  const double half = 0.5;
  const std::vector<Distribution> distributions = {
      {"uniform", [](std::mt19937_64& r) { return std::uniform_real_distribution<double>(0, 1)(r); }},
      {"five values", [](std::mt19937_64& r) { return static_cast<double>(r() % 5) / 4.0; }},
      {"all default", [](std::mt19937_64&) { return 0.5; }},
      {"ulps apart", [half](std::mt19937_64& r) {
         double v = half;
         for (auto k = r() % 4; k > 0; --k) v = std::nextafter(v, 1.0);
         return v;
       }},
      {"both zeros and one", [](std::mt19937_64& r) {
         const auto k = r() % 3;
         return k == 0 ? -0.0 : k == 1 ? 0.0 : 1.0;
       }},
      {"tiny and subnormal", [](std::mt19937_64& r) {
         const auto k = r() % 3;
         return k == 0 ? std::numeric_limits<double>::denorm_min() : k == 1 ? 1e-300 : 1e-3;
       }},
      {"packed near one, a few low", [](std::mt19937_64& r) {
         // What a store looks like after many prunes: the survivors all
         // close to 1 (several bucketing levels), new folds anywhere.
         const double u = std::uniform_real_distribution<double>(0, 1)(r);
         return r() % 10 == 0 ? u : 1.0 - u * 1e-6;
       }},
      {"skewed", [](std::mt19937_64& r) {
         const double u = std::uniform_real_distribution<double>(0, 1)(r);
         return u * u * u * u;
       }},
  };
  PruneSelector selector;  // one selector throughout: scratch reuse must not leak
  std::mt19937_64 rng(7);
  for (const auto& d : distributions) {
    for (const std::size_t n : {2u, 3u, 10u, 100u, 1000u, 5000u}) {
      for (const std::uint64_t max_accessed : {0u, 3u}) {
        std::vector<double> importance;
        for (std::size_t i = 0; i < n; ++i) importance.push_back(d.draw(rng));
        const auto keys = keys_for(importance, rng, max_accessed);
        for (const std::size_t keep : {std::size_t{0}, std::size_t{1}, n / 2, n * 9 / 10, n - 1}) {
          EXPECT_EQ(selected_losers(selector, keys, keep), expected_losers(keys, keep))
              << d.name << ", n " << n << ", keep " << keep << ", accessed up to " << max_accessed;
        }
      }
    }
  }
}

TEST(PruneSelector, TheHigherOfTwoImportancesAnUlpApartSurvives) {
  // Equal on the coarse key, so the full key decides; the older, never
  // accessed fold with the higher importance must still win.
  const double low = 0.3;
  const double high = std::nextafter(low, 1.0);
  ASSERT_EQ(coarse_importance(low), coarse_importance(high));
  const std::vector<RankKey> keys = {
      RankKey{high, 0, TimePoint{}, 0, 0},
      RankKey{low, 9, TimePoint{std::chrono::hours{1}}, 1, 1},
  };
  PruneSelector selector;
  EXPECT_EQ(selected_losers(selector, keys, 1), std::set<std::uint32_t>{1});
}

TEST(PruneSelector, CoarseImportanceOrdersLikeImportance) {
  EXPECT_EQ(coarse_importance(-0.0), coarse_importance(0.0));
  // Never out of order; equal only when the difference is in the low half
  // (the smallest subnormal looks like zero from the high half).
  EXPECT_EQ(coarse_importance(std::numeric_limits<double>::denorm_min()), coarse_importance(0.0));
  const std::vector<double> ascending = {0.0, 1e-300, 1e-3, 0.25, 0.5, std::nextafter(0.5, 1.0),
                                         0.75, 1.0};
  for (std::size_t i = 1; i < ascending.size(); ++i) {
    EXPECT_LE(coarse_importance(ascending[i - 1]), coarse_importance(ascending[i])) << ascending[i];
  }
  EXPECT_LT(coarse_importance(0.25), coarse_importance(0.5));
  EXPECT_LT(coarse_importance(0.5), coarse_importance(0.75));
}

TEST(PruneSelector, KeepingEverythingLosesNothing) {
  PruneSelector selector;
  std::vector<std::uint32_t> losers{1, 2, 3};
  const std::vector<std::uint32_t> coarse = {coarse_importance(0.1), coarse_importance(0.2)};
  selector.select(coarse, 2, [](std::uint32_t) -> RankKey { ADD_FAILURE() << "no full key needed"; return {}; },
                  losers);
  EXPECT_TRUE(losers.empty());
}

}  // namespace
}  // namespace lukhas::memory::test
