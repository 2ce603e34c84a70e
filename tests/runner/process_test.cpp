// Spawning programs (runner/process.hpp): exit codes, signals, the working
// folder, the environment and the output files a suite run depends on.
#include "runner/process.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <map>

#include "test_util.hpp"

namespace lukhas::runner {
namespace {

namespace fs = std::filesystem;

int sh(const std::string& script) { return run(Command{{"sh", "-c", script}, {}, {}, {}, {}, {}, {}}); }

// Sets a variable for one test and restores the previous state.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(Run, ReturnsTheExitCode) {
  EXPECT_EQ(sh("exit 0"), 0);
  EXPECT_EQ(sh("exit 3"), 3);
  EXPECT_EQ(sh("exit 77"), 77);
  EXPECT_EQ(sh("exit 255"), 255);
}

TEST(Run, AKilledChildIs128PlusTheSignal) {
  EXPECT_EQ(sh("kill -TERM $$"), 128 + 15);
  EXPECT_EQ(sh("kill -KILL $$"), 128 + 9);
}

TEST(Run, PassesArgumentsAsTheyAreWithoutAShell) {
  test::TempDir dir;
  Command c;
  // A benchmark filter full of shell characters reaches the program intact.
  c.argv = {"printf", "%s|", "a b", "$(id)", "-/threads:([2-9]|[1-9][0-9]+)$", "*"};
  c.stdout_file = dir / "out.txt";
  EXPECT_EQ(run(c), 0);
  EXPECT_EQ(test::read_file(dir / "out.txt"), "a b|$(id)|-/threads:([2-9]|[1-9][0-9]+)$|*|");
}

TEST(Run, RunsInTheGivenFolder) {
  test::TempDir dir;
  fs::create_directories(dir / "work");
  Command c;
  c.argv = {"sh", "-c", "pwd -P; touch made-here"};
  c.cwd = dir / "work";
  c.stdout_file = dir / "pwd.txt";
  EXPECT_EQ(run(c), 0);
  EXPECT_EQ(test::read_file(dir / "pwd.txt"), fs::canonical(dir / "work").string() + "\n");
  EXPECT_TRUE(fs::exists(dir / "work/made-here"));
}

TEST(Run, RelativeOutputFilesAreThoseOfTheCallerNotOfTheChildsFolder) {
  test::TempDir dir;
  fs::create_directories(dir / "work");
  const fs::path before = fs::current_path();
  fs::current_path(dir.path());
  Command c;
  c.argv = {"sh", "-c", "echo out; echo err >&2"};
  c.cwd = dir / "work";
  c.stdout_file = "o.txt";
  c.stderr_file = "e.txt";
  const int rc = run(c);
  fs::current_path(before);
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(test::read_file(dir / "o.txt"), "out\n");
  EXPECT_EQ(test::read_file(dir / "e.txt"), "err\n");
  EXPECT_FALSE(fs::exists(dir / "work/o.txt"));
}

TEST(Run, ABadFolderIsAProcessError) {
  test::TempDir dir;
  Command c;
  c.argv = {"true"};
  c.cwd = dir / "absent";
  EXPECT_THROW(run(c), ProcessError);
}

TEST(Run, AGivenEnvironmentReplacesTheCallersWhole) {
  ScopedEnv parent("LUKHAS_RUNNER_TEST_PARENT", "from-parent");
  test::TempDir dir;
  Command c;
  c.argv = {"sh", "-c", "echo \"${LUKHAS_RUNNER_TEST_PARENT-absent} $CHILD_ONLY\"; env | sort"};
  c.env = std::vector<std::string>{"PATH=/usr/bin:/bin", "CHILD_ONLY=yes"};
  c.stdout_file = dir / "out.txt";
  EXPECT_EQ(run(c), 0);
  const std::string out = test::read_file(dir / "out.txt");
  EXPECT_TRUE(out.starts_with("absent yes\n")) << out;
  // Nothing else of the caller's gets in (sh adds PWD, SHLVL and _ itself).
  EXPECT_EQ(out.find("HOME="), std::string::npos) << out;
}

TEST(Run, AnEmptyEnvironmentIsEmptyNotInherited) {
  ScopedEnv parent("LUKHAS_RUNNER_TEST_PARENT", "from-parent");
  test::TempDir dir;
  Command c;
  c.argv = {"/bin/sh", "-c", "echo \"${LUKHAS_RUNNER_TEST_PARENT-absent}\""};
  c.env = std::vector<std::string>{};
  c.stdout_file = dir / "out.txt";
  EXPECT_EQ(run(c), 0);
  EXPECT_EQ(test::read_file(dir / "out.txt"), "absent\n");
}

TEST(Run, InheritsTheCallersEnvironmentByDefault) {
  ScopedEnv parent("LUKHAS_RUNNER_TEST_PARENT", "from-parent");
  test::TempDir dir;
  Command c;
  c.argv = {"sh", "-c", "echo \"${LUKHAS_RUNNER_TEST_PARENT-absent}\""};
  c.stdout_file = dir / "out.txt";
  EXPECT_EQ(run(c), 0);
  EXPECT_EQ(test::read_file(dir / "out.txt"), "from-parent\n");
}

TEST(Run, UnsetRemovesNamesFromTheInheritedEnvironment) {
  ScopedEnv a("LUKHAS_RUNNER_TEST_A", "1");
  ScopedEnv ab("LUKHAS_RUNNER_TEST_AB", "2");  // a longer name with the same start stays
  test::TempDir dir;
  Command c;
  c.argv = {"sh", "-c", "echo \"${LUKHAS_RUNNER_TEST_A-absent} ${LUKHAS_RUNNER_TEST_AB-absent}\""};
  c.unset = {"LUKHAS_RUNNER_TEST_A"};
  c.stdout_file = dir / "out.txt";
  EXPECT_EQ(run(c), 0);
  EXPECT_EQ(test::read_file(dir / "out.txt"), "absent 2\n");
}

TEST(Run, SetPutsNamesIntoTheInheritedEnvironmentOverridingTheCallers) {
  ScopedEnv parent("LUKHAS_RUNNER_TEST_PARENT", "from-parent");
  ScopedEnv side("LUKHAS_RUNNER_TEST_SIDE", "from-parent");
  test::TempDir dir;
  Command c;
  c.argv = {"sh", "-c", "printf '%s|%s|%s' \"$LUKHAS_RUNNER_TEST_PARENT\" \"$LUKHAS_RUNNER_TEST_SIDE\" \"$LUKHAS_RUNNER_TEST_NEW\""};
  c.set = {"LUKHAS_RUNNER_TEST_SIDE=b", "LUKHAS_RUNNER_TEST_NEW=x=y"};
  c.stdout_file = dir / "out.txt";
  EXPECT_EQ(run(c), 0);
  // Inherited, replaced (once: not two entries for one name), added.
  EXPECT_EQ(test::read_file(dir / "out.txt"), "from-parent|b|x=y");
  c.argv = {"sh", "-c", "env | grep -c '^LUKHAS_RUNNER_TEST_SIDE='"};
  EXPECT_EQ(run(c), 0);
  EXPECT_EQ(test::read_file(dir / "out.txt"), "1\n");
}

TEST(Start, ProgramsRunAtOnceAndWaitAnyReportsEachByPid) {
  test::TempDir dir;
  // The first waits until the second has written its file: run one after
  // the other, this would never end (the test's timeout would fail it).
  Command first, second;
  first.argv = {"sh", "-c", "while [ ! -e \"$0\" ]; do sleep 0.05; done; exit 3", (dir / "flag").string()};
  second.argv = {"sh", "-c", "touch \"$0\"; exit 5", (dir / "flag").string()};
  const int p1 = start(first), p2 = start(second);
  std::map<int, int> codes;
  for (int i = 0; i < 2; ++i) {
    const Ended e = wait_any();
    codes[e.pid] = e.exit_code;
  }
  EXPECT_EQ(codes.at(p1), 3);
  EXPECT_EQ(codes.at(p2), 5);
}

TEST(Run, StdoutAndStderrIntoOneFileKeepTheirOrder) {
  test::TempDir dir;
  Command c;
  c.argv = {"sh", "-c", "echo one; echo two >&2; echo three; echo four >&2"};
  c.stdout_file = dir / "both.txt";
  c.stderr_file = dir / "both.txt";
  EXPECT_EQ(run(c), 0);
  EXPECT_EQ(test::read_file(dir / "both.txt"), "one\ntwo\nthree\nfour\n");
}

TEST(Run, StdoutAndStderrIntoSeparateFilesTruncatingOldContent) {
  test::TempDir dir;
  test::write_file(dir / "out.txt", "old content that is longer\n");
  Command c;
  c.argv = {"sh", "-c", "echo out; echo err >&2"};
  c.stdout_file = dir / "out.txt";
  c.stderr_file = dir / "err.txt";
  EXPECT_EQ(run(c), 0);
  EXPECT_EQ(test::read_file(dir / "out.txt"), "out\n");
  EXPECT_EQ(test::read_file(dir / "err.txt"), "err\n");
}

TEST(Run, AMissingProgramIsAProcessErrorNamingIt) {
  try {
    run(Command{{"lukhas-no-such-program", "--x"}, {}, {}, {}, {}, {}, {}});
    FAIL() << "no ProcessError";
  } catch (const ProcessError& e) {
    EXPECT_NE(e.message.find("lukhas-no-such-program"), std::string::npos) << e.message;
  }
  try {
    run(Command{{"/nonexistent/bench_x"}, {}, {}, {}, {}, {}, {}});
    FAIL() << "no ProcessError";
  } catch (const ProcessError& e) {
    EXPECT_NE(e.message.find("/nonexistent/bench_x"), std::string::npos) << e.message;
  }
  EXPECT_THROW(run(Command{}), ProcessError);
}

TEST(Run, LooksUpTheProgramInTheGivenEnvironmentsPath) {
  test::TempDir dir;
  test::write_script(dir / "bin/lukhas-test-tool", "exit 42\n");
  Command c;
  c.argv = {"lukhas-test-tool"};
  c.env = std::vector<std::string>{"PATH=" + (dir / "bin").string()};
  EXPECT_EQ(run(c), 42);
}

TEST(Capture, ReturnsStandardOutputOnly) {
  EXPECT_EQ(capture({"sh", "-c", "echo hello; echo noise >&2; printf 'no newline'"}), "hello\nno newline");
  EXPECT_EQ(capture({"true"}), "");
}

TEST(Capture, NothingOnFailureOrAMissingProgram) {
  EXPECT_FALSE(capture({"sh", "-c", "echo partial; exit 1"}).has_value());
  EXPECT_FALSE(capture({"lukhas-no-such-program"}).has_value());
  EXPECT_FALSE(capture({"sh", "-c", "kill -TERM $$"}).has_value());
}

TEST(FindProgram, SearchesTheEntriesInOrder) {
  test::TempDir dir;
  test::write_script(dir / "a/tool", "exit 0\n");
  test::write_script(dir / "b/tool", "exit 0\n");
  test::write_file(dir / "c/tool", "not executable");
  const std::string a = (dir / "a").string(), b = (dir / "b").string(), c = (dir / "c").string();
  EXPECT_EQ(find_program("tool", a + ":" + b), dir / "a/tool");
  EXPECT_EQ(find_program("tool", b + ":" + a), dir / "b/tool");
  EXPECT_EQ(find_program("tool", c + ":" + b), dir / "b/tool");  // not executable: skipped
  EXPECT_FALSE(find_program("tool", c).has_value());
  EXPECT_EQ(find_program("tool", "::" + b + ":"), dir / "b/tool");  // empty entries skipped
  EXPECT_FALSE(find_program("tool", "").has_value());
  EXPECT_FALSE(find_program("lukhas-no-such-program", "/usr/bin:/bin").has_value());
  // A name with '/' is a path, not looked up.
  EXPECT_EQ(find_program("./x/tool", a), fs::path("./x/tool"));
}

TEST(TailLines, TheLastLinesOfAFile) {
  test::TempDir dir;
  test::write_file(dir / "log", "1\n2\n3\n4\n");
  EXPECT_EQ(tail_lines(dir / "log", 2), "3\n4\n");
  EXPECT_EQ(tail_lines(dir / "log", 10), "1\n2\n3\n4\n");
  EXPECT_EQ(tail_lines(dir / "log", 0), "");
  EXPECT_EQ(tail_lines(dir / "absent", 3), "");
  test::write_file(dir / "partial", "a\nb");
  EXPECT_EQ(tail_lines(dir / "partial", 1), "b\n");
}

}  // namespace
}  // namespace lukhas::runner
