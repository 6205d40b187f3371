//! A migration task in C (TASK-1 to TASK-9, ELIG-1 to ELIG-5): a read-only view of a task of a
//! board or of a fleet plan, its devices, their search and download, and the status report.
//!
//! An `mpp_task` is lent by its owner (`mpp_board_task`, `mpp_fleet_plan_task_at`) and points
//! at the owner's task rather than copying it. It carries a stamp of its owner's generation:
//! once the owner changed, the view is stale and every read through it gives NULL, a fallback
//! or `MPP_ERROR_CODE_VIEW_STALE` without touching the task. Its memory stays with the owner
//! until the owner is freed, so a stale view is never freed memory (issue 14). The views of
//! its devices are copies, built when first read and kept in the task's view.

use std::ptr::NonNull;

use mpp_migration::{
    DeviceTab, EligibilityStatus, PlanRef, Task, TaskDevice, TaskStatus, UploadOption,
};

use crate::prelude::*;

/// The most devices one task holds (ELIG-3); equal to the core's `MAX_TASK_DEVICES`.
pub const MPP_MAX_TASK_DEVICES: usize = 1000;

/// The longest task name, in characters (TASK-1); equal to the core's `MAX_TASK_NAME`.
pub const MPP_MAX_TASK_NAME: usize = 80;

/// What `mpp_task_completion_mode_of` returns for a task whose migration was not completed.
pub const MPP_COMPLETION_MODE_NONE: u32 = u32::MAX;

/// The eligibility filter of `mpp_task_search` that keeps every device.
pub const MPP_ELIGIBILITY_ANY: u32 = u32::MAX;

/// A migration task: its name, option, status, counters and devices. Borrowed, never freed by
/// itself; its memory, and everything borrowed from it (its devices, their findings and
/// strings), lives as long as its owner: the board (until `mpp_board_free`) or the fleet plan.
///
/// A task of a board (`mpp_board_task`, `mpp_board_task_at`) is *current* until the board is
/// next passed to a function that takes it as `mpp_board *` (any of them may change it,
/// whether or not it succeeds); then it is *stale*: `mpp_task_is_current` says false, its
/// accessors return NULL or their fallback, and its fallible functions return
/// `MPP_ERROR_CODE_VIEW_STALE`. Look the task up again for its new state. Device views already
/// read from it stay readable and show the device as it was. A board keeps the views it lent
/// until it is freed. A task of a fleet plan never goes stale.
pub struct mpp_task {
    task: NonNull<Task>,
    stamp: Stamp,
    /// The task's name.
    name: CStrings<1>,
    devices: LazySlots<mpp_task_device>,
}

handles!(Lent: mpp_task);

impl mpp_task {
    /// A view of `task`, stamped with its owner's generation.
    ///
    /// # Safety
    /// `task` must stay where it is and unchanged for as long as `stamp` is current: its owner
    /// advances its generation before it changes, moves or frees the task.
    pub(crate) unsafe fn new(task: &Task, stamp: Stamp) -> mpp_task {
        mpp_task {
            name: CStrings::default(),
            task: NonNull::from(task),
            stamp,
            devices: LazySlots::default(),
        }
    }

    /// The task, or `MPP_ERROR_CODE_VIEW_STALE` when its owner changed since the view was lent.
    pub(crate) fn get(&self) -> Result<&Task, Error> {
        if !self.stamp.is_current() {
            return Err(Error::new(
                ErrorCode::ViewStale,
                "this task view was lent before its board changed; look the task up again \
                 (mpp_board_task) to read its new state",
            ));
        }
        // SAFETY: the stamp is current, so the owner has not changed, moved or freed the task
        // since the view was made (the contract of `new`).
        Ok(unsafe { self.task.as_ref() })
    }

    /// The task, or `None` when the view is stale.
    fn current(&self) -> Option<&Task> {
        self.get().ok()
    }

    fn device_at(&self, index: usize) -> Option<&mpp_task_device> {
        let devices = self.current()?.devices();
        self.devices.view(devices, index)
    }
}

/// `read!` of the task behind a view: `f` of the task, `fallback` for NULL and for a stale
/// view.
macro_rules! read_task {
    ($t:expr, $fallback:expr, $f:expr) => {
        read!($t, $fallback, |t: &mpp_task| t
            .current()
            .map_or($fallback, $f))
    };
}

/// A device of a task: the device, its eligibility and its reasons, its tab and last error.
/// Borrowed from its task: valid as long as the task (see `mpp_task`).
pub struct mpp_task_device {
    of: TaskDevice,
    device: OnceLock<mpp_device>,
    reasons: LazySlots<mpp_finding>,
    /// The last error.
    last_error: CStrings<1>,
}

handles!(Lent: mpp_task_device);

