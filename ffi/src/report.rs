//! The report of a whole upload in C (CSV-14, CSV-15): counts, findings, accepted devices and
//! the files to download. The C views of findings and devices are built when first read and
//! kept in the report, so the pointers handed out live as long as it does.

use mpp_migration::{UploadOption, UploadReport};

use crate::prelude::*;

/// The outcome of validating a whole upload. Made by `mpp_validate_upload` or
/// `mpp_validate_upload_path`; free it with `mpp_report_free`, which also ends the life of
/// every finding and device borrowed from it.
#[allow(non_camel_case_types)]
pub struct mpp_report {
    report: UploadReport,
    findings: LazySlots<mpp_finding>,
    devices: LazySlots<mpp_device>,
}

from_core!(mpp_report {
    report: UploadReport,
    findings,
    devices
});

impl mpp_report {
    /// The report.
    pub(crate) fn get(&self) -> &UploadReport {
        &self.report
    }
}

/// Devices added (CSV-14); 0 for NULL.
///
/// # Safety
/// `r` must be NULL or a live report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_added(r: *const mpp_report) -> u64 {
    read!(r, 0, |r| r.report.added())
}

/// Rows not added (CSV-14, DEC-1: added + errors = total); 0 for NULL.
///
/// # Safety
/// `r` must be NULL or a live report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_errors(r: *const mpp_report) -> u64 {
    read!(r, 0, |r| r.report.errors())
}

/// Data rows uploaded, blank ones included (CSV-14, DEC-1); 0 for NULL.
///
/// # Safety
/// `r` must be NULL or a live report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_total(r: *const mpp_report) -> u64 {
    read!(r, 0, |r| r.report.total())
}

/// Whether the rows were checked against a directory; without one, the checks that need the
/// organisation (CSV-3 user exists, CSV-6 extension in use, CSV-11 location exists, CSV-12
/// Cisco PSTN, CSV-13 already in Webex Calling) were skipped. false for NULL.
///
/// # Safety
/// `r` must be NULL or a live report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_directory_checked(r: *const mpp_report) -> bool {
    read!(r, false, |r| r.report.directory_checked())
}

/// The migration option the rows were checked for. `MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE`
/// for NULL.
///
/// # Safety
/// `r` must be NULL or a live report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_option(r: *const mpp_report) -> UploadOption {
    read!(r, UploadOption::LicenseAndDevice, |r| r.report.option())
}

/// How many findings are errors and how many warnings: stores them in `*errors` and
/// `*warnings`.
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_NULL_POINTER` when an argument is NULL, writing
/// nothing.
///
/// # Safety
/// `r` must be NULL or a live report; `errors` and `warnings` must each be valid for one
/// write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_severity_counts(
    r: *const mpp_report,
    errors: *mut usize,
    warnings: *mut usize,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let r = arg_ref(r, "report")?;
        let errors = out_param(errors, "errors")?;
        let warnings = out_param(warnings, "warnings")?;
        let (e, w) = r.report.severity_counts();
        errors.write(e);
        warnings.put(w)
    })
}

/// How many findings the report has; 0 for NULL.
///
/// # Safety
/// `r` must be NULL or a live report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_finding_count(r: *const mpp_report) -> usize {
    read!(r, 0, |r| r.report.findings().len())
}

/// The `index`-th finding, in input order (the header's first, row 1), each with its row and
/// column. Borrowed from `r`: valid until `mpp_report_free(r)`. NULL when `r` is NULL or
/// `index` is out of range.
///
/// # Safety
/// `r` must be NULL or a live report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_finding_at(
    r: *const mpp_report,
    index: usize,
) -> *const mpp_finding {
    lend!(r, |r| r.findings.view(r.report.findings(), index))
}

/// How many devices were accepted (equal to `mpp_report_added`); 0 for NULL.
///
/// # Safety
/// `r` must be NULL or a live report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_device_count(r: *const mpp_report) -> usize {
    read!(r, 0, |r| r.report.devices().len())
}

/// The `index`-th accepted device, normalised, in input order. Borrowed from `r`: valid until
/// `mpp_report_free(r)`. NULL when `r` is NULL or `index` is out of range.
///
/// # Safety
/// `r` must be NULL or a live report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_device_at(
    r: *const mpp_report,
    index: usize,
) -> *const mpp_device {
    lend!(r, |r| { r.devices.view(r.report.devices(), index) })
}

/// The errors file (CSV-15): an `Errors` column first (the upload ignores it), then the header
/// and every refused row that is not blank, with its cells as written, so that once fixed the
/// same file uploads again. Cells a spreadsheet would run as formulas get a leading `'`. A NUL
/// byte in a cell is written as U+FFFD.
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// Returns `MPP_ERROR_CODE_NULL_POINTER` when `r` or `out` is NULL, writing nothing.
///
/// # Safety
/// `r` must be NULL or a live report; `out` must be valid for one write; `err` must be NULL or
/// valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_errors_csv(
    r: *const mpp_report,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(r, "report", out, err, |r| r.report.errors_csv())
}

/// The accepted devices as a normalised upload file of the report's option: MAC as 12
/// upper-case digits, model as Control Hub names it (EXT-9), phone numbers in E.164. It
/// uploads again unchanged. A NUL byte in a cell is written as U+FFFD.
///
/// Returns as `mpp_report_errors_csv`.
///
/// # Safety
/// As `mpp_report_errors_csv`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_devices_csv(
    r: *const mpp_report,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(r, "report", out, err, |r| r.report.devices_csv())
}

/// Frees a report, with every finding and device borrowed from it. NULL is a no-op.
///
/// # Safety
/// `r` must be NULL or a report from this library, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_free(r: *mut mpp_report) {
    free_box!(r)
}
