//! Email addresses in C (CSV-4).

use mpp_migration::validate_email;

use crate::prelude::*;

/// Checks the syntax of an email address (the Username of a USER row, CSV-4).
///
/// Returns `MPP_OK` when it is valid, else `MPP_ERROR_CODE_EMAIL_INVALID` (or
/// `MPP_ERROR_CODE_NULL_POINTER`, `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`) and, when `err` is not
/// NULL, an error in `*err` naming what is wrong.
///
/// # Safety
/// `email` must be NULL or a NUL-terminated string; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_validate_email(
    email: *const c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || validate_email(arg_str(email, "email")?))
}
