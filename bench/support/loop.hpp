#pragma once
// The measured loop. Write `for (auto _ : lukhas::bench::measured(state))`
// instead of `for (auto _ : state)`: in time mode it is the same loop; under
// callgrind (instruction mode) it switches instruction collection on for the
// loop only, so set-up and tear-down are never counted, and dumps the counts
// at the end of the loop with a label the instruction-mode converter maps back
// to the JSON row. Outside valgrind the client requests are a handful of
// no-op instructions, once per run, not per iteration.
//
// In both modes the loop also reports what thread 0 allocated per iteration
// ("allocations", "allocated_bytes"): deterministic figures that instruction
// mode gates in place of the allocator's own instruction count.
#include <benchmark/benchmark.h>
#include <valgrind/callgrind.h>

#include "bench/support/allocation_count.hpp"

namespace lukhas::bench {

// Called at the end of each measured loop (thread 0 only): dumps the
// callgrind counters with label "lukhas:<sequence>:<iterations>".
void end_measured_region(benchmark::State& state);

// Sets the "allocations" and "allocated_bytes" counters (per iteration of
// thread 0, so a multi-threaded run reports one thread's figure).
void report_allocations(benchmark::State& state, std::uint64_t allocations, std::uint64_t bytes);

class Measured {
 public:
  explicit Measured(benchmark::State& state) : state_(state) {}

  class Iterator {
   public:
    Iterator(benchmark::State::StateIterator it, Measured* owner) : it_(it), owner_(owner) {}
    Iterator& operator++() {
      ++it_;
      return *this;
    }
    auto operator*() const { return *it_; }
    bool operator!=(const Iterator& other) const {
      if (it_ != other.it_) return true;
      owner_->finish();
      return false;
    }

   private:
    benchmark::State::StateIterator it_;
    Measured* owner_;
  };

  Iterator begin() { return Iterator(state_.begin(), this); }
  Iterator end() {
    // Range-for evaluates end() once, after begin(): this is where the timer
    // starts, so collection starts here too.
    if (state_.thread_index() == 0) {
      at_start_ = allocations_so_far();
      CALLGRIND_TOGGLE_COLLECT;
    }
    return Iterator(state_.end(), this);
  }

 private:
  void finish() {
    if (state_.thread_index() == 0) {
      CALLGRIND_TOGGLE_COLLECT;
      const AllocationCount at_end = allocations_so_far();
      report_allocations(state_, at_end.allocations - at_start_.allocations,
                         at_end.bytes - at_start_.bytes);
      end_measured_region(state_);
    }
  }
  benchmark::State& state_;
  AllocationCount at_start_;
};

inline Measured measured(benchmark::State& state) { return Measured(state); }

// PauseTiming/ResumeTiming that also stop counting instructions, for
// benchmarks that must rebuild state inside the loop.
inline void pause(benchmark::State& state) {
  state.PauseTiming();
  if (state.thread_index() == 0) CALLGRIND_TOGGLE_COLLECT;
}
inline void resume(benchmark::State& state) {
  if (state.thread_index() == 0) CALLGRIND_TOGGLE_COLLECT;
  state.ResumeTiming();
}

}  // namespace lukhas::bench
