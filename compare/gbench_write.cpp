#include "compare/gbench_write.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>

#include "compare/statistics.hpp"

namespace lukhas::compare {

using json = nlohmann::json;

namespace {

std::string gb_double(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v < 0 ? "-Infinity" : "Infinity";
  return fmt::format("{:.16e}", v);
}

std::string gb_string(const std::string& s) { return json(s).dump(); }

void kv(std::string& out, bool& first, const std::string& key, const std::string& value, const char* indent) {
  out += first ? "\n" : ",\n";
  first = false;
  out += indent;
  out += gb_string(key);
  out += ": ";
  out += value;
}

std::string context_value(const ContextValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return gb_string(*s);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  const double d = std::get<double>(v);
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) return fmt::format("{}", static_cast<std::int64_t>(d));
  return gb_double(d);
}

}  // namespace

std::string write_gbench_json(const GbenchFile& file) {
  std::string out = "{\n  \"context\": {";
  bool first = true;
  for (const auto& [k, v] : file.context) kv(out, first, k, context_value(v), "    ");
  out += "\n  },\n  \"benchmarks\": [";
  bool first_row = true;
  for (const auto& r : file.rows) {
    out += first_row ? "\n    {" : ",\n    {";
    first_row = false;
    bool f = true;
    const char* in = "      ";
    kv(out, f, "name", gb_string(r.name), in);
    if (r.family_index >= 0) kv(out, f, "family_index", std::to_string(r.family_index), in);
    if (r.per_family_instance_index >= 0)
      kv(out, f, "per_family_instance_index", std::to_string(r.per_family_instance_index), in);
    if (!r.run_name.empty()) kv(out, f, "run_name", gb_string(r.run_name), in);
    kv(out, f, "run_type", r.run_type == RunType::aggregate ? "\"aggregate\"" : "\"iteration\"", in);
    if (r.repetitions > 0) kv(out, f, "repetitions", std::to_string(r.repetitions), in);
    if (r.repetition_index >= 0) kv(out, f, "repetition_index", std::to_string(r.repetition_index), in);
    kv(out, f, "threads", std::to_string(r.threads), in);
    if (!r.aggregate_name.empty()) kv(out, f, "aggregate_name", gb_string(r.aggregate_name), in);
    if (!r.aggregate_unit.empty()) kv(out, f, "aggregate_unit", gb_string(r.aggregate_unit), in);
    if (r.error_occurred) {
      kv(out, f, "error_occurred", "true", in);
      kv(out, f, "error_message", gb_string(r.get_extra().error_message), in);
    }
    if (r.skipped) {
      kv(out, f, "skipped", "true", in);
      kv(out, f, "skip_message", gb_string(r.get_extra().skip_message), in);
    }
    if (r.is_complexity()) {
      if (r.get_extra().cpu_coefficient) kv(out, f, "cpu_coefficient", gb_double(*r.get_extra().cpu_coefficient), in);
      if (r.get_extra().real_coefficient) kv(out, f, "real_coefficient", gb_double(*r.get_extra().real_coefficient), in);
      if (!r.get_extra().big_o.empty()) kv(out, f, "big_o", gb_string(r.get_extra().big_o), in);
      if (r.get_extra().rms) kv(out, f, "rms", gb_double(*r.get_extra().rms), in);
    } else {
      kv(out, f, "iterations", std::to_string(r.iterations), in);
      if (r.real_time) kv(out, f, "real_time", gb_double(*r.real_time), in);
      if (r.cpu_time) kv(out, f, "cpu_time", gb_double(*r.cpu_time), in);
    }
    if (!r.time_unit.empty()) kv(out, f, "time_unit", gb_string(r.time_unit), in);
    for (const auto& [k, v] : r.counters) kv(out, f, std::string(k), gb_double(v), in);
    if (!r.get_extra().label.empty()) kv(out, f, "label", gb_string(r.get_extra().label), in);
    out += "\n    }";
  }
  out += "\n  ]\n}\n";
  return out;
}

bool is_volatile_context_key(const std::string& key) {
  return key == "date" || key == "load_avg" || key == "host_name" || key == "executable";
}

