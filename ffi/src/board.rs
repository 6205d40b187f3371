//! The board of an organisation's migration tasks in C (TASK-1 to TASK-9, DEV-6, ELIG-2,
//! ELIG-3): tasks made, filled from uploads and moved through their statuses by the events the
//! host reports, saved and loaded.
//!
//! The core's events carry data (a MAC, a reason, a mode), which C cannot pass as one value:
//! each event has its own function, `mpp_board_<event>`, that names the task, builds the core's
//! `TaskEvent` and applies it through `Board::apply`, and stores the task's new status.
//!
//! A board lends views of its tasks (`const mpp_task *`). They are built on first access and
//! go stale when the board is next passed as `mpp_board *` (every such function may change
//! it): a stale view refuses to read its task, and its memory is kept until the board is freed,
//! so a view is never read after its task changed and never points at freed memory.

use mpp_migration::{AddOutcome, Board, CompletionMode, TaskEvent, TaskStatus};

use crate::prelude::*;

/// The tasks of an organisation and the rules between them: unique names (TASK-1), one task in
/// progress (TASK-2), a device in one task only (DEV-6). Made by `mpp_board_new`,
/// `mpp_board_new_with_table` or `mpp_board_from_json`; free it with `mpp_board_free`.
///
/// The tasks it lends (`mpp_board_task`, `mpp_board_task_at`, `mpp_board_in_progress`,
/// `mpp_board_task_of`) and everything borrowed from them stay in memory until the board is
/// freed, and show their task until the board is next passed to a function that takes it as
/// `mpp_board *` (whether or not that call succeeds). After that they are stale: reads give
/// NULL or `MPP_ERROR_CODE_VIEW_STALE` (see `mpp_task`); look the task up again. The board
/// keeps the memory of every view it lent until `mpp_board_free`, so a host that lends views
/// between millions of changes should free and reload the board now and then.
pub struct mpp_board {
    board: Board,
    views: LazySlots<mpp_task>,
    /// Views lent before earlier changes: stale, kept so that no pointer C holds is freed.
    retired: Vec<LazySlots<mpp_task>>,
    generation: Generation,
}

handles!(Owned: mpp_board);

from_core!(mpp_board {
    board: Board,
    views,
    retired,
    generation
});

impl mpp_board {
    /// The board, to change: the views lent so far go stale here, before anything changes,
    /// and are kept (not freed) until the board is.
    pub(crate) fn change(&mut self) -> &mut Board {
        self.generation.advance();
        let lent = std::mem::take(&mut self.views);
        if lent.is_used() {
            self.retired.push(lent);
        }
        &mut self.board
    }

    /// The view of the `index`-th task.
    fn view_at(&self, index: usize) -> Option<&mpp_task> {
        let tasks = self.board.tasks();
        self.views.get(tasks.len(), index, |i| {
            // SAFETY: the task stays in place and unchanged while the stamp is current: every
            // change of the board goes through `change`, which advances the generation first.
            unsafe { mpp_task::new(&tasks[i], self.generation.stamp()) }
        })
    }
}

/// Makes an empty board that checks devices with the Control Hub eligibility table.
///
/// On success returns `MPP_OK` and stores in `*out` a board to free with `mpp_board_free`.
/// Returns `MPP_ERROR_CODE_NULL_POINTER` when `out` is NULL.
///
/// # Safety
/// `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_new(
    out: *mut *mut mpp_board,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || new_out(out, || Ok(Board::new())))
}

/// Makes an empty board that checks devices with `table` (ELIG-1, EXT-4). The board keeps its
/// own reference: `table` may be freed afterwards.
///
/// Returns as `mpp_board_new`, and `MPP_ERROR_CODE_NULL_POINTER` when `table` is NULL.
///
/// # Safety
/// `table` must be NULL or a live table; `out` must be valid for one write; `err` must be NULL
/// or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_new_with_table(
    table: *const mpp_eligibility_table,
    out: *mut *mut mpp_board,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || new_out(out, || {
        let table = arg_ref(table, "table")?;
        Ok(Board::with_eligibility(table.shared()))
    }))
}

