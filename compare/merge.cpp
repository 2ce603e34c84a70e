#include "compare/merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "compare/errors.hpp"

namespace lukhas::compare {

const Row* Benchmark::aggregate(std::string_view aggregate_name) const {
  for (const Row* r : aggregates)
    if (r->aggregate_name == aggregate_name) return r;
  return nullptr;
}

const Benchmark* Side::find(const std::string& name) const {
  auto it = index.find(name);
  return it == index.end() ? nullptr : &benchmarks[it->second];
}

const Context& Side::context() const {
  static const Context empty;
  return contexts.empty() ? empty : contexts.front();
}

Side merge_files(std::vector<GbenchFile> files) {
  Side side;
  std::vector<Problem> problems;
  std::unordered_map<std::string, std::size_t> at;  // name -> index in side.benchmarks
  for (std::size_t f = 0; f < files.size(); ++f) {
    auto& file = files[f];
    side.files.push_back(file.path);
    side.contexts.push_back(std::move(file.context));
    side.row_storage.push_back(std::move(file.rows));
    for (const Row& row : side.row_storage.back()) {
      std::string key = row.group_key();
      auto [it, inserted] = at.try_emplace(key, side.benchmarks.size());
      if (inserted) {
        Benchmark b;
        b.name = std::move(key);
        b.file = file.path;
        b.file_index = f;
        side.benchmarks.push_back(std::move(b));
      }
      Benchmark& b = side.benchmarks[it->second];
      if (b.file_index != f) {
        if (problems.size() < 20 && (b.iterations.size() + b.aggregates.size() + b.complexity.size()) != 0 &&
            std::none_of(problems.begin(), problems.end(), [&](const Problem& p) { return p.where == b.name; }))
          problems.push_back(Problem{file.path, b.name, fmt::format("benchmark also present in {} (shards must not overlap)", b.file)});
        continue;
      }
      if (row.is_complexity()) b.complexity.push_back(&row);
      else if (row.run_type == RunType::aggregate) b.aggregates.push_back(&row);
      else b.iterations.push_back(&row);
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  std::sort(side.benchmarks.begin(), side.benchmarks.end(),
            [](const Benchmark& a, const Benchmark& b) { return a.name < b.name; });
  side.index.reserve(side.benchmarks.size());
  for (std::size_t i = 0; i < side.benchmarks.size(); ++i) side.index.emplace(side.benchmarks[i].name, i);
  return side;
}

std::vector<std::string> expand_paths(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      out.push_back(p);  // a missing file is reported by the reader, with errno
      continue;
    }
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(p, ec)) {
      if (e.path().extension() == ".json" && e.is_regular_file(ec)) found.push_back(e.path().string());
    }
    if (ec) throw InputError(p, "", fmt::format("cannot list the folder: {}", ec.message()));
    if (found.empty()) throw InputError(p, "", "the folder holds no *.json files");
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

Side load_side(const std::vector<std::string>& paths) {
  std::vector<GbenchFile> files;
  for (const auto& p : expand_paths(paths)) files.push_back(read_gbench_file(p));
  return merge_files(std::move(files));
}

}  // namespace lukhas::compare
