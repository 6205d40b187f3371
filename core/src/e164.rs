//! E.164 phone numbers (CSV-5, EXT-12, DEC-4).
//!
//! A number is `+`, a country calling code that the ITU has assigned (the embedded table
//! `data/country_calling_codes.csv`), and at most 15 digits in all. Spaces, dashes, dots and
//! parentheses are formatting and are dropped; anything else (letters, `x123`
//! extensions) is refused.
//!
//! Decision (issue 3): the check is structural, against a table of assigned country calling
//! codes, not the per-country numbering plans of libphonenumber (the `phonenumber` crate). That
//! crate costs 6.5–7 µs a number and ~50 ms of metadata loading, against well under a
//! microsecond here; at fleet scale it alone would exceed the whole validation budget of an
//! upload. Control Hub itself only asks for E.164; deeper checks are the PSTN
//! provider's.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use crate::error::{Error, ErrorCode, Result};
use crate::text::{Shown, describe_char, trim};

/// At most 15 digits in all, country calling code included (EXT-12).
pub(crate) const MAX_DIGITS: usize = 15;

/// The fewest digits after the country calling code: the shortest national numbers in service
/// (Niue, Tokelau) have four.
pub(crate) const MIN_NATIONAL_DIGITS: usize = 4;

const TABLE_CSV: &str = include_str!("../data/country_calling_codes.csv");

/// Assigned country calling codes, indexed by their numeric value. Codes are prefix-free and
/// never start with 0, so the value alone tells the length.
static COUNTRY_CODES: LazyLock<Vec<Option<&'static str>>> = LazyLock::new(|| {
    let mut table = vec![None; 1000];
    for (code, region) in country_code_rows().flatten() {
        table[usize::from(code)] = Some(region);
    }
    table
});

/// The rows of the embedded table; a malformed row is an `Err` naming its line (checked by a
/// unit test, so none is ever skipped silently).
fn country_code_rows() -> impl Iterator<Item = std::result::Result<(u16, &'static str), String>> {
    TABLE_CSV.lines().enumerate().skip(1).map(|(i, line)| {
        let (code, region) = line
            .split_once(',')
            .ok_or(format!("line {}: no comma", i + 1))?;
        let code: u16 = code
            .parse()
            .map_err(|_| format!("line {}: bad code {code:?}", i + 1))?;
        if !(1..1000).contains(&code) || region.trim().is_empty() {
            return Err(format!("line {}: bad row {line:?}", i + 1));
        }
        Ok((code, region))
    })
}

/// A phone number in E.164 form, e.g. `+14085550100`.
///
/// ```
/// use mpp_migration::E164;
/// let n: E164 = "+1 (408) 555-0100".parse()?;
/// assert_eq!(n.to_string(), "+14085550100");
/// assert_eq!(n.country_calling_code(), 1);
/// assert_eq!(n.national_number(), "4085550100");
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct E164 {
    /// The digits as a number: lossless, since a country calling code never starts with 0.
    digits: u64,
    country_code: u16,
    len: u8,
}

impl E164 {
    /// Reads a number: `+`, digits and formatting (DEC-4).
    ///
    /// Errors: [`ErrorCode::E164MissingPlus`], [`ErrorCode::E164InvalidCharacter`],
    /// [`ErrorCode::E164TooLong`], [`ErrorCode::E164TooShort`], [`ErrorCode::E164LeadingZero`],
    /// [`ErrorCode::E164UnknownCountryCode`].
    pub fn parse(input: &str) -> Result<E164> {
        let text = trim(input);
        let shown = Shown(text);
        let Some(rest) = text.strip_prefix('+') else {
            return Err(missing_plus(text));
        };
        // One pass over the bytes. The trunk prefix "(0)" is reported before any other
        // problem, so it is looked for where the pass stops: at a character that is not
        // allowed, or at the end when the number had a parenthesis.
        let mut digits: u64 = 0;
        let mut len = 0usize;
        // The numbers made of the first one, two and three digits: the candidate country
        // calling codes, known without dividing `digits` afterwards.
        let mut leading = [0u16; 3];
        let mut parenthesis = false;
        for (i, b) in rest.bytes().enumerate() {
            match b {
                b'0'..=b'9' => {
                    len += 1;
                    if len <= MAX_DIGITS {
                        digits = digits * 10 + u64::from(b - b'0');
                    }
                    if let Some(lead) = leading.get_mut(len - 1) {
                        // At most three digits: below 1000.
                        *lead = digits as u16;
                    }
                }
                b'(' => parenthesis = true,
                b' ' | b'-' | b'.' | b')' => {}
                _ => {
                    if let Some(err) = trunk_prefix(text, rest) {
                        return Err(err);
                    }
                    // Every byte before `i` is ASCII, so `i` starts a character.
                    let c = rest[i..]
                        .chars()
                        .next()
                        .unwrap_or(char::REPLACEMENT_CHARACTER);
                    return Err(Error::new(
                        ErrorCode::E164InvalidCharacter,
                        format!(
                            "phone number {shown} contains {}; only digits after '+' are allowed, with spaces, dashes, dots and parentheses as formatting",
                            describe_char(c)
                        ),
                    ));
                }
            }
        }
        if let Some(err) = parenthesis.then(|| trunk_prefix(text, rest)).flatten() {
            return Err(err);
        }
        if len > MAX_DIGITS {
            return Err(Error::new(
                ErrorCode::E164TooLong,
                format!("phone number {shown} has {len} digits; E.164 allows at most {MAX_DIGITS}"),
            ));
        }
        if len == 0 {
            return Err(Error::new(
                ErrorCode::E164TooShort,
                format!("phone number {shown} has no digits after '+'"),
            ));
        }
        if leading[0] == 0 {
            return Err(Error::new(
                ErrorCode::E164LeadingZero,
                format!(
                    "phone number {shown} starts with 0 after '+'; a country calling code never starts with 0"
                ),
            ));
        }
        let Some(cc_len) = (1..=3.min(len)).find(|&n| region_of(leading[n - 1]).is_some()) else {
            return Err(Error::new(
                ErrorCode::E164UnknownCountryCode,
                format!(
                    "phone number {shown} does not start with an assigned country calling code"
                ),
            ));
        };
        let country_code = leading[cc_len - 1];
        if len - cc_len < MIN_NATIONAL_DIGITS {
            return Err(Error::new(
                ErrorCode::E164TooShort,
                format!(
                    "phone number {shown} has {} digit(s) after country calling code +{country_code}; at least {MIN_NATIONAL_DIGITS} are needed",
                    len - cc_len
                ),
            ));
        }
        Ok(E164 {
            digits,
            country_code,
            len: len as u8,
        })
    }

