#pragma once
// The only file system access of the library: bounded whole-file reads,
// atomic writes, and what a path is. Everything else takes and returns values.
#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace lukhas::compare {

// The input size limit for every read below (compare/limits.hpp has the
// default). Process-wide because the readers of every input (shards, config,
// SLO catalog) reach the file system only through read_text_file; the CLI
// sets it once, before the first read.
void set_max_input_bytes(std::size_t bytes);
std::size_t max_input_bytes();

// Reads a whole file with read(2) into memory, never mmap: a file truncated
// while it is read is then a clean InputError, not a bus error. Throws
// InputError(path, "", reason) when the file cannot be opened or read, is
// larger than max_input_bytes() (also endless input: /dev/zero, a FIFO that
// never ends, stop at the limit), or changes size while it is read.
std::string read_text_file(const std::string& path);
// The same with an explicit limit. `after_first_chunk` runs once after the
// first read(2): tests change the file there, as another process could.
std::string read_file_bounded(const std::string& path, std::size_t limit,
                              const std::function<void()>& after_first_chunk = {});

// What is at a path, without following a symlink (lstat).
enum class PathKind { missing, regular, directory, symlink, fifo, character_device, block_device, socket, other };
struct PathInfo {
  PathKind kind = PathKind::missing;
  dev_t device = 0;  // identity of the file itself, for "is this the same file?"
  ino_t inode = 0;
};
PathInfo inspect_path(const std::string& path);
// Follows symlinks (stat): the file an input path reads.
PathInfo inspect_target(const std::string& path);
// "a FIFO (named pipe)", "a symbolic link", ...
std::string describe(PathKind kind);

// Writes to a temporary file in the same folder, flushes it and renames it
// over `path`, so a reader never sees a half-written file and a failure
// leaves the old file untouched. Refuses (InputError) a `path` that exists
// and is not a regular file: the rename would replace a device, FIFO,
// symlink or folder with a regular file. While the temporary file exists it
// is registered for removal by the handlers of install_signal_cleanup().
// `after_temp_written` runs once the temporary file is complete, before the
// rename (tests interrupt the write there).
void write_file_atomic(const std::string& path, std::string_view content,
                       const std::function<void()>& after_temp_written = {});

// SIGINT, SIGTERM and SIGHUP remove the temporary file of a write in
// progress, then end the process by the same signal. Called by main().
void install_signal_cleanup();

}  // namespace lukhas::compare
