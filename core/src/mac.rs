//! MAC addresses: the identity of a phone (DEV-6), its Unified CM device name (DEV-7) and its
//! device license file (EXT-7).
//!
//! Accepted spellings (DEV-6, DEC-3): 12 hexadecimal digits (`001a2b3c4d5e`) or six pairs
//! separated by colons (`00:1A:2B:3C:4D:5E`), either case, surrounding white space ignored.
//! Everything else is refused. Near misses (dash or dot separators, a `SEP` device name, a
//! letter `O` typed for a zero, pairs grouped wrongly) are refused with the normalised value as
//! the suggested fix, so a host can offer it with one click.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorCode, Result};
use crate::text::{describe_char, quoted, trim};

/// Where the Webex cloud serves device license files (EXT-7).
pub const LICENSE_URL_BASE: &str = "https://cloudupgrader.webex.com/licenses/e2m/";

/// A phone's MAC address: six octets, written as 12 upper-case hexadecimal digits.
///
/// ```
/// use mpp_migration::Mac;
/// let mac: Mac = "00:1a:2b:3c:4d:5e".parse()?;
/// assert_eq!(mac.to_string(), "001A2B3C4D5E");
/// assert_eq!(mac.device_name(), "SEP001A2B3C4D5E");
/// assert_eq!(mac.license_file_name(), "001A2B3C4D5E.lic");
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mac([u8; 6]);

impl std::hash::Hash for Mac {
    /// One `u64`: cheaper than six bytes, and a MAC is hashed once per upload row.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.to_u64());
    }
}

impl Mac {
    /// Reads a MAC address in one of the spellings DEV-6 accepts.
    ///
    /// Errors: [`ErrorCode::MacInvalidLength`], [`ErrorCode::MacInvalidCharacter`],
    /// [`ErrorCode::MacWrongSeparator`], [`ErrorCode::MacDeviceName`],
    /// [`ErrorCode::MacInvalidGrouping`]; where the input is a near miss, the error's suggestion
    /// is the normalised MAC.
    pub fn parse(input: &str) -> Result<Mac> {
        let text = trim(input);
        let bytes = text.as_bytes();
        // The fast paths: exactly the two forms of DEV-6.
        let octets = match bytes.len() {
            12 => hex_octets(bytes, 2),
            17 if colon_pairs(bytes) => hex_octets(bytes, 3),
            _ => None,
        };
        octets.map(Mac).ok_or_else(|| diagnose(text))
    }

    /// The MAC from its six octets.
    pub const fn from_octets(octets: [u8; 6]) -> Mac {
        Mac(octets)
    }

    /// The six octets.
    pub const fn octets(&self) -> [u8; 6] {
        self.0
    }

