//! The report rendered to one self-contained HTML page (maud templates):
//! inline style sheet (with an A4 print style), inline SVG charts, no
//! script, no external resource. maud escapes every interpolated value,
//! so names holding markup or script render as text.

use maud::{html, Markup, PreEscaped, DOCTYPE};
use rust_decimal::Decimal;

use super::{svg, Lang, Report};
use crate::analysis::marginal::MarginalKind;
use crate::analysis::plan::StepKind;
use crate::scoring::Mode;
use crate::text::explain::figure;
use crate::text::report::{words, Words};

const STYLE: &str = r#"
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --accent: #2f6fb5; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink);
  margin: 0 auto; max-width: 190mm; padding: 10mm 8mm; font-size: 10.5pt; line-height: 1.35; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; padding-bottom: 1mm; border-bottom: 2px solid var(--accent); }
h3 { font-size: 10.5pt; margin: 3mm 0 1mm; }
.meta { color: var(--muted); margin: 0 0 4mm; }
.meta span { margin-right: 5mm; }
.headline { display: flex; gap: 8mm; align-items: baseline; flex-wrap: wrap; }
.index { font-size: 30pt; font-weight: bold; }
.predicate { font-size: 15pt; font-weight: bold; color: var(--accent); }
.modes { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; font-size: 9.5pt; }
th, td { border-bottom: 1px solid var(--line); padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #f3f5f8; }
td.num, th.num { text-align: right; white-space: nowrap; }
.chart { display: block; margin: 1mm 0 2mm; }
.note { color: var(--muted); font-size: 9pt; }
.pill { display: inline-block; padding: 0 2mm; margin: 0 1mm 1mm 0; border-radius: 3mm; border: 1px solid var(--line); }
.pill.ok { background: #dafbe1; border-color: #1a7f37; }
.pill.no { background: #fff1e5; border-color: #c98a12; }
footer { margin-top: 8mm; color: var(--muted); font-size: 8.5pt; border-top: 1px solid var(--line); padding-top: 2mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
@page { size: A4; margin: 14mm 12mm; }
@media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } }
"#;

/// Plan steps listed (the rest are counted).
const PLAN_ROWS: usize = 30;

/// The report as one HTML document.
pub fn html(r: &Report) -> String {
    let lang = r.lang;
    let w = words(lang);
    let res = &r.result;
    let region = res.region.clone().unwrap_or_default();
    let region_name = region.name.clone().unwrap_or_else(|| w.none.to_string());
    let page = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (w.title) " – " (region_name) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { (w.title) }
                    p.meta {
                        span { strong { (w.region) ": " } (region_name) }
                        @if let Some(c) = &region.code { span { (w.code) " " (c) } }
                        @if let Some(p) = &region.province { span { (w.province) " " (p) } }
                        br;
                        span { strong { (w.methodology) ": " } (r.methodology.name) " (" (r.methodology.id) ")" }
                        @if let Some(d) = r.date { span { strong { (w.date) ": " } (d.to_string()) } }
                    }
                }
                (headline(r, w, lang))
                (breakdown(r, w))
                (seats(r, w))
                (audit(r, w, lang))
                (marginal(r, w))
                (plan(r, w, lang))
                (agencies(r, w))
                (findings(r, w, lang))
                (provenance(r, w))
                footer { (w.footer) " " (r.methodology.id) "." }
            }
        }
    };
    page.into_string()
}

/// A predicate label (as the rubric's Indonesian label) in the report's
/// language, through the rubric's bands.
fn predicate_in(r: &Report, label: &str) -> String {
    let en = r
        .bands
        .iter()
        .find(|b| b.label == label)
        .and_then(|b| b.label_en.as_ref());
    band_label(r.lang, label, en)
}

fn band_label(lang: Lang, label: &str, en: Option<&String>) -> String {
    match (lang, en) {
        (Lang::En, Some(en)) => en.clone(),
        _ => label.to_string(),
    }
}

fn headline(r: &Report, w: &Words, lang: Lang) -> Markup {
    let res = &r.result;
    let mode = match res.mode {
        Mode::SelfAssessment => w.mode_self,
        Mode::Verified => w.mode_verified,
    };
    let predicate = band_label(lang, &res.predicate, res.predicate_en.as_ref());
    let label = |b: &super::ReportBand| band_label(lang, &b.label, b.label_en.as_ref());
    html! {
        section {
            h2 { (w.index) " / " (w.predicate) }
            div.headline {
                span.index { (res.index) }
                span.predicate { (predicate) }
                span.modes { (w.mode) ": " (mode) }
            }
            @if let Some(m) = &res.modes {
                p.modes {
                    (w.mode_self) " " strong { (m.self_assessment.index) } " (" (predicate_in(r, &m.self_assessment.predicate)) "); "
                    (w.mode_verified) " " strong { (m.verified.index) } " (" (predicate_in(r, &m.verified.predicate)) "); "
                    (w.gap) " " (figure(&m.gap))
                }
            }
            h3 { (w.scale) }
            (svg::band_scale(&r.bands, res.index, &label))
            table {
                thead { tr { th { (w.predicate) } th.num { "min" } th.num { "max" } } }
                tbody {
                    @for b in &r.bands {
                        tr {
                            td { @if b.current { strong { (label(b)) } } @else { (label(b)) } }
                            td.num { (b.min) }
                            td.num { (b.max.map_or("-".to_string(), |m| m.to_string())) }
                        }
                    }
                }
            }
        }
    }
}

