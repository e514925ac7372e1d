// folio-shell.js: the page around the viewer (app.js + app.wasm). It knows nothing of the archive's
// files: what to request early is listed by `folio build` in index.html (#folio-preload), and the
// viewer reads everything else itself through window.folio.openFile.
//
// Index (each [SECTION] below, in order):
//   Boot errors        folioShowError: a message instead of the canvas, as text
//   Viewer calls       viewerCall / viewerJson: the one way strings cross into and out of wasm memory
//   Storage            window.folioPrefs: localStorage under "folio.", silent when the browser blocks it
//   Frames             window.folioFrames: the viewer draws only while something may change; input wakes it
//   Browser glyphs     window.folioGlyphs: characters no site font has, drawn with the page's fonts
//   Module             the Emscripten Module: app.wasm through openFile, abort messages
//   window.folio       state() (the viewer's state as JSON), drawCheck(text), openFile, singleFile, and window.folio.test:
//                      hooks for tests and benchmarks only (glyph checks, query, text size, atlas limits,
//                      the URLs opened)
//   Site files         where openFile reads: inlined bytes (--single-file), a picked or dropped folder
//                      (file://), or the network, with the build's #folio-preload list requested at once
//   Offline copy       the service worker (sw.js) and folio-offline.js ("Keep this archive offline"),
//                      both once the archive is open
//   Text input bridge  window.folioText: a hidden <input> for IME composition, paste and copy
//   Page layer         window.folioLayer: the viewer's controls and the reader's lines as transparent DOM
//                      (roles and names, Tab focus, selection, copy, find)
//   Page services      window.folioPage: hash and history, theme, bookmarks, links, images, open as page
//   Start              loads app.js (inlined in a single file)
//
// The viewer's half of this glue is C++ (EM_JS blocks run JS from wasm; EMSCRIPTEN_KEEPALIVE
// exports are what viewerCall, or an EM_JS block's callback, calls back into):
//   src/platform/fetch_web.cpp        EM_JS folio_js_fetch: window.folio.openFile, then reads the body
//                                     counting bytes and gunzips files stored gzipped (DecompressionStream);
//                                     answers through _folio_fetch_progress, _folio_fetch_done, _folio_fetch_failed
//   src/platform/page_web.cpp         EM_JS folio_js_hash, folio_js_set_hash, folio_js_theme_dark,
//                                     folio_js_save_theme, folio_js_stored_language, folio_js_languages,
//                                     folio_js_set_language, folio_js_load_marks, folio_js_save_marks,
//                                     folio_js_export_marks, folio_js_import_marks, folio_js_loaded,
//                                     folio_js_open_link, folio_js_show_image, folio_js_open_page,
//                                     folio_js_offline_open, folio_js_download, folio_js_today,
//                                     folio_js_address: one each per window.folioPage call (or location)
//   src/platform/text_bridge_web.cpp  EM_JS folio_js_text_focus, folio_js_text_blur, folio_js_copy
//                                     (window.folioText); exports _folio_text_commit, _folio_text_preedit
//   src/platform/platform_web.cpp     EM_JS folio_js_load_setting, folio_js_save_setting (window.folioPrefs);
//                                     folio_js_frames_start, folio_js_wake (window.folioFrames), which calls
//                                     back _folio_platform_frame and _folio_platform_idle; folio_js_browser_glyph
//                                     (window.folioGlyphs);
//                                     EM_ASM_DOUBLE for the heap size (HEAPU8.length)
//   src/platform/page_web.cpp (also)  EM_JS folio_js_semantics, folio_js_text_layer, folio_js_text_place,
//                                     folio_js_text_font (window.folioLayer); main_web.cpp exports
//                                     _folio_sem_activate, _folio_sem_focus, _folio_layer_scroll back
//   src/app/main_web.cpp              EM_ASM folioShowError (no WebGL 2); exports _folio_hash_changed,
//                                     _folio_theme_changed, _folio_marks_import, _folio_image_status (page
//                                     services), _folio_offline_status (folio-offline.js), _folio_state_json, _folio_input_pending
//                                     and the test hooks' _folio_* (window.folio)
// EM_JS blocks hand strings back with Emscripten's allocateUTF8 (the C++ side frees them).
'use strict';

// [SECTION] Boot errors

function folioShowError(message) {
  const el = document.getElementById('boot');
  el.textContent = message;  // text only: nothing reaches the DOM as HTML
  el.className = 'error';
  el.hidden = false;
}
window.folioShowError = folioShowError;

// [SECTION] Viewer calls

let viewerReady = false;  // set once the wasm runtime is up; calls before it do nothing
// Calls the viewer's export fn (e.g. '_folio_set_query') and returns its result. Each string
// argument is copied into wasm memory as UTF-8 for the call and freed after it.
function viewerCall(fn, ...args) {
  if (!viewerReady) return undefined;
  const held = [];
  const values = args.map((a) => {
    if (typeof a !== 'string') return a;
    const n = Module.lengthBytesUTF8(a) + 1;
    const p = Module._malloc(n);
    Module.stringToUTF8(a, p, n);
    held.push(p);
    return p;
  });
  try {
    return Module[fn](...values);
  } finally {
    for (const p of held) Module._free(p);
  }
}
// For exports that return JSON text: the viewer owns the string until its next call, so it is read at once.
const viewerJson = (fn, ...args) => JSON.parse(Module.UTF8ToString(viewerCall(fn, ...args)));

// [SECTION] Storage

// Small things kept across visits (text size, theme, bookmarks). load is null, and save false, when
// the browser keeps nothing (private mode, storage disabled or full).
window.folioPrefs = {
  load(key) { try { return localStorage.getItem('folio.' + key); } catch (e) { return null; } },
  save(key, value) { try { localStorage.setItem('folio.' + key, value); return true; } catch (e) { return false; } },
};

// [SECTION] Frames

