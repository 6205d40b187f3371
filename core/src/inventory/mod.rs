//! Unified CM inventory import (issue 11): the phones of a cluster as Unified CM's Bulk
//! Administration exports them (*Export Phones – All Details* or *Specific Details*, EXT-14),
//! merged by MAC with what the export lacks (the hardware version from labels or UDI strings,
//! EXT-1, EXT-16; the running load from RIS, EXT-6, EXT-15), each row a [`Device`] with its
//! eligibility or a finding with its row and column: devices that have no Enterprise → MPP
//! migration are listed with their reason (EXT-17), never dropped.
//!
//! The export is streamed ([`InventoryReader`]): memory grows with the phones kept, not with
//! the file's hundreds of columns. Columns are found by header name, in any order and case.

mod prepare;
mod rows;
mod supplement;
mod udi;

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use crate::device::Device;
use crate::eligibility::{EligibilityStatus, EligibilityTable};
use crate::error::{Error, ErrorCode, Finding, Result, Severity};
use crate::mac::Mac;
use crate::model::{ModelClass, ModelLabel, parse_model_label};

pub use prepare::{
    MAPPING_FORMAT, Mapping, PrepareOptions, PreparedUpload, PreparedUploads, WorkspaceMapping,
    prepare_uploads,
};
pub use supplement::{HardwareList, LoadList};
pub use udi::{Udi, parse_udi};

use rows::{Rows, find_column, header_key};

/// The columns of a Unified CM phone export that the import reads, as Unified CM spells them
/// (EXT-14). `Device Name` (or, in a hand-made file, `MAC Address`) and `Device Type` are
/// required; the others are kept when present.
pub const INVENTORY_COLUMNS: [&str; 9] = [
    "Device Name",
    "MAC Address",
    "Device Type",
    "Description",
    "Device Pool",
    "Location",
    "Owner User ID",
    "Directory Number 1",
    "Phone Load Name",
];

/// What the import makes of one row of the export.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryStatus {
    /// A phone that can migrate (ELIG-1).
    Eligible,
    /// A phone of a migrating model that cannot migrate as it is (ELIG-1: DEV-2, DEV-5,
    /// EXT-2, DEC-11).
    NotEligible,
    /// A phone whose eligibility depends on what is not known, such as its VID (EXT-3).
    Unknown,
    /// A device with no Enterprise → MPP migration at all (EXT-17): not a phone of DEV-1.
    NotMigratable,
    /// A row that could not be read: a bad device name, a duplicate, bad bytes.
    Refused,
}

impl EntryStatus {
    /// Every status, in the order reports list them.
    pub const ALL: [EntryStatus; 5] = [
        EntryStatus::Eligible,
        EntryStatus::NotEligible,
        EntryStatus::Unknown,
        EntryStatus::NotMigratable,
        EntryStatus::Refused,
    ];

    /// `"eligible"`, `"not_eligible"`, `"unknown"`, `"not_migratable"` or `"refused"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            EntryStatus::Eligible => "eligible",
            EntryStatus::NotEligible => "not_eligible",
            EntryStatus::Unknown => "unknown",
            EntryStatus::NotMigratable => "not_migratable",
            EntryStatus::Refused => "refused",
        }
    }

    /// The status with this name (`as_str`), if any.
    pub fn parse(name: &str) -> Option<EntryStatus> {
        EntryStatus::ALL.into_iter().find(|s| s.as_str() == name)
    }

    fn of(eligibility: EligibilityStatus) -> EntryStatus {
        match eligibility {
            EligibilityStatus::Eligible => EntryStatus::Eligible,
            EligibilityStatus::NotEligible => EntryStatus::NotEligible,
            EligibilityStatus::Unknown => EntryStatus::Unknown,
        }
    }
}

impl fmt::Display for EntryStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of a Unified CM export: its cells the import reads, the phone when it is one, and
/// every finding of the row (the eligibility reasons included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InventoryEntry {
    row: u64,
    device_name: String,
    device_type: String,
    description: String,
    device_pool: String,
    location: String,
    owner_user_id: String,
    directory_number: String,
    phone_load_name: String,
    status: EntryStatus,
    device: Option<Device>,
    findings: Vec<Finding>,
}

