// libFuzzer target: Google Benchmark JSON through the comparator, as
// bench-compare reads it. Properties checked on every input:
//  - the fast parser and the reference (nlohmann) parser agree: both refuse
//    it, or both accept it with the same rows and values;
//  - refusal is an InputError (a message for the user), never another
//    exception, a crash or undefined behaviour;
//  - an accepted file compared with itself has no regression or
//    improvement (identical samples can only be "unchanged" or "failed");
//  - every renderer runs on the report, with the committed SLO catalog.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "compare/decide.hpp"
#include "compare/errors.hpp"
#include "compare/gbench_json.hpp"
#include "compare/merge.hpp"
#include "compare/render_console.hpp"
#include "compare/render_github.hpp"
#include "compare/render_json.hpp"
#include "compare/render_junit.hpp"
#include "compare/render_markdown.hpp"
#include "compare/slo_catalog.hpp"
#include "fuzz/fuzz_check.hpp"

namespace {

using namespace lukhas::compare;

bool same_value(const std::optional<double>& a, const std::optional<double>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  return (std::isnan(*a) && std::isnan(*b)) || *a == *b;
}

void check_same_rows(const GbenchFile& fast, const GbenchFile& ref) {
  FUZZ_CHECK(fast.rows.size() == ref.rows.size());
  FUZZ_CHECK(fast.context.size() == ref.context.size());
  for (std::size_t i = 0; i < fast.rows.size(); ++i) {
    const Row &a = fast.rows[i], &b = ref.rows[i];
    FUZZ_CHECK(a.name == b.name);
    FUZZ_CHECK(a.run_name == b.run_name);
    FUZZ_CHECK(a.run_type == b.run_type);
    FUZZ_CHECK(a.aggregate_name == b.aggregate_name);
    FUZZ_CHECK(a.repetition_index == b.repetition_index);
    FUZZ_CHECK(a.repetitions == b.repetitions);
    FUZZ_CHECK(a.iterations == b.iterations);
    FUZZ_CHECK(a.threads == b.threads);
    FUZZ_CHECK(a.time_unit == b.time_unit);
    FUZZ_CHECK(a.error_occurred == b.error_occurred);
    FUZZ_CHECK(a.skipped == b.skipped);
    FUZZ_CHECK(same_value(a.real_time, b.real_time));
    FUZZ_CHECK(same_value(a.cpu_time, b.cpu_time));
    FUZZ_CHECK(a.counters.size() == b.counters.size());
    for (std::size_t k = 0; k < a.counters.size(); ++k) {
      FUZZ_CHECK(a.counters[k].name == b.counters[k].name);
      FUZZ_CHECK(same_value(a.counters[k].value, b.counters[k].value));
    }
  }
}

const SloCatalog& catalog() {
  static const SloCatalog c = read_slo_catalog(LUKHAS_SLO_CATALOG);
  return c;
}

void render_all(const Report& r) {
  // Results are discarded: the renderers must not crash, throw or trip a
  // sanitizer on any report; the hostile-string tests check their text.
  (void)render_console(r, true);
  (void)render_console(r, false);
  (void)render_markdown(r);
  (void)render_markdown(r, 2000);
  (void)render_json(r);
  (void)render_junit(r);
  (void)render_github(r);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  GbenchFile fast, ref;
  bool fast_ok = false, ref_ok = false;
  try {
    fast = parse_gbench_json(text, "fuzz.json");
    fast_ok = true;
  } catch (const InputError& e) {
    FUZZ_CHECK(!e.problems().empty());
  }
  try {
    ref = parse_gbench_json_reference(text, "fuzz.json");
    ref_ok = true;
  } catch (const InputError& e) {
    FUZZ_CHECK(!e.problems().empty());
  }
  FUZZ_CHECK(fast_ok == ref_ok);
  if (!fast_ok) return 0;
  check_same_rows(fast, ref);

  Side side;
  try {
    side = merge_files({fast});
  } catch (const InputError&) {
    return 0;  // e.g. one benchmark written twice: refused with a message
  }
  Settings settings;
  const Report self = decide(side, side, settings, &catalog());
  for (const Comparison& c : self.comparisons)
    FUZZ_CHECK(c.verdict != Verdict::regressed && c.verdict != Verdict::improved);
  render_all(self);

  // Against an empty baseline every benchmark is new; the SLO rows are
  // judged on the fuzzed side.
  const Report against_empty = decide(Side{}, side, settings, &catalog());
  render_all(against_empty);
  return 0;
}
