//! Tests of the C API's lifetime rules (issue 14 section 4): static code strings, a NULL
//! document, an error slot that still holds an error, and task views that go stale when their
//! board changes without ever pointing at freed memory. examples/c/tasks.c tests the same from
//! C under ASan, UBSan and valgrind.

use std::ptr;

use mpp_migration::{DeviceTab, ErrorCode, Severity};

use crate::support::*;
use mpp_migration_ffi::MPP_OK;
use mpp_migration_ffi::*;

const VIEW_STALE: u32 = ErrorCode::ViewStale.number();
const SLOT_IN_USE: u32 = ErrorCode::ErrorSlotInUse.number();

/// Whether `p` points into the running executable's own file mappings, as /proc/self/maps
/// lists them: into the program image, not the heap or a stack.
#[cfg(target_os = "linux")]
fn in_program_image(p: *const std::ffi::c_char) -> bool {
    let exe = std::env::current_exe().expect("the test knows its executable");
    let exe = exe.to_str().expect("the executable's path is UTF-8");
    let maps = std::fs::read_to_string("/proc/self/maps").expect("/proc/self/maps is readable");
    let address = p as usize;
    maps.lines().filter(|line| line.ends_with(exe)).any(|line| {
        let range = line.split_whitespace().next().unwrap_or_default();
        let parse = |hex: &str| usize::from_str_radix(hex, 16).ok();
        match range.split_once('-').map(|(a, b)| (parse(a), parse(b))) {
            Some((Some(start), Some(end))) => (start..end).contains(&address),
            _ => false,
        }
    })
}

#[test]
fn code_strings_point_into_the_program_image_not_the_heap() {
    for code in ErrorCode::ALL {
        let n = code.number();
        let (name, rule, summary) = (
            mpp_error_code_name(n),
            mpp_error_code_rule(n),
            mpp_error_code_summary(n),
        );
        assert_eq!(s(name), code.as_str());
        assert_eq!(s(rule), code.rule());
        assert_eq!(s(summary), code.summary());
        #[cfg(target_os = "linux")]
        assert!(
            in_program_image(name) && in_program_image(rule) && in_program_image(summary),
            "{code:?}"
        );
        assert_eq!(name, mpp_error_code_name(n), "the same pointer every time");
        assert_eq!(
            summary,
            mpp_error_code_summary(n),
            "the same pointer every time"
        );
    }
    #[cfg(target_os = "linux")]
    {
        let on_the_heap = std::ffi::CString::new("mac_invalid_length").expect("no NUL");
        assert!(
            !in_program_image(on_the_heap.as_ptr()),
            "the check tells the heap apart"
        );
    }
    assert!(mpp_error_code_name(0).is_null());
    assert!(mpp_error_code_summary(u32::MAX).is_null());
    // A finding's code and rule are the same static strings.
    let mut err: *mut mpp_error = ptr::null_mut();
    let mut out: *mut std::ffi::c_char = ptr::null_mut();
    // SAFETY: a valid string, out-parameter and error slot.
    let status = unsafe { mpp_normalize_mac(c"001A".as_ptr(), &mut out, &mut err) };
    let n = ErrorCode::MacInvalidLength.number();
    assert_eq!(status, n);
    // SAFETY: `err` is the live error the call made; its finding lives as long as it.
    unsafe {
        let f = mpp_error_finding(err);
        assert_eq!(mpp_finding_code(f), mpp_error_code_name(n));
        assert_eq!(mpp_finding_rule(f), mpp_error_code_rule(n));
        mpp_error_free(err);
    }
    let e = call(|err| {
        // SAFETY: valid pointers; an unknown number fails.
        unsafe { mpp_error_code_severity(7, &mut Severity::Error, err) }
    });
    assert_eq!(
        e.unwrap_err().code,
        s(mpp_error_code_name(INVALID_ARGUMENT))
    );
}

#[test]
fn a_null_document_is_a_null_pointer_not_malformed_json() {
    let mut b: *mut mpp_board = ptr::null_mut();
    // SAFETY: NULL json with length 0; `b` is writable.
    let e = call(|err| unsafe { mpp_board_from_json(ptr::null(), 0, &mut b, err) });
    expect_err(NULL_POINTER, e, "`json` is NULL");
    assert!(b.is_null());
    // An empty document that is not NULL is still malformed JSON.
    // SAFETY: zero bytes at a valid pointer.
    let e = call(|err| unsafe { mpp_board_from_json(c"".as_ptr().cast(), 0, &mut b, err) });
    expect_err(ErrorCode::JsonInvalid.number(), e, "EOF");
}

#[test]
fn an_error_slot_that_holds_an_error_is_refused_and_left_alone() {
    // SAFETY: valid pointers throughout; every error is freed once.
    unsafe {
        let mut err: *mut mpp_error = ptr::null_mut();
        let mut severity = Severity::Error;
        assert_eq!(
            mpp_error_code_severity(7, &mut severity, &mut err),
            INVALID_ARGUMENT
        );
        let first = err;
        assert!(!first.is_null());
        let mut b: *mut mpp_board = ptr::null_mut();
        assert_eq!(mpp_board_new(&mut b, &mut err), SLOT_IN_USE);
        assert!(b.is_null(), "the call did nothing");
        assert_eq!(
            err, first,
            "the earlier error is neither replaced nor freed"
        );
        assert_eq!(mpp_finding_number(mpp_error_finding(err)), INVALID_ARGUMENT);
        mpp_error_free(err);
        err = ptr::null_mut();
        assert_eq!(mpp_board_new(&mut b, &mut err), MPP_OK);
        assert!(err.is_null());
        mpp_board_free(b);
    }
}

