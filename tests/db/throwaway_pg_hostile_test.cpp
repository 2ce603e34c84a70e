// fixtures/pg/throwaway-pg and lukhas-datagen against interruptions and
// hostile state, each case on its own server in a private TMPDIR (never
// touching another cluster or a system path):
//   Kill9DuringStartLeavesNothing  `start` killed with -9 at several moments
//   TeardownSparesAStalePid        postmaster.pid naming an unrelated process
//   DatagenNeverDeletesRowsItDidNotWrite  exit 2 instead of deleting them
// Skipped (exit 77, see main) without the PostgreSQL binaries or a usable
// server user. One process per case (CMake registers each by its filter).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <pqxx/pqxx>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "core/db/connection.hpp"

namespace lukhas::testdb {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using testsupport::Captured;
using testsupport::kInherit;
using testsupport::processes_with_command_line_containing;
using testsupport::run_capturing_stderr;
using testsupport::run_quietly;
using testsupport::spawn;
using testsupport::Spawned;

constexpr int kExitSkipped = 77;
const std::string kHelper = LUKHAS_THROWAWAY_PG;
const std::string kDatagen = LUKHAS_DATAGEN;
// The variables that would make the helper use another server ("external").
constexpr const char* kServerVariables[] = {"LUKHAS_PG_DSN", "PGHOST",     "PGHOSTADDR",
                                            "PGPORT",        "PGDATABASE", "PGUSER",
                                            "PGSERVICE",     "LUKHAS_PG_STATE"};

std::string pg_bindir() {
  const char* b = std::getenv("LUKHAS_PG_BINDIR");
  return b && *b ? b : "/usr/lib/postgresql/15/bin";
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string state_value(const fs::path& state, const std::string& key) {
  const auto m = db::read_state_file(state.string());
  if (!m) return "";
  const auto it = m->find(key);
  return it == m->end() ? "" : it->second;
}

// A private TMPDIR for one case, exported to the helper's children, and the
// environment cleared of any server configuration. The destructor runs
// even when an assertion failed: it ends the decoy, stops the server,
// kills whatever of ours still runs, removes the folder and restores the
// environment.
class PrivateTmp {
 public:
  PrivateTmp() {
    std::string templ = "/tmp/lukhas-hostile-test.XXXXXX";
    if (mkdtemp(templ.data()) == nullptr) throw std::runtime_error("mkdtemp /tmp failed");
    dir_ = templ;
    chmod(dir_.c_str(), 0755);  // the server user must reach the cluster folder inside
    for (const char* v : kServerVariables) {
      if (const char* old = std::getenv(v)) saved_.emplace_back(v, old);
      unsetenv(v);
    }
    if (const char* old = std::getenv("TMPDIR")) saved_.emplace_back("TMPDIR", old);
    setenv("TMPDIR", dir_.c_str(), 1);
  }
  PrivateTmp(const PrivateTmp&) = delete;
  PrivateTmp& operator=(const PrivateTmp&) = delete;
  ~PrivateTmp() {
    if (decoy_ > 0) {
      kill(decoy_, SIGKILL);
      testsupport::wait_exit(decoy_);
    }
    run_quietly({kHelper, "stop", state().string()});
    // Anything of ours still running is a failure already reported; end it.
    for (pid_t p : processes_with_command_line_containing("-D " + dir_.string() + "/")) kill(p, SIGKILL);
    std::error_code ec;
    fs::remove_all(dir_, ec);
    unsetenv("TMPDIR");
    for (const auto& [name, value] : saved_) setenv(name.c_str(), value.c_str(), 1);
  }

  const fs::path& dir() const { return dir_; }
  fs::path state() const { return dir_ / "state"; }
  void set_decoy(pid_t pid) { decoy_ = pid; }

  // Processes whose command line names a cluster under this folder.
  std::vector<pid_t> ours() const {
    return processes_with_command_line_containing("-D " + dir_.string() + "/lukhas-pg");
  }
  std::vector<fs::path> cluster_folders() const {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir_, ec)) {
      if (e.path().filename().string().rfind("lukhas-pg.", 0) == 0) out.push_back(e.path());
    }
    return out;
  }
  // Up to 30 s: the watchdog's poll plus a teardown, on a loaded machine.
  bool wait_until_clean() const {
    for (int i = 0; i < 300; ++i) {
      if (ours().empty() && cluster_folders().empty()) return true;
      std::this_thread::sleep_for(100ms);
    }
    return false;
  }
  // What is left, for a failure message: processes with their command lines, folders.
  std::string leftovers() const {
    std::ostringstream out;
    for (pid_t p : ours()) out << "  process " << p << ": " << testsupport::command_line_of(p) << "\n";
    for (const auto& f : cluster_folders()) out << "  folder " << f.string() << "\n";
    return out.str();
  }

 private:
  fs::path dir_;
  pid_t decoy_ = -1;
  std::vector<std::pair<std::string, std::string>> saved_;
};

