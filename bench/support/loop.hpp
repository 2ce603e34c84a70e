#pragma once
// The measured loop. Write `for (auto _ : lukhas::bench::measured(state))`
// instead of `for (auto _ : state)`: in time mode it is the same loop; under
// callgrind (instruction mode) it switches instruction collection on for the
// loop only, so set-up and tear-down are never counted, and dumps the counts
// at the end of the loop with a label the instruction-mode converter maps back
// to the JSON row. Outside valgrind the client requests are a handful of
// no-op instructions, once per run, not per iteration.
#include <benchmark/benchmark.h>
#include <valgrind/callgrind.h>

namespace lukhas::bench {

// Called at the end of each measured loop (thread 0 only): dumps the
// callgrind counters with label "lukhas:<sequence>:<iterations>".
void end_measured_region(benchmark::State& state);

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
    if (state_.thread_index() == 0) CALLGRIND_TOGGLE_COLLECT;
    return Iterator(state_.end(), this);
  }

 private:
  void finish() {
    if (state_.thread_index() == 0) {
      CALLGRIND_TOGGLE_COLLECT;
      end_measured_region(state_);
    }
  }
  benchmark::State& state_;
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
