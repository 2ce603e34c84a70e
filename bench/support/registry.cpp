#include "bench/support/registry.hpp"

#include <fmt/format.h>
#include <valgrind/callgrind.h>

#include "bench/support/loop.hpp"

namespace lukhas::bench {

namespace {
std::vector<benchmark::internal::Benchmark*>& mutable_registry() {
  static std::vector<benchmark::internal::Benchmark*> all;  // function-local: static-init order safe
  return all;
}
std::vector<benchmark::internal::Benchmark*>& mutable_latency() {
  static std::vector<benchmark::internal::Benchmark*> latency;
  return latency;
}
}  // namespace

benchmark::internal::Benchmark* add(const std::string& name, Function fn) {
  auto* b = benchmark::RegisterBenchmark(name.c_str(), fn);
  mutable_registry().push_back(b);
  // Google Benchmark 1.7 cannot tell a registered benchmark's name later.
  if (name.find("_Latency") != std::string::npos) mutable_latency().push_back(b);
  return b;
}

void add_pair(const std::string& name, Function throughput, Function latency, const Configure& configure) {
  for (auto* b : {add(name, throughput), add(name + "_Latency", latency)}) {
    if (configure) configure(b);
  }
}

const std::vector<benchmark::internal::Benchmark*>& registered() { return mutable_registry(); }
const std::vector<benchmark::internal::Benchmark*>& registered_latency() { return mutable_latency(); }

void report_allocations(benchmark::State& state, std::uint64_t allocations, std::uint64_t bytes) {
  const auto iterations = static_cast<double>(state.iterations());
  if (iterations <= 0) return;
  state.counters["allocations"] = static_cast<double>(allocations) / iterations;
  state.counters["allocated_bytes"] = static_cast<double>(bytes) / iterations;
}

void end_measured_region(benchmark::State& state) {
  if (RUNNING_ON_VALGRIND == 0) return;
  static long sequence = 0;
  const auto label = fmt::format("lukhas:{}:{}", sequence++, state.iterations());
  CALLGRIND_DUMP_STATS_AT(label.c_str());
}

}  // namespace lukhas::bench
