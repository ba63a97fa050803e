//! The sentences of a diff (why the index changed between two years), in
//! Indonesian and English: one phrase per part and the summary sentence.

/// A change with its sign: "+0.30", "-5.20", "0.00".
pub fn signed(d: rust_decimal::Decimal) -> String {
    if d.is_sign_positive() && !d.is_zero() {
        format!("+{d}")
    } else if d.is_zero() {
        d.abs().to_string()
    } else {
        d.to_string()
    }
}

/// The methodology part: the same answers scored under this year's rules.
pub fn methodology(from: &str, to: &str) -> (String, String) {
    if from == to {
        return (
            format!("metodologi tetap ({to})"),
            format!("the methodology stayed the same ({to})"),
        );
    }
    (
        format!("metodologi berganti dari {from} ke {to} (jawaban tahun lalu dinilai dengan aturan baru)"),
        format!("the methodology changed from {from} to {to} (last year's answers scored under the new rules)"),
    )
}

/// Region (SPD) answers that changed.
pub fn region_answers(rows: usize) -> (String, String) {
    (
        format!("{rows} jawaban indikator SPD berubah"),
        format!("{rows} region (SPD) answers changed"),
    )
}

/// "1 innovation", "3 innovations".
fn innovations(n: usize) -> String {
    if n == 1 {
        "1 innovation".into()
    } else {
        format!("{n} innovations")
    }
}

/// Innovations reported both years whose answers (or affair) changed.
pub fn innovations_changed(n: usize) -> (String, String) {
    (
        format!("jawaban {n} inovasi yang dilaporkan kedua tahun berubah"),
        format!(
            "the answers of {} reported both years changed",
            innovations(n)
        ),
    )
}

/// Innovations that dropped out, `ineligible` of them left out by this
/// year's methodology; `seats` = (innovations counted, divisor) when they
/// left empty seats behind at an unchanged divisor.
pub fn innovations_removed(
    n: usize,
    ineligible: usize,
    seats: Option<(u32, u32)>,
) -> (String, String) {
    let (mut id, mut en) = (
        format!("{n} inovasi tidak lagi dihitung"),
        format!("{} dropped out", innovations(n)),
    );
    if ineligible > 0 {
        id.push_str(&format!(" ({ineligible} tidak lagi memenuhi syarat)"));
        en.push_str(&format!(" ({ineligible} no longer eligible)"));
    }
    if let Some((filled, d)) = seats {
        id.push_str(&format!(
            " dan meninggalkan kursi kosong ({filled} dari {d} kursi pembagi terisi)"
        ));
        en.push_str(&format!(
            " and left empty seats ({filled} of the divisor's {d} seats filled)"
        ));
    }
    (id, en)
}

/// Innovations counted this year and not last year.
pub fn innovations_added(n: usize) -> (String, String) {
    let verb = if n == 1 { "was" } else { "were" };
    (
        format!("{n} inovasi baru dihitung"),
        format!("{} {verb} added", innovations(n)),
    )
}

/// The divisor MAX(d, n) and its empty seats (`e0` last year, `e1` this
/// year, of the `d` seats of the minimum divisor).
pub fn divisor(from: u32, to: u32, e0: u32, e1: u32, d: u32) -> (String, String) {
    if e1 > e0 {
        let verb = if e1 == 1 { "was" } else { "were" };
        let (mut id, mut en) = (
            format!("{e1} dari {d} kursi pembagi kosong"),
            format!("{e1} of the divisor's {d} seats {verb} left empty"),
        );
        if e0 > 0 {
            id.push_str(&format!(" (sebelumnya {e0})"));
            en.push_str(&format!(" ({e0} before)"));
        }
        (id, en)
    } else if e1 < e0 {
        let filled = e0 - e1;
        let seats = if filled == 1 {
            "1 empty seat of the divisor was".to_string()
        } else {
            format!("{filled} empty seats of the divisor were")
        };
        (
            format!("{filled} kursi kosong pembagi terisi (tersisa {e1} dari {d})"),
            format!("{seats} filled ({e1} of {d} left empty)"),
        )
    } else {
        (
            format!("pembagi berubah dari {from} menjadi {to}"),
            format!("the divisor went from {from} to {to}"),
        )
    }
}

