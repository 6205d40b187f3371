//! Tests of the board, task, transition and fleet exports from Rust: every export against NULL
//! pointers, bad UTF-8 and invalid enum numbers, the success values against the core's (the
//! same operations on a C board and a core `Board` give the same statuses, errors and saved
//! document), and a property test that drives random events through both.
//! examples/c/tasks.c tests the same exports from C under ASan, UBSan and valgrind.

use std::collections::HashSet;
use std::ffi::{CStr, CString, c_char};
use std::ptr;

use mpp_migration::{
    Board, CompletionMode, Device, DeviceTab, EligibilityStatus, EligibilityTable, ErrorCode,
    EventKind, FleetGrouping, FleetOptions, Mac, Outcome, TaskEvent, TaskStatus, UploadOption,
    UploadOptions,
};
use proptest::prelude::*;

use crate::support::*;
use mpp_migration_ffi::MPP_OK;
use mpp_migration_ffi::*;

// --- uploads and boards ------------------------------------------------------------------------

/// Six phones of a *license only* upload, checked with Cisco's ordering guide so that the
/// 8865NR is accepted (and then not eligible on a board with the Control Hub table), the 7821
/// without VID unknown, the 8861 with Wi-Fi.
pub(crate) const POOL: &str = "Model,MAC Address\n8845,001A2B3C4D01\n8845,001A2B3C4D02\n7821,001A2B3C4D03\n8865NR,001A2B3C4D04\n8861,001A2B3C4D05\n8845,001A2B3C4D06\n";

/// The same upload through C and through the core.
pub(crate) struct Upload {
    pub(crate) c: *mut mpp_report,
    pub(crate) core: mpp_migration::UploadReport,
}

impl Drop for Upload {
    fn drop(&mut self) {
        // SAFETY: the report was made by `upload` and is freed once.
        unsafe { mpp_report_free(self.c) }
    }
}

impl Upload {
    pub(crate) fn device(&self, i: usize) -> *const mpp_device {
        // SAFETY: a live report.
        let d = unsafe { mpp_report_device_at(self.c, i) };
        assert!(!d.is_null());
        d
    }
}

/// Validates `csv` for `option` with the ordering guide's table (when `guide`) or Control Hub's.
pub(crate) fn upload(csv: &str, option: UploadOption, guide: bool) -> Upload {
    let table = if guide {
        EligibilityTable::cisco_ordering_guide()
    } else {
        EligibilityTable::control_hub()
    };
    let core = mpp_migration::validate_upload(
        csv.as_bytes(),
        UploadOptions::new(option).with_eligibility(table.clone()),
    )
    .unwrap();
    let mut o: *mut mpp_upload_options = ptr::null_mut();
    let mut c: *mut mpp_report = ptr::null_mut();
    let mut t: *mut mpp_migration_ffi::mpp_eligibility_table = ptr::null_mut();
    // SAFETY: valid pointers; handles freed once.
    unsafe {
        call(|err| mpp_upload_options_new(option as u32, &mut o, err)).unwrap();
        let name = cs(table.name());
        call(|err| mpp_migration_ffi::mpp_eligibility_table_by_name(name.as_ptr(), &mut t, err))
            .unwrap();
        call(|err| mpp_upload_options_set_eligibility_table(o, t, err)).unwrap();
        call(|err| mpp_validate_upload(csv.as_ptr(), csv.len(), o, &mut c, err)).unwrap();
        mpp_migration_ffi::mpp_eligibility_table_free(t);
        mpp_upload_options_free(o);
    }
    Upload { c, core }
}

pub(crate) fn new_board() -> *mut mpp_board {
    let mut b: *mut mpp_board = ptr::null_mut();
    // SAFETY: a valid out-pointer.
    call(|err| unsafe { mpp_board_new(&mut b, err) }).unwrap();
    assert!(!b.is_null());
    b
}

pub(crate) fn board_json(b: *const mpp_board) -> String {
    let mut out: *mut c_char = ptr::null_mut();
    // SAFETY: a live board, a valid out-pointer.
    call(|err| unsafe { mpp_board_to_json(b, &mut out, err) }).unwrap();
    owned(out)
}

/// The board's task named `name` (NULL when none).
pub(crate) fn task(b: *const mpp_board, name: &str) -> *const mpp_task {
    let name = cs(name);
    // SAFETY: a live board and a NUL-terminated name.
    unsafe { mpp_board_task(b, name.as_ptr()) }
}

// --- the same operations on a C board and a core board ------------------------------------------

/// Task names the operations use: `t0` is `T0` in another case.
const NAMES: [&str; 5] = ["T0", "T1", "t0", "S0", "S 1"];

/// An operation on a board, as the property test and the scripted tests draw them. Task and
/// device numbers index `NAMES` and the pool; enum numbers may be invalid on purpose.
#[derive(Clone, Debug)]
enum Op {
    Create(usize, u32),
    RemoveTask(usize),
    AddUpload(usize),
    AddDevices(usize, Vec<usize>),
    CreateDefault(usize, u32),
    Start(usize),
    Prepared(usize, usize),
    PreparationFailed(usize, usize),
    MoveToReady(usize, Vec<usize>),
    Complete(usize, u32),
    Migrated(usize, usize),
    MigrationFailed(usize, usize),
    Pause(usize),
    Resume(usize),
    Cancel(usize),
    IncludeUnknown(usize, bool),
    RemoveDevices(usize, Vec<usize>),
    Subset(usize, Vec<usize>, usize, u32),
    /// The event that moves the task along from where it stands (resolved against the core's
    /// board before it is applied to both): start, report a device prepared (or failed, when the
    /// number is 2), complete, complete a subset, move devices back, report a device migrated.
    Advance(usize, u32),
}

/// The pool of devices both boards take them from.
struct Pool {
    upload: Upload,
    macs: Vec<CString>,
}

impl Pool {
    fn new() -> Pool {
        let upload = upload(POOL, UploadOption::LicenseOnly, true);
        let macs = upload
            .core
            .devices()
            .iter()
            .map(|d| cs(&d.mac().to_string()))
            .collect();
        Pool { upload, macs }
    }

    fn mac(&self, i: usize) -> Mac {
        self.upload.core.devices()[i % self.macs.len()].mac()
    }

    fn c_mac(&self, i: usize) -> *const c_char {
        self.macs[i % self.macs.len()].as_ptr()
    }

    fn c_macs(&self, is: &[usize]) -> Vec<*const c_char> {
        is.iter().map(|&i| self.c_mac(i)).collect()
    }

    fn core_macs(&self, is: &[usize]) -> Vec<Mac> {
        is.iter().map(|&i| self.mac(i)).collect()
    }
}

fn mode(n: u32) -> Option<CompletionMode> {
    CompletionMode::ALL.into_iter().find(|&m| m as u32 == n)
}

fn option(n: u32) -> Option<UploadOption> {
    [UploadOption::LicenseAndDevice, UploadOption::LicenseOnly]
        .into_iter()
        .find(|&o| o as u32 == n)
}

/// The outcome of an operation: the status an event gives, or nothing; or the error.
type OpResult = Result<Option<TaskStatus>, F>;

/// Applies `op` to the C board.
fn apply_c(b: *mut mpp_board, op: &Op, pool: &Pool) -> OpResult {
    let name = |t: usize| cs(NAMES[t % NAMES.len()]);
    let mut status = TaskStatus::Draft;
    let st: *mut TaskStatus = &mut status;
    // SAFETY: a live board, NUL-terminated names and MACs, arrays of `len` pointers, valid
    // out-pointers; every handle made here is freed once.
    let result = unsafe {
        match op {
            Op::Create(t, o) => {
                let n = name(*t);
                return call(|err| mpp_board_create_task(b, n.as_ptr(), *o, err)).map(|()| None);
            }
            Op::RemoveTask(t) => {
                let n = name(*t);
                return call(|err| mpp_board_remove_task(b, n.as_ptr(), err)).map(|()| None);
            }
            Op::AddUpload(t) | Op::AddDevices(t, _) | Op::CreateDefault(t, _) => {
                let n = name(*t);
                let mut out: *mut mpp_add_outcome = ptr::null_mut();
                let r = match op {
                    Op::AddUpload(_) => call(|err| {
                        mpp_board_add_upload(b, n.as_ptr(), pool.upload.c, &mut out, err)
                    }),
                    Op::AddDevices(_, is) => {
                        let devices: Vec<*const mpp_device> =
                            is.iter().map(|&i| pool.upload.device(i % 6)).collect();
                        call(|err| {
                            mpp_board_add_devices(
                                b,
                                n.as_ptr(),
                                devices.as_ptr(),
                                devices.len(),
                                &mut out,
                                err,
                            )
                        })
                    }
                    Op::CreateDefault(_, o) => call(|err| {
                        mpp_board_create_default_task(
                            b,
                            n.as_ptr(),
                            *o,
                            pool.upload.c,
                            &mut out,
                            err,
                        )
                    }),
                    _ => unreachable!(),
                };
                mpp_add_outcome_free(out);
                return r.map(|()| None);
            }
            Op::Start(t) => {
                let n = name(*t);
                call(|err| mpp_board_start_preparation(b, n.as_ptr(), st, err))
            }
            Op::Prepared(t, d) => {
                let n = name(*t);
                call(|err| mpp_board_report_prepared(b, n.as_ptr(), pool.c_mac(*d), st, err))
            }
            Op::PreparationFailed(t, d) => {
                let n = name(*t);
                call(|err| {
                    mpp_board_report_preparation_failed(
                        b,
                        n.as_ptr(),
                        pool.c_mac(*d),
                        c"no license".as_ptr(),
                        st,
                        err,
                    )
                })
            }
            Op::MoveToReady(t, is) => {
                let n = name(*t);
                let macs = pool.c_macs(is);
                call(|err| {
                    mpp_board_move_to_ready(b, n.as_ptr(), macs.as_ptr(), macs.len(), st, err)
                })
            }
            Op::Complete(t, m) => {
                let n = name(*t);
                call(|err| mpp_board_complete(b, n.as_ptr(), *m, st, err))
            }
            Op::Migrated(t, d) => {
                let n = name(*t);
                call(|err| mpp_board_report_migrated(b, n.as_ptr(), pool.c_mac(*d), st, err))
            }
            Op::MigrationFailed(t, d) => {
                let n = name(*t);
                call(|err| {
                    mpp_board_report_migration_failed(
                        b,
                        n.as_ptr(),
                        pool.c_mac(*d),
                        c"unreachable".as_ptr(),
                        st,
                        err,
                    )
                })
            }
            Op::Pause(t) => {
                let n = name(*t);
                call(|err| mpp_board_pause(b, n.as_ptr(), st, err))
            }
            Op::Resume(t) => {
                let n = name(*t);
                call(|err| mpp_board_resume(b, n.as_ptr(), st, err))
            }
            Op::Cancel(t) => {
                let n = name(*t);
                call(|err| mpp_board_cancel(b, n.as_ptr(), st, err))
            }
            Op::IncludeUnknown(t, on) => {
                let n = name(*t);
                call(|err| mpp_board_set_include_unknown(b, n.as_ptr(), *on, st, err))
            }
            Op::RemoveDevices(t, is) => {
                let n = name(*t);
                let macs = pool.c_macs(is);
                call(|err| {
                    mpp_board_remove_devices(b, n.as_ptr(), macs.as_ptr(), macs.len(), st, err)
                })
            }
            Op::Advance(..) => unreachable!("resolved before it is applied"),
            Op::Subset(t, is, new, m) => {
                let n = name(*t);
                let new = name(*new);
                let macs = pool.c_macs(is);
                call(|err| {
                    mpp_board_complete_subset(
                        b,
                        n.as_ptr(),
                        macs.as_ptr(),
                        macs.len(),
                        new.as_ptr(),
                        *m,
                        st,
                        err,
                    )
                })
            }
        }
    };
    result.map(|()| Some(status))
}

