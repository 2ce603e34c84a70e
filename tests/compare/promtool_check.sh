#!/usr/bin/env bash
# promtool (Debian package prometheus) checks and lints the --openmetrics
# output of a fixture comparison, of a comparison with SLOs and of a gate run.
# Without promtool the test is skipped (exit 77), never passed.
set -euo pipefail
compare=$1 fixtures=$2 work=$3
if ! command -v promtool >/dev/null 2>&1; then
  echo "SKIP: promtool is not on PATH (apt-get install prometheus)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
# Exit 1 is the regression the fixture holds; 2 would be a failure to decide.
run() { "$compare" "$@" || [ $? -eq 1 ]; }
run "$fixtures/regression/baseline.json" "$fixtures/regression/contender.json" --no-color \
  --openmetrics "$work/regression.om" >/dev/null
run "$fixtures/slo/baseline.json" "$fixtures/slo/contender.json" --slo "$fixtures/slo/catalog.json" --no-color \
  --openmetrics "$work/slo.om" >/dev/null
run gate --openmetrics "$work/gate.om" \
  --section time --baseline "$fixtures/regression/baseline.json" --contender "$fixtures/regression/contender.json" \
  --section slo --summary --contender "$fixtures/slo/contender.json" --slo "$fixtures/slo/catalog.json" >/dev/null
for f in regression slo gate; do
  tail -n 1 "$work/$f.om" | grep -qx '# EOF'
  # promtool prints lint problems and exits non-zero on them: both fail here.
  out=$(promtool check metrics < "$work/$f.om" 2>&1) || { echo "$f.om: $out"; exit 1; }
  [ -z "$out" ] || { echo "$f.om: $out"; exit 1; }
  echo "$f.om: $(grep -vc '^#' "$work/$f.om") samples, promtool check metrics: no problem"
done
