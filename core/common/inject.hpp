#pragma once
// Regression injection: LUKHAS_INJECT_POINT("memory.retrieve")
// marks an operation. With the CMake cache variable
// LUKHAS_INJECT_REGRESSION=memory.retrieve:100 the point adds deterministic
// extra work of 100% of that operation's calibrated instruction cost
// (inject_costs.hpp): 100 doubles the work, 2 adds 2%, 0.5 adds 0.5%, in
// instruction mode (to the nearest instruction).
// With the variable empty (the default), or for any other operation, the
// point compiles to nothing. CMake refuses the variable in Release builds.
//
// The definitions LUKHAS_INJECT_OP (a string) and LUKHAS_INJECT_BASIS_POINTS
// (an integer: hundredths of a percent) come from the lukhas_inject target
// (core/common/CMakeLists.txt).
#include <cstdint>
#include <string_view>

#include "core/common/inject_costs.hpp"

namespace lukhas::inject {

// Instructions executed per step of spin(): "dec; jnz" on x86-64, "subs;
// b.ne" on AArch64. Exact in callgrind's count, whatever the optimisation.
inline constexpr std::uint64_t kInstructionsPerStep = 2;

// `steps` iterations of a two-instruction loop written in assembly, so the
// optimiser can neither remove nor shorten it. Inlined: a call, its return
// and the zero test cost ~5 instructions, which at "2%" of a 200-instruction
// retrieve made the injected work 4.4% instead (measured in the
// detection-power experiment); inline, the overhead is the one move that
// loads the constant step count.
[[gnu::always_inline]] inline void spin(std::uint64_t steps) {
  if (steps == 0) return;
#if defined(__x86_64__)
  asm volatile("1: dec %0\n\tjnz 1b" : "+r"(steps) : : "cc");
#elif defined(__aarch64__)
  asm volatile("1: subs %0, %0, #1\n\tb.ne 1b" : "+r"(steps) : : "cc");
#else
  // Elsewhere the count per step depends on the compiler; the barrier still
  // keeps the loop.
  for (; steps != 0; --steps) asm volatile("" : "+r"(steps));
#endif
}

// One instruction that does nothing, for an odd count: a step is two.
[[gnu::always_inline]] inline void one_instruction() { asm volatile("nop"); }

#if defined(LUKHAS_INJECT_OP) && defined(LUKHAS_INJECT_BASIS_POINTS)
inline constexpr std::string_view kOp = LUKHAS_INJECT_OP;
inline constexpr std::uint64_t kBasisPoints = LUKHAS_INJECT_BASIS_POINTS;
static_assert(base_cost(kOp) > 0,
              "LUKHAS_INJECT_REGRESSION names an operation without a calibrated cost in "
              "core/common/inject_costs.hpp");
#else
inline constexpr std::string_view kOp = {};
inline constexpr std::uint64_t kBasisPoints = 0;
#endif

inline constexpr bool active(std::string_view op) { return kBasisPoints > 0 && op == kOp; }

// Instructions that add `basis_points` hundredths of a percent of `op`'s
// calibrated cost, to the nearest one (0.5% of a 200-instruction retrieve is
// exactly 1).
inline constexpr std::uint64_t extra_instructions(std::string_view op, std::uint64_t basis_points) {
  return (base_cost(op) * basis_points + 5000) / 10000;
}

}  // namespace lukhas::inject

#if defined(LUKHAS_INJECT_OP) && defined(LUKHAS_INJECT_BASIS_POINTS)
// The step count is a constant even in a debug build, so the point costs
// the spin and a call, never a table lookup.
#define LUKHAS_INJECT_POINT(op)                                                        \
  do {                                                                                 \
    if constexpr (::lukhas::inject::active(op)) {                                      \
      constexpr std::uint64_t lukhas_inject_n =                                        \
          ::lukhas::inject::extra_instructions(op, ::lukhas::inject::kBasisPoints);    \
      ::lukhas::inject::spin(lukhas_inject_n / ::lukhas::inject::kInstructionsPerStep); \
      if constexpr (lukhas_inject_n % ::lukhas::inject::kInstructionsPerStep != 0)     \
        ::lukhas::inject::one_instruction();                                           \
    }                                                                                  \
  } while (false)
#else
#define LUKHAS_INJECT_POINT(op) static_cast<void>(0)
#endif
