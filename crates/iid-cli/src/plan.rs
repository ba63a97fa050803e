//! `iid whatif`, `iid marginal` and `iid plan`: what-if simulation, the
//! marginal value of every one-step improvement, and the cheapest plan to
//! a target predicate or index value (see docs/whatif-plan.md).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use iid::analysis::marginal::{Marginal, MarginalKind};
use iid::analysis::plan::{Amount, Costs, MarginalOptions, Plan, PlanOptions, StepKind, Target};
use iid::analysis::whatif::{parse_changes, WhatIf};
use iid::api::{self, MarginalCall, PlanCall, WhatIfCall};
use iid::error::{Error, InputError};
use iid::text::explain::figure;
use iid::Decimal;
use iid::Submission;

use super::{read_rubric, read_text, to_json, Failure};

#[derive(Args)]
pub struct WhatifArgs {
    /// Submission file in the interchange format, or - for standard input.
    file: PathBuf,
    /// Changes: a JSON list such as
    /// [{"op": "set", "indicator": "2a", "level": 3}], or - for standard input.
    changes: PathBuf,
    #[arg(long)]
    rubric: Option<PathBuf>,
    /// Print the what-if (with the full new result and submission) as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct MarginalArgs {
    /// Submission file, or - for standard input.
    file: PathBuf,
    /// The new innovation to price: a JSON object with "levels" (and
    /// optionally "urusan", "stage", ...). Default: each row at the median
    /// level of the region's innovations.
    #[arg(long)]
    template: Option<PathBuf>,
    #[arg(long)]
    rubric: Option<PathBuf>,
    /// Rows shown in the text table (JSON output has them all).
    #[arg(long, default_value_t = 25)]
    top: usize,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct PlanArgs {
    /// Submission file, or - for standard input.
    file: PathBuf,
    /// A predicate ("Sangat Inovatif"), "next" for the band above the
    /// current one, or an index value (65.01).
    #[arg(long)]
    target: String,
    /// Costs and constraints: {"default_step": "1", "indicators": {"16": "3"},
    /// "new_innovation": "10", "max_steps_per_innovation": 5,
    /// "frozen_indicators": ["8"], "frozen_innovations": ["inv-004"]}.
    #[arg(long)]
    costs: Option<PathBuf>,
    /// Let the plan add innovations (each at the costs file's
    /// new_innovation, or --new-innovation-cost).
    #[arg(long)]
    allow_new_innovations: bool,
    /// Cost of one new innovation (overrides the costs file).
    #[arg(long)]
    new_innovation_cost: Option<String>,
    /// The index to reach: self (claimed levels) or verified (what
    /// survives verification; the plan may complete answers' evidence at
    /// the costs file's evidence cost per item, default 1).
    #[arg(long, default_value = "self")]
    mode: String,
    /// Let the plan raise region rows whose level follows from a measured
    /// statistic (left alone by default).
    #[arg(long)]
    include_measured: bool,
    #[arg(long)]
    rubric: Option<PathBuf>,
    /// Print the plan as JSON (steps, total_cost, projected_index,
    /// projected_predicate, projected_submission, ...).
    #[arg(long)]
    json: bool,
}

fn both_stdin(a: &Path, b: &Path) -> Result<(), Failure> {
    if a.as_os_str() == "-" && b.as_os_str() == "-" {
        return Err(Failure {
            message: "error[input_invalid]: only one of FILE and CHANGES can be - (standard input)"
                .into(),
            status: 2,
        });
    }
    Ok(())
}

fn submission(path: &Path) -> Result<Submission, Failure> {
    super::read_submission(path)
}

/// A difference with its sign, to two decimals: "+0.80", "-1.20", "0.00".
fn signed(d: Decimal) -> String {
    let t = figure(&d);
    if t.starts_with('-') || d.is_zero() {
        t
    } else {
        format!("+{t}")
    }
}

pub fn whatif(a: WhatifArgs) -> Result<String, Failure> {
    both_stdin(&a.file, &a.changes)?;
    let submission = submission(&a.file)?;
    let changes = parse_changes(&read_text(&a.changes)?).map_err(Error::from)?;
    let w = api::whatif(&WhatIfCall {
        submission,
        changes,
        rubric: read_rubric(&a.rubric)?,
    })?;
    Ok(if a.json {
        to_json(&w)
    } else {
        render_whatif(&w)
    })
}

fn render_whatif(w: &WhatIf) -> String {
    let mut s = String::new();
    let (b, a) = (&w.before, &w.after);
    let _ = writeln!(s, "Sebelum / before   {:>8}  ({})", b.index, b.predicate);
    let _ = writeln!(s, "Sesudah / after    {:>8}  ({})", a.index, a.predicate);
    let _ = writeln!(
        s,
        "Selisih / change   {:>8}  indeks eksak / exact index; total {}",
        signed(w.index_delta),
        signed(w.total_delta)
    );
    let _ = writeln!(
        s,
        "Inovasi / innovations {} -> {} (pembagi / divisor {} -> {}, kursi kosong / empty seats {} -> {}); yandas {} -> {}",
        b.innovation_count, a.innovation_count, b.divisor, a.divisor, b.empty_seats, a.empty_seats,
        b.yandas_covered, a.yandas_covered
    );
    if !w.answers.is_empty() {
        let _ = writeln!(s, "\nJawaban berubah / answers changed:");
        for d in &w.answers {
            let at = match &d.innovation {
                Some(id) => format!("{id} / {}", d.indicator),
                None => format!("SPD {}", d.indicator),
            };
            let _ = writeln!(s, "  {at:<28} {} -> {}", d.from, d.to);
        }
    }
    for (label, ids) in [
        ("Inovasi ditambah / added", &w.innovations_added),
        ("Inovasi dihapus / removed", &w.innovations_removed),
    ] {
        if !ids.is_empty() {
            let _ = writeln!(s, "{label}: {}", ids.join(", "));
        }
    }
    for d in &w.affairs_changed {
        let _ = writeln!(
            s,
            "Urusan / affair {}: {} -> {}",
            d.innovation,
            d.from.as_deref().unwrap_or("-"),
            d.to.as_deref().unwrap_or("-")
        );
    }
    let moved: Vec<_> = w
        .indicators
        .iter()
        .filter(|i| !i.score_delta.is_zero())
        .collect();
    if !moved.is_empty() {
        let _ = writeln!(
            s,
            "\n{:<6} {:>14} {:>14} {:>14} {:>14}",
            "indik.", "skor / before", "after", "selisih / diff", "poin indeks"
        );
        for i in moved {
            let _ = writeln!(
                s,
                "{:<6} {:>14} {:>14} {:>14} {:>14}",
                i.code,
                i.score_before.to_string(),
                i.score_after.to_string(),
                signed(i.score_delta),
                signed(i.index_delta)
            );
        }
    }
    s
}

pub fn marginal(a: MarginalArgs) -> Result<String, Failure> {
    let submission = submission(&a.file)?;
    let options = match &a.template {
        Some(p) => MarginalOptions::from_json(&format!("{{\"template\": {}}}", read_text(p)?))
            .map_err(Error::from)?,
        None => MarginalOptions::default(),
    };
    let m = api::marginal(&MarginalCall {
        submission,
        options,
        rubric: read_rubric(&a.rubric)?,
    })?;
    Ok(if a.json {
        to_json(&m)
    } else {
        render_marginal(&m, a.top)
    })
}

fn render_marginal(m: &Marginal, top: usize) -> String {
    let mut s = String::new();
    let _ = write!(s, "Indeks / index {} ({})", m.index, m.predicate);
    if let Some(n) = &m.next_predicate {
        let _ = write!(
            s,
            "; berikutnya / next: {} {} (kurang / gap {})",
            n.label, n.min, n.gap
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Inovasi / innovations {}, pembagi / divisor {}, kursi kosong / empty seats {}",
        m.innovation_count, m.divisor, m.empty_seats
    );
    let _ = writeln!(
        s,
        "Skor impas inovasi baru / break-even row score of a new innovation: {} (templat / template {})",
        m.break_even_row_score, m.template_row_score
    );
    if !m.yandas_missing.is_empty() {
        let _ = writeln!(s, "Yandas belum / missing: {}", m.yandas_missing.join(", "));
    }
    let _ = writeln!(
        s,
        "\n{} dari / of {} langkah / steps, terbesar dulu / largest first:",
        top.min(m.items.len()),
        m.items.len()
    );
    let _ = writeln!(s, "{:>14} {:>7}  langkah / step", "poin / points", "indeks");
    for i in m.items.iter().take(top) {
        let what = match i.kind {
            MarginalKind::RegionStep => format!(
                "SPD {}: {} -> {}",
                i.indicator.as_deref().unwrap_or(""),
                i.from.unwrap_or(0),
                i.to.unwrap_or(0)
            ),
            MarginalKind::InnovationStep => format!(
                "{} / {}: {} -> {}",
                i.innovation.as_deref().unwrap_or(""),
                i.indicator.as_deref().unwrap_or(""),
                i.from.unwrap_or(0),
                i.to.unwrap_or(0)
            ),
            MarginalKind::NewInnovation => {
                let mut t = format!(
                    "+ inovasi baru / new innovation ({})",
                    i.urusan.as_deref().unwrap_or("urusan lain / other affair")
                );
                if i.covers_basic_service == Some(true) {
                    t.push_str(", yandas");
                }
                if i.fills_empty_seat == Some(true) {
                    t.push_str(", kursi kosong / empty seat");
                }
                t
            }
        };
        let _ = writeln!(
            s,
            "{:>14} {:>7}  {what}",
            signed(i.gain),
            figure(&i.index_after)
        );
    }
    s
}

pub fn plan(a: PlanArgs) -> Result<String, Failure> {
    let sub = submission(&a.file)?;
    let mut costs = match &a.costs {
        Some(p) => Costs::from_json(&read_text(p)?).map_err(Error::from)?,
        None => Costs::default(),
    };
    if let Some(c) = &a.new_innovation_cost {
        let value = c.trim().parse().map_err(|_| {
            Error::Input(InputError::Invalid {
                path: "costs.new_innovation".into(),
                message: format!("--new-innovation-cost \"{c}\" is not a decimal number"),
            })
        })?;
        costs.new_innovation = Some(Amount(value));
    }
    let options = PlanOptions {
        target: Target(a.target.clone()),
        allow_new_innovations: a.allow_new_innovations,
        costs,
        mode: api::parse_mode(&a.mode)?,
        include_measured: a.include_measured,
    };
    let p = api::plan(&PlanCall {
        submission: sub,
        options,
        rubric: read_rubric(&a.rubric)?,
    })?;
    Ok(if a.json { to_json(&p) } else { render_plan(&p) })
}

fn render_plan(p: &Plan) -> String {
    let mut s = String::new();
    let target = match &p.target_predicate {
        Some(l) => format!("{l} ({})", p.target_index),
        None => p.target_index.to_string(),
    };
    let _ = writeln!(s, "Target                {target}");
    let _ = writeln!(
        s,
        "Indeks / index        {} ({}) -> {} ({})",
        p.current_index, p.current_predicate, p.projected_index, p.projected_predicate
    );
    let _ = writeln!(
        s,
        "Biaya / cost          {}   ({} langkah / steps, {} inovasi baru / new innovations)",
        p.total_cost,
        p.steps.len(),
        p.new_innovations
    );
    if let Some(short) = p.shortfall {
        let _ = writeln!(s, "Kurang / shortfall    {short}");
    }
    let _ = writeln!(s, "{}\n{}", p.message_id, p.message_en);
    if p.steps.is_empty() {
        return s;
    }
    let _ = writeln!(
        s,
        "\n{:>4}  {:<34} {:>9} {:>14} {:>8}",
        "#", "langkah / step", "dari->ke", "poin / points", "biaya"
    );
    for (n, st) in p.steps.iter().enumerate() {
        let what = match (st.kind, &st.innovation) {
            (StepKind::AddInnovation, id) => format!(
                "+ {} ({})",
                id.as_deref().unwrap_or(""),
                st.urusan.as_deref().unwrap_or("-")
            ),
            (StepKind::RaiseLevel | StepKind::CompleteEvidence, Some(id)) => {
                format!("{id} / {}", st.indicator.as_deref().unwrap_or(""))
            }
            (StepKind::RaiseLevel | StepKind::CompleteEvidence, None) => {
                format!("SPD {}", st.indicator.as_deref().unwrap_or(""))
            }
        };
        let what = match st.evidence_items.filter(|&n| n > 0) {
            Some(n) => {
                let (id, en) = iid::text::plan::evidence_step(n);
                format!("{what} + {id} / {en}")
            }
            None => what,
        };
        let _ = writeln!(
            s,
            "{:>4}  {:<34} {:>4}->{:<4} {:>14} {:>8}",
            n + 1,
            what,
            st.from,
            st.to,
            signed(st.gain),
            st.cost.to_string()
        );
    }
    s
}
