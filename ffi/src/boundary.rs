//! The one mechanism every export goes through: NULL and UTF-8 checks on the way in, the panic
//! boundary, the status code and the optional `mpp_error` on the way out.

use std::ffi::{CStr, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use mpp_migration::{Error, ErrorCode};

use crate::error::mpp_error;

/// The status every fallible function returns: [`MPP_OK`] or the number of an
/// `mpp_error_code`.
pub type mpp_status = u32;

/// Success.
pub const MPP_OK: mpp_status = 0;

/// Runs `body` behind the panic boundary. On success returns [`MPP_OK`]; on failure returns the
/// error's number and, when `err` is not NULL, stores a new `mpp_error` in `*err`. A panic
/// becomes `MPP_ERROR_CODE_PANIC`; it never unwinds into C.
///
/// A slot that already holds an error (`*err` not NULL) is refused before `body` runs:
/// `MPP_ERROR_CODE_ERROR_SLOT_IN_USE`, nothing done, the slot left as it was. Overwriting it
/// would leak the earlier error, and freeing it would free what the caller may still read.
///
/// # Safety
/// `err` must be NULL or valid for one read and one write of a pointer.
pub(crate) unsafe fn run(
    err: *mut *mut mpp_error,
    body: impl FnOnce() -> Result<(), Error>,
) -> mpp_status {
    // SAFETY: the caller promises `err` is NULL (checked) or readable.
    if !err.is_null() && !unsafe { *err }.is_null() {
        return ErrorCode::ErrorSlotInUse.number();
    }
    let outcome = catch_unwind(AssertUnwindSafe(body))
        .unwrap_or_else(|payload| Err(panic_error(payload.as_ref())));
    match outcome {
        Ok(()) => MPP_OK,
        Err(error) => {
            let status = error.code().number();
            if !err.is_null() {
                // SAFETY: the caller promises `err` is NULL (checked) or writable.
                unsafe { *err = mpp_error::into_raw(error) };
            }
            status
        }
    }
}

/// Runs an accessor that cannot fail except by panicking; a panic yields `fallback`.
pub(crate) fn guard<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

fn panic_error(payload: &(dyn std::any::Any + Send)) -> Error {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    Error::new(
        ErrorCode::Panic,
        format!("internal error in mpp-migration (please report it): {what}"),
    )
}

/// Borrows a NUL-terminated UTF-8 argument, refusing NULL and invalid UTF-8 by name.
///
/// # Safety
/// `ptr` must be NULL or point to a NUL-terminated string valid for `'a`.
pub(crate) unsafe fn arg_str<'a>(ptr: *const c_char, name: &str) -> Result<&'a str, Error> {
    if ptr.is_null() {
        return Err(null_error(name));
    }
    // SAFETY: non-NULL and NUL-terminated per the caller's contract.
    arg_utf8(unsafe { CStr::from_ptr(ptr) }.to_bytes(), name)
}

/// Reads the bytes of argument `name` as UTF-8, refusing invalid UTF-8 by name.
pub(crate) fn arg_utf8<'a>(bytes: &'a [u8], name: &str) -> Result<&'a str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorCode::ArgumentNotUtf8,
            format!(
                "argument `{name}` is not valid UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })
}

/// Borrows an optional NUL-terminated UTF-8 argument: NULL gives `None`; invalid UTF-8 is
/// refused by name.
///
/// # Safety
/// `ptr` must be NULL or point to a NUL-terminated string valid for `'a`.
pub(crate) unsafe fn arg_opt_str<'a>(
    ptr: *const c_char,
    name: &str,
) -> Result<Option<&'a str>, Error> {
    // SAFETY: non-NULL when read, and NUL-terminated per the caller's contract.
    optional(ptr, || unsafe { arg_str(ptr, name) })
}

/// Reads an optional argument: `None` when `ptr` is NULL, else what `read` makes of it.
pub(crate) fn optional<P, T>(
    ptr: *const P,
    read: impl FnOnce() -> Result<T, Error>,
) -> Result<Option<T>, Error> {
    if ptr.is_null() {
        Ok(None)
    } else {
        read().map(Some)
    }
}

