// The calculator page. It edits a submission (the interchange format) and
// shows what the engine answers; it holds no scoring rule and no
// methodology label: indicators, parameters, affairs, predicates and
// findings all come from rubric(id) and score(). Answers, innovations and
// affairs are edited through the engine too (applyChanges, the what-if
// change list), so an edit follows the core's rules. Only the page's own
// buttons and headings are translated here.

import init, { applyChanges, marginal, plan, rubric, rubrics, score, version } from "./pkg/iid_wasm.js";
import { signedTwoDecimals, twoDecimals } from "./decimal.js";

const DRAFT_KEY = "iid-kalkulator:draft";
const LANG_KEY = "iid-kalkulator:lang";

const TEXT = {
  id: {
    skip: "Langsung ke hasil",
    title: "Kalkulator Indeks Inovasi Daerah",
    tagline: "Penilaian mandiri pemerintah daerah",
    privacy: "Semua perhitungan dilakukan di peramban ini. Tidak ada data yang dikirim ke server; draf disimpan di penyimpanan lokal peramban.",
    toolbar: "Berkas dan metodologi",
    methodology: "Metodologi",
    import: "Impor JSON",
    export: "Ekspor JSON",
    reset: "Kosongkan",
    region: "Pemerintah daerah",
    regionName: "Nama pemerintah daerah",
    regionNameHint: "mis. Kabupaten Contoh",
    regionCode: "Kode wilayah (Kemendagri)",
    spdHint: "Pilih satu parameter untuk setiap indikator. Indikator bertanda wajib harus dijawab.",
    sidHint: "Tambahkan setiap inovasi yang dilaporkan, lalu jawab indikatornya.",
    innovationList: "Daftar inovasi",
    innovationName: "Nama inovasi",
    agency: "Perangkat daerah",
    affair: "Urusan",
    rowScore: "Skor",
    actions: "Tindakan",
    noInnovations: "Belum ada inovasi.",
    add: "+ Tambah inovasi",
    edit: "Sunting",
    remove: "Hapus",
    done: "Selesai",
    editing: "Sunting inovasi",
    otherAffair: "Urusan lain (tulis kode)…",
    otherAffairCode: "Kode urusan lain",
    noAffair: "— pilih urusan —",
    basicService: "pelayanan dasar",
    unanswered: "Belum dijawab",
    weight: "Bobot",
    mandatory: "Wajib",
    measured: "Jawaban terukur",
    result: "Hasil penilaian",
    index: "Indeks",
    breakdown: "Rincian per aspek dan variabel",
    yandas: "Urusan pelayanan dasar",
    findings: "Catatan",
    engine: "Mesin penilaian iid",
    footerNote: "WebAssembly; hasil sama dengan CLI dan pustaka Python.",
    spdScore: "Skor SPD",
    sidScore: "Skor SID",
    countScore: "Skor jumlah inovasi",
    total: "Total",
    innovations: "Jumlah inovasi",
    divisor: "Pembagi",
    emptySeats: "Kursi kosong",
    emptySeatsNote: "inovasi tambahan menaikkan rata-rata",
    covered: "tercakup",
    missing: "belum tercakup",
    yandasOf: (c, n, req) => `${c} dari ${n} urusan tercakup` + (req == null ? "" : ` (wajib ${req})`),
    yandasOk: "Syarat terpenuhi",
    yandasShort: "Syarat belum terpenuhi",
    noFindings: "Tidak ada catatan.",
    invalid: "Data belum dapat dihitung",
    imported: (f) => `Berkas ${f} diimpor.`,
    importFailed: (m) => `Impor gagal: ${m}`,
    exported: (f) => `Diekspor sebagai ${f}.`,
    resetAsk: "Hapus semua jawaban dan inovasi pada draf ini?",
    cleared: "Draf dikosongkan.",
    removed: (n) => `Inovasi "${n}" dihapus.`,
    source: "Sumber",
    status: { official: "resmi", prognosis: "prognosis", custom: "kustom" },
    severity: { critical: "Kritis", warning: "Perhatian", info: "Info" },
    toggle: "English",
    newInnovation: (k) => `Inovasi ${k}`,
    editFailed: (m) => `Perubahan tidak diterapkan: ${m}`,
    loadFailed: "Mesin penilaian tidak dapat dimuat",
    marginal: "Nilai marjinal",
    marginalHint: "Sepuluh langkah satu tingkat dengan tambahan indeks terbesar, dihitung tepat oleh mesin.",
    step: "Langkah",
    gain: "Tambahan indeks",
    gainShort: "Tambahan",
    indexAfter: "Indeks sesudah",
    noMarginal: "Tidak ada langkah yang menaikkan indeks.",
    nextPredicate: (label, min, gap) => ["Predikat berikutnya: ", label, " mulai ", min, " (kurang ", gap, ")."],
    newInnovationStep: "Inovasi baru",
    anotherAffair: "urusan lain",
    emptySeat: "mengisi kursi kosong",
    regionRow: "tingkat daerah",
    plan: "Rencana ke predikat berikutnya",
    planHint: "Langkah dengan biaya total terkecil untuk mencapai predikat di atas predikat saat ini, tanpa menambah inovasi.",
    reachNext: "Capai predikat berikutnya",
    topBand: "Sudah berada di predikat tertinggi: tidak ada predikat di atasnya.",
    planSteps: "Langkah rencana",
    innovation: "Inovasi",
    fromTo: "Dari → ke",
    cost: "Biaya",
    projected: "Indeks proyeksi",
    totalCost: "Biaya total",
    apply: "Terapkan rencana ke draf",
    applied: (i) => `Rencana diterapkan ke draf; indeks sekarang ${i}.`,
    planFailed: "Rencana tidak dapat dihitung",
  },
  en: {
    skip: "Skip to the result",
    title: "Regional Innovation Index Calculator",
    tagline: "Self-assessment for regional governments",
    privacy: "Everything is computed in this browser. Nothing is sent to a server; the draft is kept in the browser's local storage.",
    toolbar: "File and methodology",
    methodology: "Methodology",
    import: "Import JSON",
    export: "Export JSON",
    reset: "Clear",
    region: "Regional government",
    regionName: "Name of the regional government",
    regionNameHint: "e.g. Kabupaten Contoh",
    regionCode: "Region code (Kemendagri)",
    spdHint: "Choose one parameter for each indicator. Mandatory indicators must be answered.",
    sidHint: "Add every reported innovation, then answer its indicators.",
    innovationList: "Innovations",
    innovationName: "Innovation name",
    agency: "Regional agency",
    affair: "Affair",
    rowScore: "Score",
    actions: "Actions",
    noInnovations: "No innovations yet.",
    add: "+ Add innovation",
    edit: "Edit",
    remove: "Remove",
    done: "Done",
    editing: "Edit innovation",
    otherAffair: "Other affair (type a code)…",
    otherAffairCode: "Code of the other affair",
    noAffair: "— choose an affair —",
    basicService: "basic service",
    unanswered: "Unanswered",
    weight: "Weight",
    mandatory: "Mandatory",
    measured: "Measured answer",
    result: "Assessment result",
    index: "Index",
    breakdown: "Breakdown by aspect and variable",
    yandas: "Basic-service affairs",
    findings: "Notes",
    engine: "iid scoring engine",
    footerNote: "WebAssembly; the same answers as the CLI and the Python library.",
    spdScore: "SPD score",
    sidScore: "SID score",
    countScore: "Innovation-count score",
    total: "Total",
    innovations: "Innovations",
    divisor: "Divisor",
    emptySeats: "Empty seats",
    emptySeatsNote: "each added innovation raises the average",
    covered: "covered",
    missing: "missing",
    yandasOf: (c, n, req) => `${c} of ${n} affairs covered` + (req == null ? "" : ` (${req} required)`),
    yandasOk: "Condition met",
    yandasShort: "Condition not met",
    noFindings: "No notes.",
    invalid: "The data cannot be scored yet",
    imported: (f) => `Imported ${f}.`,
    importFailed: (m) => `Import failed: ${m}`,
    exported: (f) => `Exported as ${f}.`,
    resetAsk: "Remove every answer and innovation in this draft?",
    cleared: "Draft cleared.",
    removed: (n) => `Removed innovation "${n}".`,
    source: "Source",
    status: { official: "official", prognosis: "prognosis", custom: "custom" },
    severity: { critical: "Critical", warning: "Warning", info: "Info" },
    toggle: "Bahasa Indonesia",
    newInnovation: (k) => `Innovation ${k}`,
    editFailed: (m) => `Change not applied: ${m}`,
    loadFailed: "The scoring engine could not be loaded",
    marginal: "Marginal value",
    marginalHint: "The ten one-level steps with the largest index gain, computed exactly by the engine.",
    step: "Step",
    gain: "Index gain",
    gainShort: "Gain",
    indexAfter: "Index after",
    noMarginal: "No step raises the index.",
    nextPredicate: (label, min, gap) => ["Next predicate: ", label, " from ", min, " (", gap, " to go)."],
    newInnovationStep: "New innovation",
    anotherAffair: "another affair",
    emptySeat: "fills an empty seat",
    regionRow: "region level",
    plan: "Plan to the next predicate",
    planHint: "The steps of least total cost that reach the predicate above the current one, without adding innovations.",
    reachNext: "Reach the next predicate",
    topBand: "Already in the top predicate: there is none above it.",
    planSteps: "Steps of the plan",
    innovation: "Innovation",
    fromTo: "From → to",
    cost: "Cost",
    projected: "Projected index",
    totalCost: "Total cost",
    apply: "Apply the plan to the draft",
    applied: (i) => `Plan applied to the draft; the index is now ${i}.`,
    planFailed: "The plan cannot be computed",
  },
};

