// Reading like a web page: the reader's text layer (selection, copy, the browser's find) laid over the
// drawn glyphs at dpr 1 and 2, and the page's parallel DOM for assistive technology (role queries).
// usage: node tests/browser/test_reading.mjs <site-dir> [<screenshot-dir>] [<folio binary>]
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, state, waitForState, run, assert, siteTestArgs } from './lib.mjs';

const { site, shots, folioBin } = siteTestArgs('test_reading.mjs');
const posts = execFileSync(folioBin, ['dump', site], { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
const browser = await launch();

async function open(cleanup, { dpr = 1, viewport = { width: 1280, height: 800 } } = {}) {
  const server = await serve(site);
  cleanup.push(server.close);
  const ctx = await browser.newContext({ viewport, deviceScaleFactor: dpr, serviceWorkers: 'block',
                                         permissions: ['clipboard-read', 'clipboard-write'] });
  cleanup.push(() => ctx.close());
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);
  await waitForState(page, (s) => s.load === 'ready' && s.reader && s.reader.loaded && s.font.blank === 0 &&
                                  s.search.index === 'ready', 'the demo with a post open');
  await settled(page);
  return { page, errors };
}
// The viewer asleep and the layer's fonts in: what the page shows is what the last frame published.
async function settled(page) {
  await waitForState(page, (s) => s.frames && !s.frames.awake, 'the viewer asleep', 15000);
  await page.evaluate(() => document.fonts.ready);
}

// Opens the post whose title has `title` through its list option (Enter on it, as a keyboard user would).
async function openPost(page, title) {
  await page.evaluate((t) => window.folio.test.setQuery(t), title);  // its row in view
  await waitForState(page, (s) => s.search.query === title && !s.search.waiting && s.rows.length, `"${title}" listed`);
  await settled(page);
  const option = page.getByRole('option', { name: new RegExp(title) });
  await option.focus();
  await page.keyboard.press('Enter');
  await waitForState(page, (s) => s.reader && s.reader.loaded && s.reader.title.includes(title), `the post "${title}"`);
  await page.evaluate(() => window.folio.test.setQuery(''));  // no match marks over the text
  await waitForState(page, (s) => !s.search.active, 'the query cleared');
  await settled(page);
}

// The layer's lines: text, the box of the text without its trailing spaces (CSS pixels), the line's font size.
const layerLines = (page) => page.evaluate(() => [...document.querySelectorAll('#a11y .line')].map((e) => {
  const clip = document.querySelector('#a11y .text').getBoundingClientRect();
  const r = document.createRange();
  r.setStart(e.firstChild, 0);
  r.setEnd(e.firstChild, e.textContent.replace(/ +$/, '').length);
  const b = r.getBoundingClientRect();
  return { text: e.textContent, x0: b.left, x1: b.right, y0: b.top, y1: b.bottom, size: parseFloat(e.style.fontSize),
           shown: b.top >= clip.top && b.bottom <= clip.bottom };  // in the reader's visible rectangle
}));

// The ink's extent in a box (CSS pixels) of a screenshot: pixels far from the box's background (its
// top left pixel's colour); null when there is none.
async function inkBox(page, box) {
  const png = await page.screenshot({ clip: box });
  return page.evaluate(async ([b64, box]) => {
    const img = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))]));
    const c = new OffscreenCanvas(img.width, img.height);
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, img.width, img.height).data;
    const scale = img.width / box.width;
    let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
    for (let y = 0; y < img.height; y++)
      for (let x = 0; x < img.width; x++) {
        const i = (y * img.width + x) * 4;
        if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 150) {
          x0 = Math.min(x0, x); x1 = Math.max(x1, x + 1); y0 = Math.min(y0, y); y1 = Math.max(y1, y + 1);
        }
      }
    return x1 < 0 ? null : { x0: box.x + x0 / scale, x1: box.x + x1 / scale, y0: box.y + y0 / scale, y1: box.y + y1 / scale };
  }, [png.toString('base64'), box]);
}
// Mean (blue - red) over a box of a screenshot: the selection's blue tint raises it.
async function blueness(page, box) {
  const png = await page.screenshot({ clip: box });
  return page.evaluate(async (b64) => {
    const img = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))]));
    const c = new OffscreenCanvas(img.width, img.height);
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, img.width, img.height).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += d[i + 2] - d[i];
    return sum / (d.length / 4);
  }, png.toString('base64'));
}

