//! `iid risk`: the chance of each predicate after verification and the
//! evidence to shore up first.

use std::path::PathBuf;

use clap::Args;
use iid::analysis::risk::{OddsOptions, RiskOptions};
use iid::api::{self, RiskCall};
use iid::error::Error;
use iid::Target;

use super::{read_rubric, read_submission, read_text, to_json, Failure};

#[derive(Args)]
pub struct RiskArgs {
    /// Submission: JSON or a workbook (.xlsx), or - for standard input.
    file: PathBuf,
    /// The odds document: survival probabilities by class and by answer
    /// path (docs/risk.md); the documented defaults when absent.
    #[arg(long)]
    options: Option<PathBuf>,
    /// A predicate label, `next`, or an index value; keeping the
    /// self-assessed predicate when absent.
    #[arg(long)]
    target: Option<String>,
    #[arg(long)]
    rubric: Option<PathBuf>,
    /// Print the whole answer as JSON.
    #[arg(long)]
    json: bool,
    /// Most shore-up rows printed (text output).
    #[arg(long, default_value_t = 15)]
    top: usize,
}

pub fn risk(a: RiskArgs) -> Result<String, Failure> {
    let odds = match &a.options {
        Some(p) => OddsOptions::from_json(&read_text(p)?).map_err(Error::from)?,
        None => OddsOptions::default(),
    };
    let r = api::risk(&RiskCall {
        submission: read_submission(&a.file)?,
        options: RiskOptions {
            odds,
            target: a.target.as_deref().map(Target::from),
        },
        rubric: read_rubric(&a.rubric)?,
    })?;
    Ok(if a.json {
        to_json(&r)
    } else {
        iid::text::risk::render(&r, a.top)
    })
}
