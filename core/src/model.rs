//! The device type catalogue (DEV-1, DEV-2, DEV-4, DEV-8, EXT-9, EXT-15, EXT-17), read once from
//! the embedded table `data/models.csv` (its sources: `data/MODELS_SOURCES.md`).
//!
//! The catalogue holds every device type a Unified CM export can name, not only the phones that
//! migrate: what a model *is* (series, audio or video, Wi-Fi, its names in Unified CM, AXL, RIS and
//! Webex) and its [`ModelClass`]: whether an Enterprise → MPP conversion exists for it at all. A
//! 7960, a Jabber client or a CTI port is therefore a *known* model that is not eligible, with the
//! reason, rather than an unknown one (DEC-9). Whether an MPP-convertible model *may* migrate
//! (DEV-2, EXT-2, EXT-4) is the eligibility table's business, in one place, so a host can switch
//! readings without touching the catalogue.

use std::fmt;
use std::sync::LazyLock;

use crate::error::{Error, ErrorCode, Result};
use crate::hardware::HardwareVersion;
use crate::text::{quoted, trim};

const TABLE_CSV: &str = include_str!("../data/models.csv");

/// A device series (new variants are added at the end: the numbers are C API).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Series {
    /// Cisco IP Phone 6800 series: MPP firmware only (DEV-4).
    S6800,
    /// Cisco IP Phone 7800 series.
    S7800,
    /// Cisco IP Phone 8800 series.
    S8800,
    /// Cisco Unified IP Phone 6900 series: no MPP firmware (EXT-17).
    S6900,
    /// Cisco Unified IP Phone 7900 series, wireless 792x included: no MPP firmware (EXT-17).
    S7900,
    /// Cisco Unified IP Phone 8900 series: no MPP firmware (EXT-17).
    S8900,
    /// Cisco Desk Phone 9800 series: PhoneOS (EXT-17).
    S9800,
    /// Cisco Unified IP Phone 9900 series: no MPP firmware (EXT-17).
    S9900,
    /// Cisco IP DECT 6800 series handsets and base stations: MPP firmware only (DEV-4, EXT-17).
    Dect,
    /// Cisco analog telephone adapters (ATA 186 to 191): no MPP migration (EXT-17).
    Ata,
    /// Anything else a Unified CM cluster holds: soft clients, CTI devices, third-party SIP
    /// devices, video devices, the 8875 and the 3905 (EXT-17).
    Other,
}

impl Series {
    /// Every series, in number order.
    pub const ALL: [Series; 11] = [
        Series::S6800,
        Series::S7800,
        Series::S8800,
        Series::S6900,
        Series::S7900,
        Series::S8900,
        Series::S9800,
        Series::S9900,
        Series::Dect,
        Series::Ata,
        Series::Other,
    ];