// Each line of the layer lies over its drawn glyphs: the ink the canvas drew around the line, and the
// ink of the layer's own text shown in black with the canvas hidden, are within 2 CSS pixels of each
// other at the left, right and top, in a band of the line (from 12% of its height, above the tallest
// letters' tops but below the line before's descenders, to 72%). Returns the largest distance seen.
async function checkAligned(page, lines, what) {
  const boxes = lines.filter((l) => l.shown && l.x1 - l.x0 >= 40)
    .map((l) => ({ line: l, box: { x: l.x0 - 6, y: l.y0 + (l.y1 - l.y0) * 0.12, width: l.x1 - l.x0 + 12, height: (l.y1 - l.y0) * 0.6 } }));
  assert(boxes.length, `${what}: no line to check: ${JSON.stringify(lines)}`);
  const drawn = [];
  for (const b of boxes) drawn.push(await inkBox(page, b.box));
  const show = (on) => page.evaluate((on) => {
    document.getElementById('canvas').style.visibility = on ? 'hidden' : '';
    for (const e of document.querySelectorAll('#a11y .line'))
      if (on) e.style.setProperty('color', '#000', 'important'); else e.style.removeProperty('color');
  }, on);
  await show(true);
  const dom = [];
  try {
    for (const b of boxes) dom.push(await inkBox(page, b.box));
  } finally {
    await show(false);
  }
  let worst = 0;
  boxes.forEach((b, k) => {
    const [c, d] = [drawn[k], dom[k]];
    assert(c && d, `${what}: no ink for the line "${b.line.text}" (canvas ${JSON.stringify(c)}, layer ${JSON.stringify(d)})`);
    const off = Math.max(Math.abs(c.x0 - d.x0), Math.abs(c.x1 - d.x1), Math.abs(c.y0 - d.y0));
    assert(off <= 2, `${what}: the line "${b.line.text}" is ${off.toFixed(2)} px off its glyphs (canvas ink ${JSON.stringify(c)}, layer ink ${JSON.stringify(d)})`);
    worst = Math.max(worst, off);
  });
  return worst;
}

