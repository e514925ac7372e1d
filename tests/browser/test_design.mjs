// The design pass: every text/background pair of both themes meets WCAG AA (computed here from the
// colours state().palette reports, and those colours checked against the canvas's pixels), and the
// reader's measure holds (at most 45 CJK or 75 Latin characters a line, the column centred, a line
// height of about 1.7) at 1280 and 1920 px wide and at 14 and 24 px text.
// usage: node tests/browser/test_design.mjs <site-dir> [<screenshot-dir>] [<folio binary>]
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, state, waitForState, run, assert, siteTestArgs } from './lib.mjs';

const { site, shots, folioBin } = siteTestArgs('test_design.mjs');
const posts = execFileSync(folioBin, ['dump', site], { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
const postTitled = (start) => {
  const p = posts.find((q) => q.title.startsWith(start));
  assert(p, `the demo has no post titled "${start}..."`);
  return p;
};
// The demo's longest paragraphs: 64 Japanese characters, 165 English ones; a full-width line would hold more.
const cjkPost = postTitled('防災の日');
const latinPost = postTitled('New university telescope');
const browser = await launch();

// WCAG 2 relative luminance and contrast ratio of "#rrggbb" colours.
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

async function open(cleanup, { scheme = 'dark', viewport = { width: 1280, height: 800 } } = {}) {
  const server = await serve(site);
  cleanup.push(server.close);
  const ctx = await browser.newContext({ viewport, colorScheme: scheme, serviceWorkers: 'block', locale: 'zh-CN' });
  cleanup.push(() => ctx.close());
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);
  await waitForState(page, (s) => s.load === 'ready' && s.reader && s.reader.loaded && s.search.index === 'ready' && s.font_loaded,
                     'the demo with a post open');
  await settled(page);
  return { page, errors };
}
async function settled(page) {
  await waitForState(page, (s) => s.frames && !s.frames.awake && s.font.blank === 0, 'the viewer asleep', 20000);
  await page.evaluate(() => document.fonts.ready);
}
async function openPost(page, post) {
  await page.evaluate((id) => { location.hash = `#post=${id}`; }, post.id);
  await waitForState(page, (s) => s.selected === post.id && s.reader.loaded, `the post "${post.title}"`);
  await settled(page);
}

// The screenshot's pixels as "#rrggbb" by CSS pixel (dpr 1), and how many pixels have each colour in a box.
async function pixels(page) {
  const png = await page.screenshot();
  return page.evaluate(async (b64) => {
    const img = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))]));
    const c = new OffscreenCanvas(img.width, img.height);
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, img.width, img.height).data;
    window.__shot = { w: img.width, d };
    return true;
  }, png.toString('base64'));
}
const pixelAt = (page, x, y) => page.evaluate(([x, y]) => {
  const { w, d } = window.__shot;
  const i = (Math.round(y) * w + Math.round(x)) * 4;
  return '#' + [d[i], d[i + 1], d[i + 2]].map((v) => v.toString(16).padStart(2, '0')).join('');
}, [x, y]);
const countColour = (page, box, hex) => page.evaluate(([box, hex]) => {
  const { w, d } = window.__shot;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let y = Math.ceil(box[1]); y < Math.floor(box[3]); y++)
    for (let x = Math.ceil(box[0]); x < Math.floor(box[2]); x++) {
      const i = (y * w + x) * 4;
      if (d[i] === r && d[i + 1] === g && d[i + 2] === b) n++;
    }
  return n;
}, [box, hex]);

// The pairs the issue names, and the contrast each needs: text 4.5:1, large text and marks 3:1.
const required = {
  selected_title: 4.5, selected_snippet: 4.5, selected_match: 4.5, hovered_title: 4.5, hovered_snippet: 4.5,
  disabled_text: 4.5, facet_count: 4.5, link: 4.5, body_text: 4.5, timeline_bars: 3, timeline_hits: 3,
};

