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
    /// 14 in 14.1(1).
    #[getter]
    fn major(&self) -> u16 {
        self.0.major()
    }
    /// 1 in 14.1(1).
    #[getter]
    fn minor(&self) -> u16 {
        self.0.minor()
    }
    /// The last 1 in 14.1(1); None when only ``"14.1"`` was given.
    #[getter]
    fn maint(&self) -> Option<u16> {
        self.0.maint()
    }
    /// 3 in 12.5(1)SR3; 0 when there is none.
    #[getter]
    fn service_release(&self) -> u16 {
        self.0.service_release()
    }
    /// ``"enterprise"`` or ``"mpp"``.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind().as_str()
    }
    /// The load family (``"sip78xx"``) of a load name, or None.
    #[getter]
    fn load_family(&self) -> Option<&str> {
        self.0.load_family()
    }
    /// The build of a load name (``"0001-136"``), or None.
    #[getter]
    fn build(&self) -> Option<&str> {
        self.0.build()
    }
}
}
