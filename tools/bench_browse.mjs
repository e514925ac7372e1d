// Time from a facet click to the updated list, in headless Chromium: node tools/bench_browse.mjs SITE [ROUNDS]
// Prints per round the wall time from the mouse release to the first animation frame whose state shows
// the new list, browse()'s own recompute time inside the app, and the idle frame interval for scale.
import { serve, launch, waitForState } from '../tests/browser/lib.mjs';

const site = process.argv[2];
const rounds = Number(process.argv[3] || 10);
if (!site) { console.error('usage: bench_browse.mjs SITE [ROUNDS]'); process.exit(2); }
const server = await serve(site);
const browser = await launch();
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
await page.goto(server.url);
const st = await waitForState(page, (s) => s.load === 'ready' && s.browse.facet_rows.length > 3, 'the app', 180000);
await page.evaluate(() => {
  document.getElementById('canvas').addEventListener('mouseup', () => { window.__up = performance.now(); }, true);
});
console.log(`${st.posts} posts, ${st.browse.facets.tag.total} tags`);
const wall = [], inner = [];
for (let k = 0; k < rounds; k++) {
  const s = await page.evaluate(() => window.folio.state());
  const tagRows = s.browse.facet_rows.filter((r) => r.facet === 'tag');
  const row = tagRows[k % Math.min(4, tagRows.length)];
  const wantSelected = s.browse.filters.tag.includes(row.name) ? s.browse.filters.tag.length - 1 : s.browse.filters.tag.length + 1;
  await page.mouse.click(row.box[0] + 8, (row.box[1] + row.box[3]) / 2);
  const [ms, matching, recompute] = await page.evaluate((want) => new Promise((resolve) => {
    const poll = () => {
      const s = window.folio.state();
      if (s.browse.filters.tag.length === want) resolve([performance.now() - window.__up, s.browse.matching, s.browse.ms]);
      else requestAnimationFrame(poll);
    };
    poll();
  }), wantSelected);
  wall.push(ms); inner.push(recompute);
  console.log(`  click ${k + 1}: ${row.name} -> ${matching} rows: ${ms.toFixed(1)} ms to the updated list (browse() ${recompute.toFixed(2)} ms)`);
  await page.waitForTimeout(150);
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
// For scale: the interval between animation frames with nothing clicked (the app draws one frame each).
const frames = await page.evaluate(() => new Promise((resolve) => {
  const t = [];
  const step = (now) => { t.push(now); if (t.length < 41) requestAnimationFrame(step); else resolve(t.slice(1).map((x, k) => x - t[k])); };
  requestAnimationFrame(step);
}));
console.log(`idle frame interval: median ${median(frames).toFixed(1)} ms, worst ${Math.max(...frames).toFixed(1)} ms`);
console.log(`click to updated list: median ${median(wall).toFixed(1)} ms, worst ${Math.max(...wall).toFixed(1)} ms; ` +
            `browse() median ${median(inner).toFixed(2)} ms, worst ${Math.max(...inner).toFixed(2)} ms`);
await browser.close();
await server.close();