/// Applies `op` to the core board; `None` when the operation carries an enum number the core
/// has no value for (the C side must refuse it with `invalid_argument`).
fn apply_core(board: &mut Board, op: &Op, pool: &Pool) -> Option<OpResult> {
    let name = |t: usize| NAMES[t % NAMES.len()];
    let event = |t: usize, e: TaskEvent, board: &mut Board| {
        board
            .apply(name(t), e)
            .map(Some)
            .map_err(|e| core_error(&e))
    };
    let none = |r: Result<(), mpp_migration::Error>| r.map(|()| None).map_err(|e| core_error(&e));
    Some(match op {
        Op::Create(t, o) => none(board.create_task(name(*t), option(*o)?).map(drop)),
        Op::RemoveTask(t) => none(board.remove_task(name(*t)).map(drop)),
        Op::AddUpload(t) => none(board.add_upload(name(*t), &pool.upload.core).map(drop)),
        Op::AddDevices(t, is) => {
            let devices: Vec<Device> = is
                .iter()
                .map(|&i| pool.upload.core.devices()[i % 6].clone())
                .collect();
            none(board.add_devices(name(*t), devices).map(drop))
        }
        Op::CreateDefault(t, o) => none(
            board
                .create_default_task(
                    name(*t),
                    option(*o)?,
                    pool.upload.core.devices().iter().cloned(),
                )
                .map(drop),
        ),
        Op::Start(t) => event(*t, TaskEvent::StartPreparation, board),
        Op::Prepared(t, d) => event(*t, TaskEvent::Prepared { mac: pool.mac(*d) }, board),
        Op::PreparationFailed(t, d) => event(
            *t,
            TaskEvent::PreparationFailed {
                mac: pool.mac(*d),
                reason: "no license".into(),
            },
            board,
        ),
        Op::MoveToReady(t, is) => event(
            *t,
            TaskEvent::MoveToReady {
                macs: pool.core_macs(is),
            },
            board,
        ),
        Op::Complete(t, m) => event(*t, TaskEvent::Complete { mode: mode(*m)? }, board),
        Op::Migrated(t, d) => event(*t, TaskEvent::Migrated { mac: pool.mac(*d) }, board),
        Op::MigrationFailed(t, d) => event(
            *t,
            TaskEvent::MigrationFailed {
                mac: pool.mac(*d),
                reason: "unreachable".into(),
            },
            board,
        ),
        Op::Pause(t) => event(*t, TaskEvent::Pause, board),
        Op::Resume(t) => event(*t, TaskEvent::Resume, board),
        Op::Cancel(t) => event(*t, TaskEvent::Cancel, board),
        Op::IncludeUnknown(t, on) => event(*t, TaskEvent::SetIncludeUnknown(*on), board),
        Op::RemoveDevices(t, is) => event(
            *t,
            TaskEvent::RemoveDevices {
                macs: pool.core_macs(is),
            },
            board,
        ),
        Op::Advance(..) => unreachable!("resolved before it is applied"),
        Op::Subset(t, is, new, m) => {
            let mode = mode(*m)?;
            board
                .complete_subset(name(*t), &pool.core_macs(is), name(*new), mode)
                .map(Some)
                .map_err(|e| core_error(&e))
        }
    })
}

/// The concrete operation an `Op::Advance` stands for, by the task's state on the core board;
/// any other operation as it is.
fn resolve(op: &Op, core: &Board, pool: &Pool) -> Op {
    let &Op::Advance(t, n) = op else {
        return op.clone();
    };
    let Some(task) = core.task(NAMES[t % NAMES.len()]) else {
        return Op::Start(t);
    };
    let index = |mac: Mac| {
        pool.upload
            .core
            .devices()
            .iter()
            .position(|d| d.mac() == mac)
            .unwrap_or(0)
    };
    let in_tab = |tab: DeviceTab| -> Vec<usize> {
        task.devices()
            .iter()
            .filter(|d| d.tab() == tab)
            .map(|d| index(d.device().mac()))
            .collect()
    };
    let first = |tab: DeviceTab| in_tab(tab).first().copied();
    if task.is_paused() {
        return Op::Resume(t);
    }
    match task.status() {
        TaskStatus::Draft => Op::Start(t),
        TaskStatus::InProgress => match first(DeviceTab::Pending) {
            Some(d) if n == 2 => Op::PreparationFailed(t, d),
            Some(d) => Op::Prepared(t, d),
            None => Op::Cancel(t),
        },
        TaskStatus::ReadyForMigration => Op::Complete(t, n % 2),
        TaskStatus::ReadyWithErrors => {
            Op::Subset(t, in_tab(DeviceTab::ReadyForMigration), 3, n % 2)
        }
        TaskStatus::ReviewErrors => Op::MoveToReady(t, in_tab(DeviceTab::Error)),
        TaskStatus::AutoMigrationComplete | TaskStatus::ManualMigration => {
            match (first(DeviceTab::InProgress), first(DeviceTab::Error)) {
                (Some(d), _) if n == 2 => Op::MigrationFailed(t, d),
                (Some(d), _) => Op::Migrated(t, d),
                (None, Some(d)) => Op::MoveToReady(t, vec![d]),
                (None, None) => Op::Cancel(t),
            }
        }
    }
}

/// Applies `op` to both boards and checks that they agree: the same status or the same error,
/// the same saved document, the same statuses read through the task accessors.
fn apply_both(b: *mut mpp_board, core: &mut Board, op: &Op, pool: &Pool) -> OpResult {
    let before = board_json(b);
    let c = apply_c(b, op, pool);
    match apply_core(core, op, pool) {
        Some(expected) => assert_eq!(c, expected, "{op:?}"),
        None => {
            let e = c.clone().expect_err("an invalid enum number is refused");
            assert_eq!(e.number, INVALID_ARGUMENT, "{op:?}");
            assert_eq!(board_json(b), before, "a refused call changes nothing");
        }
    }
    assert_eq!(board_json(b), core.to_json(), "{op:?}");
    // SAFETY: a live board; each view is read before the board next changes.
    unsafe {
        assert_eq!(mpp_board_task_count(b), core.tasks().len());
        for (i, t) in core.tasks().iter().enumerate() {
            let v = mpp_board_task_at(b, i);
            assert_eq!(s(mpp_task_name(v)), t.name().as_str());
            assert_eq!(mpp_task_status_of(v), t.status());
            assert_eq!(mpp_task_paused(v), t.is_paused());
            assert_eq!(mpp_task_device_count(v), t.devices().len());
        }
        let in_progress = mpp_board_in_progress(b);
        assert_eq!(
            (!in_progress.is_null()).then(|| s(mpp_task_name(in_progress))),
            core.in_progress().map(|t| t.name().to_string())
        );
    }
    c
}

/// Runs `ops` on a fresh C board and a fresh core board; returns both and the outcomes.
fn run_both(ops: &[Op]) -> (*mut mpp_board, Board, Vec<OpResult>, Pool) {
    let pool = Pool::new();
    let b = new_board();
    let mut core = Board::new();
    let outcomes = ops
        .iter()
        .map(|op| {
            let op = resolve(op, &core, &pool);
            apply_both(b, &mut core, &op, &pool)
        })
        .collect();
    (b, core, outcomes, pool)
}

fn code_of(o: &OpResult) -> Option<&str> {
    o.as_ref().err().map(|e| e.code.as_str())
}

