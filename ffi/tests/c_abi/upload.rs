//! Tests of the directory, eligibility and upload exports from Rust: every export against NULL
//! pointers, bad UTF-8 and invalid option numbers, the success values against the core's, the
//! report and the cursor against each other on the upload corpus, and arbitrary bytes through
//! both (a status, never a crash). examples/c/upload.c and eligibility.c test the same exports
//! from C under ASan, UBSan and valgrind.

use std::ffi::{CStr, CString, c_char};
use std::path::{Path, PathBuf};
use std::ptr;

use mpp_migration::{EligibilityStatus, ErrorCode, OwnerType, Severity, UploadOption};
use proptest::prelude::*;

use crate::support::*;
use mpp_migration_ffi::*;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data")
}

fn c_path(path: &Path) -> CString {
    CString::new(path.to_str().unwrap()).unwrap()
}

// --- directory ------------------------------------------------------------------------------

fn builder() -> *mut mpp_directory_builder {
    let mut b: *mut mpp_directory_builder = ptr::null_mut();
    // SAFETY: valid out-pointer.
    call(|err| unsafe { mpp_directory_builder_new(&mut b, err) }).unwrap();
    b
}

fn build(b: *const mpp_directory_builder) -> Result<*mut mpp_directory, F> {
    let mut d: *mut mpp_directory = ptr::null_mut();
    // SAFETY: valid pointers.
    call(|err| unsafe { mpp_directory_build(b, &mut d, err) })?;
    assert!(!d.is_null());
    Ok(d)
}

fn load_directory() -> *mut mpp_directory {
    let mut d: *mut mpp_directory = ptr::null_mut();
    let path = c_path(&data_dir().join("directory.json"));
    // SAFETY: valid pointers.
    call(|err| unsafe { mpp_directory_from_json_path(path.as_ptr(), &mut d, err) }).unwrap();
    d
}

#[test]
fn a_directory_is_built_from_its_entries_and_validated_at_build() {
    let b = builder();
    let exts = [c"1001".as_ptr(), c" 1002 ".as_ptr()];
    // SAFETY: valid pointers throughout; handles freed once.
    unsafe {
        call(|err| mpp_directory_builder_add_user(b, c"alice@example.com".as_ptr(), err)).unwrap();
        call(|err| mpp_directory_builder_add_user(b, c"Alice@Example.com".as_ptr(), err)).unwrap();
        call(|err| mpp_directory_builder_add_workspace(b, c"Lobby".as_ptr(), err)).unwrap();
        call(|err| {
            mpp_directory_builder_add_location(b, c"HQ".as_ptr(), true, exts.as_ptr(), 2, err)
        })
        .unwrap();
        call(|err| {
            mpp_directory_builder_add_location(b, c"Lab".as_ptr(), false, ptr::null(), 0, err)
        })
        .unwrap();
        call(|err| mpp_directory_builder_add_device(b, c"00:1a:2b:3c:4d:5e".as_ptr(), err))
            .unwrap();
        let d = build(b).unwrap();
        assert_eq!(
            (
                mpp_directory_user_count(d),
                mpp_directory_workspace_count(d),
                mpp_directory_location_count(d),
                mpp_directory_device_count(d)
            ),
            (1, 1, 2, 1)
        );
        let mut json: *mut c_char = ptr::null_mut();
        call(|err| mpp_directory_to_json(d, &mut json, err)).unwrap();
        let json = owned(json);
        let core = mpp_migration::Directory::builder()
            .user("alice@example.com")
            .workspace("Lobby")
            .location(
                mpp_migration::Location::new("HQ")
                    .cisco_pstn(true)
                    .extensions_in_use(["1001", "1002"]),
            )
            .location(mpp_migration::Location::new("Lab"))
            .device_in_webex_calling("001A2B3C4D5E")
            .build()
            .unwrap();
        assert_eq!(json, core.to_json());
        // The JSON reads back as the same directory.
        let mut again: *mut mpp_directory = ptr::null_mut();
        call(|err| mpp_directory_from_json(json.as_ptr(), json.len(), &mut again, err)).unwrap();
        let mut json2: *mut c_char = ptr::null_mut();
        call(|err| mpp_directory_to_json(again, &mut json2, err)).unwrap();
        assert_eq!(owned(json2), json);
        let mut export: *mut c_char = ptr::null_mut();
        call(|err| mpp_user_export_csv(d, &mut export, err)).unwrap();
        assert_eq!(owned(export), mpp_migration::user_export_csv(&core));

        // The builder stays usable: a bad entry is refused at build, naming its path.
        call(|err| mpp_directory_builder_add_user(b, c"bob".as_ptr(), err)).unwrap();
        let e = expect_err(
            ErrorCode::DirectoryInvalid.number(),
            build(b).map(|_| ()),
            "users[2]",
        );
        assert_eq!((e.row, e.column), (0, None));
        mpp_directory_free(d);
        mpp_directory_free(again);
        mpp_directory_builder_free(b);

        let b = builder();
        let bad = [c"1001".as_ptr(), c"x1".as_ptr()];
        call(|err| {
            mpp_directory_builder_add_location(b, c"HQ".as_ptr(), false, bad.as_ptr(), 2, err)
        })
        .unwrap();
        expect_err(
            ErrorCode::DirectoryInvalid.number(),
            build(b).map(|_| ()),
            "locations[0].extensions_in_use[1]",
        );
        mpp_directory_builder_free(b);
        let b = builder();
        call(|err| {
            mpp_directory_builder_add_location(b, c"HQ".as_ptr(), false, ptr::null(), 0, err)
        })
        .unwrap();
        call(|err| {
            mpp_directory_builder_add_location(b, c"hq ".as_ptr(), false, ptr::null(), 0, err)
        })
        .unwrap();
        call(|err| mpp_directory_builder_add_device(b, c"00-1A".as_ptr(), err)).unwrap();
        expect_err(
            ErrorCode::DirectoryInvalid.number(),
            build(b).map(|_| ()),
            "locations[1].name",
        );
        mpp_directory_builder_free(b);
    }
}

#[test]
fn directory_arguments_are_checked() {
    let bad_utf8 = CString::new(vec![0xffu8, b'a']).unwrap();
    let b = builder();
    // SAFETY: NULL and non-UTF-8 arguments are allowed by the contracts and must be refused.
    unsafe {
        // Entries added before the refused ones must survive them.
        call(|err| mpp_directory_builder_add_user(b, c"kept@example.com".as_ptr(), err)).unwrap();
        call(|err| {
            mpp_directory_builder_add_location(b, c"Kept".as_ptr(), false, ptr::null(), 0, err)
        })
        .unwrap();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_directory_builder_new(ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_directory_builder_add_user(ptr::null_mut(), c"a@b.co".as_ptr(), err)),
            "`builder`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_directory_builder_add_user(b, ptr::null(), err)),
            "`email`",
        );
        expect_err(
            NOT_UTF8,
            call(|err| mpp_directory_builder_add_user(b, bad_utf8.as_ptr(), err)),
            "`email`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_directory_builder_add_workspace(b, ptr::null(), err)),
            "`name`",
        );
        expect_err(
            NOT_UTF8,
            call(|err| mpp_directory_builder_add_device(b, bad_utf8.as_ptr(), err)),
            "`mac`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_directory_builder_add_location(b, ptr::null(), false, ptr::null(), 0, err)
            }),
            "`name`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_directory_builder_add_location(b, c"HQ".as_ptr(), false, ptr::null(), 1, err)
            }),
            "`extensions_in_use`",
        );
        let exts = [c"1001".as_ptr(), ptr::null()];
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_directory_builder_add_location(b, c"HQ".as_ptr(), false, exts.as_ptr(), 2, err)
            }),
            "`extensions_in_use[1]`",
        );
        let exts = [bad_utf8.as_ptr()];
        expect_err(
            NOT_UTF8,
            call(|err| {
                mpp_directory_builder_add_location(b, c"HQ".as_ptr(), false, exts.as_ptr(), 1, err)
            }),
            "`extensions_in_use[0]`",
        );
        // Refused adds left the builder as it was: it holds the entries added before them.
        let d = build(b).unwrap();
        assert_eq!(mpp_directory_location_count(d), 1);
        assert_eq!(mpp_directory_user_count(d), 1);

        let mut out: *mut mpp_directory = ptr::null_mut();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_directory_build(ptr::null(), &mut out, err)),
            "`builder`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_directory_build(b, ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_directory_from_json(ptr::null(), 3, &mut out, err)),
            "`json`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_directory_from_json(c"{}".as_ptr().cast(), 2, ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_directory_from_json_path(ptr::null(), &mut out, err)),
            "`path`",
        );
        let mut text: *mut c_char = ptr::null_mut();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_directory_to_json(ptr::null(), &mut text, err)),
            "`directory`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_directory_to_json(d, ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_user_export_csv(ptr::null(), &mut text, err)),
            "`directory`",
        );
        assert!(out.is_null() && text.is_null(), "no output on failure");
        assert_eq!(mpp_directory_user_count(ptr::null()), 0);
        assert_eq!(mpp_directory_workspace_count(ptr::null()), 0);
        assert_eq!(mpp_directory_location_count(ptr::null()), 0);
        assert_eq!(mpp_directory_device_count(ptr::null()), 0);
        mpp_directory_free(ptr::null_mut());
        mpp_directory_builder_free(ptr::null_mut());
        mpp_directory_free(d);
        mpp_directory_builder_free(b);
    }
}

