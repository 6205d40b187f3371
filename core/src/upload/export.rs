//! The files an administrator downloads around an upload (CSV-15, CSV-16): the errors file,
//! the templates, the user export and the normalised devices file. All are UTF-8 without a
//! byte-order mark, written by the `csv` crate, and safe to open in a spreadsheet.

use std::borrow::Cow;
use std::io::Write;

use crate::device::{Device, OwnerType};
use crate::directory::Directory;
use crate::e164::E164;
use crate::error::{Error, Finding, Result};

use super::row::UploadRow;
use super::schema::{Column, ERRORS_COLUMN, UploadOption};

/// A cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading `'`, the spreadsheet's marker for text, unless it is a valid
/// value of its column: a valid E.164 Phone Number starts with `+` and stays as it is. A cell
/// that already starts with `'` before such a character gets one more. The upload reads the
/// marker back as a spreadsheet does (it is not part of the value), so an exported file
/// uploads to the values it was written from: `'-Lab-` is the workspace `-Lab-`.
///
/// ```
/// use mpp_migration::{spreadsheet_safe, Column};
/// assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")", None), "'=HYPERLINK(\"x\")");
/// assert_eq!(spreadsheet_safe("+14085550100", Some(Column::PhoneNumber)), "+14085550100");
/// assert_eq!(spreadsheet_safe("+1 408 FLOWERS", Some(Column::PhoneNumber)), "'+1 408 FLOWERS");
/// assert_eq!(spreadsheet_safe("Lobby", None), "Lobby");
/// assert_eq!(spreadsheet_safe("'-Lab-", None), "''-Lab-");
/// assert_eq!(spreadsheet_safe("'Lab", None), "'Lab");
/// ```
pub fn spreadsheet_safe(cell: &str, column: Option<Column>) -> Cow<'_, str> {
    // A cell that already starts with the marker before such a character gets one more, so
    // that reading drops exactly the one added here.
    let risky = crate::text::needs_text_marker(cell);
    if !risky || (column == Some(Column::PhoneNumber) && E164::parse(cell).is_ok()) {
        Cow::Borrowed(cell)
    } else {
        Cow::Owned(format!("'{cell}"))
    }
}

/// Writes CSV records so that the upload's own reader reads back every cell as it was given
/// (issue 14: every export must read back to the same values). A cell is quoted when it holds
/// a comma, a quote or a line break; when it ends with a backslash (unquoted, `Smith\,` would
/// read as an escaped comma, EXT-12); and when it is the only cell of its record and empty (an
/// empty line is a blank row, DEC-10). Records end with `\n`.
struct CsvOut<W: Write> {
    out: W,
    line: Vec<u8>,
}

impl<W: Write> CsvOut<W> {
    fn new(out: W) -> CsvOut<W> {
        CsvOut {
            out,
            line: Vec::new(),
        }
    }

    fn write_record<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> Result<()> {
        self.line.clear();
        let mut count = 0;
        for cell in cells {
            let cell = cell.as_ref();
            if count > 0 {
                self.line.push(b',');
            }
            count += 1;
            let quote = cell.ends_with('\\')
                || cell
                    .bytes()
                    .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
            if quote {
                self.line.push(b'"');
                for b in cell.bytes() {
                    if b == b'"' {
                        self.line.push(b'"');
                    }
                    self.line.push(b);
                }
                self.line.push(b'"');
            } else {
                self.line.extend_from_slice(cell.as_bytes());
            }
        }
        if count == 1 && self.line.is_empty() {
            self.line.extend_from_slice(b"\"\"");
        }
        self.line.push(b'\n');
        self.out
            .write_all(&self.line)
            .map_err(|e| Error::io("writing CSV", e))
    }

    fn finish(mut self) -> Result<W> {
        self.out.flush().map_err(|e| Error::io("writing CSV", e))?;
        Ok(self.out)
    }
}

fn writer<W: Write>(w: W) -> CsvOut<W> {
    CsvOut::new(w)
}

fn finish<W: Write>(w: CsvOut<W>) -> Result<W> {
    w.finish()
}

fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_default()
}

/// Writes the errors file (CSV-15) row by row, so a streaming upload can produce it without
/// keeping the rows: an `Errors` column first (the upload ignores it), then the original
/// columns.
pub struct ErrorsCsvWriter<W: Write> {
    out: CsvOut<W>,
    columns: Vec<Option<Column>>,
    /// The upload was itself an errors file: its first column is replaced with the new
    /// errors, rather than a second `Errors` column added before it.
    reuses_errors_column: bool,
}

