#pragma once
// Calibrated cost of each injectable operation, in instructions per call, so
// that LUKHAS_INJECT_REGRESSION=op:100 doubles the operation's work.
//
// How they were measured: release preset (g++ 12, -O2 -DNDEBUG), instruction
// mode (ci/run-instructions, callgrind 3.19, --lukhas_iterations=200), the
// per-iteration "instructions" of the benchmark named beside each entry (one
// call per iteration). Re-measure when an operation's cost moves by more than
// a few percent; the gate's injection test checks the resulting ratio.
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
};

// 0 for an operation that is not in the table.
inline constexpr std::uint64_t base_cost(std::string_view op) {
  for (const auto& c : kCosts) {
    if (c.op == op) return c.instructions;
  }
  return 0;
}

}  // namespace lukhas::inject
