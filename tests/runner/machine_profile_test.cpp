// The machine profile (runner/machine_profile.hpp). Time baselines are
// stored under the profile's name (baselines/time-<profile>-<suite>.json), so
// a name must never change for the same machine and build: the known answers
// below were computed outside the runner, with `sha256sum` over the same
// key=value lines.
#include "runner/machine_profile.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "runner/process.hpp"
#include "test_util.hpp"

namespace lukhas::runner {
namespace {

// Two processors; "model name" comes before "model" so that a prefix match
// on "model" would take the wrong line.
constexpr const char* kCpuinfo =
    "processor\t: 0\n"
    "vendor_id\t: AuthenticAMD\n"
    "cpu family\t: 26\n"
    "model name\t: AMD EPYC\n"
    "model\t\t: 2\n"
    "stepping\t: 1\n"
    "flags\t\t: fpu vme sse2 avx2\n"
    "\n"
    "processor\t: 1\n"
    "vendor_id\t: AuthenticAMD\n"
    "cpu family\t: 25\n"
    "model name\t: AMD EPYC (other)\n"
    "model\t\t: 1\n"
    "stepping\t: 0\n";

ProfileInputs epyc_inputs() {
  ProfileInputs in;
  in.model = "AMD EPYC";
  in.cpu = "AuthenticAMD family 26 model 2 stepping 1 (AMD EPYC)";
  in.caches = "unknown";
  in.cpus = "2";
  in.compiler = "c++ (Debian 12.2.0-14+deb12u1) 12.2.0";
  in.flags = "Release: -O2 -DNDEBUG";
  return in;
}

TEST(CpuinfoField, MatchesTheWholeKeyOfTheFirstProcessor) {
  EXPECT_EQ(cpuinfo_field(kCpuinfo, "model"), "2");
  EXPECT_EQ(cpuinfo_field(kCpuinfo, "model name"), "AMD EPYC");
  EXPECT_EQ(cpuinfo_field(kCpuinfo, "cpu family"), "26");
  EXPECT_EQ(cpuinfo_field(kCpuinfo, "vendor_id"), "AuthenticAMD");
  EXPECT_EQ(cpuinfo_field(kCpuinfo, "stepping"), "1");
  EXPECT_EQ(cpuinfo_field(kCpuinfo, "flags"), "fpu vme sse2 avx2");
}

TEST(CpuinfoField, AbsentKeysAndPrefixesGiveEmpty) {
  EXPECT_EQ(cpuinfo_field(kCpuinfo, "microcode"), "");
  EXPECT_EQ(cpuinfo_field(kCpuinfo, "mode"), "");       // a prefix of "model"
  EXPECT_EQ(cpuinfo_field(kCpuinfo, "cpu"), "");        // a prefix of "cpu family"
  EXPECT_EQ(cpuinfo_field("", "model"), "");
  EXPECT_EQ(cpuinfo_field("model\n", "model"), "");      // no ':'
  EXPECT_EQ(cpuinfo_field("model\t:\n", "model"), "");  // empty value
}

TEST(InputsFrom, BuildsTheCpuLineFromCpuinfo) {
  const ProfileInputs in = inputs_from(kCpuinfo, "L2 1024K L3 32768K", 2, "g++ 12", "Release: -O2");
  EXPECT_EQ(in.model, "AMD EPYC");
  EXPECT_EQ(in.cpu, "AuthenticAMD family 26 model 2 stepping 1 (AMD EPYC)");
  EXPECT_EQ(in.caches, "L2 1024K L3 32768K");
  EXPECT_EQ(in.cpus, "2");
  EXPECT_EQ(in.compiler, "g++ 12");
  EXPECT_EQ(in.flags, "Release: -O2");
}

TEST(InputsFrom, NoCachesReadIsUnknown) {
  EXPECT_EQ(inputs_from(kCpuinfo, "", 4, "c", "f").caches, "unknown");
}

TEST(InputsFrom, SqueezesRunsOfSpacesAndDropsTrailingOnes) {
  // An empty CMAKE_CXX_FLAGS leaves "Release:  -O2 ..." (two spaces): the
  // same flags must give the same text, however the cache spaced them.
  EXPECT_EQ(inputs_from(kCpuinfo, "", 2, "c", "Release:  -O2   -DNDEBUG  ").flags, "Release: -O2 -DNDEBUG");
  EXPECT_EQ(inputs_from(kCpuinfo, "", 2, "c", "Debug: -g ").flags, "Debug: -g");
  EXPECT_EQ(inputs_from(kCpuinfo, "", 2, "c", "none:  ").flags, "none:");
}

TEST(FlagsFromCache, BuildTypeThenGeneralThenTypeFlags) {
  const std::string cache =
      "# This is the CMakeCache file.\n"
      "//Choose the type of build\n"
      "CMAKE_BUILD_TYPE:STRING=Release\n"
      "CMAKE_CXX_FLAGS_DEBUG:STRING=-g\n"
      "CMAKE_CXX_FLAGS_RELEASE:STRING=-O2 -DNDEBUG\n"
      "CMAKE_CXX_FLAGS:STRING=-march=x86-64-v2\n"
      "CMAKE_CXX_COMPILER:FILEPATH=/usr/bin/c++\n";
  EXPECT_EQ(flags_from_cache(cache), "Release: -march=x86-64-v2 -O2 -DNDEBUG");
  EXPECT_EQ(cache_value(cache, "CMAKE_CXX_COMPILER"), "/usr/bin/c++");
  EXPECT_EQ(cache_value(cache, "CMAKE_CXX_FLAGS"), "-march=x86-64-v2");  // not _DEBUG or _RELEASE
  EXPECT_EQ(cache_value(cache, "CMAKE_C_FLAGS"), "");
}

TEST(FlagsFromCache, TypeFlagsFollowTheBuildTypeInUpperCase) {
  const std::string cache =
      "CMAKE_CXX_FLAGS:STRING=\n"
      "CMAKE_BUILD_TYPE:STRING=RelWithDebInfo\n"
      "CMAKE_CXX_FLAGS_RELEASE:STRING=-O3\n"
      "CMAKE_CXX_FLAGS_RELWITHDEBINFO:STRING=-O2 -g -DNDEBUG\n";
  EXPECT_EQ(flags_from_cache(cache), "RelWithDebInfo:  -O2 -g -DNDEBUG");
}

TEST(FlagsFromCache, NoBuildTypeIsNone) {
  EXPECT_EQ(flags_from_cache("CMAKE_CXX_FLAGS:STRING=-Wall\nCMAKE_BUILD_TYPE:STRING=\n"), "none: -Wall ");
  EXPECT_EQ(flags_from_cache(""), "none:  ");
}

TEST(FlagsFromCache, AValueMayHoldEqualsSigns) {
  EXPECT_EQ(cache_value("CMAKE_CXX_FLAGS:STRING=-DA=1 -DB=2\n", "CMAKE_CXX_FLAGS"), "-DA=1 -DB=2");
}

TEST(MakeProfile, GivesTheNameOfTheCommittedTimeBaselines) {
  // The inputs recorded in baselines/time-amd-epyc-2c-cb2001d2-*.json
  // (lukhas_profile_* in their context): the same inputs must give the name
  // those files are stored under, or main runs stop finding them.
  ProfileInputs in;
  in.model = "AMD EPYC";
  in.cpu = "AuthenticAMD family 25 model 17 stepping 1 (AMD EPYC)";
  in.caches = "L2 1024K L3 32768K";
  in.cpus = "2";
  in.compiler = "c++ (Debian 12.2.0-14+deb12u1) 12.2.0";
  in.flags = "Release: -O2 -DNDEBUG";
  EXPECT_EQ(make_profile(in).name, "amd-epyc-2c-cb2001d2");
}

TEST(MakeProfile, GivesAFixedNameForFixedInputs) {
  // A machine whose cache sizes are not readable (caches=unknown).
  const Profile p = make_profile(epyc_inputs());
  EXPECT_EQ(p.name, "amd-epyc-2c-55189408");
  EXPECT_EQ(p.inputs_text(),
            "cpu=AuthenticAMD family 26 model 2 stepping 1 (AMD EPYC)\n"
            "caches=unknown\n"
            "cpus=2\n"
            "compiler=c++ (Debian 12.2.0-14+deb12u1) 12.2.0\n"
            "flags=Release: -O2 -DNDEBUG\n");
}

TEST(MakeProfile, FromCpuinfoToTheSameName) {
  const ProfileInputs in = inputs_from(kCpuinfo, "", 2, "c++ (Debian 12.2.0-14+deb12u1) 12.2.0",
                                       "Release:  -O2 -DNDEBUG ");
  EXPECT_EQ(make_profile(in).name, "amd-epyc-2c-55189408");
}

TEST(MakeProfile, PrefixDropsTrademarksAndPunctuation) {
  ProfileInputs in;
  in.model = "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz";
  in.cpu = "GenuineIntel family 6 model 106 stepping 6 (Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz)";
  in.caches = "L2 1280K L3 55296K";
  in.cpus = "8";
  in.compiler = "g++ (GCC) 13.2.0";
  in.flags = "RelWithDebInfo: -march=x86-64-v2 -O2 -g -DNDEBUG";
  EXPECT_EQ(make_profile(in).name, "intel-xeon-platinum-8375c-cpu-2-90ghz-8c-08ad2bf6");

  in.model = "  --Weird (TM) Name--  ";
  EXPECT_TRUE(make_profile(in).name.starts_with("weird-name-8c-")) << make_profile(in).name;
}

TEST(MakeProfile, EveryInputMovesTheHash) {
  const std::string base = make_profile(epyc_inputs()).name;
  for (std::string ProfileInputs::*field : {&ProfileInputs::cpu, &ProfileInputs::caches, &ProfileInputs::compiler,
                                            &ProfileInputs::flags}) {
    ProfileInputs in = epyc_inputs();
    in.*field += "x";
    const std::string name = make_profile(in).name;
    EXPECT_TRUE(name.starts_with("amd-epyc-2c-")) << name;
    EXPECT_NE(name, base);
  }
  ProfileInputs in = epyc_inputs();
  in.cpus = "4";
  EXPECT_TRUE(make_profile(in).name.starts_with("amd-epyc-4c-")) << make_profile(in).name;
}

TEST(ProfileContext, ReplacesGoogleBenchmarksSeparatorsInValues) {
  ProfileInputs in = epyc_inputs();
  in.compiler = "g++ (a=b, c) 12";
  in.flags = "Release: -DX=1,2";
  const Profile p = make_profile(in);
  EXPECT_EQ(p.context(),
            "lukhas_machine_profile=" + p.name +
                ",lukhas_profile_cpu=AuthenticAMD family 26 model 2 stepping 1 (AMD EPYC)"
                ",lukhas_profile_caches=unknown"
                ",lukhas_profile_cpus=2"
                ",lukhas_profile_compiler=g++ (a:b; c) 12"
                ",lukhas_profile_flags=Release: -DX:1;2");
  // The hash is over the raw values, not the context's.
  EXPECT_NE(p.inputs_text().find("compiler=g++ (a=b, c) 12\n"), std::string::npos);
}

TEST(ProfileLines, KeysInTheHashedOrder) {
  const auto lines = make_profile(epyc_inputs()).lines();
  ASSERT_EQ(lines.size(), 5u);
  const char* const keys[] = {"cpu", "caches", "cpus", "compiler", "flags"};
  for (std::size_t i = 0; i < lines.size(); ++i) EXPECT_EQ(lines[i].first, keys[i]);
}

TEST(MachineProfile, ThisMachineGivesAWellFormedName) {
  const Profile p = machine_profile("");
  EXPECT_TRUE(std::regex_match(p.name, std::regex("[a-z0-9]+(-[a-z0-9]+)*-[0-9]+c-[0-9a-f]{8}"))) << p.name;
  EXPECT_EQ(p.inputs.flags, "Release: -O2 -DNDEBUG");
  EXPECT_EQ(make_profile(p.inputs).name, p.name);
}

TEST(MachineProfile, ABuildTreeGivesItsFlags) {
  const Profile p = machine_profile(LUKHAS_BUILD_DIR);
  // This test is built in that tree, so the profile shows its build type.
  EXPECT_TRUE(p.inputs.flags.find(':') != std::string::npos) << p.inputs.flags;
  EXPECT_FALSE(p.inputs.compiler.starts_with("unknown")) << p.inputs.compiler;
}

TEST(MachineProfile, AFolderThatIsNotACMakeTreeIsRefusedByName) {
  test::TempDir dir;
  try {
    machine_profile(dir.path());
    FAIL() << "no ProcessError";
  } catch (const ProcessError& e) {
    EXPECT_NE(e.message.find(dir.path().string()), std::string::npos) << e.message;
    EXPECT_NE(e.message.find("CMakeCache.txt"), std::string::npos) << e.message;
  }
}

}  // namespace
}  // namespace lukhas::runner
