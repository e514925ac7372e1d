#!/usr/bin/env bash
# Cheap checks of the benchmark tooling (the benchmark itself is tools/bench.sh, too slow for the tests):
# its scripts parse; gen_archive.py is deterministic whatever --jobs and writes its odd files; two
# folio builds of the same archive are byte-identical, and FOLIO_TIMINGS prints the phases.
# Usage: bench_smoke.sh FOLIO SRC WORK
set -euo pipefail
FOLIO="$1"; SRC="$2"; WORK="$3"
rm -rf "$WORK"; mkdir -p "$WORK/app"
bash -n "$SRC/tools/bench.sh"
for f in bench_app.mjs bench_search.mjs bench_report.mjs; do node --check "$SRC/tools/$f"; done

python3 "$SRC/tools/gen_archive.py" "$WORK/a" --posts 60 --seed 5 --jobs 1 >/dev/null
python3 "$SRC/tools/gen_archive.py" "$WORK/b" --posts 60 --seed 5 --jobs 2 >/dev/null
diff -r "$WORK/a" "$WORK/b" >/dev/null || { echo "gen_archive output depends on --jobs"; exit 1; }
python3 "$SRC/tools/gen_archive.py" "$WORK/c" --posts 60 --seed 6 >/dev/null
if diff -r "$WORK/a" "$WORK/c" >/dev/null; then echo "gen_archive ignores --seed"; exit 1; fi
n=$(find "$WORK/a/_posts" -type f | wc -l)
[ "$n" = 60 ] || { echo "gen_archive wrote $n files, not 60"; exit 1; }
P="$WORK/a/_posts"
grep -lq $'\r' "$P"/* || { echo "no CRLF file"; exit 1; }
odd=0; for f in "$P"/*; do [ "$(head -c 3 "$f")" = "---" ] || odd=$((odd + 1)); done
[ "$odd" = 3 ] || { echo "$odd files do not open with front matter; expected 3 (none, empty, BOM)"; exit 1; }
grep -q '^date: 2020-13-45' "$P"/undated-* || { echo "no bad date"; exit 1; }
[ "$(find "$P" -size +2000k | wc -l)" = 1 ] || { echo "no huge single-line file"; exit 1; }

printf '<!doctype html>' >"$WORK/app/index.html"; : >"$WORK/app/app.wasm"; : >"$WORK/app/app.js"
FOLIO_TIMINGS=1 "$FOLIO" build "$P" -o "$WORK/site1" --app-dir "$WORK/app" 2>"$WORK/log1"
grep -q '^folio: timings (wall/cpu s): .*plan .*ingest .*index+fonts .*total' "$WORK/log1" || { cat "$WORK/log1"; echo "no timings line"; exit 1; }
"$FOLIO" build "$P" -o "$WORK/site2" --app-dir "$WORK/app" -q
diff -r "$WORK/site1" "$WORK/site2" >/dev/null || { echo "two builds of the same archive differ"; exit 1; }
echo "bench smoke: ok"
