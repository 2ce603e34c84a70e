// The injection hook's arithmetic, compiled with injection off (this target
// does not link lukhas_inject): points compile to nothing, and the extra work
// for op:percent is percent% of the calibrated cost, to the nearest
// instruction.
#include <gtest/gtest.h>

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
