#include "compare/family.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "compare/errors.hpp"

namespace lukhas::compare {

std::string family_label(const std::string& baseline_family, const std::string& contender_family) {
  return fmt::format("[{} vs. {}]", baseline_family, contender_family);
}

void select_family(Side& side, const std::string& family, const std::string& label, const std::string& what) {
  if (family.empty()) throw UsageError(fmt::format("{} family: empty; name a benchmark family such as BM_memcpy", what));
  std::vector<Benchmark> kept;
  for (auto& b : side.benchmarks) {
    const auto at = b.name.find(family);
    if (at == std::string::npos) continue;
    b.name.replace(at, family.size(), label);
    kept.push_back(std::move(b));
  }
  if (kept.empty()) throw UsageError(fmt::format("{} family '{}' matches no benchmark", what, family));
  std::sort(kept.begin(), kept.end(), [](const Benchmark& a, const Benchmark& b) { return a.name < b.name; });
  for (std::size_t i = 1; i < kept.size(); ++i)
    if (kept[i].name == kept[i - 1].name)
      throw UsageError(fmt::format("{} family '{}': two benchmarks become '{}'", what, family, kept[i].name));
  side.benchmarks = std::move(kept);
  side.index.clear();
  for (std::size_t i = 0; i < side.benchmarks.size(); ++i) side.index.emplace(side.benchmarks[i].name, i);
}

}  // namespace lukhas::compare
