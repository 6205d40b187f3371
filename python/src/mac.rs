//! MAC addresses in Python (DEV-6, DEV-7, EXT-7).

use pyo3::prelude::*;

use crate::errors::IntoPyResult;

/// Normalises a MAC address to 12 upper-case hexadecimal digits (DEV-6).
#[pyfunction]
pub(crate) fn normalize_mac(mac: &str) -> PyResult<String> {
    mpp_migration::normalize_mac(mac).py()
}

/// The Unified CM device name of the phone with this MAC: "SEP" + MAC (DEV-7).
#[pyfunction]
pub(crate) fn device_name(mac: &str) -> PyResult<String> {
    mpp_migration::device_name(mac).py()
}

/// The device license file name: "<MAC>.lic" (EXT-7).
#[pyfunction]
pub(crate) fn license_file_name(mac: &str) -> PyResult<String> {
    mpp_migration::license_file_name(mac).py()
}

/// Where the Webex cloud serves this phone's device license (EXT-7).
#[pyfunction]
pub(crate) fn license_url(mac: &str) -> PyResult<String> {
    mpp_migration::Mac::parse(mac).map(|m| m.license_url()).py()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(normalize_mac, m)?)?;
    m.add_function(wrap_pyfunction!(device_name, m)?)?;
    m.add_function(wrap_pyfunction!(license_file_name, m)?)?;
    m.add_function(wrap_pyfunction!(license_url, m)?)?;
    Ok(())
}
