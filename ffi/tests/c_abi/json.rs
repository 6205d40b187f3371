//! Tests of the JSON documents (`mpp_*_to_json`) and of uploads read through a callback
//! (`mpp_read_fn`): the C text equals the core's document for the same input, and a callback
//! that hands out the file a few bytes at a time gives the same rows, findings and report as
//! the bytes in memory. examples/c/reader.c runs the same exports from C with `fread`.

use std::ffi::{c_char, c_void};
use std::path::Path;
use std::ptr;

use mpp_migration::{ErrorCode, ToJson, UploadOption};

use crate::support::*;
use mpp_migration_ffi::*;

fn upload_csv() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data/upload.csv"))
        .unwrap()
}

fn options(option: UploadOption) -> *mut mpp_upload_options {
    let mut o: *mut mpp_upload_options = ptr::null_mut();
    // SAFETY: valid pointers.
    call(|err| unsafe { mpp_upload_options_new(option as u32, &mut o, err) }).unwrap();
    o
}

/// Calls a `_to_json` export and takes its owned text.
fn json_of(f: impl FnOnce(*mut *mut c_char, *mut *mut mpp_error) -> u32) -> String {
    let mut out: *mut c_char = ptr::null_mut();
    call(|err| f(&mut out, err)).unwrap();
    owned(out)
}

/// What the callback reads from: the bytes, the position, at most `chunk` bytes a call, and
/// the call at which it fails (if any).
struct Feed {
    bytes: Vec<u8>,
    at: usize,
    chunk: usize,
    calls: usize,
    fail_at: Option<usize>,
    over_report: bool,
}

impl Feed {
    fn new(bytes: Vec<u8>, chunk: usize) -> Feed {
        Feed {
            bytes,
            at: 0,
            chunk,
            calls: 0,
            fail_at: None,
            over_report: false,
        }
    }
}

unsafe extern "C" fn feed_read(
    user_data: *mut c_void,
    buf: *mut u8,
    len: usize,
    out_read: *mut usize,
) -> i32 {
    // SAFETY: `user_data` is the test's `Feed`; `buf` holds `len` bytes; `out_read` is valid.
    unsafe {
        let feed = &mut *user_data.cast::<Feed>();
        feed.calls += 1;
        if feed.fail_at == Some(feed.calls) {
            return 5;
        }
        if feed.over_report {
            *out_read = len + 1;
            return 0;
        }
        let n = feed.chunk.min(len).min(feed.bytes.len() - feed.at);
        ptr::copy_nonoverlapping(feed.bytes.as_ptr().add(feed.at), buf, n);
        feed.at += n;
        *out_read = n;
        0
    }
}

fn report_json(r: *const mpp_report) -> String {
    // SAFETY: a live report.
    json_of(|out, err| unsafe { mpp_report_to_json(r, out, err) })
}

/// Compares `text` with the committed document `examples/data/json/<name>` (the same file the C
/// and Python tests read, so the three languages are held to one text); `UPDATE_JSON=1`
/// rewrites it from the core.
fn golden(name: &str, text: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/json")
        .join(name);
    if std::env::var_os("UPDATE_JSON").is_some() {
        std::fs::write(&path, format!("{text}\n")).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        expected.trim_end_matches('\n'),
        "{name} (UPDATE_JSON=1 rewrites it)"
    );
}

#[test]
fn report_and_finding_documents_are_the_cores() {
    let bytes = upload_csv();
    let o = options(UploadOption::LicenseAndDevice);
    // SAFETY: a live options handle.
    let core = mpp_migration::validate_upload(&bytes[..], unsafe { &*o }.get()).unwrap();
    let mut r: *mut mpp_report = ptr::null_mut();
    // SAFETY: valid pointers; every handle is freed once.
    unsafe {
        call(|err| mpp_validate_upload(bytes.as_ptr(), bytes.len(), o, &mut r, err)).unwrap();
        assert_eq!(report_json(r), core.to_json());
        golden("upload.report.json", &report_json(r));
        let doc: serde_json::Value = serde_json::from_str(&report_json(r)).unwrap();
        assert_eq!(doc["counts"]["total"], core.total());
        assert!(!core.findings().is_empty(), "the fixture has findings");
        for (i, f) in core.findings().iter().enumerate() {
            let cf = mpp_report_finding_at(r, i);
            assert_eq!(
                json_of(|out, err| mpp_finding_to_json(cf, out, err)),
                f.to_json()
            );
        }
        mpp_report_free(r);
        mpp_upload_options_free(o);
    }
}

