#pragma once
// Running another program: the runner's one door to the operating system's
// processes. Arguments go to execve() as they are (never through a shell),
// so a benchmark name or a path is never a command.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lukhas::runner {

struct Command {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH when it has no '/'
  std::optional<std::vector<std::string>> env;  // replaces the environment; unset = inherit
  std::vector<std::string> unset;  // names removed from an inherited environment
  std::vector<std::string> set;    // "NAME=value" put into an inherited environment
  std::optional<std::filesystem::path> cwd;
  std::optional<std::filesystem::path> stdout_file;  // unset = inherit
  std::optional<std::filesystem::path> stderr_file;  // unset = inherit; may equal stdout_file
};

// The exit code, or 128 + the signal that ended it (as a shell reports it).
// A program that cannot be started is a ProcessError naming it and why.
// `tick`, when given, is called about five times a second while the
// program runs (progress reports).
int run(const Command& c, const std::function<void()>& tick = {});

// Starts a program without waiting for it (several running at once: the
// paired time A/B's lanes); its pid. A program that cannot be started is a
// ProcessError, as in run().
int start(const Command& c);

// Waits for one of this process's started children to end: its pid and
// exit code (as run() reports it). `tick` as in run().
struct Ended {
  int pid = 0;
  int exit_code = 0;
};
Ended wait_any(const std::function<void()>& tick = {});

struct ProcessError {
  std::string message;
};

// Runs argv and returns what it wrote to standard output (standard error
// discarded), or nullopt when it could not start or exited non-zero.
std::optional<std::string> capture(const std::vector<std::string>& argv);

// The full path of a program by the PATH entries given ("a:b:c"), or nullopt.
std::optional<std::filesystem::path> find_program(const std::string& name, const std::string& path);

// The last `lines` lines of a text file (for a failed step's log), "" if none.
std::string tail_lines(const std::filesystem::path& file, std::size_t lines);

}  // namespace lukhas::runner
