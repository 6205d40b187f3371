//! Tests of the C ABI from Rust: every export against NULL pointers, bad UTF-8 and arbitrary
//! bytes, the version constants against Cargo, and the code table against the core's.
//! The C examples (examples/c) test the same exports from C under ASan, UBSan and valgrind.

use std::ffi::{CStr, CString, c_char};
use std::ptr;

use mpp_migration::{ErrorCode, FirmwareKind, ModelClass, ModelKind, Series, Severity};
use proptest::prelude::*;

use crate::support::s;
use mpp_migration_ffi::MPP_OK;
use mpp_migration_ffi::*;

/// Takes an error's fields and frees it.
fn take_error(err: *mut mpp_error) -> (u32, String, String, Option<String>) {
    // SAFETY: `err` came from the library and is freed exactly once here.
    unsafe {
        let f = mpp_error_finding(err);
        let sug = mpp_finding_suggestion(f);
        let out = (
            mpp_finding_number(f),
            s(mpp_finding_code(f)),
            s(mpp_finding_message(f)),
            (!sug.is_null()).then(|| s(sug)),
        );
        assert_eq!(mpp_finding_row(f), 0);
        assert!(mpp_finding_column(f).is_null());
        mpp_error_free(err);
        out
    }
}

type StrFn = unsafe extern "C" fn(*const c_char, *mut *mut c_char, *mut *mut mpp_error) -> u32;

fn call_str(f: StrFn, input: &CStr) -> Result<String, (u32, String, String, Option<String>)> {
    let mut out: *mut c_char = ptr::null_mut();
    let mut err: *mut mpp_error = ptr::null_mut();
    // SAFETY: valid pointers.
    let status = unsafe { f(input.as_ptr(), &mut out, &mut err) };
    if status == MPP_OK {
        assert!(err.is_null());
        let text = s(out);
        // SAFETY: owned string from the library.
        unsafe { mpp_string_free(out) };
        Ok(text)
    } else {
        assert!(out.is_null(), "no output on failure");
        let e = take_error(err);
        assert_eq!(e.0, status);
        Err(e)
    }
}

const STR_FNS: [(&str, StrFn); 4] = [
    ("mpp_normalize_mac", mpp_normalize_mac),
    ("mpp_device_name", mpp_device_name),
    ("mpp_license_file_name", mpp_license_file_name),
    ("mpp_license_url", mpp_license_url),
];

#[test]
fn mac_functions_return_the_core_results() {
    let mac = c"00:1a:2b:3c:4d:5e";
    assert_eq!(call_str(mpp_normalize_mac, mac).unwrap(), "001A2B3C4D5E");
    assert_eq!(call_str(mpp_device_name, mac).unwrap(), "SEP001A2B3C4D5E");
    assert_eq!(
        call_str(mpp_license_file_name, mac).unwrap(),
        "001A2B3C4D5E.lic"
    );
    assert_eq!(
        call_str(mpp_license_url, mac).unwrap(),
        "https://cloudupgrader.webex.com/licenses/e2m/001A2B3C4D5E.lic"
    );
    let (number, code, message, suggestion) =
        call_str(mpp_normalize_mac, c"00-1A-2B-3C-4D-5E").unwrap_err();
    assert_eq!((number, code.as_str()), (203, "mac_wrong_separator"));
    assert!(message.contains("separator"));
    assert_eq!(suggestion.as_deref(), Some("001A2B3C4D5E"));
}

