//! `mpp_error` and `mpp_finding`: the one error model in C, and the table of codes.

use std::ffi::{CStr, c_char};
use std::ptr;

use mpp_migration::{Error, ErrorCode, Finding, Severity};

use crate::boundary::{guard, mpp_status, out_param};
use crate::handle::CStrings;

/// A finding: what was wrong, where, and how to fix it. Borrowed from the `mpp_error` or
/// report that holds it; its strings live as long as that owner.
#[allow(non_camel_case_types)]
pub struct mpp_finding {
    finding: Finding,
    /// Message, suggestion, column.
    texts: CStrings<3>,
}

from_core!(mpp_finding {
    finding: Finding,
    texts
});

impl mpp_finding {
    /// The finding.
    pub(crate) fn get(&self) -> &Finding {
        &self.finding
    }

    /// The views of `findings`.
    pub(crate) fn all(findings: &[Finding]) -> Vec<mpp_finding> {
        findings.iter().cloned().map(mpp_finding::from).collect()
    }
}

/// An error that stopped an operation. Returned through the optional `mpp_error **err` of a
/// fallible function; free it with `mpp_error_free`. Its fields are read through
/// `mpp_error_finding`.
///
/// The `err` slot of every fallible function: pass NULL (no details wanted) or the address of
/// an `mpp_error *` that is NULL. The slot is written only when the call fails. A slot that
/// still holds an earlier error is refused: the call does nothing, returns
/// `MPP_ERROR_CODE_ERROR_SLOT_IN_USE` and leaves the slot as it was (the earlier error is
/// neither leaked nor freed behind the caller's back). So after reading an error, call
/// `mpp_error_free(err)` and set `err = NULL` before passing the slot again.
#[allow(non_camel_case_types)]
pub struct mpp_error {
    finding: mpp_finding,
}

impl mpp_error {
    pub(crate) fn into_raw(error: Error) -> *mut mpp_error {
        Box::into_raw(Box::new(mpp_error {
            finding: mpp_finding::from(error.into_finding()),
        }))
    }
}

/// The C string `text` gives for the code numbered `number`; NULL when no code has it.
///
/// The core makes these strings at compile time from its table of codes
/// ([`ErrorCode::c_name`] and its siblings): the pointers handed to C point into the program
/// image, not the heap, so they are valid for the life of the process and no call can free or
/// move them (issue 14).
fn code_text(number: u32, text: fn(ErrorCode) -> &'static CStr) -> *const c_char {
    ErrorCode::from_number(number).map_or(ptr::null(), |code| text(code).as_ptr())
}

/// The fields of an error. NULL when `err` is NULL. Valid until `mpp_error_free(err)`.
///
/// # Safety
/// `err` must be NULL or an error returned by this library and not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_error_finding(err: *const mpp_error) -> *const mpp_finding {
    lend!(err, |e| Some(&e.finding))
}

/// Frees an error. NULL is a no-op.
///
/// # Safety
/// `err` must be NULL or an error returned by this library and not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_error_free(err: *mut mpp_error) {
    free_box!(err)
}

/// The stable number of the finding's code (an `mpp_error_code`); 0 when `f` is NULL.
///
/// # Safety
/// `f` must be NULL or a finding borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_finding_number(f: *const mpp_finding) -> u32 {
    read!(f, 0, |f| f.finding.number())
}

/// The stable snake_case name of the finding's code, e.g. "mac_invalid_length". Static: do
/// not free. NULL when `f` is NULL.
///
/// # Safety
/// `f` must be NULL or a finding borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_finding_code(f: *const mpp_finding) -> *const c_char {
    read!(f, ptr::null(), |f| f.finding.code().c_name().as_ptr())
}

/// The rule the finding enforces (an id of docs/rules.md, such as "DEV-6"), or "" where none.
/// Static: do not free. NULL when `f` is NULL.
///
/// # Safety
/// `f` must be NULL or a finding borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_finding_rule(f: *const mpp_finding) -> *const c_char {
    read!(f, ptr::null(), |f| f.finding.code().c_rule().as_ptr())
}

