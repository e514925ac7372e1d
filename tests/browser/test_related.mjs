// Related coverage in the viewer (issue 19): the reader's "Also in" line, the compare of two copies,
// and the list's "one row per story" toggle, on a small archive of one story in three copies, a
// post on the same topic that is not a copy, and an unrelated post (tests/fixtures/related).
// Ground truth is `folio dump`'s related field, never the viewer itself.
// usage: node tests/browser/test_related.mjs <posts-dir> <app-dir> <folio-bin> [<out-dir>]
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, state, waitForState, clickControl, run, assert, postsTestArgs } from './lib.mjs';

const { site, shots, folioBin } = postsTestArgs('test_related.mjs');
const posts = execFileSync(folioBin, ['dump', site], { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
const byId = new Map(posts.map((p) => [p.id, p]));
const withCopies = posts.filter((p) => p.related && p.related.length);
const sameSet = (a, b) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
const browser = await launch();

async function open(cleanup, hash = '') {
  const ctx = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  cleanup.push(() => ctx.close());
  const server = await serve(site);
  cleanup.push(server.close);
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url + hash);
  await waitForState(page, (s) => s.load === 'ready' && s.rows.length > 0 && s.font_loaded && s.related.loaded && !s.frames.awake,
                     'the list with the related file in');
  return { page, errors };
}

// A screenshot without a tooltip over it: the pointer moved off the controls first.
async function shot(page, name) {
  const s = await state(page);
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.move(box.x + 2, box.y + box.height - 2);
  await waitForState(page, (t) => t.frames.drawn > s.frames.drawn && !t.frames.awake, 'the frames after moving the pointer', 10000)
    .catch(() => {});  // nothing under the pointer changed: no frame
  await page.screenshot({ path: path.join(shots, name) });
}

// The story's copies, as the build grouped them: the wire copy has the two others, symmetric.
const wire = posts.find((p) => p.source_url.includes('wire.example.com'));
const daily = posts.find((p) => p.source_url.includes('daily.example.org/news/20230710'));
const portal = posts.find((p) => p.source_url.includes('portal.example.net'));
const shelter = posts.find((p) => p.source_url.includes('shelter'));

await run([
  ['the build groups the three copies and nothing else (folio dump)', async () => {
    assert(wire && daily && portal && shelter, 'the fixture posts are in the dump');
    assert(sameSet(wire.related, [daily.id, portal.id]), `wire copy's related: ${JSON.stringify(wire.related)}`);
    assert(sameSet(daily.related, [wire.id, portal.id]), `daily copy's related: ${JSON.stringify(daily.related)}`);
    assert(sameSet(portal.related, [wire.id, daily.id]), `portal copy's related: ${JSON.stringify(portal.related)}`);
    assert(withCopies.length === 3, `only the three copies have related posts, not ${withCopies.map((p) => p.title)}`);
  }],

  ['the reader shows "Also in" with each copy, one click away', async (cleanup) => {
    const { page, errors } = await open(cleanup, `#post=${wire.id}`);
    let s = await state(page);
    assert(s.selected === wire.id, `the wire copy is open (${s.selected})`);
    assert(sameSet(s.related.copies, wire.related), `the reader's copies ${JSON.stringify(s.related.copies)} are the dump's`);
    assert(s.controls.copy_0 && s.controls.copy_1 && !s.controls.copy_2, 'one button per copy');
    await shot(page, 'related-also-in.png');
    await clickControl(page, 'copy_0');
    s = await waitForState(page, (t) => t.selected === s.related.copies[0], 'the first copy open');
    assert(sameSet(s.related.copies, byId.get(s.selected).related), 'the opened copy lists its own copies');
    assert(s.hash.includes(`post=${s.selected}`), `the address names the opened copy (${s.hash})`);
    await page.goBack();
    await waitForState(page, (t) => t.selected === wire.id, 'back to the wire copy');
    s = await waitForState(page, (t) => t.selected === wire.id && t.related.copies.length === 2, 'back: the copies again');
    const shelterOpen = await open(cleanup, `#post=${shelter.id}`);
    const t = await state(shelterOpen.page);
    assert(t.related.copies.length === 0 && !t.controls.copy_0, 'a post on the same topic that is no copy has no "Also in"');
    assert(!errors.length && !shelterOpen.errors.length, `page errors: ${errors} ${shelterOpen.errors}`);
  }],

  ['compare marks what only this copy has and lists what only the other has', async (cleanup) => {
    const { page } = await open(cleanup, `#post=${wire.id}`);
    const s = await state(page);
    const k = s.related.copies.indexOf(daily.id);
    assert(k >= 0, 'the daily copy is listed');
    await clickControl(page, `copy_${k}_compare`);
    const c = (await waitForState(page, (t) => t.related.compare && t.related.compare.ready && !t.frames.awake, 'the compare')).related.compare;
    assert(c.with === daily.id && c.aligned, `compared with the daily copy: ${JSON.stringify(c)}`);
    // The daily copy says 三十 where the wire says 二十六, and adds a paragraph of its reporter's.
    assert(c.only_here.join('') === '二六', `only in the wire copy: ${JSON.stringify(c.only_here)}`);
    assert(c.only_there.some((p) => p.includes('本报记者在城东新区看到')), `only in the daily copy: ${JSON.stringify(c.only_there)}`);
    assert(c.only_there.join('').includes('三'), 'the changed number is listed');
    await shot(page, 'related-compare.png');
    await clickControl(page, `copy_${k}_compare`);
    const off = await state(page);
    assert(off.related.compare === null, 'a second click stops comparing');
  }],

  ['"One row per story" folds the copies into one row with a count, kept in the address', async (cleanup) => {
    const { page } = await open(cleanup);
    let s = await state(page);
    const all = s.rows.length;
    assert(all === posts.length, `every post is a row (${all})`);
    await clickControl(page, 'fold_copies');
    s = await waitForState(page, (t) => t.related.fold && t.rows.length === posts.length - 2, 'the folded list');
    const folded = s.rows.filter((r) => r.copies);
    assert(folded.length === 1 && folded[0].copies === 2, `one row counts two copies: ${JSON.stringify(s.rows.map((r) => [r.title, r.copies]))}`);
    assert([wire.id, daily.id, portal.id].includes(folded[0].id), 'the folded row is one of the copies');
    assert(s.hash.includes('copies=fold'), `the address keeps the toggle (${s.hash})`);
    await shot(page, 'related-folded.png');
    const reopened = await open(cleanup, s.hash);
    const r = await waitForState(reopened.page, (t) => t.related.fold && t.rows.length === posts.length - 2, 'the folded list from the address');
    assert(r.rows.some((row) => row.copies === 2), 'the link opens folded');
    await clickControl(page, 'fold_copies');
    await waitForState(page, (t) => !t.related.fold && t.rows.length === posts.length, 'every copy a row again');
  }],
]);
await browser.close();