#[test]
fn null_and_non_utf8_arguments_get_a_status_not_a_crash() {
    let bad_utf8 = CString::new(vec![0xffu8, 0xfe, b'A']).unwrap();
    for (name, f) in STR_FNS {
        let mut out: *mut c_char = ptr::null_mut();
        let mut err: *mut mpp_error = ptr::null_mut();
        // SAFETY: NULL input is allowed by the contract and must be refused.
        let st = unsafe { f(ptr::null(), &mut out, &mut err) };
        assert_eq!(st, ErrorCode::NullPointer.number(), "{name}");
        assert!(take_error(err).2.contains("`mac`"));
        // SAFETY: NULL out-param must be refused; NULL err is allowed.
        let st = unsafe { f(c"001A2B3C4D5E".as_ptr(), ptr::null_mut(), ptr::null_mut()) };
        assert_eq!(st, ErrorCode::NullPointer.number(), "{name}");
        // SAFETY: a valid (non-UTF-8) C string and valid out-pointer.
        let st = unsafe { f(bad_utf8.as_ptr(), &mut out, ptr::null_mut()) };
        assert_eq!(st, ErrorCode::ArgumentNotUtf8.number(), "{name}");
        assert!(out.is_null());
    }
    // SAFETY: the same for the other exports.
    unsafe {
        let mut out: *mut c_char = ptr::null_mut();
        assert_eq!(
            mpp_normalize_e164(ptr::null(), &mut out, ptr::null_mut(), ptr::null_mut()),
            102
        );
        assert_eq!(
            mpp_normalize_e164(
                c"+14085550100".as_ptr(),
                ptr::null_mut(),
                ptr::null_mut(),
                ptr::null_mut()
            ),
            102
        );
        assert_eq!(mpp_validate_email(ptr::null(), ptr::null_mut()), 102);
        assert_eq!(mpp_validate_email(bad_utf8.as_ptr(), ptr::null_mut()), 103);
        let mut model: *const mpp_model = ptr::null();
        assert_eq!(
            mpp_parse_model(ptr::null(), &mut model, ptr::null_mut(), ptr::null_mut()),
            102
        );
        assert_eq!(
            mpp_parse_model(
                c"8845".as_ptr(),
                ptr::null_mut(),
                ptr::null_mut(),
                ptr::null_mut()
            ),
            102
        );
        let mut v = 0u8;
        assert_eq!(
            mpp_parse_hardware_version(ptr::null(), &mut v, ptr::null_mut()),
            102
        );
        assert_eq!(
            mpp_parse_hardware_version(c"V03".as_ptr(), ptr::null_mut(), ptr::null_mut()),
            102
        );
        let mut fw: *mut mpp_firmware = ptr::null_mut();
        assert_eq!(
            mpp_firmware_parse(ptr::null(), &mut fw, ptr::null_mut()),
            102
        );
        assert_eq!(
            mpp_firmware_parse(c"14.1(1)".as_ptr(), ptr::null_mut(), ptr::null_mut()),
            102
        );
        let mut cmp = 0i32;
        assert_eq!(
            mpp_firmware_compare(ptr::null(), ptr::null(), &mut cmp, ptr::null_mut()),
            102
        );
        assert_eq!(
            mpp_firmware_to_string(ptr::null(), &mut out, ptr::null_mut()),
            102
        );
        let mut sev = Severity::Warning;
        assert_eq!(
            mpp_error_code_severity(1, &mut sev, ptr::null_mut()),
            ErrorCode::InvalidArgument.number()
        );
        assert_eq!(
            mpp_error_code_severity(201, ptr::null_mut(), ptr::null_mut()),
            102
        );
        // Accessors and frees take NULL quietly.
        assert!(mpp_error_finding(ptr::null()).is_null());
        assert_eq!(mpp_finding_number(ptr::null()), 0);
        assert!(mpp_finding_message(ptr::null()).is_null());
        assert!(mpp_model_name(ptr::null()).is_null());
        assert!(!mpp_model_has_wifi(ptr::null()));
        assert_eq!(mpp_firmware_maint(ptr::null()), -1);
        mpp_error_free(ptr::null_mut());
        mpp_string_free(ptr::null_mut());
        mpp_firmware_free(ptr::null_mut());
    }
}

