import { serve, launch, state, waitForState } from './lib.mjs';
const site = process.argv[2], dpr = Number(process.argv[3] || 1), out = process.argv[4] || '/tmp/ht';
const browser = await launch();
const server = await serve(site);
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: dpr, serviceWorkers: 'block' });
const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('pageerror', String(e)));
page.on('console', (m) => console.log('console', m.text()));
await page.goto(server.url);
await waitForState(page, (s) => s.load === 'ready' && s.reader && s.reader.loaded && s.font.blank === 0, 'ready');
await page.waitForTimeout(800);
const info = await page.evaluate(() => {
  const lines = [...document.querySelectorAll('#a11y .line')];
  return { n: lines.length, first: lines.slice(0, 5).map((e) => [e.textContent, e.style.cssText, e.style.transform, JSON.stringify(e.getBoundingClientRect())]),
           clip: document.querySelector('#a11y .text').style.cssText, nodes: document.querySelectorAll('#a11y [data-k]').length,
           fonts: [...document.fonts].map((f) => f.family + ':' + f.status) };
});
console.log(JSON.stringify(info, null, 1));
console.log(JSON.stringify((await state(page)).layer));
await page.screenshot({ path: `${out}/probe-dpr${dpr}.png` });
// select the first 3 lines' worth, show the highlight
await page.evaluate(() => {
  const lines = [...document.querySelectorAll('#a11y .line')];
  const r = document.createRange(); r.setStart(lines[1].firstChild, 2); r.setEnd(lines[3].firstChild, 5);
  getSelection().removeAllRanges(); getSelection().addRange(r);
});
await page.screenshot({ path: `${out}/probe-sel-dpr${dpr}.png` });
await browser.close(); await server.close();
{
const browser = await launch();
const server = await serve(site);
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: dpr, serviceWorkers: 'block' });
const page = await ctx.newPage();
await page.goto(server.url);
await waitForState(page, (s) => s.load === 'ready' && s.reader && s.reader.loaded && s.font.blank === 0, 'ready');
await page.waitForTimeout(800);
const red = () => page.evaluate(() => { for (const e of document.querySelectorAll('#a11y .line')) e.style.setProperty('color', 'rgba(255,0,0,.6)', 'important'); });
await red();
await page.screenshot({ path: `${out}/overlay-dpr${dpr}.png`, clip: { x: 728, y: 130, width: 480, height: 220 } });
// a Latin post
await page.evaluate(() => window.folio.test.setQuery('marathon'));
await page.waitForTimeout(1500);
await page.keyboard.press('Escape');
await page.waitForTimeout(500);
await red();
await page.screenshot({ path: `${out}/overlay2-dpr${dpr}.png`, clip: { x: 728, y: 130, width: 540, height: 300 } });
await browser.close(); await server.close();
}