const $ = (id) => document.getElementById(id);

/** Create an element: h("p", {class: "x", onclick: f}, child, "text"). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c != null && c !== false) el.append(c);
  return el;
}

const app = {
  lang: "id",
  list: [], // rubrics()
  rubric: null, // rubric(id)
  sub: null, // the submission being edited
  result: null,
  editing: null, // index of the innovation in the editor
  marginal: null, // marginal(sub), or { error }
  next: null, // plan(sub, {target: "next"}), or { error }
  planOpen: false, // whether the plan to the next predicate is on show
};

const t = (key) => TEXT[app.lang][key];
const label = (item, field = "name") => (app.lang === "en" && item[`${field}_en`]) || item[field];

/** An engine figure (a decimal string): two decimals shown, the exact value as its tooltip. */
const figure = (value, attrs = {}) => h("span", { class: "figure", title: String(value), text: twoDecimals(value), ...attrs });
/** `a / b` as figures (`a` alone without a maximum). */
const ofMax = (a, b) => (b == null ? figure(a) : [figure(a), " / ", figure(b)]);
const signed = (d) => (d.startsWith("-") || /^0(\.0*)?$/.test(d) ? d : `+${d}`);
/** A gain: signed, two decimals, the exact gain as its tooltip. */
const gain = (value, attrs = {}) => h("td", { class: "num gain", title: signed(value), text: signedTwoDecimals(value), ...attrs });

