#pragma once
// Running other programs from a test: spawn with standard output and error
// redirected, wait with a deadline, and find processes by command line in
// /proc. Exit codes are reported as a shell would: 128 + signal for a
// process killed by a signal, 127/126 for a program that cannot be run.
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lukhas::testsupport {

inline constexpr int kInherit = -1;

struct Spawned {
  pid_t pid = -1;  // -1 when the program could not be started
  int error = 0;   // errno of the failed start
};

// Starts argv[0] (searched in PATH) with the current environment; stdout_fd
// and stderr_fd become its standard output and error (kInherit: ours).
// SIGPIPE and the other signals are default in the child even when this
// process ignores them: a helper under test must not inherit our handling.
Spawned spawn(const std::vector<std::string>& argv, int stdout_fd, int stderr_fd);

// The exit code of a child, as a shell reports it.
int wait_exit(pid_t pid);
// Nullopt when it still runs after `timeout`.
std::optional<int> wait_exit_for(pid_t pid, std::chrono::milliseconds timeout);
// True when the child has ended (and reaps it), false when it still runs.
bool has_ended(pid_t pid);

struct Captured {
  int code = 0;
  std::string err;  // standard error (on a failed start: the reason)
};

// Runs argv to its end: standard output discarded, standard error captured
// in an unlinked temporary file (a background process that inherits it
// cannot keep us waiting as it would on a pipe).
Captured run_capturing_stderr(const std::vector<std::string>& argv);
// Runs argv to its end with standard output and error discarded.
int run_quietly(const std::vector<std::string>& argv);

// Arguments of a /proc/PID/cmdline (NUL-separated) joined by spaces, as
// pgrep -f matches it.
std::string joined_command_line(std::string_view raw_cmdline);
// The processes (other than this one) whose joined command line contains
// `needle`.
std::vector<pid_t> processes_with_command_line_containing(std::string_view needle);
// The command line of a process, joined; empty when it is gone.
std::string command_line_of(pid_t pid);

}  // namespace lukhas::testsupport
