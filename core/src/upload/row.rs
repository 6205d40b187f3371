//! The rules of one data row (CSV-3 to CSV-13, DEV-6, DEC-2 to DEC-10), each enforced here and
//! only here. Every problem of a row is reported, not just the first (DEC-1).

use foldhash::{HashMap, HashMapExt};
use std::sync::Arc;

use crate::device::{Assignment, Device};
use crate::directory::Directory;
use crate::eligibility::EligibilityTable;
use crate::error::{ErrorCode, Finding, Severity, SharedPlace};
use crate::mac::Mac;
use crate::model::{ModelLabel, parse_model_label};
use crate::text::{quoted, trim, unneutralised};

use super::columns;
use super::first_rows::FirstRows;
use super::records::Record;
use super::rejected::{Cells, RowCells};
use super::schema::{Column, Header, UploadOption};

/// The outcome of one data row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadRow {
    row: u64,
    device: Option<Device>,
    findings: Vec<Finding>,
    cells: RowCells,
    blank: bool,
}

impl UploadRow {
    /// The row, as a spreadsheet numbers it (header = 1).
    pub fn row(&self) -> u64 {
        self.row
    }
    /// The accepted device, normalised; `None` when the row was refused.
    pub fn device(&self) -> Option<&Device> {
        self.device.as_ref()
    }
    /// Whether the row was accepted (it may still carry warnings).
    pub fn is_accepted(&self) -> bool {
        self.device.is_some()
    }
    /// Whether the row was blank (DEC-10).
    pub fn is_blank(&self) -> bool {
        self.blank
    }
    /// Every problem of the row, in column order.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
    /// The row's cells as read (bytes that are not UTF-8 shown as U+FFFD; a spreadsheet's text
    /// marker `'` before a formula character dropped, as the upload reads it), kept for refused
    /// rows only: what the errors export writes back (CSV-15). Empty for accepted rows.
    pub fn cells(&self) -> Cells<'_> {
        self.cells.cells()
    }
    /// The parts: device, findings, cells.
    pub fn into_parts(self) -> (Option<Device>, Vec<Finding>, RowCells) {
        (self.device, self.findings, self.cells)
    }
}

/// How many distinct model cells [`RowValidator::model_verdict`] remembers.
const MODEL_MEMO_LIMIT: usize = 256;

/// A cell of the row, once read.
#[derive(Clone, Copy)]
pub(super) enum Cell<'a> {
    /// The file has no such column.
    Absent,
    /// The cell's text as written (a spreadsheet's text marker aside), untrimmed.
    Text(&'a str),
    /// The cell could not be read (not UTF-8, too long); already reported.
    Unreadable,
}

impl<'a> Cell<'a> {
    /// The text, trimmed, when there is some.
    pub(super) fn text(self) -> Option<&'a str> {
        match self {
            Cell::Text(t) => Some(trim(t)).filter(|t| !t.is_empty()),
            _ => None,
        }
    }
    /// The text exactly as written, when there is some besides white space: names match
    /// exactly (DEC-7), so `" HQ "` is not `"HQ"`.
    pub(super) fn exact(self) -> Option<&'a str> {
        self.text().and(match self {
            Cell::Text(t) => Some(t),
            _ => None,
        })
    }
    pub(super) fn is_unreadable(self) -> bool {
        matches!(self, Cell::Unreadable)
    }
}

/// Validates rows one at a time, remembering what later rows are checked against: the first row
/// of each MAC (DEC-2) and of each extension in a location (DEC-5).
pub(crate) struct RowValidator {
    option: UploadOption,
    directory: Option<Arc<Directory>>,
    eligibility: Arc<EligibilityTable>,
    /// The first row of each MAC (DEC-2).
    first_row_of_mac: FirstRows<[u8; 6]>,
    /// Model cells already judged (see [`RowValidator::model_verdict`]).
    model_memo: HashMap<Box<str>, (ModelLabel, Vec<Finding>)>,
    /// Without a directory, the locations seen in Extension checks, by name, as small
    /// numbers (with one, a location is its position in the directory).
    location_ids: HashMap<String, u64>,
    /// The first row of each (location, extension), packed by [`extension_key`].
    first_row_of_extension: FirstRows<[u8; 6]>,
    /// The same for the keys [`extension_key`] cannot pack (beyond 8192 locations: a
    /// directory or a file naming more).
    first_row_of_extension_wide: HashMap<(u64, u64), u64>,
    /// The last message of each code, shared by the findings that repeat it
    /// ([`RowValidator::share_messages`]).
    last_message: HashMap<ErrorCode, Arc<str>>,
}