#[test]
fn a_task_life_gives_the_core_statuses_errors_and_document() {
    use Op::*;
    const L: u32 = UploadOption::LicenseOnly as u32;
    const AUTO: u32 = CompletionMode::Automatic as u32;
    const MANUAL: u32 = CompletionMode::Manual as u32;
    let ops = [
        Create(0, L),
        Create(2, L),              // t0: taken (TASK-1)
        Create(4, L),              // "S 1": invalid (TASK-1)
        Create(1, 9),              // invalid option number
        AddUpload(0),              // 6 devices
        Create(1, L),              //
        AddDevices(1, vec![0, 1]), // DEV-6: both in T0
        Complete(0, AUTO),         // Draft: complete_requires_ready
        Start(0),                  // 7821 (unknown) and 8865NR (not eligible) go to Error (ELIG-2)
        Start(1),                  // T1 is empty... and T0 is in progress (TASK-2)
        Pause(0),
        Prepared(0, 0), // paused
        Resume(0),
        Prepared(0, 0),
        Prepared(0, 1),
        PreparationFailed(0, 4),
        Prepared(0, 5),          // → Ready with errors
        MoveToReady(0, vec![3]), // not eligible
        MoveToReady(0, vec![2]), // unknown
        MoveToReady(0, vec![4]),
        Complete(0, 7),    // invalid mode
        Complete(0, AUTO), // ready with errors: complete_requires_ready
        Subset(0, vec![0, 1], 3, MANUAL),
        Subset(0, vec![4, 5], 0, AUTO), // t0 taken
        Migrated(3, 0),
        MigrationFailed(3, 1),
        MoveToReady(3, vec![1]),
        Pause(3),
        Cancel(3),
        RemoveTask(0),
        CreateDefault(2, L), // the pool's free devices become t0, the default task
    ];
    let (b, core, outcomes, _pool) = run_both(&ops);
    let codes: Vec<Option<&str>> = outcomes.iter().map(code_of).collect();
    assert_eq!(codes[1], Some("task_name_taken"));
    assert_eq!(codes[2], Some("task_name_invalid"));
    assert_eq!(codes[3], Some("invalid_argument"));
    assert_eq!(codes[7], Some("complete_requires_ready"));
    assert_eq!(codes[9], Some("task_in_progress_exists"));
    assert_eq!(codes[11], Some("task_paused"));
    assert_eq!(outcomes[16], Ok(Some(TaskStatus::ReadyWithErrors)));
    assert_eq!(codes[17], Some("device_not_eligible"));
    assert_eq!(codes[18], Some("device_eligibility_unknown"));
    assert_eq!(outcomes[19], Ok(Some(TaskStatus::ReadyWithErrors)));
    assert_eq!(codes[20], Some("invalid_argument"));
    assert_eq!(codes[21], Some("complete_requires_ready"));
    assert_eq!(outcomes[22], Ok(Some(TaskStatus::ManualMigration)));
    assert_eq!(codes[23], Some("task_name_taken"));
    assert_eq!(outcomes[28], Ok(Some(TaskStatus::ManualMigration)));
    assert_eq!(core.tasks().len(), 3);
    // SAFETY: a live board, freed once.
    unsafe { mpp_board_free(b) };
}

#[test]
fn a_saved_board_reads_back_and_a_broken_one_is_refused() {
    use Op::*;
    let l = UploadOption::LicenseOnly as u32;
    let (b, core, _, _pool) = run_both(&[
        Create(0, l),
        AddUpload(0),
        IncludeUnknown(0, true),
        Start(0),
        Prepared(0, 0),
    ]);
    let json = board_json(b);
    let mut loaded: *mut mpp_board = ptr::null_mut();
    // SAFETY: valid pointers; boards freed once.
    unsafe {
        call(|err| mpp_board_from_json(json.as_ptr(), json.len(), &mut loaded, err)).unwrap();
        assert_eq!(board_json(loaded), json);
        assert_eq!(Board::from_json(&json).unwrap(), core);
        for (doc, code) in [
            (
                json.replace("\"format\":1", "\"format\":7"),
                ErrorCode::DocumentVersionUnsupported,
            ),
            (json[..json.len() / 2].to_owned(), ErrorCode::JsonInvalid),
            (
                json.replace("\"in_progress\"", "\"draft\""),
                ErrorCode::DocumentInvalid,
            ),
        ] {
            let mut out: *mut mpp_board = ptr::dangling_mut();
            let e = call(|err| mpp_board_from_json(doc.as_ptr(), doc.len(), &mut out, err))
                .unwrap_err();
            assert_eq!(e, core_error(&Board::from_json(&doc).unwrap_err()));
            assert_eq!(e.number, code.number());
            assert_eq!(out, ptr::dangling_mut(), "nothing written on failure");
        }
        let mut out: *mut mpp_board = ptr::dangling_mut();
        expect_err(
            NOT_UTF8,
            call(|err| mpp_board_from_json(b"{\xff}".as_ptr(), 3, &mut out, err)),
            "`json`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_from_json(ptr::null(), 3, &mut out, err)),
            "`json`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_from_json(json.as_ptr(), json.len(), ptr::null_mut(), err)),
            "`out`",
        );
        assert_eq!(out, ptr::dangling_mut());
        mpp_board_free(loaded);
        mpp_board_free(b);
    }
}

#[test]
fn task_views_give_the_core_values() {
    use Op::*;
    let l = UploadOption::LicenseOnly as u32;
    let (b, core, _, pool) = run_both(&[
        Create(0, l),
        AddUpload(0),
        Start(0),
        Prepared(0, 0),
        PreparationFailed(0, 1),
        Prepared(0, 4),
        Prepared(0, 5),
    ]);
    let t = core.task("T0").unwrap();
    // SAFETY: a live board; views read before it changes; handles freed once.
    unsafe {
        let v = task(b, "t0");
        assert_eq!(
            v,
            mpp_board_task_at(b, 0),
            "the same view by name and index"
        );
        assert_eq!(s(mpp_task_name(v)), "T0");
        assert_eq!(mpp_task_option(v), UploadOption::LicenseOnly);
        assert_eq!(mpp_task_status_of(v), TaskStatus::ReadyWithErrors);
        assert!(!mpp_task_include_unknown(v));
        assert_eq!(mpp_task_completion_mode_of(v), MPP_COMPLETION_MODE_NONE);
        let mut tabs = mpp_tab_counts::default();
        call(|err| mpp_task_tab_counts(v, &mut tabs, err)).unwrap();
        let c = t.tab_counts();
        assert_eq!(
            tabs,
            mpp_tab_counts {
                pending: c.pending,
                error: c.error,
                ready: c.ready,
                in_progress: c.in_progress,
                completed: c.completed
            }
        );
        assert_eq!((tabs.ready, tabs.error), (3, 3));
        let mut e = mpp_eligibility_counts::default();
        call(|err| mpp_task_eligibility_counts(v, &mut e, err)).unwrap();
        let ce = t.eligibility_counts();
        assert_eq!(
            (e.total, e.eligible, e.not_eligible, e.unknown),
            (ce.total, ce.eligible, ce.not_eligible, ce.unknown)
        );
        assert_eq!((e.eligible, e.not_eligible, e.unknown), (4, 1, 1));
        let mut u = mpp_upload_counts::default();
        call(|err| mpp_task_upload_counts(v, &mut u, err)).unwrap();
        let cu = t.upload_counts();
        assert_eq!(
            (u.added, u.errors, u.total),
            (cu.added, cu.errors, cu.total)
        );
        assert_eq!(u.added, 6);

        assert_eq!(mpp_task_device_count(v), 6);
        for (i, d) in t.devices().iter().enumerate() {
            let dv = mpp_task_device_at(v, i);
            assert_eq!(dv, mpp_task_device_at(v, i), "the same view each time");
            assert_eq!(
                s(mpp_device_mac(mpp_task_device_device(dv))),
                d.device().mac().to_string()
            );
            assert_eq!(mpp_task_device_eligibility(dv), d.eligibility());
            assert_eq!(mpp_task_device_tab(dv), d.tab());
            assert_eq!(
                opt_s(mpp_task_device_last_error(dv)).as_deref(),
                d.last_error()
            );
            let n = mpp_task_device_reason_count(dv);
            let reasons: Vec<F> = (0..n)
                .map(|r| finding(mpp_task_device_reason_at(dv, r)))
                .collect();
            assert_eq!(
                reasons,
                d.reasons().iter().map(core_finding).collect::<Vec<_>>()
            );
            assert!(mpp_task_device_reason_at(dv, n).is_null());
            let mut found: *const mpp_task_device = ptr::null();
            let mac = cs(&d.device().mac().to_colon_string());
            call(|err| mpp_task_find_device(v, mac.as_ptr(), &mut found, err)).unwrap();
            assert_eq!(found, dv, "found by MAC in another spelling");
            let mut holder: *const mpp_task = ptr::null();
            call(|err| mpp_board_task_of(b, mac.as_ptr(), &mut holder, err)).unwrap();
            assert_eq!(holder, v);
        }
        assert!(mpp_task_device_at(v, 6).is_null());
        let mut found: *const mpp_task_device = ptr::dangling();
        call(|err| mpp_task_find_device(v, c"001A2B3C4D99".as_ptr(), &mut found, err)).unwrap();
        assert!(found.is_null());
        expect_err(
            ErrorCode::MacInvalidCharacter.number(),
            call(|err| mpp_task_find_device(v, c"zz".as_ptr(), &mut found, err)),
            "",
        );

        // Search (ELIG-4) gives the core's devices, as indices.
        for query in [
            "",
            "4d:0",
            "cisco 88",
            "ERROR",
            "no license",
            "7821",
            "unknown",
            "x",
        ] {
            let q = cs(query);
            for filter in [
                None,
                Some(EligibilityStatus::Eligible),
                Some(EligibilityStatus::NotEligible),
                Some(EligibilityStatus::Unknown),
            ] {
                let mut r: *mut mpp_search_result = ptr::null_mut();
                let n = filter.map_or(MPP_ELIGIBILITY_ANY, |f| f as u32);
                call(|err| mpp_task_search(v, q.as_ptr(), n, &mut r, err)).unwrap();
                let got: Vec<usize> = (0..mpp_search_result_count(r))
                    .map(|i| mpp_search_result_at(r, i))
                    .collect();
                let wanted: HashSet<Mac> = t
                    .search(query, filter)
                    .iter()
                    .map(|d| d.device().mac())
                    .collect();
                let expected: Vec<usize> = (0..t.devices().len())
                    .filter(|&i| wanted.contains(&t.devices()[i].device().mac()))
                    .collect();
                assert_eq!(got, expected, "{query:?} {filter:?}");
                assert_eq!(mpp_search_result_at(r, got.len()), usize::MAX);
                mpp_search_result_free(r);
            }
        }
        let mut r: *mut mpp_search_result = ptr::dangling_mut();
        expect_err(
            INVALID_ARGUMENT,
            call(|err| mpp_task_search(v, c"".as_ptr(), 3, &mut r, err)),
            "MPP_ELIGIBILITY_ANY",
        );
        expect_err(
            NOT_UTF8,
            call(|err| mpp_task_search(v, c"\xff".as_ptr(), 0, &mut r, err)),
            "`query`",
        );
        assert_eq!(r, ptr::dangling_mut());

        // The downloads (ELIG-5) and the status report (TASK-6) are the core's.
        let mut text: *mut c_char = ptr::null_mut();
        call(|err| mpp_task_device_list_csv(v, &mut text, err)).unwrap();
        assert_eq!(owned(text), t.device_list_csv());
        call(|err| mpp_task_device_list_json(v, &mut text, err)).unwrap();
        assert_eq!(owned(text), t.device_list_json());
        call(|err| mpp_task_status_report_csv(v, ptr::null(), ptr::null(), &mut text, err))
            .unwrap();
        assert_eq!(
            owned(text),
            mpp_migration::status_report_csv(t, mpp_migration::PlanRef::None)
        );

        let mut holder: *const mpp_task = ptr::dangling();
        call(|err| mpp_board_task_of(b, c"001A2B3C4D99".as_ptr(), &mut holder, err)).unwrap();
        assert!(holder.is_null());
        assert_eq!(pool.macs.len(), 6);
        mpp_board_free(b);
    }
}

