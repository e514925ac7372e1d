// Browser tests for the viewer: node tests/browser/test_app.mjs <site-dir> [<screenshot-dir>]
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import { serve, launch, state, waitForState, run, assert } from './lib.mjs';

const site = process.argv[2];
const shots = process.argv[3] || 'test-results';
const folioBin = process.argv[4] || 'build/native-ci/src/tool/folio';
if (!site || !fs.existsSync(path.join(site, 'data/manifest.json'))) {
  console.error('usage: test_app.mjs <site-dir built by folio build> [screenshot-dir]');
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
const manifest = JSON.parse(fs.readFileSync(path.join(site, 'data/manifest.json'), 'utf8'));
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });

async function openPage(cleanup, overrides = {}) {
  const server = await serve(site, overrides);
  cleanup.push(server.close);
  const page = await context.newPage();
  cleanup.push(() => page.close());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);
  return { page, server, errors };
}

// Ground truth for search tests: every post whose title or text contains the string, after
// folding the few traditional characters the queries use (independent of the engine).
const posts = execFileSync(folioBin, ['dump', site], { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
const tradToSimp = { '颱': '台', '風': '风', '鐵': '铁', '運': '运' };
const simplify = (t) => [...t].map((c) => tradToSimp[c] || c).join('').toLowerCase();
const containing = (q) => posts.filter((p) => simplify(p.title + '\n' + p.text).includes(simplify(q))).map((p) => p.id).sort();


// A site of the demo posts plus tests/fixtures/glyphs (emoji, rare ideographs), built with a report.
const glyphDir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'folio-glyphs-'));
const glyphSite = path.join(glyphDir, 'site');
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
execFileSync(folioBin, ['build', path.join(repo, 'assets/demo/_posts'), path.join(repo, 'tests/fixtures/glyphs'), '-o', glyphSite,
                        '--app-dir', site, '--report', path.join(glyphDir, 'report.json'), '-q'], { stdio: 'inherit' });
const glyphReport = JSON.parse(fs.readFileSync(path.join(glyphDir, 'report.json'), 'utf8'));
const noFontHas = glyphReport.font_missing.map((m) => parseInt(m.codepoint.slice(2), 16)).sort((a, b) => a - b);

// Every post's face (from the meta shards) and its drawn strings (from folio dump).
function sitePosts(dir) {
  const m = JSON.parse(fs.readFileSync(path.join(dir, 'data/manifest.json'), 'utf8'));
  const faces = {};
  for (const ref of m.meta) {
    const shard = JSON.parse(fs.readFileSync(path.join(dir, ref.f), 'utf8'));
    shard.id.forEach((id, k) => { faces[id] = shard.f ? shard.f[k] : 0; });
  }
  return execFileSync(folioBin, ['dump', dir], { encoding: 'utf8', maxBuffer: 1 << 30 }).trim().split('\n')
    .map((l) => JSON.parse(l)).map((p) => ({ face: faces[p.id], text: [p.title, p.text, p.author, ...p.tags].join('\n') }));
}

// Looks up every character of every post as the viewer draws it: code points shown as the
// replacement mark though a font covers them, and those no font covers (drawn as U+FFFD).
async function drawEveryPost(page, posts) {
  const covered = new Set(), uncovered = new Set();
  let replacement = true;
  for (const p of posts) {
    const r = await page.evaluate(([f, t]) => window.folio.glyphDrawCheck(f, t), [p.face, p.text]);
    if (r.covered_fallback) covered.add(...r.covered_examples);
    r.uncovered.forEach((c) => uncovered.add(c));
    if (r.uncovered.length && !(r.replacement === 0xFFFD && r.replacement_visible)) replacement = false;
  }
  return { covered: [...covered], uncovered: [...uncovered].sort((a, b) => a - b), replacement };
}
const hex = (cps) => cps.map((c) => 'U+' + c.toString(16).toUpperCase()).join(' ');

async function glyphPage(cleanup, dpr, overrides = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: dpr });
  cleanup.push(() => ctx.close());
  const server = await serve(glyphSite, overrides);
  cleanup.push(server.close);
  const page = await ctx.newPage();
  await page.goto(server.url);
  await waitForState(page, (s) => s.load === 'ready' && s.font_loaded && s.reader && s.reader.loaded, 'the glyph site');
  return page;
}
// Forces on-demand glyphs: a 2048-texel atlas limit, 32 px text.
async function forceResidency(page) {
  await page.evaluate(() => { window.folio.setAtlasLimit(2048); window.folio.setFontSize(32); });
  return waitForState(page, (s) => s.font.max_side === 2048 && s.font.size === 32 && s.font.glyphs > 0, 'a partial atlas', 60000);
}

