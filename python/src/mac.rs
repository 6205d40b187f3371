//! MAC addresses in Python (DEV-6, DEV-7, EXT-7).

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::args::string;
use crate::errors::IntoPyResult;

#[doc = stub_doc!("normalize_mac")]
#[pyfunction]
pub(crate) fn normalize_mac(mac: &Bound<'_, PyAny>) -> PyResult<String> {
    mpp_migration::normalize_mac(&string("mac", mac)?).py()
}

#[doc = stub_doc!("device_name")]
#[pyfunction]
pub(crate) fn device_name(mac: &Bound<'_, PyAny>) -> PyResult<String> {
    mpp_migration::device_name(&string("mac", mac)?).py()
}

#[doc = stub_doc!("license_file_name")]
#[pyfunction]
pub(crate) fn license_file_name(mac: &Bound<'_, PyAny>) -> PyResult<String> {
    mpp_migration::license_file_name(&string("mac", mac)?).py()
}

#[doc = stub_doc!("license_url")]
#[pyfunction]
pub(crate) fn license_url(mac: &Bound<'_, PyAny>) -> PyResult<String> {
    mpp_migration::Mac::parse(&string("mac", mac)?)
        .map(|m| m.license_url())
        .py()
}

/// A MAC's 12 hexadecimal digits as a `str`, made without a `String` (for the lists of many).
pub(crate) fn mac_str(py: Python<'_>, mac: mpp_migration::Mac) -> Bound<'_, PyString> {
    let hex = mac.to_hex_bytes();
    PyString::new(py, std::str::from_utf8(&hex).unwrap_or_default())
}
