// Reading Google Benchmark JSON: every row kind, non-strict numbers, the two
// parsing paths, and error messages that name the place and the reason.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "compare/errors.hpp"
#include "compare/gbench_json.hpp"
#include "compare/io.hpp"
#include "tests/compare/test_util.hpp"

namespace lukhas::compare {
namespace {

using testing::fixture;

// Rows of every kind Google Benchmark 1.7 writes, by hand.
constexpr const char* kAllKinds = R"({
  "context": {"host_name": "h", "num_cpus": 4, "cpu_scaling_enabled": false,
              "caches": [{"type": "Data", "level": 1, "size": 32768, "num_sharing": 1}],
              "json_schema_version": 1},
  "benchmarks": [
    {"name": "BM_A/8", "family_index": 0, "per_family_instance_index": 0, "run_name": "BM_A/8",
     "run_type": "iteration", "repetitions": 2, "repetition_index": 0, "threads": 1, "iterations": 100,
     "real_time": 1.5e+01, "cpu_time": 1.4e+01, "time_unit": "us", "items_per_second": 7.1e+04,
     "label": "eight"},
    {"name": "BM_A/8_mean", "run_name": "BM_A/8", "run_type": "aggregate", "repetitions": 2, "threads": 1,
     "aggregate_name": "mean", "aggregate_unit": "time", "iterations": 2, "real_time": 15, "cpu_time": 14,
     "time_unit": "us"},
    {"name": "BM_A/8_cv", "run_name": "BM_A/8", "run_type": "aggregate", "repetitions": 2, "threads": 1,
     "aggregate_name": "cv", "aggregate_unit": "percentage", "iterations": 2, "real_time": 0.01, "cpu_time": 0.02},
    {"name": "BM_C_BigO", "run_name": "BM_C", "run_type": "aggregate", "aggregate_name": "BigO",
     "cpu_coefficient": 2.5, "real_coefficient": 2.6, "big_o": "N", "time_unit": "ns"},
    {"name": "BM_C_RMS", "run_name": "BM_C", "run_type": "aggregate", "aggregate_name": "RMS", "rms": 0.05},
    {"name": "BM_E", "run_type": "iteration", "error_occurred": true, "error_message": "boom",
     "iterations": 0, "real_time": 0, "cpu_time": 0, "time_unit": "ns"},
    {"name": "BM_S", "run_type": "iteration", "skipped": true, "skip_message": "not here"}
  ]
})";

TEST(GbenchJson, ReadsEveryRowKind) {
  const GbenchFile f = parse_gbench_json(kAllKinds, "all.json");
  ASSERT_EQ(f.rows.size(), 7u);
  const Row& a = f.rows[0];
  EXPECT_EQ(a.name, "BM_A/8");
  EXPECT_EQ(a.run_type, RunType::iteration);
  EXPECT_EQ(a.repetitions, 2);
  EXPECT_EQ(a.repetition_index, 0);
  EXPECT_EQ(a.time_unit, "us");
  EXPECT_DOUBLE_EQ(*a.cpu_time, 14.0);
  EXPECT_DOUBLE_EQ(*a.counter("items_per_second"), 7.1e4);
  EXPECT_FALSE(a.counter("family_index").has_value());  // known keys are not counters
  EXPECT_EQ(a.get_extra().label, "eight");
  EXPECT_EQ(f.rows[1].aggregate_name, "mean");
  EXPECT_EQ(f.rows[1].group_key(), "BM_A/8");
  EXPECT_EQ(f.rows[2].aggregate_unit, "percentage");
  EXPECT_TRUE(f.rows[3].is_complexity());
  EXPECT_DOUBLE_EQ(*f.rows[3].get_extra().cpu_coefficient, 2.5);
  EXPECT_DOUBLE_EQ(*f.rows[4].get_extra().rms, 0.05);
  EXPECT_TRUE(f.rows[5].error_occurred);
  EXPECT_EQ(f.rows[5].failure_message(), "boom");
  EXPECT_TRUE(f.rows[6].skipped);
  EXPECT_EQ(f.rows[6].failure_message(), "not here");
  EXPECT_EQ(context_string(f.context, "num_cpus"), "4");
  EXPECT_EQ(context_string(f.context, "cpu_scaling_enabled"), "false");
}

