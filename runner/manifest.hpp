#pragma once
// The suite manifest a configured build tree holds (<build>/suites.json,
// written by cmake/LukhasBench.cmake from bench/suites.cmake): which suites
// exist, what each needs, and the run settings every tool shares.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lukhas::runner {

struct Suite {
  std::string name;
  std::filesystem::path binary;  // absolute: the build tree's bench/<name>/bench_<name>
  bool instructions = false;     // has an instruction mode (callgrind)
  bool postgres = false;         // needs a PostgreSQL server
  std::optional<long> slo_calls; // latency calls per repetition in the SLO checks
};

struct Manifest {
  std::filesystem::path build_dir;
  std::filesystem::path source_dir;
  long instruction_iterations = 0;
  long time_repetitions = 0;
  double time_min_time = 0;
  long latency_calls = 0;
  std::vector<Suite> suites;

  const Suite* find(const std::string& name) const;
  // The suites named in a comma-separated list, in the list's order; empty
  // list = all. An unknown or repeated name is a ManifestError naming it and
  // the known ones.
  std::vector<Suite> select(const std::string& list) const;
  // The same suites' binaries in another build tree of the same layout (the
  // other side of an A/B, which may predate the manifest).
  static std::filesystem::path binary_in(const std::filesystem::path& build_dir, const std::string& suite);
};

struct ManifestError {
  std::string message;
};

// Pure: `text` is the manifest's JSON, `file` names it in messages.
Manifest parse_manifest(const std::string& text, const std::string& file,
                        const std::filesystem::path& build_dir);
// Reads <build_dir>/suites.json; a missing file says how to make one.
Manifest load_manifest(const std::filesystem::path& build_dir);

}  // namespace lukhas::runner
