//! History and diff at the format's limits: two submissions of the
//! largest size (10,000 innovations each) decompose, and one innovation
//! more is refused; a history takes at most MAX_HISTORY_SUBMISSIONS
//! submissions and refuses one more, naming the list.

use iid::analysis::history::MAX_HISTORY_SUBMISSIONS;
use iid::api::{self, DiffCall, HistoryCall, RubricArg};
use iid::model::submission::MAX_INNOVATIONS;
use iid::{Mode, Submission};

fn largest(seed: u64, methodology: &str) -> Submission {
    let r = iid::builtin("iid-2026").unwrap();
    let mut sub = iid::synthetic::national(r, 1, MAX_INNOVATIONS, seed).remove(0);
    sub.methodology = Some(methodology.into());
    sub
}

#[test]
fn diff_and_history_answer_at_the_innovation_limit_and_refuse_past_it() {
    let old = largest(7, "iid-2025");
    let mut new = largest(8, "iid-2026");
    assert_eq!(new.innovations.len(), MAX_INNOVATIONS);
    let d = api::diff(&DiffCall {
        old: old.clone(),
        new: new.clone(),
        rubrics: Vec::new(),
        mode: Mode::SelfAssessment,
    })
    .unwrap();
    assert_eq!(d.new.innovation_count as usize, MAX_INNOVATIONS);
    let sum: iid::Decimal = d.parts.iter().map(|p| p.points).sum();
    assert_eq!(sum, d.change);
    let h = api::history(&HistoryCall {
        submissions: vec![old.clone(), new.clone()],
        methodology: None,
        rubrics: Vec::new(),
        mode: Mode::SelfAssessment,
    })
    .unwrap();
    assert_eq!(h.rows.len(), 2);
    // One more innovation is refused, naming the list in the call.
    let mut extra = new.innovations[0].clone();
    extra.id = "one-too-many".into();
    new.innovations.push(extra);
    let e = api::diff(&DiffCall {
        old,
        new,
        rubrics: Vec::new(),
        mode: Mode::SelfAssessment,
    })
    .unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_too_large", "new.innovations"));
}

#[test]
fn a_history_takes_at_most_its_limit_of_years() {
    // One user rubric per year (2026's rules), one small submission each.
    let years: Vec<u16> = (0..=MAX_HISTORY_SUBMISSIONS as u16)
        .map(|k| 2030 + k)
        .collect();
    let rubrics: Vec<RubricArg> = years
        .iter()
        .map(|y| {
            RubricArg::Inline(format!(
                r#"{{"extends": "iid-2026", "id": "y-{y}", "name": "y", "year": {y}, "status": "custom"}}"#
            ))
        })
        .collect();
    let subs: Vec<Submission> = years
        .iter()
        .map(|y| {
            Submission::from_json(&format!(
                r#"{{"methodology": "y-{y}", "innovations": [{{"id": "a", "levels": {{"16": 3}}}}]}}"#
            ))
            .unwrap()
        })
        .collect();
    let call = |n: usize| HistoryCall {
        submissions: subs[..n].to_vec(),
        methodology: None,
        rubrics: rubrics.clone(),
        mode: Mode::SelfAssessment,
    };
    let h = api::history(&call(MAX_HISTORY_SUBMISSIONS)).unwrap();
    assert_eq!(h.rows.len(), MAX_HISTORY_SUBMISSIONS);
    // Rows 16: 3 x 3 = 9 over d 12 = 0.75 of 250 = 0.30, every year.
    assert!(h.rows.iter().all(|r| r.figures.index.to_string() == "0.30"));
    let e = api::history(&call(MAX_HISTORY_SUBMISSIONS + 1)).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_too_large", "submissions"));
}
