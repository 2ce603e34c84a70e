#include "runner/ab_paired.hpp"

#include <sched.h>

#include <array>
#include <chrono>
#include <algorithm>
#include <functional>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include <fmt/format.h>

#include "compare/escape.hpp"
#include "runner/compare_call.hpp"
#include "runner/log.hpp"
#include "runner/paired_plan.hpp"
#include "runner/process.hpp"
#include "runner/progress.hpp"
#include "runner/second_look.hpp"
#include "runner/suite_runs.hpp"

namespace lukhas::runner {

namespace fs = std::filesystem;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

std::vector<std::string> list_tests(const fs::path& binary, const TimeOptions& o) {
  std::vector<std::string> argv{binary.string()};
  for (auto& a : listing_arguments(o)) argv.push_back(std::move(a));
  const auto listing = capture(argv);
  if (!listing) throw ManifestError{fmt::format("{} --benchmark_list_tests failed (is the suite built?)", binary.string())};
  return listed_benchmarks(*listing);
}

// One invocation of one side; returns false when the suite skipped itself.
bool run_side(const Suite& suite, const AbSide& side, const TimeOptions& t, const fs::path& out,
              const fs::path& source_dir) {
  const auto outcome = run_time(suite, Manifest::binary_in(side.build, suite.name), t, out, source_dir);
  if (outcome.exit_code == 77) {
    say("  " + outcome.summary);
    return false;
  }
  if (outcome.exit_code == 2) throw ManifestError{outcome.summary};
  if (outcome.exit_code != 0) say("  " + outcome.summary + " (failed rows reach the report)");
  return true;
}

// One side's options for one block: the plan's, with the side's environment.
TimeOptions side_options(const TimeOptions& base, const PairedStep& step, const AbSide& side) {
  TimeOptions t = block_options(base, step, side.name, side.label);
  t.env = side.env;
  return t;
}

// The CPUs this process may run on: one lane each.
std::vector<int> lane_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  std::vector<int> cpus;
  if (::sched_getaffinity(0, sizeof set, &set) == 0) {
    for (int c = 0; c < CPU_SETSIZE; ++c)
      if (CPU_ISSET(c, &set)) cpus.push_back(c);
  }
  if (cpus.empty()) cpus.push_back(0);
  return cpus;
}

// The steps that run on one CPU, in lanes: each lane one CPU; a `together`
// step starts A and B at once on it (taking turns on it, so whatever slows
// that CPU in those seconds slows both alike), an `in_turn` step runs them
// one after the other on it; the next step starts on a lane as soon as its
// pair ends. Returns false when the suite skipped
// itself. files[k] gets step k's two JSON files (A's, B's).
bool run_shared_steps(const Suite& suite, const PairedPlan& plan, const std::vector<std::size_t>& steps,
                      const fs::path& raw, const AbSide& a, const AbSide& b, const TimeOptions& base,
                      const fs::path& source_dir, std::vector<std::array<fs::path, 2>>& files,
                      const std::function<void(std::size_t)>& step_done) {
  struct Lane {
    int cpu = 0;
    std::size_t step = 0;
    std::array<TimeInvocation, 2> run;  // A's, B's
    std::array<int, 2> pid{0, 0};
    int pending = 0;
    int second = -1;  // in_turn: the side started when the first ends
  };
  std::vector<Lane> lanes;
  for (int cpu : lane_cpus()) {
    lanes.emplace_back();
    lanes.back().cpu = cpu;
  }
  std::size_t next = 0, running = 0;
  bool skipped = false;
  std::string error;
  auto start_on = [&](Lane& lane, std::size_t k) {
    const PairedStep& step = plan.steps[k];
    lane.step = k;
    for (int s = 0; s < 2; ++s) {
      const AbSide& side = s == 0 ? a : b;
      TimeOptions t = side_options(base, step, side);
      t.cpu = lane.cpu;
      const fs::path f = raw / fmt::format("{}-{}-{:04}.json", side.name, suite.name, k);
      lane.run[s] = prepare_time(suite, Manifest::binary_in(side.build, suite.name), t, f, source_dir);
      if (lane.run[s].outcome.exit_code == 2) throw ManifestError{lane.run[s].outcome.summary};
    }
    // The drawn order says which of the two starts first.
    const std::array<int, 2> order = step.a_first ? std::array{0, 1} : std::array{1, 0};
    lane.pid[order[0]] = start(lane.run[order[0]].command);
    lane.second = -1;
    if (step.run == PairRun::together) {
      lane.pid[order[1]] = start(lane.run[order[1]].command);
    } else {
      lane.second = order[1];
    }
    lane.pending = 2;
    ++running;
  };
  for (;;) {
    for (auto& lane : lanes) {
      if (lane.pending == 0 && next < steps.size() && !skipped && error.empty()) start_on(lane, steps[next++]);
    }
    if (running == 0) break;
    const Ended e = wait_any([] {});
    for (auto& lane : lanes) {
      for (int s = 0; s < 2; ++s) {
        if (lane.pending == 0 || lane.pid[s] != e.pid) continue;
        lane.pid[s] = 0;
        finish_time(lane.run[s], e.exit_code);
        const RunOutcome& r = lane.run[s].outcome;
        if (r.exit_code == 77) {
          if (!skipped) say("  " + r.summary);
          skipped = true;
        } else if (r.exit_code == 2 || (r.exit_code != 0 && r.exit_code != 1)) {
          if (error.empty()) error = r.summary;
        } else if (r.exit_code != 0) {
          say("  " + r.summary + " (failed rows reach the report)");
        }
        if (lane.second >= 0 && !skipped && error.empty()) {
          lane.pid[lane.second] = start(lane.run[lane.second].command);
          lane.second = -1;
        } else if (lane.second >= 0) {
          lane.second = -1;  // the suite skipped itself or failed: the other side is not run
          --lane.pending;
        }
        if (--lane.pending == 0) {
          --running;
          files[lane.step] = {lane.run[0].outcome.json, lane.run[1].outcome.json};
          step_done(lane.step);
        }
      }
    }
  }
  if (!error.empty()) throw ManifestError{error};
  return !skipped;
}

