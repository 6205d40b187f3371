//! Tests of the plan exports from Rust: the automatic and manual plans, the phone-load tables,
//! BAT file names and writing files, against NULL pointers, bad UTF-8 and the core's results
//! (the same task gives the same batches, files, texts and refusals through C as through the
//! core). examples/c/tasks.c and journey.c test the same exports from C.

use std::ffi::c_char;
use std::path::PathBuf;
use std::ptr;

use mpp_migration::{
    AutoPlanOptions, BatGroup, Board, ErrorCode, ManualPlanOptions, PhoneLoadTable, PlanRef,
    TaskEvent, TaskStatus, UploadOption,
};

use crate::support::{
    F, INVALID_ARGUMENT, NOT_UTF8, NULL_POINTER, call, core_error, core_finding, cs, expect_err,
    finding, opt_s, owned, s,
};
use crate::task::{POOL, board_json, new_board, task, upload};
use mpp_migration_ffi::*;

/// A C board and a core board, each with a task `T` of the pool's phones, prepared with
/// *Include unknown eligibility* on, through the same calls. With `ready`, `T` holds the five
/// phones that can be prepared and is Ready for migration; otherwise it holds all six, the
/// 8865NR (not eligible by Control Hub's table) stays in Error, and it is Ready with errors.
fn prepared(ready: bool) -> (*mut mpp_board, Board) {
    let pool = upload(POOL, UploadOption::LicenseOnly, true);
    let b = new_board();
    let mut core = Board::new();
    core.create_task("T", UploadOption::LicenseOnly).unwrap();
    let devices: Vec<usize> = if ready {
        vec![0, 1, 2, 4, 5]
    } else {
        (0..6).collect()
    };
    let c_devices: Vec<_> = devices.iter().map(|&i| pool.device(i)).collect();
    core.add_devices("T", devices.iter().map(|&i| pool.core.devices()[i].clone()))
        .unwrap();
    core.apply("T", TaskEvent::SetIncludeUnknown(true)).unwrap();
    core.apply("T", TaskEvent::StartPreparation).unwrap();
    let mut st = TaskStatus::Draft;
    let mut o: *mut mpp_add_outcome = ptr::null_mut();
    // SAFETY: valid pointers; the outcome is freed once.
    unsafe {
        call(|err| mpp_board_create_task(b, c"T".as_ptr(), 1, err)).unwrap();
        call(|err| {
            mpp_board_add_devices(
                b,
                c"T".as_ptr(),
                c_devices.as_ptr(),
                c_devices.len(),
                &mut o,
                err,
            )
        })
        .unwrap();
        mpp_add_outcome_free(o);
        call(|err| mpp_board_set_include_unknown(b, c"T".as_ptr(), true, &mut st, err)).unwrap();
        call(|err| mpp_board_start_preparation(b, c"T".as_ptr(), &mut st, err)).unwrap();
        for &i in &devices {
            let d = &pool.core.devices()[i];
            let mac = cs(&d.mac().to_string());
            if i == 3 {
                continue; // the 8865NR is in Error already
            }
            let c =
                call(|err| mpp_board_report_prepared(b, c"T".as_ptr(), mac.as_ptr(), &mut st, err));
            let r = core.apply("T", TaskEvent::Prepared { mac: d.mac() });
            assert_eq!(c.map(|()| st), r.map_err(|e| core_error(&e)));
        }
    }
    assert_eq!(board_json(b), core.to_json());
    let status = core.task("T").unwrap().status();
    assert_eq!(
        status,
        if ready {
            TaskStatus::ReadyForMigration
        } else {
            TaskStatus::ReadyWithErrors
        }
    );
    (b, core)
}

fn auto_options(cloud: bool, tftp: &str, load: &str, batch: usize) -> *mut mpp_auto_plan_options {
    let (tftp, load) = (cs(tftp), cs(load));
    let mut o: *mut mpp_auto_plan_options = ptr::null_mut();
    // SAFETY: valid pointers.
    unsafe {
        call(|err| mpp_auto_plan_options_new(cloud, tftp.as_ptr(), load.as_ptr(), &mut o, err))
            .unwrap();
        call(|err| mpp_auto_plan_options_set_batch_size(o, batch, err)).unwrap();
    }
    o
}

fn text_of(
    f: impl FnOnce(*mut *mut c_char, *mut *mut mpp_migration_ffi::mpp_error) -> u32,
) -> String {
    let mut text: *mut c_char = ptr::null_mut();
    call(|err| f(&mut text, err)).unwrap();
    owned(text)
}

fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mpp-ffi-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn automatic_plans_are_the_cores() {
    let (b, mut core) = prepared(true);
    let core_options = AutoPlanOptions {
        batch_size: 2,
        ..AutoPlanOptions::new(true, " primary ", "tftp1.example.com")
    };
    let expected = mpp_migration::plan_automatic(core.task("T").unwrap(), &core_options).unwrap();
    let o = auto_options(true, " primary ", "tftp1.example.com", 2);
    // SAFETY: valid pointers; views read while their owners live; handles freed once.
    unsafe {
        let mut p: *mut mpp_auto_plan = ptr::null_mut();
        call(|err| mpp_plan_automatic(task(b, "T"), o, &mut p, err)).unwrap();
        assert_eq!(s(mpp_auto_plan_task_name(p)), "T");
        assert_eq!(
            s(mpp_auto_plan_tftp_server_type(p)),
            expected.tftp_server_type()
        );
        assert_eq!(s(mpp_auto_plan_load_server(p)), expected.load_server());
        assert_eq!(mpp_auto_plan_batch_count(p), expected.batches().len());
        assert_eq!(mpp_auto_plan_batch_count(p), 3);
        for (i, batch) in expected.batches().iter().enumerate() {
            assert_eq!(mpp_auto_plan_batch_size_at(p, i), batch.len());
            for (j, mac) in batch.iter().enumerate() {
                assert_eq!(s(mpp_auto_plan_batch_device_at(p, i, j)), mac.to_string());
                let mut n = 0;
                let text = cs(&mac.to_colon_string());
                call(|err| mpp_auto_plan_batch_of(p, text.as_ptr(), &mut n, err)).unwrap();
                assert_eq!(Some(n), expected.batch_of(*mac));
            }
            assert!(mpp_auto_plan_batch_device_at(p, i, batch.len()).is_null());
        }
        assert_eq!(mpp_auto_plan_batch_size_at(p, 3), 0);
        assert!(mpp_auto_plan_batch_device_at(p, 3, 0).is_null());
        let mut n = 7;
        call(|err| mpp_auto_plan_batch_of(p, c"001A2B3C4D04".as_ptr(), &mut n, err)).unwrap();
        assert_eq!(n, 0, "the 8865NR is in no batch");
        let findings: Vec<F> = (0..mpp_auto_plan_finding_count(p))
            .map(|i| finding(mpp_auto_plan_finding_at(p, i)))
            .collect();
        assert_eq!(
            findings,
            expected
                .findings()
                .iter()
                .map(core_finding)
                .collect::<Vec<_>>()
        );
        assert_eq!(findings[0].code, "wifi_settings_lost");
        assert!(mpp_auto_plan_finding_at(p, findings.len()).is_null());
        assert_eq!(
            text_of(|t, e| mpp_auto_plan_batches_csv(p, t, e)),
            expected.batches_csv()
        );
        assert_eq!(
            text_of(|t, e| mpp_auto_plan_instructions_text(p, t, e)),
            expected.instructions_text()
        );
        assert_eq!(
            text_of(|t, e| mpp_auto_plan_to_json(p, t, e)),
            expected.to_json()
        );
        assert_eq!(
            text_of(|t, e| mpp_task_status_report_csv(task(b, "T"), p, ptr::null(), t, e)),
            mpp_migration::status_report_csv(
                core.task("T").unwrap(),
                PlanRef::Automatic(&expected)
            )
        );

        // The files, written as the core writes them.
        let dir = scratch("auto");
        let c_dir = cs(dir.to_str().unwrap());
        call(|err| mpp_auto_plan_write(p, c_dir.as_ptr(), false, err)).unwrap();
        for f in expected.files() {
            assert_eq!(
                std::fs::read_to_string(dir.join(&f.name)).unwrap(),
                f.content
            );
        }
        let e = call(|err| mpp_auto_plan_write(p, c_dir.as_ptr(), false, err)).unwrap_err();
        assert_eq!(
            e,
            core_error(&mpp_migration::write_files(&dir, &expected.files(), false).unwrap_err())
        );
        call(|err| mpp_auto_plan_write(p, c_dir.as_ptr(), true, err)).unwrap();
        let _ = std::fs::remove_dir_all(&dir);

        // Completing through the board applies Complete migration as the core does.
        let mut q: *mut mpp_auto_plan = ptr::null_mut();
        call(|err| mpp_board_complete_automatic(b, c"T".as_ptr(), o, &mut q, err)).unwrap();
        let completed = core.complete_automatic("T", &core_options).unwrap();
        assert_eq!(
            text_of(|t, e| mpp_auto_plan_to_json(q, t, e)),
            completed.to_json()
        );
        assert_eq!(board_json(b), core.to_json());
        assert_eq!(
            mpp_task_status_of(task(b, "T")),
            TaskStatus::AutoMigrationComplete
        );
        mpp_auto_plan_free(q);
        mpp_auto_plan_free(p);
        mpp_auto_plan_options_free(o);
        mpp_board_free(b);
    }
}