// The viewer draws a frame only when something may have changed (src/core/include/folio/frame_pace.h):
// each frame answers whether it wants another (input settling, work left, a drag); when it does not,
// nothing runs until input, a finished fetch or a call from the page (the viewer's exports) wakes it,
// but for work that draws nothing (glyphs not on screen), done in slices between tasks.
window.folioFrames = (function frames() {
  let draw = null;         // the viewer's frame, (woken) => wants another; set once it runs
  let idle = null;         // its work between frames that draws nothing, () => more remains
  let scheduled = false;   // an animation frame is asked for
  let idling = false;      // a slice of idle work is asked for
  let woken = false;       // something asked for a frame since the last one
  let frameId = 0;         // the animation frame asked for
  let owed = 0;            // frames the input that arrived still needs before it shows (settle)
  const tick = () => {
    scheduled = false;
    owed = Math.max(0, owed - 1);
    const cause = woken;
    woken = false;
    if (draw(cause)) schedule();
    else idleSoon();
  };
  function schedule() {
    if (draw && !scheduled) { scheduled = true; frameId = requestAnimationFrame(tick); }
  }
  // Draws now the frames that input the page already got still needs, so that what the viewer
  // reports (window.folio.state) follows every click and key: Dear ImGui sees a button change once
  // per frame (a click's press and release take two), and what a frame's input asks for is applied
  // at the start of the next (pending(): the viewer still holds input). At most four frames.
  function settle(pending) {
    for (let k = 0; draw && k < 4 && (owed > 0 || pending()); k++) {
      if (scheduled) cancelAnimationFrame(frameId);
      scheduled = false;
      woken = true;
      tick();
    }
  }
  // Slices of idle work run between tasks (input is handled between them) while no frame is due.
  function idleSoon() {
    if (idling) return;
    idling = true;
    setTimeout(() => { idling = false; if (!scheduled && idle()) idleSoon(); }, 0);
  }
  const wake = () => { woken = true; schedule(); };
  const released = new Set(['mouseup', 'touchend']);
  const onInput = (e) => { owed = released.has(e.type) ? 2 : Math.max(owed, 1); wake(); };
  // Input reaches the viewer through SDL's listeners and the text bridge; these only wake it. They
  // listen on window in the capture phase, so they see every event before anything stops it.
  for (const type of ['keydown', 'keyup', 'mousedown', 'mouseup', 'mousemove', 'mouseout', 'mouseleave', 'wheel',
                      'touchstart', 'touchmove', 'touchend', 'touchcancel', 'focus', 'blur', 'resize',
                      'compositionstart', 'compositionupdate', 'compositionend', 'input', 'paste', 'visibilitychange'])
    window.addEventListener(type, onInput, { capture: true, passive: true });
  // A new device pixel ratio (zoom, another screen) bakes the glyphs again; matchMedia tells of it.
  (function watchRatio() {
    if (!window.matchMedia) return;
    matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)')
      .addEventListener('change', () => { wake(); watchRatio(); }, { once: true });
  })();
  return { start(frame, between) { draw = frame; idle = between; wake(); }, wake, settle };
})();

// [SECTION] Browser glyphs

// Characters no font of the site has (emoji, flags, Thai, Devanagari...) are drawn as the browser draws
// them, one code point at a time with the page's own fonts, then copied into a cell of the viewer's
// glyph atlas (src/app/font_atlas.cpp). A browser draws a character it has no font for exactly as it
// draws an unassigned code point (U+0378): such a character is not drawable, and the viewer shows U+FFFD.
window.folioGlyphs = (function browserGlyphs() {
  let canvas = null, g = null;
  const unknown = new Map();  // "em/side/mark" -> the picture of U+0378
  const mark = /\p{M}/u;     // a combining mark, drawn on a no-break space: alone it gets a dotted circle
  // text's picture on a 2 x 2 cell scratch canvas, its pen on the baseline at (side / 2, 5 side / 4);
  // onSpace: drawn after a no-break space (the pen after it).
  function picture(text, em, side, onSpace) {
    const w = side * 2, h = side * 2;
    if (!canvas || canvas.width < w || canvas.height < h) {
      canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(w, h)
                                                     : Object.assign(document.createElement('canvas'), { width: w, height: h });
      g = canvas.getContext('2d', { willReadFrequently: true });
    }
    g.clearRect(0, 0, canvas.width, canvas.height);
    g.font = em + 'px sans-serif';
    g.textBaseline = 'alphabetic';
    g.fillStyle = '#fff';  // one colour: a glyph drawn in several is in colour (an emoji)
    const base = onSpace ? '\u00A0' : '';
    const before = base ? g.measureText(base).width : 0;
    const penX = Math.round(side / 2), baseline = Math.round(side * 1.25);
    g.fillText(base + text, penX - before, baseline);
    return { data: g.getImageData(0, 0, w, h).data, w, h, penX, baseline, advance: g.measureText(base + text).width - before };
  }
  const same = (a, b) => a.advance === b.advance && a.data.every((v, i) => v === b.data[i]);
  return {
    // { drawable, colour, x0, y0, w, h, advance, rgba } of code point cp at em device pixels: the ink
    // box from the pen on the baseline, at most side x side texels (the rest cut off), straight alpha.
    draw(cp, em, side) {
      const text = String.fromCodePoint(cp), onSpace = mark.test(text);
      const key = em + '/' + side + '/' + onSpace;
      if (!unknown.has(key)) unknown.set(key, picture('\u0378', em, side, onSpace));
      const p = picture(text, em, side, onSpace);
      if (same(p, unknown.get(key))) return { drawable: false };
      let x0 = p.w, y0 = p.h, x1 = -1, y1 = -1;
      for (let y = 0; y < p.h; y++)
        for (let x = 0; x < p.w; x++)
          if (p.data[(y * p.w + x) * 4 + 3]) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
      if (x1 < 0) return { drawable: true, colour: false, x0: 0, y0: 0, w: 0, h: 0, advance: p.advance };
      const w = Math.min(x1 - x0 + 1, side), h = Math.min(y1 - y0 + 1, side);
      const rgba = new Uint8Array(w * h * 4);
      for (let y = 0; y < h; y++) rgba.set(p.data.subarray(((y0 + y) * p.w + x0) * 4, ((y0 + y) * p.w + x0 + w) * 4), y * w * 4);
      let colour = false;
      for (let i = 0; i < rgba.length && !colour; i += 4) colour = rgba[i + 3] > 32 && Math.min(rgba[i], rgba[i + 1], rgba[i + 2]) < 224;
      return { drawable: true, colour, x0: x0 - p.penX, y0: y0 - p.baseline, w, h, advance: p.advance, rgba };
    },
  };
})();

// [SECTION] Module