fn breakdown(r: &Report, w: &Words) -> Markup {
    let res = &r.result;
    html! {
        section {
            h2 { (w.breakdown) }
            @for a in &res.breakdown.aspects {
                h3 { (a.code) " " (a.name) ": " (figure(&a.score)) " / " (a.max.map_or("-".to_string(), |m| figure(&m))) }
                @let rows: Vec<(String, Decimal, Option<Decimal>)> = a.variables.iter().map(|v| (v.name.clone(), v.score, v.max)).collect();
                (svg::bars(&rows))
            }
            table {
                thead { tr { th { (w.aspect) " / " (w.variable) } th.num { (w.score) } th.num { (w.max) } } }
                tbody {
                    @for a in &res.breakdown.aspects {
                        tr { td { strong { (a.code) " " (a.name) } } td.num { strong { (figure(&a.score)) } } td.num { (a.max.map_or("-".to_string(), |m| figure(&m))) } }
                        @for v in &a.variables {
                            tr { td { "\u{a0}\u{a0}" (v.name) } td.num { (figure(&v.score)) } td.num { (v.max.map_or("-".to_string(), |m| figure(&m))) } }
                        }
                    }
                    tr {
                        td { strong { (w.total) } }
                        td.num { strong { (figure(&res.total_score)) } }
                        td.num { (res.max_total_score.map_or("-".to_string(), |m| figure(&m))) }
                    }
                }
            }
        }
    }
}

fn seats(r: &Report, w: &Words) -> Markup {
    let res = &r.result;
    html! {
        section {
            h2 { (w.seats) }
            p {
                (w.innovations) " " strong { (res.innovation_count) } "; "
                (w.divisor) " " strong { (res.divisor) } "; "
                (w.empty_seats) " " strong { (res.empty_seats) }
            }
            (svg::seats(res.innovation_count, res.divisor))
            p.note { (w.seats_note) }
            h3 { (w.basic_services) }
            p {
                @for a in &r.basic_services {
                    span class=(if a.covered { "pill ok" } else { "pill no" }) {
                        (if a.covered { "✓ " } else { "✗ " }) (a.name)
                    }
                }
            }
            p {
                (w.covered) " " (res.yandas_covered.len())
                @if let Some(req) = res.yandas_required { "; " (w.required) " " (req) }
                "; " (w.count_score) " " strong { (figure(&res.innovation_count_score)) }
            }
        }
    }
}

/// An answer as a person reads it: `SPD 12 Name` or `Inovasi X, 16 Name`.
fn answer_label(w: &Words, innovation: Option<&str>, code: &str, name: &str) -> String {
    match innovation {
        Some(id) => format!("{} {id}, {code} {name}", w.innovation),
        None => format!("{} {code} {name}", w.region_row),
    }
}

/// An indicator's name from the breakdown.
fn indicator_name<'a>(r: &'a Report, code: &str) -> &'a str {
    r.result
        .breakdown
        .aspects
        .iter()
        .flat_map(|a| &a.variables)
        .flat_map(|v| &v.indicators)
        .find(|i| i.code == code)
        .map_or("", |i| i.name.as_str())
}

