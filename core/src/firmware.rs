//! Firmware versions and load names (EXT-6, EXT-10, EXT-15).
//!
//! Cisco writes the same version several ways: `14.1(1)` in release notes, `14-1-1` inside load
//! names, `sip78xx.14-1-1-0001-136` as the load a phone reports (RIS `ActiveLoadID`), with a
//! `.loads` suffix as phones and TFTP name the file (`sip8845_65.14-1-1-0001-125.loads`),
//! `12.5(1)SR3` for a service release. MPP loads carry `MPP` after the version
//! (`sip78xx.11-3-6MPP0001-272`), MPP maintenance loads `MSR` and its number
//! (`sip88xx.11-2-3MSR1-1`). All of them read into one [`FirmwareVersion`] that compares by its
//! numbers.
//!
//! A load name's family must be one Cisco ships ([`LOAD_FAMILIES`]): `sip8845_8865.…` is
//! refused rather than read as a load nobody can install. Package file names
//! (`cmterm-78xx.14-1-1-0001-136.cop.sgn`, `….zip`) are not load names: they are refused with the
//! load name they carry as the suggestion (decision: the BAT page and RIS name loads, not
//! packages).

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use crate::error::{Error, ErrorCode, Result};
use crate::text::quoted;

/// The load families Cisco ships for the phones this library knows, as load names begin
/// (lower case): the 7800/8800 Enterprise and MPP families of MAN-4 and EXT-6, the 8821's own
/// Enterprise family, the 6800 series' MPP family, and the 8900/9900 Enterprise families seen in
/// Unified CM's device defaults (`sip9951.9-4-2SR4-1`).
pub const LOAD_FAMILIES: [&str; 10] = [
    "sip68xx",
    "sip7832",
    "sip78xx",
    "sip8821",
    "sip8832",
    "sip8845_65",
    "sip88xx",
    "sip8961",
    "sip9951",
    "sip9971",
];

/// Which firmware a version or load belongs to.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FirmwareKind {
    /// Enterprise firmware (Unified CM, Spark Calling).
    Enterprise,
    /// Multiplatform Phone firmware: the load names say `MPP`.
    Mpp,
}

impl FirmwareKind {
    /// `"enterprise"` or `"mpp"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FirmwareKind::Enterprise => "enterprise",
            FirmwareKind::Mpp => "mpp",
        }
    }
}

/// A firmware version, with the load name it was read from where there was one.
///
/// Versions compare by major, minor, maintenance number and service release, then by kind;
/// the load family and build are kept but do not take part in comparisons.
///
/// ```
/// use mpp_migration::{FirmwareKind, FirmwareVersion};
/// let load: FirmwareVersion = "sip78xx.14-1-1-0001-136".parse()?;
/// assert_eq!(load, "14.1(1)".parse()?);
/// assert_eq!(load.load_family(), Some("sip78xx"));
/// assert!(load > "12.5(1)SR3".parse()?);
/// assert!("12.5(1)SR3".parse::<FirmwareVersion>()? > "12.5(1)".parse()?);
/// let mpp: FirmwareVersion = "sip8845_65.11-3-6MPP0001-272".parse()?;
/// assert_eq!(mpp.kind(), FirmwareKind::Mpp);
/// assert_eq!(mpp.to_string(), "11.3(6)");
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone)]
pub struct FirmwareVersion {
    major: u16,
    minor: u16,
    maint: Option<u16>,
    service_release: u16,
    kind: FirmwareKind,
    family: Option<String>,
    build: Option<String>,
    text: String,
}

impl FirmwareVersion {
    /// A version from its numbers, e.g. `FirmwareVersion::new(14, 1, 1)` for 14.1(1).
    pub fn new(major: u16, minor: u16, maint: u16) -> FirmwareVersion {
        FirmwareVersion {
            major,
            minor,
            maint: Some(maint),
            service_release: 0,
            kind: FirmwareKind::Enterprise,
            family: None,
            build: None,
            text: format!("{major}.{minor}({maint})"),
        }
    }

