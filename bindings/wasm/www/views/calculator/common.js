// What the calculator's parts share: its texts, its state, and small
// readers of the draft and the rubric for display. Nothing here scores.

import { draft, edit as editDraft, innovationsOf, isMap } from "../../lib/draft.js";
import { h } from "../../lib/dom.js";
import { label, translator } from "../../lib/i18n.js";
import { setStatus, statusKind } from "../../lib/status.js";
import { TEXT } from "./text.js";

export const t = translator(TEXT);

/** The view's state; reset when the view is mounted. */
export const state = {
  result: null, // score(draft), or null when the engine refuses the draft
  marginal: null, // marginal(draft), or { error }
  next: null, // plan(draft, {target: "next"}), or { error }
  editing: null, // index of the innovation in the editor
  planOpen: false, // whether the plan to the next predicate is on show
  busy: false, // whether marginal and plan are being computed for the draft as it is
  focusPlan: false, // whether the plan takes the focus when it comes
  version: 0, // counts recomputations: a background answer for an older one is dropped
  signal: null, // aborts when the view is left
};

export function resetState() {
  Object.assign(state, { result: null, marginal: null, next: null, editing: null, planOpen: false, busy: false, focusPlan: false });
}

/**
 * Apply what-if changes to the draft through the engine. On an error (a
 * draft the engine cannot read, a bad affair code) the draft stays as it
 * was and the status line says why. Returns whether they were applied.
 */
export function edit(changes) {
  const error = editDraft(changes);
  if (error) {
    setStatus(t("editFailed")(error.message), "edit-failed");
    return false;
  }
  if (statusKind() === "edit-failed") setStatus("");
  return true;
}

/** The level an answer states (0: unanswered). */
export function levelOf(answer) {
  if (typeof answer === "number") return answer;
  if (answer && typeof answer === "object" && typeof answer.level === "number") return answer.level;
  return 0;
}

/** The answers of a scope in the draft as it is now: the region's, or an innovation's. */
export function answersAt(where) {
  if (where.innovation == null) return isMap(draft.sub.spd) ? draft.sub.spd : {};
  const inv = innovationsOf(draft.sub).find((i) => isMap(i) && i.id === where.innovation);
  return inv && isMap(inv.levels) ? inv.levels : {};
}

/** What a measured answer states (its level then follows from it), or null. */
export function measuredNote(answer) {
  if (!answer || typeof answer !== "object") return null;
  const what = [answer.value, answer.category, answer.basis].filter((x) => x != null).join(", ");
  return what ? `${t("measured")}: ${what}` : null;
}

export function affairName(code) {
  const a = draft.rubric.affairs.find((x) => x.code === code);
  return a ? a.name : code ?? "";
}

export function innovationName(id) {
  const inv = innovationsOf(draft.sub).find((i) => isMap(i) && i.id === id);
  return (inv && inv.name) || id;
}

/** A predicate label in the page's language (the rubric's label_en). */
export function predicateName(labelId) {
  const band = draft.rubric.predicates.find((b) => b.label === labelId);
  return (band && label(band, "label")) || labelId;
}

/**
 * A predicate's place among the rubric's bands, for its colour only: top,
 * mid, low, or none (the not-assessable label, or no band).
 */
export function predicateRank(labelId) {
  const k = draft.rubric.predicates.findIndex((b) => b.label === labelId);
  if (k < 0 || labelId === draft.rubric.not_assessable) return "none";
  return ["top", "mid", "low"][k] ?? "low";
}

/** An indicator's code and name, for the step tables. */
export function indicatorCell(code) {
  const rb = draft.rubric;
  const ind = rb.indicators.find((i) => i.code === code);
  const name = ind ? label(ind) : code === rb.innovation_count?.code ? label(rb.innovation_count) : "";
  return [h("span", { class: "code", text: code ?? "" }), " ", h("span", { class: "step-name", text: name })];
}
