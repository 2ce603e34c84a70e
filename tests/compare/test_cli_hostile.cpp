// The command line against hostile paths and inputs, through run_cli only
// (no library internals): report paths that are not regular files, reports
// over inputs or over each other, '-' for standard output, a failing
// standard output, a configuration nested 100,000 deep, inputs larger than
// the limit or endless. Every test works in its own temporary folder and
// never writes to a system path.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <streambuf>
#include <thread>

#include "tests/compare/test_util.hpp"

namespace lukhas::compare {
namespace {

namespace fs = std::filesystem;
using testing::fixture;
using testing::run;

const std::string kBase = fixture("regression/baseline.json");
const std::string kCont = fixture("regression/contender.json");
const std::string kSame = fixture("identical/baseline.json");

std::string fresh_dir(const std::string& name) {
  const std::string d = ::testing::TempDir() + "hostile_" + name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string slurp(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void expect_refused(const testing::CliRun& r, const std::string& path, const std::string& why) {
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find(path + ": "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(why), std::string::npos) << "missing '" << why << "' in: " << r.err;
}

fs::file_type type_of(const std::string& p) { return fs::symlink_status(p).type(); }

TEST(CliOutputPaths, AFifoIsRefusedAndStaysAFifo) {
  const std::string d = fresh_dir("fifo");
  const std::string fifo = d + "/report.fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const char* option : {"--json", "--markdown", "--junit"}) {
    expect_refused(run({kBase, kCont, option, fifo}), fifo, "it is a FIFO (named pipe), not a regular file");
    EXPECT_EQ(type_of(fifo), fs::file_type::fifo) << option;
  }
  expect_refused(run({"approve", kBase, "--out", fifo}), fifo, "it is a FIFO");
  EXPECT_EQ(type_of(fifo), fs::file_type::fifo);
}

TEST(CliOutputPaths, ASymlinkIsRefusedAndNeitherItNorItsTargetIsWritten) {
  const std::string d = fresh_dir("symlink");
  const std::string target = d + "/precious.txt", link = d + "/report.json";
  std::ofstream(target) << "precious";
  fs::create_symlink(target, link);
  expect_refused(run({kBase, kCont, "--json", link}), link, "it is a symbolic link");
  EXPECT_EQ(type_of(link), fs::file_type::symlink);
  EXPECT_EQ(slurp(target), "precious");
  // A dangling symlink too: writing would create a file wherever it points.
  const std::string dangling = d + "/dangling.json";
  fs::create_symlink(d + "/nowhere", dangling);
  expect_refused(run({"approve", kBase, "--out", dangling}), dangling, "it is a symbolic link");
  EXPECT_FALSE(fs::exists(d + "/nowhere"));
}

TEST(CliOutputPaths, AFolderIsRefused) {
  const std::string d = fresh_dir("folder");
  const std::string sub = d + "/out";
  fs::create_directories(sub);
  expect_refused(run({kBase, kCont, "--markdown", sub}), sub, "it is a folder");
  EXPECT_EQ(type_of(sub), fs::file_type::directory);
}

TEST(CliOutputPaths, ADeviceNodeIsRefusedBeforeAnyWrite) {
  // Our own device node in a temporary folder (root only), never a system
  // one: the test must not be able to replace /dev/anything.
  const std::string d = fresh_dir("device");
  const std::string dev = d + "/null-device";
  if (::mknod(dev.c_str(), S_IFCHR | 0600, makedev(1, 3)) != 0)
    GTEST_SKIP() << "cannot create a device node here (" << std::strerror(errno) << "); needs root";
  expect_refused(run({kBase, kCont, "--junit", dev}), dev, "it is a character device");
  expect_refused(run({"approve", kBase, "--out", dev}), dev, "it is a character device");
  expect_refused(run({"generate", "--benchmarks", "1", "--out", dev}), dev, "it is a character device");
  EXPECT_EQ(type_of(dev), fs::file_type::character);
}

TEST(CliOutputPaths, AReportOverTheConfigOrTheCatalogIsRefused) {
  const std::string d = fresh_dir("over_inputs");
  const std::string config = d + "/compare.json", catalog = d + "/catalog.json";
  std::ofstream(config) << R"({"threshold_pct": 5})";
  fs::copy_file(fixture("slo/catalog.json"), catalog);
  const std::string config_before = slurp(config), catalog_before = slurp(catalog);
  expect_refused(run({kBase, kCont, "--config", config, "--json", config}), config,
                 "refusing to write a report over an input file (--json is the --config");
  expect_refused(run({kBase, kCont, "--slo", catalog, "--markdown", catalog}), catalog,
                 "(--markdown is the --slo");
  // Another spelling of the same file: compared by identity, not by text.
  expect_refused(run({kBase, kCont, "--config", config, "--junit", d + "/./../" + fs::path(d).filename().string() +
                                                                     "/compare.json"}),
                 "compare.json", "refusing to write a report over an input file");
  fs::create_hard_link(catalog, d + "/alias.json");
  expect_refused(run({kBase, kCont, "--slo", catalog, "--json", d + "/alias.json"}), d + "/alias.json",
                 "over an input file");
  EXPECT_EQ(slurp(config), config_before);
  EXPECT_EQ(slurp(catalog), catalog_before);
}

TEST(CliOutputPaths, AReportOverAShardInsideAnInputFolderIsRefused) {
  const std::string d = fresh_dir("over_shard");
  fs::copy(fixture("shards/contender"), d + "/shards");
  const std::string shard = d + "/shards/shard-1.json";
  const std::string before = slurp(shard);
  expect_refused(run({d + "/shards", d + "/shards", "--json", shard}), shard, "(--json is the baseline");
  EXPECT_EQ(slurp(shard), before);
}

TEST(CliOutputPaths, TwoReportsNamingOneFileAreRefused) {
  const std::string d = fresh_dir("two_reports");
  const std::string a = d + "/report.out";
  expect_refused(run({kBase, kCont, "--json", a, "--markdown", d + "/./report.out"}), d + "/./report.out",
                 "--json and --markdown name the same file");
  EXPECT_FALSE(fs::exists(a));  // refused before anything was written
  expect_refused(run({kBase, kCont, "--json", "-", "--junit", "-"}), "-", "name the same output (standard output)");
}

TEST(CliOutputPaths, DashWritesTheReportToStandardOutputAndTheTableToStandardError) {
  const auto r = run({kBase, kCont, "--json", "-"});
  EXPECT_EQ(r.code, 1) << r.err;
  const auto doc = nlohmann::json::parse(r.out);  // nothing but the report on stdout
  EXPECT_TRUE(doc.contains("summary"));
  EXPECT_NE(r.err.find("regressed"), std::string::npos);
  const auto approved = run({"approve", kSame, "--out", "-"});
  EXPECT_EQ(approved.code, 0) << approved.err;
  EXPECT_NO_THROW(parse_gbench_json(approved.out, "<stdout>"));
  EXPECT_NE(approved.err.find("wrote"), std::string::npos);
}

// A standard output that fails every write, as a closed pipe does.
class BrokenBuf : public std::streambuf {
 protected:
  int_type overflow(int_type) override { return traits_type::eof(); }
  std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
};

testing::CliRun run_with_broken_stdout(std::vector<std::string> args) {
  args.insert(args.begin(), "bench-compare");
  BrokenBuf buf;
  std::ostream out(&buf);
  std::ostringstream err;
  testing::CliRun r;
  r.code = run_cli(args, out, err, CliEnv{});
  r.err = err.str();
  return r;
}

TEST(CliStdout, AFailingStandardOutputNeverCostsTheReportFiles) {
  const std::string d = fresh_dir("broken_stdout");
  const auto regressed = run_with_broken_stdout({kBase, kCont, "--json", d + "/r.json", "--junit", d + "/r.xml"});
  EXPECT_EQ(regressed.code, 1) << regressed.err;  // the verdict is kept
  EXPECT_NE(regressed.err.find("standard output could not be written"), std::string::npos) << regressed.err;
  EXPECT_NO_THROW({ const auto doc = nlohmann::json::parse(slurp(d + "/r.json")); EXPECT_TRUE(doc.contains("summary")); });
  EXPECT_NE(slurp(d + "/r.xml").find("<failure"), std::string::npos);
  const auto fine = run_with_broken_stdout({kSame, kSame, "--markdown", d + "/r.md"});
  EXPECT_EQ(fine.code, kExitOutputFailed) << fine.err;  // not 0: the output was lost
  EXPECT_FALSE(slurp(d + "/r.md").empty());
}

TEST(CliLimits, AConfigValueNested100000DeepIsAShortError) {
  const std::string d = fresh_dir("deep_config");
  const std::string config = d + "/deep.json";
  std::ofstream(config) << R"({"threshold_pct": )" << std::string(100000, '[') << std::string(100000, ']') << "}";
  const auto r = run({kSame, kSame, "--config", config});
  expect_refused(r, config, "nested deeper than 64 levels");
  EXPECT_NE(r.err.find("line 1, column"), std::string::npos) << r.err;
  EXPECT_LT(r.err.size(), 400u) << "the message should be short";
}

TEST(CliLimits, AnSloCatalogNested100000DeepIsAShortError) {
  const std::string d = fresh_dir("deep_catalog");
  const std::string catalog = d + "/deep.json";
  std::ofstream(catalog) << R"({"slos": [{"id": )" << std::string(100000, '[') << std::string(100000, ']') << "}]}";
  const auto r = run({kSame, kSame, "--slo", catalog});
  expect_refused(r, catalog, "nested deeper than 64 levels");
  EXPECT_NE(r.err.find("line 1, column"), std::string::npos) << r.err;
  EXPECT_LT(r.err.size(), 400u) << "the message should be short";
}

TEST(CliLimits, ALongOrWideConfigValueIsDescribedNotPrinted) {
  const std::string d = fresh_dir("long_config");
  const std::string config = d + "/long.json";
  std::ofstream(config) << R"({"threshold_pct": ")" << std::string(100000, 'x') << R"(", "alpha": [1, 2]})";
  const auto r = run({kSame, kSame, "--config", config});
  expect_refused(r, config, "threshold_pct: expected a number, got \"xxxx");
  EXPECT_NE(r.err.find("(100000 bytes)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("alpha: expected a number, got an array of 2 elements"), std::string::npos) << r.err;
  EXPECT_LT(r.err.size(), 600u);
}

TEST(CliLimits, AnInputLargerThanTheLimitIsRefusedByFlagOrEnvironment) {
  const auto by_flag = run({kSame, kBase, "--max-input-size", "1K"});
  expect_refused(by_flag, kSame, "larger than the input limit of 1 KiB");
  EXPECT_NE(by_flag.err.find("--max-input-size"), std::string::npos);
  CliEnv env;
  env.max_input_size = "1K";
  expect_refused(run({kSame, kBase}, env), kSame, "larger than the input limit of 1 KiB");
  EXPECT_EQ(run({kSame, kSame, "--max-input-size", "64M"}, env).code, 0);  // the flag wins
  env.max_input_size = "lots";
  const auto bad = run({kSame, kSame}, env);
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("LUKHAS_COMPARE_MAX_INPUT_SIZE: expected a size"), std::string::npos) << bad.err;
  expect_refused(run({"summary", kSame, "--max-input-size", "1K"}), kSame, "larger than the input limit");
  expect_refused(run({"approve", kSame, "--out", fresh_dir("limit_approve") + "/b.json", "--max-input-size", "1K"}),
                 kSame, "larger than the input limit");
}

TEST(CliLimits, EndlessInputStopsAtTheLimit) {
  expect_refused(run({kSame, "/dev/zero", "--max-input-size", "1M"}), "/dev/zero", "stopped reading after 1 MiB");
}

TEST(CliLimits, AFifoThatNeverEndsStopsAtTheLimit) {
  const std::string d = fresh_dir("endless_fifo");
  const std::string fifo = d + "/endless.json";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  ::signal(SIGPIPE, SIG_IGN);  // the writer sees EPIPE once the reader gives up
  std::thread writer([&] {
    // Non-blocking open, retried for up to 10 s (ENXIO until the reader
    // opens): a reader that never comes must fail the test, not hang it.
    int fd = -1;
    for (int i = 0; i < 1000 && fd < 0; ++i) {
      fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
      if (fd < 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (fd < 0) return;
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    const std::string chunk(65536, ' ');
    while (::write(fd, chunk.data(), chunk.size()) > 0) {
    }
    ::close(fd);
  });
  const auto r = run({kSame, fifo, "--max-input-size", "2M"});
  writer.join();
  expect_refused(r, fifo, "stopped reading after 2 MiB");
}

}  // namespace
}  // namespace lukhas::compare
