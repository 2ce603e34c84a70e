// The --openmetrics output: every line of the text format's grammar, each
// family described before its samples, no series twice, times in seconds,
// input text only inside escaped label values.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "compare/decide.hpp"
#include "compare/escape.hpp"
#include "compare/render_openmetrics.hpp"
#include "compare/slo_catalog.hpp"
#include "test_util.hpp"

namespace lukhas::compare {
namespace {

using testing::append;
using testing::fixture;
using testing::reps;
using testing::side_of;

Report fixture_report(const std::string& dir, bool slo = false) {
  const Side b = load_side({fixture(dir + "/baseline.json")});
  const Side c = load_side({fixture(dir + "/contender.json")});
  std::optional<SloCatalog> catalog;
  if (slo) catalog = read_slo_catalog(fixture(dir + "/catalog.json"));
  return decide(b, c, Settings{}, catalog ? &*catalog : nullptr);
}

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;  // unescaped
  double value = 0;
};

// A checker of the text format, independent of the renderer: comment lines
// are "# HELP name text", "# TYPE name type", "# UNIT name unit" and the
// final "# EOF"; a sample is name{label="value",...} value. Returns the
// problems; fills the samples.
std::vector<std::string> check_exposition(const std::string& text, std::vector<Sample>& samples) {
  std::vector<std::string> problems;
  const std::string name = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  const std::regex help("# HELP (" + name + ") [^\\n]+");
  const std::regex type("# TYPE (" + name + ") (gauge|counter|summary|histogram|stateset|info|unknown)");
  const std::regex unit("# UNIT (" + name + ") ([a-zA-Z0-9_:]*)");
  const std::regex sample("(" + name + ")(\\{(.*)\\})? (-?[0-9.]+(e[-+]?[0-9]+)?|NaN|[+-]Inf)");
  const std::regex label("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\"(,|$)");
  if (text.size() < 6 || text.compare(text.size() - 6, 6, "# EOF\n") != 0) problems.push_back("does not end with # EOF");
  std::istringstream in(text);
  std::string line, family, family_type;
  std::set<std::string> described, typed, seen_families, series;
  bool eof = false;
  for (int n = 1; std::getline(in, line); ++n) {
    const std::string where = "line " + std::to_string(n) + ": " + line;
    std::smatch m;
    if (eof) problems.push_back("after # EOF: " + where);
    if (line == "# EOF") {
      eof = true;
    } else if (std::regex_match(line, m, help)) {
      family = m[1];
      if (!seen_families.insert(family).second) problems.push_back("family described twice: " + where);
      described.insert(family);
      if (line.find('"') != std::string::npos) problems.push_back("a double quote in HELP: " + where);
    } else if (std::regex_match(line, m, type)) {
      if (m[1] != family) problems.push_back("TYPE without its HELP first: " + where);
      family_type = m[2];
      typed.insert(m[1]);
      if (family_type == "counter") problems.push_back("a counter cannot be written for both parsers: " + where);
    } else if (std::regex_match(line, m, unit)) {
      if (m[1] != family) problems.push_back("UNIT of another family: " + where);
      const std::string u = m[2];
      if (!u.empty() && (family.size() < u.size() + 1 || family.compare(family.size() - u.size() - 1, u.size() + 1, "_" + u) != 0))
        problems.push_back("the unit is not the name's suffix: " + where);
    } else if (std::regex_match(line, m, sample)) {
      Sample s;
      s.name = m[1];
      if (s.name != family || !typed.count(family)) problems.push_back("sample outside its described family: " + where);
      const std::string labels = m[3];
      std::size_t consumed = 0;
      for (auto it = std::sregex_iterator(labels.begin(), labels.end(), label); it != std::sregex_iterator(); ++it) {
        if (static_cast<std::size_t>(it->position()) != consumed) break;
        consumed += it->length();
        std::string v, raw = (*it)[2];
        for (std::size_t i = 0; i < raw.size(); ++i) {
          if (raw[i] == '\\') {
            ++i;
            v += raw[i] == 'n' ? '\n' : raw[i];
          } else {
            v += raw[i];
          }
        }
        if (!s.labels.emplace((*it)[1], v).second) problems.push_back("label twice: " + where);
      }
      if (consumed != labels.size()) problems.push_back("bad labels: " + where);
      if (family_type == "summary" && !s.labels.count("quantile")) problems.push_back("summary without quantile: " + where);
      if (family_type != "summary" && s.labels.count("quantile")) problems.push_back("quantile outside a summary: " + where);
      if (!series.insert(line.substr(0, line.rfind(' '))).second) problems.push_back("series twice: " + where);
      s.value = std::stod(m[4].str() == "+Inf" ? "inf" : m[4].str() == "-Inf" ? "-inf" : m[4].str());
      samples.push_back(s);
    } else {
      problems.push_back("not in the grammar: " + where);
    }
  }
  if (!eof) problems.push_back("no # EOF line");
  return problems;
}

const Sample* find(const std::vector<Sample>& samples, const std::string& name,
                   const std::map<std::string, std::string>& labels) {
  for (const auto& s : samples) {
    if (s.name != name) continue;
    bool all = true;
    for (const auto& [k, v] : labels) all = all && s.labels.count(k) && s.labels.at(k) == v;
    if (all) return &s;
  }
  return nullptr;
}

TEST(RenderOpenMetrics, FixtureFollowsTheGrammarAndEndsWithEof) {
  for (const auto& [dir, slo] : {std::pair{"regression", false}, std::pair{"slo", true}}) {
    const Report r = fixture_report(dir, slo);
    const std::string text = render_openmetrics(r);
    std::vector<Sample> samples;
    const auto problems = check_exposition(text, samples);
    EXPECT_TRUE(problems.empty()) << dir << ":\n" << ::testing::PrintToString(problems);
    ASSERT_GT(samples.size(), 0u);
    const Sample* code = find(samples, "lukhas_compare_exit_code", {});
    ASSERT_NE(code, nullptr);
    EXPECT_EQ(code->value, r.summary.exit_code);
    EXPECT_EQ(render_openmetrics(r), text);  // stable
  }
}

TEST(RenderOpenMetrics, TimesAreMediansInSeconds) {
  const Report r = fixture_report("regression");
  std::vector<Sample> samples;
  const std::string text = render_openmetrics(r);
  ASSERT_TRUE(check_exposition(text, samples).empty());
  std::size_t checked = 0;
  for (const auto& c : r.comparisons) {
    if (c.metric != "cpu_time" || !c.contender || !c.baseline) continue;
    const Sample* cont = find(samples, "lukhas_benchmark_cpu_time_seconds", {{"benchmark", c.name}, {"side", "contender"}});
    const Sample* base = find(samples, "lukhas_benchmark_cpu_time_seconds", {{"benchmark", c.name}, {"side", "baseline"}});
    ASSERT_NE(cont, nullptr) << c.name;
    ASSERT_NE(base, nullptr) << c.name;
    EXPECT_NEAR(cont->value, *c.contender * 1e-9, *c.contender * 1e-15);
    EXPECT_NEAR(base->value, *c.baseline * 1e-9, *c.baseline * 1e-15);
    const Sample* change = find(samples, "lukhas_comparison_change_ratio", {{"benchmark", c.name}, {"metric", "cpu_time"}});
    ASSERT_NE(change, nullptr);
    EXPECT_DOUBLE_EQ(change->value, *c.change);
    EXPECT_EQ(change->labels.at("verdict"), to_string(c.verdict));
    ++checked;
  }
  EXPECT_GT(checked, 0u);
  EXPECT_NE(text.find("# UNIT lukhas_benchmark_cpu_time_seconds seconds\n"), std::string::npos);
}

TEST(RenderOpenMetrics, EveryTimeUnitBecomesSeconds) {
  for (const auto& [unit, scale] : {std::pair{"ns", 1e-9}, std::pair{"us", 1e-6}, std::pair{"ms", 1e-3}, std::pair{"s", 1.0}}) {
    Row row = testing::rep("BM_Unit", 2.5, 0, unit);
    row.counters.push_back({intern_counter_name("p95_us"), 40});
    row.counters.push_back({intern_counter_name("instructions"), 1234});
    Context ctx;
    ctx["lukhas_suite"] = std::string("memory");
    const Report r = decide(side_of({row}, ctx), side_of({row}, ctx), Settings{});
    std::vector<Sample> samples;
    const std::string text = render_openmetrics(r);
    ASSERT_TRUE(check_exposition(text, samples).empty()) << text;
    const Sample* real = find(samples, "lukhas_benchmark_real_time_seconds",
                              {{"benchmark", "BM_Unit"}, {"side", "contender"}, {"suite", "memory"}});
    ASSERT_NE(real, nullptr) << text;
    EXPECT_NEAR(real->value, 2.5 * scale, 2.5 * scale * 1e-12) << unit;
    const Sample* p95 = find(samples, "lukhas_benchmark_latency_seconds", {{"benchmark", "BM_Unit"}, {"quantile", "0.95"}});
    ASSERT_NE(p95, nullptr);
    EXPECT_NEAR(p95->value, 40e-6, 1e-15);
    const Sample* ins = find(samples, "lukhas_benchmark_instructions", {{"benchmark", "BM_Unit"}, {"side", "contender"}});
    ASSERT_NE(ins, nullptr);
    EXPECT_EQ(ins->value, 1234);
  }
}

TEST(RenderOpenMetrics, HostileNamesStayInsideEscapedLabelValues) {
  const std::string hostile = "BM_\"quoted\"\\back\nline} 1\n# EOF";
  std::vector<Row> b = reps(hostile, {100, 101, 99, 100}), c = reps(hostile, {150, 151, 149, 150});
  const Report r = decide(side_of(b), side_of(c), Settings{});
  const std::string text = render_openmetrics(r);
  std::vector<Sample> samples;
  const auto problems = check_exposition(text, samples);
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems) << text;
  EXPECT_NE(text.find("benchmark=\"BM_\\\"quoted\\\"\\\\back\\nline} 1\\n# EOF\""), std::string::npos) << text;
  // The value reads back as the name.
  const Sample* s = find(samples, "lukhas_benchmark_cpu_time_seconds", {{"side", "contender"}});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->labels.at("benchmark"), hostile);
  // A bidi override is made visible, as in every other output.
  EXPECT_EQ(openmetrics_label_value("a\xE2\x80\xAE" "b"), "a\\\\u202Eb");
}

