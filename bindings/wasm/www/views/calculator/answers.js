// The answer forms: the region's identity, the region's answers (SPD) and
// an innovation's answers, one fieldset of radio buttons per indicator,
// grouped by variable as the rubric lists them.

import { draft, isMap } from "../../lib/draft.js";
import { $, h } from "../../lib/dom.js";
import { label } from "../../lib/i18n.js";
import { answersAt, edit, levelOf, measuredNote, t } from "./common.js";

/** The variables of a scope (region or innovation) with their indicators. */
function indicatorsOf(scope) {
  const rb = draft.rubric;
  const aspects = new Set(rb.aspects.filter((a) => a.scope === scope).map((a) => a.code));
  return rb.variables
    .filter((v) => aspects.has(v.aspect))
    .map((v) => ({ variable: v, indicators: rb.indicators.filter((i) => i.variable === v.code) }))
    .filter((g) => g.indicators.length > 0);
}

/**
 * The answer groups of one scope: a fieldset per indicator, grouped by
 * variable. `where` is {} for the region, {innovation: id} for an innovation.
 */
export function answerGroups(scope, where, prefix) {
  return indicatorsOf(scope).map(({ variable, indicators }) =>
    h(
      "div",
      { class: "variable" },
      h("h3", { class: "variable-title", text: label(variable) }),
      indicators.map((ind) => indicatorField(ind, where, `${prefix}-${ind.code}`)),
    ),
  );
}

function setLevel(where, code, level) {
  return edit([{ op: "set", ...where, indicator: code, level }]);
}

function indicatorField(ind, where, name) {
  const answer = () => answersAt(where)[ind.code];
  const current = levelOf(answer());
  const note = measuredNote(answer());
  const noteEl = h("p", { class: "measured", hidden: !note, text: note ?? "" });
  const option = (level, text, extra) =>
    h(
      "label",
      { class: `option${extra ? ` ${extra}` : ""}` },
      h("input", {
        type: "radio",
        name,
        value: String(level),
        checked: current === level,
        onchange: (e) => {
          const fieldset = e.target.closest("fieldset");
          if (setLevel(where, ind.code, level)) {
            const now = measuredNote(answer());
            noteEl.hidden = !now;
            noteEl.textContent = now ?? "";
          } else {
            // Not applied: show the draft's level again.
            const radio = fieldset.querySelector(`input[value="${levelOf(answer())}"]`);
            if (radio) radio.checked = true;
          }
        },
      }),
      h("span", { class: "option-level", "aria-hidden": "true", text: level === 0 ? "–" : String(level) }),
      h("span", { class: "option-text", text }),
    );
  return h(
    "fieldset",
    { class: "indicator", "data-code": ind.code },
    h(
      "legend",
      {},
      h("span", { class: "code", text: ind.code }),
      " ",
      h("span", { class: "name", text: label(ind) }),
      h("span", { class: "meta" }, `${t("weight")} ${ind.weight}`, ind.mandatory ? h("span", { class: "badge", text: t("mandatory") }) : null),
    ),
    noteEl,
    h(
      "div",
      { class: "options" },
      ind.parameters.map((p, k) => option(k + 1, label(p, "description"))),
      option(0, t("unanswered"), "none"),
    ),
  );
}

export function renderRegion() {
  draft.sub.region ??= {};
  const region = isMap(draft.sub.region) ? draft.sub.region : {};
  $("region-name").value = region.name ?? "";
  $("region-code").value = region.code ?? "";
}

export function renderSpd() {
  const aspect = draft.rubric.aspects.find((a) => a.scope === "region");
  $("spd-h").textContent = aspect ? `${aspect.code} · ${label(aspect)}` : "SPD";
  draft.sub.spd ??= {};
  $("spd").replaceChildren(...answerGroups("region", {}, "spd"));
}
