//! UDI strings: the Unique Device Identifier a phone shows on its device information page and
//! that tools such as ciscompphwdiscovery read, `PID: CP-8845-K9= , VID: V02, SN: FCH2117ABCD`
//! (EXT-16). It is where the hardware version (EXT-1) comes from when no label is at hand.

use crate::error::{Error, ErrorCode, Result};
use crate::hardware::HardwareVersion;
use crate::model::{Model, parse_model_label};
use crate::text::quoted;

/// A phone's UDI: its model (the PID), hardware version (the VID) and serial number.
///
/// ```
/// use mpp_migration::parse_udi;
/// let udi = parse_udi("PID: CP-8845-K9= , VID: V02, SN: FCH2117ABCD")?;
/// assert_eq!((udi.model().name(), udi.hardware_version().number()), ("8845", 2));
/// assert_eq!(udi.serial_number(), Some("FCH2117ABCD"));
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Udi {
    model: &'static Model,
    hardware_version: HardwareVersion,
    serial_number: Option<String>,
}

impl Udi {
    /// The model the PID names.
    pub fn model(&self) -> &'static Model {
        self.model
    }
    /// The hardware version (VID, EXT-1).
    pub fn hardware_version(&self) -> HardwareVersion {
        self.hardware_version
    }
    /// The serial number, when the UDI gives one.
    pub fn serial_number(&self) -> Option<&str> {
        self.serial_number.as_deref()
    }
}

/// Reads a UDI string: `KEY: value` pairs separated by commas or line breaks, keys `PID`,
/// `VID` and `SN` in any case and order (`NAME:` and `DESCR:` of the IOS `show inventory` form
/// are accepted and ignored; their quoted values may hold commas). The PID is a model in any
/// spelling EXT-9 lists.
///
/// Errors: [`ErrorCode::UdiInvalid`] when PID or VID is missing, given twice, or the VID
/// cannot be read; the PID's own [`ErrorCode::ModelUnknown`] when it names no known model.
pub fn parse_udi(text: &str) -> Result<Udi> {
    let shown = quoted(text.trim());
    let invalid = |why: String| {
        Error::new(
            ErrorCode::UdiInvalid,
            format!(
                "UDI {shown} {why}; expected \"PID: CP-8845-K9=, VID: V02, SN: FCH2117ABCD\" (EXT-16)"
            ),
        )
    };
    let (mut pid, mut vid, mut sn) = (None, None, None);
    for part in split_unquoted(text) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let Some((key, value)) = part.split_once(':') else {
            return Err(invalid(format!("has {} without a \"KEY:\"", quoted(part))));
        };
        let value = value.trim().trim_matches('"').trim();
        let slot = match key.trim().to_ascii_uppercase().as_str() {
            "PID" => &mut pid,
            "VID" => &mut vid,
            "SN" => &mut sn,
            "NAME" | "DESCR" => continue,
            other => return Err(invalid(format!("has an unknown key {}", quoted(other)))),
        };
        if slot.replace(value).is_some() {
            return Err(invalid(format!("gives {} twice", key.trim())));
        }
    }
    let pid = pid
        .filter(|p| !p.is_empty())
        .ok_or_else(|| invalid("has no PID".to_owned()))?;
    let vid = vid
        .filter(|v| !v.is_empty())
        .ok_or_else(|| invalid("has no VID".to_owned()))?;
    let label = parse_model_label(pid)?;
    let hardware_version =
        HardwareVersion::parse(vid).map_err(|e| invalid(e.message().to_owned()))?;
    if let Some(on_pid) = label.hardware_version.filter(|&v| v != hardware_version) {
        return Err(invalid(format!(
            "says {on_pid} in its PID but {hardware_version} as VID"
        )));
    }
    Ok(Udi {
        model: label.model,
        hardware_version,
        serial_number: sn.filter(|s| !s.is_empty()).map(str::to_owned),
    })
}

/// Splits on commas and line breaks outside double quotes.
fn split_unquoted(text: &str) -> impl Iterator<Item = &str> {
    let mut in_quotes = false;
    let mut start = 0;
    let mut parts = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ',' | '\n' | '\r' if !in_quotes => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_spellings_tools_print() {
        for text in [
            "PID: CP-8845-K9= , VID: V02, SN: FCH2117ABCD",
            "PID:CP-8845-K9=,VID:V02,SN:FCH2117ABCD",
            "pid: cp-8845-k9=\nvid: v02\nsn: FCH2117ABCD",
            "NAME: \"Cisco IP Phone 8845, video\", DESCR: \"8845\"\nPID: CP-8845-K9= , VID: V02 , SN: FCH2117ABCD",
        ] {
            let udi = parse_udi(text).unwrap();
            assert_eq!(udi.model().name(), "8845", "{text}");
            assert_eq!(udi.hardware_version().number(), 2, "{text}");
            assert_eq!(udi.serial_number(), Some("FCH2117ABCD"));
        }
        assert_eq!(
            parse_udi("PID: CP-7821-K9=, VID: V03")
                .unwrap()
                .serial_number(),
            None
        );
    }

    #[test]
    fn refuses_what_is_not_a_udi() {
        for (text, code) in [
            ("", ErrorCode::UdiInvalid),
            ("VID: V02", ErrorCode::UdiInvalid),
            ("PID: CP-8845-K9=", ErrorCode::UdiInvalid),
            ("PID: CP-8845-K9=, VID: 2x", ErrorCode::UdiInvalid),
            (
                "PID: CP-8845-K9=, VID: V02, VID: V03",
                ErrorCode::UdiInvalid,
            ),
            (
                "PID: CP-8845-K9=, VID: V02, COLOUR: red",
                ErrorCode::UdiInvalid,
            ),
            ("PID: CP-8845-K9=V03, VID: V02", ErrorCode::UdiInvalid),
            ("just text", ErrorCode::UdiInvalid),
            ("PID: CP-1234-K9=, VID: V01", ErrorCode::ModelUnknown),
        ] {
            assert_eq!(parse_udi(text).unwrap_err().code(), code, "{text:?}");
        }
        let msg = parse_udi("VID: V02").unwrap_err().message().to_owned();
        assert!(
            msg.contains("has no PID") && msg.contains("EXT-16"),
            "{msg}"
        );
    }
}
