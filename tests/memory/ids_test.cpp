#include <gtest/gtest.h>

#include <unordered_set>
#include <vector>

#include "core/memory/fold_store.hpp"
#include "core/memory/ids.hpp"
#include "core/memory/uuid.hpp"
#include "store_fixture.hpp"

namespace lukhas::memory::test {
namespace {

TEST(IdGenerator, SameSeedSameIds) {
  IdGenerator a(42), b(42), c(43);
  bool differs_from_other_seed = false;
  for (int i = 0; i < 100; ++i) {
    const Uuid x = a.next();
    EXPECT_EQ(x, b.next());
    if (x != c.next()) differs_from_other_seed = true;
  }
  EXPECT_TRUE(differs_from_other_seed);
}

TEST(IdGenerator, IdsAreDistinctVersion4) {
  IdGenerator g(7);
  std::unordered_set<Uuid, UuidHash> seen;
  for (int i = 0; i < 100000; ++i) {
    const Uuid id = g.next();
    ASSERT_TRUE(is_v4(id)) << to_string(id);
    ASSERT_TRUE(seen.insert(id).second) << "duplicate " << to_string(id);
  }
}

TEST(IdGenerator, StoresWithTheSameSeedAssignTheSameIds) {
  StoreConfig c;
  c.id_seed = 99;
  ClockedStore s1(c), s2(c);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(s1.add().record->id, s2.add().record->id);
}

TEST(Uuid, PrintsAndParsesTheCanonicalForm) {
  const Uuid id{0x0123456789abcdefULL, 0xfedcba9876543210ULL};
  EXPECT_EQ(to_string(id), "01234567-89ab-cdef-fedc-ba9876543210");
  EXPECT_EQ(parse_uuid("01234567-89AB-cdef-fedc-ba9876543210"), id);
  IdGenerator g(1);
  const Uuid r = g.next();
  EXPECT_EQ(parse_uuid(to_string(r)), r);
  EXPECT_EQ(to_string(r)[14], '4');
}

TEST(Uuid, RejectsMalformedText) {
  EXPECT_FALSE(parse_uuid(""));
  EXPECT_FALSE(parse_uuid("01234567-89ab-cdef-fedc-ba987654321"));    // short
  EXPECT_FALSE(parse_uuid("01234567x89ab-cdef-fedc-ba9876543210"));   // dash missing
  EXPECT_FALSE(parse_uuid("0123456g-89ab-cdef-fedc-ba9876543210"));   // not hex
}

}  // namespace
}  // namespace lukhas::memory::test