#[test]
fn a_task_view_goes_stale_when_its_board_changes_and_its_memory_stays() {
    // SAFETY: valid pointers throughout; every handle is freed once, after its last use.
    unsafe {
        let mut b: *mut mpp_board = ptr::null_mut();
        assert_eq!(mpp_board_new(&mut b, ptr::null_mut()), MPP_OK);
        assert_eq!(
            mpp_board_create_task(b, c"HQ".as_ptr(), 1, ptr::null_mut()),
            MPP_OK
        );
        let mut d: *mut mpp_device = ptr::null_mut();
        assert_eq!(
            mpp_device_new(
                c"001A2B3C4D01".as_ptr(),
                c"8845".as_ptr(),
                ptr::null(),
                c"12.8(1)".as_ptr(),
                &mut d,
                ptr::null_mut()
            ),
            MPP_OK
        );
        let devices = [d.cast_const()];
        let mut outcome: *mut mpp_add_outcome = ptr::null_mut();
        assert_eq!(
            mpp_board_add_devices(
                b,
                c"HQ".as_ptr(),
                devices.as_ptr(),
                1,
                &mut outcome,
                ptr::null_mut()
            ),
            MPP_OK
        );
        if mpp_add_outcome_added(outcome) != 1 {
            let f = finding(mpp_add_outcome_finding_at(outcome, 0));
            panic!("not added: {f:?}");
        }
        mpp_add_outcome_free(outcome);

        let t = mpp_board_task(b, c"HQ".as_ptr());
        assert!(mpp_task_is_current(t));
        let name = mpp_task_name(t);
        let device = mpp_task_device_at(t, 0);
        assert!(!device.is_null());
        assert_eq!(mpp_task_device_count(t), 1);

        // Even a change that fails (a duplicate name, TASK-1) makes the view stale.
        assert_ne!(
            mpp_board_create_task(b, c"hq".as_ptr(), 0, ptr::null_mut()),
            MPP_OK
        );
        assert!(!mpp_task_is_current(t));
        assert!(mpp_task_name(t).is_null());
        assert_eq!(mpp_task_device_count(t), 0);
        assert!(mpp_task_device_at(t, 0).is_null());
        let mut counts = mpp_tab_counts::default();
        expect_err(
            VIEW_STALE,
            call(|err| mpp_task_tab_counts(t, &mut counts, err)),
            "look the task up again",
        );
        let mut csv: *mut std::ffi::c_char = ptr::null_mut();
        expect_err(
            VIEW_STALE,
            call(|err| mpp_task_device_list_csv(t, &mut csv, err)),
            "board changed",
        );
        assert!(csv.is_null());
        // What was borrowed before the change is still memory of the board (ASan checks it).
        assert_eq!(s(name), "HQ");
        assert_eq!(mpp_task_device_tab(device), DeviceTab::Pending);

        // Many changes, each after a view was lent: all kept, all stale, none freed.
        let mut views = Vec::new();
        for i in 0..50 {
            views.push(mpp_board_task(b, c"HQ".as_ptr()));
            let name = std::ffi::CString::new(format!("T{i}")).unwrap();
            assert_eq!(
                mpp_board_create_task(b, name.as_ptr(), 0, ptr::null_mut()),
                MPP_OK
            );
        }
        assert!(views.iter().all(|&v| !mpp_task_is_current(v)));
        let fresh = mpp_board_task(b, c"HQ".as_ptr());
        assert!(mpp_task_is_current(fresh));
        assert_eq!(s(mpp_task_name(fresh)), "HQ");
        assert_eq!(mpp_task_device_count(fresh), 1);
        assert!(!mpp_task_is_current(ptr::null()));
        mpp_board_free(b);
        mpp_device_free(d);
    }
}

#[test]
fn plan_files_are_written_all_or_nothing_and_leftovers_recovered() {
    use mpp_migration_ffi::*;
    let dir = std::env::temp_dir().join(format!("mpp-ffi-safety-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let c_dir = cs(dir.to_str().unwrap());
    // SAFETY: valid pointers throughout; the list is freed once.
    unsafe {
        let mut files: *mut mpp_output_files = ptr::null_mut();
        assert_eq!(mpp_output_files_new(&mut files, ptr::null_mut()), MPP_OK);
        for (name, content) in [(c"a.txt", c"A"), (c"A.TXT", c"B")] {
            assert_eq!(
                mpp_output_files_add(files, name.as_ptr(), content.as_ptr(), ptr::null_mut()),
                MPP_OK
            );
        }
        expect_err(
            ErrorCode::OutputNameDuplicate.number(),
            call(|err| mpp_output_files_write(files, c_dir.as_ptr(), false, err)),
            "A.TXT",
        );
        assert!(!dir.join("a.txt").exists(), "nothing written");
        mpp_output_files_free(files);
        expect_err(
            ErrorCode::OutputPathInvalid.number(),
            call(|err| mpp_recover_output_dir(c"".as_ptr(), err)),
            "empty",
        );
        // A killed writer's journal: the new a.txt in place, the old one aside.
        let staging = dir.join(".mpp-write-1-0-0");
        std::fs::create_dir_all(staging.join("new")).unwrap();
        std::fs::create_dir_all(staging.join("old")).unwrap();
        std::fs::write(staging.join("old/a.txt"), "old").unwrap();
        std::fs::write(staging.join("MANIFEST"), "a.txt\n").unwrap();
        std::fs::write(dir.join("a.txt"), "new").unwrap();
        call(|err| mpp_recover_output_dir(c_dir.as_ptr(), err)).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("a.txt")).unwrap(), "old");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "the journal is gone"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