/// Reads a file path argument. On Unix a path is any bytes (as the operating system takes
/// them); elsewhere it must be UTF-8.
///
/// # Safety
/// `ptr` must be NULL or point to a NUL-terminated string.
pub(crate) unsafe fn arg_path(ptr: *const c_char, name: &str) -> Result<PathBuf, Error> {
    if ptr.is_null() {
        return Err(null_error(name));
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        // SAFETY: non-NULL and NUL-terminated per the caller's contract.
        let bytes = unsafe { CStr::from_ptr(ptr) }.to_bytes();
        Ok(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
    }
    #[cfg(not(unix))]
    {
        // SAFETY: per the caller's contract.
        unsafe { arg_str(ptr, name) }.map(PathBuf::from)
    }
}

/// Borrows `len` bytes at `ptr`. NULL is accepted only with `len` 0 (an empty input).
///
/// # Safety
/// `ptr` must be NULL or point to `len` readable bytes that stay unchanged for `'a`.
pub(crate) unsafe fn arg_bytes<'a>(
    ptr: *const u8,
    len: usize,
    name: &str,
) -> Result<&'a [u8], Error> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(null_error(name))
        };
    }
    if isize::try_from(len).is_err() {
        return Err(Error::invalid_argument(format!(
            "argument `{name}`: {len} bytes is more than any buffer can hold"
        )));
    }
    // SAFETY: non-NULL, `len` fits an isize, and the caller promises `len` readable bytes.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// Borrows a whole document (`len` bytes of JSON at `ptr`), refusing NULL whatever `len` is:
/// unlike a CSV, where no bytes is an empty file with its own finding, no document is a
/// missing argument (`MPP_ERROR_CODE_NULL_POINTER`), not malformed JSON.
///
/// # Safety
/// As [`arg_bytes`].
pub(crate) unsafe fn arg_document<'a>(
    ptr: *const u8,
    len: usize,
    name: &str,
) -> Result<&'a [u8], Error> {
    if ptr.is_null() {
        return Err(null_error(name));
    }
    // SAFETY: per the caller's contract.
    unsafe { arg_bytes(ptr, len, name) }
}

/// Borrows a handle passed by mutable pointer, refusing NULL by name.
///
/// # Safety
/// `ptr` must be NULL or point to a live `T` that nothing else uses for `'a`.
pub(crate) unsafe fn arg_mut<'a, T>(ptr: *mut T, name: &str) -> Result<&'a mut T, Error> {
    // SAFETY: per the caller's contract.
    unsafe { ptr.as_mut() }.ok_or_else(|| null_error(name))
}

/// Runs `f` on the handle passed by mutable pointer, refusing NULL by name.
///
/// # Safety
/// As [`arg_mut`].
pub(crate) unsafe fn with_mut<T, R>(
    ptr: *mut T,
    name: &str,
    f: impl FnOnce(&mut T) -> Result<R, Error>,
) -> Result<R, Error> {
    // SAFETY: per the caller's contract.
    f(unsafe { arg_mut(ptr, name) }?)
}

/// Borrows a handle passed by const pointer, refusing NULL by name.
///
/// # Safety
/// `ptr` must be NULL or point to a live `T` for `'a`.
pub(crate) unsafe fn arg_ref<'a, T>(ptr: *const T, name: &str) -> Result<&'a T, Error> {
    // SAFETY: per the caller's contract.
    unsafe { ptr.as_ref() }.ok_or_else(|| null_error(name))
}

/// Checks an out-parameter before any work is done, so a NULL one fails early and by name.
pub(crate) fn out_param<T>(ptr: *mut T, name: &str) -> Result<Out<T>, Error> {
    if ptr.is_null() {
        Err(null_error(name))
    } else {
        Ok(Out(ptr))
    }
}

/// A checked, non-NULL out-parameter; written once, after the work succeeded.
pub(crate) struct Out<T>(*mut T);

impl<T> Out<T> {
    /// Stores the result.
    ///
    /// # Safety
    /// The pointer given to [`out_param`] must be valid for one write of `T`.
    pub(crate) unsafe fn write(self, value: T) {
        // SAFETY: non-NULL (checked by out_param) and writable per the caller's contract.
        unsafe { self.0.write(value) }
    }

    /// Stores the result and ends the body: `out.put(value)` is `out.write(value); Ok(())`.
    ///
    /// # Safety
    /// As [`Out::write`].
    pub(crate) unsafe fn put(self, value: T) -> Result<(), Error> {
        // SAFETY: per the contract.
        unsafe { self.write(value) };
        Ok(())
    }
}

pub(crate) fn null_error(name: &str) -> Error {
    Error::new(ErrorCode::NullPointer, format!("argument `{name}` is NULL"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::mpp_error_free;

    #[test]
    fn a_panic_inside_the_boundary_becomes_a_status() {
        let mut err: *mut mpp_error = std::ptr::null_mut();
        // SAFETY: a valid error slot.
        let status = unsafe { run(&mut err, || panic!("boom")) };
        assert_eq!(status, ErrorCode::Panic.number());
        assert!(!err.is_null(), "the panic is reported in the error slot");
        // SAFETY: `err` is the live error `run` stored.
        let finding = unsafe { &*crate::error::mpp_error_finding(err) }
            .get()
            .clone();
        assert_eq!((finding.number(), finding.name()), (901, "panic"));
        assert!(finding.message().contains("boom"), "{}", finding.message());
        // SAFETY: freed once.
        unsafe { mpp_error_free(err) };
    }
}
