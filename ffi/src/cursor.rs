//! The streaming upload in C: a cursor that reads and validates one row per call, in memory
//! that does not grow with the file (beyond the MACs and extensions later rows are checked
//! against, DEC-2, DEC-5).

use std::io::Read;

use mpp_migration::{UploadCounts, UploadOption, UploadOptions, UploadReader, UploadRow};

use crate::prelude::*;

pub(crate) type Source = Box<dyn Read + Send>;

/// A streaming upload: the header is read when the cursor is made, each `mpp_upload_cursor_next`
/// reads and validates one data row. Free it with `mpp_upload_cursor_free`.
pub struct mpp_upload_cursor {
    /// `None` once the end (or an I/O error) was reached.
    reader: Option<UploadReader<Source>>,
    /// The file read, for the messages of I/O errors.
    file: Option<String>,
    header_findings: Vec<mpp_finding>,
    end_findings: Vec<mpp_finding>,
    row: Option<mpp_upload_row>,
    counts: UploadCounts,
    directory_checked: bool,
    option: UploadOption,
}

/// One data row of a streaming upload, as `mpp_upload_cursor_next` gives it. Borrowed from the
/// cursor: valid until the next call of `mpp_upload_cursor_next` on it or
/// `mpp_upload_cursor_free`, like everything borrowed from the row.
pub struct mpp_upload_row {
    number: u64,
    blank: bool,
    device: Option<mpp_device>,
    findings: Vec<Finding>,
    /// The C views of `findings`, built on first access.
    views: LazySlots<mpp_finding>,
}

handles!(Owned: mpp_upload_cursor; Lent: mpp_upload_row);

impl mpp_upload_row {
    fn new(row: UploadRow) -> mpp_upload_row {
        let (number, blank) = (row.row(), row.is_blank());
        let (device, findings, _cells) = row.into_parts();
        mpp_upload_row {
            number,
            blank,
            device: device.map(mpp_device::from),
            findings,
            views: LazySlots::default(),
        }
    }
}

/// The error with the cursor's file, when it reads one, at the start of its message.
fn in_file_of(error: Error, file: &Option<String>) -> Error {
    match file {
        Some(f) => error.in_file(f),
        None => error,
    }
}

impl mpp_upload_cursor {
    pub(crate) fn open(
        src: Source,
        options: UploadOptions,
        file: Option<String>,
    ) -> Result<mpp_upload_cursor, Error> {
        let reader = UploadReader::new(src, options).map_err(|e| in_file_of(e, &file))?;
        Ok(mpp_upload_cursor {
            header_findings: mpp_finding::all(reader.header_findings()),
            end_findings: Vec::new(),
            row: None,
            counts: reader.counts(),
            directory_checked: reader.directory_checked(),
            option: reader.option(),
            reader: Some(reader),
            file,
        })
    }
}

/// Starts a streaming upload of `len` bytes of CSV (`bytes` may be NULL only when `len` is 0).
/// The bytes are copied: they may be freed once this returns. For a large file prefer
/// `mpp_upload_cursor_open_path`, which reads it as a stream.
///
/// On success returns `MPP_OK` and stores in `*out` a cursor to free with
/// `mpp_upload_cursor_free`; the header's findings are then available. As for
/// `mpp_validate_upload`, the content never makes this fail: on failure (a NULL argument,
/// `MPP_ERROR_CODE_NULL_POINTER`) nothing is written.
///
/// # Safety
/// `bytes` must be NULL or point to `len` readable bytes; `opts` must be NULL or live options;
/// `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_cursor_new(
    bytes: *const u8,
    len: usize,
    opts: *const mpp_upload_options,
    out: *mut *mut mpp_upload_cursor,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let bytes = arg_bytes(bytes, len, "bytes")?;
        upload_out(opts, out, |o| {
            let src: Source = Box::new(std::io::Cursor::new(bytes.to_vec()));
            mpp_upload_cursor::open(src, o.or_size_hint(bytes.len() as u64), None)
        })
    })
}

