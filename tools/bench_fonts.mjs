// Font figures for a site: font bytes shipped; per devicePixelRatio (1, 2) at the default size the
// atlas size, glyphs, build and upload time, GPU bytes and the glyph check; then at dpr 2 and a
// large size (32 px, where big archives no longer fit 4096x4096) the residency figures and the
// on-demand cost while stepping through posts: glyphs rasterised, the slowest frame's on-demand
// work, forced re-bakes and their time, and the frame intervals (requestAnimationFrame) meanwhile.
// Usage: node tools/bench_fonts.mjs <site-dir> [--size PX] [--steps N] [--shots DIR]
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, waitForState } from '../tests/browser/lib.mjs';

const site = process.argv[2];
const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const shots = arg('--shots', null);
const bigSize = Number(arg('--size', 32));
const steps = Number(arg('--steps', 20));
if (!site || !fs.existsSync(path.join(site, 'data/manifest.json'))) {
  console.error('usage: node tools/bench_fonts.mjs <site-dir> [--size PX] [--steps N] [--shots DIR]');
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(path.join(site, 'data/manifest.json'), 'utf8'));
const fonts = [...manifest.fonts, manifest.fallback].filter((f) => f && f.s);
// A font's code points: its residency order (q), else its ranges; its bytes: all its slices'.
const codepoints = (f) => (f.q ? [...f.q].map((c) => c.codePointAt(0)) : f.r.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i)));
const bytes = (f) => f.s.reduce((n, s) => n + s[1], 0);
const distinct = new Set();
for (const f of fonts) for (const c of codepoints(f)) distinct.add(c);
for (const f of fonts) console.log(`font ${f.n}: ${(bytes(f) / 1024).toFixed(0)} KiB in ${f.s.length} slices (first ${(f.s[0][1] / 1024).toFixed(0)} KiB), ${codepoints(f).length} code points`);
console.log(`fonts shipped: ${(fonts.reduce((n, f) => n + bytes(f), 0) / 1048576).toFixed(2)} MiB, ${distinct.size} distinct code points`);

const mib = (b) => (b / 1048576).toFixed(1);
const atlasLine = (f) => `atlas ${f.atlas_width}x${f.atlas_height}${f.atlas_scale < 1 ? ` (baked at ${f.atlas_scale.toFixed(2)} scale)` : ''}, ` +
  `${f.glyphs} glyphs (${f.deferred} drawn after the bake), ${f.partial ? `partial: ${f.resident}/${f.covered} resident + ${f.slots} slots` : 'all resident'}, ` +
  `build ${f.build_ms.toFixed(0)} ms, upload ${f.upload_ms.toFixed(0)} ms, GPU ${mib(f.gpu_bytes)} MiB`;

const server = await serve(site);
const browser = await launch();
for (const dpr of [1, 2]) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: dpr });
  const page = await context.newPage();
  await page.goto(server.url);
  const st = await waitForState(page, (s) => s.load === 'ready' && s.font.glyphs > 0, 'the font atlas', 180000);
  // A quick bake draws the rest of its glyphs over the next frames; the check counts blank ones as missing.
  await waitForState(page, (s) => s.font.blank === 0, 'every glyph drawn', 180000);
  const check = await page.evaluate(() => window.folio.test.glyphCheck());
  console.log(`dpr ${dpr}, ${st.font.size} px: ${atlasLine(st.font)}; ` +
              `promised code points without a baked glyph${st.font.partial ? ' (partial atlas: the rest come on demand)' : ''}: ` +
              `${check.map((c) => `${c.face} ${c.missing}/${c.checked}`).join(', ')}`);
  if (shots) await page.screenshot({ path: path.join(shots, `fonts-dpr${dpr}.png`) });
  if (dpr === 2) {
    await page.evaluate((px) => window.folio.test.setFontSize(px), bigSize);
    const big = await waitForState(page, (s) => s.font.size === bigSize && s.font.ratio === 2 && s.font.glyphs > 0,
                                   'the large atlas', 180000);
    console.log(`dpr 2, ${bigSize} px: ${atlasLine(big.font)}`);
    await page.mouse.click(900, 500);
    const frames = [];
    for (let k = 0; k < steps; k++) {
      await page.evaluate(() => {
        window.__frames = [];
        let last = performance.now();
        const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__frames.length < 30) requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
      });
      await page.keyboard.press('j');
      await waitForState(page, (s) => s.selected_index === k + 1 && s.reader && s.reader.loaded && s.font.pending === 0,
                         `post ${k + 1}`, 60000);
      await page.waitForTimeout(300);
      frames.push(...await page.evaluate(() => window.__frames));
    }
    const f = (await page.evaluate(() => window.folio.state())).font;
    frames.sort((a, b) => a - b);
    console.log(`on demand over ${steps} posts: ${f.demand_glyphs} glyphs into slots, slowest frame's on-demand work ` +
                `${f.demand_ms.toFixed(1)} ms; re-bakes ${f.rebuilds}${f.rebuilds ? ` (last ${f.rebuild_ms.toFixed(0)} ms)` : ''}; ` +
                `frame intervals median ${frames[frames.length >> 1].toFixed(0)} ms, ` +
                `p95 ${frames[Math.floor(frames.length * 0.95)].toFixed(0)} ms, max ${frames[frames.length - 1].toFixed(0)} ms`);
    if (shots) await page.screenshot({ path: path.join(shots, `fonts-dpr2-${bigSize}px.png`) });
  }
  await context.close();
}
await browser.close();
await server.close();
process.exit(0);
