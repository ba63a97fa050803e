//! The rubric files shipped inside the crate (`rubrics/*.json`), as text.
//! [`crate::model::builtin`] compiles them once; `extends` reads its base
//! here, so inheritance never reaches for a file.

/// The embedded rubric files, by id.
pub const SOURCES: &[(&str, &str)] = &[
    #[cfg(feature = "years")]
    (
        "iid-2021",
        include_str!(concat!(env!("OUT_DIR"), "/iid-2021.json")),
    ),
    #[cfg(feature = "years")]
    (
        "iid-2022",
        include_str!(concat!(env!("OUT_DIR"), "/iid-2022.json")),
    ),
    (
        "iid-2023",
        include_str!(concat!(env!("OUT_DIR"), "/iid-2023.json")),
    ),
    #[cfg(feature = "years")]
    (
        "iid-2024",
        include_str!(concat!(env!("OUT_DIR"), "/iid-2024.json")),
    ),
    #[cfg(feature = "years")]
    (
        "iid-2025",
        include_str!(concat!(env!("OUT_DIR"), "/iid-2025.json")),
    ),
    (
        "iid-2026",
        include_str!(concat!(env!("OUT_DIR"), "/iid-2026.json")),
    ),
    (
        "iid-2027",
        include_str!(concat!(env!("OUT_DIR"), "/iid-2027.json")),
    ),
    (
        "iid-2028",
        include_str!(concat!(env!("OUT_DIR"), "/iid-2028.json")),
    ),
    (
        "iid-2029",
        include_str!(concat!(env!("OUT_DIR"), "/iid-2029.json")),
    ),
];

/// Ids of the embedded methodologies.
pub fn ids() -> impl Iterator<Item = &'static str> {
    SOURCES.iter().map(|(id, _)| *id)
}

/// The text of an embedded rubric file.
pub fn source(id: &str) -> Option<&'static str> {
    SOURCES.iter().find(|(k, _)| *k == id).map(|(_, t)| *t)
}

/// The ids, for messages: `iid-2023, iid-2026, ...`.
pub fn known() -> String {
    ids().collect::<Vec<_>>().join(", ")
}
