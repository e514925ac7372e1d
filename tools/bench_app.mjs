// The viewer at load and in use, in headless Chromium on 127.0.0.1 (software WebGL):
//   time from navigation to the list visible, and the bytes fetched by then (of the site's bytes);
//   wasm memory (HEAP size) after load and after opening many posts;
//   frame times (rAF intervals) while scrolling the list and the reader with the mouse wheel.
//
//   node tools/bench_app.mjs <site-dir> [--json OUT] [--open N] [--shots DIR] [--label NAME]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, waitForState } from '../tests/browser/lib.mjs';

function parseArgs(argv) {
  const a = { open: 200, shots: '/tmp/folio-bench-shots' };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const val = () => { if (i + 1 >= argv.length) usage(`${k} needs a value`); return argv[++i]; };
    if (k === '--json') a.json = val();
    else if (k === '--open') a.open = Number(val());
    else if (k === '--shots') a.shots = val();
    else if (k === '--label') a.label = val();
    else if (k === '-h' || k === '--help') usage();
    else if (k.startsWith('--')) usage(`unknown option ${k}`);
    else rest.push(k);
  }
  if (rest.length !== 1) usage();
  a.site = rest[0];
  return a;
}
function usage(msg) {
  if (msg) console.error(`bench_app: ${msg}`);
  console.error('usage: node tools/bench_app.mjs <site-dir> [--json OUT] [--open N] [--shots DIR] [--label NAME]');
  process.exit(2);
}
const args = parseArgs(process.argv.slice(2));
if (!fs.existsSync(path.join(args.site, 'data/manifest.json'))) usage(`${args.site} is not a site built by folio build`);
const log = (...m) => console.error('[bench_app]', ...m);
const label = args.label || path.basename(path.resolve(args.site));

function siteBytes(dir) {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    n += e.isDirectory() ? siteBytes(f) : fs.statSync(f).size;
  }
  return n;
}
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN; };
const heap = (page) => page.evaluate(() => ({ wasm: Module.HEAP8.length, js: performance.memory ? performance.memory.usedJSHeapSize : null }));

// rAF intervals while fn runs (the app draws from requestAnimationFrame, so these are its frames).
async function frameTimes(page, fn) {
  await page.evaluate(() => {
    window.__ft = { on: true, last: 0, d: [] };
    const tick = (t) => { const f = window.__ft; if (!f.on) return; if (f.last) f.d.push(t - f.last); f.last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await fn();
  const d = await page.evaluate(() => { window.__ft.on = false; return window.__ft.d; });
  return { frames: d.length, median_ms: quantile(d, 0.5), p95_ms: quantile(d, 0.95), worst_ms: Math.max(...d) };
}
async function wheel(page, x, y, ms, dy) {
  await page.mouse.move(x, y);
  const t = Date.now();
  while (Date.now() - t < ms) {
    await page.mouse.wheel(0, dy);
    await page.waitForTimeout(30);
  }
}

const out = { label, site: path.resolve(args.site), site_bytes: siteBytes(args.site), loadavg_start: os.loadavg()[0] };
fs.mkdirSync(args.shots, { recursive: true });
const server = await serve(args.site);
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => performance.setResourceTimingBufferSize(100000));
  await page.goto(server.url, { waitUntil: 'commit' });
  // performance.now() counts from the navigation's start; polled every animation frame.
  const listAt = await (await page.waitForFunction(() => {
    try {
      const s = window.folio && window.folio.state();
      return s && s.rows && s.rows.length > 0 && s.font_loaded ? performance.now() : false;
    } catch (e) { return false; }
  }, null, { polling: 'raf', timeout: 600000 })).jsonValue();
  const fetched = await page.evaluate((t) => {
    const nav = performance.getEntriesByType('navigation')[0];
    let bytes = nav ? nav.encodedBodySize : 0, files = 1;
    for (const e of performance.getEntriesByType('resource')) if (e.responseEnd <= t) { bytes += e.encodedBodySize; files++; }
    return { bytes, files };
  }, listAt);
  out.list_visible_ms = listAt;
  out.bytes_at_list = fetched.bytes;
  out.files_at_list = fetched.files;
  log(`list visible ${listAt.toFixed(0)} ms after navigation, ${fetched.bytes} bytes in ${fetched.files} files fetched (site ${out.site_bytes})`);
  await page.screenshot({ path: path.join(args.shots, `${label}-list.png`) });
  const ready = await waitForState(page, (s) => s.load === 'ready' || s.load === 'error', 'the viewer ready', 600000);
  if (ready.load !== 'ready') throw new Error(`viewer failed: ${ready.error}`);
  out.posts = ready.posts;
  out.ready_ms = await page.evaluate(() => performance.now());
  await page.waitForTimeout(500);
  out.heap_after_load = await heap(page);
  log(`ready, wasm heap ${out.heap_after_load.wasm} bytes`);
  // The first visit then installs the service worker (registered once the archive is open; it keeps
  // the viewer's files, the archive only when the reader asks); frames are measured after that.
  out.offline_copy_ms = await page.evaluate(async () => {
    if (!('serviceWorker' in navigator)) return null;
    const t = performance.now();
    const reg = await navigator.serviceWorker.ready;
    while (!reg.active || reg.installing || reg.waiting) await new Promise((r) => setTimeout(r, 200));
    return performance.now() - t;
  });
  log(`service worker installed ${out.offline_copy_ms === null ? 'n/a' : (out.offline_copy_ms / 1000).toFixed(1) + ' s'} after ready`);

  out.frames_list = await frameTimes(page, () => wheel(page, 200, 450, 3000, 300));
  log(`list scroll frames: ${JSON.stringify(out.frames_list)}`);

  // Open posts one after another (j), each until its body is shown.
  await page.keyboard.press('Home').catch(() => {});
  const first = (await waitForState(page, (s) => s.rows.length > 0, 'rows')).rows[0];
  await page.mouse.click(200, (first.y0 + first.y1) / 2);
  let longest = { blocks: -1, at: 0 };
  const t0 = Date.now();
  let opened = 0;
  for (let i = 0; i < args.open; i++) {
    const s = await waitForState(page, (st) => st.reader && (st.reader.loaded || st.reader.error), 'the reader', 60000);
    opened++;
    if ((s.reader.blocks || 0) > longest.blocks) longest = { blocks: s.reader.blocks, at: i };
    if (i + 1 < args.open) await page.keyboard.press('j');
  }
  out.opened = opened;
  out.open_ms_each = (Date.now() - t0) / Math.max(1, opened);
  out.heap_after_open = await heap(page);
  log(`opened ${opened} posts (${out.open_ms_each.toFixed(0)} ms each), wasm heap ${out.heap_after_open.wasm} bytes`);
  for (let i = args.open - 1; i > longest.at; i--) await page.keyboard.press('k');
  await waitForState(page, (st) => st.reader && st.reader.loaded, 'the longest post');
  out.reader_blocks = longest.blocks;
  out.frames_reader = await frameTimes(page, () => wheel(page, 900, 500, 3000, 200));
  log(`reader scroll frames (post of ${longest.blocks} blocks): ${JSON.stringify(out.frames_reader)}`);
  await page.screenshot({ path: path.join(args.shots, `${label}-reader.png`) });
  out.page_errors = errors;
  out.loadavg_end = os.loadavg()[0];
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(out));
if (args.json) fs.writeFileSync(args.json, JSON.stringify(out, null, 2) + '\n');
