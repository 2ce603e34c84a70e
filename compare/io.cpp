#include "compare/io.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "compare/errors.hpp"
#include "compare/limits.hpp"

namespace lukhas::compare {

namespace {

std::atomic<std::size_t> g_max_input_bytes{kDefaultMaxInputBytes};

// The temporary file of the write in progress, for the signal handler. Only
// async-signal-safe state: a fixed buffer and a flag. One write at a time:
// reports are written one after the other by the main thread.
char g_temp_path[PATH_MAX];
volatile sig_atomic_t g_temp_live = 0;

extern "C" void remove_temp_and_reraise(int sig) {
  if (g_temp_live) ::unlink(g_temp_path);
  // SA_RESETHAND restored the default action; the signal is blocked while
  // this handler runs, so raise() ends the process once it returns, with the
  // status a caller expects from that signal.
  ::raise(sig);
}

constexpr int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP};

// Blocks the cleanup signals in this thread while the registration and the
// file disagree (just created, or just renamed).
class SignalBlock {
 public:
  SignalBlock() {
    sigset_t set;
    sigemptyset(&set);
    for (int s : kCleanupSignals) sigaddset(&set, s);
    pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~SignalBlock() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  SignalBlock(const SignalBlock&) = delete;
  SignalBlock& operator=(const SignalBlock&) = delete;

 private:
  sigset_t old_;
};

PathInfo info_of(int rc, const struct stat& st) {
  PathInfo i;
  if (rc != 0) return i;
  i.device = st.st_dev;
  i.inode = st.st_ino;
  if (S_ISREG(st.st_mode)) i.kind = PathKind::regular;
  else if (S_ISDIR(st.st_mode)) i.kind = PathKind::directory;
  else if (S_ISLNK(st.st_mode)) i.kind = PathKind::symlink;
  else if (S_ISFIFO(st.st_mode)) i.kind = PathKind::fifo;
  else if (S_ISCHR(st.st_mode)) i.kind = PathKind::character_device;
  else if (S_ISBLK(st.st_mode)) i.kind = PathKind::block_device;
  else if (S_ISSOCK(st.st_mode)) i.kind = PathKind::socket;
  else i.kind = PathKind::other;
  return i;
}

std::string limit_hint() {
  return fmt::format("raise it with --max-input-size or {}", kMaxInputSizeEnv);
}

void refuse_non_regular(const std::string& path) {
  const PathInfo i = inspect_path(path);
  if (i.kind == PathKind::missing || i.kind == PathKind::regular) return;
  throw InputError(path, "",
                   fmt::format("refusing to write here: it is {}, not a regular file, and the atomic write would "
                               "replace it (give the path of a regular file, or '-' for standard output)",
                               describe(i.kind)));
}

}  // namespace

void set_max_input_bytes(std::size_t bytes) { g_max_input_bytes.store(bytes); }
std::size_t max_input_bytes() { return g_max_input_bytes.load(); }

std::string read_text_file(const std::string& path) { return read_file_bounded(path, max_input_bytes()); }

std::string read_file_bounded(const std::string& path, std::size_t limit,
                              const std::function<void()>& after_first_chunk) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(path, "", fmt::format("cannot open: {}", std::strerror(errno)));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat before {};
  if (::fstat(fd, &before) != 0) throw InputError(path, "", fmt::format("cannot stat: {}", std::strerror(errno)));
  if (S_ISDIR(before.st_mode)) throw InputError(path, "", "is a folder, expected a file");
  const bool regular = S_ISREG(before.st_mode);
  if (regular && static_cast<std::uint64_t>(before.st_size) > limit)
    throw InputError(path, "", fmt::format("the file is {} bytes, larger than the input limit of {} ({})",
                                           before.st_size, format_bytes(limit), limit_hint()));
  std::string text;
  if (regular) text.reserve(static_cast<std::size_t>(before.st_size) + 1);
  constexpr std::size_t kChunk = std::size_t{1} << 20;
  bool first = true;
  for (;;) {
    // Up to one byte past the limit: that byte is the proof the input is larger.
    const std::size_t room = limit + 1 - text.size();
    const std::size_t want = room < kChunk ? room : kChunk;
    const std::size_t old = text.size();
    text.resize(old + want);
    const ssize_t n = ::read(fd, text.data() + old, want);
    if (n < 0) {
      if (errno == EINTR) {
        text.resize(old);
        continue;
      }
      throw InputError(path, "", fmt::format("read error: {}", std::strerror(errno)));
    }
    text.resize(old + static_cast<std::size_t>(n));
    if (n == 0) break;
    if (text.size() > limit)
      throw InputError(path, "", fmt::format("stopped reading after {}: the input is larger than the input limit ({}; "
                                             "endless input such as /dev/zero also ends here)",
                                             format_bytes(limit), limit_hint()));
    if (first && after_first_chunk) after_first_chunk();
    first = false;
  }
  if (regular) {
    struct stat after {};
    const bool same = ::fstat(fd, &after) == 0 && after.st_size == before.st_size &&
                      static_cast<std::uint64_t>(after.st_size) == text.size() &&
                      after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec;
    if (!same)
      throw InputError(path, "",
                       fmt::format("the file changed while it was read ({} bytes at the start, {} read, {} now): "
                                   "run again once whatever writes it has finished",
                                   before.st_size, text.size(), after.st_size));
  }
  return text;
}