TEST(GbenchJson, AcceptsBareNanAndInfinityOnBothPaths) {
  const std::string text = R"({"context": {}, "benchmarks": [
    {"name": "BM_N", "run_type": "iteration", "real_time": NaN, "cpu_time": -Infinity, "time_unit": "ns",
     "rate": Infinity, "neg": -NaN, "label": "NaN Infinity inside a string stays text"}]})";
  for (bool reference : {false, true}) {
    const GbenchFile f = reference ? parse_gbench_json_reference(text, "n.json") : parse_gbench_json(text, "n.json");
    ASSERT_EQ(f.rows.size(), 1u);
    const Row& r = f.rows[0];
    EXPECT_TRUE(std::isnan(*r.real_time));
    EXPECT_TRUE(std::isinf(*r.cpu_time) && *r.cpu_time < 0);
    EXPECT_TRUE(std::isinf(*r.counter("rate")) && *r.counter("rate") > 0);
    EXPECT_TRUE(std::isnan(*r.counter("neg")));
    EXPECT_EQ(r.get_extra().label, "NaN Infinity inside a string stays text");
  }
}

TEST(GbenchJson, RewriteLeavesStringsAloneAndMapsPositionsBack) {
  const std::string text = R"({"a": "NaN", "b": NaN, "c": -Infinity})";
  const NonFiniteRewrite rw = rewrite_non_finite(text);
  ASSERT_EQ(rw.edits.size(), 2u);
  EXPECT_NE(rw.text.find("\"NaN\""), std::string::npos);
  EXPECT_EQ(rw.to_original(rw.edits[1].new_start), text.find("-Infinity"));
  const std::size_t closing = rw.text.size() - 1;
  EXPECT_EQ(rw.to_original(closing), text.size() - 1);
}

TEST(GbenchJson, FastPathAndReferenceParserAgreeOnEveryFixture) {
  for (const char* rel : {"identical/baseline.json", "nan_inf/contender.json", "errored/contender.json",
                          "eras/baseline.json", "eras/contender.json", "aggregates_only/baseline.json",
                          "counter_higher/contender.json", "slo/contender.json"}) {
    const std::string text = read_text_file(fixture(rel));
    const GbenchFile fast = parse_gbench_json(text, rel);
    const GbenchFile ref = parse_gbench_json_reference(text, rel);
    ASSERT_EQ(fast.rows.size(), ref.rows.size()) << rel;
    EXPECT_EQ(fast.context.size(), ref.context.size()) << rel;
    for (std::size_t i = 0; i < fast.rows.size(); ++i) {
      const Row &a = fast.rows[i], &b = ref.rows[i];
      EXPECT_EQ(a.name, b.name);
      EXPECT_EQ(a.run_type, b.run_type);
      EXPECT_EQ(a.repetition_index, b.repetition_index);
      EXPECT_EQ(a.error_occurred, b.error_occurred);
      ASSERT_EQ(a.cpu_time.has_value(), b.cpu_time.has_value());
      if (a.cpu_time && !std::isnan(*a.cpu_time)) {
        EXPECT_EQ(*a.cpu_time, *b.cpu_time) << rel << " row " << i;
      }
      ASSERT_EQ(a.counters.size(), b.counters.size());
      for (std::size_t k = 0; k < a.counters.size(); ++k) {
        EXPECT_EQ(a.counters[k].name, b.counters[k].name);
        if (!std::isnan(a.counters[k].value)) {
          EXPECT_EQ(a.counters[k].value, b.counters[k].value);
        }
      }
    }
  }
}

