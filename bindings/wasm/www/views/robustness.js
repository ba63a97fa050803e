// The robustness view: load a file of many submissions, as the national
// view does, and show how firm their ranking is (the engine's
// `robustness`, computed in its Web Worker): each region's median rank
// and its 5-95 % interval over the sampled rankings, the chance that it
// keeps its predicate and, with an award, that it stays a nominee; and
// how much of the rank shifts each input group (weights, divisor,
// verification) explains. Samples, ranks, shares and their order are
// the engine's; the view shows shares as percentages with the exact value
// as the tooltip, and computes no figure itself.

import * as engine from "../engine.js";
import { h, stylesheet } from "../lib/dom.js";
import { table } from "../lib/table.js";
import { onLanguage, translator } from "../lib/i18n.js";
import { engineError, figure, percent } from "../lib/format.js";
import { awardChoices, loadAwards } from "../lib/awards.js";
import { readTexts, submissionsOf } from "../lib/files.js";

const t = translator({
  id: {
    heading: "Ketahanan peringkat",
    intro: "Muat berkas berisi banyak isian daerah. Mesin menarik ulang bobot, pembagi dan hasil verifikasi, lalu menunjukkan seberapa kokoh peringkat setiap daerah. Semua dihitung di peramban ini; tidak ada yang dikirim.",
    file: "Berkas isian",
    award: "Definisi penghargaan",
    none: "tanpa klaster",
    samples: "Jumlah sampel",
    weights: "Rentang bobot (±)",
    verification: "Tarik hasil verifikasi",
    compute: "Hitung",
    computing: "Menghitung…",
    empty: "Belum ada berkas dimuat.",
    summary: "Ringkasan",
    rankings: "peringkat sampel",
    shift: "Rata-rata pergeseran peringkat",
    sensitivity: "Kepekaan terhadap tiap kelompok masukan",
    group: "Kelompok",
    first: "Indeks orde pertama",
    total: "Indeks total",
    notVaried: "tidak ditarik",
    groups: { weights: "bobot", divisor: "pembagi", verification: "verifikasi" },
    regions: "Peringkat dan rentangnya",
    rank: "Peringkat",
    code: "Kode",
    name: "Nama",
    cluster: "Klaster",
    index: "Indeks",
    predicate: "Predikat",
    median: "Median",
    interval: "Rentang 5–95 %",
    keeps: "Tetap predikat",
    nominee: "Tetap nominasi",
  },
  en: {
    heading: "Ranking robustness",
    intro: "Load a file of many regions' submissions. The engine redraws the weights, the divisor and verification outcomes, and shows how firm each region's rank is. Everything is computed in this browser; nothing is sent.",
    file: "Submissions file",
    award: "Award definition",
    none: "no clusters",
    samples: "Samples",
    weights: "Weight range (±)",
    verification: "Draw verification outcomes",
    compute: "Compute",
    computing: "Computing…",
    empty: "No file loaded yet.",
    summary: "Summary",
    rankings: "sampled rankings",
    shift: "Mean rank shift",
    sensitivity: "Sensitivity to each input group",
    group: "Group",
    first: "First-order index",
    total: "Total index",
    notVaried: "not drawn",
    groups: { weights: "weights", divisor: "divisor", verification: "verification" },
    regions: "Ranks and their spread",
    rank: "Rank",
    code: "Code",
    name: "Name",
    cluster: "Cluster",
    index: "Index",
    predicate: "Predicate",
    median: "Median",
    interval: "5–95 % interval",
    keeps: "Keeps predicate",
    nominee: "Stays nominee",
  },
});

/** The view's state: the texts loaded, the options chosen, the answer. */
const state = { texts: [], award: null, awards: [], samples: "1000", weights: "0.2", verification: true, answer: null, error: null, busy: false };

/** The call document: the options as the user wrote them; the engine checks them. */
function call() {
  const samples = /^\d+$/.test(state.samples) ? Number(state.samples) : state.samples;
  return {
    submissions: submissionsOf(state.texts),
    ...(state.award ? { award: state.award } : {}),
    samples,
    weight_range: state.weights,
    verification: state.verification,
  };
}

async function compute(root) {
  if (!state.texts.length) return;
  let doc;
  try {
    doc = call();
  } catch (e) {
    state.answer = null;
    state.error = { code: "input_json", message: e.message };
    render(root);
    return;
  }
  state.busy = true;
  render(root);
  const out = await engine.background("robustness", "robustness", doc);
  if (out === null) return; // a newer request replaced this one
  state.busy = false;
  state.answer = out.answer ?? null;
  state.error = out.error ?? null;
  render(root);
}