    /// The MAC as a 48-bit number (the upper 16 bits are zero).
    pub fn to_u64(&self) -> u64 {
        self.0
            .iter()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b))
    }

    /// The Unified CM device name: `SEP` and the MAC in upper-case hex (DEV-7).
    pub fn device_name(&self) -> String {
        format!("SEP{self}")
    }

    /// Reads a Unified CM device name back into its MAC: `SEP001A2B3C4D5E` gives
    /// `001A2B3C4D5E` (DEV-7 in reverse). The `SEP` prefix and the hex digits are read in
    /// either case (hand-edited exports lower-case them), surrounding white space ignored.
    ///
    /// Errors: [`ErrorCode::DeviceNameInvalid`] naming what the name is when its prefix tells
    /// (a Jabber client, an ATA port…), with the corrected name as suggestion when the part
    /// after `SEP` is a MAC near miss (`SEP00:1A:…`).
    ///
    /// ```
    /// use mpp_migration::Mac;
    /// assert_eq!(Mac::from_device_name("SEP001A2B3C4D5E")?.to_string(), "001A2B3C4D5E");
    /// let err = Mac::from_device_name("CSFJSMITH").unwrap_err();
    /// assert_eq!(err.code().as_str(), "device_name_invalid");
    /// # Ok::<(), mpp_migration::Error>(())
    /// ```
    pub fn from_device_name(name: &str) -> Result<Mac> {
        let text = trim(name);
        let shown = quoted(text);
        let sep = text.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("SEP"));
        if sep {
            let rest = &text[3..];
            let bytes = rest.as_bytes();
            if bytes.len() == 12 {
                if let Some(octets) = hex_octets(bytes, 2) {
                    return Ok(Mac(octets));
                }
            }
            let mut err = Error::new(
                ErrorCode::DeviceNameInvalid,
                format!(
                    "device name {shown} is not SEP and 12 hexadecimal digits (DEV-7): {}",
                    diagnose(rest).message()
                ),
            );
            if let Ok(mac) = Mac::parse(rest) {
                err = err.with_suggestion(mac.device_name());
            } else if let Some(fix) = diagnose(rest).finding().suggestion() {
                err = err.with_suggestion(format!("SEP{fix}"));
            }
            return Err(err);
        }
        let what = device_name_kind(text);
        Err(Error::new(
            ErrorCode::DeviceNameInvalid,
            format!(
                "device name {shown} is {what}, not a phone's SEP name (SEP and 12 hexadecimal digits, DEV-7)"
            ),
        ))
    }

    /// The device license file name: the MAC in upper case and `.lic` (EXT-7).
    pub fn license_file_name(&self) -> String {
        format!("{self}.lic")
    }

    /// Where the Webex cloud serves this phone's device license (EXT-7).
    pub fn license_url(&self) -> String {
        format!("{LICENSE_URL_BASE}{self}.lic")
    }

    /// The MAC as six colon-separated upper-case pairs, `00:1A:2B:3C:4D:5E`.
    pub fn to_colon_string(&self) -> String {
        let o = self.0;
        format!(
            "{:02X}:{:02X}:{:02X}:{:02X}:{:02X}:{:02X}",
            o[0], o[1], o[2], o[3], o[4], o[5]
        )
    }

    /// The 12 upper-case hexadecimal digits as ASCII bytes, without allocating.
    pub fn to_hex_bytes(&self) -> [u8; 12] {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut out = [0u8; 12];
        for (i, b) in self.0.iter().enumerate() {
            out[2 * i] = HEX[usize::from(b >> 4)];
            out[2 * i + 1] = HEX[usize::from(b & 0x0f)];
        }
        out
    }

    fn from_hex_digits(digits: impl Iterator<Item = u8>) -> Option<Mac> {
        let mut octets = [0u8; 6];
        let mut n = 0usize;
        for d in digits {
            let v = hex_value(d)?;
            let slot = octets.get_mut(n / 2)?;
            *slot = (*slot << 4) | v;
            n += 1;
        }
        (n == 12).then_some(Mac(octets))
    }
}

fn hex_value(b: u8) -> Option<u8> {
    match HEX_VALUES[usize::from(b)] {
        NOT_HEX => None,
        v => Some(v),
    }
}

/// [`HEX_VALUES`] of a byte that is not a hexadecimal digit: a bit no digit's value has.
const NOT_HEX: u8 = 0x10;

