#include "runner/progress.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "compare/escape.hpp"
#include "runner/process.hpp"

namespace lukhas::runner {

namespace fs = std::filesystem;

std::optional<std::string> finished_row(const std::string& line) {
  if (!line.starts_with("BM_")) return std::nullopt;
  const std::string name = line.substr(0, line.find_first_of(" \t"));
  // A row has its figures after the name; a name alone is something else.
  if (name.size() == line.size()) return std::nullopt;
  // Aggregates are the run's name plus _<statistic> (the suites add no user
  // statistics; Google Benchmark's own are these).
  for (const char* suffix : {"_mean", "_median", "_stddev", "_cv", "_BigO", "_RMS"}) {
    if (name.ends_with(suffix)) return std::nullopt;
  }
  return name;
}

std::string format_duration(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  if (s < 60) return fmt::format("{} s", s);
  if (s < 3600) return fmt::format("{} min {:02} s", s / 60, s % 60);
  return fmt::format("{} h {:02} min", s / 3600, (s % 3600) / 60);
}

std::string progress_text(const std::string& label, std::size_t done, std::size_t total, double elapsed,
                          const std::string& current) {
  std::string text = fmt::format("{}: {}/{} repetitions", label, done, total);
  if (!current.empty()) text += ", " + compare::escape_visible(current);
  if (done > 0 && total > done) {
    text += ", about " + format_duration(elapsed / static_cast<double>(done) * static_cast<double>(total - done)) +
            " left";
  }
  return text;
}

ProgressWatch::ProgressWatch(std::string label, fs::path log, std::size_t total)
    : label_(std::move(label)), log_(std::move(log)), total_(total) {
  const char* ci = std::getenv("CI");
  terminal_ = ::isatty(STDOUT_FILENO) != 0 && (ci == nullptr || *ci == '\0');
  start_ = last_report_ = std::chrono::steady_clock::now();
}

void ProgressWatch::poll() {
  std::ifstream in(log_, std::ios::binary);
  if (!in) return;
  in.seekg(static_cast<std::streamoff>(offset_));
  std::string chunk((std::istreambuf_iterator<char>(in)), {});
  offset_ += chunk.size();
  partial_ += chunk;
  std::size_t pos = 0, nl = 0;
  while ((nl = partial_.find('\n', pos)) != std::string::npos) {
    if (auto name = finished_row(partial_.substr(pos, nl - pos))) {
      ++done_;
      current_ = *name;
    }
    pos = nl + 1;
  }
  partial_.erase(0, pos);
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (total_ == 0) return;
  if (terminal_) {
    std::cout << "\r\033[K" << progress_text(label_, done_, total_, elapsed, current_) << std::flush;
  } else if (now - last_report_ >= std::chrono::seconds(30)) {
    std::cout << "  " << progress_text(label_, done_, total_, elapsed, current_) << std::endl;
    last_report_ = now;
  }
}

void ProgressWatch::finish() {
  if (terminal_ && total_ > 0) std::cout << "\r\033[K" << std::flush;
}

std::size_t count_benchmarks(const fs::path& binary, const std::string& filter) {
  std::vector<std::string> argv{binary.string(), "--benchmark_list_tests"};
  if (!filter.empty()) argv.push_back("--benchmark_filter=" + filter);
  const auto listing = capture(argv);
  if (!listing) return 0;
  std::istringstream in(*listing);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) n += line.starts_with("BM_") ? 1 : 0;
  return n;
}

}  // namespace lukhas::runner
