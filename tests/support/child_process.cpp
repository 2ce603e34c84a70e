#include "child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <thread>

extern char** environ;

namespace lukhas::testsupport {

namespace {

int shell_code(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

Fd open_dev_null() {
  const int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "open /dev/null");
  return Fd(fd);
}

Fd unlinked_temp_file() {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string path = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/lukhas-stderr.XXXXXX";
  const int fd = mkostemp(path.data(), O_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "mkstemp " + path);
  unlink(path.c_str());
  return Fd(fd);
}

}  // namespace

Spawned spawn(const std::vector<std::string>& argv, int stdout_fd, int stderr_fd) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (stdout_fd != kInherit) posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
  if (stderr_fd != kInherit) posix_spawn_file_actions_adddup2(&actions, stderr_fd, STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t all;
  sigfillset(&all);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  Spawned out;
  const int rc = posix_spawnp(&out.pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    out.pid = -1;
    out.error = rc;
  }
  return out;
}

int wait_exit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
  }
  return shell_code(status);
}

std::optional<int> wait_exit_for(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return shell_code(status);
    if (r < 0 && errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

bool has_ended(pid_t pid) {
  int status = 0;
  return waitpid(pid, &status, WNOHANG) == pid;
}

Captured run_capturing_stderr(const std::vector<std::string>& argv) {
  const Fd null = open_dev_null();
  const Fd err = unlinked_temp_file();
  const Spawned s = spawn(argv, null.get(), err.get());
  Captured out;
  if (s.pid < 0) {
    out.code = s.error == ENOENT ? 127 : 126;
    out.err = "cannot run '" + argv.at(0) + "': " + std::strerror(s.error) + "\n";
    return out;
  }
  out.code = wait_exit(s.pid);
  lseek(err.get(), 0, SEEK_SET);
  char buf[65536];
  ssize_t n = 0;
  while ((n = read(err.get(), buf, sizeof buf)) > 0) out.err.append(buf, static_cast<std::size_t>(n));
  return out;
}

int run_quietly(const std::vector<std::string>& argv) {
  const Fd null = open_dev_null();
  const Spawned s = spawn(argv, null.get(), null.get());
  if (s.pid < 0) return s.error == ENOENT ? 127 : 126;
  return wait_exit(s.pid);
}

std::string joined_command_line(std::string_view raw) {
  if (!raw.empty() && raw.back() == '\0') raw.remove_suffix(1);
  std::string out(raw);
  for (char& c : out) {
    if (c == '\0') c = ' ';
  }
  return out;
}

std::string command_line_of(pid_t pid) {
  // read(2), not an ifstream: a process that exits between the listing of
  // /proc and this read makes read fail with ESRCH, which libstdc++'s
  // filebuf throws as an exception whatever the stream's mask; a process
  // that is gone has no command line.
  const std::string path = "/proc/" + std::to_string(pid) + "/cmdline";
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  std::string raw;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      raw.append(buf, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;
    }
  }
  ::close(fd);
  return joined_command_line(raw);
}

std::vector<pid_t> processes_with_command_line_containing(std::string_view needle) {
  std::vector<pid_t> out;
  const pid_t self = getpid();
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(name));
    if (pid == self) continue;
    if (command_line_of(pid).find(needle) != std::string::npos) out.push_back(pid);
  }
  return out;
}

}  // namespace lukhas::testsupport
