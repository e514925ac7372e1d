#!/usr/bin/env bash
# The scale benchmark (issue 7): for each archive, folio build (time, posts/s, phases, peak RSS), site
# bytes against input bytes, the viewer in headless Chromium on 127.0.0.1 (list visible, bytes by then,
# wasm memory, frame times: tools/bench_app.mjs), search latency cold/warm with exact-substring recall
# against a brute-force scan of `folio dump`, next to FlexSearch and Pagefind (tools/bench_search.mjs),
# and the incremental rebuild adding the newest 100 posts when `folio build` supports it. Prints one table at the end
# (tools/bench_report.mjs); every figure is also kept under build/bench/results/<archive>/.
#
# Usage: tools/bench.sh [ARCHIVE...]     ARCHIVE: a post count (a synthetic archive) or "corpus"
#                                        (../shared/corpus); default: 10000 100000 corpus
# Env: FOLIO_BENCH_SEED (1), FOLIO_BENCH_PEERS (flexsearch-cjk,pagefind), FOLIO_BENCH_CORPUS,
#      FOLIO_BENCH_CACHE (build/bench/archives: generated archives, reused while gen_archive.py is unchanged),
#      FOLIO_BENCH_NO_BUILD=1 (use the built binaries as they are), FOLIO_BENCH_OPEN (posts opened, 200),
#      FOLIO_BENCH_PEER_LIMIT (20000: the peers are skipped on larger archives; Pagefind indexes about
#      30 pages/s here, FlexSearch holds every text in the page).
# Not part of tools/test.sh (it takes many minutes); tests/cli/bench_smoke.sh checks its scripts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SEED="${FOLIO_BENCH_SEED:-1}"
PEERS="${FOLIO_BENCH_PEERS:-flexsearch-cjk,pagefind}"
CORPUS="${FOLIO_BENCH_CORPUS:-$ROOT/../shared/corpus}"
CACHE="${FOLIO_BENCH_CACHE:-$ROOT/build/bench/archives}"
OPEN="${FOLIO_BENCH_OPEN:-200}"
PEER_LIMIT="${FOLIO_BENCH_PEER_LIMIT:-20000}"
RESULTS="$ROOT/build/bench/results"
FOLIO="$ROOT/build/native-ci/src/tool/folio"
APP="$ROOT/build/web-ci/app"
export NODE_OPTIONS="${NODE_OPTIONS:---max-old-space-size=12288}"
[ $# -gt 0 ] || set -- 10000 100000 corpus
for a in "$@"; do
  [[ "$a" =~ ^[0-9]+$ || "$a" == corpus ]] || { echo "usage: tools/bench.sh [N|corpus]..." >&2; exit 2; }
done

if [ -z "${FOLIO_BENCH_NO_BUILD:-}" ]; then
  tools/bootstrap.sh
  cmake --preset native-ci >/dev/null && cmake --build --preset native-ci
  cmake --preset web-ci >/dev/null && cmake --build --preset web-ci
fi
mkdir -p "$CACHE" "$RESULTS"
GEN_HASH=$(sha256sum tools/gen_archive.py | cut -c1-10)
files_bytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s }'; }

# A cached synthetic archive of $1 posts; prints its folder.
archive() {
  local dir="$CACHE/synth-$1-s$SEED-$GEN_HASH"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    python3 tools/gen_archive.py "$dir" --posts "$1" --seed "$SEED" >&2
    touch "$dir/.complete"
  fi
  echo "$dir/_posts"
}

