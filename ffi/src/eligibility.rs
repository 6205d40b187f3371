//! Eligibility in C (ELIG-1, DEV-1 to DEV-5, EXT-1 to EXT-8): the tables of data that decide
//! it, and the check of one phone.

use mpp_migration::{Eligibility, EligibilityStatus, EligibilityTable};

use crate::prelude::*;

/// A validated eligibility table: one of the two embedded readings or a host's own. Free it
/// with `mpp_eligibility_table_free`; upload options that use it keep their own reference.
pub struct mpp_eligibility_table {
    table: Arc<EligibilityTable>,
    /// The name.
    name: CStrings<1>,
}

handles!(Owned: mpp_eligibility_table);

from_core!(mpp_eligibility_table {
    table: Arc<EligibilityTable>,
    name
});

impl mpp_eligibility_table {
    /// Another reference to the table, for options that outlive this handle.
    pub(crate) fn shared(&self) -> Arc<EligibilityTable> {
        Arc::clone(&self.table)
    }
}

/// The table behind `table`, or the Control Hub table, the default, when it is NULL.
///
/// # Safety
/// `table` must be NULL or a live table.
pub(crate) unsafe fn table_or_default(
    table: *const mpp_eligibility_table,
) -> Arc<EligibilityTable> {
    // SAFETY: per the caller's contract.
    let table = unsafe { table.as_ref() };
    table.map_or_else(EligibilityTable::control_hub, mpp_eligibility_table::shared)
}

/// The table of the Control Hub article, the default (DEV-1, DEV-2, DEV-3, DEV-5, EXT-2):
/// 8851NR and 8865NR are not eligible.
///
/// On success returns `MPP_OK` and stores in `*out` a table to free with
/// `mpp_eligibility_table_free`. Returns `MPP_ERROR_CODE_NULL_POINTER` when `out` is NULL.
///
/// # Safety
/// `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_eligibility_table_control_hub(
    out: *mut *mut mpp_eligibility_table,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || put_new(out, || Ok(EligibilityTable::control_hub())))
}

/// The table of Cisco's ordering guide: as the Control Hub table, but 8851NR and 8865NR are
/// eligible (EXT-4).
///
/// Returns as `mpp_eligibility_table_control_hub`.
///
/// # Safety
/// `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_eligibility_table_cisco_ordering_guide(
    out: *mut *mut mpp_eligibility_table,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        put_new(out, || Ok(EligibilityTable::cisco_ordering_guide()))
    })
}

/// An embedded table by name: "control_hub" or "cisco_ordering_guide".
///
/// Returns as `mpp_eligibility_table_control_hub`, or `MPP_ERROR_CODE_INVALID_ARGUMENT` when
/// no embedded table has this name (`MPP_ERROR_CODE_ARGUMENT_NOT_UTF8` for bad UTF-8).
///
/// # Safety
/// `name` must be NULL or a NUL-terminated string; `out` must be valid for one write; `err`
/// must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_eligibility_table_by_name(
    name: *const c_char,
    out: *mut *mut mpp_eligibility_table,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || put_new(out, || {
        let name = arg_str(name, "name")?;
        EligibilityTable::by_name(name).ok_or_else(|| {
            Error::invalid_argument(format!("no embedded eligibility table is named {name:?}"))
        })
    }))
}

/// Reads and validates a host's table: `len` bytes of CSV with the columns `model, vid_from,
/// vid_to, status, warnings, source` (the form `mpp_eligibility_table_to_csv` writes), named
/// `name` in the findings it gives.
///
/// On success returns `MPP_OK` and stores in `*out` a table to free with
/// `mpp_eligibility_table_free`. On failure writes no output and returns
/// `MPP_ERROR_CODE_ELIGIBILITY_TABLE_INVALID` with the row and column of the refused cell (an
/// unknown or MPP-only model, an unreadable VID, an inverted or overlapping VID range, a status
/// other than eligible/not_eligible, an unknown warning, a row without a source), or
/// `MPP_ERROR_CODE_NULL_POINTER` / `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8` for the arguments.
/// `csv` may be NULL only when `len` is 0.
///
/// # Safety
/// `csv` must be NULL or point to `len` readable bytes; `name` must be NULL or a
/// NUL-terminated string; `out` must be valid for one write; `err` must be NULL or valid for
/// one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_eligibility_table_from_csv(
    csv: *const u8,
    len: usize,
    name: *const c_char,
    out: *mut *mut mpp_eligibility_table,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || put_new(out, || {
        let csv = arg_bytes(csv, len, "csv")?;
        let name = arg_str(name, "name")?;
        EligibilityTable::from_csv(name, csv).map(Arc::new)
    }))
}

/// The table in its CSV form, which `mpp_eligibility_table_from_csv` reads back: a starting
/// point for a host's own table.
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// Returns `MPP_ERROR_CODE_NULL_POINTER` when `table` or `out` is NULL, writing nothing.
///
/// # Safety
/// `table` must be NULL or a live table; `out` must be valid for one write; `err` must be NULL
/// or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_eligibility_table_to_csv(
    table: *const mpp_eligibility_table,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(table, "table", out, err, |table| table.table.to_csv())
}

