//! Fleet planning in C (ELIG-3, TASK-1): any number of devices split into tasks of at most
//! 1000, added to a board all or none.

use mpp_migration::{Device, FleetGrouping, FleetOptions, FleetPlan};

use crate::prelude::*;

/// The name of an `mpp_fleet_grouping` value: "none", "location" or "model"; NULL for any other
/// number. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_fleet_grouping_name(grouping: u32) -> *const c_char {
    name_of!(grouping, FleetGrouping::as_str)
}

/// How to plan a fleet: the start of the task names, the grouping, the most devices per task,
/// the option of the tasks and the eligibility table. Create with `mpp_fleet_options_new`,
/// free with `mpp_fleet_options_free`; plans made with them copy what they need.
pub struct mpp_fleet_options {
    options: FleetOptions,
}

handles!(Owned: mpp_fleet_options);

/// Makes fleet options: tasks for `option` (an `mpp_upload_option`, TASK-3) named
/// `{prefix}-001`, `{prefix}-002`… (the prefix made a valid name, TASK-1), of at most 1000
/// devices, not grouped, checked with the Control Hub table.
///
/// On success returns `MPP_OK` and stores in `*out` options to free with
/// `mpp_fleet_options_free`. On failure writes nothing and returns
/// `MPP_ERROR_CODE_INVALID_ARGUMENT` for a number that is no option, or
/// `MPP_ERROR_CODE_NULL_POINTER` / `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// `prefix` must be NULL or a NUL-terminated string; `out` must be valid for one write; `err`
/// must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_fleet_options_new(
    prefix: *const c_char,
    option: u32,
    out: *mut *mut mpp_fleet_options,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let prefix = arg_str(prefix, "prefix")?;
        let option = upload_option(option)?;
        out_param(out, "out")?.put(into_raw(mpp_fleet_options {
            options: FleetOptions::new(prefix, option),
        }))
    })
}

/// Groups the devices into tasks by `grouping` (an `mpp_fleet_grouping`): none (input order),
/// location, or model.
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_INVALID_ARGUMENT` for a number that is no grouping (the
/// options are then unchanged), or `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `opts` must be NULL or live options not used by another thread during the call; `err` must
/// be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_fleet_options_set_grouping(
    opts: *mut mpp_fleet_options,
    grouping: u32,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || with_mut(opts, "opts", |o| {
        o.options.group_by = enum_arg(grouping, "grouping")?;
        Ok(())
    }))
}

/// Sets the most devices per task. The planning refuses a number outside 1 to 1000 (ELIG-3).
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// As `mpp_fleet_options_set_grouping`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_fleet_options_set_max_devices(
    opts: *mut mpp_fleet_options,
    max_devices: usize,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || with_mut(opts, "opts", |o| {
        o.options.max_devices = max_devices;
        Ok(())
    }))
}

/// Checks the devices' eligibility with `table`, or, when `table` is NULL, with the Control Hub
/// table. The options keep their own reference: `table` may be freed afterwards.
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or live options not used by another thread during the call; `table`
/// must be NULL or a live table; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_fleet_options_set_eligibility_table(
    opts: *mut mpp_fleet_options,
    table: *const mpp_eligibility_table,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || with_mut(opts, "opts", |o| {
        o.options.eligibility = table_or_default(table);
        Ok(())
    }))
}

/// Frees fleet options. NULL is a no-op.
///
/// # Safety
/// `opts` must be NULL or options from `mpp_fleet_options_new`, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_fleet_options_free(opts: *mut mpp_fleet_options) {
    free_box!(opts)
}

/// A fleet split into tasks, and what could not be placed. Free it with
/// `mpp_fleet_plan_free`, which ends the life of every task and finding borrowed from it.
pub struct mpp_fleet_plan {
    plan: FleetPlan,
    tasks: LazySlots<mpp_task>,
    findings: LazySlots<mpp_finding>,
}

handles!(Owned: mpp_fleet_plan);

from_core!(mpp_fleet_plan {
    plan: FleetPlan,
    tasks,
    findings
});

impl mpp_fleet_plan {
    /// The view of the `index`-th task.
    fn task_at(&self, index: usize) -> Option<&mpp_task> {
        let tasks = &self.plan.tasks;
        self.tasks.get(tasks.len(), index, |i| {
            // SAFETY: the plan never changes, and its views are dropped with it.
            unsafe { mpp_task::new(&tasks[i], Stamp::fixed()) }
        })
    }
}

