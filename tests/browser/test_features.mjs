// Browser tests for issue 19's tools: on this day, per-source statistics, export and saved searches.
//   node tests/browser/test_features.mjs <site-dir> [<screenshot-dir>] [<folio binary>]
// Ground truth comes from the CLI (`folio dump`, `folio search`), never from the viewer itself.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, state, waitForState, clickControl, run, assert, siteTestArgs } from './lib.mjs';

const { site, shots, folioBin } = siteTestArgs('test_features.mjs');
const posts = execFileSync(folioBin, ['dump', site], { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
const byId = new Map(posts.map((p) => [p.id, p]));
// A post's calendar day in its own offset, as the dump writes it ("2020-02-14T09:32:10+00:00").
const monthDay = (p) => (p.date ? p.date.slice(5, 10) : null);
const siteOf = (url) => { try { return new URL(url).hostname.replace(/^www\./, ''); } catch (e) { return null; } };
const browser = await launch();

// A fresh profile (its own storage) with the demo open, every post in and the frames asleep.
async function open(cleanup, { hash = '', today = null } = {}) {
  const ctx = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 }, serviceWorkers: 'block', acceptDownloads: true });
  cleanup.push(() => ctx.close());
  const server = await serve(site);
  cleanup.push(server.close);
  const page = await ctx.newPage();
  if (today) await page.clock.setFixedTime(new Date(today));  // the browser's date (Date only; timers run)
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url + hash);
  await settle(page, 'the list');
  return { ctx, page, errors, url: server.url };
}

async function settle(page, what) {
  return waitForState(page, (s) => s.load === 'ready' && s.rows.length > 0 && s.font_loaded && s.search.index === 'ready' &&
                                   !s.frames.awake, what);
}

// Opens a menu (by its button) unless `item` is on screen already: a click on the button of an open
// menu would only close it.
async function openMenu(page, menu, item) {
  const s = await state(page);
  if (!s.controls[item]) await clickControl(page, menu);
  await waitForState(page, (t) => t.controls[item], `${item} in the ${menu} menu`, 10000);
}

// Clicks `control` (in a menu opened by `menu`) and returns the file the page downloads.
async function download(page, menu, control, into) {
  await openMenu(page, menu, control);
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), clickControl(page, control)]);
  const file = path.join(shots, into || d.suggestedFilename());
  await d.saveAs(file);
  return { name: d.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
function parseCsv(text) {
  const rows = [[]];
  let field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows[rows.length - 1].push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { rows[rows.length - 1].push(field); field = ''; rows.push([]); i++; }
    else field += c;
  }
  if (!rows[rows.length - 1].length) rows.pop();
  return rows;
}

