// Scrolling through a long post with and without the reader's text layer: CPU time of each frame
// (the viewer's frame call) while the wheel scrolls the reader from top to bottom.
// usage: node tests/browser/bench_reading.mjs <site-dir whose newest post is long> [wheel steps] [dpr]
import { serve, launch, waitForState } from './lib.mjs';

const site = process.argv[2];
const steps = Number(process.argv[3] || 150);
const dpr = Number(process.argv[4] || 1);
const browser = await launch();
const server = await serve(site);
const stats = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { frames: s.length, median: +q(0.5).toFixed(2), p95: +q(0.95).toFixed(2), max: +s[s.length - 1].toFixed(2),
           mean: +(s.reduce((x, y) => x + y, 0) / s.length).toFixed(2) };
};
async function scroll(layerOn) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: dpr, serviceWorkers: 'block' });
  const page = await ctx.newPage();
  await page.goto(server.url);
  await waitForState(page, (s) => s.load === 'ready' && s.reader && s.reader.loaded && s.font.blank === 0, 'the long post open', 120000);
  await page.evaluate((on) => window.folio.test.setTextLayer(on), layerOn);
  await waitForState(page, (s) => s.frames && !s.frames.awake, 'asleep', 30000);
  // Times every frame: the global the frame scheduler calls (set by app.js) is wrapped.
  await page.evaluate(() => {
    const frame = window._folio_platform_frame;
    window.benchTimes = [];
    window._folio_platform_frame = (w) => { const t = performance.now(); const r = frame(w); window.benchTimes.push(performance.now() - t); return r; };
    // The page's share: time in the text layer's and the semantics' DOM updates, within those frames.
    window.benchLayer = 0;
    for (const k of ['nodes', 'lines', 'place']) {
      const f = window.folioLayer[k];
      window.folioLayer[k] = (json) => { const t = performance.now(); f(json); window.benchLayer += performance.now() - t; };
    }
  });
  await page.mouse.move(1000, 500);  // over the reader (its text layer forwards the wheel)
  for (let i = 0; i < steps; i++) { await page.mouse.wheel(0, 300); await page.waitForTimeout(16); }
  await waitForState(page, (s) => s.frames && !s.frames.awake, 'asleep', 30000);
  const out = await page.evaluate(() => ({ times: window.benchTimes, dom: window.benchLayer, lines: document.querySelectorAll('#a11y .line').length,
                                           layer: window.folio.state().layer }));
  await ctx.close();
  return { ...stats(out.times), dom_ms_per_frame: +(out.dom / out.times.length).toFixed(3), layer_lines: out.lines,
           lines_sent: out.layer.lines_sent };
}
const runs = [];
for (const on of [true, false, true, false]) runs.push({ layer: on, ...(await scroll(on)) });
console.log(JSON.stringify(runs, null, 1));
await browser.close();
await server.close();