impl<W: Write> ErrorsCsvWriter<W> {
    /// Starts the file with the upload's header cells. When the upload was an errors file
    /// (its first column is `Errors`), that column carries the new errors, so fixing and
    /// uploading again does not add a column each time.
    pub fn new(writer_: W, header: &[String]) -> Result<ErrorsCsvWriter<W>> {
        let mut out = writer(writer_);
        let reuses_errors_column = header.first().is_some_and(|h| {
            crate::directory::near_key(h) == crate::directory::near_key(ERRORS_COLUMN)
        });
        let header = if reuses_errors_column {
            &header[1..]
        } else {
            header
        };
        let columns = header.iter().map(|h| Column::from_header(h)).collect();
        let mut record: Vec<Cow<'_, str>> = vec![Cow::Borrowed(ERRORS_COLUMN)];
        record.extend(header.iter().map(|h| spreadsheet_safe(h, None)));
        out.write_record(&record)?;
        Ok(ErrorsCsvWriter {
            out,
            columns,
            reuses_errors_column,
        })
    }

    /// Writes one row of a streaming upload if it was refused and is not blank; returns
    /// whether it wrote it.
    pub fn write_row(&mut self, row: &UploadRow) -> Result<bool> {
        if row.is_accepted() || row.is_blank() {
            return Ok(false);
        }
        self.write_cells(row.cells().iter(), row.findings())?;
        Ok(true)
    }

    pub(crate) fn write_cells<'c>(
        &mut self,
        cells: impl IntoIterator<Item = &'c str>,
        findings: &[Finding],
    ) -> Result<()> {
        let errors: Vec<String> = findings
            .iter()
            .map(|f| match f.column() {
                Some(column) => format!("{column}: {} [{}]", f.message(), f.name()),
                None => format!("{} [{}]", f.message(), f.name()),
            })
            .collect();
        let joined = errors.join("; ");
        let mut record: Vec<Cow<'_, str>> = vec![spreadsheet_safe(&joined, None)];
        // The upload's own `Errors` cell is replaced with the new errors.
        let skip = usize::from(self.reuses_errors_column);
        record.extend(
            cells
                .into_iter()
                .skip(skip)
                .enumerate()
                .map(|(i, c)| spreadsheet_safe(c, self.columns.get(i).copied().flatten())),
        );
        self.out.write_record(&record)
    }

    /// Flushes and returns the writer.
    pub fn finish(self) -> Result<W> {
        finish(self.out)
    }
}

/// The template of an option's schema (CSV-16): its header line.
///
/// ```
/// assert_eq!(mpp_migration::template_csv(mpp_migration::UploadOption::LicenseOnly), "Model,MAC Address\n");
/// ```
pub fn template_csv(option: UploadOption) -> String {
    let mut out = writer(Vec::new());
    let _ = out.write_record(option.columns().iter().map(|c| c.header()));
    into_string(finish(out).unwrap_or_default())
}

/// The user-attribute export (CSV-16): every user of the directory as a row of the *license
/// and device* schema with Type, Username and Device Type filled in, sorted by email, for the
/// administrator to complete with Model, MAC Address and Location.
pub fn user_export_csv(directory: &Directory) -> String {
    let mut users: Vec<&str> = directory.users().iter().collect();
    users.sort_by_key(|u| u.to_lowercase());
    let mut out = writer(Vec::new());
    let _ = out.write_record(Column::ALL.iter().map(|c| c.header()));
    for user in users {
        let cells = Column::ALL.map(|c| match c {
            Column::Type => OwnerType::User.as_str(),
            Column::Username => user,
            Column::DeviceType => "IP",
            _ => "",
        });
        let _ = out.write_record(
            cells
                .iter()
                .zip(Column::ALL)
                .map(|(cell, c)| spreadsheet_safe(cell, Some(c)).into_owned()),
        );
    }
    into_string(finish(out).unwrap_or_default())
}

/// The accepted devices as a normalised upload of `option`: MAC as 12 upper-case digits,
/// model as Control Hub names it (`Cisco 8845`, EXT-9), phone numbers in E.164, Type in upper
/// case, Call Plan `true`/`false`. It uploads again unchanged.
pub fn devices_csv(devices: &[Device], option: UploadOption) -> String {
    let mut out = writer(Vec::new());
    let columns = option.columns();
    let _ = out.write_record(columns.iter().map(|c| c.header()));
    for device in devices {
        let a = device.assignment();
        let cells: Vec<String> = columns
            .iter()
            .map(|&c| {
                let text = match c {
                    Column::Type => a.map(|a| a.owner_type.as_str().to_owned()),
                    Column::Username => a.map(|a| a.username.clone()),
                    Column::PhoneNumber => a.and_then(|a| a.phone_number).map(|n| n.to_string()),
                    Column::Extension => a.and_then(|a| a.extension.clone()),
                    Column::DeviceType => Some("IP".to_owned()),
                    Column::Model => Some(device.model().ucm_name().to_owned()),
                    Column::MacAddress => Some(device.mac().to_string()),
                    Column::Location => a.map(|a| a.location.clone()),
                    Column::CallPlan => a.map(|a| a.call_plan.to_string()),
                };
                let text = text.unwrap_or_default();
                spreadsheet_safe(&text, Some(c)).into_owned()
            })
            .collect();
        let _ = out.write_record(&cells);
    }
    into_string(finish(out).unwrap_or_default())
}