impl InventoryEntry {
    /// The row of the export (header = 1).
    pub fn row(&self) -> u64 {
        self.row
    }
    /// `Device Name` as the export gives it (`SEP001A2B3C4D5E`, `CSFJSMITH`…).
    pub fn device_name(&self) -> &str {
        &self.device_name
    }
    /// `Device Type` as the export gives it (`Cisco 8845`).
    pub fn device_type(&self) -> &str {
        &self.device_type
    }
    /// `Description`.
    pub fn description(&self) -> &str {
        &self.description
    }
    /// `Device Pool`.
    pub fn device_pool(&self) -> &str {
        &self.device_pool
    }
    /// `Location`: a Unified CM location such as `Hub_None`, not a Webex location (EXT-14).
    pub fn location(&self) -> &str {
        &self.location
    }
    /// `Owner User ID`.
    pub fn owner_user_id(&self) -> &str {
        &self.owner_user_id
    }
    /// `Directory Number 1`.
    pub fn directory_number(&self) -> &str {
        &self.directory_number
    }
    /// `Phone Load Name`: a per-device override of the load, usually empty (EXT-14). It is
    /// configuration, not the running load, and is not used as the phone's firmware.
    pub fn phone_load_name(&self) -> &str {
        &self.phone_load_name
    }
    /// What the import made of the row.
    pub fn status(&self) -> EntryStatus {
        self.status
    }
    /// The phone, when the row is one (any eligibility).
    pub fn device(&self) -> Option<&Device> {
        self.device.as_ref()
    }
    /// Every finding of the row: why it is not a device, the eligibility reasons and cautions.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
    /// The findings that decide the status or need action: errors, the firmware (EXT-6), the
    /// limited features (EXT-4), and for an unknown phone what is not known; the cautions every
    /// migrating phone gets (EXT-8, DEV-8) left aside.
    pub fn reasons(&self) -> impl Iterator<Item = &Finding> {
        let status = self.status;
        self.findings.iter().filter(move |f| {
            !matches!(
                f.code(),
                ErrorCode::FactoryReset | ErrorCode::WifiSettingsLost
            ) && (f.severity() == Severity::Error
                || f.rule() == "EXT-6"
                || status == EntryStatus::Unknown
                || f.code() == ErrorCode::ModelLimitedFeatures)
        })
    }
}

/// How to read an export: the eligibility table and what the export lacks.
#[derive(Clone, Debug)]
pub struct InventoryOptions {
    /// The table phones are checked with (default: Control Hub's).
    pub eligibility: Arc<EligibilityTable>,
    /// Hardware versions by MAC (EXT-1, EXT-16).
    pub hardware: Option<Arc<HardwareList>>,
    /// Running loads by MAC (EXT-6, EXT-15).
    pub loads: Option<Arc<LoadList>>,
}

impl Default for InventoryOptions {
    fn default() -> InventoryOptions {
        InventoryOptions {
            eligibility: EligibilityTable::control_hub(),
            hardware: None,
            loads: None,
        }
    }
}

impl InventoryOptions {
    /// The default table, nothing merged.
    pub fn new() -> InventoryOptions {
        InventoryOptions::default()
    }
    /// The same options with hardware versions to merge.
    #[must_use]
    pub fn with_hardware(mut self, list: impl Into<Arc<HardwareList>>) -> InventoryOptions {
        self.hardware = Some(list.into());
        self
    }
    /// The same options with running loads to merge.
    #[must_use]
    pub fn with_loads(mut self, list: impl Into<Arc<LoadList>>) -> InventoryOptions {
        self.loads = Some(list.into());
        self
    }
    /// The same options checking with another table.
    #[must_use]
    pub fn with_eligibility(mut self, table: Arc<EligibilityTable>) -> InventoryOptions {
        self.eligibility = table;
        self
    }
}

