// Prints the benchmark table (Markdown) from tools/bench.sh's result folders, one column per archive.
//   node tools/bench_report.mjs build/bench/results/<archive>...
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';

const dirs = process.argv.slice(2);
if (!dirs.length) { console.error('usage: node tools/bench_report.mjs RESULT_DIR...'); process.exit(2); }
const read = (d, f) => { try { return JSON.parse(fs.readFileSync(path.join(d, f), 'utf8')); } catch { return null; } };
const runs = dirs.map((d) => ({ label: path.basename(d), build: read(d, 'build.json'), bytes: read(d, 'bytes.json'),
                                inc: read(d, 'incremental.json'), app: read(d, 'app.json'), search: read(d, 'search.json') }));

const q = (xs, p) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN; };
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '-');
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');
const f3 = (x) => (Number.isFinite(x) ? x.toFixed(3) : '-');
const mib = (b) => (Number.isFinite(b) ? `${(b / 1048576).toFixed(1)} MiB` : '-');
const pct = (a, b) => (Number.isFinite(a) && b ? `${((100 * a) / b).toFixed(1)}%` : '-');
const fps = (ms) => (Number.isFinite(ms) && ms > 0 ? `${(1000 / ms).toFixed(0)} fps` : '-');

function engine(r, name) {
  const e = r.search && r.search.engines && r.search.engines[name];
  if (!e) return null;
  if (!e.per_query) return { error: e.error || 'failed' };
  const pq = e.per_query;
  const truthful = (r.search.queries || []).map((x) => x.truth > 0);
  const rec = pq.map((x, i) => (truthful[i] ? x.recall : NaN)).filter(Number.isFinite);
  return {
    build_ms: e.build_ms, bytes: e.index_raw, gzip: e.index_gzip,
    warm50: q(pq.map((x) => x.wall), 0.5), warm95: q(pq.map((x) => x.wall), 0.95),
    cold50: q(pq.map((x) => x.wall_cold), 0.5), cold95: q(pq.map((x) => x.wall_cold), 0.95),
    eng50: q(pq.map((x) => x.ms), 0.5), eng95: q(pq.map((x) => x.ms), 0.95),
    recall: rec.length ? rec.reduce((a, b) => a + b, 0) / rec.length : NaN, minRecall: rec.length ? Math.min(...rec) : NaN,
    precision: (() => { const p = pq.map((x) => x.precision).filter(Number.isFinite); return p.length ? p.reduce((a, b) => a + b, 0) / p.length : NaN; })(),
  };
}