async function focusSearch(page, st) {
  const [x0, y0, x1, y1] = st.search.box;
  await page.mouse.click((x0 + x1) / 2, (y0 + y1) / 2);
  await page.waitForTimeout(100);
}

await run([
  ['loads every post and opens one with a real click', async (cleanup) => {
    const { page, errors } = await openPage(cleanup);
    const s = await waitForState(page, (s) => s.load === 'ready' || s.load === 'error', 'the app to load');
    assert(s.load === 'ready', `load ended as ${s.load}: ${s.error}`);
    assert(s.posts === manifest.posts && s.posts > 0, `posts ${s.posts} != manifest ${manifest.posts}`);
    assert(s.font_loaded, 'the font did not load');
    const ready = await waitForState(page, (s) => s.rows.length > 3 && s.reader && s.reader.loaded, 'rows and reader');
    const first = ready.reader.title;
    const row = ready.rows[2];
    const box = await page.locator('canvas').boundingBox();
    await page.mouse.click(box.x + 200, box.y + (row.y0 + row.y1) / 2);
    const after = await waitForState(page, (s) => s.selected === row.id && s.reader.loaded, `post ${row.id} selected`, 10000);
    assert(after.reader.title === row.title, `reader shows "${after.reader.title}", row was "${row.title}"`);
    assert(after.reader.title !== first, 'the reader did not change');
    assert(after.reader.text.length > 0, 'reader text is empty');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, 'demo-reader.png') });
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  }],
  ['search as you type with a real keyboard, highlights and next match', async (cleanup) => {
    const { page, errors } = await openPage(cleanup);
    await waitForState(page, (s) => s.load === 'ready' && s.search.index === 'ready', 'the search index');
    await page.keyboard.press('/');
    await page.keyboard.type('marathon', { delay: 40 });
    const s = await waitForState(page, (s) => s.search.query === 'marathon' && !s.search.waiting, 'results');
    const truth = containing('marathon');
    assert(truth.length > 0, 'the demo should contain marathon');
    assert(JSON.stringify([...s.search.results].sort()) === JSON.stringify(truth),
           `results ${s.search.results} != truth ${truth}`);
    const r = await waitForState(page, (s) => s.reader && s.reader.marked && s.reader.marked.length > 0, 'highlights');
    assert(r.reader.marked.every((m) => m.toLowerCase() === 'marathon'), `marked: ${r.reader.marked}`);
    await page.mouse.click(900, 500);  // into the reader: the box loses focus
    await page.waitForTimeout(800);  // a few frames, even on a loaded machine's software WebGL
    await page.keyboard.press('n');
    const stepped = await waitForState(page, (s) => s.reader.current_match === 0, 'n to go to the first match', 5000);
    assert(stepped.search.query === 'marathon', `n must not type into the box (${stepped.search.query})`);
    await page.keyboard.press('/');
    await page.waitForTimeout(100);
    await page.keyboard.press('Escape');  // Esc in the box clears the query
    const cleared = await waitForState(page, (s) => !s.search.active, 'Esc to clear the query', 5000);
    assert(cleared.search.query === '', `query after Esc: ${cleared.search.query}`);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  }],
  ['Chinese through IME composition finds every post, in either script', async (cleanup) => {
    const { page } = await openPage(cleanup);
    const st = await waitForState(page, (s) => s.load === 'ready' && s.search.index === 'ready', 'the search index');
    await focusSearch(page, st);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'taifeng', selectionStart: 7, selectionEnd: 7 });
    await page.waitForTimeout(300);
    const composing = await state(page);
    assert(composing.search.query === '', `nothing is committed while composing (query "${composing.search.query}")`);
    await page.screenshot({ path: path.join(shots, 'search-ime-composing.png') });
    await cdp.send('Input.insertText', { text: '台风' });
    const s = await waitForState(page, (s) => s.search.query === '台风' && !s.search.waiting, 'results for 台风');
    const truth = containing('台风');
    assert(truth.length >= 2, `the demo should have several typhoon posts (${truth.length})`);
    assert(JSON.stringify([...s.search.results].sort()) === JSON.stringify(truth), `台风: ${s.search.results} != ${truth}`);
    const r = await waitForState(page, (s) => s.reader.marked && s.reader.marked.length > 0, 'highlights');
    assert(r.reader.marked.every((m) => simplify(m) === '台风'), `marked: ${r.reader.marked}`);
    await page.screenshot({ path: path.join(shots, 'search-results.png') });
    // The traditional spelling finds the same posts.
    for (let k = 0; k < 2; k++) await page.keyboard.press('Backspace');
    await cdp.send('Input.imeSetComposition', { text: 'ff', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: '颱風' });
    const t = await waitForState(page, (s) => s.search.query === '颱風' && !s.search.waiting, 'results for 颱風');
    assert(JSON.stringify([...t.search.results].sort()) === JSON.stringify(truth), `颱風: ${t.search.results}`);
  }],
  ['paste into the search box uses the system clipboard', async (cleanup) => {
    const { page } = await openPage(cleanup);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const st = await waitForState(page, (s) => s.load === 'ready' && s.search.index === 'ready', 'the search index');
    await page.evaluate(() => navigator.clipboard.writeText('地铁'));
    await focusSearch(page, st);
    await page.keyboard.press('Control+V');
    const s = await waitForState(page, (s) => s.search.query === '地铁' && !s.search.waiting, 'pasted query', 10000);
    assert(JSON.stringify([...s.search.results].sort()) === JSON.stringify(containing('地铁')), `地铁: ${s.search.results}`);
  }],
  ['every code point the fonts promise has a glyph; scripts get their own faces, crisp at dpr 1 and 2', async (cleanup) => {
    for (const dpr of [1, 2]) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: dpr });
      cleanup.push(() => ctx.close());
      const server = await serve(site);
      cleanup.push(server.close);
      const page = await ctx.newPage();
      await page.goto(server.url);
      const st = await waitForState(page, (s) => s.load === 'ready' && s.font_loaded && s.search.index === 'ready', 'fonts');
      assert(st.font.ratio === dpr, `atlas baked for ratio ${st.font.ratio}, page has ${dpr}`);
      assert(st.font.atlas_width <= 4096 && st.font.atlas_height <= 4096, `atlas ${st.font.atlas_width}x${st.font.atlas_height}`);
      const check = await page.evaluate(() => window.folio.glyphCheck());
      assert(check.length === manifest.fonts.length, `glyph check covers ${check.length} of ${manifest.fonts.length} faces`);
      for (const face of check)
        assert(face.checked > 0 && face.missing === 0, `face ${face.face}: ${face.missing} of ${face.checked} without a glyph (${face.examples})`);
      for (const [name, query] of [['sc', '夏末台风'], ['tc', '海濱單車徑'], ['jp', '新幹線']]) {
        await page.evaluate((q) => window.folio.setQuery(q), query);
        const r = await waitForState(page, (s) => s.search.query === query && !s.search.waiting && s.reader && s.reader.loaded, query);
        assert(r.reader.face === name, `${query} is drawn with face ${r.reader.face}, expected ${name}`);
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(shots, `fonts-${name}-dpr${dpr}.png`) });
      }
      if (dpr === 1) {  // text size: Ctrl + '=' rebuilds the atlas larger
        await page.mouse.click(900, 500);
        await page.keyboard.press('Control+Equal');
        const bigger = await waitForState(page, (s) => s.font.size > st.font.size, 'a larger text size', 5000);
        assert(bigger.font.atlas_height >= st.font.atlas_height, 'a larger size should not shrink the atlas');
      }
    }
  }],
  ['every character of every post draws with its glyph; only what no font has shows U+FFFD (dpr 1, and dpr 2 on demand)', async (cleanup) => {
    const posts = sitePosts(glyphSite);
    assert(noFontHas.length > 0, 'the glyph fixture should have characters no font has');
    const full = await glyphPage(cleanup, 1);
    const a = await drawEveryPost(full, posts);
    assert(a.covered.length === 0, `covered but drawn as the replacement mark: ${hex(a.covered)}`);
    assert(JSON.stringify(a.uncovered) === JSON.stringify(noFontHas), `replacement marks ${hex(a.uncovered)} != the build's report ${hex(noFontHas)}`);
    assert(a.replacement, 'the replacement glyph must be U+FFFD and visible');
    const page = await glyphPage(cleanup, 2);
    const st = await forceResidency(page);
    assert(st.font.partial && st.font.resident < st.font.covered && st.font.atlas_height <= 2048, `not partial: ${JSON.stringify(st.font)}`);
    assert(st.font.atlas_scale === 1, `glyphs baked smaller than device pixels: ${st.font.atlas_scale}`);
    const b = await drawEveryPost(page, posts);
    assert(b.covered.length === 0, `on demand: covered but drawn as the replacement mark: ${hex(b.covered)}`);
    assert(JSON.stringify(b.uncovered) === JSON.stringify(noFontHas), `on demand: ${hex(b.uncovered)} != ${hex(noFontHas)}`);
    const after = await state(page);
    assert(after.font.demand_glyphs > 0 || after.font.rebuilds > 0, 'no glyph came in on demand');
    await page.evaluate(() => window.folio.setQuery('字形'));
    await waitForState(page, (s) => s.search.query === '字形' && !s.search.waiting && s.reader.loaded && s.font.pending === 0, 'the fixture posts');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, 'glyphs-replacement-ondemand-dpr2.png') });
  }],
  ['the draw check fails when a font loses a code point from its ranges', async (cleanup) => {
    // Take one ideograph out of every font's ranges (faces borrow from each other, so all of them).
    const m = JSON.parse(fs.readFileSync(path.join(glyphSite, 'data/manifest.json'), 'utf8'));
    const removed = m.fonts[0].r.find(([a]) => a >= 0x4E00)[0];
    for (const face of [...m.fonts, m.fallback].filter((f) => f && f.r)) {
      face.r = face.r.flatMap(([a, b]) => (a <= removed && removed <= b ? [[a, removed - 1], [removed + 1, b]] : [[a, b]]))
        .filter(([a, b]) => a <= b);
      if (face.q) face.q = [...face.q].filter((c) => c.codePointAt(0) !== removed).join('');
    }
    const page = await glyphPage(cleanup, 1, { '/data/manifest.json': JSON.stringify(m) });
    const posts = sitePosts(glyphSite).filter((p) => p.face === 0);
    const r = await drawEveryPost(page, posts);
    const extra = r.uncovered.filter((c) => !noFontHas.includes(c));
    assert(JSON.stringify(extra) === JSON.stringify([removed]), `the check should flag ${hex([removed])}, flagged ${hex(extra)}`);
  }],
  ['glyphs come in on demand while reading at dpr 2 and 32 px, frames measured', async (cleanup) => {
    const page = await glyphPage(cleanup, 2);
    await forceResidency(page);
    await page.mouse.click(900, 500);
    const frames = [];
    for (let k = 0; k < 6; k++) {
      await page.evaluate(() => { window.__frames = []; let last = performance.now();
        const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__frames.length < 40) requestAnimationFrame(tick); };
        requestAnimationFrame(tick); });
      await page.keyboard.press('j');
      await waitForState(page, (s) => s.selected_index === k + 1 && s.reader.loaded && s.font.pending === 0, `post ${k + 1}`, 10000);
      await page.waitForTimeout(700);
      frames.push(...await page.evaluate(() => window.__frames));
    }
    const st = await state(page);
    assert(st.font.demand_glyphs > 0, `no glyph came in on demand: ${JSON.stringify(st.font)}`);
    console.log(`  on demand: ${st.font.demand_glyphs} glyphs, slowest frame's work ${st.font.demand_ms.toFixed(1)} ms, ` +
                `rebuilds ${st.font.rebuilds}; frame intervals max ${Math.max(...frames).toFixed(0)} ms, ` +
                `median ${frames.sort((a, b) => a - b)[frames.length >> 1].toFixed(0)} ms (software WebGL)`);
    await page.screenshot({ path: path.join(shots, 'fonts-ondemand-32px-dpr2.png') });
  }],
  ['the text size control changes the size and it persists across visits', async (cleanup) => {
    const page = await glyphPage(cleanup, 1);
    const before = await state(page);
    await page.mouse.click(900, 500);
    await page.keyboard.press('Control+Equal');
    await page.keyboard.press('Control+Equal');
    const bigger = await waitForState(page, (s) => s.font.size === before.font.size + 4 && s.font.ratio === 1, 'a larger size', 10000);
    assert(await page.evaluate(() => localStorage.getItem('folio.fontSize')) === String(bigger.font.size), 'size not stored');
    await page.reload();
    const again = await waitForState(page, (s) => s.load === 'ready' && s.font.glyphs > 0, 'the reload');
    assert(again.font.size === bigger.font.size, `after a reload the size is ${again.font.size}, was ${bigger.font.size}`);
    await page.screenshot({ path: path.join(shots, 'fonts-size-persisted.png') });
    await page.evaluate(() => localStorage.removeItem('folio.fontSize'));
  }],
  ['keyboard: j/k and arrows move through the list, ? shows the shortcuts', async (cleanup) => {
    const { page } = await openPage(cleanup);
    await waitForState(page, (s) => s.load === 'ready' && s.selected_index === 0, 'the first post selected');
    await page.mouse.click(900, 500);
    await page.waitForTimeout(100);
    for (const key of ['j', 'j', 'ArrowDown', ']']) { await page.keyboard.press(key); await page.waitForTimeout(60); }
    await waitForState(page, (s) => s.selected_index === 4, 'post 4 after four steps down', 5000);
    for (const key of ['k', 'ArrowUp', '[']) { await page.keyboard.press(key); await page.waitForTimeout(60); }
    const s = await waitForState(page, (s) => s.selected_index === 1, 'post 1 after three steps up', 5000);
    assert(s.reader.title === (await state(page)).rows.find((r) => r.index === 1).title, 'the reader shows the selected post');
    for (let k = 0; k < manifest.posts + 5; k++) await page.keyboard.press('j');  // past the end: stays on the last
    await waitForState(page, (s) => s.selected_index === manifest.posts - 1, 'the last post', 10000);
    await page.keyboard.press('Shift+Slash');
    await waitForState(page, (s) => s.shortcuts === true, 'the shortcut list', 5000);
    await page.screenshot({ path: path.join(shots, 'shortcuts.png') });
  }],
  ['folio serve serves the site to the app and refuses to leave it', async (cleanup) => {
    const server = spawn(folioBin, ['serve', site, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    cleanup.push(async () => server.kill());
    const url = await new Promise((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (d) => { out += d; const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/); if (m) resolve(m[1]); });
      server.on('exit', (code) => reject(new Error(`folio serve exited with ${code}`)));
      setTimeout(() => reject(new Error(`no URL from folio serve: ${out}`)), 10000);
    });
    const raw = (p) => new Promise((resolve) => {  // the path goes out exactly as written
      const u = new URL(url);
      http.get({ host: u.hostname, port: u.port, path: p }, (res) => { res.resume(); resolve([res.statusCode, res.headers]); })
        .on('error', () => resolve([0, {}]));
    });
    const [okStatus, okHeaders] = await raw('/app.wasm');
    assert(okStatus === 200 && okHeaders['content-type'] === 'application/wasm', `app.wasm: ${okStatus} ${okHeaders['content-type']}`);
    for (const p of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/data/..%2f..%2f..%2fetc/passwd',
                     '/%2fetc/passwd', '//etc/passwd', '/data/%2e%2e/%2e%2e/etc/passwd', '/.%2e/.%2e/etc/passwd']) {
      const [status] = await raw(p);
      assert(status === 404 || status === 400, `${p} answered ${status}`);
    }
    const page = await context.newPage();
    cleanup.push(() => page.close());
    await page.goto(url);
    const st = await waitForState(page, (s) => s.load === 'ready' || s.load === 'error', 'the app through folio serve');
    assert(st.load === 'ready' && st.posts === manifest.posts, `through folio serve: ${st.load} ${st.error}`);
  }],
  ['a missing bundle gives a clear message', async (cleanup) => {
    const { page } = await openPage(cleanup, { '/data/manifest.json': 404 });
    const s = await waitForState(page, (s) => s.load === 'error', 'an error');
    assert(/missing/.test(s.error), `message: ${s.error}`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, 'error-missing.png') });
  }],
  ['a truncated bundle gives a clear message', async (cleanup) => {
    const bytes = fs.readFileSync(path.join(site, 'data/manifest.json'));
    const { page } = await openPage(cleanup, { '/data/manifest.json': bytes.subarray(0, bytes.length >> 1) });
    const s = await waitForState(page, (s) => s.load === 'error', 'an error');
    assert(/truncated/.test(s.error), `message: ${s.error}`);
  }],
  ['a file that is not a Folio bundle gives a clear message', async (cleanup) => {
    const { page } = await openPage(cleanup, { '/data/manifest.json': '{"name": "something else"}' });
    const s = await waitForState(page, (s) => s.load === 'error', 'an error');
    assert(/not a Folio bundle/.test(s.error), `message: ${s.error}`);
  }],
  ['a truncated metadata shard gives a clear message', async (cleanup) => {
    const meta = manifest.meta[0].f;
    const bytes = fs.readFileSync(path.join(site, meta));
    const { page } = await openPage(cleanup, { ['/' + meta]: bytes.subarray(0, bytes.length - 10) });
    const s = await waitForState(page, (s) => s.load === 'error', 'an error');
    assert(/truncated|damaged/.test(s.error), `message: ${s.error}`);
  }],
]);
await browser.close();
fs.rmSync(glyphDir, { recursive: true, force: true });
process.exit(process.exitCode);
