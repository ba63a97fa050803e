//! Errors of the core, one type per layer: [`RubricError`] for methodology
//! files, [`InputError`] for submissions, and [`Error`] joining the two for
//! callers (CLI, Python, WebAssembly) that handle both alike.
//!
//! Every variant names the JSON path of the bad field (`spd.2a`,
//! `innovations[3].levels.17`, `predicates[1].min`) and has a stable
//! machine-readable [`code`](Error::code) that the bindings expose.

use thiserror::Error;

/// A methodology (rubric) file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RubricError {
    /// The file is not valid JSON or a field has the wrong type.
    #[error("{path}: {message}")]
    Json { path: String, message: String },
    /// Two entries share a code that must be unique.
    #[error("{path}: duplicate code \"{code}\"")]
    Duplicate { path: String, code: String },
    /// A reference to an aspect, variable or band that does not exist.
    #[error("{path}: unknown reference \"{code}\"")]
    UnknownReference { path: String, code: String },
    /// A weight or point value that is zero or negative.
    #[error("{path}: must be greater than zero, got {value}")]
    NotPositive { path: String, value: String },
    /// Two predicate bands cover the same index values.
    #[error("{path}: predicate band \"{label}\" overlaps \"{other}\"")]
    BandOverlap {
        path: String,
        label: String,
        other: String,
    },
    /// Index values between two predicate bands belong to neither.
    #[error("{path}: gap between predicate bands \"{label}\" and \"{other}\"")]
    BandGap {
        path: String,
        label: String,
        other: String,
    },
    /// Any other inconsistency (a stated maximum that does not match the
    /// weights, a band that does not reach 0 or 100, ...).
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    /// No embedded methodology has this id.
    #[error("methodology: unknown methodology \"{id}\" (known: {known})")]
    UnknownMethodology { id: String, known: String },
}

impl RubricError {
    /// Stable machine-readable code of the error kind.
    pub fn code(&self) -> &'static str {
        match self {
            RubricError::Json { .. } => "rubric_json",
            RubricError::Duplicate { .. } => "rubric_duplicate",
            RubricError::UnknownReference { .. } => "rubric_unknown_reference",
            RubricError::NotPositive { .. } => "rubric_not_positive",
            RubricError::BandOverlap { .. } => "rubric_band_overlap",
            RubricError::BandGap { .. } => "rubric_band_gap",
            RubricError::Invalid { .. } => "rubric_invalid",
            RubricError::UnknownMethodology { .. } => "unknown_methodology",
        }
    }

    /// JSON path of the offending field within the rubric file.
    pub fn path(&self) -> &str {
        match self {
            RubricError::Json { path, .. }
            | RubricError::Duplicate { path, .. }
            | RubricError::UnknownReference { path, .. }
            | RubricError::NotPositive { path, .. }
            | RubricError::BandOverlap { path, .. }
            | RubricError::BandGap { path, .. }
            | RubricError::Invalid { path, .. } => path,
            RubricError::UnknownMethodology { .. } => "methodology",
        }
    }
}

