// The main of every suite without its own preflight. LUKHAS_SUITE_NAME comes
// from the suite's CMake target.
#include "bench/support/run.hpp"

int main(int argc, char** argv) { return lukhas::bench::run(LUKHAS_SUITE_NAME, argc, argv); }
