//! The HTTP service on loopback, on random ports: one test binary (the
//! service's stack is linked once).

mod common;
mod documents;
mod errors;
mod operations;
mod shutdown;
