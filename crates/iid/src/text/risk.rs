//! The law of the verified index as plain text, with bilingual headings.

use std::fmt::Write;

use crate::analysis::risk::Risk;

/// The chance of each predicate after verification, the goal, the
/// quantiles and where to shore up evidence first.
pub fn render(r: &Risk, limit: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Risiko verifikasi / Verification risk: {}",
        r.methodology
    );
    let _ = writeln!(
        s,
        "  Penilaian mandiri / Self-assessed: {} {}",
        r.claimed_index, r.claimed_predicate
    );
    let _ = writeln!(
        s,
        "  Terverifikasi saat ini / Verified now: {} {}",
        r.verified_index, r.verified_predicate
    );
    let _ = writeln!(s, "  Indeks harapan / Expected index: {}", r.expected_index);
    let _ = writeln!(s, "\nPeluang predikat / Chance of each predicate");
    for p in &r.predicates {
        let label = match &p.label_en {
            Some(en) => format!("{} / {}", p.label, en),
            None => p.label.clone(),
        };
        let _ = writeln!(s, "  {:<44} {}", label, p.probability);
    }
    let goal = match &r.goal.predicate {
        Some(p) => format!("{p} (>= {})", r.goal.index),
        None => format!(">= {}", r.goal.index),
    };
    let _ = writeln!(
        s,
        "\nPeluang mencapai / Chance of reaching {goal}: {}",
        r.goal.probability
    );
    let q: Vec<String> = r
        .quantiles
        .iter()
        .map(|q| format!("{}: {}", q.q, q.index))
        .collect();
    let _ = writeln!(s, "Kuantil indeks / Index quantiles: {}", q.join(", "));
    if r.shore_up.is_empty() {
        let _ = writeln!(
            s,
            "\nTidak ada bukti yang menaikkan peluang itu / No proof raises that chance"
        );
    } else {
        let _ = writeln!(
            s,
            "\nPerkuat bukti dulu / Shore up evidence first ({} of {}):",
            r.shore_up.len().min(limit),
            r.shore_up.len()
        );
        let _ = writeln!(
            s,
            "  {:<34} {:<10} {:>5} {:<14} {:>9} {:>9}",
            "jawaban / answer", "inovasi", "level", "kelas / class", "peluang", "+peluang"
        );
        for x in r.shore_up.iter().take(limit) {
            let _ = writeln!(
                s,
                "  {:<34} {:<10} {:>5} {:<14} {:>9} {:>9}",
                x.path,
                x.innovation.as_deref().unwrap_or("-"),
                x.level,
                x.class.code(),
                x.probability,
                x.gain
            );
        }
    }
    let _ = writeln!(
        s,
        "\n{} jawaban, {} belum pasti / {} answers, {} uncertain; {}",
        r.answers,
        r.uncertain,
        r.answers,
        r.uncertain,
        if r.exact {
            "eksak / exact".to_string()
        } else {
            format!("galat / error <= {}", r.error_bound)
        }
    );
    s
}
