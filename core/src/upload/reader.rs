//! The streaming upload: one row at a time from any reader, in memory that does not grow with
//! the file (beyond the MACs and extensions later rows are checked against, DEC-2, DEC-5).

use std::io::Read;
use std::sync::Arc;

use crate::device::Device;
use crate::directory::Directory;
use crate::eligibility::EligibilityTable;
use crate::error::{Error, ErrorCode, Finding, Result};

use super::records::{ReaderLimits, RecordReader};
use super::row::{RowValidator, UploadRow};
use super::schema::{Header, UploadOption};

/// What an upload is checked against.
///
/// ```
/// use mpp_migration::{Directory, EligibilityTable, UploadOption, UploadOptions};
/// let options = UploadOptions::new(UploadOption::LicenseOnly)
///     .with_directory(Directory::builder().build()?)
///     .with_eligibility(EligibilityTable::cisco_ordering_guide());
/// assert!(options.directory().is_some());
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct UploadOptions {
    option: UploadOption,
    directory: Option<Arc<Directory>>,
    eligibility: Arc<EligibilityTable>,
    limits: ReaderLimits,
    size_hint: Option<u64>,
}

/// How many data rows are read before the reader estimates, from a size hint, how many the
/// input holds (see [`UploadOptions::with_size_hint`]).
const ESTIMATE_AFTER_ROWS: u64 = 256;

impl UploadOptions {
    /// The options of an upload for `option`, without a directory (its checks are skipped),
    /// with the default eligibility table and reader limits.
    pub fn new(option: UploadOption) -> UploadOptions {
        UploadOptions {
            option,
            directory: None,
            eligibility: EligibilityTable::control_hub(),
            limits: ReaderLimits::default(),
            size_hint: None,
        }
    }

    /// The same options checking rows against the organisation (CSV-3, CSV-6, CSV-11 to
    /// CSV-13).
    #[must_use]
    pub fn with_directory(mut self, directory: impl Into<Arc<Directory>>) -> UploadOptions {
        self.directory = Some(directory.into());
        self
    }

    /// The same options without a directory: its checks are skipped.
    #[must_use]
    pub fn without_directory(mut self) -> UploadOptions {
        self.directory = None;
        self
    }

    /// The same options with another eligibility table for the model check (CSV-8, EXT-4).
    #[must_use]
    pub fn with_eligibility(mut self, table: Arc<EligibilityTable>) -> UploadOptions {
        self.eligibility = table;
        self
    }

    /// The same options with other reader size limits.
    #[must_use]
    pub fn with_limits(mut self, limits: ReaderLimits) -> UploadOptions {
        self.limits = limits;
        self
    }

    /// The same options with the size of the input in bytes, when the caller knows it (a
    /// file's length, a buffer's; [`validate_upload_path`](crate::validate_upload_path) sets
    /// it). After the first rows, the reader then estimates how many rows the input holds and
    /// sizes the tables of recent keys of the indexes that later rows are checked against
    /// (DEC-2, DEC-5) once, instead of growing them as rows come. It changes no result: a size
    /// too large costs memory (bounded: the tables hold at most 64 Ki keys before their keys
    /// are packed, about 0.8 MiB), one too small leaves the tables to grow.
    #[must_use]
    pub fn with_size_hint(mut self, bytes: u64) -> UploadOptions {
        self.size_hint = Some(bytes);
        self
    }

    /// The same options with `bytes` as the size hint unless one is set already: what a caller
    /// holding the whole input in memory gives by default, so an explicit hint still wins.
    #[must_use]
    pub fn or_size_hint(self, bytes: u64) -> UploadOptions {
        match self.size_hint {
            Some(_) => self,
            None => self.with_size_hint(bytes),
        }
    }

    /// The same options with the length of `file` as the size hint, unless one is set already
    /// or `file` is not a regular file (a pipe, a device: their length says nothing).
    #[must_use]
    pub fn or_size_of(self, file: &std::fs::File) -> UploadOptions {
        match file.metadata() {
            Ok(meta) if meta.is_file() => self.or_size_hint(meta.len()),
            _ => self,
        }
    }

