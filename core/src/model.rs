//! The phone model catalogue (DEV-1, DEV-2, DEV-4, DEV-8, EXT-9), read once from the embedded
//! table `data/models.csv`.
//!
//! The catalogue holds what a model *is*: series, audio or video, Wi-Fi, its names in Unified CM
//! and Webex, and whether it has Enterprise firmware to migrate from at all (DEV-4: the 6800
//! series runs MPP only). Whether a model *may* migrate (DEV-2, EXT-2, EXT-4) is the eligibility
//! table's business, in one place, so a host can switch readings without touching the catalogue.

use std::fmt;
use std::sync::LazyLock;

use crate::error::{Error, ErrorCode, Result};
use crate::hardware::HardwareVersion;
use crate::text::{quoted, trim};

const TABLE_CSV: &str = include_str!("../data/models.csv");

/// A phone series.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Series {
    /// Cisco IP Phone 6800 series: MPP firmware only (DEV-4).
    S6800,
    /// Cisco IP Phone 7800 series.
    S7800,
    /// Cisco IP Phone 8800 series.
    S8800,
}

impl Series {
    /// `"6800"`, `"7800"` or `"8800"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Series::S6800 => "6800",
            Series::S7800 => "7800",
            Series::S8800 => "8800",
        }
    }

    fn parse(s: &str) -> Option<Series> {
        match s {
            "6800" => Some(Series::S6800),
            "7800" => Some(Series::S7800),
            "8800" => Some(Series::S8800),
            _ => None,
        }
    }
}

impl fmt::Display for Series {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Audio or video phone (DEV-1 groups the 8800 series this way; DEV-3 concerns audio models).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ModelKind {
    /// An audio phone (desk, conference or wireless).
    Audio,
    /// A video phone.
    Video,
}

impl ModelKind {
    /// `"audio"` or `"video"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ModelKind::Audio => "audio",
            ModelKind::Video => "video",
        }
    }
}

/// One phone model of the catalogue.
///
/// ```
/// let m = mpp_migration::parse_model("CP-8845-K9=")?;
/// assert_eq!(m.name(), "8845");
/// assert_eq!(m.series().as_str(), "8800");
/// assert_eq!(m.kind().as_str(), "video");
/// assert_eq!(m.ucm_name(), "Cisco 8845");
/// assert_eq!(m.part_number(), "CP-8845");
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Model {
    index: usize,
    name: &'static str,
    series: Series,
    kind: ModelKind,
    wifi: bool,
    enterprise_firmware: bool,
    description: &'static str,
    source: &'static str,
    ucm_name: String,
    part_number: String,
}

impl Model {
    /// Every model of the catalogue, in the table's order.
    pub fn all() -> &'static [Model] {
        &CATALOGUE
    }

    /// The model with this exact short name (`"8845"`, `"8865NR"`), without parsing spellings.
    pub fn by_name(name: &str) -> Option<&'static Model> {
        BY_NAME
            .binary_search_by_key(&name, |(n, _)| *n)
            .ok()
            .map(|i| BY_NAME[i].1)
    }

    /// The position of the model in [`Model::all`].
    pub fn index(&self) -> usize {
        self.index
    }

    /// The short name: `"8845"`, `"8865NR"`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The series.
    pub fn series(&self) -> Series {
        self.series
    }

    /// Audio or video.
    pub fn kind(&self) -> ModelKind {
        self.kind
    }

    /// Whether the phone has Wi-Fi, whose settings the migration erases (DEV-8).
    pub fn has_wifi(&self) -> bool {
        self.wifi
    }

    /// Whether the phone runs Enterprise firmware that could be migrated; false for the 6800
    /// series, which runs MPP only (DEV-4).
    pub fn has_enterprise_firmware(&self) -> bool {
        self.enterprise_firmware
    }

    /// Cisco's product name, e.g. `"Cisco IP Phone 8845"`.
    pub fn description(&self) -> &'static str {
        self.description
    }

    /// The rules the catalogue row rests on (ids of docs/rules.md).
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// The name Unified CM and Control Hub use: `"Cisco 8845"` (EXT-9).
    pub fn ucm_name(&self) -> &str {
        &self.ucm_name
    }

    /// The name the Webex API uses: `"DMS Cisco 8845"` (EXT-9).
    pub fn webex_api_name(&self) -> String {
        format!("DMS {}", self.ucm_name)
    }

    /// The part number: `"CP-8845"`; the ordering code adds `-K9=` (DEV-1).
    pub fn part_number(&self) -> &str {
        &self.part_number
    }
}

impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl serde::Serialize for &'static Model {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name)
    }
}

impl<'de> serde::Deserialize<'de> for &'static Model {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<&'static Model, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        parse_model(&text).map_err(serde::de::Error::custom)
    }
}

static CATALOGUE: LazyLock<Vec<Model>> = LazyLock::new(|| catalogue_rows().flatten().collect());

/// The catalogue sorted by short name, for a binary search: parsing runs once per CSV row. (A
/// sorted vector, not a hash map: a static map keeps a pointer into the middle of its memory,
/// which leak checkers in C hosts report as "possibly lost".)
static BY_NAME: LazyLock<Vec<(&'static str, &'static Model)>> = LazyLock::new(|| {
    let mut v: Vec<_> = CATALOGUE.iter().map(|m| (m.name, m)).collect();
    v.sort_unstable_by_key(|(name, _)| *name);
    v
});

/// The rows of the embedded table; a malformed row is an `Err` naming its line (a unit test
/// checks there is none).
fn catalogue_rows() -> impl Iterator<Item = std::result::Result<Model, String>> {
    TABLE_CSV.lines().enumerate().skip(1).map(|(i, line)| {
        let cells: Vec<&'static str> = line.split(',').collect();
        let bad = || format!("models.csv line {}: {line:?}", i + 1);
        let [name, series, kind, wifi, enterprise, description, source] = cells[..] else {
            return Err(bad());
        };
        let flag = |s: &str| match s {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(bad()),
        };
        Ok(Model {
            index: i - 1,
            name,
            series: Series::parse(series).ok_or_else(bad)?,
            kind: match kind {
                "audio" => ModelKind::Audio,
                "video" => ModelKind::Video,
                _ => return Err(bad()),
            },
            wifi: flag(wifi)?,
            enterprise_firmware: flag(enterprise)?,
            description,
            source,
            ucm_name: format!("Cisco {name}"),
            part_number: format!("CP-{name}"),
        })
    })
}

/// A model as read from a label or CSV cell, with the hardware version when the text carried
/// one (`CP-7821-K9=V03`, EXT-1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModelLabel {
    /// The model.
    pub model: &'static Model,
    /// The hardware version printed after the ordering code, if any.
    pub hardware_version: Option<HardwareVersion>,
}

/// Reads a model in any spelling EXT-9 lists, case-insensitively: `8845`, `CP-8845`,
/// `CP-8845-K9=`, `Cisco 8845`, `DMS Cisco 8845`, `Cisco IP Phone 8845`; `NR` stays part of the
/// model (`CP-8865NR-K9=` is the 8865NR). A hardware version after the ordering code
/// (`CP-7821-K9=V03`) is accepted and returned.
///
/// Errors: [`ErrorCode::ModelUnknown`], suggesting the closest known model when there is one.
pub fn parse_model_label(input: &str) -> Result<ModelLabel> {
    let text = trim(input);
    // Most cells name the model exactly ("8845"): one lookup, no copying.
    if let Some(model) = Model::by_name(text) {
        return Ok(ModelLabel {
            model,
            hardware_version: None,
        });
    }
    let mut buf = [0u8; 64];
    let Some((core, vid)) = split_spelling(text, &mut buf) else {
        return Err(unknown(text, None));
    };
    let Some(model) = Model::by_name(core) else {
        return Err(unknown(text, Some(core)));
    };
    let hardware_version = match vid {
        // The model is known; only its hardware version is not (EXT-1).
        Some(vid) => Some(HardwareVersion::parse(vid).map_err(|e| {
            Error::new(
                ErrorCode::HardwareVersionInvalid,
                format!("label {}: {}", quoted(text), e.message()),
            )
        })?),
        None => None,
    };
    Ok(ModelLabel {
        model,
        hardware_version,
    })
}

