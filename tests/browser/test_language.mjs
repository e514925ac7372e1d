// Browser tests for the interface language and the phone layout:
//   node tests/browser/test_language.mjs <site-dir> [<screenshot-dir>]
// The language comes from the browser's languages (Playwright's locale sets navigator.languages),
// the toolbar's switch overrides it for the site and survives a reload, <html lang> follows it, and so
// do the offline control and its panel (folio-offline.js); on a 390x844 phone the list is cards and
// every top bar control is on screen.
import path from 'node:path';
import { serve, launch, state, waitForState, run, assert, siteTestArgs } from './lib.mjs';

const { site, shots } = siteTestArgs('test_language.mjs');
const browser = await launch();

// A fresh browser profile in `locale` with the demo open and its list drawn.
async function openIn(cleanup, locale, options = {}) {
  const ctx = await browser.newContext({ locale, viewport: { width: 1280, height: 800 }, serviceWorkers: 'block', ...options });
  cleanup.push(() => ctx.close());
  const server = await serve(site);
  cleanup.push(server.close);
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);
  // Everything in and the frames asleep: the controls' rects are where the last frame put them.
  await waitForState(page, (s) => s.load === 'ready' && s.rows.length > 3 && s.font_loaded && s.search.index === 'ready' &&
                                  !s.frames.awake, `the list in ${locale}`);
  return { ctx, page, errors, url: server.url };
}

async function clickControl(page, name) {
  const s = await waitForState(page, (s) => s.controls && s.controls[name] && !s.frames.awake, `the ${name} control`, 10000);
  const r = s.controls[name];
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.click(box.x + (r[0] + r[2]) / 2, box.y + (r[1] + r[3]) / 2);
}

const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);

// Every named control of the top bar and list header lies inside the viewport (w x h).
function assertInside(s, names, w, h) {
  for (const name of names) {
    const r = s.controls[name];
    assert(r, `no ${name} control drawn: ${Object.keys(s.controls).join(', ')}`);
    assert(r[0] >= 0 && r[1] >= 0 && r[2] <= w + 0.5 && r[3] <= h + 0.5, `${name} is outside the ${w}x${h} viewport: ${JSON.stringify(r)}`);
  }
}

// The list as cards: each row a card whose lines are its title (cut with "…" past two lines) and
// whose meta line is "date · source" (the date in the interface's form).
function assertCards(s, datePattern, atLeast) {
  assert(s.browse.layout.cards === true, `not cards: ${JSON.stringify(s.browse.layout)}`);
  assert(s.rows.length >= atLeast, `only ${s.rows.length} rows`);
  for (const row of s.rows) {
    assert(row.card, `row ${row.id} has no card`);
    const lines = row.card.lines;
    assert(lines.length >= 1 && lines.length <= 2, `${row.id}: ${lines.length} title lines`);
    const joined = lines.join('').replace(/\u2026$/, '');
    const squash = (t) => t.replace(/\s+/g, '');
    assert(squash(row.title).startsWith(squash(joined)), `${row.id}: lines ${JSON.stringify(lines)} are not the title ${row.title}`);
    assert(datePattern.test(row.card.meta), `${row.id}: meta ${row.card.meta}`);
    assert(row.y1 - row.y0 > 40, `${row.id}: a card ${row.y1 - row.y0} px tall`);
    assert(row.x0 >= 0 && row.x1 <= 390.5, `${row.id}: card ${row.x0}..${row.x1} wider than the phone`);
  }
  const withSource = s.rows.filter((r) => r.card.meta.includes(' \u00B7 '));
  assert(withSource.length > 0, 'no card shows a source');
}

const topBar = ['newest_first', 'theme', 'bookmarks', 'language', 'open_filters', 'count', 'sort', 'direction'];

