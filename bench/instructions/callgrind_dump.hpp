#pragma once
// Reading one callgrind dump file as written by bench/support: the client
// request CALLGRIND_DUMP_STATS_AT("lukhas:<sequence>:<iterations>") gives a
// header line "desc: Trigger: Client Request: lukhas:<s>:<i>" and a
// "totals:" (or "summary:") line whose first figures follow the "events:"
// order. Pure: text in, a plain struct or a list of problems out.
//
// Besides the total, the parser splits out the allocator: the inclusive cost
// of every call from outside the allocator into one of its entry points
// (malloc, free, realloc, operator new/delete, ...). glibc malloc takes
// longer or shorter paths depending on everything allocated and freed
// before, even outside the measured loop, so its instruction count moves
// with unrelated changes. How many calls there were is not taken from the
// dump: callgrind keeps counting calls while collection is off, so set-up
// work leaks into them; the suites count allocations themselves
// (bench/support/allocation_count.hpp). docs/gate.md says how the gate uses
// each figure.
// The split needs function names, so the dump must be written with
// --compress-strings=no or define every compressed name it uses.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lukhas::instructions {

struct Dump {
  std::string file;                 // where it came from, for messages
  std::int64_t sequence = -1;       // order of the measured region in the run
  std::int64_t iterations = -1;     // state.iterations() of thread 0 at the dump
  std::uint64_t instructions = 0;   // total Ir collected in the region
  std::uint64_t allocator_instructions = 0;  // Ir inside allocator calls (part of the total)
};

// Which allocator entry point a function name (as callgrind writes it, with
// any "@GLIBC_..." version or "'2" recursion suffix) is, if any.
enum class AllocatorEntry { none, allocation, deallocation };
AllocatorEntry allocator_entry(std::string_view function_name);

struct DumpParse {
  std::optional<Dump> dump;            // set when the file is one of ours and valid
  bool ours = false;                   // the trigger carried a "lukhas:" label
  std::vector<std::string> problems;   // "file:line: reason" for each defect found
};

// Parses a dump's text. A dump whose trigger is not a lukhas label (the final
// "Program termination" dump, for example) gives ours == false and no
// problems: it is not a measured region.
DumpParse parse_dump(std::string_view text, const std::string& file);

}  // namespace lukhas::instructions