#[test]
fn automatic_plans_are_refused_as_the_core_refuses_them() {
    let (b, core) = prepared(false);
    let cases: [(bool, &str, &str, usize, ErrorCode); 5] = [
        (
            false,
            "primary",
            "tftp",
            200,
            ErrorCode::CloudConnectedUcRequired,
        ),
        (true, " ", "tftp", 200, ErrorCode::TftpServerRequired),
        (true, "primary", "", 200, ErrorCode::LoadServerRequired),
        (true, "primary", "tftp", 0, ErrorCode::InvalidArgument),
        (true, "primary", "tftp", 201, ErrorCode::InvalidArgument),
    ];
    // SAFETY: valid pointers; nothing written on failure (checked); handles freed once.
    unsafe {
        // A task that is not Ready for migration (TASK-7).
        let o = auto_options(true, "primary", "tftp", 200);
        let mut p: *mut mpp_auto_plan = ptr::dangling_mut();
        let e = call(|err| mpp_plan_automatic(task(b, "T"), o, &mut p, err)).unwrap_err();
        let expected = mpp_migration::plan_automatic(
            core.task("T").unwrap(),
            &AutoPlanOptions::new(true, "primary", "tftp"),
        )
        .unwrap_err();
        assert_eq!(e, core_error(&expected));
        assert_eq!(e.code, "complete_requires_ready");
        assert_eq!(p, ptr::dangling_mut());
        mpp_auto_plan_options_free(o);
        mpp_board_free(b);

        // Every refusal on a task that is Ready for migration, through both functions.
        let (rb, mut rcore) = prepared(true);
        for (cloud, tftp, load, batch, code) in cases {
            let o = auto_options(cloud, tftp, load, batch);
            let core_options = AutoPlanOptions {
                batch_size: batch,
                ..AutoPlanOptions::new(cloud, tftp, load)
            };
            let mut p: *mut mpp_auto_plan = ptr::dangling_mut();
            let e = call(|err| mpp_plan_automatic(task(rb, "T"), o, &mut p, err)).unwrap_err();
            assert_eq!(
                e,
                core_error(
                    &mpp_migration::plan_automatic(rcore.task("T").unwrap(), &core_options)
                        .unwrap_err()
                )
            );
            assert_eq!(e.number, code.number());
            let e = call(|err| mpp_board_complete_automatic(rb, c"T".as_ptr(), o, &mut p, err))
                .unwrap_err();
            assert_eq!(
                e,
                core_error(&rcore.complete_automatic("T", &core_options).unwrap_err())
            );
            assert_eq!(p, ptr::dangling_mut());
            assert_eq!(board_json(rb), rcore.to_json(), "nothing changed");
            mpp_auto_plan_options_free(o);
        }
        // Arguments.
        let o = auto_options(true, "primary", "tftp", 200);
        let mut p: *mut mpp_auto_plan = ptr::dangling_mut();
        let mut no: *mut mpp_auto_plan_options = ptr::dangling_mut();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_plan_automatic(ptr::null(), o, &mut p, err)),
            "`task`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_plan_automatic(task(rb, "T"), ptr::null(), &mut p, err)),
            "`opts`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_plan_automatic(task(rb, "T"), o, ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_board_complete_automatic(ptr::null_mut(), c"T".as_ptr(), o, &mut p, err)
            }),
            "`board`",
        );
        expect_err(
            NOT_UTF8,
            call(|err| mpp_board_complete_automatic(rb, c"\xff".as_ptr(), o, &mut p, err)),
            "`task`",
        );
        expect_err(
            ErrorCode::TaskNotFound.number(),
            call(|err| mpp_board_complete_automatic(rb, c"Nope".as_ptr(), o, &mut p, err)),
            "Nope",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_auto_plan_options_new(true, ptr::null(), c"x".as_ptr(), &mut no, err)),
            "`tftp_server_type`",
        );
        expect_err(
            NOT_UTF8,
            call(|err| {
                mpp_auto_plan_options_new(true, c"x".as_ptr(), c"\xff".as_ptr(), &mut no, err)
            }),
            "`load_server`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_auto_plan_options_new(true, c"x".as_ptr(), c"x".as_ptr(), ptr::null_mut(), err)
            }),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_auto_plan_options_set_batch_size(ptr::null_mut(), 1, err)),
            "`opts`",
        );
        assert_eq!((p, no), (ptr::dangling_mut(), ptr::dangling_mut()));
        let mut real: *mut mpp_auto_plan = ptr::null_mut();
        call(|err| mpp_plan_automatic(task(rb, "T"), o, &mut real, err)).unwrap();
        let mut n = 9usize;
        expect_err(
            NULL_POINTER,
            call(|err| mpp_auto_plan_batch_of(ptr::null(), c"001A2B3C4D01".as_ptr(), &mut n, err)),
            "`plan`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_auto_plan_batch_of(real, ptr::null(), &mut n, err)),
            "`mac`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_auto_plan_batch_of(real, c"001A2B3C4D01".as_ptr(), ptr::null_mut(), err)
            }),
            "`out`",
        );
        expect_err(
            ErrorCode::MacInvalidLength.number(),
            call(|err| mpp_auto_plan_batch_of(real, c"001A".as_ptr(), &mut n, err)),
            "",
        );
        assert_eq!(n, 9);
        let mut text: *mut c_char = ptr::null_mut();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_auto_plan_batches_csv(ptr::null(), &mut text, err)),
            "`plan`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_auto_plan_instructions_text(real, ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_auto_plan_to_json(ptr::null(), &mut text, err)),
            "`plan`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_auto_plan_write(real, ptr::null(), true, err)),
            "`dir`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_auto_plan_write(ptr::null(), c"/tmp".as_ptr(), true, err)),
            "`plan`",
        );
        assert!(mpp_auto_plan_task_name(ptr::null()).is_null());
        assert!(mpp_auto_plan_tftp_server_type(ptr::null()).is_null());
        assert!(mpp_auto_plan_load_server(ptr::null()).is_null());
        assert_eq!(mpp_auto_plan_batch_count(ptr::null()), 0);
        assert_eq!(mpp_auto_plan_batch_size_at(ptr::null(), 0), 0);
        assert!(mpp_auto_plan_batch_device_at(ptr::null(), 0, 0).is_null());
        assert_eq!(mpp_auto_plan_finding_count(ptr::null()), 0);
        assert!(mpp_auto_plan_finding_at(ptr::null(), 0).is_null());
        mpp_auto_plan_free(ptr::null_mut());
        mpp_auto_plan_options_free(ptr::null_mut());
        mpp_auto_plan_free(real);
        mpp_auto_plan_options_free(o);
        mpp_board_free(rb);
    }
}

