//! What Python passes as an upload's `source`: a `str` or `os.PathLike` is a path that
//! Rust opens and streams; `bytes` is the content (read in place); `bytearray` and `memoryview`
//! are copied once; a binary file object is read through [`PyFileReader`], which takes the GIL
//! only for each `read()` call so that validation runs without it.

use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use pyo3::exceptions::PyException;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyMemoryView, PyString};

use mpp_migration::{Error, ErrorCode};

use crate::args::{invalid, wrong_type};
use crate::errors::{IntoPyResult, to_py_err, type_name};

/// An upload source, once its kind is known.
pub(crate) enum Source<'py> {
    /// A file to open.
    Path(PathBuf),
    /// The content, read in place (immutable, so safe to read without the GIL).
    Bytes(Bound<'py, PyBytes>),
    /// The content of a mutable buffer, copied.
    Owned(Vec<u8>),
    /// A binary file object, read to its end.
    File(Bound<'py, PyAny>),
}

impl<'py> Source<'py> {
    /// Sorts `obj` into a kind; anything else is an `InputError` (`invalid_argument`).
    pub(crate) fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Source<'py>> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Source::Path(PathBuf::from(s.to_cow()?.as_ref())));
        }
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Source::Bytes(b.clone()));
        }
        if let Ok(b) = obj.cast::<PyByteArray>() {
            return Ok(Source::Owned(b.to_vec()));
        }
        if obj.is_instance_of::<PyMemoryView>() {
            let bytes = obj.call_method0(intern!(obj.py(), "tobytes"))?;
            return Ok(Source::Bytes(bytes.cast_into::<PyBytes>()?));
        }
        if obj.hasattr(intern!(obj.py(), "__fspath__"))? {
            return obj.extract::<PathBuf>().map(Source::Path).map_err(|_| {
                wrong_type(format!(
                    "source: os.fspath() of the {} did not give a usable path",
                    type_name(obj)
                ))
            });
        }
        if obj.hasattr(intern!(obj.py(), "read"))? {
            return Ok(Source::File(obj.clone()));
        }
        Err(wrong_type(format!(
            "source must be a path (str or os.PathLike), bytes, or a binary file object, not {}",
            type_name(obj)
        )))
    }
}

/// Why reading a Python file object stopped.
pub(crate) enum Failure {
    /// `read()` raised.
    Raised(PyErr),
    /// `read()` returned something other than bytes (a text file, or a non-blocking stream
    /// with no data).
    NotBytes(String),
}

/// Where a [`PyFileReader`] leaves its failure for the caller to raise.
pub(crate) type FailureSlot = Arc<Mutex<Option<Failure>>>;

/// Reads a Python binary file object from Rust. Each `read` takes the GIL, calls the object's
/// `read(n)` and copies the bytes out; between calls the GIL is free.
pub(crate) struct PyFileReader {
    file: Py<PyAny>,
    /// Bytes a `read(n)` returned beyond `n` (some objects ignore the size).
    pending: Vec<u8>,
    consumed: usize,
    failure: FailureSlot,
}

impl PyFileReader {
    /// A reader of `file`, and the slot where it reports why it stopped.
    pub(crate) fn new(file: Py<PyAny>) -> (PyFileReader, FailureSlot) {
        let failure = FailureSlot::default();
        let reader = PyFileReader {
            file,
            pending: Vec::new(),
            consumed: 0,
            failure: Arc::clone(&failure),
        };
        (reader, failure)
    }

    fn fail(&self, failure: Failure, message: String) -> io::Error {
        *self.failure.lock().unwrap_or_else(PoisonError::into_inner) = Some(failure);
        io::Error::other(message)
    }

    fn take_pending(&mut self, buf: &mut [u8]) -> usize {
        let rest = &self.pending[self.consumed..];
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.consumed += n;
        if self.consumed == self.pending.len() {
            self.pending.clear();
            self.consumed = 0;
        }
        n
    }
}

impl Read for PyFileReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if !self.pending.is_empty() {
            return Ok(self.take_pending(buf));
        }
        Python::attach(|py| {
            let got = match self
                .file
                .bind(py)
                .call_method1(intern!(py, "read"), (buf.len(),))
            {
                Ok(got) => got,
                Err(e) => {
                    let message = e.to_string();
                    return Err(self.fail(Failure::Raised(e), message));
                }
            };
            let copy = |bytes: &[u8], this: &mut PyFileReader, buf: &mut [u8]| {
                let n = bytes.len().min(buf.len());
                buf[..n].copy_from_slice(&bytes[..n]);
                if n < bytes.len() {
                    this.pending.extend_from_slice(&bytes[n..]);
                }
                n
            };
            if let Ok(bytes) = got.cast::<PyBytes>() {
                Ok(copy(bytes.as_bytes(), self, buf))
            } else if let Ok(bytes) = got.cast::<PyByteArray>() {
                Ok(copy(&bytes.to_vec(), self, buf))
            } else {
                let what = if got.is_none() {
                    "read() returned None (a non-blocking stream with no data ready)".to_owned()
                } else {
                    format!(
                        "read() returned {}, not bytes; open the file in binary mode (\"rb\")",
                        type_name(&got)
                    )
                };
                Err(self.fail(Failure::NotBytes(what.clone()), what))
            }
        })
    }
}