/// Collects a row's findings, placing each at the row and column.
pub(super) struct Findings {
    pub(super) row: u64,
    list: Vec<Finding>,
}

impl Findings {
    /// A mandatory value is missing: the cell is empty, or the file has no such column.
    pub(super) fn missing(&mut self, column: Column, cell: Cell<'_>, code: ErrorCode, empty: &str) {
        let message = match cell {
            Cell::Absent => format!(
                "the file has no {} column (see row 1); {empty}",
                column.header()
            ),
            _ => format!("{} is empty; {empty}", column.header()),
        };
        self.error(column, code, message);
    }
    pub(super) fn add(&mut self, column: Column, finding: Finding) {
        // One place per column for every finding without a suggestion (issue 14 section 5).
        static PLACES: std::sync::LazyLock<[SharedPlace; 9]> =
            std::sync::LazyLock::new(|| Column::ALL.map(|c| SharedPlace::column(c.header())));
        self.list
            .push(finding.at_shared(self.row, &PLACES[column as usize]));
    }
    pub(super) fn error(&mut self, column: Column, code: ErrorCode, message: String) {
        self.add(column, Finding::new(code, message));
    }
    fn has_errors(&self) -> bool {
        self.list.iter().any(|f| f.severity() == Severity::Error)
    }
}

impl RowValidator {
    pub(crate) fn new(
        option: UploadOption,
        directory: Option<Arc<Directory>>,
        eligibility: Arc<EligibilityTable>,
    ) -> RowValidator {
        RowValidator {
            option,
            directory,
            eligibility,
            first_row_of_mac: FirstRows::new(),
            model_memo: HashMap::new(),
            location_ids: HashMap::new(),
            first_row_of_extension: FirstRows::new(),
            first_row_of_extension_wide: HashMap::new(),
            last_message: HashMap::new(),
        }
    }

    /// Makes room in the indexes of DEC-2 and DEC-5 for a file of `rows` data rows in all,
    /// judging from the rows read so far (`rows_read`) how many of them record a key.
    pub(crate) fn reserve(&mut self, rows: u64, rows_read: u64) {
        let share = |keys: usize| {
            let keys = (rows as u128 * keys as u128 / u128::from(rows_read.max(1))) as u64;
            usize::try_from(keys).unwrap_or(usize::MAX)
        };
        let macs = share(self.first_row_of_mac.len());
        self.first_row_of_mac.reserve(macs);
        let extensions = share(self.first_row_of_extension.len());
        self.first_row_of_extension.reserve(extensions);
    }

    /// Validates one data record against the header.
    pub(crate) fn validate(&mut self, rec: &Record<'_>, header: &Header) -> UploadRow {
        let mut row = self.validate_row(rec, header);
        self.share_messages(&mut row.findings);
        row
    }

    /// Gives each finding the message of the last finding of its code when the two are the
    /// same text: a file that repeats one mistake on a million rows then holds one message,
    /// not a million (issue 14 section 5). One message is remembered per code.
    fn share_messages(&mut self, findings: &mut [Finding]) {
        for finding in findings {
            let last = self
                .last_message
                .entry(finding.code())
                .or_insert_with(|| Arc::clone(finding.message_shared()));
            if !finding.share_message(last) {
                *last = Arc::clone(finding.message_shared());
            }
        }
    }

