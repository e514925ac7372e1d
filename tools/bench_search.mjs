// Search benchmark: Folio's viewer search against FlexSearch and MiniSearch in one headless Chromium.
//
//   node tools/bench_search.mjs <site-dir> [--folio build/native-ci/src/tool/folio] [--queries FILE]
//        [--json OUT] [--seed N] [--peers flexsearch-cjk,flexsearch-forward,minisearch,minisearch-cjk]
//        [--build-seconds S] [--no-cli] [--label NAME]
//
// Peer `pagefind`: every post rendered as a simple HTML page (<h1>title</h1>, one <p> per line), indexed
// by the pagefind CLI (npm pagefind, its extended binary with CJK segmentation), timed; index bytes are
// the pagefind/ folder as written (its files are already compressed); queries through pagefind.js in
// the page, whose result ids are mapped back to posts through the fragment files.
//
// Ground truth comes from `folio dump` (title + "\n" + text of every post), independent of any engine:
//   truth  (as asked): a CJK term is a plain substring of the lowercased text; a Latin term matches
//          words it is a prefix of (case-insensitive); space-separated terms are ANDed.
//   folded (Folio's documented semantics): the same rules after folding text and query with the site's
//          own fold table (data/fold-*.bin: NFKC, case, width, traditional -> simplified). Folio should
//          match this exactly; a difference there is a bug. Differences from `truth` are the folding.
// Folio is driven through window.folio.test.setQuery() and window.folio.state(): state().search.ms is the engine's own
// search() time, wall is setQuery -> results visible in state(), polled once per animation frame
// (after the app's own frame callback), so it is quantized to frames. state() lists only the first
// 50 ids, so the full result set for recall/precision comes from `folio search --json` (the same core
// code, native); its total and first 50 ids are checked against the browser's.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve, launch, waitForState } from '../tests/browser/lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---- arguments --------------------------------------------------------------------------------
function parseArgs(argv) {
  const a = { folio: 'build/native-ci/src/tool/folio', seed: 1, cli: true,
              peers: 'flexsearch-cjk,flexsearch-forward,minisearch,minisearch-cjk' };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const val = () => { if (i + 1 >= argv.length) usage(`${k} needs a value`); return argv[++i]; };
    if (k === '--folio') a.folio = val();
    else if (k === '--queries') a.queries = val();
    else if (k === '--json') a.json = val();
    else if (k === '--seed') a.seed = Number(val());
    else if (k === '--peers') a.peers = val();
    else if (k === '--build-seconds') a.buildSeconds = Number(val());
    else if (k === '--label') a.label = val();
    else if (k === '--no-cli') a.cli = false;
    else if (k === '-h' || k === '--help') usage();
    else if (k.startsWith('--')) usage(`unknown option ${k}`);
    else rest.push(k);
  }
  if (rest.length !== 1) usage();
  a.site = rest[0];
  a.peers = a.peers ? a.peers.split(',').filter(Boolean) : [];
  return a;
}
function usage(msg) {
  if (msg) console.error(`bench_search: ${msg}`);
  console.error('usage: node tools/bench_search.mjs <site-dir> [--folio BIN] [--queries FILE] [--json OUT] ' +
                '[--seed N] [--peers LIST] [--build-seconds S] [--no-cli] [--label NAME]');
  process.exit(2);
}
const args = parseArgs(process.argv.slice(2));
const manifestPath = path.join(args.site, 'data/manifest.json');
if (!fs.existsSync(manifestPath)) usage(`${args.site} is not a site built by folio build`);
const log = (...m) => console.error('[bench]', ...m);

// ---- Folio's character classes and fold table (ported from src/core/src/search_fold.cpp) ------
const inR = (cp, a, b) => cp >= a && cp <= b;
function isSearchCjk(cp) {
  return inR(cp, 0x3005, 0x3007) || inR(cp, 0x3021, 0x3029) || inR(cp, 0x3031, 0x3035) ||
         inR(cp, 0x3041, 0x309F) || inR(cp, 0x30A1, 0x30FA) || inR(cp, 0x30FC, 0x30FF) ||
         inR(cp, 0x1100, 0x11FF) || inR(cp, 0x3130, 0x318F) || inR(cp, 0x31F0, 0x31FF) ||
         inR(cp, 0x3400, 0x4DBF) || inR(cp, 0x4E00, 0x9FFF) || inR(cp, 0xA960, 0xA97F) ||
         inR(cp, 0xAC00, 0xD7A3) || inR(cp, 0xD7B0, 0xD7FF) || inR(cp, 0xF900, 0xFAFF) ||
         inR(cp, 0xFF66, 0xFF9F) || inR(cp, 0xFFA0, 0xFFDC) || inR(cp, 0x20000, 0x3FFFD);
}
function isWordChar(cp) {
  if (cp < 0x80) return inR(cp, 48, 57) || inR(cp, 97, 122) || inR(cp, 65, 90);
  if (isSearchCjk(cp)) return false;
  return !(inR(cp, 0x80, 0xBF) || cp === 0xD7 || cp === 0xF7 || inR(cp, 0x2000, 0x2BFF) ||
           inR(cp, 0x2E00, 0x2E7F) || inR(cp, 0x3000, 0x303F) || cp === 0x30FB ||
           inR(cp, 0xD800, 0xF8FF) || inR(cp, 0xFE00, 0xFE6F) || inR(cp, 0xFF00, 0xFF65) ||
           inR(cp, 0xFFE0, 0xFFFF) || inR(cp, 0x1F000, 0x1FAFF) || inR(cp, 0xE0000, 0x10FFFF) ||
           inR(cp, 0x2E80, 0x2FFF));
}

