// Shared helpers for browser tests: a static server on 127.0.0.1 and Debian's Chromium via playwright-core.
import http from 'node:http';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.otf': 'font/otf', '.png': 'image/png',
  '.gz': 'application/gzip',
};

// Serves root; overrides maps a URL path to a status code (number) or replacement bytes (string/Buffer).
export function serve(rootDir, overrides = {}) {
  const root = path.resolve(rootDir);
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const rel = urlPath === '/' ? '/index.html' : urlPath;
    if (rel in overrides) {
      const o = overrides[rel];
      if (typeof o === 'number') { res.writeHead(o); res.end(); return; }
      res.writeHead(200, { 'Content-Type': MIME[path.extname(rel)] || 'application/octet-stream' });
      res.end(o);
      return;
    }
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404); res.end(); return;
    }
    res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  })));
}

// Starts `folio serve ROOT --port 0` and resolves to the URL it prints; stopped by cleanup.
export function folioServe(folioBin, root, cleanup) {
  const server = spawn(folioBin, ['serve', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanup.push(async () => server.kill());
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => { out += d; const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/); if (m) resolve(m[1]); });
    server.on('exit', (code) => reject(new Error(`folio serve exited with ${code}`)));
    setTimeout(() => reject(new Error(`no URL from folio serve: ${out}`)), 10000);
  });
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.FOLIO_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--ignore-gpu-blocklist',
           '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
           '--disable-quic'],
  });
}

export async function state(page) {
  return page.evaluate(() => window.folio && window.folio.state());
}

// Polls state() until pred(state) holds; returns that state or throws with the last one seen.
export async function waitForState(page, pred, what, timeoutMs = 60000) {
  const start = Date.now();
  let last;
  while (Date.now() - start < timeoutMs) {
    last = await state(page).catch(() => undefined);
    if (last && pred(last)) return last;
    await page.waitForTimeout(100);
  }
  // What a failure is usually about first; control boxes and colours last, as logs get clipped.
  const brief = last && { search: last.search, ...last };
  const bulky = new Set(['controls', 'palette']);
  const shown = JSON.stringify(brief, (k, v) => (bulky.has(k) ? undefined : v))?.slice(0, 6000);
  throw new Error(`timed out waiting for ${what}; last state: ${shown}`);
}

// Clicks a named control where the last frame drew it, then waits for the frames the click causes,
// so the next state read is the one after it (not the frame before the click, still on show).
export async function clickControl(page, name) {
  const s = await waitForState(page, (s) => s.controls && s.controls[name] && !s.frames.awake, `the ${name} control`, 10000);
  const r = s.controls[name];
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.click(box.x + (r[0] + r[2]) / 2, box.y + (r[1] + r[3]) / 2);
  await waitForState(page, (t) => t.frames.drawn > s.frames.drawn && !t.frames.awake, `the frames after a click on ${name}`, 10000);
}

// A tiny test runner: named async tests, a summary line, exit status.
// Each test gets `cleanup`, a list of async functions run after it, pass or fail.
// FOLIO_TEST=text runs only the tests whose names contain text; a filter that matches no test of
// the file fails the run (a misspelt name must not pass as "0 passed").
export async function run(tests) {
  let passed = 0, failed = 0;
  const filter = process.env.FOLIO_TEST;
  const chosen = tests.filter(([name]) => !filter || name.includes(filter));
  if (!chosen.length) {
    failed++;
    console.log(filter ? `FAIL FOLIO_TEST=${JSON.stringify(filter)} matches none of this file's ${tests.length} tests`
                       : 'FAIL no tests to run');
  }
  for (const [name, fn] of chosen) {
    const t0 = Date.now();
    const cleanup = [];
    try {
      await fn(cleanup);
      passed++;
      console.log(`PASS ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${e && e.stack || e}`);
    } finally {
      for (const f of cleanup.reverse()) await f().catch(() => {});
    }
  }
  console.log(`browser tests: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// The arguments of a test that builds its own site: <posts-dir> <app-dir> <folio-bin> [screenshot-dir].
// Exits with the usage line when one is missing (2), makes the screenshot folder, and builds the
// posts into a new temporary folder with `folio build ... buildArgs`.
export function postsTestArgs(name, buildArgs = []) {
  const [posts, appDir, folioBin, shots = 'test-results'] = process.argv.slice(2);
  if (!posts || !appDir || !folioBin) {
    console.error(`usage: ${name} <posts-dir> <app-dir> <folio-bin> [<out-dir>]`);
    process.exit(2);
  }
  fs.mkdirSync(shots, { recursive: true });
  // The site and the build cache beside it, in one folder that goes when the test process ends.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `folio-${name.replace(/\.mjs$/, '')}-`));
  process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
  const site = path.join(scratch, 'site');
  execFileSync(folioBin, ['build', posts, '-o', site, '--app-dir', appDir, ...buildArgs, '-q']);
  return { site, shots, folioBin };
}

// The arguments of a test of a built site: <site-dir> [screenshot-dir] [folio binary]. Exits with the
// usage line when the site is missing (2, not a failed test), and makes the screenshot folder.
export function siteTestArgs(name) {
  const [site, shots = 'test-results', folioBin = 'build/native-ci/src/tool/folio'] = process.argv.slice(2);
  if (!site || !fs.existsSync(path.join(site, 'data/manifest.json'))) {
    console.error(`usage: ${name} <site-dir built by folio build> [screenshot-dir] [folio binary]`);
    process.exit(2);
  }
  fs.mkdirSync(shots, { recursive: true });
  return { site, shots, folioBin };
}
