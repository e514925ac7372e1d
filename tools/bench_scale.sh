#!/usr/bin/env bash
# Site size and incremental build figures for one archive: a full build of the archive minus its
# newest N posts (by file name, which starts with the date), then an incremental build adding
# them back, then one with nothing changed; each timed (wall, CPU, peak RSS), and the site's bytes
# by kind against the raw input (tools/site_bytes.py), and each build's phases (wall/CPU s) and
# peak RSS after each phase (FOLIO_TIMINGS). Scratch output goes to WORK.
# Usage: tools/bench_scale.sh POSTS_DIR [N=100] [WORK=/tmp/folio-bench-scale]
# Env: FOLIO (the folio binary), APP (the web app folder), NO_BYTES=1 (skip the site's bytes by kind),
# FLAGS (more build flags, e.g. --keep-duplicates for copies of one archive as one larger one).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$(cd "$1" && pwd)"; N="${2:-100}"; WORK="${3:-/tmp/folio-bench-scale}"
FOLIO="${FOLIO:-$ROOT/build/native-ci/src/tool/folio}"; APP="${APP:-$ROOT/build/web-ci/app}"
rm -rf "$WORK"; mkdir -p "$WORK/held"
# A hard-linked mirror of the input (the input itself is never touched), minus its newest N files
# (recursively; names sort by date in Jekyll archives, so files whose names start with no date,
# such as a README, are not counted).
POSTS="$WORK/$(basename "$SRC")"
cp -al "$SRC" "$POSTS" 2>/dev/null || { rm -rf "$POSTS"; cp -a "$SRC" "$POSTS"; }
find "$POSTS" -type f | awk -F/ '$NF ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]/ { print $NF "\t" $0 }' | sort |
  tail -n "$N" | cut -f2 > "$WORK/newest.txt"
i=0; while IFS= read -r f; do mv "$f" "$WORK/held/$i"; i=$((i + 1)); done < "$WORK/newest.txt"
restore() { i=0; while IFS= read -r f; do mv "$WORK/held/$i" "$f"; i=$((i + 1)); done < "$WORK/newest.txt"; }
timed() {  # label, then the command
  local label="$1"; shift
  FOLIO_TIMINGS=1 /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" > "$WORK/log" 2>&1 || { cat "$WORK/log"; exit 1; }
  read -r wall user sys rss < "$WORK/time"
  printf '%-34s wall %6.2f s  cpu %6.2f s  peak RSS %5.0f MiB   %s\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" \
    "$(echo "$rss / 1024" | bc)" "$(grep -o 'incremental build: .*' "$WORK/log" || grep -o '[0-9]* posts bundled' "$WORK/log")"
  grep -o 'timings (wall/cpu s): .*\|peak RSS by phase (MiB): .*' "$WORK/log" | sed 's/^/    /' || true
}
timed "full build, all but newest $N" "$FOLIO" build "$POSTS" ${FLAGS:-} -o "$WORK/site" --app-dir "$APP"
restore
timed "incremental: add the newest $N" "$FOLIO" build "$POSTS" ${FLAGS:-} -o "$WORK/site" --app-dir "$APP"
timed "incremental: nothing changed" "$FOLIO" build "$POSTS" ${FLAGS:-} -o "$WORK/site" --app-dir "$APP"
[ -n "${NO_BYTES:-}" ] || python3 "$ROOT/tools/site_bytes.py" "$WORK/site" "$SRC"
echo "build cache beside the site: $(du -h "$WORK/site.folio-cache" | cut -f1)"
