// The suite manifest (runner/manifest.hpp): what a good one gives, and that
// every refusal names the file and the field, so a stale or hand-edited
// <build>/suites.json is fixed without reading the runner's source.
#include "runner/manifest.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "test_util.hpp"

namespace lukhas::runner {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kFile = "/b/suites.json";

json good_manifest() {
  return json::parse(R"({
    "manifest_version": 1,
    "source_dir": "/src/lukhas",
    "instruction_iterations": 50,
    "time_repetitions": 9,
    "time_min_time": 0.05,
    "latency_calls": 2000,
    "suites": [
      {"name": "memory", "binary": "bench/memory/bench_memory", "instructions": true,
       "postgres": false, "slo_calls": 10000},
      {"name": "identity", "binary": "bench/identity/bench_identity", "instructions": true,
       "postgres": false, "slo_calls": 500},
      {"name": "schema", "binary": "bench/schema/bench_schema", "instructions": false,
       "postgres": true}
    ]
  })");
}

Manifest parse(const json& j) { return parse_manifest(j.dump(), kFile, "/b"); }

// The message of the ManifestError that parsing `j` throws ("" when it parses).
std::string refusal(const std::string& text) {
  try {
    parse_manifest(text, kFile, "/b");
  } catch (const ManifestError& e) {
    return e.message;
  }
  return "";
}
std::string refusal(const json& j) { return refusal(j.dump()); }

std::vector<std::string> names(const std::vector<Suite>& suites) {
  std::vector<std::string> out;
  for (const auto& s : suites) out.push_back(s.name);
  return out;
}

TEST(Manifest, GoodManifestGivesSettingsAndSuitesInOrder) {
  const Manifest m = parse(good_manifest());
  EXPECT_EQ(m.build_dir, fs::path("/b"));
  EXPECT_EQ(m.source_dir, fs::path("/src/lukhas"));
  EXPECT_EQ(m.instruction_iterations, 50);
  EXPECT_EQ(m.time_repetitions, 9);
  EXPECT_DOUBLE_EQ(m.time_min_time, 0.05);
  EXPECT_EQ(m.latency_calls, 2000);
  EXPECT_EQ(names(m.suites), (std::vector<std::string>{"memory", "identity", "schema"}));
}

TEST(Manifest, BinaryPathsAreInsideTheBuildTreeAndFactsAreRead) {
  const Manifest m = parse_manifest(good_manifest().dump(), kFile, "/tmp/tree");
  ASSERT_EQ(m.suites.size(), 3u);
  const Suite& memory = m.suites[0];
  EXPECT_EQ(memory.binary, fs::path("/tmp/tree/bench/memory/bench_memory"));
  EXPECT_TRUE(memory.instructions);
  EXPECT_FALSE(memory.postgres);
  ASSERT_TRUE(memory.slo_calls.has_value());
  EXPECT_EQ(*memory.slo_calls, 10000);
  const Suite& schema = m.suites[2];
  EXPECT_EQ(schema.binary, fs::path("/tmp/tree/bench/schema/bench_schema"));
  EXPECT_FALSE(schema.instructions);
  EXPECT_TRUE(schema.postgres);
  EXPECT_FALSE(schema.slo_calls.has_value());
  EXPECT_EQ(m.find("identity"), &m.suites[1]);
  EXPECT_EQ(m.find("nope"), nullptr);
}

TEST(Manifest, BinaryInIsTheSameLayoutInAnotherTree) {
  EXPECT_EQ(Manifest::binary_in("/other", "handoff"), fs::path("/other/bench/handoff/bench_handoff"));
  // The A/B finds A's binaries this way: it must agree with the manifest's paths.
  const Manifest m = parse(good_manifest());
  for (const auto& s : m.suites) EXPECT_EQ(Manifest::binary_in("/b", s.name), s.binary) << s.name;
}

TEST(Manifest, AnEmptySuiteListIsAccepted) {
  json j = good_manifest();
  j["suites"] = json::array();
  EXPECT_TRUE(parse(j).suites.empty());
}

const char* const kTopFields[] = {"manifest_version", "source_dir", "instruction_iterations",
                                  "time_repetitions", "time_min_time", "latency_calls"};

TEST(Manifest, AMissingTopLevelFieldIsRefusedNamingFileAndField) {
  for (const char* key : kTopFields) {
    json j = good_manifest();
    j.erase(key);
    const std::string msg = refusal(j);
    EXPECT_NE(msg.find(kFile), std::string::npos) << key << ": " << msg;
    EXPECT_NE(msg.find(std::string("missing \"") + key + "\""), std::string::npos) << key << ": " << msg;
  }
}

TEST(Manifest, ATopLevelFieldOfTheWrongTypeIsRefusedNamingFileAndField) {
  for (const char* key : kTopFields) {
    json j = good_manifest();
    // A string where a number is expected; a number where the path is.
    j[key] = std::string(key) == "source_dir" ? json(5) : json("9");
    const std::string msg = refusal(j);
    EXPECT_NE(msg.find(kFile), std::string::npos) << key << ": " << msg;
    EXPECT_NE(msg.find(std::string("\"") + key + "\" has the wrong type"), std::string::npos) << key << ": " << msg;
  }
}