#[test]
fn directory_json_errors_name_the_place() {
    let from_json = |json: &[u8]| {
        let mut d: *mut mpp_directory = ptr::null_mut();
        // SAFETY: valid pointers.
        let r =
            call(|err| unsafe { mpp_directory_from_json(json.as_ptr(), json.len(), &mut d, err) });
        // SAFETY: the directory, if any, is freed once.
        unsafe { mpp_directory_free(d) };
        r
    };
    let e = expect_err(
        ErrorCode::JsonInvalid.number(),
        from_json(b"{\n  \"users\": [\"alice@example.com\",]\n}"),
        "line 2 column",
    );
    assert_eq!(e.code, "json_invalid");
    expect_err(ErrorCode::JsonInvalid.number(), from_json(b""), "EOF");
    expect_err(
        ErrorCode::JsonInvalid.number(),
        from_json(b"{\"users\": \"a\"}"),
        "line 1",
    );
    expect_err(
        ErrorCode::JsonInvalid.number(),
        from_json(b"{\"user\": []}"),
        "unknown field",
    );
    expect_err(
        ErrorCode::JsonInvalid.number(),
        from_json(&[0xff, 0xfe]),
        "line 1",
    );
    expect_err(
        ErrorCode::DirectoryInvalid.number(),
        from_json(b"{\"locations\": [{\"name\": \"HQ\", \"extensions_in_use\": [\"1\"]}]}"),
        "locations[0].extensions_in_use[0]",
    );
    // SAFETY: NULL json is a missing argument whatever the length (issue 14), not malformed JSON.
    let e =
        call(|err| unsafe { mpp_directory_from_json(ptr::null(), 0, &mut ptr::null_mut(), err) });
    expect_err(ErrorCode::NullPointer.number(), e, "`json` is NULL");

    // Files: the path leads the message.
    let dir = std::env::temp_dir().join(format!("mpp-ffi-dir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"workspaces\": [\"  \"]}").unwrap();
    let missing = dir.join("missing.json");
    let load = |p: &Path| {
        let p = c_path(p);
        let mut d: *mut mpp_directory = ptr::null_mut();
        // SAFETY: valid pointers.
        call(|err| unsafe { mpp_directory_from_json_path(p.as_ptr(), &mut d, err) })
    };
    let e = expect_err(
        ErrorCode::DirectoryInvalid.number(),
        load(&bad),
        "workspaces[0]",
    );
    assert!(
        e.message.starts_with(bad.to_str().unwrap()),
        "{}",
        e.message
    );
    expect_err(
        ErrorCode::IoError.number(),
        load(&missing),
        missing.to_str().unwrap(),
    );
    expect_err(
        ErrorCode::IoError.number(),
        load(&dir),
        dir.to_str().unwrap(),
    );
    std::fs::remove_dir_all(&dir).unwrap();

    let d = load_directory();
    // SAFETY: a live directory, freed once.
    unsafe {
        assert_eq!(
            (
                mpp_directory_user_count(d),
                mpp_directory_workspace_count(d),
                mpp_directory_location_count(d),
                mpp_directory_device_count(d)
            ),
            (5, 3, 3, 1)
        );
        mpp_directory_free(d);
    }
}

// --- eligibility ----------------------------------------------------------------------------

fn table(
    f: unsafe extern "C" fn(*mut *mut mpp_eligibility_table, *mut *mut mpp_error) -> u32,
) -> *mut mpp_eligibility_table {
    let mut t: *mut mpp_eligibility_table = ptr::null_mut();
    // SAFETY: valid pointers.
    call(|err| unsafe { f(&mut t, err) }).unwrap();
    t
}

/// Checks a phone; the status and the finding codes, or the error.
fn check(
    model: &CStr,
    vid: Option<&CStr>,
    firmware: Option<&CStr>,
    t: *const mpp_eligibility_table,
) -> Result<(EligibilityStatus, Vec<F>), F> {
    let mut e: *mut mpp_eligibility = ptr::null_mut();
    // SAFETY: valid pointers; the outcome is freed once.
    unsafe {
        call(|err| {
            mpp_check_eligibility(
                model.as_ptr(),
                vid.map_or(ptr::null(), CStr::as_ptr),
                firmware.map_or(ptr::null(), CStr::as_ptr),
                t,
                &mut e,
                err,
            )
        })?;
        let n = mpp_eligibility_finding_count(e);
        let findings = (0..n)
            .map(|i| finding(mpp_eligibility_finding_at(e, i)))
            .collect();
        assert!(mpp_eligibility_finding_at(e, n).is_null());
        let status = mpp_eligibility_status_of(e);
        mpp_eligibility_free(e);
        Ok((status, findings))
    }
}

fn codes(findings: &[F]) -> Vec<&str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn eligibility_matches_the_core_at_the_boundaries() {
    use EligibilityStatus::*;
    let status = |model: &CStr, vid: Option<&CStr>| check(model, vid, None, ptr::null()).unwrap().0;
    assert_eq!(status(c"CP-7821-K9=", Some(c"V02")), NotEligible);
    assert_eq!(status(c"7821", Some(c"V03")), Eligible);
    assert_eq!(status(c"7821", Some(c"V24")), Eligible);
    assert_eq!(status(c"7821", Some(c"V25")), NotEligible);
    assert_eq!(status(c"CP-7821-K9=V03", None), Eligible);
    let (st, f) = check(c"7841", None, None, ptr::null()).unwrap();
    assert_eq!(
        (st, codes(&f)),
        (Unknown, vec!["hardware_version_unknown", "factory_reset"])
    );
    let (st, f) = check(c"8821", None, None, ptr::null()).unwrap();
    assert_eq!((st, codes(&f)), (NotEligible, vec!["model_not_eligible"]));
    assert_eq!(f[0].severity, Severity::Error);
    let (st, f) = check(c"6851", None, None, ptr::null()).unwrap();
    assert_eq!((st, codes(&f)), (NotEligible, vec!["model_mpp_only"]));
    let (st, f) = check(c"8845", None, Some(c"12.8(1)"), ptr::null()).unwrap();
    assert_eq!(
        (st, codes(&f)),
        (Eligible, vec!["firmware_needs_cop", "factory_reset"])
    );
    assert_eq!(f[0].severity, Severity::Warning);
    // The findings are the core's, field for field.
    let core = mpp_migration::check_eligibility("8861", Some("V15"), Some("11.0(1)")).unwrap();
    let (st, f) = check(c"8861", Some(c"V15"), Some(c"11.0(1)"), ptr::null()).unwrap();
    assert_eq!(st, core.status());
    assert_eq!(
        f,
        core.findings().iter().map(core_finding).collect::<Vec<_>>()
    );

    let hub = table(mpp_eligibility_table_control_hub);
    let guide = table(mpp_eligibility_table_cisco_ordering_guide);
    assert_eq!(check(c"8865NR", None, None, hub).unwrap().0, NotEligible);
    assert_eq!(check(c"8865NR", None, None, guide).unwrap().0, Eligible);

    // Inputs that cannot be read are errors, by code.
    let err = |model: &CStr, vid: Option<&CStr>, fw: Option<&CStr>| {
        check(model, vid, fw, ptr::null()).unwrap_err()
    };
    assert_eq!(
        err(c"9999", None, None).number,
        ErrorCode::ModelUnknown.number()
    );
    assert_eq!(
        err(c"7821", Some(c"X"), None).number,
        ErrorCode::HardwareVersionInvalid.number()
    );
    assert_eq!(
        err(c"7821", None, Some(c"new")).number,
        ErrorCode::FirmwareVersionInvalid.number()
    );
    assert_eq!(
        err(c"CP-7821-K9=V03", Some(c"V04"), None).number,
        INVALID_ARGUMENT
    );
    // SAFETY: tables freed once.
    unsafe {
        mpp_eligibility_table_free(hub);
        mpp_eligibility_table_free(guide);
    }
}

#[test]
fn eligibility_tables_read_write_and_refuse() {
    let hub = table(mpp_eligibility_table_control_hub);
    let bad_utf8 = CString::new(vec![0xffu8]).unwrap();
    // SAFETY: valid pointers throughout; handles freed once.
    unsafe {
        assert_eq!(s(mpp_eligibility_table_name(hub)), "control_hub");
        assert_eq!(
            mpp_eligibility_table_rule_count(hub),
            mpp_migration::EligibilityTable::control_hub().rules().len()
        );
        let mut csv: *mut c_char = ptr::null_mut();
        call(|err| mpp_eligibility_table_to_csv(hub, &mut csv, err)).unwrap();
        let csv = owned(csv);
        assert_eq!(csv, mpp_migration::EligibilityTable::control_hub().to_csv());
        let mut mine: *mut mpp_eligibility_table = ptr::null_mut();
        call(|err| {
            mpp_eligibility_table_from_csv(
                csv.as_ptr(),
                csv.len(),
                c"mine".as_ptr(),
                &mut mine,
                err,
            )
        })
        .unwrap();
        assert_eq!(s(mpp_eligibility_table_name(mine)), "mine");
        assert_eq!(
            mpp_eligibility_table_rule_count(mine),
            mpp_eligibility_table_rule_count(hub)
        );
        mpp_eligibility_table_free(mine);

        let mut by_name: *mut mpp_eligibility_table = ptr::null_mut();
        call(|err| {
            mpp_eligibility_table_by_name(c"cisco_ordering_guide".as_ptr(), &mut by_name, err)
        })
        .unwrap();
        assert_eq!(
            s(mpp_eligibility_table_name(by_name)),
            "cisco_ordering_guide"
        );
        mpp_eligibility_table_free(by_name);
        by_name = ptr::null_mut();
        expect_err(
            INVALID_ARGUMENT,
            call(|err| mpp_eligibility_table_by_name(c"mine".as_ptr(), &mut by_name, err)),
            "\"mine\"",
        );
        expect_err(
            NOT_UTF8,
            call(|err| mpp_eligibility_table_by_name(bad_utf8.as_ptr(), &mut by_name, err)),
            "`name`",
        );

        // A host table with an inverted range is refused at its row and column.
        let inverted = b"model,vid_from,vid_to,status,warnings,source\n8845,,,eligible,,x\n7821,V10,V03,eligible,,x\n";
        let mut t: *mut mpp_eligibility_table = ptr::null_mut();
        let e = expect_err(
            ErrorCode::EligibilityTableInvalid.number(),
            call(|err| {
                mpp_eligibility_table_from_csv(
                    inverted.as_ptr(),
                    inverted.len(),
                    c"host".as_ptr(),
                    &mut t,
                    err,
                )
            }),
            "inverted",
        );
        assert_eq!((e.row, e.column.as_deref()), (3, Some("vid_to")));
        expect_err(
            ErrorCode::EligibilityTableInvalid.number(),
            call(|err| {
                mpp_eligibility_table_from_csv(ptr::null(), 0, c"host".as_ptr(), &mut t, err)
            }),
            "empty",
        );
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_eligibility_table_from_csv(ptr::null(), 1, c"host".as_ptr(), &mut t, err)
            }),
            "`csv`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_eligibility_table_from_csv(inverted.as_ptr(), 1, ptr::null(), &mut t, err)
            }),
            "`name`",
        );
        expect_err(
            NOT_UTF8,
            call(|err| {
                mpp_eligibility_table_from_csv(inverted.as_ptr(), 1, bad_utf8.as_ptr(), &mut t, err)
            }),
            "`name`",
        );
        assert!(t.is_null() && by_name.is_null(), "no output on failure");
        expect_err(
            NULL_POINTER,
            call(|err| mpp_eligibility_table_control_hub(ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_eligibility_table_cisco_ordering_guide(ptr::null_mut(), err)),
            "`out`",
        );
        let mut text: *mut c_char = ptr::null_mut();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_eligibility_table_to_csv(ptr::null(), &mut text, err)),
            "`table`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_eligibility_table_to_csv(hub, ptr::null_mut(), err)),
            "`out`",
        );

        // mpp_check_eligibility's arguments.
        let mut e: *mut mpp_eligibility = ptr::null_mut();
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_check_eligibility(ptr::null(), ptr::null(), ptr::null(), hub, &mut e, err)
            }),
            "`model`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_check_eligibility(
                    c"8845".as_ptr(),
                    ptr::null(),
                    ptr::null(),
                    hub,
                    ptr::null_mut(),
                    err,
                )
            }),
            "`out`",
        );
        expect_err(
            NOT_UTF8,
            call(|err| {
                mpp_check_eligibility(
                    bad_utf8.as_ptr(),
                    ptr::null(),
                    ptr::null(),
                    hub,
                    &mut e,
                    err,
                )
            }),
            "`model`",
        );
        expect_err(
            NOT_UTF8,
            call(|err| {
                mpp_check_eligibility(
                    c"8845".as_ptr(),
                    bad_utf8.as_ptr(),
                    ptr::null(),
                    hub,
                    &mut e,
                    err,
                )
            }),
            "`hardware_version`",
        );
        expect_err(
            NOT_UTF8,
            call(|err| {
                mpp_check_eligibility(
                    c"8845".as_ptr(),
                    ptr::null(),
                    bad_utf8.as_ptr(),
                    hub,
                    &mut e,
                    err,
                )
            }),
            "`firmware`",
        );
        assert!(e.is_null());

        // Accessors of NULL, and the status names.
        assert!(mpp_eligibility_table_name(ptr::null()).is_null());
        assert_eq!(mpp_eligibility_table_rule_count(ptr::null()), 0);
        assert_eq!(
            mpp_eligibility_status_of(ptr::null()),
            EligibilityStatus::Unknown
        );
        assert_eq!(mpp_eligibility_finding_count(ptr::null()), 0);
        assert!(mpp_eligibility_finding_at(ptr::null(), 0).is_null());
        for status in [
            EligibilityStatus::Eligible,
            EligibilityStatus::NotEligible,
            EligibilityStatus::Unknown,
        ] {
            assert_eq!(
                s(mpp_eligibility_status_name(status as u32)),
                status.as_str()
            );
        }
        assert!(mpp_eligibility_status_name(3).is_null());
        assert!(mpp_eligibility_status_name(u32::MAX).is_null());
        mpp_eligibility_free(ptr::null_mut());
        mpp_eligibility_table_free(ptr::null_mut());
        mpp_eligibility_table_free(hub);
    }
}