# folio build $1 -> $2 under /usr/bin/time -v with FOLIO_TIMINGS; writes the figures as JSON to $3.
timed_build() {
  local posts="$1" site="$2" json="$3" log="$3.log"
  FOLIO_TIMINGS=1 /usr/bin/time -v "$FOLIO" build "$posts" -o "$site" --app-dir "$APP" --report "$site.report.json" >"$log" 2>&1 || {
    cat "$log"; echo "bench: folio build of $posts failed" >&2; exit 1; }
  python3 - "$log" "$json" <<'EOF'
import json, re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
def grab(pattern, conv=float):
    m = re.search(pattern, text, re.M)
    return conv(m.group(1)) if m else None
wall = grab(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", str)
secs = 0.0
for part in wall.split(":"):
    secs = secs * 60 + float(part)
phases = {}
m = re.search(r"^folio: timings \(wall/cpu s\): (.*)$", text, re.M)
if m:
    for item in m.group(1).split(", "):
        name, figs = item.rsplit(" ", 1)
        w, c = figs.split("/")
        phases[name] = {"wall": float(w), "cpu": float(c)}
out = {"posts": grab(r"(\d+) posts bundled", int), "files": grab(r"(\d+) files seen", int), "wall_s": secs,
       "user_s": grab(r"User time \(seconds\): (\S+)"), "sys_s": grab(r"System time \(seconds\): (\S+)"),
       "max_rss_kb": grab(r"Maximum resident set size \(kbytes\): (\d+)", int), "phases": phases}
json.dump(out, open(sys.argv[2], "w"), indent=2)
EOF
}

labels=()
for a in "$@"; do
  if [ "$a" = corpus ]; then
    [ -d "$CORPUS" ] || { echo "bench: no corpus at $CORPUS, skipped" >&2; continue; }
    label=corpus; posts="$(cd "$CORPUS" && pwd)"
  else
    label="synth-$a"; posts=$(archive "$a")
  fi
  out="$RESULTS/$label"; site="$ROOT/build/bench/sites/$label"
  # FOLIO_BENCH_KEEP_SEARCH=1: the search pass is skipped and the archive's last search figures kept.
  if [ -n "${FOLIO_BENCH_KEEP_SEARCH:-}" ] && [ -f "$out/search.json" ]; then
    keep=$(mktemp -d); cp "$out"/search.* "$keep/"
  else
    keep=""
  fi
  rm -rf "$out"; mkdir -p "$out" "$(dirname "$site")"
  if [ -n "$keep" ]; then cp "$keep"/search.* "$out/"; rm -rf "$keep"; fi
  echo "== $label: $posts" >&2
  rm -rf "$site"
  timed_build "$posts" "$site" "$out/build.json"
  printf '{"input_bytes": %s, "site_bytes": %s, "loadavg": %s}\n' "$(files_bytes "$posts")" "$(files_bytes "$site")" \
    "$(cut -d' ' -f1 /proc/loadavg)" >"$out/bytes.json"
  # Incremental rebuild, the daily case: the site of the archive without its newest 100 files (by
  # name, which starts with the date), then those 100 added back, timed. The site is then the
  # benchmarked archive's again (incremental builds are byte-identical to full ones).
  if grep -qi 'incremental build' README.md; then
    inc="$CACHE/inc-$label"; rm -rf "$inc"; mkdir -p "$inc/held"
    cp -al "$posts" "$inc/base" 2>/dev/null || cp -a "$posts" "$inc/base"
    find "$inc/base" -type f | awk -F/ '{ print $NF "\t" $0 }' | sort | tail -n 100 | cut -f2 >"$inc/newest.txt"
    i=0; while IFS= read -r f; do mv "$f" "$inc/held/$i"; i=$((i + 1)); done <"$inc/newest.txt"
    "$FOLIO" build "$inc/base" -o "$site" --app-dir "$APP" -q --full
    i=0; while IFS= read -r f; do mv "$inc/held/$i" "$f"; i=$((i + 1)); done <"$inc/newest.txt"
    timed_build "$inc/base" "$site" "$out/incremental.json"
    grep -q 'incremental build' "$out/incremental.json.log" || echo "bench: that rebuild was not incremental" >&2
    rm -rf "$inc"
  fi
  node tools/bench_app.mjs "$site" --label "$label" --open "$OPEN" --shots "$ROOT/build/bench/shots" \
       --json "$out/app.json" >/dev/null
  peers="$PEERS"
  if [ "$(python3 -c "import json; print(json.load(open('$out/build.json'))['posts'])")" -gt "$PEER_LIMIT" ]; then
    peers=""; echo "bench: peers skipped on $label (over FOLIO_BENCH_PEER_LIMIT=$PEER_LIMIT posts)" >&2
  fi
  if [ -n "$keep" ]; then labels+=("$label"); echo "bench: search figures of $label kept from the last run" >&2; continue; fi
  node tools/bench_search.mjs "$site" --folio "$FOLIO" --label "$label" --seed "$SEED" --peers "$peers" \
       --build-seconds "$(python3 -c "import json; print(json.load(open('$out/build.json'))['wall_s'])")" \
       --json "$out/search.json" >"$out/search.txt"
  labels+=("$label")
done
node tools/bench_report.mjs "${labels[@]/#/$RESULTS/}" | tee "$ROOT/build/bench/table.md"
