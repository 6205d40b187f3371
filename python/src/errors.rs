//! The error model in Python: `MigrationError` and one subclass per range of codes, each
//! instance carrying the fields of the error model; `Finding`; the table of codes.

use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};
use pyo3::{PyTypeInfo, create_exception};

use mpp_migration::{Error, ErrorCode, Finding};

use crate::args::{invalid, wrong_type};

create_exception!(
    mpp_migration._native,
    MigrationError,
    PyException,
    stub_doc!("MigrationError")
);
create_exception!(
    mpp_migration._native,
    InputError,
    MigrationError,
    stub_doc!("InputError")
);

/// A class of the error hierarchy that is also one of Python's own exceptions, so that code
/// catching `TypeError` or `ValueError`, as Python users do, catches it too (the way
/// pydantic-core's `ValidationError` is a `ValueError`):
///
/// - `InputTypeError(InputError, TypeError)`: an argument of the wrong type;
/// - `InputValueError(InputError, ValueError)`: an argument of the right type whose value the
///   function does not take (an unknown option, text that is no JSON document, a lone
///   surrogate); `io_error` stays a plain `InputError`, it is about the file, not the value;
/// - `IdentifierError`, `UploadError`, `EligibilityError`, `TaskError`, `PlanError` are also
///   `ValueError`s: each is raised because a value the caller passed (an identifier, a
///   directory or table, a task name, an event the task's current status refuses, plan
///   options) cannot be used, as Python raises `ValueError` for a read on a closed file.
///
/// Each is named with its docstring (the stub's, as every docstring of the module), at the
/// index [`dual_of`] gives: the first two are `InputError`s, the others the `MigrationError`s
/// of the codes 200 to 699, by hundreds.
const DUALS: [(&str, &str); 7] = [
    ("InputTypeError", stub_doc!("InputTypeError")),
    ("InputValueError", stub_doc!("InputValueError")),
    ("IdentifierError", stub_doc!("IdentifierError")),
    ("UploadError", stub_doc!("UploadError")),
    ("EligibilityError", stub_doc!("EligibilityError")),
    ("TaskError", stub_doc!("TaskError")),
    ("PlanError", stub_doc!("PlanError")),
];

/// The classes of [`DUALS`], created once per interpreter.
static DUAL_CLASSES: [PyOnceLock<Py<PyType>>; 7] = [const { PyOnceLock::new() }; 7];

