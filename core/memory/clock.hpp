#pragma once
// The store's notion of "now", injectable so that tests move time by hand
// (retention is 7 days; no test sleeps) and benchmarks can step it per
// operation to keep the soft-deleted set at a steady size.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace lukhas::memory {

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

// Time stands still until advanced. Thread safe: several benchmark threads
// may advance it while the store reads it.
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

}  // namespace lukhas::memory