// ------------------------------------------------------------------ answers

function levelOf(answer) {
  if (typeof answer === "number") return answer;
  if (answer && typeof answer === "object" && typeof answer.level === "number") return answer.level;
  return 0;
}

const isMap = (x) => x != null && typeof x === "object" && !Array.isArray(x);
const innovationsOf = (sub) => (Array.isArray(sub.innovations) ? sub.innovations : []);

/**
 * Apply changes (the engine's what-if list) to the draft through the
 * engine, which keeps its rules: a level set by hand drops a measurement
 * and a verifier's decision, level 0 removes the answer, an innovation
 * added without an id gets the next `baru-N`. On an error (a draft the
 * engine cannot read, a bad affair code) the draft stays as it was and the
 * status line says why. Returns whether the changes were applied.
 */
function edit(changes) {
  let next;
  try {
    next = applyChanges(app.sub, changes);
  } catch (e) {
    setStatus(t("editFailed")(e.message), "edit-failed");
    return false;
  }
  app.sub = next;
  if ($("status").dataset.kind === "edit-failed") setStatus("");
  changed();
  return true;
}

/** The answers of a scope in the draft as it is now: the region's, or an innovation's. */
function answersAt(where) {
  if (where.innovation == null) return isMap(app.sub.spd) ? app.sub.spd : {};
  const inv = innovationsOf(app.sub).find((i) => isMap(i) && i.id === where.innovation);
  return inv && isMap(inv.levels) ? inv.levels : {};
}

