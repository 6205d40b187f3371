//! What a Unified CM export lacks, from the host (EXT-14): the hardware version of each phone
//! from its label or UDI (EXT-1, EXT-16), and the load it runs from RIS `selectCmDevice`'s
//! `ActiveLoadID` (EXT-6, EXT-15). Both are keyed by MAC and merged into the inventory by it.

use std::io::Read;

use foldhash::HashMap;

use crate::error::{Error, ErrorCode, Finding, Result};
use crate::firmware::FirmwareVersion;
use crate::hardware::HardwareVersion;
use crate::mac::Mac;
use crate::model::Model;
use crate::text::quoted;

use super::rows::{Rows, find_column, header_key};
use super::udi::parse_udi;

/// A device named by MAC or by Unified CM device name (`SEP` + MAC, DEV-7).
pub(crate) fn read_identity(text: &str) -> Result<Mac> {
    let t = text.trim();
    let named = |p: &str| {
        p.bytes().all(|b| b.is_ascii_alphabetic()) && !p.bytes().all(|b| b.is_ascii_hexdigit())
    };
    if t.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("SEP")) {
        Mac::from_device_name(t)
    } else {
        // `CSFJSMITH` is a device name that is not a phone's; `001A…` a MAC to read.
        Mac::parse(t).or_else(|e| match t.get(..3) {
            Some(p) if named(p) => Mac::from_device_name(t),
            _ => Err(e),
        })
    }
}

/// One value of a list, where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry<T> {
    value: T,
    model: Option<&'static Model>,
    row: Option<u64>,
}

/// The hardware version (VID) of phones, by MAC (EXT-1, EXT-16): from a host's `MAC,VID`
/// list, or a list of UDI strings, or built in code.
///
/// The CSV has a column naming the device (`MAC`, `MAC Address`, `Device Name` or `Name`: a
/// MAC in a spelling DEV-6 accepts or a `SEP` name) and one giving its hardware (`VID`,
/// `Hardware Version`, or `UDI` holding a UDI string). Without a header row, the first column
/// names the device and the second gives a VID or a UDI.
///
/// ```
/// use mpp_migration::{HardwareList, Mac};
/// let list = HardwareList::from_csv("MAC,VID\n001A2B3C4D5E,V03\nSEP001A2B3C4D5F,\"PID: CP-8845-K9=, VID: V02, SN: FCH1\"\n".as_bytes())?;
/// assert_eq!(list.get(Mac::parse("001A2B3C4D5F")?).map(|v| v.number()), Some(2));
/// assert!(list.findings().is_empty());
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HardwareList {
    entries: HashMap<Mac, Entry<HardwareVersion>>,
    findings: Vec<Finding>,
}

/// The running Enterprise load of phones, by MAC (EXT-6, EXT-15): from a RIS `selectCmDevice`
/// dump or a host's `Name,ActiveLoadID` list, or built in code.
///
/// The CSV has a column naming the device (`Name`, `Device Name`, `MAC`, `MAC Address`) and
/// one with its load (`ActiveLoadID`, `Active Load ID`, `Active Load`, `Load`, `Firmware`);
/// other columns (`IPAddress`, `Status`, `Model`, `InactiveLoadID`…) are ignored. A load may
/// carry the `.loads` suffix TFTP uses. An empty load (an unregistered phone) is no entry.
/// Without a header row, the first column names the device and the second gives its load.
///
/// ```
/// use mpp_migration::{LoadList, Mac};
/// let list = LoadList::from_csv("Name,Status,ActiveLoadID\nSEP001A2B3C4D5E,Registered,sip78xx.14-3-1-0001-60\n".as_bytes())?;
/// assert_eq!(list.get(Mac::parse("001A2B3C4D5E")?).map(|f| f.to_string()), Some("14.3(1)".to_owned()));
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadList {
    entries: HashMap<Mac, Entry<FirmwareVersion>>,
    findings: Vec<Finding>,
}

const ID_COLUMNS: &[&str] = &["mac", "mac address", "device name", "name"];
const VID_COLUMNS: &[&str] = &["vid", "hardware version", "udi"];
const LOAD_COLUMNS: &[&str] = &[
    "activeloadid",
    "active load id",
    "active load",
    "load",
    "firmware",
];

