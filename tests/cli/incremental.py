#!/usr/bin/env python3
"""Incremental builds read exactly like full builds: over a sequence of add / change / delete
steps, `folio build` into the existing site (with its build cache) gives the same data files,
byte for byte, as a fresh `folio build --full`, hence the same `folio dump` and search results;
and it reuses what did not change (new posts extend the newest index segment from its files). Tiny shards (--shard-posts 3) cut into body files of at most 2 posts (--body-posts 2)
make every step cross shards and parts; each step must keep some stored files, wherever in the archive's order its posts fall.
The body files' dictionary is trained on the 12 oldest dated posts (--dictionary-posts 12): new posts keep it
(and the body files), an older post changes it (and every body file).
Then four days of new posts with the default shard sizes, where the newest run is two index segments.
Usage: incremental.py FOLIO SRC_DIR WORK_DIR"""
import filecmp, gzip, json, os, shutil, subprocess, sys

folio, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
posts, app = os.path.join(work, 'posts', '_posts'), os.path.join(work, 'app')
os.makedirs(posts)
os.makedirs(app)
for name, text in (('index.html', '<!doctype html>'), ('app.wasm', ''), ('app.js', '')):
    open(os.path.join(app, name), 'w').write(text)
fixtures = os.path.join(src, 'tests/fixtures/ingest')
for name in sorted(os.listdir(fixtures)):
    if not name.endswith('.expected.json'):
        shutil.copy(os.path.join(fixtures, name), posts)
subprocess.run([sys.executable, os.path.join(src, 'tools/gen_archive.py'), os.path.join(work, 'gen'), '--posts', '40',
                '--seed', '5'], check=True, stdout=subprocess.DEVNULL)
generated = sorted(os.listdir(os.path.join(work, 'gen/_posts')))
for name in generated[:30]:
    shutil.copy(os.path.join(work, 'gen/_posts', name), posts)

# Input files older than the build: an unchanged size and modification time is then trusted
# without reading the file (files written within 2 s of a build are always read again).
for name in os.listdir(posts):
    os.utime(os.path.join(posts, name), (1_000_000_000, 1_000_000_000))

def build(out, *extra, archive=os.path.join(work, 'posts'), shards=('--shard-posts', '3', '--body-posts', '2', '--dictionary-posts', '12')):
    r = subprocess.run([folio, 'build', archive, '-o', out, '--app-dir', app, *shards, *extra], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f'folio build {out} failed: {r.stderr}')
    return r.stderr

def run(*args):
    return subprocess.run([folio, *args], check=True, capture_output=True).stdout

def same_site(a, b, step):
    if sorted(os.listdir(a)) != sorted(os.listdir(b)):
        sys.exit(f'{step}: the sites differ: {set(os.listdir(a)) ^ set(os.listdir(b))}')
    da, db = os.path.join(a, 'data'), os.path.join(b, 'data')
    names = sorted(os.listdir(da))
    if names != sorted(os.listdir(db)):
        sys.exit(f'{step}: the data files differ: {set(names) ^ set(os.listdir(db))}')
    for n in names:
        if not filecmp.cmp(os.path.join(da, n), os.path.join(db, n), shallow=False):
            sys.exit(f'{step}: data/{n} differs')
    if run('dump', a) != run('dump', b):
        sys.exit(f'{step}: folio dump differs')
    for q in ('the', '的', '台风', 'tag:news'):
        if run('search', a, q, '--json', '--limit', '1000') != run('search', b, q, '--json', '--limit', '1000'):
            sys.exit(f'{step}: folio search {q} differs')

site = os.path.join(work, 'site')
log = build(site)
if 'incremental build' in log or not os.path.exists(site + '.folio-cache'):
    sys.exit('the first build should be a full one and leave a build cache')
runs = [json.loads(gzip.decompress(open(os.path.join(site, m['f']), 'rb').read()))['b']
        for m in json.load(open(os.path.join(site, 'data/manifest.json')))['meta']]
if max(c for run in runs for _, c in run) > 2 or all(len(run) == 1 for run in runs):
    sys.exit(f'body files should hold at most 2 posts, some runs cut into several: {runs}')