#[test]
fn e164_email_model_versions() {
    // SAFETY: valid pointers throughout; outputs freed once.
    unsafe {
        let mut out: *mut c_char = ptr::null_mut();
        let mut cc = 0u16;
        assert_eq!(
            mpp_normalize_e164(
                c"+358 9 1234567".as_ptr(),
                &mut out,
                &mut cc,
                ptr::null_mut()
            ),
            MPP_OK
        );
        assert_eq!((s(out), cc), ("+35891234567".to_owned(), 358));
        mpp_string_free(out);
        assert_eq!(s(mpp_country_calling_code_region(358)), "Finland");
        assert!(mpp_country_calling_code_region(999).is_null());
        let mut err: *mut mpp_error = ptr::null_mut();
        assert_eq!(
            mpp_normalize_e164(c"4085550100".as_ptr(), &mut out, ptr::null_mut(), &mut err),
            210
        );
        assert_eq!(take_error(err).1, "e164_missing_plus");

        assert_eq!(
            mpp_validate_email(c"alice@example.com".as_ptr(), ptr::null_mut()),
            MPP_OK
        );
        assert_eq!(
            mpp_validate_email(c"alice@example".as_ptr(), ptr::null_mut()),
            220
        );

        let mut model: *const mpp_model = ptr::null();
        let mut vid = 99u8;
        assert_eq!(
            mpp_parse_model(
                c"CP-7821-K9=V03".as_ptr(),
                &mut model,
                &mut vid,
                ptr::null_mut()
            ),
            MPP_OK
        );
        assert_eq!((s(mpp_model_name(model)), vid), ("7821".to_owned(), 3));
        assert_eq!(mpp_model_series(model), Series::S7800);
        assert_eq!(s(mpp_model_ucm_name(model)), "Cisco 7821");
        assert_eq!(s(mpp_model_part_number(model)), "CP-7821");
        assert_eq!(
            mpp_parse_model(
                c"DMS Cisco 8865NR".as_ptr(),
                &mut model,
                ptr::null_mut(),
                ptr::null_mut()
            ),
            MPP_OK
        );
        assert_eq!(
            (
                s(mpp_model_name(model)),
                mpp_model_kind_of(model),
                mpp_model_has_wifi(model)
            ),
            ("8865NR".to_owned(), ModelKind::Video, false)
        );
        assert!(mpp_model_has_enterprise_firmware(model));
        let mut err: *mut mpp_error = ptr::null_mut();
        assert_eq!(
            mpp_parse_model(c"8854".as_ptr(), &mut model, ptr::null_mut(), &mut err),
            230
        );
        assert_eq!(take_error(err).3.as_deref(), Some("8851"));
        assert_eq!(mpp_model_count(), mpp_migration::Model::all().len());
        assert!(mpp_model_at(mpp_model_count()).is_null());
        assert_eq!(
            s(mpp_model_description(mpp_model_at(0))),
            mpp_migration::Model::all()[0].description()
        );

        let mut v = 0u8;
        assert_eq!(
            mpp_parse_hardware_version(c"v3".as_ptr(), &mut v, ptr::null_mut()),
            MPP_OK
        );
        assert_eq!(v, 3);
        assert_eq!(
            mpp_parse_hardware_version(c"V100".as_ptr(), &mut v, ptr::null_mut()),
            240
        );

        let (mut a, mut b): (*mut mpp_firmware, *mut mpp_firmware) =
            (ptr::null_mut(), ptr::null_mut());
        assert_eq!(
            mpp_firmware_parse(c"sip78xx.14-1-1-0001-136".as_ptr(), &mut a, ptr::null_mut()),
            MPP_OK
        );
        assert_eq!(
            mpp_firmware_parse(c"12.5(1)SR3".as_ptr(), &mut b, ptr::null_mut()),
            MPP_OK
        );
        assert_eq!(
            (
                mpp_firmware_major(a),
                mpp_firmware_minor(a),
                mpp_firmware_maint(a)
            ),
            (14, 1, 1)
        );
        assert_eq!(
            (mpp_firmware_service_release(b), mpp_firmware_kind_of(b)),
            (3, FirmwareKind::Enterprise)
        );
        assert_eq!(s(mpp_firmware_load_family(a)), "sip78xx");
        assert!(mpp_firmware_load_family(b).is_null());
        let mut cmp = 0;
        assert_eq!(
            mpp_firmware_compare(a, b, &mut cmp, ptr::null_mut()),
            MPP_OK
        );
        assert_eq!(cmp, 1);
        assert_eq!(mpp_firmware_to_string(b, &mut out, ptr::null_mut()), MPP_OK);
        assert_eq!(s(out), "12.5(1)SR3");
        mpp_string_free(out);
        mpp_firmware_free(a);
        mpp_firmware_free(b);
        assert_eq!(
            mpp_firmware_parse(c"fourteen".as_ptr(), &mut a, ptr::null_mut()),
            250
        );
    }
}

#[test]
fn every_device_type_of_a_cluster_and_its_class() {
    // EXT-15, EXT-17: Unified CM, AXL and RIS spellings of devices that do not migrate.
    let parse = |text: &CStr| {
        let mut model: *const mpp_model = ptr::null();
        // SAFETY: valid NUL-terminated input and out-pointer.
        let status =
            unsafe { mpp_parse_model(text.as_ptr(), &mut model, ptr::null_mut(), ptr::null_mut()) };
        assert_eq!(status, MPP_OK, "{text:?}");
        model
    };
    // SAFETY: handles from the library, static strings read before any free.
    unsafe {
        for (text, name, class) in [
            (c"Cisco 7960", "7960", ModelClass::NoMppFirmware),
            (c"Cisco 8945", "8945", ModelClass::NoMppFirmware),
            (c"Cisco 9841", "9841", ModelClass::PhoneOs),
            (
                c"Cisco Unified Client Services Framework",
                "Unified Client Services Framework",
                ModelClass::SoftClient,
            ),
            (c"CTI Port", "CTI Port", ModelClass::VirtualDevice),
            (c"36224", "8845", ModelClass::MppConvertible),
        ] {
            let m = parse(text);
            assert_eq!(
                (s(mpp_model_name(m)), mpp_model_class_of(m)),
                (name.to_owned(), class)
            );
        }
        let m = parse(c"Cisco 8845");
        assert_eq!(mpp_model_ris_code(m), 36224);
        assert_eq!(s(mpp_model_mpp_load_family(m)), "sip8845_65");
        let m = parse(c"Cisco 7960");
        assert_eq!(mpp_model_series(m), Series::S7900);
        assert_eq!(s(mpp_series_name(mpp_model_series(m) as u32)), "7900");
        assert!(mpp_model_mpp_load_family(m).is_null());
        assert_eq!(mpp_model_ris_code(m), 7);
        assert_eq!(mpp_model_ris_code(ptr::null()), 0);
        assert_eq!(mpp_model_class_of(ptr::null()), ModelClass::MppConvertible);
        for class in ModelClass::ALL {
            assert_eq!(s(mpp_model_class_name(class as u32)), class.as_str());
            match class.reason() {
                Some(r) => assert_eq!(s(mpp_model_class_reason(class as u32)), r),
                None => assert!(mpp_model_class_reason(class as u32).is_null()),
            }
        }
        assert!(mpp_model_class_name(ModelClass::ALL.len() as u32).is_null());
        assert!(mpp_series_name(Series::ALL.len() as u32).is_null());
        // Did you mean: never a different product.
        let mut model: *const mpp_model = ptr::null();
        let mut err: *mut mpp_error = ptr::null_mut();
        assert_eq!(
            mpp_parse_model(c"7966".as_ptr(), &mut model, ptr::null_mut(), &mut err),
            230
        );
        assert_eq!(take_error(err).3, None);
    }
}