    /// `"6800"`, `"7800"`, `"8800"`, `"6900"`, `"7900"`, `"8900"`, `"9800"`, `"9900"`,
    /// `"dect"`, `"ata"` or `"other"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Series::S6800 => "6800",
            Series::S7800 => "7800",
            Series::S8800 => "8800",
            Series::S6900 => "6900",
            Series::S7900 => "7900",
            Series::S8900 => "8900",
            Series::S9800 => "9800",
            Series::S9900 => "9900",
            Series::Dect => "dect",
            Series::Ata => "ata",
            Series::Other => "other",
        }
    }

    fn parse(s: &str) -> Option<Series> {
        Series::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl fmt::Display for Series {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Audio or video device (DEV-1 groups the 8800 series this way; DEV-3 concerns audio models).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ModelKind {
    /// An audio device (desk, conference or wireless phone, adapter, soft phone, CTI device).
    Audio,
    /// A video device.
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

/// Whether an Enterprise → MPP conversion exists for a device type, and if not, why (DEV-1,
/// DEV-2, DEV-4, EXT-17). New variants are added at the end: the numbers are C API.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ModelClass {
    /// A 7800 or 8800 model with Enterprise firmware: the eligibility table decides (DEV-1,
    /// DEV-2, EXT-2, EXT-4).
    MppConvertible,
    /// Runs MPP firmware already: the 6800 series and the IP DECT 6800 series (DEV-4).
    MppOnly,
    /// Cisco hardware with Enterprise firmware for which no MPP firmware exists: 7900, 6900,
    /// 8900, 9900, 3905, 8821-EX, ATA (EXT-17).
    NoMppFirmware,
    /// Runs PhoneOS (9800 series, 8875), which registers to Webex Calling without a firmware
    /// conversion (EXT-17).
    PhoneOs,
    /// A soft client: Jabber (CSF, TCT, BOT, TAB), IP Communicator (EXT-17).
    SoftClient,
    /// A virtual device of Unified CM: CTI port, CTI route point, CTI remote device (EXT-17).
    VirtualDevice,
    /// A third-party SIP device (EXT-17).
    ThirdParty,
    /// A Webex (RoomOS) or TelePresence video device (EXT-17).
    VideoDevice,
}

impl ModelClass {
    /// Every class, in number order.
    pub const ALL: [ModelClass; 8] = [
        ModelClass::MppConvertible,
        ModelClass::MppOnly,
        ModelClass::NoMppFirmware,
        ModelClass::PhoneOs,
        ModelClass::SoftClient,
        ModelClass::VirtualDevice,
        ModelClass::ThirdParty,
        ModelClass::VideoDevice,
    ];

    /// The snake_case name: `"mpp_convertible"`, `"mpp_only"`, `"no_mpp_firmware"`,
    /// `"phone_os"`, `"soft_client"`, `"virtual_device"`, `"third_party"`, `"video_device"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ModelClass::MppConvertible => "mpp_convertible",
            ModelClass::MppOnly => "mpp_only",
            ModelClass::NoMppFirmware => "no_mpp_firmware",
            ModelClass::PhoneOs => "phone_os",
            ModelClass::SoftClient => "soft_client",
            ModelClass::VirtualDevice => "virtual_device",
            ModelClass::ThirdParty => "third_party",
            ModelClass::VideoDevice => "video_device",
        }
    }

    /// The value with this snake_case name, if any.
    pub fn parse(name: &str) -> Option<ModelClass> {
        ModelClass::ALL.into_iter().find(|v| v.as_str() == name)
    }

    /// Why a device of this class does not migrate, for a person; `None` for
    /// [`MppConvertible`](Self::MppConvertible), where the eligibility table decides.
    pub const fn reason(self) -> Option<&'static str> {
        match self {
            ModelClass::MppConvertible => None,
            ModelClass::MppOnly => Some(
                "it runs MPP firmware already; there is no Enterprise firmware to migrate from",
            ),
            ModelClass::NoMppFirmware => Some(
                "Cisco makes no MPP firmware for this hardware; replace it with a 7800, 8800 or 9800 series phone",
            ),
            ModelClass::PhoneOs => Some(
                "it runs PhoneOS, which registers to Webex Calling without a firmware migration; onboard it in Control Hub instead",
            ),
            ModelClass::SoftClient => {
                Some("it is a soft client, not a phone; users move to the Webex app instead")
            }
            ModelClass::VirtualDevice => Some(
                "it is a virtual device of Unified CM, not a phone; rebuild its function in Webex Calling",
            ),
            ModelClass::ThirdParty => {
                Some("it is a third-party SIP device, not a Cisco phone with Enterprise firmware")
            }
            ModelClass::VideoDevice => Some(
                "it is a video device (RoomOS or TelePresence), not an MPP phone; register it to Webex as a device instead",
            ),
        }
    }
}

impl fmt::Display for ModelClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One device type of the catalogue.
///
/// ```
/// use mpp_migration::{parse_model, ModelClass};
/// let m = parse_model("CP-8845-K9=")?;
/// assert_eq!(m.name(), "8845");
/// assert_eq!(m.series().as_str(), "8800");
/// assert_eq!(m.kind().as_str(), "video");
/// assert_eq!(m.ucm_name(), "Cisco 8845");
/// assert_eq!(m.part_number(), "CP-8845");
/// assert_eq!(m.ris_model(), Some(36224));
/// assert_eq!(m.class(), ModelClass::MppConvertible);
/// let jabber = parse_model("Cisco Unified Client Services Framework")?;
/// assert_eq!(jabber.class(), ModelClass::SoftClient);
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
    class: ModelClass,
    ucm_name: &'static str,
    part_number: &'static str,
    ris_model: Option<u32>,
    mpp_load_family: Option<&'static str>,
    aliases: Vec<&'static str>,
    description: &'static str,
    source: &'static str,
}

