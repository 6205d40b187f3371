//! E.164 phone numbers in Python (CSV-5, EXT-12, DEC-4).

use pyo3::prelude::*;

use crate::errors::IntoPyResult;

/// A phone number in E.164 form. `str(n)` is the normalised number, e.g. "+14085550100".
#[pyclass(frozen, eq, hash, ord, module = "mpp_migration._native", name = "E164")]
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct PyE164(mpp_migration::E164);

#[pymethods]
impl PyE164 {
    /// Reads a number: "+", digits, and spaces, dashes, dots or parentheses as formatting.
    #[new]
    fn new(number: &str) -> PyResult<PyE164> {
        mpp_migration::E164::parse(number).map(PyE164).py()
    }
    /// The country calling code, e.g. 1, 44 or 358.
    #[getter]
    fn country_calling_code(&self) -> u16 {
        self.0.country_calling_code()
    }
    /// The region the country calling code is assigned to, e.g. "Finland".
    #[getter]
    fn region(&self) -> &'static str {
        self.0.region()
    }
    /// The digits after the country calling code.
    #[getter]
    fn national_number(&self) -> String {
        self.0.national_number()
    }
    fn __str__(&self) -> String {
        self.0.to_string()
    }
    fn __repr__(&self) -> String {
        format!("E164({:?})", self.0.to_string())
    }
}

/// Normalises a phone number to E.164: "+" and digits only (CSV-5, DEC-4).
#[pyfunction]
pub(crate) fn normalize_e164(number: &str) -> PyResult<String> {
    mpp_migration::normalize_e164(number).py()
}

/// The region an assigned country calling code belongs to, or None.
#[pyfunction]
pub(crate) fn country_calling_code_region(code: u16) -> Option<&'static str> {
    mpp_migration::country_calling_code_region(code)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyE164>()?;
    m.add_function(wrap_pyfunction!(normalize_e164, m)?)?;
    m.add_function(wrap_pyfunction!(country_calling_code_region, m)?)?;
    Ok(())
}