    fn validate_row(&mut self, rec: &Record<'_>, header: &Header) -> UploadRow {
        let row = rec.row;
        let mut out = Findings {
            row,
            list: Vec::new(),
        };
        // The shape of the row first (DEC-10, EXT-12): such a row is refused as a whole.
        if rec.is_blank() {
            // One message shared by every blank row (the row is the finding's own field): a
            // million blank lines cost no million messages (issue 14 section 5).
            static BLANK: std::sync::LazyLock<std::sync::Arc<str>> =
                std::sync::LazyLock::new(|| {
                    "the row is blank; Webex rejects blank lines, delete it".into()
                });
            out.list.push(
                Finding::shared(ErrorCode::BlankLine, std::sync::Arc::clone(&BLANK))
                    .at(Some(row), None::<&str>),
            );
            return refused(rec, out.list, true);
        }
        if rec.flags.unterminated_quote {
            out.list.push(
                Finding::new(ErrorCode::UnterminatedQuote, format!("a quoted cell opened in row {row} is never closed; the row was read to the end of its line and the rows after it are validated; close the quote (inside a quoted cell, write a quote as two)"))
                    .at(Some(row), None::<&str>),
            );
            return refused(rec, out.list, false);
        }
        if let Some(message) = size_problem(rec) {
            out.list
                .push(Finding::new(ErrorCode::RecordTooLong, message).at(Some(row), None::<&str>));
            return refused(rec, out.list, false);
        }
        if rec.len() != header.width {
            out.list.push(
                Finding::new(
                    ErrorCode::FieldCountMismatch,
                    format!(
                        "row {row} has {} field{} but the header has {}; check for a missing or extra comma (escape a comma inside a value as \\, or quote the value)",
                        rec.len(),
                        if rec.len() == 1 { "" } else { "s" },
                        header.width
                    ),
                )
                .at(Some(row), None::<&str>),
            );
            return refused(rec, out.list, false);
        }
        // Read every cell, reporting the unreadable ones.
        let mut cells = [Cell::Absent; 9];
        if let Some(texts) = rec.texts().filter(|_| rec.flags.long_field.is_none()) {
            // The common case: every byte is UTF-8 and no cell is too long, so only the
            // schema's columns need reading.
            for column in Column::ALL {
                if let Some(text) = header.position(column).and_then(|p| texts.get(p)) {
                    cells[column as usize] = Cell::Text(unneutralised(text));
                }
            }
        } else {
            self.read_cells_one_by_one(rec, header, &mut out, &mut cells);
        }
        if header.activation_code.is_some() || !header.duplicates.is_empty() {
            header_dependent(rec, header, &cells, &mut out);
        }
        let cell = |c: Column| cells[c as usize];
        let device = match self.option {
            UploadOption::LicenseOnly => self
                .phone(&mut out, cell(Column::Model), cell(Column::MacAddress))
                .map(|(mac, label)| Device::uploaded(mac, label, None, row)),
            UploadOption::LicenseAndDevice => self.license_and_device(&mut out, &cells),
        };
        // Report in column order, whatever order the rules ran in (stable: a column's own
        // findings keep theirs).
        if out.list.len() > 1 {
            let order = |f: &Finding| {
                Column::ALL
                    .iter()
                    .position(|c| Some(c.header()) == f.column())
                    .unwrap_or(usize::MAX)
            };
            out.list.sort_by_key(order);
        }
        if out.has_errors() {
            return refused(rec, out.list, false);
        }
        UploadRow {
            row,
            device,
            findings: out.list,
            cells: RowCells::default(),
            blank: false,
        }
    }

    /// Model and MAC Address: the two columns of both schemas (CSV-8, CSV-9, CSV-10, CSV-13,
    /// DEV-2, DEV-4, DEV-6, DEC-2, DEC-8).
    fn phone(
        &mut self,
        out: &mut Findings,
        model: Cell<'_>,
        mac: Cell<'_>,
    ) -> Option<(Mac, ModelLabel)> {
        let model = match model.text() {
            None if model.is_unreadable() => None,
            None => {
                out.missing(
                    Column::Model,
                    model,
                    ErrorCode::ModelMissing,
                    "give the phone model, e.g. 8845 or CP-8845-K9=",
                );
                None
            }
            Some(text) => match self.model_verdict(text) {
                Err(e) => {
                    out.add(Column::Model, e.into_finding());
                    None
                }
                Ok((label, findings)) => {
                    for f in findings {
                        out.add(Column::Model, f);
                    }
                    Some(label)
                }
            },
        };
        let mac = match mac.text() {
            None if mac.is_unreadable() => None,
            None => {
                out.missing(
                    Column::MacAddress,
                    mac,
                    ErrorCode::MacMissing,
                    "give the phone's 12-digit MAC address",
                );
                None
            }
            Some(text) => match Mac::parse(text) {
                Ok(mac) => self.check_mac(out, mac),
                // A MAC that reads is never 16 digits: only a refused one can be a code.
                Err(_) if looks_like_activation_code(text) => {
                    out.error(
                        Column::MacAddress,
                        ErrorCode::ActivationCodeUnsupported,
                        format!("{} looks like an activation code; activation codes are not supported for Enterprise to MPP migration, give the phone's MAC address", quoted(text)),
                    );
                    None
                }
                Err(e) => {
                    out.add(Column::MacAddress, e.into_finding());
                    None
                }
            },
        };
        Some((mac?, model?))
    }

