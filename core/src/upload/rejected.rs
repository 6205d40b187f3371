//! The refused rows of an [`UploadReport`](super::UploadReport), packed (issue 14 section 5):
//! a file of a million refused rows keeps a million of them, so a row must cost a few bytes
//! beyond its findings, not a record and a `String` per cell.
//!
//! The rows are stored as runs: consecutive refused rows of the same shape (the same number of
//! findings and of cells, blank or not) are one [`Run`], which computes each row's number and
//! the place of its findings. The cells of every row share one text buffer, with a `u32` end
//! per cell relative to the run; cells that are all empty (the usual blank line) store nothing.
//! A million blank lines cost one run and their findings; a million rows with a bad MAC, one
//! run, the text of their cells and 4 bytes a cell.
//!
//! Reading them gives views ([`RejectedRow`], [`Cells`]) that borrow the report.

use std::fmt;
use std::iter::FusedIterator;

use crate::texts::{Repr, Texts, TextsIter};

use crate::error::Finding;

/// The most text (and cells) one run addresses with its `u32` offsets. A row whose own text is
/// longer (only with [`ReaderLimits`](super::ReaderLimits) raised past 4 GiB a record) keeps
/// its cells as strings of its own. Small in unit tests, so that both paths are tested.
const MAX_PACKED: usize = if cfg!(test) { 64 } else { u32::MAX as usize };

/// The refused rows of a report (see the module documentation).
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct RejectedStore {
    runs: Vec<Run>,
    /// The text of every packed cell, one after another.
    text: String,
    /// Where each packed cell ends in `text`, relative to its run's `text`.
    ends: Vec<u32>,
    /// The cells of rows too long to pack, one entry a row.
    oversized: Vec<Box<[String]>>,
    /// How many rows.
    len: usize,
}

/// Consecutive refused rows of one shape: row `k` of the run (from 0) is row
/// `first_row + k` of the file, its findings are `findings + k * findings_per_row` and the
/// `findings_per_row` after, and its cells are the `cells_per_row` after `k * cells_per_row`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    first_row: u64,
    /// The index of the run's first row among the refused rows.
    first: usize,
    /// The index of the first row's first finding in the report.
    findings: usize,
    findings_per_row: u32,
    cells_per_row: u32,
    blank: bool,
    cells: RunCells,
}

/// Where a run's cells are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RunCells {
    /// Every cell is empty: nothing is stored.
    Empty,
    /// The ends of the cells start at `ends`, relative to `text` in the store's text.
    Packed { ends: usize, text: usize },
    /// A run of one row, whose cells are `oversized[_]`.
    Oversized(usize),
}

impl RejectedStore {
    /// Adds a refused row, whose findings are `findings` in the report.
    pub(crate) fn push(
        &mut self,
        row: u64,
        blank: bool,
        findings: std::ops::Range<usize>,
        cells: Cells<'_>,
    ) {
        let findings_per_row = u32::try_from(findings.len()).unwrap_or(u32::MAX);
        let findings = findings.start;
        let text_len: usize = match cells.0 {
            Repr::Packed {
                text,
                start: 0,
                ends,
            } => ends.last().map_or(0, |&end| text.len().min(end as usize)),
            _ => cells.iter().map(str::len).sum(),
        };
        let empty = text_len == 0;
        let packable = text_len <= MAX_PACKED && u32::try_from(cells.len()).is_ok();
        let cells_per_row = u32::try_from(cells.len()).unwrap_or(u32::MAX);
        let index = self.len;
        self.len += 1;
        if let Some(run) = self.runs.last() {
            let n = (index - run.first) as u64;
            let extends = run.blank == blank
                && run.findings_per_row == findings_per_row
                && run.cells_per_row == cells_per_row
                && Some(row) == run.first_row.checked_add(n)
                && Some(findings)
                    == (n as usize)
                        .checked_mul(findings_per_row as usize)
                        .and_then(|k| k.checked_add(run.findings));
            if extends {
                match run.cells {
                    RunCells::Empty if empty => return,
                    RunCells::Packed { text, .. }
                        if packable && self.text.len() + text_len - text <= MAX_PACKED =>
                    {
                        self.pack(text, cells);
                        return;
                    }
                    _ => {}
                }
            }
        }
        let cells = if empty && packable {
            RunCells::Empty
        } else if packable {
            let text = self.text.len();
            let ends = self.ends.len();
            self.pack(text, cells);
            RunCells::Packed { ends, text }
        } else {
            self.oversized.push(cells.to_vec().into());
            RunCells::Oversized(self.oversized.len() - 1)
        };
        self.runs.push(Run {
            first_row: row,
            first: index,
            findings,
            findings_per_row,
            cells_per_row,
            blank,
            cells,
        });
    }

