#include "runner/jobs.hpp"

#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "compare/escape.hpp"
#include "compare/exit_codes.hpp"
#include "runner/compare_call.hpp"
#include "runner/log.hpp"
#include "runner/machine_profile.hpp"
#include "runner/process.hpp"
#include "runner/suite_runs.hpp"

namespace lukhas::runner {

namespace fs = std::filesystem;

namespace {

std::string utc_stamp() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &utc);
  return buf;
}

std::string revision(const fs::path& source_dir) {
  auto sha = capture({"git", "-C", source_dir.string(), "rev-parse", "--short=12", "HEAD"});
  if (!sha) return "unknown";
  std::string r = *sha;
  while (!r.empty() && r.back() == '\n') r.pop_back();
  // A tree with uncommitted changes is not the commit it names.
  Command diff;
  diff.argv = {"git", "-C", source_dir.string(), "diff", "--quiet", "HEAD"};
  diff.stdout_file = diff.stderr_file = fs::path("/dev/null");
  if (run(diff) != 0) r += "-dirty";
  return r;
}

std::vector<Suite> with_instructions(const std::vector<Suite>& suites) {
  std::vector<Suite> out;
  std::copy_if(suites.begin(), suites.end(), std::back_inserter(out), [](const Suite& s) { return s.instructions; });
  return out;
}

// Instruction mode of `suites` into `dir`; the worst exit code (2 stops).
int instructions_into(const std::vector<Suite>& suites, const fs::path& dir, long iterations) {
  int status = 0;
  InstructionOptions io;
  io.iterations = iterations;
  for (const auto& s : suites) {
    say(fmt::format("instruction mode: {} under callgrind ({} iterations a benchmark)", s.name, iterations));
    const auto r = run_instructions(s, s.binary, io, dir);
    say("  " + r.summary);
    status = worse_exit(status, r.exit_code == 77 ? 0 : r.exit_code);
  }
  return status;
}

}  // namespace

int run_main(const Manifest& m, MainOptions o) {
  if (o.repetitions == 0) o.repetitions = m.time_repetitions;
  if (o.min_time == 0) o.min_time = m.time_min_time;
  if (o.latency_calls == 0) o.latency_calls = m.latency_calls;
  const auto suites = m.select(o.suites);
  const fs::path run_dir = o.results / ("run-" + utc_stamp());
  fs::create_directories(run_dir / "time");
  fs::create_directories(run_dir / "instructions");
  std::error_code ec;
  fs::remove(o.results / "latest", ec);
  fs::create_directory_symlink(run_dir.filename(), o.results / "latest", ec);

  const Profile profile = machine_profile(m.build_dir);
  TimeOptions t;
  t.repetitions = o.repetitions;
  t.min_time = o.min_time;
  t.latency_calls = o.latency_calls;
  // The machine profile and its inputs go into the context, so a reader of a
  // run can tell which time baselines it may be compared with.
  t.contexts = {"git_revision=" + revision(m.source_dir) + "," + profile.context()};
  // Pinned to one CPU when there are enough to spare one; on a 2-core
  // machine the multi-threaded benchmarks need both.
  if (const long cpus = ::sysconf(_SC_NPROCESSORS_ONLN); cpus >= 4 && find_program("taskset", "/usr/bin:/bin")) {
    t.cpu = static_cast<int>(cpus - 1);
  }
  int status = 0;
  std::size_t i = 0;
  for (const auto& s : suites) {
    say(fmt::format("[{}/{}] time mode: {} ({} repetitions, min time {} s, {} calls per latency benchmark)", ++i,
                    suites.size(), s.name, t.repetitions, format_seconds(t.min_time), t.latency_calls));
    const auto r = run_time(s, s.binary, t, run_dir / "time" / (s.name + ".json"), m.source_dir);
    std::cout << compare::escape_visible(tail_lines(r.log, 3), true);
    say("  " + r.summary);
    if (r.exit_code != 0 && r.exit_code != 77) status = worse_exit(status, 1);
  }
  const auto counted = with_instructions(suites);
  if (o.instructions && !counted.empty()) {
    say("instruction mode (callgrind; suites without one are left out: their server's work is not in the "
        "client's count)");
    if (instructions_into(counted, run_dir / "instructions", m.instruction_iterations) != 0) {
      status = worse_exit(status, 1);
    }
  }

  // One command judges the run (docs/gate.md, "The README main job"): time
  // against stored baselines is report only, at 10%: stored baselines come
  // from another session of this machine, whose drift exceeds the
  // interleaved A/B noise the 3% default was tuned on.
  say("gate: SLO summary and comparison with the committed baselines");
  const fs::path baselines = m.source_dir / "baselines";
  const std::string catalog = (m.source_dir / "fixtures/slo/catalog.json").string();
  std::vector<std::string> g{"gate", "--out", run_dir.string(), "--comment", (run_dir / "report.md").string(),
                             "--json", (run_dir / "gate.json").string(), "--junit",
                             (run_dir / "gate.junit.xml").string(), "--html", (run_dir / "report.html").string(),
                             "--openmetrics", (run_dir / "metrics.om").string(), "--title", "Gate report", "--where-full",
                             run_dir.string(), "--section", "summary", "--summary", "--heading",
                             "SLO summary (time mode, this machine)", "--contender", (run_dir / "time").string(),
                             "--slo", catalog};
  if (o.instructions && !counted.empty()) {
    g.insert(g.end(), {"--section", "gate-instructions", "--heading", "Instructions vs baselines/", "--contender",
                       (run_dir / "instructions").string(), "--pair",
                       (baselines / "instructions-{}.json").string()});
  }
  bool have_time_baselines = false;
  for (const auto& s : suites) {
    have_time_baselines |= fs::exists(baselines / fmt::format("time-{}-{}.json", profile.name, s.name));
  }
  if (have_time_baselines) {
    g.insert(g.end(), {"--section", "gate-time", "--role", "report", "--heading",
                       fmt::format("Time vs baselines/ (machine profile {})", profile.name), "--contender",
                       (run_dir / "time").string(), "--pair",
                       (baselines / fmt::format("time-{}-{{}}.json", profile.name)).string(), "--unpaired-ok",
                       "--slo", catalog, "--threshold", o.time_threshold});
  } else {
    g.insert(g.end(), {"--section", "gate-time", "--skipped",
                       fmt::format("no time baselines for machine profile '{}' (bench-run profile --inputs): times "
                                   "not compared; time is compared A/B on one machine (ci/ab-compare), SLOs by the "
                                   "summary",
                                   profile.name)});
  }
  const int rc = bench_compare(g);
  // The more severe code wins (README, "Exit codes"), so a gate that could
  // not write a report never hides a failed suite.
  status = worse_exit(status, rc);
  say(fmt::format("done: reports in {} (exit {})", run_dir.string(), status));
  return status;
}