    /// DEC-2 and CSV-13 for a MAC that reads.
    fn check_mac(&mut self, out: &mut Findings, mac: Mac) -> Option<Mac> {
        let row = out.row;
        let first = self.first_row_of_mac.first_row(mac.octets(), row);
        if first != row {
            out.add(
                Column::MacAddress,
                Finding::new(ErrorCode::MacDuplicate, format!("MAC address {mac} is already in row {first} of this file; a MAC may appear once")),
            );
            return None;
        }
        if self.option == UploadOption::LicenseAndDevice
            && self.directory.as_ref().is_some_and(|d| d.has_device(mac))
        {
            out.error(
                Column::MacAddress,
                ErrorCode::MacInWebexCalling,
                format!("device {mac} is already configured in Webex Calling; remove it from this upload"),
            );
            return None;
        }
        Some(mac)
    }

    /// The nine columns of *Generate device license and add device* (CSV-1, CSV-3 to CSV-12):
    /// one checker per column ([`super::columns`]), in column order.
    fn license_and_device(&mut self, out: &mut Findings, cells: &[Cell<'_>; 9]) -> Option<Device> {
        let cell = |c: Column| cells[c as usize];
        let directory = self.directory.clone();
        let directory = directory.as_deref();
        let owner = columns::owner_type(out, cell(Column::Type));
        let (username, existing_workspace) =
            columns::username(out, cell(Column::Username), owner, directory);
        let location = columns::location(out, cell(Column::Location), directory);
        let phone_number = columns::phone_number(out, cell(Column::PhoneNumber), owner);
        let extension = self.extension(out, cell(Column::Extension), owner, location, directory);
        columns::device_type(out, cell(Column::DeviceType));
        // CSV-8, CSV-9, CSV-10, CSV-13, DEV-6, DEC-2, DEC-8: Model and MAC Address.
        let phone = self.phone(out, cell(Column::Model), cell(Column::MacAddress));
        let call_plan = columns::call_plan(
            out,
            cell(Column::CallPlan),
            owner,
            location,
            directory,
            existing_workspace,
        );

        // A row with an error is refused: its device would only be dropped.
        if out.has_errors() {
            return None;
        }
        let ((mac, label), owner, username, (location, _)) = (phone?, owner?, username?, location?);
        let assignment = Assignment {
            owner_type: owner,
            username: username.to_owned(),
            phone_number,
            extension: extension.map(str::to_owned),
            location: location.to_owned(),
            call_plan,
        };
        Some(Device::uploaded(mac, label, Some(assignment), out.row))
    }
}

impl RowValidator {
    /// CSV-8: the model a cell names and what the eligibility table says of it (DEV-1, DEV-2,
    /// DEV-4, and DEV-5 when the cell carries the VID). Whether an Unknown phone migrates is
    /// decided when the task checks eligibility (ELIG-1, EXT-3), not here. A file repeats a
    /// handful of spellings, so verdicts are remembered by cell text (up to a bound).
    fn model_verdict(&mut self, text: &str) -> crate::error::Result<(ModelLabel, Vec<Finding>)> {
        if let Some((label, findings)) = self.model_memo.get(text) {
            return Ok((*label, findings.clone()));
        }
        let label = parse_model_label(text)?;
        let (_, findings) = self
            .eligibility
            .assess(label.model, label.hardware_version)
            .into_parts();
        let findings: Vec<Finding> = findings
            .into_iter()
            .filter(|f| {
                !matches!(
                    f.code(),
                    ErrorCode::HardwareVersionUnknown | ErrorCode::EligibilityNoRule
                )
            })
            .collect();
        if self.model_memo.len() < MODEL_MEMO_LIMIT {
            self.model_memo
                .insert(text.into(), (label, findings.clone()));
        }
        Ok((label, findings))
    }

