//! The CSV upload in Python (CSV-1 to CSV-16): `validate_upload` (a whole report), `iter_upload`
//! (chunks of rows in bounded memory), `UploadReport`, `UploadChunk`, `UploadCounts`, and the
//! files to download (`template_csv`, `user_export_csv`). Validation runs without the GIL.

use std::io::Read;
use std::sync::{Arc, Mutex, PoisonError};

use pyo3::prelude::*;
use pyo3::types::PyList;

use mpp_migration::{
    Device, Finding, UploadCounts, UploadOption, UploadOptions, UploadReader, UploadReport,
    validate_upload as core_validate, validate_upload_path,
};

use crate::args::{integer, invalid, upload_option};
use crate::device::{Devices, PyDeviceList};
use crate::directory::{PyDirectory, directory_arg};
use crate::eligibility::table_arg;
use crate::errors::{IntoPyResult, PyFinding};
use crate::source::{FailureSlot, PyBytesReader, PyFileReader, Source, open, reader_error};

/// The counts of an upload status (CSV-14, DEC-1): ``added + errors == total``.
#[pyclass(
    frozen,
    eq,
    hash,
    module = "mpp_migration._native",
    name = "UploadCounts"
)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct PyUploadCounts(pub(crate) UploadCounts);

crate::shapes::methods! {
#[pymethods]
impl PyUploadCounts {
    /// Later uploads to the same task add to the counts (CSV-14).
    fn __add__(&self, other: &Bound<'_, PyAny>) -> Option<PyUploadCounts> {
        other
            .cast::<PyUploadCounts>()
            .ok()
            .map(|o| PyUploadCounts(self.0 + o.get().0))
    }
    fn __repr__(&self) -> String {
        format!(
            "UploadCounts(added={}, errors={}, total={})",
            self.0.added, self.0.errors, self.0.total
        )
    }
    /// Pickling and copying: rebuilt from the three counts.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<crate::shapes::Reduce<'py>> {
        let args = (self.0.added, self.0.errors, self.0.total);
        crate::shapes::restore::<Self>(py, args)
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
getters(this) {
    /// Devices added.
    fn added() -> u64 { this.0.added }
    /// Rows not added.
    fn errors() -> u64 { this.0.errors }
    /// Data rows uploaded, blank ones included.
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
    let option = match option {
        Some(o) => upload_option(o)?,
        None => UploadOption::LicenseAndDevice,
    };
    let mut options =
        UploadOptions::new(option).with_eligibility(table_arg("eligibility", eligibility)?);
    if let Some(directory) = directory_arg(directory)? {
        options = options.with_directory(directory);
    }
    if let Some(hint) = size_hint.filter(|h| !h.is_none()) {
        let bytes = integer("size_hint", hint)?;
        let bytes = u64::try_from(bytes).map_err(|_| {
            invalid(format!(
                "size_hint must be a byte count of at least 0, not {bytes}"
            ))
        })?;
        options = options.with_size_hint(bytes);
    }
    Ok(options)
}

/// Validates a whole *Add devices* upload (CSV-1 to CSV-16) and returns its report.
///
/// ``source`` is a path (``str`` or ``os.PathLike``, opened and streamed by Rust), the file's
/// content (``bytes``, ``bytearray``, ``memoryview``), or a binary file object, read to its
/// end. ``option`` is ``"license_and_device"`` or ``"license_only"`` (TASK-3); ``directory``
/// the organisation to check rows against (None skips those checks); ``eligibility`` the
/// table for the model check (default: Control Hub's). Validation releases the GIL.
///
/// ``size_hint`` is the input's size in bytes, for a file object whose length you know: core
/// then sizes its duplicate indexes (DEC-2, DEC-5) once, faster and in less memory, with the
/// same results whatever the hint. Paths and bytes give their own length; an explicit hint
/// wins. Raises ``invalid_argument`` for a negative one.
///
/// Raises :class:`InputError`: ``invalid_argument`` for an unknown option or an argument of
/// the wrong type (a text-mode file included), ``io_error`` for a file that cannot be read.
/// Everything about the content (an empty file, a bad header, blank lines, bad bytes) is a
/// finding of the report, never an exception.
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

/// The outcome of validating an upload (CSV-14, CSV-15).
#[pyclass(frozen, module = "mpp_migration._native", name = "UploadReport")]
pub(crate) struct PyUploadReport(pub(crate) Arc<UploadReport>);

crate::shapes::methods! {
to_dict(py);
#[pymethods]
impl PyUploadReport {
    /// The JSON document of this result (docs/json.md), the same text as Rust's and C's.
    fn to_json(&self, py: Python<'_>) -> String {
        // A report of a million rows takes a while: other threads run meanwhile.
        let report = Arc::clone(&self.0);
        py.detach(move || mpp_migration::ToJson::to_json(&*report))
    }
    /// The findings of one row (header = 1); empty for a row without any.
    fn findings_for_row(&self, row: &Bound<'_, PyAny>) -> PyResult<Vec<PyFinding>> {
        let row = integer("row", row)?;
        Ok(match u64::try_from(row) {
            Ok(row) => findings(self.0.findings_for_row(row)),
            Err(_) => Vec::new(),
        })
    }
    /// How many findings are errors and how many are warnings.
    fn severity_counts(&self) -> (usize, usize) {
        self.0.severity_counts()
    }
    /// The errors file (CSV-15): an ``Errors`` column, then the header and the refused rows
    /// as written (blank rows left out), so that once fixed it uploads again. Written without
    /// the GIL.
    fn errors_csv(&self, py: Python<'_>) -> String {
        let report = &self.0;
        py.detach(|| report.errors_csv())
    }
    /// The accepted devices as a normalised upload file of the same option, written without
    /// the GIL.
    fn devices_csv(&self, py: Python<'_>) -> String {
        let report = &self.0;
        py.detach(|| report.devices_csv())
    }
    fn __repr__(&self) -> String {
        format!(
            "UploadReport(option={:?}, added={}, errors={}, total={}, findings={})",
            self.0.option().as_str(),
            self.0.added(),
            self.0.errors(),
            self.0.total(),
            self.0.findings().len()
        )
    }
}
getters(this) {
    /// The accepted devices, normalised, in input order: a lazy sequence.
    fn devices() -> PyDeviceList { PyDeviceList::new(Devices::Report(Arc::clone(&this.0))) }
    /// Every finding in input order, the header's first (a new list on each access), built in
    /// chunks with the GIL let go between them.
    fn findings<'py>(py) -> PyResult<Bound<'py, PyList>> {
        crate::gil::findings_list(py, this.0.findings())
    }
    /// Devices added (CSV-14).
    fn added() -> u64 { this.0.added() }
    /// Rows not added (CSV-14, DEC-1).
    fn errors() -> u64 { this.0.errors() }
    /// Data rows uploaded, blank ones included (CSV-14, DEC-1).
    fn total() -> u64 { this.0.total() }
    /// The three counts together.
    fn counts() -> PyUploadCounts { PyUploadCounts(this.0.counts()) }
    /// ``"license_and_device"`` or ``"license_only"`` (TASK-3).
    fn option() -> &'static str { this.0.option().as_str() }
    /// Whether the rows were checked against a directory; without one the rules that need
    /// the organisation (CSV-3, CSV-6, CSV-11 to CSV-13) were skipped.
    fn directory_checked() -> bool { this.0.directory_checked() }
    /// The header's cells as written.
    fn header() -> Vec<String> { this.0.header().to_vec() }
}
}

fn findings(list: &[Finding]) -> Vec<PyFinding> {
    list.iter().cloned().map(PyFinding).collect()
}

/// The rows of one step of :func:`iter_upload`.
#[pyclass(frozen, module = "mpp_migration._native", name = "UploadChunk")]
pub(crate) struct PyUploadChunk {
    devices: Arc<Vec<Device>>,
    findings: Vec<Finding>,
    counts: UploadCounts,
    first_row: u64,
    last_row: u64,
}

crate::shapes::methods! {
#[pymethods]
impl PyUploadChunk {
    fn __repr__(&self) -> String {
        format!(
            "UploadChunk(rows={}..{}, added={}, errors={}, findings={})",
            self.first_row,
            self.last_row,
            self.counts.added,
            self.counts.errors,
            self.findings.len()
        )
    }
}
getters(this) {
    /// The accepted devices of these rows: a lazy sequence.
    fn devices() -> PyDeviceList { PyDeviceList::new(Devices::Chunk(Arc::clone(&this.devices))) }
    /// The findings of these rows, in input order.
    fn findings() -> Vec<PyFinding> { findings(&this.findings) }
    /// The counts of these rows.
    fn counts() -> PyUploadCounts { PyUploadCounts(this.counts) }
    /// Devices added from these rows.
    fn added() -> u64 { this.counts.added }
    /// Rows of this chunk not added.
    fn errors() -> u64 { this.counts.errors }
    /// Data rows in this chunk.
    fn total() -> u64 { this.counts.total }
    /// The first row of the chunk (header = 1).
    fn first_row() -> u64 { this.first_row }
    /// The last row of the chunk.
    fn last_row() -> u64 { this.last_row }
}
}

/// The reader of a streamed upload, over whichever source it came from.
type StreamReader = UploadReader<Box<dyn Read + Send>>;

/// Streams an upload in chunks (see :func:`iter_upload`).
#[pyclass(frozen, module = "mpp_migration._native", name = "UploadIterator")]
pub(crate) struct PyUploadIterator {
    reader: Mutex<Option<StreamReader>>,
    failure: Option<FailureSlot>,
    chunk_size: usize,
    header: Vec<String>,
    header_findings: Vec<Finding>,
    option: UploadOption,
    directory_checked: bool,
    /// The counts after the last chunk; never locked across a GIL release.
    counts: Mutex<UploadCounts>,
    /// What core reports once the input is exhausted (`no_data_rows`).
    end_findings: Mutex<Vec<Finding>>,
}

crate::shapes::methods! {
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
        let before = reader.counts();
        let read = py.detach(|| {
            let mut devices = Vec::new();
            let mut findings = Vec::new();
            let (mut first_row, mut last_row) = (0, 0);
            for (i, row) in reader.by_ref().take(chunk_size).enumerate() {
                let row = row?;
                if i == 0 {
                    first_row = row.row();
                }
                last_row = row.row();
                let (device, row_findings, _) = row.into_parts();
                findings.extend(row_findings);
                devices.extend(device);
            }
            Ok::<_, mpp_migration::Error>((devices, findings, first_row, last_row))
        });
        let (devices, findings, first_row, last_row) = match read {
            Ok(parts) => parts,
            Err(e) => {
                *guard = None;
                return Err(reader_error(py, e, self.failure.as_ref()));
            }
        };
        let after = reader.counts();
        *self.counts.lock().unwrap_or_else(PoisonError::into_inner) = after;
        if !reader.end_findings().is_empty() {
            *self
                .end_findings
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = reader.end_findings().to_vec();
        }
        if after.total == before.total {
            *guard = None;
            return Ok(None);
        }
        Ok(Some(PyUploadChunk {
            devices: Arc::new(devices),
            findings,
            counts: UploadCounts {
                added: after.added - before.added,
                errors: after.errors - before.errors,
                total: after.total - before.total,
            },
            first_row,
            last_row,
        }))
    }

    fn __repr__(&self) -> String {
        let counts = *self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        format!(
            "UploadIterator(option={:?}, chunk_size={}, added={}, errors={}, total={})",
            self.option.as_str(),
            self.chunk_size,
            counts.added,
            counts.errors,
            counts.total
        )
    }
}
getters(this) {
    /// The findings of the header row (row 1): BOM, missing, unknown or duplicated
    /// columns, an empty file.
    fn header_findings() -> Vec<PyFinding> { findings(&this.header_findings) }
    /// The header's cells as written.
    fn header() -> Vec<String> { this.header.clone() }
    /// The findings known only at the end of the input (``no_data_rows`` for a header
    /// without data rows, CSV-14): empty until the iterator is exhausted.
    fn end_findings() -> Vec<PyFinding> {
        findings(
            &this
                .end_findings
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        )
    }
    /// The counts of the rows read so far (CSV-14).
    fn counts() -> PyUploadCounts {
        PyUploadCounts(*this.counts.lock().unwrap_or_else(PoisonError::into_inner))
    }
    /// ``"license_and_device"`` or ``"license_only"``.
    fn option() -> &'static str { this.option.as_str() }
    /// Whether the rows are checked against a directory.
    fn directory_checked() -> bool { this.directory_checked }
    /// The number of rows each chunk holds at most.
    fn chunk_size() -> usize { this.chunk_size }
}
}

