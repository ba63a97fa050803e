//! Year-over-year texts every build holds, in Indonesian and English: the
//! two-year rule's finding and the lists of years it names.

/// A list of years as read aloud: "2022", "2022 dan 2023", "2021, 2022
/// dan 2023" (Indonesian) and "... and ..." (English).
pub fn year_list(years: &[u16]) -> (String, String) {
    let words: Vec<String> = years.iter().map(u16::to_string).collect();
    (join_words(&words, "dan"), join_words(&words, "and"))
}

fn join_words(words: &[String], and: &str) -> String {
    match words {
        [] => "-".into(),
        [one] => one.clone(),
        [head @ .., last] => format!("{} {and} {last}", head.join(", ")),
    }
}

/// The finding of an innovation left out by the entry limit (an innovation
/// may be entered in at most `max` assessment years).
pub fn entry_limit(id: &str, earlier: &[u16], max: u32) -> (String, String) {
    let (yid, yen) = year_list(earlier);
    (
        format!(
            "Inovasi {id} sudah diikutkan pada penilaian {yid}; satu inovasi paling banyak diikutkan dalam {max} tahun penilaian, maka inovasi tidak dihitung."
        ),
        format!(
            "Innovation {id} was already entered in {yen}; an innovation may be entered in at most {max} assessment years, so it is left out."
        ),
    )
}
