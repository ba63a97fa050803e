// The year-over-year view: load last year's submission, compare it with
// this year's (the calculator's draft, or a file) through the engine's
// `diff` (in the national module, loaded on first use), and show why the
// index moved as a waterfall: last year's index, each part of the change
// from its `start` to its `end`, this year's index. The parts, their
// order and their texts are the engine's; the view only lays them out.

import * as engine from "../engine.js";
import { draft, onDraft } from "../lib/draft.js";
import { h, stylesheet } from "../lib/dom.js";
import { table } from "../lib/table.js";
import { language, onLanguage, translator } from "../lib/i18n.js";
import { engineError, figure, signedTwoDecimals } from "../lib/format.js";

const t = translator({
  id: {
    heading: "Riwayat: mengapa indeks berubah",
    intro: "Muat isian tahun lalu; isian tahun ini adalah isian di kalkulator, atau muat berkasnya. Semua dihitung di peramban ini; tidak ada yang dikirim.",
    old: "Isian tahun lalu",
    current: "Isian tahun ini",
    draft: "isian di kalkulator",
    file: "berkas",
    empty: "Belum ada isian tahun lalu dimuat.",
    waterfall: "Perubahan indeks, bagian demi bagian",
    start: "Indeks",
    end: "Indeks",
    parts: "Rincian bagian",
    part: "Bagian",
    points: "Poin",
    items: "Rincian",
    none: "tidak ada perubahan",
    scale: "Skala",
  },
  en: {
    heading: "History: why the index changed",
    intro: "Load last year's submission; this year's is the calculator's draft, or load its file. Everything is computed in this browser; nothing is sent.",
    old: "Last year's submission",
    current: "This year's submission",
    draft: "the calculator's draft",
    file: "a file",
    empty: "No submission of last year loaded yet.",
    waterfall: "The change of the index, part by part",
    start: "Index",
    end: "Index",
    parts: "The parts in detail",
    part: "Part",
    points: "Points",
    items: "Details",
    none: "no change",
    scale: "Scale",
  },
});

/** The view's state: the texts loaded, the answer or the engine's error. */
const state = { old: null, current: null, answer: null, error: null };

const message = (x) => (language() === "en" ? x.message_en : x.message_id) ?? x.message_id;

async function compute(root) {
  state.error = null;
  state.answer = null;
  if (state.old != null) {
    try {
      state.answer = await engine.diff(state.old, state.current ?? draft.sub);
    } catch (e) {
      state.error = e;
    }
  }
  render(root);
}

function fileInput(id, accept, onText) {
  const input = h("input", { type: "file", id, accept });
  input.addEventListener("change", async () => {
    const f = input.files[0];
    onText(f ? await f.text() : null);
  });
  return input;
}

function controls(root) {
  return h(
    "div",
    { class: "fields" },
    h("label", { for: "history-old", text: t("old") }),
    fileInput("history-old", ".json,application/json", (text) => {
      state.old = text;
      compute(root);
    }),
    h("label", { for: "history-current", text: `${t("current")} (${state.current == null ? t("draft") : t("file")})` }),
    fileInput("history-current", ".json,application/json", (text) => {
      state.current = text;
      compute(root);
    }),
  );
}

/** One bar of the waterfall, from `from` to `to` on the shown scale. */
function bar(kind, name, from, to, shown, scale) {
  const [lo, hi] = scale;
  const at = (x) => (100 * (Number(x) - lo)) / (hi - lo);
  const left = Math.min(at(from), at(to));
  const width = Math.abs(at(to) - at(from));
  return h(
    "li",
    { class: `step ${kind}` },
    h("span", { class: "name", text: name }),
    h("span", { class: "track" }, h("span", { class: "bar", "data-left": left.toFixed(3), "data-width": width.toFixed(3) })),
    h("span", { class: "num", title: shown.title, text: shown.text }),
  );
}

function waterfall(a) {
  const moved = a.parts.filter((p) => p.exact !== "0");
  const values = [a.old.index_exact, a.new.index_exact, ...moved.flatMap((p) => [p.start, p.end])].map(Number);
  // The shown scale: whole tens around every value (presentation only).
  let lo = Math.max(0, Math.floor(Math.min(...values) / 10) * 10);
  let hi = Math.ceil(Math.max(...values) / 10) * 10;
  if (hi <= lo) hi = lo + 10;
  const scale = [lo, hi];
  const total = (year, index) =>
    bar("total", `${t("start")} ${year ?? ""}`.trim(), String(lo), index, { text: figure(index).textContent, title: index }, scale);
  return h(
    "section",
    { class: "card", "aria-labelledby": "history-waterfall-h" },
    h("h2", { id: "history-waterfall-h", text: t("waterfall") }),
    h("p", { id: "history-summary", text: language() === "en" ? a.summary_en : a.summary_id }),
    h(
      "ol",
      { class: "waterfall", id: "history-waterfall" },
      total(a.old.year, a.old.index),
      moved.map((p) =>
        bar(Number(p.exact) < 0 ? "down" : "up", message(p), p.start, p.end, { text: signedTwoDecimals(p.points), title: p.exact }, scale),
      ),
      total(a.new.year, a.new.index),
    ),
    h("p", { class: "hint", id: "history-scale", text: `${t("scale")}: ${lo}–${hi}` }),
  );
}

function details(a) {
  const itemText = (i) => {
    const name = i.indicator ?? i.id ?? i.innovation ?? "";
    const levels = i.from != null || i.to != null ? `: ${i.from ?? "–"} → ${i.to ?? "–"}` : "";
    const points = i.points != null ? ` (${signedTwoDecimals(i.points)})` : "";
    return `${name}${levels}${points}`;
  };
  return h(
    "section",
    { class: "card", "aria-labelledby": "history-parts-h" },
    h("h2", { id: "history-parts-h", text: t("parts") }),
    table(
      t("parts"),
      [[t("part")], [t("points"), "num"], [t("items")]],
      a.parts.map((p) =>
        h(
          "tr",
          { "data-kind": p.kind },
          h("td", { text: message(p) }),
          h("td", { class: "num", title: p.exact, text: signedTwoDecimals(p.points) }),
          h("td", { text: p.items?.length ? p.items.map(itemText).join("; ") : t("none") }),
        ),
      ),
    ),
  );
}

function render(root) {
  const a = state.answer;
  root.replaceChildren(
    h(
      "div",
      { class: "single history" },
      h(
        "section",
        { class: "card", "aria-labelledby": "history-h" },
        h("h2", { id: "history-h", text: t("heading") }),
        h("p", { class: "hint", text: t("intro") }),
        controls(root),
        state.error ? engineError(state.error, "history-error") : null,
        !a && !state.error ? h("p", { class: "hint", text: t("empty") }) : null,
      ),
      a ? [waterfall(a), details(a)] : null,
    ),
  );
  // Bar places as CSS custom properties (no inline styles under the CSP).
  for (const b of root.querySelectorAll(".waterfall .bar")) {
    b.style.setProperty("--left", `${b.dataset.left}%`);
    b.style.setProperty("--w", `${b.dataset.width}%`);
  }
}

/** Mount the view in `root`; it lives until `signal` aborts. */
export async function mount(root, { signal }) {
  await stylesheet(new URL("history.css", import.meta.url), signal);
  if (signal.aborted) return; // another view was chosen meanwhile
  render(root);
  onLanguage(() => render(root), signal);
  // This year's submission is the draft unless a file was loaded.
  onDraft(() => {
    if (state.old != null && state.current == null) compute(root);
  }, signal);
}
