#!/usr/bin/env python3
"""A build with nothing changed since the last one says so from its stamps without touching the site,
and any change takes the normal (incremental) path: an input added, touched or removed, one modified
within 2 s of the build (racy), an app file, an option, another folio binary, a site or its build cache changed or removed
by hand, and --report / --full (--single-file, which needs a real app, takes the same early return). Each normal build must still give a full build's data files.
Usage: nothing_changed.py FOLIO SRC_DIR WORK_DIR"""
import filecmp, os, shutil, subprocess, sys

folio, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
posts, app = os.path.join(work, 'posts', '_posts'), os.path.join(work, 'app')
os.makedirs(app)
for name, text in (('index.html', '<!doctype html>'), ('app.wasm', ''), ('app.js', ''), ('folio.css', ''), ('folio-shell.js', '')):
    open(os.path.join(app, name), 'w').write(text)
subprocess.run([sys.executable, os.path.join(src, 'tools/gen_archive.py'), os.path.join(work, 'posts'), '--posts', '20',
                '--seed', '7'], check=True, stdout=subprocess.DEVNULL)
OLD = 1_000_000_000
def age(path):
    os.utime(path, (OLD, OLD))
for root in (posts, app):
    for name in os.listdir(root):
        age(os.path.join(root, name))
site = os.path.join(work, 'site')
FAST = 'incremental build: nothing changed'
last = []

def build(*extra, binary=folio, out=site):
    r = subprocess.run([binary, 'build', os.path.join(work, 'posts'), '-o', out, '--app-dir', app, '--shard-posts', '4',
                        *extra], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f'folio build failed: {r.stderr}')
    if FAST not in r.stderr and out == site:
        last[:] = counts(r.stderr)  # what the next build with nothing changed must print
    return r.stderr

def counts(log):
    return [l for l in log.splitlines() if 'files seen' in l]

def same_as_full(step, *extra):
    full = os.path.join(work, 'full')
    shutil.rmtree(full, ignore_errors=True)
    build('--full', *extra, out=full)
    cmp = filecmp.dircmp(os.path.join(site, 'data'), os.path.join(full, 'data'))
    if cmp.left_only or cmp.right_only or cmp.diff_files:
        sys.exit(f'{step}: the site differs from a full build: {cmp.left_only} {cmp.right_only} {cmp.diff_files}')

def expect_fast(step):
    before = os.stat(site).st_ino, os.stat(os.path.join(site, 'data/manifest.json')).st_mtime_ns
    log = build()
    if FAST not in log:
        sys.exit(f'{step}: nothing changed, the build should say so from its stamps: {log}')
    if not last or counts(log) != last:
        sys.exit(f'{step}: the counts should be the last build\'s: {counts(log)} vs {last}')
    if (os.stat(site).st_ino, os.stat(os.path.join(site, 'data/manifest.json')).st_mtime_ns) != before:
        sys.exit(f'{step}: the site must be left as it is')
    print(f'{step}: nothing changed, site untouched')

def expect_normal(step, change, *extra, binary=folio, settle=True):
    change()
    log = build(*extra, binary=binary)
    if FAST in log or 'site written to' not in log:
        sys.exit(f'{step}: the build must not take the nothing-changed path: {log}')
    same_as_full(step, *extra)
    print(f'{step}: normal build')
    if settle:  # the next build with nothing changed is a fast one again
        for root in (posts, app):
            for name in os.listdir(root):
                age(os.path.join(root, name))
        build(*extra, binary=binary)
        expect_fast(f'{step}, then nothing')

first = build()
if FAST in first:
    sys.exit('the first build has no stamps to go by')
expect_fast('nothing changed')
names = sorted(os.listdir(posts))
def add():
    shutil.copy(os.path.join(posts, names[0]), os.path.join(posts, '2030-01-01-new.md'))
    open(os.path.join(posts, '2030-01-01-new.md'), 'a').write('\nnew words\n')
expect_normal('add a post', add)
def touch():  # same bytes, a new modification time
    os.utime(os.path.join(posts, names[1]), (OLD + 5, OLD + 5))
expect_normal('touch a post', touch)
def remove():
    os.remove(os.path.join(posts, '2030-01-01-new.md'))
expect_normal('remove a post', remove)
build()
def racy():  # modified now, same size: only a read can tell
    p = os.path.join(posts, names[2])
    data = open(p, 'rb').read()
    open(p, 'wb').write(data[:-1] + (b'X' if data[-1:] != b'X' else b'Y'))
expect_normal('a post modified now', racy, settle=False)
expect_normal('a post modified within 2 s of the last build', lambda: None, settle=False)
for root in (posts,):
    for name in os.listdir(root):
        age(os.path.join(root, name))
build()
expect_fast('racy posts aged')
expect_normal('an app file changed', lambda: (open(os.path.join(app, 'app.js'), 'a').write('//'), age(os.path.join(app, 'app.js'))))
expect_normal('another option', lambda: None, '--body-posts', '3', settle=False)
build()
other = os.path.join(work, 'folio-other')
shutil.copy(folio, other)
open(other, 'ab').write(b'\0')  # another binary (an ELF file runs with bytes appended)
os.utime(other, (OLD, OLD))
expect_normal('another folio binary', lambda: None, binary=other, settle=False)
build()
expect_fast('the first binary again')
def edit_site():
    p = os.path.join(site, 'index.html')
    open(p, 'a').write('<!-- edited -->')
expect_normal('a site file edited by hand', edit_site)
expect_normal('a data file removed by hand', lambda: os.remove(os.path.join(site, 'data', sorted(
    n for n in os.listdir(os.path.join(site, 'data')) if n.startswith('offline-'))[0])))  # a file every build writes again
expect_normal('the site removed', lambda: shutil.rmtree(site))
expect_normal('the build cache damaged', lambda: open(os.path.join(site + '.folio-cache', 'head.bin'), 'r+b').write(b'XX'))
for flag in (['--report', os.path.join(work, 'report.json')], ['--full']):
    if FAST in build(*flag):
        sys.exit(f'{flag[0]} must take the normal path')
    print(f'{flag[0]}: normal build')
expect_fast('nothing changed at the end')
