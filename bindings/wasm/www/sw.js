// The calculator page's service worker. Once the page has been visited it
// works with no network at all: the page, its modules, the engine (the
// WebAssembly module and its JS glue, with every embedded rubric) and the
// icons are kept in a cache named after the build, and served from there.
//
// build-info.js (written by bindings/wasm/build.sh) names the build (a hash
// of every file below) and lists the files. A new build changes it, so the
// browser installs the new worker beside the old one; the page then offers
// to reload, and only on that request does the new worker take over
// ("skip-waiting") and delete the old caches. Requests for anything else
// (another service on the same origin, say) are not touched.

importScripts("./build-info.js");

const BUILD = self.IID_BUILD;
const PREFIX = "iid-page-";
const CACHE = PREFIX + BUILD.id;
/** The page's address (the folder of this script) and index.html both mean the page. */
const PAGE = new URL("./", self.location.href).href;
const FILES = new Set(BUILD.files.map((f) => new URL(f, PAGE).href));

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // Straight from the server, not from the HTTP cache: one build, whole.
      await cache.addAll(BUILD.files.map((f) => new Request(new URL(f, PAGE), { cache: "reload" })));
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  let key = url.href;
  if (key === PAGE + "index.html" || (request.mode === "navigate" && key === PAGE)) key = PAGE;
  if (!FILES.has(key)) return; // not the page's: the network answers
  event.respondWith(
    (async () => {
      const cached = await caches.match(key, { cacheName: CACHE });
      return cached ? plain(cached) : fetch(request);
    })(),
  );
});

/** A response a navigation may use (a redirected one may not). */
function plain(response) {
  if (!response.redirected) return response;
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