// --- upload ---------------------------------------------------------------------------------

fn options(option: u32, directory: *const mpp_directory) -> *mut mpp_upload_options {
    let mut o: *mut mpp_upload_options = ptr::null_mut();
    // SAFETY: valid pointers.
    unsafe {
        call(|err| mpp_upload_options_new(option, &mut o, err)).unwrap();
        call(|err| mpp_upload_options_set_directory(o, directory, err)).unwrap();
    }
    o
}

fn validate(bytes: &[u8], o: *const mpp_upload_options) -> *mut mpp_report {
    let mut r: *mut mpp_report = ptr::null_mut();
    // SAFETY: valid pointers.
    call(|err| unsafe { mpp_validate_upload(bytes.as_ptr(), bytes.len(), o, &mut r, err) })
        .unwrap();
    assert!(!r.is_null());
    r
}

/// The counts and every finding of a report.
fn report_view(r: *const mpp_report) -> ((u64, u64, u64), Vec<F>) {
    // SAFETY: a live report.
    unsafe {
        let n = mpp_report_finding_count(r);
        let findings = (0..n)
            .map(|i| finding(mpp_report_finding_at(r, i)))
            .collect();
        assert!(mpp_report_finding_at(r, n).is_null());
        (
            (
                mpp_report_added(r),
                mpp_report_errors(r),
                mpp_report_total(r),
            ),
            findings,
        )
    }
}

