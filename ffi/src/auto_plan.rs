//! The automatic completion in C (AUTO-1 to AUTO-4): its options, the plan of a task that is
//! Ready for migration (batches of at most 200 devices and the cautions), its files.

use mpp_migration::{AutoPlan, AutoPlanOptions, Mac, OutputFile, plan_automatic};

use crate::prelude::*;

/// The most devices in one batch of the automatic completion (AUTO-3); equal to the core's
/// `AUTO_BATCH_SIZE`.
pub const MPP_AUTO_BATCH_SIZE: usize = 200;

/// What the administrator picks for the automatic completion: Cloud Connected UC (AUTO-1), the
/// TFTP server type and load server (AUTO-2), the batch size (AUTO-3). Create with
/// `mpp_auto_plan_options_new`, free with `mpp_auto_plan_options_free`; plans made with them
/// copy what they need.
pub struct mpp_auto_plan_options {
    options: AutoPlanOptions,
}

/// Makes the options of an automatic completion, with batches of `MPP_AUTO_BATCH_SIZE`. They
/// are checked when a plan is made (`mpp_plan_automatic`), not here: an empty server is
/// accepted now and refused then.
///
/// On success returns `MPP_OK` and stores in `*out` options to free with
/// `mpp_auto_plan_options_free`. On failure writes nothing and returns
/// `MPP_ERROR_CODE_NULL_POINTER` / `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// `tftp_server_type` and `load_server` must each be NULL or a NUL-terminated string; `out`
/// must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_options_new(
    cloud_connected_uc: bool,
    tftp_server_type: *const c_char,
    load_server: *const c_char,
    out: *mut *mut mpp_auto_plan_options,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let tftp_server_type = arg_str(tftp_server_type, "tftp_server_type")?;
        let load_server = arg_str(load_server, "load_server")?;
        out_param(out, "out")?.put(into_raw(mpp_auto_plan_options {
            options: AutoPlanOptions::new(cloud_connected_uc, tftp_server_type, load_server),
        }))
    })
}

/// Sets the devices per batch. The planning refuses a size outside 1 to `MPP_AUTO_BATCH_SIZE`
/// (AUTO-3).
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or live options not used by another thread during the call; `err` must
/// be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_options_set_batch_size(
    opts: *mut mpp_auto_plan_options,
    batch_size: usize,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        arg_mut(opts, "opts")?.options.batch_size = batch_size;
        Ok(())
    })
}

/// Frees options. NULL is a no-op.
///
/// # Safety
/// `opts` must be NULL or options from `mpp_auto_plan_options_new`, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_options_free(opts: *mut mpp_auto_plan_options) {
    free_box!(opts)
}

/// The automatic completion of a task: its batches, in order, and the cautions. Made by
/// `mpp_plan_automatic` or `mpp_board_complete_automatic`; free it with
/// `mpp_auto_plan_free`, which ends the life of everything borrowed from it.
pub struct mpp_auto_plan {
    plan: AutoPlan,
    /// Task name, TFTP server type, load server.
    texts: CStrings<3>,
    /// The MACs of each batch.
    batches: LazySlots<CStrings<1>>,
    findings: LazySlots<mpp_finding>,
}

handles!(Owned: mpp_auto_plan_options, mpp_auto_plan);

impl Files for mpp_auto_plan {
    fn files(&self) -> Vec<OutputFile> {
        self.plan.files()
    }
}

from_core!(mpp_auto_plan {
    plan: AutoPlan,
    texts,
    batches,
    findings
});

impl mpp_auto_plan {
    /// The plan.
    pub(crate) fn get(&self) -> &AutoPlan {
        &self.plan
    }
}

/// Plans the automatic completion of a task that is Ready for migration (TASK-7): checks the
/// prerequisites (AUTO-1, AUTO-2), then splits the ready devices, in the task's order, into
/// batches of at most the options' size (AUTO-3); Wi-Fi capable phones get the
/// wired-connection caution (AUTO-4, DEV-8). The task does not change: to complete it as well,
/// use `mpp_board_complete_automatic`.
///
/// On success returns `MPP_OK` and stores in `*out` a plan to free with `mpp_auto_plan_free`.
/// On failure writes nothing and returns `MPP_ERROR_CODE_COMPLETE_REQUIRES_READY`,
/// `MPP_ERROR_CODE_CLOUD_CONNECTED_UC_REQUIRED`, `MPP_ERROR_CODE_TFTP_SERVER_REQUIRED`,
/// `MPP_ERROR_CODE_LOAD_SERVER_REQUIRED`, `MPP_ERROR_CODE_INVALID_ARGUMENT` (a batch size
/// outside 1 to 200), or `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `task` must be NULL or a live task; `opts` must be NULL or live options; `out` must be valid
/// for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_plan_automatic(
    task: *const mpp_task,
    opts: *const mpp_auto_plan_options,
    out: *mut *mut mpp_auto_plan,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let task = arg_ref(task, "task")?;
        let opts = &arg_ref(opts, "opts")?.options;
        put_new(out, || plan_automatic(task.get()?, opts))
    })
}

