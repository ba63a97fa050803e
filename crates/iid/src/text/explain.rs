//! Plain-text renderings of a [`ScoreResult`]: a short summary table and
//! the full breakdown tree. Labels come from the result (hence the rubric);
//! the only fixed words are column headings.

use std::fmt::Write;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::scoring::result::{IndicatorKind, ScoreResult};

/// The evidence audit as a readable list, most points at risk first.
pub fn audit(a: &crate::analysis::audit::Audit) -> String {
    let mut s = String::new();
    let m = &a.modes;
    let _ = writeln!(
        s,
        "Penilaian mandiri / self-assessment   {}   ({})",
        m.self_assessment.index, m.self_assessment.predicate
    );
    let _ = writeln!(
        s,
        "Setelah verifikasi / verified         {}   ({})",
        m.verified.index, m.verified.predicate
    );
    let _ = writeln!(s, "Selisih / gap                         {}", m.gap);
    if a.items.is_empty() {
        let _ = writeln!(
            s,
            "\nSemua jawaban didukung bukti yang memenuhi syarat / all answers are proven."
        );
        return s;
    }
    let _ = writeln!(
        s,
        "\n{} jawaban berisiko / answers at risk, {} poin indeks / index points:",
        a.items.len(),
        figure(&a.total_points_at_risk)
    );
    let _ = writeln!(
        s,
        "{:>14}  {:<34} {:<5} {:>5}  masalah / problem",
        "poin / points", "jalur / path", "level", ""
    );
    for i in &a.items {
        let problem = match (i.problem, i.verification) {
            (_, Some(v)) if v != crate::model::evidence::VerificationStatus::Pending => v.code(),
            (Some(p), _) => p.code(),
            _ => "",
        };
        let _ = writeln!(
            s,
            "{:>14}  {:<34} {} -> {}   {:<14} {}",
            figure(&i.points_at_risk),
            i.path,
            i.claimed,
            i.counted,
            problem,
            i.indicator_name
        );
    }
    s
}

/// A figure for reading: rounded half-up to two decimals and written with
/// two (`52.4566666667` reads `52.46`, `42.5` reads `42.50`). The exact
/// values stay in the JSON result; the index line shows both.
pub fn figure(d: &Decimal) -> String {
    format!(
        "{:.2}",
        d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    )
}

fn max_str(m: &Option<Decimal>) -> String {
    m.as_ref().map_or_else(|| "-".to_string(), figure)
}

