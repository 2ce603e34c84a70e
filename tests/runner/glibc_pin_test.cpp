// The pinned environment of instruction-mode runs (runner/glibc_pin.hpp).
#include "runner/glibc_pin.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lukhas::runner {
namespace {

// The hwcaps list of a GLIBC_TUNABLES value: between "glibc.cpu.hwcaps=" and
// the first ':'.
std::string hwcaps_list(const std::string& tunables) {
  const std::string prefix = "glibc.cpu.hwcaps=";
  if (!tunables.starts_with(prefix)) return "<no hwcaps prefix>";
  return tunables.substr(prefix.size(), tunables.find(':') - prefix.size());
}

// GOLDEN COPY. The committed instruction baselines (baselines/instructions-*.json)
// were recorded with exactly this GLIBC_TUNABLES value: the routines glibc
// picks, the cache figures, and even the value's length (it moves the stack,
// and with it some counts) are part of what the counts mean. Any change to
// pinned_tunables("") must fail here; change this copy only together with
// refreshed baselines (ci/update-baselines --no-time), in the same commit.
const std::string kPinnedTunables =
    "glibc.cpu.hwcaps="
    "-AVX,-AVX2,-AVX512F,-AVX512CD,-AVX512BW,-AVX512DQ,-AVX512ER,-AVX512PF,-AVX512VL,"
    "-BMI1,-BMI2,-ERMS,-FMA,-FMA4,-LZCNT,-MOVBE,-POPCNT,-RTM,-SSE4_1,-SSE4_2,-SSSE3,"
    "-XSAVE,-XSAVEC,-OSXSAVE,-F16C,"
    "-Fast_Unaligned_Load,-Fast_Unaligned_Copy,-Fast_Copy_Backward,-Fast_Rep_String,"
    "-AVX_Fast_Unaligned_Load,-Prefer_ERMS,-Prefer_FSRM,-Prefer_PMINUB_for_stringop,"
    "-Slow_BSF,-Slow_SSE4_2,-Prefer_No_VZEROUPPER,-Prefer_No_AVX512,"
    "-Avoid_Short_Distance_REP_MOVSB,"
    // The padding: "-" and 557 'Z' (a name glibc ignores), to 1000 characters.
    "-"
    "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"
    "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"
    "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"
    "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"
    "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"
    "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"
    ":glibc.cpu.x86_data_cache_size=0x8000"
    ":glibc.cpu.x86_shared_cache_size=0x100000"
    ":glibc.cpu.x86_non_temporal_threshold=0xc0000"
    ":glibc.cpu.x86_rep_movsb_threshold=0x800"
    ":glibc.cpu.x86_rep_stosb_threshold=0x800";

const char* const kCacheSettings[] = {
    "glibc.cpu.x86_data_cache_size=0x8000", "glibc.cpu.x86_shared_cache_size=0x100000",
    "glibc.cpu.x86_non_temporal_threshold=0xc0000", "glibc.cpu.x86_rep_movsb_threshold=0x800",
    "glibc.cpu.x86_rep_stosb_threshold=0x800"};

TEST(GlibcPin, PinnedTunablesIsTheGoldenCopyTheBaselinesWereRecordedWith) {
  EXPECT_EQ(kPinnedTunables.size(), 1220u);  // the golden copy itself was not mistyped
  EXPECT_EQ(pinned_tunables(""), kPinnedTunables);
}

TEST(GlibcPin, TheHwcapsListIsPaddedTo1000CharactersWithOrWithoutAnEmulatedMask) {
  for (const std::string emulate : {"", "-AVX2,-AVX,-ERMS", "-AVX2", "Slow_BSF,-ERMS,-AVX512F,-AVX512VL"}) {
    const std::string t = pinned_tunables(emulate);
    EXPECT_EQ(hwcaps_list(t).size(), 1000u) << emulate;
    // So the whole value, and the environment, has one length too.
    EXPECT_EQ(t.size(), kPinnedTunables.size()) << emulate;
    EXPECT_TRUE(is_hwcaps_mask(hwcaps_list(t))) << emulate;
  }
}

TEST(GlibcPin, AnEmulatedMaskGoesInFrontOfTheWholePin) {
  const std::string t = pinned_tunables("-AVX2,-AVX,-ERMS");
  EXPECT_TRUE(t.starts_with("glibc.cpu.hwcaps=-AVX2,-AVX,-ERMS,-AVX,-AVX2,-AVX512F,")) << t;
  // The pin still holds after it: its every feature and the padding follow.
  const std::string golden_list = hwcaps_list(kPinnedTunables);
  const std::string pin_features = golden_list.substr(0, golden_list.find(",-Z"));
  EXPECT_NE(t.find("-AVX2,-AVX,-ERMS," + pin_features + ",-ZZZ"), std::string::npos) << t;
  EXPECT_TRUE(t.ends_with(kPinnedTunables.substr(kPinnedTunables.find(':')))) << t;
}

TEST(GlibcPin, EveryCacheSettingIsPinnedWithOrWithoutAMask) {
  for (const std::string emulate : {"", "-AVX2,-AVX,-ERMS"}) {
    const std::string t = pinned_tunables(emulate);
    for (const char* setting : kCacheSettings) {
      EXPECT_NE(t.find(std::string(":") + setting), std::string::npos) << emulate << " lacks " << setting;
    }
  }
}

TEST(GlibcPin, IsHwcapsMaskAcceptsGlibcLists) {
  for (const char* ok : {"-AVX2,-AVX", "Slow_BSF,-ERMS", "-AVX2", "AVX512F", "-SSE4_2,-Prefer_No_VZEROUPPER"}) {
    EXPECT_TRUE(is_hwcaps_mask(ok)) << ok;
  }
}

TEST(GlibcPin, IsHwcapsMaskRefusesAnythingElse) {
  // A mask ends up inside GLIBC_TUNABLES (':'-separated) and in messages: no
  // separators, blanks or shell characters get through.
  for (const char* bad : {"", "-AVX2,,", "-AVX2,", ",-AVX2", "-AVX2;rm", "a b", "-", "--AVX2", "-AVX2:glibc.x=1",
                          "-AVX2\n", "-AVX2=1", "$(id)"}) {
    EXPECT_FALSE(is_hwcaps_mask(bad)) << "'" << bad << "'";
  }
}

TEST(GlibcPin, HwcapsInTunablesFindsTheMaskAmongOtherTunables) {
  EXPECT_EQ(hwcaps_in_tunables("x=1:glibc.cpu.hwcaps=-AVX2:y=2"), "-AVX2");
  EXPECT_EQ(hwcaps_in_tunables("glibc.cpu.hwcaps=-AVX2,-AVX,-ERMS"), "-AVX2,-AVX,-ERMS");
  EXPECT_EQ(hwcaps_in_tunables("glibc.malloc.check=3:glibc.cpu.hwcaps=Slow_BSF"), "Slow_BSF");
  EXPECT_EQ(hwcaps_in_tunables("glibc.cpu.hwcaps="), "");
}

TEST(GlibcPin, HwcapsInTunablesIgnoresLookalikes) {
  EXPECT_FALSE(hwcaps_in_tunables("glibc.cpu.hwcapsX=1").has_value());
  EXPECT_FALSE(hwcaps_in_tunables("xglibc.cpu.hwcaps=-AVX2").has_value());
  EXPECT_FALSE(hwcaps_in_tunables("glibcXcpu.hwcaps=-AVX2").has_value());  // '.' is literal
  EXPECT_FALSE(hwcaps_in_tunables("").has_value());
  EXPECT_FALSE(hwcaps_in_tunables("glibc.cpu.x86_data_cache_size=0x8000").has_value());
}

TEST(GlibcPin, InstructionEnvironmentIsFixedAndOrdered) {
  // These strings, in this order, are part of the pinned environment (their
  // lengths and order place the stack): the same on every machine.
  EXPECT_EQ(instruction_environment("", {}),
            (std::vector<std::string>{"PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C", "LD_BIND_NOW=1"}));
  EXPECT_EQ(instruction_environment(kPinnedTunables, {"LUKHAS_IDENTITY_MAX_USERS=100", "B=2"}),
            (std::vector<std::string>{"PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C", "LD_BIND_NOW=1",
                                      "GLIBC_TUNABLES=" + kPinnedTunables, "LUKHAS_IDENTITY_MAX_USERS=100",
                                      "B=2"}));
  EXPECT_EQ(instruction_environment("", {"A=1"}),
            (std::vector<std::string>{"PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C", "LD_BIND_NOW=1", "A=1"}));
}

}  // namespace
}  // namespace lukhas::runner
