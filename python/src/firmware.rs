//! Firmware versions and load names in Python (EXT-6).

use pyo3::prelude::*;

crate::shapes::methods! {
class("FirmwareVersion", eq, hash, ord)
#[derive(Clone)]
pub(crate) struct PyFirmwareVersion(pub(crate) mpp_migration::FirmwareVersion);
/// Pickling and copying: read again from the text it was read from.
value("FirmwareVersion", str = ToString::to_string,
    text = |v: &mpp_migration::FirmwareVersion| v.as_str().to_owned(),
    /// Reads a version or load name in any usual spelling.
    new(text) = mpp_migration::FirmwareVersion::parse);
getters("FirmwareVersion", this) {
    fn major() -> u16 { this.0.major() }
    fn minor() -> u16 { this.0.minor() }
    fn maint() -> Option<u16> { this.0.maint() }
    fn service_release() -> u16 { this.0.service_release() }
    fn kind() -> &'static str { this.0.kind().as_str() }
    fn load_family() -> Option<&str> { this.0.load_family() }
    fn build() -> Option<&str> { this.0.build() }
}
}
