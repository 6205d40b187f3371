//! Upload generation (issue 11, CSV-1, CSV-2, ELIG-3): from an inventory and the host's mapping
//! of Unified CM data to Webex, the Control Hub upload CSVs of either schema, split into tasks of
//! at most 1000 devices with unique names, each validated by the library before it is given out
//! so that uploading it gives the same verdicts. What the mapping cannot fill is a finding on
//! the export's row, never a guess.

use std::collections::BTreeMap;
use std::sync::Arc;

use foldhash::{HashMap, HashSet, HashSetExt};
use serde::Deserialize;

use crate::directory::Directory;
use crate::eligibility::EligibilityTable;
use crate::error::{Error, ErrorCode, Finding, Result};
use crate::mac::Mac;
use crate::plan::OutputFile;
use crate::task::{FleetGrouping, MAX_TASK_DEVICES, TaskName, check_max_devices, split_into_tasks};
use crate::upload::{
    Column, UploadOption, UploadOptions, UploadReport, spreadsheet_safe, validate_upload,
};

use super::supplement::read_identity;
use super::{EntryStatus, Inventory, InventoryEntry};

/// The `format` a mapping document may name: `"mpp-migration-mapping/1"`.
pub const MAPPING_FORMAT: &str = "mpp-migration-mapping/1";

/// A phone that goes to a workspace rather than to its owner (CSV-3 to CSV-6, CSV-12).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceMapping {
    /// The workspace's name (CSV-4), created if it does not exist (CSV-3).
    pub name: String,
    /// Its E.164 number (CSV-5): mandatory for a workspace.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// Its extension (CSV-6, DEC-5), when it has one.
    #[serde(default)]
    pub extension: Option<String>,
    /// Its Webex location; default: the phone's, by device pool or Unified CM location.
    #[serde(default)]
    pub location: Option<String>,
    /// An unlimited outgoing call plan for a new workspace (CSV-12).
    #[serde(default)]
    pub call_plan: bool,
}

/// How the host maps Unified CM data to Webex: owner user ids to emails, device pools and
/// Unified CM locations to Webex locations, and which phones go to workspaces.
///
/// As JSON (every member optional; unknown members are refused):
///
/// ```json
/// {
///   "format": "mpp-migration-mapping/1",
///   "users": {"jsmith": "jsmith@example.com"},
///   "device_pools": {"DP_London": "London"},
///   "locations": {"Hub_None": "HQ"},
///   "workspaces": {"SEP001A2B3C4D5E": {"name": "Lobby", "phone_number": "+442079460000",
///                  "extension": "2001", "location": "London", "call_plan": false}}
/// }
/// ```
///
/// Owner user ids match case-insensitively (Unified CM treats them so); device pools and
/// locations match exactly, as Unified CM names them. A device pool's mapping wins over the
/// Unified CM location's: the location is usually a call-admission setting such as `Hub_None`
/// (EXT-14). Workspaces are keyed by device name or MAC.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    users: HashMap<String, String>,
    device_pools: HashMap<String, String>,
    locations: HashMap<String, String>,
    workspaces: HashMap<Mac, WorkspaceMapping>,
    workspace_order: Vec<Mac>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingDocument {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    users: BTreeMap<String, String>,
    #[serde(default)]
    device_pools: BTreeMap<String, String>,
    #[serde(default)]
    locations: BTreeMap<String, String>,
    #[serde(default)]
    workspaces: BTreeMap<String, WorkspaceMapping>,
}

impl Mapping {
    /// An empty mapping: every *license and device* row is then a finding.
    pub fn new() -> Mapping {
        Mapping::default()
    }

    /// Reads a mapping document from its bytes, as a host hands a file over: bytes that are
    /// not UTF-8 are [`ErrorCode::MappingInvalid`] too, then as [`from_json`](Self::from_json).
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Mapping> {
        let text = std::str::from_utf8(bytes).map_err(|_| {
            Error::new(
                ErrorCode::MappingInvalid,
                "mapping: the JSON document is not UTF-8",
            )
        })?;
        Mapping::from_json(text)
    }

