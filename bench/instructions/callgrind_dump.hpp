#pragma once
// Reading one callgrind dump file as written by bench/support: the client
// request CALLGRIND_DUMP_STATS_AT("lukhas:<sequence>:<iterations>") gives a
// header line "desc: Trigger: Client Request: lukhas:<s>:<i>" and a
// "totals:" (or "summary:") line whose first figures follow the "events:"
// order. Pure: text in, a plain struct or a list of problems out.
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
};

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
