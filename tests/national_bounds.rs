//! The ranking's stated limits: 10,000 regions rank; one more is refused
//! with `input_too_large`, as is a roster that takes the count past it.

use iid::api::{call_json, Operation};
use iid::national::MAX_ENTRANTS;

fn submissions(n: usize) -> String {
    let items: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"methodology":"iid-2026","region":{{"code":"{i}"}},"spd":{{"1":{}}},"innovations":[{{"id":"a","levels":{{"16":{}}}}}]}}"#,
                1 + i % 3,
                1 + i % 2
            )
        })
        .collect();
    format!("[{}]", items.join(","))
}

#[test]
fn ten_thousand_regions_rank_and_one_more_is_refused() {
    let call = format!(r#"{{"submissions":{}}}"#, submissions(MAX_ENTRANTS));
    let r = call_json(Operation::Rank, &call).unwrap();
    let v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(v["regions"].as_array().unwrap().len(), MAX_ENTRANTS);
    assert_eq!(v["summary"]["participation"]["submitted"], MAX_ENTRANTS);
    // Ranks never decrease along the list.
    let ranks: Vec<u64> = v["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["rank"].as_u64().unwrap())
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]));

    let call = format!(r#"{{"submissions":{}}}"#, submissions(MAX_ENTRANTS + 1));
    let e = call_json(Operation::Rank, &call).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_too_large", "submissions"));

    let roster: Vec<String> = (0..=MAX_ENTRANTS)
        .map(|i| format!(r#"{{"code":"{i}"}}"#))
        .collect();
    let call = format!(
        r#"{{"submissions":{},"roster":[{}]}}"#,
        submissions(1),
        roster.join(",")
    );
    let e = call_json(Operation::Rank, &call).unwrap_err();
    assert_eq!(e.code(), "input_too_large");
}