#[test]
fn board_and_task_arguments_are_checked() {
    let b = new_board();
    let pool = Pool::new();
    // SAFETY: arguments are NULL, dangling-but-unread out-pointers, or valid; nothing is
    // written on failure (checked); handles freed once.
    unsafe {
        let mut out: *mut mpp_board = ptr::dangling_mut();
        let mut text: *mut c_char = ptr::dangling_mut();
        let mut st = TaskStatus::ManualMigration;
        let mut o: *mut mpp_add_outcome = ptr::dangling_mut();
        let mut t: *const mpp_task = ptr::dangling();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_new(ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_new_with_table(ptr::null(), &mut out, err)),
            "`table`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_to_json(ptr::null(), &mut text, err)),
            "`board`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_to_json(b, ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_set_directory(ptr::null_mut(), ptr::null(), err)),
            "`board`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_set_directory(b, ptr::null(), err)),
            "`directory`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_create_task(b, ptr::null(), 0, err)),
            "`name`",
        );
        expect_err(
            NOT_UTF8,
            call(|err| mpp_board_create_task(b, c"T\xc3".as_ptr(), 0, err)),
            "`name`",
        );
        expect_err(
            INVALID_ARGUMENT,
            call(|err| mpp_board_create_task(b, c"T".as_ptr(), 2, err)),
            "mpp_upload_option",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_remove_task(b, ptr::null(), err)),
            "`name`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_suggest_task_name(b, ptr::null(), &mut text, err)),
            "`text`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_suggest_task_name(ptr::null(), c"x".as_ptr(), &mut text, err)),
            "`board`",
        );
        expect_err(
            NOT_UTF8,
            call(|err| mpp_board_suggest_task_name(b, c"\xff".as_ptr(), &mut text, err)),
            "`text`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_task_of(ptr::null(), c"001A2B3C4D01".as_ptr(), &mut t, err)),
            "`board`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_task_of(b, c"001A2B3C4D01".as_ptr(), ptr::null_mut(), err)),
            "`out`",
        );
        call(|err| mpp_board_create_task(b, c"T".as_ptr(), 1, err)).unwrap();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_add_upload(b, c"T".as_ptr(), ptr::null(), &mut o, err)),
            "`report`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_add_upload(b, c"T".as_ptr(), pool.upload.c, ptr::null_mut(), err)),
            "`out`",
        );
        let devices = [pool.upload.device(0), ptr::null()];
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_add_devices(b, c"T".as_ptr(), devices.as_ptr(), 2, &mut o, err)),
            "`devices[1]`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_add_devices(b, c"T".as_ptr(), ptr::null(), 1, &mut o, err)),
            "`devices`",
        );
        expect_err(
            INVALID_ARGUMENT,
            call(|err| {
                mpp_board_create_default_task(b, c"D".as_ptr(), 5, pool.upload.c, &mut o, err)
            }),
            "mpp_upload_option",
        );
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_board_create_default_task(b, c"D".as_ptr(), 1, ptr::null(), &mut o, err)
            }),
            "`report`",
        );
        // Adding nothing is fine: NULL with a count of 0.
        call(|err| mpp_board_add_devices(b, c"T".as_ptr(), ptr::null(), 0, &mut o, err)).unwrap();
        assert_eq!(mpp_add_outcome_added(o), 0);
        mpp_add_outcome_free(o);
        o = ptr::dangling_mut();

        // Every event function: NULL board, task, out; bad UTF-8; bad MACs by index.
        type Event = unsafe extern "C" fn(
            *mut mpp_board,
            *const c_char,
            *mut TaskStatus,
            *mut *mut mpp_error,
        ) -> u32;
        let events: [(&str, Event); 4] = [
            ("start_preparation", mpp_board_start_preparation),
            ("pause", mpp_board_pause),
            ("resume", mpp_board_resume),
            ("cancel", mpp_board_cancel),
        ];
        for (what, f) in events {
            expect_err(
                NULL_POINTER,
                call(|err| f(ptr::null_mut(), c"T".as_ptr(), &mut st, err)),
                "`board`",
            );
            expect_err(
                NULL_POINTER,
                call(|err| f(b, ptr::null(), &mut st, err)),
                "`task`",
            );
            expect_err(
                NOT_UTF8,
                call(|err| f(b, c"\xe9".as_ptr(), &mut st, err)),
                "`task`",
            );
            expect_err(
                NULL_POINTER,
                call(|err| f(b, c"T".as_ptr(), ptr::null_mut(), err)),
                "`out_status`",
            );
            expect_err(
                ErrorCode::TaskNotFound.number(),
                call(|err| f(b, c"U".as_ptr(), &mut st, err)),
                "\"U\"",
            );
            assert_eq!(st, TaskStatus::ManualMigration, "{what}: nothing written");
        }
        expect_err(
            ErrorCode::MacWrongSeparator.number(),
            call(|err| {
                mpp_board_report_migrated(
                    b,
                    c"T".as_ptr(),
                    c"00-1A-2B-3C-4D-5E".as_ptr(),
                    &mut st,
                    err,
                )
            }),
            "",
        );
        expect_err(
            NOT_UTF8,
            call(|err| {
                mpp_board_report_migration_failed(
                    b,
                    c"T".as_ptr(),
                    c"001A2B3C4D01".as_ptr(),
                    c"\xff".as_ptr(),
                    &mut st,
                    err,
                )
            }),
            "`reason`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_board_report_preparation_failed(
                    b,
                    c"T".as_ptr(),
                    c"001A2B3C4D01".as_ptr(),
                    ptr::null(),
                    &mut st,
                    err,
                )
            }),
            "`reason`",
        );
        let macs = [c"001A2B3C4D01".as_ptr(), c"001A2B3C4D0".as_ptr()];
        let e = expect_err(
            ErrorCode::MacInvalidLength.number(),
            call(|err| mpp_board_move_to_ready(b, c"T".as_ptr(), macs.as_ptr(), 2, &mut st, err)),
            "macs[1]: ",
        );
        assert_eq!(
            e.message,
            format!(
                "macs[1]: {}",
                mpp_migration::Mac::parse("001A2B3C4D0")
                    .unwrap_err()
                    .message()
            )
        );
        let macs = [c"001A2B3C4D01".as_ptr(), ptr::null()];
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_remove_devices(b, c"T".as_ptr(), macs.as_ptr(), 2, &mut st, err)),
            "`macs[1]`",
        );
        let macs = [c"001A2B3C4D01".as_ptr(), c"\xff".as_ptr()];
        expect_err(
            NOT_UTF8,
            call(|err| mpp_board_remove_devices(b, c"T".as_ptr(), macs.as_ptr(), 2, &mut st, err)),
            "`macs[1]`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_remove_devices(b, c"T".as_ptr(), ptr::null(), 1, &mut st, err)),
            "`macs`",
        );
        expect_err(
            INVALID_ARGUMENT,
            call(|err| mpp_board_complete(b, c"T".as_ptr(), 2, &mut st, err)),
            "mpp_completion_mode",
        );
        expect_err(
            INVALID_ARGUMENT,
            call(|err| {
                mpp_board_complete_subset(
                    b,
                    c"T".as_ptr(),
                    macs.as_ptr(),
                    1,
                    c"N".as_ptr(),
                    2,
                    &mut st,
                    err,
                )
            }),
            "mpp_completion_mode",
        );
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_board_complete_subset(
                    b,
                    c"T".as_ptr(),
                    macs.as_ptr(),
                    1,
                    ptr::null(),
                    0,
                    &mut st,
                    err,
                )
            }),
            "`new_name`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_set_include_unknown(b, c"T".as_ptr(), true, ptr::null_mut(), err)),
            "`out_status`",
        );
        assert_eq!(
            st,
            TaskStatus::ManualMigration,
            "nothing written on failure"
        );
        assert_eq!(
            (out, text, o, t),
            (
                ptr::dangling_mut(),
                ptr::dangling_mut(),
                ptr::dangling_mut(),
                ptr::dangling()
            )
        );

        // Task accessors and counts with NULL.
        let v = task(b, "T");
        let mut tabs = mpp_tab_counts::default();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_task_tab_counts(ptr::null(), &mut tabs, err)),
            "`task`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_task_tab_counts(v, ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_task_eligibility_counts(v, ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_task_upload_counts(ptr::null(), ptr::null_mut(), err)),
            "`task`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_task_device_list_csv(ptr::null(), &mut text, err)),
            "`task`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_task_device_list_json(v, ptr::null_mut(), err)),
            "`out`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_task_status_report_csv(v, ptr::null(), ptr::null(), ptr::null_mut(), err)
            }),
            "`out`",
        );
        let mut r: *mut mpp_search_result = ptr::null_mut();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_task_search(v, ptr::null(), 0, &mut r, err)),
            "`query`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_task_search(v, c"".as_ptr(), 0, ptr::null_mut(), err)),
            "`out`",
        );
        let mut d: *const mpp_task_device = ptr::null();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_task_find_device(v, ptr::null(), &mut d, err)),
            "`mac`",
        );
        assert!(mpp_task_name(ptr::null()).is_null());
        assert_eq!(mpp_task_status_of(ptr::null()), TaskStatus::Draft);
        assert_eq!(mpp_task_option(ptr::null()), UploadOption::LicenseAndDevice);
        assert!(!mpp_task_paused(ptr::null()) && !mpp_task_include_unknown(ptr::null()));
        assert_eq!(
            mpp_task_completion_mode_of(ptr::null()),
            MPP_COMPLETION_MODE_NONE
        );
        assert_eq!(mpp_task_device_count(ptr::null()), 0);
        assert!(mpp_task_device_at(ptr::null(), 0).is_null());
        assert!(mpp_task_device_device(ptr::null()).is_null());
        assert_eq!(
            mpp_task_device_eligibility(ptr::null()),
            EligibilityStatus::Unknown
        );
        assert_eq!(mpp_task_device_tab(ptr::null()), DeviceTab::Pending);
        assert_eq!(mpp_task_device_reason_count(ptr::null()), 0);
        assert!(mpp_task_device_reason_at(ptr::null(), 0).is_null());
        assert!(mpp_task_device_last_error(ptr::null()).is_null());
        assert_eq!(mpp_search_result_count(ptr::null()), 0);
        assert_eq!(mpp_search_result_at(ptr::null(), 0), usize::MAX);
        assert_eq!(mpp_board_task_count(ptr::null()), 0);
        assert!(mpp_board_task_at(ptr::null(), 0).is_null());
        assert!(mpp_board_task(ptr::null(), c"T".as_ptr()).is_null());
        assert!(mpp_board_task(b, ptr::null()).is_null());
        assert!(mpp_board_task(b, c"T\xff".as_ptr()).is_null());
        assert!(mpp_board_in_progress(ptr::null()).is_null());
        assert_eq!(mpp_add_outcome_added(ptr::null()), 0);
        assert_eq!(mpp_add_outcome_finding_count(ptr::null()), 0);
        assert!(mpp_add_outcome_finding_at(ptr::null(), 0).is_null());
        mpp_board_free(ptr::null_mut());
        mpp_add_outcome_free(ptr::null_mut());
        mpp_search_result_free(ptr::null_mut());
        mpp_board_free(b);
    }
}

