// The calculator page's shell: it loads the engine once, keeps the shared
// draft (lib/draft.js), and routes between the views (views/index.js) by
// the address's fragment (#/kalkulator, #/metodologi, ...). The toolbar
// (methodology, import, export, print, clear) acts on the draft, which
// every view shares. It holds no scoring rule: views render what the
// engine (engine.js) answers.

import * as engine from "./engine.js";
import { defaultMethodology, draft, emptySubmission, fileName, isMap, onDraft, replace, startDraft, useMethodology } from "./lib/draft.js";
import { $, download, h } from "./lib/dom.js";
import { applyTexts, language, onLanguage, setLanguage, translator } from "./lib/i18n.js";
import { startOffline } from "./lib/offline.js";
import { setStatus } from "./lib/status.js";
import { TEXT } from "./shell-text.js";
import views from "./views/index.js";

const t = translator(TEXT);
const view = () => $("isi");

// ------------------------------------------------------------------ views

/** The view on show: its registration and the controller that ends it. */
let current = null;

const viewTitle = (entry) => entry.title[language()] ?? entry.title.id;

function renderNav() {
  $("views").replaceChildren(
    ...views.map((entry) =>
      h("a", { href: `#/${entry.id}`, class: "view-link", "aria-current": current?.entry === entry ? "page" : null, text: viewTitle(entry) }),
    ),
  );
}

/** Show the view the address names (the first one by default); `focus` moves the focus to it. */
async function route(focus) {
  const hash = location.hash;
  // Another fragment (a skip link, #hasil) is an anchor in the view on show.
  if (current && !hash.startsWith("#/")) return;
  const entry = views.find((v) => hash === `#/${v.id}`) ?? views[0];
  if (current?.entry === entry) return;
  current?.controller.abort();
  const controller = new AbortController();
  current = { entry, controller };
  renderNav();
  const root = view();
  root.replaceChildren();
  root.dataset.view = entry.id;
  delete root.dataset.ready;
  document.title = `${viewTitle(entry)} · ${t("title")}`;
  try {
    const module = await entry.load();
    if (controller.signal.aborted) return; // another view was asked for meanwhile
    await module.mount(root, { signal: controller.signal });
  } catch (e) {
    // A view that fails to load or to mount says so in its place; the others still work.
    if (!controller.signal.aborted) root.replaceChildren(h("div", { class: "error", role: "alert", text: `${viewTitle(entry)}: ${e.message}` }));
    return;
  }
  if (controller.signal.aborted) return;
  root.dataset.ready = "true";
  if (focus) {
    // A new view starts at its top, with the focus on it for keyboards and screen readers.
    root.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
}

// ---------------------------------------------------------------- toolbar

function renderMethodologies() {
  $("methodology").replaceChildren(
    ...draft.list.map((r) => h("option", { value: r.id, selected: r.id === draft.rubric?.id, text: `${r.name} (${t("status")[r.status] ?? r.status})` })),
  );
}

function renderProvenance() {
  const docs = draft.rubric?.provenance?.documents ?? [];
  $("provenance").textContent = docs.length ? `${t("source")}: ${docs.map((d) => [d.title, d.number, d.date].filter(Boolean).join(", ")).join("; ")}` : "";
}

function applyLanguage() {
  document.documentElement.lang = language();
  applyTexts(document.body, t, view());
  const toggle = $("lang");
  toggle.textContent = t("toggle");
  toggle.lang = language() === "en" ? "id" : "en";
  toggle.setAttribute("aria-pressed", String(language() === "en"));
  if (globalThis.IID_BUILD?.id) $("build").textContent = `· ${t("build")(globalThis.IID_BUILD.id)}`;
  if ($("offline-state").textContent) $("offline-state").textContent = t("offlineReady");
  if (current) document.title = `${viewTitle(current.entry)} · ${t("title")}`;
  renderNav();
  renderMethodologies();
  renderProvenance();
}

async function importFile(e) {
  const file = e.target.files?.[0];
  e.target.value = "";
  if (!file) return;
  const text = await file.text();
  let sub;
  try {
    sub = JSON.parse(text);
  } catch (err) {
    // Let the engine name the place of the syntax error.
    let shown = err;
    try {
      engine.score(text);
    } catch (engineErr) {
      shown = engineErr;
    }
    setStatus(t("importFailed")(shown.message));
    return;
  }
  if (!isMap(sub)) {
    setStatus(t("importFailed")("JSON"));
    return;
  }
  replace(sub);
  setStatus(t("imported")(file.name));
}

function exportDraft() {
  const sub = draft.sub;
  const name = fileName(sub, "json");
  download(name, JSON.stringify(sub, null, 2) + "\n", "application/json");
  setStatus(t("exported")(name));
}

function wire() {
  $("lang").addEventListener("click", () => {
    setStatus("");
    setLanguage(language() === "id" ? "en" : "id");
  });
  onLanguage(applyLanguage);
  onDraft((e) => {
    if (!e.detail.replaced) return;
    renderMethodologies();
    renderProvenance();
  });
  $("methodology").addEventListener("change", (e) => useMethodology(e.target.value));
  $("import").addEventListener("click", () => $("import-file").click());
  $("import-file").addEventListener("change", importFile);
  $("export").addEventListener("click", exportDraft);
  $("print").addEventListener("click", () => window.print());
  $("reset").addEventListener("click", () => {
    if (!confirm(t("resetAsk"))) return;
    replace(emptySubmission(draft.rubric?.id ?? defaultMethodology()));
    setStatus(t("cleared"));
  });
  window.addEventListener("hashchange", () => route(true));
}

// ------------------------------------------------------------------ start

async function main() {
  document.documentElement.lang = language();
  try {
    await engine.start();
  } catch (e) {
    view().replaceChildren(h("div", { class: "error", role: "alert", text: `${t("loadFailed")}: ${e.message}` }));
    return;
  }
  $("version").textContent = engine.version();
  startDraft();
  wire();
  applyLanguage();
  await route(false);
  document.body.dataset.ready = "true";
  startOffline({
    onUpdate: (reload) => {
      $("update").hidden = false;
      $("update-reload").onclick = reload;
    },
    onReady: () => {
      $("offline-state").textContent = t("offlineReady");
    },
  });
}

main();
