#!/usr/bin/env python3
"""Extraction fidelity: for each post, the share of CJK characters in the source's visible text
(outside front matter, tags, comments, <script> and <style>) that appear in what folio extracted
(title + text from `folio dump`). Counts are per character (multiset), so order does not matter.

Usage: tools/fidelity.py <posts-dir> <site-dir> [--folio PATH] [--worst N]
"""
import argparse, collections, html.parser, json, os, re, subprocess, sys

CJK = re.compile(r'[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3\U00020000-\U0003fffd]')

class Visible(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0
    def handle_starttag(self, tag, attrs):
        if tag in ('script', 'style'): self.skip += 1
    def handle_endtag(self, tag):
        if tag in ('script', 'style') and self.skip: self.skip -= 1
    def handle_data(self, data):
        if not self.skip: self.parts.append(data)

def visible_text(raw):
    text = raw.lstrip('\ufeff')
    m = re.match(r'---[ \t]*\r?\n.*?\r?\n(---|\.\.\.)[ \t]*(\r?\n|$)', text, re.S)
    if m: text = text[m.end():]
    p = Visible()
    p.feed(text)
    p.close()
    return ''.join(p.parts)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('posts'); ap.add_argument('site')
    ap.add_argument('--folio', default='build/native-ci/src/tool/folio')
    ap.add_argument('--worst', type=int, default=10)
    a = ap.parse_args()
    dump = subprocess.run([a.folio, 'dump', a.site], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in dump.splitlines():
        post = json.loads(line)
        with open(os.path.join(a.posts, post['path']), encoding='utf-8', errors='replace') as f:
            src = collections.Counter(CJK.findall(visible_text(f.read())))
        total = sum(src.values())
        if total == 0: continue
        got = collections.Counter(CJK.findall(post['title'] + '\n' + post['text']))
        kept = sum(min(n, got[c]) for c, n in src.items())
        rows.append((kept / total, total, post['path']))
    rows.sort()
    shares = [r[0] for r in rows]
    print(f'posts with CJK text: {len(rows)}')
    print(f'mean share of source CJK characters extracted: {100 * sum(shares) / len(shares):.2f}%')
    print(f'weighted by characters: {100 * sum(s * t for s, t, _ in rows) / sum(t for _, t, _ in rows):.2f}%')
    print(f'posts under 95%: {sum(1 for s in shares if s < 0.95)}; under 99%: {sum(1 for s in shares if s < 0.99)}')
    for share, total, path in rows[:a.worst]:
        print(f'  {100 * share:6.2f}%  of {total:6d}  {path}')

if __name__ == '__main__':
    sys.exit(main())