#[test]
fn a_board_with_a_table_and_a_directory_checks_by_them() {
    let guide = upload(POOL, UploadOption::LicenseOnly, true);
    // SAFETY: valid pointers; handles freed once.
    unsafe {
        let mut t: *mut mpp_migration_ffi::mpp_eligibility_table = ptr::null_mut();
        call(|err| mpp_migration_ffi::mpp_eligibility_table_cisco_ordering_guide(&mut t, err))
            .unwrap();
        let mut b: *mut mpp_board = ptr::null_mut();
        call(|err| mpp_board_new_with_table(t, &mut b, err)).unwrap();
        mpp_migration_ffi::mpp_eligibility_table_free(t);
        let mut core = Board::with_eligibility(EligibilityTable::cisco_ordering_guide());
        call(|err| mpp_board_create_task(b, c"T".as_ptr(), 1, err)).unwrap();
        core.create_task("T", UploadOption::LicenseOnly).unwrap();
        let mut o: *mut mpp_add_outcome = ptr::null_mut();
        call(|err| mpp_board_add_upload(b, c"T".as_ptr(), guide.c, &mut o, err)).unwrap();
        let expected = core.add_upload("T", &guide.core).unwrap();
        assert_eq!(mpp_add_outcome_added(o), expected.added);
        mpp_add_outcome_free(o);
        assert_eq!(board_json(b), core.to_json());
        assert!(board_json(b).contains("\"cisco_ordering_guide\""));

        // TASK-9: the directory's devices.
        let mut builder: *mut mpp_migration_ffi::mpp_directory_builder = ptr::null_mut();
        let mut d: *mut mpp_migration_ffi::mpp_directory = ptr::null_mut();
        call(|err| mpp_migration_ffi::mpp_directory_builder_new(&mut builder, err)).unwrap();
        call(|err| {
            mpp_migration_ffi::mpp_directory_builder_add_device(
                builder,
                c"001A2B3C4D01".as_ptr(),
                err,
            )
        })
        .unwrap();
        call(|err| mpp_migration_ffi::mpp_directory_build(builder, &mut d, err)).unwrap();
        mpp_migration_ffi::mpp_directory_builder_free(builder);
        call(|err| mpp_board_set_directory(b, d, err)).unwrap();
        mpp_migration_ffi::mpp_directory_free(d);
        core.set_directory(
            mpp_migration::Directory::builder()
                .device_in_webex_calling("001A2B3C4D01")
                .build()
                .unwrap(),
        );
        let mut st = TaskStatus::Draft;
        call(|err| mpp_board_set_include_unknown(b, c"T".as_ptr(), true, &mut st, err)).unwrap();
        core.apply("T", TaskEvent::SetIncludeUnknown(true)).unwrap();
        call(|err| mpp_board_start_preparation(b, c"T".as_ptr(), &mut st, err)).unwrap();
        core.apply("T", TaskEvent::StartPreparation).unwrap();
        for d in guide.core.devices() {
            let mac = cs(&d.mac().to_string());
            let c =
                call(|err| mpp_board_report_prepared(b, c"T".as_ptr(), mac.as_ptr(), &mut st, err));
            let r = core.apply("T", TaskEvent::Prepared { mac: d.mac() });
            assert_eq!(c.map(|()| st), r.map_err(|e| core_error(&e)));
        }
        let manual = CompletionMode::Manual as u32;
        let c = call(|err| mpp_board_complete(b, c"T".as_ptr(), manual, &mut st, err));
        let r = core.apply(
            "T",
            TaskEvent::Complete {
                mode: CompletionMode::Manual,
            },
        );
        let e = c.unwrap_err();
        assert_eq!(e, core_error(&r.unwrap_err()));
        assert_eq!(e.code, "device_not_in_webex_calling");
        assert_eq!(board_json(b), core.to_json());
        mpp_board_free(b);
    }
}

// --- the transition table and the names ---------------------------------------------------------

#[test]
fn the_transition_table_is_the_cores_for_every_pair() {
    for status in TaskStatus::ALL {
        for event in EventKind::ALL {
            let mut o = mpp_transition_outcome {
                kind: mpp_transition_kind::Stay,
                target: TaskStatus::Draft,
                refusal: 7,
            };
            // SAFETY: a valid out-pointer.
            call(|err| unsafe { mpp_transition(status as u32, event as u32, &mut o, err) })
                .unwrap();
            let expected = match mpp_migration::transition(status, event) {
                Outcome::Stay => (mpp_transition_kind::Stay, status, 0),
                Outcome::To(s) => (mpp_transition_kind::To, s, 0),
                Outcome::Completion => (mpp_transition_kind::Completion, status, 0),
                Outcome::FromDevices => (mpp_transition_kind::FromDevices, status, 0),
                Outcome::Refused(c) => (mpp_transition_kind::Refused, status, c.number()),
            };
            assert_eq!(
                (o.kind, o.target, o.refusal),
                expected,
                "{status:?} {event:?}"
            );
        }
    }
    let mut o = mpp_transition_outcome {
        kind: mpp_transition_kind::Stay,
        target: TaskStatus::Draft,
        refusal: 7,
    };
    // SAFETY: valid or NULL out-pointers.
    unsafe {
        expect_err(
            INVALID_ARGUMENT,
            call(|err| mpp_transition(7, 0, &mut o, err)),
            "argument `status`: 7 is not an mpp_task_status (0 draft, 1 in_progress",
        );
        expect_err(
            INVALID_ARGUMENT,
            call(|err| mpp_transition(0, 13, &mut o, err)),
            "argument `event`: 13 is not an mpp_event_kind",
        );
        expect_err(
            INVALID_ARGUMENT,
            call(|err| mpp_transition(u32::MAX, 0, &mut o, err)),
            "mpp_task_status",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_transition(0, 0, ptr::null_mut(), err)),
            "`out`",
        );
        assert_eq!(o.refusal, 7, "nothing written on failure");
        let mut text: *mut c_char = ptr::null_mut();
        call(|err| mpp_transition_table_markdown(&mut text, err)).unwrap();
        assert_eq!(owned(text), mpp_migration::transition_table_markdown());
        expect_err(
            NULL_POINTER,
            call(|err| mpp_transition_table_markdown(ptr::null_mut(), err)),
            "`out`",
        );
    }
}

