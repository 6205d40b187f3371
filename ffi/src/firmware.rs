//! Firmware versions and load names in C (EXT-6).

use mpp_migration::{FirmwareKind, FirmwareVersion};

use crate::prelude::*;

/// A firmware version read by `mpp_firmware_parse`; free it with `mpp_firmware_free`.
pub struct mpp_firmware {
    version: FirmwareVersion,
    /// The load family.
    family: CStrings<1>,
}

handles!(Owned: mpp_firmware);

/// Reads a firmware version or load name: `14.1(1)`, `12.5(1)SR3`, `14-1-1`,
/// `sip78xx.14-1-1-0001-136`, `sip78xx.11-3-6MPP0001-272` (EXT-6), case-insensitively.
///
/// On success returns `MPP_OK` and stores in `*out` a version to free with
/// `mpp_firmware_free`. On failure returns `MPP_ERROR_CODE_FIRMWARE_VERSION_INVALID` (or
/// `MPP_ERROR_CODE_NULL_POINTER`, `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`), writes no output and,
/// when `err` is not NULL, stores an error in `*err`.
///
/// # Safety
/// `text` must be NULL or a NUL-terminated string; `out` must be valid for one write; `err`
/// must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_firmware_parse(
    text: *const c_char,
    out: *mut *mut mpp_firmware,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let text = arg_str(text, "text")?;
        let out = out_param(out, "out")?;
        let version = FirmwareVersion::parse(text)?;
        let family = CStrings::default();
        out.put(into_raw(mpp_firmware { version, family }))
    })
}

/// Frees a firmware version. NULL is a no-op.
///
/// # Safety
/// `f` must be NULL or a version from `mpp_firmware_parse`, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_firmware_free(f: *mut mpp_firmware) {
    free_box!(f)
}

/// The major number (14 in 14.1(1)); 0 for NULL.
///
/// # Safety
/// `f` must be NULL or a live version.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_firmware_major(f: *const mpp_firmware) -> u16 {
    read!(f, 0, |f| f.version.major())
}

/// The minor number (1 in 14.1(1)); 0 for NULL.
///
/// # Safety
/// `f` must be NULL or a live version.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_firmware_minor(f: *const mpp_firmware) -> u16 {
    read!(f, 0, |f| f.version.minor())
}

/// The maintenance number (the last 1 in 14.1(1)), or -1 when the text gave none (`14.1`) or
/// `f` is NULL.
///
/// # Safety
/// `f` must be NULL or a live version.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_firmware_maint(f: *const mpp_firmware) -> i32 {
    read!(f, -1, |f| f.version.maint().map_or(-1, i32::from))
}

/// The service release (3 in 12.5(1)SR3), 0 when there is none or `f` is NULL.
///
/// # Safety
/// `f` must be NULL or a live version.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_firmware_service_release(f: *const mpp_firmware) -> u16 {
    read!(f, 0, |f| f.version.service_release())
}

/// Enterprise or MPP firmware. `MPP_FIRMWARE_KIND_ENTERPRISE` for NULL.
///
/// # Safety
/// `f` must be NULL or a live version.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_firmware_kind_of(f: *const mpp_firmware) -> FirmwareKind {
    read!(f, FirmwareKind::Enterprise, |f| f.version.kind())
}

/// The load family ("sip78xx") when a load name was read, else NULL. Borrowed from `f`.
///
/// # Safety
/// `f` must be NULL or a live version.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_firmware_load_family(f: *const mpp_firmware) -> *const c_char {
    lend!(f, |f| f.family.opt(0, || f.version.load_family()))
}

/// The release-note spelling ("14.1(1)", "12.5(1)SR3").
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// Returns `MPP_ERROR_CODE_NULL_POINTER` when `f` or `out` is NULL, writing nothing.
///
/// # Safety
/// `f` must be NULL or a live version; `out` must be valid for one write; `err` must be NULL
/// or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_firmware_to_string(
    f: *const mpp_firmware,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(f, "f", out, err, |f| f.version.to_string())
}

/// Compares two versions by their numbers (EXT-6): stores -1, 0 or 1 in `*out` as `a` is
/// older than, the same as, or newer than `b`. Returns `MPP_OK`, or
/// `MPP_ERROR_CODE_NULL_POINTER` when `a`, `b` or `out` is NULL, writing nothing.
///
/// # Safety
/// `a` and `b` must be NULL or live versions; `out` must be valid for one write; `err` must be
/// NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_firmware_compare(
    a: *const mpp_firmware,
    b: *const mpp_firmware,
    out: *mut i32,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let a = arg_ref(a, "a")?;
        let b = arg_ref(b, "b")?;
        // `Ordering` is -1, 0 and 1.
        out_param(out, "out")?.put(a.version.cmp(&b.version) as i32)
    })
}