int run_instruction_gate(const Manifest& m, InstructionGateOptions o) {
  if (o.iterations == 0) o.iterations = m.instruction_iterations;
  if (o.baselines.empty()) o.baselines = m.source_dir / "baselines";
  const auto suites = m.select(o.suites);
  std::vector<Suite> gated;
  for (const auto& s : suites) {
    if (!s.instructions) {
      say(s.name + " not gated: it has no instruction mode (server work is not in the client's count)");
      continue;
    }
    // Checked before the (long) run under callgrind.
    const fs::path b = o.baselines / ("instructions-" + s.name + ".json");
    if (!fs::exists(b)) throw ManifestError{fmt::format("no committed baseline {}: run ci/update-baselines", b.string())};
    gated.push_back(s);
  }
  if (gated.empty()) throw ManifestError{"no suite to gate"};
  std::error_code ec;
  fs::remove_all(o.out / "contender", ec);
  fs::create_directories(o.out / "contender");
  if (instructions_into(gated, o.out / "contender", o.iterations) == 2) {
    throw ManifestError{"instruction mode failed (see above)"};
  }
  std::vector<std::string> g{"gate", "--out", o.out.string(), "--comment", (o.out / "gate.md").string(), "--json",
                             (o.out / "gate.json").string(), "--junit", (o.out / "gate.junit.xml").string(),
                             "--title", "Instructions vs " + o.baselines.string(), "--section", "instructions",
                             "--contender", (o.out / "contender").string(), "--pair",
                             (o.baselines / "instructions-{}.json").string()};
  if (!o.threshold.empty()) g.insert(g.end(), {"--instructions-threshold", o.threshold});
  if (o.report_only) g.insert(g.end(), {"--role", "report"});
  return bench_compare(g);
}

