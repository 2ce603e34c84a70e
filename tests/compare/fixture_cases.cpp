#include "tests/compare/fixture_cases.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "compare/gbench_json.hpp"
#include "compare/gbench_write.hpp"

namespace lukhas::compare::testing {

namespace {

namespace fs = std::filesystem;

// Deterministic "noise" in [-1, 1]: a sine at an irrational step.
double wobble(int i, double phase = 0) { return std::sin(1.7 * i + phase); }

Context context_17(const std::string& host = "ci-runner-1") {
  Context c;
  c["date"] = std::string("2026-11-20T10:00:00+00:00");
  c["host_name"] = host;
  c["executable"] = std::string("./bench_memory");
  c["num_cpus"] = 2.0;
  c["mhz_per_cpu"] = 2400.0;
  c["cpu_scaling_enabled"] = false;
  c["load_avg"] = std::string("[0.5,0.4,0.3]");  // a string here: nested arrays are not kept
  c["library_build_type"] = std::string("debug");
  c["lukhas_build_type"] = std::string("Release");
  c["lukhas_compiler"] = std::string("GNU 12.2.0");
  return c;
}

Row iteration(const std::string& name, int rep, int reps, double cpu, const std::string& unit = "ns") {
  Row r;
  r.name = r.run_name = name;
  r.run_type = RunType::iteration;
  r.repetitions = reps;
  r.repetition_index = rep;
  r.iterations = 1000;
  r.cpu_time = cpu;
  r.real_time = cpu * 1.02;
  r.time_unit = unit;
  return r;
}

// `reps` repetitions of a benchmark around `centre` with relative spread `spread`.
void add_runs(std::vector<Row>& rows, const std::string& name, int reps, double centre, double spread,
              double phase = 0, const std::string& unit = "ns") {
  for (int i = 0; i < reps; ++i) rows.push_back(iteration(name, i, reps, centre * (1 + spread * wobble(i, phase)), unit));
}

Row aggregate(const std::string& name, const std::string& which, int reps, double cpu, const std::string& unit = "ns") {
  Row r;
  r.name = name + "_" + which;
  r.run_name = name;
  r.run_type = RunType::aggregate;
  r.repetitions = reps;
  r.aggregate_name = which;
  r.aggregate_unit = which == "cv" ? "percentage" : "time";
  r.iterations = reps;
  r.cpu_time = cpu;
  r.real_time = cpu * 1.02;
  if (which != "cv") r.time_unit = unit;
  return r;
}

void write(const fs::path& path, const Context& ctx, std::vector<Row> rows) {
  fs::create_directories(path.parent_path());
  GbenchFile f;
  f.context = ctx;
  f.rows = std::move(rows);
  std::ofstream out(path, std::ios::binary);
  out << write_gbench_json(f);
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace

void write_fixture_cases(const std::string& dir_name) {
  const fs::path dir(dir_name);

  {  // identical: the same run on both sides.
    std::vector<Row> rows;
    add_runs(rows, "BM_Memory_Create/folds:10", 5, 820, 0.01);
    add_runs(rows, "BM_Memory_Retrieve/folds:1000", 5, 1530, 0.01, 1);
    add_runs(rows, "BM_Identity_Parse", 5, 95, 0.02, 2);
    write(dir / "identical/baseline.json", context_17(), rows);
    write(dir / "identical/contender.json", context_17(), rows);
  }
  {  // regression: +10% on one benchmark, 12 repetitions, 1% noise.
    std::vector<Row> b, c;
    add_runs(b, "BM_Memory_Create/folds:1000", 12, 1000, 0.01);
    add_runs(c, "BM_Memory_Create/folds:1000", 12, 1100, 0.01, 0.5);
    add_runs(b, "BM_Memory_Retrieve/folds:1000", 12, 400, 0.01, 1);
    add_runs(c, "BM_Memory_Retrieve/folds:1000", 12, 401, 0.01, 1.3);
    write(dir / "regression/baseline.json", context_17(), b);
    write(dir / "regression/contender.json", context_17(), c);
  }
  {  // noise: +-3% around the same centre, 12 repetitions: must stay unchanged.
    std::vector<Row> b, c;
    add_runs(b, "BM_Handoff_Update/entries:100", 12, 2000, 0.03);
    add_runs(c, "BM_Handoff_Update/entries:100", 12, 2000, 0.03, 0.9);
    add_runs(b, "BM_Handoff_Get/entries:100", 12, 300, 0.03, 2);
    add_runs(c, "BM_Handoff_Get/entries:100", 12, 300, 0.03, 4);
    write(dir / "noise/baseline.json", context_17(), b);
    write(dir / "noise/contender.json", context_17(), c);
  }
  {  // three repetitions a side: the U test cannot reach alpha = 0.05.
    std::vector<Row> b, c;
    add_runs(b, "BM_Identity_Resolve", 3, 500, 0.01);
    add_runs(c, "BM_Identity_Resolve", 3, 600, 0.01, 1);
    add_runs(b, "BM_Identity_Parse", 3, 90, 0.01, 2);
    add_runs(c, "BM_Identity_Parse", 3, 91, 0.01, 3);
    write(dir / "three_reps/baseline.json", context_17(), b);
    write(dir / "three_reps/contender.json", context_17(), c);
  }
  {  // removed and new benchmarks; the config allows one removal.
    std::vector<Row> b, c;
    add_runs(b, "BM_Kept", 5, 100, 0.01);
    add_runs(c, "BM_Kept", 5, 100, 0.01, 1);
    add_runs(b, "BM_Gone", 5, 200, 0.01);
    add_runs(b, "BM_Old_Parser", 5, 300, 0.01);
    add_runs(c, "BM_Added", 5, 50, 0.01);
    write(dir / "removed_new/baseline.json", context_17(), b);
    write(dir / "removed_new/contender.json", context_17(), c);
    write_text(dir / "removed_new/config.json", "{\n  \"allow_removed\": [\"BM_Old_*\"]\n}\n");
  }
  {  // the time unit changed from ms to us: normalised, still compared.
    std::vector<Row> b, c;
    add_runs(b, "BM_Schema_Migrate", 6, 1.5, 0.01, 0, "ms");
    add_runs(c, "BM_Schema_Migrate", 6, 1500, 0.01, 1, "us");
    write(dir / "unit_change/baseline.json", context_17(), b);
    write(dir / "unit_change/contender.json", context_17(), c);
  }
  {  // --benchmark_report_aggregates_only: no repetitions to test.
    std::vector<Row> b, c;
    for (const char* which : {"mean", "median", "stddev", "cv"}) {
      const std::string w = which;
      const double scale = w == "stddev" ? 0.01 : 1;
      b.push_back(aggregate("BM_Memory_Cascade", w, 10, w == "cv" ? 0.01 : 1000 * scale));
      c.push_back(aggregate("BM_Memory_Cascade", w, 10, w == "cv" ? 0.01 : 1120 * scale));
      b.push_back(aggregate("BM_Memory_Prune", w, 10, w == "cv" ? 0.02 : 700 * (w == "stddev" ? 0.02 : 1)));
      c.push_back(aggregate("BM_Memory_Prune", w, 10, w == "cv" ? 0.02 : 707 * (w == "stddev" ? 0.02 : 1)));
    }
    write(dir / "aggregates_only/baseline.json", context_17(), b);
    write(dir / "aggregates_only/contender.json", context_17(), c);
  }
  {  // NaN and Infinity as Google Benchmark writes them (bare words).
    const double nan = std::nan(""), inf = INFINITY;
    std::vector<Row> b, c;
    for (int i = 0; i < 5; ++i) {
      Row rb = iteration("BM_Rate", i, 5, 100 * (1 + 0.01 * wobble(i)));
      rb.counters.push_back({"bytes_per_second", nan});
      Row rc = iteration("BM_Rate", i, 5, 100 * (1 + 0.01 * wobble(i, 1)));
      rc.counters.push_back({"bytes_per_second", -inf});
      b.push_back(rb);
      c.push_back(rc);
      b.push_back(iteration("BM_Spiky", i, 5, 200 * (1 + 0.01 * wobble(i))));
      c.push_back(iteration("BM_Spiky", i, 5, i == 2 ? inf : 200 * (1 + 0.01 * wobble(i, 1))));
      b.push_back(iteration("BM_Broken", i, 5, 300 * (1 + 0.01 * wobble(i))));
      c.push_back(iteration("BM_Broken", i, 5, nan));
    }
    write(dir / "nan_inf/baseline.json", context_17(), b);
    write(dir / "nan_inf/contender.json", context_17(), c);
  }
  {  // an errored row (error_occurred) and a skipped one (1.8+ "skipped").
    std::vector<Row> b, c;
    add_runs(b, "BM_Schema_Insert", 4, 5000, 0.01);
    add_runs(b, "BM_Schema_Select", 4, 800, 0.01);
    add_runs(b, "BM_Fine", 4, 10, 0.01);
    add_runs(c, "BM_Fine", 4, 10, 0.01, 1);
    Row err = iteration("BM_Schema_Insert", 0, 4, 0);
    err.error_occurred = true;
    err.mutable_extra().error_message = "could not connect to PostgreSQL";
    c.push_back(err);
    Row skip = iteration("BM_Schema_Select", 0, 4, 0);
    skip.skipped = true;
    skip.mutable_extra().skip_message = "needs PGHOST";
    c.push_back(skip);
    write(dir / "errored/baseline.json", context_17(), b);
    write(dir / "errored/contender.json", context_17(), c);
  }
  {  // a counter where higher is better (named in the config).
    std::vector<Row> b, c;
    for (int i = 0; i < 8; ++i) {
      Row rb = iteration("BM_Memory_Throughput", i, 8, 1000 * (1 + 0.005 * wobble(i)));
      rb.counters.push_back({"items_per_second", 1e6 * (1 + 0.005 * wobble(i, 2))});
      Row rc = iteration("BM_Memory_Throughput", i, 8, 1000 * (1 + 0.005 * wobble(i, 1)));
      rc.counters.push_back({"items_per_second", 0.8e6 * (1 + 0.005 * wobble(i, 3))});
      b.push_back(rb);
      c.push_back(rc);
      Row hb = iteration("BM_Memory_HitRatio", i, 8, 500 * (1 + 0.005 * wobble(i)));
      hb.counters.push_back({"hit_ratio", 0.80 * (1 + 0.002 * wobble(i, 2))});
      Row hc = iteration("BM_Memory_HitRatio", i, 8, 500 * (1 + 0.005 * wobble(i, 1)));
      hc.counters.push_back({"hit_ratio", 0.92 * (1 + 0.002 * wobble(i, 3))});
      b.push_back(hb);
      c.push_back(hc);
    }
    write(dir / "counter_higher/baseline.json", context_17(), b);
    write(dir / "counter_higher/contender.json", context_17(), c);
    write_text(dir / "counter_higher/config.json",
               "{\n  \"counters\": [\n"
               "    {\"name\": \"items_per_second\", \"direction\": \"higher_is_better\"},\n"
               "    {\"name\": \"hit_ratio\", \"direction\": \"higher_is_better\", \"threshold_pct\": 2}\n"
               "  ]\n}\n");
  }
  {  // Google Benchmark 1.5-era context and rows vs 1.9-era ones.
    Context old;
    old["date"] = std::string("2019-05-01 10:00:00");
    old["host_name"] = std::string("laptop");
    old["executable"] = std::string("./bench");
    old["num_cpus"] = 8.0;
    old["mhz_per_cpu"] = 2800.0;
    old["cpu_scaling_enabled"] = true;
    old["library_build_type"] = std::string("release");
    Context now;
    now["date"] = std::string("2026-11-20T10:00:00+00:00");
    now["host_name"] = std::string("ci-runner-1");
    now["executable"] = std::string("./bench");
    now["num_cpus"] = 2.0;
    now["mhz_per_cpu"] = 2400.0;
    now["cpu_scaling_enabled"] = false;
    now["library_build_type"] = std::string("release");
    now["library_version"] = std::string("v1.9.0");
    now["json_schema_version"] = 1.0;
    std::vector<Row> b, c;
    for (int i = 0; i < 6; ++i) {
      Row r = iteration("BM_Identity_Parse", i, 6, 100 * (1 + 0.01 * wobble(i)));
      r.run_name.clear();  // 1.5 wrote run_name, older versions did not; test the fallback
      r.threads = 1;
      b.push_back(r);
      Row n = iteration("BM_Identity_Parse", i, 6, 101 * (1 + 0.01 * wobble(i, 1)));
      n.family_index = 0;
      n.per_family_instance_index = 0;
      c.push_back(n);
    }
    Row agg = aggregate("BM_Identity_Parse", "mean", 6, 100);
    agg.aggregate_unit.clear();  // before 1.7
    agg.run_name.clear();
    b.push_back(agg);
    write(dir / "eras/baseline.json", old, b);
    write(dir / "eras/contender.json", now, c);
  }
  {  // shards: each side split over two files, differently.
    std::vector<Row> b1, b2, c1, c2;
    add_runs(b1, "BM_Memory_Create/folds:10", 5, 800, 0.01);
    add_runs(b1, "BM_Memory_Create/folds:1000", 5, 900, 0.01, 1);
    add_runs(b2, "BM_Identity_Parse", 5, 95, 0.01, 2);
    add_runs(c1, "BM_Memory_Create/folds:10", 5, 800, 0.01, 3);
    add_runs(c2, "BM_Memory_Create/folds:1000", 5, 900, 0.01, 4);
    add_runs(c2, "BM_Identity_Parse", 5, 95, 0.01, 5);
    write(dir / "shards/baseline/memory.json", context_17(), b1);
    write(dir / "shards/baseline/identity.json", context_17(), b2);
    write(dir / "shards/contender/shard-1.json", context_17(), c1);
    write(dir / "shards/contender/shard-2.json", context_17(), c2);
  }
  {  // the same benchmark in two shards: the tool cannot decide (exit 2).
    std::vector<Row> c1, c2;
    add_runs(c1, "BM_Memory_Create/folds:10", 3, 800, 0.01);
    add_runs(c2, "BM_Memory_Create/folds:10", 3, 800, 0.01, 1);
    write(dir / "duplicate_shards/contender/a.json", context_17(), c1);
    write(dir / "duplicate_shards/contender/b.json", context_17(), c2);
  }
  {  // instruction counts (callgrind mode) with a compiler change; and SLOs.
    std::vector<Row> b, c;
    for (int i = 0; i < 5; ++i) {
      Row rb = iteration("BM_Memory_Create/folds:1000", i, 5, 900 * (1 + 0.01 * wobble(i)));
      rb.counters.push_back({"instructions", 125000.0 + i});
      Row rc = iteration("BM_Memory_Create/folds:1000", i, 5, 905 * (1 + 0.01 * wobble(i, 1)));
      rc.counters.push_back({"instructions", 127500.0 + i});
      b.push_back(rb);
      c.push_back(rc);
    }
    Context cb = context_17(), cc = context_17();
    cc["lukhas_compiler"] = std::string("Clang 16.0.6");
    write(dir / "instructions/baseline.json", cb, b);
    write(dir / "instructions/contender.json", cc, c);
  }
  {  // SLO checks against a copy of the catalog format.
    std::vector<Row> c;
    for (int i = 0; i < 5; ++i) {
      Row a = iteration("BM_Memory_CreateBelowLimit_Latency/folds:100", i, 5, 900);
      a.counters.push_back({"p50_us", 700.0 + i});
      a.counters.push_back({"p95_us", 800.0 + i});
      a.counters.push_back({"p99_us", 950.0 + i});
      a.counters.push_back({"samples", 2000});
      c.push_back(a);
      Row r = iteration("BM_Identity_Resolve_Latency", i, 5, 40000);
      r.counters.push_back({"p50_us", 30000.0 + i});
      r.counters.push_back({"p95_us", 60000.0 + 100 * i});
      r.counters.push_back({"p99_us", 70000.0 + i});
      r.counters.push_back({"samples", 400});
      c.push_back(r);
      Row w = iteration("BM_Memory_CascadeWorkload/prevention:1/threads:1", i, 5, 5000);
      w.counters.push_back({"prevention_rate_lower95", 0.998 + 0.0001 * i});
      w.counters.push_back({"operations", 10000});
      c.push_back(w);
      // Too short a run: one repetition timed 399 calls, one fewer than a
      // p95 needs, so the check is "insufficient data" though the value
      // itself is far below the target.
      Row h = iteration("BM_Handoff_Handoff_Latency/entries:10", i, 5, 3000);
      h.counters.push_back({"p50_us", 2.0 + i});
      h.counters.push_back({"p95_us", 3.0 + i});
      h.counters.push_back({"p99_us", 4.0 + i});
      h.counters.push_back({"samples", i == 2 ? 399.0 : 1000.0});
      c.push_back(h);
    }
    write(dir / "slo/baseline.json", context_17(), c);
    write(dir / "slo/contender.json", context_17(), c);
    write_text(dir / "slo/catalog.json", R"({
  "schema_version": 1,
  "slos": [
    {"id": "memory.fold_create.p95", "benchmark": "BM_Memory_Create*_Latency*", "counter": "p95_us",
     "comparison": "<", "target": 10000, "unit": "us", "source": "test", "measured_in_process": true,
     "samples_counter": "samples", "quantile": 0.95},
    {"id": "identity.resolve.p95", "benchmark": "BM_Identity_Resolve_Latency*", "counter": "p95_us",
     "comparison": "<", "target": 50000, "unit": "us", "source": "test", "measured_in_process": true,
     "samples_counter": "samples", "quantile": 0.95},
    {"id": "memory.cascade_prevention", "benchmark": "BM_Memory_CascadeWorkload/prevention:1*",
     "counter": "prevention_rate_lower95", "comparison": ">=", "target": 0.997, "unit": "ratio", "source": "test",
     "measured_in_process": true, "samples_counter": "operations", "min_samples": 1277},
    {"id": "context.handoff.p95", "benchmark": "BM_Handoff_Handoff_Latency*", "counter": "p95_us",
     "comparison": "<", "target": 100000, "unit": "us", "source": "test", "measured_in_process": true,
     "samples_counter": "samples", "quantile": 0.95},
    {"id": "schema.query.p95", "benchmark": "BM_Schema_*_Latency*", "counter": "p95_us",
     "comparison": "<", "target": 100000, "unit": "us", "source": "test", "measured_in_process": true,
     "samples_counter": "samples", "quantile": 0.95},
    {"id": "openai.routes.p95", "counter": "p95_us", "comparison": "<", "target": 2000000, "unit": "us",
     "source": "test", "measured_in_process": false, "why_not_measured": "remote model provider"}
  ]
}
)");
  }
}

}  // namespace lukhas::compare::testing
