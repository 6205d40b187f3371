//! Writing files in C (issue 6): a list of named files in memory (a host's own, and the files
//! of plans) written into a directory in one call, each whole or not at all.

use mpp_migration::OutputFile;

use crate::prelude::*;

/// A list of files to write: each a plain file name and its text. Create with
/// `mpp_output_files_new`, fill with `mpp_output_files_add` and the `add_*_plan` functions,
/// write with `mpp_output_files_write`, free with `mpp_output_files_free`.
#[derive(Default)]
pub struct mpp_output_files {
    files: Vec<OutputFile>,
    /// The names as C strings; their buffers never move, so they stay valid as the list grows.
    names: Vec<CString>,
}

handles!(Owned: mpp_output_files);

impl mpp_output_files {
    pub(crate) fn push(&mut self, file: OutputFile) {
        self.names.push(c_string_lossy(&file.name));
        self.files.push(file);
    }
}

/// A handle that generates files: a plan, prepared uploads.
pub(crate) trait Files: Handle {
    /// The files, named and generated.
    fn files(&self) -> Vec<OutputFile>;
}

/// Adds the files of `handle` (refused by `name` when NULL) to the list `files`.
///
/// # Safety
/// `files` must be NULL or a live list not used by another thread during the call; `handle`
/// must be NULL or live.
pub(crate) unsafe fn add_files<H: Files>(
    files: *mut mpp_output_files,
    handle: *const H,
    name: &str,
) -> Result<(), Error> {
    // SAFETY: per the contract.
    let (files, handle) = unsafe { (arg_mut(files, "files")?, arg_ref(handle, name)?) };
    handle.files().into_iter().for_each(|f| files.push(f));
    Ok(())
}

/// Writes the files of `handle` (refused by `name` when NULL) into the directory `dir`, as
/// `mpp_output_files_write` does.
///
/// # Safety
/// `handle` must be NULL or live; `dir` must be NULL or a NUL-terminated string.
pub(crate) unsafe fn write_files<H: Files>(
    handle: *const H,
    name: &str,
    dir: *const c_char,
    overwrite: bool,
) -> Result<(), Error> {
    // SAFETY: per the contract.
    let (handle, dir) = unsafe { (arg_ref(handle, name)?, arg_path(dir, "dir")?) };
    mpp_migration::write_files(&dir, &handle.files(), overwrite).map(drop)
}

/// Makes an empty list of files.
///
/// On success returns `MPP_OK` and stores in `*out` a list to free with
/// `mpp_output_files_free`. Returns `MPP_ERROR_CODE_NULL_POINTER` when `out` is NULL.
///
/// # Safety
/// `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_output_files_new(
    out: *mut *mut mpp_output_files,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || put_new(out, || Ok(mpp_output_files::default())))
}

/// Adds a file: its name (a plain file name; checked when written) and its text, copied.
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_NULL_POINTER` / `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8` (the
/// list is then unchanged).
///
/// # Safety
/// `files` must be NULL or a live list not used by another thread during the call; `name` and
/// `content` must each be NULL or a NUL-terminated string; `err` must be NULL or valid for one
/// write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_output_files_add(
    files: *mut mpp_output_files,
    name: *const c_char,
    content: *const c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let files = arg_mut(files, "files")?;
        let name = arg_str(name, "name")?;
        let content = arg_str(content, "content")?;
        files.push(OutputFile {
            name: name.to_owned(),
            content: content.to_owned(),
        });
        Ok(())
    })
}

/// Adds the three files of an automatic plan (see `mpp_auto_plan_write`).
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `files` must be NULL or a live list not used by another thread during the call; `plan` must
/// be NULL or a live plan; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_output_files_add_auto_plan(
    files: *mut mpp_output_files,
    plan: *const mpp_auto_plan,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || add_files(files, plan, "plan"))
}

/// Adds the files of a manual plan: its BAT files, instructions, JSON and licenses (see
/// `mpp_manual_plan_write`).
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `files` must be NULL or a live list not used by another thread during the call; `plan` must
/// be NULL or a live plan; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_output_files_add_manual_plan(
    files: *mut mpp_output_files,
    plan: *const mpp_manual_plan,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || add_files(files, plan, "plan"))
}

/// How many files the list holds; 0 for NULL.
///
/// # Safety
/// `files` must be NULL or a live list.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_output_files_count(files: *const mpp_output_files) -> usize {
    read!(files, 0, |f| f.files.len())
}

/// The name of the `index`-th file, in the order they were added. Borrowed from the list:
/// valid until `mpp_output_files_free` (adding files does not end it). NULL when `files` is
/// NULL or `index` is out of range.
///
/// # Safety
/// `files` must be NULL or a live list.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_output_files_name_at(
    files: *const mpp_output_files,
    index: usize,
) -> *const c_char {
    lend!(files, |f| f.names.get(index))
}

/// Writes every file of the list into the directory `dir` (created if missing), all or
/// nothing: after the call, or after a crash once the next call (or
/// `mpp_recover_output_dir`) ran, every name of the list holds its old state or its new
/// content, the same side for all; files the list does not name are never touched. The files
/// are staged in a hidden `.mpp-write-*` directory inside `dir` and renamed into place; the next
/// call removes what a killed one left.
///
/// Checked before anything is written: `dir` is not empty; every name is a plain file name
/// inside `dir` that file systems accept (no NUL or control character, at most 255 bytes, no
/// leading dot); no two names are the same regardless of case; unless `overwrite`, nothing
/// exists at a target name, not even a dangling symbolic link.
///
/// Returns `MPP_OK`, or on failure `MPP_ERROR_CODE_OUTPUT_PATH_INVALID` (naming the file),
/// `MPP_ERROR_CODE_OUTPUT_NAME_DUPLICATE`, `MPP_ERROR_CODE_OUTPUT_EXISTS`,
/// `MPP_ERROR_CODE_IO_ERROR` (naming the path; the old files are back in place), or
/// `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `files` must be NULL or a live list; `dir` must be NULL or a NUL-terminated string (on Unix
/// any bytes, elsewhere UTF-8); `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_output_files_write(
    files: *const mpp_output_files,
    dir: *const c_char,
    overwrite: bool,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let files = arg_ref(files, "files")?;
        let dir = arg_path(dir, "dir")?;
        mpp_migration::write_files(&dir, &files.files, overwrite).map(drop)
    })
}

/// Finishes or undoes what a killed `mpp_output_files_write` left in `dir` and removes its
/// staging directories, without writing anything new (`mpp_output_files_write` does this
/// itself first). A missing directory is fine.
///
/// Returns `MPP_OK`, or on failure `MPP_ERROR_CODE_OUTPUT_PATH_INVALID` (an empty `dir`),
/// `MPP_ERROR_CODE_IO_ERROR` (naming the path), or `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `dir` must be NULL or a NUL-terminated string (on Unix any bytes, elsewhere UTF-8); `err`
/// must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_recover_output_dir(
    dir: *const c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let dir = arg_path(dir, "dir")?;
        mpp_migration::recover_output_dir(&dir)
    })
}

/// Frees a list and its names. NULL is a no-op.
///
/// # Safety
/// `files` must be NULL or a list from `mpp_output_files_new`, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_output_files_free(files: *mut mpp_output_files) {
    free_box!(files)
}