var Module = {
  canvas: document.getElementById('canvas'),
  print: (text) => console.log(text),
  printErr: (text) => console.error(text),
  locateFile: (path) => path,  // relative to the page, so any sub-path works
  onRuntimeInitialized: () => {
    viewerReady = true;
    document.getElementById('boot').hidden = true;
  },
  // app.wasm comes through window.folio.openFile too: network, single file or picked folder. The
  // build's gzipped copy first (a plain static host sends app.wasm as is: 1.3 MB instead of 0.5),
  // app.wasm itself where there is none (a single file) or it cannot be decoded.
  instantiateWasm: (imports, done) => {
    const plain = () => window.folio.openFile('app.wasm').then((response) => {
      if (!response.ok) throw new Error('app.wasm: HTTP ' + response.status);
      const streaming = WebAssembly.instantiateStreaming &&
                        (response.headers.get('Content-Type') || '').startsWith('application/wasm');
      return streaming ? WebAssembly.instantiateStreaming(response, imports)
                       : response.arrayBuffer().then((bytes) => WebAssembly.instantiate(bytes, imports));
    });
    // Compiled as it arrives (streaming) where the browser can: the download and the compile overlap.
    const unpacked = (response) => new Response(response.body.pipeThrough(new DecompressionStream('gzip')),
                                                 { headers: { 'Content-Type': 'application/wasm' } });
    const packed = typeof DecompressionStream !== 'function' ? Promise.resolve(null)
      : window.folio.openFile('app.wasm.gz').then((response) => (!response.ok ? null
          : WebAssembly.instantiateStreaming ? WebAssembly.instantiateStreaming(unpacked(response), imports)
          : unpacked(response).arrayBuffer().then((bytes) => WebAssembly.instantiate(bytes, imports)))).catch(() => null);
    packed.then((out) => out || plain()).then((out) => done(out.instance, out.module))
      .catch((e) => folioShowError('The viewer could not start (' + e.message + '); rebuild the site with folio build.'));
    return {};
  },
  onAbort: (what) => folioShowError('The viewer stopped: ' + what +
                                    '. The site may be incomplete; rebuild it with folio build.'),
};

// [SECTION] window.folio

window.folio = {
  // A JSON snapshot of the viewer's state after the input the page already got (tests, benchmarks and the curious read it).
  state: () => (viewerReady ? (window.folioFrames.settle(() => viewerCall('_folio_input_pending') !== 0), viewerJson('_folio_state_json')) : { load: 'boot' }),
  // { missing: [code points of text the viewer would draw as the replacement mark U+FFFD] }: the
  // glyphs are brought in first (the site's fonts, else the browser's), as if text were on screen.
  drawCheck: (text) => (viewerReady ? viewerJson('_folio_draw_check', String(text)) : { missing: null, ready: false }),
  // For tests and benchmarks only: the page itself calls none of these and only writes `opened`.
  test: {
    // Per font face: code points checked against the baked atlas, and how many had no glyph.
    glyphCheck: () => viewerJson('_folio_glyph_check'),
    // Looks up every character of text as font face `face` draws it (glyphs brought in first):
    // how many fell back to the replacement glyph though a font covers them, and which no font covers.
    glyphDrawCheck: (face, text) => viewerJson('_folio_glyph_draw_check', face, text),
    // Whether characters no site font has are drawn by the browser (on by default); bakes again.
    setBrowserGlyphs: (on) => viewerCall('_folio_set_browser_glyphs', on ? 1 : 0),
    // Lowers the atlas texture limit (0 restores 4096) to exercise on-demand glyphs; bakes again.
    setAtlasLimit: (side) => viewerCall('_folio_set_atlas_limit', side),
    // How many glyphs a bake rasterises at once (0 restores the default); bakes again.
    setQuickGlyphs: (n) => viewerCall('_folio_set_quick_glyphs', n),
    // How many body files the viewer keeps (0 restores the default), to see eviction on a small site.
    setBodyCap: (n) => viewerCall('_folio_set_body_cap', n),
    setFontSize: (px) => viewerCall('_folio_set_font_size', px),
    // Puts text in the search box as if typed; results follow within a frame or two.
    setQuery: (text) => viewerCall('_folio_set_query', text),
    // Whether the reader's lines are kept in the page's text layer (on by default).
    setTextLayer: (on) => viewerCall('_folio_set_text_layer', on ? 1 : 0),
    opened: [],  // every URL handed to window.open
  },
};

// [SECTION] Site files

