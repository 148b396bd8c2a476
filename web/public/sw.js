/*
 * Orpaille's service worker (docs/web.md, "Field capture"): keeps the app shell so the field capture page opens
 * without a network. `/` is network-first (a new build arrives as soon as the server is reachable) with the cached
 * copy as the fallback; `/assets/*` are content-hashed, so cache-first is safe, and all of them are cached on
 * install (PRECACHE, written by the build). Each build has its own cache; the old ones go on activation. API
 * calls are never cached here: the capture page keeps its own data in IndexedDB.
 */
const PRECACHE = []; const BUILD = 'dev'; // filled in by the build (web/build/precache.ts)
const SHELL = `orpaille-shell-${BUILD}`;
const STATIC = ['/manifest.webmanifest', '/icon.svg', '/icon-192.png', '/icon-512.png'];

/**
 * The page and every asset file of the build, so that the first offline visit finds everything, pages never
 * opened online included (each page is a chunk loaded on first visit). The files the page names are added too,
 * for the unbuilt worker of `vite` dev, whose PRECACHE is empty.
 */
async function cacheShell() {
  const cache = await caches.open(SHELL);
  const page = await fetch('/', { cache: 'no-cache' });
  if (!page.ok) return;
  const html = await page.clone().text();
  const assets = [...new Set([...PRECACHE, ...(html.match(/\/assets\/[^"'()\s>]+/g) || [])])];
  await cache.put('/', page);
  await cache.addAll([...assets, ...STATIC]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(SHELL);
  try {
    const fresh = await fetch(request);
    if (fresh.ok) await cache.put('/', fresh.clone());
    return fresh;
  } catch (err) {
    const kept = await cache.match('/');
    if (kept) return kept;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const kept = await cache.match(request);
  if (kept) return kept;
  const fresh = await fetch(request);
  if (fresh.ok) await cache.put(request, fresh.clone());
  return fresh;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname === '/') event.respondWith(networkFirst(request));
  else if (url.pathname.startsWith('/assets/') || STATIC.includes(url.pathname)) event.respondWith(cacheFirst(request));
});