/// Starts a streaming upload of the file at `path`, which is read a chunk at a time as rows
/// are asked for.
///
/// Returns as `mpp_upload_cursor_new`, and `MPP_ERROR_CODE_IO_ERROR` naming the path when the
/// file cannot be opened or its header cannot be read.
///
/// # Safety
/// `path` must be NULL or a NUL-terminated string (on Unix any bytes, elsewhere UTF-8); `opts`
/// must be NULL or live options; `out` must be valid for one write; `err` must be NULL or valid
/// for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_cursor_open_path(
    path: *const c_char,
    opts: *const mpp_upload_options,
    out: *mut *mut mpp_upload_cursor,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let path = arg_path(path, "path")?;
        upload_out(opts, out, |o| {
            let file = std::fs::File::open(&path).map_err(|e| Error::opening(&path, e))?;
            let o = o.or_size_of(&file);
            mpp_upload_cursor::open(Box::new(file), o, Some(path.display().to_string()))
        })
    })
}

/// Reads and validates the next data row.
///
/// Returns `MPP_OK` and stores in `*out_row` the row, borrowed from the cursor until the next
/// call or `mpp_upload_cursor_free`; at the end of the input stores NULL (and the end's
/// findings, such as `no_data_rows`, become available through
/// `mpp_upload_cursor_end_finding_at`); every later call stores NULL again. Each call ends the
/// life of the row given before. On failure writes nothing and returns
/// `MPP_ERROR_CODE_IO_ERROR` when the input cannot be read (the cursor is then at its end), or
/// `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `cursor` must be NULL or a live cursor not used by another thread during the call;
/// `out_row` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_cursor_next(
    cursor: *mut mpp_upload_cursor,
    out_row: *mut *const mpp_upload_row,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let cursor = arg_mut(cursor, "cursor")?;
        let out = out_param(out_row, "out_row")?;
        cursor.row = None;
        let Some(reader) = cursor.reader.as_mut() else {
            return out.put(ptr::null());
        };
        match reader.next() {
            Some(Ok(row)) => {
                cursor.counts = reader.counts();
                out.put(cursor.row.insert(mpp_upload_row::new(row)))
            }
            Some(Err(e)) => {
                cursor.reader = None;
                Err(in_file_of(e, &cursor.file))
            }
            None => {
                // What the core reports once the input is read (no_data_rows).
                cursor.counts = reader.counts();
                cursor.end_findings = mpp_finding::all(reader.end_findings());
                cursor.reader = None;
                out.put(ptr::null())
            }
        }
    })
}

/// How many findings the header row (row 1) has: byte-order mark, missing, unknown or
/// duplicated columns, an empty file. 0 for NULL.
///
/// # Safety
/// `c` must be NULL or a live cursor.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_cursor_header_finding_count(
    c: *const mpp_upload_cursor,
) -> usize {
    read!(c, 0, |c| c.header_findings.len())
}

/// The `index`-th finding of the header row. Borrowed from the cursor: valid until
/// `mpp_upload_cursor_free`. NULL when `c` is NULL or `index` is out of range.
///
/// # Safety
/// `c` must be NULL or a live cursor.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_cursor_header_finding_at(
    c: *const mpp_upload_cursor,
    index: usize,
) -> *const mpp_finding {
    lend!(c, |c| c.header_findings.get(index))
}

/// How many findings concern the input as a whole once it is read (`no_data_rows` for a file
/// with a header and no data rows). 0 until `mpp_upload_cursor_next` has given the end, and
/// for NULL. Header findings, then each row's findings, then these, are the findings of
/// `mpp_validate_upload` in its order.
///
/// # Safety
/// `c` must be NULL or a live cursor.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_cursor_end_finding_count(c: *const mpp_upload_cursor) -> usize {
    read!(c, 0, |c| c.end_findings.len())
}