/// Completes the migration of the task named `task` automatically: plans it as
/// `mpp_plan_automatic` does, then applies *Complete migration* (TASK-2, TASK-7, TASK-9 as
/// `mpp_board_complete` checks them); the task becomes *Auto migration complete* with its ready
/// devices In progress. Nothing changes when either refuses.
///
/// On success returns `MPP_OK` and stores in `*out` the plan, to free with
/// `mpp_auto_plan_free`. On failure writes nothing and returns as `mpp_plan_automatic` and
/// `mpp_board_complete` do, and `MPP_ERROR_CODE_TASK_NOT_FOUND`.
///
/// # Safety
/// `board` must be NULL or a live board not used by another thread during the call; `task`
/// must be NULL or a NUL-terminated string; `opts` must be NULL or live options; `out` must be
/// valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_complete_automatic(
    board: *mut mpp_board,
    task: *const c_char,
    opts: *const mpp_auto_plan_options,
    out: *mut *mut mpp_auto_plan,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let board = arg_mut(board, "board")?;
        let task = arg_str(task, "task")?;
        let opts = &arg_ref(opts, "opts")?.options;
        put_new(out, || board.change().complete_automatic(task, opts))
    })
}

/// *Complete migration* for some ready devices by the automatic path (TASK-7, AUTO-1 to
/// AUTO-3): the `count` devices at `macs` leave the task named `task` for a new task named
/// `new_name`, which is planned as `mpp_plan_automatic` does with `opts` and completed. This is
/// the automatic twin of `mpp_board_complete_subset`, which refuses the automatic mode because
/// it carries none of the choices AUTO-1 and AUTO-2 need. Nothing changes when anything is
/// refused.
///
/// On success returns `MPP_OK` and stores in `*out` the new task's plan, to free with
/// `mpp_auto_plan_free`. On failure writes nothing and returns as `mpp_board_complete_subset`
/// and `mpp_plan_automatic` do (`MPP_ERROR_CODE_CLOUD_CONNECTED_UC_REQUIRED`,
/// `MPP_ERROR_CODE_TFTP_SERVER_REQUIRED`, `MPP_ERROR_CODE_LOAD_SERVER_REQUIRED`).
///
/// # Safety
/// As `mpp_board_complete_automatic`; `macs` must be NULL or point to `count` pointers, each
/// NULL or a NUL-terminated string; `new_name` must be NULL or a NUL-terminated string.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_complete_subset_automatic(
    board: *mut mpp_board,
    task: *const c_char,
    macs: *const *const c_char,
    count: usize,
    new_name: *const c_char,
    opts: *const mpp_auto_plan_options,
    out: *mut *mut mpp_auto_plan,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let board = arg_mut(board, "board")?;
        let task = arg_str(task, "task")?;
        let macs = arg_macs(macs, count, "macs")?;
        let new_name = arg_str(new_name, "new_name")?;
        let opts = &arg_ref(opts, "opts")?.options;
        put_new(out, || {
            board
                .change()
                .complete_subset_automatic(task, &macs, new_name, opts)
        })
    })
}

/// The name of the task planned. Borrowed from the plan. NULL when `p` is NULL.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_task_name(p: *const mpp_auto_plan) -> *const c_char {
    lend!(p, |p| p.texts.one(0, || p.plan.task().as_str()))
}

/// The TFTP server type picked (AUTO-2), trimmed. Borrowed from the plan. NULL when `p` is
/// NULL.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_tftp_server_type(p: *const mpp_auto_plan) -> *const c_char {
    lend!(p, |p| p.texts.one(1, || p.plan.tftp_server_type()))
}

/// The Unified CM TFTP load server (AUTO-2), trimmed. Borrowed from the plan. NULL when `p` is
/// NULL.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_load_server(p: *const mpp_auto_plan) -> *const c_char {
    lend!(p, |p| p.texts.one(2, || p.plan.load_server()))
}

/// How many batches the plan has; 0 for NULL.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_batch_count(p: *const mpp_auto_plan) -> usize {
    read!(p, 0, |p| p.plan.batches().len())
}