/// The column indexes of the export's header.
#[derive(Clone, Copy, Debug, Default)]
struct Columns {
    name: Option<usize>,
    mac: Option<usize>,
    device_type: Option<usize>,
    description: Option<usize>,
    device_pool: Option<usize>,
    location: Option<usize>,
    owner: Option<usize>,
    number: Option<usize>,
    load: Option<usize>,
}

/// A streaming reader of a Unified CM phone export: an iterator of [`InventoryEntry`], one per
/// data row, in file order, in memory bounded by the longest row.
///
/// ```
/// use mpp_migration::{InventoryOptions, InventoryReader, EntryStatus};
/// let csv = "Device Name,Description,Device Type,Device Pool\n\
///            SEP001A2B3C4D5E,Lobby,Cisco 8845,DP_HQ\n\
///            CSFJSMITH,Jabber,Cisco Unified Client Services Framework,DP_HQ\n";
/// let mut reader = InventoryReader::new(csv.as_bytes(), InventoryOptions::new())?;
/// let statuses: Vec<EntryStatus> = reader.by_ref().map(|e| e.status()).collect();
/// assert_eq!(statuses, [EntryStatus::Eligible, EntryStatus::NotMigratable]);
/// assert!(reader.finish()?.is_empty());
/// # Ok::<(), mpp_migration::Error>(())
/// ```
pub struct InventoryReader<R> {
    rows: Rows<R>,
    columns: Columns,
    width: usize,
    options: InventoryOptions,
    /// The first row of each MAC (DEV-6): the one index that grows with the phones.
    first_row: foldhash::HashMap<Mac, u32>,
    /// Device types read so far and what they name: an export has a few dozen, and the
    /// reason of one that names no model is computed once.
    types: foldhash::HashMap<Box<str>, std::result::Result<ModelLabel, String>>,
    record: csv::ByteRecord,
    header_findings: Vec<Finding>,
    error: Option<Error>,
    done: bool,
}

impl<R: Read> InventoryReader<R> {
    /// Reads the header. A header without `Device Name`/`MAC Address` or `Device Type` is a
    /// finding on row 1 ([`ErrorCode::InventoryColumnMissing`], see
    /// [`header_findings`](Self::header_findings)) and the reader then gives no entry; an
    /// empty file is [`ErrorCode::EmptyFile`] there.
    ///
    /// Errors: [`ErrorCode::IoError`] when the source cannot be read.
    pub fn new(src: R, options: InventoryOptions) -> Result<InventoryReader<R>> {
        let mut rows = Rows::new(src);
        let mut header_findings = Vec::new();
        let mut columns = Columns::default();
        let mut width = 0;
        let done;
        match rows.next_record()? {
            None => {
                header_findings.push(
                    Finding::new(
                        ErrorCode::EmptyFile,
                        "the export is empty; expected Unified CM's Export Phones CSV with a header row (EXT-14)",
                    )
                    .at(Some(1), None::<&str>),
                );
                done = true;
            }
            Some((_, header)) => {
                let keys: Vec<String> = header.iter().map(header_key).collect();
                width = keys.len();
                let col = |n: &[&str]| find_column(&keys, n);
                columns = Columns {
                    name: col(&["device name"]),
                    mac: col(&["mac address", "mac"]),
                    device_type: col(&["device type", "model"]),
                    description: col(&["description"]),
                    device_pool: col(&["device pool"]),
                    location: col(&["location"]),
                    owner: col(&["owner user id"]),
                    number: col(&["directory number 1", "directory number"]),
                    load: col(&["phone load name"]),
                };
                let mut missing = Vec::new();
                if columns.name.is_none() && columns.mac.is_none() {
                    missing.push("Device Name");
                }
                if columns.device_type.is_none() {
                    missing.push("Device Type");
                }
                for m in &missing {
                    header_findings.push(
                        Finding::new(
                            ErrorCode::InventoryColumnMissing,
                            format!(
                                "the export's header has no {m} column; export the phones from Unified CM with Bulk Administration › Phones › Export Phones (All Details or Specific Details with {m}) (EXT-14)"
                            ),
                        )
                        .at(Some(1), Some(*m)),
                    );
                }
                done = !missing.is_empty();
            }
        }
        Ok(InventoryReader {
            rows,
            columns,
            width,
            options,
            first_row: foldhash::HashMap::default(),
            types: foldhash::HashMap::default(),
            record: csv::ByteRecord::new(),
            header_findings,
            error: None,
            done,
        })
    }

