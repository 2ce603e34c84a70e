#pragma once
// One side of a comparison: one or more files (shards) merged into a set of
// benchmarks grouped by run name, never by position (rows may be interleaved).
#include <string>
#include <unordered_map>
#include <vector>

#include "compare/gbench_json.hpp"

namespace lukhas::compare {

struct Benchmark {
  std::string name;  // the run name all its rows share
  std::string file;  // the shard it came from
  std::size_t file_index = 0;
  // Rows live in their Side's storage.
  std::vector<const Row*> iterations;  // run_type iteration, one per repetition
  std::vector<const Row*> aggregates;  // mean, median, stddev, cv, user statistics
  std::vector<const Row*> complexity;  // BigO / RMS

  const Row* aggregate(std::string_view aggregate_name) const;
};

// Move-only: benchmarks point into row_storage.
struct Side {
  Side() = default;
  Side(Side&&) = default;
  Side& operator=(Side&&) = default;
  Side(const Side&) = delete;
  Side& operator=(const Side&) = delete;

  std::vector<std::vector<Row>> row_storage;  // one vector per file, never resized after merge
  std::vector<std::string> files;
  std::vector<Context> contexts;  // one per file, same order
  std::vector<Benchmark> benchmarks;  // sorted by name
  std::unordered_map<std::string, std::size_t> index;

  const Benchmark* find(const std::string& name) const;
  const Context& context() const;  // the first file's; empty when none
};

// Pure: merges parsed files. A benchmark present in two files is an
// InputError naming both.
Side merge_files(std::vector<GbenchFile> files);

// Each path is a file or a folder of *.json shards (sorted by name). A folder
// without JSON files is an InputError.
std::vector<std::string> expand_paths(const std::vector<std::string>& paths);
Side load_side(const std::vector<std::string>& paths);

}  // namespace lukhas::compare