def dictionary_of(site):
    return json.load(open(os.path.join(site, 'data/manifest.json'))).get('dictionary', {}).get('f')

if not dictionary_of(site) or not any(n.endswith('.gzd') for n in os.listdir(os.path.join(site, 'data'))):
    sys.exit('the site should have a dictionary and body files written with it')

def incremental_summary(log, name):
    """The build's "incremental build: ..." line, its stored files kept and index segments extended."""
    line = [l for l in log.splitlines() if 'incremental build' in l]
    if not line:
        sys.exit(f'{name}: not an incremental build: {log}')
    kept = int(line[0].split('), ')[-1].split()[0])
    extended = int(line[0].split(' index segments extended')[0].split()[-1])
    return line[0], kept, extended

def step(name, change, expect_kept=True, expect_extended=False, expect_note=None, expect_new_dictionary=False):
    before = dictionary_of(site)
    change()
    log = build(site)
    if (dictionary_of(site) != before) != expect_new_dictionary:
        sys.exit(f'{name}: the dictionary should {"" if expect_new_dictionary else "not "}change')
    full = os.path.join(work, 'full-' + name.replace(' ', '-'))
    build(full, '--full')
    same_site(site, full, name)
    line, kept, extended = incremental_summary(log, name)
    if expect_kept and kept == 0:
        sys.exit(f'{name}: nothing was kept: {line}')
    if expect_extended and extended == 0:
        sys.exit(f'{name}: the newest index segment should be extended from its previous files: {line}')
    if expect_note and expect_note not in log:
        sys.exit(f'{name}: the summary should say "{expect_note}": {log}')
    print(f'{name}: same as a full build; {line}')

def add_newest():
    for n in generated[30:]:
        shutil.copy(os.path.join(work, 'gen/_posts', n), posts)

def damage_newest_segment_and_add():
    # The segment the new posts would extend cannot be read back: it is rebuilt from its posts, and says so.
    manifest = json.load(open(os.path.join(site, 'data/manifest.json')))
    index = json.loads(gzip.decompress(open(os.path.join(site, manifest['search']['l']['f']), 'rb').read()))
    open(os.path.join(site, index['g'][0]['d']['f']), 'wb').write(b'not gzip')
    open(os.path.join(posts, '2098-01-01-newer.md'), 'w', encoding='utf-8').write(
        '---\ntitle: Newer\ndate: 2098-01-01\n---\nNewer 台风 text.\n')

def change_one():
    p = os.path.join(posts, generated[3])
    open(p, 'a', encoding='utf-8').write('\n\n台风 added line\n')

def delete_one():
    os.remove(os.path.join(posts, generated[10]))

def add_old():
    open(os.path.join(posts, '1999-01-01-old.md'), 'w', encoding='utf-8').write(
        '---\ntitle: An old one\ndate: 1999-01-01\ntags: [news, old]\nauthor: New Author\n---\nOld 台风 text.\n')

def add_undated():
    open(os.path.join(posts, 'no-date-here.md'), 'w', encoding='utf-8').write('---\ntitle: No date\n---\nUndated 台风.\n')

def duplicate():
    shutil.copy(os.path.join(posts, generated[5]), os.path.join(posts, 'zz-copy.md'))

step('nothing changed', lambda: None)
if ' 0 not even read' in build(site):
    sys.exit('unchanged files with old modification times should not be read again')
step('add the newest posts', add_newest, expect_extended=True)
step('add a post over a damaged newest segment', damage_newest_segment_and_add,
     expect_note='was rebuilt from its posts, not extended')