namespace {

// Non-finite numbers have no JSON spelling; nlohmann would write null. They
// go in as marked strings and are turned back into the bare words Google
// Benchmark uses after dumping. \u0001 cannot come from a parsed benchmark
// name: the reader would have had to accept a raw control character.
constexpr const char* kMark = "\x01nonfinite:";

json canonical_number(double v) {
  if (std::isnan(v)) return std::string(kMark) + "NaN";
  if (std::isinf(v)) return std::string(kMark) + (v < 0 ? "-Infinity" : "Infinity");
  if (v == 0) return 0.0;
  return std::stod(fmt::format("{:.{}g}", v, kCanonicalDigits));
}

std::string unmark(std::string s) {
  for (const char* word : {"NaN", "-Infinity", "Infinity"}) {
    const std::string from = std::string("\"\\u0001nonfinite:") + word + "\"";
    for (std::size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, from.size(), word);
  }
  return s;
}

json canonical_row(const Row& r) {
  json j = json::object();
  j["name"] = r.name;
  j["run_name"] = r.group_key();
  j["run_type"] = r.run_type == RunType::aggregate ? "aggregate" : "iteration";
  if (r.repetitions > 0) j["repetitions"] = r.repetitions;
  if (r.repetition_index >= 0) j["repetition_index"] = r.repetition_index;
  j["threads"] = r.threads;
  if (!r.aggregate_name.empty()) j["aggregate_name"] = r.aggregate_name;
  if (!r.aggregate_unit.empty()) j["aggregate_unit"] = r.aggregate_unit;
  if (r.error_occurred) {
    j["error_occurred"] = true;
    j["error_message"] = r.get_extra().error_message;
  }
  if (r.skipped) {
    j["skipped"] = true;
    j["skip_message"] = r.get_extra().skip_message;
  }
  if (r.is_complexity()) {
    if (r.get_extra().cpu_coefficient) j["cpu_coefficient"] = canonical_number(*r.get_extra().cpu_coefficient);
    if (r.get_extra().real_coefficient) j["real_coefficient"] = canonical_number(*r.get_extra().real_coefficient);
    if (!r.get_extra().big_o.empty()) j["big_o"] = r.get_extra().big_o;
    if (r.get_extra().rms) j["rms"] = canonical_number(*r.get_extra().rms);
  } else {
    j["iterations"] = r.iterations;
    if (r.real_time) j["real_time"] = canonical_number(*r.real_time);
    if (r.cpu_time) j["cpu_time"] = canonical_number(*r.cpu_time);
  }
  if (!r.time_unit.empty()) j["time_unit"] = r.time_unit;
  for (const auto& [k, v] : r.counters) j[std::string(k)] = canonical_number(v);
  if (!r.get_extra().label.empty()) j["label"] = r.get_extra().label;
  return j;
}

int aggregate_rank(const Row& r) {
  if (r.run_type == RunType::iteration) return 0;
  return r.is_complexity() ? 2 : 1;
}

}  // namespace

std::string canonical_baseline(const Side& side) {
  std::vector<const Row*> rows;
  for (const auto& b : side.benchmarks) {
    rows.insert(rows.end(), b.iterations.begin(), b.iterations.end());
    rows.insert(rows.end(), b.aggregates.begin(), b.aggregates.end());
    rows.insert(rows.end(), b.complexity.begin(), b.complexity.end());
  }
  // Benchmarks are sorted by name already; within one, iterations by index,
  // then aggregates by name, so reordered or interleaved runs diff as equal.
  std::stable_sort(rows.begin(), rows.end(), [](const Row* a, const Row* b) {
    const std::string ka = a->group_key(), kb = b->group_key();
    if (ka != kb) return ka < kb;
    if (aggregate_rank(*a) != aggregate_rank(*b)) return aggregate_rank(*a) < aggregate_rank(*b);
    if (a->repetition_index != b->repetition_index) return a->repetition_index < b->repetition_index;
    return a->name < b->name;
  });
  json ctx = json::object();
  for (const auto& [k, v] : side.context()) {
    if (is_volatile_context_key(k)) continue;
    if (const auto* s = std::get_if<std::string>(&v)) ctx[k] = *s;
    else if (const auto* b = std::get_if<bool>(&v)) ctx[k] = *b;
    else {
      const double d = std::get<double>(v);
      if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) ctx[k] = static_cast<std::int64_t>(d);
      else ctx[k] = canonical_number(d);
    }
  }
  std::string out = "{\n  \"benchmarks\": [";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out += i == 0 ? "\n    " : ",\n    ";
    out += canonical_row(*rows[i]).dump();
  }
  out += rows.empty() ? "],\n" : "\n  ],\n";
  std::string c = ctx.dump(2);
  std::string indented;
  for (char ch : c) {
    indented += ch;
    if (ch == '\n') indented += "  ";
  }
  out += "  \"context\": " + indented + "\n}\n";
  return unmark(out);
}

