//! Properties of the table path: the order of the innovation rows does
//! not matter (scoring sums a region's rows in runs, so orders that break
//! the runs up are the ones to try).

use std::borrow::Cow;

use super::tests::{expected, small};
use super::*;

/// The innovation rows of `input` in the order `perm` gives, with the
/// region and affair columns dictionary-encoded when `coded`.
fn permuted<'a>(input: &TableInput<'a>, perm: &[usize], coded: bool) -> TableInput<'a> {
    let keys = |c: &KeyColumn<'a>| {
        let KeyColumn::Plain(v) = c else {
            unreachable!("to_tables lays key columns out plain")
        };
        let rows: Vec<Option<Key<'a>>> = perm.iter().map(|&j| v[j].clone()).collect();
        if !coded {
            return KeyColumn::Plain(rows);
        }
        let mut values: Vec<Option<Key<'a>>> = Vec::new();
        let codes: Vec<i16> = rows
            .into_iter()
            .map(|k| match k {
                None => -1,
                Some(k) => match values.iter().position(|v| v.as_ref() == Some(&k)) {
                    Some(c) => c as i16,
                    None => {
                        values.push(Some(k));
                        values.len() as i16 - 1
                    }
                },
            })
            .collect();
        KeyColumn::Coded {
            codes: codes.into(),
            values,
        }
    };
    let mut out = input.clone();
    out.innovations.region = keys(&input.innovations.region);
    out.innovations.urusan = input.innovations.urusan.as_ref().map(keys);
    for (_, c) in out.innovations.levels.iter_mut() {
        let v = c.levels().unwrap().into_owned();
        *c = LevelColumn::U8(Cow::Owned(perm.iter().map(|&j| v[j]).collect()));
    }
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Order independence: the innovations in any order (runs of one
    /// region broken up or not), plain or dictionary-encoded, give each
    /// region the row its own submission scores.
    #[test]
    fn any_innovation_order_scores_as_the_submissions(
        keys in proptest::collection::vec(proptest::prelude::any::<u32>(), 150),
        coded in proptest::prelude::any::<bool>(),
    ) {
        let subs = small();
        let tables = to_tables(&subs).unwrap();
        let input = tables.input();
        proptest::prop_assert_eq!(input.innovations.rows, keys.len());
        let mut perm: Vec<usize> = (0..keys.len()).collect();
        perm.sort_by_key(|&j| keys[j]);
        let got = permuted(&input, &perm, coded).score(None).unwrap();
        proptest::prop_assert_eq!(got, expected(&subs));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(6))]

    /// Tables of more rows than a block of the row pass (`rows::BLOCK`),
    /// in any order: runs of a region cross block ends, and each region
    /// still gets the row its submission scores.
    #[test]
    fn rows_across_blocks_score_as_the_submissions(
        seed in 0u64..1_000,
        shuffle in proptest::collection::vec(proptest::prelude::any::<u32>(), 2_600),
        coded in proptest::prelude::any::<bool>(),
    ) {
        let subs = crate::synthetic::national(super::tests::rubric(), 30, 2_600, seed);
        let tables = to_tables(&subs).unwrap();
        let input = tables.input();
        proptest::prop_assert_eq!(input.innovations.rows, shuffle.len());
        let plain = input.score(None).unwrap();
        proptest::prop_assert_eq!(&plain, &expected(&subs));
        let mut perm: Vec<usize> = (0..shuffle.len()).collect();
        perm.sort_by_key(|&j| shuffle[j]);
        let got = permuted(&input, &perm, coded).score(None).unwrap();
        proptest::prop_assert_eq!(got, plain);
    }
}

/// A level out of range in a later block is named as the passes over
/// whole columns name it: the first column in the rubric's order, then
/// its first row.
#[test]
fn a_level_out_of_range_past_the_first_block_is_named() {
    let subs = crate::synthetic::national(super::tests::rubric(), 30, 2_600, 5);
    let tables = to_tables(&subs).unwrap();
    let mut input = tables.input();
    let mut set = |code: &str, row: usize| {
        let (_, col) = input
            .innovations
            .levels
            .iter_mut()
            .find(|(c, _)| c == code)
            .unwrap();
        let mut v = col.levels().unwrap().into_owned();
        v[row] = 9;
        *col = LevelColumn::U8(Cow::Owned(v));
    };
    set("17", 1_500);
    set("16", 2_400);
    set("16", 2_100);
    let e = input.score(None).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("level_out_of_range", "innovations[2100].16")
    );
}