    /// Appends `cells` to the text, their ends relative to `base` (which the caller keeps
    /// within `MAX_PACKED` of the new end).
    fn pack(&mut self, base: usize, cells: Cells<'_>) {
        if let Repr::Packed {
            text,
            start: 0,
            ends,
        } = cells.0
        {
            // A row's own packed cells (the usual refused row): their text at once.
            if let Some(text) = ends.last().and_then(|&end| text.get(..end as usize)) {
                let offset = self.text.len() - base;
                self.text.push_str(text);
                self.ends.extend(
                    ends.iter()
                        .map(|&end| u32::try_from(offset + end as usize).unwrap_or(u32::MAX)),
                );
                return;
            }
        }
        for cell in cells.iter() {
            self.text.push_str(cell);
            let end = u32::try_from(self.text.len() - base).unwrap_or(u32::MAX);
            self.ends.push(end);
        }
    }

    /// Gives back what the buffers grew ahead.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.runs.shrink_to_fit();
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.oversized.shrink_to_fit();
    }

    /// The rows, viewed with the report's `findings`.
    pub(crate) fn iter<'a>(&'a self, findings: &'a [Finding]) -> RejectedRows<'a> {
        RejectedRows {
            store: self,
            findings,
            front: 0,
            back: self.len,
            front_run: 0,
            back_run: self.runs.len().saturating_sub(1),
        }
    }

    /// One past the last row of run `r`.
    fn run_end(&self, r: usize) -> usize {
        self.runs.get(r + 1).map_or(self.len, |next| next.first)
    }

    /// Row `index`, which is in run `r`.
    fn view<'a>(&'a self, r: usize, index: usize, findings: &'a [Finding]) -> RejectedRow<'a> {
        let Some(run) = self.runs.get(r) else {
            return RejectedRow::default();
        };
        let k = index.saturating_sub(run.first);
        let per_row = run.cells_per_row as usize;
        let cells = match run.cells {
            RunCells::Empty => Repr::Empty(per_row),
            RunCells::Packed { ends, text } => {
                let at = ends + k * per_row;
                let start = match at.checked_sub(1) {
                    Some(before) if k > 0 => self.ends.get(before).copied().unwrap_or(0),
                    _ => 0,
                };
                Repr::Packed {
                    text: self.text.get(text..).unwrap_or(""),
                    start,
                    ends: self.ends.get(at..at + per_row).unwrap_or(&[]),
                }
            }
            RunCells::Oversized(i) => {
                Repr::Owned(self.oversized.get(i).map_or(&[][..], |cells| &cells[..]))
            }
        };
        let first = run.findings + k * run.findings_per_row as usize;
        RejectedRow {
            row: run.first_row + k as u64,
            blank: run.blank,
            cells: Texts(cells),
            findings: findings
                .get(first..first + run.findings_per_row as usize)
                .unwrap_or(&[]),
        }
    }
}

