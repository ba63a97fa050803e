//! Findings: what a region should know about its score, in Indonesian and
//! English. Every bilingual text of a scored result is written here: the
//! result's own findings (coverage, divisor, mandatory rows) and those about
//! evidence, eligibility and measurements.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::rubric::{Aggregation, CompiledRubric};
use crate::model::submission::Submission;
use crate::model::values::word_count;
#[cfg(feature = "years")]
use crate::scoring::assess::earlier_entries;
use crate::scoring::assess::{AnswerCheck, Assessment, Exclusion, Mode, RowRef};
use crate::scoring::matrix::{AffairRef, LevelMatrix};
use crate::scoring::summary::Summary;
use crate::text::messages::stage_name;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The score is much lower than it could be, or not assessable.
    Critical,
    /// Something the guideline requires is missing.
    Warning,
    /// Worth knowing.
    Info,
}

/// Something the region should know about its score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Finding {
    /// Stable code: `not_assessable`, `basic_services_shortfall`,
    /// `below_divisor`, `mandatory_unanswered`, `affair_missing`,
    /// `count_cap_reached`.
    pub code: String,
    pub severity: Severity,
    /// JSON path in the submission the finding is about.
    pub path: String,
    /// Message in Indonesian.
    pub message_id: String,
    /// Message in English.
    pub message_en: String,
}

impl Finding {
    pub(crate) fn new(
        code: &str,
        severity: Severity,
        path: String,
        id: String,
        en: String,
    ) -> Finding {
        Finding {
            code: code.into(),
            severity,
            path,
            message_id: id,
            message_en: en,
        }
    }
}