/// How many devices the `batch`-th batch (from 0) has: at most the batch size (AUTO-3); 0 when
/// `p` is NULL or `batch` is out of range.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_batch_size_at(
    p: *const mpp_auto_plan,
    batch: usize,
) -> usize {
    read!(p, 0, |p| p.plan.batches().get(batch).map_or(0, Vec::len))
}

/// The MAC of the `index`-th device of the `batch`-th batch (both from 0), 12 upper-case
/// hexadecimal digits. Borrowed from the plan. NULL when `p` is NULL or either index is out of
/// range.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_batch_device_at(
    p: *const mpp_auto_plan,
    batch: usize,
    index: usize,
) -> *const c_char {
    lend!(p, |p| {
        let macs = p.plan.batches().get(batch)?;
        let texts = p
            .batches
            .of(p.plan.batches(), batch, |_| CStrings::default())?;
        texts.at(0, macs, index, Mac::to_string)
    })
}

/// The number (from 1, as the batches file and the status report count) of the batch holding
/// the device with this MAC (any spelling DEV-6 accepts).
///
/// On success returns `MPP_OK` and stores the number in `*out`, or 0 when no batch holds the
/// device. On failure writes nothing and returns a `MPP_ERROR_CODE_MAC_*` code, or
/// `MPP_ERROR_CODE_NULL_POINTER` / `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// `p` must be NULL or a live plan; `mac` must be NULL or a NUL-terminated string; `out` must
/// be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_batch_of(
    p: *const mpp_auto_plan,
    mac: *const c_char,
    out: *mut usize,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let p = arg_ref(p, "plan")?;
        let mac = arg_mac(mac, "mac")?;
        out_param(out, "out")?.put(p.plan.batch_of(mac).unwrap_or(0))
    })
}

/// How many cautions the plan has; 0 for NULL.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_finding_count(p: *const mpp_auto_plan) -> usize {
    read!(p, 0, |p| p.plan.findings().len())
}

/// The `index`-th caution (warnings): wired connection for Wi-Fi capable phones (AUTO-4,
/// DEV-8), firmware to upgrade first (EXT-6). Borrowed from the plan. NULL when `p` is NULL or
/// `index` is out of range.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_finding_at(
    p: *const mpp_auto_plan,
    index: usize,
) -> *const mpp_finding {
    lend!(p, |p| p.findings.view(p.plan.findings(), index))
}

/// The batches as CSV: Batch, Device Name, MAC Address, Model (lines end with CR LF).
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// Returns `MPP_ERROR_CODE_NULL_POINTER` when `p` or `out` is NULL, writing nothing.
///
/// # Safety
/// `p` must be NULL or a live plan; `out` must be valid for one write; `err` must be NULL or
/// valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_batches_csv(
    p: *const mpp_auto_plan,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(p, "plan", out, err, |p| p.plan.batches_csv())
}

/// What the administrator does, step by step, with the cautions.
///
/// Returns as `mpp_auto_plan_batches_csv`.
///
/// # Safety
/// As `mpp_auto_plan_batches_csv`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_instructions_text(
    p: *const mpp_auto_plan,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(p, "plan", out, err, |p| p.plan.instructions_text())
}

/// The plan as JSON: task, server choices, batches and cautions.
///
/// Returns as `mpp_auto_plan_batches_csv`.
///
/// # Safety
/// As `mpp_auto_plan_batches_csv`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_to_json(
    p: *const mpp_auto_plan,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(p, "plan", out, err, |p| p.plan.to_json())
}

/// Writes the plan's three files into the directory `dir` (created if missing):
/// `<task>_auto_batches.csv`, `<task>_auto_instructions.txt` and `<task>_auto_plan.json`. Each
/// file is written whole or not at all; unless `overwrite`, an existing file stops everything
/// before anything is written.
///
/// Returns `MPP_OK`, or on failure `MPP_ERROR_CODE_OUTPUT_EXISTS`, `MPP_ERROR_CODE_IO_ERROR`
/// (naming the path), or `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `p` must be NULL or a live plan; `dir` must be NULL or a NUL-terminated string (on Unix any
/// bytes, elsewhere UTF-8); `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_write(
    p: *const mpp_auto_plan,
    dir: *const c_char,
    overwrite: bool,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || write_files(p, "plan", dir, overwrite))
}

/// Frees a plan, with everything borrowed from it. NULL is a no-op.
///
/// # Safety
/// `p` must be NULL or a plan from this library, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_auto_plan_free(p: *mut mpp_auto_plan) {
    free_box!(p)
}
