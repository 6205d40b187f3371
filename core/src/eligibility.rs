//! Eligibility of a phone for MPP migration (ELIG-1, DEV-1 to DEV-5, EXT-1 to EXT-8), decided
//! by a table of data, not by branches.
//!
//! A table row says, for one model and a range of hardware versions (VIDs), whether the phone
//! is eligible, which warnings apply, and which rules (docs/rules.md) it rests on. Two tables are
//! embedded: [`EligibilityTable::control_hub`], the reading of the Control Hub article (the
//! default: 8851NR and 8865NR are not eligible, DEV-2), and
//! [`EligibilityTable::cisco_ordering_guide`], the reading of Cisco's ordering guide where they
//! are (EXT-4). A host may load its own table with [`EligibilityTable::from_csv`]; it is
//! validated as strictly as the embedded ones.
//!
//! Without a hardware version, a model whose rows disagree is `Unknown` (EXT-3); a model whose
//! rows all agree needs none.

use std::fmt;
use std::io::Read;
use std::sync::{Arc, LazyLock};

use crate::error::{ErrorCode, Finding, Result};
use crate::firmware::{FirmwareKind, FirmwareVersion};
use crate::hardware::HardwareVersion;
use crate::model::{Model, ModelClass};
use crate::table;

/// The oldest Enterprise firmware that can migrate at all (EXT-6).
pub const MIN_MIGRATION_FIRMWARE: (u16, u16, u16) = (12, 5, 1);
/// The oldest Enterprise firmware that migrates in one step, without an E2M COP file
/// (EXT-6, MAN-1).
pub const MIN_ONE_STEP_FIRMWARE: (u16, u16, u16) = (14, 1, 0);

/// The columns of an eligibility table, in order.
pub const TABLE_COLUMNS: [&str; 6] = [
    "model", "vid_from", "vid_to", "status", "warnings", "source",
];

/// The warnings a table row may attach.
const TABLE_WARNINGS: [ErrorCode; 2] = [
    ErrorCode::ModelLimitedFeatures,
    ErrorCode::MinimumMppFirmware,
];

/// Eligible (green), Not eligible (red) or Unknown (yellow) (ELIG-1).
#[repr(u32)]
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum EligibilityStatus {
    /// The phone can migrate.
    Eligible,
    /// The phone cannot migrate; it is never prepared (ELIG-2).
    NotEligible,
    /// Not enough information; the migration may or may not succeed (ELIG-1).
    Unknown,
}

impl EligibilityStatus {
    /// Every status.
    pub const ALL: [EligibilityStatus; 3] = [
        EligibilityStatus::Eligible,
        EligibilityStatus::NotEligible,
        EligibilityStatus::Unknown,
    ];

    /// `"eligible"`, `"not_eligible"` or `"unknown"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            EligibilityStatus::Eligible => "eligible",
            EligibilityStatus::NotEligible => "not_eligible",
            EligibilityStatus::Unknown => "unknown",
        }
    }

    /// Reads `"eligible"`, `"not_eligible"` or `"unknown"` (case-insensitive; `not eligible`
    /// and `not-eligible` too).
    pub fn parse(text: &str) -> Option<EligibilityStatus> {
        match text
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "eligible" => Some(EligibilityStatus::Eligible),
            "not_eligible" => Some(EligibilityStatus::NotEligible),
            "unknown" => Some(EligibilityStatus::Unknown),
            _ => None,
        }
    }
}

impl fmt::Display for EligibilityStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of an eligibility table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EligibilityRule {
    model: &'static Model,
    vid_from: Option<HardwareVersion>,
    vid_to: Option<HardwareVersion>,
    status: EligibilityStatus,
    warnings: Vec<ErrorCode>,
    source: String,
}

impl EligibilityRule {
    /// The model.
    pub fn model(&self) -> &'static Model {
        self.model
    }
    /// The first hardware version of the range; `None`: from the first.
    pub fn vid_from(&self) -> Option<HardwareVersion> {
        self.vid_from
    }
    /// The last hardware version of the range; `None`: to the last.
    pub fn vid_to(&self) -> Option<HardwareVersion> {
        self.vid_to
    }
    /// Eligible or not eligible.
    pub fn status(&self) -> EligibilityStatus {
        self.status
    }
    /// The warnings that apply to phones of this row.
    pub fn warnings(&self) -> &[ErrorCode] {
        &self.warnings
    }
    /// The rules this row rests on (ids of docs/rules.md), e.g. `"DEV-1 EXT-2"`.
    pub fn source(&self) -> &str {
        &self.source
    }
    /// Whether the row's range contains `vid` (EXT-1: compared as numbers).
    pub fn contains(&self, vid: HardwareVersion) -> bool {
        self.vid_from.is_none_or(|from| from <= vid) && self.vid_to.is_none_or(|to| vid <= to)
    }
    fn lower(&self) -> u8 {
        self.vid_from.map_or(0, |v| v.number())
    }
    fn upper(&self) -> u8 {
        self.vid_to.map_or(u8::MAX, |v| v.number())
    }
    fn range_text(&self) -> String {
        match (self.vid_from, self.vid_to) {
            (None, None) => "any hardware version".to_owned(),
            (Some(a), Some(b)) if a == b => format!("{a}"),
            (Some(a), Some(b)) => format!("{a} to {b}"),
            (Some(a), None) => format!("{a} or later"),
            (None, Some(b)) => format!("{b} or earlier"),
        }
    }
}