TEST(RenderOpenMetrics, NamesAreSanitised) {
  EXPECT_EQ(openmetrics_name("p95_us"), "p95_us");
  EXPECT_EQ(openmetrics_name("ops/s"), "ops_s");
  EXPECT_EQ(openmetrics_name("9lives"), "_9lives");
  EXPECT_EQ(openmetrics_name(""), "_");
  EXPECT_EQ(openmetrics_name("a:b-c.d\xC3\xA9"), "a:b_c_d__");
}

TEST(RenderOpenMetrics, SloValuesTargetsAndPasses) {
  const Report r = fixture_report("slo", true);
  std::vector<Sample> samples;
  const std::string text = render_openmetrics(r);
  ASSERT_TRUE(check_exposition(text, samples).empty());
  std::size_t checked = 0;
  for (const auto& s : r.slo) {
    const Sample* pass = find(samples, "lukhas_slo_pass", {{"slo", s.id}, {"benchmark", s.benchmark}});
    ASSERT_NE(pass, nullptr) << s.id;
    EXPECT_EQ(pass->value, s.verdict == SloVerdict::pass ? 1 : 0);
    if (s.value && s.unit == "us") {
      const Sample* v = find(samples, "lukhas_slo_value_seconds", {{"slo", s.id}, {"benchmark", s.benchmark}});
      ASSERT_NE(v, nullptr);
      EXPECT_NEAR(v->value, *s.value * 1e-6, *s.value * 1e-15);
      ++checked;
    }
  }
  EXPECT_GT(checked, 0u);
}

}  // namespace
}  // namespace lukhas::compare
