#pragma once
// Regression injection: LUKHAS_INJECT_POINT("memory.retrieve")
// marks an operation. With the CMake cache variable
// LUKHAS_INJECT_REGRESSION=memory.retrieve:100 the point adds deterministic
// extra work of 100% of that operation's calibrated instruction cost
// (inject_costs.hpp): 100 doubles the work, 2 adds 2%, 0.5 adds 0.5%, in
// instruction mode (to the nearest instruction).
// With the variable empty (the default), or for any other operation, the
// point compiles to nothing. CMake refuses the variable in Release builds.
// LUKHAS_INJECT_REGRESSION=runtime (experiments) reads "op:percent" from the
// environment variable LUKHAS_INJECT instead, once per process.
//
// The definitions LUKHAS_INJECT_OP (a string) and LUKHAS_INJECT_BASIS_POINTS
// (an integer: hundredths of a percent) come from the lukhas_inject target
// (core/common/CMakeLists.txt).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <variant>

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

namespace lukhas::inject {

// Basis points of "percent" with at most two decimals ("5", "0.5", "2.25"),
// or nullopt. Trailing spaces are allowed (bench-run pads the variable).
inline std::optional<std::uint64_t> parse_basis_points(std::string_view percent) {
  while (!percent.empty() && percent.back() == ' ') percent.remove_suffix(1);
  std::uint64_t whole = 0, hundredths = 0;
  std::size_t i = 0, digits = 0;
  for (; i < percent.size() && percent[i] >= '0' && percent[i] <= '9'; ++i, ++digits) {
    if (digits == 6) return std::nullopt;
    whole = whole * 10 + static_cast<std::uint64_t>(percent[i] - '0');
  }
  if (digits == 0) return std::nullopt;
  if (i < percent.size()) {
    if (percent[i] != '.' || i + 1 == percent.size() || percent.size() - i - 1 > 2) return std::nullopt;
    std::uint64_t scale = 10;
    for (++i; i < percent.size(); ++i, scale /= 10) {
      if (percent[i] < '0' || percent[i] > '9') return std::nullopt;
      hundredths += static_cast<std::uint64_t>(percent[i] - '0') * scale;
    }
  }
  return whole * 100 + hundredths;
}

// The run-time level of an experiment build: "op:percent" from LUKHAS_INJECT.
struct RuntimeLevel {
  std::string_view op;
  std::uint64_t steps = 0;
  bool odd = false;  // one more instruction than 2 * steps
};

// Parses `value` (LUKHAS_INJECT's); the reason on failure.
inline std::variant<RuntimeLevel, std::string_view> parse_runtime_level(std::string_view value) {
  const auto colon = value.rfind(':');
  if (colon == std::string_view::npos) return std::string_view("expected op:percent");
  const std::string_view op = value.substr(0, colon);
  if (base_cost(op) == 0) return std::string_view("the operation has no calibrated cost (inject_costs.hpp)");
  const auto bp = parse_basis_points(value.substr(colon + 1));
  if (!bp) return std::string_view("the percent must be a number with at most two decimals");
  // op points into kCosts, which outlives the process's use of it.
  for (const auto& c : kCosts) {
    if (c.op == op) {
      const std::uint64_t n = extra_instructions(c.op, *bp);
      return RuntimeLevel{c.op, n / kInstructionsPerStep, n % kInstructionsPerStep != 0};
    }
  }
  return std::string_view("unreachable");
}

#if defined(LUKHAS_INJECT_RUNTIME)
// Read once; a bad value ends the process with the usage exit code (2)
// rather than measuring something other than what was asked for.
inline const RuntimeLevel& runtime_level() {
  static const RuntimeLevel level = [] {
    const char* v = std::getenv("LUKHAS_INJECT");
    if (v == nullptr || *v == '\0') return RuntimeLevel{};
    const auto parsed = parse_runtime_level(v);
    if (const auto* why = std::get_if<std::string_view>(&parsed)) {
      std::fprintf(stderr, "LUKHAS_INJECT: %.*s\n", static_cast<int>(why->size()), why->data());
      std::_Exit(2);
    }
    return std::get<RuntimeLevel>(parsed);
  }();
  return level;
}
#endif

}  // namespace lukhas::inject

#if defined(LUKHAS_INJECT_RUNTIME)
// A and B run the same code up to the spin: the op matches in both (A at
// level 0), so they differ by exactly the injected instructions.
#define LUKHAS_INJECT_POINT(name)                                                      \
  do {                                                                                 \
    const ::lukhas::inject::RuntimeLevel& lukhas_inject_level = ::lukhas::inject::runtime_level(); \
    if (lukhas_inject_level.op == (name)) {                                            \
      ::lukhas::inject::spin(lukhas_inject_level.steps);                               \
      if (lukhas_inject_level.odd) ::lukhas::inject::one_instruction();                \
    }                                                                                  \
  } while (false)
#elif defined(LUKHAS_INJECT_OP) && defined(LUKHAS_INJECT_BASIS_POINTS)
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
