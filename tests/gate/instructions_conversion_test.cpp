// Unit tests of the instruction-mode converter's pure core: reading a dump,
// mapping dumps to rows, and what the output rows hold.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "bench/instructions/callgrind_dump.hpp"
#include "bench/instructions/conversion.hpp"
#include "compare/gbench_json.hpp"

namespace {

using lukhas::instructions::Dump;
using lukhas::instructions::normalise_name;
using lukhas::instructions::parse_dump;
using nlohmann::json;
using lukhas::compare::GbenchFile;

// The converter takes the comparator's parsed form: tests write the raw run
// as JSON text and parse it as callgrind-to-gbench does.
lukhas::instructions::Conversion convert(const json& raw, const std::string& file, std::vector<Dump> dumps) {
  return lukhas::instructions::convert(lukhas::compare::parse_gbench_json(raw.dump(), file), file,
                                       std::move(dumps));
}

// An output row as JSON, the way a reader of the written file sees it.
json out_row(const lukhas::instructions::Conversion& c, std::size_t i) {
  const auto& r = c.output.rows.at(i);
  json j{{"name", r.name}};
  if (r.cpu_time) j["cpu_time"] = *r.cpu_time;
  if (r.real_time) j["real_time"] = *r.real_time;
  for (const auto& counter : r.counters) j[std::string(counter.name)] = counter.value;
  return j;
}

std::string dump_text(const std::string& trigger, const std::string& totals,
                      const std::string& events = "Ir") {
  return "# callgrind format\nversion: 1\ncreator: callgrind-3.19.0\npid: 42\ncmd:  ./bench\n"
         "part: 1\n\n\ndesc: I1 cache: \ndesc: Timerange: Basic block 0 - 10\n"
         "desc: Trigger: " + trigger + "\n\npositions: line\nevents: " + events +
         "\nsummary: " + totals + "\n\n\ntotals: " + totals + "\n";
}

json raw_run(const json& rows, const std::string& suite = "probe") {
  return json{{"context", {{"lukhas_mode", "instructions"}, {"lukhas_suite", suite}}},
              {"benchmarks", rows}};
}

json row(const std::string& name, std::int64_t iterations, std::int64_t threads = 1) {
  return json{{"name", name}, {"run_name", name}, {"run_type", "iteration"},
              {"iterations", iterations}, {"threads", threads}, {"real_time", 1234.5},
              {"cpu_time", 1200.0}, {"time_unit", "ns"}};
}

TEST(CallgrindDump, ReadsTheLabelAndTheIrTotal) {
  const auto r = parse_dump(dump_text("Client Request: lukhas:3:200", "759386"), "cg.out.1");
  ASSERT_TRUE(r.ours);
  ASSERT_TRUE(r.dump.has_value()) << (r.problems.empty() ? "" : r.problems[0]);
  EXPECT_EQ(r.dump->sequence, 3);
  EXPECT_EQ(r.dump->iterations, 200);
  EXPECT_EQ(r.dump->instructions, 759386u);
}

TEST(CallgrindDump, TakesIrFromItsPositionInTheEventsLine) {
  const auto r =
      parse_dump(dump_text("Client Request: lukhas:0:10", "5 900 7", "Dr Ir Dw"), "cg.out.2");
  ASSERT_TRUE(r.dump.has_value());
  EXPECT_EQ(r.dump->instructions, 900u);
}

TEST(CallgrindDump, TheTerminationDumpIsNotAMeasuredRegion) {
  const auto r = parse_dump(dump_text("Program termination", "0"), "cg.out");
  EXPECT_FALSE(r.ours);
  EXPECT_FALSE(r.dump.has_value());
  EXPECT_TRUE(r.problems.empty());
}

TEST(CallgrindDump, AMalformedLabelIsAProblemNamingTheFileAndLine) {
  const auto r = parse_dump(dump_text("Client Request: lukhas:x:10", "5"), "cg.out.7");
  EXPECT_FALSE(r.dump.has_value());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].find("cg.out.7:11"), std::string::npos) << r.problems[0];
}

TEST(CallgrindDump, ATruncatedDumpWithoutTotalsIsAProblem) {
  const std::string text =
      "# callgrind format\nevents: Ir\ndesc: Trigger: Client Request: lukhas:0:1\n";
  const auto r = parse_dump(text, "cg.out.9");
  EXPECT_FALSE(r.dump.has_value());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].find("no 'totals:'"), std::string::npos);
}

