//! Results as data in C: each result's JSON document, as the core crate defines it once
//! ([`mpp_migration::ToJson`], and the plans' and task's own `to_json`), so C, Rust and Python read the same text. The keys are listed in
//! docs/json.md.

use mpp_migration::ToJson;

use crate::prelude::*;

/// The finding as a JSON object: `number`, `code`, `rule`, `severity`, `message`,
/// `suggestion`, `row`, `column` (the last three `null` when absent; docs/json.md).
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// Returns `MPP_ERROR_CODE_NULL_POINTER` when `f` or `out` is NULL, writing nothing.
///
/// # Safety
/// `f` must be NULL or a finding borrowed from a live owner; `out` must be valid for one
/// write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_finding_to_json(
    f: *const mpp_finding,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(f, "f", out, err, |f| f.get().to_json())
}

/// The upload report as a JSON object: `option`, `header`, `counts` (`added`, `errors`,
/// `total`, CSV-14), `severity_counts` (`errors`, `warnings`), `directory_checked`, `devices`,
/// `findings`, `rejected_rows` (`row`, `blank`, `cells`; CSV-15) (docs/json.md).
///
/// Returns as `mpp_finding_to_json`.
///
/// # Safety
/// `r` must be NULL or a live report; `out` must be valid for one write; `err` must be NULL or
/// valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_to_json(
    r: *const mpp_report,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(r, "r", out, err, |r| r.get().to_json())
}

/// The eligibility outcome as a JSON object: `status` (`eligible`, `not_eligible`, `unknown`;
/// ELIG-1) and `findings` (docs/json.md).
///
/// Returns as `mpp_finding_to_json`.
///
/// # Safety
/// `e` must be NULL or a live outcome; `out` must be valid for one write; `err` must be NULL
/// or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_eligibility_to_json(
    e: *const mpp_eligibility,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(e, "e", out, err, |e| e.outcome.to_json())
}

/// The task as a JSON object, the document a board saves: `name`, `option`, `status`,
/// `paused`, `include_unknown`, `completion` (only once chosen), `uploads`, `devices`
/// (docs/json.md).
///
/// Returns as `mpp_finding_to_json`, and `MPP_ERROR_CODE_VIEW_STALE` for a stale view.
///
/// # Safety
/// `task` must be NULL or a task view whose owner is live; `out` must be valid for one write;
/// `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_task_to_json(
    task: *const mpp_task,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(task, "task", out, err, |t| t.get().map(|t| t.to_json()))
}
