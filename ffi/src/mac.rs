//! MAC addresses in C (DEV-6, DEV-7, EXT-7).

use crate::prelude::*;

/// Applies `f` to the parsed MAC and returns its text through `out`: the shape shared by every
/// MAC function.
///
/// # Safety
/// As for the exports below.
unsafe fn with_mac(
    mac: *const c_char,
    out: *mut *mut c_char,
    f: impl FnOnce(mpp_migration::Mac) -> String,
) -> Result<(), Error> {
    // SAFETY: the caller upholds the pointer contracts of the export.
    unsafe {
        let mac = arg_str(mac, "mac")?;
        out_param(out, "out")?.put(to_c_string(f(mpp_migration::Mac::parse(mac)?))?)
    }
}

/// Normalises a MAC address to 12 upper-case hexadecimal digits (DEV-6): `00:1a:2b:3c:4d:5e`
/// gives `001A2B3C4D5E`.
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// On failure returns a `MPP_ERROR_CODE_MAC_*` code (or `MPP_ERROR_CODE_NULL_POINTER`,
/// `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`), leaves `*out` untouched and, when `err` is not NULL,
/// stores an error in `*err` (free with `mpp_error_free`); for near misses its suggestion is
/// the normalised MAC.
///
/// # Safety
/// `mac` must be NULL or a NUL-terminated string; `out` must be valid for one write; `err` must
/// be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_normalize_mac(
    mac: *const c_char,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || with_mac(mac, out, |m| m.to_string()))
}

/// The Unified CM device name of the phone with this MAC: `SEP` + MAC (DEV-7).
/// Returns and errors as `mpp_normalize_mac`.
///
/// # Safety
/// As `mpp_normalize_mac`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_name(
    mac: *const c_char,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || with_mac(mac, out, |m| m.device_name()))
}

/// The device license file name of the phone with this MAC: `<MAC>.lic` (EXT-7).
/// Returns and errors as `mpp_normalize_mac`.
///
/// # Safety
/// As `mpp_normalize_mac`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_license_file_name(
    mac: *const c_char,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || with_mac(mac, out, |m| m.license_file_name()))
}

/// Where the Webex cloud serves this phone's device license (EXT-7):
/// `https://cloudupgrader.webex.com/licenses/e2m/<MAC>.lic`.
/// Returns and errors as `mpp_normalize_mac`.
///
/// # Safety
/// As `mpp_normalize_mac`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_license_url(
    mac: *const c_char,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || with_mac(mac, out, |m| m.license_url()))
}
