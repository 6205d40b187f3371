//! Strings handed to C: generated ones are owned by the caller and freed with
//! [`mpp_string_free`]; static ones are documented "do not free".

use std::ffi::{CString, c_char};

use mpp_migration::{Error, ErrorCode};

/// Turns a Rust string into a C string the caller owns. Our outputs never contain NUL; should
/// one ever, it is an internal error rather than a truncated string.
pub(crate) fn to_c_string(s: impl Into<Vec<u8>>) -> Result<*mut c_char, Error> {
    CString::new(s).map(CString::into_raw).map_err(|_| {
        Error::new(
            ErrorCode::Panic,
            "internal error: an output string contains a NUL byte",
        )
    })
}

/// A C string for text that is stored for the life of a handle; interior NUL bytes (possible
/// only in user data such as a CSV cell) are shown as U+FFFD so the text is never cut short.
pub(crate) fn c_string_lossy(s: &str) -> CString {
    CString::new(s.replace('\0', "\u{FFFD}")).unwrap_or_default()
}

/// Turns generated text that may carry user data (a CSV cell) into a C string the caller owns.
/// A NUL byte, which a C string cannot hold, is written as U+FFFD, as [`c_string_lossy`] does.
pub(crate) fn to_c_string_lossy(s: String) -> *mut c_char {
    match CString::new(s) {
        Ok(c) => c.into_raw(),
        Err(e) => c_string_lossy(&String::from_utf8_lossy(&e.into_vec())).into_raw(),
    }
}

/// Frees a string returned by this library. NULL is a no-op.
///
/// # Safety
/// `s` must be NULL or a string this library returned as owned (`char *`), not yet freed. Do
/// not pass strings documented as static or borrowed, nor memory from `malloc`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_string_free(s: *mut c_char) {
    if !s.is_null() {
        crate::boundary::guard((), || {
            // SAFETY: `s` came from CString::into_raw in this library, per the contract.
            drop(unsafe { CString::from_raw(s) });
        });
    }
}
