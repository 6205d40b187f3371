//! Writing a plan's files into a directory, all or nothing (issue 6, issue 14 section 2).
//!
//! # What "all or nothing" means here
//!
//! A call names a *set* of files. After it returns, and after a crash at any point once the next
//! call (or [`recover_output_dir`]) has run, each name of the set holds either its old state (the
//! old content, or no file where there was none) or its new content, and it is the same side for
//! every name of the set. Files in the directory that the set does not name are never touched.
//!
//! # How
//!
//! 1. Every name is checked up front, before the file system is touched (see [`write_files`]).
//! 2. The directory is locked (`flock` on Unix) so that one writer at a time works in it.
//! 3. What an earlier, killed call left is recovered (below).
//! 4. The new files are written and fsynced into a fresh staging directory
//!    `.mpp-write-<pid>-<clock>-<n>/new/` inside the target directory (same file system, so the moves
//!    below are atomic renames), then a `MANIFEST` naming the set is made to appear atomically.
//! 5. Commit: for each name, the file there (if any) is moved into `old/`, then the new one is
//!    moved into place. Then a `COMMITTED` marker is made durable, and the staging directory,
//!    with the old files, is removed.
//!
//! Recovery reads a staging directory left behind: no `MANIFEST` means nothing was touched
//! (removed); `COMMITTED` means the new set is whole (the rest is removed: roll forward);
//! otherwise the commit is undone name by name from what `new/` and `old/` still hold (roll
//! back). Every step of the undo is itself one rename, so a crash during recovery is recovered
//! by the next one. A failure during the commit of a live call is undone the same way.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorCode, Result};
use crate::text::quoted;

/// A file of a plan, in memory, for hosts that upload it themselves or for
/// [`write_files`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OutputFile {
    /// The file name (no directory part).
    pub name: String,
    /// The content, UTF-8 without byte-order mark.
    pub content: String,
}

/// The longest file name, in bytes, that the common file systems accept (`NAME_MAX` of Linux
/// and macOS, the 255-unit limit of NTFS).
pub const MAX_OUTPUT_NAME_BYTES: usize = 255;

/// The prefix of the writer's staging directories. Names starting with a dot are refused as
/// output names, so no output file can collide with one.
const STAGING_PREFIX: &str = ".mpp-write-";
const MANIFEST: &str = "MANIFEST";
const COMMITTED: &str = "COMMITTED";