/// Reads a whole cursor: the counts, every finding in the report's order, and the accepted
/// devices' MACs.
fn drain(c: *mut mpp_upload_cursor) -> ((u64, u64, u64), Vec<F>, Vec<String>) {
    let mut findings = Vec::new();
    let mut macs = Vec::new();
    // SAFETY: a live cursor; each row is read before the next call.
    unsafe {
        for i in 0..mpp_upload_cursor_header_finding_count(c) {
            findings.push(finding(mpp_upload_cursor_header_finding_at(c, i)));
        }
        let mut last = 1;
        loop {
            let mut row: *const mpp_upload_row = ptr::null();
            call(|err| mpp_upload_cursor_next(c, &mut row, err)).unwrap();
            if row.is_null() {
                break;
            }
            assert!(mpp_upload_row_number(row) > last, "rows in order");
            last = mpp_upload_row_number(row);
            let device = mpp_upload_row_device(row);
            assert_eq!(mpp_upload_row_accepted(row), !device.is_null());
            if !device.is_null() {
                macs.push(s(mpp_device_mac(device)));
                assert_eq!(mpp_device_row(device), last);
            }
            let n = mpp_upload_row_finding_count(row);
            for i in 0..n {
                let f = finding(mpp_upload_row_finding_at(row, i));
                assert_eq!(f.row, last);
                findings.push(f);
            }
            assert!(mpp_upload_row_finding_at(row, n).is_null());
        }
        for i in 0..mpp_upload_cursor_end_finding_count(c) {
            findings.push(finding(mpp_upload_cursor_end_finding_at(c, i)));
        }
        // The end is sticky.
        let mut row: *const mpp_upload_row = ptr::dangling();
        call(|err| mpp_upload_cursor_next(c, &mut row, err)).unwrap();
        assert!(row.is_null());
        (
            (
                mpp_upload_cursor_added(c),
                mpp_upload_cursor_errors(c),
                mpp_upload_cursor_total(c),
            ),
            findings,
            macs,
        )
    }
}

fn cursor(bytes: &[u8], o: *const mpp_upload_options) -> *mut mpp_upload_cursor {
    let mut c: *mut mpp_upload_cursor = ptr::null_mut();
    // SAFETY: valid pointers.
    call(|err| unsafe { mpp_upload_cursor_new(bytes.as_ptr(), bytes.len(), o, &mut c, err) })
        .unwrap();
    assert!(!c.is_null());
    c
}

#[test]
fn the_bundled_upload_gives_the_core_report_through_both_forms() {
    let d = load_directory();
    let o = options(UploadOption::LicenseAndDevice as u32, d);
    // The options keep the directory alive.
    // SAFETY: freed once; the options hold their own reference.
    unsafe { mpp_directory_free(d) };
    let path = data_dir().join("upload.csv");
    let bytes = std::fs::read(&path).unwrap();
    let core = mpp_migration::validate_upload(
        &bytes[..],
        mpp_migration::UploadOptions::new(UploadOption::LicenseAndDevice).with_directory(
            mpp_migration::Directory::from_json(
                std::fs::File::open(data_dir().join("directory.json")).unwrap(),
            )
            .unwrap(),
        ),
    )
    .unwrap();
    let expected: Vec<F> = core.findings().iter().map(core_finding).collect();
    let r = validate(&bytes, o);
    let mut from_path: *mut mpp_report = ptr::null_mut();
    let cpath = c_path(&path);
    // SAFETY: valid pointers throughout; handles freed once.
    unsafe {
        call(|err| mpp_validate_upload_path(cpath.as_ptr(), o, &mut from_path, err)).unwrap();
        for report in [r, from_path] {
            let (counts, findings) = report_view(report);
            assert_eq!(counts, (5, 12, 17));
            assert_eq!(findings, expected);
            assert!(mpp_report_directory_checked(report));
            assert_eq!(mpp_report_option(report), UploadOption::LicenseAndDevice);
        }
        let (mut errors, mut warnings) = (0usize, 0usize);
        call(|err| mpp_report_severity_counts(r, &mut errors, &mut warnings, err)).unwrap();
        assert_eq!((errors, warnings), core.severity_counts());
        assert_eq!((errors, warnings), (15, 2));

        // Devices: every accessor against the core's device.
        assert_eq!(mpp_report_device_count(r), 5);
        assert!(mpp_report_device_at(r, 5).is_null());
        for (i, device) in core.devices().iter().enumerate() {
            let d = mpp_report_device_at(r, i);
            assert_eq!(d, mpp_report_device_at(r, i), "the same view every time");
            assert_eq!(s(mpp_device_mac(d)), device.mac().to_string());
            assert_eq!(s(mpp_device_device_name(d)), device.device_name());
            assert_eq!(
                s(mpp_model_name(mpp_device_model(d))),
                device.model().name()
            );
            assert_eq!(mpp_device_row(d), device.row().unwrap());
            let a = device.assignment().unwrap();
            assert!(mpp_device_has_assignment(d));
            assert_eq!(mpp_device_owner_type(d), a.owner_type);
            assert_eq!(s(mpp_device_username(d)), a.username);
            assert_eq!(
                opt_s(mpp_device_phone_number(d)),
                a.phone_number.map(|n| n.to_string())
            );
            assert_eq!(opt_s(mpp_device_extension(d)), a.extension);
            assert_eq!(s(mpp_device_location(d)), a.location);
            assert_eq!(mpp_device_call_plan(d), a.call_plan);
            assert_eq!(mpp_device_hardware_version(d), 0);
        }
        let first = mpp_report_device_at(r, 0);
        assert_eq!(
            (s(mpp_device_mac(first)), s(mpp_device_device_name(first))),
            ("001A2B3C4D01".to_owned(), "SEP001A2B3C4D01".to_owned())
        );
        let lobby = mpp_report_device_at(r, 2);
        assert_eq!(mpp_device_owner_type(lobby), OwnerType::Workspace);
        assert_eq!(
            (
                s(mpp_device_username(lobby)),
                opt_s(mpp_device_phone_number(lobby)),
                opt_s(mpp_device_extension(lobby)),
                mpp_device_call_plan(lobby)
            ),
            // Call Plan true for an existing workspace is ignored, with a warning (DEC-6).
            (
                "Lobby".to_owned(),
                Some("+14085550100".to_owned()),
                Some("1003".to_owned()),
                false
            )
        );
        let mut text: *mut c_char = ptr::null_mut();
        call(|err| mpp_report_errors_csv(r, &mut text, err)).unwrap();
        assert_eq!(owned(text), core.errors_csv());
        call(|err| mpp_report_devices_csv(r, &mut text, err)).unwrap();
        assert_eq!(owned(text), core.devices_csv());

        // The cursor, from bytes and from the path, gives the same rows and findings.
        let c = cursor(&bytes, o);
        let mut cp: *mut mpp_upload_cursor = ptr::null_mut();
        call(|err| mpp_upload_cursor_open_path(cpath.as_ptr(), o, &mut cp, err)).unwrap();
        assert!(mpp_upload_cursor_directory_checked(c));
        assert_eq!(mpp_upload_cursor_option(c), UploadOption::LicenseAndDevice);
        let core_macs: Vec<String> = core.devices().iter().map(|d| d.mac().to_string()).collect();
        for cur in [c, cp] {
            let (counts, findings, macs) = drain(cur);
            assert_eq!(counts, (5, 12, 17));
            assert_eq!(findings, expected);
            assert_eq!(macs, core_macs);
            mpp_upload_cursor_free(cur);
        }
        mpp_report_free(r);
        mpp_report_free(from_path);
        mpp_upload_options_free(o);
    }
}

