#include "bench/handoff/handoff_data.hpp"

#include <random>
#include <string>

namespace lukhas::bench::handoff {

namespace {

using lukhas::handoff::Entry;

std::string words(std::mt19937_64& rng, std::size_t chars) {
  static constexpr const char* kWords[] = {"memory", "fold", "consent", "handoff", "model", "context",
                                           "token", "identity", "räumlich", "naïve", "λ", "summary"};
  std::string s;
  while (s.size() < chars) {
    if (!s.empty()) s += ' ';
    s += kWords[rng() % (sizeof kWords / sizeof kWords[0])];
  }
  return s;
}

Entry entry(std::mt19937_64& rng, std::size_t i) {
  Entry e;
  e.id = "seed-" + std::to_string(i);
  e.prompt = words(rng, 60 + rng() % 240);     // some exceed the 200-character cut
  e.response = words(rng, 200 + rng() % 400);  // some exceed the 300-character cut
  e.metadata = {{"model", rng() % 2 ? "model-a" : "model-b"}, {"turn", std::to_string(i)}};
  e.relevance = 0.5 + 0.5 * static_cast<double>(rng() % 1000) / 1000.0;
  e.session_id = "session-" + std::to_string(rng() % 4);
  e.task_context = "bench";
  return e;
}

}  // namespace

std::vector<Entry> make_context(std::size_t n, lukhas::TimePoint now, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Entry> v;
  v.reserve(n);
  const auto span = std::chrono::duration_cast<lukhas::Duration>(std::chrono::minutes(50));
  for (std::size_t i = 0; i < n; ++i) {
    Entry e = entry(rng, i);
    e.timestamp = now - span + span * static_cast<std::int64_t>(i) / static_cast<std::int64_t>(n);
    v.push_back(std::move(e));
  }
  return v;
}

Entry make_produced_entry(std::uint64_t seed) {
  std::mt19937_64 rng(seed ^ 0x70726f64ull);
  Entry e = entry(rng, 0);
  e.id.clear();  // update() assigns ids and timestamps
  e.prompt = words(rng, 120);
  e.response = words(rng, 400);
  e.relevance = 1.0;
  return e;
}

}  // namespace lukhas::bench::handoff
