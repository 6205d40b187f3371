//! The E.164 exports called as C calls them (EXT-18).

use std::ffi::{CStr, c_char};
use std::ptr;

use mpp_migration_ffi::mpp_status;
use mpp_migration_ffi::*;

fn normalize(input: &CStr) -> (mpp_status, Option<String>, u16) {
    let mut out: *mut c_char = ptr::null_mut();
    let mut code = 0u16;
    // SAFETY: a NUL-terminated input and out-params valid for one write.
    let status =
        unsafe { mpp_normalize_e164(input.as_ptr(), &mut out, &mut code, ptr::null_mut()) };
    let text = (!out.is_null()).then(|| {
        // SAFETY: `out` was written by the library and is NUL-terminated.
        let text = unsafe { CStr::from_ptr(out) }
            .to_string_lossy()
            .into_owned();
        // SAFETY: the library's string, freed once, here.
        unsafe { mpp_migration_ffi::mpp_string_free(out) };
        text
    });
    (status, text, code)
}

#[test]
fn ext18_numbers_are_judged_by_their_country_through_c() {
    assert_eq!(
        normalize(c"+49 30 123456"),
        (
            mpp_migration_ffi::MPP_OK,
            Some("+4930123456".to_owned()),
            49
        )
    );
    for (input, code) in [
        (
            c"+1 200 555 0100",
            mpp_migration::ErrorCode::E164InvalidNumber,
        ),
        (c"+49 30 11", mpp_migration::ErrorCode::E164TooShort),
        (
            c"+44 020 7946 0958",
            mpp_migration::ErrorCode::E164TrunkPrefix,
        ),
    ] {
        let (status, text, _) = normalize(input);
        assert_eq!((status, text), (code.number(), None), "{input:?}");
    }
    // SAFETY: the library's static string.
    let version = unsafe { CStr::from_ptr(mpp_e164_metadata_version()) };
    assert_eq!(version.to_str(), Ok(mpp_migration::E164_METADATA_VERSION));
}
