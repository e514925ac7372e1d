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
    await page.waitForTimeout(200);
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
  ['body chunks: gzip decoded, the next chunk prefetched, at most 4 kept while reading through', async (cleanup) => {
    // The same posts in 3-post shards (so many chunks), built with the app of the site under test.
    const small = path.join(shots, 'small-shards-site');
    fs.rmSync(small, { recursive: true, force: true });
    execFileSync(folioBin, ['build', path.resolve('assets/demo/_posts'), '-o', small, '--app-dir', site, '--shard-posts', '3', '-q']);
    const smallManifest = JSON.parse(fs.readFileSync(path.join(small, 'data/manifest.json'), 'utf8'));
    assert(smallManifest.bodies.length > 8 && smallManifest.bodies.every((b) => b.f.endsWith('.json.gz')), 'many gzipped chunks');
    const server = await serve(small);
    cleanup.push(server.close);
    const page = await context.newPage();
    cleanup.push(() => page.close());
    await page.goto(server.url);
    await waitForState(page, (s) => s.load === 'ready' && s.reader && s.reader.loaded, 'the first post');
    await page.mouse.click(900, 500);
    // Post 2 is the last of the first chunk: the second chunk is fetched before it is opened.
    for (let k = 0; k < 2; k++) { await page.keyboard.press('j'); await page.waitForTimeout(40); }
    await waitForState(page, (s) => s.selected_index === 2 && s.bodies.loaded.includes(1), 'chunk 1 prefetched', 10000);
    let most = 0;
    for (let k = 2; k < smallManifest.posts - 1; k++) {
      await page.keyboard.press('j');
      const s = await waitForState(page, (s) => s.selected_index === k + 1 && s.reader && s.reader.loaded, `post ${k + 1} shown`, 10000);
      most = Math.max(most, s.bodies.loaded.length);
      assert(s.bodies.loaded.length <= 5, `chunks kept: ${s.bodies.loaded}`);  // 4, plus one arrived this frame
    }
    const last = await state(page);
    assert(last.bodies.loaded.length <= 4, `after reading through, ${last.bodies.loaded.length} chunks kept`);
    assert(last.selected_index === smallManifest.posts - 1 && last.reader.loaded, 'the last post is shown');
    console.log(`    ${smallManifest.bodies.length} chunks, at most ${most} kept, heap ${(last.bodies.heap_bytes / 2 ** 20).toFixed(0)} MiB`);
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
process.exit(process.exitCode);
