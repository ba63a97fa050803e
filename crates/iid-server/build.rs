//! The page and the schema documents are embedded at build time: rebuild
//! when anything under them changes, including files added later (the
//! WebAssembly package that `bindings/wasm/build.sh` writes into `www/pkg`).
fn main() {
    println!("cargo:rerun-if-changed=../../bindings/wasm/www");
    println!("cargo:rerun-if-changed=../../docs/schema");
}