impl Model {
    /// Every model of the catalogue, in the table's order.
    pub fn all() -> &'static [Model] {
        &CATALOGUE
    }

    /// The model with this exact short name (`"8845"`, `"8865NR"`, `"CTI Port"`), without
    /// parsing spellings.
    pub fn by_name(name: &str) -> Option<&'static Model> {
        BY_NAME
            .binary_search_by_key(&name, |(n, _)| *n)
            .ok()
            .map(|i| BY_NAME[i].1)
    }

    /// The model whose RisPort70 `selectCmDevice` `Model` code (Unified CM's `tkmodel`) is
    /// `code`, where a public source documents it (EXT-15): `36224` is the 8845.
    pub fn by_ris_model(code: u32) -> Option<&'static Model> {
        CATALOGUE.iter().find(|m| m.ris_model == Some(code))
    }

    /// The position of the model in [`Model::all`].
    pub fn index(&self) -> usize {
        self.index
    }

    /// The short name: `"8845"`, `"8865NR"`, `"7960"`, `"ATA 191"`, `"CTI Port"`.
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

    /// Whether an Enterprise → MPP conversion exists for this device type, or why not.
    pub fn class(&self) -> ModelClass {
        self.class
    }

    /// Whether the model may be migrated at all, by the eligibility table's verdict (its class
    /// is [`ModelClass::MppConvertible`]).
    pub fn is_mpp_convertible(&self) -> bool {
        self.class == ModelClass::MppConvertible
    }

    /// Whether the device has Wi-Fi, whose settings the migration erases (DEV-8).
    pub fn has_wifi(&self) -> bool {
        self.wifi
    }

    /// Whether the device runs Cisco Enterprise (Unified CM) firmware; false for the 6800 and
    /// DECT series, which run MPP only (DEV-4), and for devices that are not Cisco phones.
    pub fn has_enterprise_firmware(&self) -> bool {
        self.enterprise_firmware
    }

    /// Cisco's product name, e.g. `"Cisco IP Phone 8845"`.
    pub fn description(&self) -> &'static str {
        self.description
    }

    /// The rules the catalogue row rests on (ids of docs/rules.md; `RIS`: its RIS code has a
    /// public source).
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// The device type as Unified CM, AXL and Control Hub spell it: `"Cisco 8845"`,
    /// `"CTI Port"` (EXT-9, EXT-14, EXT-15).
    pub fn ucm_name(&self) -> &'static str {
        self.ucm_name
    }

    /// The name the Webex API uses: `"DMS Cisco 8845"` (EXT-9).
    pub fn webex_api_name(&self) -> String {
        format!("DMS {}", self.ucm_name)
    }

    /// The part number: `"CP-8845"`; the ordering code adds `-K9=` (DEV-1). Empty for a device
    /// that is not hardware (a soft client, a CTI port).
    pub fn part_number(&self) -> &'static str {
        self.part_number
    }

    /// The numeric `Model` RisPort70 reports for it, where a public source documents it (EXT-15).
    pub fn ris_model(&self) -> Option<u32> {
        self.ris_model
    }

    /// The MPP load family a phone-load table may give this model (MAN-4: `sip78xx`, `sip7832`,
    /// `sip88xx`, `sip8832`, `sip8845_65`); `None` for a model with no MPP load.
    pub fn mpp_load_family(&self) -> Option<&'static str> {
        self.mpp_load_family
    }

    /// Other spellings the parser accepts for it (`7960G`, `CSF`, `ATA191`).
    pub fn aliases(&self) -> &[&'static str] {
        &self.aliases
    }
}

impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