impl fmt::Debug for RejectedStore {
    /// The rows, each with its number, blank flag and cells.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// A row without its findings (the report lists them).
        struct Row<'a>(RejectedRow<'a>);
        impl fmt::Debug for Row<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("RejectedRow")
                    .field("row", &self.0.row)
                    .field("blank", &self.0.blank)
                    .field("cells", &self.0.cells)
                    .finish()
            }
        }
        f.debug_list().entries(self.iter(&[]).map(Row)).finish()
    }
}

/// A refused row of an [`UploadReport`](super::UploadReport): its number, its cells as
/// written and its findings, borrowed from the report (see
/// [`UploadReport::rejected_rows`](super::UploadReport::rejected_rows)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RejectedRow<'a> {
    row: u64,
    blank: bool,
    cells: Cells<'a>,
    findings: &'a [Finding],
}

impl<'a> RejectedRow<'a> {
    /// The row (header = 1).
    pub fn row(&self) -> u64 {
        self.row
    }
    /// The cells as written (bytes that are not UTF-8 shown as U+FFFD; a spreadsheet's text
    /// marker `'` before a formula character dropped): what the errors export writes back
    /// (CSV-15).
    pub fn cells(&self) -> Cells<'a> {
        self.cells
    }
    /// Whether the row was blank (DEC-10).
    pub fn is_blank(&self) -> bool {
        self.blank
    }
    /// The row's findings, in column order.
    pub fn findings(&self) -> &'a [Finding] {
        self.findings
    }
}

/// The cells of a [`RejectedRow`] or an [`UploadRow`](super::UploadRow), borrowed: the
/// crate's one view of strings kept end to end (see [`Texts`]).
pub type Cells<'a> = Texts<'a>;

/// The cells of a row in order (see [`Texts::iter`]).
pub type CellsIter<'a> = TextsIter<'a>;

/// The cells of one refused [`UploadRow`](super::UploadRow), owned: their text end to end
/// and where each cell ends in it, two allocations a row rather than one a cell (issue 13).
/// Read them through [`cells`](RowCells::cells).
///
/// ```
/// use mpp_migration::{UploadOption, UploadOptions, UploadReader};
/// let csv = "Model,MAC Address\n8845,001A2B3C4DZZ\n";
/// let mut reader = UploadReader::new(csv.as_bytes(), UploadOptions::new(UploadOption::LicenseOnly))?;
/// let (_, _, cells) = reader.next().unwrap()?.into_parts();
/// assert_eq!(cells.cells(), ["8845", "001A2B3C4DZZ"]);
/// assert_eq!(cells.into_vec(), ["8845", "001A2B3C4DZZ"]);
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct RowCells(RowRepr);

#[derive(Clone)]
enum RowRepr {
    /// Cell `i` is `text[ends[i - 1]..ends[i]]`, the first starting at 0.
    Packed { text: String, ends: Vec<u32> },
    /// The cells of a row whose text is beyond `u32` offsets (only with the reader's limits
    /// raised past 4 GiB a record).
    Owned(Vec<String>),
}

impl Default for RowRepr {
    fn default() -> Self {
        RowRepr::Packed {
            text: String::new(),
            ends: Vec::new(),
        }
    }
}

impl RowCells {
    /// Room for `cells` cells of `bytes` bytes in all.
    pub(crate) fn with_capacity(cells: usize, bytes: usize) -> RowCells {
        RowCells(RowRepr::Packed {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(cells),
        })
    }

    /// Adds a cell after the others.
    pub(crate) fn push(&mut self, cell: &str) {
        if let RowRepr::Packed { text, ends } = &mut self.0 {
            if text.len() + cell.len() <= MAX_PACKED {
                text.push_str(cell);
                ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
                return;
            }
            self.0 = RowRepr::Owned(self.cells().to_vec());
        }
        if let RowRepr::Owned(cells) = &mut self.0 {
            cells.push(cell.to_owned());
        }
    }

