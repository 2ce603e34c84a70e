#pragma once
// Google Benchmark JSON (library versions 1.5 to 1.9) as plain structs.
//
// The library writes non-finite doubles as bare NaN / Infinity / -Infinity,
// which strict JSON parsers (nlohmann included) reject; parse_gbench_json()
// accepts them and still reports error positions in the user's original text.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace lukhas::compare {

enum class RunType { iteration, aggregate };

// A context value as written: a string, a number or a bool. Nested values
// (the "caches" array) are not kept: nothing downstream reads them.
using ContextValue = std::variant<std::string, double, bool>;
using Context = std::map<std::string, ContextValue>;

std::string context_string(const Context& ctx, const std::string& key);  // "" when absent

// Counter names repeat on every row; they are interned once per process so a
// row holds a view, not its own copy (10,000 x 20 rows: 40 MB saved per side).
std::string_view intern_counter_name(std::string_view name);

struct Counter {
  std::string_view name;  // interned (or a string literal)
  double value = 0;
};

// Fields few rows have, kept out of line to keep Row small.
struct RowExtra {
  std::string label;
  std::string error_message;
  std::string skip_message;
  std::string big_o;  // BigO rows
  std::optional<double> cpu_coefficient;
  std::optional<double> real_coefficient;
  std::optional<double> rms;  // RMS rows
};

struct Row {
  std::string name;
  std::string run_name;  // empty when equal to name or absent (before 1.5): see group_key()
  RunType run_type = RunType::iteration;
  std::string aggregate_name;  // mean, median, stddev, cv, BigO, RMS, or a user statistic
  std::string aggregate_unit;  // "time" or "percentage" (1.7+); empty when absent
  std::int64_t repetitions = 0;
  std::int64_t repetition_index = -1;
  std::int64_t threads = 1;
  std::int64_t iterations = 0;
  std::int64_t family_index = -1;
  std::int64_t per_family_instance_index = -1;
  std::optional<double> real_time;
  std::optional<double> cpu_time;
  std::string time_unit;  // ns, us, ms, s; empty when absent (percentage aggregates)
  std::vector<Counter> counters;  // any other numeric key, in file order
  bool error_occurred = false;
  bool skipped = false;
  std::shared_ptr<RowExtra> extra;  // null when the row has none of its fields

  bool is_complexity() const { return aggregate_name == "BigO" || aggregate_name == "RMS"; }
  // The benchmark this row belongs to: run_name, else the name without the
  // "_<aggregate>" suffix (files older than 1.5 have no run_name).
  std::string group_key() const;
  std::optional<double> counter(std::string_view key) const;
  const RowExtra& get_extra() const;  // an empty RowExtra when none
  RowExtra& mutable_extra();          // creates it on first use
  // error_message or skip_message, whichever applies.
  const std::string& failure_message() const;
};

// The aggregate a row without aggregate_name is, from its name; "" if unknown.
std::string infer_aggregate_name(const Row& r);

struct GbenchFile {
  std::string path;
  Context context;
  std::vector<Row> rows;
};

// The newest json_schema_version this reader understands (Google Benchmark
// 1.8 and 1.9 write 1; earlier versions omit it).
inline constexpr int kMaxJsonSchemaVersion = 1;

// Parses a whole file's text. Throws InputError naming `path`, the line and
// column (for syntax errors) or the field (for shape errors), and the reason;
// every shape problem in the file is reported at once.
GbenchFile parse_gbench_json(std::string_view text, const std::string& path);

// The same, always through nlohmann (the reference the fast path falls back
// to); exposed so tests can check both paths agree.
GbenchFile parse_gbench_json_reference(std::string_view text, const std::string& path);

// Reads and parses one file; unreadable or empty files are InputErrors.
GbenchFile read_gbench_file(const std::string& path);

// Time unit string -> nanoseconds per unit; nullopt when unknown.
std::optional<double> ns_per_unit(std::string_view unit);

// Exposed for tests: the non-finite pre-pass. Replaces bare NaN, -NaN,
// Infinity and -Infinity outside strings with finite sentinel literals and
// maps positions in the result back to the original text.
struct NonFiniteRewrite {
  std::string text;  // empty when nothing was replaced (use the original)
  struct Edit {
    std::size_t new_start, new_len, orig_start, orig_len;
  };
  std::vector<Edit> edits;
  std::size_t to_original(std::size_t new_offset) const;
};
NonFiniteRewrite rewrite_non_finite(std::string_view text);
// The value a sentinel literal stands for, when `token` is one.
std::optional<double> sentinel_value(std::string_view token);

}  // namespace lukhas::compare