/// Writes `files` into `dir` (created if missing), all or nothing, and returns their paths.
///
/// Checked once, up front, before anything is written:
/// - `dir` is not empty and has no NUL byte ([`ErrorCode::OutputPathInvalid`]);
/// - every name is a plain file name inside `dir` that file systems accept: not empty, not `.`
///   or `..`, no `/` or `\`, no NUL or other control character, at most
///   [`MAX_OUTPUT_NAME_BYTES`] bytes, and no leading dot (hidden names are kept for the
///   writer's staging area; MAN-2 refuses them for BAT files too) ([`ErrorCode::OutputPathInvalid`]).
///   The BAT-specific rules (MAN-2's characters and dots, EXT-11's comma) are checked where BAT
///   file names are made, [`check_bat_file_name`](crate::check_bat_file_name), because a plan
///   also writes CSV, text and JSON companions that are not uploaded to Unified CM;
/// - no two names are the same, regardless of case, since some file systems fold case
///   ([`ErrorCode::OutputNameDuplicate`]);
/// - unless `overwrite`, nothing exists at any target name, not even a dangling symbolic link
///   ([`ErrorCode::OutputExists`]); a directory at a target name is refused even with
///   `overwrite` ([`ErrorCode::OutputPathInvalid`]).
///
/// Then the set is written as the module documentation describes: on any failure
/// ([`ErrorCode::IoError`]) every target is back to its old state and nothing of the call is
/// left, so a retry works; after a crash, the next call first restores the old state (or
/// completes the new one if the crash came after the commit point). With `overwrite`, a
/// symbolic link at a target is replaced, not written through.
pub fn write_files(dir: &Path, files: &[OutputFile], overwrite: bool) -> Result<Vec<PathBuf>> {
    check_dir(dir)?;
    let mut seen = HashSet::with_capacity(files.len());
    for f in files {
        check_name(&f.name)?;
        if !seen.insert(f.name.to_lowercase()) {
            return Err(Error::new(
                ErrorCode::OutputNameDuplicate,
                format!(
                    "two output files are named {} (names are compared regardless of case); \
                     nothing was written: give each file its own name",
                    quoted(&f.name)
                ),
            ));
        }
    }
    fs::create_dir_all(dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    let _lock = DirLock::acquire(dir)?;
    recover_locked(dir)?;
    let targets: Vec<PathBuf> = files.iter().map(|f| dir.join(&f.name)).collect();
    for target in &targets {
        match fs::symlink_metadata(target) {
            Ok(meta) if meta.is_dir() => {
                return Err(Error::new(
                    ErrorCode::OutputPathInvalid,
                    format!(
                        "{} is a directory, which a plan file cannot replace; nothing was written",
                        target.display()
                    ),
                ));
            }
            Ok(_) if !overwrite => {
                return Err(Error::new(
                    ErrorCode::OutputExists,
                    format!(
                        "{} exists; nothing was written (ask to overwrite, or choose another directory)",
                        target.display()
                    ),
                ));
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(format!("reading {}", target.display()), e)),
        }
    }
    let staging = stage(dir, files)?;
    if let Err(e) = commit(dir, staging.path(), files, overwrite) {
        // Undo what the commit did; should even that fail, the staging directory stays for the
        // next call to finish the undo (keep() stops the guard from deleting the journal).
        let path = staging.keep();
        if roll_back(dir, &path).is_ok() {
            let _ = fs::remove_dir_all(&path);
            let _ = sync_dir(dir);
        }
        return Err(e);
    }
    // Past the commit point: the new set is in place whatever happens to the cleanup, which
    // the next call finishes if it cannot be done now.
    let path = staging.keep();
    let _ = hook(Step::Cleanup).and_then(|()| fs::remove_dir_all(&path));
    let _ = sync_dir(dir);
    Ok(targets)
}

/// Finishes or undoes what a killed [`write_files`] left in `dir`, and removes its staging
/// directories. [`write_files`] does this itself first; call this to clean a directory without
/// writing to it. A missing directory is fine (nothing to do).
pub fn recover_output_dir(dir: &Path) -> Result<()> {
    check_dir(dir)?;
    if !dir.is_dir() {
        return Ok(());
    }
    let _lock = DirLock::acquire(dir)?;
    recover_locked(dir)
}

fn check_dir(dir: &Path) -> Result<()> {
    let raw = dir.as_os_str().as_encoded_bytes();
    if raw.is_empty() {
        return Err(Error::new(
            ErrorCode::OutputPathInvalid,
            "the output directory is empty; give a directory (\".\" for the current one)",
        ));
    }
    if raw.contains(&0) {
        return Err(Error::new(
            ErrorCode::OutputPathInvalid,
            "the output directory contains a NUL byte, which no file system accepts",
        ));
    }
    Ok(())
}

/// The file-system rules of one output name (see [`write_files`]).
fn check_name(name: &str) -> Result<()> {
    let invalid = |why: &str| {
        Error::new(
            ErrorCode::OutputPathInvalid,
            format!(
                "output file name {} {why}; nothing was written",
                quoted(name)
            ),
        )
    };
    if name.is_empty() {
        return Err(invalid("is empty"));
    }
    if name == "." || name == ".." || name.contains(['/', '\\']) {
        return Err(invalid(
            "is not a plain file name inside the output directory",
        ));
    }
    if name.contains('\0') {
        return Err(invalid("contains a NUL byte, which no file system accepts"));
    }
    if name.chars().any(char::is_control) {
        return Err(invalid(
            "contains a control character (a line break, a tab)",
        ));
    }
    if name.starts_with('.') {
        return Err(invalid(
            "starts with a dot (hidden names are kept for the writer's staging area)",
        ));
    }
    if name.len() > MAX_OUTPUT_NAME_BYTES {
        return Err(invalid(&format!(
            "is {} bytes long; file systems accept at most {MAX_OUTPUT_NAME_BYTES}",
            name.len()
        )));
    }
    Ok(())
}

/// A staging directory of this call, removed with everything in it when dropped unless
/// [`Staging::keep`] was called.
struct Staging(Option<PathBuf>);

impl Staging {
    /// Makes a fresh staging directory in `dir`. Its name is made unique by the process id, the
    /// clock and a counter, and `create_dir` refuses one that exists, so two writers never share
    /// one. (Not the `tempfile` crate: its random names seed a thread-local generator through
    /// `std::thread::current`, which valgrind reports as "possibly lost" in every C host; the
    /// directory lock already rules out a race on the name.)
    fn new(dir: &Path) -> io::Result<Staging> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!(
                "{STAGING_PREFIX}{}-{nanos:08x}-{n}",
                std::process::id()
            ));
            match fs::create_dir(&path) {
                Ok(()) => return Ok(Staging(Some(path))),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1 << 20 => continue,
                Err(e) => return Err(e),
            }
        }
    }

    fn path(&self) -> &Path {
        self.0.as_deref().unwrap_or(Path::new(""))
    }

    /// Stops the directory from being removed on drop, and gives its path.
    fn keep(mut self) -> PathBuf {
        self.0.take().unwrap_or_default()
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = fs::remove_dir_all(path);
        }
    }
}