/// Reads a board saved by `mpp_board_to_json` (`len` bytes of UTF-8 at `json`). A document that
/// is malformed, of another format version, or that breaks an invariant (two tasks in
/// progress, a task of more than 1000 devices, a device in two tasks, a status that does not
/// fit its devices, an eligibility other than the board's table gives the device, a device
/// ELIG-2 forbids in Ready, an assignment the upload would refuse, counts beyond 2^53 - 1 or
/// with Added + Errors != Total, a completion mode that does not fit the status, a last error
/// outside the Error tab) is refused as a whole, the message naming the task, the device and
/// the rule: what loads is what the library could have made. The board has no directory (see
/// `mpp_board_set_directory`).
///
/// On success returns `MPP_OK` and stores in `*out` a board to free with `mpp_board_free`. On
/// failure writes nothing and returns `MPP_ERROR_CODE_JSON_INVALID`,
/// `MPP_ERROR_CODE_DOCUMENT_VERSION_UNSUPPORTED`, `MPP_ERROR_CODE_DOCUMENT_INVALID`,
/// `MPP_ERROR_CODE_ELIGIBILITY_TABLE_INVALID` (a host's table carried by the document),
/// `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8` for bytes that are not UTF-8, or
/// `MPP_ERROR_CODE_NULL_POINTER` (also for a NULL `json`, whatever `len` is).
///
/// # Safety
/// `json` must be NULL or point to `len` readable bytes; `out` must be valid for one write;
/// `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_from_json(
    json: *const u8,
    len: usize,
    out: *mut *mut mpp_board,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || new_out(out, || {
        Board::from_json(arg_utf8(arg_document(json, len, "json")?, "json")?)
    }))
}

/// The board as a JSON document (format 1), which `mpp_board_from_json` reads back as it was:
/// its eligibility table (by name, or whole when it is a host's) and every task with its
/// devices. The directory is not saved.
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// Returns `MPP_ERROR_CODE_NULL_POINTER` when `board` or `out` is NULL, writing nothing.
///
/// # Safety
/// `board` must be NULL or a live board; `out` must be valid for one write; `err` must be NULL
/// or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_to_json(
    board: *const mpp_board,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(board, "board", out, err, |board| board.board.to_json())
}

/// Frees a board, with every task and device borrowed from it. NULL is a no-op.
///
/// # Safety
/// `board` must be NULL or a board from this library, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_free(board: *mut mpp_board) {
    free_box!(board)
}

/// Gives the board the organisation's directory, so that *Complete migration* of a *license
/// only* task checks that its devices are already in Webex Calling (TASK-9). The board keeps
/// its own reference: `directory` may be freed afterwards.
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_NULL_POINTER` when `board` or `directory` is NULL.
///
/// # Safety
/// `board` must be NULL or a live board not used by another thread during the call;
/// `directory` must be NULL or a live directory; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_set_directory(
    board: *mut mpp_board,
    directory: *const mpp_directory,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || with_mut(board, "board", |b| {
        let directory = arg_ref(directory, "directory")?;
        b.change().set_directory(directory.shared());
        Ok(())
    }))
}

/// Creates an empty task in Draft named `name` for `option` (an `mpp_upload_option`, TASK-3).
/// A name is 1 to 80 letters, digits, `-`, `_` and `.`, not starting with a dot, and unique on
/// the board regardless of case (TASK-1). A task may be created while another is in progress;
/// it only cannot start (TASK-2).
///
/// Returns `MPP_OK`, or on failure changes nothing and returns
/// `MPP_ERROR_CODE_TASK_NAME_INVALID` (the suggestion is a valid name),
/// `MPP_ERROR_CODE_TASK_NAME_TAKEN` (the suggestion is a free name),
/// `MPP_ERROR_CODE_INVALID_ARGUMENT` for a number that is no option, or
/// `MPP_ERROR_CODE_NULL_POINTER` / `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// `board` must be NULL or a live board not used by another thread during the call; `name`
/// must be NULL or a NUL-terminated string; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_create_task(
    board: *mut mpp_board,
    name: *const c_char,
    option: u32,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || with_mut(board, "board", |b| {
        let name = arg_str(name, "name")?;
        let option = upload_option(option)?;
        b.change().create_task(name, option)?;
        Ok(())
    }))
}

