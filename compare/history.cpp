#include "compare/history.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>

#include "compare/escape.hpp"
#include "compare/gbench_write.hpp"
#include "compare/glob.hpp"
#include "compare/io.hpp"
#include "compare/statistics.hpp"

namespace lukhas::compare {

namespace fs = std::filesystem;

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil) and back.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool valid_date(int y, int mo, int d, int h, int mi, int s) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[mo - 1] + (mo == 2 && leap ? 1 : 0);
}

bool is_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

std::string json_stem(const fs::path& p) { return p.stem().string(); }

// The suites of a run folder: its *.json files, sorted by name.
std::vector<fs::path> json_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name[0] == '.' || e.path().extension() != ".json") continue;
    out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Values of one benchmark in one file.
struct Samples {
  std::vector<double> real_ns, instructions;
  std::size_t rows = 0;
};

struct Raw {
  std::string suite, benchmark, metric, unit;
  const SloEntry* slo = nullptr;
  std::vector<SeriesPoint> real, instr;  // instr: only runs that had the counter
};

// An SLO's counter in one row: a user counter, or real_time / cpu_time in
// nanoseconds.
std::optional<double> slo_counter(const Row& r, const std::string& counter) {
  std::optional<double> v;
  if (counter == "real_time") v = r.real_time;
  else if (counter == "cpu_time") v = r.cpu_time;
  else return r.counter(counter);
  if (v) *v *= ns_per_unit(r.time_unit).value_or(1.0);
  return v;
}

SeriesPoint point(std::size_t run, std::vector<double>& v) {
  SeriesPoint p;
  p.run = run;
  p.value = median(v).value_or(0);
  p.low = *std::min_element(v.begin(), v.end());
  p.high = *std::max_element(v.begin(), v.end());
  p.repetitions = v.size();
  return p;
}

}  // namespace

std::optional<std::string> parse_commit(std::string_view s) {
  if (s.size() < kRunCommitDigits || s.size() > 64 || !is_hex(s)) return std::nullopt;
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::int64_t> parse_iso8601(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2, h) ||
      s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec))
    return std::nullopt;
  if (!valid_date(y, mo, d, h, mi, sec)) return std::nullopt;
  std::size_t pos = 19;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    const std::size_t start = pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
    if (pos == start) return std::nullopt;
  }
  if (pos >= s.size()) return std::nullopt;  // a zone is required: a bare local time is ambiguous
  std::int64_t offset = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    const int sign = s[pos] == '-' ? -1 : 1;
    int oh, om;
    if (!digits(s, pos + 1, 2, oh)) return std::nullopt;
    std::size_t at = pos + 3;
    if (at < s.size() && s[at] == ':') ++at;
    if (!digits(s, at, 2, om) || oh > 23 || om > 59) return std::nullopt;
    pos = at + 2;
    offset = sign * (oh * 3600 + om * 60);
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  const std::int64_t t = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
                         h * 3600 + mi * 60 + sec - offset;
  if (t < 0) return std::nullopt;
  return t;
}

std::string format_iso8601(std::int64_t t) {
  std::int64_t y;
  unsigned m, d;
  const std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  const std::int64_t rest = t - days * 86400;
  civil_from_days(days, y, m, d);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", y, m, d, rest / 3600, rest / 60 % 60, rest % 60);
}

std::string RunKey::folder_name() const {
  std::string iso = format_iso8601(time);  // 2026-12-02T07:15:38Z
  std::string compact;
  for (char c : iso)
    if (c != '-' && c != ':') compact += c;
  return compact + "-" + commit.substr(0, kRunCommitDigits);
}

std::optional<RunKey> parse_run_folder(std::string_view name) {
  // 20261202T071538Z-0123456789ab
  if (name.size() != 16 + 1 + kRunCommitDigits || name[8] != 'T' || name[15] != 'Z' || name[16] != '-')
    return std::nullopt;
  const std::string iso = fmt::format("{}-{}-{}T{}:{}:{}Z", name.substr(0, 4), name.substr(4, 2), name.substr(6, 2),
                                      name.substr(9, 2), name.substr(11, 2), name.substr(13, 2));
  const auto t = parse_iso8601(iso);
  const std::string_view commit = name.substr(17);
  if (!t || !is_hex(commit)) return std::nullopt;
  for (char c : commit)
    if (std::isupper(static_cast<unsigned char>(c))) return std::nullopt;  // the writer lowercases
  return RunKey{*t, std::string(commit)};
}