/// Writes the new files into a fresh staging directory and makes its manifest appear.
fn stage(dir: &Path, files: &[OutputFile]) -> Result<Staging> {
    let io = |what: String| move |e| Error::io(what, e);
    let staging = Staging::new(dir).map_err(io(format!(
        "making a staging directory in {}",
        dir.display()
    )))?;
    let new = staging.path().join("new");
    fs::create_dir(&new)
        .and_then(|()| fs::create_dir(staging.path().join("old")))
        .map_err(io(format!(
            "making a staging directory in {}",
            dir.display()
        )))?;
    for (index, f) in files.iter().enumerate() {
        hook(Step::Write(index))
            .and_then(|()| write_durably(&new.join(&f.name), f.content.as_bytes()))
            .map_err(io(format!("writing {}", dir.join(&f.name).display())))?;
    }
    let manifest: String = files.iter().map(|f| format!("{}\n", f.name)).collect();
    let tmp = staging.path().join("MANIFEST.tmp");
    sync_dir(&new)
        .and_then(|()| hook(Step::Manifest))
        .and_then(|()| write_durably(&tmp, manifest.as_bytes()))
        .and_then(|()| fs::rename(&tmp, staging.path().join(MANIFEST)))
        .and_then(|()| sync_dir(staging.path()))
        .map_err(io(format!("writing the journal in {}", dir.display())))?;
    Ok(staging)
}

/// Moves the old files aside and the new ones into place, then marks the commit point.
fn commit(dir: &Path, staging: &Path, files: &[OutputFile], overwrite: bool) -> Result<()> {
    for (index, f) in files.iter().enumerate() {
        let target = dir.join(&f.name);
        let moved = if overwrite {
            hook(Step::Backup(index)).and_then(|()| {
                match fs::rename(&target, staging.join("old").join(&f.name)) {
                    Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                    other => other,
                }
            })
        } else {
            Ok(())
        };
        moved
            .and_then(|()| hook(Step::Rename(index)))
            .and_then(|()| rename_into_place(&staging.join("new").join(&f.name), &target))
            .map_err(|e| {
                if e.kind() == io::ErrorKind::AlreadyExists {
                    Error::new(
                        ErrorCode::OutputExists,
                        format!(
                            "{} appeared while the plan was written; nothing was written \
                             (ask to overwrite, or choose another directory)",
                            target.display()
                        ),
                    )
                } else {
                    Error::io(format!("moving {} into place", target.display()), e)
                }
            })?;
    }
    sync_dir(dir)
        .and_then(|()| hook(Step::Committed))
        .and_then(|()| write_durably(&staging.join(COMMITTED), b""))
        .and_then(|()| sync_dir(staging))
        .map_err(|e| Error::io(format!("completing the write in {}", dir.display()), e))
}