    /// Reads a version or load name in any of the spellings above (case-insensitive,
    /// surrounding white space ignored; a `.loads` suffix is dropped, so [`as_str`](Self::as_str)
    /// is the Phone Load Name Unified CM's BAT page takes).
    ///
    /// Errors: [`ErrorCode::FirmwareVersionInvalid`], also for a load family Cisco does not ship
    /// (see [`LOAD_FAMILIES`]) and for a package file name (`cmterm-….cop.sgn`), whose load name
    /// is the suggestion.
    ///
    /// ```
    /// use mpp_migration::{FirmwareKind, FirmwareVersion};
    /// let tftp: FirmwareVersion = "sip8845_65.14-1-1-0001-125.loads".parse()?;
    /// assert_eq!(tftp.as_str(), "sip8845_65.14-1-1-0001-125");
    /// let msr: FirmwareVersion = "sip88xx.11-2-3MSR1-1".parse()?;
    /// assert_eq!((msr.kind(), msr.to_string()), (FirmwareKind::Mpp, "11.2(3)SR1".to_owned()));
    /// assert!("sip8845_8865.14-1-1-0001-125".parse::<FirmwareVersion>().is_err());
    /// # Ok::<(), mpp_migration::Error>(())
    /// ```
    pub fn parse(input: &str) -> Result<FirmwareVersion> {
        let trimmed = input.trim();
        let text = strip_suffix_ignore_case(trimmed, ".loads").unwrap_or(trimmed);
        if let Some(load) = package_load_name(text) {
            return Err(Error::new(
                ErrorCode::FirmwareVersionInvalid,
                format!(
                    "firmware {} is a package file, not a load name; the load it installs is {load}",
                    quoted(text)
                ),
            )
            .with_suggestion(load));
        }
        let version = Parser::new(text).parse().ok_or_else(|| {
            Error::new(
                ErrorCode::FirmwareVersionInvalid,
                format!(
                    "firmware {} is not a version such as 14.1(1), 14-1-1 or a load name such as sip78xx.14-1-1-0001-136",
                    quoted(text)
                ),
            )
        })?;
        if let Some(family) = version.family.as_deref() {
            if !LOAD_FAMILIES.contains(&family) {
                let near = LOAD_FAMILIES
                    .iter()
                    .copied()
                    .min_by_key(|f| crate::model::edit_distance(family, f))
                    .filter(|f| crate::model::edit_distance(family, f) <= 4);
                let mut msg = format!(
                    "load {}: Cisco ships no load family {family}; the families are {}",
                    quoted(text),
                    LOAD_FAMILIES.join(", ")
                );
                if let Some(f) = near {
                    msg.push_str(&format!("; did you mean {f}?"));
                }
                let err = Error::new(ErrorCode::FirmwareVersionInvalid, msg);
                return Err(match near {
                    Some(f) => err.with_suggestion(format!("{f}{}", &text[family.len()..])),
                    None => err,
                });
            }
        }
        Ok(version)
    }

    /// The major number: 14 in 14.1(1).
    pub fn major(&self) -> u16 {
        self.major
    }

    /// The minor number: 1 in 14.1(1).
    pub fn minor(&self) -> u16 {
        self.minor
    }

    /// The maintenance number: the last 1 in 14.1(1); `None` when only `14.1` was given.
    pub fn maint(&self) -> Option<u16> {
        self.maint
    }

    /// The service release: 3 in 12.5(1)SR3, 0 when there is none.
    pub fn service_release(&self) -> u16 {
        self.service_release
    }

    /// Enterprise or MPP.
    pub fn kind(&self) -> FirmwareKind {
        self.kind
    }

    /// The load family (`sip78xx`, `sip8845_65`) when a load name was given.
    pub fn load_family(&self) -> Option<&str> {
        self.family.as_deref()
    }

    /// The build part of a load name (`0001-136`), when given.
    pub fn build(&self) -> Option<&str> {
        self.build.as_deref()
    }

    /// The text this version was read from (trimmed).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn key(&self) -> (u16, u16, u16, u16, FirmwareKind) {
        (
            self.major,
            self.minor,
            self.maint.unwrap_or(0),
            self.service_release,
            self.kind,
        )
    }
}

