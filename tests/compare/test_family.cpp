// compare.py's filters mode: one family of benchmarks against another, within
// one file or across two.
#include <gtest/gtest.h>

#include "compare/errors.hpp"
#include "compare/family.hpp"
#include "tests/compare/test_util.hpp"

namespace lukhas::compare {
namespace {

using testing::append;
using testing::fixture;
using testing::reps;
using testing::side_of;

Side two_families() {
  std::vector<Row> rows = reps("BM_memcpy/8", {10, 11});
  append(rows, reps("BM_memcpy/64", {20, 21}));
  append(rows, reps("BM_copy/8", {30, 31}));
  append(rows, reps("BM_other", {1, 1}));
  return side_of(std::move(rows));
}

TEST(Family, KeepsTheFamilyAndPairsByTheRestOfTheName) {
  Side s = two_families();
  const std::string label = family_label("BM_memcpy", "BM_copy");
  EXPECT_EQ(label, "[BM_memcpy vs. BM_copy]");
  select_family(s, "BM_memcpy", label, "baseline");
  ASSERT_EQ(s.benchmarks.size(), 2u);
  EXPECT_EQ(s.benchmarks[0].name, "[BM_memcpy vs. BM_copy]/64");
  EXPECT_EQ(s.benchmarks[1].name, "[BM_memcpy vs. BM_copy]/8");
  ASSERT_NE(s.find("[BM_memcpy vs. BM_copy]/8"), nullptr);
  EXPECT_EQ(s.find("[BM_memcpy vs. BM_copy]/8")->iterations.size(), 2u);
  EXPECT_EQ(s.find("BM_other"), nullptr);
}

// A typo must not compare nothing and pass.
TEST(Family, AFamilyThatMatchesNothingOrIsEmptyIsRefused) {
  Side s = two_families();
  EXPECT_THROW(select_family(s, "BM_nope", "[x]", "baseline"), UsageError);
  EXPECT_THROW(select_family(s, "", "[x]", "baseline"), UsageError);
}

TEST(Family, FiltersCommandComparesTwoFamiliesOfOneFile) {
  const std::string f = fixture("regression/contender.json");
  const auto r = testing::run({"filters", f, "BM_Memory_Retrieve", f, "BM_Memory_Create", "--no-color"});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.out.find("regressed  [BM_Memory_Retrieve vs. BM_Memory_Create]/folds:1000"), std::string::npos) << r.out;
  EXPECT_EQ(testing::run({"filters", f, "BM_Nope", f, "BM_Memory_Create"}).code, 2);
  EXPECT_EQ(testing::run({"filters", f, "BM_Memory_Create"}).code, 2);
  EXPECT_EQ(testing::run({f, f, "--baseline-family", "BM_Memory_Create"}).code, 2);
  EXPECT_EQ(testing::run({"filters", "--help"}).code, 0);
}

}  // namespace
}  // namespace lukhas::compare
