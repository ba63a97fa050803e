// The verification-risk view: the calculator's draft as the engine's
// `risk` sees it (in the national module, computed in the engine's Web
// Worker): the chance of each predicate once every answer is verified,
// the chance of keeping the self-assessed predicate (or of reaching a
// target), the quantiles of the verified index, and the evidence to shore
// up first. Probabilities, figures and their order are the engine's; the
// view shows probabilities as percentages, with the exact value as the
// tooltip.

import * as engine from "../engine.js";
import { draft, onDraft } from "../lib/draft.js";
import { h, stylesheet } from "../lib/dom.js";
import { table } from "../lib/table.js";
import { label, onLanguage, translator } from "../lib/i18n.js";
import { engineError, figure, percent } from "../lib/format.js";

const t = translator({
  id: {
    heading: "Risiko verifikasi",
    intro: "Peluang setiap predikat setelah semua jawaban isian di kalkulator diverifikasi: jawaban bertahan pada levelnya dengan peluang menurut keadaan bukti dukungnya, jika tidak dihitung 0 (atau level yang sudah diterima verifikator).",
    target: "Sasaran",
    keep: "mempertahankan predikat isian",
    claimed: "Indeks isian",
    verified: "Indeks jika hanya yang sudah terbukti dihitung",
    expected: "Indeks harapan setelah verifikasi",
    chances: "Peluang predikat setelah verifikasi",
    predicate: "Predikat",
    chance: "Peluang",
    goal: "Peluang mencapai sasaran",
    atLeast: "indeks paling sedikit",
    quantiles: "Indeks setelah verifikasi: 5 %, 50 %, 95 %",
    shore: "Bukti yang paling perlu dilengkapi dahulu",
    answer: "Jawaban",
    now: "Peluang bertahan",
    ifProven: "Peluang sasaran jika terbukti",
    gain: "Tambahan peluang",
    computing: "Menghitung…",
    noShore: "Tidak ada bukti yang, jika dilengkapi, mengubah peluang sasaran ini.",
    empty: "Isian di kalkulator belum dapat dinilai.",
    cls: { accepted: "diterima", accepted_lower: "diterima lebih rendah", rejected: "ditolak", revise: "perlu perbaikan", meets_rule: "bukti memenuhi aturan", no_rule: "tanpa aturan bukti", short_of_rule: "bukti belum memenuhi aturan", no_evidence: "tanpa bukti" },
  },
  en: {
    heading: "Verification risk",
    intro: "The chance of each predicate once every answer of the calculator's draft is verified: an answer survives at its level with a probability set by the state of its evidence, else counts 0 (or the level a verifier already accepted).",
    target: "Target",
    keep: "keep the self-assessed predicate",
    claimed: "Self-assessed index",
    verified: "Index counting only what is proven",
    expected: "Expected index after verification",
    chances: "Chance of each predicate after verification",
    predicate: "Predicate",
    chance: "Chance",
    goal: "Chance of reaching the target",
    atLeast: "index at least",
    quantiles: "Index after verification: 5 %, 50 %, 95 %",
    shore: "Evidence to shore up first",
    answer: "Answer",
    now: "Chance it survives",
    ifProven: "Chance of the target if proven",
    gain: "Gain in chance",
    computing: "Computing…",
    noShore: "No evidence, once completed, changes the chance of this target.",
    empty: "The calculator's draft cannot be assessed yet.",
    cls: { accepted: "accepted", accepted_lower: "accepted lower", rejected: "rejected", revise: "to revise", meets_rule: "evidence meets the rule", no_rule: "no evidence rule", short_of_rule: "evidence short of the rule", no_evidence: "no evidence" },
  },
});

/** The view's state: the target chosen, the engine's answer or error. */
const state = { target: "", answer: null, error: null, busy: false };


async function compute(root) {
  state.busy = true;
  render(root);
  const doc = { submission: draft.sub, ...(state.target ? { target: state.target } : {}) };
  const out = await engine.background("risk", "risk", doc, { first: { shore_up: 10 } });
  if (out === null) return; // a newer request replaced this one
  state.busy = false;
  state.answer = out.answer ?? null;
  state.error = out.error ?? null;
  render(root);
}

