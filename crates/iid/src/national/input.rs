//! The input forms of a ranking, read into entrants: each region's code,
//! name, level and cluster flags with its headline figures.
//!
//! - JSON text: an array of submissions, JSON Lines (one submission per
//!   line; blank lines skipped), or a single submission. A submission at
//!   position `i` (for JSON Lines, on line `i + 1`) has error paths
//!   `[i].spd.1`.
//! - Submission texts one by one ([`from_texts`]; a directory of files).
//! - The table form ([`from_tables`]), with the optional region columns
//!   `name`, `level` and `clusters` (flags separated by `;` or `,`).
//!
//! Worst case: the text is read once to split it (no copy), then every
//! submission is scored in parallel as [`crate::table::score_batch`] does
//! and read a second time for its region's metadata; memory is the text
//! plus one headline per region.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::error::{join_path, Error, InputError};
use crate::model::json::strip_bom;
use crate::model::rubric::CompiledRubric;
use crate::scoring::Mode;
use crate::table::{score_batch, BatchItem, Headline, Key, KeyColumn, TableInput};

/// Most regions in one ranking.
pub const MAX_ENTRANTS: usize = 10_000;
/// Largest JSON text of a ranking's submissions (each one is also held
/// to the limit of a single submission).
pub const MAX_NATIONAL_BYTES: usize = 1 << 30;
/// Most cluster flags of one region, and the longest flag.
pub const MAX_FLAGS: usize = 16;
const MAX_FLAG_CHARS: usize = 64;

/// One region of a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Entrant {
    pub code: String,
    pub name: Option<String>,
    pub level: Option<String>,
    pub flags: Vec<String>,
    /// The region's figures; `None` for a roster region that sent no
    /// submission.
    pub headline: Option<Headline>,
    /// Where it came from, for error messages (`[3]`, `roster[2]`,
    /// `regions[4]`).
    pub origin: String,
}

/// A region expected to take part (the roster).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RosterEntry {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<String>,
}

/// The region metadata of a submission, read without the rest.
#[derive(Deserialize)]
struct Meta {
    #[serde(default)]
    region: Option<RegionMeta>,
}

#[derive(Deserialize)]
struct RegionMeta {
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    clusters: Vec<String>,
}

fn invalid(path: String, message: impl Into<String>) -> Error {
    Error::Input(InputError::Invalid {
        path,
        message: message.into(),
    })
}

fn json_error(path: String, message: impl Into<String>) -> Error {
    Error::Input(InputError::Json {
        path,
        message: message.into(),
    })
}

/// Check a region's cluster flags (count, length, no empty flag).
pub(crate) fn check_flags(flags: &[String], path: &str) -> Result<(), Error> {
    if flags.len() > MAX_FLAGS {
        return Err(invalid(
            path.to_string(),
            format!("at most {MAX_FLAGS} flags, got {}", flags.len()),
        ));
    }
    for (k, f) in flags.iter().enumerate() {
        let n = f.chars().count();
        if f.trim().is_empty() || n > MAX_FLAG_CHARS {
            return Err(invalid(
                format!("{path}[{k}]"),
                format!("a flag of 1 to {MAX_FLAG_CHARS} characters"),
            ));
        }
    }
    Ok(())
}

/// Split JSON text into its submissions' texts: an array, JSON Lines or
/// one submission. Each item is the text and its position.
pub fn split(text: &str) -> Result<Vec<(usize, &str)>, Error> {
    if text.len() > MAX_NATIONAL_BYTES {
        return Err(Error::Input(InputError::TooLarge {
            path: "$".into(),
            actual: text.len(),
            limit: MAX_NATIONAL_BYTES,
        }));
    }
    let text = strip_bom(text);
    let trimmed = text.trim_start();
    let items: Vec<(usize, &str)> = if trimmed.starts_with('[') {
        let raw: Vec<&RawValue> = serde_json::from_str(text).map_err(|e| {
            json_error("$".into(), format!("expected an array of submissions: {e}"))
        })?;
        raw.into_iter().map(RawValue::get).enumerate().collect()
    } else if let Ok(one) = serde_json::from_str::<&RawValue>(text) {
        vec![(0, one.get())]
    } else {
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .collect()
    };
    if items.len() > MAX_ENTRANTS {
        return Err(Error::Input(InputError::TooLarge {
            path: "$".into(),
            actual: items.len(),
            limit: MAX_ENTRANTS,
        }));
    }
    Ok(items)
}

