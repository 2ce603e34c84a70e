#include "runner/flake_check.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <regex>

#include <fmt/format.h>

#include "compare/escape.hpp"
#include "runner/process.hpp"

namespace lukhas::runner {

namespace fs = std::filesystem;

namespace {

// Busy children, ended (SIGKILL) when this object goes; each also dies with
// its parent (PR_SET_PDEATHSIG), so an interrupted check leaves none behind.
class Hogs {
 public:
  explicit Hogs(long n) {
    for (long i = 0; i < n; ++i) {
      const pid_t pid = ::fork();
      if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        volatile unsigned long spin = 0;
        for (;;) spin = spin + 1;
      }
      if (pid > 0) pids_.push_back(pid);
    }
  }
  ~Hogs() {
    for (pid_t p : pids_) ::kill(p, SIGKILL);
    for (pid_t p : pids_) ::waitpid(p, nullptr, 0);
  }
  Hogs(const Hogs&) = delete;
  Hogs& operator=(const Hogs&) = delete;
  const std::vector<pid_t>& pids() const { return pids_; }

 private:
  std::vector<pid_t> pids_;
};

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

bool run_once(const FlakeCheckOptions& o, const std::string& label, long i, long n) {
  const fs::path log = o.logs / fmt::format("{}-{}.log", label, i);
  std::cout << fmt::format("flake-check: {} run {}/{} ... ", label, i, n) << std::flush;
  Command c;
  c.argv = {"ctest", "--test-dir", o.tree.string(), "-L", "perf", "--output-on-failure"};
  c.argv.insert(c.argv.end(), o.ctest_args.begin(), o.ctest_args.end());
  c.stdout_file = c.stderr_file = log;
  const auto start = std::chrono::steady_clock::now();
  const int rc = run(c);
  const auto took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (rc == 0) {
    std::cout << fmt::format("PASS in {:.0f} s\n", took);
    fs::remove(log);
    return true;
  }
  std::cout << fmt::format("FAIL (ctest exit {}) in {:.0f} s; log: {}\n", rc, took, compare::escape_visible(log.string()));
  // The failing tests' lines of ctest's summary.
  std::ifstream in(log);
  std::string line;
  const std::regex failed(R"(^\s*[0-9]+ - .*\((Failed|Timeout|Not Run))");
  while (std::getline(in, line)) {
    if (std::regex_search(line, failed)) std::cout << "    " << compare::escape_visible(line) << "\n";
  }
  return false;
}

}  // namespace

int run_flake_check(const FlakeCheckOptions& o) {
  if (o.loaded_runs > 0 && o.hogs < 1) {
    std::cerr << "flake-check: loaded runs need at least one hog (--hogs)\n";
    return 2;
  }
  if (o.quiet_runs + o.loaded_runs == 0) {
    std::cerr << "flake-check: nothing to run (--quiet-runs 0 --loaded-runs 0)\n";
    return 2;
  }
  if (!fs::is_regular_file(o.tree / "CTestTestfile.cmake")) {
    std::cerr << fmt::format("flake-check: {} is not a configured build tree (run: cmake --preset dev)\n",
                             compare::escape_visible(o.tree.string()));
    return 2;
  }
  fs::create_directories(o.logs);
  std::string extra;
  for (const auto& a : o.ctest_args) extra += " " + a;
  std::cout << fmt::format("flake-check: ctest -L perf{} on {}: {} quiet run(s), {} run(s) under {} CPU hog(s); load "
                           "average now {}\n",
                           extra, o.tree.string(), o.quiet_runs, o.loaded_runs, o.hogs, load_average());
  long quiet_ok = 0, loaded_ok = 0;
  for (long i = 1; i <= o.quiet_runs; ++i) quiet_ok += run_once(o, "quiet", i, o.quiet_runs) ? 1 : 0;
  if (o.loaded_runs > 0) {
    const Hogs hogs(o.hogs);
    std::string pids;
    for (pid_t p : hogs.pids()) pids += fmt::format(" {}", p);
    std::cout << fmt::format("flake-check: started {} CPU hog(s): pid(s){}\n", hogs.pids().size(), pids);
    for (long i = 1; i <= o.loaded_runs; ++i) loaded_ok += run_once(o, "loaded", i, o.loaded_runs) ? 1 : 0;
  }
  std::cout << fmt::format("flake-check: quiet {}/{} passed, loaded ({} hogs) {}/{} passed\n", quiet_ok, o.quiet_runs,
                           o.hogs, loaded_ok, o.loaded_runs);
  return quiet_ok == o.quiet_runs && loaded_ok == o.loaded_runs ? 0 : 1;
}

}  // namespace lukhas::runner
