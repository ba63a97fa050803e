// The calculator view: the region's answers and innovations (the form) and
// what the engine answers (the result, the marginal table and the plan to
// the next predicate). It recomputes after every edit: score() at once on
// the page's thread, marginal() and plan() in the engine's worker, so that
// typing never waits for them. Each edit's timings go to
// window.__iidTimings (lib/timings.js).

import * as engine from "../../engine.js";
import { draft, onDraft, region, touched } from "../../lib/draft.js";
import { $, h } from "../../lib/dom.js";
import { applyTexts, onLanguage } from "../../lib/i18n.js";
import { ms, record } from "../../lib/timings.js";
import { renderRegion, renderSpd } from "./answers.js";
import { resetState, state, t } from "./common.js";
import { addInnovation, renderEditor, renderInnovations } from "./innovations.js";
import { openPlan, renderPlanning, setBusy } from "./planning.js";
import { renderError, renderResult } from "./results.js";

/** The view's markup; `data-t` texts are filled in from its text table. */
function layout() {
  const T = (tag, key, attrs = {}, ...children) => h(tag, { "data-t": key, ...attrs }, ...children);
  return h(
    "div",
    { class: "layout" },
    h("a", { class: "skip", href: "#hasil", "data-t": "skipResult" }),
    h(
      "div",
      { class: "forms" },
      h(
        "section",
        { class: "card", id: "region-card", "aria-labelledby": "region-h" },
        T("h2", "region", { id: "region-h" }),
        h(
          "div",
          { class: "grid2" },
          h(
            "div",
            { class: "field" },
            T("label", "regionName", { for: "region-name" }),
            h("input", { id: "region-name", type: "text", autocomplete: "off", "data-t-placeholder": "regionNameHint" }),
          ),
          h(
            "div",
            { class: "field" },
            T("label", "regionCode", { for: "region-code" }),
            h("input", { id: "region-code", type: "text", autocomplete: "off", inputmode: "decimal", placeholder: "33.18" }),
          ),
        ),
      ),
      h("section", { class: "card", id: "spd-card", "aria-labelledby": "spd-h" }, h("h2", { id: "spd-h" }), T("p", "spdHint", { class: "hint" }), h("div", { id: "spd" })),
      h(
        "section",
        { class: "card", id: "sid-card", "aria-labelledby": "sid-h" },
        h("h2", { id: "sid-h" }),
        T("p", "sidHint", { class: "hint" }),
        h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { class: "innovations" },
            T("caption", "innovationList", { class: "visually-hidden" }),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                h("th", { scope: "col", class: "row-number", text: "#" }),
                T("th", "innovationName", { scope: "col", class: "row-name" }),
                T("th", "agency", { scope: "col", class: "row-agency" }),
                T("th", "affair", { scope: "col", class: "row-affair" }),
                T("th", "rowScore", { scope: "col", class: "num row-score" }),
                h("th", { scope: "col", class: "row-actions" }, T("span", "actions", { class: "visually-hidden" })),
              ),
            ),
            h("tbody", { id: "innovation-rows" }),
          ),
        ),
        T("p", "noInnovations", { id: "no-innovations", class: "empty" }),
        T("button", "add", { type: "button", id: "add", class: "button primary" }),
        h("div", { id: "editor" }),
      ),
      // Follows the form on narrow screens, where the result comes after it.
      h(
        "div",
        { id: "summary-bar", class: "summary-bar" },
        h("span", { class: "visually-hidden", "data-t": "summary" }),
        h("span", { id: "summary-index", class: "summary-index", text: "–" }),
        h("span", { id: "summary-predicate", class: "predicate", text: "–" }),
        T("a", "toResult", { href: "#hasil", class: "summary-link" }),
      ),
    ),
    h(
      "aside",
      { class: "results", id: "hasil", tabindex: "-1", "aria-labelledby": "result-h" },
      h(
        "div",
        { class: "card sticky", id: "result-card" },
        T("h2", "result", { id: "result-h" }),
        h("div", { id: "error", class: "error", role: "alert", hidden: true }),
        h(
          "div",
          { class: "headline", "aria-live": "polite" },
          h("div", {}, T("div", "index", { class: "label" }), h("div", { id: "index", class: "index", "data-testid": "index", text: "–" })),
          h("div", { id: "predicate", class: "predicate", "data-testid": "predicate", text: "–" }),
        ),
        h(
          "div",
          { id: "result-details" },
          h("dl", { id: "figures", class: "figures" }),
          T("h3", "breakdown"),
          h("div", { id: "chart", class: "chart" }),
          T("h3", "yandas"),
          h("div", { id: "yandas" }),
          T("h3", "findings"),
          h("ul", { id: "findings", class: "findings" }),
        ),
        h(
          "section",
          { class: "planning", id: "marginal-section", "aria-labelledby": "marginal-h", "aria-busy": "false" },
          T("h3", "marginal", { id: "marginal-h" }),
          T("p", "marginalHint", { class: "hint" }),
          h("p", { id: "next-predicate", class: "next-predicate", "data-testid": "next-predicate", hidden: true }),
          h(
            "div",
            { class: "table-wrap" },
            h(
              "table",
              { class: "steps", id: "marginal-table", "data-testid": "marginal" },
              T("caption", "marginal", { class: "visually-hidden" }),
              h(
                "thead",
                {},
                h("tr", {}, T("th", "step", { scope: "col" }), T("th", "gain", { scope: "col", class: "num" }), T("th", "indexAfter", { scope: "col", class: "num" })),
              ),
              h("tbody", { id: "marginal-rows" }),
            ),
          ),
          T("p", "noMarginal", { id: "no-marginal", class: "empty", hidden: true }),
        ),
        h(
          "section",
          { class: "planning", id: "plan-section", "aria-labelledby": "plan-h", "aria-busy": "false" },
          T("h3", "plan", { id: "plan-h" }),
          T("p", "planHint", { class: "hint" }),
          T("button", "reachNext", { type: "button", id: "reach-next", class: "button primary" }),
          h("p", { id: "reach-next-note", class: "plan-note", "data-testid": "reach-next-note", hidden: true }),
          h("div", { id: "plan" }),
        ),
      ),
    ),
  );
}

