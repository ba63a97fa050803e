//! The law of the verified index at the format's limit: a submission of
//! MAX_INNOVATIONS innovations, every row answered, answers (and refuses
//! nothing it should not). The release figures for every answer uncertain
//! are in docs/format.md (worst cases); this test, in a debug build, keeps
//! 10,000 answers uncertain (one row per innovation) so that a regression
//! in the bound shows as a failure rather than as a slow run.

use iid::analysis::risk::{answer_odds, risk, OddsOptions, Probability, RiskOptions};
use iid::model::submission::MAX_INNOVATIONS;

#[test]
fn risk_answers_at_the_innovation_limit() {
    let r = iid::builtin("iid-2026").unwrap();
    let sub = iid::synthetic::national(r, 1, MAX_INNOVATIONS, 7).remove(0);
    assert_eq!(sub.innovations.len(), MAX_INNOVATIONS);
    let mut odds = OddsOptions::default();
    let (_, all) = answer_odds(r, &sub, &odds).unwrap();
    for o in all.iter().filter(|o| o.indicator == "16") {
        odds.answers
            .insert(o.path.clone(), Probability::parse("0.5").unwrap());
    }
    let n = odds.answers.len();
    assert!(n > MAX_INNOVATIONS / 2, "{n}");
    let got = risk(r, &sub, &RiskOptions { odds, target: None }).unwrap();
    assert!(got.uncertain >= n);
    let total: u32 = got
        .predicates
        .iter()
        .map(|p| p.probability.millionths())
        .sum();
    // Each figure is rounded on its own: the sum is 1 within one
    // millionth per band.
    assert!(
        total.abs_diff(1_000_000) <= got.predicates.len() as u32,
        "{total}"
    );
    assert!(got.quantiles[0].index <= got.quantiles[2].index);
}