/// Removes the task named `name` and frees its devices for other tasks; not while it is in
/// progress (TASK-2).
///
/// Returns `MPP_OK`, or on failure changes nothing and returns `MPP_ERROR_CODE_TASK_NOT_FOUND`,
/// `MPP_ERROR_CODE_TRANSITION_REFUSED` (in progress: cancel it first), or
/// `MPP_ERROR_CODE_NULL_POINTER` / `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// As `mpp_board_create_task`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_remove_task(
    board: *mut mpp_board,
    name: *const c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || with_mut(board, "board", |b| {
        let name = arg_str(name, "name")?;
        b.change().remove_task(name)?;
        Ok(())
    }))
}

/// A task name that no task of the board has yet, made from free text (TASK-1): "HQ wave 1"
/// gives "HQ_wave_1", or "HQ_wave_1-2" when that is taken.
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// On failure writes nothing and returns `MPP_ERROR_CODE_NULL_POINTER` /
/// `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// `board` must be NULL or a live board; `text` must be NULL or a NUL-terminated string; `out`
/// must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_suggest_task_name(
    board: *const mpp_board,
    text: *const c_char,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let board = arg_ref(board, "board")?;
        let text = arg_str(text, "text")?;
        out_param(out, "out")?.put(to_c_string(board.board.suggest_task_name(text).as_str())?)
    })
}

/// How many tasks the board has; 0 for NULL.
///
/// # Safety
/// `board` must be NULL or a live board.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_task_count(board: *const mpp_board) -> usize {
    read!(board, 0, |b| b.board.tasks().len())
}

/// The `index`-th task, in the order they were created. Borrowed from the board (see
/// `mpp_board`). NULL when `board` is NULL or `index` is out of range.
///
/// # Safety
/// `board` must be NULL or a live board.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_task_at(
    board: *const mpp_board,
    index: usize,
) -> *const mpp_task {
    lend!(board, |b| b.view_at(index))
}

/// The task named `name` (regardless of case, TASK-1). Borrowed from the board: valid until
/// the board is next passed as `mpp_board *` or freed (see `mpp_board`). NULL when no task has
/// the name, and when `board` or `name` is NULL or `name` is not UTF-8.
///
/// # Safety
/// `board` must be NULL or a live board; `name` must be NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_task(
    board: *const mpp_board,
    name: *const c_char,
) -> *const mpp_task {
    lend!(board, |b| b
        .view_at(b.board.task_index(arg_str(name, "name").ok()?)?))
}

/// The task in progress, if one is (TASK-2): borrowed from the board as `mpp_board_task`'s.
/// NULL when none is, and for NULL.
///
/// # Safety
/// `board` must be NULL or a live board.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_in_progress(board: *const mpp_board) -> *const mpp_task {
    lend!(board, |b| b.view_at(b.board.in_progress_index()?))
}

/// The task holding the device with this MAC (DEV-6), in any spelling DEV-6 accepts.
///
/// On success returns `MPP_OK` and stores in `*out` the task, borrowed from the board as
/// `mpp_board_task`'s, or NULL when no task holds the device. On failure writes nothing and
/// returns a `MPP_ERROR_CODE_MAC_*` code for a MAC that cannot be read, or
/// `MPP_ERROR_CODE_NULL_POINTER` / `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// `board` must be NULL or a live board; `mac` must be NULL or a NUL-terminated string; `out`
/// must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_task_of(
    board: *const mpp_board,
    mac: *const c_char,
    out: *mut *const mpp_task,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let b = arg_ref(board, "board")?;
        let mac = arg_mac(mac, "mac")?;
        let task = b.board.task_index_of(mac).and_then(|i| b.view_at(i));
        out_param(out, "out")?.put(task.map_or(ptr::null(), Lend::lend))
    })
}

