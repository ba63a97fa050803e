//! Embeds the rubric files (`rubrics/*.json`) with the whitespace between
//! JSON tokens removed: the same documents, key order and text kept, in
//! fewer bytes (the WebAssembly scoring module carries them).

use std::path::Path;

fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let dir = Path::new("rubrics");
    println!("cargo:rerun-if-changed=rubrics");
    let entries = std::fs::read_dir(dir).expect("crates/iid/rubrics exists");
    for entry in entries {
        let path = entry.expect("a readable entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            println!("cargo:rerun-if-changed={}", path.display());
            let text = std::fs::read_to_string(&path).expect("a readable rubric file");
            let name = path.file_name().expect("a file name");
            std::fs::write(Path::new(&out).join(name), compact(&text))
                .expect("OUT_DIR is writable");
        }
    }
}