TEST(Manifest, ACountThatIsNotAWholeNumberIsRefusedNotTruncated) {
  // 9.5 repetitions or `true` iterations would otherwise run as 9 and 1.
  for (const char* key : {"instruction_iterations", "time_repetitions", "latency_calls", "manifest_version"}) {
    for (const json& bad : {json(9.5), json(true)}) {
      json j = good_manifest();
      j[key] = bad;
      const std::string msg = refusal(j);
      EXPECT_NE(msg.find(std::string("\"") + key + "\" has the wrong type"), std::string::npos)
          << key << "=" << bad.dump() << ": " << msg;
    }
  }
  json j = good_manifest();
  j["suites"][0]["slo_calls"] = 400.5;
  EXPECT_NE(refusal(j).find("\"slo_calls\" has the wrong type"), std::string::npos) << refusal(j);
}

TEST(Manifest, AWholeMinTimeIsANumberToo) {
  json j = good_manifest();
  j["time_min_time"] = 1;
  EXPECT_DOUBLE_EQ(parse(j).time_min_time, 1.0);
}

TEST(Manifest, ASuiteFieldMissingOrOfTheWrongTypeIsRefusedNamingTheEntry) {
  for (const char* key : {"name", "binary", "instructions", "postgres"}) {
    json j = good_manifest();
    j["suites"][1].erase(key);
    std::string msg = refusal(j);
    EXPECT_NE(msg.find(std::string(kFile) + ": suites[1]: missing \"" + key + "\""), std::string::npos)
        << key << ": " << msg;

    j = good_manifest();
    // Names and paths are not numbers, and the facts are true/false, not 0/1.
    j["suites"][1][key] = 1;
    msg = refusal(j);
    EXPECT_NE(msg.find(std::string(kFile) + ": suites[1]: \"" + key + "\" has the wrong type"), std::string::npos)
        << key << ": " << msg;
  }
  json j = good_manifest();
  j["suites"][2]["slo_calls"] = "many";
  EXPECT_NE(refusal(j).find("suites[2]: \"slo_calls\" has the wrong type"), std::string::npos) << refusal(j);
}

TEST(Manifest, ASuiteEntryThatIsNotAnObjectIsRefused) {
  json j = good_manifest();
  j["suites"][1] = "identity";
  const std::string msg = refusal(j);
  EXPECT_NE(msg.find(std::string(kFile) + ": suites[1]: expected an object"), std::string::npos) << msg;
}

TEST(Manifest, ManifestVersion2IsRefusedWithAHint) {
  json j = good_manifest();
  j["manifest_version"] = 2;
  const std::string msg = refusal(j);
  EXPECT_NE(msg.find(kFile), std::string::npos) << msg;
  EXPECT_NE(msg.find("manifest_version is not 1"), std::string::npos) << msg;
  EXPECT_NE(msg.find("reconfigure"), std::string::npos) << msg;
}

TEST(Manifest, TextThatIsNotJsonIsRefusedNamingTheFile) {
  for (const std::string text : {"", "{", "suites: []", "{\"manifest_version\": 1,}"}) {
    const std::string msg = refusal(text);
    EXPECT_NE(msg.find(std::string(kFile) + ": not JSON"), std::string::npos) << "'" << text << "': " << msg;
  }
}

TEST(Manifest, JsonThatIsNotAnObjectIsRefused) {
  for (const std::string text : {"[]", "1", "\"suites\"", "null"}) {
    const std::string msg = refusal(text);
    EXPECT_NE(msg.find(std::string(kFile) + ": expected an object"), std::string::npos) << text << ": " << msg;
  }
}

TEST(Manifest, SuitesMissingOrNotAnArrayIsRefused) {
  for (const json& bad : {json::object(), json("memory"), json(nullptr)}) {
    json j = good_manifest();
    j["suites"] = bad;
    const std::string msg = refusal(j);
    EXPECT_NE(msg.find(std::string(kFile) + ": \"suites\" must be an array"), std::string::npos)
        << bad.dump() << ": " << msg;
  }
  json j = good_manifest();
  j.erase("suites");
  EXPECT_NE(refusal(j).find("\"suites\" must be an array"), std::string::npos) << refusal(j);
}

// --- select -----------------------------------------------------------------

std::string select_refusal(const Manifest& m, const std::string& list) {
  try {
    m.select(list);
  } catch (const ManifestError& e) {
    return e.message;
  }
  return "";
}

TEST(ManifestSelect, EmptyListIsEverySuiteInManifestOrder) {
  const Manifest m = parse(good_manifest());
  EXPECT_EQ(names(m.select("")), (std::vector<std::string>{"memory", "identity", "schema"}));
}