#[test]
fn every_corpus_file_gives_the_same_through_report_and_cursor() {
    let d = load_directory();
    let manifest = std::fs::read_to_string(data_dir().join("corpus/manifest.csv")).unwrap();
    let mut cases = 0;
    for line in manifest.lines().skip(1) {
        let cells: Vec<&str> = line.splitn(7, ',').collect();
        let option = CString::new(cells[1]).unwrap();
        let mut number = UploadOption::LicenseOnly;
        // SAFETY: valid pointers.
        call(|err| unsafe { mpp_upload_option_parse(option.as_ptr(), &mut number, err) }).unwrap();
        let o = options(
            number as u32,
            if cells[2] == "none" { ptr::null() } else { d },
        );
        let path = data_dir().join("corpus").join(cells[0]);
        let expected_counts: Vec<u64> = cells[3..6].iter().map(|c| c.parse().unwrap()).collect();
        let expected: Vec<&str> = cells[6].split_whitespace().collect();
        let cpath = c_path(&path);
        let mut r: *mut mpp_report = ptr::null_mut();
        let mut c: *mut mpp_upload_cursor = ptr::null_mut();
        // SAFETY: valid pointers; handles freed once.
        unsafe {
            call(|err| mpp_validate_upload_path(cpath.as_ptr(), o, &mut r, err)).unwrap();
            call(|err| mpp_upload_cursor_open_path(cpath.as_ptr(), o, &mut c, err)).unwrap();
            let (counts, findings) = report_view(r);
            let (cursor_counts, cursor_findings, _) = drain(c);
            let got: Vec<String> = findings
                .iter()
                .map(|f| format!("{}:{}", f.row, f.code))
                .collect();
            assert_eq!(
                vec![counts.0, counts.1, counts.2],
                expected_counts,
                "{line}"
            );
            assert_eq!(got, expected, "{line}");
            assert_eq!(cursor_counts, counts, "{line}");
            assert_eq!(cursor_findings, findings, "{line}");
            assert_eq!(mpp_report_directory_checked(r), cells[2] != "none");
            mpp_report_free(r);
            mpp_upload_cursor_free(c);
            mpp_upload_options_free(o);
        }
        cases += 1;
    }
    assert!(cases >= 20);
    // SAFETY: freed once.
    unsafe { mpp_directory_free(d) };
}

#[test]
fn options_are_checked_numbers_and_handles() {
    let bad_utf8 = CString::new(vec![0xffu8]).unwrap();
    // SAFETY: NULL, bad numbers and bad UTF-8 are allowed by the contracts and refused.
    unsafe {
        let mut o: *mut mpp_upload_options = ptr::null_mut();
        for bad in [2, 3, u32::MAX] {
            expect_err(
                INVALID_ARGUMENT,
                call(|err| mpp_upload_options_new(bad, &mut o, err)),
                &format!("{bad} is not an mpp_upload_option"),
            );
            let mut text: *mut c_char = ptr::null_mut();
            expect_err(
                INVALID_ARGUMENT,
                call(|err| mpp_template_csv(bad, &mut text, err)),
                "mpp_upload_option",
            );
            assert!(text.is_null());
            assert!(mpp_upload_option_name(bad).is_null());
        }
        assert!(o.is_null());
        expect_err(
            NULL_POINTER,
            call(|err| mpp_upload_options_new(0, ptr::null_mut(), err)),
            "`out`",
        );
        for option in [UploadOption::LicenseAndDevice, UploadOption::LicenseOnly] {
            assert_eq!(s(mpp_upload_option_name(option as u32)), option.as_str());
            let mut text: *mut c_char = ptr::null_mut();
            call(|err| mpp_template_csv(option as u32, &mut text, err)).unwrap();
            assert_eq!(owned(text), mpp_migration::template_csv(option));
            let name = CString::new(option.as_str()).unwrap();
            let mut parsed = UploadOption::LicenseAndDevice;
            call(|err| mpp_upload_option_parse(name.as_ptr(), &mut parsed, err)).unwrap();
            assert_eq!(parsed, option);
        }
        let mut text: *mut c_char = ptr::null_mut();
        call(|err| mpp_template_csv(1, &mut text, err)).unwrap();
        assert_eq!(owned(text), "Model,MAC Address\n");
        expect_err(
            NULL_POINTER,
            call(|err| mpp_template_csv(1, ptr::null_mut(), err)),
            "`out`",
        );
        let mut parsed = UploadOption::LicenseAndDevice;
        expect_err(
            INVALID_ARGUMENT,
            call(|err| mpp_upload_option_parse(c"license".as_ptr(), &mut parsed, err)),
            "license_only",
        );
        expect_err(
            NOT_UTF8,
            call(|err| mpp_upload_option_parse(bad_utf8.as_ptr(), &mut parsed, err)),
            "`text`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_upload_option_parse(ptr::null(), &mut parsed, err)),
            "`text`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_upload_option_parse(c"license_only".as_ptr(), ptr::null_mut(), err)),
            "`out`",
        );
        assert_eq!(
            parsed,
            UploadOption::LicenseAndDevice,
            "untouched on failure"
        );

        let o = options(1, ptr::null());
        assert_eq!(mpp_upload_options_option(o), UploadOption::LicenseOnly);
        assert_eq!(
            mpp_upload_options_option(ptr::null()),
            UploadOption::LicenseAndDevice
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_upload_options_set_directory(ptr::null_mut(), ptr::null(), err)),
            "`opts`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_upload_options_set_eligibility_table(ptr::null_mut(), ptr::null(), err)),
            "`opts`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_upload_options_set_limits(ptr::null_mut(), 1, 1, 1, err)),
            "`opts`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_upload_options_set_size_hint(ptr::null_mut(), 1, err)),
            "`opts`",
        );
        for (a, b, c, name) in [
            (0, 100, 10, "max_field_bytes"),
            (10, 0, 10, "max_record_bytes"),
            (10, 100, 0, "max_fields"),
        ] {
            expect_err(
                INVALID_ARGUMENT,
                call(|err| mpp_upload_options_set_limits(o, a, b, c, err)),
                name,
            );
        }

        // The eligibility table decides the model check (EXT-4); limits bound the rows.
        let csv = b"Model,MAC Address\n8865NR,001A2B3C4D01\n8845,001A2B3C4D02\n";
        let r = validate(csv, o);
        assert_eq!(report_view(r).0, (1, 1, 2));
        mpp_report_free(r);
        let guide = table(mpp_eligibility_table_cisco_ordering_guide);
        call(|err| mpp_upload_options_set_eligibility_table(o, guide, err)).unwrap();
        mpp_eligibility_table_free(guide);
        let r = validate(csv, o);
        assert_eq!(report_view(r).0, (2, 0, 2));
        mpp_report_free(r);
        let long = b"Model,MAC Address\n8845,001A2B3C4D03\nCP-8845-K9=V01,001A2B3C4D04\n";
        call(|err| mpp_upload_options_set_limits(o, 12, 1024, 8, err)).unwrap();
        let r = validate(long, o);
        let (counts, findings) = report_view(r);
        assert_eq!(counts, (1, 1, 2));
        assert_eq!(codes(&findings), ["field_too_long"]);
        assert_eq!(findings[0].row, 3);
        mpp_report_free(r);
        call(|err| mpp_upload_options_set_eligibility_table(o, ptr::null(), err)).unwrap();
        let r = validate(csv, o);
        assert_eq!(report_view(r).0, (1, 1, 2));
        mpp_report_free(r);

        // Setting and clearing the directory; the limits survive the clearing.
        let d = load_directory();
        let known = b"Model,MAC Address\n8845,001A2B3C4D99\nCP-8845-K9=V01,001A2B3C4D04\n";
        call(|err| mpp_upload_options_set_directory(o, d, err)).unwrap();
        let r = validate(known, o);
        assert!(mpp_report_directory_checked(r));
        // License only: a MAC already in Webex Calling is expected there (TASK-9, not CSV-13).
        assert_eq!(codes(&report_view(r).1), ["field_too_long"]);
        mpp_report_free(r);
        call(|err| mpp_upload_options_set_directory(o, ptr::null(), err)).unwrap();
        let r = validate(known, o);
        assert!(!mpp_report_directory_checked(r));
        assert_eq!(codes(&report_view(r).1), ["field_too_long"]);
        mpp_report_free(r);
        call(|err| mpp_upload_options_set_limits(o, 1024, 16384, 64, err)).unwrap();
        let r = validate(known, o);
        assert_eq!(report_view(r).0, (2, 0, 2));
        mpp_report_free(r);
        // The smallest limits refuse every row, in bounded time and memory.
        call(|err| mpp_upload_options_set_limits(o, 1, 1, 1, err)).unwrap();
        let bundled = std::fs::read(data_dir().join("upload.csv")).unwrap();
        let r = validate(&bundled, o);
        let (counts, findings) = report_view(r);
        assert_eq!((counts.0, counts.2), (0, 17));
        assert!(findings.iter().any(|f| f.code == "record_too_long"));
        mpp_report_free(r);
        mpp_directory_free(d);
        mpp_upload_options_free(o);
        mpp_upload_options_free(ptr::null_mut());
    }
}