pub(crate) fn score_findings(
    rubric: &CompiledRubric,
    sub: &Submission,
    prepared: &LevelMatrix,
    claimed: &LevelMatrix,
    s: &Summary,
    covered: &[String],
    missing: &[String],
) -> Vec<Finding> {
    let r = rubric.rubric();
    let mut out = Vec::new();
    let n = s.innovation_count;
    if n == 0 {
        out.push(Finding::new(
            "not_assessable",
            Severity::Critical,
            "innovations".into(),
            format!(
                "Tidak ada inovasi yang dilaporkan: predikat {}, indeks 0.",
                r.not_assessable
            ),
            format!(
                "No innovation reported: predicate {}, index 0.",
                r.not_assessable
            ),
        ));
    }
    if let Some(cnt) = &r.innovation_count {
        if let Some(req) = cnt.basic_services_required {
            let have = covered.len() as u32;
            if have < req && n > 0 {
                let lost = rubric.count_points_units * i64::from(cnt.cap.map_or(n, |c| n.min(c)));
                let lost = rubric.units_to_decimal(lost);
                let list = missing.join(", ");
                out.push(Finding::new(
                    "basic_services_shortfall",
                    Severity::Critical,
                    "innovations".into(),
                    format!(
                        "Inovasi mencakup {have} dari {} urusan pelayanan dasar (wajib {req}); skor jumlah inovasi ({}) menjadi 0 ({lost} poin). Belum tercakup: {list}.",
                        rubric.basic_service_count(), cnt.code
                    ),
                    format!(
                        "Innovations cover {have} of {} basic-service affairs ({req} required); the innovation-count score ({}) is 0 ({lost} points lost). Missing: {list}.",
                        rubric.basic_service_count(), cnt.code
                    ),
                ));
            }
        }
        if let Some(cap) = cnt.cap {
            if n > cap {
                out.push(Finding::new(
                    "count_cap_reached",
                    Severity::Info,
                    "innovations".into(),
                    format!(
                        "{n} inovasi dilaporkan; hanya {cap} yang dihitung pada indikator {}.",
                        cnt.code
                    ),
                    format!(
                        "{n} innovations reported; only {cap} count toward indicator {}.",
                        cnt.code
                    ),
                ));
            }
        }
    }
    if let Aggregation::Normalized { min_divisor, .. } = r.aggregation {
        if n > 0 && n < min_divisor {
            let seats = min_divisor - n;
            out.push(Finding::new(
                "below_divisor",
                Severity::Warning,
                "innovations".into(),
                format!(
                    "{n} inovasi dirata-ratakan atas pembagi minimum {min_divisor}: {seats} kursi kosong bernilai 0; setiap inovasi tambahan menaikkan rata-rata."
                ),
                format!(
                    "{n} innovations are averaged over the minimum divisor {min_divisor}: {seats} empty seats score 0; each added innovation raises the average."
                ),
            ));
        }
    }
    let mandatory = |out: &mut Vec<Finding>,
                     path: String,
                     who: Option<&str>,
                     ri: usize,
                     claimed: u8,
                     counted: u8| {
        let ind = &r.indicators[ri];
        let en_name = ind.name_en.as_deref().unwrap_or(&ind.name);
        let (pre_id, pre_en) = match who {
            Some(id) => (format!("Inovasi {id}: "), format!("Innovation {id}: ")),
            None => (String::new(), String::new()),
        };
        if claimed == 0 {
            out.push(Finding::new(
                "mandatory_unanswered",
                Severity::Warning,
                path,
                format!(
                    "{pre_id}indikator wajib {} ({}) belum dijawab.",
                    ind.code, ind.name
                ),
                format!(
                    "{pre_en}mandatory indicator {} ({en_name}) is unanswered.",
                    ind.code
                ),
            ));
        } else if counted == 0 {
            out.push(Finding::new(
                "mandatory_unproven",
                Severity::Warning,
                path,
                format!(
                    "{pre_id}indikator wajib {} ({}) tidak terbukti dan tidak dihitung.",
                    ind.code, ind.name
                ),
                format!(
                    "{pre_en}mandatory indicator {} ({en_name}) is not proven and does not count.",
                    ind.code
                ),
            ));
        }
    };
    for (i, c) in rubric.region.iter().enumerate() {
        if c.mandatory {
            let ind = &r.indicators[c.rubric_index];
            mandatory(
                &mut out,
                format!("spd.{}", ind.code),
                None,
                c.rubric_index,
                claimed.region[i],
                prepared.region[i],
            );
        }
    }
    let k = rubric.innovation_len();
    for (row, &j) in prepared.source.iter().enumerate() {
        let inv = &sub.innovations[j];
        for (i, c) in rubric.innovation.iter().enumerate() {
            if c.mandatory {
                let ind = &r.indicators[c.rubric_index];
                mandatory(
                    &mut out,
                    format!("innovations[{j}].levels.{}", ind.code),
                    Some(&inv.id),
                    c.rubric_index,
                    claimed.innovation[row * k + i],
                    prepared.innovation[row * k + i],
                );
            }
        }
        if matches!(prepared.affairs[row], AffairRef::None) && rubric.basic_service_count() > 0 {
            out.push(Finding::new(
                "affair_missing",
                Severity::Info,
                format!("innovations[{j}].urusan"),
                format!("Inovasi {}: urusan pemerintahan belum diisi.", inv.id),
                format!(
                    "Innovation {}: government affair (urusan) not given.",
                    inv.id
                ),
            ));
        }
    }
    if prepared.blocked && prepared.all_zero() && !claimed.all_zero() {
        out.push(Finding::new(
            "not_assessable",
            Severity::Critical,
            "$".into(),
            format!(
                "Tidak ada jawaban yang didukung bukti yang memenuhi syarat: predikat {}.",
                r.not_assessable
            ),
            format!(
                "No answer is supported by acceptable evidence: predicate {}.",
                r.not_assessable
            ),
        ));
    } else if prepared.blocked {
        out.push(Finding::new(
            "not_assessable",
            Severity::Critical,
            "$".into(),
            format!(
                "Indikator wajib tidak terpenuhi: menurut aturan metodologi, penilaian menjadi {}.",
                r.not_assessable
            ),
            format!(
                "A mandatory indicator is not met: under the methodology's rule the submission is {}.",
                r.not_assessable
            ),
        ));
    }
    out
}

