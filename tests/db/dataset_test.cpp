// The generated data set is a pure function of (seed, index).
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "fixtures/datagen/dataset.hpp"

namespace lukhas::datagen {
namespace {

TEST(Dataset, SameSeedGivesTheSameRows) {
  for (std::int64_t i : {0, 1, 99999}) {
    const auto a = user_row(7, i);
    const auto b = user_row(7, i);
    EXPECT_EQ(a.user_id, b.user_id);
    EXPECT_EQ(a.canonical_lid, b.canonical_lid);
    EXPECT_EQ(alias_row(7, i).has_value(), alias_row(7, i).has_value());
    EXPECT_EQ(audit_rows(7, i).size(), audit_rows(7, i).size());
  }
}

TEST(Dataset, DifferentSeedsGiveDifferentIds) {
  EXPECT_NE(user_row(1, 5).user_id, user_row(2, 5).user_id);
}

TEST(Dataset, UsersAreValidUniqueLids) {
  const std::regex name_re("^[a-z0-9_-]{3,32}$");
  const std::regex ns_re("^[a-z0-9_-]{1,48}$");
  const std::regex uuid_re("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> lids, ids;
  for (std::int64_t i = 0; i < 5000; ++i) {
    const auto u = user_row(42, i);
    EXPECT_TRUE(std::regex_match(u.username, name_re)) << u.username;
    if (u.ns) {
      EXPECT_TRUE(std::regex_match(*u.ns, ns_re)) << *u.ns;
    }
    EXPECT_TRUE(std::regex_match(u.user_id, uuid_re)) << u.user_id;
    lids.insert(u.ns.value_or("") + ":" + u.username);
    ids.insert(u.user_id);
  }
  EXPECT_EQ(lids.size(), 5000u);
  EXPECT_EQ(ids.size(), 5000u);
}

TEST(Dataset, SharesOfAliasesMfaAndGrantsAreAsDocumented) {
  constexpr int n = 20000;
  int aliases = 0, mfa = 0, grants = 0, namespaced = 0;
  std::size_t audit = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    aliases += alias_row(3, i).has_value();
    mfa += mfa_row(3, i).has_value();
    grants += !grant_rows(3, i).empty();
    namespaced += user_row(3, i).ns.has_value();
    audit += audit_rows(3, i).size();
  }
  EXPECT_NEAR(aliases / double(n), 0.6, 0.02);
  EXPECT_NEAR(mfa / double(n), 0.3, 0.02);
  EXPECT_NEAR(grants / double(n), 0.2, 0.02);
  EXPECT_NEAR(namespaced / double(n), 0.4, 0.02);
  EXPECT_NEAR(static_cast<double>(audit) / n, 4.5, 0.2);
}

TEST(Dataset, AuditRowsStayWithinTheMonth) {
  for (std::int64_t i = 0; i < 1000; ++i) {
    for (const auto& a : audit_rows(9, i)) {
      EXPECT_GE(a.offset_s, 0);
      EXPECT_LT(a.offset_s, kAuditDays * 86400);
      EXPECT_GT(a.processing_time_ms, 0);
    }
  }
}

TEST(Dataset, ScaleOneIsTenThousandUsers) { EXPECT_EQ(users_for_scale(1), 10000); }

}  // namespace
}  // namespace lukhas::datagen