/// The value of each byte as a hexadecimal digit, either case, or [`NOT_HEX`]: one load per
/// digit instead of three range tests, since a MAC is parsed once per upload row.
static HEX_VALUES: [u8; 256] = {
    let mut t = [NOT_HEX; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        t[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

/// The six octets of 12 hex digits laid out in pairs `stride` bytes apart (2: `001A2B…`,
/// 3: `00:1A:2B…`); `None` if any of them is not a hex digit. `bytes` holds at least
/// `5 * stride + 2` bytes.
fn hex_octets(bytes: &[u8], stride: usize) -> Option<[u8; 6]> {
    let mut octets = [0u8; 6];
    // Every digit's value is OR-ed in, so one test at the end finds any NOT_HEX.
    let mut seen = 0u8;
    for (i, octet) in octets.iter_mut().enumerate() {
        let hi = HEX_VALUES[usize::from(bytes[stride * i])];
        let lo = HEX_VALUES[usize::from(bytes[stride * i + 1])];
        seen |= hi | lo;
        *octet = (hi << 4) | (lo & 0x0f);
    }
    (seen & NOT_HEX == 0).then_some(octets)
}

/// `XX:XX:XX:XX:XX:XX` shape (17 bytes, colons at every third place).
fn colon_pairs(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .enumerate()
        .all(|(i, &b)| (i % 3 == 2) == (b == b':'))
}

/// The separators other than ':' a near-miss MAC uses, for its message: `'-'`, `'.' and ' '`.
fn separators(text: &str) -> String {
    let used: Vec<String> = ['-', '.', ' ']
        .iter()
        .filter(|c| text.contains(**c))
        .map(|c| format!("{c:?}"))
        .collect();
    match used.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => "'-' or '.'".to_owned(),
    }
}

/// Explains why `text` (already trimmed) is not an accepted MAC, with a fix where one exists.
/// Only reached on the error path, so it may allocate freely.
fn diagnose(text: &str) -> Error {
    let shown = quoted(text);
    if text.is_empty() {
        return Error::new(
            ErrorCode::MacInvalidLength,
            "MAC address is empty; expected 12 hexadecimal digits",
        );
    }
    // A Unified CM device name: SEP + 12 hex digits (DEC-3).
    if let (Some(prefix), Some(rest)) = (text.get(..3), text.get(3..)) {
        if prefix.eq_ignore_ascii_case("SEP") && !rest.is_empty() {
            // The rest may itself be a near miss (`SEP00-1A-…`): its fix is the fix.
            let fix = match Mac::parse(rest) {
                Ok(mac) => Some(mac.to_string()),
                Err(e) => e.finding().suggestion().map(str::to_owned),
            };
            if let Some(fix) = fix {
                return Error::new(
                    ErrorCode::MacDeviceName,
                    format!("{shown} is a Unified CM device name, not a MAC address; drop the \"SEP\" prefix: {fix}"),
                )
                .with_suggestion(fix);
            }
        }
    }
    // Dash, dot or space separators: 00-1A-2B-3C-4D-5E, 001A.2B3C.4D5E, 00 1A 2B…
    let has_dash_or_dot = text.contains(['-', '.', ' ']);
    if has_dash_or_dot {
        let digits: String = text
            .chars()
            .filter(|c| !matches!(c, '-' | '.' | ':' | ' '))
            .collect();
        if let Some(mac) = Mac::from_hex_digits(digits.bytes()) {
            return Error::new(
                ErrorCode::MacWrongSeparator,
                format!(
                    "MAC address {shown} uses {} as separator; write 12 hexadecimal digits or six pairs separated by ':': {mac}",
                    separators(text)
                ),
            )
            .with_suggestion(mac.to_string());
        }
    }
    // The letter O typed for the digit zero.
    if text.contains(['O', 'o']) {
        let fixed: String = text
            .chars()
            .map(|c| if c == 'O' || c == 'o' { '0' } else { c })
            .collect();
        if let Ok(mac) = Mac::parse(&fixed) {
            return Error::new(
                ErrorCode::MacInvalidCharacter,
                format!(
                    "MAC address {shown} contains the letter 'O' where a hexadecimal digit is expected; did you mean {mac}?"
                ),
            )
            .with_suggestion(mac.to_string());
        }
    }
    if let Some(bad) = text
        .chars()
        .find(|c| !c.is_ascii_hexdigit() && !matches!(c, ':' | '-' | '.'))
    {
        return Error::new(
            ErrorCode::MacInvalidCharacter,
            format!(
                "MAC address {shown} contains {}, which is not a hexadecimal digit (0-9, A-F)",
                describe_char(bad)
            ),
        );
    }
    let digit_count = text.chars().filter(char::is_ascii_hexdigit).count();
    if text.contains(':') && !has_dash_or_dot && digit_count == 12 {
        let digits: String = text.chars().filter(|&c| c != ':').collect();
        let mut err = Error::new(
            ErrorCode::MacInvalidGrouping,
            format!(
                "MAC address {shown} is not six pairs of two hexadecimal digits separated by ':'"
            ),
        );
        if let Some(mac) = Mac::from_hex_digits(digits.bytes()) {
            err = err.with_suggestion(mac.to_string());
        }
        return err;
    }
    Error::new(
        ErrorCode::MacInvalidLength,
        format!(
            "MAC address {shown} has {digit_count} hexadecimal digit{}; expected 12",
            if digit_count == 1 { "" } else { "s" }
        ),
    )
}

impl fmt::Display for Mac {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hex = self.to_hex_bytes();
        // The bytes are ASCII hex digits by construction.
        f.write_str(std::str::from_utf8(&hex).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for Mac {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mac({self})")
    }
}

impl FromStr for Mac {
    type Err = Error;
    fn from_str(s: &str) -> Result<Mac> {
        Mac::parse(s)
    }
}

crate::text_serde::serde_as_text!(Mac, |mac| mac, Mac::parse);

/// Normalises a MAC address to 12 upper-case hexadecimal digits (DEV-6).
///
/// ```
/// assert_eq!(mpp_migration::normalize_mac(" 00:1a:2b:3c:4d:5e ")?, "001A2B3C4D5E");
/// # Ok::<(), mpp_migration::Error>(())
/// ```
pub fn normalize_mac(input: &str) -> Result<String> {
    Mac::parse(input).map(|mac| mac.to_string())
}

/// The Unified CM device name of the phone with this MAC: `SEP` + MAC (DEV-7).
///
/// ```
/// assert_eq!(mpp_migration::device_name("001a2b3c4d5e")?, "SEP001A2B3C4D5E");
/// # Ok::<(), mpp_migration::Error>(())
/// ```
pub fn device_name(mac: &str) -> Result<String> {
    Mac::parse(mac).map(|mac| mac.device_name())
}

/// The MAC of the phone with this Unified CM device name, as 12 upper-case digits: DEV-7 in
/// reverse (see [`Mac::from_device_name`]).
///
/// ```
/// assert_eq!(mpp_migration::mac_from_device_name("SEP001a2b3c4d5e")?, "001A2B3C4D5E");
/// # Ok::<(), mpp_migration::Error>(())
/// ```
pub fn mac_from_device_name(name: &str) -> Result<String> {
    Mac::from_device_name(name).map(|mac| mac.to_string())
}

/// What a Unified CM device name that is not `SEP` + MAC names, from its prefix (EXT-17):
/// Cisco's soft clients and analogue ports are named by convention.
fn device_name_kind(text: &str) -> &'static str {
    let upper = |n: usize| text.get(..n).map(str::to_ascii_uppercase);
    match upper(3).as_deref() {
        Some("CSF") => "a Jabber desktop client (CSF)",
        Some("BOT") => "a Jabber for Android client (BOT)",
        Some("TCT") => "a Jabber for iPhone client (TCT)",
        Some("TAB") => "a Jabber for tablets client (TAB)",
        Some("ATA") => "an analogue telephone adapter port (ATA)",
        _ if text.is_empty() => "empty",
        _ => "not a phone's name",
    }
}

/// The device license file name of the phone with this MAC: `<MAC>.lic` (EXT-7).
///
/// ```
/// assert_eq!(mpp_migration::license_file_name("00:1a:2b:3c:4d:5e")?, "001A2B3C4D5E.lic");
/// # Ok::<(), mpp_migration::Error>(())
/// ```
pub fn license_file_name(mac: &str) -> Result<String> {
    Mac::parse(mac).map(|mac| mac.license_file_name())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(input: &str) -> ErrorCode {
        Mac::parse(input).unwrap_err().code()
    }

    fn suggestion(input: &str) -> Option<String> {
        Mac::parse(input)
            .unwrap_err()
            .finding()
            .suggestion()
            .map(str::to_owned)
    }

    #[test]
    fn dev6_accepts_both_forms_in_either_case_with_spaces_around() {
        for input in [
            "001A2B3C4D5E",
            "001a2b3c4d5e",
            "00:1A:2B:3C:4D:5E",
            "00:1a:2B:3c:4D:5e",
            "  001A2B3C4D5E\t",
        ] {
            assert_eq!(normalize_mac(input).unwrap(), "001A2B3C4D5E", "{input}");
        }
    }

    #[test]
    fn dev7_and_ext7_names() {
        let mac = Mac::parse("001a2b3c4d5e").unwrap();
        assert_eq!(mac.device_name(), "SEP001A2B3C4D5E");
        assert_eq!(mac.license_file_name(), "001A2B3C4D5E.lic");
        assert_eq!(
            mac.license_url(),
            "https://cloudupgrader.webex.com/licenses/e2m/001A2B3C4D5E.lic"
        );
        assert_eq!(mac.to_colon_string(), "00:1A:2B:3C:4D:5E");
        assert_eq!(mac.to_u64(), 0x001A_2B3C_4D5E);
    }

    #[test]
    fn dec3_near_misses_suggest_the_normalised_value() {
        for input in ["00-1A-2B-3C-4D-5E", "001A.2B3C.4D5E", "00.1a.2b.3c.4d.5e"] {
            assert_eq!(code(input), ErrorCode::MacWrongSeparator, "{input}");
            assert_eq!(suggestion(input).as_deref(), Some("001A2B3C4D5E"));
        }
        assert_eq!(code("SEP001A2B3C4D5E"), ErrorCode::MacDeviceName);
        assert_eq!(code("sep00:1a:2b:3c:4d:5e"), ErrorCode::MacDeviceName);
        assert_eq!(
            suggestion("SEP001A2B3C4D5E").as_deref(),
            Some("001A2B3C4D5E")
        );
        assert_eq!(code("001A2B3C4D5O"), ErrorCode::MacInvalidCharacter);
        assert_eq!(suggestion("OO1A2B3C4D5E").as_deref(), Some("001A2B3C4D5E"));
        assert_eq!(code("001A:2B3C:4D5E"), ErrorCode::MacInvalidGrouping);
        assert_eq!(
            suggestion("001A:2B3C:4D5E").as_deref(),
            Some("001A2B3C4D5E")
        );
    }

    #[test]
    fn dev6_refuses_wrong_lengths_and_characters_with_a_reason() {
        assert_eq!(code(""), ErrorCode::MacInvalidLength);
        assert_eq!(code("   "), ErrorCode::MacInvalidLength);
        assert_eq!(code("001A2B3C4D"), ErrorCode::MacInvalidLength);
        assert_eq!(code("001A2B3C4D5E6F"), ErrorCode::MacInvalidLength);
        assert_eq!(code("00:1A:2B:3C:4D"), ErrorCode::MacInvalidLength);
        assert_eq!(code("001A2B3C4D5G"), ErrorCode::MacInvalidCharacter);
        assert_eq!(code("001A 2B3C4D5E"), ErrorCode::MacWrongSeparator);
        assert_eq!(
            suggestion("00 1a 2b 3c 4d 5e").as_deref(),
            Some("001A2B3C4D5E")
        );
        assert_eq!(
            suggestion("SEP00-1A-2B-3C-4D-5E").as_deref(),
            Some("001A2B3C4D5E")
        );
        assert_eq!(code("SEP00-1A-2B-3C-4D-5E"), ErrorCode::MacDeviceName);
        assert_eq!(code("001A2B3C4D5É"), ErrorCode::MacInvalidCharacter);
        let msg = Mac::parse("001A2B3C4D").unwrap_err().to_string();
        assert!(msg.contains("10 hexadecimal digits; expected 12"), "{msg}");
        assert!(suggestion("001A2B3C4D").is_none());
        let msg = Mac::parse("001A2B3C4D5\u{0}").unwrap_err().to_string();
        assert!(msg.contains("U+0000"), "{msg}");
    }

    #[test]
    fn serde_round_trip_uses_the_normalised_string() {
        let mac = Mac::parse("00:1a:2b:3c:4d:5e").unwrap();
        let json = serde_json::to_string(&mac).unwrap();
        assert_eq!(json, "\"001A2B3C4D5E\"");
        assert_eq!(serde_json::from_str::<Mac>(&json).unwrap(), mac);
        assert!(serde_json::from_str::<Mac>("\"00-1A\"").is_err());
    }

    proptest! {
        #[test]
        fn every_mac_round_trips_through_every_accepted_spelling(octets in any::<[u8; 6]>(), lower in any::<bool>(), pad in "[ \t]{0,2}") {
            let mac = Mac::from_octets(octets);
            let plain = mac.to_string();
            let colon = mac.to_colon_string();
            for spelling in [plain.clone(), colon.clone()] {
                let spelling = if lower { spelling.to_ascii_lowercase() } else { spelling };
                let padded = format!("{pad}{spelling}{pad}");
                prop_assert_eq!(Mac::parse(&padded)?, mac);
                prop_assert_eq!(normalize_mac(&padded)?, plain.clone());
            }
            let dashed = colon.replace(':', "-");
            prop_assert_eq!(suggestion(&dashed), Some(plain.clone()));
            prop_assert_eq!(suggestion(&mac.device_name()), Some(plain));
        }

        #[test]
        fn no_string_makes_the_parser_panic(input in any::<String>()) {
            let _ = Mac::parse(&input);
        }

        #[test]
        fn near_hex_strings_never_panic(input in "[0-9a-fA-FoOsSeEpP:.\\- ]{0,24}") {
            if let Err(e) = Mac::parse(&input) {
                prop_assert_eq!(e.finding().severity(), crate::Severity::Error);
                prop_assert!(!e.message().is_empty());
            }
        }
    }
}
