//! The library version, for C hosts.

use crate::prelude::*;

/// Major version of the library this header belongs to (tested equal to Cargo's).
pub const MPP_VERSION_MAJOR: u32 = 0;
/// Minor version of the library this header belongs to (tested equal to Cargo's).
pub const MPP_VERSION_MINOR: u32 = 1;
/// Patch version of the library this header belongs to (tested equal to Cargo's).
pub const MPP_VERSION_PATCH: u32 = 0;

const VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(v) => v,
        // Unreachable for a Cargo version; the tests compare mpp_version() with Cargo's.
        Err(_) => c"",
    };

/// The version of the linked library, e.g. "0.1.0". Static: do not free. Compare with
/// `MPP_VERSION_MAJOR`/`MINOR`/`PATCH` to detect a header and library that do not match.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_version() -> *const c_char {
    VERSION.as_ptr()
}