/// The class `DUALS[i]`: `type(name, (InputError or MigrationError, TypeError or ValueError),
/// {...})`.
fn dual_class(py: Python<'_>, i: usize) -> PyResult<Bound<'_, PyType>> {
    let class = DUAL_CLASSES[i].get_or_try_init(py, || {
        let (name, doc) = DUALS[i];
        let base = match i {
            0 | 1 => InputError::type_object(py),
            _ => MigrationError::type_object(py),
        };
        let builtin = match i {
            0 => PyTypeError::type_object(py),
            _ => PyValueError::type_object(py),
        };
        let namespace = PyDict::new(py);
        namespace.set_item("__module__", "mpp_migration._native")?;
        namespace.set_item("__doc__", doc)?;
        let bases = PyTuple::new(py, [base, builtin])?;
        let class = PyType::type_object(py).call1((name, bases, namespace))?;
        Ok::<_, PyErr>(class.cast_into::<PyType>()?.unbind())
    })?;
    Ok(class.bind(py).clone())
}

/// Which of [`DUALS`] an error with this finding is, if any.
fn dual_of(finding: &Finding, wrong_type: bool) -> Option<usize> {
    match finding.number() / 100 {
        1 if wrong_type => Some(0),
        1 => match finding.code() {
            ErrorCode::IoError | ErrorCode::NullPointer => None,
            _ => Some(1),
        },
        range @ 2..=6 => Some(range as usize),
        _ => None,
    }
}

create_exception!(
    mpp_migration._native,
    InternalError,
    MigrationError,
    stub_doc!("InternalError")
);

crate::shapes::methods! {
class("Finding", eq, hash) #[derive(Clone)] pub(crate) struct PyFinding(pub(crate) Finding);
json("Finding", this; mpp_migration::ToJson::to_json(&this.0));
repr(this; "Finding(code={:?}, severity={:?}, row={}, column={}, message={:?})",
    this.0.name(), this.0.severity().as_str(),
    this.0.row().map_or("None".to_owned(), |r| r.to_string()),
    this.0.column().map_or("None".to_owned(), |c| format!("{c:?}")), this.0.message());
/// Pickling and copying: rebuilt from its fields by `_restore`.
reduce(this; {
    let f = &this.0;
    (f.number(), f.message(), f.suggestion(), f.row(), f.column())
});
#[pymethods]
impl PyFinding {
    fn __str__(&self) -> String {
        self.0.to_string()
    }
    /// Rebuilds a pickled `Finding` from its fields (see `Finding.__reduce__`).
    #[staticmethod]
    #[pyo3(name = "_restore", signature = (number, message, suggestion, row, column))]
    fn restore(
        number: u32,
        message: String,
        suggestion: Option<String>,
        row: Option<u64>,
        column: Option<String>,
    ) -> PyResult<Self> {
        let code = ErrorCode::from_number(number)
            .ok_or_else(|| invalid(format!("{number} is not an error code")))?;
        let mut finding = Finding::new(code, message).at(row, column);
        if let Some(suggestion) = suggestion {
            finding = finding.with_suggestion(suggestion);
        }
        Ok(PyFinding(finding))
    }
}
getters("Finding", this) {
    fn number() -> u32 { this.0.number() }
    fn code() -> &'static str { this.0.name() }
    fn rule() -> &'static str { this.0.rule() }
    fn severity() -> &'static str { this.0.severity().as_str() }
    fn message() -> &str { this.0.message() }
    fn suggestion() -> Option<&str> { this.0.suggestion() }
    fn row() -> Option<u64> { this.0.row() }
    fn column() -> Option<&str> { this.0.column() }
}
}

impl PyFinding {
    /// Python's copies of `findings`.
    pub(crate) fn list(findings: &[Finding]) -> Vec<PyFinding> {
        crate::shapes::copies(findings, PyFinding)
    }
}

crate::shapes::methods! {
class("ErrorCodeInfo", eq, hash) #[derive(Clone)] pub(crate) struct PyErrorCodeInfo(ErrorCode);
repr(this; "ErrorCodeInfo(number={}, code={:?}, rule={:?})",
    this.0.number(), this.0.as_str(), this.0.rule());
getters("ErrorCodeInfo", this) {
    fn number() -> u32 { this.0.number() }
    fn code() -> &'static str { this.0.as_str() }
    fn rule() -> &'static str { this.0.rule() }
    fn severity() -> &'static str { this.0.severity().as_str() }
    fn summary() -> &'static str { this.0.summary() }
}
}

/// An attribute of `mpp_migration._native`: the callables `__reduce__` names.
pub(crate) fn native<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("mpp_migration._native")?.getattr(name)
}

#[doc = stub_doc!("error_code_info")]
#[pyfunction]
pub(crate) fn error_code_info(code: &Bound<'_, PyAny>) -> PyResult<PyErrorCodeInfo> {
    let found = if crate::args::is_int(code) {
        // Any int: one that is no u32 is simply no error code.
        code.extract::<u32>().ok().and_then(ErrorCode::from_number)
    } else if let Ok(name) = code.cast::<pyo3::types::PyString>() {
        let name = name.to_cow()?;
        ErrorCode::from_name(&name)
    } else {
        return Err(wrong_type(format!(
            "code must be an int or str, not {}",
            type_name(code)
        )));
    };
    found
        .map(PyErrorCodeInfo)
        .ok_or_else(|| invalid(format!("{code} is not an error code")))
}

/// `{"mac_invalid_length": 201, …}`: every code by name.
pub(crate) fn error_codes(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let dict = PyDict::new(py);
    for code in ErrorCode::ALL {
        dict.set_item(code.as_str(), code.number())?;
    }
    Ok(dict)
}

