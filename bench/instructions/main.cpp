// callgrind-to-gbench: the thin shell around conversion.hpp. Reads the raw
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
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench/instructions/callgrind_dump.hpp"
#include "bench/instructions/conversion.hpp"
#include "compare/errors.hpp"
#include "compare/exit_codes.hpp"
#include "compare/gbench_json.hpp"
#include "compare/gbench_write.hpp"
#include "compare/io.hpp"

namespace fs = std::filesystem;
using lukhas::instructions::Dump;

namespace {

constexpr int kExitBadInput = lukhas::to_int(lukhas::ExitCode::undecided);
constexpr int kExitRefused = lukhas::to_int(lukhas::ExitCode::skipped);

struct InputError {
  std::string message;
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw InputError{fmt::format("{}: cannot open", p.string())};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool is_callgrind_file(const fs::path& p) {
  std::ifstream in(p);
  std::string first;
  std::getline(in, first);
  return first.starts_with("# callgrind format") || first.starts_with("version:");
}

std::vector<fs::path> dump_files(const std::vector<std::string>& args) {
  std::vector<fs::path> files;
  for (const auto& a : args) {
    const fs::path p(a);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::directory_iterator(p)) {
        if (e.is_regular_file() && is_callgrind_file(e.path())) files.push_back(e.path());
      }
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      throw InputError{fmt::format("{}: no such file or directory", a)};
    }
  }
  return files;
}

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

  try {
    std::map<std::string, std::string> extra;
    for (const auto& kv : context_args) {
      const auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) {
        throw InputError{fmt::format("--context '{}': expected KEY=VALUE", kv)};
      }
      extra[kv.substr(0, eq)] = kv.substr(eq + 1);
    }

    const lukhas::compare::GbenchFile raw = lukhas::compare::read_gbench_file(raw_path);

    std::vector<Dump> dumps;
    std::vector<std::string> problems;
    for (const auto& f : dump_files(dump_args)) {
      auto parsed = lukhas::instructions::parse_dump(read_file(f), f.string());
      problems.insert(problems.end(), parsed.problems.begin(), parsed.problems.end());
      if (parsed.dump) dumps.push_back(*parsed.dump);
    }
    if (!problems.empty()) {
      for (const auto& p : problems) std::fprintf(stderr, "callgrind-to-gbench: %s\n", p.c_str());
      return kExitBadInput;
    }

    auto c = lukhas::instructions::convert(raw, raw_path, std::move(dumps), extra);
    if (!c.problems.empty()) {
      for (const auto& p : c.problems) std::fprintf(stderr, "callgrind-to-gbench: %s\n", p.c_str());
      return c.refused ? kExitRefused : kExitBadInput;
    }
    for (const auto& e : c.excluded) {
      std::fprintf(stderr, "callgrind-to-gbench: excluded %s: %s\n", e.name.c_str(),
                   e.reason.c_str());
    }

    lukhas::compare::write_file_atomic(out_path, lukhas::compare::write_gbench_json(c.output));
    std::fprintf(stderr, "callgrind-to-gbench: %zu rows -> %s\n", c.output.rows.size(),
                 out_path.c_str());
    return 0;
  } catch (const lukhas::compare::InputError& e) {
    std::fprintf(stderr, "callgrind-to-gbench: %s\n", e.what());
    return kExitBadInput;
  } catch (const InputError& e) {
    std::fprintf(stderr, "callgrind-to-gbench: %s\n", e.message.c_str());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "callgrind-to-gbench: %s\n", e.what());
    return kExitBadInput;
  }
}