#[test]
fn the_code_table_matches_the_core() {
    assert_eq!(mpp_error_code_count(), ErrorCode::ALL.len());
    for (i, code) in ErrorCode::ALL.iter().enumerate() {
        assert_eq!(mpp_error_code_at(i), code.number());
        assert_eq!(s(mpp_error_code_name(code.number())), code.as_str());
        assert_eq!(s(mpp_error_code_rule(code.number())), code.rule());
        assert_eq!(s(mpp_error_code_summary(code.number())), code.summary());
        let mut sev = Severity::Error;
        // SAFETY: valid out-pointer.
        let status = unsafe { mpp_error_code_severity(code.number(), &mut sev, ptr::null_mut()) };
        assert_eq!(status, MPP_OK);
        assert_eq!(sev, code.severity());
    }
    assert_eq!(mpp_error_code_at(ErrorCode::ALL.len()), 0);
    assert!(mpp_error_code_name(0).is_null());
    assert!(mpp_error_code_name(MPP_OK).is_null());
}

#[test]
fn version_constants_match_cargo() {
    assert_eq!(s(mpp_version()), env!("CARGO_PKG_VERSION"));
    assert_eq!(
        MPP_VERSION_MAJOR.to_string(),
        env!("CARGO_PKG_VERSION_MAJOR")
    );
    assert_eq!(
        MPP_VERSION_MINOR.to_string(),
        env!("CARGO_PKG_VERSION_MINOR")
    );
    assert_eq!(
        MPP_VERSION_PATCH.to_string(),
        env!("CARGO_PKG_VERSION_PATCH")
    );
    assert_eq!(s(mpp_version()), mpp_migration::VERSION);
}

proptest! {
    #[test]
    fn arbitrary_bytes_get_a_status_never_a_crash(bytes in prop::collection::vec(1u8..=255, 0..48)) {
        let input = CString::new(bytes).unwrap();
        for (_, f) in STR_FNS {
            match call_str(f, &input) {
                Ok(text) => prop_assert!(!text.is_empty()),
                Err((number, code, message, _)) => {
                    prop_assert!(ErrorCode::from_number(number).is_some());
                    prop_assert_eq!(ErrorCode::from_number(number).unwrap().as_str(), code.as_str());
                    prop_assert!(!message.is_empty());
                }
            }
        }
        // SAFETY: valid pointers; outputs freed.
        unsafe {
            let mut out: *mut c_char = ptr::null_mut();
            if mpp_normalize_e164(input.as_ptr(), &mut out, ptr::null_mut(), ptr::null_mut()) == MPP_OK {
                mpp_string_free(out);
            }
            let _ = mpp_validate_email(input.as_ptr(), ptr::null_mut());
            let mut model: *const mpp_model = ptr::null();
            let _ = mpp_parse_model(input.as_ptr(), &mut model, ptr::null_mut(), ptr::null_mut());
            let mut v = 0u8;
            let _ = mpp_parse_hardware_version(input.as_ptr(), &mut v, ptr::null_mut());
            let mut fw: *mut mpp_firmware = ptr::null_mut();
            let mut err: *mut mpp_error = ptr::null_mut();
            if mpp_firmware_parse(input.as_ptr(), &mut fw, &mut err) == MPP_OK {
                mpp_firmware_free(fw);
            } else {
                mpp_error_free(err);
            }
        }
    }
}