#[test]
fn manual_plans_are_the_cores() {
    let (b, mut core) = prepared(true);
    // SAFETY: valid pointers; views read while their owners live; handles freed once.
    unsafe {
        let mut o: *mut mpp_manual_plan_options = ptr::null_mut();
        call(|err| mpp_manual_plan_options_new(&mut o, err)).unwrap();
        let mut p: *mut mpp_manual_plan = ptr::null_mut();
        call(|err| mpp_plan_manual(task(b, "T"), o, &mut p, err)).unwrap();
        let expected =
            mpp_migration::plan_manual(core.task("T").unwrap(), &ManualPlanOptions::default())
                .unwrap();
        assert_eq!(s(mpp_manual_plan_task_name(p)), "T");
        assert_eq!(
            mpp_manual_plan_bat_file_count(p),
            expected.bat_files().len()
        );
        for (i, f) in expected.bat_files().iter().enumerate() {
            let v = mpp_manual_plan_bat_file_at(p, i);
            assert_eq!(
                v,
                mpp_manual_plan_bat_file_at(p, i),
                "the same view each time"
            );
            assert_eq!(s(mpp_bat_file_name(v)), f.name());
            assert_eq!(mpp_bat_file_group(v), f.group());
            let models: Vec<String> = (0..mpp_bat_file_model_count(v))
                .map(|m| s(mpp_bat_file_model_at(v, m)))
                .collect();
            assert_eq!(models, f.models());
            assert!(mpp_bat_file_model_at(v, models.len()).is_null());
            assert_eq!(opt_s(mpp_bat_file_phone_load(v)).as_deref(), f.phone_load());
            assert_eq!(
                opt_s(mpp_bat_file_load_server(v)).as_deref(),
                f.load_server()
            );
            let devices: Vec<String> = (0..mpp_bat_file_device_count(v))
                .map(|d| s(mpp_bat_file_device_at(v, d)))
                .collect();
            assert_eq!(
                devices,
                f.devices()
                    .iter()
                    .map(|m| m.to_string())
                    .collect::<Vec<_>>()
            );
            assert!(mpp_bat_file_device_at(v, devices.len()).is_null());
            let steps: Vec<String> = (0..mpp_bat_file_step_count(v))
                .map(|k| s(mpp_bat_file_step_at(v, k)))
                .collect();
            assert_eq!(steps, f.steps());
            assert!(mpp_bat_file_step_at(v, steps.len()).is_null());
            assert_eq!(s(mpp_bat_file_content(v)), f.content());
        }
        assert!(mpp_manual_plan_bat_file_at(p, expected.bat_files().len()).is_null());
        assert_eq!(
            mpp_bat_file_group(mpp_manual_plan_bat_file_at(p, 1)),
            BatGroup::PerLoad
        );
        assert_eq!(mpp_manual_plan_license_count(p), expected.licenses().len());
        for (i, l) in expected.licenses().iter().enumerate() {
            assert_eq!(s(mpp_manual_plan_license_mac_at(p, i)), l.mac.to_string());
            assert_eq!(s(mpp_manual_plan_license_file_name_at(p, i)), l.file_name);
            assert_eq!(s(mpp_manual_plan_license_url_at(p, i)), l.url);
            let mut name: *const c_char = ptr::null();
            let mac = cs(&l.mac.to_colon_string());
            call(|err| mpp_manual_plan_file_of(p, mac.as_ptr(), &mut name, err)).unwrap();
            assert_eq!(opt_s(name).as_deref(), expected.file_of(l.mac));
        }
        let n = expected.licenses().len();
        assert!(mpp_manual_plan_license_mac_at(p, n).is_null());
        assert!(mpp_manual_plan_license_file_name_at(p, n).is_null());
        assert!(mpp_manual_plan_license_url_at(p, n).is_null());
        let mut name: *const c_char = ptr::dangling();
        call(|err| mpp_manual_plan_file_of(p, c"001A2B3C4D99".as_ptr(), &mut name, err)).unwrap();
        assert!(name.is_null());
        let findings: Vec<F> = (0..mpp_manual_plan_finding_count(p))
            .map(|i| finding(mpp_manual_plan_finding_at(p, i)))
            .collect();
        assert_eq!(
            findings,
            expected
                .findings()
                .iter()
                .map(core_finding)
                .collect::<Vec<_>>()
        );
        assert!(mpp_manual_plan_finding_at(p, findings.len()).is_null());
        assert_eq!(
            text_of(|t, e| mpp_manual_plan_instructions_text(p, t, e)),
            expected.instructions_text()
        );
        assert_eq!(
            text_of(|t, e| mpp_manual_plan_to_json(p, t, e)),
            expected.to_json()
        );
        assert_eq!(
            text_of(|t, e| mpp_manual_plan_licenses_csv(p, t, e)),
            expected.licenses_csv()
        );
        assert_eq!(
            text_of(|t, e| mpp_task_status_report_csv(task(b, "T"), ptr::null(), p, t, e)),
            mpp_migration::status_report_csv(core.task("T").unwrap(), PlanRef::Manual(&expected))
        );

        // Files: the plan's, and a list of a host's files with both plans'.
        let dir = scratch("manual");
        let c_dir = cs(dir.to_str().unwrap());
        call(|err| mpp_manual_plan_write(p, c_dir.as_ptr(), false, err)).unwrap();
        for f in expected.files() {
            assert_eq!(
                std::fs::read_to_string(dir.join(&f.name)).unwrap(),
                f.content
            );
        }
        expect_err(
            ErrorCode::OutputExists.number(),
            call(|err| mpp_manual_plan_write(p, c_dir.as_ptr(), false, err)),
            "nothing was written",
        );
        let mut files: *mut mpp_output_files = ptr::null_mut();
        call(|err| mpp_output_files_new(&mut files, err)).unwrap();
        call(|err| mpp_output_files_add(files, c"notes.txt".as_ptr(), c"n\u{e9}\n".as_ptr(), err))
            .unwrap();
        call(|err| mpp_output_files_add_manual_plan(files, p, err)).unwrap();
        let mut a: *mut mpp_auto_plan = ptr::null_mut();
        let ao = auto_options(true, "primary", "tftp", 200);
        call(|err| mpp_plan_automatic(task(b, "T"), ao, &mut a, err)).unwrap();
        call(|err| mpp_output_files_add_auto_plan(files, a, err)).unwrap();
        let auto_expected = mpp_migration::plan_automatic(
            core.task("T").unwrap(),
            &AutoPlanOptions::new(true, "primary", "tftp"),
        )
        .unwrap();
        let mut all = vec![mpp_migration::OutputFile {
            name: "notes.txt".into(),
            content: "né\n".into(),
        }];
        all.extend(expected.files());
        all.extend(auto_expected.files());
        assert_eq!(mpp_output_files_count(files), all.len());
        let first = mpp_output_files_name_at(files, 0);
        for (i, f) in all.iter().enumerate() {
            assert_eq!(s(mpp_output_files_name_at(files, i)), f.name);
        }
        assert_eq!(
            first,
            mpp_output_files_name_at(files, 0),
            "names stay where they are as the list grows"
        );
        assert!(mpp_output_files_name_at(files, all.len()).is_null());
        let e = call(|err| mpp_output_files_write(files, c_dir.as_ptr(), false, err)).unwrap_err();
        assert_eq!(
            e,
            core_error(&mpp_migration::write_files(&dir, &all, false).unwrap_err())
        );
        call(|err| mpp_output_files_write(files, c_dir.as_ptr(), true, err)).unwrap();
        for f in &all {
            assert_eq!(
                std::fs::read_to_string(dir.join(&f.name)).unwrap(),
                f.content
            );
        }
        call(|err| mpp_output_files_add(files, c"../x.txt".as_ptr(), c"x".as_ptr(), err)).unwrap();
        expect_err(
            ErrorCode::OutputPathInvalid.number(),
            call(|err| mpp_output_files_write(files, c_dir.as_ptr(), true, err)),
            "../x.txt",
        );
        let mut no: *mut mpp_output_files = ptr::dangling_mut();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_output_files_new(ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_output_files_add(ptr::null_mut(), c"a".as_ptr(), c"b".as_ptr(), err)),
            "`files`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_output_files_add(files, ptr::null(), c"b".as_ptr(), err)),
            "`name`",
        );
        expect_err(
            NOT_UTF8,
            call(|err| mpp_output_files_add(files, c"a".as_ptr(), c"\xff".as_ptr(), err)),
            "`content`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_output_files_add_auto_plan(files, ptr::null(), err)),
            "`plan`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_output_files_add_manual_plan(ptr::null_mut(), p, err)),
            "`files`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_output_files_write(ptr::null(), c_dir.as_ptr(), true, err)),
            "`files`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_output_files_write(files, ptr::null(), true, err)),
            "`dir`",
        );
        assert_eq!(no, ptr::dangling_mut());
        no = ptr::null_mut();
        assert_eq!(mpp_output_files_count(ptr::null()), 0);
        assert!(mpp_output_files_name_at(ptr::null(), 0).is_null());
        assert_eq!(
            mpp_output_files_count(files),
            all.len() + 1,
            "refused adds add nothing"
        );
        mpp_output_files_free(no);
        mpp_output_files_free(files);
        mpp_auto_plan_free(a);
        mpp_auto_plan_options_free(ao);
        let _ = std::fs::remove_dir_all(&dir);

        // Completing through the board.
        let mut q: *mut mpp_manual_plan = ptr::null_mut();
        call(|err| mpp_board_complete_manual(b, c"T".as_ptr(), o, &mut q, err)).unwrap();
        let completed = core
            .complete_manual("T", &ManualPlanOptions::default())
            .unwrap();
        assert_eq!(
            text_of(|t, e| mpp_manual_plan_to_json(q, t, e)),
            completed.to_json()
        );
        assert_eq!(board_json(b), core.to_json());
        assert_eq!(
            mpp_task_status_of(task(b, "T")),
            TaskStatus::ManualMigration
        );
        let mut r: *mut mpp_manual_plan = ptr::dangling_mut();
        let e =
            call(|err| mpp_board_complete_manual(b, c"T".as_ptr(), o, &mut r, err)).unwrap_err();
        assert_eq!(
            e,
            core_error(
                &core
                    .complete_manual("T", &ManualPlanOptions::default())
                    .unwrap_err()
            )
        );
        assert_eq!(r, ptr::dangling_mut());
        mpp_manual_plan_free(q);
        mpp_manual_plan_free(p);
        mpp_manual_plan_options_free(o);
        mpp_board_free(b);
    }
}

