// Browser tests for reading offline: node tests/browser/test_offline.mjs <site-dir> <single-file.html> <screenshot-dir> <folio-bin> <app-dir>
// The single file and a site folder opened from file://, the installable site hosted under a sub-path
// (its service worker caches what was read; "Keep this archive offline" copies the rest, paused and
// resumed across a reload; a reload with the network cut; after a rebuild only the new files), and
// folio serve's headers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, folioServe, state, waitForState, run, assert } from './lib.mjs';

const [site, singleFile, shots = 'test-results', folioBin = 'build/native-ci/src/tool/folio', appDir = 'build/web-ci/app'] =
  process.argv.slice(2);
if (!site || !singleFile || !fs.existsSync(path.join(site, 'data/manifest.json')) || !fs.existsSync(singleFile)) {
  console.error('usage: test_offline.mjs <site-dir> <single-file.html> [screenshot-dir] [folio-bin] [app-dir]');
  process.exit(2);
}
const demoPosts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/demo/_posts');
fs.mkdirSync(shots, { recursive: true });
const manifest = JSON.parse(fs.readFileSync(path.join(site, 'data/manifest.json'), 'utf8'));
const browser = await launch();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-offline-'));

async function newPage(cleanup, options = {}) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 }, ...options });
  cleanup.push(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

// Clicks the third row of the list and waits for the reader to show that post.
async function openThirdPost(page) {
  // The viewer asleep: in the first frames after a load the list is still settling, and a click can miss its row.
  const s = await waitForState(page, (s) => s.rows && s.rows.length > 3 && s.frames && !s.frames.awake, 'list rows, settled');
  const row = s.rows[2];
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.click(box.x + (row.x0 + row.x1) / 2, box.y + (row.y0 + row.y1) / 2);
  const after = await waitForState(page, (s) => s.selected === row.id && s.reader && s.reader.loaded, `post ${row.id}`, 15000);
  assert(after.reader.title === row.title && after.reader.text.length > 0, `reader shows "${after.reader.title}", row "${row.title}"`);
  return after;
}

// Clicks a named control of the viewer (state().controls).
async function clickControl(page, name) {
  const s = await waitForState(page, (s) => s.controls && s.controls[name], `the ${name} control`, 10000);
  const r = s.controls[name];
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.click(box.x + (r[0] + r[2]) / 2, box.y + (r[1] + r[3]) / 2);
}

// The data files a site's offline list names (data/offline-*, named in its index.html).
function offlineList(root) {
  const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  const info = JSON.parse(html.match(/<script type="application\/json" id="folio-offline">(.*?)<\/script>/)[1]);
  const list = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(root, info.list))));
  return [info.list, ...list.files.map(([f]) => f)];
}

// The site-relative paths in the page's data cache (sw.js, folio-offline.js).
function cachedData(page) {
  return page.evaluate(async () => {
    const scope = new URL('./', location.href).href;
    const cache = await caches.open('folio:' + scope + ':data');
    return (await cache.keys()).map((r) => r.url.slice(scope.length));
  });
}

// A static server that hosts root under prefix only (as a GitHub project page) and logs every path
// asked for (requested) and every file it sent (sent: not those the browser gave up on while the
// delay held them, as a reload does); its delay (ms) holds back each data file.
function serveUnder(root, prefix) {
  const requested = [], sent = [];
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
                  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json' };
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requested.push(urlPath);
    if (!urlPath.startsWith(prefix)) { res.writeHead(404); res.end(); return; }
    const rel = urlPath.slice(prefix.length) || 'index.html';
    const file = path.join(root, rel.endsWith('/') ? rel + 'index.html' : rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404); res.end(); return;
    }
    const send = () => {
      if (req.destroyed || res.destroyed) return;
      sent.push(urlPath);
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(fs.readFileSync(file));
    };
    if (handle.delay && rel.startsWith('data/')) setTimeout(send, handle.delay);
    else send();
  });
  const handle = {
    url: '', requested, sent, delay: 0,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    handle.url = `http://127.0.0.1:${server.address().port}${prefix}`;
    resolve(handle);
  }));
}