    /// Reads a row's cells one at a time, reporting those that are not UTF-8 (DEC-10) or are
    /// longer than the reader's limit; the unreadable ones are left out of the checks.
    fn read_cells_one_by_one<'r>(
        &self,
        rec: &Record<'r>,
        header: &Header,
        out: &mut Findings,
        cells: &mut [Cell<'r>; 9],
    ) {
        let row = rec.row;
        for (i, bytes) in rec.fields().enumerate() {
            let column = header.column_at(i);
            let name = || {
                column.map_or_else(
                    || header.cells.get(i).cloned().unwrap_or_default(),
                    |c| c.header().to_owned(),
                )
            };
            let cell = if rec.flags.long_field == Some(i) {
                let name = name();
                out.list.push(
                    Finding::new(
                        ErrorCode::FieldTooLong,
                        format!("the {name} cell of row {row} is longer than the reader's limit of {} bytes per cell (max_field_bytes)", rec.limits.max_field_bytes),
                    )
                    .at(Some(row), Some(name)),
                );
                Cell::Unreadable
            } else {
                match rec.text(i).unwrap_or_else(|| std::str::from_utf8(bytes)) {
                    Ok(text) => Cell::Text(unneutralised(text)),
                    Err(e) => {
                        let name = name();
                        out.list.push(
                            Finding::new(
                                ErrorCode::InvalidUtf8,
                                format!("the {name} cell of row {row} has bytes that are not UTF-8 (at byte {}); save the file as UTF-8", e.valid_up_to() + 1),
                            )
                            .at(Some(row), Some(name)),
                        );
                        Cell::Unreadable
                    }
                }
            };
            if let Some(column) = column {
                cells[column as usize] = cell;
            }
        }
    }

