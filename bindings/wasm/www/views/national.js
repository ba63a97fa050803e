// The national view: load a file of many submissions (a JSON array, JSON
// Lines, or several submission files), rank them with the engine's `rank`
// (in the national module, loaded on first use), and show what it answers:
// the predicate counts nationally and per cluster, the histogram, the
// ranking with cluster ranks and nominees, a search by code or name.
// Everything stays in the browser; the view computes no figure itself.

import * as engine from "../engine.js";
import { h, stylesheet } from "../lib/dom.js";
import { table } from "../lib/table.js";
import { onLanguage, translator } from "../lib/i18n.js";
import { engineError, figure } from "../lib/format.js";
import { awardChoices, loadAwards } from "../lib/awards.js";
import { readTexts, submissionsOf } from "../lib/files.js";

const t = translator({
  id: {
    heading: "Peringkat nasional",
    intro: "Muat berkas berisi banyak isian daerah (larik JSON, JSON Lines, atau beberapa berkas isian). Semua dihitung di peramban ini; tidak ada yang dikirim.",
    file: "Berkas isian",
    award: "Definisi penghargaan",
    none: "tanpa klaster",
    summary: "Ringkasan",
    regions: "daerah",
    submitted: "mengirim",
    assessable: "dapat dinilai",
    innovations: "inovasi",
    mean: "Rata-rata",
    median: "Median",
    predicates: "Jumlah daerah per predikat",
    national: "nasional",
    histogram: "Sebaran indeks",
    ranking: "Peringkat",
    cluster: "Klaster",
    all: "semua",
    search: "Cari kode atau nama",
    rank: "Peringkat",
    code: "Kode",
    name: "Nama",
    inCluster: "Di klaster",
    index: "Indeks",
    predicate: "Predikat",
    nominee: "Nominasi",
    yes: "ya",
    empty: "Belum ada berkas dimuat.",
    shown: "ditampilkan",
  },
  en: {
    heading: "National ranking",
    intro: "Load a file of many regions' submissions (a JSON array, JSON Lines, or several submission files). Everything is computed in this browser; nothing is sent.",
    file: "Submissions file",
    award: "Award definition",
    none: "no clusters",
    summary: "Summary",
    regions: "regions",
    submitted: "submitted",
    assessable: "assessable",
    innovations: "innovations",
    mean: "Mean",
    median: "Median",
    predicates: "Regions per predicate",
    national: "national",
    histogram: "Index distribution",
    ranking: "Ranking",
    cluster: "Cluster",
    all: "all",
    search: "Search code or name",
    rank: "Rank",
    code: "Code",
    name: "Name",
    inCluster: "In cluster",
    index: "Index",
    predicate: "Predicate",
    nominee: "Nominee",
    yes: "yes",
    empty: "No file loaded yet.",
    shown: "shown",
  },
});

/** The view's state: the texts loaded, the award chosen, the answer. */
const state = { texts: [], award: null, awards: [], answer: null, error: null, cluster: "", query: "" };

async function compute(root) {
  state.error = null;
  try {
    state.answer = state.texts.length ? await engine.rank(submissionsOf(state.texts), state.award ? { award: state.award } : {}) : null;
  } catch (e) {
    state.answer = null;
    state.error = e;
  }
  render(root);
}

function controls(root) {
  const file = h("input", { type: "file", id: "national-file", accept: ".json,.jsonl,application/json", multiple: "" });
  file.addEventListener("change", async () => {
    state.texts = await readTexts(file);
    compute(root);
  });
  const award = h(
    "select",
    { id: "national-award" },
    awardChoices(state.awards, t("none")).map(([value, text]) =>
      h("option", { value, text, selected: value === state.award ? "" : null }),
    ),
  );
  award.addEventListener("change", () => {
    state.award = award.value;
    compute(root);
  });
  return h(
    "div",
    { class: "fields" },
    h("label", { for: "national-file", text: t("file") }),
    file,
    h("label", { for: "national-award", text: t("award") }),
    award,
  );
}

