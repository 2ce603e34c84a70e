#pragma once
// The one notion of "now" of the system under test, injectable so that tests
// move time by hand (fold retention is 7 days, context entries expire after
// 24 h; no test sleeps) and benchmarks can pin or step it for repeatable
// ages. The memory store and the context manager both read time through it.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace lukhas {

using TimePoint = std::chrono::system_clock::time_point;
using Duration = std::chrono::system_clock::duration;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// Time stands still until advanced. Thread safe: benchmark threads may
// advance it while the code under test reads it.
class ManualClock final : public Clock {
 public:
  // 2026-01-01T00:00:00Z: any fixed instant works; a realistic one keeps
  // printed timestamps readable.
  static constexpr std::int64_t kDefaultStartSeconds = 1767225600;

  explicit ManualClock(TimePoint start = TimePoint{std::chrono::seconds{kDefaultStartSeconds}})
      : ticks_(start.time_since_epoch().count()) {}

  TimePoint now() const override {
    return TimePoint{Duration{ticks_.load(std::memory_order_relaxed)}};
  }
  void advance(Duration d) { ticks_.fetch_add(d.count(), std::memory_order_relaxed); }
  void set(TimePoint t) { ticks_.store(t.time_since_epoch().count(), std::memory_order_relaxed); }

 private:
  std::atomic<Duration::rep> ticks_;
};

}  // namespace lukhas