/// Reads a `bytes` object held by reference, taking the GIL for each copy (for streams that
/// outlive one call, such as `iter_upload`).
pub(crate) struct PyBytesReader {
    data: Py<PyBytes>,
    pos: usize,
}

impl PyBytesReader {
    pub(crate) fn new(data: Py<PyBytes>) -> PyBytesReader {
        PyBytesReader { data, pos: 0 }
    }
}

impl Read for PyBytesReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        Python::attach(|py| {
            let bytes = self.data.bind(py).as_bytes();
            let rest = bytes.get(self.pos..).unwrap_or(&[]);
            let n = rest.len().min(buf.len());
            buf[..n].copy_from_slice(&rest[..n]);
            self.pos += n;
            Ok(n)
        })
    }
}

/// The exception for a core result whose reader may have failed on the Python side: a file
/// object that raised gives an `InputError` (`io_error`) caused by the Python exception (a
/// `BaseException` that is not an `Exception`, such as `KeyboardInterrupt`, is re-raised as it
/// is); one that returned text gives `invalid_argument`.
pub(crate) fn reader_error(py: Python<'_>, error: Error, failure: Option<&FailureSlot>) -> PyErr {
    let failure =
        failure.and_then(|slot| slot.lock().unwrap_or_else(PoisonError::into_inner).take());
    match failure {
        Some(Failure::Raised(cause)) => {
            if !cause.is_instance_of::<PyException>(py) {
                return cause;
            }
            let err = to_py_err(Error::new(ErrorCode::IoError, error.message()));
            err.set_cause(py, Some(cause));
            err
        }
        Some(Failure::NotBytes(what)) => invalid(format!("source file object: {what}")),
        None => to_py_err(error),
    }
}

/// Opens a file for reading without the GIL (opening a pipe blocks until a writer comes); an
/// `InputError` (`io_error`) naming the path when it cannot be opened.
pub(crate) fn open(py: Python<'_>, path: &std::path::Path) -> PyResult<std::fs::File> {
    py.detach(|| std::fs::File::open(path))
        .map_err(|e| to_py_err(Error::opening(path, e)))
}

/// Runs `read` without the GIL over the bytes of a JSON document that `class.from_json` was
/// given: a `str` through its UTF-8 encoding (one copy: the stable ABI of Python 3.9 does not
/// lend a str's UTF-8 text, issue 13) or `bytes` where they are; anything else is a wrong type
/// that points to `class.from_json_file` for a path.
pub(crate) fn read_json<T: Send>(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    class: &str,
    read: impl Fn(&[u8]) -> Result<T, Error> + Sync,
) -> PyResult<T> {
    if let Ok(s) = data.cast::<PyString>() {
        let encoded = s.encode_utf8()?;
        let bytes = encoded.as_bytes();
        py.detach(|| read(bytes)).py()
    } else if let Ok(b) = data.cast::<PyBytes>() {
        let bytes = b.as_bytes();
        py.detach(|| read(bytes)).py()
    } else {
        Err(wrong_type(format!(
            "data must be str or bytes (the JSON text), not {}; use {class}.from_json_file for a path",
            type_name(data)
        )))
    }
}

/// Runs `read` over a source (path, bytes or binary file object) without the GIL: the one
/// route every reader of a whole source takes (a path is the core's `read_file`, whose errors
/// name it; an error of a file object is [`reader_error`]'s).
pub(crate) fn read_source<T: Send>(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    read: impl FnOnce(&mut dyn Read) -> Result<T, Error> + Send,
) -> PyResult<T> {
    match Source::extract(source)? {
        Source::Path(path) => py.detach(|| mpp_migration::read_file(&path, read)).py(),
        Source::Bytes(bytes) => {
            let mut data = bytes.as_bytes();
            py.detach(|| read(&mut data)).py()
        }
        Source::Owned(data) => {
            let mut data = data.as_slice();
            py.detach(|| read(&mut data)).py()
        }
        Source::File(file) => {
            let (mut reader, failure) = PyFileReader::new(file.unbind());
            py.detach(|| read(&mut reader))
                .map_err(|e| reader_error(py, e, Some(&failure)))
        }
    }
}
