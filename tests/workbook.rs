//! The fill-in workbook: the template of a rubric, filled in as a person
//! would (numbers typed, dropdown texts chosen, dates as text), scores as
//! the equivalent JSON; bad cells are named by sheet and cell; a
//! workbook that is not ours is refused; JSON -> workbook -> JSON gives
//! the same submission (property).

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use iid::api::{self, ScoreCall};
use iid::error::Error;
use iid::io::{self, workbook, Loaded};
use iid::model::evidence::{Evidence, EvidenceKind, Verification, VerificationStatus};
use iid::model::submission::{AnswerDetail, Initiator, InnovationForm, Region};
use iid::{Answer, Date, Innovation, Level, Stage, Submission};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A cell to put into a workbook.
#[derive(Clone, Debug)]
enum Put {
    Text(&'static str),
    Num(f64),
    Date(u16, u8, u8),
    Clear,
}

/// `bytes` with some cells changed: every sheet read with calamine and
/// written again with rust_xlsxwriter (values only: what the reader
/// reads), then the edits applied (sheet, A1 reference, value). This is
/// what filling the template in by hand amounts to for the reader.
fn fill(bytes: &[u8], edits: &[(&str, &str, Put)]) -> Vec<u8> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut out = Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let ws = out.add_worksheet();
        ws.set_name(&name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, v) in range.used_cells() {
            let (r, c) = (r0 + r as u32, (c0 + c as u32) as u16);
            match v {
                Data::String(s) => ws.write_string(r, c, s).map(|_| ()),
                Data::Float(x) => ws.write_number(r, c, *x).map(|_| ()),
                Data::Int(x) => ws.write_number(r, c, *x as f64).map(|_| ()),
                Data::Bool(b) => ws.write_boolean(r, c, *b).map(|_| ()),
                Data::DateTime(d) => {
                    let (y, m, day, ..) = d.to_ymd_hms_milli();
                    let dt = ExcelDateTime::from_ymd(y, m, day).unwrap();
                    ws.write_datetime_with_format(r, c, dt, &date).map(|_| ())
                }
                other => panic!("unexpected cell {other:?}"),
            }
            .unwrap();
        }
        for (sheet, cell, put) in edits.iter().filter(|e| e.0 == name) {
            let _ = sheet;
            let (r, c) = a1(cell);
            match put {
                Put::Text(s) => ws.write_string(r, c, *s).map(|_| ()),
                Put::Num(x) => ws.write_number(r, c, *x).map(|_| ()),
                Put::Date(y, m, d) => ws
                    .write_datetime_with_format(
                        r,
                        c,
                        ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                        &date,
                    )
                    .map(|_| ()),
                Put::Clear => {
                    ws.clear_cell(r, c);
                    Ok(())
                }
            }
            .unwrap();
        }
    }
    out.save_to_buffer().unwrap()
}

/// `G12` as 0-based (row, column).
fn a1(cell: &str) -> (u32, u16) {
    let letters: String = cell
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let row: u32 = cell[letters.len()..].parse().unwrap();
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1));
    (row - 1, (col - 1) as u16)
}

fn template() -> Vec<u8> {
    workbook::template(iid::builtin("iid-2026").unwrap()).unwrap()
}

fn read(bytes: &[u8]) -> Loaded {
    io::read_submission(bytes).unwrap()
}

/// Score what was read, errors placed on their cells.
fn score(l: &Loaded) -> Result<iid::ScoreResult, Error> {
    api::score(&ScoreCall::new(l.submission.clone())).map_err(|e| l.locate(e))
}

fn json(text: &str) -> Submission {
    Submission::from_json(text).unwrap()
}