// Where site files come from: the bytes inlined by `folio build --single-file`, a folder the reader
// picked or dropped (pages opened from file://, where browsers refuse to fetch), or the network.
(function siteFiles() {
  const inline = new Map();  // path -> base64 text, in single-file builds
  for (const el of document.querySelectorAll('script[type="application/x-folio-file"]')) inline.set(el.dataset.path, el);
  // What the build says the first screen needs (index.html of a site folder; absent in a single file).
  const listed = document.getElementById('folio-preload');
  const preload = listed ? JSON.parse(listed.textContent) : [];
  let folder = null;         // path -> () => Promise<File>
  const waiting = [];        // resolved once a folder is chosen

  function decodeBase64(el) {
    const text = atob(el.textContent);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }
  const missing = () => new Response(null, { status: 404 });
  const fromFolder = (path) => (folder.has(path) ? folder.get(path)().then((file) => new Response(file)) : missing());

  window.folio.singleFile = inline.size > 0;
  // Promise<Response> for a path relative to the page; the only way the viewer reads site files.
  // init: fetch's options over the network ({ priority: 'low' } for background work).
  window.folio.openFile = (url, init) => {
    const path = url.replace(/^\.\//, '');
    if (inline.size) return Promise.resolve(inline.has(path) ? new Response(decodeBase64(inline.get(path))) : missing());
    if (folder) return fromFolder(path);
    return fetch(url, init).catch((error) => {
      if (location.protocol !== 'file:') throw error;
      showFolderPanel();
      return new Promise((resolve) => waiting.push(resolve)).then(() => fromFolder(path));
    });
  };

  // Over the network, the files the build listed are requested at once, while the viewer still
  // compiles and sets up WebGL; the viewer's own request for each takes the response (once).
  if (!inline.size && location.protocol !== 'file:' && preload.length) {
    const early = new Map();
    const network = window.folio.openFile;
    for (const file of preload) {
      const response = fetch(file);
      response.catch(() => {});  // a failure is the viewer's to report, when it asks
      early.set(file, response);
    }
    window.folio.openFile = (url, init) => {
      const path = url.replace(/^\.\//, '');
      const response = early.get(path);
      if (!response) return network(url, init);
      early.delete(path);
      return response;
    };
  }

  // path -> getter for every file under a picked folder (FileSystemDirectoryHandle), dropped folder
  // (FileSystemDirectoryEntry) or <input webkitdirectory> list; dot files are left out.
  async function walkHandle(dir, prefix, out) {
    for await (const [name, handle] of dir.entries()) {
      if (name.startsWith('.')) continue;
      if (handle.kind === 'file') out.set(prefix + name, () => handle.getFile());
      else await walkHandle(handle, prefix + name + '/', out);
    }
  }
  async function walkEntry(dir, prefix, out) {
    const reader = dir.createReader();
    for (;;) {
      const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
      if (!batch.length) return;
      for (const entry of batch) {
        if (entry.name.startsWith('.')) continue;
        if (entry.isFile) out.set(prefix + entry.name, () => new Promise((resolve, reject) => entry.file(resolve, reject)));
        else await walkEntry(entry, prefix + entry.name + '/', out);
      }
    }
  }
  function fromFileList(files) {
    const out = new Map();
    for (const file of files) {
      const rel = (file.webkitRelativePath || file.name).split('/').slice(1).join('/');  // drop the folder's own name
      if (rel && !rel.split('/').some((p) => p.startsWith('.'))) out.set(rel, () => Promise.resolve(file));
    }
    return out;
  }

  let panel, note;
  // This page's site: its own files and every file its build listed.
  const required = ['index.html', 'app.wasm', ...preload];
  // Takes the files if they hold this site (maybe one folder down); else says what was wrong.
  function useFolder(files) {
    const roots = [...files.keys()].filter((k) => k === 'app.wasm' || k.endsWith('/app.wasm'))
      .map((k) => k.slice(0, -'app.wasm'.length)).filter((r) => required.every((f) => files.has(r + f)))
      .sort((a, b) => a.length - b.length);
    if (!roots.length) {
      note.textContent = 'That folder does not hold this site (this page, app.wasm and the archive\'s files from the same ' +
        'build). Choose the folder this page was opened from.';
      return;
    }
    folder = new Map();
    for (const [k, get] of files) if (k.startsWith(roots[0])) folder.set(k.slice(roots[0].length), get);
    panel.hidden = true;
    document.getElementById('boot').hidden = false;
    while (waiting.length) waiting.shift()();
  }
  const failed = (e) => { if (e && e.name !== 'AbortError') note.textContent = 'Could not read that folder: ' + e.message; };

  function showFolderPanel() {
    if (panel) return;
    document.getElementById('boot').hidden = true;
    panel = document.createElement('div');
    panel.id = 'folder';
    const text = document.createElement('p');
    text.textContent = 'This page was opened from a file, and the browser does not let it read the archive next to it. ' +
      'Click "Open archive folder" and choose this site\'s folder (the one this page, index.html, is in), or drop ' +
      'the folder here. To skip this step, serve the folder with `folio serve SITE-DIR` (or any static server), or ' +
      'build a single file with `folio build --single-file`.';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Open archive folder';
    const input = document.createElement('input');
    input.type = 'file';
    input.webkitdirectory = true;
    input.multiple = true;
    input.hidden = true;
    input.addEventListener('change', () => useFolder(fromFileList(input.files)));
    note = document.createElement('p');
    note.className = 'note';
    note.setAttribute('role', 'alert');
    button.addEventListener('click', () => {
      if (!window.showDirectoryPicker) { input.click(); return; }
      window.showDirectoryPicker({ id: 'folio-site' }).then(async (dir) => {
        const files = new Map();
        await walkHandle(dir, '', files);
        useFolder(files);
      }).catch(failed);
    });
    panel.append(text, button, input, note);
    document.body.appendChild(panel);
    window.addEventListener('dragover', (e) => { e.preventDefault(); panel.classList.add('drop'); });
    window.addEventListener('dragleave', () => panel.classList.remove('drop'));
    window.addEventListener('drop', (e) => {
      e.preventDefault();
      panel.classList.remove('drop');
      const entry = [...e.dataTransfer.items].map((item) => item.webkitGetAsEntry && item.webkitGetAsEntry())
        .find((en) => en && en.isDirectory);
      if (!entry) { note.textContent = 'Drop the site\'s folder itself, not files from it.'; return; }
      const files = new Map();
      walkEntry(entry, '', files).then(() => useFolder(files)).catch(failed);
    });
  }
})();

// [SECTION] Offline copy

// The service worker (sw.js, written by folio build) keeps this build's app files and the data files
// the page reads; a copy of the whole archive is the reader's choice, in folio-offline.js (the
// viewer's "Offline" button). Both start once the viewer has the archive open
// (window.folioPage.loaded), so neither competes with the first screen.
let registerOffline = () => {};
let offlineOffered = false;  // the viewer's "Offline" button is shown from its first frame
(function offline() {
  if (window.folio.singleFile || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  offlineOffered = !!document.getElementById('folio-offline');
  const updating = !!navigator.serviceWorker.controller;
  // A new build took over (its worker activated): reload into it rather than mix old and new files.
  navigator.serviceWorker.addEventListener('controllerchange', () => { if (updating) location.reload(); });
  // A returning reader's worker is asked at once whether sw.js changed (a new build, whose worker then
  // takes over); register() would not check an existing registration again.
  navigator.serviceWorker.getRegistration().then((r) => r && r.update()).catch(() => {});
  registerOffline = () => {
    registerOffline = () => {};
    navigator.serviceWorker.register('sw.js').catch((e) => console.warn('no service worker:', e.message));
    if (!document.getElementById('folio-offline')) return;  // a site built without the list
    const script = document.createElement('script');
    script.src = 'folio-offline.js';
    document.body.appendChild(script);
  };
})();

// [SECTION] Text input bridge

// The canvas gets no IME composition events, so while one of the viewer's text fields is active a
// hidden <input> holds the keyboard focus. Plain key presses still reach the viewer through SDL
// (which cancels their keypress, so the input never sees them); the input receives what SDL cannot:
// composed text from Chinese, Japanese and Korean input methods, pastes, and text inserted without
// key presses (virtual keyboards, emoji pickers), and commits it.
(function textBridge() {
  const ime = document.createElement('input');
  ime.id = 'ime';
  ime.type = 'text';
  ime.autocomplete = 'off';
  ime.spellcheck = false;
  ime.setAttribute('aria-label', 'Search the archive');
  document.body.appendChild(ime);
  let composing = false;

  const commit = (text) => { if (text) viewerCall('_folio_text_commit', text); };

  // Keys that belong to the input method or to paste must not reach SDL's window listener:
  // it would act on them (Backspace inside a composition) or cancel them (Ctrl+V).
  ime.addEventListener('keydown', (e) => {
    const paste = (e.ctrlKey || e.metaKey) && (e.key === 'v' || e.key === 'V');
    if (composing || e.isComposing || e.keyCode === 229 || paste) e.stopPropagation();
  });
  ime.addEventListener('compositionstart', () => { composing = true; });
  ime.addEventListener('compositionupdate', (e) => viewerCall('_folio_text_preedit', e.data || ''));
  ime.addEventListener('compositionend', (e) => {
    composing = false;
    viewerCall('_folio_text_preedit', '');
    commit(e.data || ime.value);
    ime.value = '';
  });
  ime.addEventListener('input', (e) => {
    if (composing || e.isComposing) return;
    commit(ime.value);
    ime.value = '';
  });
  ime.addEventListener('paste', (e) => {
    e.preventDefault();
    commit((e.clipboardData.getData('text/plain') || '').replace(/[\r\n\t]+/g, ' '));
  });

  let owned = false;  // a text field of the viewer is being edited through the input
  window.folioText = {
    owned: () => owned,
    // Called by the viewer when a text field gains or loses focus; x, y, w, h in CSS pixels.
    focus(x, y, w, h) {
      owned = true;
      Object.assign(ime.style, { left: x + 'px', top: y + 'px', width: w + 'px', height: h + 'px' });
      ime.focus({ preventScroll: true });
    },
    blur() {
      owned = false;
      composing = false;
      ime.value = '';
      // The canvas takes the keys back, unless Tab already gave the focus to an element of the page layer.
      if (document.activeElement !== ime && document.activeElement !== document.body) return;
      ime.blur();
      Module.canvas.focus({ preventScroll: true });
    },
    copy(text) {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).catch(() => {});
        return;
      }
      const area = document.createElement('textarea');  // older browsers and file:// pages
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    },
  };
})();

// [SECTION] Page layer

// The viewer's parallel DOM (src/app/semantics.cpp), after Flutter's semantics tree and pdf.js's text
// layer. Each frame that changed something, the viewer hands over JSON: its controls (nodes), the
// lines of the open post it drew on screen plus a margin (lines, in CSS pixels from the post's top
// left) and where the reader is (place). They become transparent elements laid over what the canvas
// drew: roles and names for screen readers, Tab focus (the viewer outlines the focused item), and the
// reader's lines as real text for selection, copy and the browser's find. Controls let clicks pass to
// the canvas; activating one (Enter, Space, a screen reader's click) asks the viewer to press its item,
// as a click on the canvas would. Only the lines take the mouse; moves, the wheel, plain clicks and
// touches on them go on to the canvas.
window.folioLayer = (function pageLayer() {
  const canvas = document.getElementById('canvas');
  const el = (tag, attrs) => { const e = document.createElement(tag); for (const k in attrs || {}) e.setAttribute(k, attrs[k]); return e; };
  const root = el('div', { id: 'a11y' });
  const groups = { top: el('div'), filters: el('div', { role: 'group', 'aria-label': 'Filters' }),
                   list: el('div', { role: 'listbox', 'aria-label': 'Posts' }), article: el('div', { role: 'article' }) };
  const actions = el('div');
  const clip = el('div', { class: 'text', hidden: '' });  // the reader's visible rectangle
  const inner = el('div');                                // moved to the post's top left
  clip.appendChild(inner);
  groups.article.append(actions, clip);
  const ime = document.getElementById('ime');
  root.append(groups.top, groups.filters, groups.list, groups.article);  // the Tab order: as drawn
  groups.top.appendChild(ime);
  canvas.after(root);
  ime.type = 'search';  // the text bridge's input is the search box for assistive technology

  // Controls, by key; an element keeps its focus while the viewer redraws its item elsewhere.
  const nodeEls = new Map();
  const activate = (key) => viewerCall('_folio_sem_activate', key);
  // Puts els in parent in this order, moving as few as possible (a moved element would lose focus).
  function arrange(parent, els) {
    let at = 0;
    for (const e of els) {
      if (parent.children[at] !== e) parent.insertBefore(e, parent.children[at] || null);
      at++;
    }
  }
  function nodes(json) {
    const order = { top: [], filters: [], list: [], article: [] };
    const seen = new Set();
    for (const n of JSON.parse(json)) {
      if (n.r === 'searchbox') {  // the text bridge's input, in its place in the Tab order
        ime.setAttribute('aria-label', n.n);
        order.top.push(ime);
        continue;
      }
      let e = nodeEls.get(n.k);
      if (!e || e.dataset.r !== n.r) {
        if (e) e.remove();
        e = el('div', n.r === 'status' ? { role: 'status', 'aria-live': 'polite' } : { role: n.r, tabindex: '0' });
        e.dataset.k = n.k;
        e.dataset.r = n.r;
        nodeEls.set(n.k, e);
      }
      seen.add(n.k);
      if (e.textContent !== n.n) e.textContent = n.n;
      if (n.r === 'checkbox') e.setAttribute('aria-checked', n.c ? 'true' : 'false');
      if (n.r === 'option') e.setAttribute('aria-selected', n.c ? 'true' : 'false');
      const box = `left:${n.b[0]}px;top:${n.b[1]}px;width:${n.b[2] - n.b[0]}px;height:${n.b[3] - n.b[1]}px`;
      if (e.dataset.box !== box) { e.dataset.box = box; e.style.cssText = box; }
      (order[n.g] || order.top).push(e);
    }
    for (const [k, e] of nodeEls) if (!seen.has(k)) { e.remove(); nodeEls.delete(k); }
    arrange(groups.top, order.top);
    arrange(groups.filters, order.filters);
    arrange(groups.list, order.list);
    // Tab enters the list once, at the open post (else its first row); the arrow keys move within it.
    const current = order.list.find((e) => e.getAttribute('aria-selected') === 'true') || order.list[0];
    for (const e of order.list) e.tabIndex = e === current ? 0 : -1;
    arrange(actions, order.article);
    // j / k / arrows moved the open post: the focus follows it within the list.
    if (groups.list.contains(document.activeElement)) {
      const open = groups.list.querySelector('[aria-selected="true"]');
      if (open && open !== document.activeElement) open.focus({ preventScroll: true });
    }
  }
  root.addEventListener('click', (e) => {
    const n = e.target.closest && e.target.closest('[data-k]');
    if (n && n.dataset.r !== 'status') activate(n.dataset.k);
  });
  root.addEventListener('keydown', (e) => {
    const n = e.target.closest && e.target.closest('[data-k]');
    if (!n || (e.key !== 'Enter' && e.key !== ' ')) return;
    e.preventDefault();
    e.stopPropagation();  // the viewer acts on the activation alone, not on the key too
    activate(n.dataset.k);
  });
  const keyOf = (t) => (t === ime ? 'search' : (t && t.dataset && t.dataset.k) || '');
  root.addEventListener('focusin', (e) => {
    viewerCall('_folio_sem_focus', keyOf(e.target));
    // The search box focused by Tab or a screen reader while no text field has it: as '/' does.
    if (e.target === ime && !window.folioText.owned()) activate('search');
  });
  root.addEventListener('focusout', (e) => { if (!root.contains(e.relatedTarget)) viewerCall('_folio_sem_focus', ''); });
  // Tab moves the DOM focus (SDL would cancel it); a copy with text selected in the reader is the
  // browser's (the viewer would copy the whole post over it).
  window.addEventListener('keydown', (e) => {
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey && !e.isComposing) e.stopPropagation();
    if ((e.ctrlKey || e.metaKey) && (e.key === 'c' || e.key === 'C') && selectedText() !== null) e.stopPropagation();
  }, { capture: true });

  // The text layer: one element per drawn line, keyed by place and text so that a selection survives
  // while its lines stay in the layer.
  const lineEls = new Map();
  let face = 0;
  const family = () => `"folio-f${face}", "folio-fallback", sans-serif`;
  // Scales each line so its width is the drawn width (pdf.js does the same): the DOM's font is the
  // site's own, so this only takes up rounding and shaping differences.
  function fit(els) {
    for (const e of els) e.style.transform = '';
    const widths = els.map((e) => e.getBoundingClientRect().width);
    els.forEach((e, i) => { if (widths[i] > 0) e.style.transform = `scaleX(${+e.dataset.w / widths[i]})`; });
  }
  const ascents = new Map();  // by family: the ascent's share of the font size, as the viewer draws it
  // The line box is a pitch high, around the glyphs (the selection covers them and rows meet), and
  // its baseline is where the canvas drew the glyphs' baseline.
  function placeLine(e) {
    const { y, size, pitch, baseline } = e.dataset;
    const ascent = ascents.get(face) ?? 0.8;
    e.style.top = `${+y + +baseline - (pitch - size) / 2 - ascent * size}px`;
  }
  function lines(json) {
    const layer = JSON.parse(json);
    const refit = layer.face !== face;
    face = layer.face;
    if (refit) for (const e of lineEls.values()) placeLine(e);
    inner.style.fontFamily = family();
    const order = [];
    const seen = new Set();
    const added = [];
    for (const [text, x, y, w, size, pitch, hard, baseline] of layer.lines) {
      const key = `${x}|${y}|${size}|${text}`;
      let e = lineEls.get(key);
      if (!e) {
        e = el('div', { class: 'line' });
        e.textContent = text;
        e.dataset.w = w;
        e.dataset.hard = hard;
        e.style.cssText = `left:${x}px;font-size:${size}px;line-height:${pitch}px;height:${pitch}px`;
        Object.assign(e.dataset, { y, size, pitch, baseline });
        placeLine(e);
        lineEls.set(key, e);
        added.push(e);
      }
      seen.add(key);
      order.push(e);
    }
    for (const [k, e] of lineEls) if (!seen.has(k)) { e.remove(); lineEls.delete(k); }
    arrange(inner, order);
    fit(refit ? order : added);
  }
  function place(json) {
    const p = JSON.parse(json);
    const [x0, y0, x1, y1] = p.clip;
    clip.hidden = !(x1 > x0 && y1 > y0);
    clip.style.cssText = `left:${x0}px;top:${y0}px;width:${Math.max(0, x1 - x0)}px;height:${Math.max(0, y1 - y0)}px`;
    inner.style.transform = `translate(${p.origin[0] - x0}px, ${p.origin[1] - y0}px)`;
    clip.classList.toggle('off', !p.on);
    if (p.title) groups.article.setAttribute('aria-label', p.title);
    else groups.article.removeAttribute('aria-label');
  }
  // A site font, once: the lines are measured again when it is in. Its size and line metrics are the
  // viewer's (size-adjust scales the overrides too), so CSS places its baseline where the canvas does.
  function font(faceIndex, bytes, em, ascent, descent) {
    if (typeof FontFace !== 'function') return;
    const pc = (v) => (v * 100).toFixed(4) + '%';
    const f = new FontFace(faceIndex < 0 ? 'folio-fallback' : 'folio-f' + faceIndex, bytes,
                           { sizeAdjust: pc(em), ascentOverride: pc(ascent), descentOverride: pc(descent), lineGapOverride: '0%' });
    document.fonts.add(f);
    if (faceIndex >= 0) ascents.set(faceIndex, ascent / (ascent + descent));
    for (const e of lineEls.values()) placeLine(e);
    f.load().then(() => fit(Array.from(lineEls.values())), () => {});
  }

  // The selected text of the reader's lines, as the post has it: a wrapped line runs on into the next
  // (its text ends with the space the wrap took), a line break or a block's end is a newline. null
  // when nothing in the layer is selected.
  function selectedText() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!range.intersectsNode(inner)) return null;
    const parts = [];
    for (const e of inner.children) {
      if (!e.firstChild || !range.intersectsNode(e.firstChild)) continue;
      const r = document.createRange();
      r.selectNodeContents(e.firstChild);
      if (range.compareBoundaryPoints(Range.START_TO_START, r) > 0) r.setStart(range.startContainer, range.startOffset);
      if (range.compareBoundaryPoints(Range.END_TO_END, r) < 0) r.setEnd(range.endContainer, range.endOffset);
      parts.push([r.toString(), e.dataset.hard === '1']);
    }
    if (!parts.length) return null;
    return parts.map(([t, hard], i) => t + (hard && i < parts.length - 1 ? '\n' : '')).join('');
  }
  document.addEventListener('copy', (e) => {
    const text = selectedText();
    if (text === null) return;
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
  });

  // Input on the lines that is not selection goes on to the canvas, which would have had it.
  const forward = (e) => canvas.dispatchEvent(new e.constructor(e.type, e));
  clip.addEventListener('mousemove', forward);
  clip.addEventListener('wheel', (e) => { e.preventDefault(); forward(e); }, { passive: false });
  clip.addEventListener('click', (e) => {  // a click that selected nothing: as on the canvas (links)
    if (!window.getSelection().isCollapsed) return;
    canvas.dispatchEvent(new MouseEvent('mousedown', e));
    canvas.dispatchEvent(new MouseEvent('mouseup', e));
  });
  const touches = (list) => Array.from(list, (t) => new Touch({ identifier: t.identifier, target: canvas, clientX: t.clientX,
    clientY: t.clientY, pageX: t.pageX, pageY: t.pageY, screenX: t.screenX, screenY: t.screenY }));
  for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel'])
    clip.addEventListener(type, (e) => {
      if (typeof Touch !== 'function') return;
      canvas.dispatchEvent(new TouchEvent(type, { bubbles: true, cancelable: true, touches: touches(e.touches),
        targetTouches: touches(e.targetTouches), changedTouches: touches(e.changedTouches) }));
    }, { passive: true });
  // A press on the canvas ends a selection in the layer, as a click elsewhere on a page does.
  canvas.addEventListener('mousedown', (e) => { if (e.isTrusted && selectedText() !== null) window.getSelection().removeAllRanges(); });
  // The browser's find scrolls the hidden-overflow rectangle to a match: the reader scrolls instead.
  clip.addEventListener('scroll', () => {
    const dy = clip.scrollTop;
    clip.scrollTop = 0;
    clip.scrollLeft = 0;
    if (dy) viewerCall('_folio_layer_scroll', dy);
  });

  return { nodes, lines, place, font, selectedText };
})();

