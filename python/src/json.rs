//! Results as data in Python: `to_json()` is the core's document ([`mpp_migration::ToJson`]
//! and the plans' and task's own `to_json`), and `to_dict()` is that text read by the
//! standard library's `json.loads`, so the shape is defined once, in the core crate, and
//! Python, Rust and C emit the same document (docs/json.md).

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `json.loads(text)`.
pub(crate) fn loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let loads = LOADS.get_or_try_init(py, || {
        py.import("json")?.getattr("loads").map(Bound::unbind)
    })?;
    loads.bind(py).call1((text,))
}
