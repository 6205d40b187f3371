//! The whole-file form of the upload: an [`UploadReport`] with the accepted devices, every
//! finding in input order, the refused rows (for the errors export) and the counts.

use std::io::{Read, Write};
use std::path::Path;

use crate::device::Device;
use crate::error::{Error, ErrorCode, Finding, Result};

use super::export::{ErrorsCsvWriter, devices_csv};
use super::reader::{UploadCounts, UploadOptions, UploadReader};
use super::rejected::{RejectedRow, RejectedRows, RejectedStore};
use super::schema::UploadOption;

/// The outcome of validating an upload (CSV-14, CSV-15).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadReport {
    option: UploadOption,
    header: Vec<String>,
    devices: Vec<Device>,
    findings: Vec<Finding>,
    rejected: RejectedStore,
    counts: UploadCounts,
    directory_checked: bool,
}

impl UploadReport {
    /// Drains a reader into a report.
    pub fn from_reader<R: Read>(mut reader: UploadReader<R>) -> Result<UploadReport> {
        let mut report = UploadReport {
            option: reader.option(),
            header: reader.header_cells().to_vec(),
            devices: Vec::new(),
            findings: reader.header_findings().to_vec(),
            rejected: RejectedStore::default(),
            counts: UploadCounts::default(),
            directory_checked: reader.directory_checked(),
        };
        for row in reader.by_ref() {
            let row = row?;
            let (row_number, blank) = (row.row(), row.is_blank());
            let (device, findings, cells) = row.into_parts();
            let start = report.findings.len();
            report.findings.extend(findings);
            match device {
                Some(device) => report.devices.push(device),
                None => {
                    let findings = start..report.findings.len();
                    report
                        .rejected
                        .push(row_number, blank, findings, cells.cells());
                }
            }
        }
        report.counts = reader.counts();
        report
            .findings
            .extend(reader.end_findings().iter().cloned());
        // The report is kept while the caller reads it: give back what the vectors grew ahead
        // (up to half of each, issue 14 section 5).
        report.findings.shrink_to_fit();
        report.rejected.shrink_to_fit();
        report.devices.shrink_to_fit();
        Ok(report)
    }

