// bench_schema's own main: connect (exit 77 with the one-line reason when no
// server can be reached), make sure schema and data are loaded at
// --lukhas_scale, add the PostgreSQL context, then the common run().
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "bench/schema/schema_env.hpp"
#include "bench/support/run.hpp"
#include "core/db/connection.hpp"
#include "core/db/error.hpp"
#include "fixtures/datagen/dataset.hpp"
#include "fixtures/datagen/loader.hpp"

namespace {

constexpr int kDefaultScale = 10;  // 100,000 users: the size the plan tests check

struct SuiteFlags {
  int scale = kDefaultScale;
  std::uint64_t seed = lukhas::bench::Options{}.seed;
  bool help = false;
  bool list_only = false;  // --benchmark_list_tests: names only, no server needed
  std::string error;
};

// Takes --lukhas_scale out of argv (run() does not know it) and peeks at
// --lukhas_seed, which run() parses again for the context.
SuiteFlags take_suite_flags(int& argc, char** argv) {
  SuiteFlags f;
  std::vector<char*> keep{argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value_of = [&](const std::string& name) -> std::optional<std::string> {
      if (a.rfind(name + "=", 0) == 0) return a.substr(name.size() + 1);
      if (a == name && i + 1 < argc) return std::string(argv[++i]);
      return std::nullopt;
    };
    if (a == "--help" || a == "-h") f.help = true;
    if (a == "--benchmark_list_tests" || a == "--benchmark_list_tests=true") f.list_only = true;
    if (a.rfind("--lukhas_scale", 0) == 0) {
      const auto v = value_of("--lukhas_scale");
      try {
        std::size_t used = 0;
        f.scale = v ? std::stoi(*v, &used) : 0;
        if (!v || used != v->size() || f.scale < 1 || f.scale > 1000) throw std::invalid_argument("range");
      } catch (const std::exception&) {
        f.error = fmt::format("--lukhas_scale: '{}' is not a whole number in 1..1000", v.value_or(""));
      }
      continue;
    }
    if (a.rfind("--lukhas_seed", 0) == 0) {
      const auto eq = a.find('=');
      if (eq != std::string::npos) {
        try {
          f.seed = std::stoull(a.substr(eq + 1));
        } catch (const std::exception&) {
          // run() reports the bad value with its usual message.
        }
      } else if (i + 1 < argc) {
        keep.push_back(argv[i]);
        try {
          f.seed = std::stoull(argv[i + 1]);
        } catch (const std::exception&) {
        }
        keep.push_back(argv[++i]);
        continue;
      }
    }
    keep.push_back(argv[i]);
  }
  for (std::size_t k = 0; k < keep.size(); ++k) argv[k] = keep[k];
  argc = static_cast<int>(keep.size());
  argv[argc] = nullptr;
  return f;
}

std::string non_default_settings(pqxx::connection& conn) {
  pqxx::nontransaction tx(conn);
  std::string out;
  for (const auto& r : tx.exec(
           "SELECT name, current_setting(name) FROM pg_settings"
           " WHERE source NOT IN ('default', 'override', 'client', 'session') ORDER BY name")) {
    if (!out.empty()) out += "; ";
    std::string value = r[1].c_str();
    // The throwaway server's socket folder differs every run; keep the
    // context stable for diffs.
    if (value.find("/lukhas-pg.") != std::string::npos) value = "<throwaway folder>";
    out += fmt::format("{}={}", r[0].c_str(), value);
  }
  return out;
}

// "throwaway" when the target is the server fixtures/pg/throwaway-pg started
// (its state file names the same DSN), else "user-supplied".
std::string server_kind(const lukhas::db::Target& target) {
  if (!target.state.empty()) return "throwaway";
  const char* path = std::getenv("LUKHAS_PG_STATE");
  if (path == nullptr) return "user-supplied";
  const auto state = lukhas::db::read_state_file(path);
  if (state && state->count("status") && state->at("status") == "running" && state->count("dsn") &&
      state->at("dsn") == target.dsn) {
    return "throwaway";
  }
  return "user-supplied";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace lukhas;
  const auto flags = take_suite_flags(argc, argv);
  if (flags.help) {
    std::printf(
        "Schema suite flags:\n"
        "  --lukhas_scale=N                 data set scale, N x 10,000 users (default %d); an\n"
        "                                   already-loaded database with the same scale and seed\n"
        "                                   is reused\n"
        "PostgreSQL: LUKHAS_PG_DSN, else PGHOST/PGDATABASE/..., else the state file named by\n"
        "LUKHAS_PG_STATE (fixtures/pg/throwaway-pg run -- bench_schema ... sets all of them).\n\n",
        kDefaultScale);
    return bench::run("schema", argc, argv);
  }
  if (!flags.error.empty()) {
    std::fprintf(stderr, "schema: %s (see --help)\n", flags.error.c_str());
    return bench::kExitUsage;
  }
  // Every flag is checked before connecting: a bad one is a usage error
  // (exit 2) whether or not a server is there.
  if (const auto bad = bench::parse_flags("schema", argc, argv)) return *bad;
  // Listing the names (the SLO catalog test does) must work without a server.
  if (flags.list_only) return bench::run_parsed("schema");

  auto& env = bench::schema::env();
  db::Target target;
  try {
    target = db::resolve_target_from_environment();
    env.conn = db::connect(target);
  } catch (const db::Error& e) {
    // Only an absent server is a skip; a malformed DSN is a usage error.
    if (e.kind() != db::ErrorKind::unavailable) {
      std::fprintf(stderr, "schema: %s\n", e.what());
      return bench::kExitUsage;
    }
    std::fprintf(stderr, "schema: skipped: %s\n", e.what());
    return bench::kExitSkipped;
  }
  try {
    const auto loaded = datagen::ensure_dataset(*env.conn, LUKHAS_SQL_DIR, flags.scale, flags.seed,
                                                datagen::Reuse::exact, &std::cerr);
    env.scale = loaded.meta.scale;
    env.seed = loaded.meta.seed;
    env.users = loaded.meta.users;
    env.identity = std::make_unique<db::IdentityStore>(*env.conn);
    env.consent = std::make_unique<db::ConsentLedger>(*env.conn);

    pqxx::nontransaction tx(*env.conn);
    benchmark::AddCustomContext("postgres_server_version",
                                tx.exec1("SHOW server_version")[0].c_str());
    tx.commit();
    benchmark::AddCustomContext("postgres_settings", non_default_settings(*env.conn));
    benchmark::AddCustomContext("postgres_source", target.source);
    benchmark::AddCustomContext("postgres_server", server_kind(target));
    benchmark::AddCustomContext("lukhas_scale", std::to_string(env.scale));
    benchmark::AddCustomContext("lukhas_data_seed", std::to_string(env.seed));
    benchmark::AddCustomContext("lukhas_users", std::to_string(env.users));
    benchmark::AddCustomContext("lukhas_data_load_seconds", fmt::format("{:.1f}", loaded.meta.load_seconds));
    std::fprintf(stderr, "schema: data set scale %d seed %llu, %lld users (%s)\n", env.scale,
                 static_cast<unsigned long long>(env.seed), static_cast<long long>(env.users),
                 loaded.reused ? "reused" : "loaded now");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "schema: preparing the database failed: %s\n", e.what());
    return bench::kExitBenchmarkFailed;
  }
  return bench::run_parsed("schema");
}
