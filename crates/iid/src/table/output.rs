//! Submissions laid out as the two tables of the table form (what
//! `iid.to_frames` returns): the inverse of scoring a table, for answers
//! that are levels.

use std::borrow::Cow;

use serde::Serialize;

use super::{InnovationTable, Key, KeyColumn, LevelColumn, RegionTable, TableInput};
use crate::error::InputError;
use crate::model::submission::{Answer, Submission};

/// The regions table: one row per submission.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RegionRows {
    /// `region.code`, or `[i]` for submission i without one.
    pub code: Vec<String>,
    pub name: Vec<Option<String>>,
    pub methodology: Vec<Option<String>>,
    /// `region.level`.
    pub level: Vec<Option<String>>,
    /// `region.clusters`, joined with `;` (empty: none).
    pub clusters: Vec<String>,
    /// One column per region indicator answered anywhere, in the order
    /// first met; 0 where a submission leaves it unanswered.
    pub levels: Vec<(String, Vec<u8>)>,
}

/// The innovations table: one row per innovation, submission by
/// submission.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct InnovationRows {
    /// The code of the innovation's region row.
    pub region: Vec<String>,
    pub id: Vec<String>,
    pub name: Vec<Option<String>>,
    pub urusan: Vec<Option<String>>,
    pub agency: Vec<Option<String>>,
    /// One column per innovation indicator answered anywhere.
    pub levels: Vec<(String, Vec<u8>)>,
}

/// Both tables.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tables {
    pub regions: RegionRows,
    pub innovations: InnovationRows,
}

/// Level columns filled row by row: a column first met at row r starts
/// with r unanswered cells.
#[derive(Default)]
struct Columns {
    columns: Vec<(String, Vec<u8>)>,
    rows: usize,
}

impl Columns {
    fn row(
        &mut self,
        answers: &std::collections::BTreeMap<String, Answer>,
        path: impl Fn(&str) -> String,
    ) -> Result<(), InputError> {
        for (code, answer) in answers {
            let level = match answer {
                Answer::Level(l) => l.0,
                Answer::Detailed(d)
                    if d.value.is_none() && d.category.is_none() && d.basis.is_none() =>
                {
                    d.level.unwrap_or_default().0
                }
                Answer::Detailed(_) => {
                    return Err(InputError::Json {
                        path: path(code),
                        message: "the table form holds levels: a measured or categorical \
                                  answer is read by score"
                            .into(),
                    })
                }
            };
            let at = match self.columns.iter().position(|(c, _)| c == code) {
                Some(at) => at,
                None => {
                    self.columns.push((code.clone(), vec![0; self.rows]));
                    self.columns.len() - 1
                }
            };
            self.columns[at].1.push(level);
        }
        self.rows += 1;
        for (_, col) in &mut self.columns {
            col.resize(self.rows, 0);
        }
        Ok(())
    }
}

/// Lay submissions out as the two tables. An answer must be a level
/// (`3` or `{"level": 3}`); a measured or categorical answer is an error
/// naming it (`[2].spd.4`).
pub fn to_tables(submissions: &[Submission]) -> Result<Tables, InputError> {
    let mut t = Tables::default();
    let (mut spd, mut sid) = (Columns::default(), Columns::default());
    for (i, s) in submissions.iter().enumerate() {
        let region = s.region.as_ref();
        let code = region
            .and_then(|g| g.code.clone())
            .unwrap_or_else(|| format!("[{i}]"));
        t.regions.code.push(code.clone());
        t.regions.name.push(region.and_then(|g| g.name.clone()));
        t.regions.methodology.push(s.methodology.clone());
        t.regions.level.push(region.and_then(|g| g.level.clone()));
        t.regions
            .clusters
            .push(region.map(|g| g.clusters.join(";")).unwrap_or_default());
        spd.row(&s.spd, |c| format!("[{i}].spd.{c}"))?;
        for (j, inv) in s.innovations.iter().enumerate() {
            let r = &mut t.innovations;
            r.region.push(code.clone());
            r.id.push(inv.id.clone());
            r.name.push(inv.name.clone());
            r.urusan.push(inv.urusan.clone());
            r.agency.push(inv.agency.clone());
            sid.row(&inv.levels, |c| {
                format!("[{i}].innovations[{j}].levels.{c}")
            })?;
        }
    }
    t.regions.levels = spd.columns;
    t.innovations.levels = sid.columns;
    Ok(t)
}

fn text(v: &[String]) -> KeyColumn<'_> {
    KeyColumn::Plain(
        v.iter()
            .map(|s| Some(Key::Text(Cow::Borrowed(s.as_str()))))
            .collect(),
    )
}

fn opt_text(v: &[Option<String>]) -> KeyColumn<'_> {
    KeyColumn::Plain(
        v.iter()
            .map(|s| s.as_deref().map(|s| Key::Text(Cow::Borrowed(s))))
            .collect(),
    )
}

fn levels(v: &[(String, Vec<u8>)]) -> Vec<(Cow<'_, str>, LevelColumn<'_>)> {
    v.iter()
        .map(|(c, l)| (Cow::Borrowed(c.as_str()), LevelColumn::U8(Cow::Borrowed(l))))
        .collect()
}

impl Tables {
    /// The tables as [`TableInput`] (borrowed), to score them.
    pub fn input(&self) -> TableInput<'_> {
        TableInput {
            regions: RegionTable {
                rows: self.regions.code.len(),
                code: text(&self.regions.code),
                methodology: Some(opt_text(&self.regions.methodology)),
                name: Some(opt_text(&self.regions.name)),
                level: Some(opt_text(&self.regions.level)),
                clusters: Some(text(&self.regions.clusters)),
                levels: levels(&self.regions.levels),
            },
            innovations: InnovationTable {
                rows: self.innovations.region.len(),
                region: text(&self.innovations.region),
                urusan: Some(opt_text(&self.innovations.urusan)),
                levels: levels(&self.innovations.levels),
            },
        }
    }
}
