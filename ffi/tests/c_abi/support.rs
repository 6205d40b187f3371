//! What the Rust tests of the C ABI share: reading the library's strings, a finding's fields
//! for comparison with the core's, and calling a fallible export with an error slot.

use std::ffi::{CStr, CString, c_char};
use std::ptr;

use mpp_migration::{ErrorCode, Severity};

use mpp_migration_ffi::MPP_OK;
use mpp_migration_ffi::*;

pub(crate) const NULL_POINTER: u32 = ErrorCode::NullPointer.number();
pub(crate) const NOT_UTF8: u32 = ErrorCode::ArgumentNotUtf8.number();
pub(crate) const INVALID_ARGUMENT: u32 = ErrorCode::InvalidArgument.number();

pub(crate) fn s(p: *const c_char) -> String {
    assert!(!p.is_null());
    // SAFETY: the library returned a valid NUL-terminated string.
    unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned()
}

pub(crate) fn opt_s(p: *const c_char) -> Option<String> {
    (!p.is_null()).then(|| s(p))
}

/// Takes an owned string from the library and frees it.
pub(crate) fn owned(p: *mut c_char) -> String {
    let text = s(p);
    // SAFETY: an owned string from the library, freed once.
    unsafe { mpp_string_free(p) };
    text
}

pub(crate) fn cs(text: &str) -> CString {
    CString::new(text).unwrap()
}

/// The fields of a finding, for comparisons.
#[derive(Debug, PartialEq, Eq, Clone)]
pub(crate) struct F {
    pub(crate) number: u32,
    pub(crate) code: String,
    pub(crate) message: String,
    pub(crate) suggestion: Option<String>,
    pub(crate) row: u64,
    pub(crate) column: Option<String>,
    pub(crate) severity: Severity,
}

pub(crate) fn finding(f: *const mpp_finding) -> F {
    assert!(!f.is_null());
    // SAFETY: a finding borrowed from a live owner.
    unsafe {
        F {
            number: mpp_finding_number(f),
            code: s(mpp_finding_code(f)),
            message: s(mpp_finding_message(f)),
            suggestion: opt_s(mpp_finding_suggestion(f)),
            row: mpp_finding_row(f),
            column: opt_s(mpp_finding_column(f)),
            severity: mpp_finding_severity(f),
        }
    }
}

pub(crate) fn core_finding(f: &mpp_migration::Finding) -> F {
    F {
        number: f.number(),
        code: f.name().to_owned(),
        message: f.message().to_owned(),
        suggestion: f.suggestion().map(str::to_owned),
        row: f.row().unwrap_or(0),
        column: f.column().map(str::to_owned),
        severity: f.severity(),
    }
}

pub(crate) fn core_error(e: &mpp_migration::Error) -> F {
    core_finding(e.finding())
}

/// Runs a fallible call with an error slot; returns the error's fields on failure.
pub(crate) fn call(f: impl FnOnce(*mut *mut mpp_error) -> u32) -> Result<(), F> {
    let mut err: *mut mpp_error = ptr::null_mut();
    let status = f(&mut err);
    if status == MPP_OK {
        assert!(err.is_null(), "no error on success");
        return Ok(());
    }
    assert!(!err.is_null(), "an error was stored");
    // SAFETY: `err` came from the library and is freed exactly once here.
    let e = unsafe {
        let e = finding(mpp_error_finding(err));
        mpp_error_free(err);
        e
    };
    assert_eq!(e.number, status, "the status is the error's number");
    Err(e)
}

/// Expects a failure with `code` whose message contains `part`.
pub(crate) fn expect_err(code: u32, result: Result<(), F>, part: &str) -> F {
    let e = result.expect_err("the call fails");
    assert_eq!(e.number, code, "{e:?}");
    assert!(
        e.message.contains(part),
        "message {:?} lacks {part:?}",
        e.message
    );
    e
}
