//! Long work without the GIL (issue 14 section 5): lists of many findings are built in chunks,
//! the Rust part of each chunk (copying the findings, cheap since messages are shared) done with
//! the GIL released, so that another Python thread runs between chunks instead of waiting for
//! the whole list.

use pyo3::prelude::*;
use pyo3::types::PyList;

use mpp_migration::Finding;

use crate::errors::PyFinding;

/// How many findings are made into Python objects between two releases of the GIL.
const CHUNK: usize = 4096;

/// A new Python list of `findings`, built in chunks of [`CHUNK`] with the GIL let go between
/// them.
pub(crate) fn findings_list<'py>(
    py: Python<'py>,
    findings: &[Finding],
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for chunk in findings.chunks(CHUNK) {
        let owned: Vec<Finding> = py.detach(|| chunk.to_vec());
        for finding in owned {
            list.append(Bound::new(py, PyFinding(finding))?)?;
        }
    }
    Ok(list)
}