await run([
  ['the single-file build opens from file:// and shows the list and a post', async (cleanup) => {
    const { page, errors } = await newPage(cleanup);
    await page.goto(pathToFileURL(path.resolve(singleFile)).href);
    const s = await waitForState(page, (s) => s.load === 'ready' || s.load === 'error', 'the single file to load');
    assert(s.load === 'ready' && s.posts === manifest.posts, `single file: ${s.load} ${s.posts} posts ${s.error}`);
    assert(s.font_loaded, 'the font did not load from the inlined bytes');
    await openThirdPost(page);
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(shots, 'offline-single-file.png') });
    const searched = await page.evaluate(() => window.folio.test.setQuery('marathon'))
      .then(() => waitForState(page, (s) => s.search.query === 'marathon' && !s.search.waiting && s.search.results.length > 0,
                               'search results from the inlined index'));
    assert(searched.search.results.length > 0, 'no search results');
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  }],
  ['a site folder opened from file:// asks for its folder, then reads the archive from it', async (cleanup) => {
    const { page, errors } = await newPage(cleanup);
    await page.goto(pathToFileURL(path.resolve(site, 'index.html')).href);
    await page.locator('#folder button', { hasText: 'Open archive folder' }).waitFor({ timeout: 20000 });
    await page.screenshot({ path: path.join(shots, 'offline-open-folder.png') });
    // A folder without a site is refused with a message; the panel stays.
    const empty = path.join(scratch, 'not-a-site');
    fs.mkdirSync(empty, { recursive: true });
    fs.writeFileSync(path.join(empty, 'notes.txt'), 'hello');
    await page.setInputFiles('#folder input[type=file]', empty);
    await page.locator('#folder .note', { hasText: 'does not hold this site' }).waitFor({ timeout: 5000 });
    assert(await page.locator('#folder').isVisible(), 'the panel went away after a wrong folder');
    // So is this page and app.wasm without the files its build listed.
    const bare = path.join(scratch, 'bare-app');
    fs.mkdirSync(bare, { recursive: true });
    for (const f of ['index.html', 'app.wasm']) fs.copyFileSync(path.join(site, f), path.join(bare, f));
    await page.evaluate(() => { document.querySelector('#folder .note').textContent = ''; });
    await page.setInputFiles('#folder input[type=file]', bare);
    await page.locator('#folder .note', { hasText: 'does not hold this site' }).waitFor({ timeout: 5000 });
    assert(await page.locator('#folder').isVisible(), 'the panel went away after a folder without the archive');
    await page.setInputFiles('#folder input[type=file]', path.resolve(site));
    const s = await waitForState(page, (s) => s.load === 'ready' || s.load === 'error', 'the app from the picked folder');
    assert(s.load === 'ready' && s.posts === manifest.posts, `picked folder: ${s.load} ${s.posts} ${s.error}`);
    assert(!(await page.locator('#folder').isVisible()), 'the panel is still shown');
    await openThirdPost(page);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  }],
  ['installable site under a sub-path: no silent download, then "Keep this archive offline" (pause, reload, resume) and a reload with the network cut', async (cleanup) => {
    const root = path.join(scratch, 'hosted');
    fs.cpSync(site, root, { recursive: true });
    const server = await serveUnder(root, '/project/');
    let closed = false;
    cleanup.push(() => (closed ? Promise.resolve() : server.close()));
    const { context, page, errors } = await newPage(cleanup);
    const pageAsked = new Set();
    page.on('request', (r) => pageAsked.add(new URL(r.url()).pathname));
    await page.goto(server.url);
    const first = await waitForState(page, (s) => s.load === 'ready' || s.load === 'error', 'first visit');
    assert(first.load === 'ready' && first.posts === manifest.posts, `first visit: ${first.load} ${first.error}`);
    const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
    assert(scope === server.url, `service worker scope ${scope}, expected ${server.url}`);
    const cdp = await context.newCDPSession(page);
    // Playwright's contexts are incognito, which Chromium reports on its own; anything else is ours.
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    const problems = installabilityErrors.filter((e) => e.errorId !== 'in-incognito');
    assert(problems.length === 0, `not installable: ${JSON.stringify(problems)}`);
    const outside = server.requested.filter((p) => !p.startsWith('/project/'));
    assert(outside.length === 0, `requests outside the sub-path: ${outside}`);

    // Nothing is copied on its own: after the worker is in and the page idles, the server has sent only
    // data files the page itself asked for, each once, and not all of them.
    const listed = offlineList(root);
    await waitForState(page, (s) => s.offline === 'Offline', 'the offline button', 10000);
    await page.waitForTimeout(1500);
    const dataAsked = () => server.requested.filter((p) => p.startsWith('/project/data/') && !p.endsWith('manifest.json'));
    const idle = dataAsked();
    const unasked = idle.filter((p) => !pageAsked.has(p));
    assert(unasked.length === 0, `fetched though the page did not ask: ${unasked}`);
    assert(idle.length < listed.length, `all ${listed.length} data files were fetched without the reader's choice`);
    assert(new Set(idle).size === idle.length, `a data file was fetched twice: ${idle}`);

    // The reader chooses to keep it: the panel shows the size; the copy is paused, survives a reload, resumes.
    server.delay = 1500;  // per data file, so there is time to pause
    await clickControl(page, 'offline');
    await page.locator('#offline .size', { hasText: 'This archive is' }).waitFor({ timeout: 5000 });
    await page.locator('#offline .storage', { hasText: 'lets this site store up to' }).waitFor({ timeout: 5000 });
    await page.screenshot({ path: path.join(shots, 'offline-panel.png') });
    await page.locator('#offline button.keep').click();
    await page.waitForFunction(() => window.folio.test.offline().state === 'downloading', null, { timeout: 20000 });
    await page.locator('#offline button.pause').click();  // while the first files are on their way
    const paused = await page.waitForFunction(() => { const o = window.folio.test.offline(); return o.state === 'paused' && !o.running && o; },
                                              null, { timeout: 10000 }).then((h) => h.jsonValue());
    assert(paused.filesDone < paused.files, `the copy finished before it could be paused (${paused.filesDone} of ${paused.files})`);
    await page.screenshot({ path: path.join(shots, 'offline-paused.png') });
    await page.reload();
    await waitForState(page, (s) => s.load === 'ready' && s.offline === 'Offline (paused)', 'paused after the reload', 20000);
    const asked = dataAsked().length;
    await page.waitForTimeout(1000);
    assert(dataAsked().length === asked, 'a paused copy went on downloading after the reload');
    await clickControl(page, 'offline');
    await page.locator('#offline .status', { hasText: 'Paused at' }).waitFor({ timeout: 5000 });
    server.delay = 0;
    await page.locator('#offline button.resume').click();
    await page.waitForFunction(() => window.folio.test.offline().state === 'complete', null, { timeout: 30000 });
    await waitForState(page, (s) => s.offline === 'Saved offline', 'the button says saved', 5000);
    const copied = await cachedData(page);
    const missing = listed.filter((f) => !copied.includes(f));
    assert(missing.length === 0, `not in the offline copy: ${missing}`);
    const dataSent = server.sent.filter((p) => p.startsWith('/project/data/') && !p.endsWith('manifest.json'));
    const fetchedTwice = dataSent.filter((p, i, all) => all.indexOf(p) !== i);
    assert(fetchedTwice.length === 0, `fetched more than once: ${fetchedTwice}`);
    await page.keyboard.press('Escape');

    // The network goes away: the browser is offline and the server is gone.
    await context.setOffline(true);
    await server.close();
    closed = true;
    await page.reload();
    const offline = await waitForState(page, (s) => s.load === 'ready' || s.load === 'error', 'the offline reload');
    assert(offline.load === 'ready' && offline.posts === manifest.posts, `offline: ${offline.load} ${offline.error}`);
    await openThirdPost(page);
    await page.evaluate(() => window.folio.test.setQuery('台风'));
    const found = await waitForState(page, (s) => s.search.query === '台风' && !s.search.waiting, 'offline search');
    assert(found.search.results.length > 0, 'offline search found nothing');
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  }],
  ['the Offline button is in place with the list; pressed before the offline script has come, its panel opens when it does', async (cleanup) => {
    const server = await serveUnder(site, '/early/');
    cleanup.push(server.close);
    const { page, errors } = await newPage(cleanup);
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(/folio-offline\.js$/, async (route) => { await held; await route.continue(); });
    await page.goto(server.url);
    const s = await waitForState(page, (s) => s.rows && s.rows.length > 0, 'the list');
    assert(s.controls.offline, `no Offline button beside the first list: ${JSON.stringify(s.controls)}`);
    assert(s.offline === '', `the offline script already spoke: "${s.offline}"`);
    await clickControl(page, 'offline');
    await page.waitForTimeout(300);
    assert(!(await page.evaluate(() => !!document.getElementById('offline-title'))), 'a panel before its script came');
    release();
    await page.waitForFunction(() => { const t = document.getElementById('offline-title'); return t && !t.closest('[hidden]'); },
                               null, { timeout: 10000 });
    const after = await waitForState(page, (t) => t.offline !== '', 'the label the offline script gives the button');
    assert(JSON.stringify(after.controls.offline) === JSON.stringify(s.controls.offline) || after.offline !== 'Offline',
           `the button moved: ${s.controls.offline} -> ${after.controls.offline}`);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  }],
  ['a kept offline copy after a rebuild fetches only the new files and drops the old; "Remove offline copy"', async (cleanup) => {
    // Small shards, so that a new post leaves most data files as they were.
    const root = path.join(scratch, 'rebuilt');
    const posts = path.join(scratch, 'posts');
    fs.cpSync(demoPosts, posts, { recursive: true });
    execFileSync(folioBin, ['build', posts, '-o', root, '--app-dir', appDir, '--shard-posts', '8', '-q']);
    const server = await serveUnder(root, '/project/');
    cleanup.push(server.close);
    const { context, page, errors } = await newPage(cleanup);
    await page.goto(server.url);
    await waitForState(page, (s) => s.load === 'ready' && s.offline === 'Offline', 'first visit', 20000);
    await page.evaluate(() => { window.folioPage.offlineOpen(); document.querySelector('#offline button.keep').click(); });
    await page.waitForFunction(() => window.folio.test.offline().state === 'complete', null, { timeout: 30000 });
    const before = offlineList(root);
    await page.close();

    // The day's new post (ASCII text: no new characters, so the fonts stay as they were).
    fs.writeFileSync(path.join(posts, '2030-01-02-harbor-news.md'),
                     '---\ntitle: Harbor news\ndate: 2030-01-02\n---\nThe harbor ferry runs late tonight.\n');
    execFileSync(folioBin, ['build', posts, '-o', root, '--app-dir', appDir, '--shard-posts', '8', '-q']);
    const after = offlineList(root);
    const added = after.filter((f) => !before.includes(f));
    assert(added.length > 0 && added.length < after.length / 2, `the rebuild changed ${added.length} of ${after.length} data files`);
    server.requested.length = 0;
    const page2 = await context.newPage();
    page2.on('pageerror', (e) => errors.push(String(e)));
    await page2.goto(server.url);
    // Here (Chromium 156 under Playwright) a new worker version starts only once another page opens
    // after the one asking for the update, and no request for sw.js is made until then.
    await page2.waitForTimeout(3000);
    await context.newPage();
    await waitForState(page2, (s) => s.load === 'ready' && s.posts === manifest.posts + 1, 'the rebuilt site', 30000);
    await page2.waitForFunction(() => window.folio.test && window.folio.test.offline && window.folio.test.offline().state === 'complete',
                                null, { timeout: 30000 });
    const refetched = server.requested.filter((p) => p.startsWith('/project/data/') && before.includes(p.slice('/project/'.length)));
    assert(refetched.length === 0, `unchanged files fetched again: ${refetched}`);
    const copied = await cachedData(page2);
    assert(after.every((f) => copied.includes(f)), 'the updated copy lacks new files');
    const stale = copied.filter((f) => !after.includes(f));
    assert(stale.length === 0, `files of the old build kept: ${stale}`);
    const appCaches = (await page2.evaluate(() => caches.keys())).filter((k) => k.includes(':app:'));
    assert(appCaches.length === 1, `old app caches were not removed: ${appCaches}`);

    // What the viewer reads is kept as it arrives (sw.js): its last font slices are in before the removal.
    await waitForState(page2, (s) => s.font.slices.arrived === s.font.slices.total, 'every font slice', 30000);
    await page2.evaluate(() => window.folioPage.offlineOpen());
    await page2.locator('#offline button.remove').click();
    await page2.waitForFunction(() => window.folio.test.offline().state === 'none', null, { timeout: 10000 });
    assert((await cachedData(page2)).length === 0, 'files left after "Remove offline copy"');
    await waitForState(page2, (s) => s.offline === 'Offline', 'the button after removing', 5000);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  }],
  ['folio serve: MIME types, caching headers, and nothing outside the site', async (cleanup) => {
    const root = path.join(scratch, 'served');
    fs.cpSync(site, root, { recursive: true });
    fs.writeFileSync(path.join(scratch, 'secret.txt'), 'secret');
    fs.symlinkSync(path.join(scratch, 'secret.txt'), path.join(root, 'data', 'leak.json'));
    fs.symlinkSync(scratch, path.join(root, 'up'));
    const url = await folioServe(folioBin, root, cleanup);
    const get = (p) => new Promise((resolve) => {
      const u = new URL(url);
      http.get({ host: u.hostname, port: u.port, path: p }, (res) => {
        let body = '';
        res.on('data', (d) => { body += d; });
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
      }).on('error', () => resolve({ status: 0, headers: {}, body: '' }));
    });
    const expect = [
      ['/', 'text/html', 'no-cache'], ['/sw.js', 'text/javascript', 'no-cache'], ['/app.wasm', 'application/wasm', 'no-cache'],
      ['/manifest.webmanifest', 'application/manifest+json', 'no-cache'], ['/data/manifest.json', 'application/json', 'no-cache'],
      ['/' + manifest.meta[0].f, 'application/gzip', 'immutable'],  // stored gzipped, decoded by the page
    ];
    for (const [p, type, cache] of expect) {
      const r = await get(p);
      assert(r.status === 200 && r.headers['content-type'].startsWith(type) && r.headers['cache-control'].includes(cache),
             `${p}: ${r.status} ${r.headers['content-type']} ${r.headers['cache-control']}`);
    }
    for (const p of ['/data/leak.json', '/up/secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/data/%2e%2e/%2e%2e/secret.txt',
                     '/' + encodeURIComponent(path.join(scratch, 'secret.txt')), '/' + path.join(scratch, 'secret.txt')]) {
      const r = await get(p);
      assert(r.status === 404 && !r.body.includes('secret'), `${p} answered ${r.status}: ${r.body.slice(0, 40)}`);
    }
  }],
]);
await browser.close();
fs.rmSync(scratch, { recursive: true, force: true });
process.exit(process.exitCode);
