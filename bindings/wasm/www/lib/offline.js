// Offline use: registers the service worker (sw.js), which keeps the page,
// the engine and its rubrics in a cache named after the build, and says
// when a newer build has been downloaded ("a new version is available,
// reload"). build.sh writes build-info.js (globalThis.IID_BUILD: the
// build's id and files); without it (an unbuilt page) nothing is
// registered and the page simply needs the network.

/**
 * Register the service worker. `onUpdate(reload)` is called when a new
 * version waits; reload() switches to it and reloads the page. `onReady()`
 * is called once this version is cached (the page then works offline).
 */
export async function startOffline({ onUpdate, onReady }) {
  if (!("serviceWorker" in navigator) || !globalThis.IID_BUILD) return;
  let registration;
  try {
    registration = await navigator.serviceWorker.register(new URL("../sw.js", import.meta.url), { updateViaCache: "none" });
  } catch {
    return; // not allowed here (a private window, an insecure origin): online only
  }
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // Only when asked: the first install also takes control of the page.
    if (reloading) location.reload();
  });
  const waiting = (worker) => {
    if (!navigator.serviceWorker.controller) return; // the first install: nothing to replace
    onUpdate(() => {
      reloading = true;
      worker.postMessage({ type: "skip-waiting" });
    });
  };
  if (registration.waiting) waiting(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed") waiting(worker);
    });
  });
  navigator.serviceWorker.ready.then(() => onReady?.());
  // A page left open for days still hears of new versions.
  setInterval(() => registration.update().catch(() => {}), 60 * 60 * 1000);
}
