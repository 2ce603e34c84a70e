#pragma once
// A property a fuzz target asserts: on failure, print where and abort, so
// libFuzzer (or the corpus replay under the sanitizers) records the input.
// Unlike assert(), it holds in every build type.
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                  \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                       \
    }                                                                                     \
  } while (0)