/** Rebuild the forms from the draft (after it was replaced, or another language). */
function renderForms() {
  renderRegion();
  renderSpd();
  renderEditor();
  renderInnovations();
}

/**
 * Score the draft and show it; then ask the worker for the marginal table
 * and the plan. `started`: when the edit began (performance.now()).
 */
function recompute(kind, started, applied) {
  const entry = record({ edit: kind });
  if (applied != null) entry.apply = ms(applied - started);
  const t0 = performance.now();
  let error = null;
  try {
    state.result = engine.score(draft.sub);
    entry.score = ms(performance.now() - t0);
  } catch (e) {
    error = e;
    state.result = null;
  }
  renderError(error);
  renderResult();
  renderInnovations();
  entry.toScore = ms(performance.now() - started);
  // The frame that shows it: a task queued from the next animation frame runs after that frame's paint.
  requestAnimationFrame(() => setTimeout(() => (entry.toPaint = ms(performance.now() - started))));
  const version = ++state.version;
  if (!state.result) {
    state.marginal = null;
    state.next = null;
    setBusy(false);
    renderPlanning();
    return;
  }
  setBusy(true);
  const sub = draft.sub;
  Promise.all([
    // The table shows the ten largest gains; the rest need not cross over.
    engine.background("marginal", "marginal", { submission: sub }, { first: { items: 10 } }),
    engine.background("plan", "plan", { submission: sub, target: "next" }),
  ]).then(([m, p]) => {
    // Null: a newer edit replaced the request; its own answer will come.
    // (Or the view is gone: another view was chosen meanwhile.)
    if (!m || !p || version !== state.version || state.signal?.aborted) return;
    state.marginal = m.error ? { error: m.error } : m.answer;
    state.next = p.error ? { error: p.error } : p.answer;
    renderPlanning();
    setBusy(false);
    entry.marginal = ms(m.ms);
    entry.plan = ms(p.ms);
    entry.toPlan = ms(performance.now() - started);
  });
}

/** Mount the calculator in `root`; it lives until `signal` aborts. */
export function mount(root, { signal }) {
  resetState();
  state.signal = signal;
  root.replaceChildren(layout());
  applyTexts(root, t);

  $("region-name").addEventListener("input", (e) => {
    if (e.target.value.trim()) region().name = e.target.value;
    else delete region().name;
    touched();
  });
  $("region-code").addEventListener("input", (e) => {
    if (e.target.value.trim()) region().code = e.target.value.trim();
    else delete region().code;
    touched();
  });
  $("add").addEventListener("click", addInnovation);
  $("reach-next").addEventListener("click", openPlan);

  onDraft((e) => {
    const { replaced, started, applied, kind } = e.detail;
    if (replaced) {
      state.editing = null;
      state.planOpen = false;
      state.focusPlan = false;
      renderForms();
    }
    if (kind === "text") {
      // A name or an agency: not scored, so nothing to recompute; the list
      // and the step tables show the new name.
      renderInnovations();
      renderPlanning();
      return;
    }
    recompute(replaced ? "replace" : kind ?? "edit", started ?? performance.now(), applied);
  }, signal);
  onLanguage(() => {
    applyTexts(root, t);
    renderForms();
    renderResult();
    renderPlanning();
  }, signal);

  renderForms();
  recompute("open", performance.now());
}
