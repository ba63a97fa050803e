//! `iid rank` and `iid award`: reading the national input forms (a JSON
//! array or JSON Lines file, a directory of submission files, a regions
//! CSV and an innovations CSV) and printing the core's answers.

use std::path::{Path, PathBuf};

use clap::Args;
use iid::api::{self, AwardArg, NationalInput, RankCall};
use iid::error::{Error, InputError};
use iid::national::{RankOptions, RosterEntry, MAX_NATIONAL_BYTES};
use iid::table::csv::CsvTable;
use iid::Mode;

use crate::{read_rubric, Failure};

#[derive(Args)]
pub struct RankArgs {
    /// A JSON file of submissions (an array or JSON Lines; - for standard
    /// input), a directory of submission files, or two CSV files: the
    /// regions table, then the innovations table.
    #[arg(required = true, num_args = 1..=2)]
    input: Vec<PathBuf>,
    /// Award definition: an embedded id (iga-2023, iga-2025) or a file.
    #[arg(long)]
    award: Option<String>,
    /// Score every submission against this rubric file.
    #[arg(long)]
    rubric: Option<PathBuf>,
    /// The regions expected to take part (JSON list of {code, name,
    /// level, clusters}); one without a submission is Tidak Dapat Dinilai.
    #[arg(long)]
    roster: Option<PathBuf>,
    /// Allow submissions under different methodologies.
    #[arg(long)]
    mixed: bool,
    #[arg(long, default_value = "self")]
    mode: Mode,
    /// Print the ranking as one JSON object.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print one CSV row per region.
    #[arg(long)]
    csv: bool,
}

#[derive(Args)]
pub struct AwardArgs {
    /// The ranking (`iid rank --award ... --json`).
    ranking: PathBuf,
    /// The stage scores: {"presentation": [...], "field": [...]}.
    scores: PathBuf,
    /// Award definition (id or file); default: the ranking's.
    #[arg(long)]
    award: Option<String>,
    #[arg(long)]
    json: bool,
}

pub(crate) fn io_failure(path: &Path, e: impl std::fmt::Display) -> Failure {
    Failure {
        message: format!("error[io]: cannot read {}: {e}", path.display()),
        status: 2,
    }
}

/// A whole file (or standard input) as text, within the national limit.
pub(crate) fn read_big(path: &Path) -> Result<String, Failure> {
    use std::io::Read;
    let limit = MAX_NATIONAL_BYTES as u64 + 1;
    let mut buf = Vec::new();
    let res = if path.as_os_str() == "-" {
        std::io::stdin().take(limit).read_to_end(&mut buf)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut buf))
    };
    res.map_err(|e| io_failure(path, e))?;
    if buf.len() > MAX_NATIONAL_BYTES {
        return Err(Error::Input(InputError::TooLarge {
            path: "$".into(),
            actual: buf.len(),
            limit: MAX_NATIONAL_BYTES,
        })
        .into());
    }
    String::from_utf8(buf).map_err(|e| {
        Error::Input(InputError::NotUtf8 {
            offset: e.utf8_error().valid_up_to(),
        })
        .into()
    })
}

pub(crate) fn award_arg(spec: &Option<String>) -> Result<Option<AwardArg>, Failure> {
    let Some(spec) = spec else { return Ok(None) };
    let path = Path::new(spec);
    let value = if spec.ends_with(".json") || path.is_file() {
        serde_json::Value::String(read_big(path)?)
    } else {
        serde_json::Value::String(spec.clone())
    };
    Ok(Some(AwardArg::from_value(value)?))
}

/// Name the file of a directory's submission in an error path (`[3]`
/// becomes `kab-a.json:`).
pub(crate) fn name_file(e: Error, files: &[PathBuf]) -> Failure {
    let Error::Input(i) = e else { return e.into() };
    let path = i.path().to_string();
    let named = path.strip_prefix('[').and_then(|rest| {
        let (n, tail) = rest.split_once(']')?;
        let file = files.get(n.parse::<usize>().ok()?)?;
        let name = file.file_name()?.to_string_lossy().into_owned();
        Some(format!("{name}:{}", tail.trim_start_matches('.')))
    });
    match named {
        Some(p) => Error::Input(i.at(p)).into(),
        None => Error::Input(i).into(),
    }
}

pub fn rank(a: RankArgs) -> Result<String, Failure> {
    let roster = match &a.roster {
        Some(p) => Some(
            iid::model::json::read::<Vec<RosterEntry>>(&read_big(p)?, "roster")
                .map_err(Error::from)?,
        ),
        None => None,
    };
    let options = RankOptions {
        mode: a.mode,
        mixed: a.mixed,
        roster,
    };
    let award = award_arg(&a.award)?;
    let rubric = read_rubric(&a.rubric)?;
    let ranking = match a.input.as_slice() {
        [regions, innovations] => {
            let r = CsvTable::parse(&read_big(regions)?, iid::table::REGIONS)?;
            let i = CsvTable::parse(&read_big(innovations)?, iid::table::INNOVATIONS)?;
            let compiled = rubric.as_ref().map(|r| r.compile()).transpose()?;
            let input = iid::table::read(&r, &i, compiled.as_deref())?;
            api::rank_table_input(&input, options, award, compiled)?
        }
        [dir] if dir.is_dir() => {
            let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
                .map_err(|e| io_failure(dir, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            files.sort();
            let texts = files
                .iter()
                .map(|f| read_big(f))
                .collect::<Result<Vec<_>, _>>()?;
            let items = texts.iter().map(String::as_str).enumerate().collect();
            api::rank(RankCall {
                input: NationalInput::Texts(items),
                options,
                award,
                rubric,
            })
            .map_err(|e| name_file(e, &files))?
        }
        [file] => {
            let text = read_big(file)?;
            api::rank(RankCall {
                input: NationalInput::Json(&text),
                options,
                award,
                rubric,
            })?
        }
        _ => unreachable_args()?,
    };
    Ok(if a.json {
        serde_json::to_string_pretty(&ranking).unwrap_or_default()
    } else if a.csv {
        iid::text::national::ranking_csv(&ranking)
    } else {
        iid::text::national::ranking(&ranking)
    })
}

fn unreachable_args<T>() -> Result<T, Failure> {
    Err(Failure {
        message: "error[input_invalid]: give one JSON file or directory, or two CSV files".into(),
        status: 2,
    })
}

pub fn award(a: AwardArgs) -> Result<String, Failure> {
    let read = |p: &Path| -> Result<serde_json::Value, Failure> {
        Ok(iid::model::json::read::<serde_json::Value>(&read_big(p)?, "$").map_err(Error::from)?)
    };
    let mut call = serde_json::Map::new();
    call.insert("ranking".into(), read(&a.ranking)?);
    call.insert("scores".into(), read(&a.scores)?);
    if let Some(spec) = &a.award {
        let path = Path::new(spec);
        let v = if spec.ends_with(".json") || path.is_file() {
            serde_json::Value::String(read_big(path)?)
        } else {
            serde_json::Value::String(spec.clone())
        };
        call.insert("award".into(), v);
    }
    let text = serde_json::Value::Object(call).to_string();
    let answer = api::call_json(api::Operation::Award, &text)?;
    let api::Answer::Award(result) = answer else {
        return unreachable_args();
    };
    Ok(if a.json {
        serde_json::to_string_pretty(&result).unwrap_or_default()
    } else {
        iid::text::national::award(&result)
    })
}