    /// The findings of the header (row 1).
    pub fn header_findings(&self) -> &[Finding] {
        &self.header_findings
    }

    /// Ends the reading: the findings of the merged lists (their unreadable rows, and the
    /// devices they name that the export lacks, [`ErrorCode::SupplementUnknownDevice`]), in
    /// list order.
    ///
    /// Errors: the I/O error that stopped the reading, if one did.
    pub fn finish(mut self) -> Result<Vec<Finding>> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        let mut out = Vec::new();
        let mut unknown = |what: &str, column: &'static str, macs: Vec<(Option<u64>, Mac)>| {
            let mut macs = macs;
            macs.sort();
            for (row, mac) in macs {
                out.push(
                    Finding::new(
                        ErrorCode::SupplementUnknownDevice,
                        format!(
                            "the {what} names {} ({mac}), which the Unified CM export does not hold; check the MAC or export the phone too",
                            mac.device_name()
                        ),
                    )
                    .at(row, Some(column)),
                );
            }
        };
        let known = |m: &Mac| self.first_row.contains_key(m);
        if let Some(list) = &self.options.hardware {
            unknown("hardware-version list", "VID", list.unknown_entries(known));
        }
        if let Some(list) = &self.options.loads {
            unknown("load list", "ActiveLoadID", list.unknown_entries(known));
        }
        let mut all = Vec::new();
        if let Some(list) = &self.options.hardware {
            all.extend(list.findings().iter().cloned());
        }
        if let Some(list) = &self.options.loads {
            all.extend(list.findings().iter().cloned());
        }
        all.extend(out);
        Ok(all)
    }

    /// What a Device Type names, or why it names no model (the model check's own reason,
    /// without its nearest-model guess: a 7942 is no misspelt 7841). Cached: an export has a
    /// few dozen types, and up to 4096 are kept.
    fn device_type(&mut self, text: &str) -> std::result::Result<ModelLabel, String> {
        if let Some(known) = self.types.get(text) {
            return known.clone();
        }
        let read = parse_model_label(text).map_err(|e| {
            let message = e.message();
            message
                .split("; did you mean")
                .next()
                .unwrap_or(message)
                .to_owned()
        });
        if self.types.len() < 4096 {
            self.types.insert(text.into(), read.clone());
        }
        read
    }

    fn entry(&mut self, row: u64, record: &csv::ByteRecord) -> InventoryEntry {
        let mut bad_bytes = None;
        let mut cell = |i: Option<usize>, name: &'static str| -> String {
            let Some(bytes) = i.and_then(|i| record.get(i)) else {
                return String::new();
            };
            match std::str::from_utf8(bytes) {
                Ok(s) => s.trim().to_owned(),
                Err(_) => {
                    bad_bytes.get_or_insert(name);
                    String::from_utf8_lossy(bytes).trim().to_owned()
                }
            }
        };
        let c = self.columns;
        let mut entry = InventoryEntry {
            row,
            device_name: cell(
                c.name.or(c.mac),
                if c.name.is_some() {
                    "Device Name"
                } else {
                    "MAC Address"
                },
            ),
            device_type: cell(c.device_type, "Device Type"),
            description: cell(c.description, "Description"),
            device_pool: cell(c.device_pool, "Device Pool"),
            location: cell(c.location, "Location"),
            owner_user_id: cell(c.owner, "Owner User ID"),
            directory_number: cell(c.number, "Directory Number 1"),
            phone_load_name: cell(c.load, "Phone Load Name"),
            status: EntryStatus::Refused,
            device: None,
            findings: Vec::new(),
        };
        let id_column = if c.name.is_some() {
            "Device Name"
        } else {
            "MAC Address"
        };
        let refuse = |entry: &mut InventoryEntry, f: Finding| {
            entry.findings.push(f);
            entry.status = EntryStatus::Refused;
        };
        if record.len() != self.width {
            refuse(
                &mut entry,
                Finding::new(
                    ErrorCode::FieldCountMismatch,
                    format!(
                        "row has {} fields but the header has {}; a comma inside a value must be quoted",
                        record.len(),
                        self.width
                    ),
                )
                .at(Some(row), None::<&str>),
            );
            return entry;
        }
        if let Some(column) = bad_bytes {
            refuse(
                &mut entry,
                Finding::new(
                    ErrorCode::InvalidUtf8,
                    "the value is not UTF-8 text; export the file as UTF-8",
                )
                .at(Some(row), Some(column)),
            );
            return entry;
        }
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            refuse(
                &mut entry,
                Finding::new(ErrorCode::BlankLine, "the row is empty; remove it")
                    .at(Some(row), None::<&str>),
            );
            return entry;
        }
        // EXT-17 before DEV-7: a CSF client's name is not a MAC either, and its type says why.
        // The catalogue of device types (core/data/models.csv) is the one place that knows
        // which types migrate; its reason comes through the eligibility check (402 or 414).
        let label = match self.device_type(&entry.device_type) {
            Ok(label) => label,
            Err(reason) => {
                let message = if entry.device_type.is_empty() {
                    "the row has no Device Type; export the phones again with that column"
                        .to_owned()
                } else {
                    reason
                };
                refuse(
                    &mut entry,
                    Finding::new(ErrorCode::ModelUnknown, message)
                        .at(Some(row), Some("Device Type")),
                );
                return entry;
            }
        };
        if label.model.class() != ModelClass::MppConvertible {
            let (_, reasons) = self
                .options
                .eligibility
                .assess(label.model, None)
                .into_parts();
            entry.status = EntryStatus::NotMigratable;
            entry.findings.extend(
                reasons
                    .into_iter()
                    .map(|f| f.at(Some(row), Some("Device Type"))),
            );
            return entry;
        }
        let mac = match if c.name.is_some() {
            Mac::from_device_name(&entry.device_name)
        } else {
            Mac::parse(&entry.device_name)
        } {
            Ok(mac) => mac,
            Err(e) => {
                refuse(&mut entry, e.into_finding().at(Some(row), Some(id_column)));
                return entry;
            }
        };
        let first_row = u32::try_from(row).unwrap_or(u32::MAX);
        if let Some(&first) = self.first_row.get(&mac) {
            refuse(
                &mut entry,
                Finding::new(
                    ErrorCode::InventoryDuplicateDevice,
                    format!(
                        "{} is also on row {first}; the first row keeps it (DEV-6): remove this row",
                        mac.device_name()
                    ),
                )
                .at(Some(row), Some(id_column)),
            );
            return entry;
        }
        self.first_row.insert(mac, first_row);
        let mut vid = label.hardware_version;
        if let Some(list) = &self.options.hardware {
            if let Some(listed) = list.get(mac) {
                match list.model_of(mac) {
                    Some(m) if m != label.model => entry.findings.push(
                        Finding::new(
                            ErrorCode::SupplementConflict,
                            format!(
                                "the export says {} is a {} but its UDI names the {}; the UDI's VID {listed} is not used: check which phone has this MAC",
                                mac.device_name(),
                                label.model,
                                m
                            ),
                        )
                        .at(Some(row), Some("Device Type")),
                    ),
                    _ => vid = Some(listed),
                }
            }
        }
        let firmware = self
            .options
            .loads
            .as_ref()
            .and_then(|l| l.get(mac))
            .cloned();
        let eligibility = self
            .options
            .eligibility
            .check(label.model, vid, firmware.as_ref());
        let (status, reasons) = eligibility.into_parts();
        entry.status = EntryStatus::of(status);
        entry.findings.extend(
            reasons
                .into_iter()
                .map(|f| f.at(Some(row), Some("Device Type"))),
        );
        entry.device = Some(
            Device::new(mac, label.model)
                .with_hardware_version(vid)
                .with_firmware(firmware)
                .with_row(Some(row)),
        );
        entry
    }
}

