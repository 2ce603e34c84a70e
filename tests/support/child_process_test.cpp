// The process helpers the helper tests rely on: a wrong exit code or a
// missed process would let those tests pass with something left running.
#include "child_process.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <gtest/gtest.h>
#include <string>

namespace lukhas::testsupport {
namespace {

TEST(ChildProcess, ReportsExitCodesAsAShellDoes) {
  const Captured c = run_capturing_stderr({"sh", "-c", "echo out; echo 'to stderr' >&2; exit 3"});
  EXPECT_EQ(c.code, 3);
  EXPECT_EQ(c.err, "to stderr\n");
  EXPECT_EQ(run_capturing_stderr({"sh", "-c", "kill -9 $$"}).code, 128 + SIGKILL);
  const Captured missing = run_capturing_stderr({"/nonexistent/lukhas-no-such-program"});
  EXPECT_EQ(missing.code, 127);
  EXPECT_NE(missing.err.find("cannot run '/nonexistent/lukhas-no-such-program'"), std::string::npos);
  EXPECT_EQ(run_quietly({"sh", "-c", "echo noise; echo noise >&2; exit 5"}), 5);
}

TEST(ChildProcess, SigpipeIsDefaultInTheChildEvenWhenWeIgnoreIt) {
  struct sigaction old {};
  struct sigaction ign {};
  ign.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ign, &old);
  // A write to a pipe nobody reads: killed by SIGPIPE, not an EPIPE error.
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  close(fds[0]);
  const Spawned s = spawn({"sh", "-c", "echo x; exit 0"}, fds[1], kInherit);
  close(fds[1]);
  ASSERT_GT(s.pid, 0);
  EXPECT_EQ(wait_exit(s.pid), 128 + SIGPIPE);
  sigaction(SIGPIPE, &old, nullptr);
}

TEST(ChildProcess, WaitWithADeadlineAndFindByCommandLine) {
  const std::string marker = "lukhas-child-process-test-" + std::to_string(getpid());
  const Spawned s = spawn({"sh", "-c", "sleep 30", marker}, kInherit, kInherit);
  ASSERT_GT(s.pid, 0);
  EXPECT_FALSE(wait_exit_for(s.pid, std::chrono::milliseconds(50)).has_value());
  const auto found = processes_with_command_line_containing("sleep 30 " + marker);
  EXPECT_NE(std::find(found.begin(), found.end(), s.pid), found.end());
  EXPECT_EQ(command_line_of(s.pid), "sh -c sleep 30 " + marker);
  kill(s.pid, SIGKILL);
  EXPECT_EQ(wait_exit_for(s.pid, std::chrono::seconds(10)), 128 + SIGKILL);
  EXPECT_TRUE(processes_with_command_line_containing("sleep 30 " + marker).empty());
  // Gone (reaped): no command line, and no exception either.
  EXPECT_EQ(command_line_of(s.pid), "");
}

TEST(ChildProcess, JoinsTheCommandLineAsPgrepMatchesIt) {
  using namespace std::string_literals;
  EXPECT_EQ(joined_command_line("postgres\0-D\0/tmp/x/lukhas-pg.1/data\0"s),
            "postgres -D /tmp/x/lukhas-pg.1/data");
  EXPECT_EQ(joined_command_line(""), "");
}

}  // namespace
}  // namespace lukhas::testsupport
