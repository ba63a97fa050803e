// The workbook and report view: the draft to and from the Excel workbook
// regional offices fill in (the engine's office module, loaded on first
// use), the empty workbook of its methodology, and the printable report
// (one self-contained HTML page to open and print). Reading a workbook,
// laying one out and writing the report are the engine's; a bad cell is
// the engine's error, naming its sheet and cell. Nothing leaves the
// browser: every file is made here and offered as a download.

import * as engine from "../engine.js";
import { draft, fileName, onDraft, replace } from "../lib/draft.js";
import { download, h, stylesheet } from "../lib/dom.js";
import { engineError } from "../lib/format.js";
import { language, onLanguage, translator } from "../lib/i18n.js";
import { setStatus } from "../lib/status.js";

const t = translator({
  id: {
    heading: "Lembar kerja Excel",
    intro: "Isian yang sama dalam lembar kerja Excel yang biasa diisi kantor daerah: unduh lembar kosong metodologi ini, ekspor draf, atau impor lembar yang sudah diisi (menggantikan draf). Semua dibuat di peramban ini; tidak ada yang dikirim.",
    template: "Unduh lembar kosong",
    export: "Ekspor draf (.xlsx)",
    import: "Impor lembar kerja (.xlsx)",
    working: "Memuat modul lembar kerja…",
    imported: (name) => `Diimpor dari ${name}.`,
    saved: (name) => `Disimpan sebagai ${name}.`,
    report: "Laporan cetak",
    reportIntro: "Satu halaman HTML mandiri berisi indeks, predikat, rincian dan grafik draf ini: buka lalu cetak atau simpan sebagai PDF dari peramban.",
    lang: "Bahasa laporan",
    download: "Unduh laporan (.html)",
  },
  en: {
    heading: "Excel workbook",
    intro: "The same submission in the Excel workbook regional offices fill in: download this methodology's empty workbook, export the draft, or import a filled-in one (it replaces the draft). Everything is made in this browser; nothing is sent.",
    template: "Download the empty workbook",
    export: "Export the draft (.xlsx)",
    import: "Import a workbook (.xlsx)",
    working: "Loading the workbook module…",
    imported: (name) => `Imported from ${name}.`,
    saved: (name) => `Saved as ${name}.`,
    report: "Printable report",
    reportIntro: "One self-contained HTML page with the draft's index, predicate, breakdown and charts: open it, then print or save it as PDF from the browser.",
    lang: "Report language",
    download: "Download the report (.html)",
  },
});

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The view's state: the last error, the language chosen for the report. */
const state = { error: null, busy: false, lang: null };

/** Run `work` with the office module; an engine error is shown in the view. */
async function run(root, work) {
  state.busy = true;
  state.error = null;
  render(root);
  try {
    await work();
  } catch (e) {
    state.error = e;
  }
  state.busy = false;
  render(root);
}

/** Today as the caller's calendar has it (`YYYY-MM-DD`), the report's date. */
function today() {
  const d = new Date();
  const two = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

function workbook(root) {
  const file = h("input", { type: "file", id: "workbook-file", accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  file.addEventListener("change", () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    run(root, async () => {
      const sub = await engine.readWorkbook(new Uint8Array(await chosen.arrayBuffer()));
      replace(sub);
      setStatus(t("imported")(chosen.name));
    });
  });
  const template = h("button", { type: "button", class: "button", id: "workbook-template", text: t("template") });
  template.addEventListener("click", () =>
    run(root, async () => {
      const name = `iid-${draft.sub.methodology}-templat.xlsx`;
      download(name, await engine.template(draft.sub.methodology), XLSX);
      setStatus(t("saved")(name));
    }),
  );
  const exportButton = h("button", { type: "button", class: "button", id: "workbook-export", text: t("export") });
  exportButton.addEventListener("click", () =>
    run(root, async () => {
      const name = fileName(draft.sub, "xlsx");
      download(name, await engine.writeWorkbook(draft.sub), XLSX);
      setStatus(t("saved")(name));
    }),
  );
  return h(
    "section",
    { class: "card", "aria-labelledby": "workbook-h", "aria-busy": String(state.busy) },
    h("h2", { id: "workbook-h", text: t("heading") }),
    h("p", { class: "hint", text: t("intro") }),
    h("div", { class: "fields" }, template, exportButton),
    h("div", { class: "fields" }, h("label", { for: "workbook-file", text: t("import") }), file),
    state.busy ? h("p", { class: "hint", text: t("working") }) : null,
    state.error ? engineError(state.error, "workbook-error") : null,
  );
}

function report(root) {
  const lang = h(
    "select",
    { id: "report-lang" },
    [["id", "Bahasa Indonesia"], ["en", "English"]].map(([value, text]) => h("option", { value, text, selected: value === (state.lang ?? language()) ? "" : null })),
  );
  lang.addEventListener("change", () => {
    state.lang = lang.value;
  });
  const go = h("button", { type: "button", class: "button primary", id: "report-download", text: t("download") });
  go.addEventListener("click", () =>
    run(root, async () => {
      const name = fileName(draft.sub, "html").replace(/^iid-/, "laporan-iid-");
      download(name, await engine.report(draft.sub, { lang: lang.value, date: today() }), "text/html");
      setStatus(t("saved")(name));
    }),
  );
  return h(
    "section",
    { class: "card", "aria-labelledby": "report-h" },
    h("h2", { id: "report-h", text: t("report") }),
    h("p", { class: "hint", text: t("reportIntro") }),
    h("div", { class: "fields" }, h("label", { for: "report-lang", text: t("lang") }), lang, go),
  );
}

function render(root) {
  root.replaceChildren(h("div", { class: "single workbook" }, workbook(root), report(root)));
}

/** Mount the view in `root`; it lives until `signal` aborts. */
export async function mount(root, { signal }) {
  await stylesheet(new URL("workbook.css", import.meta.url), signal);
  if (signal.aborted) return; // another view was chosen meanwhile
  render(root);
  onDraft(() => {
    state.error = null;
    render(root);
  }, signal);
  onLanguage(() => render(root), signal);
}
