//! A plan's files in Python (issue 6): `OutputFile` (a name and its content, in memory) and
//! `write_files`, core's checked, all-or-nothing writer, run without the GIL.

use std::path::Path;

use pyo3::prelude::*;
use pyo3::types::PyTuple;

use mpp_migration::OutputFile;

use crate::args::{boolean, string};
use crate::directory::path_arg;
use crate::errors::IntoPyResult;

crate::shapes::methods! {
class("OutputFile", eq, hash)
#[derive(Clone)]
pub(crate) struct PyOutputFile(pub(crate) OutputFile);
repr(this; "OutputFile(name={:?}, content=<{} bytes>)", this.0.name, this.0.content.len());
#[pymethods]
impl PyOutputFile {
    /// A file named `name` (no directory part) holding `content`.
    #[new]
    fn new(name: &Bound<'_, PyAny>, content: &Bound<'_, PyAny>) -> PyResult<PyOutputFile> {
        Ok(PyOutputFile(OutputFile {
            name: string("name", name)?,
            content: string("content", content)?,
        }))
    }
    /// Pickling and copying: rebuilt by the constructor.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let f = &slf.get().0;
        let args = (f.name.as_str(), f.content.as_str()).into_pyobject(slf.py())?;
        Ok((slf.get_type().into_any(), args))
    }
}
getters("OutputFile", this) {
    fn name() -> &str { &this.0.name }
    fn content() -> &str { &this.0.content }
}
}

/// Wraps core's files.
pub(crate) fn output_files(files: Vec<OutputFile>) -> Vec<PyOutputFile> {
    files.into_iter().map(PyOutputFile).collect()
}

/// Writes `files` into `dir` through core, without the GIL; the paths written.
pub(crate) fn write_into(
    py: Python<'_>,
    dir: &Path,
    files: &[OutputFile],
    overwrite: bool,
) -> PyResult<Vec<std::path::PathBuf>> {
    py.detach(|| mpp_migration::write_files(dir, files, overwrite))
        .py()
}

/// The `overwrite` argument (default False).
pub(crate) fn overwrite_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<bool> {
    obj.map_or(Ok(false), |o| boolean("overwrite", o))
}

#[doc = stub_doc!("write_files")]
#[pyfunction]
#[pyo3(signature = (dir, files, *, overwrite = None), text_signature = "(dir, files, *, overwrite=False)")]
pub(crate) fn write_files(
    py: Python<'_>,
    dir: &Bound<'_, PyAny>,
    files: &Bound<'_, PyAny>,
    overwrite: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<std::path::PathBuf>> {
    let dir = path_arg(dir)?;
    let files = files_arg(files)?;
    let overwrite = overwrite_arg(overwrite)?;
    write_into(py, &dir, &files, overwrite)
}

#[doc = stub_doc!("recover_output_dir")]
#[pyfunction]
pub(crate) fn recover_output_dir(py: Python<'_>, dir: &Bound<'_, PyAny>) -> PyResult<()> {
    let dir = path_arg(dir)?;
    py.detach(|| mpp_migration::recover_output_dir(&dir)).py()
}

/// The `files` argument: any iterable of `OutputFile`.
fn files_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<OutputFile>> {
    crate::args::objects("files", obj, "", true, |f: &PyOutputFile| f.0.clone())
}