impl<R: Read> Iterator for InventoryReader<R> {
    type Item = InventoryEntry;

    fn next(&mut self) -> Option<InventoryEntry> {
        if self.done {
            return None;
        }
        let mut record = std::mem::take(&mut self.record);
        let next = self.rows.next_into(&mut record);
        let out = match next {
            Ok(Some(row)) => Some(self.entry(row, &record)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                self.error = Some(e);
                None
            }
        };
        self.record = record;
        out
    }
}

/// How many rows of an export ended in each [`EntryStatus`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InventoryCounts {
    /// Data rows read.
    pub rows: u64,
    /// Phones that can migrate.
    pub eligible: u64,
    /// Phones that cannot migrate as they are.
    pub not_eligible: u64,
    /// Phones whose eligibility is not known.
    pub unknown: u64,
    /// Devices with no Enterprise → MPP migration (EXT-17).
    pub not_migratable: u64,
    /// Rows that could not be read.
    pub refused: u64,
}

impl InventoryCounts {
    /// The count of one status.
    pub fn of(&self, status: EntryStatus) -> u64 {
        match status {
            EntryStatus::Eligible => self.eligible,
            EntryStatus::NotEligible => self.not_eligible,
            EntryStatus::Unknown => self.unknown,
            EntryStatus::NotMigratable => self.not_migratable,
            EntryStatus::Refused => self.refused,
        }
    }

