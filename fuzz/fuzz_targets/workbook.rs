//! A workbook read and scored through the core's bytes entry point
//! (`api::call_bytes`, as the Python package and the service take a
//! .xlsx file). The input is one worksheet's XML: its first byte picks the
//! worksheet of the example workbook (`examples/kota-bukti-dukung.json`
//! written by the core), the rest replaces that part, and the parts are
//! zipped again; so libFuzzer mutates the markup, cell references and
//! values, not the zip's checksums.
#![no_main]

use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;

use iid::api::{self, Operation};
use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;

/// The example workbook's parts, in the zip's order.
fn parts() -> &'static [(String, Vec<u8>)] {
    static PARTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    PARTS.get_or_init(|| {
        let text = include_str!("../../examples/kota-bukti-dukung.json");
        let sub = iid::Submission::from_json(text).expect("the example reads");
        let rubric = iid::builtin("iid-2026").expect("embedded");
        let bytes = iid::io::workbook::write(rubric, &sub).expect("the example writes");
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        (0..zip.len())
            .map(|i| {
                let mut part = zip.by_index(i).expect("a part");
                let mut data = Vec::new();
                part.read_to_end(&mut data).expect("inflates");
                (part.name().expect("a name").to_string(), data)
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, xml)) = data.split_first() else {
        return;
    };
    let parts = parts();
    let sheets: Vec<usize> = (0..parts.len())
        .filter(|&i| parts[i].0.starts_with("xl/worksheets/"))
        .collect();
    let chosen = sheets[usize::from(pick) % sheets.len()];
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (i, (name, bytes)) in parts.iter().enumerate() {
        out.start_file(name.as_str(), stored).expect("writes");
        out.write_all(if i == chosen { xml } else { bytes }).expect("writes");
    }
    let bytes = out.finish().expect("writes").into_inner();
    if let Ok(answer) = api::call_bytes(Operation::Score, &bytes, None, None) {
        assert!(!answer.to_json().is_empty(), "an empty answer");
    }
});
