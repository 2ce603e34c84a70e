#include "compare/output_paths.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "compare/merge.hpp"

namespace lukhas::compare {

namespace {

bool same_file(const PathInfo& a, const PathInfo& b) {
  return a.kind != PathKind::missing && b.kind != PathKind::missing && a.device == b.device && a.inode == b.inode;
}

}  // namespace

std::vector<Problem> output_path_problems(const std::vector<ProbedOutput>& outputs,
                                          const std::vector<ProbedInput>& inputs) {
  std::vector<Problem> problems;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const ProbedOutput& o = outputs[i];
    const std::string& path = o.out.path;
    // An earlier output naming the same place: the later write would
    // silently replace the earlier report.
    for (std::size_t j = 0; j < i; ++j) {
      const ProbedOutput& e = outputs[j];
      const bool both_stdout = path == kStdoutPath && e.out.path == kStdoutPath;
      const bool same = path != kStdoutPath && e.out.path != kStdoutPath &&
                        (same_file(o.info, e.info) || o.canonical == e.canonical);
      if (both_stdout || same) {
        problems.push_back({path, "", fmt::format("{} and {} name the same {}; give each report its own file",
                                                  e.out.option, o.out.option,
                                                  both_stdout ? "output (standard output)" : "file")});
        break;
      }
    }
    if (path == kStdoutPath) continue;
    if (o.info.kind != PathKind::missing && o.info.kind != PathKind::regular) {
      problems.push_back({path, "", fmt::format("refusing to write {} here: it is {}, not a regular file, and the "
                                                "atomic write would replace it (give the path of a regular file, or "
                                                "'-' for standard output)",
                                                o.out.option, describe(o.info.kind))});
      continue;
    }
    for (const ProbedInput& in : inputs) {
      if (same_file(o.info, in.target)) {
        problems.push_back({path, "", fmt::format("refusing to write a report over an input file ({} is the {} {})",
                                                  o.out.option, in.in.role, in.in.path)});
        break;
      }
    }
  }
  return problems;
}

void check_output_paths(const std::vector<OutputPath>& outputs, const std::vector<InputPath>& inputs) {
  namespace fs = std::filesystem;
  std::vector<ProbedOutput> probed_out;
  for (const auto& o : outputs) {
    if (o.path.empty()) continue;
    ProbedOutput p{o, {}, o.path};
    if (o.path != kStdoutPath) {
      p.info = inspect_path(o.path);
      std::error_code ec;
      const fs::path canonical = fs::weakly_canonical(fs::absolute(o.path, ec), ec);
      if (!ec) p.canonical = canonical.string();
    }
    probed_out.push_back(std::move(p));
  }
  std::vector<ProbedInput> probed_in;
  for (const auto& in : inputs) {
    if (in.path.empty()) continue;
    for (const auto& file : expand_paths({in.path})) probed_in.push_back({{in.role, file}, inspect_target(file)});
  }
  auto problems = output_path_problems(probed_out, probed_in);
  if (!problems.empty()) throw InputError(std::move(problems));
}

}  // namespace lukhas::compare