#[test]
fn every_enum_value_has_the_cores_name_and_no_other_number_has_one() {
    for status in TaskStatus::ALL {
        assert_eq!(s(mpp_task_status_name(status as u32)), status.as_str());
        assert_eq!(s(mpp_task_status_label(status as u32)), status.label());
    }
    assert!(mpp_task_status_name(TaskStatus::ALL.len() as u32).is_null());
    assert!(mpp_task_status_label(u32::MAX).is_null());
    for t in DeviceTab::ALL {
        assert_eq!(s(mpp_device_tab_name(t as u32)), t.as_str());
        assert_eq!(s(mpp_device_tab_label(t as u32)), t.label());
    }
    assert!(mpp_device_tab_name(DeviceTab::ALL.len() as u32).is_null());
    assert!(mpp_device_tab_label(DeviceTab::ALL.len() as u32).is_null());
    for e in EventKind::ALL {
        assert_eq!(s(mpp_event_kind_name(e as u32)), e.as_str());
    }
    assert!(mpp_event_kind_name(EventKind::ALL.len() as u32).is_null());
    for m in CompletionMode::ALL {
        assert_eq!(s(mpp_completion_mode_name(m as u32)), m.as_str());
    }
    assert!(mpp_completion_mode_name(MPP_COMPLETION_MODE_NONE).is_null());
    for g in FleetGrouping::ALL {
        assert_eq!(s(mpp_fleet_grouping_name(g as u32)), g.as_str());
    }
    assert!(mpp_fleet_grouping_name(3).is_null());
    // The numbers C sees are the positions in the core's lists.
    for (i, status) in TaskStatus::ALL.iter().enumerate() {
        assert_eq!(*status as usize, i);
    }
    for (i, e) in EventKind::ALL.iter().enumerate() {
        assert_eq!(*e as usize, i);
    }
    for (i, t) in DeviceTab::ALL.iter().enumerate() {
        assert_eq!(*t as usize, i);
    }
    assert_eq!(MPP_MAX_TASK_DEVICES, mpp_migration::MAX_TASK_DEVICES);
    assert_eq!(MPP_MAX_TASK_NAME, mpp_migration::MAX_TASK_NAME);
    assert_eq!(
        mpp_migration_ffi::MPP_AUTO_BATCH_SIZE,
        mpp_migration::AUTO_BATCH_SIZE
    );
}

#[test]
fn the_committed_header_has_the_task_enums_and_no_broken_macros() {
    let header = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../include/mpp_migration.h"),
    )
    .unwrap();
    for needle in [
        "typedef enum mpp_task_status",
        "MPP_TASK_STATUS_MANUAL_MIGRATION,",
        "MPP_DEVICE_TAB_COMPLETED,",
        "MPP_EVENT_KIND_STATUS_REPORT,",
        "MPP_COMPLETION_MODE_MANUAL,",
        "MPP_BAT_GROUP_PER_LOAD,",
        "MPP_FLEET_GROUPING_MODEL,",
        "MPP_TRANSITION_KIND_REFUSED,",
        "typedef struct mpp_transition_outcome {",
        "typedef struct mpp_tab_counts {",
        "#define MPP_COMPLETION_MODE_NONE UINT32_MAX",
        "#define MPP_AUTO_BATCH_SIZE 200",
        "mpp_task_status mpp_task_status_of(const struct mpp_task *t);",
        "typedef struct mpp_board mpp_board;",
    ] {
        assert!(header.contains(needle), "the header lacks {needle:?}");
    }
    assert!(
        !header.contains("_ALL {"),
        "an enum's ALL list leaked into the header as a macro"
    );
}

// --- fleet planning -----------------------------------------------------------------------------

#[test]
fn fleet_plans_are_the_cores_and_join_a_board_all_or_none() {
    let pool = Pool::new();
    // SAFETY: valid pointers; views read while their plan lives; handles freed once.
    unsafe {
        let mut o: *mut mpp_fleet_options = ptr::null_mut();
        call(|err| mpp_fleet_options_new(c"HQ wave".as_ptr(), 1, &mut o, err)).unwrap();
        call(|err| mpp_fleet_options_set_max_devices(o, 2, err)).unwrap();
        call(|err| mpp_fleet_options_set_grouping(o, FleetGrouping::Model as u32, err)).unwrap();
        let mut core_options = FleetOptions::new("HQ wave", UploadOption::LicenseOnly);
        core_options.max_devices = 2;
        core_options.group_by = FleetGrouping::Model;
        let expected =
            mpp_migration::plan_fleet(pool.upload.core.devices(), &core_options).unwrap();

        let mut p: *mut mpp_fleet_plan = ptr::null_mut();
        call(|err| mpp_plan_fleet_report(pool.upload.c, o, &mut p, err)).unwrap();
        let devices: Vec<*const mpp_device> = (0..6)
            .map(|i| pool.upload.device(i))
            .chain([pool.upload.device(0)])
            .collect();
        let mut q: *mut mpp_fleet_plan = ptr::null_mut();
        call(|err| mpp_plan_fleet(devices.as_ptr(), devices.len(), o, &mut q, err)).unwrap();
        let twice: Vec<Device> = pool
            .upload
            .core
            .devices()
            .iter()
            .chain([&pool.upload.core.devices()[0]])
            .cloned()
            .collect();
        let expected_q = mpp_migration::plan_fleet(&twice, &core_options).unwrap();
        for (plan, expected) in [(p, &expected), (q, &expected_q)] {
            assert_eq!(mpp_fleet_plan_task_count(plan), expected.tasks.len());
            for (i, t) in expected.tasks.iter().enumerate() {
                let v = mpp_fleet_plan_task_at(plan, i);
                assert_eq!(v, mpp_fleet_plan_task_at(plan, i));
                assert_eq!(s(mpp_task_name(v)), t.name().as_str());
                assert_eq!(mpp_task_device_count(v), t.devices().len());
                let mut text: *mut c_char = ptr::null_mut();
                call(|err| mpp_task_device_list_json(v, &mut text, err)).unwrap();
                assert_eq!(owned(text), t.device_list_json());
            }
            assert!(mpp_fleet_plan_task_at(plan, expected.tasks.len()).is_null());
            let findings: Vec<F> = (0..mpp_fleet_plan_finding_count(plan))
                .map(|i| finding(mpp_fleet_plan_finding_at(plan, i)))
                .collect();
            assert_eq!(
                findings,
                expected
                    .findings
                    .iter()
                    .map(core_finding)
                    .collect::<Vec<_>>()
            );
            assert!(mpp_fleet_plan_finding_at(plan, findings.len()).is_null());
        }
        assert_eq!(
            s(mpp_task_name(mpp_fleet_plan_task_at(p, 0))),
            "HQ_wave-7821-001"
        );
        assert_eq!(mpp_fleet_plan_finding_count(q), 1);

        // On a board: all or none.
        let b = new_board();
        let mut core = Board::new();
        call(|err| mpp_board_add_fleet_plan(b, p, err)).unwrap();
        core.add_tasks(expected.tasks.clone()).unwrap();
        assert_eq!(board_json(b), core.to_json());
        let e = call(|err| mpp_board_add_fleet_plan(b, q, err)).unwrap_err();
        assert_eq!(
            e,
            core_error(&core.add_tasks(expected_q.tasks.clone()).unwrap_err())
        );
        assert_eq!(board_json(b), core.to_json(), "nothing was added");

        // Arguments.
        let mut out: *mut mpp_fleet_plan = ptr::dangling_mut();
        expect_err(
            INVALID_ARGUMENT,
            call(|err| mpp_fleet_options_set_grouping(o, 3, err)),
            "mpp_fleet_grouping",
        );
        call(|err| mpp_fleet_options_set_max_devices(o, 1001, err)).unwrap();
        let e = call(|err| mpp_plan_fleet_report(pool.upload.c, o, &mut out, err)).unwrap_err();
        core_options.max_devices = 1001;
        assert_eq!(
            e,
            core_error(&mpp_migration::plan_fleet(&twice, &core_options).unwrap_err())
        );
        call(|err| mpp_fleet_options_set_eligibility_table(o, ptr::null(), err)).unwrap();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_plan_fleet_report(ptr::null(), o, &mut out, err)),
            "`report`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_plan_fleet_report(pool.upload.c, ptr::null(), &mut out, err)),
            "`opts`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_plan_fleet(ptr::null(), 2, o, &mut out, err)),
            "`devices`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_plan_fleet(devices.as_ptr(), 2, o, ptr::null_mut(), err)),
            "`out`",
        );
        assert_eq!(out, ptr::dangling_mut());
        let mut none: *mut mpp_fleet_options = ptr::dangling_mut();
        expect_err(
            NULL_POINTER,
            call(|err| mpp_fleet_options_new(ptr::null(), 1, &mut none, err)),
            "`prefix`",
        );
        expect_err(
            NOT_UTF8,
            call(|err| mpp_fleet_options_new(c"\xff".as_ptr(), 1, &mut none, err)),
            "`prefix`",
        );
        expect_err(
            INVALID_ARGUMENT,
            call(|err| mpp_fleet_options_new(c"x".as_ptr(), 2, &mut none, err)),
            "mpp_upload_option",
        );
        assert_eq!(none, ptr::dangling_mut());
        expect_err(
            NULL_POINTER,
            call(|err| mpp_fleet_options_set_max_devices(ptr::null_mut(), 1, err)),
            "`opts`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_add_fleet_plan(b, ptr::null(), err)),
            "`plan`",
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_board_add_fleet_plan(ptr::null_mut(), p, err)),
            "`board`",
        );
        assert_eq!(mpp_fleet_plan_task_count(ptr::null()), 0);
        assert!(mpp_fleet_plan_task_at(ptr::null(), 0).is_null());
        assert_eq!(mpp_fleet_plan_finding_count(ptr::null()), 0);
        assert!(mpp_fleet_plan_finding_at(ptr::null(), 0).is_null());
        mpp_fleet_plan_free(ptr::null_mut());
        mpp_fleet_options_free(ptr::null_mut());
        mpp_fleet_options_free(o);
        mpp_fleet_plan_free(p);
        mpp_fleet_plan_free(q);
        mpp_board_free(b);
    }
}

// --- the property test --------------------------------------------------------------------------

