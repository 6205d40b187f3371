//! Task names (TASK-1): unique, without spaces.
//!
//! Decision (TASK-1 says no more than "no spaces"): a name is 1 to 80 characters of ASCII
//! letters, digits, `-`, `_` and `.`, not starting with a dot. That is the character set of
//! Unified CM upload file names (MAN-2), so files named after a task are valid as they are.
//! Names are unique case-insensitively, so two tasks never differ only in case.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};
use crate::text::quoted;

/// The longest task name.
pub const MAX_TASK_NAME: usize = 80;

/// A valid task name (TASK-1).
///
/// ```
/// use mpp_migration::TaskName;
/// assert_eq!(TaskName::parse("8800-01-01-21")?.as_str(), "8800-01-01-21");
/// assert!(TaskName::parse("HQ phones").is_err());
/// assert_eq!(TaskName::suggest("HQ phones, floor 2").as_str(), "HQ_phones_floor_2");
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct TaskName(String);

impl TaskName {
    /// Checks a name (TASK-1).
    ///
    /// Errors: [`ErrorCode::TaskNameInvalid`], naming what is wrong and suggesting a valid
    /// name.
    pub fn parse(text: &str) -> Result<TaskName> {
        let why = if text.is_empty() {
            Some("is empty".to_owned())
        } else if text.chars().count() > MAX_TASK_NAME {
            Some(format!("is longer than {MAX_TASK_NAME} characters"))
        } else if text.contains(char::is_whitespace) {
            Some("contains a space; replace spaces with '_'".to_owned())
        } else if text.starts_with('.') {
            Some("starts with a dot".to_owned())
        } else {
            text.chars().find(|&c| !is_name_char(c)).map(|c| {
                format!(
                    "contains {}; use letters, digits, '-', '_' and '.'",
                    crate::text::describe_char(c)
                )
            })
        };
        match why {
            None => Ok(TaskName(text.to_owned())),
            Some(why) => Err(Error::new(
                ErrorCode::TaskNameInvalid,
                format!("task name {} {why}", quoted(text)),
            )
            .with_suggestion(TaskName::suggest(text).0)),
        }
    }

    /// A valid name made from free text: spaces and other characters become `_` (TASK-1), runs
    /// of `_` collapse, leading dots go, and the result is cut to 80 characters; empty text
    /// gives `task`.
    pub fn suggest(text: &str) -> TaskName {
        let mut out = String::new();
        for c in text.trim().chars() {
            let c = if is_name_char(c) { c } else { '_' };
            if c == '_' && (out.ends_with('_') || out.is_empty()) {
                continue;
            }
            out.push(c);
        }
        let mut out: String = out
            .trim_start_matches('.')
            .trim_end_matches('_')
            .chars()
            .take(MAX_TASK_NAME)
            .collect();
        if out.is_empty() {
            out.push_str("task");
        }
        TaskName(out)
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form under which names must be unique (case-insensitive).
    pub(crate) fn key(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

impl fmt::Display for TaskName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for TaskName {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<TaskName, D::Error> {
        let text = String::deserialize(deserializer)?;
        TaskName::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn task1_names() {
        for ok in ["8800-01-01-21", "HQ_phones", "a", "v1.2"] {
            assert!(TaskName::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "HQ phones",
            ".hidden",
            "a/b",
            "tab\there",
            "é",
            &"x".repeat(81),
        ] {
            let e = TaskName::parse(bad).unwrap_err();
            assert_eq!(e.code(), ErrorCode::TaskNameInvalid, "{bad:?}");
            let fix = e.finding().suggestion().unwrap();
            assert!(TaskName::parse(fix).is_ok(), "{bad:?} → {fix:?}");
        }
        assert_eq!(
            TaskName::suggest("  8800 floor 1  ").as_str(),
            "8800_floor_1"
        );
        assert_eq!(TaskName::suggest("...").as_str(), "task");
        assert_eq!(TaskName::suggest("Büro / Süd").as_str(), "B_ro_S_d");
    }

    proptest! {
        #[test]
        fn every_suggestion_is_valid(text in any::<String>()) {
            let name = TaskName::suggest(&text);
            prop_assert_eq!(TaskName::parse(name.as_str())?, name);
        }
    }
}
