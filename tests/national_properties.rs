//! Properties of the ranking over arbitrary small nations: the order of
//! the submissions never matters; ranks follow the published index with
//! competition ties; the exact rank never comes before the published one;
//! a cluster has at least its quota of nominees when it has that many
//! assessable members, and more only through a tie at the edge.

use iid::api::{call_json, Operation};
use proptest::prelude::*;
use serde_json::{json, Value};

fn nation() -> impl Strategy<Value = Vec<Value>> {
    prop::collection::vec((0u8..=3, 0u8..=3, 0u8..=3, 0usize..3, any::<bool>()), 1..25).prop_map(
        |rows| {
            rows.into_iter()
                .enumerate()
                .map(|(i, (a, b, c, level, border))| {
                    let level = ["provinsi", "kabupaten", "kota"][level];
                    let flags: Vec<&str> = if border { vec!["perbatasan"] } else { vec![] };
                    json!({
                        "methodology": "iid-2026",
                        "region": {"code": format!("{i:03}"), "level": level, "clusters": flags},
                        "spd": {"1": a, "6": b},
                        "innovations": [{"id": "x", "levels": {"16": c}}]
                    })
                })
                .collect()
        },
    )
}

fn rank(subs: &[Value]) -> Value {
    let call = json!({"submissions": subs, "award": "iga-2023"}).to_string();
    serde_json::from_str(&call_json(Operation::Rank, &call).unwrap().to_json()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn order_never_matters(subs in nation(), seed in any::<u64>()) {
        let mut shuffled = subs.clone();
        // A deterministic shuffle from the seed.
        let n = shuffled.len();
        let mut s = seed;
        for i in (1..n).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(rank(&subs), rank(&shuffled));
    }

    #[test]
    fn ranks_follow_the_published_index(subs in nation()) {
        let r = rank(&subs);
        let rows = r["regions"].as_array().unwrap();
        for (i, g) in rows.iter().enumerate() {
            let rank = g["rank"].as_u64().unwrap();
            let exact = g["rank_exact"].as_u64().unwrap();
            prop_assert!(exact >= rank);
            if i == 0 {
                prop_assert_eq!(rank, 1);
            } else if g["index"] == rows[i - 1]["index"] {
                prop_assert_eq!(rank, rows[i - 1]["rank"].as_u64().unwrap());
            } else {
                prop_assert_eq!(rank, i as u64 + 1);
                let (a, b): (f64, f64) = (
                    rows[i - 1]["index"].as_str().unwrap().parse().unwrap(),
                    g["index"].as_str().unwrap().parse().unwrap(),
                );
                prop_assert!(a > b);
            }
        }
        for c in r["summary"]["clusters"].as_array().unwrap() {
            let id = &c["cluster"];
            let quota = c["quota"].as_u64().unwrap();
            let members: Vec<&Value> = rows.iter().filter(|g| &g["cluster"] == id).collect();
            let assessable = members.iter().filter(|g| g["assessable"] == true).count() as u64;
            let nominees: Vec<&&Value> = members.iter().filter(|g| g["nominee"] == true).collect();
            prop_assert!(nominees.len() as u64 >= quota.min(assessable));
            if nominees.len() as u64 > quota {
                // Only a tie at the edge adds nominees.
                let last = nominees.last().unwrap();
                prop_assert!(last["rank_in_cluster"].as_u64().unwrap() <= quota);
            }
        }
        let total: u64 = r["summary"]["predicates"].as_array().unwrap().iter().map(|p| p["count"].as_u64().unwrap()).sum();
        prop_assert_eq!(total, rows.len() as u64);
    }
}