function setLevel(where, code, level) {
  return edit([{ op: "set", ...where, indicator: code, level }]);
}

/** What a measured answer states (its level then follows from it), or null. */
function measuredNote(answer) {
  if (!answer || typeof answer !== "object") return null;
  const what = [answer.value, answer.category, answer.basis].filter((x) => x != null).join(", ");
  return what ? `${t("measured")}: ${what}` : null;
}

// ----------------------------------------------------------------- storage

function save() {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify(app.sub));
  } catch {
    // Storage may be full or disabled; the page still works.
  }
}

function loadDraft() {
  try {
    const text = localStorage.getItem(DRAFT_KEY);
    const sub = text && JSON.parse(text);
    return sub && typeof sub === "object" && !Array.isArray(sub) ? sub : null;
  } catch {
    return null;
  }
}

function emptySubmission(methodology) {
  return { methodology, region: {}, spd: {}, innovations: [] };
}

function defaultMethodology() {
  const official = app.list.filter((r) => r.status === "official");
  return (official.at(-1) ?? app.list[0]).id;
}

/** The status line; `kind` marks a message later events may clear. */
function setStatus(message, kind = "") {
  $("status").textContent = message;
  $("status").dataset.kind = kind;
}

// ----------------------------------------------------------------- forms

function indicatorsOf(scope) {
  const aspects = new Set(app.rubric.aspects.filter((a) => a.scope === scope).map((a) => a.code));
  return app.rubric.variables
    .filter((v) => aspects.has(v.aspect))
    .map((v) => ({ variable: v, indicators: app.rubric.indicators.filter((i) => i.variable === v.code) }))
    .filter((g) => g.indicators.length > 0);
}

/**
 * The answer groups of one scope: a fieldset per indicator, grouped by
 * variable. `where` is {} for the region, {innovation: id} for an innovation.
 */