/// Findings about evidence, eligibility and measurements.
pub(crate) fn evidence_findings(
    rubric: &CompiledRubric,
    sub: &Submission,
    a: &Assessment,
    mode: Mode,
) -> Vec<Finding> {
    let r = rubric.rubric();
    let mut out = Vec::new();
    for (j, why) in &a.excluded {
        let inv = &sub.innovations[*j];
        let (path, id, en) = match why {
            Exclusion::Stage => (
                format!("innovations[{j}].stage"),
                format!(
                    "Inovasi {}: tahapan {} tidak dinilai; inovasi tidak dihitung.",
                    inv.id,
                    inv.stage.map_or("?", |s| stage_name(s).0)
                ),
                format!(
                    "Innovation {}: stage {} is not assessed; the innovation is left out.",
                    inv.id,
                    inv.stage.map_or("?", |s| stage_name(s).1)
                ),
            ),
            Exclusion::ImplementedTooEarly | Exclusion::ImplementedTooLate => {
                let el = r.eligibility.as_ref();
                let window = format!(
                    "{} s.d. {}",
                    el.and_then(|e| e.implemented_from)
                        .map_or("-".into(), |d| d.to_string()),
                    el.and_then(|e| e.implemented_to)
                        .map_or("-".into(), |d| d.to_string())
                );
                let date = inv.implemented_on.map_or("-".into(), |d| d.to_string());
                (
                    format!("innovations[{j}].implemented_on"),
                    format!(
                        "Inovasi {}: diterapkan {date}, di luar rentang {window}; inovasi tidak dihitung.",
                        inv.id
                    ),
                    format!(
                        "Innovation {}: implemented {date}, outside {}; the innovation is left out.",
                        inv.id,
                        window.replace("s.d.", "to")
                    ),
                )
            }
            #[cfg(feature = "years")]
            Exclusion::EntryLimit => {
                let years = earlier_entries(&inv.entered_before, r.year);
                let max = r.eligibility.as_ref().and_then(|e| e.max_entries);
                let max = max.map_or(0, |m| m.get());
                let (id, en) = crate::text::years::entry_limit(&inv.id, &years, max);
                (format!("innovations[{j}].id"), id, en)
            }
            // Without the `years` feature no innovation has earlier years.
            #[cfg(not(feature = "years"))]
            Exclusion::EntryLimit => (format!("innovations[{j}].id"), String::new(), String::new()),
            Exclusion::DesignTooShort => {
                let words = inv.design.as_deref().map_or(0, word_count);
                let min = r
                    .eligibility
                    .as_ref()
                    .and_then(|e| e.design_min_words)
                    .unwrap_or(0);
                (
                    format!("innovations[{j}].design"),
                    format!(
                        "Inovasi {}: rancang bangun {words} kata, kurang dari {min} kata; inovasi tidak dihitung.",
                        inv.id
                    ),
                    format!(
                        "Innovation {}: design document of {words} words, fewer than {min}; the innovation is left out.",
                        inv.id
                    ),
                )
            }
        };
        out.push(Finding::new(
            "innovation_ineligible",
            Severity::Warning,
            path,
            id,
            en,
        ));
    }
    if let Some(min) = r.eligibility.as_ref().and_then(|e| e.design_min_words) {
        let without: Vec<&str> = sub
            .innovations
            .iter()
            .filter(|inv| inv.design.is_none())
            .map(|inv| inv.id.as_str())
            .collect();
        if !without.is_empty() {
            let list = without.join(", ");
            out.push(Finding::new(
                "design_missing",
                Severity::Info,
                "innovations".into(),
                format!(
                    "{} inovasi tanpa rancang bangun ({list}); pedoman mensyaratkan paling sedikit {min} kata.",
                    without.len()
                ),
                format!(
                    "{} innovations without a design document ({list}); the guideline asks for at least {min} words.",
                    without.len()
                ),
            ));
        }
    }
    for (j, missing) in &a.unknown_eligibility {
        let inv = &sub.innovations[*j];
        let list = missing.join(", ");
        out.push(Finding::new(
            "eligibility_unknown",
            Severity::Info,
            format!("innovations[{j}]"),
            format!(
                "Inovasi {}: {list} belum diisi; kelayakan tidak dapat diperiksa.",
                inv.id
            ),
            format!(
                "Innovation {}: {list} not given; eligibility cannot be checked.",
                inv.id
            ),
        ));
    }
    for m in &a.measure_notes {
        out.push(Finding::new(
            "measured_level_differs",
            Severity::Warning,
            m.path.clone(),
            format!(
                "Level yang diisi {} berbeda dari level hasil pengukuran {}; dipakai {}.",
                m.stated, m.measured, m.measured
            ),
            format!(
                "Stated level {} differs from the measured level {}; {} is used.",
                m.stated, m.measured, m.measured
            ),
        ));
    }
    // One evidence finding per region and per innovation.
    let s = a.claimed.summary(rubric);
    let mut groups: Vec<(Option<usize>, Vec<&AnswerCheck>)> = Vec::new();
    for x in a.answers.iter().filter(|x| x.counted < x.claimed) {
        match groups.last_mut() {
            Some((who, list)) if *who == x.innovation => list.push(x),
            _ => groups.push((x.innovation, vec![x])),
        }
    }
    for (who, list) in groups {
        let at_risk = points(
            rubric,
            &s,
            list.iter().map(|x| units_at_risk(rubric, &s, x)).sum(),
        );
        let mut rows: Vec<usize> = list.iter().map(|x| x.indicator).collect();
        rows.sort_unstable();
        let codes: Vec<String> = rows.iter().map(|&i| r.indicators[i].code.clone()).collect();
        let codes = codes.join(", ");
        let (path, pre_id, pre_en) = match who {
            Some(j) => (
                format!("innovations[{j}]"),
                format!("Inovasi {}", sub.innovations[j].id),
                format!("Innovation {}", sub.innovations[j].id),
            ),
            None => ("spd".to_string(), "SPD".to_string(), "SPD".to_string()),
        };
        let (verb_id, verb_en) = match mode {
            Mode::SelfAssessment => ("berisiko dipotong verifikasi", "at risk in verification"),
            Mode::Verified => ("tidak dihitung penuh", "not fully counted"),
        };
        out.push(Finding::new(
            "evidence_insufficient",
            Severity::Warning,
            path,
            format!(
                "{pre_id}: bukti dukung indikator {codes} belum memenuhi syarat; {at_risk} poin indeks {verb_id} (lihat iid check)."
            ),
            format!(
                "{pre_en}: evidence for indicators {codes} does not meet the requirement; {at_risk} index points {verb_en} (see iid check)."
            ),
        ));
    }
    out
}

/// The answer's claimed-minus-counted row score in innovation-row units
/// (region rows weigh D times as much before averaging).
pub(crate) fn units_at_risk(rubric: &CompiledRubric, s: &Summary, a: &AnswerCheck) -> i128 {
    let delta = i64::from(a.claimed.saturating_sub(a.counted));
    match a.row {
        RowRef::Region(i) => {
            i128::from(rubric.region[i].weight_units * delta) * i128::from(s.divisor)
        }
        RowRef::Innovation { col, .. } => i128::from(rubric.innovation[col].weight_units * delta),
    }
}

/// Index points of a sum of units, rounded once.
pub(crate) fn points(rubric: &CompiledRubric, s: &Summary, units: i128) -> Decimal {
    s.index_points_of_innovation_units(rubric, units)
}