    /// The migration option (TASK-3).
    pub fn option(&self) -> UploadOption {
        self.option
    }
    /// The directory, if any.
    pub fn directory(&self) -> Option<&Directory> {
        self.directory.as_deref()
    }
    /// The eligibility table.
    pub fn eligibility(&self) -> &Arc<EligibilityTable> {
        &self.eligibility
    }
    /// The reader's size limits.
    pub fn limits(&self) -> ReaderLimits {
        self.limits
    }
    /// The size of the input in bytes, if given.
    pub fn size_hint(&self) -> Option<u64> {
        self.size_hint
    }
}

/// The counts of an upload status (CSV-14, DEC-1): `added + errors == total`, where total
/// counts data rows, blank ones included.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct UploadCounts {
    /// Devices added.
    pub added: u64,
    /// Rows not added.
    pub errors: u64,
    /// Data rows uploaded.
    pub total: u64,
}

impl UploadCounts {
    pub(crate) fn count(&mut self, row: &UploadRow) {
        self.total += 1;
        if row.is_accepted() {
            self.added += 1;
        } else {
            self.errors += 1;
        }
    }
}

impl std::ops::Add for UploadCounts {
    type Output = UploadCounts;
    /// Later uploads to the same task add to the counts (CSV-14).
    fn add(self, other: UploadCounts) -> UploadCounts {
        UploadCounts {
            added: self.added + other.added,
            errors: self.errors + other.errors,
            total: self.total + other.total,
        }
    }
}

impl std::ops::AddAssign for UploadCounts {
    fn add_assign(&mut self, other: UploadCounts) {
        *self = *self + other;
    }
}

/// Validates an upload row by row. The header is read when the reader is made; each
/// [`next`](Iterator::next) reads and validates one data row.
///
/// ```
/// use mpp_migration::{UploadOption, UploadOptions, UploadReader};
/// let csv = "Model,MAC Address\n8845,001A2B3C4D5E\n8845,001A2B3C4D5E\n";
/// let mut reader = UploadReader::new(csv.as_bytes(), UploadOptions::new(UploadOption::LicenseOnly))?;
/// assert!(reader.header_findings().is_empty());
/// let first = reader.next().unwrap()?;
/// assert!(first.is_accepted());
/// let second = reader.next().unwrap()?;
/// assert_eq!(second.findings()[0].name(), "mac_duplicate");
/// assert_eq!(reader.counts().added, 1);
/// # Ok::<(), mpp_migration::Error>(())
/// ```
pub struct UploadReader<R> {
    records: RecordReader<R>,
    /// The last row read, for the message of an I/O error.
    last_row: u64,
    /// The findings known only once every row is read (CSV-14: no data rows).
    end_findings: Vec<Finding>,
    header: Header,
    header_findings: Vec<Finding>,
    validator: RowValidator,
    counts: UploadCounts,
    option: UploadOption,
    directory_checked: bool,
    done: bool,
    /// The input's size (see [`UploadOptions::with_size_hint`]), until it has been used.
    size_hint: Option<u64>,
    /// Where the data rows start in the input.
    data_start: u64,
}

