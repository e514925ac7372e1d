#!/usr/bin/env python3
"""Real posts at a larger scale: copies an archive folder K times into one input folder.

    tools/copy_archive.py SRC OUT --copies K

Copy k of each file goes to OUT/c<k>-<top folder>/..., with its front matter's `from:` URL given
a "#c<k>" fragment and a line "副本 <k> 号" added to its text, so that no copy is dropped as a
duplicate of another, and its date (in the front matter and the file name) moved k*53 days
earlier, so that the copies of a post are not neighbours in the site's files. The texts stay real (their length, markup, vocabulary and character mix),
which the generator's posts are not; the vocabulary is the source's, so the index of such an
archive has fewer distinct terms than a real one of the same size.
"""
import argparse
import datetime
import os
import re
import sys

FROM = re.compile(rb'^(from:[ \t]*)(\S+)', re.M)
DATE_LINE = re.compile(rb'^(date:[ \t]*["\']?)(\d{4}-\d{2}-\d{2})', re.M)
SHIFT_DAYS = 53


def shifted(day: str, k: int) -> str:
    try:
        d = datetime.date.fromisoformat(day) - datetime.timedelta(days=SHIFT_DAYS * k)
    except ValueError:
        return day  # not a real date: left as the post has it
    return d.isoformat()


def copy_text(data: bytes, k: int, html: bool) -> bytes:
    eol = b'\r\n' if b'\r\n' in data[:4096] else b'\n'
    if data.startswith(b'---'):
        end = data.find(b'\n---', 3)
        if end > 0:
            head = FROM.sub(lambda m: m.group(1) + m.group(2) + b'#c%d' % k, data[:end], count=1)
            head = DATE_LINE.sub(lambda m: m.group(1) + shifted(m.group(2).decode(), k).encode(), head, count=1)
            data = head + data[end:]
    line = ('<p>副本 %d 号</p>' if html else '副本 %d 号') % k
    return data.rstrip(b'\r\n') + eol + eol + line.encode() + eol


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('src')
    ap.add_argument('out')
    ap.add_argument('--copies', type=int, required=True)
    args = ap.parse_args()
    files = []
    for root, _, names in os.walk(args.src):
        files += [os.path.join(root, n) for n in names]
    files.sort()
    written = 0
    for k in range(args.copies):
        for path in files:
            rel = os.path.relpath(path, args.src)
            dest = os.path.join(args.out, 'c%d-%s' % (k, rel))
            name = os.path.basename(dest)
            if re.match(r'\d{4}-\d{2}-\d{2}', name):
                dest = os.path.join(os.path.dirname(dest), shifted(name[:10], k) + name[10:])
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(path, 'rb') as f:
                data = f.read()
            with open(dest, 'wb') as f:
                f.write(copy_text(data, k, path.lower().endswith(('.html', '.htm'))))
            written += 1
    print('%d files from %d, %d copies, in %s' % (written, len(files), args.copies, args.out), file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