fn strip_suffix_ignore_case<'t>(text: &'t str, suffix: &str) -> Option<&'t str> {
    let at = text.len().checked_sub(suffix.len())?;
    let tail = text.get(at..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &text[..at])
}

/// The load name inside a Cisco firmware package file name: `cmterm-78xx.14-1-1-0001-136.cop.sgn`
/// or `cmterm-8845_65.14-4-1-0401-1_REL.zip` carry `sip78xx.14-1-1-0001-136`,
/// `sip8845_65.14-4-1-0401-1`.
fn package_load_name(text: &str) -> Option<String> {
    let rest = text
        .get(..7)?
        .eq_ignore_ascii_case("cmterm-")
        .then(|| &text[7..])?;
    let mut rest = rest;
    for suffix in [".cop.sgn", ".cop", "_rel.zip", ".zip"] {
        if let Some(r) = strip_suffix_ignore_case(rest, suffix) {
            rest = r;
            break;
        }
    }
    let load = format!("sip{}", rest.to_ascii_lowercase());
    Parser::new(&load).parse().map(|v| v.text)
}

/// A small hand-written scanner: the spellings are few and regular, and it must never panic.
struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
    text: &'a str,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Parser<'a> {
        Parser {
            bytes: text.as_bytes(),
            pos: 0,
            text,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).map(u8::to_ascii_lowercase)
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let end = self.pos + word.len();
        match self.bytes.get(self.pos..end) {
            Some(s) if s.eq_ignore_ascii_case(word.as_bytes()) => {
                self.pos = end;
                true
            }
            _ => false,
        }
    }

    fn number(&mut self) -> Option<u16> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        if self.pos == start || self.pos - start > 4 {
            return None;
        }
        self.text.get(start..self.pos)?.parse().ok()
    }

    fn parse(mut self) -> Option<FirmwareVersion> {
        // A load name: `sip<family>.` then the version.
        let mut family = None;
        if self.bytes.len() > 3 && self.bytes[..3].eq_ignore_ascii_case(b"sip") {
            let dot = self.text.find('.')?;
            let name = &self.text[..dot];
            if name.len() <= 3
                || !name[3..]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                return None;
            }
            family = Some(name.to_ascii_lowercase());
            self.pos = dot + 1;
        }
        let major = self.number()?;
        let sep = self.peek()?;
        if sep != b'.' && sep != b'-' {
            return None;
        }
        self.pos += 1;
        let minor = self.number()?;
        let mut maint = None;
        if self.eat(b'(') {
            maint = Some(self.number()?);
            if !self.eat(b')') {
                return None;
            }
        } else if self.peek() == Some(sep)
            && self.bytes.get(self.pos + 1).is_some_and(u8::is_ascii_digit)
        {
            self.pos += 1;
            maint = Some(self.number()?);
        }
        let mut service_release = 0;
        let mut kind = FirmwareKind::Enterprise;
        if self.eat_word("msr") {
            // An MPP maintenance load: `sip88xx.11-2-3MSR1-1` (EXT-15).
            kind = FirmwareKind::Mpp;
            service_release = self.number()?;
        } else if self.eat_word("sr") {
            service_release = self.number()?;
        }
        if kind == FirmwareKind::Enterprise && self.eat_word("mpp") {
            kind = FirmwareKind::Mpp;
        }
        // The rest of a load name is its build: digits and dashes (`-0001-136`, `0001-272`).
        let mut build = None;
        if self.pos < self.bytes.len() {
            if family.is_none() && kind == FirmwareKind::Enterprise {
                return None;
            }
            let rest = self.text.get(self.pos..)?.trim_start_matches('-');
            if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                return None;
            }
            build = Some(rest.to_owned());
        }
        if family.is_some() && maint.is_none() {
            return None;
        }
        Some(FirmwareVersion {
            major,
            minor,
            maint,
            service_release,
            kind,
            family,
            build,
            text: self.text.to_owned(),
        })
    }
}

impl PartialEq for FirmwareVersion {
    fn eq(&self, other: &FirmwareVersion) -> bool {
        self.key() == other.key()
    }
}

impl Eq for FirmwareVersion {}

