#pragma once
// One error funnel for everything a user hands us. Every failure that should
// end in exit code 2 is an InputError (a file, a place in it, a reason) or a
// UsageError (bad arguments). Problems in one file are collected and reported
// together, so a user fixes them in one round instead of one per run.
#include <stdexcept>
#include <string>
#include <vector>

namespace lukhas::compare {

struct Problem {
  std::string file;   // path as the user gave it; empty for arguments
  std::string where;  // "line 3, column 17 (byte 42)" or "benchmarks[2].real_time"
  std::string reason;
};

std::string format_problem(const Problem& p);

// Malformed or unreadable input: a benchmark file, the config, the catalog.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Problem> problems);
  InputError(std::string file, std::string where, std::string reason);
  const std::vector<Problem>& problems() const { return problems_; }

 private:
  std::vector<Problem> problems_;
};

// Bad arguments (unknown flag, out-of-range value).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Collects problems while reading one file and throws them together.
class ProblemList {
 public:
  explicit ProblemList(std::string file, std::size_t limit = 20) : file_(std::move(file)), limit_(limit) {}
  void add(std::string where, std::string reason);
  bool empty() const { return problems_.empty(); }
  void throw_if_any() const;

 private:
  std::string file_;
  std::size_t limit_;
  std::size_t dropped_ = 0;
  std::vector<Problem> problems_;
};

}  // namespace lukhas::compare
