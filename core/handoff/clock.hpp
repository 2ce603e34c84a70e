#pragma once
// The context manager reads time only through Clock, so tests drive a
// ManualClock (no sleeping) and benchmarks pin time for repeatable ages.
#include <atomic>
#include <chrono>

namespace lukhas::handoff {

using Timestamp = std::chrono::system_clock::time_point;
using Duration = std::chrono::system_clock::duration;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override { return std::chrono::system_clock::now(); }
};

// Thread safe: readers and the test thread moving time may overlap.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start = Timestamp(std::chrono::hours(24 * 365 * 56)))  // ~2026
      : ticks_(start.time_since_epoch().count()) {}
  Timestamp now() const override { return Timestamp(Duration(ticks_.load(std::memory_order_relaxed))); }
  void set(Timestamp t) { ticks_.store(t.time_since_epoch().count(), std::memory_order_relaxed); }
  void advance(Duration d) { ticks_.fetch_add(d.count(), std::memory_order_relaxed); }

 private:
  std::atomic<Duration::rep> ticks_;
};

}  // namespace lukhas::handoff