    /// DEC-5: the first row that used the extension of [`extension_code`] `code` in a
    /// location, recording `row` if none did. The location is its `index` in the directory, or
    /// without a directory its name.
    pub(super) fn first_row_of_extension(
        &mut self,
        location: &str,
        index: Option<usize>,
        code: u64,
        row: u64,
    ) -> u64 {
        let id = match index {
            Some(i) => i as u64,
            None => match self.location_ids.get(location) {
                Some(&id) => id,
                None => {
                    let id = self.location_ids.len() as u64;
                    self.location_ids.insert(location.to_owned(), id);
                    id
                }
            },
        };
        match extension_key(id, code) {
            Some(key) => self.first_row_of_extension.first_row(key, row),
            None => *self
                .first_row_of_extension_wide
                .entry((id, code))
                .or_insert(row),
        }
    }
}

/// DEC-5: a location's number and an [`extension_code`] (35 bits) packed into six bytes, as
/// compact as a MAC in the index, when the number fits the 13 bits left (8192 locations).
fn extension_key(location: u64, code: u64) -> Option<[u8; 6]> {
    const CODE_BITS: u32 = 35;
    debug_assert!(code < 1 << CODE_BITS);
    if location >= 1 << (48 - CODE_BITS) {
        return None;
    }
    let [_, _, key @ ..] = ((location << CODE_BITS) | code).to_be_bytes();
    Some(key)
}

/// Which size limit of the reader a record exceeded, as a message naming it (issue 9: a
/// message must name the limit, not just say "too long").
pub(crate) fn size_problem(rec: &Record<'_>) -> Option<String> {
    let row = rec.row;
    if rec.flags.too_long {
        Some(format!(
            "row {row} is longer than the reader's limit of {} bytes per row (max_record_bytes); it was not read; split it or raise the limit",
            rec.limits.max_record_bytes
        ))
    } else if rec.flags.too_many_fields {
        Some(format!(
            "row {row} has {} fields, more than the reader's limit of {} fields per row (max_fields); it was not read; remove columns or raise the limit",
            rec.len(),
            rec.limits.max_fields
        ))
    } else {
        None
    }
}

/// A refused row, keeping its cells for the errors export (CSV-15): as read, a spreadsheet's
/// text marker aside, so that the export (which adds it again where needed) uploads to the
/// same values.
fn refused(rec: &Record<'_>, findings: Vec<Finding>, blank: bool) -> UploadRow {
    UploadRow {
        row: rec.row,
        device: None,
        findings,
        cells: refused_cells(rec),
        blank,
    }
}

/// The cells of a refused row, as [`refused`] keeps them.
fn refused_cells(rec: &Record<'_>) -> RowCells {
    let mut cells = RowCells::with_capacity(rec.stored_len(), rec.raw_len());
    for i in 0..rec.stored_len() {
        match rec.text(i) {
            // UTF-8 (nearly every cell): as from_utf8_lossy would give it, without its pass.
            Some(Ok(text)) => cells.push(unneutralised(text)),
            Some(Err(_)) => {
                if let Some(f) = rec.field(i) {
                    cells.push(unneutralised(&String::from_utf8_lossy(f)));
                }
            }
            None => {}
        }
    }
    cells
}

/// The checks of a row that depend on a header problem (DEC-9): a row giving an activation
/// code in an `Activation Code` column (CSV-10, DEC-8), and a row whose cells differ in a
/// column the header names twice, are refused; a row that leaves the code empty, or repeats
/// the same value, is read.
fn header_dependent(rec: &Record<'_>, header: &Header, cells: &[Cell<'_>; 9], out: &mut Findings) {
    let cell_text = |i: usize| -> Option<&str> {
        match rec.text(i) {
            Some(Ok(t)) => Some(trim(unneutralised(t))),
            _ => None,
        }
    };
    if let Some(i) = header.activation_code {
        if let Some(code) = cell_text(i).filter(|t| !t.is_empty()) {
            let name = header.cells.get(i).cloned().unwrap_or_default();
            out.list.push(
                Finding::new(
                    ErrorCode::ActivationCodeUnsupported,
                    format!("row {} gives the activation code {}; activation codes are not supported for Enterprise to MPP migration, give the phone's MAC Address and leave {name} empty", out.row, quoted(code)),
                )
                .at(Some(out.row), Some(name)),
            );
        }
    }
    for &(column, at) in &header.duplicates {
        let first = match cells[column as usize] {
            Cell::Text(t) => trim(t),
            _ => continue,
        };
        let Some(second) = cell_text(at) else {
            continue;
        };
        if first != second {
            let first_at = header.position(column).map_or(0, |p| p + 1);
            out.error(
                column,
                ErrorCode::DuplicateColumnConflict,
                format!(
                    "the header has two {} columns (columns {first_at} and {}) and this row gives them different values, {} and {}; keep one column, or give both the same value",
                    column.header(),
                    at + 1,
                    quoted(first),
                    quoted(second)
                ),
            );
        }
    }
}

/// A 16-digit value (with optional dashes or spaces) in the MAC Address column: an activation
/// code (DEC-8).
fn looks_like_activation_code(text: &str) -> bool {
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    digits == 16
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b' ')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::extension_code;

    #[test]
    fn dec5_keys_beyond_the_packed_range_are_kept_too() {
        let mut v = RowValidator::new(
            UploadOption::LicenseAndDevice,
            None,
            EligibilityTable::control_hub(),
        );
        let code = extension_code("0012").unwrap();
        assert_ne!(code, extension_code("12").unwrap());
        let wide = Some(1usize << 13);
        assert_eq!(extension_key(1 << 13, code), None);
        assert!(extension_key((1 << 13) - 1, code).is_some());
        assert_eq!(v.first_row_of_extension("x", wide, code, 2), 2);
        assert_eq!(v.first_row_of_extension("x", wide, code, 3), 2);
        assert_eq!(v.first_row_of_extension("x", Some(0), code, 4), 4);
        // Without a directory, locations are told apart by name.
        let mut v = RowValidator::new(
            UploadOption::LicenseAndDevice,
            None,
            EligibilityTable::control_hub(),
        );
        assert_eq!(v.first_row_of_extension("HQ", None, code, 5), 5);
        assert_eq!(v.first_row_of_extension("HQ", None, code, 6), 5);
        assert_eq!(v.first_row_of_extension("Branch", None, code, 7), 7);
    }
}