/// The name of a Python object's type, for messages.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "object".to_owned(), |n| n.to_string())
}

/// The longest message an exception carries, in characters. A longer one (a CSV passed as a
/// `str`, read as a path and quoted whole in "opening <path>: …") keeps its first
/// [`MESSAGE_HEAD`] and last [`MESSAGE_TAIL`] characters around an ellipsis, so both what was
/// being done and the operating system's reason at the end survive (issue 14 section 5).
pub(crate) const MAX_MESSAGE_CHARS: usize = 300;
const MESSAGE_HEAD: usize = 200;
const MESSAGE_TAIL: usize = 80;

/// `message` cut to [`MAX_MESSAGE_CHARS`] as described there, or `None` when it fits.
pub(crate) fn shortened(message: &str) -> Option<String> {
    let count = message.chars().count();
    if count <= MAX_MESSAGE_CHARS {
        return None;
    }
    let head: String = message.chars().take(MESSAGE_HEAD).collect();
    let tail: String = message.chars().skip(count - MESSAGE_TAIL).collect();
    let cut = count - MESSAGE_HEAD - MESSAGE_TAIL;
    Some(format!("{head}… [{cut} characters cut] …{tail}"))
}

/// The finding with its message cut to a readable length (see [`MAX_MESSAGE_CHARS`]).
fn readable(finding: Finding) -> Finding {
    let Some(message) = shortened(finding.message()) else {
        return finding;
    };
    let mut short = Finding::new(finding.code(), message)
        .at(finding.row(), finding.column().map(str::to_owned));
    if let Some(suggestion) = finding.suggestion() {
        short = short.with_suggestion(suggestion);
    }
    short
}

/// Converts a core error into the exception of its range, with every field of the error model set.
pub(crate) fn to_py_err(error: Error) -> PyErr {
    to_py_err_as(error, false)
}

/// Like [`to_py_err`], for an argument of the wrong type: an `InputTypeError`, which is also a
/// `TypeError`.
pub(crate) fn to_py_type_err(error: Error) -> PyErr {
    to_py_err_as(error, true)
}

fn to_py_err_as(error: Error, wrong_type: bool) -> PyErr {
    Python::attach(|py| {
        let finding = readable(error.finding().clone());
        let class = match dual_of(&finding, wrong_type).map(|i| dual_class(py, i)) {
            Some(Ok(class)) => class,
            Some(Err(e)) => return e,
            None if finding.number() / 100 == 1 => InputError::type_object(py),
            None => InternalError::type_object(py),
        };
        let instance = match class.call1((finding.to_string(),)) {
            Ok(instance) => instance,
            Err(e) => return e,
        };
        let set = || -> PyResult<()> {
            instance.setattr("number", finding.number())?;
            instance.setattr("code", finding.name())?;
            instance.setattr("rule", finding.rule())?;
            instance.setattr("severity", finding.severity().as_str())?;
            instance.setattr("message", finding.message())?;
            instance.setattr("suggestion", finding.suggestion())?;
            instance.setattr("row", finding.row())?;
            instance.setattr("column", finding.column())?;
            instance.setattr("finding", PyFinding(finding.clone()))?;
            Ok(())
        };
        match set() {
            Ok(()) => PyErr::from_value(instance),
            Err(e) => e,
        }
    })
}

/// `?`-friendly conversion of core results.
pub(crate) trait IntoPyResult<T> {
    /// The result with its error converted by [`to_py_err`].
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn py(self) -> PyResult<T> {
        self.map_err(to_py_err)
    }
}

/// The classes of [`DUALS`], for the module's `#[pymodule_init]` (lib.rs).
pub(crate) fn add_dual_classes(m: &Bound<'_, PyModule>) -> PyResult<()> {
    for (i, (name, _)) in DUALS.iter().enumerate() {
        m.add(*name, dual_class(m.py(), i)?)?;
    }
    Ok(())
}