#[test]
fn manual_plan_options_tables_and_names_are_checked_as_the_core_checks_them() {
    let (b, core) = prepared(true);
    let t = core.task("T").unwrap();
    // SAFETY: valid or NULL pointers; nothing written on failure (checked); handles freed once.
    unsafe {
        // BAT file names (MAN-2, EXT-11).
        for name in [
            "HQ-1_sip78xx.txt",
            "HQ.1.txt",
            "HQ,1.txt",
            "",
            ".x",
            "a b.txt",
            "é.txt",
            "README",
        ] {
            let c_name = cs(name);
            let c = call(|err| mpp_check_bat_file_name(c_name.as_ptr(), err));
            assert_eq!(
                c,
                mpp_migration::check_bat_file_name(name).map_err(|e| core_error(&e)),
                "{name:?}"
            );
        }
        expect_err(
            NULL_POINTER,
            call(|err| mpp_check_bat_file_name(ptr::null(), err)),
            "`name`",
        );
        expect_err(
            NOT_UTF8,
            call(|err| mpp_check_bat_file_name(c"a\xff.txt".as_ptr(), err)),
            "`name`",
        );

        // Phone-load tables (MAN-4, EXT-10).
        let mut man4: *mut mpp_phone_load_table = ptr::null_mut();
        call(|err| mpp_phone_load_table_man_4(&mut man4, err)).unwrap();
        assert_eq!(s(mpp_phone_load_table_name(man4)), "man_4");
        assert_eq!(
            mpp_phone_load_table_row_count(man4),
            PhoneLoadTable::man_4().rows().len()
        );
        let csv = text_of(|t, e| mpp_phone_load_table_to_csv(man4, t, e));
        assert_eq!(csv, PhoneLoadTable::man_4().to_csv());
        let host_csv = "model,phone_load,source\n8845,sip8845_65.12-0-1MPP0001-10,EXT-10\n";
        let mut host: *mut mpp_phone_load_table = ptr::null_mut();
        call(|err| {
            mpp_phone_load_table_from_csv(
                host_csv.as_ptr(),
                host_csv.len(),
                c"host".as_ptr(),
                &mut host,
                err,
            )
        })
        .unwrap();
        assert_eq!(s(mpp_phone_load_table_name(host)), "host");
        assert_eq!(mpp_phone_load_table_row_count(host), 1);
        let mut out: *mut mpp_phone_load_table = ptr::dangling_mut();
        for csv in [
            "model,phone_load,source\n7821,sip78xx.14-1-1-0001-136,x\n",
            "model,phone_load,source\n6851,sip68xx.11-3-6MPP0001-272,x\n",
            "model,phone_load,source\n7821,sip78xx.11-3-6MPP0001-272,\n",
            "model,phone_load\n",
            "model,phone_load,source\n",
            "",
        ] {
            let mut table: *mut mpp_phone_load_table = ptr::null_mut();
            let c = call(|err| {
                mpp_phone_load_table_from_csv(
                    csv.as_ptr(),
                    csv.len(),
                    c"t".as_ptr(),
                    &mut table,
                    err,
                )
            });
            match PhoneLoadTable::from_csv("t", csv.as_bytes()) {
                Ok(expected) => {
                    c.unwrap();
                    assert_eq!(mpp_phone_load_table_row_count(table), expected.rows().len());
                    mpp_phone_load_table_free(table);
                }
                Err(e) => {
                    assert_eq!(c.unwrap_err(), core_error(&e), "{csv:?}");
                    assert!(table.is_null());
                }
            }
        }
        expect_err(
            NULL_POINTER,
            call(|err| mpp_phone_load_table_from_csv(ptr::null(), 3, c"x".as_ptr(), &mut out, err)),
            "`csv`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_phone_load_table_from_csv(
                    host_csv.as_ptr(),
                    host_csv.len(),
                    ptr::null(),
                    &mut out,
                    err,
                )
            }),
            "`name`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_phone_load_table_man_4(ptr::null_mut(), err)),
            "`out`",
        );
        let mut text: *mut c_char = ptr::null_mut();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_phone_load_table_to_csv(ptr::null(), &mut text, err)),
            "`table`",
        );
        assert_eq!(out, ptr::dangling_mut());
        assert!(mpp_phone_load_table_name(ptr::null()).is_null());
        assert_eq!(mpp_phone_load_table_row_count(ptr::null()), 0);

        // Options: a prefix, a host's table.
        let mut o: *mut mpp_manual_plan_options = ptr::null_mut();
        call(|err| mpp_manual_plan_options_new(&mut o, err)).unwrap();
        call(|err| mpp_manual_plan_options_set_phone_load_table(o, host, err)).unwrap();
        mpp_phone_load_table_free(host); // the options keep their own reference
        let host_table =
            std::sync::Arc::new(PhoneLoadTable::from_csv("host", host_csv.as_bytes()).unwrap());
        let mut p: *mut mpp_manual_plan = ptr::dangling_mut();
        for prefix in ["wave 1", "a,b", ".x", "wave1"] {
            let c_prefix = cs(prefix);
            call(|err| mpp_manual_plan_options_set_file_prefix(o, c_prefix.as_ptr(), err)).unwrap();
            let options = ManualPlanOptions {
                file_prefix: Some(prefix.to_owned()),
                loads: host_table.clone(),
            };
            let mut got: *mut mpp_manual_plan = ptr::null_mut();
            let c = call(|err| mpp_plan_manual(task(b, "T"), o, &mut got, err));
            match mpp_migration::plan_manual(t, &options) {
                Ok(expected) => {
                    c.unwrap();
                    assert_eq!(
                        text_of(|t, e| mpp_manual_plan_to_json(got, t, e)),
                        expected.to_json()
                    );
                    assert_eq!(
                        s(mpp_bat_file_name(mpp_manual_plan_bat_file_at(got, 0))),
                        "wave1_group1_mixed.txt"
                    );
                    assert!(
                        expected
                            .findings()
                            .iter()
                            .any(|f| f.code() == ErrorCode::NoPhoneLoad)
                    );
                    mpp_manual_plan_free(got);
                }
                Err(e) => assert_eq!(c.unwrap_err(), core_error(&e), "{prefix:?}"),
            }
        }
        call(|err| mpp_manual_plan_options_set_file_prefix(o, ptr::null(), err)).unwrap();
        call(|err| mpp_manual_plan_options_set_phone_load_table(o, ptr::null(), err)).unwrap();
        let mut got: *mut mpp_manual_plan = ptr::null_mut();
        call(|err| mpp_plan_manual(task(b, "T"), o, &mut got, err)).unwrap();
        assert_eq!(
            text_of(|t, e| mpp_manual_plan_to_json(got, t, e)),
            mpp_migration::plan_manual(t, &ManualPlanOptions::default())
                .unwrap()
                .to_json(),
            "NULL gives back the defaults"
        );
        mpp_manual_plan_free(got);
        expect_err(
            NOT_UTF8,
            call(|err| mpp_manual_plan_options_set_file_prefix(o, c"\xff".as_ptr(), err)),
            "`prefix`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_manual_plan_options_set_file_prefix(ptr::null_mut(), ptr::null(), err)),
            "`opts`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_manual_plan_options_set_phone_load_table(ptr::null_mut(), ptr::null(), err)
            }),
            "`opts`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_manual_plan_options_new(ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_plan_manual(ptr::null(), o, &mut p, err)),
            "`task`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_plan_manual(task(b, "T"), ptr::null(), &mut p, err)),
            "`opts`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_plan_manual(task(b, "T"), o, ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_complete_manual(b, ptr::null(), o, &mut p, err)),
            "`task`",
        );
        expect_err(
            ErrorCode::TaskNotFound.number(),
            call(|err| mpp_board_complete_manual(b, c"U".as_ptr(), o, &mut p, err)),
            "\"U\"",
        );
        assert_eq!(p, ptr::dangling_mut());
        let mut name: *const c_char = ptr::dangling();
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_manual_plan_file_of(ptr::null(), c"001A2B3C4D01".as_ptr(), &mut name, err)
            }),
            "`plan`",
        );
        let mut text: *mut c_char = ptr::null_mut();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_manual_plan_instructions_text(ptr::null(), &mut text, err)),
            "`plan`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_manual_plan_licenses_csv(ptr::null(), &mut text, err)),
            "`plan`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_manual_plan_write(ptr::null(), c"/tmp".as_ptr(), false, err)),
            "`plan`",
        );
        assert_eq!(name, ptr::dangling());
        assert!(mpp_manual_plan_task_name(ptr::null()).is_null());
        assert_eq!(mpp_manual_plan_bat_file_count(ptr::null()), 0);
        assert!(mpp_manual_plan_bat_file_at(ptr::null(), 0).is_null());
        assert_eq!(mpp_manual_plan_license_count(ptr::null()), 0);
        assert!(mpp_manual_plan_license_url_at(ptr::null(), 0).is_null());
        assert_eq!(mpp_manual_plan_finding_count(ptr::null()), 0);
        assert!(mpp_manual_plan_finding_at(ptr::null(), 0).is_null());
        assert!(mpp_bat_file_name(ptr::null()).is_null());
        assert_eq!(mpp_bat_file_group(ptr::null()), BatGroup::MixedModels);
        assert_eq!(mpp_bat_file_model_count(ptr::null()), 0);
        assert!(mpp_bat_file_model_at(ptr::null(), 0).is_null());
        assert!(mpp_bat_file_phone_load(ptr::null()).is_null());
        assert!(mpp_bat_file_load_server(ptr::null()).is_null());
        assert_eq!(mpp_bat_file_device_count(ptr::null()), 0);
        assert!(mpp_bat_file_device_at(ptr::null(), 0).is_null());
        assert_eq!(mpp_bat_file_step_count(ptr::null()), 0);
        assert!(mpp_bat_file_step_at(ptr::null(), 0).is_null());
        assert!(mpp_bat_file_content(ptr::null()).is_null());
        for g in BatGroup::ALL {
            assert_eq!(s(mpp_bat_group_name(g as u32)), g.as_str());
        }
        assert!(mpp_bat_group_name(2).is_null());
        mpp_manual_plan_free(ptr::null_mut());
        mpp_manual_plan_options_free(ptr::null_mut());
        mpp_phone_load_table_free(ptr::null_mut());
        mpp_phone_load_table_free(man4);
        mpp_manual_plan_options_free(o);
        mpp_board_free(b);
    }
}

