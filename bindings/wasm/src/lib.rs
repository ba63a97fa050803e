//! WebAssembly bindings (see bindings/wasm/README.md).
