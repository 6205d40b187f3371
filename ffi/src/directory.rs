//! The organisation directory in C: users, workspaces, locations and the devices already in
//! Webex Calling, which the upload checks its rows against (CSV-3, CSV-6, CSV-11 to CSV-13).
//!
//! Two handles, as in the core: an `mpp_directory_builder` collects entries (its `add`
//! functions fail only on pointers and UTF-8; the core checks each entry as it is added and keeps
//! the first refused); `mpp_directory_build` reports that error, as the core's
//! `DirectoryBuilder::build` does, or produces an immutable `mpp_directory`.
//! An `mpp_directory` is shared by reference count: upload options that use it keep it alive,
//! so it may be freed as soon as it has been handed to them.

use mpp_migration::{Directory, DirectoryBuilder, Location};

use crate::prelude::*;

/// Collects the entries of a directory; `mpp_directory_build` validates them and makes the
/// directory. Create with `mpp_directory_builder_new`, free with `mpp_directory_builder_free`.
pub struct mpp_directory_builder {
    builder: DirectoryBuilder,
}

/// A validated, immutable organisation directory. Made by `mpp_directory_build`,
/// `mpp_directory_from_json` or `mpp_directory_from_json_path`; free it with
/// `mpp_directory_free`. Upload options and reports that use it hold their own reference, so
/// freeing it never invalidates them.
pub struct mpp_directory {
    directory: Arc<Directory>,
}

handles!(Owned: mpp_directory_builder, mpp_directory);

from_core!(mpp_directory_builder {
    builder: DirectoryBuilder
});

impl mpp_directory_builder {
    /// Adds to the builder with `add`, once every argument was read: a refused argument leaves
    /// the builder as it was.
    fn add(&mut self, add: impl FnOnce(DirectoryBuilder) -> DirectoryBuilder) -> Result<(), Error> {
        self.builder = add(std::mem::take(&mut self.builder));
        Ok(())
    }
}

impl From<Directory> for mpp_directory {
    fn from(directory: Directory) -> mpp_directory {
        mpp_directory {
            directory: Arc::new(directory),
        }
    }
}

impl mpp_directory {
    /// Another reference to the directory, for options that outlive this handle.
    pub(crate) fn shared(&self) -> Arc<Directory> {
        Arc::clone(&self.directory)
    }

    /// The directory.
    pub(crate) fn get(&self) -> &Directory {
        &self.directory
    }
}

/// Makes an empty directory builder.
///
/// On success returns `MPP_OK` and stores in `*out` a builder to free with
/// `mpp_directory_builder_free`. Returns `MPP_ERROR_CODE_NULL_POINTER` when `out` is NULL.
///
/// # Safety
/// `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_directory_builder_new(
    out: *mut *mut mpp_directory_builder,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || put_new(out, || Ok(Directory::builder())))
}

