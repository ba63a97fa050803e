// The engine's Web Worker (see engine.js): answers { id, op, doc, first }
// with { id, answer, ms } or { id, error, ms }, one request at a time,
// through the core's generic entry point (`first`: see background()). The first message brings the compiled
// WebAssembly module ({ module }); with { module: null } the worker loads
// it itself.

import init, { callJson, initSync } from "./pkg/iid_wasm.js";
import { shorten } from "./engine.js";

let ready = null;

self.addEventListener("message", async (e) => {
  const m = e.data;
  if ("module" in m) {
    ready = m.module ? Promise.resolve(initSync({ module: m.module })) : init();
    return;
  }
  await (ready ??= init());
  const t0 = performance.now();
  try {
    const answer = shorten(callJson(m.op, m.doc), m.first);
    self.postMessage({ id: m.id, answer, ms: performance.now() - t0 });
  } catch (error) {
    const { message = String(error), code, path, layer } = error ?? {};
    self.postMessage({ id: m.id, error: { message, code, path, layer }, ms: performance.now() - t0 });
  }
});
