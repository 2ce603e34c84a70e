// Progress lines: which console rows count as a finished repetition, and the
// text a user reads.
#include <gtest/gtest.h>

#include "runner/progress.hpp"

namespace {

using lukhas::runner::finished_row;
using lukhas::runner::format_duration;
using lukhas::runner::progress_text;

TEST(Progress, ARepetitionRowCountsWithItsName) {
  EXPECT_EQ(finished_row("BM_Handoff_Get/entries:100          8326 ns   3279 ns   9 seed=1"),
            "BM_Handoff_Get/entries:100");
  EXPECT_EQ(finished_row("BM_Schema_UserByLid_Latency/real_time   140 us   20 us   9"),
            "BM_Schema_UserByLid_Latency/real_time");
}

TEST(Progress, AggregatesAndOtherLinesDoNotCount) {
  for (const char* line : {"BM_Handoff_Get/entries:100_median   8326 ns", "BM_X/real_time_mean 1 ns",
                           "BM_X/arg:1_stddev 1 ns", "BM_X/arg:1_cv 1 %", "BM_X_BigO 1.0 N", "BM_X_RMS 2 %",
                           "BM_X/arg:1", "Benchmark   Time   CPU", "-----", "", "handoff: mode=time"}) {
    EXPECT_FALSE(finished_row(line).has_value()) << line;
  }
}

TEST(Progress, TextSaysWhereAndHowLong) {
  EXPECT_EQ(progress_text("memory", 25, 100, 30.0, "BM_X/arg:1"),
            "memory: 25/100 repetitions, BM_X/arg:1, about 1 min 30 s left");
  EXPECT_EQ(progress_text("memory", 0, 100, 5.0, ""), "memory: 0/100 repetitions");  // no estimate from nothing
  EXPECT_EQ(progress_text("memory", 100, 100, 5.0, "BM_X"), "memory: 100/100 repetitions, BM_X");
}

TEST(Progress, DurationsReadAsAPersonWouldSayThem) {
  EXPECT_EQ(format_duration(0.4), "0 s");
  EXPECT_EQ(format_duration(59.4), "59 s");
  EXPECT_EQ(format_duration(65), "1 min 05 s");
  EXPECT_EQ(format_duration(3725), "1 h 02 min");
}

}  // namespace