/// A submission that cannot be scored.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InputError {
    /// The input is not valid JSON, or a field has the wrong type or an
    /// invalid value (a level of -1 or 2.5, `innovations` not a list, ...).
    #[error("{path}: {message}")]
    Json { path: String, message: String },
    /// The input is not UTF-8 text.
    #[error("input is not valid UTF-8 (byte {offset})")]
    NotUtf8 { offset: usize },
    /// The input is larger than the stated limit.
    #[error("{path}: too large ({actual} > limit {limit})")]
    TooLarge {
        path: String,
        actual: usize,
        limit: usize,
    },
    /// The submission does not say which methodology to use and none was given.
    #[error("{path}: missing; name one (e.g. \"iid-2026\") or pass a rubric")]
    MissingMethodology { path: String },
    /// A methodology id that is not embedded (in a submission's
    /// `methodology`, or a call's `rubric`).
    #[error("{path}: unknown methodology \"{id}\" (embedded: {known})")]
    UnknownMethodology {
        path: String,
        id: String,
        known: String,
    },
    /// An indicator code that the methodology does not have.
    #[error("{path}: unknown indicator \"{code}\" in methodology {methodology}")]
    UnknownIndicator {
        path: String,
        code: String,
        methodology: String,
    },
    /// A region (SPD) indicator inside an innovation, or the reverse.
    #[error("{path}: indicator \"{code}\" belongs to {expected}, not here")]
    WrongScope {
        path: String,
        code: String,
        expected: String,
    },
    /// A level above the indicator's number of parameters.
    #[error("{path}: level {level} out of range 0..={max}")]
    LevelOutOfRange { path: String, level: u32, max: u32 },
    /// A verifier's level above the claimed level.
    #[error("{path}: verified level {verified} is above the claimed level {claimed}")]
    VerificationAboveClaim {
        path: String,
        verified: u32,
        claimed: u32,
    },
    /// Two innovations share an id.
    #[error("{path}: duplicate innovation id \"{id}\"")]
    DuplicateId { path: String, id: String },
    /// A field with an invalid value (an empty id, a malformed affair code).
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    /// A plan to the `next` predicate from the top band: no band lies
    /// above the current index.
    #[error("{path}: no predicate band lies above the current index {index}")]
    NoBandAbove { path: String, index: String },
    /// Two submissions of one ranking share a region code.
    #[cfg(feature = "national")]
    #[error("{path}: duplicate region code \"{code}\" (also at {other})")]
    DuplicateRegion {
        path: String,
        code: String,
        other: String,
    },
    /// Submissions of one ranking under different methodologies, when
    /// mixing them was not asked for.
    #[cfg(feature = "national")]
    #[error("{path}: methodology {found} differs from {expected} of the first submission; rank one methodology at a time or allow mixing")]
    MixedMethodologies {
        path: String,
        found: String,
        expected: String,
    },
    /// An award definition id that is not embedded.
    #[cfg(feature = "national")]
    #[error("{path}: unknown award definition \"{id}\" (embedded: {known})")]
    UnknownAward {
        path: String,
        id: String,
        known: String,
    },
    /// Stage scores for a region that is not a nominee of the ranking.
    #[cfg(feature = "national")]
    #[error("{path}: region \"{code}\" is not a nominee of the ranking")]
    NotANominee { path: String, code: String },
    /// A juror's or a field-validation score outside its stated range.
    #[cfg(feature = "national")]
    #[error("{path}: score {value} out of range {min}..={max}")]
    ScoreOutOfRange {
        path: String,
        value: String,
        min: String,
        max: String,
    },
}

