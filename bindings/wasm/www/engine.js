// The engine: the one module of the page that calls the WebAssembly
// package (./pkg). Views ask it; they hold no scoring rule of their own.
//
// - Quick operations answer at once, on the page's thread: score,
//   applyChanges, rubric, rubrics, version, and call(op, doc) for any
//   operation of the core's generic entry point (`callJson`).
// - Slower ones (marginal and plan take tens of milliseconds on a region
//   of 200 innovations) go to a Web Worker (engine-worker.js) through
//   background(channel, op, doc), so typing never waits for them. Per
//   channel only the latest request is computed: a request still waiting
//   when a newer one arrives on its channel resolves to null.
//
// The page's thread runs the scoring module; the worker runs the national
// module (the whole engine, with the marginal table and the planner),
// which it fetches and compiles itself. Without workers (or if the worker
// fails) background work runs on the page's thread with the national
// module, after the current event.

import init, * as iid from "./pkg/iid_wasm.js";

let started;
let worker = null;
/** Requests not yet sent, by channel (insertion order is the order sent). */
const waiting = new Map();
/** The request being computed, or null. */
let running = null;
let serial = 0;

/** Load the engine (once; later calls return the same promise). */
export function start() {
  started ??= load();
  return started;
}

async function load() {
  const module = await compile(new URL("./pkg/iid_wasm_bg.wasm", import.meta.url));
  await init({ module_or_path: module });
  startWorker();
}

async function compile(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  const streaming = typeof WebAssembly.compileStreaming === "function" && (response.headers.get("content-type") ?? "").startsWith("application/wasm");
  return streaming ? WebAssembly.compileStreaming(response) : WebAssembly.compile(await response.arrayBuffer());
}

function startWorker() {
  if (typeof Worker !== "function") return;
  try {
    worker = new Worker(new URL("./engine-worker.js", import.meta.url), { type: "module", name: "iid-engine" });
  } catch {
    worker = null;
    return;
  }
  worker.addEventListener("message", (e) => {
    const { id, answer, error, ms } = e.data;
    if (running?.id !== id) return;
    finish(error ? { error: revive(error), ms } : { answer, ms });
  });
  worker.addEventListener("error", (e) => {
    // A worker that cannot start (or dies) is given up; its work is redone here.
    e.preventDefault?.();
    worker?.terminate();
    worker = null;
    if (running) {
      const job = running;
      running = null;
      waiting.set(job.channel, job);
      pump();
    }
  });
}

/** An engine error sent across postMessage (which keeps only plain data) as an Error again. */
function revive({ message, code, path, layer }) {
  return Object.assign(new Error(message), { code, path, layer });
}

// ------------------------------------------------------------- quick calls

/** Score a submission: the core's ScoreResult (throws the engine's Error). */
export const score = (submission, options) => iid.score(submission, options);
/** The submission with what-if changes applied, by the core's rules. */
export const applyChanges = (submission, changes, options) => iid.applyChanges(submission, changes, options);
/** A methodology's rubric document. */
export const rubric = (id) => iid.rubric(id);
/** The embedded methodologies. */
export const rubrics = () => iid.rubrics();
/** The engine's version. */
export const version = () => iid.version();
/** Any operation of the core, from one call document (`callJson`). */
export const call = (op, doc) => iid.callJson(op, doc);

// ----------------------------------------------------- the national module

let national;

/** Load the national module (the engine plus rank(), award(), history()
 *  and diff()), once, when a view first needs it: the scoring module
 *  stays small. */
export function nationalModule() {
  national ??= (async () => {
    const m = await import("./pkg/iid_national.js");
    await m.default({ module_or_path: await compile(new URL("./pkg/iid_national_bg.wasm", import.meta.url)) });
    return m;
  })();
  return national;
}

/** Rank many submissions (the core's `rank`): a list of submissions or
 *  JSON Lines text, with `award`, `mode`, `roster` options. */
