#!/usr/bin/env python3
"""Related coverage against the truth of tools/gen_copies.py, or the group sizes of any site.

    tools/related_eval.py SITE_DIR [TRUTH_JSON] [--folio BIN]

Reads `folio dump SITE_DIR`. With TRUTH_JSON: precision and recall of the related pairs against
the stories (every two versions of one story are a pair), the recall of base-copy pairs alone,
and the controls found related (should be none). Always: the size distribution of the groups
(connected posts), and checks that every list is symmetric.
"""
import argparse
import collections
import json
import os
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("truth", nargs="?")
    ap.add_argument("--folio", default=os.path.join(os.path.dirname(__file__), "..", "build/native-ci/src/tool/folio"))
    args = ap.parse_args()
    dump = subprocess.run([args.folio, "dump", args.site], check=True, capture_output=True, text=True).stdout
    posts = [json.loads(line) for line in dump.splitlines()]
    by_id = {p["id"]: p for p in posts}
    name = {p["id"]: os.path.basename(p["path"]) for p in posts}
    pairs = set()
    for p in posts:
        for o in p["related"]:
            if p["id"] not in by_id[o]["related"]:
                sys.exit(f"not symmetric: {p['path']} lists {by_id[o]['path']}")
            pairs.add(tuple(sorted((name[p["id"]], name[o]))))
    # Groups: connected posts.
    parent = {p["id"]: p["id"] for p in posts}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for p in posts:
        for o in p["related"]:
            parent[find(p["id"])] = find(o)
    sizes = collections.Counter(collections.Counter(find(p["id"]) for p in posts).values())
    print(f"{len(posts)} posts, {sum(1 for p in posts if p['related'])} with related posts, {len(pairs)} pairs")
    print("group sizes (posts in a group: groups): " + ", ".join(f"{k}: {v}" for k, v in sorted(sizes.items())))
    if not args.truth:
        return
    truth = json.load(open(args.truth, encoding="utf-8"))
    want, base_pairs = set(), set()
    for story in truth["stories"]:
        for i, a in enumerate(story):
            for b in story[i + 1:]:
                want.add(tuple(sorted((a, b))))
                if i == 0:
                    base_pairs.add(tuple(sorted((a, b))))
    controls = {tuple(sorted(c)) for c in truth["controls"]}
    hit = pairs & want
    precision = len(hit) / len(pairs) if pairs else 1.0
    recall = len(hit) / len(want) if want else 1.0
    base_recall = len(pairs & base_pairs) / len(base_pairs) if base_pairs else 1.0
    print(f"precision {precision:.3f} ({len(hit)} of {len(pairs)} pairs found are versions of one story)")
    print(f"recall {recall:.3f} ({len(hit)} of {len(want)} pairs of versions); base-copy pairs {base_recall:.3f}")
    print(f"controls related: {len(pairs & controls)} of {len(controls)}")
    wrong = sorted(pairs - want)[:5]
    if wrong:
        print("false pairs, first five: " + "; ".join(f"{a} ~ {b}" for a, b in wrong))


if __name__ == "__main__":
    main()
