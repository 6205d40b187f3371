//! The *Add devices* CSV upload in C (CSV-1 to CSV-16): the options it is checked against, the
//! whole-file form (`mpp_validate_upload`, giving an `mpp_report`) and the templates. The
//! streaming form is in cursor.rs.

use mpp_migration::{ReaderLimits, UploadOption, UploadOptions};

use crate::prelude::*;

/// Reads an `mpp_upload_option` number, refusing any other (never transmuted).
pub(crate) fn upload_option(number: u32) -> Result<UploadOption, Error> {
    enum_value(number).ok_or_else(|| {
        Error::invalid_argument(format!(
            "{number} is not an mpp_upload_option (MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE = {}, MPP_UPLOAD_OPTION_LICENSE_ONLY = {})",
            UploadOption::LicenseAndDevice as u32,
            UploadOption::LicenseOnly as u32
        ))
    })
}

/// The name of an `mpp_upload_option` value: "license_and_device" or "license_only" (TASK-3);
/// NULL for any other number. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_upload_option_name(option: u32) -> *const c_char {
    name_of!(option, UploadOption::as_str)
}

/// Reads an option by name: "license_and_device" or "license_only" (TASK-3).
///
/// On success returns `MPP_OK` and stores the option in `*out`. On failure writes nothing and
/// returns `MPP_ERROR_CODE_INVALID_ARGUMENT` naming the accepted names (or
/// `MPP_ERROR_CODE_NULL_POINTER`, `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`).
///
/// # Safety
/// `text` must be NULL or a NUL-terminated string; `out` must be valid for one write; `err`
/// must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_option_parse(
    text: *const c_char,
    out: *mut UploadOption,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let text = arg_str(text, "text")?;
        out_param(out, "out")?.put(UploadOption::parse(text)?)
    })
}

/// What an upload is checked against: the migration option, the directory (none by default:
/// its checks are skipped), the eligibility table (the Control Hub table by default) and the
/// reader's size limits. Create with `mpp_upload_options_new`, free with
/// `mpp_upload_options_free`. Reports and cursors made with it copy what they need: the
/// options may be changed or freed afterwards without affecting them.
pub struct mpp_upload_options {
    options: UploadOptions,
}

handles!(Owned: mpp_upload_options);

from_core!(mpp_upload_options {
    options: UploadOptions
});

impl mpp_upload_options {
    /// A copy of the options for one upload (it shares the directory and table), for Rust
    /// callers of this crate's rlib such as its tests.
    pub fn get(&self) -> UploadOptions {
        self.options.clone()
    }
}

/// The end of the exports that read an upload, once they read its source: `opts` and `out`
/// are checked, then `make` builds the handle (a cursor, a report) with a copy of the options.
///
/// # Safety
/// `opts` must be NULL or live options; `out` must be valid for one write.
pub(crate) unsafe fn upload_out<T, H: From<T>>(
    opts: *const mpp_upload_options,
    out: *mut *mut H,
    make: impl FnOnce(UploadOptions) -> Result<T, Error>,
) -> Result<(), Error> {
    // SAFETY: per the contract.
    let options = unsafe { arg_ref(opts, "opts") }?.get();
    // SAFETY: `out` is valid for one write per the contract.
    unsafe { put_new(out, || make(options)) }
}

/// Makes the options of an upload for `option` (an `mpp_upload_option`: 0 license and device,
/// 1 license only), without a directory, with the Control Hub eligibility table and the
/// default size limits.
///
/// On success returns `MPP_OK` and stores in `*out` options to free with
/// `mpp_upload_options_free`. On failure writes nothing and returns
/// `MPP_ERROR_CODE_INVALID_ARGUMENT` for a number that is no option, or
/// `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_options_new(
    option: u32,
    out: *mut *mut mpp_upload_options,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || put_new(out, || upload_option(option)
        .map(UploadOptions::new)))
}

/// Applies `f` to the options behind `opts`.
///
/// # Safety
/// As for the exports below.
unsafe fn with_options(
    opts: *mut mpp_upload_options,
    f: impl FnOnce(UploadOptions) -> Result<UploadOptions, Error>,
) -> Result<(), Error> {
    // SAFETY: the caller upholds the pointer contracts of the export.
    unsafe {
        let opts = arg_mut(opts, "opts")?;
        opts.options = f(opts.options.clone())?;
        Ok(())
    }
}

/// Checks the rows against `directory` (CSV-3, CSV-6, CSV-11 to CSV-13), or, when `directory`
/// is NULL, against none (those checks are then skipped and reports say so). The options keep
/// their own reference: `directory` may be freed afterwards.
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or live options not used by another thread during the call;
/// `directory` must be NULL or a live directory; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_options_set_directory(
    opts: *mut mpp_upload_options,
    directory: *const mpp_directory,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || with_options(opts, |o| {
        Ok(match directory.as_ref() {
            Some(d) => o.with_directory(d.shared()),
            None => o.without_directory(),
        })
    }))
}