function controls(root) {
  const select = h(
    "select",
    { id: "risk-target" },
    [["", t("keep")], ...(draft.rubric?.predicates ?? []).filter((p) => p.label !== draft.rubric?.not_assessable).map((p) => [p.label, label(p, "label")])].map(([value, text]) =>
      h("option", { value, text, selected: value === state.target ? "" : null }),
    ),
  );
  select.addEventListener("change", () => {
    state.target = select.value;
    compute(root);
  });
  return h("div", { class: "fields" }, h("label", { for: "risk-target", text: t("target") }), select);
}

function summary(a) {
  const line = (key, index, predicate) => h("li", {}, `${t(key)}: `, figure(index), predicate ? ` (${predicate})` : "");
  return h(
    "section",
    { class: "card", "aria-labelledby": "risk-chances-h" },
    h("h2", { id: "risk-chances-h", text: t("chances") }),
    h("ul", { class: "plain", id: "risk-indices" }, line("claimed", a.claimed_index, a.claimed_predicate), line("verified", a.verified_index, a.verified_predicate), line("expected", a.expected_index)),
    h(
      "p",
      { id: "risk-goal" },
      `${t("goal")} (${a.goal.predicate ?? ""}${a.goal.predicate ? ", " : ""}${t("atLeast")} ${a.goal.index}): `,
      percent(a.goal.probability, { id: "risk-goal-p" }),
    ),
    table(
      t("chances"),
      [[t("predicate")], [t("chance"), "num"]],
      a.predicates.map((p) => h("tr", { "data-predicate": p.label }, h("td", { text: label(p, "label") }), h("td", { class: "num" }, percent(p.probability)))),
      { id: "risk-predicates" },
    ),
    h("p", { id: "risk-quantiles" }, `${t("quantiles")}: `, a.quantiles.flatMap((q, i) => [i ? " · " : "", figure(q.index)])),
  );
}

function shoreUp(a) {
  const cls = t("cls");
  return h(
    "section",
    { class: "card", "aria-labelledby": "risk-shore-h" },
    h("h2", { id: "risk-shore-h", text: t("shore") }),
    a.shore_up.length === 0 ? h("p", { class: "hint", id: "risk-no-shore", text: t("noShore") }) : table(
      t("shore"),
      [[t("answer")], [t("now"), "num"], [t("ifProven"), "num"], [t("gain"), "num"]],
      a.shore_up.map((s) =>
        h(
          "tr",
          { "data-path": s.path },
          h("td", {}, h("span", { class: "code", text: s.path }), ` · ${cls[s.class] ?? s.class}`),
          h("td", { class: "num" }, percent(s.probability)),
          h("td", { class: "num" }, percent(s.goal_if_proven)),
          h("td", { class: "num" }, percent(s.gain)),
        ),
      ),
      { id: "risk-shore" },
    ),
  );
}

function render(root) {
  const a = state.answer;
  root.replaceChildren(
    h(
      "div",
      { class: "single risk" },
      h(
        "section",
        { class: "card", "aria-labelledby": "risk-h", "aria-busy": String(state.busy) },
        h("h2", { id: "risk-h", text: t("heading") }),
        h("p", { class: "hint", text: t("intro") }),
        controls(root),
        state.busy ? h("p", { class: "hint", text: t("computing") }) : null,
        state.error ? engineError(state.error, "risk-error") : null,
      ),
      a ? [summary(a), shoreUp(a)] : null,
    ),
  );
}

/** Mount the view in `root`; it lives until `signal` aborts. */
export async function mount(root, { signal }) {
  await stylesheet(new URL("risk.css", import.meta.url), signal);
  if (signal.aborted) return; // another view was chosen meanwhile
  compute(root);
  onLanguage(() => render(root), signal);
  onDraft(() => compute(root), signal);
}
