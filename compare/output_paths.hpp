#pragma once
// Where reports and baselines may be written: never over something that is
// not a regular file (a device, FIFO, symlink or folder would be replaced by
// the atomic rename), never over an input, never two outputs to one file.
// "-" is standard output. The rules are a pure function over what the paths
// are (io.hpp inspects them); check_output_paths() is the shell around it.
#include <string>
#include <vector>

#include "compare/errors.hpp"
#include "compare/io.hpp"

namespace lukhas::compare {

inline constexpr const char* kStdoutPath = "-";

struct OutputPath {
  std::string option;  // "--json", "--out": how the user named it
  std::string path;
};

struct InputPath {
  std::string role;  // "baseline", "--config", ...
  std::string path;
};

struct ProbedOutput {
  OutputPath out;
  PathInfo info;          // lstat: a symlink is itself, not its target
  std::string canonical;  // absolute, for outputs that do not exist yet
};

struct ProbedInput {
  InputPath in;
  PathInfo target;  // stat: the file that is read
};

// Every problem, each naming the path, the option and the reason.
std::vector<Problem> output_path_problems(const std::vector<ProbedOutput>& outputs,
                                          const std::vector<ProbedInput>& inputs);

// Inspects the paths (folders of shards expanded to their files) and throws
// InputError with every problem; empty output paths are ignored.
void check_output_paths(const std::vector<OutputPath>& outputs, const std::vector<InputPath>& inputs);

}  // namespace lukhas::compare