async function dragSelectAndCopy(cleanup, dpr) {
  const { page, errors } = await open(cleanup, { dpr });
  await openPost(page, 'Harbor ferry');
  const post = posts.find((p) => p.title.includes('Harbor ferry'));
  const lines = await layerLines(page);
  assert(lines.length >= 3, `the layer holds the post's lines: ${JSON.stringify(lines)}`);
  const worst = await checkAligned(page, lines, `dpr ${dpr}`);
  // A body line (not the title): drag from the left half of its 3rd character to the right half of its 16th.
  const line = lines.find((l) => l.text.length > 24 && post.text.includes(l.text.trim()));
  assert(line, `a long body line in the layer: ${JSON.stringify(lines.map((l) => l.text))}`);
  const index = lines.indexOf(line);
  const [i, j] = [2, 16];
  const chars = await page.evaluate(([index, i, j]) => {
    const t = document.querySelectorAll('#a11y .line')[index].firstChild;
    const rect = (k) => { const r = document.createRange(); r.setStart(t, k); r.setEnd(t, k + 1); return r.getBoundingClientRect().toJSON(); };
    return [rect(i), rect(j - 1)];
  }, [index, i, j]);
  const y = (chars[0].top + chars[0].bottom) / 2;
  const band = { x: chars[0].left, y: chars[0].top, width: chars[1].right - chars[0].left, height: chars[0].bottom - chars[0].top };
  const before = await blueness(page, band);
  await page.mouse.move(chars[0].left + chars[0].width * 0.25, y);
  await page.mouse.down();
  await page.mouse.move((chars[0].left + chars[1].right) / 2, y, { steps: 4 });
  await page.mouse.move(chars[1].right - chars[1].width * 0.25, y, { steps: 4 });
  await page.mouse.up();
  const expected = line.text.slice(i, j);
  const selected = await page.evaluate(() => getSelection().toString());
  assert(selected === expected, `dpr ${dpr}: the drag selected ${JSON.stringify(selected)}, not ${JSON.stringify(expected)}`);
  const after = await blueness(page, band);
  assert(after > before + 15, `dpr ${dpr}: the selection is not shown (blue - red: ${before.toFixed(1)} -> ${after.toFixed(1)})`);
  await page.screenshot({ path: path.join(shots, `reading-selection-dpr${dpr}.png`) });
  await page.keyboard.press('Control+c');
  await page.waitForTimeout(200);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert(copied === expected, `dpr ${dpr}: Ctrl+C copied ${JSON.stringify(copied)}, not the selection ${JSON.stringify(expected)}`);
  // A selection over two lines copies them as the post has them: the wrap's space, no newline.
  const two = await page.evaluate((index) => {
    const els = document.querySelectorAll('#a11y .line');
    const r = document.createRange();
    r.setStart(els[index].firstChild, 0);
    r.setEnd(els[index + 1].firstChild, 5);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
    return els[index].textContent + els[index + 1].textContent.slice(0, 5);
  }, index);
  await page.keyboard.press('Control+c');
  await page.waitForTimeout(200);
  const copiedTwo = await page.evaluate(() => navigator.clipboard.readText());
  assert(copiedTwo === two && post.text.includes(copiedTwo), `dpr ${dpr}: two lines copied as ${JSON.stringify(copiedTwo)}, not ${JSON.stringify(two)}`);
  // A press on the canvas ends the selection; Ctrl+C then copies the whole post, as before.
  const s = await state(page);
  await page.mouse.click(s.controls.open_page[2] + 40, s.controls.open_page[1] + 5);
  assert(await page.evaluate(() => getSelection().isCollapsed), 'a click on the canvas leaves the selection');
  await page.keyboard.press('Control+c');
  let whole = '';
  for (let t = 0; t < 30 && !whole.startsWith(post.title); t++, await page.waitForTimeout(100))
    whole = await page.evaluate(() => navigator.clipboard.readText());
  assert(whole.startsWith(post.title) && whole.length > post.title.length + 40, `no selection: Ctrl+C copied ${JSON.stringify(whole.slice(0, 80))}`);
  assert(!errors.length, errors.join('\n'));
  console.log(`  dpr ${dpr}: ${lines.length} lines in the layer, worst line end ${worst.toFixed(2)} px from its ink`);
}

