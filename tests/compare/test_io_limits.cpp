// The file system edge of the comparator (compare/io.hpp) and the pure
// limits (compare/limits.hpp, compare/output_paths.hpp): sizes, nesting,
// short value descriptions, files that change while read, temporary files
// removed on SIGINT/SIGTERM, and the end-to-end closed-pipe case.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "compare/errors.hpp"
#include "compare/io.hpp"
#include "compare/limits.hpp"
#include "compare/output_paths.hpp"
#include "tests/compare/test_util.hpp"

extern char** environ;

namespace lukhas::compare {
namespace {

namespace fs = std::filesystem;

std::string fresh_dir(const std::string& name) {
  const std::string d = ::testing::TempDir() + "io_" + name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::size_t entries(const std::string& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST(ByteSize, ParsesPlainNumbersAndBinaryUnits) {
  EXPECT_EQ(parse_byte_size("1048576"), 1048576u);
  EXPECT_EQ(parse_byte_size("512K"), 512u << 10);
  EXPECT_EQ(parse_byte_size("256M"), kDefaultMaxInputBytes);
  EXPECT_EQ(parse_byte_size("256MiB"), kDefaultMaxInputBytes);
  EXPECT_EQ(parse_byte_size("1g"), std::size_t{1} << 30);
  for (const char* bad : {"", "0", "-1", "1.5M", "12X", "M", "1MM", "99999999999999999999", "9999999999999G"})
    EXPECT_EQ(parse_byte_size(bad), std::nullopt) << bad;
  EXPECT_EQ(format_bytes(kDefaultMaxInputBytes), "256 MiB");
  EXPECT_EQ(format_bytes(1000), "1000 bytes");
}

TEST(Nesting, FindsTheFirstBracketTooDeepIgnoringStrings) {
  EXPECT_EQ(find_excess_nesting(R"({"a": [[1]]})", 3), std::nullopt);
  const auto deep = find_excess_nesting("{\n  \"a\": [[[1]]]}", 3);
  ASSERT_TRUE(deep.has_value());
  EXPECT_EQ(deep->byte, 11u);
  EXPECT_EQ(deep->line, 2u);
  EXPECT_EQ(deep->column, 10u);
  EXPECT_EQ(find_excess_nesting(R"({"a": "[[[[[[\"[[[["})", 2), std::nullopt);
  const std::string huge = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(find_excess_nesting(huge, kMaxConfigDepth)->byte, kMaxConfigDepth);
}

TEST(DescribeValue, IsShortForAnyValue) {
  using json = nlohmann::json;
  EXPECT_EQ(describe_json_value(json(5)), "5");
  EXPECT_EQ(describe_json_value(json("fast")), "\"fast\"");
  EXPECT_EQ(describe_json_value(json::array({1, 2, 3})), "an array of 3 elements");
  EXPECT_EQ(describe_json_value(json::object({{"a", 1}})), "an object with 1 key");
  const std::string text = describe_json_value(json(std::string(100000, 'x')));
  EXPECT_LT(text.size(), 70u);
  EXPECT_NE(text.find("(100000 bytes)"), std::string::npos);
  // Invalid UTF-8 is replaced, not thrown.
  EXPECT_NO_THROW(describe_json_value(json(std::string("\xff\xfe", 2))));
}

TEST(ReadBounded, AFileTruncatedWhileReadIsACleanError) {
  const std::string d = fresh_dir("truncated");
  const std::string f = d + "/big.json";
  std::ofstream(f) << std::string(3 << 20, ' ');
  try {
    read_file_bounded(f, kDefaultMaxInputBytes, [&] { fs::resize_file(f, 10); });
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.problems().front().file, f);
    EXPECT_NE(std::string(e.what()).find("changed while it was read"), std::string::npos) << e.what();
  }
}

TEST(ReadBounded, AFileGrowingWhileReadIsACleanError) {
  const std::string d = fresh_dir("growing");
  const std::string f = d + "/big.json";
  std::ofstream(f) << std::string(2 << 20, ' ');
  EXPECT_THROW(read_file_bounded(f, kDefaultMaxInputBytes, [&] { std::ofstream(f, std::ios::app) << "more"; }),
               InputError);
}

TEST(ReadBounded, ReadsWholeFilesAtAndBelowTheLimit) {
  const std::string d = fresh_dir("exact");
  const std::string f = d + "/f";
  std::ofstream(f) << std::string(4096, 'a');
  EXPECT_EQ(read_file_bounded(f, 4096).size(), 4096u);
  EXPECT_THROW(read_file_bounded(f, 4095), InputError);
  EXPECT_THROW(read_file_bounded(d, 4096), InputError);  // a folder
}

TEST(OutputPathRules, ASystemDeviceIsClassifiedAndRefusedWithoutWriting) {
  // Only inspected (lstat), never opened for writing.
  const PathInfo null_device = inspect_path("/dev/null");
  ASSERT_EQ(null_device.kind, PathKind::character_device);
  const auto problems = output_path_problems({{{"--json", "/dev/null"}, null_device, "/dev/null"}}, {});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].file, "/dev/null");
  EXPECT_NE(problems[0].reason.find("it is a character device"), std::string::npos);
  EXPECT_THROW(check_output_paths({{"--json", "/dev/null"}}, {}), InputError);
}

TEST(OutputPathRules, EveryProblemIsReportedTogether) {
  const PathInfo dir{PathKind::directory, 1, 2}, file{PathKind::regular, 1, 3}, none{};
  const auto problems = output_path_problems(
      {{{"--json", "out"}, dir, "/x/out"}, {{"--markdown", "in.json"}, file, "/x/in.json"},
       {{"--junit", "new.xml"}, none, "/x/new.xml"}, {{"--json2", "./new.xml"}, none, "/x/new.xml"}},
      {{{"baseline", "in.json"}, file}});
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_NE(problems[0].reason.find("a folder"), std::string::npos);
  EXPECT_NE(problems[1].reason.find("over an input file (--markdown is the baseline in.json)"), std::string::npos);
  EXPECT_NE(problems[2].reason.find("--junit and --json2 name the same file"), std::string::npos);
}

TEST(AtomicWrite, RefusesToReplaceAFifo) {
  const std::string d = fresh_dir("atomic_fifo");
  ASSERT_EQ(::mkfifo((d + "/p").c_str(), 0600), 0);
  EXPECT_THROW(write_file_atomic(d + "/p", "x"), InputError);
  EXPECT_EQ(fs::symlink_status(d + "/p").type(), fs::file_type::fifo);
  EXPECT_EQ(entries(d), 1u);
}

TEST(AtomicWrite, APathThatBecomesASymlinkDuringTheWriteIsNotReplaced) {
  const std::string d = fresh_dir("atomic_race");
  const std::string target = d + "/report.json";
  EXPECT_THROW(write_file_atomic(target, "x", [&] { fs::create_symlink(d + "/elsewhere", target); }), InputError);
  EXPECT_EQ(fs::symlink_status(target).type(), fs::file_type::symlink);
  EXPECT_EQ(entries(d), 1u);  // the temporary file is gone
}

void expect_signal_removes_the_temporary_file(int sig) {
  const std::string d = fresh_dir("atomic_signal_" + std::to_string(sig));
  EXPECT_EXIT(
      {
        install_signal_cleanup();
        write_file_atomic(d + "/report.json", std::string(1 << 20, 'r'), [sig] { ::raise(sig); });
      },
      ::testing::KilledBySignal(sig), "");
  EXPECT_EQ(entries(d), 0u) << "a temporary file was left behind";
}

TEST(AtomicWriteDeathTest, SigtermRemovesTheTemporaryFile) { expect_signal_removes_the_temporary_file(SIGTERM); }
TEST(AtomicWriteDeathTest, SigintRemovesTheTemporaryFile) { expect_signal_removes_the_temporary_file(SIGINT); }

// The real binary with standard output a pipe whose reader is already gone:
// without SIGPIPE ignored it died before writing its report file.
TEST(CliProcess, AClosedStdoutPipeStillWritesTheReports) {
  const std::string d = fresh_dir("sigpipe");
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ::close(fds[0]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);  // as a shell starts it, whatever this test process does
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  const std::string report = d + "/report.json";
  std::vector<std::string> args{LUKHAS_BENCH_COMPARE_BIN, testing::fixture("regression/baseline.json"),
                                testing::fixture("regression/contender.json"), "--json", report};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), environ), 0);
  ::close(fds[1]);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 1);  // the regression, not a crash
  std::ifstream in(report);
  ASSERT_TRUE(in.good()) << "no report written";
  EXPECT_NO_THROW({ const auto doc = nlohmann::json::parse(in); EXPECT_TRUE(doc.contains("summary")); });
}

}  // namespace
}  // namespace lukhas::compare
