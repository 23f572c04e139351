#!/usr/bin/env bash
# run.sh FUZZER NAME SECONDS WORKDIR: replay NAME's kept crash inputs, then fuzz
# for SECONDS (or $REDRESS_FUZZ_SECONDS when set) from its seed corpus. New inputs go to WORKDIR/NAME, never into
# the sources; a crash leaves its input in WORKDIR/NAME-crashes and fails.
set -euo pipefail
fuzzer=$1 name=$2 seconds=${REDRESS_FUZZ_SECONDS:-$3} work=$4
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work/$name" "$work/$name-crashes"
shopt -s nullglob
regressions=("$here/regressions/$name"/*)
if ((${#regressions[@]})); then
  echo "replaying ${#regressions[@]} kept crash inputs"
  "$fuzzer" -rss_limit_mb=2048 "${regressions[@]}"
fi
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/$name-crashes/" "$work/$name" "$here/corpus/$name"
