//! E.164 phone numbers in C (CSV-5, EXT-12, EXT-18, DEC-4).

use crate::prelude::*;

/// Normalises a phone number to E.164 (`+` and digits): `+1 (408) 555-0100` gives
/// `+14085550100`. Optionally reports its country calling code. The number must be a valid
/// number of its country calling code by libphonenumber's metadata
/// (`mpp_e164_metadata_version()`), EXT-18: `+1 200 555 0100` (no area code 200) fails with
/// `MPP_ERROR_CODE_E164_INVALID_NUMBER`, `+49 30 11` with `MPP_ERROR_CODE_E164_TOO_SHORT`.
///
/// On success returns `MPP_OK`, stores in `*out` a string to free with `mpp_string_free` and,
/// when `country_code` is not NULL, the country calling code in `*country_code`. On failure
/// returns a `MPP_ERROR_CODE_E164_*` code (or `MPP_ERROR_CODE_NULL_POINTER`,
/// `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`), writes no output and, when `err` is not NULL, stores an
/// error in `*err`.
///
/// # Safety
/// `number` must be NULL or a NUL-terminated string; `out` must be valid for one write;
/// `country_code` and `err` must each be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_normalize_e164(
    number: *const c_char,
    out: *mut *mut c_char,
    country_code: *mut u16,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let number = arg_str(number, "number")?;
        let out = out_param(out, "out")?;
        let parsed = mpp_migration::E164::parse(number)?;
        let text = to_c_string(parsed.to_string())?;
        if !country_code.is_null() {
            country_code.write(parsed.country_calling_code());
        }
        out.put(text)
    })
}

static REGIONS: LazyLock<Vec<(u16, CString)>> = LazyLock::new(|| {
    (1u16..1000)
        .filter_map(|code| {
            mpp_migration::country_calling_code_region(code).map(|r| (code, c_string_lossy(r)))
        })
        .collect()
});

/// The region an assigned country calling code belongs to ("Finland" for 358), or NULL when
/// the code is not assigned. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_country_calling_code_region(code: u16) -> *const c_char {
    guard(ptr::null(), || {
        REGIONS
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(ptr::null(), |(_, r)| r.as_ptr())
    })
}

static METADATA_VERSION: LazyLock<CString> =
    LazyLock::new(|| c_string_lossy(mpp_migration::E164_METADATA_VERSION));

/// The version of libphonenumber's metadata that phone numbers are checked against (EXT-18),
/// e.g. "9.0.43". Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_e164_metadata_version() -> *const c_char {
    guard(ptr::null(), || METADATA_VERSION.as_ptr())
}
