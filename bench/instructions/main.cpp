// callgrind-to-gbench: the thin shell around convert_files.hpp. Reads the raw
// Google Benchmark JSON of an instruction-mode run and the callgrind dumps of
// that run, writes Google Benchmark-shaped JSON with an "instructions" counter.
//
// Reads and writes through the comparator's codec (compare/gbench_json.hpp,
// compare/gbench_write.hpp), so NaN and Infinity survive as bench-compare
// reads them.
//
// Exit codes (compare/exit_codes.hpp): 0 written; 2 bad input (message names
// the file and the reason); 77 refused suite (schema: server work is not in
// the client's count).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "bench/instructions/convert_files.hpp"
#include "compare/exit_codes.hpp"

namespace {

constexpr int kExitBadInput = lukhas::to_int(lukhas::ExitCode::undecided);

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "callgrind-to-gbench: instruction-mode Google Benchmark JSON from a run under callgrind.\n"
      "Exit codes: 0 written, 2 bad input, 77 refused suite (schema)"};
  std::string raw_path;
  std::vector<std::string> dump_args;
  std::string out_path;
  std::vector<std::string> context_args;
  app.add_option("--raw", raw_path, "raw --benchmark_out JSON of the run")->required();
  app.add_option("--dumps", dump_args, "callgrind dump files, or folders holding them")
      ->required();
  app.add_option("--out", out_path, "where to write the converted JSON")->required();
  app.add_option("--context", context_args, "KEY=VALUE added to the output context");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kExitBadInput;
  }

  std::map<std::string, std::string> extra;
  for (const auto& kv : context_args) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::fprintf(stderr, "callgrind-to-gbench: --context '%s': expected KEY=VALUE\n", kv.c_str());
      return kExitBadInput;
    }
    extra[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  const auto r = lukhas::instructions::convert_files(raw_path, dump_args, out_path, extra);
  for (const auto& m : r.messages) std::fprintf(stderr, "callgrind-to-gbench: %s\n", m.c_str());
  if (r.exit_code == 0) {
    std::fprintf(stderr, "callgrind-to-gbench: %zu rows -> %s\n", r.rows, out_path.c_str());
  }
  return r.exit_code;
}