/// The number of innovations in the count score.
pub fn innovation_count(from: u32, to: u32) -> (String, String) {
    (
        format!("skor jumlah inovasi mengikuti jumlah inovasi ({from} menjadi {to})"),
        format!("the innovation-count score followed the number of innovations ({from} to {to})"),
    )
}

/// The basic-service condition of the count score.
pub fn basic_services(from: u32, to: u32, required: Option<u32>) -> (String, String) {
    let Some(req) = required else {
        return (
            format!("urusan pelayanan dasar tercakup {from} menjadi {to} (tanpa syarat)"),
            format!("basic-service affairs covered went from {from} to {to} (no condition)"),
        );
    };
    match (from >= req, to >= req) {
        (true, false) => (
            format!("syarat urusan pelayanan dasar tidak lagi terpenuhi ({to} dari {req} urusan yang disyaratkan)"),
            format!("the basic-service rule was no longer met ({to} of the {req} required affairs covered)"),
        ),
        (false, true) => (
            format!("syarat urusan pelayanan dasar kini terpenuhi ({to} dari {req} urusan yang disyaratkan)"),
            format!("the basic-service rule is now met ({to} of the {req} required affairs covered)"),
        ),
        _ => (
            format!("urusan pelayanan dasar tercakup {from} menjadi {to} ({req} disyaratkan)"),
            format!("basic-service affairs covered went from {from} to {to} ({req} required)"),
        ),
    }
}

/// A year that is not assessable (index 0).
pub fn assessability(old: bool, new: bool) -> (String, String) {
    match (old, new) {
        (false, true) => (
            "tahun lalu tidak dapat dinilai (indeks 0), tahun ini dapat dinilai".into(),
            "last year could not be assessed (index 0), this year can".into(),
        ),
        (true, false) => (
            "tahun ini tidak dapat dinilai (indeks 0)".into(),
            "this year cannot be assessed (index 0)".into(),
        ),
        (false, false) => (
            "kedua tahun tidak dapat dinilai (indeks 0)".into(),
            "neither year can be assessed (index 0)".into(),
        ),
        (true, true) => (
            "kedua tahun dapat dinilai".into(),
            "both years can be assessed".into(),
        ),
    }
}

/// The change in one sentence: "The index fell 8.81 points (58.11 ->
/// 49.30): -5.20 because ..., -2.90 because ...", parts with published
/// points only, largest first (the fixed order on a tie).
pub fn diff_summary(
    change: rust_decimal::Decimal,
    old: rust_decimal::Decimal,
    new: rust_decimal::Decimal,
    parts: &[(rust_decimal::Decimal, &str, &str)],
) -> (String, String) {
    let (verb_id, verb_en) = if change.is_zero() {
        return (
            format!("Indeks tidak berubah ({old})."),
            format!("The index did not change ({old})."),
        );
    } else if change.is_sign_positive() {
        ("naik", "rose")
    } else {
        ("turun", "fell")
    };
    // Largest first, the fixed order on a tie (an insertion sort: a
    // handful of parts).
    let mut listed: Vec<&(rust_decimal::Decimal, &str, &str)> = Vec::new();
    for p in parts.iter().filter(|p| !p.0.is_zero()) {
        let at = listed
            .iter()
            .position(|q| q.0.abs() < p.0.abs())
            .unwrap_or(listed.len());
        listed.insert(at, p);
    }
    let id: Vec<String> = listed
        .iter()
        .map(|(p, m, _)| format!("{} karena {m}", signed(*p)))
        .collect();
    let en: Vec<String> = listed
        .iter()
        .map(|(p, _, m)| format!("{} because {m}", signed(*p)))
        .collect();
    let size = change.abs();
    (
        format!(
            "Indeks {verb_id} {size} poin ({old} -> {new}): {}.",
            id.join("; ")
        ),
        format!(
            "The index {verb_en} {size} points ({old} -> {new}): {}.",
            en.join("; ")
        ),
    )
}