/// Reads a model in any spelling EXT-9 lists; see [`parse_model_label`]. A hardware version
/// in the text is accepted and ignored here.
///
/// ```
/// use mpp_migration::parse_model;
/// for spelling in ["8865NR", "CP-8865NR-K9=", "Cisco 8865NR", "dms cisco 8865nr"] {
///     assert_eq!(parse_model(spelling)?.name(), "8865NR");
/// }
/// let err = parse_model("CP-8854-K9=").unwrap_err();
/// assert_eq!(err.finding().suggestion(), Some("8851"));
/// # Ok::<(), mpp_migration::Error>(())
/// ```
pub fn parse_model(input: &str) -> Result<&'static Model> {
    parse_model_label(input).map(|label| label.model)
}

/// Upper-cases `text` into `buf` (collapsing runs of white space) and strips the prefixes and
/// the ordering suffix of EXT-9: `CP-7821-K9=V03` gives `("7821", Some("V03"))`. `None` when
/// the text is too long to be a model. Allocation-free: it runs once per CSV row.
fn split_spelling<'b>(text: &str, buf: &'b mut [u8; 64]) -> Option<(&'b str, Option<&'b str>)> {
    let mut len = 0;
    let mut last_space = false;
    for b in text.bytes() {
        let b = if b.is_ascii_whitespace() {
            b' '
        } else {
            b.to_ascii_uppercase()
        };
        if b == b' ' && last_space {
            continue;
        }
        last_space = b == b' ';
        *buf.get_mut(len)? = b;
        len += 1;
    }
    let mut s = std::str::from_utf8(&buf[..len]).ok()?;
    for prefix in PREFIXES {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest;
        }
    }
    // The ordering code's suffix: `-K9`, `-K9=`, or `-K9=` and the VID.
    let k9 = s.as_bytes().windows(3).position(|w| w == b"-K9");
    let (model, after) = match k9 {
        Some(at) => (&s[..at], &s[at + 3..]),
        None => match s.find('=') {
            Some(at) => (&s[..at], &s[at..]),
            None => (s, ""),
        },
    };
    match after {
        "" | "=" => Some((model, None)),
        _ => match after.strip_prefix('=') {
            Some(vid) => Some((model, Some(vid))),
            None => Some((s, None)),
        },
    }
}

/// Prefixes of the EXT-9 spellings, stripped in this order.
const PREFIXES: [&str; 8] = [
    "DMS ",
    "CISCO ",
    "UNIFIED IP CONFERENCE PHONE ",
    "IP CONFERENCE PHONE ",
    "WIRELESS IP PHONE ",
    "IP PHONE ",
    "CP-",
    "CP ",
];

fn unknown(text: &str, core: Option<&str>) -> Error {
    let closest = core.and_then(closest_model);
    let mut msg = format!(
        "model {} is not a Cisco phone model this library knows; expected a 7800 or 8800 model such as 8845, CP-8845-K9= or Cisco 8845",
        quoted(text)
    );
    if let Some(m) = closest {
        msg.push_str(&format!("; did you mean {}?", m.name));
    }
    let err = Error::new(ErrorCode::ModelUnknown, msg);
    match closest {
        Some(m) => err.with_suggestion(m.name),
        None => err,
    }
}

/// The catalogue model nearest to `core` by edit distance, if it is close (at most 2 edits).
fn closest_model(core: &str) -> Option<&'static Model> {
    CATALOGUE
        .iter()
        .map(|m| (edit_distance(core, m.name), m))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, m)| m)
}

