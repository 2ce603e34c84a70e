#include "core/handoff/summary.hpp"

#include <algorithm>
#include <ctime>

#include "core/handoff/prompt.hpp"
#include "core/handoff/relevance.hpp"

namespace lukhas::handoff {

namespace {

constexpr std::size_t kKeyPointChars = 80;

std::string iso_utc(TimePoint t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

Summary summarize(const std::vector<Entry>& entries, std::string id, TimePoint now, const Policy& policy) {
  Summary s;
  s.id = std::move(id);
  s.created_at = now;
  s.original_count = entries.size();
  if (entries.empty()) return s;
  s.from = entries.front().timestamp;
  s.to = entries.front().timestamp;
  std::vector<Candidate> ranked;
  ranked.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    s.from = std::min(s.from, entries[i].timestamp);
    s.to = std::max(s.to, entries[i].timestamp);
    ranked.push_back(Candidate{entries[i].relevance, entries[i].timestamp, i});
  }
  const std::size_t k = rank_top(ranked, policy.summary_key_points);
  s.key_points.reserve(k);
  for (std::size_t i = 0; i < k; ++i)
    s.key_points.emplace_back(truncate_chars(entries[ranked[i].index].prompt, kKeyPointChars));

  s.text = std::to_string(entries.size()) + " earlier exchanges from " + iso_utc(s.from) + " to " + iso_utc(s.to);
  if (!s.key_points.empty()) {
    s.text += "; key points: ";
    for (std::size_t i = 0; i < s.key_points.size(); ++i) {
      if (i != 0) s.text += "; ";
      s.text += s.key_points[i];
    }
  }
  return s;
}

}  // namespace lukhas::handoff