#[test]
fn a_status_report_takes_at_most_one_plan() {
    let (b, _core) = prepared(true);
    // SAFETY: valid pointers; handles freed once.
    unsafe {
        let ao = auto_options(true, "primary", "tftp", 200);
        let mut a: *mut mpp_auto_plan = ptr::null_mut();
        call(|err| mpp_plan_automatic(task(b, "T"), ao, &mut a, err)).unwrap();
        let mut mo: *mut mpp_manual_plan_options = ptr::null_mut();
        call(|err| mpp_manual_plan_options_new(&mut mo, err)).unwrap();
        let mut m: *mut mpp_manual_plan = ptr::null_mut();
        call(|err| mpp_plan_manual(task(b, "T"), mo, &mut m, err)).unwrap();
        let mut text: *mut c_char = ptr::dangling_mut();
        expect_err(
            INVALID_ARGUMENT,
            call(|err| mpp_task_status_report_csv(task(b, "T"), a, m, &mut text, err)),
            "at most one plan",
        );
        assert_eq!(text, ptr::dangling_mut());
        mpp_auto_plan_free(a);
        mpp_manual_plan_free(m);
        mpp_auto_plan_options_free(ao);
        mpp_manual_plan_options_free(mo);
        mpp_board_free(b);
    }
}