/// The accessors both lists share, written once: each list keeps `entries` (by MAC) and
/// `findings`.
macro_rules! list_accessors {
    () => {
        /// The row and MAC of each entry whose MAC `known` does not accept, in no order.
        pub(crate) fn unknown_entries(
            &self,
            known: impl Fn(&Mac) -> bool,
        ) -> Vec<(Option<u64>, Mac)> {
            self.entries
                .iter()
                .filter(|(mac, _)| !known(mac))
                .map(|(mac, e)| (e.row, *mac))
                .collect()
        }

        /// How many phones the list gives.
        pub fn len(&self) -> usize {
            self.entries.len()
        }

        /// Whether the list gives no phone.
        pub fn is_empty(&self) -> bool {
            self.entries.is_empty()
        }

        /// The rows that could not be read and the conflicts, in input order.
        pub fn findings(&self) -> &[Finding] {
            &self.findings
        }
    };
}

impl HardwareList {
    /// An empty list.
    pub fn new() -> HardwareList {
        HardwareList::default()
    }

    /// Reads the list in the file at `path`, as [`from_csv`](Self::from_csv) does: what a
    /// host that names its files (the C ABI's `*_path` functions) hands over.
    ///
    /// Errors: as `from_csv`, each message after the path (see [`crate::read_file`]), and
    /// [`ErrorCode::IoError`] naming the path when it cannot be opened.
    pub fn read_path(path: &std::path::Path) -> Result<HardwareList> {
        crate::read_file(path, |r| HardwareList::from_csv(r))
    }

    /// Reads a list (see the type's documentation). A row that cannot be read is a finding
    /// with its row and column, and the rest are still read.
    ///
    /// Errors: [`ErrorCode::IoError`]; [`ErrorCode::SupplementColumnMissing`] when a header
    /// has no device or no hardware column.
    pub fn from_csv(src: impl Read) -> Result<HardwareList> {
        let mut list = HardwareList::new();
        let unread = read_pairs(src, VID_COLUMNS, "VID", |row, mac, column, text| {
            let (vid, model) = if text.to_ascii_uppercase().contains("PID") {
                let udi = parse_udi(text)?;
                (udi.hardware_version(), Some(udi.model()))
            } else {
                (HardwareVersion::parse(text)?, None)
            };
            list.add(mac, vid, model, Some(row), column);
            Ok(())
        })?;
        list.findings.extend(unread);
        list.findings.sort_by_key(Finding::row);
        Ok(list)
    }

    /// Adds a phone's hardware version; `model` is the model its UDI names, if known. A second
    /// different value for the same MAC is a finding, and the first is kept.
    pub fn insert(&mut self, mac: Mac, vid: HardwareVersion, model: Option<&'static Model>) {
        self.add(mac, vid, model, None, "VID");
    }

    fn add(
        &mut self,
        mac: Mac,
        vid: HardwareVersion,
        model: Option<&'static Model>,
        row: Option<u64>,
        column: &'static str,
    ) {
        let entry = Entry {
            value: vid,
            model,
            row,
        };
        add(&mut self.entries, &mut self.findings, mac, entry, column);
    }

    /// The hardware version of the phone with this MAC.
    pub fn get(&self, mac: Mac) -> Option<HardwareVersion> {
        self.entries.get(&mac).map(|e| e.value)
    }

    /// The model the phone's UDI named, when the list came from UDI strings.
    pub fn model_of(&self, mac: Mac) -> Option<&'static Model> {
        self.entries.get(&mac).and_then(|e| e.model)
    }

    list_accessors!();
}

impl LoadList {
    /// An empty list.
    pub fn new() -> LoadList {
        LoadList::default()
    }

    /// Reads the list in the file at `path`, as [`from_csv`](Self::from_csv) does: what a
    /// host that names its files (the C ABI's `*_path` functions) hands over.
    ///
    /// Errors: as `from_csv`, each message after the path (see [`crate::read_file`]), and
    /// [`ErrorCode::IoError`] naming the path when it cannot be opened.
    pub fn read_path(path: &std::path::Path) -> Result<LoadList> {
        crate::read_file(path, |r| LoadList::from_csv(r))
    }

    /// Reads a list (see the type's documentation). A row that cannot be read is a finding
    /// with its row and column, and the rest are still read.
    ///
    /// Errors: [`ErrorCode::IoError`]; [`ErrorCode::SupplementColumnMissing`] when a header
    /// has no device or no load column.
    pub fn from_csv(src: impl Read) -> Result<LoadList> {
        let mut list = LoadList::new();
        let unread = read_pairs(
            src,
            LOAD_COLUMNS,
            "ActiveLoadID",
            |row, mac, column, text| {
                let load = FirmwareVersion::parse(strip_loads(text))?;
                list.add(mac, load, Some(row), column);
                Ok(())
            },
        )?;
        list.findings.extend(unread);
        list.findings.sort_by_key(Finding::row);
        Ok(list)
    }

