#!/usr/bin/env python3
"""One line about a hostile-input run (tools/hostile.sh): the build report's counts, else the output's last line."""
import collections, json, sys

report_path, out_path = sys.argv[1], sys.argv[2]
try:
    with open(report_path) as f:
        r = json.load(f)
    skipped = collections.Counter(s['reason'] for s in r['skipped'])
    warnings = collections.Counter(w['kind'] for w in r['warnings'])
    print(f"posts {r['posts']}, skipped {dict(skipped)}, warnings {dict(warnings)}")
except (OSError, ValueError, KeyError):
    with open(out_path, errors='replace') as f:
        lines = [l.strip() for l in f if l.strip()]
    print((lines[-1] if lines else '(no output)')[:200])
