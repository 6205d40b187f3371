//! Writing a plan's files into a directory: names checked, each file written whole or not at
//! all, and nothing overwritten unless asked (issue 6).

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, ErrorCode, Result};

/// A file of a plan, in memory, for hosts that upload it themselves or for
/// [`write_files`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// The file name (no directory part).
    pub name: String,
    /// The content, UTF-8 without byte-order mark.
    pub content: String,
}

/// Writes `files` into `dir` (created if missing) and returns their paths.
///
/// Every name must be a plain file name that stays inside `dir`
/// ([`ErrorCode::OutputPathInvalid`]). Unless `overwrite`, an existing file stops everything
/// before anything is written ([`ErrorCode::OutputExists`]). Each file is written to a
/// temporary file in `dir`, flushed, then renamed into place, so a failure midway leaves no
/// half-written file behind; the temporary files of a failed call are removed.
pub fn write_files(dir: &Path, files: &[OutputFile], overwrite: bool) -> Result<Vec<PathBuf>> {
    for f in files {
        let mut parts = Path::new(&f.name).components();
        let plain = matches!(
            (parts.next(), parts.next()),
            (Some(Component::Normal(_)), None)
        );
        if !plain || f.name.contains(['/', '\\']) {
            return Err(Error::new(
                ErrorCode::OutputPathInvalid,
                format!(
                    "output file name {:?} is not a plain file name inside the output directory",
                    f.name
                ),
            ));
        }
    }
    fs::create_dir_all(dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    let targets: Vec<PathBuf> = files.iter().map(|f| dir.join(&f.name)).collect();
    if !overwrite {
        if let Some(existing) = targets.iter().find(|p| p.exists()) {
            return Err(Error::new(
                ErrorCode::OutputExists,
                format!(
                    "{} exists; nothing was written (ask to overwrite)",
                    existing.display()
                ),
            ));
        }
    }
    let mut temps: Vec<PathBuf> = Vec::new();
    let cleanup = |temps: &[PathBuf]| {
        for t in temps {
            let _ = fs::remove_file(t);
        }
    };
    for (i, f) in files.iter().enumerate() {
        let temp = dir.join(format!(".{}.{}-{i}.partial", f.name, std::process::id()));
        let written = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .and_then(|mut out| {
                out.write_all(f.content.as_bytes())?;
                out.sync_all()
            });
        if let Err(e) = written {
            let _ = fs::remove_file(&temp);
            cleanup(&temps);
            return Err(Error::io(
                format!("writing {}", dir.join(&f.name).display()),
                e,
            ));
        }
        temps.push(temp);
    }
    for (i, (temp, target)) in temps.iter().zip(&targets).enumerate() {
        if let Err(e) = fs::rename(temp, target) {
            cleanup(&temps[i..]);
            return Err(Error::io(
                format!("moving {} into place", target.display()),
                e,
            ));
        }
    }
    Ok(targets)
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
        for bad in ["../x.txt", "sub/x.txt", "", "..", "/etc/passwd", "a\\b"] {
            assert_eq!(
                write_files(&dir, &[file(bad, "x")], true)
                    .unwrap_err()
                    .code(),
                ErrorCode::OutputPathInvalid,
                "{bad:?}"
            );
        }
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
            .collect();
        assert!(leftovers.is_empty());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failure_midway_leaves_no_partial_file() {
        let dir = scratch("fail");
        fs::create_dir_all(dir.join("b.txt")).unwrap();
        // b.txt is a directory: its rename fails after a.txt's temp file was written.
        let err = write_files(&dir, &[file("a.txt", "A"), file("b.txt", "B")], true).unwrap_err();
        assert_eq!(err.code(), ErrorCode::IoError);
        let names: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".partial")), "{names:?}");
        let _ = fs::remove_dir_all(&dir);
    }
}