    /// Adds a phone's running load. A second different value for the same MAC is a finding,
    /// and the first is kept.
    pub fn insert(&mut self, mac: Mac, load: FirmwareVersion) {
        self.add(mac, load, None, "ActiveLoadID");
    }

    fn add(&mut self, mac: Mac, load: FirmwareVersion, row: Option<u64>, column: &'static str) {
        let entry = Entry {
            value: load,
            model: None,
            row,
        };
        add(&mut self.entries, &mut self.findings, mac, entry, column);
    }

    /// The running load of the phone with this MAC.
    pub fn get(&self, mac: Mac) -> Option<&FirmwareVersion> {
        self.entries.get(&mac).map(|e| &e.value)
    }

    list_accessors!();
}

/// `sip78xx.14-3-1-0001-60.loads` as phones and TFTP name it (EXT-15), without the suffix.
fn strip_loads(text: &str) -> &str {
    let t = text.trim();
    match t.len().checked_sub(6) {
        Some(at) if t.is_char_boundary(at) && t[at..].eq_ignore_ascii_case(".loads") => &t[..at],
        _ => t,
    }
}

/// Adds `entry` for `mac` unless the list has one: a second different value is a finding
/// (`SupplementConflict`) and the first is kept, for either list.
fn add<T: PartialEq + std::fmt::Display>(
    entries: &mut HashMap<Mac, Entry<T>>,
    findings: &mut Vec<Finding>,
    mac: Mac,
    entry: Entry<T>,
    column: &'static str,
) {
    if let Some(first) = entries.get(&mac) {
        if first.value != entry.value {
            findings.push(
                conflict(mac, &first.value, &entry.value, first.row).at(entry.row, Some(column)),
            );
        }
        return;
    }
    entries.insert(mac, entry);
}

fn conflict(
    mac: Mac,
    first: &dyn std::fmt::Display,
    later: &dyn std::fmt::Display,
    row: Option<u64>,
) -> Finding {
    let where_ = row.map_or_else(String::new, |r| format!(" (row {r})"));
    Finding::new(
        ErrorCode::SupplementConflict,
        format!(
            "device {mac} is given {later} here but {first} earlier{where_}; {first} is kept: remove the wrong entry"
        ),
    )
}

