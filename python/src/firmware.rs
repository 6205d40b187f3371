//! Firmware versions and load names in Python (EXT-6).

use pyo3::prelude::*;

use crate::args::string;
use crate::errors::IntoPyResult;

/// A firmware version or load name, compared by its numbers (EXT-6).
#[pyclass(
    frozen,
    eq,
    hash,
    ord,
    module = "mpp_migration._native",
    name = "FirmwareVersion"
)]
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct PyFirmwareVersion(pub(crate) mpp_migration::FirmwareVersion);

crate::shapes::methods! {
/// Pickling and copying: read again from the text it was read from.
value("FirmwareVersion", str = ToString::to_string, text = |v: &mpp_migration::FirmwareVersion| v.as_str().to_owned());
#[pymethods]
impl PyFirmwareVersion {
    /// Reads a version or load name in any usual spelling.
    #[new]
    fn new(text: &Bound<'_, PyAny>) -> PyResult<PyFirmwareVersion> {
        mpp_migration::FirmwareVersion::parse(&string("text", text)?)
            .map(PyFirmwareVersion)
            .py()
    }
}
getters(this) {
    /// 14 in 14.1(1).
    fn major() -> u16 { this.0.major() }
    /// 1 in 14.1(1).
    fn minor() -> u16 { this.0.minor() }
    /// The last 1 in 14.1(1); None when only ``"14.1"`` was given.
    fn maint() -> Option<u16> { this.0.maint() }
    /// 3 in 12.5(1)SR3; 0 when there is none.
    fn service_release() -> u16 { this.0.service_release() }
    /// ``"enterprise"`` or ``"mpp"``.
    fn kind() -> &'static str { this.0.kind().as_str() }
    /// The load family (``"sip78xx"``) of a load name, or None.
    fn load_family() -> Option<&str> { this.0.load_family() }
    /// The build of a load name (``"0001-136"``), or None.
    fn build() -> Option<&str> { this.0.build() }
}
}