/// The outcome of an eligibility check: a status and every reason for it as a finding.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Eligibility {
    status: EligibilityStatus,
    findings: Vec<Finding>,
}

impl Eligibility {
    /// Eligible, not eligible or unknown.
    pub fn status(&self) -> EligibilityStatus {
        self.status
    }
    /// The reasons: errors for what makes the phone not eligible, warnings for cautions.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
    /// An outcome from its parts, as [`into_parts`](Self::into_parts) gives them (a binding
    /// that keeps the parts rebuilds the outcome for its JSON document, docs/json.md).
    pub fn from_parts(status: EligibilityStatus, findings: Vec<Finding>) -> Eligibility {
        Eligibility { status, findings }
    }
    /// The parts.
    pub fn into_parts(self) -> (EligibilityStatus, Vec<Finding>) {
        (self.status, self.findings)
    }
}

/// A validated eligibility table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EligibilityTable {
    name: String,
    rules: Vec<EligibilityRule>,
    /// For each catalogue model (by [`Model::index`]), its rows in `rules`.
    by_model: Vec<std::ops::Range<usize>>,
}

const CONTROL_HUB_CSV: &str = include_str!("../data/eligibility/control_hub.csv");
const ORDERING_GUIDE_CSV: &str = include_str!("../data/eligibility/cisco_ordering_guide.csv");

static CONTROL_HUB: LazyLock<Arc<EligibilityTable>> =
    LazyLock::new(|| Arc::new(embedded("control_hub", CONTROL_HUB_CSV)));
static ORDERING_GUIDE: LazyLock<Arc<EligibilityTable>> =
    LazyLock::new(|| Arc::new(embedded("cisco_ordering_guide", ORDERING_GUIDE_CSV)));

/// An embedded table; the unit tests prove both parse, so the empty fallback is unreachable.
fn embedded(name: &str, csv: &str) -> EligibilityTable {
    EligibilityTable::from_csv(name, csv.as_bytes())
        .unwrap_or_else(|_| EligibilityTable::new(name, Vec::new()))
}

impl EligibilityTable {
    /// The reading of the Control Hub article, the default (DEV-1, DEV-2, DEV-3, DEV-5, EXT-2).
    pub fn control_hub() -> Arc<EligibilityTable> {
        Arc::clone(&CONTROL_HUB)
    }

    /// The reading of Cisco's ordering guide: as [`control_hub`](Self::control_hub), but
    /// 8851NR and 8865NR are eligible (EXT-4).
    pub fn cisco_ordering_guide() -> Arc<EligibilityTable> {
        Arc::clone(&ORDERING_GUIDE)
    }

    /// An embedded table by name: `"control_hub"` or `"cisco_ordering_guide"`.
    pub fn by_name(name: &str) -> Option<Arc<EligibilityTable>> {
        match name {
            "control_hub" => Some(EligibilityTable::control_hub()),
            "cisco_ordering_guide" => Some(EligibilityTable::cisco_ordering_guide()),
            _ => None,
        }
    }

    /// Reads and validates a table in the CSV form of [`to_csv`](Self::to_csv): columns
    /// `model, vid_from, vid_to, status, warnings, source`.
    ///
    /// Errors ([`ErrorCode::EligibilityTableInvalid`], with the row and column): an unknown or
    /// MPP-only model, an unreadable VID, an inverted or overlapping VID range, a status other
    /// than `eligible`/`not_eligible`, an unknown warning, a row without a source; or
    /// [`ErrorCode::IoError`] when the reader fails.
    ///
    /// ```
    /// use mpp_migration::EligibilityTable;
    /// let csv = "model,vid_from,vid_to,status,warnings,source\n7821,V01,V10,eligible,,site survey\n7821,V05,,not_eligible,,site survey\n";
    /// let err = EligibilityTable::from_csv("mine", csv.as_bytes()).unwrap_err();
    /// assert!(err.message().contains("overlaps"));
    /// ```
    pub fn from_csv(name: &str, reader: impl Read) -> Result<EligibilityTable> {
        let mut rules = table::read::<EligibilityRule>(name, reader)?;
        // Rows of a model must not overlap.
        rules.sort_by(|(ra, a), (rb, b)| {
            a.model
                .name()
                .cmp(b.model.name())
                .then(a.lower().cmp(&b.lower()))
                .then(ra.cmp(rb))
        });
        for pair in rules.windows(2) {
            let ((_, a), (row, b)) = (&pair[0], &pair[1]);
            if a.model == b.model && b.lower() <= a.upper() {
                return Err(table::invalid::<EligibilityRule>(
                    name,
                    Some(*row),
                    Some("vid_from"),
                    format!(
                        "{} {} overlaps the row for {} {}",
                        b.model.name(),
                        b.range_text(),
                        a.model.name(),
                        a.range_text()
                    ),
                ));
            }
        }
        Ok(EligibilityTable::new(
            name,
            rules.into_iter().map(|(_, r)| r).collect(),
        ))
    }