from_core!(mpp_task_device {
    of: TaskDevice,
    device,
    reasons,
    last_error
});

/// How many devices of a task sit in each tab (TASK-5).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct mpp_tab_counts {
    /// Pending: added, not prepared yet.
    pub pending: usize,
    /// Error.
    pub error: usize,
    /// Ready for migration.
    pub ready: usize,
    /// In progress: being migrated.
    pub in_progress: usize,
    /// Completed: migrated.
    pub completed: usize,
}

/// How many devices of a task are eligible, not eligible and unknown (ELIG-1).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct mpp_eligibility_counts {
    /// All devices (at most `MPP_MAX_TASK_DEVICES`, ELIG-3).
    pub total: usize,
    /// Eligible.
    pub eligible: usize,
    /// Not eligible.
    pub not_eligible: usize,
    /// Unknown.
    pub unknown: usize,
}

/// The counts of every upload added to a task, added together (CSV-14).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct mpp_upload_counts {
    /// Devices added by the uploads.
    pub added: u64,
    /// Rows not added.
    pub errors: u64,
    /// Data rows uploaded, blank ones included.
    pub total: u64,
}

/// The task's name (TASK-1). Borrowed from the task. NULL when `t` is NULL or stale.
///
/// # Safety
/// `t` must be NULL or a live task.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_name(t: *const mpp_task) -> *const c_char {
    lend!(t, |t| t
        .current()
        .and_then(|task| t.name.one(0, || task.name().as_str())))
}

/// Whether the view still shows its task: true until the board that lent it changes (see
/// `mpp_task`); false for a stale view and for NULL. A task of a fleet plan is always current.
///
/// # Safety
/// `t` must be NULL or a task lent by a live board or fleet plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_is_current(t: *const mpp_task) -> bool {
    read!(t, false, |t| t.stamp.is_current())
}

/// The task's migration option (TASK-3). `MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE` for NULL.
///
/// # Safety
/// `t` must be NULL or a live task.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_option(t: *const mpp_task) -> UploadOption {
    read_task!(t, UploadOption::LicenseAndDevice, Task::option)
}

/// The task's status (TASK-4). `MPP_TASK_STATUS_DRAFT` for NULL.
///
/// # Safety
/// `t` must be NULL or a live task.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_status_of(t: *const mpp_task) -> TaskStatus {
    read_task!(t, TaskStatus::Draft, Task::status)
}

/// Whether the task is paused (TASK-6); false for NULL.
///
/// # Safety
/// `t` must be NULL or a live task.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_paused(t: *const mpp_task) -> bool {
    read_task!(t, false, Task::is_paused)
}

/// Whether devices of unknown eligibility are prepared (*Include unknown eligibility*,
/// ELIG-2); false for NULL.
///
/// # Safety
/// `t` must be NULL or a live task.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_include_unknown(t: *const mpp_task) -> bool {
    read_task!(t, false, Task::include_unknown)
}

/// How the task's migration was completed: an `mpp_completion_mode`, or
/// `MPP_COMPLETION_MODE_NONE` when it was not (and for NULL).
///
/// # Safety
/// `t` must be NULL or a live task.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_completion_mode_of(t: *const mpp_task) -> u32 {
    let none = MPP_COMPLETION_MODE_NONE;
    read_task!(t, none, |t| t.completion().map_or(none, |m| m as u32))
}

/// Writes a count structure of a task through `out`.
///
/// # Safety
/// As for the exports below.
unsafe fn counts_out<T>(
    t: *const mpp_task,
    out: *mut T,
    f: impl FnOnce(&Task) -> T,
) -> Result<(), Error> {
    // SAFETY: the caller upholds the pointer contracts of the export.
    unsafe {
        let t = arg_ref(t, "task")?;
        out_param(out, "out")?.put(f(t.get()?))
    }
}

