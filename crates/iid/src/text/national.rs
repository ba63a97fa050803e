//! Plain-text renderings of a ranking and of the award stages, with
//! bilingual headings, and a ranking as CSV rows.

use std::fmt::Write;

use crate::national::{AwardResult, Ranking};

/// The ranking as a readable table with its summary.
pub fn ranking(r: &Ranking) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Peringkat nasional / National ranking: {}{}",
        r.methodologies.join(", "),
        r.award.as_ref().map_or(String::new(), |a| format!(", {a}"))
    );
    let _ = writeln!(
        s,
        "{:>5} {:>5}  {:<10} {:<32} {:<12} {:>5} {:>8}  {:<20} nominee",
        "rank", "exact", "code", "name / nama", "cluster", "in", "index", "predikat"
    );
    for g in &r.regions {
        let name: String = g.name.as_deref().unwrap_or("").chars().take(32).collect();
        let _ = writeln!(
            s,
            "{:>5} {:>5}  {:<10} {:<32} {:<12} {:>5} {:>8}  {:<20} {}",
            g.rank,
            g.rank_exact,
            g.code,
            name,
            g.cluster.as_deref().unwrap_or("-"),
            g.rank_in_cluster.map_or("-".into(), |x| x.to_string()),
            g.index,
            g.predicate,
            if g.nominee { "*" } else { "" }
        );
    }
    let m = &r.summary;
    let p = &m.participation;
    let _ = writeln!(
        s,
        "\nPeserta / Participation: {} daerah / regions, {} mengirim / submitted, {} dapat dinilai / assessable, {} inovasi / innovations",
        p.regions, p.submitted, p.assessable, p.innovations
    );
    let dash = |d: &Option<rust_decimal::Decimal>| d.map_or("-".into(), |x| x.to_string());
    let _ = writeln!(
        s,
        "Rata-rata / mean {}, median {}",
        dash(&m.mean_index),
        dash(&m.median_index)
    );
    let _ = writeln!(s, "\nPredikat / Predicates");
    let header: Vec<&str> = m.predicates.first().map_or_else(Vec::new, |p| {
        p.clusters.iter().map(|c| c.cluster.as_str()).collect()
    });
    let _ = write!(s, "  {:<22} {:>8}", "", "nasional");
    for c in &header {
        let _ = write!(s, " {:>11}", c);
    }
    s.push('\n');
    for row in &m.predicates {
        let _ = write!(s, "  {:<22} {:>8}", row.predicate, row.count);
        for c in &row.clusters {
            let _ = write!(s, " {:>11}", c.count);
        }
        s.push('\n');
    }
    let _ = writeln!(s, "\nSebaran indeks / Histogram");
    let most = m
        .histogram
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0)
        .max(1);
    for b in &m.histogram {
        let bar = "#".repeat((b.count as usize * 40).div_ceil(most as usize));
        let _ = writeln!(s, "  {:>3}-{:<3} {:>5} {}", b.from, b.to, b.count, bar);
    }
    if !m.clusters.is_empty() {
        let _ = writeln!(s, "\nNominasi per klaster / Nominees per cluster");
        for c in &m.clusters {
            let _ = writeln!(
                s,
                "  {:<24} {:>4} daerah / regions, {:>3} nominasi / nominees (kuota / quota {})",
                c.name, c.regions, c.nominees, c.quota
            );
        }
        if m.unclustered > 0 {
            let _ = writeln!(
                s,
                "  tanpa klaster / in no cluster: {} daerah / regions",
                m.unclustered
            );
        }
    }
    for a in &m.side_awards {
        let _ = writeln!(
            s,
            "\n{}: {} daerah / regions{}{}",
            a.name,
            a.regions.len(),
            if a.regions.is_empty() { "" } else { ": " },
            a.regions.join(", ")
        );
    }
    s
}

/// The award stages as a table per cluster.
pub fn award(r: &AwardResult) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Penghargaan / Award: {}", r.award);
    for c in &r.clusters {
        let _ = writeln!(s, "\n{} ({} pemenang / winners)", c.name, c.quota);
        let _ = writeln!(
            s,
            "  {:>5}  {:<10} {:<28} {:>8} {:>12} {:>10} {:>10}  winner",
            "place", "code", "name / nama", "index", "presentasi", "lapangan", "akhir"
        );
        for f in r.finalists.iter().filter(|f| f.cluster == c.cluster) {
            let name: String = f.name.as_deref().unwrap_or("").chars().take(28).collect();
            let _ = writeln!(
                s,
                "  {:>5}  {:<10} {:<28} {:>8} {:>12} {:>10} {:>10}  {}",
                f.place,
                f.code,
                name,
                f.index,
                f.presentation,
                f.field.map_or("-".into(), |x| x.to_string()),
                f.final_score,
                if f.winner { "*" } else { "" }
            );
        }
    }
    s
}

/// The ranking as CSV: a header, then one row per region in rank order.
#[cfg(feature = "csv")]
pub fn ranking_csv(r: &Ranking) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "rank",
        "rank_exact",
        "code",
        "name",
        "level",
        "cluster",
        "rank_in_cluster",
        "nominee",
        "methodology",
        "submitted",
        "index",
        "index_exact",
        "predicate",
        "assessable",
        "innovations",
        "side_awards",
    ]);
    for g in &r.regions {
        let _ = w.write_record([
            g.rank.to_string(),
            g.rank_exact.to_string(),
            g.code.clone(),
            g.name.clone().unwrap_or_default(),
            g.level.clone().unwrap_or_default(),
            g.cluster.clone().unwrap_or_default(),
            g.rank_in_cluster.map_or(String::new(), |x| x.to_string()),
            g.nominee.to_string(),
            g.methodology.clone().unwrap_or_default(),
            g.submitted.to_string(),
            g.index.to_string(),
            g.index_exact.to_string(),
            g.predicate.clone(),
            g.assessable.to_string(),
            g.innovations.to_string(),
            g.side_awards.join(";"),
        ]);
    }
    // Writing to memory cannot fail.
    w.into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}
