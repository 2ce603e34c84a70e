#include "runner/paired_plan.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "compare/splitmix.hpp"

namespace lukhas::runner {

std::vector<std::string> listed_benchmarks(std::string_view listing) {
  std::vector<std::string> out;
  std::istringstream in{std::string(listing)};
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    // The project's benchmarks are all named BM_...; the same rule as the
    // progress count (progress.cpp).
    if (line.starts_with("BM_")) out.push_back(line);
  }
  return out;
}

namespace {
std::string escaped(std::string_view name) {
  std::string out;
  for (char ch : name) {
    if (std::string_view(".[]{}()\\*+?^$|").find(ch) != std::string_view::npos) out += '\\';
    out += ch;
  }
  return out;
}
}  // namespace

std::string exact_filter(std::string_view name) { return "^" + escaped(name) + "$"; }

std::string any_of_filter(const std::vector<std::string>& names) {
  std::string out = "^(";
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? "|" : "") + escaped(names[i]);
  return out + ")$";
}

PairRun pair_run_for(std::string_view name) {
  if (name.find("/real_time") != std::string_view::npos || name.find("/manual_time") != std::string_view::npos)
    return PairRun::alone;
  for (std::size_t at = name.find("/threads:"); at != std::string_view::npos; at = name.find("/threads:", at + 1)) {
    std::size_t i = at + 9;
    long n = 0;
    while (i < name.size() && name[i] >= '0' && name[i] <= '9' && n < 1000) n = n * 10 + (name[i++] - '0');
    if (n != 1) return PairRun::alone;
  }
  return name.find("/iterations:") != std::string_view::npos ? PairRun::in_turn : PairRun::together;
}

PairedPlan plan_pairs(const std::vector<std::string>& listed_a, const std::vector<std::string>& listed_b,
                      long repetitions, long block, std::uint64_t seed) {
  PairedPlan plan;
  plan.seed = seed;
  const std::set<std::string> in_a(listed_a.begin(), listed_a.end()), in_b(listed_b.begin(), listed_b.end());
  std::vector<std::string> both;
  for (const auto& n : listed_a) {
    if (in_b.contains(n)) {
      if (std::find(both.begin(), both.end(), n) == both.end()) both.push_back(n);
    } else {
      plan.only_a.push_back(n);
    }
  }
  for (const auto& n : listed_b)
    if (!in_a.contains(n)) plan.only_b.push_back(n);
  if (repetitions < 1 || block < 1) return plan;
  const auto blocks_of = [&](long size) { return (repetitions + size - 1) / size; };
  compare::SplitMix64 rng{seed};
  for (long k = 0; k < blocks_of(1); ++k) {
    for (const auto& n : both) {
      const PairRun run = pair_run_for(n);
      const long size = run == PairRun::together ? block : 1;
      if (k >= blocks_of(size)) continue;
      const long reps = std::min(size, repetitions - k * size);
      plan.steps.push_back({n, k, reps, (rng.next() >> 63) == 0, run});
    }
  }
  return plan;
}

std::vector<std::string> listing_arguments(const TimeOptions& o) {
  std::vector<std::string> a{"--lukhas_mode=time"};
  if (o.latency_calls > 0) a.push_back(fmt::format("--lukhas_latency_iterations={}", o.latency_calls));
  if (!o.filter.empty()) a.push_back("--benchmark_filter=" + o.filter);
  a.push_back("--benchmark_list_tests");
  return a;
}

TimeOptions block_options(const TimeOptions& base, const PairedStep& step, const std::string& side,
                          const std::string& label) {
  TimeOptions t = base;
  t.repetitions = step.repetitions;
  t.filter = exact_filter(step.benchmark);
  t.contexts.push_back("git_revision=" + label);
  t.contexts.push_back("ab_side=" + side);
  return t;
}

}  // namespace lukhas::runner