impl<R: Read> UploadReader<R> {
    /// Reads the header row of `src` and prepares to validate its data rows.
    ///
    /// Errors: [`ErrorCode::IoError`] when `src` cannot be read, [`ErrorCode::InvalidArgument`]
    /// for a reader limit of 0. Everything about the content
    /// (an empty file, a header that matches neither schema) is a finding, never an error.
    pub fn new(src: R, options: UploadOptions) -> Result<UploadReader<R>> {
        let UploadOptions {
            option,
            directory,
            eligibility,
            limits,
            size_hint,
        } = options;
        limits.validate()?;
        let mut records = RecordReader::new(src, limits);
        let mut findings = Vec::new();
        let first = records
            .read_record()
            .map_err(|e| Error::io("reading the upload", e))?;
        let header = match first {
            None => {
                findings.push(Finding::new(
                    ErrorCode::EmptyFile,
                    "the file is empty; expected a header row such as the template's",
                ));
                None
            }
            Some(rec) => {
                if let Some(message) = super::row::size_problem(&rec) {
                    findings.push(Finding::new(ErrorCode::RecordTooLong, message));
                } else if let Some(i) = rec.flags.long_field {
                    findings.push(Finding::new(
                        ErrorCode::RecordTooLong,
                        format!(
                            "header column {} is longer than the reader's limit of {} bytes per cell (max_field_bytes)",
                            i + 1,
                            limits.max_field_bytes
                        ),
                    ));
                }
                if rec.empty_line {
                    findings.push(Finding::new(
                        ErrorCode::BlankLine,
                        "row 1 is blank; the header must be the first line",
                    ));
                }
                let mut cells = Vec::with_capacity(rec.len());
                for (i, bytes) in rec.fields().enumerate() {
                    if std::str::from_utf8(bytes).is_err() {
                        findings.push(
                            Finding::new(ErrorCode::InvalidUtf8, format!("header column {} has bytes that are not UTF-8; save the file as UTF-8", i + 1))
                                .at(None, Some(format!("column {}", i + 1))),
                        );
                    }
                    cells.push(String::from_utf8_lossy(bytes).into_owned());
                }
                let width = rec.len();
                let (mut header, header_findings) = Header::parse(cells, option);
                header.width = width;
                findings.extend(header_findings);
                Some(header)
            }
        };
        if records.had_bom() {
            findings.insert(0, Finding::new(
                ErrorCode::ByteOrderMark,
                "the file starts with a UTF-8 byte-order mark; it is accepted, but Webex files are UTF-8 without one",
            ));
        }
        let header_findings = findings
            .into_iter()
            .map(|f| f.at(Some(1), None::<&str>))
            .collect();
        let directory_checked = directory.is_some();
        let data_start = records.position();
        Ok(UploadReader {
            records,
            last_row: 1,
            end_findings: Vec::new(),
            done: header.is_none(),
            header: header.unwrap_or_default(),
            header_findings,
            validator: RowValidator::new(option, directory, eligibility),
            counts: UploadCounts::default(),
            option,
            directory_checked,
            size_hint,
            data_start,
        })
    }

    /// With a size hint, sizes the validator's indexes for the rows the input holds, at the
    /// pace of the rows read so far.
    fn reserve(&mut self) {
        let Some(size) = self.size_hint.take() else {
            return;
        };
        let rows_read = self.counts.total;
        let bytes_read = self.records.position().saturating_sub(self.data_start);
        if bytes_read == 0 {
            return;
        }
        let data_bytes = size.saturating_sub(self.data_start);
        let rows = u128::from(data_bytes) * u128::from(rows_read) / u128::from(bytes_read);
        self.validator
            .reserve(u64::try_from(rows).unwrap_or(u64::MAX), rows_read);
    }

    /// The findings of the header row (row 1): BOM, missing, unknown or duplicated columns.
    pub fn header_findings(&self) -> &[Finding] {
        &self.header_findings
    }

    /// The header's cells as written.
    pub fn header_cells(&self) -> &[String] {
        &self.header.cells
    }

    /// The findings known only at the end of the input (CSV-14: a header without data rows),
    /// available once the reader is exhausted.
    pub fn end_findings(&self) -> &[Finding] {
        &self.end_findings
    }

    /// The counts of the rows read so far (CSV-14).
    pub fn counts(&self) -> UploadCounts {
        self.counts
    }

    /// The migration option the rows are checked for.
    pub fn option(&self) -> UploadOption {
        self.option
    }

    /// Whether the rows are checked against a directory; without one, the rules that need the
    /// organisation (CSV-3 user exists, CSV-6 extension in use, CSV-11 location exists,
    /// CSV-12 Cisco PSTN, CSV-13 already in Webex Calling) are skipped.
    pub fn directory_checked(&self) -> bool {
        self.directory_checked
    }
}