/// Whether the finding refuses its row or action (`MPP_SEVERITY_ERROR`) or only cautions
/// (`MPP_SEVERITY_WARNING`). `MPP_SEVERITY_ERROR` when `f` is NULL.
///
/// # Safety
/// `f` must be NULL or a finding borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_finding_severity(f: *const mpp_finding) -> Severity {
    read!(f, Severity::Error, |f| f.finding.severity())
}

/// The message for a person. Borrowed from the finding's owner. NULL when `f` is NULL.
///
/// # Safety
/// `f` must be NULL or a finding borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_finding_message(f: *const mpp_finding) -> *const c_char {
    lend!(f, |f| f.texts.one(0, || f.finding.message()))
}

/// A suggested replacement value (a corrected MAC, the location probably meant), or NULL when
/// there is none. Borrowed from the finding's owner.
///
/// # Safety
/// `f` must be NULL or a finding borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_finding_suggestion(f: *const mpp_finding) -> *const c_char {
    lend!(f, |f| f.texts.opt(1, || f.finding.suggestion()))
}

/// The row of the input concerned, as a spreadsheet numbers it (header = 1); 0 when the
/// finding concerns no row or `f` is NULL.
///
/// # Safety
/// `f` must be NULL or a finding borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_finding_row(f: *const mpp_finding) -> u64 {
    read!(f, 0, |f| f.finding.row().unwrap_or(0))
}

/// The column of the input concerned, as its header spells it, or NULL when none. Borrowed
/// from the finding's owner.
///
/// # Safety
/// `f` must be NULL or a finding borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_finding_column(f: *const mpp_finding) -> *const c_char {
    lend!(f, |f| f.texts.opt(2, || f.finding.column()))
}

/// The snake_case name of the code with this number ("mac_invalid_length"), or NULL when no
/// code has it. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_error_code_name(number: u32) -> *const c_char {
    guard(ptr::null(), || code_text(number, ErrorCode::c_name))
}

/// The rule of the code with this number (an id of docs/rules.md, "" where none), or NULL
/// when no code has it. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_error_code_rule(number: u32) -> *const c_char {
    guard(ptr::null(), || code_text(number, ErrorCode::c_rule))
}

/// The name of a severity: "error" or "warning", or NULL for another number. Static: do not
/// free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_severity_name(severity: u32) -> *const c_char {
    match severity {
        s if s == Severity::Error as u32 => c"error".as_ptr(),
        s if s == Severity::Warning as u32 => c"warning".as_ptr(),
        _ => ptr::null(),
    }
}

/// A one-line meaning of the code with this number, or NULL when no code has it. Static: do
/// not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_error_code_summary(number: u32) -> *const c_char {
    guard(ptr::null(), || code_text(number, ErrorCode::c_summary))
}

/// The fixed severity of the code with this number.
///
/// Returns `MPP_OK` and writes `*out`, or `MPP_ERROR_CODE_INVALID_ARGUMENT` when no code has
/// this number.
///
/// # Safety
/// `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_error_code_severity(
    number: u32,
    out: *mut Severity,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let out = out_param(out, "out")?;
        let code = ErrorCode::from_number(number)
            .ok_or_else(|| Error::invalid_argument(format!("{number} is not an mpp_error_code")))?;
        out.put(code.severity())
    })
}

/// How many error codes there are; with `mpp_error_code_at`, enumerates them all.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_error_code_count() -> usize {
    guard(0, || ErrorCode::ALL.len())
}

/// The number of the `index`-th error code in number order, or 0 when `index` is out of range.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_error_code_at(index: usize) -> u32 {
    guard(0, || ErrorCode::ALL.get(index).map_or(0, |c| c.number()))
}
