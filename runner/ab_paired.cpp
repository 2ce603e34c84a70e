#include "runner/ab_paired.hpp"

#include <chrono>
#include <set>

#include <fmt/format.h>

#include "runner/compare_call.hpp"
#include "runner/log.hpp"
#include "runner/paired_plan.hpp"
#include "runner/process.hpp"
#include "runner/progress.hpp"
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

}  // namespace

std::vector<std::string> paired_time_ab(const std::vector<Suite>& suites, const AbOptions& o, const AbSide& a,
                                        const AbSide& b, const fs::path& source_dir, const std::string& role) {
  std::error_code ec;
  for (const char* d : {"A", "B", "raw"}) fs::remove_all(o.out / d, ec);
  for (const char* d : {"A", "B", "raw"}) fs::create_directories(o.out / d);
  say(fmt::format("paired time A/B: {} repetitions a side in blocks of {}, order drawn per block with --seed {}",
                  o.repetitions, o.block, o.seed));
  const auto start = std::chrono::steady_clock::now();
  bool any = false;
  for (const auto& suite : suites) {
    const fs::path bin_a = Manifest::binary_in(a.build, suite.name), bin_b = Manifest::binary_in(b.build, suite.name);
    if (!fs::exists(bin_a) || !fs::exists(bin_b))
      throw ManifestError{fmt::format("{}: {} is missing (is the suite built?)", suite.name,
                                      (fs::exists(bin_a) ? bin_b : bin_a).string())};
    // Fixed latency call counts only when both sides' suites take the flag:
    // a side's count must not differ from the other's.
    const bool fixed_calls = has_latency_flag(bin_a) && has_latency_flag(bin_b);
    TimeOptions base;
    base.min_time = o.min_time;
    base.latency_calls = fixed_calls ? o.latency_calls : 0;
    base.watch = false;  // blocks are short; the progress line is this loop's
    base.contexts = {"ab_pairing=paired", fmt::format("ab_seed={}", o.seed), fmt::format("ab_block={}", o.block)};
    TimeOptions listing = base;
    listing.filter = o.filter;
    const PairedPlan plan =
        plan_pairs(list_tests(bin_a, listing), list_tests(bin_b, listing), o.repetitions, o.block, o.seed);
    if (plan.steps.empty() && plan.only_a.empty() && plan.only_b.empty()) {
      say(suite.name + ": no benchmark matches the filter on either side: not compared");
      continue;
    }
    std::vector<fs::path> files_a, files_b;
    bool skipped = false;
    const auto suite_start = std::chrono::steady_clock::now();
    auto last_report = suite_start;
    std::size_t total = 0, done = 0;  // repetitions, both sides
    for (const auto& step : plan.steps) total += 2 * static_cast<std::size_t>(step.repetitions);
    for (std::size_t k = 0; k < plan.steps.size() && !skipped; ++k) {
      const PairedStep& step = plan.steps[k];
      const AbSide* order[2] = {step.a_first ? &a : &b, step.a_first ? &b : &a};
      for (const AbSide* side : order) {
        const fs::path f = o.out / "raw" / fmt::format("{}-{}-{:04}.json", side->name, suite.name, k);
        if (!run_side(suite, *side, block_options(base, step, side->name, side->label), f, source_dir)) {
          skipped = true;
          break;
        }
        (side == &a ? files_a : files_b).push_back(f);
      }
      // As the suites' own progress (progress.hpp): a line at the start, then
      // at most one every 30 s, and the last.
      done += 2 * static_cast<std::size_t>(step.repetitions);
      if (k == 0 || k + 1 == plan.steps.size() || seconds_since(last_report) >= 30) {
        say(progress_text(suite.name + " paired", done, total, seconds_since(suite_start),
                          fmt::format("{} block {}", step.benchmark, step.block + 1)));
        last_report = std::chrono::steady_clock::now();
      }
    }
    if (skipped) {
      say(suite.name + " skipped: not compared");
      continue;
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
      const fs::path f = o.out / "raw" / fmt::format("{}-{}-only.json", side->name, suite.name);
      say(fmt::format("{}: {} benchmark(s) only side {} has, run once unpaired", suite.name, names->size(), side->name));
      if (run_side(suite, *side, t, f, source_dir)) (side == &a ? files_a : files_b).push_back(f);
    }
    for (const auto& [side, files] : {std::pair{&a, &files_a}, std::pair{&b, &files_b}}) {
      if (files->empty()) continue;
      // In plan order: `merge` numbers each benchmark's repetitions in the
      // order of its files, which is what makes repetition i of A and of B a
      // pair.
      std::vector<std::string> args{"merge"};
      for (const auto& f : *files) args.push_back(f.string());
      args.insert(args.end(), {"--out", (o.out / side->name / (suite.name + ".json")).string()});
      if (bench_compare_quiet(args) != 0)
        throw ManifestError{fmt::format("merging the {} blocks of {} failed", side->name, suite.name)};
    }
    any = true;
  }
  say(fmt::format("paired time mode ran in {:.0f} s", seconds_since(start)));
  if (!any) return {};
  return time_gate_section(o, a.label, b.label, role, true);
}

}  // namespace lukhas::runner
