// Fonts in slices (issue 17): the first screen waits only for each font's first slice; a character
// of a later slice is drawn as a placeholder (never U+FFFD) until its slice arrives, which is fetched
// as soon as the character is on screen, then drawn for real.
// usage: node tests/browser/test_font_slices.mjs <posts-dir> <app-dir> <folio-bin> [<out-dir>]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, state, waitForState, run, assert, postsTestArgs } from './lib.mjs';

// Small slices, so the demo's faces come in several files each.
const { site, shots: outDir, folioBin } = postsTestArgs('test_font_slices.mjs', ['--font-slice', '40']);
const appDir = process.argv[3];
const manifest = JSON.parse(fs.readFileSync(path.join(site, 'data/manifest.json'), 'utf8'));
const faces = manifest.fonts;
const firstSlices = new Set([...faces, manifest.fallback].filter((f) => f && f.s).map((f) => f.s[0][0]));
// Each face's slices as character lists (runs of its residency order).
const slicesOf = (font) => {
  const order = [...font.q], out = [];
  for (let at = 0, k = 0; k < font.s.length; at += font.s[k][2], k++) out.push(order.slice(at, at + font.s[k][2]));
  return out;
};
const sliceChars = faces.map(slicesOf);
const ui = new Set(faces[0].q);
// A Han character of a later slice no file asked for so far holds, that the UI face draws from it
// (the UI face takes a character from its own file first, then from the other faces').
function unaskedCharacter(asked) {
  for (let f = 0; f < faces.length; f++)
    for (let k = sliceChars[f].length - 1; k > 0; k--) {
      if (asked.includes(faces[f].s[k][0])) continue;
      const c = sliceChars[f][k].find((ch) => /\p{Script=Han}/u.test(ch) && (f === 0 || !ui.has(ch)));
      if (c) return { c, file: faces[f].s[k][0] };
    }
  return null;
}

const browser = await launch();

