//! E.164 phone numbers in Python (CSV-5, EXT-12, EXT-18, DEC-4).

use pyo3::prelude::*;

use crate::args::string;

crate::shapes::methods! {
class("E164", eq, hash, ord) #[derive(Clone, Copy)] pub(crate) struct PyE164(mpp_migration::E164);
/// Pickling and copying: read again from the normalised number.
value("E164", str = ToString::to_string, text = ToString::to_string,
    /// Reads a number: "+", digits, and spaces, dashes, dots or parentheses as formatting.
    new(number) = mpp_migration::E164::parse);
getters("E164", this) {
    fn country_calling_code() -> u16 { this.0.country_calling_code() }
    fn region() -> &'static str { this.0.region() }
    fn national_number() -> String { this.0.national_number() }
}
}

crate::shapes::functions! {
    fn normalize_e164(number: string) -> String => mpp_migration::normalize_e164(&number);
}

#[doc = stub_doc!("country_calling_code_region")]
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
