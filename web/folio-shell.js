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
  onAbort: (what) => folioShowError('The viewer stopped: ' + what +
                                    '. The site may be incomplete; rebuild it with folio build.'),
};

// The test hook: a JSON snapshot of the viewer's state.
window.folio = {
  state: () => (Module._folio_state_json
                ? JSON.parse(Module.UTF8ToString(Module._folio_state_json()))
                : { load: 'boot' }),
};

(function loadApp() {
  const script = document.createElement('script');
  script.src = 'app.js';
  script.onerror = () => folioShowError('app.js is missing from this site folder; rebuild it with folio build.');
  document.body.appendChild(script);
})();