/// The data rows an [`UploadReader`] read in one [`next_chunk`](UploadReader::next_chunk): what
/// a host shows of a streamed upload a piece at a time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UploadChunk {
    /// The devices of the accepted rows, in row order.
    pub devices: Vec<Device>,
    /// The findings of the chunk's rows, in row order.
    pub findings: Vec<Finding>,
    /// The counts of the chunk's rows alone (CSV-14): the reader's counts grew by these.
    pub counts: UploadCounts,
    /// The first data row of the chunk (its line number).
    pub first_row: u64,
    /// The last data row of the chunk.
    pub last_row: u64,
}

impl<R: Read> UploadReader<R> {
    /// Reads up to `max_rows` more data rows (at least one) as one chunk; `None` once every row
    /// is read (then [`end_findings`](UploadReader::end_findings) is known).
    ///
    /// Errors: [`ErrorCode::IoError`] when `src` cannot be read (the rows read before it are
    /// dropped with the chunk).
    pub fn next_chunk(&mut self, max_rows: usize) -> Result<Option<UploadChunk>> {
        let mut chunk = UploadChunk::default();
        for row in self.by_ref().take(max_rows.max(1)) {
            let row = row?;
            if chunk.counts.total == 0 {
                chunk.first_row = row.row();
            }
            chunk.last_row = row.row();
            chunk.counts.count(&row);
            let (device, findings, _) = row.into_parts();
            chunk.findings.extend(findings);
            chunk.devices.extend(device);
        }
        Ok((chunk.counts.total > 0).then_some(chunk))
    }
}

impl<R: Read> Iterator for UploadReader<R> {
    type Item = Result<UploadRow>;

    fn next(&mut self) -> Option<Result<UploadRow>> {
        if self.done {
            return None;
        }
        match self.records.read_record() {
            Ok(Some(rec)) => {
                self.last_row = rec.row;
                let row = self.validator.validate(&rec, &self.header);
                self.counts.count(&row);
                if self.counts.total == ESTIMATE_AFTER_ROWS {
                    self.reserve();
                }
                Some(Ok(row))
            }
            Ok(None) => {
                self.done = true;
                if self.counts.total == 0 {
                    self.end_findings.push(
                        Finding::new(
                            ErrorCode::NoDataRows,
                            "the file has a header but no data rows; nothing was added",
                        )
                        .at(Some(1), None::<&str>),
                    );
                }
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(Error::io(
                    format!("reading the upload after row {}", self.last_row),
                    e,
                )))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CSV-14: each chunk counts its own rows, and the chunks add up to the reader's counts.
    #[test]
    fn chunks_count_their_rows_and_add_up_to_the_upload() {
        let csv = "Model,MAC Address\n8845,001A2B3C4D5E\n8845,001A2B3C4D5E\n8845,001A2B3C4D5F\n";
        let options = UploadOptions::new(UploadOption::LicenseOnly);
        let mut reader = UploadReader::new(csv.as_bytes(), options).unwrap();
        let first = reader.next_chunk(2).unwrap().unwrap();
        assert_eq!((first.first_row, first.last_row), (2, 3));
        assert_eq!(first.devices.len(), 1);
        assert_eq!(first.findings[0].name(), "mac_duplicate");
        let counts = UploadCounts {
            added: 1,
            errors: 1,
            total: 2,
        };
        assert_eq!(first.counts, counts);
        let second = reader.next_chunk(0).unwrap().unwrap();
        assert_eq!(
            (second.first_row, second.last_row, second.counts.added),
            (4, 4, 1)
        );
        assert_eq!(first.counts + second.counts, reader.counts());
        assert_eq!(reader.next_chunk(2).unwrap(), None);
        assert!(reader.end_findings().is_empty());
    }

    /// CSV-14: a header without data rows gives no chunk, and `no_data_rows` at the end.
    #[test]
    fn no_data_rows_is_no_chunk() {
        let options = UploadOptions::new(UploadOption::LicenseOnly);
        let mut reader = UploadReader::new(&b"Model,MAC Address\n"[..], options).unwrap();
        assert_eq!(reader.next_chunk(10).unwrap(), None);
        assert_eq!(reader.end_findings()[0].name(), "no_data_rows");
    }
}