    /// The table in its CSV form, which [`from_csv`](Self::from_csv) reads back: a starting
    /// point for a host's own table. Written by the `csv` crate, so a source holding a comma, a
    /// quote or a line break is quoted; a cell a spreadsheet would run as a formula (`=`, `+`,
    /// `-`, `@` first) gets a leading `'` as the upload exports do, which `from_csv` removes
    /// again, so the table round-trips exactly.
    pub fn to_csv(&self) -> String {
        table::write(&self.rules)
    }

    /// The table's name (`"control_hub"`, or the host's).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The rows, grouped by model and ordered by hardware version.
    pub fn rules(&self) -> &[EligibilityRule] {
        &self.rules
    }

    /// A table of rules already grouped by model and ordered by hardware version.
    fn new(name: &str, rules: Vec<EligibilityRule>) -> EligibilityTable {
        let mut by_model = vec![0..0; Model::all().len()];
        let mut start = 0;
        while start < rules.len() {
            let model = rules[start].model;
            let end = start
                + rules[start..]
                    .iter()
                    .take_while(|r| r.model == model)
                    .count();
            if let Some(slot) = by_model.get_mut(model.index()) {
                *slot = start..end;
            }
            start = end;
        }
        EligibilityTable {
            name: name.to_owned(),
            rules,
            by_model,
        }
    }

    fn rules_for(&self, model: &'static Model) -> impl Iterator<Item = &EligibilityRule> + Clone {
        let range = self.by_model.get(model.index()).cloned().unwrap_or(0..0);
        self.rules.get(range).unwrap_or(&[]).iter()
    }

    /// What the table alone says of a model and, where known, its hardware version: the
    /// status and the table's reasons (DEV-2, DEV-4, DEV-5, EXT-2, EXT-3, EXT-4, DEV-3). This is
    /// the model check of the CSV upload (CSV-8); [`check`](Self::check) adds the
    /// per-phone cautions.
    pub fn assess(&self, model: &'static Model, vid: Option<HardwareVersion>) -> Eligibility {
        let name = model.name();
        if let Some(reason) = model.class().reason() {
            // DEC-9: a known model that cannot migrate is DEV-4 (MPP only) or EXT-17 (no
            // Enterprise → MPP migration exists for this device type), never "unknown".
            let code = if model.class() == ModelClass::MppOnly {
                ErrorCode::ModelMppOnly
            } else {
                ErrorCode::ModelCannotMigrate
            };
            return Eligibility {
                status: EligibilityStatus::NotEligible,
                findings: vec![Finding::new(
                    code,
                    format!("{} ({name}) cannot migrate: {reason}", model.description()),
                )],
            };
        }
        let rules = self.rules_for(model);
        let eligible_ranges = || {
            let ranges: Vec<String> = rules
                .clone()
                .filter(|r| r.status == EligibilityStatus::Eligible)
                .map(EligibilityRule::range_text)
                .collect();
            ranges.join(" or ")
        };
        let all_not_eligible = rules
            .clone()
            .all(|r| r.status == EligibilityStatus::NotEligible);
        let not_eligible = |vid: Option<HardwareVersion>| match vid {
            Some(v) if !all_not_eligible => Finding::new(
                ErrorCode::HardwareVersionNotEligible,
                format!(
                    "{name} hardware {v} cannot migrate; {name} migrates from {}",
                    eligible_ranges()
                ),
            ),
            _ => Finding::new(
                ErrorCode::ModelNotEligible,
                format!(
                    "{name} cannot migrate to MPP firmware (table {:?})",
                    self.name
                ),
            ),
        };
        let Some(first) = rules.clone().next() else {
            return Eligibility {
                status: EligibilityStatus::Unknown,
                findings: vec![Finding::new(
                    ErrorCode::EligibilityNoRule,
                    format!(
                        "the eligibility table {:?} has no row for {name}",
                        self.name
                    ),
                )],
            };
        };
        let (status, warnings): (EligibilityStatus, Vec<ErrorCode>) = match vid {
            Some(v) => match rules.clone().find(|r| r.contains(v)) {
                Some(rule) => (rule.status, rule.warnings.clone()),
                None => {
                    return Eligibility {
                        status: EligibilityStatus::Unknown,
                        findings: vec![Finding::new(
                            ErrorCode::EligibilityNoRule,
                            format!(
                                "the eligibility table {:?} has no row for {name} hardware {v}",
                                self.name
                            ),
                        )],
                    };
                }
            },
            None if rules.clone().all(|r| r.status == first.status) => {
                // Warnings that hold whatever the hardware version.
                let common = first
                    .warnings
                    .iter()
                    .copied()
                    .filter(|w| rules.clone().all(|r| r.warnings.contains(w)))
                    .collect();
                (first.status, common)
            }
            None => {
                return Eligibility {
                    status: EligibilityStatus::Unknown,
                    findings: vec![Finding::new(
                        ErrorCode::HardwareVersionUnknown,
                        format!(
                            "{name} eligibility depends on its hardware version (eligible: {}); give the VID printed on the label",
                            eligible_ranges()
                        ),
                    )],
                };
            }
        };
        let mut findings = Vec::new();
        if status == EligibilityStatus::NotEligible {
            findings.push(not_eligible(vid));
        }
        findings.extend(
            warnings
                .into_iter()
                .map(|code| table_warning(code, model, vid)),
        );
        Eligibility { status, findings }
    }