/// The `index`-th finding of the end of the input. Borrowed from the cursor: valid until
/// `mpp_upload_cursor_free`. NULL when `c` is NULL or `index` is out of range.
///
/// # Safety
/// `c` must be NULL or a live cursor.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_cursor_end_finding_at(
    c: *const mpp_upload_cursor,
    index: usize,
) -> *const mpp_finding {
    lend!(c, |c| c.end_findings.get(index))
}

/// Devices added by the rows read so far (CSV-14); 0 for NULL.
///
/// # Safety
/// `c` must be NULL or a live cursor.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_cursor_added(c: *const mpp_upload_cursor) -> u64 {
    read!(c, 0, |c| c.counts.added)
}

/// Rows read so far that were not added (CSV-14, DEC-1); 0 for NULL.
///
/// # Safety
/// `c` must be NULL or a live cursor.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_cursor_errors(c: *const mpp_upload_cursor) -> u64 {
    read!(c, 0, |c| c.counts.errors)
}

/// Data rows read so far, blank ones included (CSV-14, DEC-1); 0 for NULL.
///
/// # Safety
/// `c` must be NULL or a live cursor.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_cursor_total(c: *const mpp_upload_cursor) -> u64 {
    read!(c, 0, |c| c.counts.total)
}

/// Whether the rows are checked against a directory (see `mpp_report_directory_checked`);
/// false for NULL.
///
/// # Safety
/// `c` must be NULL or a live cursor.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_cursor_directory_checked(c: *const mpp_upload_cursor) -> bool {
    read!(c, false, |c| c.directory_checked)
}

/// The migration option the rows are checked for. `MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE` for
/// NULL.
///
/// # Safety
/// `c` must be NULL or a live cursor.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_cursor_option(c: *const mpp_upload_cursor) -> UploadOption {
    read!(c, UploadOption::LicenseAndDevice, |c| c.option)
}

/// Frees a cursor, with the current row and everything borrowed from it; closes its file.
/// NULL is a no-op.
///
/// # Safety
/// `c` must be NULL or a cursor from this library, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_cursor_free(c: *mut mpp_upload_cursor) {
    free_box!(c)
}

/// The row, as a spreadsheet numbers it (header = 1, a blank line counts, a quoted cell over
/// several lines stays one row); 0 for NULL.
///
/// # Safety
/// `r` must be NULL or the row last given by a live cursor.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_row_number(r: *const mpp_upload_row) -> u64 {
    read!(r, 0, |r| r.number)
}

/// Whether the row was accepted (it may still carry warnings); false for NULL.
///
/// # Safety
/// `r` must be NULL or the row last given by a live cursor.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_row_accepted(r: *const mpp_upload_row) -> bool {
    read!(r, false, |r| r.device.is_some())
}

/// Whether the row was blank (DEC-10); false for NULL.
///
/// # Safety
/// `r` must be NULL or the row last given by a live cursor.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_row_blank(r: *const mpp_upload_row) -> bool {
    read!(r, false, |r| r.blank)
}

/// The accepted device, normalised; NULL when the row was refused or `r` is NULL. Borrowed
/// from the row: valid as long as it.
///
/// # Safety
/// `r` must be NULL or the row last given by a live cursor.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_row_device(r: *const mpp_upload_row) -> *const mpp_device {
    lend!(r, |r| r.device.as_ref())
}

/// How many findings the row has; 0 for NULL.
///
/// # Safety
/// `r` must be NULL or the row last given by a live cursor.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_row_finding_count(r: *const mpp_upload_row) -> usize {
    read!(r, 0, |r| r.findings.len())
}

/// The `index`-th finding of the row, in column order. Borrowed from the row: valid as long as
/// it. NULL when `r` is NULL or `index` is out of range.
///
/// # Safety
/// `r` must be NULL or the row last given by a live cursor.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_row_finding_at(
    r: *const mpp_upload_row,
    index: usize,
) -> *const mpp_finding {
    lend!(r, |r| r.views.view(&r.findings, index))
}