/// The headline figures as a readable table.
pub fn summary(r: &ScoreResult) -> String {
    let mut s = String::new();
    let region = r
        .region
        .as_ref()
        .and_then(|g| g.name.clone().or_else(|| g.code.clone()))
        .unwrap_or_default();
    let _ = writeln!(s, "{} ({})", r.methodology_name, r.methodology);
    if let Some(m) = &r.modes {
        let _ = writeln!(
            s,
            "Mode                   {}  (mandiri / self {} {}; terverifikasi / verified {} {}; selisih / gap {})",
            match r.mode {
                crate::scoring::assess::Mode::SelfAssessment => "self",
                crate::scoring::assess::Mode::Verified => "verified",
            },
            m.self_assessment.index,
            m.self_assessment.predicate,
            m.verified.index,
            m.verified.predicate,
            m.gap
        );
    }
    if !region.is_empty() {
        let _ = writeln!(s, "Daerah / Region        {region}");
    }
    let _ = writeln!(s, "Indeks / Index         {}   ({})", r.index, r.predicate);
    let _ = writeln!(s, "Indeks eksak / exact   {}", r.index_exact);
    let _ = writeln!(s, "SPD                    {:>12}", figure(&r.spd_score));
    let _ = writeln!(
        s,
        "SID                    {:>12}   (rata-rata / average {} + jumlah inovasi / count {})",
        figure(&r.sid_score),
        figure(&r.sid_average),
        figure(&r.innovation_count_score)
    );
    let _ = writeln!(
        s,
        "Total                  {:>12} / {}",
        figure(&r.total_score),
        max_str(&r.max_total_score)
    );
    let _ = writeln!(
        s,
        "Inovasi / innovations  {:>12}   (pembagi / divisor {}, kursi kosong / empty seats {})",
        r.innovation_count, r.divisor, r.empty_seats
    );
    if !r.yandas_covered.is_empty() || !r.yandas_missing.is_empty() {
        let req = r
            .yandas_required
            .map_or_else(String::new, |q| format!(", wajib / required {q}"));
        let _ = writeln!(
            s,
            "Yandas                 {} / {}{req}; belum / missing: {}",
            r.yandas_covered.len(),
            r.yandas_covered.len() + r.yandas_missing.len(),
            if r.yandas_missing.is_empty() {
                "-".to_string()
            } else {
                r.yandas_missing.join(", ")
            }
        );
    }
    // One line per finding code, with how many more share it.
    let mut shown: Vec<(&crate::text::findings::Finding, usize)> = Vec::new();
    for f in r
        .findings
        .iter()
        .filter(|f| f.severity != crate::text::findings::Severity::Info)
    {
        match shown.iter_mut().find(|(g, _)| g.code == f.code) {
            Some((_, n)) => *n += 1,
            None => shown.push((f, 0)),
        }
    }
    if !shown.is_empty() {
        let total: usize = shown.iter().map(|(_, n)| n + 1).sum();
        let _ = writeln!(s, "Temuan / findings ({total}):");
        for (f, more) in shown {
            let _ = write!(s, "  - [{}] {}", f.code, f.message_id);
            if more > 0 {
                let _ = write!(s, " (+{more} lainnya / more)");
            }
            let _ = writeln!(s);
        }
    }
    s
}

/// The full breakdown tree: aspects, variables and indicators with their
/// contributions and maxima, then each innovation's own rows, then findings.
pub fn render(r: &ScoreResult) -> String {
    let mut s = summary(r);
    let _ = writeln!(s);
    for a in &r.breakdown.aspects {
        let _ = writeln!(
            s,
            "{} {:<52} {:>14} / {}",
            a.code,
            a.name,
            figure(&a.score),
            max_str(&a.max)
        );
        for v in &a.variables {
            let _ = writeln!(
                s,
                "  {:<54} {:>14} / {}",
                v.name,
                figure(&v.score),
                max_str(&v.max)
            );
            for i in &v.indicators {
                let what = match i.kind {
                    IndicatorKind::Region => format!("level {}", i.level.unwrap_or(0)),
                    IndicatorKind::Innovation => {
                        format!("{} answered", i.answered.unwrap_or(0))
                    }
                    IndicatorKind::Count => format!("n = {}", r.innovation_count),
                };
                let star = if i.mandatory { "*" } else { " " };
                let name: String = i.name.chars().take(38).collect();
                let _ = writeln!(
                    s,
                    "    {:>4}{star} {:<38} x{:<5} {:<12} {:>14} / {}",
                    i.code,
                    name,
                    i.weight.to_string(),
                    what,
                    figure(&i.score),
                    max_str(&i.max)
                );
            }
        }
    }
    if !r.breakdown.innovations.is_empty() {
        let _ = writeln!(s, "\nInovasi / innovations (skor baris / row score):");
        for inv in &r.breakdown.innovations {
            let _ = writeln!(
                s,
                "  {:<16} {:<36} {:<16} {:>8} / {}",
                inv.id,
                inv.name
                    .as_deref()
                    .unwrap_or("")
                    .chars()
                    .take(36)
                    .collect::<String>(),
                inv.urusan.as_deref().unwrap_or("-"),
                figure(&inv.score),
                figure(&inv.max)
            );
        }
    }
    if !r.findings.is_empty() {
        let _ = writeln!(s, "\nTemuan / findings:");
        for f in &r.findings {
            let _ = writeln!(s, "  - [{}] {}: {}", f.code, f.path, f.message_id);
            let _ = writeln!(s, "    {}", f.message_en);
        }
    }
    s
}
