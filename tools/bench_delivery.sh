#!/usr/bin/env bash
# Delivery benchmark (issue 17): a first visit over a real network. Generates N synthetic posts
# (tools/gen_archive.py, seed 1; default 100000), builds them with ../shared/corpus into one site,
# serves it with a plain static server that counts the bytes it sends (no compression, no Range),
# and runs delivery_check.js (Chromium at MBPS/RTT_MS, default 20 Mbps / 40 ms) for the queries.
# Prints the table of issue 17 and keeps the JSON in $OUT/delivery-<label>.json.
# Usage: tools/bench_delivery.sh [N] [QUERY...]
# env:   FOLIO (tool), APP (viewer files), OUT (build/bench), LABEL (after), PORT (8104), IDLE_S (60),
#        CHECKS (../shared/checks), PW (a folder with node_modules/playwright-core), CORPUS
#        (../shared/corpus; "none" for the generated posts alone), SITE (an already built site: no build)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${1:-100000}"
shift || true
QUERIES=("$@")
[ ${#QUERIES[@]} -gt 0 ] || QUERIES=(疫苗 习近平 "hong kong")
FOLIO="${FOLIO:-build/native/src/tool/folio}"
APP="${APP:-build/web/app}"
OUT="${OUT:-build/bench}"
LABEL="${LABEL:-after}"
PORT="${PORT:-8104}"
IDLE_S="${IDLE_S:-60}"
SHARED="$ROOT/../shared"
[ -d "$SHARED" ] || SHARED="$ROOT/../../shared"  # a worktree under /work/wt
CHECKS="${CHECKS:-$SHARED/checks}"
CORPUS="${CORPUS:-$SHARED/corpus}"
export PW="${PW:-$ROOT}"
mkdir -p "$OUT"

GEN="$OUT/gen$N"
[ -d "$GEN/_posts" ] || python3 tools/gen_archive.py "$GEN" --posts "$N" --seed 1
INPUTS=("$GEN/_posts")
[ "$CORPUS" = none ] || INPUTS+=("$CORPUS")
SITE="${SITE:-$OUT/site-$LABEL-$N}"
if [ ! -f "$SITE/data/manifest.json" ] || [ -n "${FOLIO_BENCH_REBUILD:-}" ]; then
  /usr/bin/time -f "build: %e s, peak RSS %M KB" "$FOLIO" build "${INPUTS[@]}" -o "$SITE" --app-dir "$APP" -q
fi
[ -f "$SITE/data/manifest.json" ] || { echo "bench: no site at $SITE" >&2; exit 1; }
INPUT_BYTES=$(du -sb "${INPUTS[@]}" | awk '{ s += $1 } END { print s }')
SITE_BYTES=$(du -sb "$SITE" | cut -f1)
SITE_FILES=$(find "$SITE" -type f | wc -l)

python3 "$CHECKS/count_server.py" "$SITE" "$PORT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -s "http://127.0.0.1:$PORT/__bytes" >/dev/null && break; sleep 0.2; done
JSON="$OUT/delivery-$LABEL.json"
node "$CHECKS/delivery_check.js" "http://127.0.0.1:$PORT/" "$IDLE_S" "${QUERIES[@]}" | tee "$JSON"

python3 - "$JSON" "$INPUT_BYTES" "$SITE_BYTES" "$SITE_FILES" "$LABEL" <<'EOF'
import json, statistics, sys
r = json.load(open(sys.argv[1]))
inp, site, files, label = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
mb = lambda b: f"{b / 1e6:.2f} MB" if b >= 1e6 else f"{b / 1e3:.0f} KB"
if 'fatal' in r or 'error' in r:
    sys.exit(f"bench: the check failed: {r}")
print(f"\n| step ({label}, {r.get('posts')} posts) | figure |\n|---|---|")
print(f"| before the list shows | {mb(r['list_bytes'])}, {r['list_ms'] / 1000:.1f} s |")
print(f"| every post's metadata in | {mb(r['all_bytes'])}, {r['all_ms'] / 1000:.1f} s |")
opens = r['open_bytes']
print(f"| opening a post (median of {len(opens)}) | {mb(statistics.median(opens))} (each: {', '.join(mb(b) for b in opens)}) |")
for q in r['queries']:
    print(f"| cold query \"{q['q']}\" + first screen's snippets | {mb(q['bytes'])}; results in {q['ms'] / 1000:.2f} s ({q['hits']} hits) |")
print(f"| {r['idle_s']} s of idling after load | {mb(r['idle_bytes'])} |")
print(f"| site / input | {mb(site)} / {mb(inp)} = {site / inp:.2f} ({files} files) |")
EOF