/// What adding devices did: how many were added, and a finding for each device that was not.
/// Free it with `mpp_add_outcome_free`.
pub struct mpp_add_outcome {
    outcome: AddOutcome,
    findings: LazySlots<mpp_finding>,
}

handles!(Owned: mpp_add_outcome);

from_core!(mpp_add_outcome {
    outcome: AddOutcome,
    findings
});

/// Adds devices through `add` and stores the outcome in `*out`.
///
/// # Safety
/// As for the exports below.
unsafe fn add_out(
    board: *mut mpp_board,
    out: *mut *mut mpp_add_outcome,
    add: impl FnOnce(&mut mpp_board) -> Result<AddOutcome, Error>,
) -> Result<(), Error> {
    // SAFETY: the caller upholds the pointer contracts of the export.
    unsafe { with_mut(board, "board", |b| put_new(out, || add(b))) }
}

/// Adds the accepted devices of an upload report and its counts (CSV-14) to the task named
/// `task`, which must be in Draft and of the report's option (TASK-3). Eligibility is checked
/// with the board's table (ELIG-1). A device already in this task (DEV-6) or in another
/// (DEV-6), or beyond the 1000th (ELIG-3), is not added: each gets a finding, at its upload row.
/// The task's counts grow by what it really took (DEC-1): Added by the devices added, Errors by
/// every other row, Total by the rows uploaded.
///
/// On success returns `MPP_OK` and stores in `*out` the outcome, to free with
/// `mpp_add_outcome_free`. On failure changes nothing, writes nothing and returns
/// `MPP_ERROR_CODE_TASK_NOT_FOUND`, `MPP_ERROR_CODE_TASK_OPTION_MISMATCH`,
/// `MPP_ERROR_CODE_TRANSITION_REFUSED` (the task is not in Draft), `MPP_ERROR_CODE_TASK_PAUSED`,
/// `MPP_ERROR_CODE_UPLOAD_COUNT_LIMIT` (the counts would pass 2^53 - 1),
/// or `MPP_ERROR_CODE_NULL_POINTER` / `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// `board` must be NULL or a live board not used by another thread during the call; `task`
/// must be NULL or a NUL-terminated string; `report` must be NULL or a live report; `out` must
/// be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_add_upload(
    board: *mut mpp_board,
    task: *const c_char,
    report: *const mpp_report,
    out: *mut *mut mpp_add_outcome,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || add_out(board, out, |b| {
        let task = arg_str(task, "task")?;
        let report = arg_ref(report, "report")?;
        b.change().add_upload(task, report.get())
    }))
}

/// Adds `count` devices (borrowed from reports or upload rows; copied) to the task named
/// `task`, which must be in Draft, without any upload counts. As `mpp_board_add_upload`, a
/// device already in a task or beyond the 1000th gets a finding. `devices` may be NULL when
/// `count` is 0.
///
/// Returns as `mpp_board_add_upload`; a NULL device is refused by its index (`devices[1]`).
///
/// # Safety
/// `board` must be NULL or a live board not used by another thread during the call; `task`
/// must be NULL or a NUL-terminated string; `devices` must be NULL or point to `count`
/// pointers, each NULL or a live device; `out` must be valid for one write; `err` must be NULL
/// or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_add_devices(
    board: *mut mpp_board,
    task: *const c_char,
    devices: *const *const mpp_device,
    count: usize,
    out: *mut *mut mpp_add_outcome,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || add_out(board, out, |b| {
        let task = arg_str(task, "task")?;
        let devices = arg_devices(devices, count, "devices")?;
        b.change().add_devices(task, devices)
    }))
}

