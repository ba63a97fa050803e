// Planning: the marginal table (the ten one-level steps of largest exact
// gain, from marginal()) and the cheapest plan to the next predicate (from
// plan({target: "next"})), which can be applied to the draft. Both are
// computed in the engine's worker after each edit; until they come the
// section is marked busy.

import { replace } from "../../lib/draft.js";
import { $, h } from "../../lib/dom.js";
import { language } from "../../lib/i18n.js";
import { figure, gainCell, twoDecimals } from "../../lib/format.js";
import { setStatus } from "../../lib/status.js";
import { affairName, indicatorCell, innovationName, predicateName, predicateRank, state, t } from "./common.js";

/** Mark the planning sections busy (aria-busy) while the worker computes. */
export function setBusy(busy) {
  state.busy = busy;
  for (const id of ["marginal-section", "plan-section"]) $(id).setAttribute("aria-busy", String(busy));
  const apply = $("apply-plan");
  if (apply) apply.disabled = busy;
  if (!busy && state.focusPlan) {
    state.focusPlan = false;
    ($("plan-result") ?? $("plan")).focus?.();
  }
}

function marginalStep(item) {
  if (item.kind === "new_innovation") {
    const tags = [item.covers_basic_service ? t("basicService") : null, item.fills_empty_seat ? t("emptySeat") : null].filter(Boolean);
    return h(
      "td",
      {},
      h("span", { class: "step-title", text: `+ ${t("newInnovationStep")}` }),
      h("span", { class: "step-detail", text: [item.urusan ? affairName(item.urusan) : t("anotherAffair"), ...tags].join(" · ") }),
    );
  }
  const where = item.kind === "innovation_step" ? innovationName(item.innovation) : t("regionRow");
  return h("td", {}, h("span", { class: "step-title" }, indicatorCell(item.indicator)), h("span", { class: "step-detail", text: `${where} · ${item.from} → ${item.to}` }));
}

function renderMarginal() {
  const m = state.marginal && !state.marginal.error ? state.marginal : null;
  const next = m?.next_predicate;
  $("next-predicate").hidden = !next;
  $("next-predicate").replaceChildren(...(next ? t("nextPredicate")(predicateName(next.label), figure(next.min), figure(next.gap)) : []));
  const items = m ? m.items.slice(0, 10) : [];
  $("marginal-rows").replaceChildren(
    ...items.map((item) =>
      h(
        "tr",
        {},
        marginalStep(item),
        gainCell(item.gain),
        h(
          "td",
          { class: "num" },
          figure(item.index_after),
          item.predicate_after !== m.predicate ? h("span", { class: "step-detail", text: predicateName(item.predicate_after) }) : null,
        ),
      ),
    ),
  );
  $("marginal-table").hidden = items.length === 0;
  $("no-marginal").hidden = !m || items.length > 0;
}

export function renderPlanning() {
  renderMarginal();
  const next = state.next;
  const top = next?.error?.code === "no_band_above";
  const button = $("reach-next");
  button.disabled = !next || top;
  $("reach-next-note").hidden = !top;
  $("reach-next-note").textContent = top ? t("topBand") : "";
  if (top) button.setAttribute("aria-describedby", "reach-next-note");
  else button.removeAttribute("aria-describedby");
  button.setAttribute("aria-expanded", String(state.planOpen && !button.disabled));
  button.setAttribute("aria-controls", "plan");
  if (!state.planOpen || !next || top) {
    $("plan").replaceChildren();
    return;
  }
  if (next.error) {
    $("plan").replaceChildren(
      h(
        "div",
        { class: "error", role: "alert" },
        h("strong", { text: t("planFailed") }),
        h("p", { text: next.error.message }),
        next.error.code ? h("p", { class: "error-meta" }, h("code", { text: next.error.code }), " · ", h("code", { text: next.error.path ?? "" })) : null,
      ),
    );
    return;
  }
  const p = next;
  $("plan").replaceChildren(
    h(
      "div",
      { class: "plan-result", id: "plan-result", tabindex: "-1", "aria-labelledby": "plan-h" },
      h("p", { class: "plan-message", text: language() === "en" ? p.message_en : p.message_id }),
      h(
        "div",
        { class: "plan-headline" },
        h(
          "div",
          {},
          h("div", { class: "label", text: t("projected") }),
          h("div", { class: "plan-index", "data-testid": "plan-index", title: p.projected_index_exact, text: twoDecimals(p.projected_index) }),
        ),
        h("div", { class: "predicate", "data-rank": predicateRank(p.projected_predicate), "data-testid": "plan-predicate", text: predicateName(p.projected_predicate) }),
      ),
      h("dl", { class: "figures" }, h("dt", { text: t("totalCost") }), h("dd", {}, figure(p.total_cost, { "data-testid": "plan-cost" }))),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "steps plan-steps", "data-testid": "plan-steps" },
          h("caption", { class: "visually-hidden", text: t("planSteps") }),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col", text: t("step") }),
              h("th", { scope: "col", class: "num", text: t("fromTo") }),
              h("th", { scope: "col", class: "num", text: t("gainShort") }),
              h("th", { scope: "col", class: "num", text: t("cost") }),
            ),
          ),
          h(
            "tbody",
            {},
            p.steps.map((s) =>
              h(
                "tr",
                {},
                h(
                  "td",
                  {},
                  h("span", { class: "step-title" }, indicatorCell(s.indicator)),
                  h("span", { class: "step-detail" }, h("span", { class: "visually-hidden", text: `${t("innovation")}: ` }), s.innovation ? innovationName(s.innovation) : t("regionRow")),
                ),
                h("td", { class: "num", text: `${s.from} → ${s.to}` }),
                gainCell(s.gain),
                h("td", { class: "num" }, figure(s.cost)),
              ),
            ),
          ),
        ),
      ),
      h("button", { type: "button", id: "apply-plan", class: "button primary", onclick: () => applyPlan(p) }, t("apply")),
    ),
  );
}

/** Show the plan; when it is still being computed, it shows (and takes the focus) when it comes. */
export function openPlan() {
  state.planOpen = true;
  if (state.busy) {
    state.focusPlan = true;
    return;
  }
  renderPlanning();
  ($("plan-result") ?? $("plan")).focus?.();
}

function applyPlan(p) {
  // A plan for a draft that has changed since is not applied.
  if (state.busy || p !== state.next) return;
  replace(structuredClone(p.projected_submission));
  setStatus(t("applied")(twoDecimals(state.result?.index ?? p.projected_index)));
  $("index").scrollIntoView?.({ block: "nearest" });
  $("reach-next").disabled ? $("hasil").focus() : $("reach-next").focus();
}
