//! Reading the table form through a [`TableSource`]: only the columns
//! scoring (or ranking) reads are asked for, and a duplicated label is an
//! error only where it is read.

use std::borrow::Cow;

use super::tests::{code_of, pair, rubric, text};
use super::*;

/// A mock column: numbers (levels) or text (keys).
type MockColumn = Result<Vec<f64>, Vec<&'static str>>;

/// A source over owned columns, counting what is read.
struct Mock {
    rows: usize,
    columns: Vec<(String, MockColumn)>,
    read: std::cell::RefCell<Vec<String>>,
}

impl TableSource for Mock {
    fn rows(&self) -> usize {
        self.rows
    }
    fn width(&self) -> usize {
        self.columns.len()
    }
    fn label(&self, i: usize) -> Result<Cow<'_, str>, String> {
        Ok(Cow::Borrowed(&self.columns[i].0))
    }
    fn levels(&self, i: usize) -> Result<LevelColumn<'_>, Unreadable> {
        self.read.borrow_mut().push(self.columns[i].0.clone());
        match &self.columns[i].1 {
            Ok(v) => Ok(LevelColumn::F64(Cow::Borrowed(v))),
            Err(_) => Err(Unreadable::cell(0, "not a level")),
        }
    }
    fn keys(&self, i: usize) -> Result<KeyColumn<'_>, Unreadable> {
        self.read.borrow_mut().push(self.columns[i].0.clone());
        match &self.columns[i].1 {
            Ok(_) => Err(Unreadable::column("numbers are not codes here")),
            Err(v) => Ok(KeyColumn::Plain(v.iter().map(|s| text(s)).collect())),
        }
    }
}

fn mock(columns: Vec<(&str, MockColumn)>) -> Mock {
    Mock {
        rows: columns.first().map_or(0, |(_, c)| match c {
            Ok(v) => v.len(),
            Err(v) => v.len(),
        }),
        columns: columns
            .into_iter()
            .map(|(l, c)| (l.to_string(), c))
            .collect(),
        read: Default::default(),
    }
}

#[test]
fn a_source_is_read_only_where_scoring_looks() {
    let regions = mock(vec![
        ("code", Err(vec!["a", "b"])),
        ("1", Ok(vec![3.0, 2.0])),
        ("2a", Ok(vec![1.0, f64::NAN])),
        ("keterangan", Err(vec!["x", "y"])),
    ]);
    let innovations = mock(vec![
        ("region", Err(vec!["a", "b", "a"])),
        ("urusan", Err(vec!["kesehatan", "", "sosial"])),
        ("16", Ok(vec![3.0, 2.0, 1.0])),
        ("17", Ok(vec![1.0, f64::NAN, 1.0])),
        ("36", Err(vec!["junk", "junk", "junk"])),
    ]);
    let input = read(&regions, &innovations, Some(rubric())).unwrap();
    assert_eq!(
        input.score(Some(rubric())).unwrap(),
        pair().score(Some(rubric())).unwrap()
    );
    assert!(!regions.read.borrow().contains(&"keterangan".to_string()));
    assert!(!innovations.read.borrow().contains(&"36".to_string()));

    // A duplicated label is an error where it is read, not elsewhere.
    let dup = mock(vec![
        ("code", Err(vec!["a", "b"])),
        ("1", Ok(vec![3.0, 2.0])),
        ("1", Ok(vec![3.0, 2.0])),
    ]);
    let e = read(&dup, &innovations, Some(rubric())).unwrap_err();
    assert_eq!(code_of(&e), ("input_invalid", "regions.1"));
    let dup_ignored = mock(vec![
        ("code", Err(vec!["a", "b"])),
        ("x", Ok(vec![3.0, 2.0])),
        ("x", Ok(vec![3.0, 2.0])),
    ]);
    assert!(read(&dup_ignored, &innovations, Some(rubric())).is_ok());

    let bad = mock(vec![
        ("code", Err(vec!["a", "b"])),
        ("2a", Err(vec!["p", "q"])),
    ]);
    let e = read(&bad, &innovations, Some(rubric())).unwrap_err();
    assert_eq!(code_of(&e), ("input_json", "regions[0].2a"));
    let no_code = mock(vec![("kode", Err(vec!["a", "b"]))]);
    let e = read(&no_code, &innovations, Some(rubric())).unwrap_err();
    assert_eq!(code_of(&e), ("input_invalid", "regions.code"));
    let numeric_code = mock(vec![("code", Ok(vec![1.0, 2.0]))]);
    let e = read(&numeric_code, &innovations, Some(rubric())).unwrap_err();
    assert_eq!(code_of(&e), ("input_json", "regions.code"));
}

#[test]
fn reading_for_scoring_leaves_the_ranking_columns_alone() {
    let regions = || {
        mock(vec![
            ("code", Err(vec!["a", "b"])),
            ("name", Err(vec!["Kab A", "Kab B"])),
            ("level", Err(vec!["kabupaten", "kota"])),
            ("clusters", Err(vec!["perbatasan", ""])),
            ("1", Ok(vec![3.0, 2.0])),
            ("2a", Ok(vec![1.0, f64::NAN])),
        ])
    };
    let innovations = mock(vec![
        ("region", Err(vec!["a", "b", "a"])),
        ("urusan", Err(vec!["kesehatan", "", "sosial"])),
        ("16", Ok(vec![3.0, 2.0, 1.0])),
        ("17", Ok(vec![1.0, f64::NAN, 1.0])),
    ]);
    let (both, scoring) = (regions(), regions());
    let all = read(&both, &innovations, Some(rubric())).unwrap();
    let scored = read_for_scoring(&scoring, &innovations, Some(rubric())).unwrap();
    assert!(all.regions.name.is_some() && all.regions.level.is_some());
    assert!(all.regions.clusters.is_some());
    let r = &scored.regions;
    assert!(r.name.is_none() && r.level.is_none() && r.clusters.is_none());
    for label in ["name", "level", "clusters"] {
        assert!(both.read.borrow().contains(&label.to_string()));
        assert!(!scoring.read.borrow().contains(&label.to_string()));
    }
    assert_eq!(
        scored.score(Some(rubric())).unwrap(),
        all.score(Some(rubric())).unwrap()
    );
}