/// Creates the default device task (TASK-8) named `name` for `option` (an
/// `mpp_upload_option`) from the accepted devices of `report`: the devices that can be
/// prepared go straight to Ready for migration, the rest to Error with the reason (ELIG-2).
/// Devices already in a task, and devices beyond the 1000th (ELIG-3), are findings.
///
/// On success returns `MPP_OK` and stores in `*out` the outcome, to free with
/// `mpp_add_outcome_free`. On failure writes nothing and returns as `mpp_board_create_task`.
///
/// # Safety
/// `board` must be NULL or a live board not used by another thread during the call; `name`
/// must be NULL or a NUL-terminated string; `report` must be NULL or a live report; `out` must
/// be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_create_default_task(
    board: *mut mpp_board,
    name: *const c_char,
    option: u32,
    report: *const mpp_report,
    out: *mut *mut mpp_add_outcome,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || add_out(board, out, |b| {
        let name = arg_str(name, "name")?;
        let option = upload_option(option)?;
        let report = arg_ref(report, "report")?;
        b.change()
            .create_default_task(name, option, report.get().devices().iter().cloned())
    }))
}

/// Creates the default device task (TASK-8) as `mpp_board_create_default_task` does, from
/// `count` devices of a host's inventory (made with `mpp_device_new`, or borrowed from a
/// report). A NULL entry is refused by its index.
///
/// # Safety
/// `board` must be NULL or a live board not used by another thread during the call; `name`
/// must be NULL or a NUL-terminated string; `devices` must be NULL (with `count` 0) or point to
/// `count` pointers, each NULL or a live device; `out` must be valid for one write; `err` must
/// be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_create_default_task_from_devices(
    board: *mut mpp_board,
    name: *const c_char,
    option: u32,
    devices: *const *const mpp_device,
    count: usize,
    out: *mut *mut mpp_add_outcome,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || add_out(board, out, |b| {
        let name = arg_str(name, "name")?;
        let option = upload_option(option)?;
        let devices = arg_devices(devices, count, "devices")?;
        b.change().create_default_task(name, option, devices)
    }))
}

/// How many devices were added; 0 for NULL.
///
/// # Safety
/// `o` must be NULL or a live outcome.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_add_outcome_added(o: *const mpp_add_outcome) -> usize {
    read!(o, 0, |o| o.outcome.added)
}

/// How many devices were not added, each with a finding; 0 for NULL.
///
/// # Safety
/// `o` must be NULL or a live outcome.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_add_outcome_finding_count(o: *const mpp_add_outcome) -> usize {
    read!(o, 0, |o| o.outcome.findings.len())
}

/// The `index`-th finding: `device_in_other_task`, `device_already_in_task` or `task_full`,
/// at the device's upload row and the MAC Address column when it came from an upload.
/// Borrowed from `o`: valid until `mpp_add_outcome_free(o)`. NULL when `o` is NULL or `index`
/// is out of range.
///
/// # Safety
/// `o` must be NULL or a live outcome.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_add_outcome_finding_at(
    o: *const mpp_add_outcome,
    index: usize,
) -> *const mpp_finding {
    lend!(o, |o| o.findings.view(&o.outcome.findings, index))
}

/// Frees an outcome and its findings. NULL is a no-op.
///
/// # Safety
/// `o` must be NULL or an outcome from this library, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_add_outcome_free(o: *mut mpp_add_outcome) {
    free_box!(o)
}

/// Applies the event `make` builds to the task named `task` and stores its new status.
///
/// # Safety
/// As for the event exports below.
unsafe fn apply(
    board: *mut mpp_board,
    task: *const c_char,
    out_status: *mut TaskStatus,
    make: impl FnOnce() -> Result<TaskEvent, Error>,
) -> Result<(), Error> {
    // SAFETY: the caller upholds the pointer contracts of the export.
    unsafe {
        with_mut(board, "board", |b| {
            let task = arg_str(task, "task")?;
            let event = make()?;
            out_param(out_status, "out_status")?.put(b.change().apply(task, event)?)
        })
    }
}