crate::text_serde::serde_as_text!(&'static Model, |model| model.name, parse_model);

static CATALOGUE: LazyLock<Vec<Model>> = LazyLock::new(|| catalogue_rows().flatten().collect());

/// The catalogue sorted by short name, for a binary search: parsing runs once per CSV row. (A
/// sorted vector, not a hash map: a static map keeps a pointer into the middle of its memory,
/// which leak checkers in C hosts report as "possibly lost".)
static BY_NAME: LazyLock<Vec<(&'static str, &'static Model)>> = LazyLock::new(|| {
    let mut v: Vec<_> = CATALOGUE.iter().map(|m| (m.name, m)).collect();
    v.sort_unstable_by_key(|(name, _)| *name);
    v
});

/// Every spelling of every model, upper-case with single spaces, with the `CISCO ` prefix
/// stripped as the parser strips it: the short name, the Unified CM name, the description, the
/// part number, the aliases and the RIS code (EXT-9, EXT-15). Sorted for a binary search.
static BY_SPELLING: LazyLock<Vec<(String, &'static Model)>> = LazyLock::new(|| {
    let mut v: Vec<(String, &'static Model)> = Vec::new();
    for m in CATALOGUE.iter() {
        let mut add = |text: &str| {
            let mut buf = [0u8; 64];
            if let Some((core, None)) = split_spelling(text, &mut buf) {
                if !core.is_empty() {
                    v.push((core.to_owned(), m));
                }
            }
        };
        add(m.name);
        add(m.ucm_name);
        add(m.description);
        add(m.part_number);
        for a in &m.aliases {
            add(a);
        }
        if let Some(code) = m.ris_model {
            v.push((code.to_string(), m));
        }
    }
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v.dedup_by(|a, b| a.0 == b.0 && std::ptr::eq(a.1, b.1));
    v
});

fn by_spelling(core: &str) -> Option<&'static Model> {
    BY_SPELLING
        .binary_search_by(|(k, _)| k.as_str().cmp(core))
        .ok()
        .map(|i| BY_SPELLING[i].1)
}

/// The rows of the embedded table; a malformed row is an `Err` naming its line (a unit test
/// checks there is none).
fn catalogue_rows() -> impl Iterator<Item = std::result::Result<Model, String>> {
    TABLE_CSV.lines().enumerate().skip(1).map(|(i, line)| {
        let cells: Vec<&'static str> = line.split(',').collect();
        let bad = || format!("models.csv line {}: {line:?}", i + 1);
        let [
            name,
            series,
            kind,
            wifi,
            enterprise,
            class,
            ucm_name,
            part_number,
            ris_model,
            family,
            aliases,
            description,
            source,
        ] = cells[..]
        else {
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
            class: ModelClass::parse(class).ok_or_else(bad)?,
            ucm_name,
            part_number,
            ris_model: match ris_model {
                "" => None,
                code => Some(code.parse().map_err(|_| bad())?),
            },
            mpp_load_family: (!family.is_empty()).then_some(family),
            aliases: aliases.split('|').filter(|a| !a.is_empty()).collect(),
            description,
            source,
        })
    })
}

/// A model as read from a label or CSV cell, with the hardware version when the text carried
/// one (`CP-7821-K9=V03`, EXT-1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ModelLabel {
    /// The model.
    pub model: &'static Model,
    /// The hardware version printed after the ordering code, if any.
    pub hardware_version: Option<HardwareVersion>,
}