/// One operation, or a refresh: every device of the pool reported prepared (or migrated) in
/// turn, as *Refresh device status* does, so that random runs reach the later statuses.
fn ops() -> impl Strategy<Value = Vec<Op>> {
    let t = prop_oneof![Just(0usize), Just(1usize), Just(3usize)];
    prop_oneof![
        8 => op().prop_map(|op| vec![op]),
        2 => t.clone().prop_map(|t| (0..6).map(|d| Op::Prepared(t, d)).collect()),
        2 => t.prop_map(|t| (0..6).map(|d| Op::Migrated(t, d)).collect()),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    // Mostly the two tasks the test starts with, sometimes another name; mostly the events
    // that move a task along, sometimes the ones that set it back.
    let t = prop_oneof![5 => Just(0usize), 4 => Just(1usize), 1 => 2..NAMES.len()];
    let d = 0usize..6;
    let ds = prop::collection::vec(0usize..6, 0..3);
    let m = prop_oneof![6 => 0u32..2, 1 => Just(2u32)];
    prop_oneof![
        12 => (t.clone(), 0u32..3).prop_map(|(t, n)| Op::Advance(t, n)),
        1 => (t.clone(), prop_oneof![4 => Just(1u32), 1 => Just(0u32), 1 => Just(5u32)]).prop_map(|(t, o)| Op::Create(t, o)),
        1 => t.clone().prop_map(Op::RemoveTask),
        1 => t.clone().prop_map(Op::AddUpload),
        1 => (t.clone(), ds.clone()).prop_map(|(t, ds)| Op::AddDevices(t, ds)),
        1 => (t.clone(), prop_oneof![Just(1u32), Just(3u32)]).prop_map(|(t, o)| Op::CreateDefault(t, o)),
        6 => t.clone().prop_map(Op::Start),
        3 => (t.clone(), d.clone()).prop_map(|(t, d)| Op::Prepared(t, d)),
        2 => (t.clone(), d.clone()).prop_map(|(t, d)| Op::PreparationFailed(t, d)),
        2 => (t.clone(), ds.clone()).prop_map(|(t, ds)| Op::MoveToReady(t, ds)),
        5 => (t.clone(), m.clone()).prop_map(|(t, m)| Op::Complete(t, m)),
        3 => (t.clone(), d.clone()).prop_map(|(t, d)| Op::Migrated(t, d)),
        2 => (t.clone(), d.clone()).prop_map(|(t, d)| Op::MigrationFailed(t, d)),
        1 => t.clone().prop_map(Op::Pause),
        1 => t.clone().prop_map(Op::Resume),
        1 => t.clone().prop_map(Op::Cancel),
        1 => (t.clone(), any::<bool>()).prop_map(|(t, on)| Op::IncludeUnknown(t, on)),
        1 => (t.clone(), ds.clone()).prop_map(|(t, ds)| Op::RemoveDevices(t, ds)),
        3 => (t, ds, prop_oneof![3 => Just(3usize), 1 => 0..NAMES.len()], m)
            .prop_map(|(t, ds, n, m)| Op::Subset(t, ds, n, m)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_events_through_c_give_the_cores_statuses(
        include_unknown in any::<bool>(),
        random in prop::collection::vec(ops(), 1..40),
    ) {
        // Two tasks holding the pool's devices (T0 eligible phones, T1 an unknown, a not
        // eligible and an eligible one), then random operations. apply_both asserts,
        // after every one, the same status or error, the same saved document, and the same
        // statuses read through the task views.
        let l = UploadOption::LicenseOnly as u32;
        let mut ops = vec![
            Op::Create(0, l),
            Op::AddDevices(0, vec![0, 1, 5]),
            Op::Create(1, l),
            Op::AddDevices(1, vec![2, 3, 4]),
            Op::IncludeUnknown(1, include_unknown),
        ];
        ops.extend(random.into_iter().flatten());
        let (b, _core, outcomes, _pool) = run_both(&ops);
        prop_assert_eq!(outcomes.len(), ops.len());
        // SAFETY: the board is freed once.
        unsafe { mpp_board_free(b) };
    }
}

#[test]
fn devices_from_an_inventory_make_the_default_task() {
    // SAFETY: valid pointers throughout; every handle is freed once.
    unsafe {
        let mut made: Vec<*mut mpp_device> = Vec::new();
        for (mac, model) in [
            (c"00:1a:2b:3c:4d:01", c"8845"),
            (c"001A2B3C4D02", c"8821"),
            (c"001A2B3C4D03", c"CP-7821-K9=V03"),
        ] {
            let mut d: *mut mpp_device = ptr::null_mut();
            assert_eq!(
                mpp_device_new(
                    mac.as_ptr(),
                    model.as_ptr(),
                    ptr::null(),
                    c"12.8(1)".as_ptr(),
                    &mut d,
                    ptr::null_mut()
                ),
                MPP_OK
            );
            made.push(d);
        }
        let core =
            Device::from_text("001A2B3C4D03", "CP-7821-K9=V03", None, Some("12.8(1)")).unwrap();
        assert_eq!((*made[2]).get(), &core, "the core reads the same device");
        // Refusals: the identifier's own code, the VID contradiction, NULLs, nothing written.
        let mut d: *mut mpp_device = ptr::null_mut();
        let mut err: *mut mpp_error = ptr::null_mut();
        assert_eq!(
            mpp_device_new(
                c"00-1A".as_ptr(),
                c"8845".as_ptr(),
                ptr::null(),
                ptr::null(),
                &mut d,
                &mut err
            ),
            201
        );
        mpp_error_free(err);
        assert_eq!(
            mpp_device_new(
                c"001A2B3C4D05".as_ptr(),
                c"CP-7821-K9=V03".as_ptr(),
                c"V04".as_ptr(),
                ptr::null(),
                &mut d,
                ptr::null_mut()
            ),
            101
        );
        assert_eq!(
            mpp_device_new(
                ptr::null(),
                c"8845".as_ptr(),
                ptr::null(),
                ptr::null(),
                &mut d,
                ptr::null_mut()
            ),
            102
        );
        assert_eq!(
            mpp_device_new(
                c"001A2B3C4D05".as_ptr(),
                c"8845".as_ptr(),
                ptr::null(),
                ptr::null(),
                ptr::null_mut(),
                ptr::null_mut()
            ),
            102
        );
        assert!(d.is_null());

        let mut board: *mut mpp_board = ptr::null_mut();
        assert_eq!(mpp_board_new(&mut board, ptr::null_mut()), MPP_OK);
        let pointers: Vec<*const mpp_device> =
            made.iter().map(|&d| d as *const mpp_device).collect();
        let mut outcome: *mut mpp_add_outcome = ptr::null_mut();
        let status = mpp_board_create_default_task_from_devices(
            board,
            c"default".as_ptr(),
            1,
            pointers.as_ptr(),
            pointers.len(),
            &mut outcome,
            ptr::null_mut(),
        );
        assert_eq!(status, MPP_OK);
        assert_eq!(mpp_add_outcome_added(outcome), 3);
        mpp_add_outcome_free(outcome);
        let task = mpp_board_task(board, c"default".as_ptr());
        assert_eq!(mpp_task_status_of(task), TaskStatus::ReadyWithErrors);
        let nulls = [pointers[0], ptr::null()];
        let mut err: *mut mpp_error = ptr::null_mut();
        let status = mpp_board_create_default_task_from_devices(
            board,
            c"again".as_ptr(),
            1,
            nulls.as_ptr(),
            2,
            &mut outcome,
            &mut err,
        );
        assert_eq!(status, 102);
        assert!(
            CStr::from_ptr(mpp_finding_message(mpp_error_finding(err)))
                .to_str()
                .unwrap()
                .contains("devices[1]")
        );
        mpp_error_free(err);
        mpp_board_free(board);
        for d in made {
            mpp_device_free(d);
        }
        mpp_device_free(ptr::null_mut());
    }
}

// --- issue 14 §1 and issue 9 §5: the board admits no forbidden state through C -----------------

/// A board read through C from `json`.
fn c_board_from(json: &str) -> Result<*mut mpp_board, F> {
    let mut out: *mut mpp_board = ptr::null_mut();
    // SAFETY: `json` is live for the call; a valid out-pointer.
    call(|err| unsafe { mpp_board_from_json(json.as_ptr(), json.len(), &mut out, err) })
        .map(|()| out)
}

fn core_mac(n: u8) -> Mac {
    Mac::from_octets([0x00, 0x1A, 0x2B, 0x00, 0x00, n])
}

fn core_phone(n: u8, model: &str) -> Device {
    Device::new(core_mac(n), mpp_migration::parse_model(model).unwrap())
}

/// A core board with `lo`: an 8845 in Ready, a not eligible 8821 and an unknown 7821 in
/// Error (Ready with errors); `done`: completed automatically.
fn audited_core_board() -> Board {
    let mut board = Board::new();
    board.create_task("lo", UploadOption::LicenseOnly).unwrap();
    board
        .add_devices(
            "lo",
            [
                core_phone(1, "8845"),
                core_phone(2, "8821"),
                core_phone(3, "7821"),
            ],
        )
        .unwrap();
    board.apply("lo", TaskEvent::StartPreparation).unwrap();
    board
        .apply("lo", TaskEvent::Prepared { mac: core_mac(1) })
        .unwrap();
    board
        .create_task("done", UploadOption::LicenseOnly)
        .unwrap();
    board.add_devices("done", [core_phone(9, "8845")]).unwrap();
    board.apply("done", TaskEvent::StartPreparation).unwrap();
    board
        .apply("done", TaskEvent::Prepared { mac: core_mac(9) })
        .unwrap();
    let options = mpp_migration::AutoPlanOptions::new(true, "Unified CM TFTP", "tftp.example.com");
    board.complete_automatic("done", &options).unwrap();
    board
}

#[test]
fn tampered_boards_are_refused_through_c_naming_the_place_and_the_rule() {
    let core = audited_core_board();
    let good = core.to_json();
    let b = c_board_from(&good).unwrap();
    assert_eq!(board_json(b), good);
    // SAFETY: a live board, freed once.
    unsafe { mpp_board_free(b) };
    type Edit = fn(&mut serde_json::Value);
    let cases: [(Edit, &[&str]); 6] = [
        // ELIG-2: the not eligible 8821 in the Ready tab.
        (
            |d| {
                let dev = &mut d["tasks"][0]["devices"][1];
                dev["tab"] = "ready_for_migration".into();
                dev.as_object_mut().unwrap().remove("last_error");
            },
            &["tasks[0]", "devices[1]", "001A2B000002", "ELIG-2"],
        ),
        // ELIG-1: the 8821 stored as eligible.
        (
            |d| d["tasks"][0]["devices"][1]["eligibility"] = "eligible".into(),
            &["devices[1]", "not_eligible", "ELIG-1"],
        ),
        // DEV-4: a 6841.
        (
            |d| d["tasks"][0]["devices"][0]["device"]["model"] = "6841".into(),
            &["devices[0]", "6841", "DEV-4"],
        ),
        // TASK-4: auto migration complete without a completion mode.
        (
            |d| {
                d["tasks"][1].as_object_mut().unwrap().remove("completion");
            },
            &["tasks[1]", "task done", "no completion mode"],
        ),
        // TASK-5: a last error outside the Error tab.
        (
            |d| d["tasks"][0]["devices"][0]["last_error"] = "stale".into(),
            &["devices[0]", "last error", "TASK-5"],
        ),
        // CSV-14: counts of 2^64 - 1.
        (
            |d| {
                d["tasks"][0]["uploads"] =
                    serde_json::json!({"added": u64::MAX, "errors": 0, "total": u64::MAX});
            },
            &["task lo", "18446744073709551615", "CSV-14"],
        ),
    ];
    for (edit, parts) in cases {
        let mut doc: serde_json::Value = serde_json::from_str(&good).unwrap();
        edit(&mut doc);
        let doc = doc.to_string();
        let e = expect_err(
            ErrorCode::DocumentInvalid.number(),
            c_board_from(&doc).map(|_| ()),
            parts[0],
        );
        assert_eq!(e, core_error(&Board::from_json(&doc).unwrap_err()));
        for part in parts {
            assert!(e.message.contains(part), "{part:?} not in {:?}", e.message);
        }
    }
}

#[test]
fn upload_counts_through_c_are_what_the_task_took_and_stay_bounded() {
    let mut csv = String::from("Model,MAC Address\n");
    for n in 0..1500u64 {
        let b = (0x001A_2C00_0000u64 + n).to_be_bytes();
        let mac = Mac::from_octets([b[2], b[3], b[4], b[5], b[6], b[7]]);
        csv.push_str(&format!("8845,{mac}\n"));
    }
    let up = upload(&csv, UploadOption::LicenseOnly, false);
    let b = new_board();
    let mut counts = mpp_upload_counts {
        added: 0,
        errors: 0,
        total: 0,
    };
    // SAFETY: live handles, valid out-pointers; everything freed once.
    unsafe {
        call(|err| {
            mpp_board_create_task(b, c"big".as_ptr(), UploadOption::LicenseOnly as u32, err)
        })
        .unwrap();
        for (added, expected) in [(1000, (1000, 500, 1500)), (0, (1000, 2000, 3000))] {
            let mut out: *mut mpp_add_outcome = ptr::null_mut();
            call(|err| mpp_board_add_upload(b, c"big".as_ptr(), up.c, &mut out, err)).unwrap();
            assert_eq!(mpp_add_outcome_added(out), added);
            mpp_add_outcome_free(out);
            call(|err| mpp_task_upload_counts(task(b, "big"), &mut counts, err)).unwrap();
            assert_eq!((counts.added, counts.errors, counts.total), expected);
        }
        mpp_board_free(b);
        // A board at the limit loads; the next upload is refused whole, nothing added.
        let mut doc: serde_json::Value =
            serde_json::from_str(&audited_core_board().to_json()).unwrap();
        doc["tasks"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({
                "name": "full", "option": "license_only", "status": "draft",
                "uploads": {"added": 0, "errors": mpp_migration::MAX_UPLOAD_COUNT, "total": mpp_migration::MAX_UPLOAD_COUNT},
                "devices": []
            }));
        let full = c_board_from(&doc.to_string()).unwrap();
        let before = board_json(full);
        let mut out: *mut mpp_add_outcome = ptr::dangling_mut();
        expect_err(
            ErrorCode::UploadCountLimit.number(),
            call(|err| mpp_board_add_upload(full, c"full".as_ptr(), up.c, &mut out, err)),
            "limit",
        );
        assert_eq!(out, ptr::dangling_mut());
        assert_eq!(board_json(full), before);
        mpp_board_free(full);
    }
}

#[test]
fn automatic_completion_through_c_always_checks_auto1_auto2() {
    let mut core = Board::new();
    core.create_task("t", UploadOption::LicenseOnly).unwrap();
    core.add_devices("t", [core_phone(1, "8845"), core_phone(2, "8845")])
        .unwrap();
    core.apply("t", TaskEvent::StartPreparation).unwrap();
    core.refresh(
        "t",
        [
            TaskEvent::Prepared { mac: core_mac(1) },
            TaskEvent::Prepared { mac: core_mac(2) },
        ],
    )
    .unwrap();
    let b = c_board_from(&core.to_json()).unwrap();
    let before = board_json(b);
    let auto = CompletionMode::Automatic as u32;
    let ccuc = ErrorCode::CloudConnectedUcRequired.number();
    let mut st = TaskStatus::Draft;
    let m1 = cs(&core_mac(1).to_string());
    let m2 = cs(&core_mac(2).to_string());
    let macs = [m1.as_ptr()];
    // SAFETY: live handles, valid pointers; everything freed once.
    unsafe {
        expect_err(
            ccuc,
            call(|err| mpp_board_complete(b, c"t".as_ptr(), auto, &mut st, err)),
            "AUTO-1",
        );
        expect_err(
            ccuc,
            call(|err| {
                mpp_board_complete_subset(
                    b,
                    c"t".as_ptr(),
                    macs.as_ptr(),
                    1,
                    c"t-1".as_ptr(),
                    auto,
                    &mut st,
                    err,
                )
            }),
            "complete_subset_automatic",
        );
        let options = |ccuc: bool, tftp: &CStr, server: &CStr| {
            let mut o: *mut mpp_migration_ffi::mpp_auto_plan_options = ptr::null_mut();
            call(|err| {
                mpp_migration_ffi::mpp_auto_plan_options_new(
                    ccuc,
                    tftp.as_ptr(),
                    server.as_ptr(),
                    &mut o,
                    err,
                )
            })
            .unwrap();
            o
        };
        for (o, code) in [
            (options(false, c"Unified CM TFTP", c"tftp"), ccuc),
            (
                options(true, c"", c"tftp"),
                ErrorCode::TftpServerRequired.number(),
            ),
            (
                options(true, c"Unified CM TFTP", c" "),
                ErrorCode::LoadServerRequired.number(),
            ),
        ] {
            let mut plan: *mut mpp_migration_ffi::mpp_auto_plan = ptr::dangling_mut();
            let e = call(|err| {
                mpp_migration_ffi::mpp_board_complete_subset_automatic(
                    b,
                    c"t".as_ptr(),
                    macs.as_ptr(),
                    1,
                    c"t-1".as_ptr(),
                    o,
                    &mut plan,
                    err,
                )
            })
            .unwrap_err();
            assert_eq!(e.number, code, "{e:?}");
            assert_eq!(plan, ptr::dangling_mut());
            let e = call(|err| {
                mpp_migration_ffi::mpp_board_complete_automatic(b, c"t".as_ptr(), o, &mut plan, err)
            })
            .unwrap_err();
            assert_eq!(e.number, code, "{e:?}");
            mpp_migration_ffi::mpp_auto_plan_options_free(o);
        }
        assert_eq!(board_json(b), before, "nothing changed");
        let o = options(true, c"Unified CM TFTP", c"tftp.example.com");
        let mut plan: *mut mpp_migration_ffi::mpp_auto_plan = ptr::null_mut();
        call(|err| {
            mpp_migration_ffi::mpp_board_complete_subset_automatic(
                b,
                c"t".as_ptr(),
                macs.as_ptr(),
                1,
                c"t-1".as_ptr(),
                o,
                &mut plan,
                err,
            )
        })
        .unwrap();
        assert_eq!(mpp_migration_ffi::mpp_auto_plan_batch_count(plan), 1);
        assert_eq!(s(mpp_migration_ffi::mpp_auto_plan_task_name(plan)), "t-1");
        mpp_migration_ffi::mpp_auto_plan_free(plan);
        mpp_migration_ffi::mpp_auto_plan_options_free(o);
        assert_eq!(
            mpp_task_status_of(task(b, "t-1")),
            TaskStatus::AutoMigrationComplete
        );
        // Repeated reports are no-ops; a failed device retried is reported migrated.
        let reason = c"TFTP timeout";
        for _ in 0..2 {
            call(|err| {
                mpp_board_report_migration_failed(
                    b,
                    c"t-1".as_ptr(),
                    m1.as_ptr(),
                    reason.as_ptr(),
                    &mut st,
                    err,
                )
            })
            .unwrap();
        }
        for _ in 0..2 {
            call(|err| mpp_board_report_migrated(b, c"t-1".as_ptr(), m1.as_ptr(), &mut st, err))
                .unwrap();
        }
        let mut tabs = std::mem::zeroed();
        call(|err| mpp_task_tab_counts(task(b, "t-1"), &mut tabs, err)).unwrap();
        assert_eq!(tabs.completed, 1);
        // The device left in t is still Ready: it was never reported migrated there.
        expect_err(
            ErrorCode::TransitionRefused.number(),
            call(|err| mpp_board_report_migrated(b, c"t".as_ptr(), m2.as_ptr(), &mut st, err)),
            "",
        );
        mpp_board_free(b);
    }
}