/// Decides the model check (CSV-8, EXT-4) by `table`, or, when `table` is NULL, by the
/// Control Hub table. The options keep their own reference: `table` may be freed afterwards.
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or live options not used by another thread during the call; `table`
/// must be NULL or a live table; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_options_set_eligibility_table(
    opts: *mut mpp_upload_options,
    table: *const mpp_eligibility_table,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || with_options(opts, |o| {
        Ok(o.with_eligibility(table_or_default(table)))
    }))
}

/// Sets the reader's size limits: the longest cell and the longest row in bytes, and the most
/// cells in a row. A row beyond them is refused with a finding (`field_too_long`,
/// `record_too_long`) and never stored, so memory stays bounded. The defaults are 1024, 16384
/// and 64.
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_INVALID_ARGUMENT` when a limit is 0 (the options are
/// then unchanged), or `MPP_ERROR_CODE_NULL_POINTER`. A large limit costs memory only when a
/// row is that large.
///
/// # Safety
/// `opts` must be NULL or live options not used by another thread during the call; `err` must
/// be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_options_set_limits(
    opts: *mut mpp_upload_options,
    max_field_bytes: usize,
    max_record_bytes: usize,
    max_fields: usize,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || with_options(opts, |o| {
        let limits = ReaderLimits {
            max_field_bytes,
            max_record_bytes,
            max_fields,
        };
        limits.validate()?;
        Ok(o.with_limits(limits))
    }))
}

/// Sets the size of the input in bytes, for a caller streaming from a source whose length it
/// knows. After the first rows the reader estimates how many rows the input holds and sizes
/// its duplicate indexes (DEC-2, DEC-5) once: faster and tighter in memory, with the same
/// results whatever the hint. Bytes in memory (`mpp_validate_upload`, `mpp_upload_cursor_new`)
/// and files opened by path get their length as the hint without this.
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `opts` must be NULL or live options not used by another thread during the call; `err` must
/// be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_options_set_size_hint(
    opts: *mut mpp_upload_options,
    bytes: u64,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || with_options(opts, |o| Ok(o.with_size_hint(bytes))))
}

/// The migration option. `MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE` for NULL.
///
/// # Safety
/// `opts` must be NULL or live options.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_options_option(
    opts: *const mpp_upload_options,
) -> UploadOption {
    read!(opts, UploadOption::LicenseAndDevice, |o| o.options.option())
}

/// Frees options. NULL is a no-op. Reports and cursors made with them are not affected.
///
/// # Safety
/// `opts` must be NULL or options from `mpp_upload_options_new`, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_options_free(opts: *mut mpp_upload_options) {
    free_box!(opts)
}

/// Validates a whole upload: `len` bytes of CSV (`bytes` may be NULL only when `len` is 0).
///
/// Everything about the content (an empty file, a header that matches neither schema, a blank
/// line, bytes that are not UTF-8) is a finding in the report, never an error: for bytes in
/// memory this returns `MPP_OK` unless an argument is wrong.
///
/// On success returns `MPP_OK` and stores in `*out` a report to free with `mpp_report_free`.
/// On failure writes nothing and returns `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `bytes` must be NULL or point to `len` readable bytes; `opts` must be NULL or live options;
/// `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_validate_upload(
    bytes: *const u8,
    len: usize,
    opts: *const mpp_upload_options,
    out: *mut *mut mpp_report,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let bytes = arg_bytes(bytes, len, "bytes")?;
        upload_out(opts, out, |o| {
            mpp_migration::validate_upload(bytes, o.or_size_hint(bytes.len() as u64))
        })
    })
}

/// Validates the upload file at `path`, reading it as a stream.
///
/// Returns as `mpp_validate_upload`, and `MPP_ERROR_CODE_IO_ERROR` naming the path when the
/// file cannot be opened or read.
///
/// # Safety
/// `path` must be NULL or a NUL-terminated string (on Unix any bytes, elsewhere UTF-8); `opts`
/// must be NULL or live options; `out` must be valid for one write; `err` must be NULL or valid
/// for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_validate_upload_path(
    path: *const c_char,
    opts: *const mpp_upload_options,
    out: *mut *mut mpp_report,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let path = arg_path(path, "path")?;
        upload_out(opts, out, |o| mpp_migration::validate_upload_path(&path, o))
    })
}

/// The template of an option's schema (CSV-16): its header line, e.g. "Model,MAC Address\n"
/// for `MPP_UPLOAD_OPTION_LICENSE_ONLY`.
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// On failure writes nothing and returns `MPP_ERROR_CODE_INVALID_ARGUMENT` for a number that is
/// no option, or `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_template_csv(
    option: u32,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let option = upload_option(option)?;
        out_param(out, "out")?.put(to_c_string(mpp_migration::template_csv(option))?)
    })
}