class ThrowawayPgHostile : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string postgres = pg_bindir() + "/postgres";
    if (access(postgres.c_str(), X_OK) != 0) {
      GTEST_SKIP() << "skipped: no PostgreSQL binaries in " << pg_bindir();
    }
    tmp_.emplace();
  }
  void TearDown() override { tmp_.reset(); }

  std::optional<PrivateTmp> tmp_;
};

std::string owner_pid() { return std::to_string(getpid()); }

TEST_F(ThrowawayPgHostile, Kill9DuringStartLeavesNothing) {
  const PrivateTmp& tmp = *tmp_;
  // The moment between the watchdog making the folder and `start` reading
  // its name, made certain: the reader is gone (the pipe closed before the
  // watchdog writes) and the starter is dead. The watchdog must survive the
  // failed write and remove the folder.
  const Spawned gone = spawn({"true"}, kInherit, kInherit);
  ASSERT_GT(gone.pid, 0);
  testsupport::wait_exit(gone.pid);
  int fds[2];
  ASSERT_EQ(pipe2(fds, O_CLOEXEC), 0);
  close(fds[0]);
  const Spawned watchdog =
      spawn({kHelper, "_watchdog", owner_pid(), "-", "", std::to_string(gone.pid)}, fds[1], kInherit);
  close(fds[1]);
  ASSERT_GT(watchdog.pid, 0) << "cannot run " << kHelper;
  const auto code = testsupport::wait_exit_for(watchdog.pid, 30s);
  if (!code) kill(watchdog.pid, SIGKILL);
  ASSERT_TRUE(tmp.wait_until_clean())
      << "a start killed before reading the watchdog's line left (watchdog exit "
      << (code ? std::to_string(*code) : "none: still running") << "):\n"
      << tmp.leftovers();
  std::printf("start killed before the hand-over: nothing left behind\n");

  const int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
  ASSERT_GE(null, 0);
  // The start takes about 1.5 s here (initdb, server start, createdb):
  // these delays land in each phase.
  for (const auto delay : {50ms, 300ms, 600ms, 900ms, 1200ms, 1500ms, 2000ms}) {
    const Spawned start = spawn({kHelper, "start", tmp.state().string(), "--owner", owner_pid()},
                                null, null);
    ASSERT_GT(start.pid, 0);
    std::this_thread::sleep_for(delay);
    kill(start.pid, SIGKILL);
    testsupport::wait_exit(start.pid);
    // A start that finished before the kill (the state file says so) is
    // running on purpose, owned by this test: stop it like any other.
    if (state_value(tmp.state(), "status") == "running") {
      run_quietly({kHelper, "stop", tmp.state().string()});
      std::printf("kill -9 after %lld ms came after the start completed; stopped\n",
                  static_cast<long long>(delay.count()));
    }
    fs::remove(tmp.state());
    ASSERT_TRUE(tmp.wait_until_clean())
        << "after kill -9 at " << delay.count()
        << " ms: an interrupted start left a server or its folder behind:\n"
        << tmp.leftovers();
    std::printf("kill -9 after %lld ms: nothing left behind\n", static_cast<long long>(delay.count()));
  }
  close(null);
}

TEST_F(ThrowawayPgHostile, TeardownSparesAStalePid) {
  PrivateTmp& tmp = *tmp_;
  const Captured start = run_capturing_stderr({kHelper, "start", tmp.state().string(), "--owner", owner_pid()});
  ASSERT_EQ(start.code, 0) << "start failed:\n" << start.err;
  if (state_value(tmp.state(), "status") != "running") {
    GTEST_SKIP() << "skipped: " << read_file(tmp.state());
  }
  const fs::path dir = state_value(tmp.state(), "dir");
  ASSERT_FALSE(dir.empty()) << read_file(tmp.state());
  // An unrelated process of ours, named in postmaster.pid as a stale or
  // crafted file would.
  const Spawned decoy = spawn({"sleep", "300"}, kInherit, kInherit);
  ASSERT_GT(decoy.pid, 0);
  tmp.set_decoy(decoy.pid);
  const fs::path pidfile = dir / "data" / "postmaster.pid";
  std::string text = read_file(pidfile);
  ASSERT_FALSE(text.empty()) << pidfile;
  text.replace(0, text.find('\n'), std::to_string(decoy.pid));
  {
    std::ofstream out(pidfile, std::ios::binary | std::ios::trunc);  // in place: owner and mode kept
    out << text;
    ASSERT_TRUE(out.flush()) << "cannot rewrite " << pidfile;
  }

  const Captured stop = run_capturing_stderr({kHelper, "stop", tmp.state().string()});
  ASSERT_EQ(stop.code, 0) << "stop failed:\n" << stop.err;
  // Our child: a kill would leave it a zombie, so ask waitpid, not kill -0.
  ASSERT_FALSE(testsupport::has_ended(decoy.pid))
      << "teardown signalled PID " << decoy.pid << " from postmaster.pid, which is not its server";
  ASSERT_TRUE(tmp.wait_until_clean()) << "the real server was not stopped:\n" << tmp.leftovers();
  std::printf("the unrelated PID survived; the server was stopped\n");
}

