//! The *Add devices* CSV upload of Control Hub (CSV-1 to CSV-16), offline, explained and at
//! fleet scale.
//!
//! - [`UploadReader`] streams a file row by row in bounded memory;
//! - [`validate_upload`] builds an [`UploadReport`] on it: accepted devices, every finding
//!   with its row and column, the counts of CSV-14;
//! - the exports of CSV-15 and CSV-16: [`UploadReport::errors_csv`] (and
//!   [`ErrorsCsvWriter`] for streams), [`template_csv`], [`user_export_csv`], [`devices_csv`].
//!
//! Decisions where the rules (docs/rules.md) are silent, made here:
//! - a header problem (DEC-9) does not stop the rows: they are validated against the columns
//!   that were found, so a missing column shows as that column's rule on each row;
//! - a row whose cells are all empty (`,,,,`, as spreadsheets save trailing rows) is a blank
//!   row (DEC-10), like an empty line;
//! - a backslash escapes a comma only outside quotes (EXT-12); inside quotes it is literal;
//! - the errors file puts its `Errors` column first, so it stays aligned even on rows with a
//!   wrong number of fields, and the upload ignores that column;
//! - a duplicate MAC (DEC-2) is judged against the first row that *read* that MAC, whether or
//!   not that row was otherwise valid: DEC-2's first row keeps the MAC;
//! - a header problem refuses the rows whose value depends on it: a code given in an
//!   `Activation Code` column (CSV-10, DEC-8), two different cells under a column named twice;
//! - `Calling Plan` (Control Hub's own template, EXT-13) is a spelling of Call Plan, and the
//!   template's other columns (`Webex Go`) are known extras, ignored with one warning;
//! - workspace and location names are read exactly as written (DEC-7), surrounding spaces
//!   included;
//! - a leading `'` before a character a spreadsheet would run as a formula is the spreadsheet's
//!   text marker, not part of the value: the exports write it ([`spreadsheet_safe`]) and the
//!   reader drops it, so every export uploads again to the values it was written from.
//!
//! The file `docs/upload-files.md` of the repository says which spelling each file writes.

mod columns;
mod export;
mod first_rows;
mod reader;
mod records;
mod rejected;
mod report;
mod row;
mod schema;
pub(crate) mod swar;

pub use export::{ErrorsCsvWriter, devices_csv, spreadsheet_safe, template_csv, user_export_csv};
pub use reader::{UploadChunk, UploadCounts, UploadOptions, UploadReader};
pub use records::ReaderLimits;
pub use rejected::{Cells, CellsIter, RejectedRow, RejectedRows, RowCells};
pub use report::{UploadReport, validate_upload, validate_upload_path};
pub use row::UploadRow;
pub use schema::{Column, ERRORS_COLUMN, KNOWN_EXTRA_COLUMNS, UploadOption};