/// Read submissions (texts with their positions) into entrants, scored
/// in parallel under `rubric` (or each submission's methodology).
pub fn from_texts(
    items: &[(usize, &str)],
    rubric: Option<&CompiledRubric>,
    mode: Mode,
) -> Result<Vec<Entrant>, Error> {
    if items.len() > MAX_ENTRANTS {
        return Err(Error::Input(InputError::TooLarge {
            path: "$".into(),
            actual: items.len(),
            limit: MAX_ENTRANTS,
        }));
    }
    let batch: Vec<BatchItem<'_>> = items.iter().map(|(_, t)| BatchItem::Json(t)).collect();
    let heads = score_batch(&batch, rubric, mode, 0).map_err(|e| {
        let at = items.get(e.index).map_or(e.index, |(i, _)| *i);
        match e.error {
            Error::Input(i) => Error::Input(i.map_path(|p| join_path(&format!("[{at}]"), p))),
            other => other,
        }
    })?;
    items
        .iter()
        .zip(heads)
        .map(|(&(i, text), h)| {
            let origin = format!("[{i}]");
            // The submission was read whole by scoring; this reads its
            // region's metadata only.
            let meta: Meta = serde_json::from_str(strip_bom(text))
                .map_err(|e| json_error(origin.clone(), e.to_string()))?;
            let (level, flags) = meta
                .region
                .map_or((None, Vec::new()), |r| (r.level, r.clusters));
            check_flags(&flags, &format!("{origin}.region.clusters"))?;
            let code = match &h.code {
                Some(c) if !c.trim().is_empty() => c.trim().to_string(),
                _ => {
                    return Err(invalid(
                        format!("{origin}.region.code"),
                        "a ranked submission needs its region code",
                    ))
                }
            };
            Ok(Entrant {
                code,
                name: h.name.clone(),
                level,
                flags,
                headline: Some(h),
                origin,
            })
        })
        .collect()
}

/// Read JSON text (an array, JSON Lines or one submission) into entrants.
pub fn from_json(
    text: &str,
    rubric: Option<&CompiledRubric>,
    mode: Mode,
) -> Result<Vec<Entrant>, Error> {
    from_texts(&split(text)?, rubric, mode)
}

fn key_text(k: &Key<'_>) -> String {
    match k {
        Key::Text(s) => s.trim().to_string(),
        Key::Int(x) => x.to_string(),
    }
}

fn column_text(col: Option<&KeyColumn<'_>>, row: usize) -> Option<String> {
    col.and_then(|c| c.get(row))
        .map(|k| key_text(&k))
        .filter(|s| !s.is_empty())
}

/// The table form into entrants (self-assessment, as the table form is
/// scored), with `name`, `level` and `clusters` from the regions table.
pub fn from_tables(
    input: &TableInput<'_>,
    rubric: Option<&CompiledRubric>,
) -> Result<Vec<Entrant>, Error> {
    let regions = &input.regions;
    if regions.rows > MAX_ENTRANTS {
        return Err(Error::Input(InputError::TooLarge {
            path: "regions".into(),
            actual: regions.rows,
            limit: MAX_ENTRANTS,
        }));
    }
    let heads = input.score(rubric)?;
    heads
        .into_iter()
        .enumerate()
        .map(|(r, h)| {
            let origin = format!("regions[{r}]");
            let code = column_text(Some(&regions.code), r)
                .ok_or_else(|| invalid(format!("{origin}.code"), "missing region code"))?;
            let flags: Vec<String> = column_text(regions.clusters.as_ref(), r)
                .map(|s| {
                    s.split([';', ','])
                        .map(str::trim)
                        .filter(|f| !f.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            check_flags(&flags, &format!("{origin}.clusters"))?;
            Ok(Entrant {
                name: column_text(regions.name.as_ref(), r),
                level: column_text(regions.level.as_ref(), r),
                flags,
                headline: Some(Headline {
                    code: Some(code.clone()),
                    ..h
                }),
                code,
                origin,
            })
        })
        .collect()
}

/// The roster's regions, checked: codes unique and not empty, flags.
pub fn roster_entrants(roster: &[RosterEntry]) -> Result<Vec<Entrant>, Error> {
    if roster.len() > MAX_ENTRANTS {
        return Err(Error::Input(InputError::TooLarge {
            path: "roster".into(),
            actual: roster.len(),
            limit: MAX_ENTRANTS,
        }));
    }
    roster
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let origin = format!("roster[{i}]");
            if r.code.trim().is_empty() {
                return Err(invalid(format!("{origin}.code"), "missing region code"));
            }
            check_flags(&r.clusters, &format!("{origin}.clusters"))?;
            Ok(Entrant {
                code: r.code.trim().to_string(),
                name: r.name.clone(),
                level: r.level.clone(),
                flags: r.clusters.clone(),
                headline: None,
                origin,
            })
        })
        .collect()
}