#[test]
fn eligibility_document_is_the_cores() {
    let core = mpp_migration::check_eligibility("8845", None, Some("12.8(1)")).unwrap();
    let mut e: *mut mpp_eligibility = ptr::null_mut();
    // SAFETY: valid pointers; the outcome is freed once.
    unsafe {
        call(|err| {
            mpp_check_eligibility(
                c"8845".as_ptr(),
                ptr::null(),
                c"12.8(1)".as_ptr(),
                ptr::null(),
                &mut e,
                err,
            )
        })
        .unwrap();
        let text = json_of(|out, err| mpp_eligibility_to_json(e, out, err));
        assert_eq!(text, core.to_json());
        golden("eligibility.8845.json", &text);
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["status"], "eligible");
        assert_eq!(doc["findings"][0]["code"], "firmware_needs_cop");
        mpp_eligibility_free(e);
    }
}

#[test]
fn to_json_refuses_null_arguments() {
    let mut out: *mut c_char = ptr::null_mut();
    let null = ErrorCode::NullPointer.number();
    // SAFETY: NULL handles are refused before any read.
    unsafe {
        expect_err(
            null,
            call(|err| mpp_finding_to_json(ptr::null(), &mut out, err)),
            "f",
        );
        expect_err(
            null,
            call(|err| mpp_report_to_json(ptr::null(), &mut out, err)),
            "r",
        );
        expect_err(
            null,
            call(|err| mpp_eligibility_to_json(ptr::null(), &mut out, err)),
            "e",
        );
        expect_err(
            null,
            call(|err| mpp_task_to_json(ptr::null(), &mut out, err)),
            "task",
        );
    }
    assert!(out.is_null(), "nothing written on failure");
}

/// Drains a cursor into (counts, finding documents, accepted MACs' row numbers).
fn drain(c: *mut mpp_upload_cursor) -> ((u64, u64, u64), Vec<String>, Vec<u64>) {
    let mut findings = Vec::new();
    let mut accepted = Vec::new();
    // SAFETY: a live cursor; each row is read before the next call.
    unsafe {
        let doc = |f: *const mpp_finding| json_of(|out, err| mpp_finding_to_json(f, out, err));
        for i in 0..mpp_upload_cursor_header_finding_count(c) {
            findings.push(doc(mpp_upload_cursor_header_finding_at(c, i)));
        }
        loop {
            let mut row: *const mpp_upload_row = ptr::null();
            call(|err| mpp_upload_cursor_next(c, &mut row, err)).unwrap();
            if row.is_null() {
                break;
            }
            if mpp_upload_row_accepted(row) {
                accepted.push(mpp_upload_row_number(row));
            }
            for i in 0..mpp_upload_row_finding_count(row) {
                findings.push(doc(mpp_upload_row_finding_at(row, i)));
            }
        }
        for i in 0..mpp_upload_cursor_end_finding_count(c) {
            findings.push(doc(mpp_upload_cursor_end_finding_at(c, i)));
        }
        let counts = (
            mpp_upload_cursor_added(c),
            mpp_upload_cursor_errors(c),
            mpp_upload_cursor_total(c),
        );
        (counts, findings, accepted)
    }
}

#[test]
fn a_read_callback_streams_the_same_upload_as_bytes() {
    let bytes = upload_csv();
    let o = options(UploadOption::LicenseAndDevice);
    // SAFETY: valid pointers; every handle is freed once; each feed outlives its cursor.
    unsafe {
        let mut from_bytes: *mut mpp_upload_cursor = ptr::null_mut();
        call(|err| mpp_upload_cursor_new(bytes.as_ptr(), bytes.len(), o, &mut from_bytes, err))
            .unwrap();
        let expected = drain(from_bytes);
        mpp_upload_cursor_free(from_bytes);
        for chunk in [1, 7, 64, 1 << 20] {
            let mut feed = Feed::new(bytes.clone(), chunk);
            let mut c: *mut mpp_upload_cursor = ptr::null_mut();
            let ud = ptr::from_mut(&mut feed).cast::<c_void>();
            call(|err| mpp_upload_cursor_new_reader(Some(feed_read), ud, o, &mut c, err)).unwrap();
            assert_eq!(drain(c), expected, "chunks of {chunk}");
            mpp_upload_cursor_free(c);
            assert_eq!(feed.at, bytes.len(), "all of it read");
            if chunk == 7 {
                assert!(feed.calls > bytes.len() / 7, "read a chunk at a time");
            }

            let mut feed = Feed::new(bytes.clone(), chunk);
            let ud = ptr::from_mut(&mut feed).cast::<c_void>();
            let mut r: *mut mpp_report = ptr::null_mut();
            call(|err| mpp_validate_upload_reader(Some(feed_read), ud, o, &mut r, err)).unwrap();
            let core = mpp_migration::validate_upload(&bytes[..], (*o).get()).unwrap();
            assert_eq!(report_json(r), core.to_json(), "chunks of {chunk}");
            mpp_report_free(r);
        }
        mpp_upload_options_free(o);
    }
}