#[test]
fn the_template_reads_as_an_empty_submission_of_its_rubric() {
    let l = read(&template());
    assert_eq!(
        l.submission,
        Submission {
            methodology: Some("iid-2026".into()),
            ..Submission::default()
        }
    );
    // The dropdown texts come from the rubric: indicator 16's first
    // parameter, as the guideline words it.
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(template())).unwrap();
    let lists = book.worksheet_range("Daftar").unwrap();
    let rubric = iid::builtin("iid-2026").unwrap().rubric();
    let p16 = &rubric
        .indicators
        .iter()
        .find(|i| i.code == "16")
        .unwrap()
        .parameters[0];
    let wanted = format!("1 – {}", p16.description);
    assert!(lists
        .used_cells()
        .any(|(_, _, v)| *v == Data::String(wanted.clone())));
    let sheets = book.sheet_names();
    assert_eq!(
        sheets,
        [
            "Petunjuk",
            "Daerah",
            "SPD",
            "Inovasi",
            "Rincian",
            "Bukti",
            "Verifikasi",
            "Daftar"
        ]
    );
    // SPD: one row per region indicator, in the rubric's order.
    let spd = book.worksheet_range("SPD").unwrap();
    assert_eq!(spd.get_value((2, 0)), Some(&Data::String("1".into())));
    assert_eq!(spd.get_value((3, 0)), Some(&Data::String("2a".into())));
    assert_eq!(spd.get_value((0, 7)), Some(&Data::String("Level".into())));
    let inv = book.worksheet_range("Inovasi").unwrap();
    assert_eq!(inv.get_value((0, 6)), Some(&Data::String("16".into())));
    assert_eq!(inv.get_value((0, 25)), Some(&Data::String("35".into())));
}

#[test]
fn a_filled_template_scores_as_the_equivalent_json() {
    // Typed as a person would: a bare number, a dropdown text, the
    // affair's official name, a date typed as text and one as a date.
    let p17 = "2 – Ada SDM pengelola inovasi";
    let filled = fill(
        &template(),
        &[
            ("Daerah", "B4", Put::Text("99.01")),
            ("Daerah", "B5", Put::Text("Kabupaten Uji")),
            ("SPD", "H3", Put::Num(3.0)),
            ("SPD", "H4", Put::Text("2 – Perda APBD tepat waktu 2 tahun")),
            ("Inovasi", "A3", Put::Text("a")),
            ("Inovasi", "B3", Put::Text("Layanan Uji")),
            ("Inovasi", "C3", Put::Text("Kesehatan")),
            ("Inovasi", "E3", Put::Text("penerapan")),
            ("Inovasi", "F3", Put::Text("2024-05-01")),
            ("Inovasi", "G3", Put::Num(3.0)),
            ("Inovasi", "H3", Put::Text(p17)),
            ("Bukti", "A3", Put::Text("a")),
            ("Bukti", "B3", Put::Text("16")),
            ("Bukti", "C3", Put::Text("peraturan")),
            ("Bukti", "D3", Put::Text("Perbup Layanan Uji")),
            ("Bukti", "E3", Put::Date(2025, 2, 3)),
        ],
    );
    let l = read(&filled);
    let expected = json(
        r#"{"methodology": "iid-2026",
            "region": {"code": "99.01", "name": "Kabupaten Uji"},
            "spd": {"1": 3, "2a": 2},
            "innovations": [{"id": "a", "name": "Layanan Uji", "urusan": "Kesehatan",
              "stage": "implemented", "implemented_on": "2024-05-01",
              "levels": {"16": {"level": 3, "evidence": [{"kind": "regulation",
                 "title": "Perbup Layanan Uji", "issued": "2025-02-03"}]}, "17": 2}}]}"#,
    );
    assert_eq!(l.submission, expected);
    let from_xlsx = score(&l).unwrap();
    let from_json = api::score(&ScoreCall::new(expected)).unwrap();
    assert_eq!(from_xlsx, from_json);
    // By hand: SPD 1 x 3 + 1 x 2 = 5; the innovation's rows 3 x 3 + 2 x 2
    // = 13, over MAX(12, 1) = 12 seats; one basic-service affair of the 5
    // required: no count score. (5 + 13/12) / 250 x 100 = 2.4333 -> 2.43.
    assert_eq!(from_xlsx.index.to_string(), "2.43");
    assert_eq!(from_xlsx.predicate, "Kurang Inovatif");
}

