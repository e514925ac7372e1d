#!/usr/bin/env python3
"""Site size figures: bytes per kind of file (as stored, and decompressed), the search index
raw and gzip, shard sizes, and the whole site against the raw input.

Usage: tools/site_bytes.py SITE [INPUT_DIR...]
"""
import gzip, json, os, statistics, sys, zlib

def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    site = sys.argv[1]
    manifest = json.load(open(os.path.join(site, 'data/manifest.json'), encoding='utf-8'))
    kinds = {}
    dictionary = manifest.get('dictionary')
    dictionary = gzip.decompress(open(os.path.join(site, dictionary['f']), 'rb').read()) if dictionary else b''
    for root, _, files in os.walk(site):
        for name in files:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, site)
            stored = os.path.getsize(path)
            raw = len(gzip.decompress(open(path, 'rb').read())) if name.endswith('.gz') else stored
            if name.endswith('.gzd'):  # deflate data written with the dictionary after a 10-byte gzip header
                d = zlib.decompressobj(-15, zdict=dictionary)
                raw = len(d.decompress(open(path, 'rb').read()[10:]))
            kind = name.split('-')[0] if rel.startswith('data/') else 'app'
            if kind == 'search' and name.startswith('search-docs'):
                kind = 'search-docs'
            k = kinds.setdefault(kind, [0, 0, 0])
            k[0] += 1; k[1] += stored; k[2] += raw
    total = sum(k[1] for k in kinds.values())
    print(f"site {site}: {manifest['posts']} posts, {sum(k[0] for k in kinds.values())} files, "
          f"{total / 2**20:.2f} MiB as stored")
    print(f"  {'kind':<12} {'files':>6} {'stored MiB':>11} {'raw MiB':>9}")
    for kind, (n, stored, raw) in sorted(kinds.items()):
        print(f"  {kind:<12} {n:>6} {stored / 2**20:>11.2f} {raw / 2**20:>9.2f}")
    index = [kinds.get(k, [0, 0, 0]) for k in ('search', 'search-docs', 'fold')]
    search = manifest.get('search') or {}
    if 'l' in search:  # the index's file list has its own file
        search = json.loads(gzip.decompress(open(os.path.join(site, search['l']['f']), 'rb').read()))
    shards = [s['b'] for g in search.get('g', []) for s in g['s']]
    print(f"search index: {sum(k[2] for k in index) / 2**20:.2f} MiB raw, {sum(k[1] for k in index) / 2**20:.2f} MiB gzip; "
          f"{len(search.get('g', []))} segments, {len(shards)} shards, stored shard bytes median "
          f"{statistics.median(shards) / 1024 if shards else 0:.1f} KiB, max {max(shards, default=0) / 1024:.1f} KiB")
    if len(sys.argv) > 2:
        raw_input = 0
        for d in sys.argv[2:]:
            for root, _, files in os.walk(d):
                raw_input += sum(os.path.getsize(os.path.join(root, f)) for f in files)
        print(f"raw input {raw_input / 2**20:.2f} MiB; site / input = {100 * total / raw_input:.1f}% "
              f"(data only: {100 * (total - kinds.get('app', [0, 0, 0])[1]) / raw_input:.1f}%)")

main()