// Found by fuzzing: an integral value beyond 64 bits was converted to
// int64_t (undefined behaviour); both parsers now refuse it by name.
TEST(GbenchJson, AnIntegerBeyond64BitsIsRefusedByBothParsers) {
  for (const char* value : {"1000000000000000000627224959821900", "9223372036854775808", "-1e300"}) {
    const std::string text = std::string(R"({"benchmarks": [{"name": "BM_A", "iterations": )") + value +
                             R"(, "real_time": 1, "cpu_time": 1, "time_unit": "ns"}]})";
    for (bool reference : {false, true}) {
      try {
        (void)(reference ? parse_gbench_json_reference(text, "big.json") : parse_gbench_json(text, "big.json"));
        ADD_FAILURE() << value << " accepted (reference parser: " << reference << ")";
      } catch (const InputError& e) {
        const std::string what = format_problem(e.problems().at(0));
        EXPECT_NE(what.find("iterations"), std::string::npos) << what;
        EXPECT_NE(what.find("at most 64 bits"), std::string::npos) << what;
      }
    }
  }
  // The largest value that fits is read exactly.
  const GbenchFile f = parse_gbench_json(
      R"({"benchmarks": [{"name": "BM_A", "iterations": 9223372036854774784, "real_time": 1, "cpu_time": 1, "time_unit": "ns"}]})",
      "fits.json");
  EXPECT_EQ(f.rows.at(0).iterations, 9223372036854774784);
}

TEST(GbenchJson, EscapedStringsFallBackToTheReferenceParser) {
  const GbenchFile f = parse_gbench_json(
      R"({"benchmarks": [{"name": "BM_\"q\"\u00e9", "real_time": 1, "cpu_time": 2, "time_unit": "ns"}]})", "e.json");
  ASSERT_EQ(f.rows.size(), 1u);
  EXPECT_EQ(f.rows[0].name, "BM_\"q\"\xC3\xA9");
}

TEST(GbenchJson, OldFilesWithoutRunTypeAreGroupedByName) {
  const GbenchFile f = parse_gbench_json(R"({"benchmarks": [
    {"name": "BM_Old", "iterations": 1, "real_time": 1, "cpu_time": 1, "time_unit": "ns"},
    {"name": "BM_Old_mean", "aggregate_name": "mean", "iterations": 1, "real_time": 1, "cpu_time": 1, "time_unit": "ns"}]})",
                                         "old.json");
  ASSERT_EQ(f.rows.size(), 2u);
  EXPECT_EQ(f.rows[0].run_type, RunType::iteration);
  EXPECT_EQ(f.rows[1].run_type, RunType::aggregate);
  EXPECT_EQ(f.rows[1].group_key(), "BM_Old");
}

// Aggregate rows without aggregate_name were ignored: a benchmark with only
// such rows on one side had no value there and read as "new".
TEST(GbenchJson, AggregateWithoutAggregateNameTakesItFromTheName) {
  const GbenchFile f = parse_gbench_json(R"({"benchmarks": [
    {"name": "BM_A_median", "run_name": "BM_A", "run_type": "aggregate", "iterations": 1, "real_time": 5, "cpu_time": 5, "time_unit": "ns"},
    {"name": "BM_B_mean", "run_type": "aggregate", "iterations": 1, "real_time": 5, "cpu_time": 5, "time_unit": "ns"},
    {"name": "BM_C_p90", "run_name": "BM_C", "run_type": "aggregate", "iterations": 1, "real_time": 5, "cpu_time": 5, "time_unit": "ns"}]})",
                                         "noname.json");
  ASSERT_EQ(f.rows.size(), 3u);
  EXPECT_EQ(f.rows[0].aggregate_name, "median");
  EXPECT_EQ(f.rows[1].aggregate_name, "mean");
  EXPECT_EQ(f.rows[1].group_key(), "BM_B");
  EXPECT_EQ(f.rows[2].aggregate_name, "p90");
}

