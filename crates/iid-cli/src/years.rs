//! `iid history FILE...` and `iid diff OLD NEW`: a region's years side by
//! side, and why its index changed between two of them (docs/history.md).

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use iid::api::{self, DiffCall, HistoryCall, RubricArg};
use iid::text::history::Lang;
use iid::Mode;

use super::{read_submission, read_text, to_json, Failure};

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// Indonesian.
    Id,
    /// English.
    En,
    /// Both, side by side.
    Both,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Id => Lang::Id,
            LangArg::En => Lang::En,
            LangArg::Both => Lang::Both,
        }
    }
}

#[derive(Args)]
pub struct HistoryArgs {
    /// The region's submission files, one per assessment year, each naming
    /// its methodology (one of them may be - for standard input).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Methodology of the like-for-like line (default: the latest year's).
    #[arg(long)]
    under: Option<String>,
    /// A user rubric file that submissions may name by its id (repeatable).
    #[arg(long = "rubric")]
    rubrics: Vec<PathBuf>,
    /// `self`: claimed levels; `verified`: what survives verification.
    #[arg(long, default_value = "self")]
    mode: Mode,
    #[arg(long, value_enum, default_value = "both")]
    lang: LangArg,
    /// Print the history as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct DiffArgs {
    /// Last year's submission file (or -).
    old: PathBuf,
    /// This year's submission file (or -).
    new: PathBuf,
    /// A user rubric file that a submission may name by its id (repeatable).
    #[arg(long = "rubric")]
    rubrics: Vec<PathBuf>,
    #[arg(long, default_value = "self")]
    mode: Mode,
    #[arg(long, value_enum, default_value = "both")]
    lang: LangArg,
    /// Print the decomposition as JSON.
    #[arg(long)]
    json: bool,
}

fn one_stdin<'a>(paths: impl IntoIterator<Item = &'a PathBuf>) -> Result<(), Failure> {
    if paths.into_iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Failure {
            message: "error[input_invalid]: only one file can be - (standard input)".into(),
            status: 2,
        });
    }
    Ok(())
}

fn rubrics(paths: &[PathBuf]) -> Result<Vec<RubricArg>, Failure> {
    paths
        .iter()
        .map(|p: &PathBuf| read_text(Path::new(p)).map(RubricArg::Inline))
        .collect()
}

pub fn history(a: HistoryArgs) -> Result<String, Failure> {
    one_stdin(a.files.iter().chain(&a.rubrics))?;
    let call = HistoryCall {
        submissions: a
            .files
            .iter()
            .map(|f| read_submission(f))
            .collect::<Result<_, _>>()?,
        methodology: a.under,
        rubrics: rubrics(&a.rubrics)?,
        mode: a.mode,
    };
    let h = api::history(&call)?;
    Ok(if a.json {
        to_json(&h)
    } else {
        iid::text::history::history(&h, a.lang.into())
    })
}

pub fn diff(a: DiffArgs) -> Result<String, Failure> {
    one_stdin([&a.old, &a.new].into_iter().chain(&a.rubrics))?;
    let call = DiffCall {
        old: read_submission(&a.old)?,
        new: read_submission(&a.new)?,
        rubrics: rubrics(&a.rubrics)?,
        mode: a.mode,
    };
    let d = api::diff(&call)?;
    Ok(if a.json {
        to_json(&d)
    } else {
        iid::text::history::diff(&d, a.lang.into())
    })
}
