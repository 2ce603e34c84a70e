#include "compare/gbench_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <set>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "compare/errors.hpp"
#include "compare/fast_json.hpp"
#include "compare/io.hpp"

namespace lukhas::compare {

std::string context_string(const Context& ctx, const std::string& key) {
  auto it = ctx.find(key);
  if (it == ctx.end()) return "";
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) return v;
        else if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
        else return fmt::format("{}", v);
      },
      it->second);
}

std::string Row::group_key() const {
  if (!run_name.empty()) return run_name;
  if (run_type == RunType::aggregate && !aggregate_name.empty()) {
    const std::string suffix = "_" + aggregate_name;
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

// An aggregate row without aggregate_name (hand-written or converted files)
// was ignored, so a benchmark with aggregates only on one side read as "new":
// its name says which aggregate it is, "<run_name>_<aggregate>", or for
// files without run_name one of Google Benchmark's own suffixes.
std::string infer_aggregate_name(const Row& r) {
  if (!r.run_name.empty() && r.name.size() > r.run_name.size() + 1 && r.name.rfind(r.run_name + "_", 0) == 0)
    return r.name.substr(r.run_name.size() + 1);
  for (const char* known : {"mean", "median", "stddev", "cv"}) {
    const std::string suffix = std::string("_") + known;
    if (r.name.size() > suffix.size() && r.name.compare(r.name.size() - suffix.size(), suffix.size(), suffix) == 0)
      return known;
  }
  return {};
}

std::optional<double> Row::counter(std::string_view key) const {
  for (const auto& [k, v] : counters)
    if (k == key) return v;
  return std::nullopt;
}

const RowExtra& Row::get_extra() const {
  static const RowExtra none;
  return extra ? *extra : none;
}

RowExtra& Row::mutable_extra() {
  if (!extra) extra = std::make_shared<RowExtra>();
  return *extra;
}

const std::string& Row::failure_message() const {
  return error_occurred ? get_extra().error_message : get_extra().skip_message;
}

std::string_view intern_counter_name(std::string_view name) {
  static std::mutex mu;
  static auto* pool = new std::set<std::string, std::less<>>();  // never freed: views into it live until exit
  // Each parsing thread remembers the last few names it saw, so the lock is
  // taken once per distinct name and thread, not once per row.
  thread_local std::vector<std::string_view> recent;
  for (auto v : recent)
    if (v == name) return v;
  std::lock_guard lock(mu);
  auto it = pool->find(name);
  if (it == pool->end()) it = pool->emplace(name).first;
  std::string_view v = *it;
  if (recent.size() < 32) recent.push_back(v);
  return v;
}

std::optional<double> ns_per_unit(std::string_view unit) {
  if (unit == "ns") return 1.0;
  if (unit == "us") return 1e3;
  if (unit == "ms") return 1e6;
  if (unit == "s") return 1e9;
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Non-finite pre-pass. The sentinels are finite literals (nlohmann rejects
// overflowing numbers too, error 406) that no writer produces: a zero with a
// long zero-padded exponent. The SAX handler sees each float's raw text and
// maps a sentinel back to its value.
namespace {
constexpr std::string_view kNan = "0e-000000000000000000000000000000001";
constexpr std::string_view kInf = "0e-000000000000000000000000000000002";
constexpr std::string_view kNegInf = "-0e-000000000000000000000000000000002";

struct Literal {
  std::string_view word;
  std::string_view sentinel;
};
constexpr Literal kLiterals[] = {
    {"-Infinity", kNegInf}, {"Infinity", kInf}, {"-NaN", kNan}, {"NaN", kNan}};
}  // namespace

std::optional<double> sentinel_value(std::string_view token) {
  if (token == kNan) return std::numeric_limits<double>::quiet_NaN();
  if (token == kInf) return std::numeric_limits<double>::infinity();
  if (token == kNegInf) return -std::numeric_limits<double>::infinity();
  return std::nullopt;
}

NonFiniteRewrite rewrite_non_finite(std::string_view text) {
  NonFiniteRewrite out;
  bool in_string = false;
  std::size_t copied = 0;  // text[0, copied) is already in out.text
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
      continue;
    }
    if (c != 'N' && c != 'I' && c != '-') continue;
    for (const auto& lit : kLiterals) {
      if (text.substr(i, lit.word.size()) != lit.word) continue;
      if (out.text.empty() && out.edits.empty()) out.text.reserve(text.size() + 64);
      out.text.append(text.substr(copied, i - copied));
      out.edits.push_back({out.text.size(), lit.sentinel.size(), i, lit.word.size()});
      out.text.append(lit.sentinel);
      copied = i + lit.word.size();
      i = copied - 1;
      break;
    }
  }
  if (!out.edits.empty()) out.text.append(text.substr(copied));
  return out;
}

std::size_t NonFiniteRewrite::to_original(std::size_t new_offset) const {
  std::size_t orig = new_offset;
  for (const auto& e : edits) {
    if (new_offset < e.new_start) break;
    if (new_offset < e.new_start + e.new_len) return e.orig_start;
    orig = new_offset - (e.new_start + e.new_len) + (e.orig_start + e.orig_len);
  }
  return orig;
}

// ---------------------------------------------------------------------------
namespace {

using json = nlohmann::json;

struct Scalar {
  enum Kind { null, boolean, integer, number, string } kind;
  double num = 0;
  bool b = false;
  bool integral = false;
  std::string* str = nullptr;
};

const char* kind_name(Scalar::Kind k) {
  switch (k) {
    case Scalar::null: return "null";
    case Scalar::boolean: return "a boolean";
    case Scalar::integer: return "an integer";
    case Scalar::number: return "a number";
    case Scalar::string: return "a string";
  }
  return "?";
}

std::string describe(const Scalar& v) {
  if (v.kind == Scalar::string) return fmt::format("a string \"{}\"", v.str->substr(0, 40));
  if (v.kind == Scalar::boolean) return v.b ? "true" : "false";
  return kind_name(v.kind);
}

class Handler final : public nlohmann::json_sax<json> {
 public:
  Handler(GbenchFile& out, std::string_view original, const NonFiniteRewrite& rw, ProblemList& problems)
      : out_(out), original_(original), rewrite_(rw), problems_(problems) {}

  bool null() override { return scalar(Scalar{Scalar::null}); }
  bool boolean(bool v) override {
    Scalar s{Scalar::boolean};
    s.b = v;
    return scalar(s);
  }
  bool number_integer(number_integer_t v) override {
    Scalar s{Scalar::integer};
    s.num = static_cast<double>(v);
    s.integral = true;
    return scalar(s);
  }
  bool number_unsigned(number_unsigned_t v) override {
    Scalar s{Scalar::integer};
    s.num = static_cast<double>(v);
    s.integral = true;
    return scalar(s);
  }
  bool number_float(number_float_t v, const string_t& raw) override {
    Scalar s{Scalar::number};
    if (!rewrite_.edits.empty()) {
      if (auto sv = sentinel_value(raw)) v = *sv;
    }
    s.num = v;
    s.integral = std::isfinite(v) && v == std::floor(v);
    return scalar(s);
  }
  bool string(string_t& v) override {
    Scalar s{Scalar::string};
    s.str = &v;
    return scalar(s);
  }
  bool binary(binary_t&) override { return true; }

  bool start_object(std::size_t) override {
    if (stack_.empty()) {
      stack_.push_back(Frame::top);
      seen_top_ = true;
      return true;
    }
    switch (stack_.back()) {
      case Frame::top:
        if (key_ == "context") {
          stack_.push_back(Frame::context);
          return true;
        }
        if (key_ == "benchmarks") problems_.add("benchmarks", "expected an array, got an object");
        break;
      case Frame::benchmarks:
        stack_.push_back(Frame::row);
        row_ = Row{};
        row_problems_.clear();
        row_has_ = {};
        return true;
      default: break;
    }
    stack_.push_back(Frame::skip);
    return true;
  }
  bool end_object() override {
    const Frame f = stack_.back();
    stack_.pop_back();
    if (f == Frame::row) finish_row();
    return true;
  }
  bool start_array(std::size_t) override {
    if (stack_.empty()) return wrong_top("an array");
    if (stack_.back() == Frame::top && key_ == "benchmarks") {
      stack_.push_back(Frame::benchmarks);
      seen_benchmarks_ = true;
      return true;
    }
    if (stack_.back() == Frame::top && key_ == "context")
      problems_.add("context", "expected an object, got an array");
    if (stack_.back() == Frame::benchmarks) {
      problems_.add(fmt::format("benchmarks[{}]", out_.rows.size() + skipped_elements_), "expected an object, got an array");
      ++skipped_elements_;
    }
    stack_.push_back(Frame::skip);
    return true;
  }
  bool end_array() override {
    stack_.pop_back();
    return true;
  }
  bool key(string_t& k) override {
    key_.swap(k);  // both sides keep their capacity: no copy, no allocation
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    const std::size_t rewritten = position > 0 ? position - 1 : 0;
    std::size_t off = rewrite_.edits.empty() ? rewritten : rewrite_.to_original(rewritten);
    off = std::min(off, original_.size());
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i < off; ++i) {
      if (original_[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    problems_.add(fmt::format("line {}, column {} (byte {})", line, col, off), clean_reason(ex.what()));
    syntax_error_ = true;
    return false;
  }

  bool syntax_error() const { return syntax_error_; }
  bool seen_top() const { return seen_top_; }
  bool seen_benchmarks() const { return seen_benchmarks_; }

 private:
  enum class Frame { top, context, benchmarks, row, skip };
  struct Has {
    bool name = false, run_type = false, real_time = false, cpu_time = false;
  };

  static std::string clean_reason(std::string what) {
    // "[json.exception.parse_error.101] parse error at line 1, column 5: <reason>":
    // keep the reason; the position is recomputed on the user's original text.
    if (auto p = what.find("] "); p != std::string::npos && what.rfind("[json.exception", 0) == 0)
      what = what.substr(p + 2);
    if (what.rfind("parse error at line", 0) == 0) {
      if (auto p = what.find(": "); p != std::string::npos) what = what.substr(p + 2);
    }
    return what;
  }

  bool wrong_top(const char* what) {
    problems_.add("top level", fmt::format("expected an object with \"context\" and \"benchmarks\", got {}", what));
    wrong_top_ = true;
    return false;
  }

  bool scalar(const Scalar& v) {
    if (stack_.empty()) return wrong_top(kind_name(v.kind));
    switch (stack_.back()) {
      case Frame::top:
        if (key_ == "benchmarks") problems_.add("benchmarks", fmt::format("expected an array, got {}", describe(v)));
        if (key_ == "context") problems_.add("context", fmt::format("expected an object, got {}", describe(v)));
        return true;
      case Frame::context:
        if (v.kind == Scalar::string) out_.context[key_] = std::move(*v.str);
        else if (v.kind == Scalar::boolean) out_.context[key_] = v.b;
        else if (v.kind != Scalar::null) out_.context[key_] = v.num;
        return true;
      case Frame::benchmarks:
        problems_.add(fmt::format("benchmarks[{}]", out_.rows.size() + skipped_elements_),
                      fmt::format("expected an object, got {}", describe(v)));
        ++skipped_elements_;
        return true;
      case Frame::row: row_field(v); return true;
      case Frame::skip: return true;
    }
    return true;
  }

  void type_problem(const char* expected, const Scalar& v) {
    row_problems_.push_back({key_, fmt::format("expected {}, got {}", expected, describe(v))});
  }

  bool want_string(const Scalar& v, std::string& dst) {
    if (v.kind != Scalar::string) {
      type_problem("a string", v);
      return false;
    }
    dst = std::move(*v.str);
    return true;
  }
  void want_int(const Scalar& v, std::int64_t& dst) {
    if ((v.kind != Scalar::integer && v.kind != Scalar::number) || !v.integral) return type_problem("an integer", v);
    // 2^63 is exact as a double; a value at or beyond it has no int64_t, and
    // converting it anyway is undefined behaviour (found by fuzzing).
    constexpr double kTwo63 = 9223372036854775808.0;
    if (!(v.num >= -kTwo63 && v.num < kTwo63)) {
      row_problems_.push_back({key_, fmt::format("expected an integer of at most 64 bits, got {:g}", v.num)});
      return;
    }
    dst = static_cast<std::int64_t>(v.num);
  }
  bool want_number(const Scalar& v, std::optional<double>& dst) {
    if (v.kind != Scalar::integer && v.kind != Scalar::number) {
      type_problem("a number", v);
      return false;
    }
    dst = v.num;
    return true;
  }
  void want_bool(const Scalar& v, bool& dst) {
    if (v.kind != Scalar::boolean) return type_problem("true or false", v);
    dst = v.b;
  }

  void row_field(const Scalar& v) {
    const std::string_view k = key_;
    Row& r = row_;
    if (k == "name") row_has_.name = want_string(v, r.name);
    else if (k == "run_name") {
      // Iteration rows repeat their name here; keeping only the differing
      // ones (aggregates) saves an allocation per row.
      if (v.kind == Scalar::string && *v.str == r.name) return;
      want_string(v, r.run_name);
    }
    else if (k == "run_type") {
      std::string t;
      if (!want_string(v, t)) return;
      row_has_.run_type = true;
      if (t == "iteration") r.run_type = RunType::iteration;
      else if (t == "aggregate") r.run_type = RunType::aggregate;
      else row_problems_.push_back({key_, fmt::format("expected \"iteration\" or \"aggregate\", got \"{}\"", t)});
    } else if (k == "real_time") row_has_.real_time = want_number(v, r.real_time);
    else if (k == "cpu_time") row_has_.cpu_time = want_number(v, r.cpu_time);
    else if (k == "time_unit") {
      if (want_string(v, r.time_unit) && !ns_per_unit(r.time_unit))
        row_problems_.push_back({key_, fmt::format("unknown time unit \"{}\" (expected ns, us, ms or s)", r.time_unit)});
    } else if (k == "repetitions") want_int(v, r.repetitions);
    else if (k == "repetition_index") want_int(v, r.repetition_index);
    else if (k == "threads") want_int(v, r.threads);
    else if (k == "iterations") want_int(v, r.iterations);
    else if (k == "family_index") want_int(v, r.family_index);
    else if (k == "per_family_instance_index") want_int(v, r.per_family_instance_index);
    else if (k == "aggregate_name") want_string(v, r.aggregate_name);
    else if (k == "aggregate_unit") want_string(v, r.aggregate_unit);
    else if (k == "label") want_string(v, r.mutable_extra().label);
    else if (k == "error_occurred") want_bool(v, r.error_occurred);
    else if (k == "error_message") want_string(v, r.mutable_extra().error_message);
    else if (k == "skipped") want_bool(v, r.skipped);
    else if (k == "skip_message") want_string(v, r.mutable_extra().skip_message);
    else if (k == "big_o") want_string(v, r.mutable_extra().big_o);
    else if (k == "cpu_coefficient") want_number(v, r.mutable_extra().cpu_coefficient);
    else if (k == "real_coefficient") want_number(v, r.mutable_extra().real_coefficient);
    else if (k == "rms") want_number(v, r.mutable_extra().rms);
    else if (v.kind == Scalar::integer || v.kind == Scalar::number)
      r.counters.push_back(Counter{intern_counter_name(key_), v.num});
    // Other strings and booleans are metadata we do not use.
  }

  void finish_row() {
    Row& r = row_;
    const std::size_t index = out_.rows.size() + skipped_elements_;
    if (!row_has_.name) row_problems_.push_back({"name", "missing required field"});
    if (!row_has_.run_type && !r.aggregate_name.empty()) r.run_type = RunType::aggregate;  // before 1.5
    if (r.run_type == RunType::aggregate && r.aggregate_name.empty()) r.aggregate_name = infer_aggregate_name(r);
    const bool failed = r.error_occurred || r.skipped;
    if (!failed && !r.is_complexity()) {
      if (!row_has_.real_time) row_problems_.push_back({"real_time", "missing required field"});
      if (!row_has_.cpu_time) row_problems_.push_back({"cpu_time", "missing required field"});
    }
    if (r.time_unit.empty() && r.aggregate_unit != "percentage") r.time_unit = "ns";
    if (!row_problems_.empty()) {
      const std::string where = row_has_.name ? fmt::format("benchmarks[{}] (\"{}\")", index, r.name)
                                              : fmt::format("benchmarks[{}]", index);
      for (auto& [field, reason] : row_problems_) problems_.add(where + "." + field, reason);
      ++skipped_elements_;
      return;
    }
    out_.rows.push_back(std::move(r));
  }

  GbenchFile& out_;
  std::string_view original_;
  const NonFiniteRewrite& rewrite_;
  ProblemList& problems_;
  std::vector<Frame> stack_;
  std::string key_;
  Row row_;
  Has row_has_;
  std::vector<std::pair<std::string, std::string>> row_problems_;
  std::size_t skipped_elements_ = 0;  // rows rejected so far, to keep indices right
  bool syntax_error_ = false;
  bool wrong_top_ = false;
  bool seen_top_ = false;
  bool seen_benchmarks_ = false;
};

}  // namespace

namespace {

void check_schema_version(const GbenchFile& out, ProblemList& problems) {
  auto it = out.context.find("json_schema_version");
  if (it == out.context.end()) return;
  const double* v = std::get_if<double>(&it->second);
  if (!v || *v != std::floor(*v) || *v < 1)
    problems.add("context.json_schema_version", "expected a positive integer");
  else if (*v > kMaxJsonSchemaVersion)
    problems.add("context.json_schema_version",
                 fmt::format("unsupported version {} (this reader understands up to {})", *v, kMaxJsonSchemaVersion));
}

}  // namespace

GbenchFile parse_gbench_json(std::string_view text, const std::string& path) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw InputError(path, "", "the file is empty (expected Google Benchmark JSON)");
  GbenchFile out;
  out.path = path;
  out.rows.reserve(text.size() / 400 + 1);
  {
    // Fast path; on anything unusual, start over with nlohmann (below).
    ProblemList problems(path);
    const NonFiniteRewrite none;
    Handler handler(out, text, none, problems);
    const FastOutcome r = fast_sax_parse(text, handler);
    if (r != FastOutcome::bail) {
      if (r == FastOutcome::ok && !handler.seen_benchmarks())
        problems.add("benchmarks", "missing required field (expected an array of runs)");
      if (r == FastOutcome::ok) check_schema_version(out, problems);
      problems.throw_if_any();
      return out;
    }
  }
  return parse_gbench_json_reference(text, path);
}

GbenchFile parse_gbench_json_reference(std::string_view text, const std::string& path) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw InputError(path, "", "the file is empty (expected Google Benchmark JSON)");
  GbenchFile out;
  out.path = path;
  ProblemList problems(path);
  const NonFiniteRewrite rw = rewrite_non_finite(text);
  const std::string_view parsed = rw.edits.empty() ? text : std::string_view(rw.text);
  Handler handler(out, text, rw, problems);
  const bool ok = json::sax_parse(parsed.begin(), parsed.end(), &handler);
  if (ok && !handler.seen_benchmarks()) problems.add("benchmarks", "missing required field (expected an array of runs)");
  if (ok) check_schema_version(out, problems);
  problems.throw_if_any();
  return out;
}

GbenchFile read_gbench_file(const std::string& path) {
  // A copy, not a mapping: a file truncated while mapped is a bus error
  // (io.hpp); the copy costs about 20 ms for the 111 MB speed-target shard.
  const std::string text = read_text_file(path);
  return parse_gbench_json(text, path);
}

}  // namespace lukhas::compare
