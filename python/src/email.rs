//! Email addresses in Python (CSV-4).

use pyo3::prelude::*;

use crate::errors::IntoPyResult;

/// Checks the syntax of an email address (CSV-4); raises `IdentifierError` naming what is
/// wrong.
#[pyfunction]
pub(crate) fn validate_email(email: &str) -> PyResult<()> {
    mpp_migration::validate_email(email).py()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(validate_email, m)?)?;
    Ok(())
}