#[test]
fn a_size_hint_changes_no_result_through_the_abi() {
    // Past the rows the reader reads before it sizes its indexes, with DEC-2 duplicates.
    let mut csv = String::from("Model,MAC Address\n");
    for i in 0..1_000u64 {
        csv.push_str(&format!("8845,{:012X}\n", 0x001A_2B00_0000 + i % 800));
    }
    let csv = csv.as_bytes();
    let o = options(1, ptr::null());
    let r = validate(csv, o);
    let plain = report_view(r);
    // SAFETY: a live report.
    unsafe { mpp_report_free(r) };
    assert_eq!(plain.0, (800, 200, 1_000));
    assert!(codes(&plain.1).iter().all(|&c| c == "mac_duplicate"));
    for hint in [0, 1, csv.len() as u64 / 4, csv.len() as u64, u64::MAX] {
        // SAFETY: live options.
        call(|err| unsafe { mpp_upload_options_set_size_hint(o, hint, err) }).unwrap();
        let r = validate(csv, o);
        assert_eq!(report_view(r), plain, "hint {hint}");
        // SAFETY: a live report.
        unsafe { mpp_report_free(r) };
        let c = cursor(csv, o);
        let (counts, findings, _) = drain(c);
        assert_eq!((counts, findings), plain, "hint {hint}, cursor");
        // SAFETY: a live cursor.
        unsafe { mpp_upload_cursor_free(c) };
    }
    // SAFETY: live options.
    unsafe { mpp_upload_options_free(o) };
}

#[test]
fn upload_arguments_are_checked() {
    let o = options(0, ptr::null());
    // SAFETY: NULL arguments are allowed by the contracts and must be refused.
    unsafe {
        let mut r: *mut mpp_report = ptr::null_mut();
        let mut c: *mut mpp_upload_cursor = ptr::null_mut();
        let csv = b"Model,MAC Address\n";
        expect_err(
            NULL_POINTER,
            call(|err| mpp_validate_upload(ptr::null(), 4, o, &mut r, err)),
            "`bytes`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_validate_upload(csv.as_ptr(), csv.len(), ptr::null(), &mut r, err)),
            "`opts`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_validate_upload(csv.as_ptr(), csv.len(), o, ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_validate_upload_path(ptr::null(), o, &mut r, err)),
            "`path`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_upload_cursor_new(ptr::null(), 1, o, &mut c, err)),
            "`bytes`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_upload_cursor_new(csv.as_ptr(), csv.len(), ptr::null(), &mut c, err)),
            "`opts`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_upload_cursor_new(csv.as_ptr(), csv.len(), o, ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_upload_cursor_open_path(ptr::null(), o, &mut c, err)),
            "`path`",
        );
        let missing = data_dir().join("no such file.csv");
        let cmissing = c_path(&missing);
        expect_err(
            ErrorCode::IoError.number(),
            call(|err| mpp_validate_upload_path(cmissing.as_ptr(), o, &mut r, err)),
            missing.to_str().unwrap(),
        );
        expect_err(
            ErrorCode::IoError.number(),
            call(|err| mpp_upload_cursor_open_path(cmissing.as_ptr(), o, &mut c, err)),
            missing.to_str().unwrap(),
        );
        // A directory is not a readable upload.
        let cdir = c_path(&data_dir());
        expect_err(
            ErrorCode::IoError.number(),
            call(|err| mpp_upload_cursor_open_path(cdir.as_ptr(), o, &mut c, err)),
            data_dir().to_str().unwrap(),
        );
        assert!(r.is_null() && c.is_null(), "no output on failure");

        // (NULL, 0) is an empty file: a finding, not an error.
        call(|err| mpp_validate_upload(ptr::null(), 0, o, &mut r, err)).unwrap();
        assert_eq!(codes(&report_view(r).1), ["empty_file"]);
        assert_eq!(finding(mpp_report_finding_at(r, 0)).row, 1);
        mpp_report_free(r);
        call(|err| mpp_upload_cursor_new(ptr::null(), 0, o, &mut c, err)).unwrap();
        assert_eq!(
            drain(c)
                .1
                .iter()
                .map(|f| f.code.as_str())
                .collect::<Vec<_>>(),
            ["empty_file"]
        );

        let mut row: *const mpp_upload_row = ptr::null();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_upload_cursor_next(ptr::null_mut(), &mut row, err)),
            "`cursor`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_upload_cursor_next(c, ptr::null_mut(), err)),
            "`out_row`",
        );
        mpp_upload_cursor_free(c);

        let mut text: *mut c_char = ptr::null_mut();
        let (mut e, mut w) = (0usize, 0usize);
        expect_err(
            NULL_POINTER,
            call(|err| mpp_report_errors_csv(ptr::null(), &mut text, err)),
            "`report`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_report_devices_csv(ptr::null(), &mut text, err)),
            "`report`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_report_severity_counts(ptr::null(), &mut e, &mut w, err)),
            "`report`",
        );
        let r = validate(csv, o);
        expect_err(
            NULL_POINTER,
            call(|err| mpp_report_errors_csv(r, ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_report_severity_counts(r, ptr::null_mut(), &mut w, err)),
            "`errors`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_report_severity_counts(r, &mut e, ptr::null_mut(), err)),
            "`warnings`",
        );
        // The license-only header is missing the other option's columns.
        assert_eq!(codes(&report_view(r).1).last(), Some(&"no_data_rows"));
        mpp_report_free(r);

        // Every accessor takes NULL quietly.
        assert_eq!(mpp_report_added(ptr::null()), 0);
        assert_eq!(mpp_report_errors(ptr::null()), 0);
        assert_eq!(mpp_report_total(ptr::null()), 0);
        assert!(!mpp_report_directory_checked(ptr::null()));
        assert_eq!(
            mpp_report_option(ptr::null()),
            UploadOption::LicenseAndDevice
        );
        assert_eq!(mpp_report_finding_count(ptr::null()), 0);
        assert!(mpp_report_finding_at(ptr::null(), 0).is_null());
        assert_eq!(mpp_report_device_count(ptr::null()), 0);
        assert!(mpp_report_device_at(ptr::null(), 0).is_null());
        assert_eq!(mpp_upload_cursor_header_finding_count(ptr::null()), 0);
        assert!(mpp_upload_cursor_header_finding_at(ptr::null(), 0).is_null());
        assert_eq!(mpp_upload_cursor_end_finding_count(ptr::null()), 0);
        assert!(mpp_upload_cursor_end_finding_at(ptr::null(), 0).is_null());
        assert_eq!(mpp_upload_cursor_added(ptr::null()), 0);
        assert_eq!(mpp_upload_cursor_errors(ptr::null()), 0);
        assert_eq!(mpp_upload_cursor_total(ptr::null()), 0);
        assert!(!mpp_upload_cursor_directory_checked(ptr::null()));
        assert_eq!(
            mpp_upload_cursor_option(ptr::null()),
            UploadOption::LicenseAndDevice
        );
        assert_eq!(mpp_upload_row_number(ptr::null()), 0);
        assert!(!mpp_upload_row_accepted(ptr::null()));
        assert!(!mpp_upload_row_blank(ptr::null()));
        assert!(mpp_upload_row_device(ptr::null()).is_null());
        assert_eq!(mpp_upload_row_finding_count(ptr::null()), 0);
        assert!(mpp_upload_row_finding_at(ptr::null(), 0).is_null());
        assert!(mpp_device_mac(ptr::null()).is_null());
        assert!(mpp_device_device_name(ptr::null()).is_null());
        assert!(mpp_device_model(ptr::null()).is_null());
        assert_eq!(mpp_device_hardware_version(ptr::null()), 0);
        assert!(!mpp_device_has_assignment(ptr::null()));
        assert_eq!(mpp_device_owner_type(ptr::null()), OwnerType::User);
        assert!(mpp_device_username(ptr::null()).is_null());
        assert!(mpp_device_phone_number(ptr::null()).is_null());
        assert!(mpp_device_extension(ptr::null()).is_null());
        assert!(mpp_device_location(ptr::null()).is_null());
        assert!(!mpp_device_call_plan(ptr::null()));
        assert_eq!(mpp_device_row(ptr::null()), 0);
        assert_eq!(s(mpp_owner_type_name(OwnerType::User as u32)), "USER");
        assert_eq!(
            s(mpp_owner_type_name(OwnerType::Workspace as u32)),
            "WORKSPACE"
        );
        assert!(mpp_owner_type_name(2).is_null());
        mpp_report_free(ptr::null_mut());
        mpp_upload_cursor_free(ptr::null_mut());
        mpp_upload_options_free(o);
    }
}