GbenchFile generate_synthetic(const SyntheticSpec& spec) {
  GbenchFile f;
  f.path = "<generated>";
  f.context["date"] = std::string("2026-01-01T00:00:00+00:00");
  f.context["host_name"] = std::string("synthetic");
  f.context["executable"] = std::string("bench-compare generate");
  f.context["num_cpus"] = 2.0;
  f.context["mhz_per_cpu"] = 3000.0;
  f.context["cpu_scaling_enabled"] = false;
  f.context["library_build_type"] = std::string("release");
  f.context["lukhas_seed"] = static_cast<double>(spec.seed);
  f.rows.reserve(spec.benchmarks * (spec.repetitions + 4));
  std::mt19937_64 rng(spec.seed);
  auto uniform = [&] { return (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53; };
  auto normal = [&] {  // Box-Muller
    const double u1 = uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  };
  for (std::size_t b = 0; b < spec.benchmarks; ++b) {
    const std::string name = fmt::format("BM_Synthetic_{}/size:{}", b % 100, b);
    const double base = 100.0 * static_cast<double>(1 + (b * 7919) % 997);
    std::vector<double> cpu, real, ips;
    for (std::size_t r = 0; r < spec.repetitions; ++r) {
      Row row;
      row.name = row.run_name = name;
      row.family_index = static_cast<std::int64_t>(b);
      row.per_family_instance_index = 0;
      row.repetitions = static_cast<std::int64_t>(spec.repetitions);
      row.repetition_index = static_cast<std::int64_t>(r);
      row.iterations = 1000;
      const double t = base * (1 + spec.shift) * (1 + spec.noise * normal());
      row.cpu_time = t;
      row.real_time = t * 1.01;
      row.time_unit = "ns";
      row.counters.push_back({"items_per_second", 1e9 / t});
      cpu.push_back(t);
      real.push_back(t * 1.01);
      ips.push_back(1e9 / t);
      f.rows.push_back(std::move(row));
    }
    if (spec.repetitions < 2) continue;
    auto agg = [&](const char* which, double c, double rt, double i, const char* unit) {
      Row row;
      row.name = name + "_" + which;
      row.run_name = name;
      row.run_type = RunType::aggregate;
      row.family_index = static_cast<std::int64_t>(b);
      row.per_family_instance_index = 0;
      row.repetitions = static_cast<std::int64_t>(spec.repetitions);
      row.aggregate_name = which;
      row.aggregate_unit = unit;
      row.iterations = static_cast<std::int64_t>(spec.repetitions);
      row.cpu_time = c;
      row.real_time = rt;
      if (std::string_view(unit) == "time") row.time_unit = "ns";
      row.counters.push_back({"items_per_second", i});
      f.rows.push_back(std::move(row));
    };
    agg("mean", mean(cpu), mean(real), mean(ips), "time");
    agg("median", *median(cpu), *median(real), *median(ips), "time");
    agg("stddev", *stddev(cpu), *stddev(real), *stddev(ips), "time");
    agg("cv", *coefficient_of_variation(cpu), *coefficient_of_variation(real), *coefficient_of_variation(ips),
        "percentage");
  }
  return f;
}

}  // namespace lukhas::compare
