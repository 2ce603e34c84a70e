#include "runner/ab.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include <fmt/format.h>

#include "compare/exit_codes.hpp"
#include "runner/ab_paired.hpp"
#include "runner/compare_call.hpp"
#include "runner/log.hpp"
#include "runner/suite_runs.hpp"

namespace lukhas::runner {

namespace fs = std::filesystem;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

using Side = AbSide;

// Time mode: the rounds, then each side merged; returns the gate section's
// arguments, or none when every suite skipped.
std::vector<std::string> time_ab(const std::vector<Suite>& suites, const AbOptions& o, const Side& a,
                                 const Side& b, const fs::path& source_dir, const std::string& role) {
  std::error_code ec;
  for (const char* d : {"A", "B", "raw"}) fs::remove_all(o.out / d, ec);
  for (const char* d : {"A", "B", "raw"}) fs::create_directories(o.out / d);
  const long per_round = o.repetitions / o.rounds;
  const long extra = o.repetitions % o.rounds;  // the first rounds take one more
  std::set<std::string> skipped;
  // Fixed latency call counts only when both sides' suites take the flag:
  // a side's count must not differ from the other's.
  std::set<std::string> fixed_calls;
  for (const auto& s : suites) {
    if (has_latency_flag(Manifest::binary_in(a.build, s.name)) &&
        has_latency_flag(Manifest::binary_in(b.build, s.name))) {
      fixed_calls.insert(s.name);
    }
  }
  const auto start = std::chrono::steady_clock::now();
  long done = 0;
  const long total = o.rounds * static_cast<long>(suites.size()) * 2;
  for (long r = 1; r <= o.rounds; ++r) {
    const long reps = per_round + (r <= extra ? 1 : 0);
    const std::vector<const Side*> order = (r % 2) ? std::vector<const Side*>{&a, &b} : std::vector<const Side*>{&b, &a};
    for (const auto& suite : suites) {
      if (skipped.contains(suite.name)) continue;
      for (const Side* side : order) {
        TimeOptions t;
        t.repetitions = reps;
        t.min_time = o.min_time;
        t.latency_calls = fixed_calls.contains(suite.name) ? o.latency_calls : 0;
        t.filter = o.filter;
        t.contexts = {"git_revision=" + side->label, "ab_side=" + side->name};
        t.env = side->env;
        const fs::path f = o.out / "raw" / fmt::format("{}-{}-round{}.json", side->name, suite.name, r);
        const double elapsed = seconds_since(start);
        std::string eta;
        if (done > 0) eta = fmt::format(", about {:.0f} s left", elapsed / static_cast<double>(done) * static_cast<double>(total - done));
        say(fmt::format("round {}/{}: {} side {} ({} repetitions){}", r, o.rounds, suite.name, side->name, reps, eta));
        const auto outcome = run_time(suite, Manifest::binary_in(side->build, suite.name), t, f, source_dir);
        ++done;
        if (outcome.exit_code == 77) {
          say("  " + outcome.summary);
          skipped.insert(suite.name);
          break;
        }
        if (outcome.exit_code == 2) throw ManifestError{outcome.summary};
        if (outcome.exit_code != 0) say("  " + outcome.summary + " (failed rows reach the report)");
      }
    }
  }
  say(fmt::format("time mode ran in {:.0f} s", seconds_since(start)));
  bool any = false;
  for (const auto& suite : suites) {
    if (skipped.contains(suite.name)) {
      say(suite.name + " skipped: not compared");
      continue;
    }
    for (const Side* side : {&a, &b}) {
      // In round order (a sorted listing would put round10 before round2);
      // a missing round fails the merge rather than being left out.
      std::vector<std::string> args{"merge"};
      for (long r = 1; r <= o.rounds; ++r) {
        args.push_back((o.out / "raw" / fmt::format("{}-{}-round{}.json", side->name, suite.name, r)).string());
      }
      args.insert(args.end(), {"--out", (o.out / side->name / (suite.name + ".json")).string()});
      if (bench_compare_quiet(args) != 0) {
        throw ManifestError{fmt::format("merging the {} rounds of {} failed", side->name, suite.name)};
      }
    }
    any = true;
  }
  if (!any) return {};
  return time_gate_section(o, a.label, b.label, role, false);
}

std::vector<std::string> instructions_ab(const std::vector<Suite>& suites, const AbOptions& o, const Side& a,
                                         const Side& b, const std::string& role) {
  const fs::path dir = o.out / "instructions";
  std::vector<Suite> counted;
  for (const auto& s : suites) {
    if (s.instructions) {
      counted.push_back(s);
    } else {
      say("instructions: " + s.name + " skipped: server work is not in the client's instruction count");
    }
  }
  if (counted.empty()) return {};
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir / "a");
  fs::create_directories(dir / "b");
  InstructionOptions io;
  io.iterations = o.iterations;
  // Deterministic: one run a side, in any order.
  for (const Side* side : {&a, &b}) {
    say(fmt::format("instructions: {}={} under callgrind ({} iterations a benchmark)", side->name, side->label,
                    io.iterations));
    const fs::path out = dir / (side == &a ? "a" : "b");
    for (const auto& s : counted) {
      const auto r = run_instructions(s, Manifest::binary_in(side->build, s.name), io, out);
      say("  " + r.summary);
      if (r.exit_code == 2) throw ManifestError{fmt::format("instruction mode of {} failed", side->name)};
    }
  }
  return {"--section", "instructions-ab", "--heading",
          fmt::format("Instructions A={} vs B={} (0.5% threshold)", a.label, b.label), "--baseline",
          (dir / "a").string(), "--contender", (dir / "b").string(), "--role", role};
}

}  // namespace

