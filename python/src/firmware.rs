//! Firmware versions and load names in Python (EXT-6).

use pyo3::prelude::*;

use crate::args::string;
use crate::errors::IntoPyResult;

#[doc = stub_doc!("FirmwareVersion")]
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
    #[doc = stub_doc!("FirmwareVersion.major")]
    fn major() -> u16 { this.0.major() }
    #[doc = stub_doc!("FirmwareVersion.minor")]
    fn minor() -> u16 { this.0.minor() }
    #[doc = stub_doc!("FirmwareVersion.maint")]
    fn maint() -> Option<u16> { this.0.maint() }
    #[doc = stub_doc!("FirmwareVersion.service_release")]
    fn service_release() -> u16 { this.0.service_release() }
    #[doc = stub_doc!("FirmwareVersion.kind")]
    fn kind() -> &'static str { this.0.kind().as_str() }
    #[doc = stub_doc!("FirmwareVersion.load_family")]
    fn load_family() -> Option<&str> { this.0.load_family() }
    #[doc = stub_doc!("FirmwareVersion.build")]
    fn build() -> Option<&str> { this.0.build() }
}
}
