#!/usr/bin/env python3
"""A build with nothing changed stops at once (build_stamps.h), and only then: each change below
(an input's bytes or time, a new or removed file, another option, another app, a site changed by
hand or removed, another folio binary, a file written just before the build, --full and --report) must take the usual way, whose
log says "site written"; the fast way's says "nothing changed" and leaves the site untouched.
Usage: no_change.py FOLIO SRC_DIR WORK_DIR"""
import os, shutil, subprocess, sys, time

folio, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
posts, app, site = os.path.join(work, 'posts'), os.path.join(work, 'app'), os.path.join(work, 'site')
os.makedirs(app)
for name in ('index.html', 'app.wasm', 'app.js'):
    open(os.path.join(app, name), 'w').write(name)
subprocess.run([sys.executable, os.path.join(src, 'tools/gen_archive.py'), os.path.join(work, 'gen'), '--posts', '30',
                '--seed', '2'], check=True, stdout=subprocess.DEVNULL)
shutil.copytree(os.path.join(work, 'gen', '_posts'), posts)
OLD = 1_000_000_000  # inputs older than the build: their size and time are trusted

def age(*paths):
    for p in paths:
        os.utime(p, (OLD, OLD))

age(*[os.path.join(posts, n) for n in os.listdir(posts)], *[os.path.join(app, n) for n in os.listdir(app)])
# The binary is stamped too: one linked a moment ago (ctest may start this test first) is not trusted yet.
aged = os.path.join(work, 'folio')
shutil.copy(folio, aged)
age(aged)
folio = aged

def build(*extra):
    r = subprocess.run([folio, 'build', posts, '-o', site, '--app-dir', app, *extra], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f'folio build failed: {r.stderr}')
    return r.stderr

def site_state():
    return sorted((os.path.relpath(os.path.join(d, n), site), os.stat(os.path.join(d, n)).st_mtime_ns)
                  for d, _, names in os.walk(site) for n in names)

def expect(step, log, fast):
    if fast and 'nothing changed' not in log:
        sys.exit(f'{step}: expected the fast way, got: {log}')
    if not fast and ('nothing changed' in log or 'site written' not in log):
        sys.exit(f'{step}: expected a build, got: {log}')

expect('first build', build(), False)
before = site_state()
log = build()
expect('nothing changed', log, True)
if '30 files seen' not in log:
    sys.exit(f'the fast way repeats the last summary: {log}')
if site_state() != before:
    sys.exit('the fast way touched the site')
expect('again', build(), True)

first = os.path.join(posts, sorted(os.listdir(posts))[0])
steps = [
    # (Bytes rewritten with the size and time put back are not seen: the trust make and rsync place in a file's time.)
    ('an input rewritten, same size', lambda: (open(first, 'r+b').write(b'-'), os.utime(first, (OLD + 100, OLD + 100)))),
    ('an input with another time', lambda: os.utime(first, (OLD + 5, OLD + 5))),
    ('a new input', lambda: (shutil.copy(first, first + '.md'), age(first + '.md'))),
    ('an input removed', lambda: os.remove(first + '.md')),
    ('another app file', lambda: (open(os.path.join(app, 'app.js'), 'w').write('x'), age(os.path.join(app, 'app.js')))),
    ('the site changed by hand', lambda: open(os.path.join(site, 'data', 'manifest.json'), 'a').write(' ')),
]
for step, change in steps:
    change()
    expect(step, build(), False)
    expect(step + ', then nothing', build(), True)
expect('another option', build('--shard-posts', '7'), False)
expect('--full', build('--shard-posts', '7', '--full'), False)
expect('--report', build('--shard-posts', '7', '--report', os.path.join(work, 'report.json')), False)
expect('the same option again', build('--shard-posts', '7'), True)
# A file written just before a build may change again within the clock's tick: the next build looks.
open(first, 'a').write('\nmore text\n')
expect('a fresh file', build('--shard-posts', '7'), False)
expect('the fresh file, not yet trusted', build('--shard-posts', '7'), False)
time.sleep(2.5)
expect('the file, once old enough', build('--shard-posts', '7'), False)
expect('then nothing', build('--shard-posts', '7'), True)
# Another folio binary (an ELF file still runs with a byte appended), then this one again.
other = os.path.join(work, 'folio-other')
shutil.copy(folio, other)
open(other, 'ab').write(b'\0')
age(other)
r = subprocess.run([other, 'build', posts, '-o', site, '--app-dir', app, '--shard-posts', '7'], capture_output=True, text=True)
expect('another folio binary', r.stderr, False)
expect('this binary again', build('--shard-posts', '7'), False)
expect('then nothing, once more', build('--shard-posts', '7'), True)
shutil.rmtree(site)
expect('the site removed', build('--shard-posts', '7'), False)
expect('then nothing, after it', build('--shard-posts', '7'), True)
# A file removed from the site by hand: the usual way (which may then ask for --full) is taken.
offline = [n for n in os.listdir(os.path.join(site, 'data')) if n.startswith('offline-')][0]
os.remove(os.path.join(site, 'data', offline))
log = subprocess.run([folio, 'build', posts, '-o', site, '--app-dir', app, '--shard-posts', '7'], capture_output=True, text=True).stderr
if 'nothing changed' in log:
    sys.exit(f'a file removed from the site by hand: expected the usual way, got: {log}')
open(os.path.join(site, 'data', 'extra.txt'), 'w').write('x')
log = subprocess.run([folio, 'build', posts, '-o', site, '--app-dir', app, '--shard-posts', '7', '--full'],
                     capture_output=True, text=True).stderr
expect('a full build after it', log, False)
expect('then nothing, at last', build('--shard-posts', '7'), True)
print('nothing changed: the fast way only when nothing did')