/// The table's name ("control_hub", "cisco_ordering_guide", or the host's). Borrowed from
/// `table`. NULL when `table` is NULL.
///
/// # Safety
/// `table` must be NULL or a live table.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_eligibility_table_name(
    table: *const mpp_eligibility_table,
) -> *const c_char {
    lend!(table, |t| t.name.one(0, || t.table.name()))
}

/// How many rows the table has; 0 for NULL.
///
/// # Safety
/// `table` must be NULL or a live table.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_eligibility_table_rule_count(
    table: *const mpp_eligibility_table,
) -> usize {
    read!(table, 0, |t| t.table.rules().len())
}

/// Frees a table. NULL is a no-op. Upload options that use it keep their own reference.
///
/// # Safety
/// `table` must be NULL or a table from this library, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_eligibility_table_free(table: *mut mpp_eligibility_table) {
    free_box!(table)
}

/// The outcome of `mpp_check_eligibility`: a status and every reason for it. Free it with
/// `mpp_eligibility_free`.
pub struct mpp_eligibility {
    /// The outcome, also for its JSON document (`mpp_eligibility_to_json`).
    pub(crate) outcome: Eligibility,
    findings: LazySlots<mpp_finding>,
}

handles!(Owned: mpp_eligibility);

from_core!(mpp_eligibility {
    outcome: Eligibility,
    findings
});

/// Checks whether a phone can migrate to MPP firmware (ELIG-1).
///
/// `model` is any spelling EXT-9 lists, including a label with its VID (`CP-7821-K9=V03`);
/// `hardware_version` (`V03`, `v3`) and `firmware` (`14.1(1)`, `sip78xx.14-1-1-0001-136`,
/// EXT-6) may be NULL when unknown. `table` is the table to decide by; NULL uses the Control
/// Hub table.
///
/// On success returns `MPP_OK` and stores in `*out` the outcome, to free with
/// `mpp_eligibility_free`. A known model that cannot migrate is not an error: it is
/// `MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE` with a finding (`model_not_eligible`,
/// `model_mpp_only`, `hardware_version_not_eligible`, `firmware_already_mpp`). On failure
/// writes no output and returns `MPP_ERROR_CODE_MODEL_UNKNOWN`,
/// `MPP_ERROR_CODE_HARDWARE_VERSION_INVALID` or `MPP_ERROR_CODE_FIRMWARE_VERSION_INVALID` for
/// text that cannot be read, `MPP_ERROR_CODE_INVALID_ARGUMENT` when the label's VID contradicts
/// `hardware_version`, or `MPP_ERROR_CODE_NULL_POINTER` / `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// `model` must be NULL or a NUL-terminated string; `hardware_version` and `firmware` must each
/// be NULL or a NUL-terminated string; `table` must be NULL or a live table; `out` must be
/// valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_check_eligibility(
    model: *const c_char,
    hardware_version: *const c_char,
    firmware: *const c_char,
    table: *const mpp_eligibility_table,
    out: *mut *mut mpp_eligibility,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let model = arg_str(model, "model")?;
        let hardware_version = arg_opt_str(hardware_version, "hardware_version")?;
        let firmware = arg_opt_str(firmware, "firmware")?;
        let table = table_or_default(table);
        put_new(out, || table.check_text(model, hardware_version, firmware))
    })
}

/// Eligible, not eligible or unknown. `MPP_ELIGIBILITY_STATUS_UNKNOWN` for NULL.
///
/// # Safety
/// `e` must be NULL or a live outcome.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_eligibility_status_of(e: *const mpp_eligibility) -> EligibilityStatus {
    read!(e, EligibilityStatus::Unknown, |e| e.outcome.status())
}

/// How many findings (reasons and cautions) the outcome has; 0 for NULL.
///
/// # Safety
/// `e` must be NULL or a live outcome.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_eligibility_finding_count(e: *const mpp_eligibility) -> usize {
    read!(e, 0, |e| e.outcome.findings().len())
}

/// The `index`-th finding: errors for what makes the phone not eligible, warnings for
/// cautions. Borrowed from `e`: valid until `mpp_eligibility_free(e)`. NULL when `e` is NULL
/// or `index` is out of range.
///
/// # Safety
/// `e` must be NULL or a live outcome.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_eligibility_finding_at(
    e: *const mpp_eligibility,
    index: usize,
) -> *const mpp_finding {
    lend!(e, |e| e.findings.view(e.outcome.findings(), index))
}

/// Frees an outcome and its findings. NULL is a no-op.
///
/// # Safety
/// `e` must be NULL or an outcome from `mpp_check_eligibility`, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_eligibility_free(e: *mut mpp_eligibility) {
    free_box!(e)
}

/// The name of an `mpp_eligibility_status` value: "eligible", "not_eligible" or "unknown" (the
/// strings the Python and Rust APIs use); NULL for any other number. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_eligibility_status_name(status: u32) -> *const c_char {
    name_of!(status, EligibilityStatus::as_str)
}