async function paletteTest(cleanup, scheme) {
  const { page, errors } = await open(cleanup, { scheme });
  await page.evaluate(() => window.folio.test.setQuery('台风'));
  let s = await waitForState(page, (t) => t.search.query === '台风' && !t.search.waiting && t.search.total >= 2, 'results for 台风');
  await settled(page);
  await page.keyboard.press('j');  // the second result
  s = await waitForState(page, (t) => t.selected === t.search.results[1] && t.reader.loaded, 'the second result open');
  await page.mouse.move(2, 790);
  await settled(page);
  s = await state(page);
  assert(s.theme === scheme, `the ${scheme} theme: ${s.theme}`);
  const pal = s.palette;
  const table = [];
  for (const [name, min] of Object.entries(required)) assert(pal[name] && pal[name].min === min, `${name}: ${JSON.stringify(pal[name])}`);
  for (const [name, p] of Object.entries(pal)) {
    assert(/^#[0-9a-f]{6}$/.test(p.fg) && /^#[0-9a-f]{6}$/.test(p.bg), `${name}: not #rrggbb: ${JSON.stringify(p)}`);
    assert(p.min === 4.5 || p.min === 3, `${name}: asks for ${p.min}:1`);
    const ratio = contrast(p.fg, p.bg);
    table.push(`${name} ${ratio.toFixed(2)}`);
    assert(ratio >= p.min, `${scheme} ${name}: ${p.fg} on ${p.bg} is ${ratio.toFixed(2)}:1, under ${p.min}:1`);
  }
  assert(Object.keys(pal).length >= 30, `only ${Object.keys(pal).length} pairs`);
  // The colours reported are the colours drawn: the reader's pane, the selected row, a hovered row, a
  // match's mark, the timeline's bars (every post's, and the posts the search keeps).
  await page.screenshot({ path: path.join(shots, `design-${scheme}-1280.png`) });
  await pixels(page);
  const pane = s.reader.pane;
  assert(await pixelAt(page, pane[0] + 6, pane[3] - 6) === pal.body_text.bg, `the reader's background is not ${pal.body_text.bg}`);
  const row = s.rows.find((r) => r.id === s.selected);
  assert(row, 'the open post has a row on screen');
  assert(await pixelAt(page, row.x0 + 2, row.y1 - 3) === pal.selected_title.bg,
         `the selected row is ${await pixelAt(page, row.x0 + 2, row.y1 - 3)}, not ${pal.selected_title.bg}`);
  assert(await countColour(page, pane, pal.selected_match.bg) > 40, `no match marked in ${pal.selected_match.bg} in the reader`);
  const plot = s.browse.timeline.plot;
  assert(await countColour(page, plot, pal.timeline_bars.bg) > 100, `the timeline's background is not ${pal.timeline_bars.bg}`);
  assert(await countColour(page, plot, pal.timeline_bars.fg) > 10, `no bar in ${pal.timeline_bars.fg}`);
  assert(await countColour(page, plot, pal.timeline_hits.fg) > 10, `no search-hit bar in ${pal.timeline_hits.fg}`);
  const other = s.rows.find((r) => r.id !== s.selected);
  await page.mouse.move(other.x0 + 40, other.y0 + 3);
  await settled(page);
  await pixels(page);
  assert(await pixelAt(page, other.x0 + 2, other.y1 - 3) === pal.hovered_title.bg,
         `the hovered row is ${await pixelAt(page, other.x0 + 2, other.y1 - 3)}, not ${pal.hovered_title.bg}`);
  // The open post's row stays marked as such under the pointer.
  await page.mouse.move(row.x0 + 40, row.y0 + 3);
  await settled(page);
  await pixels(page);
  assert(await pixelAt(page, row.x0 + 2, row.y1 - 3) === pal.selected_title.bg,
         `the selected row under the pointer is ${await pixelAt(page, row.x0 + 2, row.y1 - 3)}, not ${pal.selected_title.bg}`);
  assert(!errors.length, errors.join('\n'));
  console.log(`  ${scheme}: ${table.join(', ')}`);
}

// The layer's lines of the open post (the page's text over the drawn glyphs): text, font size, line height.
const layerLines = (page) => page.evaluate(() => [...document.querySelectorAll('#a11y .line')].map((e) => {
  const chars = e.textContent.replace(/ +$/, '').length;
  const r = document.createRange();
  r.setStart(e.firstChild, 0);
  r.setEnd(e.firstChild, chars);
  return { text: e.textContent, chars, width: r.getBoundingClientRect().width, size: parseFloat(e.style.fontSize),
           pitch: parseFloat(e.style.lineHeight) };
}));

async function measureAt(cleanup, width) {
  const { page, errors } = await open(cleanup, { viewport: { width, height: 1000 } });
  const seen = [];
  let leading = 0;
  for (const size of [14, 24]) {
    await page.evaluate((px) => window.folio.test.setFontSize(px), size);
    await waitForState(page, (s) => s.font.baked_size === size, `text at ${size} px`);
    for (const [post, most, least] of [[cjkPost, 45, 35], [latinPost, 75, 55]]) {
      await openPost(page, post);
      const s = await state(page);
      const r = s.reader;
      const what = `${width} px wide, ${size} px text, "${post.title}"`;
      assert(r.chars_per_line <= most, `${what}: ${r.chars_per_line} characters a line, over ${most}`);
      assert(r.measure_fill <= 1, `${what}: a line holds ${r.measure_fill.toFixed(2)} of the measure`);
      // The page's copy of the lines agrees: the longest (trailing spaces aside) has chars_per_line characters.
      const lines = await layerLines(page);
      const longest = Math.max(...lines.map((l) => [...l.text.replace(/ +$/, '')].length));
      assert(longest === r.chars_per_line, `${what}: the layer's longest line has ${longest} characters, state says ${r.chars_per_line}`);
      // Body lines (at the text size) are 1.7 ems apart, an em being a CJK character's width in the
      // page's copy of a CJK line (Dear ImGui's size is the face's line height, about 1.45 em).
      const body = lines.filter((l) => Math.abs(l.size - size) < 0.01);
      assert(body.length >= 2, `${what}: ${body.length} body lines`);
      if (post === cjkPost) {
        const cjk = body.filter((l) => /^[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]+$/.test(l.text.trim()) && l.chars >= 10);
        assert(cjk.length, `${what}: no line of CJK characters only: ${JSON.stringify(body.map((l) => l.text))}`);
        const em = cjk[0].width / cjk[0].chars;
        assert(Math.abs(em / r.em - 1) < 0.03, `${what}: a CJK character is ${em.toFixed(2)} px wide in the page, state says ${r.em}`);
      }
      // (The space above and below the glyphs is a whole number of pixels each: within a pixel of 1.7 em.)
      for (const l of body) assert(Math.abs(l.pitch - 1.7 * r.em) <= 1.01, `${what}: line height ${(l.pitch / r.em).toFixed(2)} em`);
      leading = body[0].pitch / r.em;
      // Where the pane is wider than the measure, the column is the measure (not far short of it) and centred.
      const [c0, , c1] = r.column, [p0, , p1] = r.pane;
      const capped = c1 - c0 < p1 - p0 - 40;
      if (capped) {
        assert(r.chars_per_line >= least, `${what}: only ${r.chars_per_line} characters a line in a ${Math.round(c1 - c0)} px column`);
        const [left, right] = [c0 - p0, p1 - c1];
        assert(Math.abs(left - right) <= 20, `${what}: the column is off centre (${left.toFixed(0)} px left, ${right.toFixed(0)} px right)`);
      }
      if (width === 1920 && size === 14) assert(capped, `${what}: the column (${c0}..${c1}) fills the pane (${p0}..${p1})`);
      seen.push(`${size}px ${post === cjkPost ? 'CJK' : 'Latin'} ${r.chars_per_line} (column ${Math.round(c1 - c0)} of ${Math.round(p1 - p0)} px, line height ${leading.toFixed(2)} em)`);
      await page.screenshot({ path: path.join(shots, `design-measure-${width}-${size}px-${post === cjkPost ? 'cjk' : 'latin'}.png`) });
    }
  }
  assert(!errors.length, errors.join('\n'));
  console.log(`  ${width} px: ${seen.join('; ')}`);
}

await run([
  ['palette: every text/background pair of the light theme meets WCAG AA, and is what the canvas draws', (cleanup) => paletteTest(cleanup, 'light')],
  ['palette: every text/background pair of the dark theme meets WCAG AA, and is what the canvas draws', (cleanup) => paletteTest(cleanup, 'dark')],
  ['measure at 1280 px wide, 14 and 24 px text: at most 45 CJK / 75 Latin characters a line, line height 1.7', (cleanup) => measureAt(cleanup, 1280)],
  ['measure at 1920 px wide, 14 and 24 px text: the column is capped and centred', (cleanup) => measureAt(cleanup, 1920)],
]);
await browser.close();