/// The counts of every upload added to the task (CSV-14): stores them in `*out`.
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_NULL_POINTER` when `t` or `out` is NULL, writing
/// nothing.
///
/// # Safety
/// `t` must be NULL or a live task; `out` must be valid for one write; `err` must be NULL or
/// valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_upload_counts(
    t: *const mpp_task,
    out: *mut mpp_upload_counts,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || counts_out(t, out, |t| {
        let c = t.upload_counts();
        mpp_upload_counts {
            added: c.added,
            errors: c.errors,
            total: c.total,
        }
    }))
}

/// How many devices sit in each tab (TASK-5): stores them in `*out`.
///
/// Returns as `mpp_task_upload_counts`.
///
/// # Safety
/// As `mpp_task_upload_counts`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_tab_counts(
    t: *const mpp_task,
    out: *mut mpp_tab_counts,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || counts_out(t, out, |t| {
        let c = t.tab_counts();
        mpp_tab_counts {
            pending: c.pending,
            error: c.error,
            ready: c.ready,
            in_progress: c.in_progress,
            completed: c.completed,
        }
    }))
}

/// How many devices are eligible, not eligible and unknown (ELIG-1): stores them in `*out`.
///
/// Returns as `mpp_task_upload_counts`.
///
/// # Safety
/// As `mpp_task_upload_counts`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_eligibility_counts(
    t: *const mpp_task,
    out: *mut mpp_eligibility_counts,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || counts_out(t, out, |t| {
        let c = t.eligibility_counts();
        mpp_eligibility_counts {
            total: c.total,
            eligible: c.eligible,
            not_eligible: c.not_eligible,
            unknown: c.unknown,
        }
    }))
}

/// How many devices the task holds; 0 for NULL.
///
/// # Safety
/// `t` must be NULL or a live task.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_device_count(t: *const mpp_task) -> usize {
    read_task!(t, 0, |t| t.devices().len())
}

/// The `index`-th device of the task, in the order they were added. Borrowed from the task.
/// NULL when `t` is NULL or `index` is out of range.
///
/// # Safety
/// `t` must be NULL or a live task.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_device_at(
    t: *const mpp_task,
    index: usize,
) -> *const mpp_task_device {
    lend!(t, |t| t.device_at(index))
}

/// The device of the task with this MAC (any spelling DEV-6 accepts).
///
/// On success returns `MPP_OK` and stores in `*out` the device, borrowed from the task, or
/// NULL when the task does not hold it. On failure writes nothing and returns a
/// `MPP_ERROR_CODE_MAC_*` code for a MAC that cannot be read, or `MPP_ERROR_CODE_NULL_POINTER`
/// / `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// `t` must be NULL or a live task; `mac` must be NULL or a NUL-terminated string; `out` must
/// be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_find_device(
    t: *const mpp_task,
    mac: *const c_char,
    out: *mut *const mpp_task_device,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let t = arg_ref(t, "task")?;
        let mac = arg_mac(mac, "mac")?;
        let out = out_param(out, "out")?;
        let found = t.get()?.device_index(mac).and_then(|i| t.device_at(i));
        out.put(found.map_or(ptr::null(), Lend::lend))
    })
}

/// The device itself: MAC, model, assignment, upload row (read with the `mpp_device_*`
/// accessors). Borrowed from the task. NULL when `d` is NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live task.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_device_device(d: *const mpp_task_device) -> *const mpp_device {
    lend!(d, |d| {
        Some(
            d.device
                .get_or_init(|| mpp_device::from(d.of.device().clone())),
        )
    })
}

/// Eligible, not eligible or unknown (ELIG-1), as checked when the device was added.
/// `MPP_ELIGIBILITY_STATUS_UNKNOWN` for NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live task.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_device_eligibility(
    d: *const mpp_task_device,
) -> EligibilityStatus {
    read!(d, EligibilityStatus::Unknown, |d| d.of.eligibility())
}

/// How many reasons the eligibility has (errors and warnings: EXT-1 to EXT-8, DEV-8); 0 for
/// NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live task.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_device_reason_count(d: *const mpp_task_device) -> usize {
    read!(d, 0, |d| d.of.reasons().len())
}

/// The `index`-th reason of the eligibility. Borrowed from the task. NULL when `d` is NULL or
/// `index` is out of range.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live task.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_device_reason_at(
    d: *const mpp_task_device,
    index: usize,
) -> *const mpp_finding {
    lend!(d, |d| d.reasons.view(d.of.reasons(), index))
}

/// The tab the device sits in (TASK-5). `MPP_DEVICE_TAB_PENDING` for NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live task.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_device_tab(d: *const mpp_task_device) -> DeviceTab {
    read!(d, DeviceTab::Pending, |d| d.of.tab())
}

/// Why the device is in the Error tab (as the host reported it, or the eligibility refusal);
/// NULL when it is not in Error, and for NULL. Borrowed from the task.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live task.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_device_last_error(d: *const mpp_task_device) -> *const c_char {
    lend!(d, |d| d.last_error.opt(0, || d.of.last_error()))
}

/// The devices a search found, as indices into the task's devices (`mpp_task_device_at`), in
/// the task's order. Free it with `mpp_search_result_free`. It holds indices only, so it
/// outlives the task; the indices refer to the task as it was searched.
pub struct mpp_search_result {
    indices: Vec<usize>,
}

handles!(Owned: mpp_search_result);