    /// The country calling code, e.g. `1` or `44` or `358`.
    pub fn country_calling_code(&self) -> u16 {
        self.country_code
    }

    /// The region the country calling code is assigned to, e.g. `"Finland"`.
    pub fn region(&self) -> &'static str {
        region_of(self.country_code).unwrap_or("")
    }

    /// The digits after the country calling code.
    pub fn national_number(&self) -> String {
        let s = self.digit_string();
        let cc_len = self.country_code.to_string().len();
        s[cc_len..].to_owned()
    }

    /// The number of digits, country calling code included.
    pub fn digit_count(&self) -> usize {
        usize::from(self.len)
    }

    fn digit_string(&self) -> String {
        self.digits.to_string()
    }
}

/// "+44 (0) 20 …": the national trunk prefix, which E.164 drops (DEC-4); `rest` is `text`
/// after its `+`.
fn trunk_prefix(text: &str, rest: &str) -> Option<Error> {
    if !rest.as_bytes().windows(3).any(|w| w == b"(0)") {
        return None;
    }
    let fixed = text.replacen("(0)", "", 1);
    let mut err = Error::new(
        ErrorCode::E164TrunkPrefix,
        format!(
            "phone number {} keeps the national trunk prefix (0) after the country calling code; E.164 drops it",
            Shown(text)
        ),
    );
    if let Ok(n) = E164::parse(&fixed) {
        err = err.with_suggestion(n.to_string());
    }
    Some(err)
}

fn region_of(code: u16) -> Option<&'static str> {
    COUNTRY_CODES.get(usize::from(code)).copied().flatten()
}

/// The region an assigned country calling code belongs to (`Some("Finland")` for 358), or
/// `None` when the code is not assigned (the embedded ITU table, EXT-12).
///
/// ```
/// assert_eq!(mpp_migration::country_calling_code_region(44), Some("United Kingdom"));
/// assert_eq!(mpp_migration::country_calling_code_region(999), None);
/// ```
pub fn country_calling_code_region(code: u16) -> Option<&'static str> {
    region_of(code)
}

fn missing_plus(text: &str) -> Error {
    let shown = Shown(text);
    if text.is_empty() {
        return Error::new(
            ErrorCode::E164TooShort,
            "phone number is empty; expected E.164 such as +14085550100",
        );
    }
    // "00" is the international prefix of most countries: 0044… means +44….
    if let Some(rest) = text.strip_prefix("00") {
        if let Ok(n) = E164::parse(&format!("+{rest}")) {
            return Error::new(
                ErrorCode::E164MissingPlus,
                format!("phone number {shown} must start with '+' instead of the international prefix 00: {n}"),
            )
            .with_suggestion(n.to_string());
        }
    }
    Error::new(
        ErrorCode::E164MissingPlus,
        format!(
            "phone number {shown} must start with '+' and a country calling code, e.g. +14085550100"
        ),
    )
}

impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "+{}", self.digits)
    }
}

impl fmt::Debug for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "E164({self})")
    }
}