fn audit(r: &Report, w: &Words, lang: Lang) -> Markup {
    let a = &r.audit;
    html! {
        section {
            h2 { (w.audit) }
            @if a.items.is_empty() {
                p { (w.audit_none) }
            } @else {
                p { (w.points_at_risk) ": " strong { (figure(&a.total_points_at_risk)) } " (" (a.items.len()) " " (w.of_items) " " (a.total_items) ")" }
                table {
                    thead { tr { th { (w.answer) } th.num { (w.level) } th { (w.problem) } th.num { (w.points_at_risk) } } }
                    tbody {
                        @for i in &a.items {
                            tr {
                                td { (answer_label(w, i.innovation.as_deref(), &i.indicator, &i.indicator_name)) }
                                td.num { (i.claimed) " → " (i.counted) }
                                td { (lang.pick(&i.message_id, &i.message_en)) }
                                td.num { (figure(&i.points_at_risk)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn marginal(r: &Report, w: &Words) -> Markup {
    let m = &r.marginal;
    html! {
        section {
            h2 { (w.marginal) }
            @if let Some(n) = &m.next_predicate {
                p { (w.predicate) " → " strong { (predicate_in(r, &n.label)) } " (" (n.min) "): +" (figure(&n.gap)) }
            }
            table {
                thead { tr { th { (w.improvement) } th.num { (w.level) } th.num { (w.gain) } th.num { (w.index_after) } } }
                tbody {
                    @for i in &m.items {
                        @let what = match i.kind {
                            MarginalKind::NewInnovation => format!("+1 {} ({})", w.new_innovation, i.urusan.clone().unwrap_or_default()),
                            _ => {
                                let code = i.indicator.clone().unwrap_or_default();
                                answer_label(w, i.innovation.as_deref(), &code, indicator_name(r, &code))
                            }
                        };
                        tr {
                            td { (what) }
                            td.num { @if let (Some(f), Some(t)) = (i.from, i.to) { (f) " → " (t) } }
                            td.num { "+" (figure(&i.gain)) }
                            td.num { (i.index_after) " " (predicate_in(r, &i.predicate_after)) }
                        }
                    }
                }
            }
        }
    }
}

fn plan(r: &Report, w: &Words, lang: Lang) -> Markup {
    html! {
        section {
            h2 { (w.plan) }
            @if let Some(p) = &r.plan {
                p { (lang.pick(&p.message_id, &p.message_en)) }
                table {
                    thead { tr { th.num { "#" } th { (w.step) } th.num { (w.level) } th.num { (w.gain) } th.num { (w.cost) } } }
                    tbody {
                        @for (k, s) in p.steps.iter().enumerate().take(PLAN_ROWS) {
                            @let what = match s.kind {
                                StepKind::AddInnovation => format!("+1 {} ({})", w.new_innovation, s.urusan.clone().unwrap_or_default()),
                                StepKind::RaiseLevel | StepKind::CompleteEvidence => {
                                    let code = s.indicator.clone().unwrap_or_default();
                                    answer_label(w, s.innovation.as_deref(), &code, indicator_name(r, &code))
                                }
                            };
                            tr {
                                td.num { (k + 1) }
                                td { (what) }
                                td.num { (s.from) " → " (s.to) }
                                td.num { "+" (figure(&s.gain)) }
                                td.num { (s.cost) }
                            }
                        }
                        @if p.steps.len() > PLAN_ROWS {
                            tr { td.num { "…" } td colspan="4" { "+" (p.steps.len() - PLAN_ROWS) " " (w.more_steps) } }
                        }
                    }
                }
            } @else {
                p { (w.plan_none) ": " (r.plan_note.as_ref().map_or("", |(id, en)| lang.pick(id, en))) }
            }
        }
    }
}

fn agencies(r: &Report, w: &Words) -> Markup {
    let res = &r.result;
    html! {
        section {
            h2 { (w.agencies) }
            table {
                thead { tr { th { (w.agency) } th.num { (w.innovations) } th.num { (w.counted) } th.num { (w.score) } th.num { (w.index_points) } } }
                tbody {
                    @for a in &res.agencies {
                        tr {
                            td { (a.agency) }
                            td.num { (a.innovations) }
                            td.num { (a.counted) }
                            td.num { (figure(&a.score)) }
                            td.num { (figure(&a.index_points)) }
                        }
                    }
                }
            }
            @if !res.agencies_without_innovations.is_empty() {
                p { (w.no_innovations) ": " (res.agencies_without_innovations.join(", ")) }
            }
        }
    }
}

fn findings(r: &Report, w: &Words, lang: Lang) -> Markup {
    html! {
        section {
            h2 { (w.findings) }
            ul {
                @for f in &r.result.findings {
                    li { (lang.pick(&f.message_id, &f.message_en)) }
                }
            }
        }
    }
}

fn provenance(r: &Report, w: &Words) -> Markup {
    let p = &r.methodology.provenance;
    html! {
        section {
            h2 { (w.provenance) }
            p { (r.methodology.name) " (" (r.methodology.id) "), " (format!("{:?}", r.methodology.status).to_lowercase()) }
            h3 { (w.sources) }
            ul {
                @for d in &p.documents {
                    li {
                        (d.title)
                        @if let Some(n) = &d.number { ", " (n) }
                        @if let Some(date) = &d.date { ", " (date) }
                    }
                }
            }
            @if !p.verified.is_empty() {
                h3 { (w.verified_figures) }
                ul { @for v in &p.verified { li { (v) } } }
            }
            @if !p.assumed.is_empty() {
                h3 { (w.assumed_figures) }
                ul { @for v in &p.assumed { li { (v) } } }
            }
        }
    }
}