impl Hash for FirmwareVersion {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl PartialOrd for FirmwareVersion {
    fn partial_cmp(&self, other: &FirmwareVersion) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for FirmwareVersion {
    fn cmp(&self, other: &FirmwareVersion) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl fmt::Display for FirmwareVersion {
    /// The release-note spelling: `14.1(1)`, `12.5(1)SR3`, `14.1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)?;
        if let Some(maint) = self.maint {
            write!(f, "({maint})")?;
        }
        if self.service_release > 0 {
            write!(f, "SR{}", self.service_release)?;
        }
        Ok(())
    }
}

impl fmt::Debug for FirmwareVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FirmwareVersion({:?})", self.text)
    }
}

impl FromStr for FirmwareVersion {
    type Err = Error;
    fn from_str(s: &str) -> Result<FirmwareVersion> {
        FirmwareVersion::parse(s)
    }
}

crate::text_serde::serde_as_text!(
    FirmwareVersion,
    |version| version.text,
    FirmwareVersion::parse
);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn v(s: &str) -> FirmwareVersion {
        FirmwareVersion::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn ext6_spellings_read_the_same_numbers() {
        for s in [
            "14.1(1)",
            "14-1-1",
            "14.1.1",
            "sip78xx.14-1-1-0001-136",
            "SIP88XX.14-1-1-0001-136",
            " 14.1(1) ",
        ] {
            let f = v(s);
            assert_eq!(
                (f.major(), f.minor(), f.maint(), f.kind()),
                (14, 1, Some(1), FirmwareKind::Enterprise),
                "{s}"
            );
        }
        let sr = v("12.5(1)SR3");
        assert_eq!(
            (sr.major(), sr.minor(), sr.maint(), sr.service_release()),
            (12, 5, Some(1), 3)
        );
        assert_eq!(sr.to_string(), "12.5(1)SR3");
        let load = v("sip88xx.12-5-1SR3-74");
        assert_eq!((load.service_release(), load.build()), (3, Some("74")));
        let short = v("14.1");
        assert_eq!(
            (short.maint(), short.to_string()),
            (None, "14.1".to_owned())
        );
        let mpp = v("sip78xx.12-0-7MPP0501-123");
        assert_eq!(
            (mpp.kind(), mpp.load_family(), mpp.build()),
            (FirmwareKind::Mpp, Some("sip78xx"), Some("0501-123"))
        );
        assert_eq!(
            v("sip8845_65.11-3-6MPP0001-272").load_family(),
            Some("sip8845_65")
        );
    }

    #[test]
    fn ext15_load_names_as_phones_ris_and_tftp_report_them() {
        // RIS ActiveLoadID / Unified CM device defaults (EXT-15); real values, see
        // core/data/MODELS_SOURCES.md.
        for (text, family, version) in [
            ("sip78xx.14-1-1-0001-136", "sip78xx", "14.1(1)"),
            ("sip88xx.14-1-1-0001-125", "sip88xx", "14.1(1)"),
            ("sip8845_65.12-7-1-0001-393", "sip8845_65", "12.7(1)"),
            ("sip8821.11-0-6SR2-4", "sip8821", "11.0(6)SR2"),
            ("sip9951.9-4-2SR4-1", "sip9951", "9.4(2)SR4"),
            ("sip88xx.14-3-1-0001-60", "sip88xx", "14.3(1)"),
            ("sip7832.14-4-1-0001-36", "sip7832", "14.4(1)"),
            ("sip8845_65.14-1-1-0001-125.loads", "sip8845_65", "14.1(1)"),
            ("SIP78XX.14-2-1-0001-14.LOADS", "sip78xx", "14.2(1)"),
            ("sip78xx.14.2.1-0001-14", "sip78xx", "14.2(1)"),
        ] {
            let f = v(text);
            assert_eq!(
                (f.load_family(), f.to_string(), f.kind()),
                (Some(family), version.to_owned(), FirmwareKind::Enterprise),
                "{text}"
            );
            assert!(!f.as_str().to_ascii_lowercase().ends_with(".loads"));
        }
        let msr = v("sip88xx.11-2-3MSR1-1");
        assert_eq!(
            (msr.kind(), msr.service_release(), msr.build()),
            (FirmwareKind::Mpp, 1, Some("1"))
        );
        assert!(msr > v("sip88xx.11-2-3MPP0001-1"));
        assert_eq!(v("sip68xx.11-3-6MPP0001-272").kind(), FirmwareKind::Mpp);
    }

    #[test]
    fn ext10_families_that_do_not_exist_are_refused() {
        for bad in [
            "sip8845_8865.14-1-1-0001-125",
            "sip8800.14-1-1-0001-125",
            "sip79xx.9-4-2SR3-1",
        ] {
            let e = FirmwareVersion::parse(bad).unwrap_err();
            assert_eq!(e.code(), ErrorCode::FirmwareVersionInvalid, "{bad}");
            assert!(e.message().contains("no load family"), "{bad}: {e}");
        }
        let e = FirmwareVersion::parse("sip8845_8865.14-1-1-0001-125").unwrap_err();
        assert_eq!(e.finding().suggestion(), Some("sip8845_65.14-1-1-0001-125"));
        // A package file names the load it installs.
        let e = FirmwareVersion::parse("cmterm-78xx.14-1-1-0001-136.cop.sgn").unwrap_err();
        assert_eq!(e.finding().suggestion(), Some("sip78xx.14-1-1-0001-136"));
        let e = FirmwareVersion::parse("cmterm-8845_65.14-4-1-0401-1_REL.zip").unwrap_err();
        assert_eq!(e.finding().suggestion(), Some("sip8845_65.14-4-1-0401-1"));
    }

    #[test]
    fn ext6_versions_compare_as_numbers() {
        assert!(v("12.5(1)") < v("14.1(1)"));
        assert!(v("9.4(1)") < v("12.5(1)"));
        assert!(v("12.10(1)") > v("12.5(1)"));
        assert!(v("12.5(1)SR3") > v("12.5(1)"));
        assert!(v("14.1") < v("14.1(1)"));
        assert_eq!(v("sip78xx.14-1-1-0001-136"), v("14.1(1)"));
        assert_eq!(FirmwareVersion::new(14, 1, 1), v("14.1(1)"));
    }

    #[test]
    fn unreadable_versions_are_refused() {
        for bad in [
            "",
            "14",
            "abc",
            "14.x",
            "14.1(1",
            "sip78xx",
            "sip.14-1-1",
            "sip78xx.14-1",
            "14.1(1)foo",
            "sip78 xx.14-1-1",
            "14.1.1.1",
            "99999.1",
        ] {
            assert_eq!(
                FirmwareVersion::parse(bad).unwrap_err().code(),
                ErrorCode::FirmwareVersionInvalid,
                "{bad}"
            );
        }
    }

    proptest! {
        #[test]
        fn spellings_agree(major in 0u16..100, minor in 0u16..100, maint in 0u16..100, sr in 0u16..10) {
            let release = if sr > 0 { format!("{major}.{minor}({maint})SR{sr}") } else { format!("{major}.{minor}({maint})") };
            let dashed = if sr > 0 { format!("{major}-{minor}-{maint}SR{sr}") } else { format!("{major}-{minor}-{maint}") };
            let load = format!("sip78xx.{dashed}-0001-136");
            let a = FirmwareVersion::parse(&release)?;
            prop_assert_eq!(&a, &FirmwareVersion::parse(&dashed)?);
            prop_assert_eq!(&a, &FirmwareVersion::parse(&load)?);
            prop_assert_eq!(FirmwareVersion::parse(&a.to_string())?, a);
        }

        #[test]
        fn no_string_makes_the_parser_panic(input in any::<String>()) {
            let _ = FirmwareVersion::parse(&input);
        }

        #[test]
        fn version_like_strings_never_panic(input in "(sip[0-9a-z_]{0,6}\\.)?[0-9]{0,6}[.\\-(]?[0-9]{0,3}[.\\-)]?[0-9]{0,3}(SR|MPP)?[0-9\\-]{0,8}") {
            let _ = FirmwareVersion::parse(&input);
        }
    }
}
