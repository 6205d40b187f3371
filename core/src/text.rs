//! Small text helpers shared by the parsers: cheap trimming, and values shown in messages.

use std::fmt;

/// Surrounding white space dropped, as `str::trim` does; a value with none (nearly every cell
/// of an upload) is returned after two byte checks.
#[inline]
pub(crate) fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(&a), Some(&b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => text,
        // An empty cell (several a row): nothing to trim.
        (None, _) => text,
        _ => text.trim(),
    }
}

/// Whether a spreadsheet would run `cell` as a formula, or as the spreadsheet's own text
/// marker before one: it starts with `=`, `+`, `-`, `@`, a tab or a carriage return, after any
/// number of `'`.
#[cold]
pub(crate) fn needs_text_marker(cell: &str) -> bool {
    matches!(
        cell.trim_start_matches('\'').as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// A cell with the spreadsheet's text marker read as spreadsheets read it: a leading `'`
/// before what [`needs_text_marker`] names is not part of the value. This is the inverse of
/// [`spreadsheet_safe`](crate::spreadsheet_safe), so an exported file uploads to the values it
/// was written from (`'-Lab-` is the workspace `-Lab-`).
#[inline]
pub(crate) fn unneutralised(cell: &str) -> &str {
    match cell.as_bytes().first() {
        Some(b'\'') if needs_text_marker(cell) => &cell[1..],
        _ => cell,
    }
}

/// Quotes a value for a message, shortening very long ones so a message stays readable.
pub(crate) fn quoted(text: &str) -> String {
    quoted_within(text, 40)
}

/// Quotes a value for a message, keeping at most `max` characters of it and the length.
pub(crate) fn quoted_within(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        format!("{text:?}")
    } else {
        let head: String = text.chars().take(max).collect();
        format!("{head:?}… ({count} characters)")
    }
}

/// A value to show in a message, quoted only when the message is actually written: parsers
/// run once per CSV row and must not pay for error text on the success path.
pub(crate) struct Shown<'a>(pub(crate) &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&quoted(self.0))
    }
}

/// Names a character so that an invisible or confusable one is still visible in a message.
pub(crate) fn describe_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() || !c.is_ascii() {
        format!("the character U+{:04X}", u32::from(c))
    } else {
        format!("'{c}'")
    }
}