History read_history(const std::string& folder, const HistoryReadOptions& options) {
  const PathInfo info = inspect_target(folder);
  if (info.kind != PathKind::directory)
    throw InputError(folder, "", info.kind == PathKind::missing ? "no such history folder"
                                                               : "not a folder (" + describe(info.kind) + ")");
  History h;
  std::vector<Problem> bad;
  std::vector<std::pair<std::string, RunKey>> folders;
  for (const auto& e : fs::directory_iterator(folder)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name[0] == '.' || !e.is_directory()) continue;
    const auto key = parse_run_folder(name);
    if (!key) {
      bad.push_back({e.path().string(), "",
                     "not a run folder: expected <YYYYMMDDTHHMMSSZ>-<12 lowercase hex digits of the commit>"});
      continue;
    }
    folders.emplace_back(name, *key);
  }
  // Date, then commit: the folder names sort that way by construction.
  std::sort(folders.begin(), folders.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

  std::map<std::string, Raw> raw;  // key: suite \0 benchmark \0 slo id
  for (const auto& [name, key] : folders) {
    const fs::path dir = fs::path(folder) / name;
    const auto files = json_files(dir);
    if (files.empty()) {
      bad.push_back({dir.string(), "", "a run folder without *.json files"});
      continue;
    }
    // Parse the run's files first: a bad file leaves the whole run out, so
    // every series has the same runs.
    std::vector<GbenchFile> parsed;
    std::vector<Problem> run_bad;
    for (const auto& f : files) {
      try {
        GbenchFile g = read_gbench_file(f.string());
        const std::string rev = context_string(g.context, "git_revision");
        if (!rev.empty() && rev.compare(0, kRunCommitDigits, key.commit) != 0)
          run_bad.push_back({f.string(), "context.git_revision",
                             fmt::format("'{}' is not the commit of its run folder ({})", escape_visible(rev),
                                         key.commit)});
        parsed.push_back(std::move(g));
      } catch (const InputError& e) {
        for (const auto& p : e.problems()) run_bad.push_back(p);
      }
    }
    if (!run_bad.empty()) {
      bad.insert(bad.end(), run_bad.begin(), run_bad.end());
      continue;
    }
    RunInfo run;
    run.folder = name;
    run.key = key;
    const std::size_t index = h.runs.size();
    for (std::size_t fi = 0; fi < parsed.size(); ++fi) {
      const GbenchFile& g = parsed[fi];
      const std::string suite = json_stem(files[fi]);
      run.suites.push_back(suite);
      if (const auto full = parse_commit(context_string(g.context, "git_revision")); full && full->size() > run.key.commit.size())
        run.key.commit = *full;
      if (run.branch.empty()) run.branch = context_string(g.context, "lukhas_branch");
      std::map<std::string, Samples> per_benchmark;
      std::map<std::pair<std::string, const SloEntry*>, std::vector<double>> slo_values;
      for (const Row& r : g.rows) {
        if (r.run_type != RunType::iteration || r.error_occurred || r.skipped) continue;
        const std::string bench = r.group_key();
        Samples& s = per_benchmark[bench];
        ++s.rows;
        if (r.real_time) {
          const double scale = ns_per_unit(r.time_unit).value_or(1.0);
          s.real_ns.push_back(*r.real_time * scale);
        }
        if (const auto v = r.counter("instructions")) s.instructions.push_back(*v);
        if (options.slo)
          for (const SloEntry& e : options.slo->slos)
            if (e.measured_in_process && !e.benchmark.empty() && glob_match(e.benchmark, bench))
              if (const auto v = slo_counter(r, e.counter); v && std::isfinite(*v)) slo_values[{bench, &e}].push_back(*v);
      }
      for (auto& [bench, s] : per_benchmark) {
        Raw& rs = raw[suite + '\0' + bench + '\0'];
        rs.suite = suite;
        rs.benchmark = bench;
        if (!s.real_ns.empty()) rs.real.push_back(point(index, s.real_ns));
        if (!s.instructions.empty() && s.instructions.size() == s.rows) rs.instr.push_back(point(index, s.instructions));
      }
      for (auto& [k, v] : slo_values) {
        Raw& rs = raw[suite + '\0' + k.first + '\0' + k.second->id];
        rs.suite = suite;
        rs.benchmark = k.first;
        rs.slo = k.second;
        rs.real.push_back(point(index, v));
      }
    }
    h.runs.push_back(std::move(run));
  }
  if (!bad.empty() && !options.skip_bad) throw InputError(bad);
  h.skipped = std::move(bad);

  for (auto& [k, rs] : raw) {
    Series s;
    s.suite = rs.suite;
    s.benchmark = rs.benchmark;
    s.slo = rs.slo;
    if (rs.slo) {
      s.metric = rs.slo->counter;
      s.unit = rs.slo->unit;
      s.points = std::move(rs.real);
    } else if (!rs.instr.empty() && rs.instr.size() >= rs.real.size()) {
      s.metric = "instructions";
      s.unit = "instructions";
      s.points = std::move(rs.instr);
    } else {
      s.metric = "real_time";
      s.unit = "ns";
      s.points = std::move(rs.real);
    }
    if (!s.points.empty()) h.series.push_back(std::move(s));
  }
  return h;
}