    /// The full eligibility of one phone: [`assess`](Self::assess), then its firmware (EXT-6)
    /// and, for a phone that may migrate, the factory reset (EXT-8) and Wi-Fi (DEV-8)
    /// cautions.
    pub fn check(
        &self,
        model: &'static Model,
        vid: Option<HardwareVersion>,
        firmware: Option<&FirmwareVersion>,
    ) -> Eligibility {
        let Eligibility {
            mut status,
            mut findings,
        } = self.assess(model, vid);
        if let Some(firmware) = firmware {
            let firmware_findings = firmware_findings(firmware);
            if firmware_findings
                .iter()
                .any(|f| f.severity() == crate::Severity::Error)
            {
                status = EligibilityStatus::NotEligible;
            }
            findings.extend(firmware_findings);
        }
        if status != EligibilityStatus::NotEligible {
            findings.push(Finding::new(
                ErrorCode::FactoryReset,
                "migration factory-resets the phone: call history and local contacts are lost",
            ));
            if model.has_wifi() {
                findings.push(Finding::new(
                    ErrorCode::WifiSettingsLost,
                    format!("{} loses its Wi-Fi settings: connect it by Ethernet for the migration and re-join Wi-Fi afterwards", model.name()),
                ));
            }
        }
        Eligibility { status, findings }
    }
}

/// A row of an eligibility table: `model, vid_from, vid_to, status, warnings, source`.
impl table::TableRow for EligibilityRule {
    const KIND: &'static str = "eligibility table";
    const CODE: ErrorCode = ErrorCode::EligibilityTableInvalid;
    const COLUMNS: &'static [&'static str] = &TABLE_COLUMNS;

    fn read(
        model: &'static Model,
        cells: &[&str],
        source: &str,
        _earlier: &[(u64, EligibilityRule)],
    ) -> std::result::Result<EligibilityRule, table::RowProblem> {
        let cell = |i: usize| cells.get(i).copied().unwrap_or_default();
        let vid = |i: usize, column: &'static str| match cell(i) {
            "" => Ok(None),
            text => HardwareVersion::parse(text)
                .map(Some)
                .map_err(|e| (Some(column), e.message().to_owned())),
        };
        let (vid_from, vid_to) = (vid(1, "vid_from")?, vid(2, "vid_to")?);
        if let (Some(a), Some(b)) = (vid_from, vid_to) {
            if a > b {
                return Err((Some("vid_to"), format!("the range {a} to {b} is inverted")));
            }
        }
        let status = match EligibilityStatus::parse(cell(3)) {
            Some(s @ (EligibilityStatus::Eligible | EligibilityStatus::NotEligible)) => s,
            _ => {
                return Err((
                    Some("status"),
                    format!("{:?} is not eligible or not_eligible", cell(3)),
                ));
            }
        };
        let mut warnings = Vec::new();
        for word in cell(4).split_whitespace() {
            match TABLE_WARNINGS.iter().find(|c| c.as_str() == word) {
                Some(&code) => warnings.push(code),
                None => {
                    let allowed: Vec<_> = TABLE_WARNINGS.iter().map(|c| c.as_str()).collect();
                    return Err((
                        Some("warnings"),
                        format!("{word:?} is not one of {}", allowed.join(", ")),
                    ));
                }
            }
        }
        Ok(EligibilityRule {
            model,
            vid_from,
            vid_to,
            status,
            warnings,
            source: source.to_owned(),
        })
    }

    fn cells(&self) -> Vec<String> {
        let vid = |v: Option<HardwareVersion>| v.map(|v| v.to_string()).unwrap_or_default();
        let warnings: Vec<_> = self.warnings.iter().map(|c| c.as_str()).collect();
        vec![
            self.model.name().to_owned(),
            vid(self.vid_from),
            vid(self.vid_to),
            self.status.to_string(),
            warnings.join(" "),
            self.source.clone(),
        ]
    }
}

