//! The CSV upload in Python (CSV-1 to CSV-16): `validate_upload` (a whole report), `iter_upload`
//! (chunks of rows in bounded memory), `UploadReport`, `UploadChunk`, `UploadCounts`, and the
//! files to download (`template_csv`, `user_export_csv`). Validation runs without the GIL.

use std::io::Read;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use pyo3::prelude::*;
use pyo3::types::PyList;

use mpp_migration::{
    Finding, UploadChunk, UploadCounts, UploadOption, UploadOptions, UploadReader, UploadReport,
    validate_upload as core_validate, validate_upload_path,
};

use crate::args::{at_least, given, integer, invalid, upload_option};
use crate::device::{Devices, PyDeviceList};
use crate::directory::{PyDirectory, directory_arg};
use crate::eligibility::table_arg;
use crate::errors::{IntoPyResult, PyFinding};
use crate::source::{FailureSlot, PyBytesReader, PyFileReader, Source, open, reader_error};

crate::shapes::methods! {
class("UploadCounts", eq, hash)
#[derive(Clone, Copy)]
pub(crate) struct PyUploadCounts(pub(crate) UploadCounts);
repr(this; "UploadCounts(added={}, errors={}, total={})",
    this.0.added, this.0.errors, this.0.total);
/// Pickling and copying: rebuilt from the three counts.
reduce(this; (this.0.added, this.0.errors, this.0.total));
#[pymethods]
impl PyUploadCounts {
    /// Later uploads to the same task add to the counts (CSV-14).
    fn __add__(&self, other: &Bound<'_, PyAny>) -> Option<PyUploadCounts> {
        other
            .cast::<PyUploadCounts>()
            .ok()
            .map(|o| PyUploadCounts(self.0 + o.get().0))
    }
    /// Rebuilds pickled counts.
    #[staticmethod]
    #[pyo3(name = "_restore")]
    fn restore(added: u64, errors: u64, total: u64) -> Self {
        PyUploadCounts(UploadCounts {
            added,
            errors,
            total,
        })
    }
}
getters("UploadCounts", this) {
    fn added() -> u64 { this.0.added }
    fn errors() -> u64 { this.0.errors }
    fn total() -> u64 { this.0.total }
}
}

/// The options of an upload, from the Python arguments.
fn options(
    option: Option<&Bound<'_, PyAny>>,
    directory: Option<&Bound<'_, PyAny>>,
    eligibility: Option<&Bound<'_, PyAny>>,
    size_hint: Option<&Bound<'_, PyAny>>,
) -> PyResult<UploadOptions> {
    let option = option.map_or(Ok(UploadOption::LicenseAndDevice), |o| {
        upload_option("option", o)
    })?;
    let mut options =
        UploadOptions::new(option).with_eligibility(table_arg("eligibility", eligibility)?);
    if let Some(directory) = directory_arg(directory)? {
        options = options.with_directory(directory);
    }
    if let Some(hint) = given(size_hint) {
        options = options.with_size_hint(at_least("size_hint", hint, "a byte count of ", 0)?);
    }
    Ok(options)
}

