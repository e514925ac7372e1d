#!/usr/bin/env python3
"""Related coverage end to end (issue 19): an archive of stories told several times
(tools/gen_copies.py: edited copies by other outlets, and controls on the same topic that are not
copies) built with `folio build`; `folio dump`'s related lists are symmetric, hold no control,
and find the copies. Then the newest third of the posts are added to a site built without them:
the incremental site's data files are byte for byte those of a full build.
Usage: related.py FOLIO SRC_DIR WORK_DIR"""
import filecmp, json, os, shutil, subprocess, sys

folio, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
gen = os.path.join(work, 'gen')
subprocess.run([sys.executable, os.path.join(src, 'tools/gen_copies.py'), gen, '--stories', '60', '--seed', '4'],
               check=True, stdout=subprocess.DEVNULL)
app = os.path.join(work, 'app')
os.makedirs(app)
for name in ('index.html', 'app.wasm', 'app.js'):
    open(os.path.join(app, name), 'w').write('')
truth = json.load(open(os.path.join(gen, 'truth.json'), encoding='utf-8'))

def build(posts, out, *extra):
    r = subprocess.run([folio, 'build', posts, '-o', out, '--app-dir', app, '--shard-posts', '20', *extra],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f'folio build failed: {r.stderr}')

def dump(site):
    out = subprocess.run([folio, 'dump', site], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines()]

site = os.path.join(work, 'site')
build(os.path.join(gen, '_posts'), site)
posts = dump(site)
by_id = {p['id']: p for p in posts}
name = {p['id']: os.path.basename(p['path']) for p in posts}
related = {name[p['id']]: {name[o] for o in p['related']} for p in posts}
for p in posts:
    for o in p['related']:
        if p['id'] not in by_id[o]['related']:
            sys.exit(f'not symmetric: {name[p["id"]]} lists {name[o]}, not the other way')
story_of = {n: k for k, story in enumerate(truth['stories']) for n in story}
for a, others in related.items():
    for b in others:
        if story_of.get(a) is None or story_of.get(a) != story_of.get(b):
            sys.exit(f'{a} and {b} are not versions of one story, yet related')
for control, base in truth['controls']:
    if related[control]:
        sys.exit(f'the control {control} (same topic as {base}) is related to {related[control]}')
base_pairs = [(story[0], c) for story in truth['stories'] for c in story[1:]]
found = sum(1 for a, b in base_pairs if b in related[a])
if found < 0.9 * len(base_pairs):
    sys.exit(f'only {found} of {len(base_pairs)} copies are related to their base')
print(f'{len(posts)} posts: {found} of {len(base_pairs)} copies found, no control related, lists symmetric')

# Incremental: a site without the newest third of the files, then all of them, against a full build.
partial = os.path.join(work, 'partial', '_posts')
os.makedirs(partial)
files = sorted(os.listdir(os.path.join(gen, '_posts')))
keep = files[:len(files) * 2 // 3]
for n in keep:
    shutil.copy(os.path.join(gen, '_posts', n), partial)
inc = os.path.join(work, 'inc')
build(partial, inc)
for n in files[len(keep):]:
    shutil.copy(os.path.join(gen, '_posts', n), partial)
build(partial, inc)
full = os.path.join(work, 'full')
build(partial, full, '--full')
da, db = os.path.join(inc, 'data'), os.path.join(full, 'data')
if sorted(os.listdir(da)) != sorted(os.listdir(db)):
    sys.exit(f'incremental and full data files differ: {set(os.listdir(da)) ^ set(os.listdir(db))}')
for n in os.listdir(da):
    if not filecmp.cmp(os.path.join(da, n), os.path.join(db, n), shallow=False):
        sys.exit(f'data/{n} differs between the incremental and the full build')
if not any(n.startswith('related-') for n in os.listdir(da)):
    sys.exit('the site has no related file')
print('incremental build with new copies: the same data files as a full build')