// A page whose later font slices are held back (no answer) until release() is called; options go to
// its browser context (a locale).
async function heldPage(cleanup, root = site, passed = firstSlices, options = {}) {
  const server = await serve(root);
  cleanup.push(server.close);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block', ...options });
  cleanup.push(() => ctx.close());
  const page = await ctx.newPage();
  const asked = [];   // font files requested, in order
  const held = [];
  let holding = true;
  await page.route('**/data/font-*', (route) => {
    const file = new URL(route.request().url()).pathname.slice(1);
    asked.push(file);
    if (holding && !passed.has(file)) held.push(route);
    else route.continue();
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);
  const release = () => { holding = false; for (const r of held.splice(0)) r.continue(); };
  return { page, asked, release, errors };
}

const drawCheck = (page, text) => page.evaluate((t) => window.folio.drawCheck(t), text);

await run([
  ['the demo is cut into several slices per face, the first ones listed for preload', async () => {
    assert(faces.every((f) => f.s.length >= 3), `slices per face: ${faces.map((f) => f.s.length)}`);
    const html = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
    const listed = JSON.parse(/id="folio-preload">([^<]*)</.exec(html)[1]);
    const fonts = listed.filter((f) => f.startsWith('data/font-'));
    assert(JSON.stringify(fonts.sort()) === JSON.stringify([...firstSlices].sort()), `preloaded fonts ${fonts}`);
  }],
  ['the list shows with only the first slices; a later character is a placeholder, fetched when shown, drawn once it arrives', async (cleanup) => {
    const { page, asked, release, errors } = await heldPage(cleanup);
    const shown = await waitForState(page, (s) => s.rows && s.rows.length > 0 && s.font_loaded && s.font.glyphs > 0,
                                     'the list with the later slices held back', 60000);
    assert(shown.font.slices.arrived === firstSlices.size, `slices in: ${JSON.stringify(shown.font.slices)}`);
    await page.screenshot({ path: path.join(outDir, 'slices-first-screen.png') });
    // Held back, the background asks for one slice at a time: a slice not asked for yet holds no
    // character on screen, and one of its characters comes on screen next.
    const pick = unaskedCharacter(asked);
    assert(pick, `every slice was asked for before the list showed: ${asked}`);
    const { c: rare, file: lastFile } = pick;
    const before = await drawCheck(page, rare);
    assert(JSON.stringify(before.missing) === '[]', `${rare} shows as U+FFFD while its slice is on its way: ${JSON.stringify(before)}`);
    assert(before.waiting.length === 1, `${rare} is not drawn as a placeholder: ${JSON.stringify(before)}`);
    // On screen (typed into the search box): its slice is asked for at once.
    await page.evaluate((t) => window.folio.test.setQuery(t), rare);
    const t0 = Date.now();
    while (!asked.includes(lastFile) && Date.now() - t0 < 5000) await page.waitForTimeout(50);
    assert(asked.includes(lastFile), `the slice of ${rare} was not asked for when it came on screen: ${asked}`);
    await page.screenshot({ path: path.join(outDir, 'slices-placeholder.png') });
    release();
    await waitForState(page, (s) => s.font.slices.arrived === s.font.slices.total && s.font.slices.waiting === 0 &&
                                     s.font.slices.placeholders === 0, 'every slice in', 30000);
    const after = await drawCheck(page, rare);
    assert(JSON.stringify(after.missing) === '[]' && after.waiting.length === 0, `after its slice: ${JSON.stringify(after)}`);
    const glyphs = await page.evaluate((t) => window.folio.test.glyphDrawCheck(0, t), sliceChars[0].flat().join(''));
    assert(glyphs.covered_fallback === 0, JSON.stringify(glyphs));
    // Every glyph of every face is drawn once the fill is done (no blank cell, no placeholder left).
    const t1 = Date.now();
    let check;
    do {
      await page.waitForTimeout(200);
      check = await page.evaluate(() => window.folio.test.glyphCheck());
    } while (check.some((f) => f.missing > 0) && Date.now() - t1 < 20000);
    assert(check.every((f) => f.missing === 0), `glyphs not drawn: ${JSON.stringify(check)}`);
    await page.screenshot({ path: path.join(outDir, 'slices-drawn.png') });
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  }],
  ['a partial atlas draws a later character as a placeholder, then in a slot once its slice arrives', async (cleanup) => {
    const { page, asked, release } = await heldPage(cleanup);
    await waitForState(page, (s) => s.rows && s.rows.length > 0 && s.font_loaded && s.font.glyphs > 0, 'the list', 60000);
    const pick = unaskedCharacter(asked);
    assert(pick, `every slice was asked for before the list showed: ${asked}`);
    const rare = pick.c;
    await page.evaluate(() => window.folio.test.setAtlasLimit(512));
    await waitForState(page, (s) => s.font.partial && s.font.max_side === 512, 'a partial atlas', 30000);
    const before = await drawCheck(page, rare);
    assert(JSON.stringify(before.missing) === '[]' && before.waiting.length === 1, JSON.stringify(before));
    release();
    await waitForState(page, (s) => s.font.slices.arrived === s.font.slices.total, 'every slice in', 30000);
    const after = await drawCheck(page, rare);
    assert(JSON.stringify(after.missing) === '[]' && after.waiting.length === 0, JSON.stringify(after));
    const s = await state(page);
    assert(s.font.slices.placeholders === 0, `placeholders left: ${JSON.stringify(s.font.slices)}`);
    assert(asked.length > firstSlices.size, 'no later slice was asked for');
  }],
  ['an old post\'s tag, in no first slice: its slice is asked for when the reader shows it, and it is drawn without input once in', async (cleanup) => {
    // 60 newer posts fill the first screen and give the filters' first rows 13 tags of their own;
    // the one old post's tag is in no first slice.
    const posts = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-tag-posts-'));
    const tagSite = posts + '-site';
    cleanup.push(async () => { fs.rmSync(posts, { recursive: true, force: true }); fs.rmSync(tagSite, { recursive: true, force: true });
                             fs.rmSync(tagSite + '.folio-cache', { recursive: true, force: true }); });
    const post = (day, title, tag) => `---\ntitle: ${title}\ndate: ${day}\ntags: [${tag}]\n---\n\nPlain text.\n`;
    for (let k = 0; k < 60; k++) {
      const day = `2030-01-${String(k % 28 + 1).padStart(2, '0')}`;
      fs.writeFileSync(path.join(posts, `${day}-n${k}.md`), post(day, `News ${k}`, `t${k % 13}`));
    }
    const tag = '廣播電臺';
    fs.writeFileSync(path.join(posts, '2000-01-01-old.md'), post('2000-01-01', 'Old', tag));
    execFileSync(folioBin, ['build', posts, '-o', tagSite, '--app-dir', appDir, '--font-slice', '40', '-q']);
    const m = JSON.parse(fs.readFileSync(path.join(tagSite, 'data/manifest.json'), 'utf8'));
    const slices = slicesOf(m.fonts[0]);
    const tagFiles = [...new Set([...tag].map((c) => m.fonts[0].s[slices.findIndex((chars) => chars.includes(c))][0]))];
    assert(!tagFiles.includes(m.fonts[0].s[0][0]), `the tag is in the UI face's first slice: ${tagFiles}`);
    const first = new Set([...m.fonts, m.fallback].filter((f) => f && f.s).map((f) => f.s[0][0]));
    const { page, asked, release, errors } = await heldPage(cleanup, tagSite, first);
    await waitForState(page, (s) => s.rows && s.rows.length > 0 && s.font_loaded && s.font.glyphs > 0, 'the list', 60000);
    await page.evaluate(() => window.folio.test.setQuery('Old'));
    const found = await waitForState(page, (s) => s.rows && s.rows.length === 1 && s.rows[0].title === 'Old', 'the old post found', 10000);
    await page.evaluate(() => window.folio.test.setQuery(''));
    await page.evaluate((id) => { location.hash = `#post=${id}`; }, found.rows[0].id);
    await waitForState(page, (s) => s.reader && s.reader.loaded && s.reader.title === 'Old', 'the old post open', 10000);
    const t0 = Date.now();
    while (!tagFiles.every((f) => asked.includes(f)) && Date.now() - t0 < 5000) await page.waitForTimeout(50);
    assert(tagFiles.every((f) => asked.includes(f)), `the tag's slices ${tagFiles} were not asked for: ${asked}`);
    release();
    await waitForState(page, (s) => s.font.slices.arrived === s.font.slices.total && s.font.blank === 0 &&
                                     s.font.slices.placeholders === 0 && s.font.placeholders_drawn === 0 && !s.frames.awake,
                       'every slice in and drawn', 30000);
    // What the canvas shows now, with no input since, is what a fresh frame draws (a glyph drawn
    // between frames with no frame after it would still show as the box).
    const shown = await page.screenshot();
    await page.evaluate(() => window.folioFrames.wake());
    await waitForState(page, (s) => !s.frames.awake, 'the frame after a wake', 10000);
    const fresh = await page.screenshot();
    if (!shown.equals(fresh)) {
      fs.writeFileSync(path.join(outDir, 'slices-tag-stale.png'), shown);
      fs.writeFileSync(path.join(outDir, 'slices-tag-fresh.png'), fresh);
    }
    assert(shown.equals(fresh), 'the canvas was stale after the tag\'s slices came in (see slices-tag-stale.png)');
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  }],
  ['a Traditional post in the Simplified interface: once its slices are in, no text on screen is a placeholder', async (cleanup) => {
    // The reader draws the post in its own face and the viewer's words (buttons, dates, names) beside it:
    // whatever is on screen asks for its slices, so none stays a light box.
    const { page, release, errors } = await heldPage(cleanup, site, firstSlices, { locale: 'zh-CN' });
    release();  // nothing held: every slice comes when asked for
    await waitForState(page, (s) => s.rows && s.rows.length > 0 && s.font_loaded && s.ui_language === 'zh-Hans', 'the list', 60000);
    await page.evaluate(() => window.folio.test.setQuery('季候風'));
    const found = await waitForState(page, (s) => s.rows && s.rows.length === 1, 'the Traditional post found', 10000);
    await page.evaluate(() => window.folio.test.setQuery(''));
    await page.evaluate((id) => { location.hash = `#post=${id}`; }, found.rows[0].id);
    await waitForState(page, (s) => s.reader && s.reader.loaded && s.reader.title === found.rows[0].title, 'the post open', 10000);
    let s = null;
    for (const t0 = Date.now(); Date.now() - t0 < 15000; await page.waitForTimeout(100)) {
      s = await state(page);
      if (!s.frames.awake && s.font.placeholders_drawn === 0) break;
    }
    await page.screenshot({ path: path.join(outDir, 'slices-traditional-post-zh-Hans.png') });
    assert(s.font.placeholders_drawn === 0, `${s.font.placeholders_drawn} glyphs still drawn as placeholders with the viewer idle`);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  }],
]);
await browser.close();
fs.rmSync(site, { recursive: true, force: true });
