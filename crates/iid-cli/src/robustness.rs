//! `iid robustness`: the national input forms read as `iid rank` reads
//! them (a JSON array or JSON Lines file, a directory of submission
//! files), the options turned into a call, the core's answer printed.

use std::path::PathBuf;

use clap::Args;
use iid::api::{self, RobustnessCall, RobustnessInput};
use iid::error::Error;
use iid::national::robustness::NationalOdds;
use iid::national::RobustnessOptions;
use iid::{Decimal, Mode};

use crate::national::{award_arg, name_file, read_big};
use crate::{read_rubric, Failure};

#[derive(Args)]
pub struct RobustnessArgs {
    /// A JSON file of submissions (an array or JSON Lines; - for standard
    /// input) or a directory of submission files.
    #[arg(required = true, num_args = 1)]
    input: Vec<PathBuf>,
    /// Sample rows N (2N rankings behind the rank statistics).
    #[arg(long, default_value_t = 1000)]
    samples: u32,
    /// Seed of every random draw: the same seed, the same output.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Award definition (an embedded id or a file): nominee probabilities.
    #[arg(long)]
    award: Option<String>,
    /// Half-width of each weight's factor (0.2: from 0.8 to 1.2; 0 keeps
    /// the weights).
    #[arg(long, default_value = "0.2")]
    weight_range: Decimal,
    /// Minimum divisors to draw from, e.g. 10,12,14 (default: the
    /// rubric's alone).
    #[arg(long, value_delimiter = ',')]
    divisors: Vec<u32>,
    /// Keep every answer as the mode counts it (no verification draws).
    #[arg(long)]
    no_verification: bool,
    /// The verification-risk model's probabilities: a JSON file
    /// {"classes": {...}, "answers": {"<region>": {"<path>": "0.5"}}}.
    #[arg(long)]
    odds: Option<PathBuf>,
    /// Bootstrap resamples of the sensitivity indices' intervals.
    #[arg(long, default_value_t = 100)]
    bootstrap: u32,
    /// Score every submission against this rubric file.
    #[arg(long)]
    rubric: Option<PathBuf>,
    /// The nominal ranking's mode.
    #[arg(long, default_value = "self")]
    mode: Mode,
    /// Print the analysis as one JSON object.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print one CSV row per region.
    #[arg(long)]
    csv: bool,
}

pub fn run(a: RobustnessArgs) -> Result<String, Failure> {
    let odds = match &a.odds {
        Some(p) => {
            iid::model::json::read::<NationalOdds>(&read_big(p)?, "odds").map_err(Error::from)?
        }
        None => NationalOdds::default(),
    };
    let options = RobustnessOptions {
        samples: a.samples,
        seed: a.seed,
        weight_range: a.weight_range,
        divisors: a.divisors.clone(),
        verification: !a.no_verification,
        odds,
        bootstrap: a.bootstrap,
        mode: a.mode,
    };
    let award = award_arg(&a.award)?;
    let rubric = read_rubric(&a.rubric)?;
    let Some(input) = a.input.first() else {
        return Err(Failure {
            message: "error[input_invalid]: give one JSON file or directory".into(),
            status: 2,
        });
    };
    let answer = if input.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(input)
            .map_err(|e| crate::national::io_failure(input, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        let texts = files
            .iter()
            .map(|f| read_big(f))
            .collect::<Result<Vec<_>, _>>()?;
        let items = texts.iter().map(String::as_str).enumerate().collect();
        api::robustness(RobustnessCall {
            input: RobustnessInput::Texts(items),
            options,
            award,
            rubric,
        })
        .map_err(|e| name_file(e, &files))?
    } else {
        let text = read_big(input)?;
        api::robustness(RobustnessCall {
            input: RobustnessInput::Json(&text),
            options,
            award,
            rubric,
        })?
    };
    Ok(if a.json {
        serde_json::to_string_pretty(&answer).unwrap_or_default()
    } else if a.csv {
        iid::text::robustness::robustness_csv(&answer)
    } else {
        iid::text::robustness::robustness(&answer)
    })
}
