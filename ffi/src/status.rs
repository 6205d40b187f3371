//! Task statuses, device tabs, event kinds and completion modes in C (TASK-4 to TASK-7): their
//! names, and the one transition table the core enforces, for hosts that show or document it.

use mpp_migration::{CompletionMode, DeviceTab, EventKind, Outcome, TaskStatus};

use crate::prelude::*;

/// What an event does to a task's status, by the transition table (see `mpp_transition`).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum mpp_transition_kind {
    /// The status stays.
    Stay,
    /// The status becomes `target`.
    To,
    /// The status becomes *Auto migration complete* or *Manual migration*, by the completion
    /// mode.
    Completion,
    /// The status follows the devices' tabs (TASK-4).
    FromDevices,
    /// The event is refused, with the error code `refusal`.
    Refused,
}

/// The outcome of an event in a status, as `mpp_transition` gives it.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct mpp_transition_outcome {
    /// What the event does.
    pub kind: mpp_transition_kind,
    /// The status after the event when `kind` is `MPP_TRANSITION_KIND_TO`; otherwise the status
    /// asked about.
    pub target: TaskStatus,
    /// The number of the `mpp_error_code` that refuses the event when `kind` is
    /// `MPP_TRANSITION_KIND_REFUSED` (`MPP_ERROR_CODE_TRANSITION_REFUSED`,
    /// `MPP_ERROR_CODE_COMPLETE_REQUIRES_READY`); otherwise 0.
    pub refusal: u32,
}

/// What `event` (an `mpp_event_kind`) does to a task whose status is `status` (an
/// `mpp_task_status`), by the transition table the core enforces (TASK-4 to TASK-7). Every
/// pair a task accepts is there; any other pair is refused with
/// `MPP_ERROR_CODE_TRANSITION_REFUSED`. The table is not the whole check of an event: applying
/// it also refuses anything but resume and cancel while the task is paused (TASK-6), a second
/// task in progress (TASK-2), and devices in the wrong tab.
///
/// On success returns `MPP_OK` and stores the outcome in `*out`. On failure writes nothing and
/// returns `MPP_ERROR_CODE_INVALID_ARGUMENT` for a number that is no status or no event kind,
/// or `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_transition(
    status: u32,
    event: u32,
    out: *mut mpp_transition_outcome,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let status: TaskStatus = enum_arg(status, "status")?;
        let event: EventKind = enum_arg(event, "event")?;
        let out = out_param(out, "out")?;
        let (kind, target, refusal) = match mpp_migration::transition(status, event) {
            Outcome::Stay => (mpp_transition_kind::Stay, status, 0),
            Outcome::To(target) => (mpp_transition_kind::To, target, 0),
            Outcome::Completion => (mpp_transition_kind::Completion, status, 0),
            Outcome::FromDevices => (mpp_transition_kind::FromDevices, status, 0),
            Outcome::Refused(code) => (mpp_transition_kind::Refused, status, code.number()),
        };
        out.put(mpp_transition_outcome {
            kind,
            target,
            refusal,
        })
    })
}

/// The transition table as Markdown (the table the README shows): one row per pair a task
/// accepts or refuses by a rule of its own, and a last row for every other pair.
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// Returns `MPP_ERROR_CODE_NULL_POINTER` when `out` is NULL, writing nothing.
///
/// # Safety
/// `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_transition_table_markdown(
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        out_param(out, "out")?.put(to_c_string(mpp_migration::transition_table_markdown())?)
    })
}

/// The stable name of an `mpp_task_status` value: "draft", "in_progress",
/// "ready_for_migration", "ready_with_errors", "review_errors", "auto_migration_complete" or
/// "manual_migration"; NULL for any other number. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_task_status_name(status: u32) -> *const c_char {
    name_of!(status, TaskStatus::as_str)
}

/// The name Control Hub shows for an `mpp_task_status` value: "Ready for migration"; NULL for
/// any other number. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_task_status_label(status: u32) -> *const c_char {
    name_of!(status, TaskStatus::label)
}

/// The stable name of an `mpp_device_tab` value: "pending", "error", "ready_for_migration",
/// "in_progress" or "completed"; NULL for any other number. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_device_tab_name(tab: u32) -> *const c_char {
    name_of!(tab, DeviceTab::as_str)
}

/// The name Control Hub shows for an `mpp_device_tab` value: "Ready for migration"; NULL for
/// any other number. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_device_tab_label(tab: u32) -> *const c_char {
    name_of!(tab, DeviceTab::label)
}

/// The stable name of an `mpp_event_kind` value: "start_preparation"; NULL for any other
/// number. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_event_kind_name(event: u32) -> *const c_char {
    name_of!(event, EventKind::as_str)
}

/// The name of an `mpp_completion_mode` value: "automatic" or "manual"; NULL for any other
/// number (`MPP_COMPLETION_MODE_NONE` included). Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_completion_mode_name(mode: u32) -> *const c_char {
    name_of!(mode, CompletionMode::as_str)
}
