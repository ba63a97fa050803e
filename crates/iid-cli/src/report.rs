//! `iid report`: the printable report of a submission, one
//! self-contained HTML file (or its content as JSON), and with `--pdf`
//! the same page printed to PDF by headless Chromium where it is
//! installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Args;
use iid::api::{self, ReportCall};
use iid::error::{Error, InputError};
use iid::report::{Lang, ReportOptions};
use iid::{Date, Mode};

use super::{read_rubric, read_submission, to_json, Failure};

#[derive(Args)]
pub struct ReportArgs {
    /// Submission: JSON or a workbook (.xlsx), or - for standard input.
    file: PathBuf,
    /// Where to write the report (HTML, or PDF with --pdf); standard
    /// output when absent (HTML or JSON only).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Language of the report: id (Bahasa Indonesia) or en.
    #[arg(long, default_value = "id")]
    lang: String,
    /// `self` (claimed levels, the default) or `verified` for the
    /// headline figures and the breakdown; both indices are always shown.
    #[arg(long, default_value = "self")]
    mode: Mode,
    /// The date printed on the report (YYYY-MM-DD); today by default.
    #[arg(long)]
    date: Option<String>,
    #[arg(long)]
    rubric: Option<PathBuf>,
    /// Render to PDF through headless Chromium (needs -o).
    #[arg(long, conflicts_with = "json")]
    pdf: bool,
    /// Print the report's content as JSON instead of HTML.
    #[arg(long)]
    json: bool,
}

fn bad(path: &str, message: String) -> Failure {
    Error::Input(InputError::Invalid {
        path: path.into(),
        message,
    })
    .into()
}

/// Today's date (UTC) from the system clock.
fn today() -> Option<Date> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::parse(&format!("{year:04}-{month:02}-{day:02}")).ok()
}

pub fn report(a: ReportArgs) -> Result<String, Failure> {
    let lang: Lang = a.lang.parse().map_err(|m| bad("lang", m))?;
    let date = match &a.date {
        Some(d) => Some(Date::parse(d).map_err(|m| bad("date", m))?),
        None => today(),
    };
    let call = ReportCall {
        submission: read_submission(&a.file)?,
        rubric: read_rubric(&a.rubric)?,
        options: ReportOptions {
            mode: a.mode,
            date,
            lang,
        },
    };
    if a.json {
        let r = api::report(&call)?;
        return write_or_print(a.output.as_deref(), to_json(&r));
    }
    let html = api::report_html(&call)?;
    if !a.pdf {
        return write_or_print(a.output.as_deref(), html);
    }
    let Some(out) = &a.output else {
        return Err(bad(
            "output",
            "--pdf writes a file: give -o FILE.pdf".into(),
        ));
    };
    pdf(&html, out)?;
    Ok(format!("wrote {}", out.display()))
}

fn write_or_print(out: Option<&Path>, text: String) -> Result<String, Failure> {
    match out {
        None => Ok(text),
        Some(p) => {
            std::fs::write(p, text.as_bytes()).map_err(|e| Failure {
                message: format!("error[io]: cannot write {}: {e}", p.display()),
                status: 1,
            })?;
            Ok(format!("wrote {}", p.display()))
        }
    }
}

/// Headless Chromium: `IID_CHROMIUM`, else the usual names on `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("IID_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

fn pdf(html: &str, out: &Path) -> Result<(), Failure> {
    let fail = |message: String| Failure { message, status: 1 };
    let Some(browser) = chromium() else {
        return Err(fail(
            "error[pdf_unavailable]: --pdf needs headless Chromium (chromium, chromium-browser or \
             google-chrome on PATH, or IID_CHROMIUM); none is installed here. Write the HTML \
             report and print it to PDF from any browser."
                .into(),
        ));
    };
    let dir = std::env::temp_dir().join(format!("iid-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| fail(format!("error[io]: {e}")))?;
    let page = dir.join("laporan.html");
    std::fs::write(&page, html).map_err(|e| fail(format!("error[io]: {e}")))?;
    let out_abs = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    let result = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", out_abs.display()))
        .arg(format!("file://{}", page.display()))
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    let o = result.map_err(|e| {
        fail(format!(
            "error[pdf_unavailable]: cannot run {}: {e}",
            browser.display()
        ))
    })?;
    if !o.status.success() || !out_abs.is_file() {
        let err = String::from_utf8_lossy(&o.stderr);
        let last = err.lines().last().unwrap_or("");
        return Err(fail(format!(
            "error[pdf]: {} could not print the report to {}: {last}",
            browser.display(),
            out.display()
        )));
    }
    Ok(())
}
