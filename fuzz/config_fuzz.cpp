// libFuzzer target: the comparator's configuration file (--config). Any
// input is either refused with an InputError or yields settings that are in
// range; an accepted configuration then drives a comparison of two committed
// fixtures, so hostile globs and thresholds reach the decision rules.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "compare/config.hpp"
#include "compare/decide.hpp"
#include "compare/errors.hpp"
#include "compare/merge.hpp"
#include "compare/render_markdown.hpp"
#include "fuzz/fuzz_check.hpp"

namespace {

using namespace lukhas::compare;

bool in_range(double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; }

const Side& fixture(const char* rel) {
  // Leaked on purpose: one parse per process, alive for every input.
  auto* side = new Side(load_side({std::string(LUKHAS_FIXTURES_DIR) + "/compare/" + rel}));
  return *side;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Side& baseline = fixture("counter_higher/baseline.json");
  static const Side& contender = fixture("counter_higher/contender.json");
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Config config;
  try {
    config = parse_config(text, "fuzz-config.json");
  } catch (const InputError& e) {
    FUZZ_CHECK(!e.problems().empty());
    return 0;
  }
  FUZZ_CHECK(in_range(config.threshold_pct, 0, 1e6));
  FUZZ_CHECK(in_range(config.instructions_threshold_pct, 0, 1e6));
  FUZZ_CHECK(config.alpha > 0 && config.alpha <= 1);
  FUZZ_CHECK(in_range(config.noise_factor, 0, 1000));
  FUZZ_CHECK(in_range(config.stale_factor, 1, 1e6));
  for (const char* name : {"BM_Memory_Create", "BM_X/1/real_time", "", "*", "BM_\xff\xfe"}) {
    for (const char* metric : {"cpu_time", "instructions", "items_per_second"}) {
      const double t = config.threshold_for(name, metric);
      FUZZ_CHECK(std::isfinite(t) && t >= 0);
    }
    (void)config.removal_allowed(name);
  }
  Settings settings;
  settings.config = config;
  const Report report = decide(baseline, contender, settings);
  (void)render_markdown(report);
  return 0;
}
