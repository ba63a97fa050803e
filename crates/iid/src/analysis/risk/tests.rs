use super::*;
use crate::model::submission::Submission;

fn example(name: &str) -> (Submission, &'static crate::CompiledRubric) {
    let text = std::fs::read_to_string(format!(
        "{}/../../examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let sub = Submission::from_json(&text).unwrap();
    (sub, crate::builtin("iid-2026").unwrap())
}

/// With the verified-mode probabilities (1 for the classes it counts at
/// the claim, 0 for the others) the outcome where every answer of
/// probability 1 survives is the verified level matrix.
#[test]
fn certain_odds_rebuild_the_verified_matrix() {
    for name in ["kota-bukti-dukung.json", "kabupaten-contoh.json"] {
        let (sub, rubric) = example(name);
        let opts = OddsOptions {
            classes: ClassOdds::verified(),
            ..OddsOptions::default()
        };
        let (a, odds) = answer_odds(rubric, &sub, &opts).unwrap();
        assert_eq!(odds.len(), a.answers.len());
        let m = outcome_matrix(rubric, &a, &odds, |k| odds[k].millionths == MILLION_U32);
        assert_eq!(m, a.verified, "{name}");
        // Every answer surviving is the claimed matrix.
        let all = outcome_matrix(rubric, &a, &odds, |_| true);
        assert_eq!(all.region, a.claimed.region, "{name}");
        assert_eq!(all.innovation, a.claimed.innovation, "{name}");
    }
}

const MILLION_U32: u32 = odds::MILLION;

#[test]
fn classes_follow_evidence_and_verification() {
    let (sub, rubric) = example("kota-bukti-dukung.json");
    let (a, odds) = answer_odds(rubric, &sub, &OddsOptions::default()).unwrap();
    for (o, c) in odds.iter().zip(&a.answers) {
        assert_eq!(o.path, c.path);
        assert_eq!(o.level, c.claimed);
        // Defaults: 1, 0, 0.3 or 0.9 by class, as documented.
        assert_eq!(o.millionths, o.class.default_millionths());
        // The verified mode's level is the level or the fallback.
        let verified = if o.class.verified_counts_claim() {
            o.level
        } else {
            o.fallback
        };
        assert_eq!(verified, c.counted, "{}", o.path);
    }
    // The kota example has answers of several classes.
    let classes: std::collections::BTreeSet<_> = odds.iter().map(|o| o.class).collect();
    assert!(classes.len() >= 3, "{classes:?}");
}

#[test]
fn answer_overrides_win_and_unknown_paths_are_errors() {
    let (sub, rubric) = example("kota-bukti-dukung.json");
    let (_, base) = answer_odds(rubric, &sub, &OddsOptions::default()).unwrap();
    let path = base[0].path.clone();
    let text = format!(r#"{{"answers": {{"{path}": "0.123456"}}}}"#);
    let opts = OddsOptions::from_json(&text).unwrap();
    let (_, odds) = answer_odds(rubric, &sub, &opts).unwrap();
    assert_eq!(odds[0].millionths, 123_456);
    assert!(odds[0].overridden);
    assert!(!odds[1].overridden);

    let opts =
        OddsOptions::from_json(r#"{"answers": {"innovations[99].levels.16": "1"}}"#).unwrap();
    let e = answer_odds(rubric, &sub, &opts).unwrap_err();
    assert_eq!(e.code(), "input_invalid");
    assert_eq!(e.path(), "odds.answers.innovations[99].levels.16");
}