function answerGroups(scope, where, prefix) {
  return indicatorsOf(scope).map(({ variable, indicators }) =>
    h(
      "div",
      { class: "variable" },
      h("h3", { class: "variable-title", text: label(variable) }),
      indicators.map((ind) => indicatorField(ind, where, `${prefix}-${ind.code}`)),
    ),
  );
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

function renderSpd() {
  const aspect = app.rubric.aspects.find((a) => a.scope === "region");
  $("spd-h").textContent = aspect ? `${aspect.code} · ${label(aspect)}` : "SPD";
  app.sub.spd ??= {};
  $("spd").replaceChildren(...answerGroups("region", {}, "spd"));
}

function affairName(code) {
  const a = app.rubric.affairs.find((x) => x.code === code);
  return a ? a.name : code ?? "";
}

function renderInnovations() {
  const aspect = app.rubric.aspects.find((a) => a.scope === "innovation");
  $("sid-h").textContent = aspect ? `${aspect.code} · ${label(aspect)}` : "SID";
  const list = innovationsOf(app.sub);
  const scores = new Map((app.result?.breakdown.innovations ?? []).map((n) => [n.id, n]));
  $("innovation-rows").replaceChildren(
    ...list.map((inv, k) => {
      const node = isMap(inv) ? scores.get(inv.id) : null;
      const name = (isMap(inv) && (inv.name || inv.id)) || "?";
      return h(
        "tr",
        { class: app.editing === k ? "current" : null },
        h("td", { text: String(k + 1) }),
        h("td", { text: name }),
        h("td", { text: String(inv?.agency ?? "") }),
        h("td", { text: String(affairName(inv?.urusan)) }),
        h("td", { class: "num" }, node ? ofMax(node.score, node.max) : "–"),
        h(
          "td",
          { class: "row-actions" },
          h("button", { type: "button", class: "button small", "aria-label": `${t("edit")}: ${name}`, onclick: () => openEditor(k) }, t("edit")),
          h("button", { type: "button", class: "button small danger", "aria-label": `${t("remove")}: ${name}`, onclick: () => removeInnovation(k) }, t("remove")),
        ),
      );
    }),
  );
  $("no-innovations").hidden = list.length > 0;
}

function addInnovation() {
  // No id: the engine gives the next free baru-N.
  const name = t("newInnovation")(innovationsOf(app.sub).length + 1);
  if (!edit([{ op: "add_innovation", innovation: { name, levels: {} } }])) return;
  openEditor(innovationsOf(app.sub).length - 1);
}

function removeInnovation(k) {
  const gone = innovationsOf(app.sub)[k];
  const before = app.editing;
  if (before === k) app.editing = null;
  else if (before != null && before > k) app.editing = before - 1;
  if (!edit([{ op: "remove_innovation", id: isMap(gone) ? gone.id : null }])) {
    app.editing = before;
    return;
  }
  renderEditor();
  setStatus(t("removed")((isMap(gone) && (gone.name || gone.id)) || "?"));
  $("add").focus();
}

function openEditor(k) {
  app.editing = k;
  renderEditor();
  renderInnovations();
  $("inv-name")?.focus();
}

function closeEditor() {
  const k = app.editing;
  app.editing = null;
  renderEditor();
  renderInnovations();
  const buttons = $("innovation-rows").querySelectorAll("tr")[k]?.querySelectorAll("button");
  (buttons?.[0] ?? $("add")).focus();
}

/** The innovation in the editor, as the draft holds it now. */
function editing() {
  const inv = app.editing != null ? innovationsOf(app.sub)[app.editing] : null;
  return isMap(inv) ? inv : null;
}

function setAffair(urusan) {
  return edit([{ op: "set_affair", innovation: editing()?.id, urusan: urusan ?? null }]);
}

function renderEditor() {
  const inv = editing();
  if (!inv) {
    $("editor").replaceChildren();
    return;
  }
  const known = app.rubric.affairs.some((a) => a.code === inv.urusan);
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
    app.rubric.affairs.map((a) =>
      h("option", { value: a.code, selected: inv.urusan === a.code, text: a.basic_service ? `${a.name} (${t("basicService")})` : a.name }),
    ),
    h("option", { value: "__other", selected: other, text: t("otherAffair") }),
  );
  const agencies = [...new Set(innovationsOf(app.sub).map((i) => i?.agency).filter((a) => typeof a === "string" && a))];
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
          changed();
        },
        ...extra,
      }),
    );
  $("editor").replaceChildren(
    h(
      "section",
      { class: "editor", "aria-labelledby": "editor-h" },
      h("div", { class: "editor-head" }, h("h3", { id: "editor-h", text: `${t("editing")} ${app.editing + 1}: ${inv.name || inv.id}` }), h("button", { type: "button", class: "button primary", onclick: closeEditor }, t("done"))),
      h(
        "div",
        { class: "grid3" },
        text("inv-name", "innovationName", "name"),
        text("inv-agency", "agency", "agency", { list: "agency-list" }),
        h("div", { class: "field" }, h("label", { for: "inv-affair", text: t("affair") }), select),
      ),
      otherField,
      h("datalist", { id: "agency-list" }, agencies.map((a) => h("option", { value: a }))),
      answerGroups("innovation", { innovation: inv.id }, `inv${app.editing}`),
      h("div", { class: "editor-foot" }, h("button", { type: "button", class: "button primary", onclick: closeEditor }, t("done"))),
    ),
  );
}

function renderRegion() {
  app.sub.region ??= {};
  const region = isMap(app.sub.region) ? app.sub.region : {};
  $("region-name").value = region.name ?? "";
  $("region-code").value = region.code ?? "";
}

function region() {
  if (!isMap(app.sub.region)) app.sub.region = {};
  return app.sub.region;
}

function renderForms() {
  renderRegion();
  renderSpd();
  renderEditor();
  renderInnovations();
}

// ----------------------------------------------------------------- results

