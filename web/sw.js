// The service worker: this build's app files, cached when it installs, and the archive's data files as
// the page reads them. Nothing else is downloaded on its own: a whole offline copy is the reader's
// choice ("Keep this archive offline", web/folio-offline.js, which fills the same data cache).
// `folio build` writes BUILD below: the app's files (every file not named by its content, with a hash
// of its bytes) and the offline list's name. Data files (data/<kind>-<12 hex>.<ext>) are named by a
// hash of their content, so any cached copy of one is right, for this build or the next. A rebuild
// changes this file: the browser installs the new worker, which copies the unchanged app files from
// the old cache and fetches the rest, then takes over (the page reloads into the new build).
'use strict';
const BUILD = /*folio:build*/{ "version": "dev", "app": [], "offline": "" }/*folio:build*/;
const SCOPE = self.registration.scope;          // the site's folder, wherever it is hosted
const PREFIX = 'folio:' + SCOPE + ':';           // one origin may host several sites
const APP = PREFIX + 'app:' + BUILD.version;     // this build's app files
const DATA = PREFIX + 'data';                    // data files of any build, by URL
const appKey = new Map(BUILD.app.map((f) => {
  const url = new URL(f.path, SCOPE).href;
  return [url, url + '?rev=' + f.rev];
}));
const DATA_FILE = /^data\/[^/?#]+-[0-9a-f]{12}\.[^/?#]+$/;
const isData = (href) => href.startsWith(SCOPE) && DATA_FILE.test(href.slice(SCOPE.length));

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(APP);
    const old = (await caches.keys()).filter((k) => k.startsWith(PREFIX + 'app:') && k !== APP);
    for (const [url, key] of appKey) {
      let hit;
      for (const name of old) if (!hit) hit = await (await caches.open(name)).match(key);
      // Revalidated, not downloaded again, when the browser's HTTP cache holds the same file.
      const response = hit || await fetch(url, { cache: 'no-cache' });
      if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
      await cache.put(key, response);
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys())
      if (name.startsWith(PREFIX + 'app:') && name !== APP) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // The offline download (folio-offline.js) stores what it fetches itself.
  if (request.method !== 'GET' || request.headers.has('x-folio-offline')) return;
  const url = new URL(request.url);
  let href = url.origin + url.pathname;
  if (href.endsWith('/')) href += 'index.html';
  const key = appKey.get(href);
  if (key) {
    event.respondWith(caches.open(APP).then((cache) => cache.match(key)).then((hit) => hit || fetch(request)));
    return;
  }
  if (!isData(href)) return;  // not part of the site (e.g. images on other hosts): the network as usual
  // A data file: from the cache, else from the network, kept for next time (what the reader read).
  event.respondWith((async () => {
    const cache = await caches.open(DATA);
    const hit = await cache.match(href);
    if (hit) return hit;
    const response = await fetch(request);
    if (response.status !== 200) return response;
    // Stored whole before the page reads it, so a page that stops reading holds nothing up here.
    await cache.put(href, response);
    return (await cache.match(href)) || fetch(request);
  })());
});