#[doc = stub_doc!("validate_upload")]
#[pyfunction]
#[pyo3(
    signature = (source, option = None, directory = None, *, eligibility = None, size_hint = None),
    text_signature = "(source, option='license_and_device', directory=None, *, eligibility=None, size_hint=None)"
)]
pub(crate) fn validate_upload(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    option: Option<&Bound<'_, PyAny>>,
    directory: Option<&Bound<'_, PyAny>>,
    eligibility: Option<&Bound<'_, PyAny>>,
    size_hint: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyUploadReport> {
    let options = options(option, directory, eligibility, size_hint)?;
    let report = match Source::extract(source)? {
        Source::Path(path) => py.detach(|| validate_upload_path(&path, options)).py()?,
        Source::Bytes(bytes) => {
            let data = bytes.as_bytes();
            let options = options.or_size_hint(data.len() as u64);
            py.detach(|| core_validate(data, options)).py()?
        }
        Source::Owned(data) => {
            let options = options.or_size_hint(data.len() as u64);
            py.detach(|| core_validate(data.as_slice(), options)).py()?
        }
        Source::File(file) => {
            let (reader, failure) = PyFileReader::new(file.unbind());
            py.detach(|| core_validate(reader, options))
                .map_err(|e| reader_error(py, e, Some(&failure)))?
        }
    };
    Ok(PyUploadReport(Arc::new(report)))
}

crate::shapes::methods! {
class("UploadReport") pub(crate) struct PyUploadReport(pub(crate) Arc<UploadReport>);
json("UploadReport", this, py; {
    // A report of a million rows takes a while: other threads run meanwhile.
    let report = Arc::clone(&this.0);
    py.detach(move || mpp_migration::ToJson::to_json(&*report))
});
repr(this; "UploadReport(option={:?}, added={}, errors={}, total={}, findings={})",
    this.0.option().as_str(), this.0.added(), this.0.errors(), this.0.total(),
    this.0.findings().len());
#[pymethods]
impl PyUploadReport {
    fn findings_for_row(&self, row: &Bound<'_, PyAny>) -> PyResult<Vec<PyFinding>> {
        let row = integer("row", row)?;
        let findings = u64::try_from(row).map(|row| self.0.findings_for_row(row));
        Ok(findings.map_or(Vec::new(), PyFinding::list))
    }
}
calls("UploadReport", this) {
    fn severity_counts() -> (usize, usize) { this.0.severity_counts() }
    fn errors_csv<'py>(py) -> String { py.detach(|| this.0.errors_csv()) }
    fn devices_csv<'py>(py) -> String { py.detach(|| this.0.devices_csv()) }
}
getters("UploadReport", this) {
    fn devices() -> PyDeviceList { PyDeviceList::new(Devices::Report(Arc::clone(&this.0))) }
    fn findings<'py>(py) -> PyResult<Bound<'py, PyList>> {
        crate::gil::findings_list(py, this.0.findings())
    }
    fn added() -> u64 { this.0.added() }
    fn errors() -> u64 { this.0.errors() }
    fn total() -> u64 { this.0.total() }
    fn counts() -> PyUploadCounts { PyUploadCounts(this.0.counts()) }
    fn option() -> &'static str { this.0.option().as_str() }
    fn directory_checked() -> bool { this.0.directory_checked() }
    fn header() -> Vec<String> { this.0.header().to_vec() }
}
}

crate::shapes::methods! {
class("UploadChunk") pub(crate) struct PyUploadChunk(Arc<UploadChunk>);
repr(this, c = &this.0; "UploadChunk(rows={}..{}, added={}, errors={}, findings={})",
    c.first_row, c.last_row, c.counts.added, c.counts.errors, c.findings.len());
getters("UploadChunk", this) {
    fn devices() -> PyDeviceList { PyDeviceList::new(Devices::Chunk(Arc::clone(&this.0))) }
    fn findings() -> Vec<PyFinding> { PyFinding::list(&this.0.findings) }
    fn counts() -> PyUploadCounts { PyUploadCounts(this.0.counts) }
    fn added() -> u64 { this.0.counts.added }
    fn errors() -> u64 { this.0.counts.errors }
    fn total() -> u64 { this.0.counts.total }
    fn first_row() -> u64 { this.0.first_row }
    fn last_row() -> u64 { this.0.last_row }
}
}

/// The reader of a streamed upload, over whichever source it came from.
type StreamReader = UploadReader<Box<dyn Read + Send>>;

crate::shapes::methods! {
class("UploadIterator") pub(crate) struct PyUploadIterator {
    reader: Mutex<Option<StreamReader>>,
    failure: Option<FailureSlot>,
    chunk_size: usize,
    header: Vec<String>,
    header_findings: Vec<Finding>,
    option: UploadOption,
    directory_checked: bool,
    /// Never locked across a GIL release.
    progress: Mutex<Progress>,
}
repr(this, counts = this.progress().counts;
    "UploadIterator(option={:?}, chunk_size={}, added={}, errors={}, total={})",
    this.option.as_str(), this.chunk_size, counts.added, counts.errors, counts.total);
#[pymethods]
impl PyUploadIterator {
    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<PyUploadChunk>> {
        let Ok(mut guard) = self.reader.try_lock() else {
            return Err(invalid(
                "this upload iterator is being advanced by another thread",
            ));
        };
        let Some(reader) = guard.as_mut() else {
            return Ok(None);
        };
        let chunk_size = self.chunk_size;
        let read = py.detach(|| reader.next_chunk(chunk_size));
        if read.is_ok() {
            *self.progress() = Progress {
                counts: reader.counts(),
                end_findings: reader.end_findings().to_vec(),
            };
        }
        match read {
            Ok(Some(chunk)) => Ok(Some(PyUploadChunk(Arc::new(chunk)))),
            Ok(None) => {
                *guard = None;
                Ok(None)
            }
            Err(e) => {
                *guard = None;
                Err(reader_error(py, e, self.failure.as_ref()))
            }
        }
    }
}
getters("UploadIterator", this) {
    fn header_findings() -> Vec<PyFinding> { PyFinding::list(&this.header_findings) }
    fn header() -> Vec<String> { this.header.clone() }
    fn end_findings() -> Vec<PyFinding> { PyFinding::list(&this.progress().end_findings) }
    fn counts() -> PyUploadCounts { PyUploadCounts(this.progress().counts) }
    fn option() -> &'static str { this.option.as_str() }
    fn directory_checked() -> bool { this.directory_checked }
    fn chunk_size() -> usize { this.chunk_size }
}
}

/// How far an upload iterator has read.
struct Progress {
    /// The counts after the last chunk.
    counts: UploadCounts,
    /// What core reports once the input is exhausted (`no_data_rows`).
    end_findings: Vec<Finding>,
}

impl PyUploadIterator {
    fn progress(&self) -> MutexGuard<'_, Progress> {
        self.progress.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[doc = stub_doc!("iter_upload")]
#[pyfunction]
#[pyo3(
    signature = (source, option = None, directory = None, *, eligibility = None, chunk_size = None, size_hint = None),
    text_signature = "(source, option='license_and_device', directory=None, *, eligibility=None, chunk_size=10000, size_hint=None)"
)]
pub(crate) fn iter_upload(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    option: Option<&Bound<'_, PyAny>>,
    directory: Option<&Bound<'_, PyAny>>,
    eligibility: Option<&Bound<'_, PyAny>>,
    chunk_size: Option<&Bound<'_, PyAny>>,
    size_hint: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyUploadIterator> {
    let options = options(option, directory, eligibility, size_hint)?;
    let chunk_size = chunk_size.map_or(Ok(10_000), |n| at_least("chunk_size", n, "", 1))?;
    let (src, options, failure): (Box<dyn Read + Send>, _, Option<FailureSlot>) =
        match Source::extract(source)? {
            Source::Path(path) => {
                let file = open(py, &path)?;
                let options = options.or_size_of(&file);
                (Box::new(file), options, None)
            }
            Source::Bytes(bytes) => {
                let options = options.or_size_hint(bytes.as_bytes().len() as u64);
                (Box::new(PyBytesReader::new(bytes.unbind())), options, None)
            }
            Source::Owned(data) => {
                let options = options.or_size_hint(data.len() as u64);
                (Box::new(std::io::Cursor::new(data)), options, None)
            }
            Source::File(file) => {
                let (reader, failure) = PyFileReader::new(file.unbind());
                (Box::new(reader), options, Some(failure))
            }
        };
    let reader = py
        .detach(|| UploadReader::new(src, options))
        .map_err(|e| reader_error(py, e, failure.as_ref()))?;
    Ok(PyUploadIterator {
        header: reader.header_cells().to_vec(),
        header_findings: reader.header_findings().to_vec(),
        option: reader.option(),
        directory_checked: reader.directory_checked(),
        progress: Mutex::new(Progress {
            counts: reader.counts(),
            end_findings: Vec::new(),
        }),
        reader: Mutex::new(Some(reader)),
        failure,
        chunk_size,
    })
}

/// An `UploadReport` argument.
pub(crate) fn report_arg(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Arc<UploadReport>> {
    crate::args::object::<PyUploadReport>(name, obj).map(|r| Arc::clone(&r.0))
}

crate::shapes::functions! {
    fn template_csv(option: upload_option) -> String => Ok(mpp_migration::template_csv(option));
}

#[doc = stub_doc!("user_export_csv")]
#[pyfunction]
pub(crate) fn user_export_csv(directory: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = directory.py();
    let directory = &crate::args::object::<PyDirectory>("directory", directory)?.0;
    Ok(py.detach(|| mpp_migration::user_export_csv(directory)))
}