// data/fold-*.bin: "FFLD", varint version (1), varint count, per entry varint cp delta, varint length,
// varint code points; then an 8-byte FNV-1a of everything before (not checked here: folio checks it).
function decodeFoldTable(buf) {
  if (buf.subarray(0, 4).toString('latin1') !== 'FFLD') throw new Error('not a fold table');
  let pos = 4;
  const end = buf.length - 8;
  const varint = () => {
    let v = 0, mul = 1;
    for (;;) {
      if (pos >= end) throw new Error('fold table truncated');
      const b = buf[pos++];
      v += (b & 0x7f) * mul;
      if (!(b & 0x80)) return v;
      mul *= 128;
    }
  };
  if (varint() !== 1) throw new Error('fold table version is not 1');
  const count = varint();
  const map = new Map();
  let cp = 0;
  for (let i = 0; i < count; i++) {
    cp += varint();
    const n = varint();
    const out = [];
    for (let k = 0; k < n; k++) out.push(varint());
    map.set(cp, String.fromCodePoint(...out));
  }
  return map;
}
function makeFolder(map) {
  const bmp = new Array(0x10000);
  for (const [cp, s] of map) if (cp < 0x10000) bmp[cp] = s;
  for (let c = 65; c <= 90; c++) if (bmp[c] === undefined) bmp[c] = String.fromCharCode(c + 32);
  return (text) => {
    const parts = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const u = text.charCodeAt(i);
      if (u >= 0xD800 && u <= 0xDBFF && i + 1 < text.length) {  // astral: look up the code point
        const cp = text.codePointAt(i);
        const f = map.get(cp);
        if (f !== undefined) { parts.push(text.slice(start, i), f); start = i + 2; }
        i++;
        continue;
      }
      const f = bmp[u];
      if (f !== undefined) { parts.push(text.slice(start, i), f); start = i + 1; }
    }
    if (start === 0) return text;
    parts.push(text.slice(start));
    return parts.join('');
  };
}

// ---- ground truth -----------------------------------------------------------------------------
function codePointBefore(s, i) {
  if (i <= 0) return -1;
  const u = s.charCodeAt(i - 1);
  if (u >= 0xDC00 && u <= 0xDFFF && i >= 2) return s.codePointAt(i - 2);
  return u;
}
// What kind of term this is: 'cjk' (all CJK), 'word' (all word chars) or 'mixed' (truth approximated
// by a plain substring; Folio matches such chunks as phrases).
function termKind(t) {
  const cps = [...t].map((c) => c.codePointAt(0));
  if (cps.every(isSearchCjk)) return 'cjk';
  if (cps.every(isWordChar)) return 'word';
  return 'mixed';
}
function hasTerm(hay, term, kind) {
  if (kind !== 'word') return hay.includes(term);
  for (let i = hay.indexOf(term); i >= 0; i = hay.indexOf(term, i + 1))
    if (!isWordChar(codePointBefore(hay, i))) return true;
  return false;
}
function truthSet(hays, terms) {
  const kinds = terms.map(termKind);
  const out = new Set();
  for (let d = 0; d < hays.length; d++) if (terms.every((t, k) => hasTerm(hays[d], t, kinds[k]))) out.add(d);
  return out;
}

// Deterministic PRNG (mulberry32) for the generated queries.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIXED_QUERIES = [
  // common words and recurring names
  '中国', '香港', '美国', '疫情', '台湾', '政府', '联合国', '习近平', '新冠疫情', '疫苗援助',
  // single characters
  '国', '疫',
  // Latin words (word-prefix)
  'covid', 'trump', 'china', 'hong', 'biden', 'vaccine',
  // two-term queries (AND)
  '香港 示威', '疫苗 美国', '中国 covid', '联合国 人权', '习近平 讲话', 'hong kong',
];
const RANDOM_QUERIES = 16;

