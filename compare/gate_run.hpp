#pragma once
// The shell of `bench-compare gate` (gate.hpp is the pure part): reads the
// command line into sections, loads and compares each, writes the reports.
#include <iosfwd>
#include <string>
#include <vector>

#include "compare/cli.hpp"
#include "compare/gate.hpp"

namespace lukhas::compare {

// One section, run: inputs that are missing or malformed become problems of
// the section (exit 2), never an exception, so the other sections still run.
SectionResult run_section(const SectionSpec& spec);

// args[0] is the program name, args[1] "gate".
int cmd_gate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const CliEnv& env);

}  // namespace lukhas::compare