int run_update_baselines(const Manifest& m, UpdateBaselinesOptions o) {
  if (o.time_repetitions == 0) o.time_repetitions = m.time_repetitions;
  const auto suites = m.select(o.suites);
  const fs::path work = m.source_dir / "results/update-baselines";
  const fs::path baselines = m.source_dir / "baselines";
  std::error_code ec;
  fs::remove_all(work, ec);
  fs::create_directories(work / "instructions");
  fs::create_directories(work / "time");
  fs::create_directories(baselines);
  const auto counted = with_instructions(suites);
  if (instructions_into(counted, work / "instructions", m.instruction_iterations) != 0) {
    throw ManifestError{"instruction mode failed (see above): no baseline written"};
  }
  for (const auto& s : counted) {
    if (bench_compare({"approve", (work / "instructions" / (s.name + ".json")).string(), "--out",
                       (baselines / ("instructions-" + s.name + ".json")).string()}) != 0) {
      return to_int(ExitCode::undecided);
    }
  }
  if (o.time) {
    const Profile p = machine_profile(m.build_dir);
    say(fmt::format("time baselines for machine profile '{}' ({} repetitions)", p.name, o.time_repetitions));
    std::cout << p.inputs_text();
    TimeOptions t;
    t.repetitions = o.time_repetitions;
    t.min_time = m.time_min_time;
    t.latency_calls = m.latency_calls;  // the main job's fixed count
    t.contexts = {p.context()};
    for (const auto& s : suites) {
      if (s.postgres) {
        say(s.name + ": no time baseline (it measures a server, not this build)");
        continue;
      }
      say(s.name + ": time mode");
      const auto r = run_time(s, s.binary, t, work / "time" / (s.name + ".json"), m.source_dir);
      if (r.exit_code != 0) throw ManifestError{r.summary};
      if (bench_compare({"approve", r.json.string(), "--out",
                         (baselines / fmt::format("time-{}-{}.json", p.name, s.name)).string()}) != 0) {
        return to_int(ExitCode::undecided);
      }
    }
  }
  say("done. Review and commit: git diff --stat baselines/");
  return 0;
}

namespace {

// Whether every time shard file says it was run paired (bench-run ab writes
// ab_pairing=paired into each result's context): only then are repetition
// i of A and of B a pair. A file that cannot be read is left to the gate,
// which names it.
bool time_shards_paired(const std::vector<std::string>& flagged_files) {
  bool any = false;
  for (std::size_t i = 1; i < flagged_files.size(); i += 2) {
    std::ifstream in(flagged_files[i]);
    const auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("context") || !j["context"].is_object()) return false;
    const auto it = j["context"].find("ab_pairing");
    if (it == j["context"].end() || !it->is_string() || it->get<std::string>() != "paired") return false;
    any = true;
  }
  return any;
}

}  // namespace

