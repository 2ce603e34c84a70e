// check_benchmark_flags and parse_seed (bench/support/flags.hpp): which
// values of Google Benchmark's flags are refused, and which flags run.cpp
// takes over from the library.
#include "bench/support/flags.hpp"

#include <gtest/gtest.h>

namespace lukhas::bench {
namespace {

TEST(BenchmarkFlags, BadValuesAreRefusedNamingFlagAndValue) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"--benchmark_repetitions=-1", "--benchmark_repetitions: expected a whole number from 1 to 1000000, got '-1'"},
      {"--benchmark_repetitions=0", "got '0'"},
      {"--benchmark_repetitions=3x", "got '3x'"},
      {"--benchmark_out_format=xml", "--benchmark_out_format: expected console, json or csv, got 'xml'"},
      {"--benchmark_format=html", "--benchmark_format: expected console, json or csv"},
      {"--benchmark_out=", "--benchmark_out: expected a file name"},
      {"--benchmark_min_time=-0.5", "--benchmark_min_time: expected a number of seconds >= 0"},
      {"--benchmark_min_time=nan", "--benchmark_min_time"},
      {"--benchmark_min_warmup_time=inf", "--benchmark_min_warmup_time"},
      {"--benchmark_enable_random_interleaving=maybe", "expected true or false, got 'maybe'"},
      {"--benchmark_color=purple", "--benchmark_color: expected auto, true or false"},
  };
  for (const auto& [arg, message] : cases) {
    const auto r = check_benchmark_flags({"--benchmark_filter=x", arg});
    ASSERT_TRUE(r.error.has_value()) << arg;
    EXPECT_NE(r.error->find(message), std::string::npos) << *r.error;
  }
}

TEST(BenchmarkFlags, OutputFlagsAreTakenOutAndTheRestKeptInOrder) {
  const auto r = check_benchmark_flags({"--benchmark_filter=BM_A", "--benchmark_format=json", "--lukhas_seed=3",
                                        "--benchmark_out=r.csv", "--benchmark_out_format=csv",
                                        "--benchmark_display_aggregates_only=true", "--benchmark_repetitions=9",
                                        "--benchmark_min_time=0.01", "--benchmark_list_tests"});
  ASSERT_FALSE(r.error) << *r.error;
  EXPECT_EQ(r.output.display_format, "json");
  EXPECT_EQ(r.output.out_path, "r.csv");
  EXPECT_EQ(r.output.out_format, "csv");
  EXPECT_TRUE(r.output.display_aggregates_only);
  EXPECT_EQ(r.rest, (std::vector<std::string>{"--benchmark_filter=BM_A", "--lukhas_seed=3", "--benchmark_repetitions=9",
                                              "--benchmark_min_time=0.01", "--benchmark_list_tests"}));
  const auto defaults = check_benchmark_flags({});
  EXPECT_EQ(defaults.output.display_format, "console");
  EXPECT_EQ(defaults.output.out_format, "json");
  EXPECT_FALSE(defaults.output.color.has_value());
  EXPECT_EQ(check_benchmark_flags({"--benchmark_color=false"}).output.color, false);
  EXPECT_EQ(check_benchmark_flags({"--benchmark_color=yes"}).output.color, true);
  EXPECT_FALSE(check_benchmark_flags({"--benchmark_color=auto"}).output.color.has_value());
}

TEST(Seed, WholeNumbersBelowTwoToTheSixtyFourOnly) {
  EXPECT_EQ(parse_seed("0"), 0u);
  EXPECT_EQ(parse_seed("20261127"), 20261127u);
  EXPECT_EQ(parse_seed("18446744073709551615"), 18446744073709551615u);
  for (const char* bad : {"-1", "18446744073709551616", "99999999999999999999999", "", "+1", "1e3", "12abc", " 1"})
    EXPECT_EQ(parse_seed(bad), std::nullopt) << bad;
}

}  // namespace
}  // namespace lukhas::bench