TEST(ManifestSelect, TheListsOrderIsKept) {
  const Manifest m = parse(good_manifest());
  EXPECT_EQ(names(m.select("schema,memory")), (std::vector<std::string>{"schema", "memory"}));
  EXPECT_EQ(names(m.select("identity")), (std::vector<std::string>{"identity"}));
  const auto picked = m.select("schema");
  ASSERT_EQ(picked.size(), 1u);
  EXPECT_TRUE(picked[0].postgres);  // the whole entry, not just the name
  EXPECT_EQ(picked[0].binary, fs::path("/b/bench/schema/bench_schema"));
}

TEST(ManifestSelect, AnUnknownNameIsRefusedListingTheKnownOnes) {
  const Manifest m = parse(good_manifest());
  const std::string msg = select_refusal(m, "memory,nope");
  EXPECT_NE(msg.find("'nope'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("memory, identity, schema"), std::string::npos) << msg;
  // Names are exact: no case folding, no prefixes, no surrounding blanks.
  EXPECT_NE(select_refusal(m, "Memory"), "");
  EXPECT_NE(select_refusal(m, "mem"), "");
  EXPECT_NE(select_refusal(m, "memory, schema"), "");
  EXPECT_NE(select_refusal(m, ",memory"), "");
}

TEST(ManifestSelect, ARepeatedNameIsRefused) {
  const Manifest m = parse(good_manifest());
  const std::string msg = select_refusal(m, "memory,schema,memory");
  EXPECT_NE(msg.find("'memory'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("twice"), std::string::npos) << msg;
}

// --- load_manifest ------------------------------------------------------------

TEST(LoadManifest, AFolderWithoutAManifestSaysHowToMakeOne) {
  test::TempDir dir;
  try {
    load_manifest(dir.path());
    FAIL() << "no ManifestError";
  } catch (const ManifestError& e) {
    EXPECT_NE(e.message.find((dir.path() / "suites.json").string()), std::string::npos) << e.message;
    EXPECT_NE(e.message.find("cmake --preset"), std::string::npos) << e.message;
  }
}

TEST(LoadManifest, ReadsTheFileAndNamesItInRefusals) {
  test::TempDir dir;
  test::write_file(dir / "suites.json", good_manifest().dump(2));
  const Manifest m = load_manifest(dir.path());
  EXPECT_EQ(m.build_dir, dir.path());
  ASSERT_EQ(m.suites.size(), 3u);
  EXPECT_EQ(m.suites[0].binary, dir.path() / "bench/memory/bench_memory");

  json j = good_manifest();
  j["suites"][0].erase("postgres");
  test::write_file(dir / "suites.json", j.dump());
  try {
    load_manifest(dir.path());
    FAIL() << "no ManifestError";
  } catch (const ManifestError& e) {
    EXPECT_NE(e.message.find((dir.path() / "suites.json").string() + ": suites[0]: missing \"postgres\""),
              std::string::npos)
        << e.message;
  }
}

TEST(LoadManifest, ARelativeBuildFolderGivesAbsoluteBinaries) {
  test::TempDir dir;
  test::write_file(dir / "tree/suites.json", good_manifest().dump());
  const fs::path before = fs::current_path();
  fs::current_path(dir.path());
  Manifest m;
  try {
    m = load_manifest("tree/./");
  } catch (...) {
    fs::current_path(before);
    throw;
  }
  fs::current_path(before);
  ASSERT_FALSE(m.suites.empty());
  EXPECT_TRUE(m.suites[0].binary.is_absolute()) << m.suites[0].binary;
  EXPECT_EQ(m.suites[0].binary.lexically_normal(), (dir / "tree/bench/memory/bench_memory").lexically_normal());
}

// The manifest this build tree's configure step wrote (cmake/LukhasBench.cmake)
// reads back as the suite list bench/suites.cmake registered, with its settings.
TEST(LoadManifest, TheConfiguredTreesManifestMatchesTheSuiteList) {
  const Manifest m = load_manifest(LUKHAS_BUILD_DIR);
  std::vector<std::string> expected;
  std::stringstream in(LUKHAS_SUITE_NAMES);
  for (std::string name; std::getline(in, name, ',');) expected.push_back(name);
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(names(m.suites), expected);
  EXPECT_EQ(fs::path(m.source_dir).lexically_normal(), fs::path(LUKHAS_SOURCE_DIR).lexically_normal());
  EXPECT_EQ(m.instruction_iterations, LUKHAS_MANIFEST_INSTRUCTION_ITERATIONS);
  EXPECT_EQ(m.time_repetitions, LUKHAS_MANIFEST_TIME_REPETITIONS);
  EXPECT_DOUBLE_EQ(m.time_min_time, LUKHAS_MANIFEST_TIME_MIN_TIME);
  EXPECT_EQ(m.latency_calls, LUKHAS_MANIFEST_LATENCY_CALLS);
  for (const auto& s : m.suites) {
    EXPECT_EQ(s.binary, Manifest::binary_in(m.build_dir, s.name)) << s.name;
    if (s.slo_calls) {
      EXPECT_GT(*s.slo_calls, 0) << s.name;
    }
  }
}

}  // namespace
}  // namespace lukhas::runner