// Each side's options common to a suite's blocks: fixed latency call counts
// only when both sides' suites take the flag (a side's count must not
// differ from the other's).
TimeOptions suite_base(const Suite& suite, const AbOptions& o, const AbSide& a, const AbSide& b, std::uint64_t seed,
                       const std::string& look) {
  TimeOptions base;
  base.min_time = o.min_time;
  base.latency_calls = has_latency_flag(Manifest::binary_in(a.build, suite.name)) &&
                               has_latency_flag(Manifest::binary_in(b.build, suite.name))
                           ? o.latency_calls
                           : 0;
  base.watch = false;  // blocks are short; the progress line is this loop's
  base.contexts = {"ab_pairing=paired", fmt::format("ab_seed={}", seed), fmt::format("ab_block={}", o.block),
                   "ab_look=" + look};
  return base;
}

// One look at one suite: the plan's blocks run, then each side's blocks
// merged into dir/A/<suite>.json and dir/B/<suite>.json (raw blocks in
// dir/raw). Returns false when the suite skipped itself.
bool run_look(const Suite& suite, const PairedPlan& plan, const AbOptions& o, const AbSide& a, const AbSide& b,
              const TimeOptions& base, const fs::path& dir, const fs::path& source_dir, const std::string& what) {
  const fs::path raw = dir / "raw";
  // Steps that run on one CPU run first, in lanes; those that need the
  // machine to themselves (wall-clock or multi-threaded benchmarks, and
  // every benchmark of a suite with a PostgreSQL server, whose server is
  // not on the lane's CPU) then run alone, A and B back to back.
  std::vector<std::size_t> shared, alone;
  for (std::size_t k = 0; k < plan.steps.size(); ++k)
    (plan.steps[k].run != PairRun::alone && !suite.postgres ? shared : alone).push_back(k);
  std::vector<std::array<fs::path, 2>> step_files(plan.steps.size());
  const auto suite_start = std::chrono::steady_clock::now();
  auto last_report = suite_start;
  std::size_t total = 0, done = 0, steps_done = 0;  // repetitions, both sides
  for (const auto& step : plan.steps) total += 2 * static_cast<std::size_t>(step.repetitions);
  // As the suites' own progress (progress.hpp): a line at the start, then
  // at most one every 30 s, and the last.
  auto step_done = [&](std::size_t k) {
    const PairedStep& step = plan.steps[k];
    done += 2 * static_cast<std::size_t>(step.repetitions);
    if (steps_done++ == 0 || done == total || seconds_since(last_report) >= 30) {
      say(progress_text(suite.name + " " + what, done, total, seconds_since(suite_start),
                        fmt::format("{} block {}", compare::escape_visible(step.benchmark), step.block + 1)));
      last_report = std::chrono::steady_clock::now();
    }
  };
  bool skipped = !run_shared_steps(suite, plan, shared, raw, a, b, base, source_dir, step_files, step_done);
  for (std::size_t i = 0; i < alone.size() && !skipped; ++i) {
    const std::size_t k = alone[i];
    const PairedStep& step = plan.steps[k];
    const AbSide* order[2] = {step.a_first ? &a : &b, step.a_first ? &b : &a};
    for (const AbSide* side : order) {
      const fs::path f = raw / fmt::format("{}-{}-{:04}.json", side->name, suite.name, k);
      if (!run_side(suite, *side, side_options(base, step, *side), f, source_dir)) {
        skipped = true;
        break;
      }
      step_files[k][side == &a ? 0 : 1] = f;
    }
    if (!skipped) step_done(k);
  }
  if (skipped) return false;
  // In plan order: `merge` numbers each benchmark's repetitions in the
  // order of its files, which is what makes repetition i of A and of B a
  // pair.
  std::vector<fs::path> files_a, files_b;
  for (const auto& f : step_files) {
    if (!f[0].empty()) files_a.push_back(f[0]);
    if (!f[1].empty()) files_b.push_back(f[1]);
  }
  // Benchmarks one side lists and the other does not: each side runs them
  // once, all repetitions, so the report says new or removed.
  for (const auto& [side, names] : {std::pair{&a, &plan.only_a}, std::pair{&b, &plan.only_b}}) {
    if (names->empty()) continue;
    TimeOptions t = base;
    t.repetitions = o.repetitions;
    t.filter = any_of_filter(*names);
    t.contexts.push_back("git_revision=" + side->label);
    t.contexts.push_back("ab_side=" + side->name);
    t.env = side->env;
    const fs::path f = raw / fmt::format("{}-{}-only.json", side->name, suite.name);
    say(fmt::format("{}: {} benchmark(s) only side {} has, run once unpaired", suite.name, names->size(), side->name));
    if (run_side(suite, *side, t, f, source_dir)) (side == &a ? files_a : files_b).push_back(f);
  }
  for (const auto& [side, files] : {std::pair{&a, &files_a}, std::pair{&b, &files_b}}) {
    if (files->empty()) continue;
    std::vector<std::string> args{"merge"};
    for (const auto& f : *files) args.push_back(f.string());
    args.insert(args.end(), {"--out", (dir / side->name / (suite.name + ".json")).string()});
    if (bench_compare_quiet(args) != 0)
      throw ManifestError{fmt::format("merging the {} blocks of {} failed", side->name, suite.name)};
  }
  return true;
}

