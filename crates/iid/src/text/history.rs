//! Plain-text renderings of a region's history and of why its index
//! changed (`iid history`, `iid diff`), in Indonesian, English or both.

use std::fmt::Write;

use crate::analysis::diff::{Diff, DiffItem};
use crate::analysis::history::History;
use crate::text::diff::signed;

/// The language of a rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Indonesian and English side by side (`label / label`).
    #[default]
    Both,
    /// Indonesian only.
    Id,
    /// English only.
    En,
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s {
            "id" => Ok(Lang::Id),
            "en" => Ok(Lang::En),
            "both" => Ok(Lang::Both),
            _ => Err(format!(
                "language \"{s}\" is neither \"id\", \"en\" nor \"both\""
            )),
        }
    }
}

impl Lang {
    fn pick(self, id: &str, en: &str) -> String {
        match self {
            Lang::Both => format!("{id} / {en}"),
            Lang::Id => id.to_string(),
            Lang::En => en.to_string(),
        }
    }

    /// The sentence(s) of a pair, one per line when both.
    fn lines(self, id: &str, en: &str) -> String {
        match self {
            Lang::Both => format!("{id}\n{en}"),
            Lang::Id => id.to_string(),
            Lang::En => en.to_string(),
        }
    }
}

fn year(y: Option<u16>) -> String {
    y.map_or_else(|| "-".into(), |y| y.to_string())
}

fn item_label(i: &DiffItem, lang: Lang) -> String {
    let mut s = match (&i.innovation, &i.indicator) {
        (Some(inv), Some(ind)) => format!("{inv} / {ind}"),
        (Some(inv), None) => inv.clone(),
        (None, Some(ind)) => format!("SPD {ind}"),
        (None, None) => String::new(),
    };
    if let (Some(f), Some(t)) = (i.from, i.to) {
        let _ = write!(s, ": {f} -> {t}");
    }
    if i.urusan_from.is_some() || i.urusan_to.is_some() {
        let _ = write!(
            s,
            " ({} {} -> {})",
            lang.pick("urusan", "affair"),
            i.urusan_from.as_deref().unwrap_or("-"),
            i.urusan_to.as_deref().unwrap_or("-")
        );
    }
    if let Some(r) = &i.reason {
        let _ = write!(s, " ({r})");
    }
    s
}

/// Why the index changed: both years, the sentence, then the parts in the
/// fixed order as a waterfall (start, points, end) with their items.
pub fn diff(d: &Diff, lang: Lang) -> String {
    let mut s = String::new();
    for (label, f) in [
        (lang.pick("Tahun lalu", "Last year"), &d.old),
        (lang.pick("Tahun ini", "This year"), &d.new),
    ] {
        let _ = writeln!(
            s,
            "{label:<26} {} {:<9} {:>7}  ({}; n {}, {} {})",
            year(f.year),
            f.methodology,
            f.index,
            f.predicate,
            f.innovation_count,
            lang.pick("pembagi", "divisor"),
            f.divisor
        );
    }
    let _ = writeln!(
        s,
        "{:<26} {:>22}  ({} {})",
        lang.pick("Selisih", "Change"),
        signed(d.change),
        lang.pick("eksak", "exact"),
        d.change_exact
    );
    let _ = writeln!(s, "\n{}\n", lang.lines(&d.summary_id, &d.summary_en));
    let mut rows = vec![vec![
        lang.pick("dari", "from"),
        lang.pick("poin", "points"),
        lang.pick("ke", "to"),
        lang.pick("bagian", "part"),
    ]];
    let mut quiet = 0;
    for p in &d.parts {
        if p.points.is_zero() && p.items.is_empty() {
            quiet += 1;
            continue;
        }
        let what = match lang {
            Lang::Id => p.message_id.clone(),
            _ => p.message_en.clone(),
        };
        rows.push(vec![
            p.start.to_string(),
            signed(p.points),
            p.end.to_string(),
            what,
        ]);
        if lang == Lang::Both {
            rows.push(vec![
                String::new(),
                String::new(),
                String::new(),
                p.message_id.clone(),
            ]);
        }
        for i in &p.items {
            rows.push(vec![
                String::new(),
                signed(i.points),
                String::new(),
                format!("  {}", item_label(i, lang)),
            ]);
            for r in &i.rows {
                rows.push(vec![
                    String::new(),
                    signed(r.points),
                    String::new(),
                    format!("    {}", item_label(r, lang)),
                ]);
            }
        }
    }
    s.push_str(&table(&rows, &[true, true, true, false]));
    if quiet > 0 {
        let _ = writeln!(
            s,
            "({quiet} {})",
            lang.pick("bagian lain 0.00", "other parts 0.00")
        );
    }
    let _ = writeln!(
        s,
        "\n{}",
        lang.lines(
            "Urutan: metodologi (jawaban tahun lalu dengan aturan tahun ini), jawaban SPD, inovasi (atas pembagi tahun ini; bila pembagi berubah, dibanding rata-rata tahun lalu), pembagi dan kursi kosongnya, jumlah inovasi, urusan pelayanan dasar. Bagian dibulatkan dengan sisa terbesar sehingga jumlahnya sama dengan selisih.",
            "Order: methodology (last year's answers under this year's rules), SPD answers, innovations (over this year's divisor; when the divisor moved, against last year's average), the divisor and its empty seats, innovation count, basic-service affairs. Parts are rounded by the largest remainder so that they add up to the change."
        )
    );
    s
}