await run([
  ['drag-select and copy in the reader at dpr 1: exactly the characters under the drag, shown selected', (cleanup) => dragSelectAndCopy(cleanup, 1)],
  ['drag-select and copy in the reader at dpr 2', (cleanup) => dragSelectAndCopy(cleanup, 2)],

  ['the layer follows text size, scrolling (the wheel over the text scrolls the reader) and a resize', async (cleanup) => {
    const { page, errors } = await open(cleanup, { viewport: { width: 1100, height: 900 } });
    await openPost(page, 'Harbor ferry');
    await page.evaluate(() => window.folio.test.setFontSize(30));
    // The atlas baked for the new size and every glyph in: until then the reader is laid out again.
    await waitForState(page, (s) => s.font.size === 30 && s.font.baked_size === 30 && s.font.blank === 0,
                       'the text size 30 px, baked, every glyph drawn');
    await settled(page);
    // Within a few frames (a loaded machine once read the layer between the size change and its lines).
    let lines = await layerLines(page);
    for (const t0 = Date.now(); !lines.every((l) => l.size >= 30) && Date.now() - t0 < 10000;) {
      await page.waitForTimeout(100);
      lines = await layerLines(page);
    }
    assert(lines.every((l) => l.size >= 30), `the lines follow the text size: ${lines.map((l) => l.size)}`);
    await checkAligned(page, lines, '30 px');
    const line = lines.find((l) => l.text.length > 10 && l.y0 > 250);
    assert(line, 'a line low in the reader');
    const sent = (await state(page)).layer.places_sent;
    await page.mouse.move((line.x0 + line.x1) / 2, (line.y0 + line.y1) / 2);
    const target = await page.evaluate(([x, y]) => document.elementFromPoint(x, y).className, [(line.x0 + line.x1) / 2, (line.y0 + line.y1) / 2]);
    assert(target === 'line', `the text layer is under the mouse over reader text (found "${target}")`);
    await page.mouse.wheel(0, 200);
    await waitForState(page, (s) => s.layer.places_sent > sent, 'the reader scrolled', 5000);
    await settled(page);
    const moved = (await layerLines(page)).find((l) => l.text === line.text);
    assert(moved && moved.y0 < line.y0 - 20, `the wheel over the text scrolled the reader and the line went with it: ${line.y0} -> ${moved && moved.y0}`);
    const scrolled = await layerLines(page);
    await checkAligned(page, scrolled, 'scrolled');
    await page.mouse.move(1, 1);  // no tooltip over the text
    await page.setViewportSize({ width: 1280, height: 780 });
    await settled(page);
    await page.screenshot({ path: path.join(shots, 'reading-resized.png') });
    await checkAligned(page, await layerLines(page), 'resized');
    assert(!errors.length, errors.join('\n'));
  }],

  ['window.find finds text of the open post; the layer holds only the post on screen', async (cleanup) => {
    const { page, errors } = await open(cleanup);
    const s = await state(page);
    const post = posts.find((p) => p.id === s.selected);
    const phrase = post.text.split('\n').find((p) => [...p].length > 20).slice(6, 16);
    const found = await page.evaluate((p) => window.find(p), phrase);
    assert(found, `window.find(${JSON.stringify(phrase)}) found nothing`);
    assert(await page.evaluate(() => getSelection().toString()) === phrase, 'find selects the match');
    assert(await page.evaluate(() => getSelection().anchorNode.parentElement.className) === 'line', 'the match is in the text layer');
    assert(!(await page.evaluate(() => window.find('no such text in any post zq'))), 'find of missing text');
    await page.screenshot({ path: path.join(shots, 'reading-find.png') });
    // Another post: its text replaces the first's.
    await page.keyboard.press('j');
    await waitForState(page, (t) => t.selected !== s.selected && t.reader.loaded, 'the next post');
    await settled(page);
    const nextId = (await state(page)).selected;
    const next = posts.find((p) => p.id === nextId);
    const layerText = await page.evaluate(() => [...document.querySelectorAll('#a11y .line')].map((e) => e.textContent).join(''));
    assert(layerText.includes(next.title) && !layerText.includes(phrase), 'the layer holds the open post only');
    assert(!errors.length, errors.join('\n'));
  }],

  ['roles: searchbox, listbox of posts, article, checkboxes, buttons and a live hit count; Tab order; activation', async (cleanup) => {
    const { page, errors } = await open(cleanup);
    const s = await state(page);
    const search = page.getByRole('searchbox', { name: 'Search the archive' });
    assert(await search.count() === 1, 'one searchbox named "Search the archive"');
    const list = page.getByRole('listbox', { name: 'Posts' });
    const options = list.getByRole('option');
    assert(await options.count() >= 10, `the list's visible rows are options: ${await options.count()}`);
    const first = posts.find((p) => p.id === s.rows[0].id);
    const name = await options.first().textContent();
    assert(name.includes(first.title) && name.includes(first.date.slice(0, 10)), `an option names title, date and source: ${name}`);
    assert(await list.getByRole('option', { selected: true }).count() === 1, 'the open post is the selected option');
    const article = page.getByRole('article', { name: s.reader.title });
    assert(await article.count() === 1, `the open post is an article named by its title (${s.reader.title})`);
    assert((await article.textContent()).includes(s.reader.text.slice(0, 12)), 'the article holds the post text');
    for (const b of [/^Next/, /^< Previous|^Previous/, /^Open as page$/, /^Timeline: zoom in$/, /^Larger text$/])
      assert(await page.getByRole('button', { name: b }).count() === 1, `a button "${b}"`);
    const box = page.getByRole('checkbox', { name: /^城市 / });
    assert(await box.getAttribute('aria-checked') === 'false', 'the facet value is a checkbox, unchecked');
    const status = page.locator('[role=status][aria-live=polite]');
    assert(await status.count() === 1, 'one live region for the hit count');

    // The search box: focused from the page, it takes real keys; the live region says the count.
    await search.focus();
    await waitForState(page, (t) => t.search.editing, 'the search box editing after the DOM focus', 5000);
    await page.keyboard.type('台风');
    const hits = await waitForState(page, (t) => t.search.query === '台风' && !t.search.waiting && t.search.total > 0, 'results');
    await settled(page);
    assert((await status.textContent()).startsWith(`${hits.search.total} post`), `the live region: "${await status.textContent()}"`);
    await page.screenshot({ path: path.join(shots, 'reading-search-focus.png') });
    // Tab leaves the box for the next control (the newest-first checkbox), which the canvas outlines.
    await page.keyboard.press('Tab');
    const tabbed = await waitForState(page, (t) => t.layer.focused === 'newest_first' && !t.search.editing, 'Tab to the next control', 5000);
    assert(tabbed.search.query === '台风', 'Tab did not change the query');
    await page.keyboard.press('Escape');
    await waitForState(page, (t) => !t.search.active, 'Esc cleared the query');
    await settled(page);

    // A checkbox activated with Space filters the list as a click does, and reports its state.
    await box.focus();
    await page.keyboard.press('Space');
    await waitForState(page, (t) => t.browse.filters.tag.includes('城市'), 'the facet filter on', 5000);
    await settled(page);
    await page.screenshot({ path: path.join(shots, 'reading-focus-ring.png') });
    assert(await box.getAttribute('aria-checked') === 'true', 'the checkbox is checked');
    // Buttons: Next post with Enter opens the next post; the timeline zooms.
    const before = await state(page);
    await page.getByRole('button', { name: /^Next/ }).press('Enter');
    await waitForState(page, (t) => t.selected !== before.selected, 'Next post', 5000);
    const days = before.browse.timeline.view_days;
    await page.getByRole('button', { name: 'Timeline: zoom in' }).press('Enter');
    await waitForState(page, (t) => t.browse.timeline.view_days < days, 'the timeline zoomed in', 5000);
    // An option with Enter opens its post.
    const other = page.getByRole('option', { selected: false }).first();
    const otherName = await other.textContent();
    await other.press('Enter');
    await waitForState(page, (t) => t.reader && otherName.startsWith(t.reader.title), `the post "${otherName}"`, 5000);
    assert(!errors.length, errors.join('\n'));
  }],

  ['the layer adds no frames: an idle page with a post open publishes nothing', async (cleanup) => {
    const { page } = await open(cleanup);
    const a = await state(page);
    await page.waitForTimeout(1500);
    const b = await state(page);
    assert(a.frames.drawn === b.frames.drawn, `frames while idle: ${a.frames.drawn} -> ${b.frames.drawn}`);
    assert(JSON.stringify(a.layer) === JSON.stringify(b.layer), 'nothing published while idle');
    // A frame that changes nothing on the page (a mouse move over empty canvas) sends nothing either.
    await page.mouse.move(5, 790);
    await page.mouse.move(7, 792);
    await settled(page);
    const c = await state(page);
    assert(c.layer.lines_sent === b.layer.lines_sent, `lines sent again unchanged: ${b.layer.lines_sent} -> ${c.layer.lines_sent}`);
  }],
]);
await browser.close();
