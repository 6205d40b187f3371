//! Hardware versions (VID), as printed on a phone's label after the part number:
//! `CP-7821-K9=V03` (EXT-1).

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorCode, Result};
use crate::text::{quoted, trim};

/// A hardware version: `V` and a number, compared as a number (V03 < V15 < V24), never as a
/// string (EXT-1).
///
/// ```
/// use mpp_migration::HardwareVersion;
/// let v: HardwareVersion = "v3".parse()?;
/// assert_eq!(v.to_string(), "V03");
/// assert!(v < "V15".parse()?);
/// assert!("V9".parse::<HardwareVersion>()? < "V10".parse()?);
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HardwareVersion(u8);

/// The highest version number accepted.
const MAX_VERSION: u8 = 99;

impl HardwareVersion {
    /// Reads `V03`, `v3`, `V 03`, `VID V03` or a bare `3` (surrounding white space ignored).
    ///
    /// Errors: [`ErrorCode::HardwareVersionInvalid`].
    pub fn parse(input: &str) -> Result<HardwareVersion> {
        let text = trim(input);
        let mut rest = text;
        for prefix in ["VID", "V"] {
            if rest.len() >= prefix.len()
                && rest.is_char_boundary(prefix.len())
                && rest[..prefix.len()].eq_ignore_ascii_case(prefix)
            {
                rest = rest[prefix.len()..].trim_start_matches([' ', ':']);
            }
        }
        let invalid = |why: &str| {
            Error::new(
                ErrorCode::HardwareVersionInvalid,
                format!(
                    "hardware version {} {why}; expected V and a number such as V03",
                    quoted(text)
                ),
            )
        };
        if rest.is_empty() {
            return Err(invalid("has no number"));
        }
        if !rest.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid("is not a number"));
        }
        match rest.parse::<u32>() {
            Ok(n) if (1..=u32::from(MAX_VERSION)).contains(&n) => Ok(HardwareVersion(n as u8)),
            _ => Err(invalid("is out of range V01 to V99")),
        }
    }

    /// The version from its number (1 to 99).
    pub fn new(number: u8) -> Result<HardwareVersion> {
        if (1..=MAX_VERSION).contains(&number) {
            Ok(HardwareVersion(number))
        } else {
            Err(Error::new(
                ErrorCode::HardwareVersionInvalid,
                format!("hardware version {number} is out of range 1 to 99"),
            ))
        }
    }

    /// The number: 3 for V03.
    pub const fn number(&self) -> u8 {
        self.0
    }
}

impl fmt::Display for HardwareVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "V{:02}", self.0)
    }
}

impl fmt::Debug for HardwareVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HardwareVersion({self})")
    }
}

impl FromStr for HardwareVersion {
    type Err = Error;
    fn from_str(s: &str) -> Result<HardwareVersion> {
        HardwareVersion::parse(s)
    }
}

crate::text_serde::serde_as_text!(HardwareVersion, |vid| vid, HardwareVersion::parse);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ext1_spellings() {
        for input in ["V03", "v3", "V 03", "3", " VID V03 ", "vid:v03", "V003"] {
            assert_eq!(
                HardwareVersion::parse(input).unwrap().number(),
                3,
                "{input}"
            );
        }
        for bad in ["", "V", "V0", "V100", "W03", "V3a", "V-3", "V¹"] {
            assert_eq!(
                HardwareVersion::parse(bad).unwrap_err().code(),
                ErrorCode::HardwareVersionInvalid,
                "{bad}"
            );
        }
    }

    proptest! {
        #[test]
        fn ext1_order_is_numeric(a in 1u8..=99, b in 1u8..=99) {
            let (va, vb) = (HardwareVersion::new(a)?, HardwareVersion::new(b)?);
            prop_assert_eq!(va.cmp(&vb), a.cmp(&b));
            prop_assert_eq!(HardwareVersion::parse(&va.to_string())?, va);
            prop_assert_eq!(HardwareVersion::parse(&format!("v{a}"))?, va);
        }

        #[test]
        fn no_string_makes_the_parser_panic(input in any::<String>()) {
            let _ = HardwareVersion::parse(&input);
        }
    }
}