#[test]
fn license_only_devices_have_no_assignment_and_rows_say_blank() {
    let o = options(UploadOption::LicenseOnly as u32, ptr::null());
    let csv = b"Model,MAC Address\nCP-7821-K9=V03,00:1a:2b:3c:4d:5e\n\n";
    let c = cursor(csv, o);
    // SAFETY: a live cursor and options; rows read before the next call; freed once.
    unsafe {
        assert!(!mpp_upload_cursor_directory_checked(c));
        assert_eq!(mpp_upload_cursor_option(c), UploadOption::LicenseOnly);
        let mut row: *const mpp_upload_row = ptr::null();
        call(|err| mpp_upload_cursor_next(c, &mut row, err)).unwrap();
        assert_eq!(mpp_upload_row_number(row), 2);
        assert!(mpp_upload_row_accepted(row) && !mpp_upload_row_blank(row));
        let d = mpp_upload_row_device(row);
        assert!(!mpp_device_has_assignment(d));
        assert_eq!(mpp_device_owner_type(d), OwnerType::User);
        assert!(mpp_device_username(d).is_null() && mpp_device_location(d).is_null());
        assert!(mpp_device_phone_number(d).is_null() && mpp_device_extension(d).is_null());
        assert!(!mpp_device_call_plan(d));
        assert_eq!(mpp_device_hardware_version(d), 3);
        assert_eq!(s(mpp_model_name(mpp_device_model(d))), "7821");
        assert_eq!(s(mpp_device_mac(d)), "001A2B3C4D5E");
        assert_eq!(
            (mpp_upload_cursor_added(c), mpp_upload_cursor_total(c)),
            (1, 1)
        );
        call(|err| mpp_upload_cursor_next(c, &mut row, err)).unwrap();
        assert_eq!(mpp_upload_row_number(row), 3);
        assert!(!mpp_upload_row_accepted(row) && mpp_upload_row_blank(row));
        assert!(mpp_upload_row_device(row).is_null());
        assert_eq!(
            finding(mpp_upload_row_finding_at(row, 0)).code,
            "blank_line"
        );
        assert_eq!(
            (
                mpp_upload_cursor_added(c),
                mpp_upload_cursor_errors(c),
                mpp_upload_cursor_total(c)
            ),
            (1, 1, 2)
        );
        call(|err| mpp_upload_cursor_next(c, &mut row, err)).unwrap();
        assert!(row.is_null());
        assert_eq!(mpp_upload_cursor_end_finding_count(c), 0);
        mpp_upload_cursor_free(c);

        // A NUL byte in a cell reaches C as U+FFFD, in findings and exports alike.
        let csv = b"Model,MAC Address\n88\x0045,001A2B3C4D5E\n";
        let r = validate(csv, o);
        let f = finding(mpp_report_finding_at(r, 0));
        assert!(
            f.message.contains("45"),
            "the message is not cut at the NUL: {}",
            f.message
        );
        let mut text: *mut c_char = ptr::null_mut();
        call(|err| mpp_report_errors_csv(r, &mut text, err)).unwrap();
        assert!(owned(text).contains("88\u{FFFD}45"));
        mpp_report_free(r);
        mpp_upload_options_free(o);
    }
}

#[test]
fn the_committed_header_has_the_new_enums_and_no_core_internals() {
    let header = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../include/mpp_migration.h"),
    )
    .unwrap();
    for needle in [
        "typedef enum mpp_eligibility_status",
        "MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE,",
        "typedef enum mpp_upload_option",
        "MPP_UPLOAD_OPTION_LICENSE_ONLY,",
        "typedef enum mpp_owner_type",
        "MPP_OWNER_TYPE_WORKSPACE,",
        "typedef struct mpp_directory_builder mpp_directory_builder;",
        "mpp_status mpp_upload_cursor_next(",
    ] {
        assert!(header.contains(needle), "the header lacks {needle:?}");
    }
    assert!(
        !header.contains("Column"),
        "the core's Column leaked into the header"
    );
    // The enums' numbers are the core's.
    assert_eq!(UploadOption::LicenseAndDevice as u32, 0);
    assert_eq!(UploadOption::LicenseOnly as u32, 1);
    assert_eq!(OwnerType::Workspace as u32, 1);
    assert_eq!(EligibilityStatus::Unknown as u32, 2);
}

/// Everything a C host could read from a report, for the property test.
fn touch_report(r: *const mpp_report) {
    // SAFETY: a live report.
    unsafe {
        for i in 0..mpp_report_device_count(r) {
            let d = mpp_report_device_at(r, i);
            assert_eq!(s(mpp_device_mac(d)).len(), 12);
            assert!(!mpp_device_model(d).is_null());
            let _ = (
                mpp_device_username(d),
                mpp_device_location(d),
                mpp_device_extension(d),
            );
        }
        let mut text: *mut c_char = ptr::null_mut();
        call(|err| mpp_report_errors_csv(r, &mut text, err)).unwrap();
        owned(text);
        call(|err| mpp_report_devices_csv(r, &mut text, err)).unwrap();
        owned(text);
    }
}

proptest! {
    #[test]
    fn arbitrary_bytes_give_a_report_and_a_cursor_that_agree(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        prefix in prop::sample::select(vec![
            &b""[..],
            b"Model,MAC Address\n",
            b"Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan\n",
        ]),
        option in 0u32..2,
        small_limits in any::<bool>(),
    ) {
        let mut input = prefix.to_vec();
        input.extend(&bytes);
        let o = options(option, ptr::null());
        if small_limits {
            // SAFETY: live options.
            call(|err| unsafe { mpp_upload_options_set_limits(o, 3, 17, 2, err) }).unwrap();
        }
        let r = validate(&input, o);
        let (counts, findings) = report_view(r);
        prop_assert_eq!(counts.0 + counts.1, counts.2);
        // SAFETY: a live report.
        prop_assert_eq!(unsafe { mpp_report_device_count(r) } as u64, counts.0);
        for f in &findings {
            prop_assert!(f.row >= 1);
            prop_assert!(!f.message.is_empty());
            prop_assert_eq!(ErrorCode::from_number(f.number).map(|c| c.as_str()), Some(f.code.as_str()));
        }
        touch_report(r);
        let c = cursor(&input, o);
        let (cursor_counts, cursor_findings, _) = drain(c);
        prop_assert_eq!(cursor_counts, counts);
        prop_assert_eq!(cursor_findings, findings);
        // SAFETY: handles freed once.
        unsafe {
            mpp_upload_cursor_free(c);
            mpp_report_free(r);
            mpp_upload_options_free(o);
        }
    }

    #[test]
    fn arbitrary_bytes_as_a_directory_or_table_get_a_status(
        bytes in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        let mut d: *mut mpp_directory = ptr::null_mut();
        let mut t: *mut mpp_eligibility_table = ptr::null_mut();
        // SAFETY: valid pointers; outputs freed.
        unsafe {
            match call(|err| mpp_directory_from_json(bytes.as_ptr(), bytes.len(), &mut d, err)) {
                Ok(()) => mpp_directory_free(d),
                Err(e) => prop_assert!(
                    [ErrorCode::JsonInvalid.number(), ErrorCode::DirectoryInvalid.number()].contains(&e.number)
                ),
            }
            match call(|err| mpp_eligibility_table_from_csv(bytes.as_ptr(), bytes.len(), c"p".as_ptr(), &mut t, err)) {
                Ok(()) => mpp_eligibility_table_free(t),
                Err(e) => prop_assert_eq!(e.number, ErrorCode::EligibilityTableInvalid.number()),
            }
        }
    }
}

