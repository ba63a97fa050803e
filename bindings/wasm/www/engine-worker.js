// The engine's Web Worker (see engine.js): answers { id, op, doc, first }
// with { id, answer, ms } or { id, error, ms }, one request at a time,
// through the core's generic entry point (`first`: see background()). It
// runs the national module (the whole engine: the marginal table and the
// planner are there, not in the page's scoring module), which it fetches
// and compiles itself when it starts, off the page's thread.

import init, { callJson } from "./pkg/iid_national.js";
import { shorten } from "./engine.js";

const ready = init({ module_or_path: new URL("./pkg/iid_national_bg.wasm", import.meta.url) });

self.addEventListener("message", async (e) => {
  const m = e.data;
  await ready;
  const t0 = performance.now();
  try {
    const answer = shorten(callJson(m.op, m.doc), m.first);
    self.postMessage({ id: m.id, answer, ms: performance.now() - t0 });
  } catch (error) {
    const { message = String(error), code, path, layer } = error ?? {};
    self.postMessage({ id: m.id, error: { message, code, path, layer }, ms: performance.now() - t0 });
  }
});
