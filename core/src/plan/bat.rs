//! Unified CM BAT files (MAN-2, MAN-3, EXT-11): their names and their content.

use crate::device::Device;
use crate::error::{Error, ErrorCode, Result};
use crate::text::quoted;

/// Checks a file name for upload to Unified CM: letters and digits (ASCII), `-`, `.` and `_`,
/// not starting with a dot, at most one dot (MAN-2), no comma (EXT-11).
///
/// ```
/// use mpp_migration::check_bat_file_name;
/// assert!(check_bat_file_name("HQ-1_sip78xx.txt").is_ok());
/// assert_eq!(check_bat_file_name("HQ.1.txt").unwrap_err().finding().rule(), "MAN-2");
/// assert_eq!(check_bat_file_name("HQ,1.txt").unwrap_err().finding().rule(), "EXT-11");
/// ```
pub fn check_bat_file_name(name: &str) -> Result<()> {
    let invalid = |why: String| {
        Error::new(
            ErrorCode::FileNameInvalid,
            format!("file name {} {why}", quoted(name)),
        )
        .with_suggestion(safe_file_name(name))
    };
    if name.contains(',') {
        return Err(Error::new(
            ErrorCode::FileNameComma,
            format!(
                "file name {} contains a comma, which BAT does not accept",
                quoted(name)
            ),
        )
        .with_suggestion(safe_file_name(name)));
    }
    if name.is_empty() {
        return Err(invalid("is empty".to_owned()));
    }
    if name.starts_with('.') {
        return Err(invalid("starts with a dot".to_owned()));
    }
    if name.matches('.').count() > 1 {
        return Err(invalid("has more than one dot".to_owned()));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')))
    {
        return Err(invalid(format!(
            "contains {}; use letters, digits, '-', '.' and '_'",
            crate::text::describe_char(c)
        )));
    }
    Ok(())
}

/// A stem for file names made from free text (a task name): every character MAN-2 refuses,
/// dots included, becomes `_`.
pub(crate) fn safe_stem(text: &str) -> String {
    let stem: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if stem.is_empty() {
        "plan".to_owned()
    } else {
        stem
    }
}

/// A valid file name made from `name`: its stem made safe, its last extension kept.
fn safe_file_name(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !ext.is_empty() && ext.chars().all(|c| c.is_ascii_alphanumeric()) => {
            format!("{}.{ext}", safe_stem(stem))
        }
        _ => safe_stem(name),
    }
}

/// The content of an *Update Phones – Custom File* BAT file (EXT-11): one device name (`SEP` +
/// MAC, DEV-7) per line, UTF-8 without byte-order mark, lines separated by `\r\n` (as files
/// made on Windows are), and no blank
/// line, not even after the last name.
pub fn bat_file_content<'a>(devices: impl IntoIterator<Item = &'a Device>) -> String {
    devices
        .into_iter()
        .map(Device::device_name)
        .collect::<Vec<_>>()
        .join("\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn man2_ext11_names() {
        for ok in ["a.txt", "HQ-1_sip8845_65.txt", "README", "x_y-z.csv"] {
            assert!(check_bat_file_name(ok).is_ok(), "{ok}");
        }
        for (bad, code) in [
            ("", ErrorCode::FileNameInvalid),
            (".hidden", ErrorCode::FileNameInvalid),
            ("a.b.txt", ErrorCode::FileNameInvalid),
            ("a b.txt", ErrorCode::FileNameInvalid),
            ("../x.txt", ErrorCode::FileNameInvalid),
            ("é.txt", ErrorCode::FileNameInvalid),
            ("a,b.txt", ErrorCode::FileNameComma),
        ] {
            let e = check_bat_file_name(bad).unwrap_err();
            assert_eq!(e.code(), code, "{bad:?}");
            let fix = e.finding().suggestion().unwrap();
            assert!(check_bat_file_name(fix).is_ok(), "{bad:?} → {fix:?}");
        }
        assert_eq!(safe_stem("v1.2 HQ"), "v1_2_HQ");
    }
}