/// A region's history: one row per year, the like-for-like column last,
/// then the findings of the two-year rule.
pub fn history(h: &History, lang: Lang) -> String {
    let mut s = String::new();
    let mode = match h.mode {
        crate::scoring::Mode::SelfAssessment => lang.pick("mandiri", "self"),
        crate::scoring::Mode::Verified => lang.pick("terverifikasi", "verified"),
    };
    let _ = writeln!(
        s,
        "{} ({mode}); {}: {}",
        lang.pick("Riwayat", "History"),
        lang.pick("sebanding dengan aturan", "like-for-like under"),
        h.under
    );
    let mut rows = vec![[
        lang.pick("tahun", "year"),
        lang.pick("metodologi", "methodology"),
        "status".to_string(),
        lang.pick("indeks", "index"),
        "+/-".to_string(),
        lang.pick("predikat", "predicate"),
        "n".to_string(),
        "SPD".to_string(),
        lang.pick("rata-rata SID", "SID average"),
        lang.pick("jumlah (36)", "count (36)"),
        lang.pick("pembagi", "divisor"),
        lang.pick("kursi kosong", "empty seats"),
        "yandas".to_string(),
        h.under.clone(),
        "+/-".to_string(),
    ]
    .to_vec()];
    let mut notes = Vec::new();
    for r in &h.rows {
        let f = &r.figures;
        let opt = |d: &Option<rust_decimal::Decimal>| d.map_or_else(|| "-".into(), signed);
        rows.push(vec![
            year(f.year),
            f.methodology.clone(),
            serde_json::to_value(f.status)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
            f.index.to_string(),
            opt(&r.change),
            f.predicate.clone(),
            f.innovation_count.to_string(),
            figure(f.spd_score),
            figure(f.sid_average),
            figure(f.innovation_count_score),
            f.divisor.to_string(),
            f.empty_seats.to_string(),
            f.yandas_covered.len().to_string(),
            r.index_under.map_or_else(|| "-".into(), |d| d.to_string()),
            opt(&r.change_under),
        ]);
        if let Some(e) = &r.under_error {
            notes.push(format!(
                "{} {}, {}: {}",
                year(f.year),
                lang.pick("tidak sebanding", "not comparable"),
                e.code,
                e.message
            ));
        }
    }
    let right = [
        false, false, false, true, true, false, true, true, true, true, true, true, true, true,
        true,
    ];
    s.push_str(&table(&rows, &right));
    for n in notes {
        let _ = writeln!(s, "{n}");
    }
    if !h.findings.is_empty() {
        let _ = writeln!(s, "\n{}:", lang.pick("Temuan", "Findings"));
        for f in &h.findings {
            let text = match lang {
                Lang::Id => f.message_id.clone(),
                Lang::En => f.message_en.clone(),
                Lang::Both => format!("{}\n    {}", f.message_id, f.message_en),
            };
            let _ = writeln!(s, "  - [{}] {text}", f.path);
        }
    }
    s
}

/// Rows as aligned columns (two spaces apart; `right[c]` aligns column c
/// to the right), each line without trailing spaces.
fn table(rows: &[Vec<String>], right: &[bool]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|t| t.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (c, t) in r.iter().enumerate() {
            let w = widths[c];
            if c > 0 {
                line.push_str("  ");
            }
            if right.get(c).copied().unwrap_or(false) {
                let _ = write!(line, "{t:>w$}");
            } else {
                let _ = write!(line, "{t:<w$}");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn figure(d: rust_decimal::Decimal) -> String {
    crate::text::explain::figure(&d)
}
