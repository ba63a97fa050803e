//! The cell references of a workbook, checked before calamine reads them.
//!
//! calamine 0.38 reads a reference's column letters and row digits in
//! unchecked `u32` arithmetic: a damaged reference (`AAAAAAAAA1`,
//! `A99999999999`) wraps in a release build, so that the cell is read at
//! a place that is nowhere in the file, and panics where overflow is
//! checked (tafia/calamine#694, #709). Every reference its sheet reader
//! takes (`ref` of `dimension`, `r` of `row` and of `c`) is checked here
//! first, in every part of the zip (whichever part a workbook names as a
//! sheet): a reference must be a cell of a worksheet's grid, columns `A`
//! to `XFD` and rows 1 to 1,048,576, and a range must run from its top
//! left to its bottom right (calamine subtracts the corners). The XML is
//! read as calamine reads it: quick-xml with calamine's settings, and the
//! attributes split as calamine's `RawAttrIter` splits them; markup that
//! does not parse is left to calamine, which stops there too.

use std::io::{BufReader, Read, Seek};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::super::invalid;
use crate::error::InputError;

/// Columns of a worksheet's grid (`XFD`).
pub(crate) const GRID_COLS: u32 = 16_384;
/// Rows of a worksheet's grid.
pub(crate) const GRID_ROWS: u32 = 1_048_576;

/// What an attribute holds: a cell (`B7`), a range of cells (`A1:L22`,
/// or one cell) or a row number.
#[derive(Clone, Copy)]
enum Holds {
    Cell,
    Range,
    Row,
}

/// The attribute calamine reads as a reference on an element (by its
/// local name), and what it holds.
fn reference_of(element: &str) -> Option<(&'static [u8], Holds)> {
    match element {
        "c" => Some((b"r", Holds::Cell)),
        "row" => Some((b"r", Holds::Row)),
        "dimension" => Some((b"ref", Holds::Range)),
        _ => None,
    }
}

/// A 1-based number of at most `max`, written in 1 to 7 digits.
fn number(digits: &[u8], max: u32) -> bool {
    (1..=7).contains(&digits.len())
        && digits.iter().all(u8::is_ascii_digit)
        && digits
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
            .wrapping_sub(1)
            < max
}

/// A cell of the grid, 1 to 3 letters (either case) then its row: its
/// 1-based (column, row).
fn cell(r: &[u8]) -> Option<(u32, u32)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if !(1..=3).contains(&letters) || !number(&r[letters..], GRID_ROWS) {
        return None;
    }
    let col = r[..letters].iter().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row = r[letters..]
        .iter()
        .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    (col <= GRID_COLS).then_some((col, row))
}

fn holds(value: &[u8], what: Holds) -> bool {
    match what {
        Holds::Cell => cell(value).is_some(),
        Holds::Row => number(value, GRID_ROWS),
        Holds::Range => match value.iter().position(|&b| b == b':') {
            Some(i) => match (cell(&value[..i]), cell(&value[i + 1..])) {
                (Some((c0, r0)), Some((c1, r1))) => c0 <= c1 && r0 <= r1,
                _ => false,
            },
            None => cell(value).is_some(),
        },
    }
}

/// An element's attributes as calamine 0.38 splits them (`attrs.rs`,
/// `RawAttrIter`): a key runs to the next `=` (trailing blanks trimmed),
/// its value is quoted; a malformed attribute ends the list, as it ends
/// calamine's reading of the element.
fn attributes(raw: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        while raw.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        let eq = pos + raw.get(pos..)?.iter().position(|&b| b == b'=')?;
        let key = raw[pos..eq].trim_ascii_end();
        let mut at = eq + 1;
        while raw.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        let quote = *raw.get(at).filter(|q| matches!(q, b'"' | b'\''))?;
        let start = at + 1;
        let end = start
            + raw[start..]
                .iter()
                .position(|&b| b == quote)
                .unwrap_or(raw.len() - start);
        pos = (end + 1).min(raw.len());
        Some((key, &raw[start..end]))
    })
}

