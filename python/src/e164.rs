//! E.164 phone numbers in Python (CSV-5, EXT-12, EXT-18, DEC-4).

use pyo3::prelude::*;

use crate::args::string;
use crate::errors::IntoPyResult;

/// A phone number in E.164 form; ``str(n)`` is the normalised number.
#[pyclass(frozen, eq, hash, ord, module = "mpp_migration._native", name = "E164")]
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct PyE164(mpp_migration::E164);

crate::shapes::methods! {
/// Pickling and copying: read again from the normalised number.
value("E164", str = ToString::to_string, text = ToString::to_string);
#[pymethods]
impl PyE164 {
    /// Reads a number: "+", digits, and spaces, dashes, dots or parentheses as formatting.
    #[new]
    fn new(number: &Bound<'_, PyAny>) -> PyResult<PyE164> {
        mpp_migration::E164::parse(&string("number", number)?)
            .map(PyE164)
            .py()
    }
}
getters(this) {
    /// The country calling code, e.g. 1, 44 or 358.
    fn country_calling_code() -> u16 { this.0.country_calling_code() }
    /// The region the country calling code is assigned to.
    fn region() -> &'static str { this.0.region() }
    /// The digits after the country calling code.
    fn national_number() -> String { this.0.national_number() }
}
}

/// Normalises a phone number to E.164, ``"+"`` and digits (CSV-5, DEC-4).
///
/// Spaces, dashes, dots and parentheses are dropped; the ``+`` and an assigned country calling
/// code are required; at most 15 digits (EXT-12); and the number must be a valid number of its
/// country calling code by libphonenumber's metadata (EXT-18): ``"+1 200 555 0100"`` raises
/// ``e164_invalid_number``, ``"+49 30 11"`` ``e164_too_short``. Raises :class:`IdentifierError`.
#[pyfunction]
pub(crate) fn normalize_e164(number: &Bound<'_, PyAny>) -> PyResult<String> {
    mpp_migration::normalize_e164(&string("number", number)?).py()
}

/// The region an assigned country calling code belongs to (``"Finland"`` for 358), or None.
///
/// Any ``int`` is accepted: one that is no country calling code (-1, 70000) gives None. Like
/// the other identifier functions, a value that is not an ``int`` (``bool`` included) raises
/// :class:`InputError` (``invalid_argument``).
#[pyfunction]
pub(crate) fn country_calling_code_region(
    code: &Bound<'_, PyAny>,
) -> PyResult<Option<&'static str>> {
    if !crate::args::is_int(code) {
        return Err(crate::args::wrong_type(format!(
            "code must be an int, not {}",
            crate::errors::type_name(code)
        )));
    }
    Ok(code
        .extract::<u16>()
        .ok()
        .and_then(mpp_migration::country_calling_code_region))
}
