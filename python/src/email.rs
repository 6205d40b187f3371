//! Email addresses in Python (CSV-4).

use pyo3::prelude::*;

use crate::args::string;
use crate::errors::IntoPyResult;

#[doc = stub_doc!("validate_email")]
#[pyfunction]
pub(crate) fn validate_email(email: &Bound<'_, PyAny>) -> PyResult<()> {
    mpp_migration::validate_email(&string("email", email)?).py()
}