const rows = [];
const row = (name, fn) => rows.push([name, ...runs.map((r) => { try { return fn(r) ?? '-'; } catch { return '-'; } })]);
const sec = (name) => rows.push([`**${name}**`, ...runs.map(() => '')]);
sec('build');
row('posts bundled', (r) => r.build.posts);
row('full build, wall', (r) => `${f1(r.build.wall_s)} s = ${f0(r.build.posts / r.build.wall_s)} posts/s`);
row('full build, CPU (user+sys)', (r) => `${f1(r.build.user_s + r.build.sys_s)} s = ${f0(r.build.posts / (r.build.user_s + r.build.sys_s))} posts/CPU-s`);
row('phases, CPU s', (r) => Object.entries(r.build.phases).filter(([k]) => k !== 'sort').map(([k, v]) => `${k} ${f1(v.cpu)}`).join(', '));
row('phases, wall s', (r) => Object.entries(r.build.phases).filter(([k]) => k !== 'sort').map(([k, v]) => `${k} ${f1(v.wall)}`).join(', '));
row('peak RSS of the build', (r) => mib(r.build.max_rss_kb * 1024));
row('incremental: add the newest 100 posts', (r) => (r.inc ? `${f1(r.inc.wall_s)} s wall, ${f1(r.inc.user_s + r.inc.sys_s)} s CPU` : 'n/a (no incremental build)'));
sec('bytes');
row('input (raw posts)', (r) => mib(r.bytes.input_bytes));
row('site (all files)', (r) => `${mib(r.bytes.site_bytes)} = ${pct(r.bytes.site_bytes, r.bytes.input_bytes)} of input`);
sec('viewer (headless Chromium, software WebGL)');
row('navigation -> list visible', (r) => `${f0(r.app.list_visible_ms)} ms`);
row('bytes fetched by then', (r) => `${mib(r.app.bytes_at_list)} = ${pct(r.app.bytes_at_list, r.app.site_bytes)} of site (${r.app.files_at_list} files)`);
row('navigation -> all loaded', (r) => `${f0(r.app.ready_ms)} ms`);
row('then the service worker install', (r) => (r.app.offline_copy_ms == null ? 'n/a' : `${f1(r.app.offline_copy_ms / 1000)} s`));
row('wasm heap after load', (r) => mib(r.app.heap_after_load.wasm));
row('wasm heap after opening posts', (r) => `${mib(r.app.heap_after_open.wasm)} (${r.app.opened} posts, ${f0(r.app.open_ms_each)} ms each)`);
row('list scroll frames, median / worst', (r) => `${f1(r.app.frames_list.median_ms)} / ${f1(r.app.frames_list.worst_ms)} ms (${fps(r.app.frames_list.median_ms)})`);
row('reader scroll frames, median / worst', (r) => `${f1(r.app.frames_reader.median_ms)} / ${f1(r.app.frames_reader.worst_ms)} ms (${fps(r.app.frames_reader.median_ms)})`);
for (const [name, title] of [['folio', 'Folio search'], ['flexsearch-cjk', 'FlexSearch (CJK encoder)'], ['pagefind', 'Pagefind']]) {
  if (!runs.some((r) => engine(r, name))) continue;
  sec(`${title} (${runs[0].search ? runs[0].search.queries.length : '?'} queries)`);
  const E = (r) => engine(r, name);
  const err = (e) => (e && e.error ? `failed: ${e.error.slice(0, 60)}` : null);
  if (name === 'folio') {
    row('warm p50 / p95 (to results on screen)', (r) => err(E(r)) ?? `${f1(E(r).warm50)} / ${f1(E(r).warm95)} ms`);
    row('  engine time warm p50 / p95', (r) => err(E(r)) ?? `${f2(E(r).eng50)} / ${f2(E(r).eng95)} ms`);
    row('cold p50 / p95 (first run, shards fetched)', (r) => err(E(r)) ?? `${f1(E(r).cold50)} / ${f1(E(r).cold95)} ms`);
    row('index bytes (raw)', (r) => err(E(r)) ?? mib(E(r).bytes));
  } else {
    row('index build', (r) => err(E(r)) ?? `${f1(E(r).build_ms / 1000)} s${name === 'pagefind' ? ' (CLI)' : ' (in page)'}`);
    row('index bytes (raw / gzip)', (r) => err(E(r)) ?? `${mib(E(r).bytes)} / ${mib(E(r).gzip)}`);
    row('warm p50 / p95', (r) => err(E(r)) ?? `${f1(E(r).warm50)} / ${f1(E(r).warm95)} ms`);
    row('cold p50 / p95', (r) => err(E(r)) ?? `${f1(E(r).cold50)} / ${f1(E(r).cold95)} ms`);
  }
  row('substring recall mean / min; precision', (r) => err(E(r)) ?? `${f3(E(r).recall)} / ${f3(E(r).minRecall)}; ${f3(E(r).precision)}`);
  if (name === 'folio') row('exact (folded) result sets', (r) => (r.search.folio_mismatches.length ? `${r.search.folio_mismatches.length} mismatches` : 'all exact'));
}
sec('machine');
row('load average (1 min) during the run', (r) => `${f1(r.bytes.loadavg)} build, ${f1(r.app.loadavg_start)} viewer`);

const header = ['', ...runs.map((r) => r.label)];
const widths = header.map((_, c) => Math.max(3, ...[header, ...rows].map((r) => String(r[c]).length)));
const line = (r) => `| ${r.map((x, c) => String(x).padEnd(widths[c])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(`\n${os.cpus().length} cores (${os.cpus()[0].model}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${new Date().toISOString().slice(0, 16)}Z`);
