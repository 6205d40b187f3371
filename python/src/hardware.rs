//! Hardware versions in Python (EXT-1).

use pyo3::prelude::*;

crate::shapes::methods! {
class("HardwareVersion", eq, hash, ord)
#[derive(Clone, Copy)]
pub(crate) struct PyHardwareVersion(pub(crate) mpp_migration::HardwareVersion);
/// Pickling and copying: read again from its text ("V03").
value("HardwareVersion", str = ToString::to_string, text = ToString::to_string,
    /// Reads "V03", "v3", "VID V03" or "3".
    new(text) = mpp_migration::HardwareVersion::parse);
getters("HardwareVersion", this) {
    fn number() -> u8 { this.0.number() }
}
}
