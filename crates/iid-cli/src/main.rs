//! `iid`: score a region's submission against a yearly methodology of the
//! Indeks Inovasi Daerah, explain the breakdown, list and show rubrics,
//! validate input and print the JSON Schemas of the interchange format.
//!
//! Exit status: 0 on success, 2 on bad input (with a one-line message that
//! names the field), 1 when output cannot be written.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use iid::api::{self, ErrorInfo, RubricArg, ScoreCall, SubmissionCall};
use iid::error::{Error, InputError};
use iid::model::rubric::CompiledRubric;
use iid::model::submission::MAX_SUBMISSION_BYTES;
use iid::{Mode, Submission};

mod national;
mod office;
mod plan;
mod report;
mod risk;
mod robustness;
mod serve;
mod years;

#[derive(Parser)]
#[command(
    name = "iid",
    version,
    about = "Exact scoring for the Indeks Inovasi Daerah (Regional Innovation Index)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score a submission: index, predicate and the main figures.
    Score {
        /// Submission file in the interchange format, or - for standard input.
        file: PathBuf,
        /// Score against this rubric file (or embedded methodology id)
        /// instead of the methodology the submission names.
        #[arg(long)]
        rubric: Option<PathBuf>,
        /// Print the full result as one JSON object.
        #[arg(long)]
        json: bool,
        /// `self`: claimed levels; `verified`: what survives verification.
        #[arg(long, default_value = "self")]
        mode: Mode,
    },
    /// Score a submission and print the breakdown by aspect, variable,
    /// indicator and innovation, with findings.
    Explain {
        file: PathBuf,
        #[arg(long)]
        rubric: Option<PathBuf>,
        /// Print the result as JSON instead of text.
        #[arg(long)]
        json: bool,
        #[arg(long, default_value = "self")]
        mode: Mode,
    },
    /// Evidence audit: what verification will cut (missing, expired,
    /// out-of-window or wrong-kind evidence; rejections) and the index
    /// points each costs, largest first.
    Check {
        file: PathBuf,
        #[arg(long)]
        rubric: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Check a submission against its methodology without scoring it.
    Validate {
        file: PathBuf,
        #[arg(long)]
        rubric: Option<PathBuf>,
    },
    /// List the embedded methodologies.
    Rubrics {
        #[arg(long)]
        json: bool,
    },
    /// List the embedded award definitions (clusters and quotas), or print
    /// one whole (JSON) by its id.
    Awards {
        /// An award id (`iga-2025`): print its definition.
        id: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show or check a methodology.
    Rubric {
        #[command(subcommand)]
        command: RubricCommand,
    },
    /// Print the JSON Schema of a document type of the interchange format.
    Schema {
        #[arg(value_enum)]
        kind: SchemaKind,
    },
    /// What-if: apply a list of changes and compare, indicator by indicator.
    Whatif(plan::WhatifArgs),
    /// Marginal value of every one-step improvement, largest first.
    Marginal(plan::MarginalArgs),
    /// The cheapest plan to a target predicate or index value.
    Plan(plan::PlanArgs),
    /// Rank many regions: national and cluster ranks, ties, nominees,
    /// side awards and the predicate counts.
    Rank(national::RankArgs),
    /// The stages after the index: jury and field scores to final scores
    /// and winners per cluster.
    Award(national::AwardArgs),
    /// How robust the ranking is to the weights, the divisor and
    /// verification: median rank with a 5-95 % interval per region, and
    /// the sensitivity of the ranks to each input group.
    Robustness(robustness::RobustnessArgs),
    /// Serve the operations over HTTP (JSON) and the calculator page, until
    /// SIGTERM or Ctrl-C (docs/service.md).
    Serve(serve::ServeArgs),
    /// Write the fill-in workbook (.xlsx) of a methodology or rubric.
    Template(office::TemplateArgs),
    /// Convert a submission between JSON and a workbook (.xlsx).
    Convert(office::ConvertArgs),
    /// The printable report: one self-contained HTML file (or PDF).
    Report(report::ReportArgs),
    /// A region's years side by side, with a like-for-like line under one
    /// methodology.
    History(years::HistoryArgs),
    /// Why the index changed between two years, in parts that add up.
    Diff(years::DiffArgs),
    /// Verification risk: the chance of each predicate after verification,
    /// quantiles of the index, and the evidence to shore up first.
    Risk(risk::RiskArgs),
    /// Write a deterministic synthetic national dataset (JSON array of
    /// submissions) for benchmarks and load tests.
    Synth {
        #[arg(long, default_value = "iid-2026")]
        methodology: String,
        #[arg(long, default_value_t = iid::synthetic::NATIONAL_REGIONS)]
        regions: usize,
        #[arg(long, default_value_t = iid::synthetic::NATIONAL_INNOVATIONS)]
        innovations: usize,
        #[arg(long, default_value_t = 2025)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum RubricCommand {
    /// Show an embedded methodology (by id) or a rubric file (by path).
    Show {
        /// Methodology id (e.g. iid-2026) or path to a rubric file.
        id: String,
        /// Print the rubric file itself as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Validate a rubric file: codes, weights, bands, stated maxima.
    Check { file: PathBuf },
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaKind {
    Submission,
    Result,
    Rubric,
    Error,
    Audit,
    Changes,
    Whatif,
    Marginal,
    PlanOptions,
    Plan,
    Ranking,
    Roster,
    AwardDefinition,
    StageScores,
    AwardResult,
    Report,
    ReportOptions,
    History,
    Diff,
    HistoryCall,
    DiffCall,
    RiskOptions,
    Risk,
    Robustness,
    RobustnessOptions,
}

/// A failure to report: the message and the exit status.
pub(crate) struct Failure {
    pub(crate) message: String,
    pub(crate) status: u8,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        let info = ErrorInfo::from(&office::locate(e));
        Failure {
            message: format!("error[{}]: {}", info.code, info.message),
            status: 2,
        }
    }
}

pub(crate) fn read_input(path: &Path) -> Result<Vec<u8>, Failure> {
    let limit = MAX_SUBMISSION_BYTES as u64 + 1;
    let mut buf = Vec::new();
    let res = if path.as_os_str() == "-" {
        std::io::stdin().take(limit).read_to_end(&mut buf)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut buf))
    };
    res.map_err(|e| Failure {
        message: format!("error[io]: cannot read {}: {e}", path.display()),
        status: 2,
    })?;
    if buf.len() > MAX_SUBMISSION_BYTES {
        return Err(Error::Input(InputError::TooLarge {
            path: "$".into(),
            actual: buf.len(),
            limit: MAX_SUBMISSION_BYTES,
        })
        .into());
    }
    Ok(buf)
}

pub(crate) fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = read_input(path)?;
    Ok(api::text(&bytes)?.to_string())
}

