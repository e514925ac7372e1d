#!/usr/bin/env bash
# Builds hostile inputs in a scratch folder and runs `folio build` (and `folio dump` on broken
# sites) on each, printing one line per case: exit status, wall time, peak RSS, what was reported.
#   tools/hostile.sh [--files N] [--work DIR] [FOLIO]
# --files sets the size of the "many tiny files" case (default 1000000). Not part of tools/test.sh:
# the unit tests and fuzzers cover the same code on small inputs; this shows the limits at full size.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FILES=1000000
WORK=/tmp/folio-hostile
while [ $# -gt 0 ]; do
  case "$1" in
    --files) FILES=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    *) break ;;
  esac
done
FOLIO=$(realpath "${1:-$ROOT/build/native/src/tool/folio}")
[ -x "$FOLIO" ] || { echo "hostile.sh: no folio binary at $FOLIO (build the native preset first)" >&2; exit 2; }
rm -rf "$WORK"; mkdir -p "$WORK"
cd "$WORK"

python3 - "$FILES" <<'EOF'
import os, sys
files = int(sys.argv[1])
def post(path, text, mode='w'):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f: f.write(text)
post('title/2020-01-01-t.md', '---\ntitle: ' + '长' * 350000 + '\n---\nbody\n')            # 1 MB title
post('tags/2020-01-01-t.md', '---\ntitle: tags\ntags: [' + ', '.join('t%d' % i for i in range(100000)) + ']\n---\nbody\n')
post('year/2020-01-01-y.md', '---\ntitle: far future\ndate: 99999-01-01\n---\nbody\n')
post('year/y.md', '---\ntitle: no fallback\ndate: "99999-12-31T00:00:00Z"\n---\nbody\n')
post('line/2020-01-01-l.html', '<p>' + '字' * ((7 << 20) // 3) + '</p>')                      # 7 MB on one line
post('deep/2020-01-01-d.html', '<div>' * 650000 + 'deep' + '</div>' * 650000)
post('unclosed/2020-01-01-u.html', '<b><i>' * 700000 + 'x')
post('binary/2020-01-01-b.md', '---\ntitle: b\n---\n\0\1\2\3', 'w')
post('utf8/2020-01-01-u.md', '---\ntitle: bad\n---\n', 'w')
with open('utf8/2020-01-01-u.md', 'ab') as f: f.write(b'ok \xff\xfe\xc3 broken \xe4\xb8')
post('nofm/whatever.md', 'just text, no front matter, no date\n')
# many tiny files, 1000 per folder
for i in range(files):
    d = 'many/_posts/%04d' % (i // 1000)
    if i % 1000 == 0: os.makedirs(d, exist_ok=True)
    with open('%s/2021-01-%02d-p%d.md' % (d, i % 28 + 1, i), 'w') as f:
        f.write('---\ntitle: 第%d篇\ntags: [t%d]\n---\n短文%d\n' % (i, i % 50, i))
EOF
mkdir -p big && truncate -s 1G big/2020-01-01-huge.md   # 1 GB (sparse)

run() {  # name, then the command
  local name=$1; shift
  local t0 t1 rc
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$WORK/$name.rss" "$@" >"$WORK/$name.out" 2>&1
  rc=$?
  t1=$(date +%s.%N)
  printf '%-10s exit %d  %6.2f s  %7d KB  %s\n' "$name" "$rc" "$(echo "$t1 - $t0" | bc)" "$(tail -1 "$WORK/$name.rss")" \
    "$(python3 "$ROOT/tools/hostile_summary.py" "$WORK/$name.json" "$WORK/$name.out")"
}

for c in title tags year line deep unclosed binary utf8 nofm big many; do
  run "$c" "$FOLIO" build "$c" -o "site-$c" --no-font -q --report "$WORK/$c.json"
done

# Broken sites: a truncated manifest, a manifest of another version, a truncated shard.
cp -r site-title broken-trunc && head -c 100 site-title/data/manifest.json > broken-trunc/data/manifest.json
cp -r site-title broken-version && sed -i 's/"version":[0-9]*/"version":999/' broken-version/data/manifest.json
cp -r site-tags broken-shard && for f in broken-shard/data/meta-*; do head -c 50 "$f" > "$f.t" && mv "$f.t" "$f"; done
for c in broken-trunc broken-version broken-shard; do
  run "$c" "$FOLIO" dump "$c"
done