/// *Prepare for migration* (TASK-4, ELIG-2): the task goes In progress; its devices that cannot
/// be prepared (not eligible, or unknown while *Include unknown eligibility* is off) go to
/// Error with the reason, the others stay Pending until the host reports each prepared or
/// failed.
///
/// Every event function (`mpp_board_start_preparation` to `mpp_board_remove_devices`) names the
/// task, applies the event by the transition table (`mpp_transition`), and on success returns
/// `MPP_OK` and stores the task's new status in `*out_status`. A refused event changes nothing
/// and writes nothing; it returns `MPP_ERROR_CODE_TASK_NOT_FOUND`,
/// `MPP_ERROR_CODE_TRANSITION_REFUSED` or `MPP_ERROR_CODE_COMPLETE_REQUIRES_READY` (by the
/// table), `MPP_ERROR_CODE_TASK_PAUSED` (TASK-6), or `MPP_ERROR_CODE_NULL_POINTER` /
/// `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`, and the codes each names. This one also returns
/// `MPP_ERROR_CODE_TASK_IN_PROGRESS_EXISTS` when another task is in progress (TASK-2) and
/// `MPP_ERROR_CODE_TASK_EMPTY` when no device can be prepared.
///
/// # Safety
/// `board` must be NULL or a live board not used by another thread during the call; `task`
/// must be NULL or a NUL-terminated string; `out_status` must be valid for one write; `err`
/// must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_start_preparation(
    board: *mut mpp_board,
    task: *const c_char,
    out_status: *mut TaskStatus,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || apply(board, task, out_status, || {
        Ok(TaskEvent::StartPreparation)
    }))
}

/// The host reports the device with MAC `mac` prepared (*Refresh device status*, TASK-6): it
/// moves from Pending to Ready for migration, and once no device is pending the task follows
/// its devices (Ready for migration, Ready with errors, Review errors). A device in Error may be
/// reported prepared while preparation runs (a retry) when ELIG-2 lets it be prepared. A report
/// of what the task already records (the device is ready) changes nothing and returns `MPP_OK`.
///
/// Returns as `mpp_board_start_preparation`, and a `MPP_ERROR_CODE_MAC_*` code for a MAC that
/// cannot be read, `MPP_ERROR_CODE_DEVICE_NOT_IN_TASK`, `MPP_ERROR_CODE_DEVICE_WRONG_TAB` (not
/// Pending or Error), `MPP_ERROR_CODE_DEVICE_NOT_ELIGIBLE`.
///
/// # Safety
/// As `mpp_board_start_preparation`; `mac` must be NULL or a NUL-terminated string.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_report_prepared(
    board: *mut mpp_board,
    task: *const c_char,
    mac: *const c_char,
    out_status: *mut TaskStatus,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || apply(board, task, out_status, || {
        arg_mac(mac, "mac").map(|mac| TaskEvent::Prepared { mac })
    }))
}

/// The host reports the device with MAC `mac` failed preparation, `reason` as Control Hub
/// says: it moves from Pending (or Error, with the new reason) to Error. The same report again
/// changes nothing.
///
/// Returns as `mpp_board_report_prepared`.
///
/// # Safety
/// As `mpp_board_report_prepared`; `reason` must be NULL or a NUL-terminated string.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_report_preparation_failed(
    board: *mut mpp_board,
    task: *const c_char,
    mac: *const c_char,
    reason: *const c_char,
    out_status: *mut TaskStatus,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || apply(board, task, out_status, || {
        Ok(TaskEvent::PreparationFailed {
            mac: arg_mac(mac, "mac")?,
            reason: arg_str(reason, "reason")?.to_owned(),
        })
    }))
}

/// Fixed devices move from Error back to Ready for migration (TASK-5), all or none: `count`
/// MACs at `macs` (NULL allowed when `count` is 0). A device that is not eligible, or of unknown
/// eligibility while *Include unknown eligibility* is off, never moves (ELIG-2).
///
/// Returns as `mpp_board_report_prepared`, a MAC being refused by its index (`macs[1]`), and
/// `MPP_ERROR_CODE_DEVICE_NOT_ELIGIBLE`, `MPP_ERROR_CODE_DEVICE_ELIGIBILITY_UNKNOWN`.
///
/// # Safety
/// As `mpp_board_start_preparation`; `macs` must be NULL or point to `count` pointers, each
/// NULL or a NUL-terminated string.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_move_to_ready(
    board: *mut mpp_board,
    task: *const c_char,
    macs: *const *const c_char,
    count: usize,
    out_status: *mut TaskStatus,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || apply(board, task, out_status, || {
        arg_macs(macs, count, "macs").map(|macs| TaskEvent::MoveToReady { macs })
    }))
}

