#include "runner/process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <set>

#include <fmt/format.h>

extern char** environ;

namespace lukhas::runner {

namespace fs = std::filesystem;

std::optional<fs::path> find_program(const std::string& name, const std::string& path) {
  if (name.find('/') != std::string::npos) return fs::path(name);
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find(':', start), path.size());
    const fs::path candidate = fs::path(path.substr(start, end - start)) / name;
    if (end > start && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return std::nullopt;
}

std::string tail_lines(const fs::path& file, std::size_t lines) {
  std::ifstream in(file);
  std::deque<std::string> last;
  std::string line;
  while (std::getline(in, line)) {
    last.push_back(line);
    if (last.size() > lines) last.pop_front();
  }
  std::string out;
  for (const auto& l : last) out += l + "\n";
  return out;
}

std::optional<std::string> capture(const std::vector<std::string>& argv) {
  char tmpl[] = "/tmp/lukhas-capture.XXXXXX";
  const int fd = ::mkstemp(tmpl);
  if (fd < 0) return std::nullopt;
  ::close(fd);
  std::optional<std::string> out;
  try {
    Command c;
    c.argv = argv;
    c.stdout_file = fs::path(tmpl);
    c.stderr_file = fs::path("/dev/null");
    if (run(c) == 0) {
      std::ifstream in(tmpl, std::ios::binary);
      out = std::string(std::istreambuf_iterator<char>(in), {});
    }
  } catch (const ProcessError&) {
  }
  std::error_code ec;
  fs::remove(tmpl, ec);
  return out;
}

namespace {

std::vector<char*> c_strings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (auto& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

std::vector<std::string> inherited_without(const std::vector<std::string>& unset) {
  const std::set<std::string> drop(unset.begin(), unset.end());
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    if (!drop.contains(entry.substr(0, entry.find('=')))) env.push_back(entry);
  }
  return env;
}

struct FileActions {
  posix_spawn_file_actions_t a;
  FileActions() { posix_spawn_file_actions_init(&a); }
  ~FileActions() { posix_spawn_file_actions_destroy(&a); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
};

}  // namespace

namespace {

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 128;
}

// Waits for `pid` (-1: any child), calling `tick` about five times a second
// when it is given.
Ended wait_for(pid_t pid, const std::function<void()>& tick) {
  int status = 0;
  for (;;) {
    const pid_t got = ::waitpid(pid, &status, tick ? WNOHANG : 0);
    if (got > 0) return {static_cast<int>(got), exit_code_of(status)};
    if (got < 0 && errno != EINTR) throw ProcessError{fmt::format("waitpid {}: {}", pid, std::strerror(errno))};
    if (got == 0) {
      tick();
      ::usleep(200000);
    }
  }
}

}  // namespace

int run(const Command& c, const std::function<void()>& tick) { return wait_for(start(c), tick).exit_code; }

Ended wait_any(const std::function<void()>& tick) { return wait_for(-1, tick); }

int start(const Command& c) {
  if (c.argv.empty()) throw ProcessError{"no program given"};
  std::vector<std::string> env;
  if (c.env) {
    env = *c.env;
  } else {
    std::vector<std::string> drop = c.unset;
    for (const auto& kv : c.set) drop.push_back(kv.substr(0, kv.find('=')));
    env = inherited_without(drop);
    env.insert(env.end(), c.set.begin(), c.set.end());
  }
  std::string path_var;
  for (const auto& e : env) {
    if (e.starts_with("PATH=")) path_var = e.substr(5);
  }
  if (path_var.empty()) {
    const char* p = std::getenv("PATH");
    path_var = p ? p : "/usr/bin:/bin";
  }
  const auto program = find_program(c.argv[0], path_var);
  if (!program) throw ProcessError{fmt::format("{}: not found in PATH ({})", c.argv[0], path_var)};

  FileActions fa;
  if (c.cwd) posix_spawn_file_actions_addchdir_np(&fa.a, c.cwd->c_str());
  // Relative output paths are opened after the chdir: make them absolute first.
  std::string out_path, err_path;
  if (c.stdout_file) {
    out_path = fs::absolute(*c.stdout_file).string();
    posix_spawn_file_actions_addopen(&fa.a, STDOUT_FILENO, out_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  if (c.stderr_file) {
    err_path = fs::absolute(*c.stderr_file).string();
    if (c.stdout_file && err_path == out_path) {
      posix_spawn_file_actions_adddup2(&fa.a, STDOUT_FILENO, STDERR_FILENO);
    } else {
      posix_spawn_file_actions_addopen(&fa.a, STDERR_FILENO, err_path.c_str(),
                                       O_WRONLY | O_CREAT | O_TRUNC, 0644);
    }
  }
  std::vector<std::string> argv = c.argv;
  auto argv_c = c_strings(argv);
  auto env_c = c_strings(env);
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, program->c_str(), &fa.a, nullptr, argv_c.data(), env_c.data());
  if (rc != 0) {
    throw ProcessError{fmt::format("cannot start {}: {}", program->string(), std::strerror(rc))};
  }
  return static_cast<int>(pid);
}

}  // namespace lukhas::runner