function controls(root) {
  const file = h("input", { type: "file", id: "robust-file", accept: ".json,.jsonl,application/json", multiple: "" });
  const award = h(
    "select",
    { id: "robust-award" },
    awardChoices(state.awards, t("none")).map(([value, text]) =>
      h("option", { value, text, selected: value === state.award ? "" : null }),
    ),
  );
  const samples = h("input", { type: "text", inputmode: "numeric", id: "robust-samples", value: state.samples, size: "6" });
  const weights = h("input", { type: "text", inputmode: "decimal", id: "robust-weights", value: state.weights, size: "6" });
  const verification = h("input", { type: "checkbox", id: "robust-verification", checked: state.verification });
  const go = h("button", { type: "button", class: "button primary", id: "robust-compute", text: t("compute") });
  // Computed with the options as shown, whether a file or the button starts it.
  const options = () => Object.assign(state, { award: award.value, samples: samples.value.trim(), weights: weights.value.trim(), verification: verification.checked });
  file.addEventListener("change", async () => {
    options();
    state.texts = await readTexts(file);
    compute(root);
  });
  go.addEventListener("click", () => {
    options();
    compute(root);
  });
  return h(
    "div",
    { class: "fields" },
    h("label", { for: "robust-file", text: t("file") }),
    file,
    h("label", { for: "robust-award", text: t("award") }),
    award,
    h("label", { for: "robust-samples", text: t("samples") }),
    samples,
    h("label", { for: "robust-weights", text: t("weights") }),
    weights,
    h("span", { class: "check" }, verification, h("label", { for: "robust-verification", text: t("verification") })),
    go,
  );
}

/** A sensitivity index with its bootstrap interval, or "–" without one. */
const index = (x, low, high) => (x == null ? "–" : [figure(x), " (", figure(low), "–", figure(high), ")"]);

function summary(a) {
  const groups = t("groups");
  return h(
    "section",
    { class: "card", "aria-labelledby": "robust-summary-h" },
    h("h2", { id: "robust-summary-h", text: t("summary") }),
    h("p", { id: "robust-summary" }, `${a.methodology} · ${a.samples} × 2 = ${a.rankings} ${t("rankings")}. ${t("shift")}: `, figure(a.mean_rank_shift, { id: "robust-shift" })),
    h("h3", { text: t("sensitivity") }),
    table(
      t("sensitivity"),
      [[t("group")], [t("first"), "num"], [t("total"), "num"]],
      a.sensitivity.map((s) =>
        h(
          "tr",
          { "data-group": s.group },
          h("td", { text: groups[s.group] ?? s.group }),
          s.varied ? [h("td", { class: "num" }, index(s.first_order, s.first_order_low, s.first_order_high)), h("td", { class: "num" }, index(s.total, s.total_low, s.total_high))] : h("td", { colspan: "2", class: "hint", text: t("notVaried") }),
        ),
      ),
      { id: "robust-sensitivity" },
    ),
  );
}

function regions(a) {
  const award = a.award != null;
  return h(
    "section",
    { class: "card", "aria-labelledby": "robust-regions-h" },
    h("h2", { id: "robust-regions-h", text: t("regions") }),
    table(
      t("regions"),
      [[t("rank"), "num"], [t("code")], [t("name")], ...(award ? [[t("cluster")]] : []), [t("index"), "num"], [t("predicate")], [t("median"), "num"], [t("interval"), "num"], [t("keeps"), "num"], ...(award ? [[t("nominee"), "num"]] : [])],
      a.regions.slice(0, 600).map((g) =>
        h(
          "tr",
          { "data-code": g.code },
          h("td", { class: "num", text: String(g.rank) }),
          h("td", {}, h("span", { class: "code", text: g.code })),
          h("td", { text: g.name ?? "" }),
          award ? h("td", { text: g.cluster ?? "–" }) : null,
          h("td", { class: "num" }, figure(g.index)),
          h("td", { text: g.predicate }),
          h("td", { class: "num median", text: String(g.median_rank) }),
          h("td", { class: "num interval", text: `${g.rank_p05}–${g.rank_p95}` }),
          h("td", { class: "num keeps" }, percent(g.keeps_predicate)),
          award ? h("td", { class: "num nominee" }, g.nominee_probability == null ? "–" : percent(g.nominee_probability)) : null,
        ),
      ),
      { id: "robust-regions" },
    ),
  );
}

function render(root) {
  const a = state.answer;
  root.replaceChildren(
    h(
      "div",
      { class: "single robustness" },
      h(
        "section",
        { class: "card", "aria-labelledby": "robust-h", "aria-busy": String(state.busy) },
        h("h2", { id: "robust-h", text: t("heading") }),
        h("p", { class: "hint", text: t("intro") }),
        controls(root),
        state.busy ? h("p", { class: "hint", text: t("computing") }) : null,
        state.error ? engineError(state.error, "robust-error") : null,
        !a && !state.error && !state.busy ? h("p", { class: "hint", text: t("empty") }) : null,
      ),
      a && !state.busy ? [summary(a), regions(a)] : null,
    ),
  );
}

/** Mount the view in `root`; it lives until `signal` aborts. */
export async function mount(root, { signal }) {
  // The award choice lists the engine's definitions (the national module).
  await Promise.all([stylesheet(new URL("robustness.css", import.meta.url), signal), loadAwards(engine, state)]);
  if (signal.aborted) return; // another view was chosen meanwhile
  render(root);
  onLanguage(() => render(root), signal);
}