    /// Reads a mapping document (see the type's documentation).
    ///
    /// Errors: [`ErrorCode::MappingInvalid`] for malformed JSON, an unknown member, another
    /// format, a workspace key that is no MAC or device name, or a key given twice in two
    /// spellings.
    pub fn from_json(text: &str) -> Result<Mapping> {
        let invalid = |m: String| Error::new(ErrorCode::MappingInvalid, format!("mapping: {m}"));
        let doc: MappingDocument = serde_json::from_str(text)
            .map_err(|e| invalid(format!("{e}; see the format {MAPPING_FORMAT}")))?;
        if let Some(format) = doc.format.as_deref().filter(|f| *f != MAPPING_FORMAT) {
            return Err(invalid(format!(
                "format {format:?} is not {MAPPING_FORMAT:?}"
            )));
        }
        let mut mapping = Mapping::new();
        for (id, email) in doc.users {
            if mapping
                .users
                .insert(user_key(&id), email.trim().to_owned())
                .is_some()
            {
                return Err(invalid(format!(
                    "user id {id:?} is given twice (user ids match case-insensitively)"
                )));
            }
        }
        for (pool, location) in doc.device_pools {
            mapping.device_pool(&pool, &location);
        }
        for (ucm, location) in doc.locations {
            mapping.location(&ucm, &location);
        }
        for (key, workspace) in doc.workspaces {
            let mac = read_identity(&key)
                .map_err(|e| invalid(format!("workspace key {key:?}: {}", e.message())))?;
            if mapping.workspaces.contains_key(&mac) {
                return Err(invalid(format!("workspace {key:?} is given twice ({mac})")));
            }
            mapping.workspace(mac, workspace);
        }
        Ok(mapping)
    }

    /// Maps an owner user id to the user's email.
    pub fn user(&mut self, owner_user_id: &str, email: &str) -> &mut Mapping {
        self.users
            .insert(user_key(owner_user_id), email.trim().to_owned());
        self
    }
    /// Maps a device pool to a Webex location.
    pub fn device_pool(&mut self, device_pool: &str, location: &str) -> &mut Mapping {
        self.device_pools
            .insert(device_pool.trim().to_owned(), location.trim().to_owned());
        self
    }
    /// Maps a Unified CM location to a Webex location.
    pub fn location(&mut self, ucm_location: &str, location: &str) -> &mut Mapping {
        self.locations
            .insert(ucm_location.trim().to_owned(), location.trim().to_owned());
        self
    }
    /// Sends the phone with this MAC to a workspace.
    pub fn workspace(&mut self, mac: Mac, workspace: WorkspaceMapping) -> &mut Mapping {
        if self.workspaces.insert(mac, workspace).is_none() {
            self.workspace_order.push(mac);
        }
        self
    }

    /// The email of an owner user id.
    pub fn email_of(&self, owner_user_id: &str) -> Option<&str> {
        self.users.get(&user_key(owner_user_id)).map(String::as_str)
    }

    /// The Webex location of a phone in `device_pool` at Unified CM location `ucm_location`:
    /// the device pool's mapping, else the location's.
    pub fn location_of(&self, device_pool: &str, ucm_location: &str) -> Option<&str> {
        self.device_pools
            .get(device_pool.trim())
            .or_else(|| self.locations.get(ucm_location.trim()))
            .map(String::as_str)
    }

    /// The workspace the phone with this MAC goes to.
    pub fn workspace_of(&self, mac: Mac) -> Option<&WorkspaceMapping> {
        self.workspaces.get(&mac)
    }
}

fn user_key(id: &str) -> String {
    id.trim().to_lowercase()
}

/// How to generate the uploads.
#[derive(Clone, Debug)]
pub struct PrepareOptions {
    /// The schema and migration option of the files (TASK-3, CSV-1, CSV-2).
    pub option: UploadOption,
    /// The start of every task and file name (TASK-1): `hq` gives `hq-001.csv`.
    pub prefix: String,
    /// The most devices per file: 1 to 1000 (ELIG-3).
    pub max_devices: usize,
    /// One task per Webex location or model, or none.
    pub group_by: FleetGrouping,
    /// The organisation, to validate the files against (CSV-3, CSV-11, CSV-13…); `None`
    /// validates without it.
    pub directory: Option<Arc<Directory>>,
    /// The table the validation checks models with.
    pub eligibility: Arc<EligibilityTable>,
}

impl PrepareOptions {
    /// Files of 1000 devices named `{prefix}-001.csv`…, not grouped, validated without a
    /// directory.
    pub fn new(prefix: &str, option: UploadOption) -> PrepareOptions {
        PrepareOptions {
            option,
            prefix: prefix.to_owned(),
            max_devices: MAX_TASK_DEVICES,
            group_by: FleetGrouping::None,
            directory: None,
            eligibility: EligibilityTable::control_hub(),
        }
    }

