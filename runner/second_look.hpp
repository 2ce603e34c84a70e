#pragma once
// The paired time A/B's second look (docs/gate.md, "Second look"): which
// benchmarks of a first look are measured again with fresh pairs. Pure.
//
// The paired verdict needs the interval of the median pair ratio beyond the
// threshold and the sign test behind it to hold once corrected over the
// run's paired comparisons (compare/decide.hpp). A lone benchmark moved +5%
// among a hundred unmoved needs 21 of 25 pairs beyond a 2% threshold; among
// a few, 18 or 19. A first look whose interval lies beyond the threshold
// but whose corrected test does not hold (the comparator's
// `paired.chance_interval`) is either one of the hundred's chance intervals
// or a real change the correction hid. Fresh pairs of just those
// benchmarks, judged among themselves, tell the two apart: the second
// look's test is a level-alpha test on data the selection never saw, so a
// chance interval passes it no more often than alpha (and far less, its
// median being 1), while a real change needs only the pairs a few
// comparisons need.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lukhas::runner {

// Benchmarks a second look takes at most when --second-look is not given:
// an A/A of the three in-process suites has about one chance interval in
// two runs on the 2-core VM, so 16 is room for a real change spread over a
// family of benchmarks while keeping the second look's time bounded
// (25 pairs each, like the first).
inline constexpr long kDefaultSecondLook = 16;

struct SecondLookPick {
  std::vector<std::string> names;  // to measure again, most suspicious first
  std::size_t left_out = 0;        // chance intervals beyond the cap
  std::size_t judged = 0;          // the first look's paired comparisons
};

// From the JSON report of a paired `bench-compare` (its "comparisons"): the
// unchanged rows with paired.chance_interval, ordered by their corrected
// sign test's q (the smaller of the two directions; ties by name), at most
// `cap`. Throws std::runtime_error naming what is missing when the text is
// not such a report.
SecondLookPick pick_second_look(std::string_view report_json, std::size_t cap);

// The name a listed benchmark's results carry: a suite run with a fixed
// latency call count lists ".../iterations:N" and, so that the names stay
// the same whatever the count, writes its results without that component
// (bench/support/run.cpp). "BM_A_Latency/x:10/iterations:2000" ->
// "BM_A_Latency/x:10"; any other name as it is.
std::string reported_name(std::string_view listed);

// The seed of the second look's A-or-B-first draws: not the first look's,
// so a block's order is drawn afresh.
std::uint64_t second_look_seed(std::uint64_t first_look_seed);

}  // namespace lukhas::runner