/// Recovers every staging directory in `dir`; the caller holds the lock.
fn recover_locked(dir: &Path) -> Result<()> {
    let io = |e| {
        Error::io(
            format!("cleaning up an earlier write in {}", dir.display()),
            e,
        )
    };
    for entry in fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let is_staging = entry
            .file_name()
            .to_string_lossy()
            .starts_with(STAGING_PREFIX)
            && entry.file_type().is_ok_and(|t| t.is_dir());
        if !is_staging {
            continue;
        }
        let staging = entry.path();
        if staging.join(MANIFEST).exists() && !staging.join(COMMITTED).exists() {
            roll_back(dir, &staging).map_err(io)?;
        }
        hook(Step::Cleanup)
            .and_then(|()| fs::remove_dir_all(&staging))
            .map_err(io)?;
        sync_dir(dir).map_err(io)?;
    }
    Ok(())
}

/// Undoes an unfinished commit, name by name, from what the staging directory still holds.
///
/// For each name of the manifest: if its new file is gone from `new/`, it was moved into place
/// and is moved back; then, if its old file is in `old/`, it is moved back into place. Each move
/// is one rename, and the state after each one reads the same way, so this can be interrupted
/// and run again.
fn roll_back(dir: &Path, staging: &Path) -> io::Result<()> {
    let manifest = fs::read_to_string(staging.join(MANIFEST))?;
    for name in manifest.lines().filter(|n| !n.is_empty()) {
        if check_name(name).is_err() {
            // Not a manifest this library wrote: touch nothing outside the staging directory.
            continue;
        }
        let target = dir.join(name);
        let new = staging.join("new").join(name);
        let old = staging.join("old").join(name);
        if fs::symlink_metadata(&new).is_err() {
            match fs::rename(&target, &new) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                other => other?,
            }
        }
        if fs::symlink_metadata(&old).is_ok() {
            fs::rename(&old, &target)?;
        }
    }
    sync_dir(dir)
}

/// Writes `bytes` to a new file at `path` and flushes it to the disk.
fn write_durably(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut out = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    out.write_all(bytes)?;
    out.sync_all()
}

/// Moves `from` to `to`; fails with `AlreadyExists` rather than replace a file that appeared
/// at `to` (Linux: `RENAME_NOREPLACE`; elsewhere the up-front check under the lock stands).
fn rename_into_place(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            // A file system without RENAME_NOREPLACE: fall back to a plain rename.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    fs::rename(from, to)
}

/// Makes the entries of a directory durable (Unix; elsewhere the renames are left to the OS).
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// An exclusive lock on the output directory for the life of a call, so that recovery never
/// undoes the commit of another live writer. The operating system drops it when a process
/// dies, so a killed writer never blocks the next one. Unix only (`flock` on the directory);
/// elsewhere writers of one directory must not run at the same time.
struct DirLock {
    #[cfg(unix)]
    _file: fs::File,
}

impl DirLock {
    fn acquire(dir: &Path) -> Result<DirLock> {
        #[cfg(unix)]
        {
            let io = |e| Error::io(format!("locking {}", dir.display()), e);
            let file = fs::File::open(dir).map_err(io)?;
            rustix::fs::flock(&file, rustix::fs::FlockOperation::LockExclusive)
                .map_err(|e| io(e.into()))?;
            Ok(DirLock { _file: file })
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            Ok(DirLock {})
        }
    }
}

/// The steps of a write where the tests inject a failure or a kill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(test), allow(dead_code))]
enum Step {
    /// Writing the `i`-th new file into the staging directory.
    Write(usize),
    /// Making the manifest appear.
    Manifest,
    /// Moving the old `i`-th file aside.
    Backup(usize),
    /// Moving the new `i`-th file into place.
    Rename(usize),
    /// Marking the commit point.
    Committed,
    /// Removing a staging directory.
    Cleanup,
}