/// Check every part of `zip`; the first reference that is no cell of the
/// grid is an error naming the part, the element and the reference as
/// written.
pub(crate) fn check<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Result<(), InputError> {
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue; // left to calamine, which reports it if it reads it
        };
        let name = part
            .name()
            .map_or_else(|_| format!("part {i}"), |n| n.to_string());
        let mut xml = Reader::from_reader(BufReader::new(part));
        let config = xml.config_mut();
        config.check_end_names = false;
        config.trim_text(false);
        config.check_comments = false;
        config.expand_empty_elements = true;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let e = match xml.read_event_into(&mut buf) {
                Ok(Event::Start(e)) => e,
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            let local = e.local_name();
            let Some((key, what)) = reference_of(local.as_ref()) else {
                continue;
            };
            let raw = e.attributes_raw().as_bytes();
            // Every attribute of the key (calamine may take a repeated one).
            let mut values = attributes(raw).filter(|(k, _)| *k == key);
            if let Some((_, value)) = values.find(|(_, v)| !holds(v, what)) {
                {
                    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
                    let (value, element, key) = (text(value), local.as_ref(), text(key));
                    return Err(invalid(
                        name,
                        format!(
                            "the reference \"{value}\" (<{element} {key}>) is no cell of a \
                             worksheet (columns A to XFD, rows 1 to 1048576; a range from its top \
                             left to its bottom right): a damaged workbook"
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_of_the_grid_and_beyond() {
        for ok in ["A1", "a1", "XFD1048576", "xfd1", "Z9", "AA10", "B07"] {
            assert!(cell(ok.as_bytes()).is_some(), "{ok}");
        }
        assert_eq!(cell(b"XFD1048576"), Some((GRID_COLS, GRID_ROWS)));
        assert_eq!(cell(b"ab12"), Some((28, 12)));
        for bad in [
            "",
            "A",
            "1",
            "A0",
            "XFE1",
            "A1048577",
            "AAAA1",
            "A12345678",
            "1A",
            "A-1",
            "A1 ",
            " A1",
            "Bé1",
            "AAAAAAAAAAAA1",
            "A4294967297",
            "A18446744073709551617",
        ] {
            assert!(cell(bad.as_bytes()).is_none(), "{bad}");
        }
        assert!(number(b"1048576", GRID_ROWS) && !number(b"1048577", GRID_ROWS));
        assert!(!number(b"0", GRID_ROWS) && !number(b"", GRID_ROWS) && !number(b"+1", GRID_ROWS));
        assert!(holds(b"A1:L22", Holds::Range) && holds(b"A1", Holds::Range));
        assert!(holds(b"B2:B2", Holds::Range));
        for bad in [
            "A1:ZZZZZZZ1",
            "A1:",
            ":A1",
            "A1:B2:C3",
            "L22:A1",
            "B1:A2",
            "A2:B1",
        ] {
            assert!(!holds(bad.as_bytes(), Holds::Range), "{bad}");
        }
    }

    #[test]
    fn attributes_split_as_calamine_splits_them() {
        let split = |raw: &str| -> Vec<(String, String)> {
            attributes(raw.as_bytes())
                .map(|(k, v)| {
                    (
                        String::from_utf8_lossy(k).into(),
                        String::from_utf8_lossy(v).into(),
                    )
                })
                .collect()
        };
        let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        assert_eq!(split(r#" r="A1" s="2""#), pairs(&[("r", "A1"), ("s", "2")]));
        assert_eq!(split(r#"x="1"r='B2'"#), pairs(&[("x", "1"), ("r", "B2")]));
        assert_eq!(split(r#"r = "C3""#), pairs(&[("r", "C3")]));
        // A key runs to the next `=`: "q r" is one key, not r.
        assert_eq!(split(r#"q r="D4""#), pairs(&[("q r", "D4")]));
        // Malformed: no `=`, or an unquoted value, ends the list.
        assert_eq!(split(r#"r="E5" t"#), pairs(&[("r", "E5")]));
        assert_eq!(split(r#"t=s r="F6""#), pairs(&[]));
        // An unclosed quote runs to the end.
        assert_eq!(split(r#"r="G7"#), pairs(&[("r", "G7")]));
    }
}