/// *Complete migration* for the whole task (TASK-7) by `mode` (an `mpp_completion_mode`): the
/// task must be Ready for migration; its ready devices go In progress and the task becomes
/// *Auto migration complete* or *Manual migration*. With a directory on the board, every device
/// of a *license only* task must already be in Webex Calling (TASK-9). To get the plan as well,
/// use `mpp_board_complete_automatic` or `mpp_board_complete_manual`. The automatic mode is
/// refused here (`MPP_ERROR_CODE_CLOUD_CONNECTED_UC_REQUIRED`): AUTO-1 and AUTO-2 need the
/// choices that only `mpp_board_complete_automatic` carries.
///
/// Returns as `mpp_board_start_preparation`, and `MPP_ERROR_CODE_INVALID_ARGUMENT` for a
/// number that is no mode, `MPP_ERROR_CODE_TASK_EMPTY`,
/// `MPP_ERROR_CODE_DEVICE_NOT_IN_WEBEX_CALLING`, `MPP_ERROR_CODE_CLOUD_CONNECTED_UC_REQUIRED`.
///
/// # Safety
/// As `mpp_board_start_preparation`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_complete(
    board: *mut mpp_board,
    task: *const c_char,
    mode: u32,
    out_status: *mut TaskStatus,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || apply(board, task, out_status, || {
        enum_arg(mode, "mode").map(|mode| TaskEvent::Complete { mode })
    }))
}

/// The host reports the device with MAC `mac` migrated: it moves from In progress to
/// Completed, or from Error when it failed to migrate and was retried (in a completed
/// migration only migration failures are in Error). Reporting a Completed device again changes
/// nothing.
///
/// Returns as `mpp_board_report_prepared` (`MPP_ERROR_CODE_DEVICE_WRONG_TAB` when it is not
/// In progress or Error).
///
/// # Safety
/// As `mpp_board_report_prepared`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_report_migrated(
    board: *mut mpp_board,
    task: *const c_char,
    mac: *const c_char,
    out_status: *mut TaskStatus,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || apply(board, task, out_status, || {
        arg_mac(mac, "mac").map(|mac| TaskEvent::Migrated { mac })
    }))
}

/// The host reports the device with MAC `mac` failed to migrate, `reason` as Unified CM or
/// Control Hub says: it moves from In progress (or Error, after a retry) to Error. The same
/// report again changes nothing.
///
/// Returns as `mpp_board_report_migrated`.
///
/// # Safety
/// As `mpp_board_report_preparation_failed`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_report_migration_failed(
    board: *mut mpp_board,
    task: *const c_char,
    mac: *const c_char,
    reason: *const c_char,
    out_status: *mut TaskStatus,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || apply(board, task, out_status, || {
        Ok(TaskEvent::MigrationFailed {
            mac: arg_mac(mac, "mac")?,
            reason: arg_str(reason, "reason")?.to_owned(),
        })
    }))
}

/// *Pause migration* (TASK-6): while something runs (preparation, or a migration). While
/// paused, only resume, cancel and the status report are accepted.
///
/// Returns as `mpp_board_start_preparation` (`MPP_ERROR_CODE_TRANSITION_REFUSED` when already
/// paused).
///
/// # Safety
/// As `mpp_board_start_preparation`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_pause(
    board: *mut mpp_board,
    task: *const c_char,
    out_status: *mut TaskStatus,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || apply(board, task, out_status, || Ok(
        TaskEvent::Pause
    )))
}

