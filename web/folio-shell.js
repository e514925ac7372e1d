// Page glue: sets up the Emscripten Module, shows boot errors as text, and exposes window.folio.
'use strict';

function folioShowError(message) {
  const el = document.getElementById('boot');
  el.textContent = message;  // text only: nothing reaches the DOM as HTML
  el.className = 'error';
  el.hidden = false;
}
window.folioShowError = folioShowError;

// Small settings kept across visits (the text size); nothing when storage is blocked.
window.folioPrefs = {
  load(key) { try { return localStorage.getItem('folio.' + key); } catch (e) { return null; } },
  save(key, value) { try { localStorage.setItem('folio.' + key, value); } catch (e) { /* private mode */ } },
};

var Module = {
  canvas: document.getElementById('canvas'),
  print: (text) => console.log(text),
  printErr: (text) => console.error(text),
  locateFile: (path) => path,  // relative to the page, so any sub-path works
  onRuntimeInitialized: () => { document.getElementById('boot').hidden = true; },
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
  // Looks up every character of text as font face `face` draws it (glyphs brought in first):
  // how many fell back to the replacement glyph though a font covers them, and which no font covers.
  glyphDrawCheck: (face, text) => {
    const n = Module.lengthBytesUTF8(text) + 1;
    const p = Module._malloc(n);
    Module.stringToUTF8(text, p, n);
    const out = JSON.parse(Module.UTF8ToString(Module._folio_glyph_draw_check(face, p)));
    Module._free(p);
    return out;
  },
  // Lowers the atlas texture limit (0 restores 4096) to exercise on-demand glyphs; bakes again.
  setAtlasLimit: (side) => Module._folio_set_atlas_limit(side),
  setFontSize: (px) => Module._folio_set_font_size(px),
  // Puts text in the search box as if typed; results follow within a frame or two.
  setQuery: (text) => {
    const n = Module.lengthBytesUTF8(text) + 1;
    const p = Module._malloc(n);
    Module.stringToUTF8(text, p, n);
    Module._folio_set_query(p);
    Module._free(p);
  },
};

(function loadApp() {
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
