#pragma once
// Google Benchmark's flags, checked before the library sees them. Version
// 1.7 aborts on some bad values (--benchmark_repetitions=-1: exit 134),
// prints usage and exits 0 on others (--benchmark_out_format=xml), and
// accepts others silently (a negative --benchmark_min_time, any word for a
// boolean). Pure: arguments in, a verdict and the remaining arguments out.
// The output flags (--benchmark_format, --benchmark_out,
// --benchmark_out_format) are taken out here and handled by run.cpp, which
// knows the reason when a write fails (the library reports none).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lukhas::bench {

struct OutputFlags {
  std::string display_format = "console";  // --benchmark_format: standard output
  std::string out_path;                    // --benchmark_out: empty = no file
  std::string out_format = "json";         // --benchmark_out_format
  bool display_aggregates_only = false;    // --benchmark_display_aggregates_only (display only, not the file)
  std::optional<bool> color;               // --benchmark_color; nullopt: auto (a terminal gets colour)
};

struct FlagCheck {
  OutputFlags output;
  std::vector<std::string> rest;     // for benchmark::Initialize and the suite's own flags, in order
  std::optional<std::string> error;  // "--benchmark_repetitions: expected a whole number >= 1, got '-1'"
};

// `args` without the program name.
FlagCheck check_benchmark_flags(const std::vector<std::string>& args);

// A seed is a whole number in [0, 2^64). No sign, no wraparound: "-1" and
// "18446744073709551616" are refused instead of becoming 2^64 - 1.
std::optional<std::uint64_t> parse_seed(std::string_view text);

}  // namespace lukhas::bench
