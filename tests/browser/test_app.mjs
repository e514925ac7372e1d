// Browser tests for the viewer: node tests/browser/test_app.mjs <site-dir> [<screenshot-dir>]
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, state, waitForState, run, assert } from './lib.mjs';

const site = process.argv[2];
const shots = process.argv[3] || 'test-results';
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
