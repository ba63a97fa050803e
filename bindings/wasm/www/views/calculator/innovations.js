// The innovations: the list (name, agency, affair, score) and the editor
// of one innovation (its identity, affair and answers). Adding, removing
// and the affair go through the engine; names and agencies, which are not
// scored, are edited in place.

import { draft, innovationsOf, isMap, touched } from "../../lib/draft.js";
import { $, h } from "../../lib/dom.js";
import { label, language } from "../../lib/i18n.js";
import { ofMax } from "../../lib/format.js";
import { setStatus } from "../../lib/status.js";
import { answerGroups } from "./answers.js";
import { affairName, edit, state, t } from "./common.js";

/**
 * The list of innovations. A row whose innovation, position and language
 * are unchanged is kept and only its score refreshed, so an edit on a
 * region of 200 innovations does not rebuild 200 rows.
 */
export function renderInnovations() {
  const aspect = draft.rubric.aspects.find((a) => a.scope === "innovation");
  $("sid-h").textContent = aspect ? `${aspect.code} · ${label(aspect)}` : "SID";
  const list = innovationsOf(draft.sub);
  const scores = new Map((state.result?.breakdown.innovations ?? []).map((n) => [n.id, n]));
  const body = $("innovation-rows");
  const old = body.rows;
  const rows = list.map((inv, k) => {
    const node = isMap(inv) ? scores.get(inv.id) : null;
    const name = (isMap(inv) && (inv.name || inv.id)) || "?";
    const key = JSON.stringify([language(), k, state.editing === k, name, inv?.agency ?? "", affairName(inv?.urusan)]);
    const score = node ? `${node.score}/${node.max}` : "";
    let row = old[k];
    if (row?.dataset.key !== key) row = innovationRow(inv, k, name, key);
    if (row.dataset.score !== score) {
      row.cells[4].replaceChildren(...(node ? [ofMax(node.score, node.max)].flat() : ["–"]));
      row.dataset.score = score;
    }
    return row;
  });
  if (rows.length !== old.length || rows.some((row, k) => row !== old[k])) body.replaceChildren(...rows);
  $("no-innovations").hidden = list.length > 0;
}

function innovationRow(inv, k, name, key) {
  return h(
    "tr",
    { class: state.editing === k ? "current" : null, "data-key": key },
    h("td", { class: "row-number", text: String(k + 1) }),
    h("td", { class: "row-name", text: name }),
    h("td", { class: "row-agency", "data-label": t("agency"), text: String(inv?.agency ?? "") }),
    h("td", { class: "row-affair", "data-label": t("affair"), text: String(affairName(inv?.urusan)) }),
    h("td", { class: "num row-score" }),
    h(
      "td",
      { class: "row-actions" },
      h("button", { type: "button", class: "button small", "aria-label": `${t("edit")}: ${name}`, onclick: () => openEditor(k) }, t("edit")),
      h("button", { type: "button", class: "button small danger", "aria-label": `${t("remove")}: ${name}`, onclick: () => removeInnovation(k) }, t("remove")),
    ),
  );
}

export function addInnovation() {
  // No id: the engine gives the next free baru-N.
  const name = t("newInnovation")(innovationsOf(draft.sub).length + 1);
  if (!edit([{ op: "add_innovation", innovation: { name, levels: {} } }])) return;
  openEditor(innovationsOf(draft.sub).length - 1);
}

function removeInnovation(k) {
  const gone = innovationsOf(draft.sub)[k];
  const before = state.editing;
  if (before === k) state.editing = null;
  else if (before != null && before > k) state.editing = before - 1;
  if (!edit([{ op: "remove_innovation", id: isMap(gone) ? gone.id : null }])) {
    state.editing = before;
    return;
  }
  renderEditor();
  setStatus(t("removed")((isMap(gone) && (gone.name || gone.id)) || "?"));
  $("add").focus();
}

function openEditor(k) {
  state.editing = k;
  renderEditor();
  renderInnovations();
  $("inv-name")?.focus();
}

function closeEditor() {
  const k = state.editing;
  state.editing = null;
  renderEditor();
  renderInnovations();
  const buttons = $("innovation-rows").querySelectorAll("tr")[k]?.querySelectorAll("button");
  (buttons?.[0] ?? $("add")).focus();
}

/** The innovation in the editor, as the draft holds it now. */
function editing() {
  const inv = state.editing != null ? innovationsOf(draft.sub)[state.editing] : null;
  return isMap(inv) ? inv : null;
}

function setAffair(urusan) {
  return edit([{ op: "set_affair", innovation: editing()?.id, urusan: urusan ?? null }]);
}

export function renderEditor() {
  const inv = editing();
  if (!inv) {
    $("editor").replaceChildren();
    return;
  }
  const rb = draft.rubric;
  const known = rb.affairs.some((a) => a.code === inv.urusan);
  const other = inv.urusan != null && inv.urusan !== "" && !known;
  const otherInput = h("input", {
    id: "inv-affair-other",
    type: "text",
    value: other ? inv.urusan : "",
    placeholder: "mis. pertanian",
    oninput: (e) => setAffair(e.target.value.trim() || null),
  });
  const otherField = h("div", { class: "field", hidden: !other }, h("label", { for: "inv-affair-other", text: t("otherAffairCode") }), otherInput);
  const select = h(
    "select",
    {
      id: "inv-affair",
      onchange: (e) => {
        const v = e.target.value;
        otherField.hidden = v !== "__other";
        if (v === "__other") {
          setAffair(otherInput.value.trim() || null);
          otherInput.focus();
        } else setAffair(v || null);
      },
    },
    h("option", { value: "", text: t("noAffair") }),
    rb.affairs.map((a) => h("option", { value: a.code, selected: inv.urusan === a.code, text: a.basic_service ? `${a.name} (${t("basicService")})` : a.name })),
    h("option", { value: "__other", selected: other, text: t("otherAffair") }),
  );
  const agencies = [...new Set(innovationsOf(draft.sub).map((i) => i?.agency).filter((a) => typeof a === "string" && a))];
  const text = (id, key, field, extra = {}) =>
    h(
      "div",
      { class: "field" },
      h("label", { for: id, text: t(key) }),
      h("input", {
        id,
        type: "text",
        autocomplete: "off",
        value: inv[field] ?? "",
        oninput: (e) => {
          // Names and agencies are not scored: they are edited in place.
          const cur = editing();
          if (!cur) return;
          const v = e.target.value;
          if (v.trim()) cur[field] = v;
          else delete cur[field];
          touched();
        },
        ...extra,
      }),
    );
  $("editor").replaceChildren(
    h(
      "section",
      { class: "editor", "aria-labelledby": "editor-h" },
      h(
        "div",
        { class: "editor-head" },
        h("h3", { id: "editor-h", text: `${t("editing")} ${state.editing + 1}: ${inv.name || inv.id}` }),
        h("button", { type: "button", class: "button primary", onclick: closeEditor }, t("done")),
      ),
      h(
        "div",
        { class: "grid3" },
        text("inv-name", "innovationName", "name"),
        text("inv-agency", "agency", "agency", { list: "agency-list" }),
        h("div", { class: "field" }, h("label", { for: "inv-affair", text: t("affair") }), select),
      ),
      otherField,
      h("datalist", { id: "agency-list" }, agencies.map((a) => h("option", { value: a }))),
      answerGroups("innovation", { innovation: inv.id }, `inv${state.editing}`),
      h("div", { class: "editor-foot" }, h("button", { type: "button", class: "button primary", onclick: closeEditor }, t("done"))),
    ),
  );
}