// 2-4 character substrings cut from random posts (Han characters that fold to themselves, i.e.
// simplified or shared forms), so they cross word boundaries the way typed fragments do.
function randomQueries(posts, fold, n, seed, taken) {
  const rand = rng(seed);
  const out = [];
  const isSimpleHan = (c) => { const cp = c.codePointAt(0); return inR(cp, 0x4E00, 0x9FFF) && fold(c) === c; };
  for (let tries = 0; out.length < n && tries < 100000; tries++) {
    const p = posts[Math.floor(rand() * posts.length)];
    const s = [...(p.title + '\n' + p.text)];
    if (s.length < 8) continue;
    const len = 2 + Math.floor(rand() * 3);
    const at = Math.floor(rand() * (s.length - len));
    const q = s.slice(at, at + len);
    if (!q.every(isSimpleHan)) continue;
    const str = q.join('');
    if (taken.has(str)) continue;
    taken.add(str);
    out.push(str);
  }
  return out;
}

// ---- stats ------------------------------------------------------------------------------------
const sorted = (xs) => [...xs].sort((a, b) => a - b);
function quantile(xs, q) {  // nearest-rank
  const s = sorted(xs.filter((x) => Number.isFinite(x)));
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const mean = (xs) => { const v = xs.filter((x) => Number.isFinite(x)); return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN; };
const min = (xs) => { const v = xs.filter((x) => Number.isFinite(x)); return v.length ? Math.min(...v) : NaN; };
function scoreSets(got, truth) {  // got: array of doc numbers
  let hit = 0;
  for (const d of got) if (truth.has(d)) hit++;
  return { recall: truth.size ? hit / truth.size : NaN, precision: got.length ? hit / got.length : (truth.size ? NaN : 1) };
}
const fmtBytes = (b) => (b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(1)} MiB` : b >= 1024 ? `${(b / 1024).toFixed(1)} KiB` : `${b} B`);
const fmtMs = (x) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) : '-');
const fmtR = (x) => (Number.isFinite(x) ? x.toFixed(3) : '-');
function table(header, rows) {
  const w = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(String(r[i])))));
  const line = (cells) => '| ' + cells.map((c, i) => pad(String(c), w[i])).join(' | ') + ' |';
  return [line(header), '|' + w.map((n) => '-'.repeat(n + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}
function width(s) {  // terminal columns: CJK and full-width count 2
  let n = 0;
  for (const c of s) { const cp = c.codePointAt(0); n += (isSearchCjk(cp) || inR(cp, 0x3000, 0x303F) || inR(cp, 0xFF00, 0xFF60)) ? 2 : 1; }
  return n;
}
const pad = (s, n) => s + ' '.repeat(Math.max(0, n - width(s)));

// ---- main -------------------------------------------------------------------------------------
const t00 = Date.now();
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
if (!manifest.search || !manifest.search.l) throw new Error('this site has no search index');

// Index bytes as served: its list, fold table + every segment's docs buffer and shards (stored gzipped).
const readSite = (f) => { const b = fs.readFileSync(path.join(args.site, f)); return f.endsWith('.gz') ? zlib.gunzipSync(b) : b; };
const searchList = JSON.parse(readSite(manifest.search.l.f).toString('utf8'));
const indexFiles = [manifest.search.l.f, searchList.t.f, ...searchList.g.flatMap((g) => [g.d.f, ...g.s.map((s) => s.f)])];
let rawBytes = 0, gzBytes = 0;
for (const f of indexFiles) {
  const b = readSite(f);
  rawBytes += b.length;
  gzBytes += f.endsWith('.gz') ? fs.statSync(path.join(args.site, f)).size : zlib.gzipSync(b, { level: 6 }).length;
}
const fold = makeFolder(decodeFoldTable(readSite(searchList.t.f)));
log(`index: ${indexFiles.length} files, ${fmtBytes(rawBytes)} raw, ${fmtBytes(gzBytes)} gzip -6`);

log('folio dump ...');
const dump = execFileSync(args.folio, ['dump', args.site], { maxBuffer: 1 << 30 });
const posts = dump.toString('utf8').split('\n').filter(Boolean).map((l) => { const p = JSON.parse(l); return { id: p.id, title: p.title, text: p.text }; });
const idToDoc = new Map(posts.map((p, i) => [p.id, i]));
const textBytes = posts.reduce((n, p) => n + Buffer.byteLength(p.title) + 1 + Buffer.byteLength(p.text), 0);
log(`${posts.length} posts, ${fmtBytes(textBytes)} of title+text`);
const haysPlain = posts.map((p) => (p.title + '\n' + p.text).toLowerCase());
const haysFolded = posts.map((p) => fold(p.title + '\n' + p.text));

let queries;
if (args.queries) {
  queries = fs.readFileSync(args.queries, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
} else {
  const taken = new Set(FIXED_QUERIES);
  queries = [...FIXED_QUERIES, ...randomQueries(posts, fold, RANDOM_QUERIES, args.seed, taken)];
}
const termsOf = (q) => q.split(/\s+/).filter(Boolean);
const Q = queries.map((q) => {
  const plainTerms = termsOf(q.toLowerCase());
  const foldTerms = termsOf(fold(q));
  return {
    q, approx: plainTerms.some((t) => termKind(t) === 'mixed'),
    truth: truthSet(haysPlain, plainTerms),
    folded: truthSet(haysFolded, foldTerms),
  };
});
log(`${Q.length} queries, truth computed (${((Date.now() - t00) / 1000).toFixed(1)} s so far)`);

// Full result sets from the native CLI (same core search code as the viewer).
if (args.cli) {
  for (const x of Q) {
    const out = execFileSync(args.folio, ['search', args.site, x.q, '--json', '--limit', String(posts.length + 1)],
                             { maxBuffer: 1 << 30 });
    const r = JSON.parse(out.toString('utf8'));
    x.cli = { total: r.total, ids: r.hits.map((h) => h.id) };
  }
  log('folio search (native) done for every query');
}

// ---- Pagefind: a static HTML site of the same posts, indexed by its CLI -----------------------
const escapeHtml = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
async function runPagefind(browser, entry) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bench-pagefind-'));
  try {
    for (let i = 0; i < posts.length; i++) {
      const p = posts[i];
      const sub = path.join(dir, 'p', String(Math.floor(i / 1000)));
      if (i % 1000 === 0) fs.mkdirSync(sub, { recursive: true });
      const body = p.text.split('\n').filter((l) => l.trim()).map((l) => `<p>${escapeHtml(l)}</p>`).join('\n');
      fs.writeFileSync(path.join(sub, `${i}.html`), `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>${escapeHtml(p.title)}</title></head>` +
                       `<body><main><h1>${escapeHtml(p.title)}</h1>\n${body}</main></body></html>\n`);
    }
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="zh"><meta charset="utf-8"><title>bench</title><body data-pagefind-ignore="all"></body></html>');
    const bin = path.join(ROOT, 'node_modules/@pagefind/linux-x64/bin/pagefind_extended');
    const t0 = Date.now();
    execFileSync(bin, ['--site', dir, '--force-language', 'zh', '--silent'], { stdio: 'inherit', maxBuffer: 1 << 26 });
    entry.build_ms = Date.now() - t0;
    entry.build_note = 'pagefind CLI on the HTML pages (wall)';
    let bytes = 0, files = 0;
    const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const f = path.join(d, e.name); if (e.isDirectory()) walk(f); else { bytes += fs.statSync(f).size; files++; } } };
    walk(path.join(dir, 'pagefind'));
    entry.index_raw = bytes;
    entry.index_gzip = bytes;
    entry.index_files = files;
    entry.index_note = 'the pagefind/ folder as written (already compressed)';
    // Result id -> post, from the fragments (gzip of "pagefind_dcd" + JSON with the page URL).
    const fragDir = path.join(dir, 'pagefind/fragment');
    const idToPost = new Map();
    for (const f of fs.readdirSync(fragDir)) {
      const raw = zlib.gunzipSync(fs.readFileSync(path.join(fragDir, f))).toString('utf8');
      const json = JSON.parse(raw.slice(raw.indexOf('{')));
      const m = /\/p\/\d+\/(\d+)\.html$/.exec(json.url);
      if (m) idToPost.set(f.replace(/\.pf_fragment$/, ''), Number(m[1]));
    }
    log(`pagefind: indexed ${idToPost.size} pages in ${entry.build_ms} ms, ${fmtBytes(bytes)} in ${files} files`);
    const server = await serve(dir);
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      entry.load_ms = await page.evaluate(async () => {
        const t = performance.now();
        window.PF = await import('/pagefind/pagefind.js');
        await window.PF.init();
        return performance.now() - t;
      });
      const passes = {};
      for (const pass of ['cold', 'warm']) {
        passes[pass] = [];
        for (const x of Q) {
          passes[pass].push(await page.evaluate(async (q) => {
            const t = performance.now();
            const r = await window.PF.search(q);
            return { ms: performance.now() - t, ids: r.results.map((h) => h.id) };
          }, x.q));
        }
      }
      entry.per_query = Q.map((x, i) => {
        const w = passes.warm[i];
        const docs = w.ids.map((id) => idToPost.get(id)).filter((d) => d !== undefined);
        return { total: w.ids.length, ms: w.ms, ms_cold: passes.cold[i].ms, wall: w.ms, wall_cold: passes.cold[i].ms, ...scoreSets(docs, x.truth) };
      });
    } finally {
      await page.close().catch(() => {});
      await context.close().catch(() => {});
      await server.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const browser = await launch();
const results = { site: path.resolve(args.site), label: args.label || path.basename(path.resolve(args.site)),
                  posts: posts.length, text_bytes: textBytes, seed: args.seed, engines: {}, queries: [] };
try {
  // ---- Folio in its own viewer --------------------------------------------------------------
  {
    const server = await serve(args.site);
    // No service worker: its offline copy of the whole site would run during the measurements
    // (bench_app measures that copy on its own).
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const tLoad = Date.now();
    await page.goto(server.url);
    const ready = await waitForState(page, (s) => (s.load === 'ready' && s.search.index === 'ready') || s.load === 'error' || s.search.index === 'error',
                                     'the viewer and its search index', 600000);
    if (ready.load !== 'ready' || ready.search.index !== 'ready') throw new Error(`viewer failed: ${JSON.stringify(ready).slice(0, 400)}`);
    const loadMs = Date.now() - tLoad;
    log(`folio viewer ready with search index in ${loadMs} ms`);
    // The viewer's frame interval while idle: wall times cannot be shorter than about one frame.
    const frameMs = await page.evaluate(async () => {
      const ts = [];
      for (let i = 0; i < 41; i++) ts.push(await new Promise((r) => requestAnimationFrame(r)));
      const d = ts.slice(1).map((t, i) => t - ts[i]).sort((a, b) => a - b);
      return d[Math.floor(d.length / 2)];
    });
    log(`viewer frame interval (median of 40 idle frames): ${frameMs.toFixed(1)} ms`);
    const runQuery = (q) => page.evaluate(async ({ q, timeoutMs }) => {
      const f = window.folio;
      // One animation frame, then a task: runs after the app's own frame callback.
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const until = async (pred, what) => {
        const t = performance.now();
        for (;;) {
          const s = f.state();
          if (pred(s)) return s;
          if (performance.now() - t > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s.search)}`);
          await frame();
        }
      };
      // A fresh change each time: clear, let the reader finish loading the post the last query
      // selected (so its body parse does not land inside the next measurement), settle two frames.
      f.test.setQuery('');
      await until((s) => s.search.query === '' && !s.search.active && (!s.reader || s.reader.loaded || s.reader.error), 'the cleared query');
      await frame(); await frame();
      const t0 = performance.now();
      f.test.setQuery(q);
      let frames = 0, s;
      for (;;) {
        await frame();
        frames++;
        s = f.state();
        if (s.search.query === q && !s.search.waiting) break;
        if (performance.now() - t0 > timeoutMs) return { timeout: true, search: s.search };
      }
      const wall = performance.now() - t0;
      return { wall, frames, ms: s.search.ms, total: s.search.total, results: s.search.results, error: s.search.error };
    }, { q, timeoutMs: 120000 });
    const passes = { cold: [], warm: [] };
    for (const pass of ['cold', 'warm']) {
      for (const x of Q) {
        const r = await runQuery(x.q);
        if (r.timeout) throw new Error(`folio: query ${x.q} timed out: ${JSON.stringify(r.search)}`);
        if (r.error) throw new Error(`folio: query ${x.q} failed: ${r.error}`);
        passes[pass].push(r);
      }
      log(`folio ${pass} pass done`);
    }
    const perQuery = Q.map((x, i) => {
      const c = passes.cold[i], w = passes.warm[i];
      const first50 = w.results.map((id) => idToDoc.get(id));
      const o = {
        total: w.total, cold_total: c.total, ms_cold: c.ms, ms: w.ms, wall_cold: c.wall, wall: w.wall, frames_cold: c.frames, frames: w.frames,
        first50_not_in_truth: first50.filter((d) => !x.truth.has(d)).length,
        first50_not_in_folded: first50.filter((d) => !x.folded.has(d)).map((d) => posts[d]?.id ?? '?'),
      };
      if (x.cli) {
        const all = x.cli.ids.map((id) => idToDoc.get(id));
        o.cli_total = x.cli.total;
        o.cli_matches_browser = x.cli.total === w.total && x.cli.ids.slice(0, 50).join() === w.results.join();
        Object.assign(o, scoreSets(all, x.truth));
        const f = scoreSets(all, x.folded);
        o.recall_folded = f.recall; o.precision_folded = f.precision;
        const got = new Set(all);
        o.missed_folded = [...x.folded].filter((d) => !got.has(d)).slice(0, 10).map((d) => posts[d].id);
        o.extra_folded = all.filter((d) => !x.folded.has(d)).slice(0, 10).map((d) => posts[d].id);
      } else {
        // Only the first 50 ids are visible: estimate from the total and the first 50.
        const p50 = first50.length ? (first50.length - o.first50_not_in_truth) / first50.length : (x.truth.size ? NaN : 1);
        o.precision = p50;
        o.recall = x.truth.size ? Math.min(1, (w.total * (Number.isFinite(p50) ? p50 : 0)) / x.truth.size) : NaN;
      }
      return o;
    });
    results.engines.folio = {
      name: 'folio', config: 'Folio viewer (wasm), window.folio.test.setQuery; full sets from folio search',
      index_raw: rawBytes, index_gzip: gzBytes, index_files: indexFiles.length,
      build_ms: Number.isFinite(args.buildSeconds) ? args.buildSeconds * 1000 : NaN, build_note: 'native folio build of the whole site',
      load_ms: loadMs, frame_ms: frameMs, per_query: perQuery, page_errors: errors,
    };
    await page.close();
    await context.close();
    await server.close();
  }

  // ---- peers, in a blank page on 127.0.0.1 ---------------------------------------------------
  const docsJson = JSON.stringify(posts.map((p, i) => ({ i, title: p.title, text: p.text })));
  const PEERS = {
    'flexsearch-cjk': {
      script: '/flexsearch/dist/flexsearch.bundle.min.js',
      config: 'FlexSearch 0.8 Index({encoder: Charset.CJK, tokenize: "strict"}) on title+"\\n"+text, search(q, {limit: all})',
    },
    'flexsearch-forward': {
      script: '/flexsearch/dist/flexsearch.bundle.min.js',
      config: 'FlexSearch 0.8 Index({tokenize: "forward"}) (default encoder) on title+"\\n"+text, search(q, {limit: all})',
    },
    minisearch: {
      script: '/minisearch/dist/umd/index.js',
      config: 'MiniSearch 7 default tokenizer, fields [title, text], search(q, {prefix: true, combineWith: "AND"})',
    },
    pagefind: {
    config: 'Pagefind 1.6 (pagefind_extended CLI, --force-language zh) on one HTML page per post, pagefind.search(q) in the page',
  },
  'minisearch-cjk': {
      script: '/minisearch/dist/umd/index.js',
      config: 'MiniSearch 7, tokenize: one token per CJK character + Latin/number words, fields [title, text], ' +
              'search(q, {prefix: true, combineWith: "AND"}) (characters ANDed, not adjacent)',
    },
  };
  const blank = '<!doctype html><meta charset="utf-8"><title>bench</title><body></body>';
  for (const name of args.peers) {
    const peer = PEERS[name];
    if (!peer) throw new Error(`unknown peer ${name} (known: ${Object.keys(PEERS).join(', ')})`);
    if (name === 'pagefind') {
      const entry = { name, config: peer.config };
      results.engines[name] = entry;
      try {
        await runPagefind(browser, entry);
      } catch (e) {
        entry.error = String(e && e.message || e).slice(0, 300);
        log(`${name} failed: ${entry.error}`);
      }
      continue;
    }
    const server = await serve(path.join(ROOT, 'node_modules'), { '/index.html': blank, '/docs.json': docsJson });
    const context = await browser.newContext();
    const page = await context.newPage();
    const entry = { name, config: peer.config };
    results.engines[name] = entry;
    try {
      await page.goto(server.url);
      await page.addScriptTag({ url: peer.script });
      await page.evaluate(async () => { window.DOCS = await (await fetch('/docs.json')).json(); });
      const built = await page.evaluate(async (name) => {
        const docs = window.DOCS;
        const t0 = performance.now();
        let search;
        if (name.startsWith('flexsearch')) {
          const { Index, Charset } = window.FlexSearch;
          const idx = name === 'flexsearch-cjk' ? new Index({ encoder: Charset.CJK, tokenize: 'strict' })
                                                : new Index({ tokenize: 'forward' });
          for (const d of docs) idx.add(d.i, d.title + '\n' + d.text);
          window.IDX = idx;
          search = (q) => idx.search(q, { limit: docs.length + 1 });
        } else {
          const cjk = /[\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff\u1100-\u11ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\u{20000}-\u{3fffd}]/u;
          const opts = { fields: ['title', 'text'], idField: 'i', searchOptions: { prefix: true, combineWith: 'AND' } };
          if (name === 'minisearch-cjk') {
            opts.tokenize = (text) => {
              const out = [];
              for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
                const w = m[0];
                if (!cjk.test(w)) { out.push(w); continue; }
                let latin = '';
                for (const c of w) {
                  if (cjk.test(c)) { if (latin) { out.push(latin); latin = ''; } out.push(c); } else latin += c;
                }
                if (latin) out.push(latin);
              }
              return out;
            };
          }
          const ms = new window.MiniSearch(opts);
          ms.addAll(docs);
          window.IDX = ms;
          search = (q) => ms.search(q).map((r) => r.id);
        }
        const buildMs = performance.now() - t0;
        window.SEARCH = search;
        const heap = performance.memory ? performance.memory.usedJSHeapSize : null;
        return { buildMs, heap };
      }, name);
      entry.build_ms = built.buildMs;
      entry.heap_after_build = built.heap;
      log(`${name}: built in ${built.buildMs.toFixed(0)} ms`);
      const passes = {};
      for (const pass of ['cold', 'warm']) {
        passes[pass] = await page.evaluate((qs) => qs.map((q) => {
          const t0 = performance.now();
          const ids = window.SEARCH(q);
          return { ms: performance.now() - t0, ids };
        }), Q.map((x) => x.q));
      }
      entry.per_query = Q.map((x, i) => {
        const w = passes.warm[i];
        return { total: w.ids.length, ms: w.ms, ms_cold: passes.cold[i].ms, wall: w.ms, wall_cold: passes.cold[i].ms,
                 ...scoreSets(w.ids, x.truth) };
      });
      // Serialized index size (what a static site would ship): export / JSON, gzip in the page.
      const size = await page.evaluate(async (name) => {
        // Streamed through gzip part by part, so the serialized form is never held whole.
        const enc = new TextEncoder();
        const cs = new CompressionStream('gzip');
        const writer = cs.writable.getWriter();
        const counting = (async () => { let n = 0; const r = cs.readable.getReader(); for (;;) { const { done, value } = await r.read(); if (done) return n; n += value.length; } })();
        let raw = 0;
        const put = async (str) => { const b = enc.encode(str); raw += b.length; await writer.write(b); };
        if (name.startsWith('flexsearch')) await window.IDX.export((key, data) => put(String(key) + (typeof data === 'string' ? data : JSON.stringify(data))));
        else await put(JSON.stringify(window.IDX));
        await writer.close();
        return { raw, gzip: await counting };
      }, name);
      entry.index_raw = size.raw;
      entry.index_gzip = size.gzip;
      entry.index_note = 'serialized (export / JSON.stringify), gzip = CompressionStream (zlib default level)';
    } catch (e) {
      entry.error = String(e && e.message || e).slice(0, 300);
      log(`${name} failed: ${entry.error}`);
    }
    await page.close().catch(() => {});
    await context.close().catch(() => {});
    await server.close();
  }
} finally {
  await browser.close();
}