const idOf = (viewerUrl) => decodeURIComponent(viewerUrl.replace(/^.*#post=/, ''));

await run([
  ['on this day: today in every year with counts per year, a year alone, any day from the calendar, kept in the address', async (cleanup) => {
    const { page, errors } = await open(cleanup, { today: '2031-02-14T10:00:00' });
    const want = posts.filter((p) => monthDay(p) === '02-14');
    assert(want.length >= 2, `the demo has ${want.length} posts on 14 February`);
    await openMenu(page, 'onthisday', 'onthisday_today');
    await page.screenshot({ path: path.join(shots, 'on-this-day-menu.png') });
    await clickControl(page, 'onthisday_today');
    let s = await waitForState(page, (s) => s.browse.filters.on_this_day === '02-14' && s.browse.matching === want.length && !s.frames.awake,
                               'on this day: 14 February', 10000);
    const years = {};
    for (const p of want) years[p.date.slice(0, 4)] = (years[p.date.slice(0, 4)] || 0) + 1;
    assert(JSON.stringify(s.browse.filters.on_this_day_years) === JSON.stringify(Object.entries(years).map(([y, n]) => [Number(y), n])),
           `years ${JSON.stringify(s.browse.filters.on_this_day_years)} vs ${JSON.stringify(years)}`);
    assert(s.hash.includes('onthisday=02-14'), `hash ${s.hash}`);
    assert(JSON.stringify(s.browse.first_ids.slice().sort()) === JSON.stringify(want.map((p) => p.id).sort()), `listed ${s.browse.first_ids}`);
    await page.screenshot({ path: path.join(shots, 'on-this-day.png') });
    // A year's button: that year alone.
    const year = Object.keys(years)[0];
    await clickControl(page, `onthisday_year_${year}`);
    s = await waitForState(page, (s) => s.browse.matching === years[year] && s.browse.filters.days, `only ${year}`, 10000);
    assert(s.browse.filters.days[0] === `${year}-01-01`, `days ${s.browse.filters.days}`);
    // The page layer has the control and the years, named as drawn.
    const layer = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-k^="onthisday"]')].map((e) => [e.dataset.k, e.textContent])));
    assert(/On this day: 14 Feb/.test(layer.onthisday), `page layer: ${JSON.stringify(layer)}`);
    assert(layer[`onthisday_year_${year}`] === `${year} · ${years[year]}`, `page layer: ${JSON.stringify(layer)}`);
    // Any day from the calendar: 31 October.
    await openMenu(page, 'onthisday', 'onthisday_month_next');
    for (let k = 0; k < 8; k++) await clickControl(page, 'onthisday_month_next');
    await clickControl(page, 'onthisday_day_31');
    const oct = posts.filter((p) => monthDay(p) === '10-31');
    s = await waitForState(page, (s) => s.browse.filters.on_this_day === '10-31', '31 October', 10000);
    // (the year chosen before still holds: its posts on 31 October, of the October 31 posts)
    // The address holds it: a new page opened on it shows the same.
    const { page: again } = await open(cleanup, { hash: '#onthisday=10-31' });
    s = await waitForState(again, (s) => s.browse.filters.on_this_day === '10-31' && s.browse.matching === oct.length, 'linked 31 October', 20000);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  }],

  ['statistics: per source over time, shares and top tags follow the filters and query', async (cleanup) => {
    const { page, errors } = await open(cleanup);
    // Through the page layer, as Tab and Enter (or a screen reader) press it.
    await page.focus('[data-k="stats"]');
    await page.keyboard.press('Enter');
    let s = await waitForState(page, (s) => s.stats.open && s.stats.for_generation === s.stats.browse_generation && !s.frames.awake,
                               'statistics open', 10000);
    const counts = {};
    for (const p of posts) { const k = siteOf(p.source_url); counts[k] = (counts[k] || 0) + 1; }
    assert(s.stats.total === posts.length, `total ${s.stats.total} of ${posts.length}`);
    for (const series of s.stats.series) {
      if (series.source === '(other)') continue;
      const want = counts[series.source === null ? null : series.source];
      assert(series.count === want, `${series.source}: ${series.count} vs ${want}`);
      // Its top tags: counted from the dump over its posts.
      const tagCounts = {};
      for (const p of posts.filter((p) => siteOf(p.source_url) === series.source)) for (const t of p.tags) tagCounts[t] = (tagCounts[t] || 0) + 1;
      for (const [tag, n] of series.tags) assert(tagCounts[tag] === n, `${series.source} #${tag}: ${n} vs ${tagCounts[tag]}`);
      const months = series.per_month.reduce((a, b) => a + b, 0);
      assert(months === posts.filter((p) => siteOf(p.source_url) === series.source && p.date).length, `${series.source}: ${months} dated`);
    }
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, 'statistics.png') });
    // With a query: the statistics are the results'. (The page layer's element holds the focus: a
    // click puts it in the search box.)
    const oracle = JSON.parse(execFileSync(folioBin, ['search', site, '台风', '--json', '--limit', '100000'], { encoding: 'utf8' }));
    const box = await page.locator('canvas').boundingBox();
    const r = s.search.box;
    await page.mouse.click(box.x + (r[0] + r[2]) / 2, box.y + (r[1] + r[3]) / 2);
    await page.keyboard.type('台风');
    s = await waitForState(page, (s) => s.search.query === '台风' && !s.search.waiting && s.stats.total === oracle.total && s.stats.open,
                           'statistics of the results', 20000);
    const hitSites = {};
    for (const h of oracle.hits) { const k = siteOf(byId.get(h.id).source_url); hitSites[k] = (hitSites[k] || 0) + 1; }
    for (const series of s.stats.series) if (series.source !== '(other)') assert(series.count === hitSites[series.source], `results ${series.source}`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, 'statistics-query.png') });
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  }],

  ['export: the results as CSV, JSON Lines and Markdown, and the open post as Markdown, downloaded from the page', async (cleanup) => {
    const { page, errors, url } = await open(cleanup);
    const oracle = JSON.parse(execFileSync(folioBin, ['search', site, '台风', '--json', '--limit', '100000'], { encoding: 'utf8' }));
    await page.keyboard.press('/');
    await waitForState(page, (s) => s.search.editing, 'the search box focused by /', 5000);  // keys before that frame go to the page
    await page.keyboard.type('台风');
    await waitForState(page, (s) => s.search.query === '台风' && !s.search.waiting && s.browse.matching === oracle.total && !s.frames.awake, 'results', 20000);
    await openMenu(page, 'export_list', 'export_csv');
    await page.screenshot({ path: path.join(shots, 'export-menu.png') });
    const want = oracle.hits.map((h) => h.id).sort();
    const csv = await download(page, 'export_list', 'export_csv', 'export.csv');
    assert(csv.name.endsWith('.csv'), csv.name);
    assert(csv.text.charCodeAt(0) === 0xFEFF, 'no byte order mark');
    const rows = parseCsv(csv.text.slice(1));
    assert(rows[0].join(',') === 'title,date,source,source_url,tags,viewer_url', `header ${rows[0]}`);
    assert(JSON.stringify(rows.slice(1).map((r) => idOf(r[5])).sort()) === JSON.stringify(want), `csv ids ${rows.length - 1} vs ${want.length}`);
    for (const r of rows.slice(1)) {
      const p = byId.get(idOf(r[5]));
      assert(r.length === 6 && r[0] === p.title.replace(/^([=+\-@])/, "'$1") && r[3] === (p.source_url || '') && r[4] === p.tags.join('; '), `row ${r}`);
      assert(r[5].startsWith(url), `address ${r[5]} not under ${url}`);
      assert(!p.date || r[1].slice(0, 10) === p.date.slice(0, 10), `date ${r[1]} vs ${p.date}`);
    }
    const jsonl = await download(page, 'export_list', 'export_jsonl', 'export.jsonl');
    const lines = jsonl.text.trim().split('\n').map((l) => JSON.parse(l));
    assert(JSON.stringify(lines.map((l) => idOf(l.viewer_url)).sort()) === JSON.stringify(want), 'jsonl ids');
    for (const l of lines) assert(l.title === byId.get(idOf(l.viewer_url)).title, `jsonl title ${l.title}`);
    const md = await download(page, 'export_list', 'export_md', 'export.md');
    assert(md.text.startsWith(`# Folio: ${want.length} posts`), md.text.slice(0, 80));
    assert(md.text.split('\n').filter((l) => l.startsWith('- [')).length === want.length, 'markdown items');
    // The open post as Markdown: its title, its source, its text.
    const s = await waitForState(page, (s) => s.reader && s.reader.loaded, 'the open post', 10000);
    const post = await download(page, 'export_list', 'export_post', 'post.md');
    const p = byId.get(s.selected);
    assert(post.text.startsWith('# '), post.text.slice(0, 40));
    const firstLine = p.text.split('\n').find((l) => l.trim().length > 8) || '';
    const squash = (t) => t.replace(/[\\\s]/g, '');
    assert(squash(post.text).includes(squash(firstLine).slice(0, 12)), `post text: ${firstLine.slice(0, 20)} not in ${post.text.slice(0, 300)}`);
    assert(!p.source_url || post.text.includes(p.source_url.replace(/ /g, '%20')), 'the source URL');
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  }],

  ['saved searches: save, reload, listed beside the bookmarks, open, export and import with them', async (cleanup) => {
    const { page, errors } = await open(cleanup);
    await page.keyboard.press('/');
    await waitForState(page, (s) => s.search.editing, 'the search box focused by /', 5000);  // keys before that frame go to the page
    await page.keyboard.type('台风');
    await waitForState(page, (s) => s.search.query === '台风' && !s.search.waiting && !s.frames.awake, 'results', 20000);
    let s;
    await openMenu(page, 'bookmarks', 'search_name');
    await clickControl(page, 'search_name');
    await page.keyboard.type('颱風 typhoons');
    await clickControl(page, 'save_search');
    s = await waitForState(page, (s) => s.saved_searches.length === 1, 'saved', 10000);
    assert(s.saved_searches[0].name === '颱風 typhoons', `name ${s.saved_searches[0].name}`);
    assert(s.saved_searches[0].view.includes('q=') && !s.saved_searches[0].view.includes('post='), `view ${s.saved_searches[0].view}`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, 'saved-searches.png') });
    await page.reload();
    s = await settle(page, 'reloaded');
    assert(s.saved_searches.length === 1, 'kept after a reload');
    // Open it from a view without the query.
    await page.evaluate(() => { location.hash = ''; });
    await waitForState(page, (s) => s.search.query === '' && !s.frames.awake, 'no query', 10000);
    await openMenu(page, 'bookmarks', 'saved_0');
    await clickControl(page, 'saved_0');
    s = await waitForState(page, (s) => s.search.query === '台风' && !s.search.waiting, 'the saved search opened', 10000);
    // In the bookmarks' JSON export, and back by import after deleting it.
    const exported = await download(page, 'bookmarks', 'export', 'bookmarks-with-searches.json');
    const json = JSON.parse(exported.text);
    assert(json.format === 'folio-marks' && json.searches.length === 1 && json.searches[0].name === '颱風 typhoons', exported.text);
    await openMenu(page, 'bookmarks', 'saved_0_delete');
    await clickControl(page, 'saved_0_delete');
    await waitForState(page, (s) => s.saved_searches.length === 0, 'deleted', 10000);
    await openMenu(page, 'bookmarks', 'import');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickControl(page, 'import')]);
    await chooser.setFiles(path.join(shots, 'bookmarks-with-searches.json'));
    s = await waitForState(page, (s) => s.saved_searches.length === 1 && /1 saved searches/.test(s.marks_message), 'imported', 10000);
    assert(s.saved_searches[0].name === '颱風 typhoons', 'imported name');
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  }],
]);
await browser.close();