// A region where our code calls operator new (which calls malloc), free
// directly, and an ordinary function; shaped like callgrind's
// --compress-strings=no output.
std::string dump_with_calls(const std::string& extra_fn_block = "") {
  return "# callgrind format\nversion: 1\npart: 1\n"
         "desc: Trigger: Client Request: lukhas:0:10\n\npositions: line\nevents: Ir\n"
         "summary: 1000\n\n"
         "ob=/usr/lib/x86_64-linux-gnu/libc.so.6\nfl=./malloc/malloc.c\nfn=malloc\n"
         "10 120\ncfn=_int_malloc\ncalls=4 0\n12 200\n\n"
         "ob=/usr/lib/x86_64-linux-gnu/libstdc++.so.6\nfn=operator new(unsigned long)\n"
         "5 20\ncfn=malloc\ncalls=4 0\n6 320\n\n"
         "ob=./bench\nfl=bench.cpp\nfn=work()\n1 300\n"
         "cfn=operator new(unsigned long)\ncalls=4 0\n+2 340\n"
         "cfn=free@@GLIBC_2.2.5\ncalls=2 0\n+1 60\n"
         "cfn=helper()\ncalls=7 0\n+1 70\n" + extra_fn_block +
         "\n\ntotals: 1000\n";
}

TEST(CallgrindDump, SumsTheAllocatorsInclusiveCostOnceFromOutsideCallers) {
  const auto r = parse_dump(dump_with_calls(), "cg.out.1");
  ASSERT_TRUE(r.dump.has_value()) << (r.problems.empty() ? "" : r.problems[0]);
  EXPECT_EQ(r.dump->instructions, 1000u);
  // operator new (340, which includes malloc's 320) + free (60); the nested
  // operator new -> malloc -> _int_malloc calls are not added again, and the
  // call to helper() is not the allocator.
  EXPECT_EQ(r.dump->allocator_instructions, 400u);
}

TEST(CallgrindDump, CompressedNamesAreResolvedAndAnUndefinedOneIsAProblem) {
  const std::string defined =
      "desc: Trigger: Client Request: lukhas:0:1\npositions: line\nevents: Ir\n"
      "fn=(1) work()\n1 10\ncfn=(2) malloc\ncalls=1 0\n2 30\n"
      "fn=(3) other()\n1 5\ncfn=(2)\ncalls=1 0\n2 25\ntotals: 70\n";
  const auto ok = parse_dump(defined, "cg.out.1");
  ASSERT_TRUE(ok.dump.has_value()) << (ok.problems.empty() ? "" : ok.problems[0]);
  EXPECT_EQ(ok.dump->allocator_instructions, 55u);

  const std::string undefined =
      "desc: Trigger: Client Request: lukhas:0:1\npositions: line\nevents: Ir\n"
      "fn=(1) work()\n1 10\ncfn=(2)\ncalls=1 0\n2 30\ntotals: 40\n";
  const auto bad = parse_dump(undefined, "cg.out.2");
  EXPECT_FALSE(bad.dump.has_value());
  ASSERT_FALSE(bad.problems.empty());
  EXPECT_NE(bad.problems[0].find("--compress-strings=no"), std::string::npos) << bad.problems[0];
}

TEST(CallgrindDump, BelowMainIsANameNotACompressedReference) {
  const std::string text =
      "desc: Trigger: Client Request: lukhas:0:1\npositions: line\nevents: Ir\n"
      "fn=(below main)\n1 10\ncfn=operator delete(void*)\ncalls=1 0\n2 30\ntotals: 40\n";
  const auto r = parse_dump(text, "cg.out.1");
  ASSERT_TRUE(r.dump.has_value()) << (r.problems.empty() ? "" : r.problems[0]);
  EXPECT_EQ(r.dump->allocator_instructions, 30u);
}

TEST(CallgrindDump, AllocatorEntryPointsAreRecognisedWithTheirSuffixes) {
  using lukhas::instructions::allocator_entry;
  using lukhas::instructions::AllocatorEntry;
  EXPECT_EQ(allocator_entry("malloc"), AllocatorEntry::allocation);
  EXPECT_EQ(allocator_entry("realloc@@GLIBC_2.2.5"), AllocatorEntry::allocation);
  EXPECT_EQ(allocator_entry("operator new[](unsigned long)"), AllocatorEntry::allocation);
  EXPECT_EQ(allocator_entry("free'2"), AllocatorEntry::deallocation);
  EXPECT_EQ(allocator_entry("operator delete(void*, unsigned long)"), AllocatorEntry::deallocation);
  EXPECT_EQ(allocator_entry("memcpy@GLIBC_2.2.5"), AllocatorEntry::none);
  EXPECT_EQ(allocator_entry("mallocator()"), AllocatorEntry::none);
}

TEST(Conversion, TheGatedCountLeavesTheAllocatorOutAndReportsItApart) {
  Dump d{"d0", 0, 10, 1000};
  d.allocator_instructions = 400;
  const auto c = convert(raw_run(json::array({row("BM_A", 10)})), "raw.json", {d});
  ASSERT_TRUE(c.problems.empty()) << c.problems[0];
  const auto b = out_row(c, 0);
  EXPECT_DOUBLE_EQ(b.at("instructions").get<double>(), 60.0);
  EXPECT_DOUBLE_EQ(b.at("cpu_time").get<double>(), 60.0);
  EXPECT_DOUBLE_EQ(b.at("allocator_instructions").get<double>(), 40.0);
}

