// Regenerates fixtures/compare/*/ (the input pairs, not the golden outputs):
//   compare_make_fixtures <repo>/fixtures/compare
#include <iostream>

#include "tests/compare/fixture_cases.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: compare_make_fixtures OUTPUT_DIR\n";
    return 2;
  }
  lukhas::compare::testing::write_fixture_cases(argv[1]);
  return 0;
}
