// The injection hook's arithmetic, compiled with injection off (this target
// does not link lukhas_inject): points compile to nothing, and the extra work
// for op:percent is percent% of the calibrated cost, to the nearest
// instruction.
#include <gtest/gtest.h>

#include <variant>

#include "core/common/inject.hpp"

namespace {

using lukhas::inject::active;
using lukhas::inject::base_cost;
using lukhas::inject::extra_instructions;

static_assert(!active("gate.fixed"), "injection must be off without LUKHAS_INJECT_OP");

TEST(Inject, NoOperationIsActiveWhenInjectionIsOff) {
  LUKHAS_INJECT_POINT("gate.fixed");  // must compile to a no-op statement
  EXPECT_FALSE(active("gate.fixed"));
  EXPECT_FALSE(active("memory.retrieve"));
  EXPECT_EQ(lukhas::inject::kBasisPoints, 0u);
}

TEST(Inject, HundredPercentAddsTheWholeCalibratedCost) {
  EXPECT_EQ(extra_instructions("gate.fixed", 10000), base_cost("gate.fixed"));
}

TEST(Inject, TwoPercentAddsTwoPercent) { EXPECT_EQ(extra_instructions("gate.fixed", 200), 200u); }

TEST(Inject, FractionsOfAPercentRoundToTheNearestInstruction) {
  EXPECT_EQ(extra_instructions("gate.fixed", 50), 50u);      // 0.5% of 10000
  EXPECT_EQ(extra_instructions("memory.retrieve", 50), 1u);  // 0.5% of 200
  EXPECT_EQ(extra_instructions("memory.retrieve", 100), 2u);
  EXPECT_EQ(extra_instructions("memory.retrieve", 1), 0u);   // 0.02 of an instruction
}

TEST(Inject, PercentsParseToBasisPoints) {
  using lukhas::inject::parse_basis_points;
  EXPECT_EQ(parse_basis_points("5"), 500u);
  EXPECT_EQ(parse_basis_points("0.5"), 50u);
  EXPECT_EQ(parse_basis_points("2.25"), 225u);
  EXPECT_EQ(parse_basis_points("0"), 0u);
  EXPECT_EQ(parse_basis_points("1.5   "), 150u);  // bench-run pads the variable
  for (const char* bad : {"", ".5", "1.", "1.234", "-1", "1e2", "x", "1.5x", "1 .5", "10000000"}) {
    EXPECT_FALSE(parse_basis_points(bad).has_value()) << bad;
  }
}

TEST(Inject, ARunTimeLevelNamesACalibratedOperation) {
  using lukhas::inject::RuntimeLevel;
  const auto ok = lukhas::inject::parse_runtime_level("memory.retrieve:0.5");
  ASSERT_TRUE(std::holds_alternative<RuntimeLevel>(ok));
  EXPECT_EQ(std::get<RuntimeLevel>(ok).op, "memory.retrieve");
  EXPECT_EQ(std::get<RuntimeLevel>(ok).steps, 0u);  // 1 instruction: a nop
  EXPECT_TRUE(std::get<RuntimeLevel>(ok).odd);
  const auto ten = lukhas::inject::parse_runtime_level("gate.fixed:10");
  EXPECT_EQ(std::get<RuntimeLevel>(ten).steps, 500u);
  EXPECT_FALSE(std::get<RuntimeLevel>(ten).odd);
  for (const char* bad : {"memory.retrieve", "no.such_op:5", "memory.retrieve:abc", ":5", "memory.retrieve:-5"}) {
    EXPECT_TRUE(std::holds_alternative<std::string_view>(lukhas::inject::parse_runtime_level(bad))) << bad;
  }
}

TEST(Inject, UnknownOperationsHaveNoCost) { EXPECT_EQ(base_cost("no.such_op"), 0u); }

TEST(Inject, EveryCalibratedCostIsPositiveAndNamedOnce) {
  for (std::size_t i = 0; i < std::size(lukhas::inject::kCosts); ++i) {
    EXPECT_GT(lukhas::inject::kCosts[i].instructions, 0u) << lukhas::inject::kCosts[i].op;
    for (std::size_t j = i + 1; j < std::size(lukhas::inject::kCosts); ++j) {
      EXPECT_NE(lukhas::inject::kCosts[i].op, lukhas::inject::kCosts[j].op);
    }
  }
}

}  // namespace