/// Searches the task's device list (ELIG-4): the devices matching `query` on any attribute
/// (device name, MAC in either spelling, model, type, username, phone number, extension,
/// location, eligibility, tab, hardware and firmware version), case-insensitively and in part,
/// whose eligibility is `filter` (an `mpp_eligibility_status`, or `MPP_ELIGIBILITY_ANY`). An
/// empty query matches every device.
///
/// On success returns `MPP_OK` and stores in `*out` a result to free with
/// `mpp_search_result_free`. On failure writes nothing and returns
/// `MPP_ERROR_CODE_INVALID_ARGUMENT` for a filter that is neither, or
/// `MPP_ERROR_CODE_NULL_POINTER` / `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// `t` must be NULL or a live task; `query` must be NULL or a NUL-terminated string; `out` must
/// be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_search(
    t: *const mpp_task,
    query: *const c_char,
    filter: u32,
    out: *mut *mut mpp_search_result,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let t = arg_ref(t, "task")?;
        let query = arg_str(query, "query")?;
        let filter = eligibility_filter(filter)?;
        let out = out_param(out, "out")?;
        let indices = t.get()?.search_indices(query, filter);
        out.put(into_raw(mpp_search_result { indices }))
    })
}

/// Reads the eligibility filter of a search.
fn eligibility_filter(filter: u32) -> Result<Option<EligibilityStatus>, Error> {
    if filter == MPP_ELIGIBILITY_ANY {
        return Ok(None);
    }
    enum_value(filter).map(Some).ok_or_else(|| {
        Error::invalid_argument(format!(
            "argument `filter`: {filter} is neither an mpp_eligibility_status (0 eligible, 1 not_eligible, 2 unknown) nor MPP_ELIGIBILITY_ANY"
        ))
    })
}

/// How many devices the search found; 0 for NULL.
///
/// # Safety
/// `r` must be NULL or a live result.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_search_result_count(r: *const mpp_search_result) -> usize {
    read!(r, 0, |r| r.indices.len())
}

/// The index in the task of the `index`-th device found; `SIZE_MAX` when `r` is NULL or
/// `index` is out of range.
///
/// # Safety
/// `r` must be NULL or a live result.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_search_result_at(r: *const mpp_search_result, index: usize) -> usize {
    let none = usize::MAX;
    read!(r, none, |r| r.indices.get(index).map_or(none, |&i| i))
}

/// Frees a search result. NULL is a no-op.
///
/// # Safety
/// `r` must be NULL or a result from `mpp_task_search`, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_search_result_free(r: *mut mpp_search_result) {
    free_box!(r)
}

/// The device list with all its details as CSV (ELIG-5): Device Name, MAC Address, Model,
/// Hardware Version, Firmware, Type, Username, Phone Number, Extension, Location, Call Plan,
/// Eligibility, Reasons, Tab, Last Error, Wi-Fi, Upload Row. UTF-8 without BOM, every cell safe
/// to open in a spreadsheet.
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// Returns `MPP_ERROR_CODE_NULL_POINTER` when `t` or `out` is NULL, writing nothing.
///
/// # Safety
/// `t` must be NULL or a live task; `out` must be valid for one write; `err` must be NULL or
/// valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_device_list_csv(
    t: *const mpp_task,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(t, "task", out, err, |t| t.get().map(Task::device_list_csv))
}

/// The device list with all its details as JSON (ELIG-5): an array of the task's devices.
///
/// Returns as `mpp_task_device_list_csv`.
///
/// # Safety
/// As `mpp_task_device_list_csv`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_device_list_json(
    t: *const mpp_task,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(t, "task", out, err, |t| t.get().map(Task::device_list_json))
}

/// The status report (TASK-6, *Download status report*) as CSV: every device with its tab,
/// eligibility, last error, and its batch when `auto_plan` is given or its BAT file when
/// `manual_plan` is given (both NULL: neither column is filled). UTF-8 without BOM, safe to
/// open in a spreadsheet.
///
/// Returns as `mpp_task_device_list_csv`, and `MPP_ERROR_CODE_INVALID_ARGUMENT` when both
/// plans are given.
///
/// # Safety
/// `t` must be NULL or a live task; `auto_plan` and `manual_plan` must each be NULL or a live
/// plan; `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_status_report_csv(
    t: *const mpp_task,
    auto_plan: *const mpp_auto_plan,
    manual_plan: *const mpp_manual_plan,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let t = arg_ref(t, "task")?;
        let plan = match (auto_plan.as_ref(), manual_plan.as_ref()) {
            (None, None) => PlanRef::None,
            (Some(p), None) => PlanRef::Automatic(p.get()),
            (None, Some(p)) => PlanRef::Manual(p.get()),
            (Some(_), Some(_)) => {
                return Err(Error::invalid_argument(
                    "give at most one plan: `auto_plan` or `manual_plan`",
                ));
            }
        };
        out_param(out, "out")?.put(to_c_string_lossy(mpp_migration::status_report_csv(
            t.get()?,
            plan,
        )))
    })
}