std::string error_of(const std::string& text, const std::string& path = "f.json") {
  try {
    parse_gbench_json(text, path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(GbenchJson, SyntaxErrorNamesLineAndColumnOfTheOriginalText) {
  // The NaN before the error is rewritten to a longer sentinel; the column
  // must still be the one in the user's file.
  const std::string text = "{\"benchmarks\": [\n  {\"name\": \"a\", \"real_time\": NaN, \"cpu_time\": 1,, \"x\": 1}]}";
  const std::string msg = error_of(text);
  const std::size_t comma = text.find(",,") + 1;
  const std::size_t col = comma - text.find('\n');
  EXPECT_NE(msg.find("f.json: line 2, column " + std::to_string(col)), std::string::npos) << msg;
  EXPECT_NE(msg.find("syntax error"), std::string::npos) << msg;
}

TEST(GbenchJson, ShapeErrorsNameTheFieldAndAreCollectedTogether) {
  const std::string msg = error_of(R"({"benchmarks": [
    {"name": "BM_A", "real_time": 1, "cpu_time": "fast", "time_unit": "ns"},
    {"real_time": 1, "cpu_time": 1},
    {"name": "BM_C", "real_time": 1, "cpu_time": 1, "time_unit": "fortnights"}]})");
  EXPECT_NE(msg.find("benchmarks[0] (\"BM_A\").cpu_time: expected a number, got a string \"fast\""), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("benchmarks[1].name: missing required field"), std::string::npos) << msg;
  EXPECT_NE(msg.find("benchmarks[2] (\"BM_C\").time_unit: unknown time unit \"fortnights\""), std::string::npos) << msg;
}

TEST(GbenchJson, WrongTopLevelTypeIsReported) {
  EXPECT_NE(error_of("[1, 2]").find("top level: expected an object"), std::string::npos);
  EXPECT_NE(error_of("42").find("top level: expected an object"), std::string::npos);
  EXPECT_NE(error_of(R"({"benchmarks": {}})").find("benchmarks: expected an array"), std::string::npos);
  EXPECT_NE(error_of(R"({"context": {}})").find("benchmarks: missing required field"), std::string::npos);
}

TEST(GbenchJson, EmptyAndUnsupportedSchemaVersionAreRejected) {
  EXPECT_NE(error_of("  \n").find("the file is empty"), std::string::npos);
  EXPECT_NE(error_of(R"({"context": {"json_schema_version": 2}, "benchmarks": []})")
                .find("context.json_schema_version: unsupported version 2"),
            std::string::npos);
  EXPECT_NO_THROW(parse_gbench_json(R"({"context": {"json_schema_version": 1}, "benchmarks": []})", "ok.json"));
}

TEST(GbenchJson, TimeUnitsConvertToNanoseconds) {
  EXPECT_EQ(*ns_per_unit("ns"), 1.0);
  EXPECT_EQ(*ns_per_unit("us"), 1e3);
  EXPECT_EQ(*ns_per_unit("ms"), 1e6);
  EXPECT_EQ(*ns_per_unit("s"), 1e9);
  EXPECT_FALSE(ns_per_unit("min").has_value());
}

}  // namespace
}  // namespace lukhas::compare

namespace lukhas::compare {
namespace {

TEST(GbenchJson, Utf8NamesAreKeptAndInvalidUtf8IsRejectedWithAPosition) {
  const GbenchFile f = parse_gbench_json(
      "{\"benchmarks\": [{\"name\": \"BM_\xCE\x9B" "ID\", \"real_time\": 1, \"cpu_time\": 1, \"time_unit\": \"ns\"}]}",
      "u.json");
  ASSERT_EQ(f.rows.size(), 1u);
  EXPECT_EQ(f.rows[0].name, "BM_\xCE\x9BID");  // ΛID
  try {
    parse_gbench_json("{\"benchmarks\": [{\"name\": \"BM_\xC0\xAF\", \"real_time\": 1, \"cpu_time\": 1}]}", "bad.json");
    FAIL() << "overlong UTF-8 accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.json: line 1, column"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace lukhas::compare