function summary(a) {
  const s = a.summary;
  const p = s.participation;
  const clusters = s.predicates[0]?.clusters.map((c) => c.cluster) ?? [];
  const most = Math.max(1, ...s.histogram.map((b) => b.count));
  return [
    h(
      "section",
      { class: "card", "aria-labelledby": "national-summary-h" },
      h("h2", { id: "national-summary-h", text: t("summary") }),
      h(
        "p",
        { id: "national-participation" },
        `${p.regions} ${t("regions")}, ${p.submitted} ${t("submitted")}, ${p.assessable} ${t("assessable")}, ${p.innovations} ${t("innovations")}. `,
        `${t("mean")} `,
        s.mean_index == null ? "–" : figure(s.mean_index),
        `, ${t("median")} `,
        s.median_index == null ? "–" : figure(s.median_index),
        ".",
      ),
      h("h3", { text: t("predicates") }),
      table(
        t("predicates"),
        [[t("predicate")], [t("national"), "num"], ...clusters.map((c) => [c, "num"])],
        s.predicates.map((row) =>
          h("tr", {}, h("td", { text: row.predicate }), h("td", { class: "num", text: String(row.count) }), row.clusters.map((c) => h("td", { class: "num", text: String(c.count) }))),
        ),
      ),
      h("h3", { text: t("histogram") }),
      h(
        "ul",
        { class: "histogram", id: "national-histogram" },
        s.histogram.map((b) =>
          h(
            "li",
            {},
            h("span", { class: "bin", text: `${b.from}–${b.to}` }),
            h("span", { class: "bar", style: null, "data-width": String(Math.round((100 * b.count) / most)) }),
            h("span", { class: "num", text: String(b.count) }),
          ),
        ),
      ),
    ),
  ];
}

function ranking(root, a) {
  const clusters = a.summary.clusters.map((c) => c.cluster);
  const select = h(
    "select",
    { id: "national-cluster" },
    [["", t("all")], ...clusters.map((c) => [c, c])].map(([value, text]) => h("option", { value, text, selected: value === state.cluster ? "" : null })),
  );
  select.addEventListener("change", () => {
    state.cluster = select.value;
    render(root);
  });
  const search = h("input", { type: "search", id: "national-search", value: state.query, autocomplete: "off" });
  search.addEventListener("input", () => {
    state.query = search.value;
    render(root, "national-search");
  });
  const q = state.query.trim().toLowerCase();
  const rows = a.regions.filter(
    (g) => (!state.cluster || g.clusters.some((p) => p.cluster === state.cluster)) && (!q || g.code.toLowerCase().includes(q) || (g.name ?? "").toLowerCase().includes(q)),
  );
  const place = (g) => (state.cluster ? g.clusters.find((p) => p.cluster === state.cluster) : null) ?? { rank: g.rank_in_cluster, nominee: g.nominee };
  return h(
    "section",
    { class: "card", "aria-labelledby": "national-ranking-h" },
    h("h2", { id: "national-ranking-h", text: t("ranking") }),
    h(
      "div",
      { class: "fields" },
      clusters.length ? [h("label", { for: "national-cluster", text: t("cluster") }), select] : null,
      h("label", { for: "national-search", text: t("search") }),
      search,
    ),
    h("p", { class: "hint", id: "national-shown", text: `${rows.length} ${t("shown")}` }),
    table(
      t("ranking"),
      [[t("rank"), "num"], [t("code")], [t("name")], [t("cluster")], [t("inCluster"), "num"], [t("index"), "num"], [t("predicate")], [t("nominee")]],
      rows.slice(0, 600).map((g) =>
        h(
          "tr",
          { "data-code": g.code },
          h("td", { class: "num", text: String(g.rank) }),
          h("td", {}, h("span", { class: "code", text: g.code })),
          h("td", { text: g.name ?? "" }),
          h("td", { text: g.cluster ?? "–" }),
          h("td", { class: "num", text: place(g).rank == null ? "–" : String(place(g).rank) }),
          h("td", { class: "num" }, figure(g.index)),
          h("td", { text: g.predicate }),
          h("td", { text: place(g).nominee ? t("yes") : "" }),
        ),
      ),
    ),
  );
}

function render(root, focus) {
  const a = state.answer;
  root.replaceChildren(
    h(
      "div",
      { class: "single national" },
      h(
        "section",
        { class: "card", "aria-labelledby": "national-h" },
        h("h2", { id: "national-h", text: t("heading") }),
        h("p", { class: "hint", text: t("intro") }),
        controls(root),
        state.error ? engineError(state.error, "national-error") : null,
        !a && !state.error ? h("p", { class: "hint", text: t("empty") }) : null,
      ),
      a ? [summary(a), ranking(root, a)] : null,
    ),
  );
  // Bar widths as CSS custom properties (no inline styles under the CSP).
  for (const bar of root.querySelectorAll(".histogram .bar")) bar.style.setProperty("--w", `${bar.dataset.width}%`);
  if (focus) {
    const el = root.querySelector(`#${focus}`);
    el?.focus();
    el?.setSelectionRange?.(el.value.length, el.value.length);
  }
}

/** Mount the view in `root`; it lives until `signal` aborts. */
export async function mount(root, { signal }) {
  // The award choice lists the engine's definitions (the national module).
  await Promise.all([stylesheet(new URL("national.css", import.meta.url), signal), loadAwards(engine, state)]);
  if (signal.aborted) return; // another view was chosen meanwhile
  render(root);
  onLanguage(() => render(root), signal);
}