/// Reads a model in any spelling EXT-9 lists, case-insensitively: `8845`, `CP-8845`,
/// `CP-8845-K9=`, `Cisco 8845`, `DMS Cisco 8845`, `Cisco IP Phone 8845`; `NR` stays part of the
/// model (`CP-8865NR-K9=` is the 8865NR). A hardware version after the ordering code
/// (`CP-7821-K9=V03`) is accepted and returned. Every device type of the catalogue is read the
/// same way, in the spellings of Unified CM, AXL and RIS (EXT-14, EXT-15, EXT-17): `Cisco 7960`,
/// `Cisco Unified IP Phone 7960G`, `CTI Port`, `Cisco Unified Client Services Framework`, and a
/// RIS numeric model code a public source documents (`36224` is the 8845).
///
/// Errors: [`ErrorCode::ModelUnknown`], suggesting a known model only when the text is one edit
/// away from exactly one model of the same series (a typo), never a different product.
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
    let Some(model) = Model::by_name(core).or_else(|| by_spelling(core)) else {
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
const PREFIXES: [&str; 17] = [
    "DMS ",
    "CISCO ",
    "UNIFIED IP CONFERENCE PHONE ",
    "UNIFIED IP CONFERENCE STATION ",
    "IP CONFERENCE PHONE ",
    "IP CONFERENCE STATION ",
    "UNIFIED WIRELESS IP PHONE ",
    "UNIFIED IP PHONE ",
    "UNIFIED SIP PHONE ",
    "WIRELESS IP PHONE ",
    "IP PHONE ",
    "DESK PHONE ",
    "VIDEO PHONE ",
    "IP DECT PHONE ",
    "CP-",
    "CP ",
    "DP-",
];

fn unknown(text: &str, core: Option<&str>) -> Error {
    let closest = core.and_then(closest_model);
    let mut msg = format!(
        "model {} is not a device type this library knows; expected a Cisco model such as 8845, CP-8845-K9= or Cisco 8845, or a Unified CM device type such as Cisco 7960 or CTI Port",
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

/// The model `core` is a plausible typo of: exactly one catalogue phone of a numbered series
/// whose short name is one edit away and starts with the same two digits (same series). Never a
/// different product: `9841` is not a typo of `7841`, nor `6921` of `6821` (both are known
/// anyway). Ties give no suggestion.
fn closest_model(core: &str) -> Option<&'static Model> {
    let prefix = core.get(..2)?;
    if !prefix.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut found = CATALOGUE
        .iter()
        .filter(|m| m.name.starts_with(prefix) && edit_distance(core, m.name) == 1);
    let first = found.next()?;
    found.next().is_none().then_some(first)
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
            // DEV-4: the 6800 series runs MPP only; only 7800/8800 phones are convertible.
            if m.series == Series::S6800 {
                assert_eq!(m.class, ModelClass::MppOnly, "{}", m.name);
            }
            if m.is_mpp_convertible() {
                assert!(
                    matches!(m.series, Series::S7800 | Series::S8800),
                    "{}",
                    m.name
                );
                assert!(m.has_enterprise_firmware(), "{}", m.name);
            }
            assert_eq!(
                m.mpp_load_family.is_some(),
                m.is_mpp_convertible() && !matches!(m.name, "8821" | "8831"),
                "MAN-4 family of {}",
                m.name
            );
            assert!(!m.source.is_empty());
            assert!(!m.ucm_name.is_empty());
            assert_eq!(parse_model(m.name).unwrap(), m);
            assert_eq!(parse_model(m.ucm_name).unwrap(), m, "{}", m.ucm_name);
            for a in m.aliases() {
                assert_eq!(parse_model(a).unwrap(), m, "alias {a}");
            }
            if let Some(code) = m.ris_model {
                assert_eq!(Model::by_ris_model(code), Some(m));
                assert_eq!(parse_model(&code.to_string()).unwrap(), m);
            }
        }
    }

    #[test]
    fn no_spelling_names_two_models() {
        for pair in BY_SPELLING.windows(2) {
            assert!(
                pair[0].0 != pair[1].0,
                "{:?} names both {} and {}",
                pair[0].0,
                pair[0].1.name,
                pair[1].1.name
            );
        }
    }

    #[test]
    fn ext17_every_family_of_a_real_cluster_is_known_with_its_class() {
        // Unified CM device types as AXL `listPhone` and the BAT export write them.
        for (spelling, class) in [
            ("Cisco 7960", ModelClass::NoMppFirmware),
            ("Cisco 7940", ModelClass::NoMppFirmware),
            ("Cisco 7941G-GE", ModelClass::NoMppFirmware),
            ("Cisco 7965", ModelClass::NoMppFirmware),
            ("Cisco 7925", ModelClass::NoMppFirmware),
            ("Cisco 7937", ModelClass::NoMppFirmware),
            ("Cisco 8945", ModelClass::NoMppFirmware),
            ("Cisco 8961", ModelClass::NoMppFirmware),
            ("Cisco 9971", ModelClass::NoMppFirmware),
            ("Cisco 6921", ModelClass::NoMppFirmware),
            ("Cisco 6945", ModelClass::NoMppFirmware),
            ("Cisco 8821-EX", ModelClass::NoMppFirmware),
            ("Cisco ATA 190", ModelClass::NoMppFirmware),
            ("Cisco ATA 191", ModelClass::NoMppFirmware),
            ("Cisco 8875", ModelClass::PhoneOs),
            ("Cisco 9841", ModelClass::PhoneOs),
            ("Cisco 6825", ModelClass::MppOnly),
            ("DBS-210", ModelClass::MppOnly),
            ("Cisco 6851", ModelClass::MppOnly),
            (
                "Cisco Unified Client Services Framework",
                ModelClass::SoftClient,
            ),
            ("Cisco Dual Mode for iPhone", ModelClass::SoftClient),
            ("Cisco Dual Mode for Android", ModelClass::SoftClient),
            ("Cisco Jabber for Tablet", ModelClass::SoftClient),
            ("Cisco IP Communicator", ModelClass::SoftClient),
            ("CTI Port", ModelClass::VirtualDevice),
            ("CTI Route Point", ModelClass::VirtualDevice),
            ("Third-party SIP Device (Basic)", ModelClass::ThirdParty),
            ("Third-party SIP Device (Advanced)", ModelClass::ThirdParty),
            ("Cisco Webex Room Kit", ModelClass::VideoDevice),
            ("Cisco Spark Room Kit", ModelClass::VideoDevice),
            ("Cisco 8845", ModelClass::MppConvertible),
            ("Cisco IP Phone 8851", ModelClass::MppConvertible),
            ("CP-8845-K9=", ModelClass::MppConvertible),
        ] {
            let m = parse_model(spelling).unwrap_or_else(|e| panic!("{spelling}: {e}"));
            assert_eq!(m.class(), class, "{spelling}");
            assert_eq!(
                m.class().reason().is_none(),
                class == ModelClass::MppConvertible
            );
        }
        // Spellings of the phones themselves and of Cisco's product names.
        assert_eq!(
            parse_model("Cisco Unified IP Phone 7960G").unwrap().name(),
            "7960"
        );
        assert_eq!(parse_model("CP-7965G").unwrap().name(), "7965");
        assert_eq!(parse_model("ATA191").unwrap().name(), "ATA 191");
        assert_eq!(parse_model("cti port").unwrap().name(), "CTI Port");
        assert_eq!(parse_model("DP-9841-K9=").unwrap().name(), "9841");
    }

    #[test]
    fn ext15_ris_model_codes_from_public_sources() {
        // RisPort70 `Model` codes (Unified CM tkmodel), see data/MODELS_SOURCES.md.
        for (code, name) in [
            (36224, "8845"),
            (36225, "8865"),
            (36213, "7811"),
            (621, "7821"),
            (684, "8851"),
            (36216, "8821"),
            (7, "7960"),
            (537, "9951"),
            (503, "Unified Client Services Framework"),
            (72, "CTI Port"),
            (336, "Third-party SIP Device (Basic)"),
        ] {
            assert_eq!(
                Model::by_ris_model(code).map(Model::name),
                Some(name),
                "{code}"
            );
        }
        // 36670 is quoted for the 8845 in places, but no source documents it.
        assert!(Model::by_ris_model(36670).is_none());
        assert_eq!(
            parse_model("36670").unwrap_err().code(),
            ErrorCode::ModelUnknown
        );
    }

    #[test]
    fn did_you_mean_only_for_a_typo_of_the_same_series() {
        // Known products are never "corrected" into another one.
        for (text, name) in [
            ("Cisco 8945", "8945"),
            ("Cisco 9841", "9841"),
            ("7960", "7960"),
            ("Cisco 6921", "6921"),
        ] {
            assert_eq!(parse_model(text).unwrap().name(), name);
        }
        let suggestion = |t: &str| {
            parse_model(t)
                .unwrap_err()
                .finding()
                .suggestion()
                .map(str::to_owned)
        };
        assert_eq!(suggestion("8854").as_deref(), Some("8851"));
        assert_eq!(suggestion("CP-7832X").as_deref(), Some("7832"));
        // One edit from several models of the series: no guess.
        assert_eq!(suggestion("7966"), None);
        // Same digits but another series: no suggestion.
        assert_eq!(suggestion("9821"), None);
        assert_eq!(suggestion("5841"), None);
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
            assert!(
                Model::by_name(name).is_some_and(Model::is_mpp_convertible),
                "DEV-2 {name}"
            );
        }
    }

    #[test]
    fn dev8_wifi_models() {
        let wifi: Vec<_> = Model::all()
            .iter()
            .filter(|m| m.has_wifi() && m.is_mpp_convertible())
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