/// Levenshtein distance over bytes; the inputs are short, upper-case ASCII.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_embedded_catalogue_is_well_formed() {
        let bad: Vec<String> = catalogue_rows().filter_map(|r| r.err()).collect();
        assert!(bad.is_empty(), "{bad:?}");
        let mut names: Vec<_> = Model::all().iter().map(|m| m.name).collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n, "duplicate model names");
        for m in Model::all() {
            assert_eq!(m.name.starts_with('6'), m.series == Series::S6800);
            assert_eq!(
                !m.has_enterprise_firmware(),
                m.series == Series::S6800,
                "DEV-4: {}",
                m.name
            );
            assert!(!m.source.is_empty());
        }
    }

    #[test]
    fn dev1_every_listed_model_is_in_the_catalogue() {
        for name in [
            "7811", "7821", "7841", "7861", "7832", "8811", "8841", "8851", "8861", "8832", "8845",
            "8865",
        ] {
            assert!(
                Model::by_name(name).is_some_and(|m| m.has_enterprise_firmware()),
                "{name}"
            );
        }
        for name in ["8821", "8851NR", "8865NR", "8831", "8832NR"] {
            assert!(Model::by_name(name).is_some(), "DEV-2 {name}");
        }
    }

    #[test]
    fn dev8_wifi_models() {
        let wifi: Vec<_> = Model::all()
            .iter()
            .filter(|m| m.has_wifi() && m.has_enterprise_firmware())
            .map(|m| m.name)
            .collect();
        assert_eq!(wifi, ["8861", "8832", "8865", "8821"]);
    }

    #[test]
    fn ext9_every_spelling_names_the_same_model() {
        for spelling in [
            "8865",
            "CP-8865",
            "CP-8865-K9=",
            "cp-8865-k9",
            "Cisco 8865",
            "DMS Cisco 8865",
            "  cisco   8865 ",
            "Cisco IP Phone 8865",
        ] {
            assert_eq!(parse_model(spelling).unwrap().name(), "8865", "{spelling}");
        }
        for spelling in [
            "8865NR",
            "CP-8865NR-K9=",
            "Cisco 8865NR",
            "DMS Cisco 8865NR",
        ] {
            assert_eq!(
                parse_model(spelling).unwrap().name(),
                "8865NR",
                "{spelling}"
            );
        }
        assert_eq!(
            parse_model("Cisco IP Conference Phone 7832")
                .unwrap()
                .name(),
            "7832"
        );
        let m = parse_model("DMS Cisco 8845").unwrap();
        assert_eq!(
            (m.ucm_name(), m.webex_api_name(), m.part_number()),
            ("Cisco 8845", "DMS Cisco 8845".to_owned(), "CP-8845")
        );
    }

    #[test]
    fn ext1_label_carries_the_hardware_version() {
        let label = parse_model_label("CP-7821-K9=V03").unwrap();
        assert_eq!(label.model.name(), "7821");
        assert_eq!(label.hardware_version.map(|v| v.number()), Some(3));
        assert_eq!(
            parse_model_label("CP-7821-K9=").unwrap().hardware_version,
            None
        );
        assert_eq!(parse_model("cp-7821-k9=v24").unwrap().name(), "7821");
        for label in ["CP-7821-K9=X", "CP-7821-K9=V00"] {
            assert_eq!(
                parse_model_label(label).unwrap_err().code(),
                ErrorCode::HardwareVersionInvalid,
                "the model is known, only its VID is not"
            );
        }
    }

    #[test]
    fn unknown_models_suggest_the_closest() {
        let err = parse_model("8854").unwrap_err();
        assert_eq!(err.code(), ErrorCode::ModelUnknown);
        assert_eq!(err.finding().suggestion(), Some("8851"));
        let err = parse_model("Cisco 8865 NR").unwrap_err();
        assert_eq!(err.finding().suggestion(), Some("8865NR"));
        let err = parse_model("Polycom VVX 411").unwrap_err();
        assert_eq!(err.finding().suggestion(), None);
        assert_eq!(err.finding().rule(), "CSV-8");
        assert!(err.to_string().ends_with("[CSV-8 model_unknown]"));
        assert!(parse_model("").is_err());
        assert!(parse_model(&"8".repeat(200)).is_err());
    }

    proptest! {
        #[test]
        fn no_string_makes_the_parser_panic(input in any::<String>()) {
            let _ = parse_model_label(&input);
        }

        #[test]
        fn model_like_strings_never_panic(input in "(DMS |Cisco |CP-)?[0-9]{0,5}(NR)?(-K9)?=?(V[0-9]{0,3})?") {
            let _ = parse_model_label(&input);
        }
    }
}