step('change a post', change_one, expect_new_dictionary=True)  # generated[3] is among the 12 oldest
step('delete a post', delete_one)  # generated[10] is one of the newer posts
step('add an old post with a new tag and author', add_old, expect_new_dictionary=True)  # cuts depend on the posts, not their count
step('add an undated post', add_undated)
step('add a duplicate', duplicate)
# A failed incremental build leaves the site and its cache as they were: once the cause is gone,
# the next build is incremental again (not a full rebuild of the whole archive).
oldest = json.load(open(os.path.join(site, 'data/manifest.json')))['meta'][-1]['f']
held = os.path.join(work, 'held-meta')
shutil.move(os.path.join(site, oldest), held)  # a kept file removed by hand: the update stops
open(os.path.join(posts, '2099-01-01-late.md'), 'w', encoding='utf-8').write('---\ntitle: Late\ndate: 2099-01-01\n---\nLate 台风.\n')
r = subprocess.run([folio, 'build', os.path.join(work, 'posts'), '-o', site, '--app-dir', app, '--shard-posts', '3',
                    '--body-posts', '2', '--dictionary-posts', '12'], capture_output=True, text=True)
if r.returncode == 0 or '--full' not in r.stderr:
    sys.exit(f'a build missing a kept file should fail and name --full: {r.returncode} {r.stderr}')
if not os.path.exists(os.path.join(site + '.folio-cache', 'head.bin')):
    sys.exit('a failed build must leave the build cache of the site it left as it was')
shutil.move(held, os.path.join(site, oldest))
step('build again after a failed one', lambda: None)

# A damaged cache is ignored: the build reads everything and still gives the same site.
cache = site + '.folio-cache'
pieces = sorted(n for n in os.listdir(cache) if n.startswith('files-'))
if not pieces or not os.path.exists(os.path.join(cache, 'head.bin')):
    sys.exit(f'the build cache should hold head.bin and pieces: {os.listdir(cache)}')
for damage, what in ((lambda: open(os.path.join(cache, 'head.bin'), 'r+b').write(b'XX'), 'damaged head'),
                     (lambda: open(os.path.join(cache, pieces[0]), 'r+b').write(b'XX'), 'damaged piece'),
                     (lambda: os.remove(os.path.join(cache, pieces[-1])), 'missing piece')):
    damage()
    log = build(site)
    if 'incremental build' in log:
        sys.exit(f'a build cache with a {what} must not be used')
    same_site(site, os.path.join(work, 'full-build-again-after-a-failed-one'), what)
    pieces = sorted(n for n in os.listdir(cache) if n.startswith('files-'))
    print(f'{what}: ignored, full build')

# Day after day with the default shard sizes: the newest run of posts is cut into fine metadata shards
# and is at most two index segments (the newest few shards and the rest); each update equals a full
# build, and some extend a segment from its files.
days = os.path.join(work, 'days')
subprocess.run([sys.executable, os.path.join(src, 'tools/gen_archive.py'), os.path.join(days, 'gen'), '--posts', '600',
                '--seed', '7'], check=True, stdout=subprocess.DEVNULL)
day_names = sorted(os.listdir(os.path.join(days, 'gen/_posts')))
day_posts = os.path.join(days, 'posts', '_posts')
os.makedirs(day_posts)

def add_days_posts(names):
    for n in names:
        shutil.copy(os.path.join(days, 'gen/_posts', n), day_posts)
        os.utime(os.path.join(day_posts, n), (1_000_000_000, 1_000_000_000))

add_days_posts(day_names[:440])
day_site = os.path.join(days, 'site')
build(day_site, archive=os.path.dirname(day_posts), shards=())
two_open_segments = extending_days = 0
for day in range(4):
    add_days_posts(day_names[440 + 40 * day:480 + 40 * day])
    log = build(day_site, archive=os.path.dirname(day_posts), shards=())
    full = os.path.join(days, f'full-{day}')
    build(full, '--full', archive=os.path.dirname(day_posts), shards=())
    same_site(day_site, full, f'day {day}')
    manifest = json.load(open(os.path.join(day_site, 'data/manifest.json')))
    index = json.loads(gzip.decompress(open(os.path.join(day_site, manifest['search']['l']['f']), 'rb').read()))
    line, _, extended = incremental_summary(log, f'day {day}')
    two_open_segments += len(index['g']) == 2
    extending_days += extended > 0
    shutil.rmtree(full)
    print(f'day {day}: same as a full build; segments {[g["c"] for g in index["g"]]}; {line}')
if two_open_segments == 0 or extending_days == 0:
    sys.exit(f'the open run should be two segments ({two_open_segments} days) and some days extend one ({extending_days})')
