// Page glue: sets up the Emscripten Module, shows boot errors as text, and exposes window.folio.
'use strict';

function folioShowError(message) {
  const el = document.getElementById('boot');
  el.textContent = message;  // text only: nothing reaches the DOM as HTML
  el.className = 'error';
  el.hidden = false;
}
window.folioShowError = folioShowError;

var Module = {
  canvas: document.getElementById('canvas'),
  print: (text) => console.log(text),
  printErr: (text) => console.error(text),
  locateFile: (path) => path,  // relative to the page, so any sub-path works
  onRuntimeInitialized: () => { document.getElementById('boot').hidden = true; },
  // app.wasm comes through window.folio.openFile too: network, single file or picked folder.
  instantiateWasm: (imports, done) => {
    window.folio.openFile('app.wasm').then((response) => {
      if (!response.ok) throw new Error('app.wasm: HTTP ' + response.status);
      const streaming = WebAssembly.instantiateStreaming &&
                        (response.headers.get('Content-Type') || '').startsWith('application/wasm');
      return streaming ? WebAssembly.instantiateStreaming(response, imports)
                       : response.arrayBuffer().then((bytes) => WebAssembly.instantiate(bytes, imports));
    }).then((out) => done(out.instance, out.module))
      .catch((e) => folioShowError('The viewer could not start (' + e.message + '); rebuild the site with folio build.'));
    return {};
  },
  onAbort: (what) => folioShowError('The viewer stopped: ' + what +
                                    '. The site may be incomplete; rebuild it with folio build.'),
};

// The test hook: a JSON snapshot of the viewer's state.
window.folio = {
  state: () => (Module._folio_state_json
                ? JSON.parse(Module.UTF8ToString(Module._folio_state_json()))
                : { load: 'boot' }),
  // Per font face: code points checked against the baked atlas, and how many had no glyph.
  glyphCheck: () => JSON.parse(Module.UTF8ToString(Module._folio_glyph_check())),
  // Puts text in the search box as if typed; results follow within a frame or two.
  setQuery: (text) => {
    const n = Module.lengthBytesUTF8(text) + 1;
    const p = Module._malloc(n);
    Module.stringToUTF8(text, p, n);
    Module._folio_set_query(p);
    Module._free(p);
  },
};

// Where site files come from: the bytes inlined by `folio build --single-file`, a folder the reader
// picked or dropped (pages opened from file://, where browsers refuse to fetch), or the network.
(function siteFiles() {
  const inline = new Map();  // path -> base64 text, in single-file builds
  for (const el of document.querySelectorAll('script[type="application/x-folio-file"]')) inline.set(el.dataset.path, el);
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
  window.folio.openFile = (url) => {
    const path = url.replace(/^\.\//, '');
    if (inline.size) return Promise.resolve(inline.has(path) ? new Response(decodeBase64(inline.get(path))) : missing());
    if (folder) return fromFolder(path);
    return fetch(url).catch((error) => {
      if (location.protocol !== 'file:') throw error;
      showFolderPanel();
      return new Promise((resolve) => waiting.push(resolve)).then(() => fromFolder(path));
    });
  };

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
  // Takes the files if they hold a site (maybe one folder down); else says what was wrong.
  function useFolder(files) {
    const roots = [...files.keys()].filter((k) => k.endsWith('data/manifest.json'))
      .map((k) => k.slice(0, -'data/manifest.json'.length)).filter((r) => r === '' || r.endsWith('/'))
      .sort((a, b) => a.length - b.length);
    if (!roots.length) {
      note.textContent = 'That folder holds no Folio site (no data/manifest.json). Choose the folder with index.html and data/ in it.';
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
      'Click "Open archive folder" and choose this site\'s folder (the one with index.html and data/ in it), or drop ' +
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

// Offline copy: the service worker (sw.js, written by folio build) keeps every file of this build.
(function offline() {
  if (window.folio.singleFile || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  const updating = !!navigator.serviceWorker.controller;
  // A new build took over (its worker activated): reload into it rather than mix old and new files.
  navigator.serviceWorker.addEventListener('controllerchange', () => { if (updating) location.reload(); });
  navigator.serviceWorker.register('sw.js').catch((e) => console.warn('no offline copy:', e.message));
})();

(function loadApp() {
  if (window.folio.singleFile) return;  // app.js follows inline
  const script = document.createElement('script');
  script.src = 'app.js';
  script.onerror = () => folioShowError('app.js is missing from this site folder; rebuild it with folio build.');
  document.body.appendChild(script);
})();

// Text input bridge. The canvas gets no IME composition events, so while the viewer's search box
// is active a hidden <input> holds the keyboard focus. Plain key presses still reach the viewer
// through SDL (which cancels their keypress, so the input never sees them); the input receives
// what SDL cannot: composed text from Chinese, Japanese and Korean input methods, pastes, and
// text inserted without key presses (virtual keyboards, emoji pickers), and commits it.
(function textBridge() {
  const ime = document.createElement('input');
  ime.id = 'ime';
  ime.type = 'text';
  ime.autocomplete = 'off';
  ime.spellcheck = false;
  ime.setAttribute('aria-label', 'Search the archive');
  document.body.appendChild(ime);
  let composing = false;

  function toWasm(fn, text) {
    const n = Module.lengthBytesUTF8(text) + 1;
    const p = Module._malloc(n);
    Module.stringToUTF8(text, p, n);
    Module[fn](p);
    Module._free(p);
  }
  const commit = (text) => { if (text) toWasm('_folio_text_commit', text); };

  // Keys that belong to the input method or to paste must not reach SDL's window listener:
  // it would act on them (Backspace inside a composition) or cancel them (Ctrl+V).
  ime.addEventListener('keydown', (e) => {
    const paste = (e.ctrlKey || e.metaKey) && (e.key === 'v' || e.key === 'V');
    if (composing || e.isComposing || e.keyCode === 229 || paste) e.stopPropagation();
  });
  ime.addEventListener('compositionstart', () => { composing = true; });
  ime.addEventListener('compositionupdate', (e) => toWasm('_folio_text_preedit', e.data || ''));
  ime.addEventListener('compositionend', (e) => {
    composing = false;
    toWasm('_folio_text_preedit', '');
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

  window.folioText = {
    // Called by the viewer when its search box gains or loses focus; x, y, w, h in CSS pixels.
    focus(x, y, w, h) {
      Object.assign(ime.style, { left: x + 'px', top: y + 'px', width: w + 'px', height: h + 'px' });
      ime.focus({ preventScroll: true });
    },
    blur() {
      composing = false;
      ime.value = '';
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