// [SECTION] Page services

// For the viewer: the URL hash and history, bookmarks and the theme in storage, links, images on
// request and "open as page". Post text only ever reaches the DOM as text nodes.
(function pageServices() {
  const OPENABLE = ['http:', 'https:', 'mailto:'];
  // The site's folder on this origin: two archives on one origin keep separate bookmarks.
  const site = location.pathname.replace(/[^/]*$/, '');
  const marksKey = 'marks:' + site;
  const themeKey = 'theme';
  const languageKey = 'language:' + site;  // the interface language chosen on this site
  const prefs = window.folioPrefs;
  const dark = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  // The page's own words, in English until the viewer sends them in the interface language (setLanguage,
  // from the table in src/core/src/ui_text.cpp); {0} is the argument.
  const words = {
    imageLoading: 'Loading the image\u2026', imageLoadingAlt: '{0} (loading\u2026)',
    imageNotHttp: 'This image cannot be shown (not an http or https address).',
    imageFailed: 'The image could not be loaded (offline, moved, or blocked by its site). Click to close.',
    untitled: 'Untitled', image: '[image]', imageAlt: '[image: {0}]',
  };
  // A word with its {0}, {1}, ... filled in; listeners hear when the language changes.
  const say = (key, ...args) => (words[key] || '').replace(/\{(\d)\}/g, (m, i) => (i < args.length ? String(args[i]) : m));
  const languageListeners = [];

  // Checked again here, whatever the viewer decided: only http, https and mailto open.
  function safeUrl(href) {
    try {
      const u = new URL(href);
      return OPENABLE.includes(u.protocol) ? u.href : null;
    } catch (e) { return null; }
  }

  // Back/forward, a pasted link, an edited hash: the viewer follows.
  const hashIn = () => viewerCall('_folio_hash_changed', location.hash);
  window.addEventListener('hashchange', hashIn);
  window.addEventListener('popstate', hashIn);
  if (dark) dark.addEventListener('change', () => {
    if (!prefs.load(themeKey)) viewerCall('_folio_theme_changed', dark.matches ? 1 : 0);
  });

  function setTheme(isDark) { document.documentElement.dataset.theme = isDark ? 'dark' : 'light'; }

  // The lightbox for an image shown on request (never loaded before the click).
  function showImage(url, alt) {
    const safe = safeUrl(url);
    let box = document.getElementById('lightbox');
    if (box) box.remove();
    box = document.createElement('div');
    box.id = 'lightbox';
    box.setAttribute('role', 'dialog');
    const note = document.createElement('p');
    note.textContent = alt ? say('imageLoadingAlt', alt) : say('imageLoading');
    box.appendChild(note);
    const close = () => { box.remove(); Module.canvas.focus({ preventScroll: true }); };
    box.addEventListener('click', close);
    box.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.stopPropagation(); close(); } });
    box.tabIndex = -1;
    document.body.appendChild(box);
    box.focus({ preventScroll: true });
    if (!safe || !/^https?:/.test(safe)) {
      note.textContent = say('imageNotHttp');
      viewerCall('_folio_image_status', url, 2);
      return;
    }
    const img = new Image();
    img.referrerPolicy = 'no-referrer';
    img.alt = alt || '';
    img.onload = () => { note.textContent = alt || ''; box.insertBefore(img, note); viewerCall('_folio_image_status', url, 1); };
    img.onerror = () => {
      note.textContent = say('imageFailed');
      viewerCall('_folio_image_status', url, 2);
    };
    img.src = safe;
  }

  // A plain page of the post, built with DOM nodes (text only, no script) from the reader's JSON
  // (reader_open_page in src/app/panel_reader.cpp): blocks with their kind as the model names it
  // (block_kind_name in src/core/src/model.cpp), runs of [text, href or null], cells, a level.
  function buildPage(post) {
    const doc = document.implementation.createHTMLDocument('');
    doc.documentElement.lang = document.documentElement.lang;
    const meta = (attrs) => { const m = doc.createElement('meta'); for (const k in attrs) m.setAttribute(k, attrs[k]); doc.head.appendChild(m); };
    meta({ charset: 'utf-8' });
    meta({ 'http-equiv': 'Content-Security-Policy', content: "default-src 'none'; style-src " + location.origin + "; img-src 'none'" });
    meta({ name: 'viewport', content: 'width=device-width, initial-scale=1' });
    doc.title = post.title || say('untitled');
    const css = doc.createElement('link');
    css.rel = 'stylesheet';
    css.href = new URL('folio-page.css', location.href).href;
    doc.head.appendChild(css);
    const el = (tag, text) => { const e = doc.createElement(tag); if (text) e.textContent = text; return e; };
    const article = el('article');
    article.appendChild(el('h1', post.title || say('untitled')));
    const byline = el('p');
    byline.className = 'meta';
    byline.textContent = post.meta || '';
    article.appendChild(byline);
    const link = (text, href) => {
      const url = href && safeUrl(href);
      if (!url) return doc.createTextNode(text);
      const a = el('a', text);
      a.href = url;
      a.rel = 'noopener noreferrer';
      return a;
    };
    if (post.source) {
      const p = el('p');
      p.className = 'meta';
      p.appendChild(link(post.source, post.source));
      article.appendChild(p);
    }
    if (post.tags && post.tags.length) {
      const p = el('p', post.tags.map((t) => '#' + t).join('  '));
      p.className = 'meta';
      article.appendChild(p);
    }
    let list = null, table = null, quote = [article];
    for (const b of post.blocks || []) {
      const runs = (into) => { for (const [text, href] of b.runs || []) into.appendChild(link(text, href)); return into; };
      // Blockquote nesting: open or close <blockquote>s to the block's depth.
      const depth = Math.min(b.quote || 0, 8);
      while (quote.length - 1 > depth) quote.pop();
      while (quote.length - 1 < depth) { const q = el('blockquote'); quote[quote.length - 1].appendChild(q); quote.push(q); }
      const parent = quote[quote.length - 1];
      if (b.kind !== 'li') list = null;
      if (b.kind !== 'tr') table = null;
      if (b.kind === 'li') {
        if (!list) { list = el(b.number ? 'ol' : 'ul'); parent.appendChild(list); }
        const li = runs(el('li'));
        if (b.number) li.value = b.number;
        li.className = 'level' + Math.min(b.level || 1, 6);
        list.appendChild(li);
      } else if (b.kind === 'tr') {
        if (!table) { table = el('table'); parent.appendChild(table); }
        const tr = el('tr');
        for (const cell of b.cells || []) tr.appendChild(el(b.level === 1 ? 'th' : 'td', cell));
        table.appendChild(tr);
      } else if (b.kind === 'h') {
        parent.appendChild(runs(el('h' + Math.min(Math.max(b.level || 2, 2), 6))));
      } else if (b.kind === 'pre') {
        parent.appendChild(el('pre', b.text));
      } else if (b.kind === 'hr') {
        parent.appendChild(el('hr'));
      } else if (b.kind === 'img') {
        const fig = el('p');
        fig.className = 'image';
        fig.appendChild(link(b.text ? say('imageAlt', b.text) : say('image'), b.url));
        parent.appendChild(fig);
      } else {
        const p = runs(el('p'));
        if (b.kind === 'cap') p.className = 'caption';
        parent.appendChild(p);
      }
    }
    doc.body.appendChild(article);
    return '<!doctype html>\n' + doc.documentElement.outerHTML;
  }

  // A file made here, handed to the browser's download (exports: no server involved).
  function download(name, data, type = 'application/json') {
    const url = URL.createObjectURL(new Blob([data], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  window.folioPage = {
    site,
    loaded: () => registerOffline(),  // from the viewer: every post's metadata is in
    offersOffline: offlineOffered,
    // The viewer's "Offline" button; folio-offline.js replaces this. Pressed before the archive is
    // open, it loads that script now, which opens its panel.
    offlineOpen() {
      window.folioPage.offlineWanted = true;
      registerOffline();
    },
    hash: () => location.hash,
    // From the viewer: the view changed. push for navigation (a history entry), else replace.
    setHash(hash, push) {
      const url = location.pathname + location.search + (hash || '');
      if (url === location.pathname + location.search + location.hash) return;
      if (push) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    },
    theme() {
      const stored = prefs.load(themeKey);
      const isDark = stored ? stored === 'dark' : !(dark && !dark.matches);
      setTheme(isDark);
      return isDark ? 1 : 0;
    },
    saveTheme(isDark) { setTheme(isDark); prefs.save(themeKey, isDark ? 'dark' : 'light'); },
    // The interface language (src/app/language.cpp decides it): the stored choice, the browser's
    // preferred languages, and the one in use, which <html lang> follows.
    storedLanguage: () => prefs.load(languageKey) || '',
    languages: () => (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || '']).join(','),
    setLanguage(code, save, strings) {
      document.documentElement.lang = code;
      Object.assign(words, strings || {});
      if (save) prefs.save(languageKey, code);
      for (const listener of languageListeners) listener();
    },
    // For folio-offline.js: the page's words (from the viewer's table) and their changes.
    say,
    onLanguage: (listener) => languageListeners.push(listener),
    loadMarks: () => prefs.load(marksKey) || '',
    saveMarks: (json) => prefs.save(marksKey, json),
    exportMarks() {
      const name = 'folio-bookmarks' + (site.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '') || '') + '.json';
      download(name, prefs.load(marksKey) || '{"format":"folio-marks","version":1,"bookmarks":[],"read":[]}');
    },
    importMarks() {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = 'application/json,.json';
      input.addEventListener('change', () => {
        const file = input.files && input.files[0];
        if (!file) return;
        if (file.size > 64 * 1024 * 1024) { viewerCall('_folio_marks_import', ''); return; }
        file.text().then((text) => viewerCall('_folio_marks_import', text), () => viewerCall('_folio_marks_import', ''));
      });
      input.click();
    },
    // From the viewer: an export (src/core export.h makes the bytes, UTF-8).
    download(name, type, bytes) { download(name, bytes, type); },
    openLink(href) {
      const url = safeUrl(href);
      if (!url) return;
      window.folio.test.opened.push(url);
      window.open(url, '_blank', 'noopener,noreferrer');
    },
    showImage,
    openPage(json) {
      const url = URL.createObjectURL(new Blob([buildPage(JSON.parse(json))], { type: 'text/html' }));
      window.folio.test.opened.push(url);
      window.open(url, '_blank');
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    },
  };
})();

// [SECTION] Start

(function loadApp() {
  if (window.folio.singleFile) return;  // app.js follows inline
  const script = document.createElement('script');
  script.src = 'app.js';
  script.onerror = () => folioShowError('app.js is missing from this site folder; rebuild it with folio build.');
  document.body.appendChild(script);
})();