void fresh_dirs(const fs::path& dir) {
  std::error_code ec;
  for (const char* d : {"A", "B", "raw"}) fs::remove_all(dir / d, ec);
  for (const char* d : {"A", "B", "raw"}) fs::create_directories(dir / d);
}

// The second look (second_look.hpp): the first look judged as the gate
// will judge it, its chance intervals measured again with fresh pairs into
// o.out/second-look. Returns that look's gate section (none when nothing
// needed a second look) and adds a note to the first look's section.
std::vector<std::string> second_look(const std::vector<Suite>& suites,
                                     const std::map<std::string, std::vector<std::string>>& listed,
                                     const AbOptions& o, const AbSide& a, const AbSide& b,
                                     const fs::path& source_dir, const std::string& role,
                                     std::vector<std::string>& first_section) {
  // The gate judges the first look again afterwards: a comparison of a
  // hundred benchmarks' repetitions takes milliseconds, and so the pick
  // reads the very verdicts and notes the gate will write.
  const fs::path report = o.out / "first-look.json";
  std::vector<std::string> args{(o.out / "A").string(), (o.out / "B").string()};
  for (auto& s : judgement_options(o, true)) args.push_back(std::move(s));
  args.insert(args.end(), {"--json", report.string(), "--report-only"});
  const int rc = bench_compare_quiet(args);
  if (rc != 0) {
    say(fmt::format("second look: not taken, judging the first look exited {} (the gate below says why)", rc));
    return {};
  }
  std::ifstream in(report, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  SecondLookPick pick;
  try {
    pick = pick_second_look(text, static_cast<std::size_t>(o.second_look));
  } catch (const std::runtime_error& e) {
    throw ManifestError{fmt::format("{}: {}", report.string(), e.what())};
  }
  if (pick.names.empty()) {
    say(fmt::format("second look: none needed (no interval of the {} paired comparisons lay beyond the threshold "
                    "within chance)",
                    pick.judged));
    return {};
  }
  std::string shown;
  for (const auto& n : pick.names) shown += (shown.empty() ? "" : ", ") + compare::escape_visible(n);
  say(fmt::format("second look: {} benchmark(s) whose interval lay beyond the threshold, but within chance among "
                  "the first look's {} paired comparisons, measured again with {} fresh pairs each: {}",
                  pick.names.size(), pick.judged, o.repetitions, shown));
  if (pick.left_out > 0)
    say(fmt::format("second look: {} more such benchmark(s) left at the first look's verdict (--second-look {}; "
                    "the most suspicious were taken)",
                    pick.left_out, o.second_look));
  const fs::path dir = o.out / "second-look";
  fresh_dirs(dir);
  const std::uint64_t seed = second_look_seed(o.seed);
  bool any = false;
  std::size_t found = 0;
  for (const auto& suite : suites) {
    const auto it = listed.find(suite.name);
    if (it == listed.end()) continue;
    // The pick has the reported names; the plan takes the listed ones.
    std::vector<std::string> names;
    for (const auto& n : it->second)
      if (std::find(pick.names.begin(), pick.names.end(), reported_name(n)) != pick.names.end()) names.push_back(n);
    if (names.empty()) continue;
    found += names.size();
    const PairedPlan plan = plan_pairs(names, names, o.repetitions, o.block, seed);
    if (!run_look(suite, plan, o, a, b, suite_base(suite, o, a, b, seed, "second"), dir, source_dir,
                  "second look")) {
      say(suite.name + " skipped in the second look: its first look's verdicts stand");
      continue;
    }
    any = true;
  }
  if (found < pick.names.size())
    say(fmt::format("second look: {} of the {} not found in the suites' listings: their first look's verdicts stand",
                    pick.names.size() - found, pick.names.size()));
  if (!any) return {};
  const std::string why = fmt::format(
      "{} benchmark(s) whose interval lay beyond the threshold, but within chance among the first look's {} "
      "paired comparisons",
      pick.names.size(), pick.judged);
  first_section.insert(first_section.end(), {"--note", why + ": measured again, see the second look"});
  std::vector<std::string> s{"--section", "ab-second-look", "--heading",
                             fmt::format("Time A={} vs B={} (paired), second look", a.label, b.label),
                             "--baseline", (dir / "A").string(), "--contender", (dir / "B").string(), "--role", role,
                             "--note",
                             why + fmt::format(", measured again: {} fresh pairs each, judged among themselves",
                                               o.repetitions)};
  for (auto& x : judgement_options(o, true)) s.push_back(std::move(x));
  return s;
}

}  // namespace