// ---- report -----------------------------------------------------------------------------------
const haveTruth = Q.map((x) => x.truth.size > 0);
function summary(e) {
  if (!e.per_query) return null;
  const pq = e.per_query;
  const rec = pq.map((r, i) => (haveTruth[i] ? r.recall : NaN));
  return {
    median_ms: quantile(pq.map((r) => r.ms), 0.5), p95_ms: quantile(pq.map((r) => r.ms), 0.95),
    wall_median_ms: quantile(pq.map((r) => r.wall), 0.5), wall_p95_ms: quantile(pq.map((r) => r.wall), 0.95),
    cold_p95_ms: quantile(pq.map((r) => r.wall_cold), 0.95),
    mean_recall: mean(rec), min_recall: min(rec), mean_precision: mean(pq.map((r) => r.precision)),
  };
}
for (const e of Object.values(results.engines)) e.summary = summary(e);
results.queries = Q.map((x) => ({ q: x.q, truth: x.truth.size, folded_truth: x.folded.size, approx_truth: x.approx }));

const out = [];
const ttl = `Search benchmark: ${results.label} (${results.posts} posts, ${fmtBytes(textBytes)} title+text, ${Q.length} queries, seed ${args.seed})`;
out.push(ttl, '='.repeat(Math.min(100, width(ttl))));
const rows = [];
for (const e of Object.values(results.engines)) {
  const s = e.summary;
  const idx = e.index_raw ? `${fmtBytes(e.index_raw)} / ${fmtBytes(e.index_gzip)}` : '-';
  const build = e.name === 'folio'
    ? `${Number.isFinite(e.build_ms) ? (e.build_ms / 1000).toFixed(1) + ' s native site build; ' : ''}page+index ready ${(e.load_ms / 1000).toFixed(1)} s`
    : (Number.isFinite(e.build_ms) ? `${(e.build_ms / 1000).toFixed(1)} s ${e.name === 'pagefind' ? 'CLI' : 'in page'}` : '-');
  if (!s) { rows.push([e.name, idx, build, 'failed: ' + (e.error || '?'), '', '', '', '', '', '', '']); continue; }
  rows.push([e.name, idx, build, fmtMs(s.median_ms), fmtMs(s.p95_ms), fmtMs(s.wall_median_ms), fmtMs(s.wall_p95_ms),
             fmtMs(s.cold_p95_ms), fmtR(s.mean_recall), fmtR(s.min_recall), fmtR(s.mean_precision)]);
}
out.push(table(['engine', 'index raw / gzip', 'build', 'query med ms', 'p95 ms', 'wall med', 'wall p95', 'cold p95', 'mean recall', 'min recall', 'mean prec'], rows));
out.push('query ms = the engine\'s search call, warm pass (folio: state().search.ms); wall = folio setQuery -> results in state(),');
out.push('polled per animation frame (peers: same as query ms); cold = first run of each query (folio: shards fetched then).');
out.push(`Page timers are coarsened by Chromium to 0.1 ms. The idle viewer drew a frame every ${fmtMs(results.engines.folio.frame_ms)} ms (median) here`);
out.push('(headless Chromium, software WebGL), so a folio wall time of about one frame means "results on the next frame".');
out.push('recall/precision against the plain-substring truth; folio sets from `folio search --json` (same core code).');
for (const e of Object.values(results.engines)) out.push(`  ${e.name}: ${e.config}${e.error ? ' -- FAILED: ' + e.error : ''}`);
out.push('');

