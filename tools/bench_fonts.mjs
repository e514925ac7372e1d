// Font figures for a site: font bytes shipped, and per devicePixelRatio the atlas size, glyph
// slots, build and upload time, GPU bytes, and the glyph check (code points without a glyph).
// Usage: node tools/bench_fonts.mjs <site-dir> [--shots DIR]
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, waitForState } from '../tests/browser/lib.mjs';

const site = process.argv[2];
const shotsAt = process.argv.indexOf('--shots');
const shots = shotsAt > 0 ? process.argv[shotsAt + 1] : null;
if (!site || !fs.existsSync(path.join(site, 'data/manifest.json'))) {
  console.error('usage: node tools/bench_fonts.mjs <site-dir> [--shots DIR]');
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(path.join(site, 'data/manifest.json'), 'utf8'));
const count = (ranges) => ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
for (const f of [...manifest.fonts, manifest.fallback].filter((f) => f && f.f))
  console.log(`font ${f.n}: ${(f.b / 1024).toFixed(0)} KiB, ${count(f.r)} code points`);

const server = await serve(site);
const browser = await launch();
for (const dpr of [1, 2]) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: dpr });
  const page = await context.newPage();
  await page.goto(server.url);
  const st = await waitForState(page, (s) => s.load === 'ready' && s.font.glyphs > 0, 'the font atlas', 180000);
  const check = await page.evaluate(() => window.folio.glyphCheck());
  const f = st.font;
  console.log(`dpr ${dpr}: atlas ${f.atlas_width}x${f.atlas_height} (bake scale ${f.atlas_scale}), ${f.glyphs} glyph slots, ` +
              `build ${f.build_ms.toFixed(0)} ms, upload ${f.upload_ms.toFixed(1)} ms, GPU ${(f.gpu_bytes / 1048576).toFixed(1)} MiB; ` +
              `missing glyphs: ${check.map((c) => `${c.face} ${c.missing}/${c.checked}`).join(', ')}`);
  if (shots) await page.screenshot({ path: path.join(shots, `fonts-dpr${dpr}.png`) });
  await context.close();
}
await browser.close();
await server.close();
process.exit(0);