#[test]
fn cluster_flags_are_one_cell_and_an_older_workbook_has_none() {
    // Rows of the region sheet from row 3: methodology, code, name, level,
    // province, clusters (B8).
    let filled = fill(
        &template(),
        &[
            ("Daerah", "B4", Put::Text("99.01")),
            ("Daerah", "B8", Put::Text(" perbatasan, tertinggal ,, ")),
        ],
    );
    let region = read(&filled).submission.region.unwrap();
    assert_eq!(region.clusters, ["perbatasan", "tertinggal"]);
    // A workbook made before the cluster row: label and value gone.
    let older = fill(
        &template(),
        &[
            ("Daerah", "B4", Put::Text("99.01")),
            ("Daerah", "A8", Put::Clear),
            ("Daerah", "C8", Put::Clear),
        ],
    );
    let region = read(&older).submission.region.unwrap();
    assert_eq!(region.code.as_deref(), Some("99.01"));
    assert!(region.clusters.is_empty());
    // Another label there is still a moved row, not a missing one.
    let moved = fill(&template(), &[("Daerah", "A8", Put::Text("Catatan"))]);
    let e = io::read_submission(&moved).unwrap_err();
    assert!(e.to_string().contains("Daerah!A8"), "{e}");
}

#[test]
fn a_bad_cell_is_named_by_sheet_and_cell() {
    // Ten innovations; the tenth (row 12) answers 4 on indicator 16
    // (column G), which has three parameters.
    let mut edits: Vec<(&str, &str, Put)> = Vec::new();
    const IDS: [&str; 10] = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    const CELLS: [&str; 10] = [
        "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12",
    ];
    for (id, cell) in IDS.iter().zip(CELLS) {
        edits.push(("Inovasi", cell, Put::Text(id)));
    }
    edits.push(("Inovasi", "G12", Put::Num(4.0)));
    let l = read(&fill(&template(), &edits));
    let e = score(&l).unwrap_err();
    assert_eq!((e.code(), e.path()), ("level_out_of_range", "Inovasi!G12"));
    assert_eq!(e.to_string(), "Inovasi!G12: level 4 out of range 0..=3");

    // Read errors name their cell directly.
    let cases: [(&str, &str, Put, &str, &str); 6] = [
        (
            "Inovasi",
            "H3",
            Put::Text("banyak"),
            "input_json",
            "Inovasi!H3",
        ),
        ("Inovasi", "H3", Put::Num(2.5), "input_json", "Inovasi!H3"),
        ("SPD", "H5", Put::Num(-1.0), "input_json", "SPD!H5"),
        (
            "Inovasi",
            "F3",
            Put::Text("2024-02-30"),
            "input_json",
            "Inovasi!F3",
        ),
        (
            "Inovasi",
            "E3",
            Put::Text("selesai"),
            "input_json",
            "Inovasi!E3",
        ),
        ("SPD", "I5", Put::Text("lima"), "input_json", "SPD!I5"),
    ];
    for (sheet, cell, put, code, path) in cases {
        let bytes = fill(
            &template(),
            &[("Inovasi", "A3", Put::Text("a")), (sheet, cell, put)],
        );
        let e = io::read_submission(&bytes).unwrap_err();
        assert_eq!((e.code(), e.path()), (code, path), "{e}");
    }

    // Scoring errors too: an unknown affair code, a duplicate id, evidence
    // for an innovation that is not there, a bad URL.
    let bytes = fill(
        &template(),
        &[
            ("Inovasi", "A3", Put::Text("a")),
            ("Inovasi", "C3", Put::Text("Bukan Kode")),
        ],
    );
    let e = score(&read(&bytes)).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_invalid", "Inovasi!C3"));
    let bytes = fill(
        &template(),
        &[
            ("Inovasi", "A3", Put::Text("a")),
            ("Inovasi", "A4", Put::Text("a")),
        ],
    );
    let e = io::read_submission(&bytes).unwrap_err();
    assert_eq!((e.code(), e.path()), ("duplicate_id", "Inovasi!A4"));
    let bytes = fill(
        &template(),
        &[
            ("Bukti", "A3", Put::Text("x")),
            ("Bukti", "B3", Put::Text("16")),
            ("Bukti", "C3", Put::Text("foto")),
        ],
    );
    let e = io::read_submission(&bytes).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_invalid", "Bukti!A3"));
    let bytes = fill(
        &template(),
        &[
            ("Bukti", "B3", Put::Text("1")),
            ("Bukti", "C3", Put::Text("foto")),
            ("Bukti", "F3", Put::Text("ftp://x")),
        ],
    );
    let e = score(&read(&bytes)).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_invalid", "Bukti!F3"));
}