const f = results.engines.folio;
const pqRows = Q.map((x, i) => {
  const r = f.per_query[i];
  return [i + 1, x.q + (x.approx ? ' (~)' : ''), x.truth.size, x.folded.size, r.total, fmtR(r.recall), fmtR(r.precision), fmtR(r.recall_folded),
          fmtMs(r.ms), fmtMs(r.ms_cold), fmtMs(r.wall), fmtMs(r.wall_cold), r.cli_matches_browser === undefined ? '-' : r.cli_matches_browser ? 'ok' : 'DIFF'];
});
out.push(table(['#', 'query', 'truth', 'folded', 'folio total', 'recall', 'prec', 'recall(folded)', 'ms', 'ms cold', 'wall', 'wall cold', 'cli=web'], pqRows));
out.push('truth = plain substring / word prefix; folded = same after the site\'s fold table (traditional->simplified etc.), what Folio promises.');
out.push('');
const peerNames = Object.keys(results.engines).filter((n) => n !== 'folio' && results.engines[n].per_query);
if (peerNames.length) {
  const prow = Q.map((x, i) => [i + 1, x.q, x.truth.size, ...peerNames.flatMap((n) => {
    const r = results.engines[n].per_query[i];
    return [`${r.total}`, `${fmtR(r.recall)}/${fmtR(r.precision)}`, fmtMs(r.ms)];
  })]);
  out.push(table(['#', 'query', 'truth', ...peerNames.flatMap((n) => [`${n} hits`, 'R/P', 'ms'])], prow));
  out.push('');
}
// Anything that looks like a Folio bug: a difference from its own documented (folded) semantics.
const bugs = [];
Q.forEach((x, i) => {
  const r = f.per_query[i];
  if (r.cli_matches_browser === false) bugs.push(`query ${x.q}: browser total ${r.total} vs folio search ${r.cli_total} (or first 50 differ)`);
  if (r.first50_not_in_folded.length) bugs.push(`query ${x.q}: ${r.first50_not_in_folded.length} of the first 50 do not match: ${r.first50_not_in_folded.slice(0, 5).join(', ')}`);
  if (!x.approx && r.missed_folded && r.missed_folded.length) bugs.push(`query ${x.q}: misses ${x.folded.size - Math.round(r.recall_folded * x.folded.size)} posts, e.g. ${r.missed_folded.slice(0, 5).join(', ')}`);
  if (!x.approx && r.extra_folded && r.extra_folded.length) bugs.push(`query ${x.q}: finds posts that do not match, e.g. ${r.extra_folded.slice(0, 5).join(', ')}`);
  if (!x.approx && r.total !== x.folded.size) bugs.push(`query ${x.q}: total ${r.total}, but ${x.folded.size} posts match`);
  if (r.total !== r.cold_total) bugs.push(`query ${x.q}: cold total ${r.cold_total} != warm total ${r.total}`);
});
if (f.page_errors.length) bugs.push(`page errors: ${f.page_errors.slice(0, 3).join(' | ')}`);
out.push(bugs.length ? ['FOLIO MISMATCHES (against its own folded semantics):', ...bugs.map((b) => '  ' + b)].join('\n')
                     : args.cli ? 'Folio matched the folded truth exactly on every query (full sets via folio search; browser totals and first 50 agree).'
                                : 'Folio totals equal the folded truth and every one of the first 50 ids matches (no full sets: --no-cli).');
out.push(`(benchmark took ${((Date.now() - t00) / 1000).toFixed(0)} s)`);
results.folio_mismatches = bugs;
console.log(out.join('\n'));
if (args.json) {
  fs.mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
  fs.writeFileSync(args.json, JSON.stringify(results, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  console.log(`wrote ${args.json}`);
}