function recompute() {
  try {
    app.result = score(app.sub);
    $("error").hidden = true;
    $("error").replaceChildren();
    app.marginal = attempt(() => marginal(app.sub));
    app.next = attempt(() => plan(app.sub, { target: "next" }));
  } catch (e) {
    app.result = null;
    app.marginal = null;
    app.next = null;
    $("error").hidden = false;
    $("error").replaceChildren(
      h("strong", { text: t("invalid") }),
      h("p", { text: e.message }),
      e.code ? h("p", { class: "error-meta" }, h("code", { text: e.code }), e.path ? " · " : "", e.path ? h("code", { text: e.path }) : "") : null,
    );
  }
  renderResult();
  renderInnovations();
}

/** f()'s answer, or { error } with what it threw. */
function attempt(f) {
  try {
    return f();
  } catch (error) {
    return { error };
  }
}

function renderResult() {
  const r = app.result;
  const panel = document.querySelector(".results .card");
  panel.classList.toggle("stale", !r);
  renderPlanning();
  if (!r) return;
  $("index").textContent = twoDecimals(r.index);
  $("index").title = r.index_exact;
  $("predicate").textContent = (app.lang === "en" && r.predicate_en) || r.predicate;
  $("predicate").dataset.rank = r.assessable ? predicateRank(r.predicate) : "none";
  $("predicate").lang = app.lang === "en" && r.predicate_en ? "en" : "id";

  const fig = (term, value, note) => [h("dt", { text: term }), h("dd", {}, value, note ? h("span", { class: "note", text: note }) : null)];
  const spdMax = r.breakdown.aspects.find((a) => app.rubric.aspects.find((x) => x.code === a.code)?.scope === "region")?.max;
  $("figures").replaceChildren(
    ...fig(t("spdScore"), ofMax(r.spd_score, spdMax)),
    ...fig(t("sidScore"), figure(r.sid_score, { "data-testid": "sid-score" })),
    ...fig(t("countScore"), figure(r.innovation_count_score)),
    ...fig(t("total"), ofMax(r.total_score, r.max_total_score)),
    ...fig(t("innovations"), String(r.innovation_count)),
    ...fig(t("divisor"), String(r.divisor)),
    ...fig(t("emptySeats"), h("span", { "data-testid": "empty-seats", text: String(r.empty_seats) }), r.empty_seats > 0 ? t("emptySeatsNote") : null),
  );

  $("chart").replaceChildren(
    ...r.breakdown.aspects.map((a) => {
      const aspect = app.rubric.aspects.find((x) => x.code === a.code);
      return h(
        "div",
        { class: "chart-group" },
        bar(aspect ? `${a.code} · ${label(aspect)}` : a.name, a.score, a.max, "aspect"),
        a.variables.map((v) => {
          const variable = app.rubric.variables.find((x) => x.code === v.code);
          return bar(variable ? label(variable) : v.name, v.score, v.max, "variable");
        }),
      );
    }),
  );

  const basic = app.rubric.affairs.filter((a) => a.basic_service);
  const shortfall = r.findings.some((f) => f.code === "basic_services_shortfall");
  if (basic.length === 0 && r.yandas_required == null) {
    $("yandas").replaceChildren();
  } else {
    $("yandas").replaceChildren(
      h(
        "p",
        { class: `yandas-status ${shortfall ? "bad" : "ok"}`, "data-testid": "yandas-status" },
        h("span", { "aria-hidden": "true", text: shortfall ? "✗ " : "✓ " }),
        `${shortfall ? t("yandasShort") : t("yandasOk")}: ${t("yandasOf")(r.yandas_covered.length, basic.length, r.yandas_required)}`,
      ),
      h(
        "ul",
        { class: "yandas" },
        basic.map((a) => {
          const ok = r.yandas_covered.includes(a.code);
          return h(
            "li",
            { class: ok ? "ok" : "bad" },
            h("span", { class: "mark", "aria-hidden": "true", text: ok ? "✓" : "✗" }),
            h("span", { text: a.name }),
            h("span", { class: "visually-hidden", text: ` (${ok ? t("covered") : t("missing")})` }),
          );
        }),
      ),
    );
  }

  $("findings").replaceChildren(
    ...(r.findings.length
      ? r.findings.map((f) =>
          h(
            "li",
            { class: `finding ${f.severity}` },
            h("span", { class: "severity", text: t("severity")[f.severity] ?? f.severity }),
            h("span", { text: app.lang === "en" ? f.message_en : f.message_id }),
          ),
        )
      : [h("li", { class: "finding none", text: t("noFindings") })]),
  );
}