/// The message of a table warning.
fn table_warning(code: ErrorCode, model: &Model, vid: Option<HardwareVersion>) -> Finding {
    let name = model.name();
    let message = match code {
        ErrorCode::MinimumMppFirmware => format!(
            "{name} hardware {} needs MPP firmware 11.3.3 or later and cannot be downgraded below it",
            vid.map_or_else(|| "V15 or later".to_owned(), |v| v.to_string())
        ),
        ErrorCode::ModelLimitedFeatures => {
            format!("{name} can migrate, but Wi-Fi and daisy chain may not work after migration")
        }
        other => other.summary().to_owned(),
    };
    Finding::new(code, message)
}

/// What a phone's current firmware means for its migration (EXT-6, MAN-1, DEC-11): an MPP load
/// has nothing to migrate (error); below 12.5(1) the phone cannot migrate until it is upgraded
/// (error: it is not eligible, so never prepared and in no BAT file); from 12.5(1) to below 14.1
/// it takes only the COP-file path, the Group 1 file of MAN-4 (warning). 14.1 or later may take
/// either group.
pub fn firmware_findings(firmware: &FirmwareVersion) -> Vec<Finding> {
    let (a, b, c) = MIN_MIGRATION_FIRMWARE;
    if firmware.kind() == FirmwareKind::Mpp {
        return vec![Finding::new(
            ErrorCode::FirmwareAlreadyMpp,
            format!("the phone already runs MPP firmware {firmware}; there is nothing to migrate"),
        )];
    }
    if *firmware < FirmwareVersion::new(a, b, c) {
        vec![Finding::new(
            ErrorCode::FirmwareBelowMinimum,
            format!(
                "Enterprise firmware {firmware} is below 12.5(1), so the phone cannot migrate until it is upgraded: upgrade it to 14.1 or later (or to 12.5(1) and then apply an E2M COP file) and check it again"
            ),
        )]
    } else if needs_cop(firmware) {
        vec![Finding::new(
            ErrorCode::FirmwareNeedsCop,
            format!(
                "Enterprise firmware {firmware} is below 14.1, so the phone takes only the COP-file path (the Group 1 file, after the E2M COP file is installed); upgrade it to 14.1 or later to use the Group 2 files too"
            ),
        )]
    } else {
        Vec::new()
    }
}

/// Whether a phone on this known firmware must take the COP-file path only (DEC-11, MAN-4
/// group 1): an Enterprise load from 12.5(1) up to below 14.1.
pub(crate) fn needs_cop(firmware: &FirmwareVersion) -> bool {
    let (a, b, c) = MIN_MIGRATION_FIRMWARE;
    let (d, e, g) = MIN_ONE_STEP_FIRMWARE;
    firmware.kind() == FirmwareKind::Enterprise
        && *firmware >= FirmwareVersion::new(a, b, c)
        && *firmware < FirmwareVersion::new(d, e, g)
}

/// Checks a phone against the default table ([`EligibilityTable::control_hub`]).
///
/// `model` is any spelling EXT-9 lists, including a label with its VID (`CP-7821-K9=V03`);
/// `hardware_version` (`V03`, `v3`) and `firmware` (`14.1(1)`, `sip78xx.14-1-1-0001-136`) are
/// given where known.
///
/// Errors: the model, VID or firmware cannot be read ([`ErrorCode::ModelUnknown`],
/// [`ErrorCode::HardwareVersionInvalid`], [`ErrorCode::FirmwareVersionInvalid`]), or the label's
/// VID contradicts `hardware_version` ([`ErrorCode::InvalidArgument`]). A known model that
/// cannot migrate is not an error: it is `NotEligible` with a finding.
///
/// ```
/// use mpp_migration::{check_eligibility, EligibilityStatus};
/// let e = check_eligibility("CP-7821-K9=", Some("V02"), None)?;
/// assert_eq!(e.status(), EligibilityStatus::NotEligible);
/// assert_eq!(e.findings()[0].rule(), "DEV-5");
/// assert_eq!(check_eligibility("7821", None, None)?.status(), EligibilityStatus::Unknown);
/// assert_eq!(check_eligibility("CP-7821-K9=V03", None, Some("14.1(1)"))?.status(), EligibilityStatus::Eligible);
/// # Ok::<(), mpp_migration::Error>(())
/// ```
pub fn check_eligibility(
    model: &str,
    hardware_version: Option<&str>,
    firmware: Option<&str>,
) -> Result<Eligibility> {
    EligibilityTable::control_hub().check_text(model, hardware_version, firmware)
}