// Run through `throwaway-pg run`: this same binary, with the checks below
// as its only test, inside the environment `run` exports.
TEST_F(ThrowawayPgHostile, DatagenNeverDeletesRowsItDidNotWrite) {
  ASSERT_EQ(access(kDatagen.c_str(), X_OK), 0) << "lukhas-datagen missing: " << kDatagen;
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  const Spawned run = spawn({kHelper, "run", "--", self, "--gtest_also_run_disabled_tests",
                             "--gtest_filter=DatagenInsideRun.DISABLED_RefusesForeignRowsAndReloadsItsOwn"},
                            kInherit, kInherit);
  ASSERT_GT(run.pid, 0);
  const int code = testsupport::wait_exit(run.pid);
  if (code == kExitSkipped) GTEST_SKIP() << "skipped inside throwaway-pg run (reason above)";
  ASSERT_EQ(code, 0) << "the checks inside `throwaway-pg run` failed (output above)";
}

// Only when started by the test above (disabled otherwise): the server must
// be the private one `run` started under our TMPDIR, never another.
TEST(DatagenInsideRun, DISABLED_RefusesForeignRowsAndReloadsItsOwn) {
  const char* state = std::getenv("LUKHAS_PG_STATE");
  const char* tmpdir = std::getenv("TMPDIR");
  ASSERT_TRUE(state && tmpdir) << "run this only through ThrowawayPgHostile.DatagenNeverDeletesRowsItDidNotWrite";
  if (state_value(state, "status") != "running") GTEST_SKIP() << "skipped: " << read_file(state);
  const char* host = std::getenv("PGHOST");
  ASSERT_TRUE(host && std::string(host).rfind(std::string(tmpdir) + "/lukhas-pg.", 0) == 0)
      << "PGHOST " << (host ? host : "(unset)") << " is not a cluster under TMPDIR " << tmpdir;

  auto conn = db::connect_from_environment();
  auto count = [&](const std::string& sql) {
    pqxx::nontransaction tx(*conn);
    return tx.exec1(sql)[0].as<long long>();
  };
  const std::string users = "SELECT count(*) FROM identity.users";
  auto datagen = [](std::vector<std::string> args) {
    args.insert(args.begin(), kDatagen);
    return run_capturing_stderr(args);
  };

  Captured r = datagen({"--scale", "1"});
  ASSERT_EQ(r.code, 0) << "first load failed:\n" << r.err;
  // A row the generator did not write (a user of this database, or a test).
  {
    pqxx::nontransaction tx(*conn);
    tx.exec_params("INSERT INTO identity.users (namespace, username) VALUES (NULL, $1)", "precious_user");
  }
  const long long before = count(users);

  r = datagen({"--scale", "1", "--seed", "7"});
  ASSERT_EQ(r.code, 2) << "a reload over a foreign row exited " << r.code << ", expected 2:\n" << r.err;
  EXPECT_NE(r.err.find("refusing to delete rows lukhas-datagen did not write"), std::string::npos)
      << "message:\n" << r.err;
  ASSERT_EQ(count(users), before) << "rows were deleted";

  // Tables with rows but no record of a load at all: a database someone else filled.
  {
    pqxx::nontransaction tx(*conn);
    tx.exec0("DELETE FROM lukhas_meta.dataset");
  }
  r = datagen({"--scale", "1"});
  ASSERT_EQ(r.code, 2) << "unrecorded data: exit " << r.code << ", expected 2:\n" << r.err;
  ASSERT_EQ(count(users), before) << "unrecorded data: rows were deleted";
  EXPECT_NE(r.err.find("no load by lukhas-datagen is recorded"), std::string::npos) << "message:\n" << r.err;

  // --force deletes them, as documented.
  r = datagen({"--scale", "1", "--force"});
  ASSERT_EQ(r.code, 0) << "--force failed:\n" << r.err;
  {
    pqxx::nontransaction tx(*conn);
    EXPECT_EQ(tx.exec_params1("SELECT count(*) FROM identity.users WHERE username = $1", "precious_user")[0]
                  .as<long long>(),
              0)
        << "--force kept the row";
  }
  // And the reload it wrote itself is replaced without --force.
  r = datagen({"--scale", "1", "--seed", "8"});
  ASSERT_EQ(r.code, 0) << "reloading its own rows:\n" << r.err;
  std::printf("foreign rows refused, own rows reloaded\n");
}

}  // namespace
}  // namespace lukhas::testdb

// Exit 77 when every test that ran was skipped, so CTest reports Skipped
// (SKIP_RETURN_CODE) with the reason printed, never Passed.
int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  const int rc = RUN_ALL_TESTS();
  const auto* u = ::testing::UnitTest::GetInstance();
  if (rc == 0 && u->skipped_test_count() > 0 && u->successful_test_count() == 0) return 77;
  return rc;
}
