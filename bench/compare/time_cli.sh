#!/usr/bin/env bash
# Times bench-compare end to end on two generated files of 10,000 benchmarks
# x 20 repetitions: wall time (median of RUNS) and peak RSS (largest), with
# /usr/bin/time -v. Use a release build:
#   cmake --preset release -B build/compare-release
#   cmake --build build/compare-release -j2 --target bench-compare
#   bench/compare/time_cli.sh build/compare-release/compare/bench-compare [RUNS]
set -euo pipefail
bin=${1:?usage: time_cli.sh PATH/TO/bench-compare [RUNS]}
runs=${2:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" generate --benchmarks 10000 --repetitions 20 --seed 1 --shift 0.0 --out "$work/baseline.json" >/dev/null
"$bin" generate --benchmarks 10000 --repetitions 20 --seed 2 --shift 0.01 --out "$work/contender.json" >/dev/null
echo "inputs: $(du -m "$work/baseline.json" | cut -f1) MB + $(du -m "$work/contender.json" | cut -f1) MB"
walls=()
cpus=()
peak=0
for ((i = 0; i < runs; i++)); do
  set +e
  /usr/bin/time -v "$bin" "$work/baseline.json" "$work/contender.json" --no-color \
    --json "$work/report.json" >/dev/null 2>"$work/time.txt"
  rc=$?
  set -e
  if [[ $rc -ne 0 && $rc -ne 1 ]]; then cat "$work/time.txt"; exit "$rc"; fi
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
  # m:ss.ss -> seconds
  secs=$(awk -v t="$wall" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.3f", s }')
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  # CPU time (user + sys) says how much work the run was, whatever else the
  # machine was doing; wall time depends on the load.
  cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$work/time.txt")
  walls+=("$secs")
  cpus+=("$cpu")
  (( rss > peak )) && peak=$rss
  echo "run $((i + 1)): ${secs} s wall, ${cpu} s CPU, ${rss} KB peak RSS (exit $rc)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "median wall $(median "${walls[@]}") s, median CPU $(median "${cpus[@]}") s over ${runs} runs; peak RSS $((peak / 1024)) MB"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