export async function rank(submissions, options) {
  return (await nationalModule()).rank(submissions, options);
}

/** The embedded award definitions (the core's award catalog): id, name,
 *  year, status, clusters with their quotas; the first is the views'
 *  default. */
export async function awards() {
  return (await nationalModule()).awards();
}

/** Why the index changed between two submissions (the core's `diff`):
 *  the parts in a fixed order, each with `start`, `points` and `end`. */
export async function diff(old, current, options) {
  return (await nationalModule()).diff(old, current, options);
}

/** A region's years side by side (the core's `history`). */
export async function history(submissions, options) {
  return (await nationalModule()).history(submissions, options);
}

// ------------------------------------------------------- the office module

let office;

/** Load the office module (workbooks and the printable report), once,
 *  when a view first needs it: it is the largest module and most visits
 *  never need it. */
export function officeModule() {
  office ??= (async () => {
    const m = await import("./pkg/iid_wasm_office.js");
    await m.default({ module_or_path: await compile(new URL("./pkg/iid_wasm_office_bg.wasm", import.meta.url)) });
    return m;
  })();
  return office;
}

/** The fill-in workbook (.xlsx bytes) of a methodology id. */
export async function template(rubric) {
  return (await officeModule()).template(rubric);
}

/** A submission laid out in its methodology's workbook (.xlsx bytes). */
export async function writeWorkbook(submission) {
  return (await officeModule()).writeWorkbook(submission, undefined);
}

/** The submission a workbook holds (bytes of an .xlsx file); a bad cell
 *  throws with its sheet and cell as the path. */
export async function readWorkbook(bytes) {
  return (await officeModule()).readWorkbook(bytes);
}

/** The printable report of a submission: one self-contained HTML page
 *  (options `lang`, `date`, `mode`). */
export async function report(submission, options) {
  return (await officeModule()).report(submission, options);
}

// -------------------------------------------------------- background work

/**
 * Compute `op` on call document `doc` off the page's thread. Resolves to
 * { answer, ms } or { error, ms } (never rejects), where `ms` is the
 * engine's own time; or to null when a newer request on `channel`
 * replaced this one before it ran.
 *
 * `first` ({ items: 10 }, say) keeps only the first n entries of those
 * lists of the answer, and records each list's full length as
 * `<name>_total`: a long answer (marginal lists every step, thousands on
 * a large region) then crosses to the page in a fraction of the time.
 */
export function background(channel, op, doc, { first } = {}) {
  return new Promise((resolve) => {
    waiting.get(channel)?.resolve(null);
    waiting.set(channel, { channel, op, doc, first, resolve });
    pump();
  });
}

/** The answer with only the first n entries of the lists `first` names (see background). */
export function shorten(answer, first) {
  if (!first || answer == null || typeof answer !== "object") return answer;
  const out = { ...answer };
  for (const [name, n] of Object.entries(first)) {
    if (!Array.isArray(out[name])) continue;
    out[`${name}_total`] = out[name].length;
    out[name] = out[name].slice(0, n);
  }
  return out;
}

function pump() {
  if (running || waiting.size === 0) return;
  const [channel, job] = waiting.entries().next().value;
  waiting.delete(channel);
  running = job;
  job.id = ++serial;
  if (worker) {
    worker.postMessage({ id: job.id, op: job.op, doc: job.doc, first: job.first });
    return;
  }
  // Without a worker: the national module (it holds the planner) on the
  // page's thread, after the current event.
  setTimeout(async () => {
    let out;
    let t0 = performance.now();
    try {
      const full = await nationalModule();
      t0 = performance.now();
      out = { answer: shorten(full.callJson(job.op, job.doc), job.first) };
    } catch (error) {
      out = { error };
    }
    out.ms = performance.now() - t0;
    finish(out);
  });
}

function finish(out) {
  const job = running;
  running = null;
  job.resolve(out);
  pump();
}