PathInfo inspect_path(const std::string& path) {
  struct stat st {};
  const int rc = ::lstat(path.c_str(), &st);
  return info_of(rc, st);
}

PathInfo inspect_target(const std::string& path) {
  struct stat st {};
  const int rc = ::stat(path.c_str(), &st);
  return info_of(rc, st);
}

std::string describe(PathKind kind) {
  switch (kind) {
    case PathKind::missing: return "missing";
    case PathKind::regular: return "a regular file";
    case PathKind::directory: return "a folder";
    case PathKind::symlink: return "a symbolic link";
    case PathKind::fifo: return "a FIFO (named pipe)";
    case PathKind::character_device: return "a character device";
    case PathKind::block_device: return "a block device";
    case PathKind::socket: return "a socket";
    case PathKind::other: return "not a regular file";
  }
  return "not a regular file";
}

void install_signal_cleanup() {
  for (int s : kCleanupSignals) {
    struct sigaction old {};
    if (::sigaction(s, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;  // e.g. nohup: keep ignoring
    struct sigaction sa {};
    sa.sa_handler = remove_temp_and_reraise;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    ::sigaction(s, &sa, nullptr);
  }
}

void write_file_atomic(const std::string& path, std::string_view content,
                       const std::function<void()>& after_temp_written) {
  namespace fs = std::filesystem;
  refuse_non_regular(path);
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string tmpl = (dir / ("." + target.filename().string() + ".tmpXXXXXX")).string();
  if (tmpl.size() >= sizeof g_temp_path) throw InputError(path, "", "the path is too long");
  int fd = -1;
  {
    const SignalBlock block;
    std::memcpy(g_temp_path, tmpl.c_str(), tmpl.size() + 1);
    fd = ::mkstemp(g_temp_path);
    if (fd >= 0) g_temp_live = 1;
  }
  if (fd < 0) throw InputError(path, "", fmt::format("cannot create a temporary file in {}: {}", dir.string(), std::strerror(errno)));
  const std::string tmp = g_temp_path;
  auto abandon = [&](const std::string& reason) {
    const SignalBlock block;
    ::unlink(tmp.c_str());
    g_temp_live = 0;
    throw InputError(path, "", reason);
  };
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string reason = std::strerror(errno);
      ::close(fd);
      abandon("write failed: " + reason);
    }
    written += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    abandon("write failed: " + reason);
  }
  if (::close(fd) != 0) abandon(fmt::format("write failed: {}", std::strerror(errno)));
  if (after_temp_written) after_temp_written();
  // Checked again just before the rename: the path may have become a FIFO
  // or a symlink while the report was being written.
  try {
    refuse_non_regular(path);
  } catch (const InputError& e) {
    abandon(e.problems().front().reason);
  }
  const SignalBlock block;
  if (std::rename(tmp.c_str(), path.c_str()) != 0) abandon(fmt::format("rename failed: {}", std::strerror(errno)));
  g_temp_live = 0;
}

}  // namespace lukhas::compare