/// Streams an upload in chunks of at most ``chunk_size`` rows, for files of millions of
/// rows: memory is bounded by the chunk (plus what core remembers to find duplicate MACs and
/// extensions, DEC-2, DEC-5). Arguments as :func:`validate_upload`. Each ``next()`` reads and
/// validates its rows without the GIL.
///
/// The header is read now: its findings are :attr:`UploadIterator.header_findings`; what is
/// known only at the end of the input (``no_data_rows`` for a header without data rows) is
/// :attr:`UploadIterator.end_findings` once the iterator is exhausted. Together with the
/// chunks' findings they are the findings :func:`validate_upload` reports, in its order.
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
    let chunk_size = match chunk_size {
        None => 10_000,
        Some(n) => {
            let n = integer("chunk_size", n)?;
            usize::try_from(n)
                .ok()
                .filter(|&n| n >= 1)
                .ok_or_else(|| invalid(format!("chunk_size must be at least 1, not {n}")))?
        }
    };
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
        counts: Mutex::new(reader.counts()),
        end_findings: Mutex::new(Vec::new()),
        reader: Mutex::new(Some(reader)),
        failure,
        chunk_size,
    })
}

/// The template of an option's schema (CSV-16): its header line.
#[pyfunction]
pub(crate) fn template_csv(option: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(mpp_migration::template_csv(upload_option(option)?))
}

/// The user-attribute export (CSV-16): every user of the directory as a row of the
/// *license and device* schema with Type, Username and Device Type filled in, sorted by email.
#[pyfunction]
pub(crate) fn user_export_csv(directory: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = directory.py();
    let directory = &crate::args::object::<PyDirectory>("directory", directory)?.0;
    Ok(py.detach(|| mpp_migration::user_export_csv(directory)))
}