// --- issue 9 and 14: round trips, header problems, names ----------------------------------

/// A report's accepted devices as (username, location) pairs, read through the ABI.
fn device_names(r: *const mpp_report) -> Vec<(String, String)> {
    // SAFETY: a live report; the strings are read before the report changes.
    unsafe {
        (0..mpp_report_device_count(r))
            .map(|i| {
                let d = mpp_report_device_at(r, i);
                (s(mpp_device_username(d)), s(mpp_device_location(d)))
            })
            .collect()
    }
}

fn export(r: *const mpp_report, errors: bool) -> String {
    let mut out: *mut c_char = ptr::null_mut();
    // SAFETY: valid pointers; the string is owned and freed by `owned`.
    call(|err| unsafe {
        if errors {
            mpp_report_errors_csv(r, &mut out, err)
        } else {
            mpp_report_devices_csv(r, &mut out, err)
        }
    })
    .unwrap();
    owned(out)
}

#[test]
fn issue9_exports_upload_again_to_the_original_names_through_the_abi() {
    let b = builder();
    // SAFETY: valid pointers; handles freed once.
    unsafe {
        call(|err| mpp_directory_builder_add_workspace(b, c"@Home".as_ptr(), err)).unwrap();
        call(|err| {
            mpp_directory_builder_add_location(b, c"+Site".as_ptr(), true, ptr::null(), 0, err)
        })
        .unwrap();
        let d = build(b).unwrap();
        mpp_directory_builder_free(b);
        let o = options(UploadOption::LicenseAndDevice as u32, d);
        let csv = b"Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Calling Plan\n\
            WORKSPACE,-Lab-,+14085550180,,IP,8845,001A2B3C4D80,+Site,true\n\
            WORKSPACE,@Home,+14085550181,,IP,8845,001A2B3C4D81,+Site,\n\
            WORKSPACE,\"Smith\\\",+14085550182,,IP,8845,001A2B3C4D82,+Site,\n\
            WORKSPACE,-Lab-,+14085550183,,IP,9999,001A2B3C4D83,+Site,\n";
        let r = validate(csv, o);
        let names = device_names(r);
        assert_eq!(
            names,
            [
                ("-Lab-".to_owned(), "+Site".to_owned()),
                ("@Home".to_owned(), "+Site".to_owned()),
                ("Smith\\".to_owned(), "+Site".to_owned()),
            ]
        );
        let devices = export(r, false);
        let again = validate(devices.as_bytes(), o);
        assert_eq!(device_names(again), names, "{devices}");
        assert_eq!(mpp_report_errors(again), 0);
        // The errors file: fix the model, upload again, and the name is the original one.
        let errors = export(r, true).replace(",9999,", ",8845,");
        let fixed = validate(errors.as_bytes(), o);
        assert_eq!(
            device_names(fixed),
            [("-Lab-".to_owned(), "+Site".to_owned())],
            "{errors}"
        );
        for r in [r, again, fixed] {
            mpp_report_free(r);
        }
        mpp_upload_options_free(o);
        mpp_directory_free(d);
    }
}

#[test]
fn issue9_header_problems_and_limits_through_the_abi() {
    let o = options(UploadOption::LicenseOnly as u32, ptr::null());
    let check = |csv: &str| {
        let r = validate(csv.as_bytes(), o);
        let view = report_view(r);
        // SAFETY: freed once.
        unsafe { mpp_report_free(r) };
        view
    };
    // CSV-10, DEC-8: only the row that gives a code is refused.
    let (counts, findings) = check(
        "Model,MAC Address,Activation Code\n8845,001A2B3C4DB0,\n8845,001A2B3C4DB1,1234567890123456\n",
    );
    assert_eq!(counts, (1, 1, 2));
    assert_eq!(
        codes(&findings),
        ["activation_code_unsupported", "activation_code_unsupported"]
    );
    assert_eq!(findings[1].row, 3);
    // DEC-9: a duplicated column refuses only rows whose two cells differ.
    let (counts, findings) =
        check("Model,MAC Address,Model\n8845,001A2B3C4DB2,8845\n8845,001A2B3C4DB3,7841\n");
    assert_eq!(counts, (1, 1, 2));
    assert_eq!(
        codes(&findings),
        ["header_duplicate_column", "duplicate_column_conflict"]
    );
    assert_eq!(findings[0].severity, Severity::Warning);
    // An unclosed quote is one bad row; the next row is read.
    let (counts, findings) = check("Model,MAC Address\n\"8845,001A2B3C4DB4\n8845,001A2B3C4DB5\n");
    assert_eq!(counts, (1, 1, 2));
    assert_eq!(
        (findings[0].row, findings[0].code.as_str()),
        (2, "unterminated_quote")
    );
    // EXT-14: 230 columns are read by default; 600 fields name the limit.
    let wide: Vec<String> = (0..228).map(|i| format!("Extra {i}")).collect();
    let (counts, _) = check(&format!(
        "Model,MAC Address,{}\n8845,001A2B3C4DB6,{}\n",
        wide.join(","),
        vec!["x"; 228].join(",")
    ));
    assert_eq!(counts, (1, 0, 1));
    let (_, findings) = check(&format!(
        "Model,MAC Address\n{}\n",
        vec!["x"; 600].join(",")
    ));
    assert!(
        findings[0].message.contains("limit of 512 fields"),
        "{}",
        findings[0].message
    );
    // SAFETY: freed once.
    unsafe { mpp_upload_options_free(o) };
}

#[test]
fn issue14_directory_json_is_the_object_form_with_one_duplicate_rule() {
    let from_json = |json: &[u8]| {
        let mut d: *mut mpp_directory = ptr::null_mut();
        // SAFETY: valid pointers.
        let r =
            call(|err| unsafe { mpp_directory_from_json(json.as_ptr(), json.len(), &mut d, err) });
        // SAFETY: the directory, if any, is freed once.
        unsafe { mpp_directory_free(d) };
        r
    };
    for json in [&b"[1,[\"a@example.com\"],[\"Lobby\"]]"[..], b"[]"] {
        expect_err(
            ErrorCode::JsonInvalid.number(),
            from_json(json),
            "expected an object",
        );
    }
    expect_err(
        ErrorCode::DirectoryInvalid.number(),
        from_json(b"{\"workspaces\": [\"Lob\\u0000by\"]}"),
        "U+0000",
    );
    expect_err(
        ErrorCode::DirectoryInvalid.number(),
        from_json(b"{\"workspaces\": [\"Lobby\", \"LOBBY\"]}"),
        "workspaces[1]",
    );
    expect_err(
        ErrorCode::DirectoryInvalid.number(),
        from_json(b"{\"locations\": [{\"name\": \"HQ\"}, {\"name\": \"hq\"}]}"),
        "locations[1].name",
    );
    // The builder: the same rule.
    let b = builder();
    // SAFETY: valid pointers; freed once.
    unsafe {
        call(|err| mpp_directory_builder_add_workspace(b, c"Lobby".as_ptr(), err)).unwrap();
        call(|err| mpp_directory_builder_add_workspace(b, c" lobby".as_ptr(), err)).unwrap();
        expect_err(
            ErrorCode::DirectoryInvalid.number(),
            build(b).map(|_| ()),
            "case or spacing",
        );
        mpp_directory_builder_free(b);
    }
}

#[test]
fn csv15_an_errors_file_uploaded_again_keeps_one_errors_column_through_the_abi() {
    let d = load_directory();
    let o = options(UploadOption::LicenseAndDevice as u32, d);
    let upload = std::fs::read(data_dir().join("upload.csv")).unwrap();
    let r = validate(&upload, o);
    let first = export(r, true);
    let again = validate(first.as_bytes(), o);
    let second = export(again, true);
    assert_eq!(second.lines().next(), first.lines().next());
    // SAFETY: handles freed once.
    unsafe {
        mpp_report_free(r);
        mpp_report_free(again);
        mpp_upload_options_free(o);
        mpp_directory_free(d);
    }
}