#[test]
fn a_workbook_that_is_not_ours_is_refused() {
    // A sheet missing.
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Sheet1").unwrap();
    let e = io::read_submission(&book.save_to_buffer().unwrap()).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_invalid", "Daerah"));
    // A header moved: a column inserted before `Kode`.
    let bytes = fill(&template(), &[("SPD", "A1", Put::Text("No"))]);
    let e = io::read_submission(&bytes).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_invalid", "SPD!A1"));
    // The innovations' trailing columns gone.
    let bytes = fill(&template(), &[("Inovasi", "AA1", Put::Clear)]);
    let e = io::read_submission(&bytes).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_invalid", "Inovasi!G1"));
    // A region row moved.
    let bytes = fill(&template(), &[("Daerah", "A4", Put::Text("Kode"))]);
    let e = io::read_submission(&bytes).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_invalid", "Daerah!A4"));
    // Not a zip at all, but starting like one.
    let e = io::read_submission(b"PK\x03\x04 broken").unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_invalid", "$"));
}

#[test]
fn the_examples_go_there_and_back() {
    for name in ["kabupaten-contoh", "kota-bukti-dukung"] {
        let text = std::fs::read_to_string(format!("examples/{name}.json")).unwrap();
        let sub = json(&text);
        let rubric = iid::builtin("iid-2026").unwrap();
        let bytes = workbook::write(rubric, &sub).unwrap();
        let back = read(&bytes).submission;
        assert_eq!(back, normalised(&sub), "{name}");
        for mode in [iid::Mode::SelfAssessment, iid::Mode::Verified] {
            assert_eq!(
                iid::score_mode(rubric, &back, mode).unwrap(),
                iid::score_mode(rubric, &sub, mode).unwrap()
            );
        }
    }
}

/// The submission as a workbook gives it back: an answer object holding
/// only a level is that level, empty texts are absent.
fn normalised(sub: &Submission) -> Submission {
    let answer = |a: &Answer| -> Option<Answer> {
        match a {
            Answer::Level(l) => Some(Answer::Level(*l)),
            Answer::Detailed(d) => {
                let d = AnswerDetail {
                    category: d.category.clone().filter(|s| !s.is_empty()),
                    basis: d.basis.clone().filter(|s| !s.is_empty()),
                    note: d.note.clone().filter(|s| !s.is_empty()),
                    evidence: d
                        .evidence
                        .iter()
                        .map(|e| Evidence {
                            title: e.title.clone().filter(|s| !s.is_empty()),
                            url: e.url.clone().filter(|s| !s.is_empty()),
                            sha256: e.sha256.clone().filter(|s| !s.is_empty()),
                            ..e.clone()
                        })
                        .collect(),
                    verification: d.verification.clone().map(|v| Verification {
                        note: v.note.filter(|s| !s.is_empty()),
                        verifier: v.verifier.filter(|s| !s.is_empty()),
                        ..v
                    }),
                    ..(**d).clone()
                };
                let bare = d.value.is_none()
                    && d.category.is_none()
                    && d.basis.is_none()
                    && d.note.is_none()
                    && d.evidence.is_empty()
                    && d.verification.is_none();
                match (d.level, bare) {
                    (None, true) => None,
                    (Some(l), true) => Some(Answer::Level(l)),
                    _ => Some(Answer::Detailed(Box::new(d))),
                }
            }
        }
    };
    let answers = |m: &BTreeMap<String, Answer>| -> BTreeMap<String, Answer> {
        m.iter()
            .filter_map(|(k, a)| answer(a).map(|a| (k.clone(), a)))
            .collect()
    };
    let text = |s: &Option<String>| s.clone().filter(|s| !s.is_empty());
    let region = sub.region.as_ref().map(|r| Region {
        code: text(&r.code),
        name: text(&r.name),
        level: text(&r.level),
        province: text(&r.province),
        // Flags are one cell, comma separated, each trimmed.
        clusters: r
            .clusters
            .iter()
            .map(|f| f.trim().to_string())
            .filter(|f| !f.is_empty())
            .collect(),
    });
    Submission {
        methodology: text(&sub.methodology),
        region: region.filter(|r| *r != Region::default()),
        spd: answers(&sub.spd),
        innovations: sub
            .innovations
            .iter()
            .map(|i| Innovation {
                name: text(&i.name),
                urusan: text(&i.urusan),
                agency: text(&i.agency),
                design: text(&i.design),
                levels: answers(&i.levels),
                ..i.clone()
            })
            .collect(),
        agencies: sub
            .agencies
            .iter()
            .filter(|a| !a.is_empty())
            .cloned()
            .collect(),
    }
}

