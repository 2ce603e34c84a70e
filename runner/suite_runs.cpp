#include "runner/suite_runs.hpp"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "bench/instructions/convert_files.hpp"
#include "runner/glibc_pin.hpp"
#include "runner/process.hpp"
#include "runner/progress.hpp"

namespace lukhas::runner {

namespace fs = std::filesystem;

std::string format_seconds(double s) {
  std::string t = fmt::format("{:.6f}", s);
  while (t.back() == '0') t.pop_back();
  if (t.back() == '.') t.pop_back();
  return t;
}

std::vector<std::string> time_arguments(const TimeOptions& o, const std::string& out_json) {
  std::vector<std::string> a{"--lukhas_mode=time",
                             fmt::format("--benchmark_repetitions={}", o.repetitions),
                             "--benchmark_min_time=" + format_seconds(o.min_time),
                             "--benchmark_out=" + out_json, "--benchmark_out_format=json"};
  if (o.interleave) a.insert(a.begin() + 2, "--benchmark_enable_random_interleaving=true");
  if (o.latency_calls > 0) a.push_back(fmt::format("--lukhas_latency_iterations={}", o.latency_calls));
  if (!o.filter.empty()) a.push_back("--benchmark_filter=" + o.filter);
  for (const auto& c : o.contexts) a.push_back("--benchmark_context=" + c);
  return a;
}

std::vector<std::string> instruction_arguments(const InstructionOptions& o) {
  std::vector<std::string> a{"--lukhas_mode=instructions", "--benchmark_out=raw.json",
                             "--benchmark_out_format=json",
                             fmt::format("--lukhas_iterations={}", o.iterations)};
  // Multi-threaded benchmarks are left out (callgrind counts every thread
  // together) and, without a filter, not even run: the heap they leave
  // behind depends on how their threads interleaved, and later benchmarks'
  // counts with it (measured: up to 0.003% run to run on the cascade
  // workload). So are the _Pause benchmarks: a worst case in time over a
  // million calls with a reader thread. A given filter is taken as it is.
  a.push_back("--benchmark_filter=" +
              (o.filter.empty() ? std::string("-(/threads:([2-9]|[1-9][0-9]+)$|_Pause/)") : o.filter));
  return a;
}

bool postgres_given_by_environment() {
  for (const char* name : {"LUKHAS_PG_DSN", "PGHOST"}) {
    const char* v = std::getenv(name);
    if (v != nullptr && *v != '\0') return true;
  }
  return false;
}

bool has_latency_flag(const fs::path& binary) {
  // --help goes to standard output and exits 0 in every suite version.
  const auto help = capture({binary.string(), "--help"});
  return help && help->find("--lukhas_latency_iterations") != std::string::npos;
}

namespace {

// Width LUKHAS_INJECT is padded to in instruction mode (see run_instructions).
constexpr std::size_t kInjectWidth = 64;


std::string last_line(const fs::path& log) {
  std::string t = tail_lines(log, 1);
  if (!t.empty() && t.back() == '\n') t.pop_back();
  return t;
}

}  // namespace

TimeInvocation prepare_time(const Suite& suite, const fs::path& binary, const TimeOptions& o,
                            const fs::path& out_json, const fs::path& source_dir) {
  TimeInvocation t;
  t.suite = suite.name;
  RunOutcome& r = t.outcome;
  r.json = out_json;
  r.log = fs::path(out_json).replace_extension(".log");
  fs::create_directories(out_json.parent_path());
  std::error_code ec;
  fs::remove(out_json, ec);
  Command& c = t.command;
  if (suite.postgres && !postgres_given_by_environment()) {
    c.argv = {(source_dir / "fixtures/pg/throwaway-pg").string(), "run", "--"};
  }
  if (o.cpu >= 0) c.argv.insert(c.argv.end(), {"taskset", "-c", std::to_string(o.cpu)});
  c.argv.push_back(binary.string());
  for (auto& a : time_arguments(o, out_json.string())) c.argv.push_back(std::move(a));
  c.set = o.env;
  c.stdout_file = r.log;
  c.stderr_file = r.log;
  if (!fs::exists(binary)) {
    r.exit_code = 2;
    r.summary = fmt::format("{}: {} is missing (is the suite built?)", suite.name, binary.string());
  }
  return t;
}

void finish_time(TimeInvocation& t, int exit_code) {
  RunOutcome& r = t.outcome;
  r.exit_code = exit_code;
  if (r.exit_code == 77) {
    r.summary = fmt::format("{}: skipped: {} (log {})", t.suite, last_line(r.log), r.log.string());
  } else if (r.exit_code != 0) {
    r.summary = fmt::format("{}: FAILED with exit code {} (log {})", t.suite, r.exit_code, r.log.string());
  } else {
    r.summary = fmt::format("{}: {}", t.suite, r.json.string());
  }
  std::error_code ec;
  if (r.exit_code == 77 || (r.exit_code != 0 && r.exit_code != 1)) fs::remove(r.json, ec);
}

RunOutcome run_time(const Suite& suite, const fs::path& binary, const TimeOptions& o, const fs::path& out_json,
                    const fs::path& source_dir) {
  TimeInvocation t = prepare_time(suite, binary, o, out_json, source_dir);
  if (t.outcome.exit_code == 2) return t.outcome;
  int code = 0;
  if (o.watch) {
    ProgressWatch progress(suite.name, t.outcome.log,
                           count_benchmarks(binary, o.filter) * static_cast<std::size_t>(o.repetitions));
    code = run(t.command, [&] { progress.poll(); });
    progress.finish();
  } else {
    code = run(t.command, [] {});
  }
  finish_time(t, code);
  return t.outcome;
}

RunOutcome run_instructions(const Suite& suite, const fs::path& binary, const InstructionOptions& o,
                            const fs::path& out_dir) {
  RunOutcome r;
  r.json = out_dir / (suite.name + ".json");
  const fs::path raw = out_dir / (suite.name + ".raw");
  r.log = raw / "stderr.txt";
  if (!suite.instructions) {
    r.exit_code = 77;
    r.summary = fmt::format("{}: no instruction mode (server work is not in the client's instruction count)",
                            suite.name);
    return r;
  }
  std::error_code ec;
  fs::remove_all(raw, ec);  // never leave a previous run's result behind
  fs::remove(r.json, ec);
  fs::create_directories(raw);
  if (!fs::exists(binary)) {
    r.exit_code = 2;
    r.summary = fmt::format("{}: {} is missing (is the suite built?)", suite.name, binary.string());
    return r;
  }
  // The same argv and environment strings on every machine and for every
  // output folder (glibc_pin.hpp): ./bench is a symlink in the raw folder,
  // outputs are relative to it.
  fs::create_symlink(fs::absolute(binary), raw / "bench");
  std::vector<std::string> passed;
  if (const char* v = std::getenv("LUKHAS_IDENTITY_MAX_USERS"); v != nullptr && *v != '\0') passed.push_back(std::string("LUKHAS_IDENTITY_MAX_USERS=") + v);
  // A run-time injection level (core/common/inject.hpp, experiment builds
  // only), padded to one width: the environment's size moves the stack, and
  // with it the alignment-dependent paths of the string routines, so two
  // levels of different lengths would differ by more than the injection.
  if (const char* v = std::getenv("LUKHAS_INJECT"); v != nullptr && *v != '\0') {
    std::string value = v;
    if (value.size() < kInjectWidth) value.resize(kInjectWidth, ' ');
    passed.push_back("LUKHAS_INJECT=" + value);
  }
  // A caller's own glibc.cpu.hwcaps (emulating an older CPU for a whole
  // ctest run) is kept in front of the pin, as an emulated mask would be:
  // the run's environment is otherwise rebuilt from scratch.
  std::string emulate = o.emulate;
  if (const char* tun = std::getenv("GLIBC_TUNABLES"); tun != nullptr && emulate.empty()) {
    if (const auto mask = hwcaps_in_tunables(tun); mask && is_hwcaps_mask(*mask)) emulate = *mask;
  }
  const std::string tunables = o.pin ? pinned_tunables(emulate)
                                     : (emulate.empty() ? "" : "glibc.cpu.hwcaps=" + emulate);
  Command c;
  c.env = instruction_environment(tunables, passed);
  // --compress-strings=no: every dump names its functions itself, so the
  // converter can tell the allocator's calls apart in each dump on its own.
  c.argv = {"valgrind", "--tool=callgrind", "--collect-atstart=no", "--compress-strings=no",
            "--callgrind-out-file=cg.out.%p", "--log-file=valgrind.log", "./bench"};
  for (auto& a : instruction_arguments(o)) c.argv.push_back(std::move(a));
  c.cwd = raw;
  c.stdout_file = raw / "console.txt";
  c.stderr_file = r.log;
  const auto start = std::chrono::steady_clock::now();
  const auto args = instruction_arguments(o);
  ProgressWatch progress(suite.name + " under callgrind", raw / "console.txt",
                         count_benchmarks(binary, args.back().substr(std::string("--benchmark_filter=").size())));
  const int rc = run(c, [&] { progress.poll(); });
  progress.finish();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (rc == 77) {
    r.exit_code = 77;
    r.summary = fmt::format("{}: skipped by the suite: {}", suite.name, last_line(r.log));
    return r;
  }
  if (rc != 0) {
    r.exit_code = 1;
    r.summary = fmt::format("{}: the suite exited {} after {:.0f} s:\n{}", suite.name, rc, secs, tail_lines(r.log, 20));
    if (!fs::exists(raw / "raw.json") || fs::file_size(raw / "raw.json") == 0) return r;
  }
  std::map<std::string, std::string> context;
  for (const auto& kv : o.context) {
    const auto eq = kv.find('=');
    if (eq != std::string::npos) context[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (const auto v = capture({"valgrind", "--version"})) {
    std::string version = *v;
    while (!version.empty() && version.back() == '\n') version.pop_back();
    context["lukhas_valgrind"] = version;
  }
  context["lukhas_binary"] = binary.filename().string();
  context["lukhas_glibc_pin"] = o.pin ? "baseline x86-64 routines (GLIBC_TUNABLES)" : "none: counts depend on the CPU";
  if (!emulate.empty()) context["lukhas_emulated_cpu"] = emulate;
  const auto conv = instructions::convert_files((raw / "raw.json").string(), {raw.string()}, r.json.string(), context);
  std::string notes;
  for (const auto& m : conv.messages) notes += "\n  " + m;
  if (conv.exit_code != 0) {
    r.exit_code = 2;
    r.summary = fmt::format("{}: conversion failed (exit {}){}", suite.name, conv.exit_code, notes);
    return r;
  }
  if (r.exit_code == 0) {
    r.summary = fmt::format("{}: {} rows, {:.0f} s under callgrind -> {}", suite.name, conv.rows, secs, r.json.string());
  }
  return r;
}

}  // namespace lukhas::runner
