//! MAC addresses in Python (DEV-6, DEV-7, EXT-7).

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::args::{mac_arg, string};

crate::shapes::functions! {
    fn normalize_mac(mac: string) -> String => mpp_migration::normalize_mac(&mac);
    fn device_name(mac: string) -> String => mpp_migration::device_name(&mac);
    fn license_file_name(mac: string) -> String => mpp_migration::license_file_name(&mac);
    fn license_url(mac: mac_arg) -> String => Ok(mac.license_url());
}

/// A MAC's 12 hexadecimal digits as a `str`, made without a `String` (for the lists of many).
pub(crate) fn mac_str(py: Python<'_>, mac: mpp_migration::Mac) -> Bound<'_, PyString> {
    let hex = mac.to_hex_bytes();
    PyString::new(py, std::str::from_utf8(&hex).unwrap_or_default())
}