TEST(Conversion, DividesTheRegionTotalByTheIterationsAndSetsTheTimesToIt) {
  const auto c = convert(raw_run(json::array({row("BM_A/iterations:200/repeats:1", 200)})),
                         "raw.json", {Dump{"d0", 0, 200, 3000}});
  ASSERT_TRUE(c.problems.empty()) << c.problems[0];
  const auto b = out_row(c, 0);
  EXPECT_DOUBLE_EQ(b.at("instructions").get<double>(), 15.0);
  EXPECT_DOUBLE_EQ(b.at("cpu_time").get<double>(), 15.0);
  EXPECT_DOUBLE_EQ(b.at("real_time").get<double>(), 15.0);
  EXPECT_EQ(b.at("name"), "BM_A");
  EXPECT_EQ(lukhas::compare::context_string(c.output.context, "lukhas_mode"), "instructions");
}

TEST(Conversion, MapsDumpsByTheirSequenceNotTheirFileOrder) {
  const auto c = convert(raw_run(json::array({row("BM_A", 10), row("BM_B", 10)})), "raw.json",
                         {Dump{"d1", 1, 10, 200}, Dump{"d0", 0, 10, 100}});
  ASSERT_TRUE(c.problems.empty());
  EXPECT_DOUBLE_EQ(out_row(c, 0)["instructions"].get<double>(), 10.0);
  EXPECT_DOUBLE_EQ(out_row(c, 1)["instructions"].get<double>(), 20.0);
}

TEST(Conversion, AMissingDumpRefusesTheRunAndSaysWhy) {
  const auto c = convert(raw_run(json::array({row("BM_A", 10), row("BM_B", 10)})), "raw.json",
                         {Dump{"d0", 0, 10, 100}});
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_NE(c.problems[0].find("lukhas::bench::measured"), std::string::npos);
}

TEST(Conversion, AnIterationMismatchRefusesTheRunNamingTheBenchmark) {
  const auto c = convert(raw_run(json::array({row("BM_A", 10)})), "raw.json",
                         {Dump{"d0", 0, 11, 100}});
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_NE(c.problems[0].find("BM_A"), std::string::npos);
}

TEST(Conversion, MultiThreadedRowsAreExcludedAndListed) {
  const auto c = convert(raw_run(json::array({row("BM_A", 10), row("BM_T/threads:2", 20, 2)})),
                         "raw.json", {Dump{"d0", 0, 10, 100}, Dump{"d1", 1, 10, 999}});
  ASSERT_TRUE(c.problems.empty());
  EXPECT_EQ(c.output.rows.size(), 1u);
  ASSERT_EQ(c.excluded.size(), 1u);
  EXPECT_EQ(c.excluded[0].name, "BM_T/threads:2");
  EXPECT_NE(lukhas::compare::context_string(c.output.context, "lukhas_instructions_excluded").find(
                "BM_T/threads:2"),
            std::string::npos);
}

TEST(Conversion, TimeDerivedCountersAreDroppedDomainCountersKept) {
  auto r = row("BM_A", 10);
  r["items_per_second"] = 5.0;
  r["p95_us"] = 3.0;
  r["hit_ratio"] = 0.5;
  const auto c = convert(raw_run(json::array({r})), "raw.json", {Dump{"d0", 0, 10, 100}});
  ASSERT_TRUE(c.problems.empty());
  const auto b = out_row(c, 0);
  EXPECT_FALSE(b.contains("items_per_second"));
  EXPECT_FALSE(b.contains("p95_us"));
  EXPECT_TRUE(b.contains("hit_ratio"));
}

TEST(Conversion, TheSchemaSuiteIsRefusedWithTheReason) {
  const auto c = convert(raw_run(json::array({row("BM_S", 10)}), "schema"), "raw.json",
                         {Dump{"d0", 0, 10, 100}});
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_TRUE(c.refused);
  EXPECT_NE(c.problems[0].find("server work is not in the client's instruction count"),
            std::string::npos);
}

TEST(Conversion, ATimeModeRunIsRefused) {
  auto raw = raw_run(json::array({row("BM_A", 10)}));
  raw["context"]["lukhas_mode"] = "time";
  const auto c = convert(raw, "raw.json", {Dump{"d0", 0, 10, 100}});
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_NE(c.problems[0].find("--lukhas_mode=instructions"), std::string::npos);
}

TEST(Conversion, NamesLoseOnlyTheFixedIterationParts) {
  EXPECT_EQ(normalise_name("BM_X/folds:1000/iterations:200/repeats:1/threads:2"),
            "BM_X/folds:1000/threads:2");
  EXPECT_EQ(normalise_name("BM_X/folds:1000"), "BM_X/folds:1000");
}

}  // namespace