    /// The same options validating against `directory`.
    #[must_use]
    pub fn with_directory(mut self, directory: impl Into<Arc<Directory>>) -> PrepareOptions {
        self.directory = Some(directory.into());
        self
    }
}

/// One generated upload: the task it is for, the file, and its validation.
#[derive(Clone, Debug)]
pub struct PreparedUpload {
    /// The task name (TASK-1), unique among the files.
    pub task_name: TaskName,
    /// The CSV file, named after the task.
    pub file: OutputFile,
    /// The file's validation: every row added (rows the validation refused are left out of
    /// the file and reported on the export's rows).
    pub report: UploadReport,
    /// For each data row of the file, in order, the export's row it came from.
    pub export_rows: Vec<u64>,
}

/// The uploads generated from an inventory, and everything that kept a phone out of them.
#[derive(Clone, Debug)]
pub struct PreparedUploads {
    /// The files, in task-name order within each group, groups in key order.
    pub uploads: Vec<PreparedUpload>,
    /// Why phones are not in any file, on the export's rows: not eligible (ELIG-2), not
    /// migratable (EXT-17), unreadable rows, what the mapping lacks (CSV-4, CSV-5, CSV-11),
    /// what the validation refused (with its own code, CSV-*), in row order; then the
    /// mapping's entries for devices the inventory lacks.
    pub findings: Vec<Finding>,
}

impl PreparedUploads {
    /// The files, for [`write_files`](crate::write_files).
    pub fn files(&self) -> Vec<OutputFile> {
        self.uploads.iter().map(|u| u.file.clone()).collect()
    }
    /// How many phones the files hold.
    pub fn device_count(&self) -> usize {
        self.uploads.iter().map(|u| u.report.devices().len()).sum()
    }
}

/// A row to write: its cells in the option's column order, the export row, the group key.
struct Row {
    cells: Vec<String>,
    export_row: u64,
    key: String,
}

/// Generates the upload CSVs of `options.option` from `inventory` (see [`PreparedUploads`]).
///
/// Which phones: those of a migrating model, eligible or unknown (Control Hub checks them again
/// and decides with *Include unknown eligibility*, ELIG-2); a not eligible phone is left out
/// with [`ErrorCode::NotEligibleLeftOut`]. For *license and device* (CSV-1): a phone mapped to a
/// workspace is a WORKSPACE row with the workspace's name, number and extension; any other is
/// a USER row for its owner's email. Each file is then validated; rows it refuses are left
/// out and reported with the validation's findings on the export's rows, and the file given
/// out validates with every row added.
///
/// Errors: [`ErrorCode::InvalidArgument`] for `max_devices` out of 1 to 1000.
///
/// ```
/// use mpp_migration::*;
/// let csv = "Device Name,Device Type,Owner User ID,Device Pool\n\
///            SEP001A2B3C4D5E,Cisco 8845,jsmith,DP_HQ\n\
///            SEP001A2B3C4D5F,Cisco 8845,nobody,DP_HQ\n";
/// let inventory = Inventory::read(csv.as_bytes(), InventoryOptions::new())?;
/// let mut mapping = Mapping::new();
/// mapping.user("JSmith", "jsmith@example.com").device_pool("DP_HQ", "HQ");
/// let prepared = prepare_uploads(&inventory, &mapping, &PrepareOptions::new("hq", UploadOption::LicenseAndDevice))?;
/// assert_eq!(prepared.uploads[0].file.name, "hq-001.csv");
/// assert_eq!(prepared.uploads[0].report.added(), 1);
/// assert_eq!((prepared.findings[0].row(), prepared.findings[0].name()), (Some(3), "mapping_no_user"));
/// # Ok::<(), mpp_migration::Error>(())
/// ```
pub fn prepare_uploads(
    inventory: &Inventory,
    mapping: &Mapping,
    options: &PrepareOptions,
) -> Result<PreparedUploads> {
    check_max_devices(options.max_devices)?;
    let mut findings: Vec<Finding> = Vec::new();
    let mut groups: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    let mut in_inventory = HashSet::with_capacity(inventory.entries().len());
    for entry in inventory.entries() {
        let Some(device) = entry.device() else {
            findings.extend(entry.reasons().cloned());
            continue;
        };
        in_inventory.insert(device.mac());
        if entry.status() == EntryStatus::NotEligible {
            let why: Vec<&str> = entry.reasons().map(Finding::message).collect();
            findings.push(
                Finding::new(
                    ErrorCode::NotEligibleLeftOut,
                    format!(
                        "{} is not eligible and is left out of the uploads (ELIG-2): {}",
                        entry.device_name(),
                        why.join("; ")
                    ),
                )
                .at(Some(entry.row()), Some("Device Type")),
            );
            continue;
        }
        match row_of(entry, device.mac(), mapping, options) {
            Ok(row) => groups.entry(row.key.clone()).or_default().push(row),
            Err(f) => findings.push(f),
        }
    }
    for mac in &mapping.workspace_order {
        if !in_inventory.contains(mac) {
            findings.push(Finding::new(
                ErrorCode::MappingUnknownDevice,
                format!(
                    "the mapping sends {} to workspace {:?}, but the inventory has no such phone; check the MAC",
                    mac.device_name(),
                    mapping.workspaces[mac].name
                ),
            ));
        }
    }
    let prefix = TaskName::suggest(&options.prefix);
    let mut uploads = Vec::new();
    split_into_tasks(&prefix, groups, options.max_devices, |name, chunk| {
        if let Some(upload) = validated(name, chunk, options, &mut findings)? {
            uploads.push(upload);
        }
        Ok(())
    })?;
    findings.sort_by_key(|f| f.row().unwrap_or(u64::MAX));
    Ok(PreparedUploads { uploads, findings })
}

