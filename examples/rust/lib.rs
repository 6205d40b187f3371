//! Helpers shared by the Rust examples: where the bundled data lives.

use std::path::PathBuf;

/// The bundled example data, `examples/data/`.
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// A file of the bundled example data.
pub fn data_file(name: &str) -> PathBuf {
    data_dir().join(name)
}
