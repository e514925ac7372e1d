// Browser tests for reading offline: node tests/browser/test_offline.mjs <site-dir> <single-file.html> <screenshot-dir> <folio-bin> <app-dir>
// The single file and a site folder opened from file://, the installable site's service worker
// (reload with the network cut, update on rebuild) hosted under a sub-path, and folio serve's headers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
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
  const s = await waitForState(page, (s) => s.rows && s.rows.length > 3, 'list rows');
  const row = s.rows[2];
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.click(box.x + (row.x0 + row.x1) / 2, box.y + (row.y0 + row.y1) / 2);
  const after = await waitForState(page, (s) => s.selected === row.id && s.reader && s.reader.loaded, `post ${row.id}`, 15000);
  assert(after.reader.title === row.title && after.reader.text.length > 0, `reader shows "${after.reader.title}", row "${row.title}"`);
  return after;
}

// A static server that hosts root under prefix only (as a GitHub project page) and logs every path.
function serveUnder(root, prefix) {
  const requested = [];
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
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}${prefix}`, requested,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  })));
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
  ['installable offline site under a sub-path: reload with the network cut, update on rebuild', async (cleanup) => {
    const root = path.join(scratch, 'hosted');
    fs.cpSync(site, root, { recursive: true });
    const server = await serveUnder(root, '/project/');
    let closed = false;
    cleanup.push(() => (closed ? Promise.resolve() : server.close()));
    const { context, page, errors } = await newPage(cleanup);
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

    // A rebuild with other posts: the next visit online installs it and the page reloads into it.
    execFileSync(folioBin, ['build', path.join(demoPosts, 'rthk'), '-o', root, '--app-dir', appDir, '-q']);
    const rebuilt = JSON.parse(fs.readFileSync(path.join(root, 'data/manifest.json'), 'utf8')).posts;
    assert(rebuilt !== manifest.posts, 'the rebuild should change the post count');
    const again = await serveUnder(root, '/project/');
    cleanup.push(again.close);
    await context.setOffline(false);
    const page2 = await context.newPage();
    await page2.goto(again.url);
    const updated = await waitForState(page2, (s) => s.load === 'ready' && s.posts === rebuilt, `the rebuilt site (${rebuilt} posts)`);
    assert(updated.posts === rebuilt, `after the rebuild: ${updated.posts} posts`);
    const caches = await page2.evaluate(() => caches.keys());
    assert(caches.length === 1, `old caches were not removed: ${caches}`);
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