int run_verdict(const Manifest& m, const VerdictOptions& o) {
  if (!fs::is_directory(o.shards)) throw ManifestError{fmt::format("shards folder '{}' missing", o.shards.string())};
  const fs::path baselines = o.baselines.empty() ? m.source_dir / "baselines" : o.baselines;
  const std::string slo = o.slo.empty() ? (m.source_dir / "fixtures/slo/catalog.json").string() : o.slo.string();
  // SHARDS/<artifact>/ab-<suite>/..., sorted so the argument order is stable.
  std::vector<fs::path> shard_dirs;
  for (const auto& e : fs::directory_iterator(o.shards)) {
    if (e.is_directory()) shard_dirs.push_back(e.path());
  }
  std::sort(shard_dirs.begin(), shard_dirs.end());
  auto files = [&](const std::string& suite, const fs::path& sub, const char* flag) {
    std::vector<std::string> out;
    for (const auto& d : shard_dirs) {
      const fs::path dir = d / ("ab-" + suite) / sub;
      if (!fs::is_directory(dir)) continue;
      std::vector<fs::path> found;
      for (const auto& e : fs::directory_iterator(dir)) {
        if (e.is_regular_file() && e.path().extension() == ".json") found.push_back(e.path());
      }
      std::sort(found.begin(), found.end());
      for (const auto& f : found) out.insert(out.end(), {flag, f.string()});
    }
    return out;
  };
  std::vector<std::string> ta, tb, ia, ib, sa, sb;
  std::string expect_time, expect_instr;
  const auto suites = m.select(o.suites);
  for (const auto& s : suites) {
    for (auto v : {std::pair{&ta, files(s.name, "A", "--baseline")}, std::pair{&tb, files(s.name, "B", "--contender")},
                   std::pair{&sa, files(s.name, "second-look/A", "--baseline")},
                   std::pair{&sb, files(s.name, "second-look/B", "--contender")}}) {
      v.first->insert(v.first->end(), v.second.begin(), v.second.end());
    }
    expect_time += (expect_time.empty() ? "" : ",") + s.name;
    if (!s.instructions) continue;
    expect_instr += (expect_instr.empty() ? "" : ",") + s.name;
    auto a = files(s.name, "instructions/a", "--baseline");
    auto b = files(s.name, "instructions/b", "--contender");
    ia.insert(ia.end(), a.begin(), a.end());
    ib.insert(ib.end(), b.begin(), b.end());
  }
  std::error_code ec;
  fs::remove_all(o.out, ec);
  std::vector<std::string> g{"gate", "--out", o.out.string(), "--comment", (o.out / "comment.md").string(),
                             "--exit-code-file", (o.out / "exit-code").string(), "--json",
                             (o.out / "gate.json").string(), "--junit", (o.out / "gate.junit.xml").string(),
                             "--html", (o.out / "report.html").string(), "--openmetrics",
                             (o.out / "metrics.om").string(), "--marker", "<!-- lukhas-perf -->", "--budget", "60000",
                             "--where-full", o.where_full.empty() ? "the perf-report artifact (report.html)" : o.where_full};
  g.insert(g.end(), {"--section", "instructions", "--heading",
                     "Instructions (merge base vs head under callgrind on one runner, 0.5% threshold)", "--expect",
                     expect_instr});
  g.insert(g.end(), ia.begin(), ia.end());
  g.insert(g.end(), ib.begin(), ib.end());
  std::vector<std::string> without;
  for (const auto& s : suites) {
    if (!s.instructions) without.push_back(s.name);
  }
  if (!without.empty()) {
    std::string list;
    for (const auto& n : without) list += (list.empty() ? "" : ", ") + n;
    g.insert(g.end(), {"--note", fmt::format("{} not in the instruction comparisons: server work is not in the "
                                             "client's instruction count.", list)});
  }
  const bool paired = time_shards_paired(ta) && time_shards_paired(tb);
  g.insert(g.end(), {"--section", "time", "--heading",
                     paired ? "Time (merge base vs head, paired on one runner) and SLOs"
                            : "Time (merge base vs head, interleaved on one runner) and SLOs",
                     "--slo", slo, "--expect", expect_time});
  if (paired) g.push_back("--paired");
  g.insert(g.end(), ta.begin(), ta.end());
  g.insert(g.end(), tb.begin(), tb.end());
  // The shards' second looks (docs/gate.md, "Second look"): the benchmarks
  // a shard's first look left within chance, fresh pairs, judged among
  // themselves, as bench-run ab judges them.
  if (paired && (!sa.empty() || !sb.empty())) {
    g.insert(g.end(), {"--section", "time-second-look", "--heading", "Time, second look (fresh pairs, paired)",
                       "--paired", "--note",
                       "The benchmarks whose first-look interval lay beyond the threshold, but within chance among "
                       "their shard's paired comparisons, measured again: fresh pairs, judged among themselves."});
    g.insert(g.end(), sa.begin(), sa.end());
    g.insert(g.end(), sb.begin(), sb.end());
  }
  g.insert(g.end(), {"--section", "drift", "--role", "inform", "--heading",
                     "Head vs the committed instruction baselines", "--pair",
                     (baselines / "instructions-{}.json").string()});
  g.insert(g.end(), ib.begin(), ib.end());
  g.insert(g.end(), {"--note", "The baselines gate `ctest -L perf` on a developer's machine; refresh them with "
                               "`ci/update-baselines --no-time` and commit `baselines/`."});
  return bench_compare(g);
}

int run_slo_check(const Manifest& m, const SloCheckOptions& o) {
  const auto suites = m.select(o.suite);
  const Suite& s = suites.front();
  if (!s.slo_calls) throw ManifestError{fmt::format("suite '{}' has no SLO_CALLS in bench/suites.cmake", s.name)};
  fs::create_directories(o.out);
  // Fixed counts, not a minimum time, so the verdict rests on the same data
  // on a fast, a slow or a loaded machine: every *_Latency benchmark times
  // exactly slo_calls calls per repetition; the cascade workload runs one
  // iteration per repetition (a minimum time of 1 us is always reached by
  // the first iteration, 10,000 operations); 3 repetitions, and the SLO value
  // is their median, so one repetition disturbed by a burst of load does not
  // decide.
  TimeOptions t;
  t.repetitions = 3;
  t.min_time = 0.000001;
  t.latency_calls = *s.slo_calls;
  t.filter = "_Latency|CascadeWorkload/prevention:1";
  t.interleave = false;
  const auto r = run_time(s, s.binary, t, o.out / (s.name + ".json"), m.source_dir);
  say(fmt::format("{}: {} calls per latency benchmark and repetition, 3 repetitions: {}", s.name, *s.slo_calls, r.summary));
  if (r.exit_code != 0 && r.exit_code != 1) return r.exit_code == 77 ? 77 : to_int(ExitCode::undecided);
  return bench_compare({"gate", "--out", o.out.string(), "--html", (o.out / "report.html").string(), "--openmetrics",
                        (o.out / "metrics.om").string(), "--section", "summary", "--summary", "--require-slo",
                        "--contender", r.json.string(), "--slo",
                        o.catalog.empty() ? (m.source_dir / "fixtures/slo/catalog.json").string() : o.catalog.string()});
}

}  // namespace lukhas::runner