#[cfg(not(test))]
#[inline(always)]
fn hook(_step: Step) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
type Hook = Box<dyn FnMut(Step) -> io::Result<()>>;

#[cfg(test)]
thread_local! {
    static HOOK: std::cell::RefCell<Option<Hook>> = const { std::cell::RefCell::new(None) };
}

#[cfg(test)]
fn hook(step: Step) -> io::Result<()> {
    HOOK.with(|h| h.borrow_mut().as_mut().map_or(Ok(()), |f| f(step)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, content: &str) -> OutputFile {
        OutputFile {
            name: name.to_owned(),
            content: content.to_owned(),
        }
    }

    fn scratch(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("mpp-files-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn set_hook(f: impl FnMut(Step) -> io::Result<()> + 'static) {
        HOOK.with(|h| *h.borrow_mut() = Some(Box::new(f)));
    }

    fn clear_hook() {
        HOOK.with(|h| *h.borrow_mut() = None);
    }

    /// Every entry of `dir`, sorted, with the content of files ("-> link" for symbolic links).
    fn listing(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let name = e.file_name().to_string_lossy().into_owned();
                let meta = fs::symlink_metadata(e.path()).unwrap();
                let content = if meta.file_type().is_symlink() {
                    format!("-> {}", fs::read_link(e.path()).unwrap().display())
                } else if meta.is_dir() {
                    "<dir>".to_owned()
                } else {
                    fs::read_to_string(e.path()).unwrap()
                };
                (name, content)
            })
            .collect();
        out.sort();
        out
    }

    fn set(prefix: &str, n: usize) -> Vec<OutputFile> {
        (0..n)
            .map(|i| file(&format!("f{i:04}.txt"), &format!("{prefix}{i}")))
            .collect()
    }

    fn expect(dir: &Path, files: &[OutputFile], extra: &[(&str, &str)]) {
        let mut want: Vec<(String, String)> = files
            .iter()
            .map(|f| (f.name.clone(), f.content.clone()))
            .chain(
                extra
                    .iter()
                    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned())),
            )
            .collect();
        want.sort();
        assert_eq!(listing(dir), want);
    }

    #[test]
    fn files_are_written_checked_and_never_overwritten_unasked() {
        let dir = scratch("write");
        let paths = write_files(&dir, &[file("a.txt", "A"), file("b.txt", "B")], false).unwrap();
        assert_eq!(fs::read_to_string(&paths[1]).unwrap(), "B");
        let err = write_files(&dir, &[file("c.txt", "C"), file("a.txt", "A2")], false).unwrap_err();
        assert_eq!(err.code(), ErrorCode::OutputExists);
        assert!(
            !dir.join("c.txt").exists(),
            "nothing is written when one target exists"
        );
        write_files(&dir, &[file("a.txt", "A2")], true).unwrap();
        assert_eq!(fs::read_to_string(dir.join("a.txt")).unwrap(), "A2");
        let long = "x".repeat(300);
        for bad in [
            "../x.txt",
            "sub/x.txt",
            "",
            ".",
            "..",
            "/etc/passwd",
            "a\\b",
            "nul\0.txt",
            "line\nbreak.txt",
            ".hidden.txt",
            long.as_str(),
        ] {
            let err = write_files(&dir, &[file("ok.txt", "x"), file(bad, "x")], true).unwrap_err();
            assert_eq!(err.code(), ErrorCode::OutputPathInvalid, "{bad:?}");
            assert!(!err.to_string().contains(&"x".repeat(81)), "{err}");
        }
        assert!(
            !dir.join("ok.txt").exists(),
            "names are checked before anything is written"
        );
        expect(&dir, &[file("a.txt", "A2"), file("b.txt", "B")], &[]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_empty_directory_a_duplicate_name_and_a_directory_target_are_refused_up_front() {
        let err = write_files(Path::new(""), &[file("a.txt", "A")], false).unwrap_err();
        assert_eq!(err.code(), ErrorCode::OutputPathInvalid);
        assert!(!Path::new("a.txt").exists());
        let dir = scratch("dup");
        let err = write_files(&dir, &[file("a.txt", "1"), file("A.TXT", "2")], true).unwrap_err();
        assert_eq!(err.code(), ErrorCode::OutputNameDuplicate);
        assert!(err.to_string().contains("A.TXT"), "{err}");
        assert!(!dir.join("a.txt").exists());
        fs::create_dir_all(dir.join("b.txt")).unwrap();
        let err = write_files(&dir, &[file("a.txt", "A"), file("b.txt", "B")], true).unwrap_err();
        assert_eq!(err.code(), ErrorCode::OutputPathInvalid);
        expect(&dir, &[], &[("b.txt", "<dir>")]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_symlink_is_an_existing_target_and_overwrite_replaces_the_link_itself() {
        let dir = scratch("link");
        fs::create_dir_all(&dir).unwrap();
        let victim = dir.join("victim");
        std::os::unix::fs::symlink(&victim, dir.join("a.txt")).unwrap();
        let err = write_files(&dir, &[file("a.txt", "A")], false).unwrap_err();
        assert_eq!(err.code(), ErrorCode::OutputExists);
        write_files(&dir, &[file("a.txt", "A")], true).unwrap();
        assert!(!victim.exists(), "the link's target is never written");
        expect(&dir, &[file("a.txt", "A")], &[]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failing_writer_leaves_the_old_set_and_nothing_else() {
        let dir = scratch("writer");
        let old = set("old", 20);
        write_files(&dir, &old, false).unwrap();
        fs::write(dir.join("mine.csv"), "the caller's").unwrap();
        let new = set("new", 20);
        for fail_at in [0, 7, 19] {
            set_hook(move |step| match step {
                Step::Write(i) if i == fail_at => Err(io::Error::other("disk full")),
                _ => Ok(()),
            });
            let err = write_files(&dir, &new, true).unwrap_err();
            clear_hook();
            assert_eq!(err.code(), ErrorCode::IoError);
            expect(&dir, &old, &[("mine.csv", "the caller's")]);
        }
        write_files(&dir, &new, true).unwrap();
        expect(&dir, &new, &[("mine.csv", "the caller's")]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failed_rename_midway_restores_the_old_set_and_a_retry_works() {
        let dir = scratch("rename");
        let old = set("old", 900);
        write_files(&dir, &old[..451], false).unwrap();
        let new = set("new", 900);
        for step in [Step::Rename(449), Step::Backup(449), Step::Committed] {
            set_hook(move |s| {
                if s == step {
                    Err(io::Error::other("injected"))
                } else {
                    Ok(())
                }
            });
            let err = write_files(&dir, &new, true).unwrap_err();
            clear_hook();
            assert_eq!(err.code(), ErrorCode::IoError, "{step:?}");
            expect(&dir, &old[..451], &[]);
        }
        // The same without overwrite: names that did not exist are gone again.
        let fresh = scratch("rename-fresh");
        set_hook(|s| {
            if s == Step::Rename(449) {
                Err(io::Error::other("injected"))
            } else {
                Ok(())
            }
        });
        let err = write_files(&fresh, &new, false).unwrap_err();
        clear_hook();
        assert_eq!(err.code(), ErrorCode::IoError);
        expect(&fresh, &[], &[]);
        write_files(&fresh, &new, false).unwrap();
        expect(&fresh, &new, &[]);
        write_files(&dir, &new, true).unwrap();
        expect(&dir, &new, &[]);
        let _ = fs::remove_dir_all(&dir);
        let _ = fs::remove_dir_all(&fresh);
    }

    #[test]
    fn a_failed_cleanup_after_the_commit_keeps_the_new_set_and_the_next_call_cleans() {
        let dir = scratch("cleanup");
        let old = set("old", 3);
        write_files(&dir, &old, false).unwrap();
        let new = set("new", 3);
        set_hook(|s| {
            if s == Step::Cleanup {
                Err(io::Error::other("injected"))
            } else {
                Ok(())
            }
        });
        write_files(&dir, &new, true).unwrap();
        clear_hook();
        assert!(
            listing(&dir)
                .iter()
                .any(|(n, _)| n.starts_with(STAGING_PREFIX))
        );
        recover_output_dir(&dir).unwrap();
        expect(&dir, &new, &[]);
        let _ = fs::remove_dir_all(&dir);
    }

    const CHILD_DIR: &str = "MPP_FILES_TEST_CHILD_DIR";
    const CHILD_STEP: &str = "MPP_FILES_TEST_CHILD_STEP";

    /// Not a test of its own: the body of the child process that
    /// `a_kill_at_any_step_leaves_old_or_new_after_the_next_call` starts and kills. It writes
    /// the new set and, at the hook call numbered by the environment, announces it and waits
    /// to be killed.
    #[test]
    fn child_writer_for_kill_tests() {
        let (Ok(dir), Ok(step)) = (std::env::var(CHILD_DIR), std::env::var(CHILD_STEP)) else {
            return;
        };
        let dir = PathBuf::from(dir);
        let stop: usize = step.parse().unwrap();
        let ready = dir.with_extension("ready");
        let mut n = 0;
        set_hook(move |_| {
            if n == stop {
                announce(&ready, "");
                std::thread::sleep(std::time::Duration::from_secs(60));
            }
            n += 1;
            Ok(())
        });
        write_files(&dir, &set("new", 4), true).unwrap();
        announce(&dir.with_extension("ready"), "done");
    }

    /// Makes `path` appear with `content` in one step, so the parent never reads it half-made.
    fn announce(path: &Path, content: &str) {
        let tmp = path.with_extension("announcing");
        fs::write(&tmp, content).unwrap();
        fs::rename(&tmp, path).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_kill_at_any_step_leaves_old_or_new_after_the_next_call() {
        let old = set("old", 3);
        let new = set("new", 4);
        let exe = std::env::current_exe().unwrap();
        let mut outcomes = Vec::new();
        for stop in 0.. {
            let dir = scratch(&format!("kill-{stop}"));
            let ready = dir.with_extension("ready");
            let _ = fs::remove_file(&ready);
            write_files(&dir, &old, false).unwrap();
            fs::write(dir.join("mine.csv"), "the caller's").unwrap();
            let mut child = std::process::Command::new(&exe)
                .args(["--exact", "plan::files::tests::child_writer_for_kill_tests"])
                .args(["--test-threads", "1", "--nocapture"])
                .env(CHILD_DIR, &dir)
                .env(CHILD_STEP, stop.to_string())
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap();
            let started = std::time::Instant::now();
            while !ready.exists() {
                assert!(
                    started.elapsed().as_secs() < 30,
                    "the child never got to step {stop}"
                );
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            let finished = fs::read_to_string(&ready).unwrap() == "done";
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            let _ = fs::remove_file(&ready);
            recover_output_dir(&dir).unwrap();
            let now = listing(&dir);
            let mut as_old: Vec<(String, String)> = old
                .iter()
                .map(|f| (f.name.clone(), f.content.clone()))
                .collect();
            let mut as_new: Vec<(String, String)> = new
                .iter()
                .map(|f| (f.name.clone(), f.content.clone()))
                .collect();
            for v in [&mut as_old, &mut as_new] {
                v.push(("mine.csv".to_owned(), "the caller's".to_owned()));
                v.sort();
            }
            let is_new = now == as_new;
            assert!(is_new || now == as_old, "kill at step {stop}: {now:?}");
            outcomes.push(is_new);
            // The next call works whichever set is there.
            write_files(&dir, &new, true).unwrap();
            assert_eq!(listing(&dir), as_new);
            let _ = fs::remove_dir_all(&dir);
            if finished {
                break;
            }
        }
        // 4 writes, the manifest, 4 backups, 4 renames, the commit point, the cleanup.
        assert!(outcomes.len() >= 15, "{outcomes:?}");
        assert!(
            outcomes.contains(&false) && outcomes.contains(&true),
            "{outcomes:?}"
        );
    }
}
