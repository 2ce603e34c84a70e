#pragma once
// Calibrated cost of each injectable operation, in instructions per call, so
// that LUKHAS_INJECT_REGRESSION=op:100 doubles the operation's work.
//
// How they were measured (2026-11-27): release preset (g++ 12.2, -O2
// -DNDEBUG), instruction mode (ci/run-instructions, valgrind 3.19,
// --lukhas_iterations=50), the per-iteration "instructions" of the benchmark
// named beside each entry, which makes one call per iteration (the figure
// includes the benchmark loop's own ~10 instructions). Re-measure when an
// operation's cost moves by more than ~10%: the doubled-work test only needs
// 100% to be well above the gate's 1% threshold.
#include <cstdint>
#include <string_view>

namespace lukhas::inject {

struct OpCost {
  std::string_view op;
  std::uint64_t instructions;
};

inline constexpr OpCost kCosts[] = {
    // A synthetic operation for tests/gate: exactly 10000 instructions.
    {"gate.fixed", 10000},
    {"memory.create", 1020},      // BM_Memory_CreateBelowLimit/folds:1000
    {"memory.retrieve", 200},     // BM_Memory_RetrieveHit/folds:1000
    {"memory.restore", 250},      // BM_Memory_Restore/folds:1000
    {"identity.resolve", 370},    // BM_Identity_Resolve/registry:1000/hit:1
    {"handoff.update", 2074},     // BM_Handoff_Update/entries:100
    {"handoff.get", 33558},       // BM_Handoff_Get/entries:100
};

// 0 for an operation that is not in the table.
inline constexpr std::uint64_t base_cost(std::string_view op) {
  for (const auto& c : kCosts) {
    if (c.op == op) return c.instructions;
  }
  return 0;
}

}  // namespace lukhas::inject
