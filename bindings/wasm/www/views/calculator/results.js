// The result panel: the index and predicate (also in the summary bar that
// follows the form on narrow screens), the main figures, the breakdown by
// aspect and variable as bars, the basic-service affairs and the findings,
// all as score() gives them.

import { draft } from "../../lib/draft.js";
import { $, h } from "../../lib/dom.js";
import { label, language } from "../../lib/i18n.js";
import { figure, ofMax, twoDecimals } from "../../lib/format.js";
import { predicateRank, state, t } from "./common.js";

/** The engine's refusal of the draft, with its code and path; or nothing. */
export function renderError(e) {
  $("error").hidden = !e;
  $("error").replaceChildren(
    ...(e
      ? [
          h("strong", { text: t("invalid") }),
          h("p", { text: e.message }),
          e.code ? h("p", { class: "error-meta" }, h("code", { text: e.code }), e.path ? " · " : "", e.path ? h("code", { text: e.path }) : "") : null,
        ]
      : []),
  );
}

export function renderResult() {
  const r = state.result;
  // A draft the engine refuses has no result: its error says why.
  $("result-details").hidden = !r;
  if (!r) {
    for (const id of ["index", "summary-index", "predicate", "summary-predicate"]) {
      $(id).textContent = "–";
      $(id).removeAttribute("title");
      $(id).dataset.rank = "none";
    }
    return;
  }
  const rb = draft.rubric;
  const en = language() === "en";
  const predicate = (en && r.predicate_en) || r.predicate;
  const rank = r.assessable ? predicateRank(r.predicate) : "none";
  for (const [index, pred] of [["index", "predicate"], ["summary-index", "summary-predicate"]]) {
    $(index).textContent = twoDecimals(r.index);
    $(index).title = r.index_exact;
    $(pred).textContent = predicate;
    $(pred).dataset.rank = rank;
    $(pred).lang = en && r.predicate_en ? "en" : "id";
  }

  const fig = (term, value, note) => [h("dt", { text: term }), h("dd", {}, value, note ? h("span", { class: "note", text: note }) : null)];
  const spdMax = r.breakdown.aspects.find((a) => rb.aspects.find((x) => x.code === a.code)?.scope === "region")?.max;
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
      const aspect = rb.aspects.find((x) => x.code === a.code);
      return h(
        "div",
        { class: "chart-group" },
        bar(aspect ? `${a.code} · ${label(aspect)}` : a.name, a.score, a.max, "aspect"),
        a.variables.map((v) => {
          const variable = rb.variables.find((x) => x.code === v.code);
          return bar(variable ? label(variable) : v.name, v.score, v.max, "variable");
        }),
      );
    }),
  );

  const basic = rb.affairs.filter((a) => a.basic_service);
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

  renderFindings(r.findings, en);
}

/** Findings shown at first; the rest (hundreds on a large region) open on request. */
const FIRST_FINDINGS = 20;

function finding(f, en) {
  return h(
    "li",
    { class: `finding ${f.severity}` },
    h("span", { class: "severity", text: t("severity")[f.severity] ?? f.severity }),
    h("span", { text: en ? f.message_en : f.message_id }),
  );
}

function renderFindings(findings, en) {
  const list = $("findings");
  // Rebuilt only when they change: most edits leave them as they were.
  const key = JSON.stringify([en, findings]);
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  if (findings.length === 0) {
    list.replaceChildren(h("li", { class: "finding none", text: t("noFindings") }));
    return;
  }
  const rest = findings.slice(FIRST_FINDINGS);
  const more = h("ul", { class: "findings" });
  list.replaceChildren(...findings.slice(0, FIRST_FINDINGS).map((f) => finding(f, en)));
  if (rest.length) {
    list.append(
      h(
          "li",
          { class: "finding more" },
          h(
            "details",
            { ontoggle: (e) => e.target.open && more.childElementCount === 0 && more.replaceChildren(...rest.map((f) => finding(f, en))) },
            h("summary", { text: t("moreFindings")(rest.length, findings.length) }),
            more,
          ),
        ),
    );
  }
}

function fill(pct) {
  const el = h("div", { class: "bar-fill" });
  // Set through the CSSOM: the page's CSP allows no style attributes.
  el.style.width = `${pct.toFixed(2)}%`;
  return el;
}

function bar(name, score, max, kind) {
  // The bar's length is a display proportion only; the figures beside it are the engine's.
  const pct = max == null || Number(max) === 0 ? null : Math.max(0, Math.min(100, (Number(score) / Number(max)) * 100));
  return h(
    "div",
    { class: `bar ${kind}` },
    h("div", { class: "bar-label" }, h("span", { text: name }), h("span", { class: "bar-value" }, ofMax(score, max))),
    pct == null
      ? null
      : h("div", { class: "bar-track", role: "meter", "aria-label": name, "aria-valuemin": "0", "aria-valuemax": max, "aria-valuenow": score }, fill(pct)),
  );
}