/// Plans `devices` and stores the plan in `*out`.
///
/// # Safety
/// As for the exports below.
unsafe fn plan_out(
    opts: *const mpp_fleet_options,
    out: *mut *mut mpp_fleet_plan,
    devices: impl FnOnce() -> Result<Vec<Device>, Error>,
) -> Result<(), Error> {
    // SAFETY: the caller upholds the pointer contracts of the export.
    unsafe {
        let devices = devices()?;
        let opts = arg_ref(opts, "opts")?;
        put_new(out, || mpp_migration::plan_fleet(&devices, &opts.options))
    }
}

/// Splits `count` devices (borrowed from reports or upload rows; copied) into tasks in Draft of
/// at most the options' maximum (ELIG-3), with unique valid names (TASK-1), grouped as the
/// options say. Deterministic: the same devices in the same order give the same plan. A MAC
/// given twice (DEV-6) and a device that does not fit the option (TASK-3) are left out, each
/// with a finding. `devices` may be NULL when `count` is 0.
///
/// On success returns `MPP_OK` and stores in `*out` a plan to free with `mpp_fleet_plan_free`.
/// On failure writes nothing and returns `MPP_ERROR_CODE_INVALID_ARGUMENT` for a maximum
/// outside 1 to 1000, or `MPP_ERROR_CODE_NULL_POINTER` (a NULL device by its index,
/// `devices[2]`).
///
/// # Safety
/// `devices` must be NULL or point to `count` pointers, each NULL or a live device; `opts` must
/// be NULL or live options; `out` must be valid for one write; `err` must be NULL or valid for
/// one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_plan_fleet(
    devices: *const *const mpp_device,
    count: usize,
    opts: *const mpp_fleet_options,
    out: *mut *mut mpp_fleet_plan,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || plan_out(opts, out, || arg_devices(
        devices, count, "devices"
    )))
}

/// Plans the accepted devices of an upload report, as `mpp_plan_fleet` does.
///
/// Returns as `mpp_plan_fleet`.
///
/// # Safety
/// `report` must be NULL or a live report; `opts` must be NULL or live options; `out` must be
/// valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_plan_fleet_report(
    report: *const mpp_report,
    opts: *const mpp_fleet_options,
    out: *mut *mut mpp_fleet_plan,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || plan_out(opts, out, || {
        Ok(arg_ref(report, "report")?.get().devices().to_vec())
    }))
}

/// How many tasks the plan has; 0 for NULL.
///
/// # Safety
/// `plan` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_fleet_plan_task_count(plan: *const mpp_fleet_plan) -> usize {
    read!(plan, 0, |p| p.plan.tasks.len())
}

/// The `index`-th task, in Draft: within each group in name order, groups in key order.
/// Borrowed from the plan: valid until `mpp_fleet_plan_free(plan)`. NULL when `plan` is NULL
/// or `index` is out of range.
///
/// # Safety
/// `plan` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_fleet_plan_task_at(
    plan: *const mpp_fleet_plan,
    index: usize,
) -> *const mpp_task {
    lend!(plan, |p| p.task_at(index))
}

/// How many devices were left out, each with a finding; 0 for NULL.
///
/// # Safety
/// `plan` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_fleet_plan_finding_count(plan: *const mpp_fleet_plan) -> usize {
    read!(plan, 0, |p| p.plan.findings.len())
}

/// The `index`-th finding: `device_already_in_task` for a MAC given twice,
/// `task_option_mismatch` for a device that does not fit the option, at the device's upload
/// row when it came from one. Borrowed from the plan. NULL when `plan` is NULL or `index` is
/// out of range.
///
/// # Safety
/// `plan` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_fleet_plan_finding_at(
    plan: *const mpp_fleet_plan,
    index: usize,
) -> *const mpp_finding {
    lend!(plan, |p| p.findings.view(&p.plan.findings, index))
}

/// Frees a plan, with every task and finding borrowed from it. NULL is a no-op.
///
/// # Safety
/// `plan` must be NULL or a plan from this library, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_fleet_plan_free(plan: *mut mpp_fleet_plan) {
    free_box!(plan)
}

/// Adds the tasks of a fleet plan to the board, all or none: a name already taken (TASK-1) or a
/// device already in one of the board's tasks (DEV-6) refuses the whole plan. The plan is
/// copied and stays as it was.
///
/// Returns `MPP_OK`, or on failure changes nothing and returns
/// `MPP_ERROR_CODE_TASK_NAME_TAKEN`, `MPP_ERROR_CODE_DOCUMENT_INVALID` (naming the broken
/// invariant), or `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `board` must be NULL or a live board not used by another thread during the call; `plan`
/// must be NULL or a live plan; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_add_fleet_plan(
    board: *mut mpp_board,
    plan: *const mpp_fleet_plan,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let board = arg_mut(board, "board")?;
        let plan = arg_ref(plan, "plan")?;
        board.change().add_tasks(plan.plan.tasks.clone())
    })
}