AppendResult append_run(const AppendRequest& req) {
  const auto commit = parse_commit(req.commit);
  if (!commit)
    throw UsageError(fmt::format("--commit: expected 12 to 64 hex digits, got '{}'", req.commit));
  const auto time = parse_iso8601(req.date);
  if (!time)
    throw UsageError(fmt::format(
        "--date: expected an ISO 8601 date and time with a zone (2026-12-02T07:15:38Z), got '{}'", req.date));
  const PathInfo src = inspect_target(req.run_dir);
  if (src.kind != PathKind::directory)
    throw InputError(req.run_dir, "", src.kind == PathKind::missing ? "no such run folder"
                                                                    : "not a folder (" + describe(src.kind) + ")");
  const auto files = json_files(req.run_dir);
  if (files.empty()) throw InputError(req.run_dir, "", "no *.json files to append");

  // Every file parsed before anything is written.
  std::vector<GbenchFile> parsed;
  std::vector<Problem> problems;
  for (const auto& f : files) {
    try {
      parsed.push_back(read_gbench_file(f.string()));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) throw InputError(problems);

  const RunKey key{*time, *commit};
  const fs::path history(req.history);
  const PathInfo hinfo = inspect_target(req.history);
  if (hinfo.kind == PathKind::missing) fs::create_directories(history);
  else if (hinfo.kind != PathKind::directory)
    throw InputError(req.history, "", "not a folder (" + describe(hinfo.kind) + ")");
  const fs::path target = history / key.folder_name();
  if (inspect_path(target.string()).kind != PathKind::missing)
    throw InputError(target.string(), "", "this run is already in the history (a run is never replaced)");

  const fs::path temp = history / fmt::format(".append-{}-{}", key.folder_name(), ::getpid());
  fs::remove_all(temp);
  fs::create_directory(temp);
  AppendResult result;
  try {
    for (std::size_t i = 0; i < parsed.size(); ++i) {
      GbenchFile& g = parsed[i];
      g.context["git_revision"] = *commit;
      g.context["lukhas_run_date"] = format_iso8601(*time);
      if (!req.branch.empty()) g.context["lukhas_branch"] = req.branch;
      else g.context.erase("lukhas_branch");
      const std::string suite = json_stem(files[i]);
      write_file_atomic((temp / (suite + ".json")).string(), write_gbench_json(g));
      result.suites.push_back(suite);
    }
    if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) != 0) {
      const int e = errno;
      throw InputError(target.string(), "",
                       e == EEXIST || e == ENOTEMPTY ? "this run is already in the history (a run is never replaced)"
                                                     : std::string("cannot move the run into place: ") + std::strerror(e));
    }
  } catch (...) {
    std::error_code ec;
    fs::remove_all(temp, ec);
    throw;
  }
  result.run_folder = target.string();
  return result;
}

}  // namespace lukhas::compare