std::vector<std::string> judgement_options(const AbOptions& o, bool paired) {
  std::vector<std::string> s;
  if (paired) s.push_back("--paired");
  if (!o.threshold.empty()) s.insert(s.end(), {"--threshold", o.threshold});
  else if (paired && o.config.empty()) s.insert(s.end(), {"--threshold", kDefaultPairedThresholdPct});
  if (!o.config.empty()) s.insert(s.end(), {"--config", o.config});
  return s;
}

std::vector<std::string> time_gate_section(const AbOptions& o, const std::string& label_a, const std::string& label_b,
                                           const std::string& role, bool paired) {
  std::vector<std::string> s{"--section", "ab", "--heading",
                             fmt::format("Time A={} vs B={}{}", label_a, label_b, paired ? " (paired)" : ""),
                             "--baseline", (o.out / "A").string(), "--contender", (o.out / "B").string(), "--role",
                             role};
  for (auto& x : judgement_options(o, paired)) s.push_back(std::move(x));
  if (!o.slo.empty()) s.insert(s.end(), {"--slo", o.slo});
  return s;
}

int run_ab(const Manifest& manifest, AbOptions o) {
  if (o.repetitions == 0) o.repetitions = o.paired ? kDefaultPairedRepetitions : manifest.time_repetitions;
  if (o.min_time == 0) o.min_time = manifest.time_min_time;
  if (o.latency_calls == 0) o.latency_calls = manifest.latency_calls;
  if (o.iterations == 0) o.iterations = manifest.instruction_iterations;
  if (o.filter.empty()) o.filter = kDefaultAbTimeFilter;
  if (o.paired && o.block < 1) throw ManifestError{fmt::format("--block {} must be at least 1", o.block)};
  if (o.paired) o.block = std::min(o.block, o.repetitions);
  if (!o.paired && (o.rounds < 1 || o.rounds > o.repetitions)) {
    throw ManifestError{fmt::format("--rounds {} must be between 1 and --repetitions {}", o.rounds, o.repetitions)};
  }
  const auto suites = manifest.select(o.suites);
  fs::create_directories(o.out);
  const Side a{"A", o.build_a, o.label_a, o.env_a}, b{"B", o.build_b, o.label_b, o.env_b};
  for (const Side* side : {&a, &b})
    for (const auto& kv : side->env) say(fmt::format("side {} runs its suites with {}", side->name, kv));
  const std::string role = o.report_only ? "report" : "gate";
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> sections;
  if (o.time) {
    const auto s = o.paired ? paired_time_ab(suites, o, a, b, manifest.source_dir, role)
                            : time_ab(suites, o, a, b, manifest.source_dir, role);
    sections.insert(sections.end(), s.begin(), s.end());
  }
  if (o.instructions) {
    const auto s = instructions_ab(suites, o, a, b, role);
    if (s.empty() && !o.time) throw ManifestError{"instruction mode: no suite with an instruction mode in --suites"};
    sections.insert(sections.end(), s.begin(), s.end());
  }
  if (sections.empty()) {
    say("nothing to compare");
    return 0;
  }
  std::vector<std::string> gate{"gate", "--out", o.out.string(), "--comment", (o.out / "gate.md").string(),
                                "--html", (o.out / "report.html").string(), "--openmetrics",
                                (o.out / "metrics.om").string(),
                                "--title", fmt::format("A/B {} vs {}", o.label_a, o.label_b)};
  gate.insert(gate.end(), sections.begin(), sections.end());
  const int rc = bench_compare(gate);
  say(fmt::format("gate exit {}; reports in {}; {:.0f} s", rc, o.out.string(), seconds_since(start)));
  return rc;
}

}  // namespace lukhas::runner
