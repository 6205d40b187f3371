//! MAC addresses in Python (DEV-6, DEV-7, EXT-7).

use pyo3::prelude::*;

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
