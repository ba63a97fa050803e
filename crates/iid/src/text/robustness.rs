//! Plain-text and CSV renderings of a robustness analysis, with
//! bilingual headings.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::national::robustness::{Group, Robustness};

fn group_name(g: Group) -> &'static str {
    match g {
        Group::Weights => "bobot / weights",
        Group::Divisor => "pembagi / divisor",
        Group::Verification => "verifikasi / verification",
    }
}

fn dash(d: Option<Decimal>) -> String {
    d.map_or("-".into(), |x| x.to_string())
}

/// The analysis as a readable table: the settings, each region's ranks
/// and probabilities, and each input group's sensitivity indices.
pub fn robustness(r: &Robustness) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Ketahanan peringkat / Ranking robustness: {}{}",
        r.methodology,
        r.award.as_ref().map_or(String::new(), |a| format!(", {a}"))
    );
    let divisors: Vec<String> = r.divisors.iter().map(u32::to_string).collect();
    let _ = writeln!(
        s,
        "Sampel / samples {} ({} peringkat / rankings), seed {}; bobot / weights ±{}; pembagi / divisors {}; verifikasi / verification {}",
        r.samples,
        r.rankings,
        r.seed,
        r.weight_range,
        divisors.join(", "),
        if r.verification { "ya / yes" } else { "tidak / no" }
    );
    let _ = writeln!(
        s,
        "Rata-rata pergeseran peringkat / mean rank shift: {}\n",
        r.mean_rank_shift
    );
    let nominee = r.award.is_some();
    let _ = writeln!(
        s,
        "{:>5}  {:<10} {:<28} {:>8} {:>7} {:>11}  {:>9}{}",
        "rank",
        "code",
        "name / nama",
        "index",
        "median",
        "5%-95%",
        "predikat",
        if nominee { "  nominee" } else { "" }
    );
    for g in &r.regions {
        let name: String = g.name.as_deref().unwrap_or("").chars().take(28).collect();
        let _ = write!(
            s,
            "{:>5}  {:<10} {:<28} {:>8} {:>7} {:>11}  {:>9}",
            g.rank,
            g.code,
            name,
            g.index,
            g.median_rank,
            format!("{}-{}", g.rank_p05, g.rank_p95),
            g.keeps_predicate
        );
        if let Some(p) = g.nominee_probability {
            let _ = write!(
                s,
                "  {p}{}",
                if g.nominee == Some(true) { " *" } else { "" }
            );
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "\nSensitivitas / Sensitivity (indeks Sobol orde pertama dan total / first-order and total Sobol indices, interval bootstrap 95% / 95% bootstrap interval)"
    );
    for x in &r.sensitivity {
        if !x.varied {
            let _ = writeln!(
                s,
                "  {:<26} tidak divariasikan / not varied",
                group_name(x.group)
            );
            continue;
        }
        let _ = writeln!(
            s,
            "  {:<26} S1 {} [{}, {}]  ST {} [{}, {}]",
            group_name(x.group),
            dash(x.first_order),
            dash(x.first_order_low),
            dash(x.first_order_high),
            dash(x.total),
            dash(x.total_low),
            dash(x.total_high)
        );
    }
    s
}

/// One CSV row per region.
#[cfg(feature = "csv")]
pub fn robustness_csv(r: &Robustness) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "rank",
        "code",
        "name",
        "cluster",
        "index",
        "predicate",
        "median_rank",
        "rank_p05",
        "rank_p95",
        "keeps_predicate",
        "nominee",
        "nominee_probability",
    ]);
    for g in &r.regions {
        let _ = w.write_record([
            g.rank.to_string(),
            g.code.clone(),
            g.name.clone().unwrap_or_default(),
            g.cluster.clone().unwrap_or_default(),
            g.index.to_string(),
            g.predicate.clone(),
            g.median_rank.to_string(),
            g.rank_p05.to_string(),
            g.rank_p95.to_string(),
            g.keeps_predicate.to_string(),
            g.nominee.map_or(String::new(), |b| b.to_string()),
            g.nominee_probability
                .map_or(String::new(), |p| p.to_string()),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
