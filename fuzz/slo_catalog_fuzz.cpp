// libFuzzer target: the SLO catalog (--slo). Any input is either refused with
// an InputError or yields entries the checks can use; an accepted catalog is
// then checked against a committed fixture run, so hostile globs, counters
// and targets reach the SLO rules and every SLO row gets a verdict.
#include <cstdint>
#include <string>
#include <string_view>

#include "compare/decide.hpp"
#include "compare/errors.hpp"
#include "compare/merge.hpp"
#include "compare/render_console.hpp"
#include "compare/slo_catalog.hpp"
#include "fuzz/fuzz_check.hpp"

using namespace lukhas::compare;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Leaked on purpose: one parse per process, alive for every input.
  static const Side& run =
      *new Side(load_side({std::string(LUKHAS_FIXTURES_DIR) + "/compare/slo/contender.json"}));
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  SloCatalog catalog;
  try {
    catalog = parse_slo_catalog(text, "fuzz-catalog.json");
  } catch (const InputError& e) {
    FUZZ_CHECK(!e.problems().empty());
    return 0;
  }
  for (const SloEntry& s : catalog.slos) {
    if (!s.measured_in_process) continue;
    FUZZ_CHECK(s.min_samples > 0);
    if (s.quantile) FUZZ_CHECK(*s.quantile > 0 && *s.quantile < 1);
  }
  std::vector<SloResult> results;
  std::vector<SloNotMeasured> not_measured;
  check_slos(run, catalog, results, not_measured);
  std::size_t measured = 0;
  for (const SloEntry& s : catalog.slos) measured += s.measured_in_process ? 1 : 0;
  // Every measured entry has at least one row (one per matching benchmark);
  // none is dropped.
  FUZZ_CHECK(results.size() >= measured);
  FUZZ_CHECK(not_measured.size() == catalog.slos.size() - measured);
  // Never fail open: a pass rests on a value that holds against the target
  // and on enough calls.
  for (const SloResult& r : results) {
    if (r.verdict != SloVerdict::pass) continue;
    FUZZ_CHECK(r.value.has_value());
    FUZZ_CHECK(slo_holds(r.comparison, *r.value, r.target));
    FUZZ_CHECK(r.samples.has_value() && *r.samples >= static_cast<double>(r.min_samples));
  }
  Report report;
  report.slo = std::move(results);
  report.slo_not_measured = std::move(not_measured);
  (void)render_console(report, false);
  return 0;
}
