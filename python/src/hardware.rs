//! Hardware versions in Python (EXT-1).

use pyo3::prelude::*;

use crate::args::string;
use crate::errors::IntoPyResult;

crate::shapes::methods! {
class("HardwareVersion", eq, hash, ord)
#[derive(Clone, Copy)]
pub(crate) struct PyHardwareVersion(pub(crate) mpp_migration::HardwareVersion);
/// Pickling and copying: read again from its text ("V03").
value("HardwareVersion", str = ToString::to_string, text = ToString::to_string);
#[pymethods]
impl PyHardwareVersion {
    /// Reads "V03", "v3", "VID V03" or "3".
    #[new]
    fn new(text: &Bound<'_, PyAny>) -> PyResult<PyHardwareVersion> {
        mpp_migration::HardwareVersion::parse(&string("text", text)?)
            .map(PyHardwareVersion)
            .py()
    }
}
getters("HardwareVersion", this) {
    fn number() -> u8 { this.0.number() }
}
}