// ---------------------------------------------------------------- planning

/** A predicate label in the page's language (the rubric's label_en). */
function predicateName(labelId) {
  const band = app.rubric.predicates.find((b) => b.label === labelId);
  return (band && label(band, "label")) || labelId;
}

/**
 * A predicate's place among the rubric's bands, for its colour only: top,
 * mid, low, or none (the not-assessable label, or no band).
 */
function predicateRank(labelId) {
  const k = app.rubric.predicates.findIndex((b) => b.label === labelId);
  if (k < 0 || labelId === app.rubric.not_assessable) return "none";
  return ["top", "mid", "low"][k] ?? "low";
}

function indicatorCell(code) {
  const ind = app.rubric.indicators.find((i) => i.code === code);
  const name = ind ? label(ind) : code === app.rubric.innovation_count?.code ? label(app.rubric.innovation_count) : "";
  return [h("span", { class: "code", text: code ?? "" }), " ", h("span", { class: "step-name", text: name })];
}

function innovationName(id) {
  const inv = innovationsOf(app.sub).find((i) => isMap(i) && i.id === id);
  return (inv && inv.name) || id;
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
  return h(
    "td",
    {},
    h("span", { class: "step-title" }, indicatorCell(item.indicator)),
    h("span", { class: "step-detail", text: `${where} · ${item.from} → ${item.to}` }),
  );
}

