//! Hardware versions (VID) in C (EXT-1).

use crate::prelude::*;

/// Reads a hardware version (`V03`, `v3`, `VID V03`, `3`) and stores its number (1 to 99) in
/// `*out`; VIDs compare as these numbers (EXT-1).
///
/// On failure returns `MPP_ERROR_CODE_HARDWARE_VERSION_INVALID` (or
/// `MPP_ERROR_CODE_NULL_POINTER`, `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`), writes no output and,
/// when `err` is not NULL, stores an error in `*err`.
///
/// # Safety
/// `text` must be NULL or a NUL-terminated string; `out` must be valid for one write; `err`
/// must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_parse_hardware_version(
    text: *const c_char,
    out: *mut u8,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let text = arg_str(text, "text")?;
        let out = out_param(out, "out")?;
        let version = mpp_migration::HardwareVersion::parse(text)?;
        out.put(version.number())
    })
}