impl InputError {
    /// Stable machine-readable code of the error kind.
    pub fn code(&self) -> &'static str {
        match self {
            InputError::Json { .. } => "input_json",
            InputError::NotUtf8 { .. } => "input_not_utf8",
            InputError::TooLarge { .. } => "input_too_large",
            InputError::MissingMethodology { .. } => "missing_methodology",
            InputError::UnknownMethodology { .. } => "unknown_methodology",
            InputError::UnknownIndicator { .. } => "unknown_indicator",
            InputError::WrongScope { .. } => "wrong_scope",
            InputError::LevelOutOfRange { .. } => "level_out_of_range",
            InputError::DuplicateId { .. } => "duplicate_id",
            InputError::VerificationAboveClaim { .. } => "verification_above_claim",
            InputError::Invalid { .. } => "input_invalid",
            InputError::NoBandAbove { .. } => "no_band_above",
            #[cfg(feature = "national")]
            InputError::DuplicateRegion { .. } => "duplicate_region",
            #[cfg(feature = "national")]
            InputError::MixedMethodologies { .. } => "mixed_methodologies",
            #[cfg(feature = "national")]
            InputError::UnknownAward { .. } => "unknown_award",
            #[cfg(feature = "national")]
            InputError::NotANominee { .. } => "not_a_nominee",
            #[cfg(feature = "national")]
            InputError::ScoreOutOfRange { .. } => "score_out_of_range",
        }
    }

    /// The same error located at another path (for callers that read a
    /// submission from another shape, such as tables). Errors without a
    /// path are returned unchanged.
    pub fn at(self, at: String) -> InputError {
        self.map_path(|_| at)
    }

    /// The same error with its path rewritten by `f` (for instance
    /// prefixed with where a nested document sits). Errors without a path
    /// are returned unchanged.
    pub fn map_path(mut self, f: impl FnOnce(&str) -> String) -> InputError {
        match &mut self {
            InputError::Json { path, .. }
            | InputError::TooLarge { path, .. }
            | InputError::UnknownIndicator { path, .. }
            | InputError::WrongScope { path, .. }
            | InputError::LevelOutOfRange { path, .. }
            | InputError::DuplicateId { path, .. }
            | InputError::VerificationAboveClaim { path, .. }
            | InputError::UnknownMethodology { path, .. }
            | InputError::MissingMethodology { path }
            | InputError::Invalid { path, .. }
            | InputError::NoBandAbove { path, .. } => *path = f(path),
            #[cfg(feature = "national")]
            InputError::DuplicateRegion { path, .. }
            | InputError::MixedMethodologies { path, .. }
            | InputError::UnknownAward { path, .. }
            | InputError::NotANominee { path, .. }
            | InputError::ScoreOutOfRange { path, .. } => *path = f(path),
            InputError::NotUtf8 { .. } => {}
        }
        self
    }

    /// JSON path of the offending field within the submission.
    pub fn path(&self) -> &str {
        match self {
            InputError::Json { path, .. }
            | InputError::TooLarge { path, .. }
            | InputError::UnknownIndicator { path, .. }
            | InputError::WrongScope { path, .. }
            | InputError::LevelOutOfRange { path, .. }
            | InputError::DuplicateId { path, .. }
            | InputError::VerificationAboveClaim { path, .. }
            | InputError::UnknownMethodology { path, .. }
            | InputError::MissingMethodology { path }
            | InputError::Invalid { path, .. }
            | InputError::NoBandAbove { path, .. } => path,
            #[cfg(feature = "national")]
            InputError::DuplicateRegion { path, .. }
            | InputError::MixedMethodologies { path, .. }
            | InputError::UnknownAward { path, .. }
            | InputError::NotANominee { path, .. }
            | InputError::ScoreOutOfRange { path, .. } => path,
            InputError::NotUtf8 { .. } => "",
        }
    }
}

/// Either layer's error, for callers that score a submission end to end.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Error {
    #[error("rubric: {0}")]
    Rubric(#[from] RubricError),
    #[error("{0}")]
    Input(#[from] InputError),
}

impl Error {
    /// Stable machine-readable code (`level_out_of_range`, `rubric_band_gap`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Rubric(e) => e.code(),
            Error::Input(e) => e.code(),
        }
    }

    /// JSON path of the offending field.
    pub fn path(&self) -> &str {
        match self {
            Error::Rubric(e) => e.path(),
            Error::Input(e) => e.path(),
        }
    }

    /// Whether the error lies in the rubric rather than the submission.
    pub fn is_rubric(&self) -> bool {
        matches!(self, Error::Rubric(_))
    }

    /// Which layer is at fault.
    pub fn layer(&self) -> Layer {
        match self {
            Error::Rubric(_) => Layer::Rubric,
            Error::Input(_) => Layer::Input,
        }
    }
}

/// Which document an error lies in: bindings map it to an exception class
/// (Python's `RubricError` or `InputError`) or an `Error`'s `layer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// The submission, the call or its options: bad input.
    Input,
    /// The rubric (methodology) file.
    Rubric,
}

impl Layer {
    /// `input` or `rubric`.
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Input => "input",
            Layer::Rubric => "rubric",
        }
    }
}

/// Render a `serde_path_to_error` path in this crate's style
/// (`innovations[2].levels.17`), `$` for the document root.
pub(crate) fn render_path(path: &serde_path_to_error::Path) -> String {
    let s = path.to_string();
    if s == "." || s.is_empty() {
        "$".to_string()
    } else {
        s
    }
}

/// `prefix` + a rendered path (`$` is the prefix itself).
pub(crate) fn join_path(prefix: &str, path: &str) -> String {
    match (prefix, path) {
        ("", p) => p.to_string(),
        (pre, "$") | (pre, "") => pre.to_string(),
        (pre, p) if p.starts_with('[') => format!("{pre}{p}"),
        (pre, p) => format!("{pre}.{p}"),
    }
}