    /// The migration option the rows were checked for.
    pub fn option(&self) -> UploadOption {
        self.option
    }
    /// The accepted devices, normalised, in input order.
    pub fn devices(&self) -> &[Device] {
        &self.devices
    }
    /// The accepted devices, taken out of the report.
    pub fn into_devices(self) -> Vec<Device> {
        self.devices
    }
    /// Every finding, in input order: the header's first.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
    /// The findings of one row.
    pub fn findings_for_row(&self, row: u64) -> &[Finding] {
        let start = self
            .findings
            .partition_point(|f| f.row().is_some_and(|r| r < row));
        let end = self
            .findings
            .partition_point(|f| f.row().is_some_and(|r| r <= row));
        self.findings.get(start..end.max(start)).unwrap_or(&[])
    }
    /// The refused rows, in input order: views of the report, which keeps their cells
    /// packed (a few bytes a row beyond its findings, issue 14 section 5). `.len()` counts
    /// them; they read from either end.
    ///
    /// ```
    /// use mpp_migration::{validate_upload, UploadOption, UploadOptions};
    /// let csv = "Model,MAC Address\n8845,001A2B3C4D5E\n\n8845,001A2B3C4DZZ\n";
    /// let report = validate_upload(csv.as_bytes(), UploadOptions::new(UploadOption::LicenseOnly))?;
    /// let rows: Vec<_> = report.rejected_rows().map(|r| (r.row(), r.is_blank())).collect();
    /// assert_eq!(rows, [(3, true), (4, false)]);
    /// let last = report.rejected_rows().next_back().unwrap();
    /// assert_eq!(last.cells(), ["8845", "001A2B3C4DZZ"]);
    /// assert_eq!(last.findings()[0].name(), "mac_invalid_character");
    /// # Ok::<(), mpp_migration::Error>(())
    /// ```
    pub fn rejected_rows(&self) -> RejectedRows<'_> {
        self.rejected.iter(&self.findings)
    }
    /// The findings of a refused row (the same as [`RejectedRow::findings`]).
    pub fn rejected_findings<'a>(&'a self, rejected: &RejectedRow<'a>) -> &'a [Finding] {
        rejected.findings()
    }
    /// The header's cells as written.
    pub fn header(&self) -> &[String] {
        &self.header
    }
    /// The counts (CSV-14).
    pub fn counts(&self) -> UploadCounts {
        self.counts
    }
    /// Devices added (CSV-14).
    pub fn added(&self) -> u64 {
        self.counts.added
    }
    /// Rows not added (CSV-14, DEC-1).
    pub fn errors(&self) -> u64 {
        self.counts.errors
    }
    /// Data rows uploaded, blank ones included (CSV-14, DEC-1).
    pub fn total(&self) -> u64 {
        self.counts.total
    }
    /// Whether the rows were checked against a directory (see
    /// [`UploadReader::directory_checked`]).
    pub fn directory_checked(&self) -> bool {
        self.directory_checked
    }
    /// How many findings are errors and how many warnings.
    pub fn severity_counts(&self) -> (usize, usize) {
        let errors = self
            .findings
            .iter()
            .filter(|f| f.severity() == crate::Severity::Error)
            .count();
        (errors, self.findings.len() - errors)
    }

    /// Writes the errors file (CSV-15): an `Errors` column, then the header and the refused
    /// rows with their cells as written, so that once the cells are fixed the same file uploads
    /// again. Blank rows have nothing to fix and are left out.
    pub fn write_errors_csv<W: Write>(&self, writer: W) -> Result<W> {
        let mut out = ErrorsCsvWriter::new(writer, &self.header)?;
        for rejected in self.rejected_rows() {
            if !rejected.is_blank() {
                out.write_cells(rejected.cells(), rejected.findings())?;
            }
        }
        out.finish()
    }

    /// The errors file as a string (see [`write_errors_csv`](Self::write_errors_csv)).
    pub fn errors_csv(&self) -> String {
        let bytes = self.write_errors_csv(Vec::new()).unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// The accepted devices as a normalised upload file of the same option (see
    /// [`devices_csv`]).
    pub fn devices_csv(&self) -> String {
        devices_csv(&self.devices, self.option)
    }
}

/// Validates a whole upload read from `src` (any [`Read`]: a file, bytes, a socket).
///
/// ```
/// use mpp_migration::{validate_upload, UploadOption, UploadOptions};
/// let csv = "Model,MAC Address\nCP-8845-K9=,00:1a:2b:3c:4d:5e\n8821,001A2B3C4D5F\n\n";
/// let report = validate_upload(csv.as_bytes(), UploadOptions::new(UploadOption::LicenseOnly))?;
/// assert_eq!((report.added(), report.errors(), report.total()), (1, 2, 3));
/// assert_eq!(report.devices()[0].mac().to_string(), "001A2B3C4D5E");
/// let codes: Vec<_> = report.findings().iter().map(|f| (f.row(), f.name())).collect();
/// assert_eq!(codes, [(Some(3), "model_not_eligible"), (Some(4), "blank_line")]);
/// # Ok::<(), mpp_migration::Error>(())
/// ```
pub fn validate_upload<R: Read>(src: R, options: UploadOptions) -> Result<UploadReport> {
    UploadReport::from_reader(UploadReader::new(src, options)?)
}

/// Validates the upload file at `path`.
///
/// Errors: [`ErrorCode::IoError`] naming the path when it cannot be opened or read.
pub fn validate_upload_path(
    path: impl AsRef<Path>,
    options: UploadOptions,
) -> Result<UploadReport> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| Error::opening(path, e))?;
    let options = options.or_size_of(&file);
    validate_upload(std::io::BufReader::with_capacity(0, file), options).map_err(|e| {
        if e.code() == ErrorCode::IoError {
            e.in_file(path.display())
        } else {
            e
        }
    })
}
