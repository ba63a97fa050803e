//! Cross-crate tests (`tests/`) and benchmarks (`benches/`) of the iid
//! workspace. The library is the `iid` crate in `crates/iid`.