/// Adds a user, by email. The address is checked by `mpp_directory_build`, which names it
/// `users[i]`, `i` counting the users added before it.
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_NULL_POINTER` / `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`
/// (the builder is then unchanged).
///
/// # Safety
/// `builder` must be NULL or a live builder not used by another thread during the call;
/// `email` must be NULL or a NUL-terminated string; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_directory_builder_add_user(
    builder: *mut mpp_directory_builder,
    email: *const c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let b = arg_mut(builder, "builder")?;
        let email = arg_str(email, "email")?;
        b.add(|b| b.user(email))
    })
}

/// Adds a workspace, by name (checked by `mpp_directory_build` as `workspaces[i]`).
///
/// Returns as `mpp_directory_builder_add_user`.
///
/// # Safety
/// As `mpp_directory_builder_add_user`, with `name` for `email`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_directory_builder_add_workspace(
    builder: *mut mpp_directory_builder,
    name: *const c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let b = arg_mut(builder, "builder")?;
        let name = arg_str(name, "name")?;
        b.add(|b| b.workspace(name))
    })
}

/// Adds a location: its name, whether it is a Cisco PSTN location (CSV-12), and the `count`
/// extensions already in use in it (CSV-6; `extensions_in_use` may be NULL when `count` is 0).
/// Checked by `mpp_directory_build` as `locations[i]`: the name (not empty, at most 80
/// characters, EXT-12, not a near miss of another location's, DEC-7) and each extension (2 to
/// 10 digits, DEC-5) as `locations[i].extensions_in_use[j]`.
///
/// Returns as `mpp_directory_builder_add_user`; a NULL or non-UTF-8 extension is refused by
/// its index, e.g. `extensions_in_use[2]`.
///
/// # Safety
/// `builder` as in `mpp_directory_builder_add_user`; `name` must be NULL or a NUL-terminated
/// string; `extensions_in_use` must be NULL or point to `count` pointers, each NULL or a
/// NUL-terminated string; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_directory_builder_add_location(
    builder: *mut mpp_directory_builder,
    name: *const c_char,
    cisco_pstn: bool,
    extensions_in_use: *const *const c_char,
    count: usize,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let b = arg_mut(builder, "builder")?;
        let name = arg_str(name, "name")?;
        let extensions = arg_strs(extensions_in_use, count, "extensions_in_use")?;
        let location = Location::new(name).cisco_pstn(cisco_pstn);
        b.add(|b| b.location(location.extensions_in_use(extensions)))
    })
}

/// Adds a device already configured in Webex Calling, by MAC (CSV-13, TASK-9); checked by
/// `mpp_directory_build` as `devices_in_webex_calling[i]` (DEV-6).
///
/// Returns as `mpp_directory_builder_add_user`.
///
/// # Safety
/// As `mpp_directory_builder_add_user`, with `mac` for `email`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_directory_builder_add_device(
    builder: *mut mpp_directory_builder,
    mac: *const c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let b = arg_mut(builder, "builder")?;
        let mac = arg_str(mac, "mac")?;
        b.add(|b| b.device_in_webex_calling(mac))
    })
}

/// Validates every entry added to `builder` and makes the directory. The builder is left as it
/// was: more entries may be added and the directory built again.
///
/// On success returns `MPP_OK` and stores in `*out` a directory to free with
/// `mpp_directory_free`. On failure returns `MPP_ERROR_CODE_DIRECTORY_INVALID` (or
/// `MPP_ERROR_CODE_NULL_POINTER`), writes no output and, when `err` is not NULL, stores an
/// error whose message names the first refused entry by its place in the JSON form of the
/// directory: `users[1]`, `locations[0].name`, `locations[2].extensions_in_use[0]`,
/// `devices_in_webex_calling[3]`.
///
/// # Safety
/// `builder` must be NULL or a live builder; `out` must be valid for one write; `err` must be
/// NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_directory_build(
    builder: *const mpp_directory_builder,
    out: *mut *mut mpp_directory,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let builder = arg_ref(builder, "builder")?;
        put_new(out, || builder.builder.clone().build())
    })
}

/// Frees a builder. NULL is a no-op. Directories built from it are not affected.
///
/// # Safety
/// `builder` must be NULL or a builder from `mpp_directory_builder_new`, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_directory_builder_free(builder: *mut mpp_directory_builder) {
    free_box!(builder)
}

/// Reads a directory from its JSON document (`len` bytes at `json`, UTF-8):
///
/// `{"format": 1, "users": ["alice@example.com"], "workspaces": ["Lobby"], "locations":
/// [{"name": "HQ", "cisco_pstn": true, "extensions_in_use": ["1001"]}],
/// "devices_in_webex_calling": ["001A2B3C4D5E"]}`
///
/// The document and each location are JSON objects (an array of the fields in order is
/// refused). Every key is optional; an unknown key is refused. Workspace and location names
/// hold no control characters, and no two workspaces (nor two locations) are the same name or
/// differ only in case or spacing (DEC-7).
///
/// On success returns `MPP_OK` and stores in `*out` a directory to free with
/// `mpp_directory_free`. On failure writes no output and returns
/// `MPP_ERROR_CODE_JSON_INVALID` for malformed JSON or a value of the wrong type (the message
/// names line and column), `MPP_ERROR_CODE_DIRECTORY_INVALID` for an entry the directory
/// refuses (the message names its path, e.g. `locations[1].name`), or
/// `MPP_ERROR_CODE_NULL_POINTER` (also for a NULL `json`, whatever `len` is).
///
/// # Safety
/// `json` must be NULL or point to `len` readable bytes; `out` must be valid for one write;
/// `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_directory_from_json(
    json: *const u8,
    len: usize,
    out: *mut *mut mpp_directory,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let json = arg_document(json, len, "json")?;
        put_new(out, || Directory::from_json(json))
    })
}

