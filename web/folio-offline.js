// folio-offline.js: "Keep this archive offline", the reader's choice to copy the whole archive into the
// browser. folio-shell.js loads it, with the service worker, once the archive is open, on pages served
// over http(s). The service worker (sw.js) caches the app and the data files the page reads; this
// fills the same data cache with every data file of the build, which `folio build` lists in a
// data/offline-* file named in index.html (#folio-offline: the list, its file count, the site's bytes).
//
// The copy runs in the page, a few files at a time at low priority, and can be paused and resumed; the
// choice (keep, paused) is stored per site, so a reload carries on where it stopped. Data files are
// named by their content, so after a rebuild only new names are fetched and names the build no longer
// has are dropped. The viewer shows a button with the state (window.folioPage.offlineOpen opens this
// panel; the label reaches it through _folio_offline_status).
'use strict';
(function offlineCopy() {
  const block = document.getElementById('folio-offline');
  if (!block || !window.caches || !window.folioPage) return;
  const info = JSON.parse(block.textContent);  // { list, files, bytes }
  const SCOPE = new URL('./', location.href).href;  // the service worker's default scope: this folder
  const DATA = 'folio:' + SCOPE + ':data';           // the cache sw.js serves data files from
  const DATA_FILE = /^data\/[^/?#]+-[0-9a-f]{12}\.[^/?#]+$/;
  const prefs = window.folioPrefs;
  const choiceKey = 'offline:' + window.folioPage.site;
  const OWN = { 'x-folio-offline': '1' };  // the worker leaves these requests alone: the copy stores them

  const loadChoice = () => { try { return JSON.parse(prefs.load(choiceKey)) || {}; } catch (e) { return {}; } };
  let choice = loadChoice();  // { keep, paused }
  const saveChoice = () => prefs.save(choiceKey, JSON.stringify(choice));
  // state: 'none' (no copy kept), 'checking', 'downloading', 'paused', 'complete', 'error'
  const st = { state: choice.keep ? (choice.paused ? 'paused' : 'checking') : 'none', done: 0, total: 0,
               filesDone: 0, files: 0, error: '', persisted: null, usage: null, quota: null };
  let running = null;  // the download's promise while one runs

  const abs = (path) => new URL(path, SCOPE).href;
  const mb = (n) => (n >= 1e9 ? (n / 1e9).toFixed(2) + ' GB' : (n / 1e6).toFixed(n >= 1e7 ? 0 : n >= 1e6 ? 1 : 2) + ' MB');
  const percent = () => (st.total ? Math.floor((100 * st.done) / st.total) : 0);
  const say = window.folioPage.say;  // the interface language's words (src/core/src/ui_text.cpp, by way of the viewer)

  // The list of this build's data files: from the cache when an earlier visit kept it.
  async function readList(cache) {
    const url = abs(info.list);
    let response = await cache.match(url);
    if (!response) {
      response = await fetch(url, { headers: OWN });
      if (!response.ok) throw new Error(info.list + ': HTTP ' + response.status);
      await cache.put(url, response.clone());
    }
    let bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] === 0x1f && bytes[1] === 0x8b)  // stored gzipped (unless the server decoded it)
      bytes = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
    const files = JSON.parse(new TextDecoder().decode(bytes)).files;
    return new Map([[url, 0], ...files.map(([path, n]) => [abs(path), n])]);
  }

  // Fetches every listed file the cache lacks, three at a time, until done or paused.
  async function copy() {
    const cache = await caches.open(DATA);
    const want = await readList(cache);
    const have = new Set((await cache.keys()).map((r) => r.url));
    for (const url of have) if (!want.has(url)) await cache.delete(url);  // an older build's files
    const todo = [...want].filter(([url]) => !have.has(url));
    st.files = want.size;
    st.filesDone = want.size - todo.length;
    st.total = [...want.values()].reduce((a, b) => a + b, 0);
    st.done = st.total - todo.reduce((a, [, n]) => a + n, 0);
    st.state = 'downloading';
    update();
    let next = 0;
    const worker = async () => {
      while (next < todo.length && choice.keep && !choice.paused) {
        const [url, n] = todo[next++];
        const response = await fetch(url, { headers: OWN, priority: 'low' });
        if (!response.ok) throw new Error(url.slice(SCOPE.length) + ': HTTP ' + response.status);
        await cache.put(url, response);
        st.done += n;
        st.filesDone += 1;
        update();
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    if (!choice.keep) return;
    st.state = st.filesDone === st.files ? 'complete' : 'paused';
  }

  function start() {
    if (running || !choice.keep || choice.paused) return;
    st.state = 'checking';
    st.error = '';
    update();
    running = copy().catch((e) => { st.state = 'error'; st.error = e.message; })
      .finally(() => { running = null; update(); });
  }

  // The files a first visit read before the worker controlled the page: into the cache as well, from
  // the browser's HTTP cache (force-cache: any stored copy of a content-named file is right).
  async function adopt() {
    const cache = await caches.open(DATA);
    for (const entry of performance.getEntriesByType('resource')) {
      const href = entry.name.split(/[?#]/)[0];
      if (!href.startsWith(SCOPE) || !DATA_FILE.test(href.slice(SCOPE.length)) || await cache.match(href)) continue;
      const response = await fetch(href, { headers: OWN, cache: 'force-cache' }).catch(() => null);
      if (response && response.status === 200) await cache.put(href, response);
    }
  }

  async function keep() {
    choice = { keep: true, paused: false };
    saveChoice();
    if (navigator.storage && navigator.storage.persist) st.persisted = await navigator.storage.persist().catch(() => false);
    await estimate();
    if (st.quota !== null && st.quota - st.usage < info.bytes - st.done) {
      choice = {};
      saveChoice();
      st.state = 'error';
      st.error = say('offlineNoSpace', mb(st.quota - st.usage));
      update();
      return;
    }
    start();
  }
  function pause() {
    choice.paused = true;
    saveChoice();
    st.state = 'paused';
    update();
  }
  function resume() {
    choice.paused = false;
    saveChoice();
    start();
  }
  async function remove() {
    choice = {};
    saveChoice();
    if (running) await running;
    await caches.delete(DATA);
    Object.assign(st, { state: 'none', done: 0, filesDone: 0, error: '' });
    await estimate();
    update();
  }
  async function estimate() {
    if (!navigator.storage || !navigator.storage.estimate) return;
    const e = await navigator.storage.estimate().catch(() => null);
    if (e) { st.usage = e.usage; st.quota = e.quota; }
    if (navigator.storage.persisted) st.persisted = await navigator.storage.persisted().catch(() => null);
  }

  // [the panel] HTML over the viewer, built when first opened; text only.
  let panel = null;
  const el = (tag, props = {}) => Object.assign(document.createElement(tag), props);
  function build() {
    panel = el('div', { id: 'offline', tabIndex: -1 });
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-labelledby', 'offline-title');
    const box = el('div', { className: 'box' });
    box.append(el('h2', { id: 'offline-title' }),
               el('p', { className: 'size' }), el('p', { className: 'storage' }),
               el('progress', { max: 100, value: 0 }), el('p', { className: 'status' }));
    const buttons = el('div', { className: 'buttons' });
    const button = (name, action) => {
      const b = el('button', { type: 'button', className: name });
      b.addEventListener('click', action);
      buttons.appendChild(b);
    };
    button('keep', keep);
    button('pause', pause);
    button('resume', resume);
    button('remove', remove);
    button('close', close);
    box.appendChild(buttons);
    panel.appendChild(box);
    panel.addEventListener('click', (e) => { if (e.target === panel) close(); });
    panel.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.stopPropagation(); close(); } });
    document.body.appendChild(panel);
  }
  function render() {
    if (!panel || panel.hidden) return;
    const q = (sel) => panel.querySelector(sel);
    q('#offline-title').textContent = say('offlineTitle');
    for (const [name, key] of [['keep', 'offlineTitle'], ['pause', 'offlinePause'], ['resume', 'offlineResume'],
                               ['remove', 'offlineRemove'], ['close', 'offlineClose']])
      q('.' + name).textContent = say(key);
    q('.size').textContent = say('offlineSize', mb(info.bytes), info.files.toLocaleString(document.documentElement.lang || 'en'));
    q('.storage').textContent = st.quota === null ? '' : say('offlineStorage', mb(st.quota), mb(st.usage),
      st.persisted ? say('offlinePersisted') : st.persisted === false ? say('offlineMayClear') : '').trim();
    const active = st.state === 'downloading' || st.state === 'checking';
    q('progress').hidden = st.state === 'none';
    q('progress').value = percent();
    const status = {
      none: () => say('offlineNone'),
      checking: () => say('offlineChecking'),
      downloading: () => say('offlineDownloading', percent(), mb(st.done), mb(st.total), st.filesDone, st.files),
      paused: () => (st.total ? say('offlinePausedAt', percent(), mb(st.done), mb(st.total)) : say('offlinePaused')),
      complete: () => say('offlineComplete', mb(st.total)),
      error: () => say('offlineStopped', st.error),
    }[st.state]();
    q('.status').textContent = status;
    q('.keep').hidden = choice.keep;
    q('.pause').hidden = !choice.keep || choice.paused || !active;
    q('.resume').hidden = !choice.keep || !(choice.paused || st.state === 'error');
    q('.remove').hidden = !choice.keep && st.state !== 'error';
  }
  function open() {
    if (!panel) build();
    panel.hidden = false;
    panel.focus({ preventScroll: true });
    render();
    estimate().then(render);
    // A kept copy that is paused: how far it got, without fetching anything but the list.
    if (choice.keep && choice.paused && !st.total) caches.open(DATA).then(async (cache) => {
      const want = await readList(cache);
      const have = new Set((await cache.keys()).map((r) => r.url));
      st.files = want.size;
      st.total = [...want.values()].reduce((a, b) => a + b, 0);
      st.filesDone = 0;
      st.done = 0;
      for (const [url, n] of want) if (have.has(url)) { st.done += n; st.filesDone += 1; }
      render();
    }).catch(() => {});
  }
  function close() {
    if (!panel) return;
    panel.hidden = true;
    if (window.Module && Module.canvas) Module.canvas.focus({ preventScroll: true });
  }

  // The viewer's button label.
  let lastLabel = '';
  function update() {
    render();
    const label = { none: () => say('offlineButton'), checking: () => say('offlineButton'),
                    downloading: () => say('offlineButtonPercent', percent()), paused: () => say('offlineButtonPaused'),
                    complete: () => say('offlineButtonSaved'), error: () => say('offlineButtonStopped') }[st.state]();
    if (label === lastLabel) return;
    lastLabel = label;
    viewerCall('_folio_offline_status', label);  // folio-shell.js
  }

  window.folioPage.offlineOpen = open;
  if (window.folioPage.offlineWanted) open();  // the button was pressed before this script came
  window.folioPage.onLanguage(update);  // the button and the panel follow the interface language
  window.folio.test.offline = () => ({ ...st, keep: !!choice.keep, paused: !!choice.paused, running: !!running });
  update();
  navigator.serviceWorker.ready.then(adopt).catch(() => {}).finally(start);
})();
