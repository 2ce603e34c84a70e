#pragma once
// splitmix64: a fixed, portable generator for the comparator's seeded work
// (permutation tests, synthetic histories). std::shuffle and the standard
// distributions are implementation-defined, so their results would differ
// between standard libraries; this one gives the same numbers everywhere.
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace lukhas::compare {

struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // In [0, bound): the modulo bias (bound / 2^64) is far below anything a
  // permutation test of a few hundred points can see.
  std::size_t below(std::size_t bound) { return static_cast<std::size_t>(next() % bound); }
  // In (0, 1), 53 bits.
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
  // Standard normal, Box-Muller, one variate per call.
  double normal() {
    const double u1 = uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
};

}  // namespace lukhas::compare
