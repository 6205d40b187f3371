//! Small text helpers shared by the parsers: cheap trimming, and values shown in messages.

use std::fmt;

/// Surrounding white space dropped, as `str::trim` does; a value with none (nearly every cell
/// of an upload) is returned after two byte checks.
pub(crate) fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(&a), Some(&b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Quotes a value for a message, shortening very long ones so a message stays readable.
pub(crate) fn quoted(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        format!("{text:?}")
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head:?}… ({} characters)", text.chars().count())
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
