//! Records of a Unified CM or host CSV file with their row (header = 1): the `csv` crate reads
//! any number of columns (a BAT export has some 200 to 230, EXT-14).
//!
//! Decision (the source is silent on exports): a row is the record's ordinal, so a quoted
//! line break stays in its row as a spreadsheet shows it; blank lines, which Unified CM never
//! writes, are skipped by the reader and not counted.

use std::io::Read;

use crate::error::{Error, Result};

/// A CSV reader that gives each record with its spreadsheet row.
pub(crate) struct Rows<R> {
    csv: csv::Reader<R>,
    record: csv::ByteRecord,
    /// Records read so far.
    count: u64,
}

impl<R: Read> Rows<R> {
    pub(crate) fn new(src: R) -> Rows<R> {
        let csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(64 * 1024)
            .from_reader(src);
        Rows {
            csv,
            record: csv::ByteRecord::new(),
            count: 0,
        }
    }

    /// The next record and its row, `None` at the end. A UTF-8 byte-order mark at the start
    /// is dropped from the first field.
    pub(crate) fn next_record(&mut self) -> Result<Option<(u64, &csv::ByteRecord)>> {
        let mut record = std::mem::take(&mut self.record);
        let row = self.next_into(&mut record);
        self.record = record;
        Ok(row?.map(|row| (row, &self.record)))
    }

    /// Reads the next record into `record` (reusing its buffers) and gives its row.
    pub(crate) fn next_into(&mut self, record: &mut csv::ByteRecord) -> Result<Option<u64>> {
        let more = self.csv.read_byte_record(record).map_err(|e| {
            let text = e.to_string();
            match e.into_kind() {
                csv::ErrorKind::Io(io) => Error::io("reading the CSV file", io),
                _ => Error::invalid_argument(format!("reading the CSV file: {text}")),
            }
        })?;
        if !more {
            return Ok(None);
        }
        self.count += 1;
        let row = self.count;
        if row == 1 {
            if let Some(rest) = record.get(0).and_then(|f| f.strip_prefix(b"\xEF\xBB\xBF")) {
                let mut fixed = csv::ByteRecord::new();
                fixed.push_field(rest);
                for f in record.iter().skip(1) {
                    fixed.push_field(f);
                }
                fixed.set_position(record.position().cloned());
                *record = fixed;
            }
        }
        Ok(Some(row))
    }
}

/// A header cell as matched: trimmed, lower case, runs of white space and `_` as one space.
pub(crate) fn header_key(cell: &[u8]) -> String {
    let text = String::from_utf8_lossy(cell);
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

/// The index of the first header cell whose key is one of `names` (already keys).
pub(crate) fn find_column(keys: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| keys.iter().position(|k| k == n))
}