// ------------------------------------------------------------ the property

fn arb_text() -> impl Strategy<Value = String> {
    // Letters, digits, punctuation, markup, Indonesian and other scripts,
    // spaces and line breaks, and the `_x0041_` escape Excel decodes.
    prop_oneof![
        "[a-zA-Z0-9 .,'&<>\"/-]{0,20}",
        "[\\p{L}\\p{N} ]{0,12}",
        Just("_x0041_ <b>&amp;</b>".to_string()),
        Just("baris satu\nbaris dua".to_string()),
        Just("=1+1".to_string()),
    ]
}

fn arb_opt_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(arb_text())
}

fn arb_date() -> impl Strategy<Value = Date> {
    (1900i32..2100, 1u8..13, 1u8..29).prop_map(|(y, m, d)| Date {
        year: y,
        month: m,
        day: d,
    })
}

fn arb_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (-100_000i64..100_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s)),
        (any::<i64>(), 0u32..12).prop_map(|(m, s)| Decimal::new(m, s)),
    ]
}

fn arb_evidence() -> impl Strategy<Value = Evidence> {
    use EvidenceKind::*;
    let kinds = [
        Regulation,
        Decree,
        Letter,
        BudgetDocument,
        PlanningDocument,
        Report,
        Statistics,
        Photo,
        Screenshot,
        Video,
        NewsLink,
        Survey,
        Agreement,
        Manual,
        Certificate,
    ];
    (
        proptest::sample::select(kinds.to_vec()),
        arb_opt_text(),
        proptest::option::of(arb_date()),
        proptest::option::of("https://[a-z]{1,8}\\.id/[a-z0-9]{0,6}"),
        proptest::option::of("[0-9a-f]{64}"),
    )
        .prop_map(|(kind, title, issued, url, sha256)| Evidence {
            kind,
            title,
            issued,
            url,
            sha256,
        })
}

fn arb_verification() -> impl Strategy<Value = Verification> {
    use VerificationStatus::*;
    (
        proptest::sample::select(vec![Pending, Accepted, Revise, Rejected]),
        proptest::option::of((0u8..4).prop_map(Level)),
        arb_opt_text(),
        arb_opt_text(),
        proptest::option::of(arb_date()),
    )
        .prop_map(|(status, level, note, verifier, date)| Verification {
            status,
            level,
            note,
            verifier,
            date,
        })
}

fn arb_answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        (0u8..10).prop_map(|l| Answer::Level(Level(l))),
        (
            proptest::option::of((0u8..10).prop_map(Level)),
            proptest::option::of(arb_decimal()),
            arb_opt_text(),
            arb_opt_text(),
            proptest::collection::vec(arb_evidence(), 0..3),
            proptest::option::of(arb_verification()),
            arb_opt_text(),
        )
            .prop_map(
                |(level, value, category, basis, evidence, verification, note)| {
                    Answer::Detailed(Box::new(AnswerDetail {
                        level,
                        value,
                        category,
                        basis,
                        evidence,
                        verification,
                        note,
                    }))
                }
            ),
    ]
}

fn arb_answers(codes: &'static [&'static str]) -> impl Strategy<Value = BTreeMap<String, Answer>> {
    proptest::collection::btree_map(
        proptest::sample::select(codes).prop_map(String::from),
        arb_answer(),
        0..6,
    )
}

// Rubric codes, a code the rubric does not have, and one of the other scope.
const SPD_CODES: &[&str] = &["1", "2a", "3", "8", "13b", "15", "99x", "16"];
const SID_CODES: &[&str] = &["16", "17", "33", "35", "zz", "1"];

