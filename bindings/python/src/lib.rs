//! Python bindings (see bindings/python/README.md).
