//! MAC addresses in Python (DEV-6, DEV-7, EXT-7).

use pyo3::prelude::*;

use crate::args::string;
use crate::errors::IntoPyResult;

/// Normalises a MAC address to 12 upper-case hexadecimal digits (DEV-6).
///
/// Accepts 12 hex digits or six colon-separated pairs, either case. Raises
/// :class:`IdentifierError`; for near misses (dashes, dots, a ``SEP`` prefix, the letter O)
/// its ``suggestion`` is the normalised MAC. A ``mac`` that is not a ``str`` raises
/// :class:`InputError` (``invalid_argument``).
#[pyfunction]
pub(crate) fn normalize_mac(mac: &Bound<'_, PyAny>) -> PyResult<String> {
    mpp_migration::normalize_mac(&string("mac", mac)?).py()
}

/// The Unified CM device name of the phone with this MAC: ``"SEP"`` + MAC (DEV-7).
#[pyfunction]
pub(crate) fn device_name(mac: &Bound<'_, PyAny>) -> PyResult<String> {
    mpp_migration::device_name(&string("mac", mac)?).py()
}

/// The device license file name: ``"<MAC>.lic"`` (EXT-7).
#[pyfunction]
pub(crate) fn license_file_name(mac: &Bound<'_, PyAny>) -> PyResult<String> {
    mpp_migration::license_file_name(&string("mac", mac)?).py()
}

/// Where the Webex cloud serves this phone's device license (EXT-7).
#[pyfunction]
pub(crate) fn license_url(mac: &Bound<'_, PyAny>) -> PyResult<String> {
    mpp_migration::Mac::parse(&string("mac", mac)?)
        .map(|m| m.license_url())
        .py()
}