#[test]
fn a_failing_read_callback_is_an_io_error() {
    let bytes = upload_csv();
    let o = options(UploadOption::LicenseAndDevice);
    let io = ErrorCode::IoError.number();
    // SAFETY: valid pointers; every handle is freed once; each feed outlives its use.
    unsafe {
        // Failing while the header is read: no cursor.
        let mut feed = Feed::new(bytes.clone(), 16);
        feed.fail_at = Some(1);
        let ud = ptr::from_mut(&mut feed).cast::<c_void>();
        let mut c: *mut mpp_upload_cursor = ptr::null_mut();
        expect_err(
            io,
            call(|err| mpp_upload_cursor_new_reader(Some(feed_read), ud, o, &mut c, err)),
            "status 5",
        );
        assert!(c.is_null());

        // Failing mid-file: the row that needs the bytes is an I/O error, then the end.
        let mut feed = Feed::new(bytes.clone(), 16);
        feed.fail_at = Some(30);
        let ud = ptr::from_mut(&mut feed).cast::<c_void>();
        call(|err| mpp_upload_cursor_new_reader(Some(feed_read), ud, o, &mut c, err)).unwrap();
        let mut failed = false;
        for _ in 0..1000 {
            let mut row: *const mpp_upload_row = ptr::null();
            match call(|err| mpp_upload_cursor_next(c, &mut row, err)) {
                Ok(()) if row.is_null() => break,
                Ok(()) => {}
                Err(e) => {
                    assert_eq!(e.number, io, "{e:?}");
                    assert!(e.message.contains("status 5"), "{}", e.message);
                    failed = true;
                }
            }
        }
        assert!(failed, "the failure was reported");
        let calls = feed.calls;
        let mut row: *const mpp_upload_row = ptr::dangling();
        call(|err| mpp_upload_cursor_next(c, &mut row, err)).unwrap();
        assert!(row.is_null(), "the cursor is at its end");
        assert_eq!(
            feed.calls, calls,
            "the callback is not called after it failed"
        );
        mpp_upload_cursor_free(c);

        // Reporting more bytes than the buffer holds is refused, never trusted.
        let mut feed = Feed::new(bytes.clone(), 16);
        feed.over_report = true;
        let ud = ptr::from_mut(&mut feed).cast::<c_void>();
        let mut r: *mut mpp_report = ptr::null_mut();
        expect_err(
            io,
            call(|err| mpp_validate_upload_reader(Some(feed_read), ud, o, &mut r, err)),
            "at most the buffer's length",
        );
        assert!(r.is_null());

        // A NULL callback or options.
        let null = ErrorCode::NullPointer.number();
        expect_err(
            null,
            call(|err| mpp_upload_cursor_new_reader(None, ptr::null_mut(), o, &mut c, err)),
            "read_fn",
        );
        expect_err(
            null,
            call(|err| mpp_validate_upload_reader(Some(feed_read), ud, ptr::null(), &mut r, err)),
            "opts",
        );
        mpp_upload_options_free(o);
    }
}

#[test]
fn task_document_is_the_cores_and_a_stale_view_is_refused() {
    use mpp_migration_ffi::*;
    let mut b: *mut mpp_board = ptr::null_mut();
    // SAFETY: valid pointers; the board is freed once, after its views' last use.
    unsafe {
        call(|err| mpp_board_new(&mut b, err)).unwrap();
        let option = UploadOption::LicenseOnly as u32;
        call(|err| mpp_board_create_task(b, c"HQ-1".as_ptr(), option, err)).unwrap();
        let t = mpp_board_task(b, c"HQ-1".as_ptr());
        assert!(!t.is_null());
        let text = json_of(|out, err| mpp_task_to_json(t, out, err));
        let mut core = mpp_migration::Board::new();
        core.create_task("HQ-1", UploadOption::LicenseOnly).unwrap();
        assert_eq!(text, core.task("HQ-1").unwrap().to_json());
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            (doc["name"].as_str(), doc["status"].as_str()),
            (Some("HQ-1"), Some("draft"))
        );

        // The board changes: the view is stale and says so rather than show an old document.
        call(|err| mpp_board_create_task(b, c"HQ-2".as_ptr(), option, err)).unwrap();
        let mut out: *mut c_char = ptr::null_mut();
        expect_err(
            ErrorCode::ViewStale.number(),
            call(|err| mpp_task_to_json(t, &mut out, err)),
            "look the task up again",
        );
        assert!(out.is_null());
        mpp_board_free(b);
    }
}