impl EligibilityTable {
    /// [`check`](Self::check) from text inputs, as [`check_eligibility`] reads them.
    pub fn check_text(
        &self,
        model: &str,
        hardware_version: Option<&str>,
        firmware: Option<&str>,
    ) -> Result<Eligibility> {
        let (model, vid, firmware) = crate::device::read_phone(model, hardware_version, firmware)?;
        Ok(self.check(model, vid, firmware.as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_model;
    use EligibilityStatus::*;
    use proptest::prelude::*;

    fn status(model: &str, vid: Option<&str>) -> EligibilityStatus {
        check_eligibility(model, vid, None).unwrap().status()
    }

    fn codes(e: &Eligibility) -> Vec<&'static str> {
        e.findings().iter().map(Finding::name).collect()
    }

    #[test]
    fn both_embedded_tables_parse_and_round_trip() {
        for (name, csv) in [
            ("control_hub", CONTROL_HUB_CSV),
            ("cisco_ordering_guide", ORDERING_GUIDE_CSV),
        ] {
            let table = EligibilityTable::from_csv(name, csv.as_bytes()).unwrap();
            assert!(table.rules().len() > 20);
            let again = EligibilityTable::from_csv(name, table.to_csv().as_bytes()).unwrap();
            assert_eq!(again, table);
            assert_eq!(*EligibilityTable::by_name(name).unwrap(), table);
        }
    }

    #[test]
    fn to_csv_quotes_and_neutralises_the_source() {
        // Issue 14: a host table whose source holds a comma, a quote, a line break or a
        // formula must survive to_csv -> from_csv exactly.
        for source in [
            "site survey, 2024",
            "the \"lab\" reading",
            "line one\nline two",
            "=HYPERLINK(\"http://example.com\",\"x\")",
            "+1 from the field",
            "@admin",
            "-",
        ] {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(TABLE_COLUMNS).unwrap();
            w.write_record(["7811", "", "", "eligible", "", source])
                .unwrap();
            let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
            let table = EligibilityTable::from_csv("host", text.as_bytes()).unwrap();
            assert_eq!(table.rules()[0].source(), source);
            let out = table.to_csv();
            assert!(
                !out.lines().any(|l| l.starts_with('=') || l.contains(",=")),
                "{out}"
            );
            let again = EligibilityTable::from_csv("host", out.as_bytes()).unwrap();
            assert_eq!(again, table, "{source:?}");
        }
    }

    #[test]
    fn ext17_families_without_a_migration_are_not_eligible_with_the_reason() {
        for (model, code, words) in [
            ("Cisco 7960", "model_cannot_migrate", "no MPP firmware"),
            ("Cisco 8945", "model_cannot_migrate", "no MPP firmware"),
            ("Cisco 9841", "model_cannot_migrate", "PhoneOS"),
            (
                "Cisco Unified Client Services Framework",
                "model_cannot_migrate",
                "soft client",
            ),
            ("CTI Route Point", "model_cannot_migrate", "virtual device"),
            (
                "Third-party SIP Device (Advanced)",
                "model_cannot_migrate",
                "third-party",
            ),
            (
                "Cisco Webex Room Kit",
                "model_cannot_migrate",
                "video device",
            ),
            ("Cisco 6825", "model_mpp_only", "MPP firmware already"),
            ("6851", "model_mpp_only", "MPP firmware already"),
        ] {
            let e = check_eligibility(model, None, None).unwrap();
            assert_eq!(
                (e.status(), codes(&e)),
                (NotEligible, vec![code]),
                "{model}"
            );
            assert!(
                e.findings()[0].message().contains(words),
                "{model}: {}",
                e.findings()[0].message()
            );
            assert_eq!(e.findings()[0].severity(), crate::Severity::Error);
        }
        // A host table cannot make them eligible.
        let e = EligibilityTable::from_csv(
            "host",
            "model,vid_from,vid_to,status,warnings,source\nCisco 7960,,,eligible,,x\n".as_bytes(),
        )
        .unwrap_err();
        assert!(e.message().contains("EXT-17"), "{e}");
    }

    #[test]
    fn every_migratable_catalogue_model_has_rows() {
        for table in [
            EligibilityTable::control_hub(),
            EligibilityTable::cisco_ordering_guide(),
        ] {
            for model in Model::all().iter().filter(|m| m.is_mpp_convertible()) {
                assert!(
                    table.rules_for(model).next().is_some(),
                    "{} has no row in {}",
                    model.name(),
                    table.name()
                );
            }
        }
    }

    #[test]
    fn ext2_7800_boundaries() {
        assert_eq!(status("7821", Some("V02")), NotEligible);
        assert_eq!(status("7821", Some("V03")), Eligible);
        assert_eq!(status("7821", Some("V24")), Eligible);
        assert_eq!(status("7821", Some("V25")), NotEligible);
        assert_eq!(status("7841", Some("V03")), NotEligible);
        assert_eq!(status("7841", Some("V04")), Eligible);
        assert_eq!(status("7861", Some("V02")), NotEligible);
        assert_eq!(status("7861", Some("V03")), Eligible);
        assert_eq!(status("7811", Some("V01")), Eligible);
        assert_eq!(status("7832", Some("V99")), Eligible);
    }

    #[test]
    fn ext3_unknown_only_where_the_vid_matters() {
        for model in ["7821", "7841", "7861"] {
            let e = check_eligibility(model, None, None).unwrap();
            assert_eq!(e.status(), Unknown, "{model}");
            assert_eq!(codes(&e), ["hardware_version_unknown", "factory_reset"]);
        }
        for model in ["7811", "7832", "8845", "8865", "8811", "8841"] {
            assert_eq!(status(model, None), Eligible, "{model}");
        }
    }

    #[test]
    fn dev2_dev4_not_eligible_models() {
        for model in ["8821", "8851NR", "8865NR", "8831"] {
            let e = check_eligibility(model, Some("V05"), None).unwrap();
            assert_eq!(
                (e.status(), codes(&e)),
                (NotEligible, vec!["model_not_eligible"]),
                "{model}"
            );
        }
        let e = check_eligibility("6851", None, None).unwrap();
        assert_eq!(
            (e.status(), codes(&e)),
            (NotEligible, vec!["model_mpp_only"])
        );
        // The ordering guide's reading (EXT-4).
        let guide = EligibilityTable::cisco_ordering_guide();
        assert_eq!(
            guide.check_text("8865NR", None, None).unwrap().status(),
            Eligible
        );
        assert_eq!(
            guide
                .check_text("8851NR", Some("V15"), None)
                .unwrap()
                .status(),
            Eligible
        );
    }

    #[test]
    fn dev3_ext4_ext8_dev8_warnings() {
        let e = check_eligibility("8861", Some("V15"), None).unwrap();
        assert_eq!(
            codes(&e),
            [
                "minimum_mpp_firmware",
                "factory_reset",
                "wifi_settings_lost"
            ]
        );
        assert!(
            e.findings()
                .iter()
                .all(|f| f.severity() == crate::Severity::Warning)
        );
        assert_eq!(
            codes(&check_eligibility("8861", Some("V14"), None).unwrap()),
            ["factory_reset", "wifi_settings_lost"]
        );
        assert_eq!(
            codes(&check_eligibility("8832NR", None, None).unwrap()),
            ["model_limited_features", "factory_reset"]
        );
        assert_eq!(
            codes(&check_eligibility("8832", Some("V16"), None).unwrap()),
            [
                "model_limited_features",
                "minimum_mpp_firmware",
                "factory_reset",
                "wifi_settings_lost"
            ]
        );
        assert_eq!(
            codes(&check_eligibility("8845", Some("V20"), None).unwrap()),
            ["factory_reset"]
        );
    }

    #[test]
    fn ext6_firmware_says_what_to_do_first() {
        // DEC-11: below 12.5(1) the phone cannot migrate until upgraded (an error).
        let e = check_eligibility("8845", None, Some("11.0(1)")).unwrap();
        assert_eq!(
            (e.status(), codes(&e)),
            (NotEligible, vec!["firmware_below_minimum"])
        );
        assert_eq!(e.findings()[0].severity(), crate::Severity::Error);
        assert!(
            e.findings()[0]
                .message()
                .contains("cannot migrate until it is upgraded")
        );
        let e = check_eligibility("7821", Some("V03"), Some("sip78xx.12-0-1-0001-1")).unwrap();
        assert_eq!(e.status(), NotEligible);
        // 12.5(1) is the floor itself: COP path only, still eligible.
        let e = check_eligibility("8845", None, Some("12.5(1)")).unwrap();
        assert_eq!(
            (e.status(), codes(&e)),
            (Eligible, vec!["firmware_needs_cop", "factory_reset"])
        );
        assert_eq!(e.findings()[0].severity(), crate::Severity::Warning);
        let e = check_eligibility("8845", None, Some("sip8845_65.12-8-1-0001-455")).unwrap();
        assert_eq!(codes(&e), ["firmware_needs_cop", "factory_reset"]);
        assert!(e.findings()[0].message().contains("E2M COP"));
        assert_eq!(
            codes(&check_eligibility("8845", None, Some("14.1(1)")).unwrap()),
            ["factory_reset"]
        );
        assert_eq!(
            codes(&check_eligibility("8845", None, Some("14.1")).unwrap()),
            ["factory_reset"]
        );
        let e = check_eligibility("8845", None, Some("sip8845_65.11-3-6MPP0001-272")).unwrap();
        assert_eq!(
            (e.status(), codes(&e)),
            (NotEligible, vec!["firmware_already_mpp"])
        );
    }

    #[test]
    fn text_inputs_are_checked() {
        assert_eq!(
            check_eligibility("9999", None, None).unwrap_err().code(),
            ErrorCode::ModelUnknown
        );
        assert_eq!(
            check_eligibility("7821", Some("X"), None)
                .unwrap_err()
                .code(),
            ErrorCode::HardwareVersionInvalid
        );
        assert_eq!(
            check_eligibility("7821", None, Some("new"))
                .unwrap_err()
                .code(),
            ErrorCode::FirmwareVersionInvalid
        );
        assert_eq!(
            check_eligibility("CP-7821-K9=V03", Some("V04"), None)
                .unwrap_err()
                .code(),
            ErrorCode::InvalidArgument
        );
        assert_eq!(status("CP-7821-K9=V02", Some("v2")), NotEligible);
        assert_eq!(status("CP-7821-K9=V02", Some(" ")), NotEligible);
    }

    #[test]
    fn host_tables_are_validated() {
        let bad = |body: &str| {
            let text = format!("model,vid_from,vid_to,status,warnings,source\n{body}");
            EligibilityTable::from_csv("host", text.as_bytes()).unwrap_err()
        };
        let e = bad("7821,V10,V03,eligible,,x\n");
        assert_eq!(
            (e.code(), e.finding().row(), e.finding().column()),
            (ErrorCode::EligibilityTableInvalid, Some(2), Some("vid_to"))
        );
        assert!(bad("9999,,,eligible,,x\n").message().contains("9999"));
        assert!(bad("6851,,,eligible,,x\n").message().contains("DEV-4"));
        assert!(bad("6825,,,eligible,,x\n").message().contains("DEV-4"));
        assert!(bad("7821,,,maybe,,x\n").message().contains("maybe"));
        assert!(
            bad("7821,,,eligible,free_lunch,x\n")
                .message()
                .contains("free_lunch")
        );
        assert!(bad("7821,,,eligible,,\n").message().contains("source"));
        assert!(bad("7821,V0X,,eligible,,x\n").message().contains("V0X"));
        let e = bad("7821,,V05,eligible,,x\n7821,V05,,not_eligible,,x\n");
        assert_eq!(e.finding().row(), Some(3));
        assert!(EligibilityTable::from_csv("host", "a,b\n".as_bytes()).is_err());
        assert!(EligibilityTable::from_csv("host", "".as_bytes()).is_err());
        // A table without a model makes that model unknown, never eligible by accident.
        let t = EligibilityTable::from_csv(
            "host",
            "model,vid_from,vid_to,status,warnings,source\n8845,,,eligible,,x\n".as_bytes(),
        )
        .unwrap();
        let model = parse_model("8841").unwrap();
        assert_eq!(codes(&t.assess(model, None)), ["eligibility_no_rule"]);
        assert_eq!(t.assess(model, None).status(), Unknown);
    }

    proptest! {
        #[test]
        fn eligibility_is_monotone_in_the_vid_where_the_rules_say_so(v in 1u8..99) {
            let (a, b) = (HardwareVersion::new(v).unwrap(), HardwareVersion::new(v + 1).unwrap());
            let table = EligibilityTable::control_hub();
            for name in ["7841", "7861"] {
                let m = parse_model(name).unwrap();
                // "V04 or later": once eligible, eligible for every later VID.
                if table.assess(m, Some(a)).status() == Eligible {
                    prop_assert_eq!(table.assess(m, Some(b)).status(), Eligible);
                }
            }
            for name in ["8811", "8841", "8851", "8861", "8832", "8832NR"] {
                let m = parse_model(name).unwrap();
                // DEV-3: the V15 warning, once it applies, applies to every later VID.
                let has = |v| codes(&table.assess(m, Some(v))).contains(&"minimum_mpp_firmware");
                if has(a) { prop_assert!(has(b)); }
                prop_assert_eq!(has(a), v >= 15);
                prop_assert_eq!(table.assess(m, Some(a)).status(), Eligible);
            }
            // 7821: eligible exactly on V03..=V24 (an interval).
            let m = parse_model("7821").unwrap();
            prop_assert_eq!(table.assess(m, Some(a)).status() == Eligible, (3..=24).contains(&v));
        }
    }
}
