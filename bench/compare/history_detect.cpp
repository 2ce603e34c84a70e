// Change-point detection at the size of a real history (docs/comparator.md,
// "History and change points"): a generated history of RUNS commits x
// BENCHMARKS benchmarks (default 200 x 100, 5 repetitions each) with 10
// injected steps (2% in instruction counts, 5-10% in times), written as a
// history folder, then read and searched for change points exactly as
// `bench-compare history changes` does. Prints the steps found, the false
// change points, the seconds of the read-and-detect and the peak RSS
// (getrusage). Exit 1 when fewer than 9 of the 10 steps are found or more
// than 1 false change point is reported; speed is reported, not asserted.
//
//   history_detect [--runs N] [--benchmarks N] [--repetitions N] [--keep DIR]
//   history_detect --rates SERIES
//
// --rates: detection and false-alarm rates per kind of series instead, over
// SERIES seeds each (200 runs, one value per run, steps at runs 20 to 180).
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "compare/changepoint.hpp"
#include "compare/gbench_write.hpp"
#include "compare/history.hpp"
#include "compare/history_changes.hpp"
#include "compare/history_synth.hpp"
#include "compare/io.hpp"

namespace fs = std::filesystem;
using namespace lukhas::compare;

namespace {

int rates(std::size_t n) {
  struct Kind {
    const char* name;
    double base, cv, step;
  };
  const Kind kinds[] = {{"no step, 0.01% noise", 2.5e6, 0.0001, 0},
                        {"no step, 3% noise", 120, 0.03, 0},
                        {"2% step, 0.01% noise", 2.5e6, 0.0001, 0.02},
                        {"5% step, 3% noise", 120, 0.03, 0.05},
                        {"10% step, 3% noise", 120, 0.03, 0.10}};
  const ChangePointSettings settings;
  const double min_step = HistoryChangeSettings{}.min_step;
  for (std::size_t k = 0; k < std::size(kinds); ++k) {
    std::size_t found = 0, others = 0, others_big = 0;
    for (std::size_t seed = 1; seed <= n; ++seed) {
      SyntheticSeriesSpec s;
      s.seed = 1000 * k + seed;
      s.base = kinds[k].base;
      s.noise_cv = kinds[k].cv;
      s.step = kinds[k].step;
      s.step_at = 20 + (seed * 37) % 160;
      bool hit = false;
      for (const ChangePoint& cp : detect_change_points(synthetic_series(s), settings)) {
        const long off = static_cast<long>(cp.index) - static_cast<long>(s.step_at);
        if (s.step != 0 && !hit && off >= -2 && off <= 2) {
          hit = true;
          continue;
        }
        ++others;
        if (std::fabs(cp.step) >= min_step) ++others_big;
      }
      found += hit;
    }
    std::printf("%-22s %zu series: step found within 2 runs %zu, other change points %zu (%zu of at least %.0f%%)\n",
                kinds[k].name, n, found, others, others_big, min_step * 100);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  SyntheticHistorySpec spec;
  std::string keep;
  if (argc == 3 && std::string(argv[1]) == "--rates") return rates(std::strtoull(argv[2], nullptr, 10));
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    const std::size_t v = std::strtoull(argv[i + 1], nullptr, 10);
    if (a == "--runs") spec.runs = v;
    else if (a == "--benchmarks") spec.benchmarks = v;
    else if (a == "--repetitions") spec.repetitions = v;
    else if (a == "--keep") keep = argv[i + 1];
    else {
      std::fprintf(stderr, "history_detect: unknown option %s\n", a.c_str());
      return 2;
    }
  }
  if (spec.runs < 40 || spec.benchmarks < 10 || spec.repetitions < 1) {
    std::fprintf(stderr, "history_detect: needs --runs >= 40, --benchmarks >= 10, --repetitions >= 1\n");
    return 2;
  }
  spec.instruction_benchmarks = spec.benchmarks / 2;
  spec.steps = default_injected_steps(spec);

  const fs::path root = keep.empty() ? fs::temp_directory_path() / ("history_detect." + std::to_string(::getpid()))
                                     : fs::path(keep);
  fs::remove_all(root);
  const fs::path in = root / "in", history = root / "history";
  fs::create_directories(in);
  for (std::size_t r = 0; r < spec.runs; ++r) {
    write_file_atomic((in / "synthetic.json").string(), write_gbench_json(synthetic_history_run(spec, r)));
    append_run({history.string(), in.string(), synthetic_commit(r), synthetic_date(r), "main"});
  }

  const auto start = std::chrono::steady_clock::now();
  const History h = read_history(history.string(), {});
  const auto read_done = std::chrono::steady_clock::now();
  const HistoryChanges c = find_history_changes(h, HistoryChangeSettings{});
  const auto end = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(end - start).count();
  const double read_seconds = std::chrono::duration<double>(read_done - start).count();
  rusage ru{};
  ::getrusage(RUSAGE_SELF, &ru);

  std::size_t found = 0, false_points = 0;
  std::vector<bool> hit(spec.steps.size(), false);
  for (const SeriesChange& ch : c.changes) {
    const std::string& name = h.series[ch.series].benchmark;
    bool matched = false;
    for (std::size_t k = 0; k < spec.steps.size(); ++k) {
      const InjectedStep& s = spec.steps[k];
      const long off = static_cast<long>(ch.run_after) - static_cast<long>(s.at);
      if (name == "BM_History_" + std::to_string(s.benchmark) && off >= -2 && off <= 2 && !hit[k]) {
        hit[k] = matched = true;
        ++found;
        break;
      }
    }
    if (!matched) {
      ++false_points;
      std::printf("false change point: %s at run %zu (%+.2f%%, p %.3g)\n", name.c_str(), ch.run_after,
                  ch.cp.step * 100, ch.cp.p_value);
    }
  }
  for (std::size_t k = 0; k < spec.steps.size(); ++k)
    if (!hit[k])
      std::printf("missed step: BM_History_%zu at run %zu (%+.0f%%)\n", spec.steps[k].benchmark, spec.steps[k].at,
                  spec.steps[k].step * 100);
  std::printf("history: %zu runs x %zu benchmarks x %zu repetitions, %zu injected steps\n", h.runs.size(),
              h.series.size(), spec.repetitions, spec.steps.size());
  std::printf("steps found: %zu of %zu\nfalse change points: %zu\n", found, spec.steps.size(), false_points);
  std::printf("read and detect: %.3f s (read %.3f s, detect %.3f s)\npeak RSS: %.1f MB\n", seconds, read_seconds,
              seconds - read_seconds, static_cast<double>(ru.ru_maxrss) / 1024.0);
  if (keep.empty()) fs::remove_all(root);
  return found + 1 >= spec.steps.size() && false_points <= 1 ? 0 : 1;
}