/// Reads `device, value` pairs: with a header (columns by name, any order) or without one.
/// `each` gets the row, the MAC, the value column's name and the value; its error becomes a
/// finding on that row.
fn read_pairs(
    src: impl Read,
    value_columns: &[&str],
    value_name: &'static str,
    mut each: impl FnMut(u64, Mac, &'static str, &str) -> Result<()>,
) -> Result<Vec<Finding>> {
    let mut unread = Vec::new();
    let mut push = |f: Finding| unread.push(f);
    let mut rows = Rows::new(src);
    let Some((row, first)) = rows.next_record()? else {
        return Ok(Vec::new());
    };
    let first = first.clone();
    let keys: Vec<String> = first.iter().map(header_key).collect();
    let first_is_data = first
        .get(0)
        .and_then(|c| std::str::from_utf8(c).ok())
        .is_some_and(|c| read_identity(c).is_ok());
    let (id_col, value_col, id_name) = if first_is_data {
        (0, 1, "MAC")
    } else {
        let id = find_column(&keys, ID_COLUMNS);
        let value = find_column(&keys, value_columns);
        match (id, value) {
            (Some(i), Some(v)) => (i, v, "MAC"),
            _ => {
                let missing = if id.is_none() {
                    "MAC, MAC Address, Device Name or Name"
                } else {
                    value_name
                };
                return Err(Error::new(
                    ErrorCode::SupplementColumnMissing,
                    format!(
                        "the list's header has no {missing} column; expected a header such as \"MAC,{value_name}\" (EXT-1, EXT-15)"
                    ),
                )
                .at(Some(1), Some(value_name)));
            }
        }
    };
    let mut handle = |row: u64, record: &csv::ByteRecord| {
        let cell = |i: usize| {
            record
                .get(i)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .unwrap_or_default()
        };
        let (id, value) = (cell(id_col), cell(value_col));
        if id.trim().is_empty() && value.trim().is_empty() {
            return;
        }
        let mac = match read_identity(&id) {
            Ok(mac) => mac,
            Err(e) => {
                push(e.into_finding().at(Some(row), Some(id_name)));
                return;
            }
        };
        if value.trim().is_empty() {
            return;
        }
        if let Err(e) = each(row, mac, value_name, &value) {
            let f = e.into_finding();
            let message = format!("{}: {}", quoted(value.trim()), f.message());
            let mut g = Finding::new(f.code(), message).at(Some(row), Some(value_name));
            if let Some(s) = f.suggestion() {
                g = g.with_suggestion(s.to_owned());
            }
            push(g);
        }
    };
    if first_is_data {
        handle(row, &first);
    }
    while let Some((row, record)) = rows.next_record()? {
        let record = record.clone();
        handle(row, &record);
    }
    Ok(unread)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mac(s: &str) -> Mac {
        Mac::parse(s).unwrap()
    }

    #[test]
    fn lists_read_from_a_path_are_the_lists_of_their_bytes_ext_15_ext_16() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ucm");
        let (vids, loads) = (dir.join("vids.csv"), dir.join("ris-loads.csv"));
        let bytes = |p: &std::path::Path| std::fs::read(p).unwrap();
        let hardware = HardwareList::read_path(&vids).unwrap();
        assert_eq!(hardware, HardwareList::from_csv(&bytes(&vids)[..]).unwrap());
        let load = LoadList::read_path(&loads).unwrap();
        assert_eq!(load, LoadList::from_csv(&bytes(&loads)[..]).unwrap());
        let missing = dir.join("no-such-list.csv");
        let error = HardwareList::read_path(&missing).unwrap_err();
        assert_eq!(error.code(), ErrorCode::IoError);
        assert!(error.finding().message().contains("no-such-list.csv"));
        assert_eq!(
            LoadList::read_path(&missing).unwrap_err().code(),
            ErrorCode::IoError
        );
    }

    #[test]
    fn vid_lists_with_and_without_header() {
        let list = HardwareList::from_csv(
            "001A2B3C4D5E,V03\nSEP001A2B3C4D5F,\"PID: CP-8845-K9= , VID: V02, SN: FCH2117ABCD\"\n"
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list.get(mac("001A2B3C4D5E")).unwrap().number(), 3);
        assert_eq!(list.model_of(mac("001A2B3C4D5F")).unwrap().name(), "8845");
        let list = HardwareList::from_csv(
            "Hardware Version,Device Name\nV11,SEP001A2B3C4D5E\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(list.get(mac("001A2B3C4D5E")).unwrap().number(), 11);
    }

    #[test]
    fn bad_rows_are_findings_with_row_and_column() {
        let list = HardwareList::from_csv(
            "MAC,VID\n001A2B3C4D5E,V3x\nCSFJSMITH,V01\n001A2B3C4D5F,V02\n001A2B3C4D5F,V04\n,\n001A2B3C4D60,\n".as_bytes(),
        )
        .unwrap();
        let got: Vec<(Option<u64>, Option<&str>, &str)> = list
            .findings()
            .iter()
            .map(|f| (f.row(), f.column(), f.name()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(2), Some("VID"), "hardware_version_invalid"),
                (Some(3), Some("MAC"), "device_name_invalid"),
                (Some(5), Some("VID"), "supplement_conflict"),
            ]
        );
        assert_eq!(list.get(mac("001A2B3C4D5F")).unwrap().number(), 2);
        assert_eq!(list.len(), 1);
    }

    #[test]
    fn a_header_without_the_columns_is_refused() {
        let e = HardwareList::from_csv("Serial,Colour\nA,B\n".as_bytes()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::SupplementColumnMissing);
        let e = LoadList::from_csv("Name,IPAddress\nSEP001A2B3C4D5E,10.0.0.1\n".as_bytes())
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::SupplementColumnMissing);
        assert!(e.message().contains("ActiveLoadID"), "{}", e.message());
    }

    #[test]
    fn ris_dumps_with_loads_suffix_and_unregistered_phones() {
        let list = LoadList::from_csv(
            "Name,IPAddress,Model,Status,ActiveLoadID,InactiveLoadID\n\
             SEP001A2B3C4D5E,10.1.1.10,621,Registered,sip78xx.14-3-1-0001-60.loads,sip78xx.14-1-1-0001-136\n\
             SEP001A2B3C4D5F,,36670,UnRegistered,,\n\
             SEP001A2B3C4D60,10.1.1.12,36670,Registered,not a load,\n"
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list.get(mac("001A2B3C4D5E")).unwrap().major(), 14);
        assert_eq!(list.findings().len(), 1);
        assert_eq!(list.findings()[0].row(), Some(4));
        assert_eq!(list.findings()[0].name(), "firmware_version_invalid");
    }
}
