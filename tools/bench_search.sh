#!/usr/bin/env bash
# Search benchmark, end to end: builds Folio (native-ci + web-ci), generates a synthetic archive of
# N posts (default 20000, seed 1) with tools/gen_archive.py, times `folio build` on it (posts/s, peak
# RSS), and runs tools/bench_search.mjs on the site (Folio's viewer vs FlexSearch and MiniSearch in
# headless Chromium). If ../shared/corpus exists beside the repository, it is built and benchmarked
# first. Prints every figure; tables and JSON are also kept under build/bench/.
# Usage: tools/bench_search.sh [N]   (env: FOLIO_BENCH_SEED, FOLIO_BENCH_CORPUS, FOLIO_BENCH_PEERS)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${1:-20000}"
SEED="${FOLIO_BENCH_SEED:-1}"
CORPUS="${FOLIO_BENCH_CORPUS:-$ROOT/../shared/corpus}"
PEERS="${FOLIO_BENCH_PEERS:-flexsearch-cjk,flexsearch-forward,minisearch,minisearch-cjk}"
OUT=build/bench
FOLIO=build/native-ci/src/tool/folio
APP=build/web-ci/app

tools/bootstrap.sh
cmake --preset native-ci >/dev/null && cmake --build --preset native-ci
cmake --preset web-ci >/dev/null && cmake --build --preset web-ci
mkdir -p "$OUT"

# Builds posts dir $1 into site $2 under /usr/bin/time -v; prints the figures and sets BUILD_S.
timed_build() {
  local posts="$1" site="$2" log="$2.build-log"
  /usr/bin/time -v "$FOLIO" build "$posts" -o "$site" --app-dir "$APP" --report "$site.report.json" >"$log" 2>&1 || {
    cat "$log"; echo "bench: folio build of $posts failed" >&2; exit 1; }
  local bundled wall rss
  bundled=$(sed -n 's/^folio: .* \([0-9][0-9]*\) posts bundled.*/\1/p' "$log" | tail -1)
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  BUILD_S=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')
  grep '^folio: [0-9]* files seen' "$log" || true
  echo "folio build $posts: ${bundled:-?} posts in ${BUILD_S} s = $(awk -v n="${bundled:-0}" -v s="$BUILD_S" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }') posts/s," \
       "peak RSS $(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }') MiB, site data $(du -sh "$site/data" | cut -f1)"
}

# Benchmarks site $1 under label $2 (the report text and JSON go to $OUT/$3.{txt,json}).
bench() {
  node tools/bench_search.mjs "$1" --folio "$FOLIO" --label "$2" --seed "$SEED" --peers "$PEERS" \
       --build-seconds "$BUILD_S" --json "$OUT/$3.json" | tee "$OUT/$3.txt"
}

if [ -d "$CORPUS" ]; then
  echo "== corpus: $CORPUS"
  timed_build "$CORPUS" "$OUT/corpus-site"
  bench "$OUT/corpus-site" "corpus ($(cd "$CORPUS" && pwd))" corpus
  echo
fi

echo "== synthetic archive: $N posts, seed $SEED"
POSTS="$OUT/synth-$N-s$SEED"
rm -rf "$POSTS"
start=$(date +%s.%N)
python3 tools/gen_archive.py "$POSTS" --posts "$N" --seed "$SEED"
echo "generated in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
timed_build "$POSTS/_posts" "$OUT/synth-$N-site"
bench "$OUT/synth-$N-site" "synthetic $N posts, seed $SEED" "synth-$N"
