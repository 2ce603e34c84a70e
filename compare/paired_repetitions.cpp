#include "compare/paired_repetitions.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace lukhas::compare {

namespace {

std::optional<double> value_of(const Row& r, std::string_view metric) {
  std::optional<double> v;
  if (metric == "cpu_time") v = r.cpu_time;
  else if (metric == "real_time") v = r.real_time;
  else return r.counter(metric);
  if (v) {
    if (auto f = ns_per_unit(r.time_unit)) *v *= *f;
  }
  return v;
}

// One side's repetitions by position: repetition_index when every row has a
// distinct one (what Google Benchmark and `bench-compare merge` write), else
// the order of the rows in the file. Fills `problem` on a duplicate index.
std::map<std::int64_t, const Row*> by_position(const Benchmark& b, const char* who, std::string& problem) {
  std::map<std::int64_t, const Row*> out;
  bool indexed = !b.iterations.empty();
  for (const Row* r : b.iterations) indexed = indexed && r->repetition_index >= 0;
  std::int64_t k = 0;
  for (const Row* r : b.iterations) {
    const std::int64_t at = indexed ? r->repetition_index : k;
    ++k;
    if (!out.emplace(at, r).second && problem.empty())
      problem = fmt::format("the {} has repetition_index {} twice: cannot tell which repetition it pairs with", who, at);
  }
  return out;
}

}  // namespace

RepetitionPairs pair_repetitions(const Benchmark& baseline, const Benchmark& contender, std::string_view metric) {
  RepetitionPairs p;
  if (baseline.iterations.empty() || contender.iterations.empty()) {
    p.problem = fmt::format("paired mode needs the repetitions, and the {} has none (aggregates only?)",
                            baseline.iterations.empty() ? "baseline" : "contender");
    return p;
  }
  const auto b = by_position(baseline, "baseline", p.problem);
  const auto c = by_position(contender, "contender", p.problem);
  if (!p.problem.empty()) return p;
  if (b.size() != c.size()) {
    p.problem = fmt::format("unequal repetition counts: baseline {}, contender {}: every repetition needs its partner",
                            b.size(), c.size());
    return p;
  }
  for (const auto& [index, row] : b) {
    const auto it = c.find(index);
    if (it == c.end()) {
      p.problem = fmt::format("baseline repetition {} has no partner in the contender", index);
      return p;
    }
    for (const Row* r : {row, it->second}) {
      const char* who = r == row ? "baseline" : "contender";
      if (r->error_occurred || r->skipped) {
        p.problem = fmt::format("{} repetition {} failed ({}): its pair cannot be judged", who, index,
                                r->failure_message().empty() ? "no message" : r->failure_message());
        return p;
      }
      const auto v = value_of(*r, metric);
      if (!v) {
        p.problem = fmt::format("{} repetition {} has no {}: its pair cannot be judged", who, index, metric);
        return p;
      }
      if (!std::isfinite(*v) || *v <= 0) {
        p.problem = fmt::format("{} repetition {} has {} {:g}: not a measurement, its pair cannot be judged", who,
                                index, metric, *v);
        return p;
      }
      (r == row ? p.baseline : p.contender).push_back(*v);
    }
  }
  return p;
}

}  // namespace lukhas::compare