/// *Resume migration* (TASK-6).
///
/// Returns as `mpp_board_start_preparation` (`MPP_ERROR_CODE_TRANSITION_REFUSED` when not
/// paused).
///
/// # Safety
/// As `mpp_board_start_preparation`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_resume(
    board: *mut mpp_board,
    task: *const c_char,
    out_status: *mut TaskStatus,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || apply(board, task, out_status, || Ok(
        TaskEvent::Resume
    )))
}

/// *Cancel migration* (TASK-6): during preparation the task returns to Draft with every device
/// Pending; during a migration the devices still In progress return to Ready for migration and
/// the migrated ones stay Completed. A pause ends.
///
/// Returns as `mpp_board_start_preparation`.
///
/// # Safety
/// As `mpp_board_start_preparation`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_cancel(
    board: *mut mpp_board,
    task: *const c_char,
    out_status: *mut TaskStatus,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || apply(board, task, out_status, || Ok(
        TaskEvent::Cancel
    )))
}

/// Switches *Include unknown eligibility* (ELIG-2) on or off, in Draft: whether *Prepare for
/// migration* prepares devices of unknown eligibility.
///
/// Returns as `mpp_board_start_preparation`.
///
/// # Safety
/// As `mpp_board_start_preparation`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_set_include_unknown(
    board: *mut mpp_board,
    task: *const c_char,
    include_unknown: bool,
    out_status: *mut TaskStatus,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || apply(board, task, out_status, || {
        Ok(TaskEvent::SetIncludeUnknown(include_unknown))
    }))
}

/// Removes `count` devices, by MAC, from a task in Draft, all or none; they may then join
/// another task (DEV-6). `macs` may be NULL when `count` is 0.
///
/// Returns as `mpp_board_move_to_ready` (`MPP_ERROR_CODE_DEVICE_NOT_IN_TASK` for a MAC the task
/// does not hold).
///
/// # Safety
/// As `mpp_board_move_to_ready`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_remove_devices(
    board: *mut mpp_board,
    task: *const c_char,
    macs: *const *const c_char,
    count: usize,
    out_status: *mut TaskStatus,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || apply(board, task, out_status, || {
        arg_macs(macs, count, "macs").map(|macs| TaskEvent::RemoveDevices { macs })
    }))
}

/// *Complete migration* for some ready devices (TASK-7): the `count` devices at `macs`, each
/// in the Ready for migration tab of the task named `task` (which is Ready for migration, Ready
/// with errors, or in a migration with devices moved back to Ready), leave it for a new task
/// named `new_name`, which is then completed by `mode` (an `mpp_completion_mode`). Everything is checked before anything moves: the new name (TASK-1),
/// the devices, and the completion (TASK-9). The automatic mode is refused
/// (`MPP_ERROR_CODE_CLOUD_CONNECTED_UC_REQUIRED`, AUTO-1, AUTO-2): use
/// `mpp_board_complete_subset_automatic`.
///
/// On success returns `MPP_OK` and stores the new task's status in `*out_status` (the old
/// task follows its remaining devices). On failure changes nothing, writes nothing and returns
/// as `mpp_board_move_to_ready`, `mpp_board_create_task` and `mpp_board_complete` do, and
/// `MPP_ERROR_CODE_INVALID_ARGUMENT` when `count` is 0.
///
/// # Safety
/// As `mpp_board_move_to_ready`; `new_name` must be NULL or a NUL-terminated string.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_complete_subset(
    board: *mut mpp_board,
    task: *const c_char,
    macs: *const *const c_char,
    count: usize,
    new_name: *const c_char,
    mode: u32,
    out_status: *mut TaskStatus,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || with_mut(board, "board", |b| {
        let task = arg_str(task, "task")?;
        let macs = arg_macs(macs, count, "macs")?;
        let new_name = arg_str(new_name, "new_name")?;
        let mode: CompletionMode = enum_arg(mode, "mode")?;
        out_param(out_status, "out_status")?
            .put(b.change().complete_subset(task, &macs, new_name, mode)?)
    }))
}