    fn add(&mut self, status: EntryStatus) {
        self.rows += 1;
        *match status {
            EntryStatus::Eligible => &mut self.eligible,
            EntryStatus::NotEligible => &mut self.not_eligible,
            EntryStatus::Unknown => &mut self.unknown,
            EntryStatus::NotMigratable => &mut self.not_migratable,
            EntryStatus::Refused => &mut self.refused,
        } += 1;
    }
}

/// A Unified CM export read whole: every row's entry, and the findings of the file and of the
/// merged lists. Feeds the default device task (TASK-8, [`devices`](Self::devices) into
/// [`Board::create_default_task`](crate::Board::create_default_task)), fleet planning and the
/// upload generation ([`prepare_uploads`]).
///
/// ```
/// use mpp_migration::*;
/// let csv = "Device Type,Device Name,Owner User ID\n\
///            Cisco 7821,SEP001A2B3C4D5E,jsmith\n\
///            Cisco 7942,SEP001A2B3C4D5F,adoe\n";
/// let hardware = HardwareList::from_csv("001A2B3C4D5E,V02\n".as_bytes())?;
/// let inventory = Inventory::read(csv.as_bytes(), InventoryOptions::new().with_hardware(hardware))?;
/// let counts = inventory.counts();
/// assert_eq!((counts.not_eligible, counts.not_migratable), (1, 1));
/// assert_eq!(inventory.entries()[0].reasons().next().unwrap().rule(), "DEV-5");
/// let mut board = Board::new();
/// let outcome = board.create_default_task("default", UploadOption::LicenseOnly, inventory.devices())?;
/// assert_eq!(outcome.added, 1);
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inventory {
    entries: Vec<InventoryEntry>,
    findings: Vec<Finding>,
    counts: InventoryCounts,
}

impl Inventory {
    /// Reads an export whole (see [`InventoryReader`]).
    ///
    /// Errors: [`ErrorCode::IoError`].
    pub fn read(src: impl Read, options: InventoryOptions) -> Result<Inventory> {
        Inventory::read_with_progress(src, options, |_| {})
    }

    /// [`read`](Self::read), calling `progress` with the number of rows read every 1024 rows
    /// (for a progress bar).
    pub fn read_with_progress(
        src: impl Read,
        options: InventoryOptions,
        mut progress: impl FnMut(u64),
    ) -> Result<Inventory> {
        let mut reader = InventoryReader::new(src, options)?;
        let mut findings = reader.header_findings().to_vec();
        let mut entries = Vec::new();
        let mut counts = InventoryCounts::default();
        for entry in reader.by_ref() {
            counts.add(entry.status);
            entries.push(entry);
            if counts.rows % 1024 == 0 {
                progress(counts.rows);
            }
        }
        findings.extend(reader.finish()?);
        progress(counts.rows);
        Ok(Inventory {
            entries,
            findings,
            counts,
        })
    }

