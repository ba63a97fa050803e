// The draft: the submission being edited (the interchange format), shared
// by every view and kept in the browser's local storage, with the rubric
// of its methodology. Scored fields change only through the engine
// (edit(changes), the what-if change list), so the core's rules hold;
// unscored ones (names, agencies, the region's name) are edited in place,
// followed by touched().
//
// Views listen with onDraft(listener, signal). The event's `detail` is
// { replaced: true } when the whole draft changed (an import, a reset,
// another methodology, an applied plan: forms are rebuilt) and
// { replaced: false, kind, started, applied } after an edit the form
// already shows (`kind`: the change's `op`, or "text" for an unscored
// field; `started` and `applied`: performance.now() when the edit began and
// when the engine had applied it, for the timings).

import * as engine from "../engine.js";

const KEY = "iid-kalkulator:draft";
const events = new EventTarget();

export const draft = {
  /** The submission being edited (a plain object, possibly malformed). */
  sub: null,
  /** rubric(id) of its methodology (of the default one when the draft names an unknown methodology). */
  rubric: null,
  /** rubrics(): the embedded methodologies. */
  list: [],
};

export const isMap = (x) => x != null && typeof x === "object" && !Array.isArray(x);
export const innovationsOf = (sub) => (Array.isArray(sub?.innovations) ? sub.innovations : []);

/** A file name for a submission: `iid-<methodology>-<region name>.<ext>`. */
export function fileName(sub, ext) {
  const base = String((isMap(sub.region) && sub.region.name) || "draf")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `iid-${sub.methodology}-${base || "draf"}.${ext}`;
}

export function emptySubmission(methodology) {
  return { methodology, region: {}, spd: {}, innovations: [] };
}

/** The newest official methodology (else the first). */
export function defaultMethodology() {
  const official = draft.list.filter((r) => r.status === "official");
  return (official.at(-1) ?? draft.list[0]).id;
}

/** Load the methodologies and the stored draft (or an empty one). */
export function startDraft() {
  draft.list = engine.rubrics();
  replace(stored() ?? emptySubmission(defaultMethodology()));
}

/** Replace the whole draft (an import, a reset, an applied plan). */
export function replace(sub) {
  draft.sub = sub;
  const known = draft.list.some((r) => r.id === sub.methodology);
  draft.rubric = engine.rubric(known ? sub.methodology : defaultMethodology());
  // An unknown methodology is kept: score() then names the problem.
  if (!known && !sub.methodology) sub.methodology = draft.rubric.id;
  save();
  emit({ replaced: true });
}

/** Score the draft with another embedded methodology. */
export function useMethodology(id) {
  draft.sub.methodology = id;
  replace(draft.sub);
}

/**
 * Apply what-if changes to the draft through the engine. Returns null when
 * applied, else the engine's Error (the draft then stays as it was).
 */
export function edit(changes) {
  const started = performance.now();
  let next;
  try {
    next = engine.applyChanges(draft.sub, changes);
  } catch (e) {
    return e;
  }
  const applied = performance.now();
  draft.sub = next;
  save();
  emit({ replaced: false, kind: changes.map((c) => c.op).join("+"), started, applied });
  return null;
}

/** After an in-place change of an unscored field. */
export function touched() {
  const started = performance.now();
  save();
  emit({ replaced: false, kind: "text", started });
}

/** The region object of the draft (created when missing or malformed). */
export function region() {
  if (!isMap(draft.sub.region)) draft.sub.region = {};
  return draft.sub.region;
}

/** Call `listener` after each change of the draft, until `signal` aborts. */
export function onDraft(listener, signal) {
  events.addEventListener("change", listener, { signal });
}

function emit(detail) {
  events.dispatchEvent(new CustomEvent("change", { detail }));
}

function save() {
  try {
    localStorage.setItem(KEY, JSON.stringify(draft.sub));
  } catch {
    // Storage may be full or disabled; the page still works.
  }
}

function stored() {
  try {
    const text = localStorage.getItem(KEY);
    const sub = text && JSON.parse(text);
    return isMap(sub) ? sub : null;
  } catch {
    return null;
  }
}
