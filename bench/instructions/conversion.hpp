#pragma once
// Instruction mode: turn the raw Google Benchmark JSON of a run under
// callgrind plus its measured-region dumps into Google Benchmark-shaped JSON
// whose rows carry an "instructions" counter (instructions per iteration).
//
// Mapping: the n-th iteration row is the n-th measured region (dump sequence
// n); the iteration count in the dump's label must equal the row's iterations
// divided by its threads, otherwise the run is rejected (a benchmark that
// does not use lukhas::bench::measured() shifts every row after it).
//
// What each output row holds:
//   - "instructions": Ir of the region outside calls into the allocator, per
//     iteration (glibc malloc's own count depends on the heap's history, see
//     callgrind_dump.hpp).
//   - "allocator_instructions": the Ir inside those calls, per iteration,
//     for the reader only. The suite's own "allocations" and
//     "allocated_bytes" counters (bench/support) are kept like any domain
//     counter, and the comparator gates "allocations" in instruction mode.
//   - "cpu_time" and "real_time": set to the same instruction figure, so that
//     tools reading only times (compare.py, github-action-benchmark) gate on
//     the deterministic figure instead of a valgrind-inflated, load-dependent
//     time. "time_unit" is kept; context "lukhas_time_fields" says so.
//   - names without the "/iterations:N" and "/repeats:1" parts that the fixed
//     iteration count adds, so they match the time-mode names and do not
//     change when --lukhas_iterations does.
//   - counters derived from time ("*_per_second", "*_us", "*_ns", "*_ms")
//     are dropped: under callgrind they measure valgrind. Domain counters
//     (prevention_rate, hit_ratio, ...) are kept.
// Rows run with more than one thread are excluded and listed in the context
// ("lukhas_instructions_excluded"): callgrind counts every thread together.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bench/instructions/callgrind_dump.hpp"
#include "compare/gbench_json.hpp"

namespace lukhas::instructions {

struct Excluded {
  std::string name;
  std::string reason;
};

// Read and written by the comparator's codec (compare/gbench_json.hpp,
// compare/gbench_write.hpp): NaN and Infinity mean what they mean to
// bench-compare, on every path.
struct Conversion {
  compare::GbenchFile output;           // Google Benchmark-shaped rows
  std::vector<Excluded> excluded;       // rows left out, with the reason
  std::vector<std::string> problems;    // non-empty: the conversion is refused
  bool refused = false;                 // the suite has no instruction mode (not bad input)
};

// Suites whose work is not in the client's instruction count; the
// conversion refuses them with this reason.
inline constexpr const char* kSchemaRefusal =
    "server work is not in the client's instruction count";

// `raw_file` names the raw JSON in messages. `extra_context` is added to the
// output context (for example the valgrind version).
Conversion convert(const compare::GbenchFile& raw, const std::string& raw_file,
                   std::vector<Dump> dumps,
                   const std::map<std::string, std::string>& extra_context = {});

// "BM_X/arg:1/iterations:200/repeats:1/threads:2" -> "BM_X/arg:1/threads:2".
std::string normalise_name(const std::string& name);

}  // namespace lukhas::instructions
