//! Long work without the GIL (issue 14 section 5): lists of many findings are built in chunks,
//! the Rust part of each chunk (copying the findings, cheap since messages are shared) done with
//! the GIL released, so that another Python thread runs between chunks instead of waiting for
//! the whole list.
//!
//! The findings are also left out of Python's cyclic garbage collector: every `#[pyclass]`
//! object is tracked by it, and while a list of 300k findings grows, the collector's full passes
//! visit all of them again and again, with the GIL held: 140 ms at a time and four fifths of
//! the list's time (issue 14 section 5). A finding holds no Python object, so it can be in no
//! cycle and the collector has nothing to find in it.

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
            let object = Bound::new(py, PyFinding(finding))?;
            // SAFETY: `object` is a live object of a garbage-collected type (every
            // `#[pyclass]` type is one) and the GIL is held. Untracking only takes it off the
            // collector's lists, which is sound for an object that refers to no other object
            // but its (module-level) type, as CPython does for tuples of atoms; its dealloc
            // untracks only what is tracked.
            unsafe { pyo3::ffi::PyObject_GC_UnTrack(object.as_ptr().cast()) };
            list.append(object)?;
        }
    }
    Ok(list)
}