await run([
  ...[['zh-CN', 'zh-Hans'], ['zh-TW', 'zh-Hant'], ['en-US', 'en']].map(([locale, code]) => [
    `the interface speaks ${code} for a browser in ${locale}, and <html lang> says so`, async (cleanup) => {
      const { page, errors } = await openIn(cleanup, locale);
      const s = await state(page);
      assert(s.ui_language === code, `${locale}: ui_language ${s.ui_language}`);
      assert(await htmlLang(page) === code, `${locale}: <html lang="${await htmlLang(page)}">`);
      assert(await page.evaluate(() => navigator.languages[0]) === locale, 'the locale did not reach navigator.languages');
      // The strings drawn use the site's fonts, not the replacement mark.
      const dc = await page.evaluate(() => window.folio.drawCheck('搜索搜尋篩選筛选鍵盤快速鍵键盘快捷键書籤书签'));
      assert(dc.missing && dc.missing.length === 0, `UI characters drawn as U+FFFD: ${JSON.stringify(dc)}`);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(shots, `ui-${code}-1280.png`) });
      assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    }]),
  ['the toolbar switch changes the language, stores it for the site and survives a reload', async (cleanup) => {
    const { ctx, page, url } = await openIn(cleanup, 'en-US');
    assert((await state(page)).ui_language === 'en', 'starts in English');
    await clickControl(page, 'language');
    await clickControl(page, 'language_zh-Hant');
    let s = await waitForState(page, (s) => s.ui_language === 'zh-Hant', 'Traditional Chinese after the switch', 5000);
    assert(await htmlLang(page) === 'zh-Hant', `<html lang="${await htmlLang(page)}"> after the switch`);
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('folio.language')).map((k) => [k, localStorage.getItem(k)]));
    assert(stored.length === 1 && stored[0][1] === 'zh-Hant', `stored: ${JSON.stringify(stored)}`);
    await page.reload();
    s = await waitForState(page, (s) => s.load === 'ready' && s.rows.length > 0, 'the list after a reload');
    assert(s.ui_language === 'zh-Hant', `after a reload: ${s.ui_language}`);
    assert(await htmlLang(page) === 'zh-Hant', 'html lang after a reload');
    // A second tab of the same profile: the stored choice wins over the browser's English.
    const other = await ctx.newPage();
    await other.goto(url);
    s = await waitForState(other, (s) => s.load === 'ready', 'a second tab');
    assert(s.ui_language === 'zh-Hant', `second tab: ${s.ui_language}`);
    // And back to English through the switch.
    await clickControl(other, 'language');
    await clickControl(other, 'language_en');
    await waitForState(other, (s) => s.ui_language === 'en', 'English again', 5000);
    assert(await htmlLang(other) === 'en', 'html lang back to en');
    // Keyboard shortcuts are the same in every language: j opens the next post.
    await clickControl(other, 'language');
    await clickControl(other, 'language_zh-Hans');
    await waitForState(other, (s) => s.ui_language === 'zh-Hans', 'Simplified Chinese', 5000);
    await other.keyboard.press('Escape');
    const before = (await state(other)).selected;
    await other.keyboard.press('j');
    await waitForState(other, (s) => s.selected && s.selected !== before, 'j in zh-Hans', 5000);
  }],
  ['the offline control and its panel speak the interface language, and follow a switch', async (cleanup) => {
    const { page, errors } = await openIn(cleanup, 'zh-CN', { serviceWorkers: 'allow' });
    await waitForState(page, (s) => s.offline === '离线', 'the offline button in zh-Hans', 10000);
    await clickControl(page, 'offline');
    const panel = page.locator('#offline');
    await panel.locator('h2', { hasText: '离线保存这个文章库' }).waitFor({ timeout: 5000 });
    await panel.locator('.size', { hasText: /^这个文章库共 .+：阅读器和 [\d,]+ 个数据文件。/ }).waitFor({ timeout: 5000 });
    assert(await panel.locator('button.close').textContent() === '关闭', 'the close button is not in Chinese');
    await page.screenshot({ path: path.join(shots, 'offline-panel-zh-Hans.png') });
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden', timeout: 5000 });
    await clickControl(page, 'language');
    await clickControl(page, 'language_en');
    await waitForState(page, (s) => s.ui_language === 'en' && s.offline === 'Offline', 'the offline button in English', 5000);
    await clickControl(page, 'offline');
    await panel.locator('h2', { hasText: 'Keep this archive offline' }).waitFor({ timeout: 5000 });
    await panel.locator('.status', { hasText: 'No offline copy.' }).waitFor({ timeout: 5000 });
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  }],
  ...[['en-US', 'en', /^\d{1,2} [A-Z][a-z]{2} \d{4}/], ['zh-CN', 'zh', /^\d{4}年\d{1,2}月\d{1,2}日/]].map(([locale, name, date]) => [
    `phone 390x844 in ${locale}: the list is cards, every top bar control is on screen`, async (cleanup) => {
      const { page, errors } = await openIn(cleanup, locale, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
      let s = await waitForState(page, (s) => s.browse.layout.narrow && s.rows.length > 3 && s.rows.every((r) => r.card), 'cards');
      assertCards(s, date, 5);
      assertInside(s, topBar, 390, 844);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(shots, `phone-cards-${name}.png`) });
      // A search: the hit count and the snippets fit too.
      await page.evaluate(() => window.folio.test.setQuery('台风'));
      s = await waitForState(page, (s) => s.search.active && !s.search.waiting && s.controls.hit_count && s.rows.length > 0 &&
                                          !s.frames.awake, 'search results', 10000);
      assertInside(s, [...topBar, 'hit_count'], 390, 844);
      assertCards(s, date, Math.min(s.search.total, 3));
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(shots, `phone-search-${name}.png`) });
      // The reader: its actions wrap, so "Open as page" is on screen.
      const row = s.rows[0];
      await page.touchscreen.tap(200, (row.y0 + row.y1) / 2);
      s = await waitForState(page, (s) => s.browse.layout.pane === 'reader' && s.reader && s.reader.loaded && s.controls.open_page &&
                                          !s.frames.awake, 'the reader', 5000);
      assertInside(s, ['star', 'previous', 'next', 'open_page', 'back'], 390, 844);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(shots, `phone-reader-${name}.png`) });
      assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    }]),
]);
await browser.close();
process.exit(process.exitCode);
