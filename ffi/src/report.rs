//! The report of a whole upload in C (CSV-14, CSV-15): counts, findings, accepted devices and
//! the files to download. The C views of findings and devices are built when first read and
//! kept in the report, so the pointers handed out live as long as it does.

use std::ffi::c_char;
use std::ptr;

use mpp::{UploadOption, UploadReport};

use crate::boundary::{arg_ref, guard, mpp_status, out_param, run};
use crate::device::mpp_device;
use crate::error::{mpp_error, mpp_finding};
use crate::handle::{LazySlots, free};
use crate::string::to_c_string_lossy;

/// The outcome of validating a whole upload. Made by `mpp_validate_upload` or
/// `mpp_validate_upload_path`; free it with `mpp_report_free`, which also ends the life of
/// every finding and device borrowed from it.
#[allow(non_camel_case_types)]
pub struct mpp_report {
    report: UploadReport,
    findings: LazySlots<mpp_finding>,
    devices: LazySlots<mpp_device>,
}

impl mpp_report {
    pub(crate) fn new(report: UploadReport) -> mpp_report {
        mpp_report {
            report,
            findings: LazySlots::default(),
            devices: LazySlots::default(),
        }
    }

    /// The report.
    pub(crate) fn get(&self) -> &UploadReport {
        &self.report
    }
}

/// Reads a number of the report; `fallback` for NULL.
///
/// # Safety
/// `r` must be NULL or a live report.
unsafe fn read<T>(r: *const mpp_report, fallback: T, f: impl FnOnce(&mpp_report) -> T) -> T
where
    T: Copy,
{
    guard(fallback, || {
        // SAFETY: per the contract.
        unsafe { r.as_ref() }.map_or(fallback, f)
    })
}

/// Devices added (CSV-14); 0 for NULL.
///
/// # Safety
/// `r` must be NULL or a live report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_added(r: *const mpp_report) -> u64 {
    // SAFETY: per the contract.
    unsafe { read(r, 0, |r| r.report.added()) }
}

/// Rows not added (CSV-14, DEC-1: added + errors = total); 0 for NULL.
///
/// # Safety
/// `r` must be NULL or a live report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_errors(r: *const mpp_report) -> u64 {
    // SAFETY: per the contract.
    unsafe { read(r, 0, |r| r.report.errors()) }
}

/// Data rows uploaded, blank ones included (CSV-14, DEC-1); 0 for NULL.
///
/// # Safety
/// `r` must be NULL or a live report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_total(r: *const mpp_report) -> u64 {
    // SAFETY: per the contract.
    unsafe { read(r, 0, |r| r.report.total()) }
}

/// Whether the rows were checked against a directory; without one, the checks that need the
/// organisation (CSV-3 user exists, CSV-6 extension in use, CSV-11 location exists, CSV-12
/// Cisco PSTN, CSV-13 already in Webex Calling) were skipped. false for NULL.
///
/// # Safety
/// `r` must be NULL or a live report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_directory_checked(r: *const mpp_report) -> bool {
    // SAFETY: per the contract.
    unsafe { read(r, false, |r| r.report.directory_checked()) }
}

/// The migration option the rows were checked for. `MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE`
/// for NULL.
///
/// # Safety
/// `r` must be NULL or a live report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_option(r: *const mpp_report) -> UploadOption {
    // SAFETY: per the contract.
    unsafe { read(r, UploadOption::LicenseAndDevice, |r| r.report.option()) }
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
    // SAFETY: the caller upholds the contract above.
    unsafe {
        run(err, || {
            let r = arg_ref(r, "report")?;
            let errors = out_param(errors, "errors")?;
            let warnings = out_param(warnings, "warnings")?;
            let (e, w) = r.report.severity_counts();
            errors.write(e);
            warnings.write(w);
            Ok(())
        })
    }
}

/// How many findings the report has; 0 for NULL.
///
/// # Safety
/// `r` must be NULL or a live report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_finding_count(r: *const mpp_report) -> usize {
    // SAFETY: per the contract.
    unsafe { read(r, 0, |r| r.report.findings().len()) }
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
    guard(ptr::null(), || {
        // SAFETY: per the contract.
        let Some(r) = (unsafe { r.as_ref() }) else {
            return ptr::null();
        };
        let findings = r.report.findings();
        r.findings
            .get(findings.len(), index, |i| {
                mpp_finding::new(findings[i].clone())
            })
            .map_or(ptr::null(), |f| f as *const mpp_finding)
    })
}

/// How many devices were accepted (equal to `mpp_report_added`); 0 for NULL.
///
/// # Safety
/// `r` must be NULL or a live report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_device_count(r: *const mpp_report) -> usize {
    // SAFETY: per the contract.
    unsafe { read(r, 0, |r| r.report.devices().len()) }
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
    guard(ptr::null(), || {
        // SAFETY: per the contract.
        let Some(r) = (unsafe { r.as_ref() }) else {
            return ptr::null();
        };
        let devices = r.report.devices();
        r.devices
            .get(devices.len(), index, |i| {
                mpp_device::new(devices[i].clone())
            })
            .map_or(ptr::null(), |d| d as *const mpp_device)
    })
}

/// Writes a generated file of the report through `out`.
///
/// # Safety
/// As for the exports below.
unsafe fn file_out(
    r: *const mpp_report,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
    f: impl FnOnce(&UploadReport) -> String,
) -> mpp_status {
    // SAFETY: the caller upholds the pointer contracts of the export.
    unsafe {
        run(err, || {
            let r = arg_ref(r, "report")?;
            let out = out_param(out, "out")?;
            out.write(to_c_string_lossy(f(&r.report)));
            Ok(())
        })
    }
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
    // SAFETY: the caller upholds the contract above.
    unsafe { file_out(r, out, err, UploadReport::errors_csv) }
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
    // SAFETY: the caller upholds the contract above.
    unsafe { file_out(r, out, err, UploadReport::devices_csv) }
}

/// Frees a report, with every finding and device borrowed from it. NULL is a no-op.
///
/// # Safety
/// `r` must be NULL or a report from this library, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_report_free(r: *mut mpp_report) {
    // SAFETY: per the contract.
    unsafe { free(r) }
}
