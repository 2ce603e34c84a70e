#pragma once
// The performance history: a folder of runs that needs no server (a plain
// folder, or a branch of the repository checked out as one).
//
//   HISTORY/<YYYYMMDDTHHMMSSZ>-<commit12>/<suite>.json
//
// One folder per run, named by its UTC date and the first 12 hex digits of
// its commit, so that the names sort in run order (date, then commit); one
// Google Benchmark JSON file per suite, as the comparator's writer writes it
// (compare/gbench_write.hpp), with the run's commit, date and branch in its
// context (git_revision, lukhas_run_date, lukhas_branch). Entries starting
// with '.' (a run being appended) and plain files (a README, a page) at the
// top level are not runs. docs/comparator.md ("History and change points").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compare/errors.hpp"
#include "compare/gbench_json.hpp"
#include "compare/slo_catalog.hpp"

namespace lukhas::compare {

inline constexpr std::size_t kRunCommitDigits = 12;

// 12 to 64 hex digits (abbreviated or full SHA-1 / SHA-256), lowercased;
// nullopt for anything else.
std::optional<std::string> parse_commit(std::string_view s);
// ISO 8601 date and time with seconds and a zone: 2026-12-02T07:15:38Z,
// ...+01:00 or ...-0530; fractional seconds are allowed and dropped. Seconds
// since 1970-01-01T00:00:00Z; nullopt when malformed or out of range.
std::optional<std::int64_t> parse_iso8601(std::string_view s);
std::string format_iso8601(std::int64_t utc_seconds);  // 2026-12-02T07:15:38Z

struct RunKey {
  std::int64_t time = 0;  // UTC seconds
  std::string commit;     // as given (12 to 64 hex digits)
  std::string folder_name() const;  // 20261202T071538Z-0123456789ab
};
// The key a run folder's name stands for; nullopt when it is not one.
std::optional<RunKey> parse_run_folder(std::string_view name);

struct RunInfo {
  std::string folder;   // the folder's name
  RunKey key;           // commit: the full one from the files' context when they have it
  std::string branch;   // from lukhas_branch; empty when absent
  std::vector<std::string> suites;  // file stems, sorted
};

// A series: one benchmark's value per run, in run order.
struct SeriesPoint {
  std::size_t run = 0;  // index into History::runs
  double value = 0;     // median over the repetitions
  double low = 0, high = 0;  // smallest and largest repetition
  std::size_t repetitions = 0;
};

struct Series {
  std::string suite;      // the file's stem
  std::string benchmark;  // run name
  // "instructions" when every point has that counter, else "real_time"
  // (nanoseconds); for an SLO series, the SLO's counter.
  std::string metric;
  std::string unit;  // "ns", "instructions" or the SLO's unit
  std::vector<SeriesPoint> points;
  const SloEntry* slo = nullptr;  // set for an SLO series (points are its counter)
};

struct History {
  std::vector<RunInfo> runs;  // in run order
  std::vector<Series> series;  // sorted by suite, benchmark, then metric
  std::vector<Problem> skipped;  // bad runs or files left out (--skip-bad)
};

struct HistoryReadOptions {
  bool skip_bad = false;  // leave bad runs and files out (listed in skipped) instead of failing
  // When set, an extra series per SLO entry and matching benchmark holds the
  // SLO's counter (median over repetitions) for the page to draw its target.
  const SloCatalog* slo = nullptr;
};

// Reads every run. A folder whose name is not a run, a run without JSON
// files, a file that does not parse or whose git_revision disagrees with its
// folder: InputError naming each, unless skip_bad. A missing HISTORY folder
// is an InputError too.
History read_history(const std::string& folder, const HistoryReadOptions& options);

struct AppendRequest {
  std::string history;  // created when missing
  std::string run_dir;  // the run's *.json files, one per suite
  std::string commit;
  std::string date;     // ISO 8601
  std::string branch;   // optional
};

struct AppendResult {
  std::string run_folder;  // the path written
  std::vector<std::string> suites;
};

// Copies a run in: every file parsed first (nothing is written when one is
// bad), the context stamped, all of them written into a hidden folder and
// that folder renamed into place in one step (renameat2 RENAME_NOREPLACE), so
// a reader sees the whole run or none of it and an existing run is never
// replaced. InputError / UsageError for a malformed commit or date, a run
// that exists, or a bad input file.
AppendResult append_run(const AppendRequest& request);

}  // namespace lukhas::compare
