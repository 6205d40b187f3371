//! The error model in Python: `MigrationError` and one subclass per range of codes, each
//! instance carrying the fields of the error model; `Finding`; the table of codes.

use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use pyo3::{PyTypeInfo, create_exception};

use mpp_migration::{Error, ErrorCode, Finding};

create_exception!(
    mpp_migration._native,
    MigrationError,
    PyException,
    "Base of every error of mpp_migration. Attributes: number, code, rule, severity, message, suggestion, row, column, finding."
);
create_exception!(
    mpp_migration._native,
    InputError,
    MigrationError,
    "1xx: an argument, file or encoding problem."
);
create_exception!(
    mpp_migration._native,
    IdentifierError,
    MigrationError,
    "2xx: a MAC, phone number, email, model or version that cannot be read."
);
create_exception!(
    mpp_migration._native,
    UploadError,
    MigrationError,
    "3xx: a CSV upload problem."
);
create_exception!(
    mpp_migration._native,
    EligibilityError,
    MigrationError,
    "4xx: an eligibility problem."
);
create_exception!(
    mpp_migration._native,
    TaskError,
    MigrationError,
    "5xx: a task or state-machine refusal."
);
create_exception!(
    mpp_migration._native,
    PlanError,
    MigrationError,
    "6xx: a migration plan or BAT file problem."
);
create_exception!(
    mpp_migration._native,
    InternalError,
    MigrationError,
    "9xx: a bug inside the library."
);

/// One observation about an input: code, rule, severity, message, suggestion, and the
/// row and column of the input it concerns.
#[pyclass(frozen, eq, hash, module = "mpp_migration._native", name = "Finding")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyFinding(pub(crate) Finding);

#[pymethods]
impl PyFinding {
    /// The code's stable number.
    #[getter]
    fn number(&self) -> u32 {
        self.0.number()
    }
    /// The code's stable snake_case name.
    #[getter]
    fn code(&self) -> &'static str {
        self.0.name()
    }
    /// The rule enforced (an id of docs/rules.md), or "".
    #[getter]
    fn rule(&self) -> &'static str {
        self.0.rule()
    }
    /// "error" or "warning".
    #[getter]
    fn severity(&self) -> &'static str {
        self.0.severity().as_str()
    }
    /// The message for a person.
    #[getter]
    fn message(&self) -> &str {
        self.0.message()
    }
    /// A suggested replacement value, or None.
    #[getter]
    fn suggestion(&self) -> Option<&str> {
        self.0.suggestion()
    }
    /// The row of the input (header = 1), or None.
    #[getter]
    fn row(&self) -> Option<u64> {
        self.0.row()
    }
    /// The column of the input, as its header spells it, or None.
    #[getter]
    fn column(&self) -> Option<&str> {
        self.0.column()
    }
    fn __str__(&self) -> String {
        self.0.to_string()
    }
    /// Pickling and copying: rebuilt from its fields by `_restore`.
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let f = &self.0;
        let args =
            (f.number(), f.message(), f.suggestion(), f.row(), f.column()).into_pyobject(py)?;
        Ok((
            py.get_type::<Self>()
                .getattr(pyo3::intern!(py, "_restore"))?,
            args,
        ))
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
        let code = ErrorCode::from_number(number).ok_or_else(|| {
            to_py_err(Error::invalid_argument(format!(
                "{number} is not an error code"
            )))
        })?;
        let mut finding = Finding::new(code, message).at(row, column);
        if let Some(suggestion) = suggestion {
            finding = finding.with_suggestion(suggestion);
        }
        Ok(PyFinding(finding))
    }
    fn __repr__(&self) -> String {
        format!(
            "Finding(code={:?}, severity={:?}, row={}, column={}, message={:?})",
            self.0.name(),
            self.0.severity().as_str(),
            self.0.row().map_or("None".to_owned(), |r| r.to_string()),
            self.0
                .column()
                .map_or("None".to_owned(), |c| format!("{c:?}")),
            self.0.message()
        )
    }
}

/// Static facts about one error code.
#[pyclass(
    frozen,
    eq,
    hash,
    module = "mpp_migration._native",
    name = "ErrorCodeInfo"
)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyErrorCodeInfo(ErrorCode);

#[pymethods]
impl PyErrorCodeInfo {
    /// The stable number.
    #[getter]
    fn number(&self) -> u32 {
        self.0.number()
    }
    /// The stable snake_case name.
    #[getter]
    fn code(&self) -> &'static str {
        self.0.as_str()
    }
    /// The rule enforced (an id of docs/rules.md), or "".
    #[getter]
    fn rule(&self) -> &'static str {
        self.0.rule()
    }
    /// "error" or "warning".
    #[getter]
    fn severity(&self) -> &'static str {
        self.0.severity().as_str()
    }
    /// A one-line meaning.
    #[getter]
    fn summary(&self) -> &'static str {
        self.0.summary()
    }
    fn __repr__(&self) -> String {
        format!(
            "ErrorCodeInfo(number={}, code={:?}, rule={:?})",
            self.0.number(),
            self.0.as_str(),
            self.0.rule()
        )
    }
}

/// An attribute of `mpp_migration._native`: the callables `__reduce__` names.
pub(crate) fn native<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("mpp_migration._native")?.getattr(name)
}

/// The facts of an error code, by number or name; raises `MigrationError` for an unknown one.
#[pyfunction]
pub(crate) fn error_code_info(code: &Bound<'_, PyAny>) -> PyResult<PyErrorCodeInfo> {
    let found = if crate::args::is_int(code) {
        // Any int: one that is no u32 is simply no error code.
        code.extract::<u32>().ok().and_then(ErrorCode::from_number)
    } else if let Ok(name) = code.cast::<pyo3::types::PyString>() {
        let name = name.to_cow()?;
        ErrorCode::from_name(&name)
    } else {
        return Err(to_py_err(Error::invalid_argument(format!(
            "code must be an int or str, not {}",
            type_name(code)
        ))));
    };
    found.map(PyErrorCodeInfo).ok_or_else(|| {
        to_py_err(Error::invalid_argument(format!(
            "{code} is not an error code"
        )))
    })
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

/// Converts a core error into the exception of its range, with every field of the error model set.
pub(crate) fn to_py_err(error: Error) -> PyErr {
    Python::attach(|py| {
        let finding = error.finding().clone();
        let class = match finding.number() / 100 {
            1 => InputError::type_object(py),
            2 => IdentifierError::type_object(py),
            3 => UploadError::type_object(py),
            4 => EligibilityError::type_object(py),
            5 => TaskError::type_object(py),
            6 => PlanError::type_object(py),
            _ => InternalError::type_object(py),
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

/// Registers the exceptions, `Finding`, `ErrorCodeInfo`, `error_code_info` and `ERROR_CODES`.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("MigrationError", py.get_type::<MigrationError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("IdentifierError", py.get_type::<IdentifierError>())?;
    m.add("UploadError", py.get_type::<UploadError>())?;
    m.add("EligibilityError", py.get_type::<EligibilityError>())?;
    m.add("TaskError", py.get_type::<TaskError>())?;
    m.add("PlanError", py.get_type::<PlanError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    m.add_class::<PyFinding>()?;
    m.add_class::<PyErrorCodeInfo>()?;
    m.add_function(wrap_pyfunction!(error_code_info, m)?)?;
    m.add("ERROR_CODES", error_codes(py)?)?;
    Ok(())
}
