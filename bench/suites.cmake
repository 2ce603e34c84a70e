# The one list of benchmark suites, and the settings every run of them shares.
#
# Each lukhas_suite() line is a suite: bench/<name>/ holds its sources and
# builds bench_<name> with lukhas_add_bench_suite() (cmake/LukhasBench.cmake).
# Nothing else names the suites: the configure step writes this list to
# <build>/suites.json, which bench-run reads (the main job, the A/B gate, the
# instruction gate, the baselines update, the workflow's verdict), and the
# workflow's matrix comes from `cmake -P cmake/suite-matrix.cmake`, which reads
# this file. Adding a suite is one line here plus its folder; removing the
# line removes it everywhere.
#
#   lukhas_suite(<name> [INSTRUCTIONS] [POSTGRES] [SLO_CALLS <n>])
#
#   INSTRUCTIONS  has an instruction mode (callgrind): gated on instruction
#                 counts against baselines/instructions-<name>.json. A suite
#                 whose work happens in a server (schema) has none: the
#                 server's instructions are not in the client's count.
#   POSTGRES      needs a PostgreSQL server: a throwaway one
#                 (fixtures/pg/throwaway-pg) unless LUKHAS_PG_DSN or PGHOST
#                 names one (docs/database.md).
#   SLO_CALLS n   timed calls per *_Latency benchmark and repetition in the
#                 SLO checks (ctest -L perf): at least 400 for a p95; memory
#                 uses 10,000 so that create at the 100,000-fold limit meets a
#                 prune at its natural cadence (1 in 10,000).
lukhas_suite(memory INSTRUCTIONS SLO_CALLS 10000)
lukhas_suite(identity INSTRUCTIONS SLO_CALLS 500)
lukhas_suite(handoff INSTRUCTIONS SLO_CALLS 500)
lukhas_suite(schema POSTGRES)

# Settings of every run (bench-run reads them from the manifest; the suites'
# own defaults are compiled from them).
#   instruction iterations: per benchmark under callgrind; the committed
#     instruction baselines were recorded with this count, so a gate run
#     must use the same
#   time repetitions, min time: Google Benchmark's --benchmark_repetitions and
#     --benchmark_min_time in time mode (9 repetitions give the U test power;
#     it needs at least 4 a side)
#   latency calls: timed calls per *_Latency benchmark and repetition in time
#     mode, so SLO verdicts rest on a fixed count on any machine (a p99 needs
#     2,000: 20 / (1 - 0.99))
set(LUKHAS_INSTRUCTION_ITERATIONS 50)
set(LUKHAS_TIME_REPETITIONS 9)
set(LUKHAS_TIME_MIN_TIME 0.05)
set(LUKHAS_LATENCY_CALLS 2000)