/// Reads a directory from the JSON file at `path` (see `mpp_directory_from_json`).
///
/// Returns as `mpp_directory_from_json`, with the path at the start of the message, and
/// `MPP_ERROR_CODE_IO_ERROR` naming the path when the file cannot be opened or read.
///
/// # Safety
/// `path` must be NULL or a NUL-terminated string (on Unix any bytes, elsewhere UTF-8); `out`
/// must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_directory_from_json_path(
    path: *const c_char,
    out: *mut *mut mpp_directory,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let path = arg_path(path, "path")?;
        put_new(out, || Directory::read_path(&path))
    })
}

/// The directory as its JSON document (format 1), which `mpp_directory_from_json` reads back.
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// Returns `MPP_ERROR_CODE_NULL_POINTER` when `directory` or `out` is NULL, writing nothing.
///
/// # Safety
/// `directory` must be NULL or a live directory; `out` must be valid for one write; `err` must
/// be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_directory_to_json(
    directory: *const mpp_directory,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(directory, "directory", out, err, |d| d.get().to_json())
}

/// How many users the directory has (each email once, DEC-7); 0 for NULL.
///
/// # Safety
/// `directory` must be NULL or a live directory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_directory_user_count(directory: *const mpp_directory) -> usize {
    read!(directory, 0, |d| d.get().users().len())
}

/// How many workspaces the directory has; 0 for NULL.
///
/// # Safety
/// `directory` must be NULL or a live directory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_directory_workspace_count(directory: *const mpp_directory) -> usize {
    read!(directory, 0, |d| d.get().workspaces().len())
}

/// How many locations the directory has; 0 for NULL.
///
/// # Safety
/// `directory` must be NULL or a live directory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_directory_location_count(directory: *const mpp_directory) -> usize {
    read!(directory, 0, |d| d.get().locations().len())
}

/// How many devices the directory knows to be in Webex Calling (each MAC once); 0 for NULL.
///
/// # Safety
/// `directory` must be NULL or a live directory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_directory_device_count(directory: *const mpp_directory) -> usize {
    read!(directory, 0, |d| d.get().device_count())
}

/// Frees a directory. NULL is a no-op. Upload options and reports that use it keep their own
/// reference and stay valid.
///
/// # Safety
/// `directory` must be NULL or a directory from this library, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_directory_free(directory: *mut mpp_directory) {
    free_box!(directory)
}

/// The user-attribute export (CSV-16): every user of the directory as a row of the *license
/// and device* schema with Type, Username and Device Type filled in, sorted by email, for the
/// administrator to complete with Model, MAC Address and Location.
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// Returns `MPP_ERROR_CODE_NULL_POINTER` when `directory` or `out` is NULL, writing nothing.
///
/// # Safety
/// `directory` must be NULL or a live directory; `out` must be valid for one write; `err` must
/// be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_user_export_csv(
    directory: *const mpp_directory,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(directory, "directory", out, err, |directory| {
        mpp_migration::user_export_csv(directory.get())
    })
}