    /// Reads the export at `path`.
    ///
    /// Errors: as [`read`](Self::read), each message after the path (see
    /// [`crate::read_file`]), and [`ErrorCode::IoError`] naming the path when it cannot be
    /// opened.
    pub fn read_path(path: &Path, options: InventoryOptions) -> Result<Inventory> {
        crate::read_file(path, |r| Inventory::read(r, options))
    }

    /// Every data row's entry, in file order.
    pub fn entries(&self) -> &[InventoryEntry] {
        &self.entries
    }

    /// The findings of the file (its header) and of the merged lists, in that order; those of
    /// rows are on their entries.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Every finding: the file's, then each row's, in row order.
    pub fn all_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .chain(self.entries.iter().flat_map(|e| e.findings.iter()))
    }

    /// The phones, of every eligibility, in file order, each remembering its row.
    pub fn devices(&self) -> Vec<Device> {
        self.entries
            .iter()
            .filter_map(|e| e.device.clone())
            .collect()
    }

    /// How many rows ended in each status.
    pub fn counts(&self) -> InventoryCounts {
        self.counts
    }

    /// How many rows each reason applies to, by status: the codes of [`InventoryEntry::reasons`]
    /// for every status but Eligible, most frequent first (then by code number).
    pub fn reason_counts(&self) -> Vec<(EntryStatus, ErrorCode, u64)> {
        let mut counts: BTreeMap<(EntryStatus, u32), (ErrorCode, u64)> = BTreeMap::new();
        for e in &self.entries {
            let mut codes: Vec<ErrorCode> = e.reasons().map(Finding::code).collect();
            codes.dedup();
            for code in codes {
                counts
                    .entry((e.status, code.number()))
                    .or_insert((code, 0))
                    .1 += 1;
            }
        }
        let mut out: Vec<(EntryStatus, ErrorCode, u64)> = counts
            .into_iter()
            .map(|((s, _), (c, n))| (s, c, n))
            .collect();
        out.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(b.2.cmp(&a.2))
                .then(a.1.number().cmp(&b.1.number()))
        });
        out
    }

    /// The inventory as CSV, one line per row of the export (ELIG-5): the export's row and
    /// columns, the MAC, model, hardware version and firmware as read, the status and its
    /// reasons' codes. Safe to open in a spreadsheet.
    pub fn to_csv(&self) -> String {
        let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
        let _ = out.write_record(INVENTORY_CSV_COLUMNS);
        for e in &self.entries {
            let d = e.device.as_ref();
            let reasons: Vec<&str> = e.reasons().map(Finding::name).collect();
            let cells = [
                e.row.to_string(),
                e.device_name.clone(),
                d.map(|d| d.mac().to_string()).unwrap_or_default(),
                e.device_type.clone(),
                d.map(|d| d.model().name().to_owned()).unwrap_or_default(),
                d.and_then(Device::hardware_version)
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                d.and_then(Device::firmware)
                    .map(|f| f.to_string())
                    .unwrap_or_default(),
                e.description.clone(),
                e.device_pool.clone(),
                e.location.clone(),
                e.owner_user_id.clone(),
                e.directory_number.clone(),
                e.status.as_str().to_owned(),
                reasons.join(" "),
            ];
            let _ = out.write_record(
                cells
                    .iter()
                    .map(|c| crate::upload::spreadsheet_safe(c, None).into_owned()),
            );
        }
        out.into_inner()
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default()
    }
}

/// The columns of [`Inventory::to_csv`].
pub const INVENTORY_CSV_COLUMNS: [&str; 14] = [
    "Row",
    "Device Name",
    "MAC Address",
    "Device Type",
    "Model",
    "Hardware Version",
    "Firmware",
    "Description",
    "Device Pool",
    "Location",
    "Owner User ID",
    "Directory Number 1",
    "Status",
    "Reasons",
];
