// Offline copy of this site: every file of one build, cached together and served cache-first.
// `folio build` writes the list below (each file with a hash of its bytes); a rebuild changes this
// file, so the browser installs the new worker, which copies unchanged files from the old cache,
// fetches the rest, then takes over (the page reloads into the new build).
'use strict';
const BUILD = /*folio:build*/{ "version": "dev", "files": [] }/*folio:build*/;
const SCOPE = self.registration.scope;          // the site's folder, wherever it is hosted
const PREFIX = 'folio:' + SCOPE + ':';           // one origin may host several sites
const CACHE = PREFIX + BUILD.version;
const keyOf = (f) => new URL(f.path, SCOPE).href + '?rev=' + f.rev;
const byUrl = new Map(BUILD.files.map((f) => [new URL(f.path, SCOPE).href, keyOf(f)]));

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const old = (await caches.keys()).filter((k) => k.startsWith(PREFIX) && k !== CACHE);
    // Four files at a time: thousands of requests at once would swamp the page it serves.
    let next = 0;
    const copy = async () => {
      for (let f; (f = BUILD.files[next++]);) {
        const key = keyOf(f);
        let hit;
        for (const name of old) if (!hit) hit = await (await caches.open(name)).match(key);
        if (hit) {
          await cache.put(key, hit);
          continue;
        }
        const response = await fetch(new URL(f.path, SCOPE), { cache: 'no-cache' });
        if (!response.ok) throw new Error(f.path + ': HTTP ' + response.status);
        await cache.put(key, response);
      }
    };
    await Promise.all([copy(), copy(), copy(), copy()]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET') return;
  const url = new URL(event.request.url);
  let href = url.origin + url.pathname;
  if (href.endsWith('/')) href += 'index.html';
  const key = byUrl.get(href);
  if (!key) return;  // not part of the site (e.g. images on other hosts): the network as usual
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(key)).then((hit) => hit || fetch(event.request)));
});