impl FromStr for E164 {
    type Err = Error;
    fn from_str(s: &str) -> Result<E164> {
        E164::parse(s)
    }
}

impl serde::Serialize for E164 {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for E164 {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<E164, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        E164::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Normalises a phone number to E.164: `+` and digits only (CSV-5, DEC-4).
///
/// ```
/// assert_eq!(mpp_migration::normalize_e164("+1 408 555 0100")?, "+14085550100");
/// assert!(mpp_migration::normalize_e164("408 555 0100").is_err());
/// # Ok::<(), mpp_migration::Error>(())
/// ```
pub fn normalize_e164(input: &str) -> Result<String> {
    E164::parse(input).map(|n| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(input: &str) -> ErrorCode {
        E164::parse(input).unwrap_err().code()
    }

    #[test]
    fn the_embedded_table_is_well_formed_and_prefix_free() {
        let rows: Vec<_> = country_code_rows().collect();
        let bad: Vec<_> = rows.iter().filter_map(|r| r.as_ref().err()).collect();
        assert!(bad.is_empty(), "{bad:?}");
        let codes: Vec<u16> = rows.into_iter().flatten().map(|(c, _)| c).collect();
        assert!(codes.len() > 200);
        for &a in &codes {
            for &b in &codes {
                if a != b {
                    let (a, b) = (a.to_string(), b.to_string());
                    assert!(!b.starts_with(&a), "+{a} is a prefix of +{b}");
                }
            }
        }
        assert!(
            country_calling_code_region(1).is_some()
                && country_calling_code_region(358).is_some()
                && country_calling_code_region(999).is_none()
        );
    }

    #[test]
    fn dec4_formatting_is_dropped() {
        for input in [
            "+14085550100",
            "+1 408 555 0100",
            "+1 (408) 555-0100",
            "+1.408.555.0100",
            " +1-408-555-0100 ",
        ] {
            assert_eq!(normalize_e164(input).unwrap(), "+14085550100", "{input}");
        }
        let n = E164::parse("+358 9 1234567").unwrap();
        assert_eq!((n.country_calling_code(), n.region()), (358, "Finland"));
        assert_eq!(n.national_number(), "91234567");
        assert_eq!(
            E164::parse("+44 20 7946 0958")
                .unwrap()
                .country_calling_code(),
            44
        );
    }

    #[test]
    fn ext12_refusals_name_the_problem() {
        assert_eq!(code("4085550100"), ErrorCode::E164MissingPlus);
        assert_eq!(code(""), ErrorCode::E164TooShort);
        assert_eq!(code("+"), ErrorCode::E164TooShort);
        assert_eq!(code("+1 800 FLOWERS"), ErrorCode::E164InvalidCharacter);
        assert_eq!(code("+14085550100 x12"), ErrorCode::E164InvalidCharacter);
        assert_eq!(code("+1234567890123456"), ErrorCode::E164TooLong);
        assert_eq!(code("+0123456789"), ErrorCode::E164LeadingZero);
        assert_eq!(code("+999 1234567"), ErrorCode::E164UnknownCountryCode);
        assert_eq!(code("+2591234567"), ErrorCode::E164UnknownCountryCode);
        assert_eq!(code("+44 123"), ErrorCode::E164TooShort);
        let err = E164::parse("+44 (0) 20 7946 0958").unwrap_err();
        assert_eq!(
            (err.code(), err.finding().suggestion()),
            (ErrorCode::E164TrunkPrefix, Some("+442079460958"))
        );
        assert!(
            E164::parse("+123456789012345").is_ok(),
            "15 digits is the maximum, not beyond it"
        );
        let err = E164::parse("0044 20 7946 0958").unwrap_err();
        assert_eq!(err.code(), ErrorCode::E164MissingPlus);
        assert_eq!(err.finding().suggestion(), Some("+442079460958"));
    }

    proptest! {
        #[test]
        fn normalised_numbers_round_trip(cc in prop::sample::select(vec![1u16, 7, 44, 49, 61, 358, 971, 886]), national in "[1-9][0-9]{5,10}", sep in prop::sample::select(vec!["", " ", "-", "."])) {
            let spaced: String = national.chars().flat_map(|c| [c].into_iter().chain(sep.chars())).collect();
            let n = E164::parse(&format!("+{cc}{sep}{spaced}"))?;
            prop_assert_eq!(n.country_calling_code(), cc);
            prop_assert_eq!(n.national_number(), national.clone());
            let again = E164::parse(&n.to_string())?;
            prop_assert_eq!(again, n);
        }

        #[test]
        fn no_string_makes_the_parser_panic(input in any::<String>()) {
            let _ = E164::parse(&input);
        }

        #[test]
        fn digit_strings_never_panic(input in "\\+?[0-9 ()\\-.]{0,30}") {
            if let Ok(n) = E164::parse(&input) {
                prop_assert!(n.digit_count() <= MAX_DIGITS);
            }
        }
    }
}