/// The cells of an entry's upload row, or the finding of what the mapping lacks.
fn row_of(
    entry: &InventoryEntry,
    mac: Mac,
    mapping: &Mapping,
    options: &PrepareOptions,
) -> std::result::Result<Row, Finding> {
    let device = entry
        .device()
        .map(|d| d.model())
        .map_or("", |m| m.ucm_name());
    let at = |f: Finding, column: &'static str| f.at(Some(entry.row()), Some(column));
    let group = |location: &str| match options.group_by {
        FleetGrouping::None => String::new(),
        FleetGrouping::Location => location.to_owned(),
        FleetGrouping::Model => entry.device().map_or("", |d| d.model().name()).to_owned(),
    };
    if options.option == UploadOption::LicenseOnly {
        let cells = vec![device.to_owned(), mac.to_string()];
        return Ok(Row {
            cells,
            export_row: entry.row(),
            key: group(""),
        });
    }
    let workspace = mapping.workspace_of(mac);
    let location = match workspace.and_then(|w| w.location.as_deref()) {
        Some(l) => l.to_owned(),
        None => match mapping.location_of(entry.device_pool(), entry.location()) {
            Some(l) => l.to_owned(),
            None => {
                return Err(at(
                    Finding::new(
                        ErrorCode::MappingNoLocation,
                        format!(
                            "{}: the mapping gives no Webex location for device pool {:?} nor Unified CM location {:?}; add one of them to \"device_pools\" or \"locations\" (CSV-11)",
                            entry.device_name(),
                            entry.device_pool(),
                            entry.location()
                        ),
                    ),
                    "Device Pool",
                ));
            }
        },
    };
    let (owner_type, username, number, extension, call_plan) = match workspace {
        Some(w) => {
            let Some(number) = w
                .phone_number
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
            else {
                return Err(at(
                    Finding::new(
                        ErrorCode::MappingNoPhoneNumber,
                        format!(
                            "{} goes to workspace {:?}, which the mapping gives no phone number; a workspace needs an E.164 number (CSV-5)",
                            entry.device_name(),
                            w.name
                        ),
                    ),
                    "Device Name",
                ));
            };
            (
                "WORKSPACE",
                w.name.clone(),
                number.to_owned(),
                w.extension.clone().unwrap_or_default(),
                w.call_plan.to_string(),
            )
        }
        None => {
            let owner = entry.owner_user_id();
            let Some(email) = mapping.email_of(owner).filter(|e| !e.is_empty()) else {
                let what = if owner.is_empty() {
                    format!(
                        "{} has no Owner User ID and is not mapped to a workspace; add it to \"workspaces\" or give it an owner",
                        entry.device_name()
                    )
                } else {
                    format!(
                        "{}: the mapping gives no email for owner user id {owner:?}; add it to \"users\"",
                        entry.device_name()
                    )
                };
                return Err(at(
                    Finding::new(ErrorCode::MappingNoUser, format!("{what} (CSV-4)")),
                    "Owner User ID",
                ));
            };
            (
                "USER",
                email.to_owned(),
                String::new(),
                String::new(),
                String::new(),
            )
        }
    };
    let cells = options
        .option
        .columns()
        .iter()
        .map(|c| match c {
            Column::Type => owner_type.to_owned(),
            Column::Username => username.clone(),
            Column::PhoneNumber => number.clone(),
            Column::Extension => extension.clone(),
            Column::DeviceType => "IP".to_owned(),
            Column::Model => device.to_owned(),
            Column::MacAddress => mac.to_string(),
            Column::Location => location.clone(),
            Column::CallPlan => call_plan.clone(),
        })
        .collect();
    Ok(Row {
        cells,
        export_row: entry.row(),
        key: group(&location),
    })
}

