//! `iid template` and `iid convert`: the fill-in workbook of a rubric, and
//! conversion of a submission between JSON and a workbook (both ways,
//! the direction read from the input's own bytes). Submissions read from
//! a workbook remember their cells, so that every command's errors name
//! the sheet and cell (`Inovasi!G12`).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use clap::Args;
use iid::api::RubricArg;
use iid::error::Error;
use iid::io::{self, workbook, Format, Loaded};
use iid::model::rubric::CompiledRubric;

use super::{read_input, read_rubric, Failure};

#[derive(Args)]
pub struct TemplateArgs {
    /// Embedded methodology of the workbook (iid rubrics lists them;
    /// default: the current official one).
    #[arg(long, conflicts_with = "rubric")]
    methodology: Option<String>,
    /// A rubric file instead (a user's own rubric).
    #[arg(long)]
    rubric: Option<PathBuf>,
    /// The workbook to write (.xlsx).
    #[arg(short, long)]
    output: PathBuf,
}

#[derive(Args)]
pub struct ConvertArgs {
    /// A submission: JSON or a workbook (.xlsx), or - for standard input.
    file: PathBuf,
    /// Where to write: a workbook when the input is JSON, JSON when it is
    /// a workbook (standard output when absent).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// The rubric whose layout a workbook takes (default: the
    /// submission's methodology).
    #[arg(long)]
    rubric: Option<PathBuf>,
}

/// The cells of the submission this process read from a workbook.
static CELLS: OnceLock<Loaded> = OnceLock::new();

/// A submission file, JSON or workbook (by its bytes), remembered so
/// that later errors are placed on their cells.
pub(crate) fn read_submission(path: &Path) -> Result<iid::Submission, Failure> {
    let bytes = read_input(path)?;
    let loaded = io::read_submission(&bytes).map_err(Error::from)?;
    let sub = loaded.submission.clone();
    if loaded.cells.is_some() {
        let _ = CELLS.set(loaded);
    }
    Ok(sub)
}

/// An error of the submission read, at its cell when it came from a
/// workbook.
pub(crate) fn locate(e: Error) -> Error {
    match CELLS.get() {
        Some(l) => l.locate(e),
        None => e,
    }
}

fn rubric_of(
    rubric: &Option<PathBuf>,
    sub: &iid::Submission,
) -> Result<std::sync::Arc<CompiledRubric>, Failure> {
    match read_rubric(rubric)? {
        Some(arg) => Ok(arg.compile()?),
        None => {
            let id = sub.methodology.clone().ok_or_else(|| {
                Error::Input(iid::InputError::MissingMethodology {
                    path: "methodology".into(),
                })
            })?;
            Ok(RubricArg::Embedded(id).compile().map_err(|e| match e {
                Error::Rubric(_) | Error::Input(_) => e,
            })?)
        }
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| Failure {
        message: format!("error[io]: cannot write {}: {e}", path.display()),
        status: 1,
    })
}

pub fn template(a: TemplateArgs) -> Result<String, Failure> {
    let rubric = match read_rubric(&a.rubric)? {
        Some(arg) => arg.compile()?,
        None => match a.methodology {
            Some(id) => RubricArg::Embedded(id).compile()?,
            None => {
                std::sync::Arc::new(iid::model::builtin::current().map_err(Error::from)?.clone())
            }
        },
    };
    let bytes = workbook::template(&rubric).map_err(Error::from)?;
    write_file(&a.output, &bytes)?;
    Ok(format!(
        "wrote {} ({} bytes): the workbook of {}",
        a.output.display(),
        bytes.len(),
        rubric.id()
    ))
}

pub fn convert(a: ConvertArgs) -> Result<String, Failure> {
    let bytes = read_input(&a.file)?;
    match Format::sniff(&bytes) {
        Format::Workbook => {
            let loaded = io::read_submission(&bytes).map_err(Error::from)?;
            let text = loaded.submission.to_json_pretty();
            match &a.output {
                Some(p) => {
                    write_file(p, format!("{text}\n").as_bytes())?;
                    Ok(format!("wrote {} (JSON)", p.display()))
                }
                None => Ok(text),
            }
        }
        Format::Json => {
            let Some(out) = &a.output else {
                return Err(Failure {
                    message: "error[input_invalid]: output: converting JSON writes a workbook: \
                              give -o FILE.xlsx"
                        .into(),
                    status: 2,
                });
            };
            let sub = io::read_submission(&bytes).map_err(Error::from)?.submission;
            let rubric = rubric_of(&a.rubric, &sub)?;
            let book = workbook::write(&rubric, &sub).map_err(Error::from)?;
            write_file(out, &book)?;
            Ok(format!(
                "wrote {} ({} bytes): the workbook of {}",
                out.display(),
                book.len(),
                rubric.id()
            ))
        }
    }
}