std::vector<std::string> paired_time_ab(const std::vector<Suite>& suites, const AbOptions& o, const AbSide& a,
                                        const AbSide& b, const fs::path& source_dir, const std::string& role) {
  fresh_dirs(o.out);
  // A second look of an earlier run in this folder is not this run's: its
  // results (which the workflow's verdict reads) and its reports go.
  std::error_code ec;
  fs::remove_all(o.out / "second-look", ec);
  fs::remove(o.out / "first-look.json", ec);
  for (const auto& e : fs::directory_iterator(o.out, ec))
    if (e.path().filename().string().rfind("ab-second-look.", 0) == 0) fs::remove(e.path(), ec);
  say(fmt::format("paired time A/B: {} repetitions a side in blocks of {}, A and B of a block on one CPU "
                  "({} lanes), start order drawn per block with --seed {}",
                  o.repetitions, o.block, lane_cpus().size(), o.seed));
  const auto start = std::chrono::steady_clock::now();
  std::map<std::string, std::vector<std::string>> listed;  // suite -> the benchmarks both sides ran in pairs
  for (const auto& suite : suites) {
    const fs::path bin_a = Manifest::binary_in(a.build, suite.name), bin_b = Manifest::binary_in(b.build, suite.name);
    if (!fs::exists(bin_a) || !fs::exists(bin_b))
      throw ManifestError{fmt::format("{}: {} is missing (is the suite built?)", suite.name,
                                      (fs::exists(bin_a) ? bin_b : bin_a).string())};
    const TimeOptions base = suite_base(suite, o, a, b, o.seed, "first");
    TimeOptions listing = base;
    listing.filter = o.filter;
    const PairedPlan plan =
        plan_pairs(list_tests(bin_a, listing), list_tests(bin_b, listing), o.repetitions, o.block, o.seed);
    if (plan.steps.empty() && plan.only_a.empty() && plan.only_b.empty()) {
      say(suite.name + ": no benchmark matches the filter on either side: not compared");
      continue;
    }
    if (!run_look(suite, plan, o, a, b, base, o.out, source_dir, "paired")) {
      say(suite.name + " skipped: not compared");
      continue;
    }
    auto& names = listed[suite.name];
    for (const auto& step : plan.steps)
      if (step.block == 0) names.push_back(step.benchmark);
  }
  say(fmt::format("paired time mode ran in {:.0f} s", seconds_since(start)));
  if (listed.empty()) return {};
  auto sections = time_gate_section(o, a.label, b.label, role, true);
  if (o.second_look > 0) {
    const auto look_start = std::chrono::steady_clock::now();
    const auto s = second_look(suites, listed, o, a, b, source_dir, role, sections);
    if (!s.empty()) say(fmt::format("second look ran in {:.0f} s", seconds_since(look_start)));
    sections.insert(sections.end(), s.begin(), s.end());
  }
  return sections;
}

}  // namespace lukhas::runner