fn csv_of(option: UploadOption, rows: &[&Row]) -> String {
    let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
    let columns = option.columns();
    let _ = out.write_record(columns.iter().map(|c| c.header()));
    for row in rows {
        let _ = out.write_record(
            row.cells
                .iter()
                .zip(columns.iter())
                .map(|(cell, &c)| spreadsheet_safe(cell, Some(c)).into_owned()),
        );
    }
    out.into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}

/// Validates a chunk, leaves out what the validation refuses (their findings go to
/// `findings`, on the export's rows), until the file validates whole.
fn validated(
    name: TaskName,
    chunk: &[Row],
    options: &PrepareOptions,
    findings: &mut Vec<Finding>,
) -> Result<Option<PreparedUpload>> {
    let upload_options = || {
        let o = UploadOptions::new(options.option).with_eligibility(options.eligibility.clone());
        match &options.directory {
            Some(d) => o.with_directory(d.clone()),
            None => o,
        }
    };
    let mut rows: Vec<&Row> = chunk.iter().collect();
    // Leaving rows out can change only the verdicts that depend on earlier rows (DEC-2,
    // DEC-5), and only towards accepting: a few rounds settle it.
    loop {
        if rows.is_empty() {
            return Ok(None);
        }
        let content = csv_of(options.option, &rows);
        let report = validate_upload(content.as_bytes(), upload_options())?;
        let refused: HashSet<u64> = report.rejected_rows().map(|r| r.row()).collect();
        if refused.is_empty() {
            for f in report.findings() {
                findings.push(on_export_row(f, &rows, &name));
            }
            let export_rows = rows.iter().map(|r| r.export_row).collect();
            return Ok(Some(PreparedUpload {
                file: OutputFile {
                    name: format!("{}.csv", name.as_str()),
                    content,
                },
                task_name: name,
                report,
                export_rows,
            }));
        }
        for f in report.findings() {
            if f.row().is_some_and(|r| refused.contains(&r)) {
                findings.push(on_export_row(f, &rows, &name));
            }
        }
        rows = rows
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !refused.contains(&(*i as u64 + 2)))
            .map(|(_, r)| r)
            .collect();
    }
}

/// A validation finding of upload row `n` moved to the export's row it came from.
fn on_export_row(f: &Finding, rows: &[&Row], task: &TaskName) -> Finding {
    let export_row = f
        .row()
        .and_then(|r| r.checked_sub(2))
        .and_then(|i| rows.get(i as usize))
        .map(|r| r.export_row);
    let message = match f.row() {
        Some(r) => format!("{} row {r}: {}", task.as_str(), f.message()),
        None => format!("{}: {}", task.as_str(), f.message()),
    };
    let mut g = Finding::new(f.code(), message).at(export_row, f.column().map(str::to_owned));
    if let Some(s) = f.suggestion() {
        g = g.with_suggestion(s.to_owned());
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_from_bytes_refuses_what_is_not_utf8_as_mapping_invalid() {
        let error = Mapping::from_json_bytes(b"{\"users\": {\"\xff\": \"a@b.c\"}}").unwrap_err();
        assert_eq!(error.code(), ErrorCode::MappingInvalid);
        assert_eq!(
            error.finding().message(),
            "mapping: the JSON document is not UTF-8"
        );
        let read = Mapping::from_json_bytes(br#"{"users": {"jdoe": "jdoe@example.com"}}"#);
        assert_eq!(read.unwrap().email_of("jdoe"), Some("jdoe@example.com"));
    }
}
