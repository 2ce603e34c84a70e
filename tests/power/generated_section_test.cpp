// The experiment rewrites only its marked section of docs/detection-power.md:
// the prose around it survives a rerun byte for byte, and a document whose
// markers are missing or broken is refused rather than overwritten.
#include <gtest/gtest.h>

#include <string>

#include "bench/power/generated_section.hpp"

using namespace lukhas::power;

namespace {

const std::string kBegin(kBeginMarker);
const std::string kEnd(kEndMarker);

std::string document(const std::string& inside) {
  return "# Title\n\nIntro prose.\n\n" + kBegin + "\n" + inside + kEnd + "\n\n## Reading the table\n\nHand-written.\n";
}

}  // namespace

TEST(GeneratedSection, ReplacesOnlyTheMarkedPartAndKeepsTheProse) {
  const auto r = splice_generated(document("old table\nold row\n"), "new table\n");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.text, document("new table\n"));
}

TEST(GeneratedSection, RerunningWithTheSameTableChangesNothing) {
  const auto once = splice_generated(document("x\n"), "table\n");
  ASSERT_TRUE(once.ok());
  const auto twice = splice_generated(once.text, "table\n");
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(twice.text, once.text);
}

TEST(GeneratedSection, AddsTheFinalNewlineTheTableLacks) {
  const auto r = splice_generated(document(""), "no newline");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.text, document("no newline\n"));
}

TEST(GeneratedSection, MarkersWithTrailingSpaceOrCarriageReturnStillCount) {
  const std::string doc = "a\n" + kBegin + " \r\nold\n" + kEnd + "\r\nb\n";
  const auto r = splice_generated(doc, "new\n");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.text, "a\n" + kBegin + " \r\nnew\n" + kEnd + "\r\nb\n");
}

TEST(GeneratedSection, AMarkerInsideALineIsNotAMarker) {
  const auto r = splice_generated("see `" + kBegin + "` and `" + kEnd + "`\n", "t\n");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("no generated section"), std::string::npos) << r.error;
}

TEST(GeneratedSection, AHandWrittenFileIsRefusedNotOverwritten) {
  const auto r = splice_generated("# Detection power\n\nprose only\n", "t\n");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("refusing to overwrite"), std::string::npos) << r.error;
}

TEST(GeneratedSection, BrokenMarkersAreNamedWithTheirLines) {
  const auto only_begin = splice_generated("x\n" + kBegin + "\ny\n", "t\n");
  EXPECT_EQ(only_begin.error, "has the begin marker (line 2) but no end marker");
  const auto only_end = splice_generated(kEnd + "\n", "t\n");
  EXPECT_EQ(only_end.error, "has the end marker (line 1) but no begin marker");
  const auto reversed = splice_generated(kEnd + "\n" + kBegin + "\n", "t\n");
  EXPECT_EQ(reversed.error, "has the end marker (line 1) before the begin marker (line 2)");
  const auto two = splice_generated(kBegin + "\n" + kBegin + "\n" + kEnd + "\n", "t\n");
  EXPECT_EQ(two.error, "has 2 begin markers (lines 1 and 2); expected one");
}

TEST(GeneratedSection, ANewFileGetsTheSectionAlone) {
  EXPECT_EQ(marked_section("t"), kBegin + "\nt\n" + kEnd + "\n");
  const auto r = splice_generated(marked_section("old\n"), "new\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.text, marked_section("new\n"));
}
