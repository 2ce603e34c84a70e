#pragma once
// Writing Google Benchmark JSON: as the library writes it (for generated
// inputs and fixtures), and in the canonical form of an approved baseline.
#include <cstdint>
#include <string>

#include "compare/gbench_json.hpp"
#include "compare/merge.hpp"

namespace lukhas::compare {

// As Google Benchmark 1.7 writes it: 2-space indentation, doubles in
// scientific notation with 17 significant digits, bare NaN/Infinity.
std::string write_gbench_json(const GbenchFile& file);

// Significant digits of numbers in an approved baseline: far below run-to-run
// noise (1e-6 relative), so re-approving an unchanged run changes no line.
inline constexpr int kCanonicalDigits = 6;

// Context keys that change between identical runs and would only add noise
// to a baseline's diff.
bool is_volatile_context_key(const std::string& key);

// The canonical baseline: benchmarks sorted by name (rows by run type,
// repetition, aggregate), keys sorted, volatile context removed, numbers at
// kCanonicalDigits significant digits, one row per line. It parses as Google
// Benchmark JSON again.
std::string canonical_baseline(const Side& side);

struct SyntheticSpec {
  std::size_t benchmarks = 10000;
  std::size_t repetitions = 20;
  std::uint64_t seed = 1;
  double shift = 0.0;  // relative change applied to every time (0.1 = 10% slower)
  double noise = 0.01;  // relative standard deviation of a repetition
};

// Deterministic synthetic results (benchmark speed tests and examples): the
// same spec gives the same bytes on every platform (own normal variates, not
// std::normal_distribution, whose algorithm is implementation-defined).
GbenchFile generate_synthetic(const SyntheticSpec& spec);

}  // namespace lukhas::compare
