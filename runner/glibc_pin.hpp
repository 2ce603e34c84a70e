#pragma once
// The environment of an instruction-mode run (docs/gate.md, "Counts that
// travel"). glibc picks memcpy, memmove, memset, memcmp, strlen, ... variants
// at load time from the CPU's features (IFUNC) and sizes their strategies
// from its cache sizes; callgrind counts whichever variant runs, so the same
// binary counted 0.1-2% differently on two CPU generations. Instruction runs
// hide every optional feature glibc may dispatch on and fix the cache
// figures, so every x86-64 CPU gets the same baseline (SSE2) routines.
#include <optional>
#include <string>
#include <vector>

namespace lukhas::runner {

// A glibc.cpu.hwcaps list such as "-AVX2,-AVX,-ERMS" (a name without "-"
// sets a preference such as Slow_BSF).
bool is_hwcaps_mask(const std::string& mask);

// The mask inside a caller's GLIBC_TUNABLES ("a=b:glibc.cpu.hwcaps=-AVX2:..."),
// if it has one.
std::optional<std::string> hwcaps_in_tunables(const std::string& tunables);

// The GLIBC_TUNABLES value of a pinned run. `emulate` (a mask that makes
// glibc see an older CPU) goes in front of the pin, which then still holds.
// The feature list is padded to one length whatever the emulated mask: the
// environment's length moves the stack and, with it, a few benchmarks'
// counts (by ~0.001%).
std::string pinned_tunables(const std::string& emulate);

// The fixed environment of every instruction-mode run: the same strings on
// every machine and for every output folder (their lengths move the client's
// stack and heap, and with them the counts of string-heavy code by up to ~3%).
// LD_BIND_NOW binds symbols at start-up rather than inside the first measured
// loop that calls them. `tunables` empty: no GLIBC_TUNABLES. `passed`: extra
// NAME=VALUE entries kept from the caller (LUKHAS_IDENTITY_MAX_USERS).
std::vector<std::string> instruction_environment(const std::string& tunables,
                                                 const std::vector<std::string>& passed);

}  // namespace lukhas::runner
