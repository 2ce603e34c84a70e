#include "compare/history_synth.hpp"

#include <fmt/format.h>

#include <cmath>

#include "compare/history.hpp"
#include "compare/splitmix.hpp"

namespace lukhas::compare {

namespace {

using Rng = SplitMix64;

// Multiplicative noise with mean 1 and the given coefficient of variation.
double lognormal(Rng& rng, double cv) {
  if (cv <= 0) return 1.0;
  const double sigma = std::sqrt(std::log1p(cv * cv));
  return std::exp(sigma * rng.normal() - sigma * sigma / 2);
}

std::uint64_t mix(std::uint64_t a, std::uint64_t b) { return a * 0x9e3779b97f4a7c15ULL ^ (b + 0x632be59bd9b4e019ULL); }

}  // namespace

std::vector<double> synthetic_series(const SyntheticSeriesSpec& spec, std::size_t repetitions) {
  Rng rng{spec.seed};
  std::vector<double> out;
  out.reserve(spec.runs * repetitions);
  for (std::size_t i = 0; i < spec.runs; ++i) {
    double level = spec.base * std::pow(1 + spec.drift_per_run, static_cast<double>(i));
    if (spec.step != 0 && i >= spec.step_at) level *= 1 + spec.step;
    for (std::size_t r = 0; r < repetitions; ++r) out.push_back(level * lognormal(rng, spec.noise_cv));
  }
  return out;
}

GbenchFile synthetic_history_run(const SyntheticHistorySpec& spec, std::size_t run) {
  GbenchFile f;
  f.path = "<synthetic history>";
  f.context["date"] = synthetic_date(run);
  f.context["host_name"] = std::string("synthetic");
  f.context["executable"] = std::string("history_detect");
  f.context["num_cpus"] = 2.0;
  f.context["library_build_type"] = std::string("release");
  f.context["lukhas_suite"] = std::string("synthetic");
  Rng rng{mix(spec.seed, run)};
  for (std::size_t b = 0; b < spec.benchmarks; ++b) {
    const bool instr = b < spec.instruction_benchmarks;
    double level = instr ? 1e6 * static_cast<double>(1 + b % 7) : 100.0 * static_cast<double>(1 + b % 13);
    for (const InjectedStep& s : spec.steps)
      if (s.benchmark == b && run >= s.at) level *= 1 + s.step;
    const std::string name = fmt::format("BM_History_{}", b);
    for (std::size_t r = 0; r < spec.repetitions; ++r) {
      Row row;
      row.name = row.run_name = name;
      row.family_index = static_cast<std::int64_t>(b);
      row.per_family_instance_index = 0;
      row.repetitions = static_cast<std::int64_t>(spec.repetitions);
      row.repetition_index = static_cast<std::int64_t>(r);
      row.iterations = 1000;
      row.time_unit = "ns";
      if (instr) {
        const double v = std::round(level * lognormal(rng, spec.instructions_cv));
        row.counters.push_back({intern_counter_name("instructions"), v});
        row.real_time = row.cpu_time = v / 3e3 * lognormal(rng, spec.time_cv);
      } else {
        row.real_time = level * lognormal(rng, spec.time_cv);
        row.cpu_time = *row.real_time;
      }
      f.rows.push_back(std::move(row));
    }
  }
  return f;
}

std::string synthetic_commit(std::size_t run) {
  const std::uint64_t a = mix(run, 1), b = mix(run, 2), c = mix(run, 3);
  return fmt::format("{:016x}{:016x}{:08x}", a, b, static_cast<std::uint32_t>(c));
}

std::string synthetic_date(std::size_t run) {
  return format_iso8601(1798761600 + static_cast<std::int64_t>(run) * 3600);  // from 2027-01-01T00:00:00Z
}

std::vector<InjectedStep> default_injected_steps(const SyntheticHistorySpec& spec) {
  // Five instruction benchmarks with a 2% step, five time benchmarks with 5% to
  // 10%, spread over the benchmarks and runs (none near the ends).
  std::vector<InjectedStep> steps;
  const std::size_t ib = std::max<std::size_t>(spec.instruction_benchmarks, 1);
  const std::size_t tb = std::max<std::size_t>(spec.benchmarks - spec.instruction_benchmarks, 1);
  const double time_steps[] = {0.05, 0.06, 0.08, 0.10, 0.07};
  for (std::size_t k = 0; k < 5; ++k) {
    const std::size_t at = 20 + (spec.runs - 40) * (2 * k + 1) / 10;
    steps.push_back({(k * 9 + 3) % ib, at, 0.02});
    steps.push_back({spec.instruction_benchmarks + (k * 11 + 5) % tb, spec.runs - at, time_steps[k]});
  }
  return steps;
}

}  // namespace lukhas::compare