    /// The cells, as a view.
    pub fn cells(&self) -> Cells<'_> {
        match &self.0 {
            RowRepr::Packed { text, ends } => Texts(Repr::Packed {
                text,
                start: 0,
                ends,
            }),
            RowRepr::Owned(cells) => Texts(Repr::Owned(cells)),
        }
    }

    /// The cells as owned strings.
    pub fn into_vec(self) -> Vec<String> {
        match self.0 {
            RowRepr::Owned(cells) => cells,
            RowRepr::Packed { .. } => self.cells().to_vec(),
        }
    }
}

impl PartialEq for RowCells {
    /// The same cells, however they are stored.
    fn eq(&self, other: &Self) -> bool {
        self.cells() == other.cells()
    }
}

impl Eq for RowCells {}

impl fmt::Debug for RowCells {
    /// The cells as a list of strings.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.cells().fmt(f)
    }
}

/// The refused rows of a report in input order (see
/// [`UploadReport::rejected_rows`](super::UploadReport::rejected_rows)).
#[derive(Clone)]
pub struct RejectedRows<'a> {
    store: &'a RejectedStore,
    findings: &'a [Finding],
    /// The next row from the front and one past the next from the back.
    front: usize,
    back: usize,
    /// The runs of those rows (when there are any left).
    front_run: usize,
    back_run: usize,
}

impl fmt::Debug for RejectedRows<'_> {
    /// The rows left.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

impl<'a> Iterator for RejectedRows<'a> {
    type Item = RejectedRow<'a>;
    fn next(&mut self) -> Option<RejectedRow<'a>> {
        if self.front >= self.back {
            return None;
        }
        while self.store.run_end(self.front_run) <= self.front {
            self.front_run += 1;
        }
        self.front += 1;
        Some(
            self.store
                .view(self.front_run, self.front - 1, self.findings),
        )
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back.saturating_sub(self.front);
        (n, Some(n))
    }
    fn nth(&mut self, n: usize) -> Option<RejectedRow<'a>> {
        let at = self.front.saturating_add(n);
        if at >= self.back {
            self.front = self.back;
            return None;
        }
        self.front = at;
        self.front_run = self
            .store
            .runs
            .partition_point(|r| r.first <= at)
            .saturating_sub(1);
        self.next()
    }
}

impl<'a> DoubleEndedIterator for RejectedRows<'a> {
    fn next_back(&mut self) -> Option<RejectedRow<'a>> {
        if self.front >= self.back {
            return None;
        }
        self.back -= 1;
        while self.back_run > 0
            && self
                .store
                .runs
                .get(self.back_run)
                .is_some_and(|r| r.first > self.back)
        {
            self.back_run -= 1;
        }
        Some(self.store.view(self.back_run, self.back, self.findings))
    }
}