function renderMarginal() {
  const m = app.marginal && !app.marginal.error ? app.marginal : null;
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
        gain(item.gain),
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

function renderPlanning() {
  renderMarginal();
  const next = app.next;
  const top = next?.error?.code === "no_band_above";
  const button = $("reach-next");
  button.disabled = !next || top;
  $("reach-next-note").hidden = !top;
  $("reach-next-note").textContent = top ? t("topBand") : "";
  if (top) button.setAttribute("aria-describedby", "reach-next-note");
  else button.removeAttribute("aria-describedby");
  button.setAttribute("aria-expanded", String(app.planOpen && !button.disabled));
  button.setAttribute("aria-controls", "plan");
  if (!app.planOpen || !next || top) {
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
      h("p", { class: "plan-message", text: app.lang === "en" ? p.message_en : p.message_id }),
      h(
        "div",
        { class: "plan-headline" },
        h("div", {}, h("div", { class: "label", text: t("projected") }), h("div", { class: "plan-index", "data-testid": "plan-index", title: p.projected_index_exact, text: twoDecimals(p.projected_index) })),
        h("div", {
          class: "predicate",
          "data-rank": predicateRank(p.projected_predicate),
          "data-testid": "plan-predicate",
          text: predicateName(p.projected_predicate),
        }),
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
                gain(s.gain),
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

function openPlan() {
  app.planOpen = true;
  renderPlanning();
  ($("plan-result") ?? $("plan")).focus?.();
}

function applyPlan(p) {
  app.planOpen = false;
  load(structuredClone(p.projected_submission));
  setStatus(t("applied")(twoDecimals(app.result?.index ?? p.projected_index)));
  $("index").scrollIntoView?.({ block: "nearest" });
  $("reach-next").disabled ? $("hasil").focus() : $("reach-next").focus();
}

function fill(pct) {
  const el = h("div", { class: "bar-fill" });
  el.style.width = `${pct.toFixed(2)}%`;
  return el;
}

function bar(name, score, max, kind) {
  const pct = max == null || Number(max) === 0 ? null : Math.max(0, Math.min(100, (Number(score) / Number(max)) * 100));
  return h(
    "div",
    { class: `bar ${kind}` },
    h("div", { class: "bar-label" }, h("span", { text: name }), h("span", { class: "bar-value" }, ofMax(score, max))),
    pct == null
      ? null
      : h(
          "div",
          { class: "bar-track", role: "meter", "aria-label": name, "aria-valuemin": "0", "aria-valuemax": max, "aria-valuenow": score },
          // Set through the CSSOM: the page's CSP allows no style attributes.
          fill(pct),
        ),
  );
}

// ----------------------------------------------------------------- chrome

function applyLanguage() {
  document.documentElement.lang = app.lang;
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  for (const el of document.querySelectorAll("[data-t-placeholder]")) el.placeholder = t(el.dataset.tPlaceholder);
  document.title = t("title");
  const toggle = $("lang");
  toggle.textContent = t("toggle");
  toggle.lang = app.lang === "en" ? "id" : "en";
  toggle.setAttribute("aria-pressed", String(app.lang === "en"));
  renderMethodologies();
  renderProvenance();
}

function renderMethodologies() {
  $("methodology").replaceChildren(
    ...app.list.map((r) => h("option", { value: r.id, selected: r.id === app.rubric?.id, text: `${r.name} (${t("status")[r.status] ?? r.status})` })),
  );
}

function renderProvenance() {
  const docs = app.rubric?.provenance?.documents ?? [];
  $("provenance").textContent = docs.length
    ? `${t("source")}: ${docs.map((d) => [d.title, d.number, d.date].filter(Boolean).join(", ")).join("; ")}`
    : "";
}

function useMethodology(id) {
  app.rubric = rubric(id);
  app.sub.methodology = id;
}

function changed() {
  save();
  recompute();
}

function load(sub) {
  app.sub = sub;
  app.editing = null;
  app.planOpen = false;
  const known = app.list.some((r) => r.id === sub.methodology);
  useMethodology(known ? sub.methodology : defaultMethodology());
  if (!known && sub.methodology) app.sub.methodology = sub.methodology; // keep it: score() names the problem
  renderMethodologies();
  renderProvenance();
  renderForms();
  changed();
}

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function wire() {
  $("lang").addEventListener("click", () => {
    app.lang = app.lang === "id" ? "en" : "id";
    try {
      localStorage.setItem(LANG_KEY, app.lang);
    } catch {
      // ignore
    }
    setStatus("");
    applyLanguage();
    renderForms();
    renderResult();
  });
  $("methodology").addEventListener("change", (e) => {
    useMethodology(e.target.value);
    renderProvenance();
    renderForms();
    changed();
  });
  $("region-name").addEventListener("input", (e) => {
    if (e.target.value.trim()) region().name = e.target.value;
    else delete region().name;
    changed();
  });
  $("region-code").addEventListener("input", (e) => {
    if (e.target.value.trim()) region().code = e.target.value.trim();
    else delete region().code;
    changed();
  });
  $("add").addEventListener("click", addInnovation);
  $("reach-next").addEventListener("click", openPlan);
  $("import").addEventListener("click", () => $("import-file").click());
  $("import-file").addEventListener("change", async (e) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    const text = await file.text();
    let sub;
    try {
      sub = JSON.parse(text);
    } catch (err) {
      // Let the engine name the place of the syntax error.
      try {
        score(text);
      } catch (engineErr) {
        err = engineErr;
      }
      setStatus(t("importFailed")(err.message));
      return;
    }
    if (!sub || typeof sub !== "object" || Array.isArray(sub)) {
      setStatus(t("importFailed")("JSON"));
      return;
    }
    load(sub);
    setStatus(t("imported")(file.name));
  });
  $("export").addEventListener("click", () => {
    const base = String((isMap(app.sub.region) && app.sub.region.name) || "draf").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    const name = `iid-${app.sub.methodology}-${base || "draf"}.json`;
    download(name, JSON.stringify(app.sub, null, 2) + "\n");
    setStatus(t("exported")(name));
  });
  $("reset").addEventListener("click", () => {
    if (!confirm(t("resetAsk"))) return;
    load(emptySubmission(app.rubric.id));
    setStatus(t("cleared"));
  });
}

async function main() {
  try {
    await init();
  } catch (e) {
    $("error").hidden = false;
    $("error").textContent = `${t("loadFailed")}: ${e.message}`;
    return;
  }
  try {
    app.lang = localStorage.getItem(LANG_KEY) === "en" ? "en" : "id";
  } catch {
    app.lang = "id";
  }
  app.list = rubrics();
  $("version").textContent = version();
  wire();
  applyLanguage();
  load(loadDraft() ?? emptySubmission(defaultMethodology()));
  document.body.dataset.ready = "true";
}

main();