fn arb_innovation() -> impl Strategy<Value = Innovation> {
    use Initiator::*;
    use InnovationForm::*;
    (
        "[a-z0-9-]{1,10}",
        (arb_opt_text(), arb_opt_text(), arb_opt_text()),
        proptest::option::of(proptest::sample::select(vec![
            Stage::Initiative,
            Stage::Trial,
            Stage::Implemented,
        ])),
        proptest::option::of(arb_date()),
        proptest::option::of(proptest::sample::select(vec![
            Governance,
            PublicService,
            Other,
        ])),
        proptest::option::of(any::<bool>()),
        proptest::option::of(proptest::sample::select(vec![
            HeadOfRegion,
            Dprd,
            Opd,
            Asn,
            Public,
        ])),
        arb_opt_text(),
        arb_answers(SID_CODES),
    )
        .prop_map(
            |(
                id,
                (name, urusan, agency),
                stage,
                implemented_on,
                form,
                digital,
                initiator,
                design,
                levels,
            )| {
                Innovation {
                    id,
                    name,
                    urusan,
                    agency,
                    form,
                    digital,
                    initiator,
                    stage,
                    implemented_on,
                    design,
                    levels,
                    ..Innovation::default()
                }
            },
        )
}

fn arb_submission() -> impl Strategy<Value = Submission> {
    (
        arb_opt_text(),
        proptest::option::of((
            arb_opt_text(),
            arb_opt_text(),
            arb_opt_text(),
            arb_opt_text(),
            // Cluster flags: words without commas (the cell's separator).
            proptest::collection::vec("[a-z][a-z_ ]{0,11}", 0..4),
        )),
        arb_answers(SPD_CODES),
        proptest::collection::vec(arb_innovation(), 0..5),
        proptest::collection::vec(arb_text(), 0..3),
    )
        .prop_map(|(methodology, region, spd, mut innovations, agencies)| {
            // Ids are unique in a submission the workbook can hold.
            let mut seen = std::collections::BTreeSet::new();
            innovations.retain(|i| seen.insert(i.id.clone()));
            Submission {
                methodology,
                region: region.map(|(code, name, level, province, clusters)| Region {
                    code,
                    name,
                    level,
                    province,
                    clusters,
                }),
                spd,
                innovations,
                agencies,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// JSON -> workbook -> JSON gives the same submission (an answer that
    /// holds only a level as that level; empty texts as absent).
    #[test]
    fn json_to_workbook_and_back(sub in arb_submission()) {
        let rubric = iid::builtin("iid-2026").unwrap();
        let bytes = workbook::write(rubric, &sub).unwrap();
        let back = io::read_submission(&bytes).unwrap().submission;
        prop_assert_eq!(back, normalised(&sub));
    }
}

#[test]
fn a_workbook_at_the_innovation_limit_and_past_it() {
    use iid::model::submission::MAX_INNOVATIONS;
    let r = iid::builtin("iid-2026").unwrap();
    let mut sub = iid::synthetic::national(r, 1, MAX_INNOVATIONS, 7).remove(0);
    let bytes = workbook::write(r, &sub).unwrap();
    let back = read(&bytes);
    assert_eq!(back.submission, normalised(&sub));
    assert_eq!(score(&back).unwrap(), iid::score(r, &sub).unwrap());
    // One more innovation: read, then refused by scoring, naming the sheet.
    let mut extra = sub.innovations[0].clone();
    extra.id = "one-too-many".into();
    sub.innovations.push(extra);
    let back = read(&workbook::write(r, &sub).unwrap());
    let e = score(&back).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_too_large", "Inovasi"));
}

/// A national workbook: sheets `regions` and `innovations`, labels on
/// row 1.
fn national(innovation_16_of_b: f64) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("regions").unwrap();
    for (c, label) in ["code", "1", "2a"].iter().enumerate() {
        ws.write_string(0, c as u16, *label).unwrap();
    }
    ws.write_string(1, 0, "A").unwrap();
    ws.write_number(1, 1, 3.0).unwrap();
    ws.write_string(1, 2, "2 – Perda APBD tepat waktu 2 tahun")
        .unwrap();
    ws.write_string(2, 0, "B").unwrap();
    ws.write_number(2, 1, 1.0).unwrap();
    let ws = book.add_worksheet();
    ws.set_name("innovations").unwrap();
    for (c, label) in ["region", "urusan", "16", "17"].iter().enumerate() {
        ws.write_string(0, c as u16, *label).unwrap();
    }
    ws.write_string(1, 0, "A").unwrap();
    ws.write_string(1, 1, "kesehatan").unwrap();
    ws.write_number(1, 2, 3.0).unwrap();
    ws.write_number(1, 3, 2.0).unwrap();
    ws.write_string(2, 0, "B").unwrap();
    ws.write_string(2, 1, "sosial").unwrap();
    ws.write_number(2, 2, innovation_16_of_b).unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn the_national_tables_read_from_a_workbook() {
    let r = iid::builtin("iid-2026").unwrap();
    let rows = workbook::tables::score_tables(&national(1.0), Some(r)).unwrap();
    // By hand: A as above, 2.43; B: SPD 1 x 1 = 1, its innovation's row
    // 3 x 1 = 3 over 12 seats: 1.25 / 250 x 100 = 0.50.
    let got: Vec<String> = rows.iter().map(|h| h.index.to_string()).collect();
    assert_eq!(got, ["2.43", "0.50"]);
    let e = workbook::tables::score_tables(&national(4.0), Some(r)).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("level_out_of_range", "innovations!C3")
    );
    let e = workbook::tables::score_tables(&national(2.5), Some(r)).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_json", "innovations!C3"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Damaged workbooks (bytes changed, cut short) are errors, never a
    /// panic; random bytes behind the zip signature too.
    #[test]
    fn damaged_workbooks_are_errors_not_panics(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        noise in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let good = damaged_base();
        let mut bytes = good.to_vec();
        for (at, b) in &edits {
            let i = at.index(bytes.len());
            bytes[i] = *b;
        }
        let _ = io::read_submission(&bytes);
        let _ = io::read_submission(&good[..cut.index(good.len())]);
        let mut junk = b"PK\x03\x04".to_vec();
        junk.extend(noise);
        prop_assert!(io::read_submission(&junk).is_err());
    }
}

fn damaged_base() -> &'static [u8] {
    static BASE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BASE.get_or_init(|| {
        let text = std::fs::read_to_string("examples/kota-bukti-dukung.json").unwrap();
        workbook::write(iid::builtin("iid-2026").unwrap(), &json(&text)).unwrap()
    })
}

/// A workbook's parts, each part's bytes changed by `f`, zipped again.
fn rezip(bytes: &[u8], mut f: impl FnMut(&str, &mut Vec<u8>)) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut part = zin.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        f(&name, &mut data);
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Well-zipped workbooks whose XML is damaged (markup, numbers, shared
    /// strings, styles) are errors or readable submissions, never a panic.
    #[test]
    fn damaged_xml_is_an_error_not_a_panic(
        edits in proptest::collection::vec(
            (0usize..8, any::<prop::sample::Index>(), "[<>\"/=0-9A-Zrcstv :;.-]{0,6}"),
            1..6,
        ),
    ) {
        let bytes = rezip(damaged_base(), |name, data| {
            let k = [
                "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
                "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",
                "xl/worksheets/sheet4.xml", "xl/worksheets/sheet6.xml",
                "xl/_rels/workbook.xml.rels",
            ];
            for (part, at, text) in &edits {
                if k[*part] == name && !data.is_empty() {
                    let i = at.index(data.len());
                    let end = (i + text.len()).min(data.len());
                    data.splice(i..end, text.bytes());
                }
            }
        });
        if let Ok(l) = io::read_submission(&bytes) {
            let _ = score(&l);
        }
    }
}

/// `part` of [`damaged_base`] with its first `<tag ... key="...">` value
/// replaced by `value` (`extra`: attributes added after it).
fn with_reference(part: &str, tag: &str, key: &str, value: &str, extra: &str) -> Vec<u8> {
    rezip(damaged_base(), |name, data| {
        if name == part {
            let text = String::from_utf8(data.clone()).unwrap();
            let open = text.find(&format!("<{tag} ")).unwrap();
            let at = open + text[open..].find(&format!(" {key}=\"")).unwrap() + key.len() + 3;
            let end = at + text[at..].find('"').unwrap();
            *data = format!("{}{value}\"{extra}{}", &text[..at], &text[end + 1..]).into_bytes();
        }
    })
}

/// A cell reference off the grid is refused before calamine reads it
/// (whose u32 arithmetic wraps them, so that a cell would be read
/// somewhere else, or panics where overflow is checked): an error naming
/// the part and the reference as written, for the references the sheet
/// reader takes (`c r`, `row r`, `dimension ref`), a repeated attribute
/// included. The overlong ones were found by
/// `damaged_xml_is_an_error_not_a_panic`.
#[test]
fn a_cell_reference_off_the_grid_is_an_error_naming_it() {
    let sheet = "xl/worksheets/sheet2.xml";
    let cases = [
        ("c", "r", "AAAAAAAAAAAAAAAAAAAAAAAA1", ""),
        ("c", "r", "ZZZZZZZZ9", ""),
        ("c", "r", "zzzzzzzzzzzz4294967295", ""),
        // Wrapped to row 0: the header cell A1, read in its place.
        ("c", "r", "A18446744073709551617", ""),
        ("c", "r", "XFE3", ""),
        ("c", "r", "A1048577", ""),
        ("c", "r", "A0", ""),
        ("c", "r", "A1", r#" r="ZZZZZZZZ1""#),
        ("row", "r", "4294967297", ""),
        ("row", "r", "0", ""),
        ("dimension", "ref", "A1:ZZZZZZZ1", ""),
        // Corners the wrong way round: calamine subtracts them.
        ("dimension", "ref", "L22:A1", ""),
    ];
    for (tag, key, value, extra) in cases {
        let bytes = with_reference(sheet, tag, key, value, extra);
        let e = io::read_submission(&bytes).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("input_invalid", sheet),
            "{tag} {key}={value}: {e}"
        );
        let shown = if extra.is_empty() { value } else { "ZZZZZZZZ1" };
        assert!(
            e.to_string()
                .contains(&format!("\"{shown}\" (<{tag} {key}>)")),
            "{e}"
        );
    }
}

/// References on the grid pass the check: lower-case letters read as
/// upper-case ones (the same submission), and a column past the reader's
/// own limit (1,024 columns) is refused by that limit, at its cell.
#[test]
fn references_on_the_grid_read_as_before() {
    let base = io::read_submission(damaged_base()).unwrap();
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap();
    let lower = rezip(damaged_base(), |name, data| {
        if name.starts_with("xl/worksheets/") {
            *data = text(data).replace("<c r=\"A", "<c r=\"a").into_bytes();
        }
    });
    let read = io::read_submission(&lower).unwrap();
    assert_eq!(read.submission, base.submission);
    let far = rezip(damaged_base(), |name, data| {
        if name == "xl/worksheets/sheet3.xml" {
            *data = text(data)
                .replacen("</row>", "<c r=\"XFD1\"><v>1</v></c></row>", 1)
                .into_bytes();
        }
    });
    let e = io::read_submission(&far).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_too_large", "SPD!XFD1"), "{e}");
    assert!(e.to_string().contains("16384 > limit 1024"), "{e}");
}

/// The workbook vectors (`tests/vectors/workbook/`, shared with the Python
/// and JavaScript suites): each damaged workbook is refused with the
/// error, path and message the vector gives.
#[test]
fn workbook_vectors_are_refused_as_they_say() {
    let dir = std::path::Path::new("tests/vectors/workbook");
    let mut specs: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    specs.sort();
    assert!(specs.len() >= 4, "the workbook vectors are missing");
    for spec in specs {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&spec).unwrap()).unwrap();
        let bytes = std::fs::read(dir.join(v["workbook"].as_str().unwrap())).unwrap();
        let e = io::read_submission(&bytes).unwrap_err();
        let want = &v["expected_error"];
        assert_eq!(
            (e.code(), e.path()),
            (
                want["code"].as_str().unwrap(),
                want["path"].as_str().unwrap()
            ),
            "{}: {e}",
            spec.display()
        );
        let part = v["message_contains"].as_str().unwrap();
        assert!(e.to_string().contains(part), "{}: {e}", spec.display());
    }
}