impl ExactSizeIterator for RejectedRows<'_> {}
impl FusedIterator for RejectedRows<'_> {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    /// What was pushed, read back through the views, from the front, from the back and by
    /// index.
    fn round_trip(rows: &[(u64, bool, usize, Vec<String>)]) -> RejectedStore {
        let mut findings = Vec::new();
        let mut store = RejectedStore::default();
        for (row, blank, n, cells) in rows {
            let start = findings.len();
            for _ in 0..*n {
                findings.push(
                    Finding::new(ErrorCode::BlankLine, format!("row {row}"))
                        .at(Some(*row), None::<&str>),
                );
            }
            // A row's own packed cells (as a refused UploadRow has them) on odd rows, a slice of
            // strings on even ones: both are packed the same.
            let mut packed = RowCells::default();
            for cell in cells {
                packed.push(cell);
            }
            assert_eq!(packed.cells(), cells[..]);
            assert_eq!(packed.clone().into_vec(), *cells);
            if row % 2 == 1 {
                store.push(*row, *blank, start..findings.len(), packed.cells());
            } else {
                store.push(
                    *row,
                    *blank,
                    start..findings.len(),
                    Texts(Repr::Owned(cells)),
                );
            }
        }
        store.shrink_to_fit();
        let check = |view: RejectedRow<'_>,
                     (row, blank, n, cells): &(u64, bool, usize, Vec<String>)| {
            assert_eq!(view.row(), *row);
            assert_eq!(view.is_blank(), *blank);
            assert_eq!(view.cells(), cells[..], "row {row}");
            assert_eq!(view.cells().to_vec(), *cells);
            assert_eq!(view.cells().iter().rev().count(), cells.len());
            assert_eq!(view.cells().get(cells.len()), None);
            assert_eq!(view.findings().len(), *n);
            assert!(view.findings().iter().all(|f| f.row() == Some(*row)));
        };
        let rows_iter = store.iter(&findings);
        assert_eq!(rows_iter.len(), rows.len());
        for (view, expected) in rows_iter.zip(rows) {
            check(view, expected);
        }
        for (view, expected) in store.iter(&findings).rev().zip(rows.iter().rev()) {
            check(view, expected);
        }
        for i in 0..rows.len() {
            check(store.iter(&findings).nth(i).unwrap(), &rows[i]);
            let mut both = store.iter(&findings);
            let _ = both.nth(i);
            assert_eq!(
                both.len() + both.clone().rev().count(),
                2 * (rows.len() - i - 1)
            );
        }
        assert!(store.iter(&findings).nth(rows.len()).is_none());
        store
    }

    #[test]
    fn rows_of_one_shape_share_one_run_and_others_start_one() {
        let mut rows = Vec::new();
        for row in 2..12 {
            rows.push((row, true, 1, strings(&[""])));
        }
        for row in 12..20 {
            rows.push((row, false, 1, strings(&["8845", "001A2B3C4DZZ"])));
        }
        // A gap, two findings, another width, whitespace, a packed row of empty cells.
        rows.push((22, false, 1, strings(&["8845", "x"])));
        rows.push((23, false, 2, strings(&["8845", "y"])));
        rows.push((24, false, 2, strings(&["8845", "y", ""])));
        rows.push((25, true, 1, strings(&[" ", "\t"])));
        rows.push((26, true, 1, strings(&["", ""])));
        rows.push((27, false, 1, strings(&["", ""])));
        rows.push((28, false, 1, strings(&["ü", ""])));
        rows.push((29, false, 1, strings(&["", ""])));
        rows.push((30, false, 0, strings(&[])));
        let store = round_trip(&rows);
        assert_eq!(store.len, rows.len());
        // 2..12 blank, 12..16 and 16..20 bad MAC (a run addresses 64 bytes in tests), 22 (a gap), 23 (two findings), 24 (three cells), 25
        // with 26 (a packed run takes empty cells), 27 (not blank), 28 with 29, 30 (no
        // findings).
        assert_eq!(store.runs.len(), 10);
        assert_eq!(store.runs[0].cells, RunCells::Empty);
        assert!(format!("{store:?}").contains("row: 25, blank: true, cells: [\" \", \"\\t\"]"));
    }

    #[test]
    fn text_past_what_a_run_addresses_starts_a_run_or_is_kept_apart() {
        let long = "x".repeat(MAX_PACKED / 2);
        let longer = "y".repeat(MAX_PACKED + 1);
        let rows: Vec<_> = (0..7)
            .map(|k| {
                let cells = match k {
                    3 => strings(&[&longer, "z"]),
                    _ => strings(&[&long, "z"]),
                };
                (2 + k, false, 1, cells)
            })
            .collect();
        let store = round_trip(&rows);
        // Each row but the first starts a run: two would be past `MAX_PACKED`; the fourth is
        // kept apart, and a run of it takes no other row.
        assert_eq!(store.oversized.len(), 1);
        assert_eq!(store.runs.len(), 7);
    }

    #[test]
    fn no_rows_read_as_none() {
        let store = round_trip(&[]);
        assert!(store.iter(&[]).next().is_none());
        assert!(store.iter(&[]).next_back().is_none());
        assert_eq!(Cells::default().get(0), None);
        assert!(RejectedRow::default().cells().is_empty());
    }
}
