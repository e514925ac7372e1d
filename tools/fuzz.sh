#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz) for SECONDS each (default 60), all or the NAMEs given,
# FUZZ_JOBS (default: the number of cores) at a time
# (front_matter markdown html read_post bundle search_query search_index fold_table view_hash marks related).
# Needs clang-14 and libclang-rt-14-dev (tools/bootstrap.sh installs them; not run here).
# Each fuzzer starts from a copy of its seed corpus (tests/fuzz/corpus/<name>) in
# build/fuzz/work/<name>; crash inputs are kept in build/fuzz/crashes/. Exits non-zero on any crash.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SECONDS_EACH=60
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then SECONDS_EACH=$1; shift; fi
ALL=(front_matter markdown html read_post bundle search_query search_index fold_table view_hash marks related)
NAMES=("$@")
[ ${#NAMES[@]} -gt 0 ] || NAMES=("${ALL[@]}")
for n in "${NAMES[@]}"; do
  [[ " ${ALL[*]} " == *" $n "* ]] || { echo "fuzz.sh: unknown fuzzer '$n' (have: ${ALL[*]})" >&2; exit 2; }
done

set -e
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${NAMES[@]/#/fuzz_}"
set +e

OUT=build/fuzz
mkdir -p "$OUT/crashes" "$OUT/logs"
JOBS=${FUZZ_JOBS:-$(nproc)}

# One fuzzer run; its figures go to $OUT/logs/<name>.line.
fuzz_one() {
  local n=$1 work="$OUT/work/$1" log="$OUT/logs/$1.log" rc execs cov crashes
  rm -f "$OUT/logs/$n.line"
  rm -rf "$work"; mkdir -p "$work"
  cp -r tests/fuzz/corpus/"$n"/. "$work"/ 2>/dev/null || true
  "$OUT/tests/fuzz/fuzz_$n" "$work" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$OUT/crashes/${n}-" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\)/\1/p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | sed 's/cov: //')
  crashes=$(grep -c 'Test unit written to' "$log")
  if [ "$rc" != 0 ] && [ "$crashes" = 0 ]; then crashes=1; fi   # died without writing an input
  echo "fuzz_$n: executions ${execs:-0}, cov ${cov:-0}, crashes $crashes" > "$OUT/logs/$n.line"
}

echo "== ${#NAMES[@]} fuzzers, ${SECONDS_EACH}s each, $JOBS at a time"
for n in "${NAMES[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
  fuzz_one "$n" &
done
wait

crashed=0
echo "== fuzz summary (${SECONDS_EACH}s each; logs in $OUT/logs)"
for n in "${NAMES[@]}"; do
  line=$(cat "$OUT/logs/$n.line" 2>/dev/null || echo "fuzz_$n: did not run, crashes 1")
  echo "$line"
  if [[ "$line" != *"crashes 0" ]]; then
    crashed=1
    grep -m1 -E 'ERROR: (AddressSanitizer|libFuzzer)|runtime error|SUMMARY' "$OUT/logs/$n.log" || tail -5 "$OUT/logs/$n.log"
    grep 'Test unit written to' "$OUT/logs/$n.log" || true
  fi
done
exit $crashed
