// The methodology view: the rubric of the draft's methodology as the
// engine gives it (rubric(id)): its sources, the predicate bands, every
// indicator with its weight, the count of innovations and the affairs.
// A small view, and an example of the pattern (views/README.md).

import { draft, onDraft } from "../lib/draft.js";
import { h, stylesheet } from "../lib/dom.js";
import { table } from "../lib/table.js";
import { label, onLanguage, translator } from "../lib/i18n.js";
import { figure } from "../lib/format.js";

const t = translator({
  id: {
    heading: "Metodologi penilaian",
    intro: "Aturan yang dipakai kalkulator untuk metodologi yang dipilih, sebagaimana dibaca mesin penilaian dari berkas metodologinya.",
    sources: "Sumber",
    verified: "Yang sudah diperiksa terhadap sumber",
    bands: "Predikat",
    predicate: "Predikat",
    from: "Mulai",
    to: "Sampai",
    indicators: "Indikator",
    code: "Kode",
    indicator: "Indikator",
    weight: "Bobot",
    mandatory: "Wajib",
    yes: "ya",
    count: "Jumlah inovasi",
    perInnovation: "Nilai per inovasi",
    cap: "Inovasi yang dihitung paling banyak",
    basicRequired: "Urusan pelayanan dasar yang wajib tercakup",
    affairs: "Urusan",
    basicService: "pelayanan dasar",
    status: { official: "resmi", prognosis: "prognosis", custom: "kustom" },
  },
  en: {
    heading: "Scoring methodology",
    intro: "The rules the calculator applies for the chosen methodology, as the scoring engine reads them from its methodology file.",
    sources: "Sources",
    verified: "Checked against the sources",
    bands: "Predicates",
    predicate: "Predicate",
    from: "From",
    to: "To",
    indicators: "Indicators",
    code: "Code",
    indicator: "Indicator",
    weight: "Weight",
    mandatory: "Mandatory",
    yes: "yes",
    count: "Number of innovations",
    perInnovation: "Points per innovation",
    cap: "Innovations counted at most",
    basicRequired: "Basic-service affairs to be covered",
    affairs: "Affairs",
    basicService: "basic service",
    status: { official: "official", prognosis: "prognosis", custom: "custom" },
  },
});

function render(root) {
  const rb = draft.rubric;
  const count = rb.innovation_count;
  const docs = rb.provenance?.documents ?? [];
  const verified = rb.provenance?.verified ?? [];
  root.replaceChildren(
    h(
      "div",
      { class: "single" },
      h(
        "section",
        { class: "card", "aria-labelledby": "method-h" },
        h("h2", { id: "method-h", text: t("heading") }),
        h("p", { class: "hint", text: t("intro") }),
        h("p", { class: "method-name" }, h("strong", { text: rb.name }), ` (${rb.id}, ${t("status")[rb.status] ?? rb.status})`),
        docs.length ? [h("h3", { text: t("sources") }), h("ul", {}, docs.map((d) => h("li", { text: [d.title, d.number, d.date].filter(Boolean).join(", ") })))] : null,
        verified.length ? [h("h3", { text: t("verified") }), h("ul", { class: "small" }, verified.map((v) => h("li", { text: v })))] : null,
      ),
      h(
        "section",
        { class: "card", "aria-labelledby": "bands-h" },
        h("h2", { id: "bands-h", text: t("bands") }),
        table(
          t("bands"),
          [[t("predicate")], [t("from"), "num"], [t("to"), "num"]],
          rb.predicates.map((b) => h("tr", {}, h("td", { text: label(b, "label") }), h("td", { class: "num" }, b.min == null ? "–" : figure(b.min)), h("td", { class: "num" }, b.max == null ? "–" : figure(b.max)))),
        ),
      ),
      h(
        "section",
        { class: "card", "aria-labelledby": "indicators-h" },
        h("h2", { id: "indicators-h", text: t("indicators") }),
        rb.aspects.map((a) => [
          h("h3", { text: `${a.code} · ${label(a)}` }),
          table(
            `${a.code} · ${label(a)}`,
            [[t("code")], [t("indicator")], [t("weight"), "num"], [t("mandatory")]],
            rb.variables
              .filter((v) => v.aspect === a.code)
              .flatMap((v) => [
                h("tr", { class: "group" }, h("th", { scope: "colgroup", colspan: "4", text: label(v) })),
                rb.indicators
                  .filter((i) => i.variable === v.code)
                  .map((i) => h("tr", {}, h("td", {}, h("span", { class: "code", text: i.code })), h("td", { text: label(i) }), h("td", { class: "num", text: i.weight }), h("td", { text: i.mandatory ? t("yes") : "" }))),
              ]),
          ),
        ]),
      ),
      count
        ? h(
            "section",
            { class: "card", "aria-labelledby": "count-h" },
            h("h2", { id: "count-h", text: `${count.code} · ${label(count) ?? t("count")}` }),
            h(
              "dl",
              { class: "figures" },
              count.points_per_innovation != null ? [h("dt", { text: t("perInnovation") }), h("dd", { text: count.points_per_innovation })] : null,
              count.cap != null ? [h("dt", { text: t("cap") }), h("dd", { text: String(count.cap) })] : null,
              count.basic_services_required != null ? [h("dt", { text: t("basicRequired") }), h("dd", { text: String(count.basic_services_required) })] : null,
            ),
          )
        : null,
      h(
        "section",
        { class: "card", "aria-labelledby": "affairs-h" },
        h("h2", { id: "affairs-h", text: t("affairs") }),
        h("ul", {}, rb.affairs.map((a) => h("li", {}, h("code", { text: a.code }), ` ${a.name} `, a.basic_service ? h("span", { class: "badge", text: t("basicService") }) : null))),
      ),
    ),
  );
}

/** Mount the view in `root`; it lives until `signal` aborts. */
export async function mount(root, { signal }) {
  await stylesheet(new URL("methodology.css", import.meta.url), signal);
  if (signal.aborted) return; // another view was chosen meanwhile
  render(root);
  onDraft((e) => e.detail.replaced && render(root), signal);
  onLanguage(() => render(root), signal);
}
