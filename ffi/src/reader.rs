//! Uploads streamed from C through a read callback: the host hands out its input a chunk at a
//! time (from `fread`, a socket, a decompressor) and the library never copies it whole. The
//! callback is adapted to [`std::io::Read`] here; every rule stays in the core crate.

use std::ffi::c_void;
use std::io::{self, Read};

use crate::prelude::*;

/// A read callback: fills up to `len` bytes at `buf`, stores how many it wrote in
/// `*out_read` and returns 0; `*out_read == 0` with 0 means the end of the input. Any other
/// return value is a read failure: the upload stops with `MPP_ERROR_CODE_IO_ERROR`, whose
/// message gives the value. The library calls it only from inside `mpp_upload_cursor_new_reader`,
/// `mpp_upload_cursor_next` and `mpp_validate_upload_reader`, never after the cursor is freed,
/// with `buf` valid for `len` bytes and `len` at least 1.
pub type mpp_read_fn = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        buf: *mut u8,
        len: usize,
        out_read: *mut usize,
    ) -> i32,
>;

/// The C callback as a [`Read`].
struct CallbackReader {
    read: unsafe extern "C" fn(*mut c_void, *mut u8, usize, *mut usize) -> i32,
    user_data: *mut c_void,
    /// Set once the callback failed or reported the end: it is not called again.
    done: bool,
}

// SAFETY: the callback and `user_data` are the host's; the contract of the functions taking
// them requires that they may be called from whichever thread drives the cursor (a cursor is
// used by one thread at a time, as its functions document).
unsafe impl Send for CallbackReader {}

impl Read for CallbackReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.done || buf.is_empty() {
            return Ok(0);
        }
        let mut got = 0usize;
        // SAFETY: `buf` is valid for `buf.len()` bytes and `got` for one write; the host
        // promised the callback honours the contract of `mpp_read_fn`.
        let status = unsafe { (self.read)(self.user_data, buf.as_mut_ptr(), buf.len(), &mut got) };
        if status != 0 {
            self.done = true;
            return Err(io::Error::other(format!(
                "the read callback returned status {status}; expected 0"
            )));
        }
        if got > buf.len() {
            self.done = true;
            return Err(io::Error::other(format!(
                "the read callback reported {got} bytes read into a buffer of {}; it may report \
                 at most the buffer's length",
                buf.len()
            )));
        }
        if got == 0 {
            self.done = true;
        }
        Ok(got)
    }
}

/// The callback as a source, or `MPP_ERROR_CODE_NULL_POINTER` for a NULL callback.
fn source(read_fn: mpp_read_fn, user_data: *mut c_void) -> Result<CallbackReader, Error> {
    let read = read_fn.ok_or_else(|| crate::boundary::null_error("read_fn"))?;
    Ok(CallbackReader {
        read,
        user_data,
        done: false,
    })
}

/// Starts a streaming upload whose bytes come from `read_fn`, called with `user_data` as rows
/// are asked for: the input is never held whole, only the chunk being read (memory does not
/// grow with the file beyond what later rows are checked against, DEC-2, DEC-5). The header is
/// read now.
///
/// On success returns `MPP_OK` and stores in `*out` a cursor to free with
/// `mpp_upload_cursor_free`, read as one from `mpp_upload_cursor_new`. On failure writes
/// nothing and returns `MPP_ERROR_CODE_NULL_POINTER` (a NULL `read_fn`, `opts` or `out`) or
/// `MPP_ERROR_CODE_IO_ERROR` when the callback fails while the header is read. The content
/// itself never makes this fail.
///
/// # Safety
/// `read_fn` must be NULL or follow the contract of `mpp_read_fn`, and it and `user_data` must
/// stay usable until the cursor is freed, from whichever thread calls the cursor's
/// functions; `opts` must be NULL or live options; `out` must be valid for one write; `err`
/// must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_upload_cursor_new_reader(
    read_fn: mpp_read_fn,
    user_data: *mut c_void,
    opts: *const mpp_upload_options,
    out: *mut *mut mpp_upload_cursor,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let src = source(read_fn, user_data)?;
        upload_out(opts, out, |o| {
            mpp_upload_cursor::open(Box::new(src), o, None)
        })
    })
}

/// Validates a whole upload whose bytes come from `read_fn` (see `mpp_read_fn`), called with
/// `user_data` until it reports the end; the input is read a chunk at a time, never copied
/// whole.
///
/// Returns as `mpp_validate_upload`, and `MPP_ERROR_CODE_IO_ERROR` when the callback fails.
/// `read_fn` is not called after this returns.
///
/// # Safety
/// `read_fn` must be NULL or follow the contract of `mpp_read_fn`; `opts` must be NULL or live
/// options; `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_validate_upload_reader(
    read_fn: mpp_read_fn,
    user_data: *mut c_void,
    opts: *const mpp_upload_options,
    out: *mut *mut mpp_report,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let src = source(read_fn, user_data)?;
        upload_out(opts, out, |o| mpp_migration::validate_upload(src, o))
    })
}
