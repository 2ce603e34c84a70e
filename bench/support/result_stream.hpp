#pragma once
// An ostream over a file descriptor that remembers why a write failed
// (errno), for the results of a suite: std::ofstream only says "failed", and
// Google Benchmark's own --benchmark_out handling says nothing at all (a
// full disk or /dev/full gave exit 0 and an empty file).
#include <memory>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>

namespace lukhas::bench {

class ResultStream {
 public:
  // Standard output (not closed by finish()).
  ResultStream();
  ~ResultStream();
  ResultStream(const ResultStream&) = delete;
  ResultStream& operator=(const ResultStream&) = delete;

  // Opens (creates or truncates) `path`; the errno text on failure.
  std::optional<std::string> open(const std::string& path);

  std::ostream& stream() { return stream_; }
  // Flushes and closes; the errno text of the first failed write or close.
  std::optional<std::string> finish();

 private:
  class Buf;
  std::unique_ptr<Buf> buf_;
  std::ostream stream_;
};

}  // namespace lukhas::bench