/// The `--rubric` file, as the calls' rubric argument (compiled by the
/// call, so its errors are rubric errors); the id of an embedded
/// methodology that names no file (`--rubric iid-2025`) is that one.
pub(crate) fn read_rubric(path: &Option<PathBuf>) -> Result<Option<RubricArg>, Failure> {
    if let Some(id) = path
        .as_ref()
        .filter(|p| !p.exists())
        .and_then(|p| p.to_str())
    {
        if iid::model::builtin::get(id).is_ok() {
            return Ok(Some(RubricArg::Embedded(id.to_string())));
        }
    }
    match path {
        Some(p) => read_text(p)
            .map(|t| Some(RubricArg::Inline(t)))
            .map_err(|f| Failure {
                message: f.message.replacen("error[", "rubric error[", 1),
                status: f.status,
            }),
        None => Ok(None),
    }
}

/// A submission file, JSON or a workbook (.xlsx), parsed.
pub(crate) fn read_submission(path: &Path) -> Result<Submission, Failure> {
    office::read_submission(path)
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn run(cli: Cli) -> Result<String, Failure> {
    match cli.command {
        Command::Score {
            file,
            rubric,
            json,
            mode,
        } => {
            let call = ScoreCall {
                submission: read_submission(&file)?,
                rubric: read_rubric(&rubric)?,
                mode,
            };
            let result = api::score(&call)?;
            Ok(if json {
                to_json(&result)
            } else {
                iid::text::explain::summary(&result)
            })
        }
        Command::Explain {
            file,
            rubric,
            json,
            mode,
        } => {
            let call = ScoreCall {
                submission: read_submission(&file)?,
                rubric: read_rubric(&rubric)?,
                mode,
            };
            let ex = api::explain(&call)?;
            Ok(if json { to_json(&ex.result) } else { ex.text })
        }
        Command::Check { file, rubric, json } => {
            let call = SubmissionCall {
                submission: read_submission(&file)?,
                rubric: read_rubric(&rubric)?,
            };
            let audit = api::check(&call)?;
            Ok(if json {
                to_json(&audit)
            } else {
                iid::text::explain::audit(&audit)
            })
        }
        Command::Validate { file, rubric } => {
            let call = SubmissionCall {
                submission: read_submission(&file)?,
                rubric: read_rubric(&rubric)?,
            };
            let v = api::validate(&call)?;
            Ok(format!(
                "valid: {} region answers, {} innovations, methodology {}",
                v.region_answers, v.innovation_count, v.methodology
            ))
        }
        Command::Rubrics { json } => {
            let list = api::rubrics();
            if json {
                return Ok(to_json(&list));
            }
            let mut out = format!(
                "{:<10} {:<34} {:<13} {:>4} {:>4} {:>8} {:>9}\n",
                "id", "name", "status", "SPD", "SID", "divisor", "max total"
            );
            for r in list {
                out.push_str(&format!(
                    "{:<10} {:<34} {:<13} {:>4} {:>4} {:>8} {:>9}\n",
                    r.id,
                    r.name,
                    format!("{:?}", r.status).to_lowercase(),
                    r.region_indicators,
                    r.innovation_indicators,
                    r.min_divisor.map_or("-".into(), |d| d.to_string()),
                    r.max_total.unwrap_or_else(|| "-".into()),
                ));
            }
            Ok(out)
        }
        Command::Awards { id: Some(id), .. } => Ok(to_json(api::award_definition(&id)?)),
        Command::Awards { id: None, json } => {
            let list = api::awards()?;
            if json {
                return Ok(to_json(&list));
            }
            let mut out = format!(
                "{:<10} {:<34} {:>4} {:<9} {:>8} {:>7}  clusters (nominees/winners)\n",
                "id", "name", "year", "status", "nominees", "winners"
            );
            for a in list {
                let clusters: Vec<String> = a
                    .clusters
                    .iter()
                    .map(|c| format!("{} {}/{}", c.id, c.nominees, c.winners))
                    .collect();
                out.push_str(&format!(
                    "{:<10} {:<34} {:>4} {:<9} {:>8} {:>7}  {}\n",
                    a.id,
                    a.name,
                    a.year.map_or("-".into(), |y| y.to_string()),
                    format!("{:?}", a.status).to_lowercase(),
                    a.nominees,
                    a.winners,
                    clusters.join(", "),
                ));
            }
            Ok(out)
        }
        Command::Rubric { command } => match command {
            RubricCommand::Show { id, json } => {
                let compiled = load_named_rubric(&id)?;
                Ok(if json {
                    to_json(compiled.rubric())
                } else {
                    show_rubric(&compiled)
                })
            }
            RubricCommand::Check { file } => {
                let text = read_text(&file)?;
                let r = api::load_rubric(&text)?;
                let mut out = format!(
                    "valid: rubric {} ({} region and {} per-innovation indicators, maximum total {})\n",
                    r.id(),
                    r.region_len(),
                    r.innovation_len(),
                    r.max_total_score().map_or("unbounded".into(), |d| d.to_string())
                );
                for note in api::lint(&r) {
                    out.push_str(&format!(
                        "note[{}]: {}: {}\n",
                        note.code, note.path, note.message
                    ));
                }
                Ok(out)
            }
        },
        Command::Schema { kind } => Ok(schema(kind)),
        Command::Whatif(a) => plan::whatif(a),
        Command::Marginal(a) => plan::marginal(a),
        Command::Plan(a) => plan::plan(a),
        Command::Rank(a) => national::rank(a),
        Command::Award(a) => national::award(a),
        Command::Robustness(a) => robustness::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Template(a) => office::template(a),
        Command::Convert(a) => office::convert(a),
        Command::Report(a) => report::report(a),
        Command::History(a) => years::history(a),
        Command::Diff(a) => years::diff(a),
        Command::Risk(a) => risk::risk(a),
        Command::Synth {
            methodology,
            regions,
            innovations,
            seed,
        } => {
            let r = iid::model::builtin::get(&methodology).map_err(Error::from)?;
            if regions > 100_000 || innovations > 10_000_000 || innovations < regions {
                return Err(Failure {
                    message: "error[input_invalid]: need regions <= 100000 and regions <= innovations <= 10000000".into(),
                    status: 2,
                });
            }
            let data = iid::synthetic::national(r, regions, innovations, seed);
            Ok(serde_json::to_string(&data).unwrap_or_default())
        }
    }
}

/// An embedded methodology by id, or a rubric file when `id` names one.
fn load_named_rubric(id: &str) -> Result<CompiledRubric, Failure> {
    let path = Path::new(id);
    if id.ends_with(".json") || path.exists() {
        let text = read_text(path)?;
        return Ok(api::load_rubric(&text)?);
    }
    Ok(iid::model::builtin::get(id).map_err(Error::from)?.clone())
}

fn show_rubric(r: &CompiledRubric) -> String {
    let rb = r.rubric();
    let mut out = format!("{} ({}), {:?}\n", rb.name, rb.id, rb.status);
    for d in &rb.provenance.documents {
        out.push_str(&format!(
            "  source: {}{}{}\n",
            d.title,
            d.number
                .as_ref()
                .map_or(String::new(), |n| format!(", {n}")),
            d.date.as_ref().map_or(String::new(), |n| format!(", {n}"))
        ));
    }
    out.push_str(&format!(
        "  maxima: SPD {}, SID rows {}, innovation count {}, total {}\n",
        r.max_region_score(),
        r.max_innovation_score(),
        r.max_count_score(),
        r.max_total_score()
            .map_or("unbounded".into(), |d| d.to_string())
    ));
    for a in &rb.aspects {
        out.push_str(&format!("\n{} {}\n", a.code, a.name));
        for v in rb.variables.iter().filter(|v| v.aspect == a.code) {
            out.push_str(&format!("  {}\n", v.name));
            for i in rb.indicators.iter().filter(|i| i.variable == v.code) {
                out.push_str(&format!(
                    "    {:>4}{} {:<60} bobot {}\n",
                    i.code,
                    if i.mandatory { "*" } else { " " },
                    i.name,
                    i.weight
                ));
                for (l, p) in i.parameters.iter().enumerate() {
                    out.push_str(&format!("          {}. {}\n", l + 1, p.description));
                }
            }
            if let Some(c) = rb
                .innovation_count
                .as_ref()
                .filter(|c| c.variable == v.code)
            {
                out.push_str(&format!(
                    "    {:>4}  {:<60} {} x MIN(n, {})\n",
                    c.code,
                    c.name,
                    c.points_per_innovation,
                    c.cap.map_or("-".into(), |x| x.to_string())
                ));
            }
        }
    }
    out.push_str("\nPredikat:\n");
    for b in &rb.predicates {
        out.push_str(&format!(
            "  {:<22} {} - {}\n",
            b.label,
            b.min,
            b.max.map_or("".into(), |m| m.to_string())
        ));
    }
    out
}

fn schema(kind: SchemaKind) -> String {
    let s = match kind {
        SchemaKind::Submission => schemars::schema_for!(iid::Submission),
        SchemaKind::Result => schemars::schema_for!(iid::ScoreResult),
        SchemaKind::Rubric => schemars::schema_for!(iid::Rubric),
        SchemaKind::Error => schemars::schema_for!(iid::api::ErrorInfo),
        SchemaKind::Audit => schemars::schema_for!(iid::analysis::audit::Audit),
        SchemaKind::Changes => schemars::schema_for!(Vec<iid::analysis::whatif::Change>),
        SchemaKind::Whatif => schemars::schema_for!(iid::analysis::whatif::WhatIf),
        SchemaKind::Marginal => schemars::schema_for!(iid::analysis::marginal::Marginal),
        SchemaKind::PlanOptions => schemars::schema_for!(iid::analysis::plan::PlanOptions),
        SchemaKind::Plan => schemars::schema_for!(iid::analysis::plan::Plan),
        SchemaKind::Ranking => schemars::schema_for!(iid::national::Ranking),
        SchemaKind::Roster => schemars::schema_for!(Vec<iid::national::RosterEntry>),
        SchemaKind::AwardDefinition => {
            schemars::schema_for!(iid::model::award::AwardDefinition)
        }
        SchemaKind::StageScores => schemars::schema_for!(iid::national::StageScores),
        SchemaKind::AwardResult => schemars::schema_for!(iid::national::AwardResult),
        SchemaKind::Report => schemars::schema_for!(iid::report::Report),
        SchemaKind::ReportOptions => schemars::schema_for!(iid::report::ReportOptions),
        SchemaKind::History => schemars::schema_for!(iid::analysis::history::History),
        SchemaKind::Diff => schemars::schema_for!(iid::analysis::diff::Diff),
        SchemaKind::HistoryCall => schemars::schema_for!(iid::api::HistoryCall),
        SchemaKind::DiffCall => schemars::schema_for!(iid::api::DiffCall),
        SchemaKind::RiskOptions => schemars::schema_for!(iid::analysis::risk::RiskOptions),
        SchemaKind::Risk => schemars::schema_for!(iid::analysis::risk::Risk),
        SchemaKind::Robustness => schemars::schema_for!(iid::national::Robustness),
        SchemaKind::RobustnessOptions => schemars::schema_for!(iid::national::RobustnessOptions),
    };
    to_json(&s)
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // clap's message up to its usage block, on one line.
            let text = e.to_string();
            let message: Vec<&str> = text
                .lines()
                .map(str::trim)
                .take_while(|l| !l.is_empty() && !l.starts_with("Usage:"))
                .collect();
            eprintln!("iid: {}", message.join(" ").trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            let ok = stdout.write_all(out.as_bytes()).is_ok()
                && (out.ends_with('\n') || stdout.write_all(b"\n").is_ok())
                && stdout.flush().is_ok();
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(f) => {
            let line = f.message.replace('\n', " ");
            eprintln!("iid: {line}");
            ExitCode::from(f.status)
        }
    }
}
