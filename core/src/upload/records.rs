//! A streaming reader of CSV records as Webex and spreadsheets write them, in bounded memory.
//!
//! Why not the `csv` crate here (it writes every export of this library, and is the baseline of
//! the upload benchmark): the upload must see what `csv` hides or cannot bound. A blank line is
//! a row with a finding of its own (DEC-10), so rows are counted as a spreadsheet shows them; a
//! comma may be escaped with a backslash outside quotes (`Smith\, Barney`, EXT-12); and a field
//! or record beyond a size limit must not grow memory (issue 4), however long the line.
//!
//! The grammar: fields separated by `,`; records ended by `\n`, `\r\n` or `\r`; a field that
//! starts with `"` is quoted, may contain commas and line breaks (the record is still one
//! spreadsheet row) and writes `"` as `""`; in an unquoted field `\,` is a comma. Lenient where a
//! spreadsheet is: a `"` inside an unquoted field is kept as is, text after a closing quote is
//! appended. A UTF-8 byte-order mark at the start is skipped and reported.

use std::io::{self, Read};

/// The size limits of the reader; beyond them a record is reported, not stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReaderLimits {
    /// The longest field, in bytes.
    pub max_field_bytes: usize,
    /// The longest record, in bytes (the sum of its fields).
    pub max_record_bytes: usize,
    /// The most fields in one record.
    pub max_fields: usize,
}

impl Default for ReaderLimits {
    /// 1 KiB per field (an email is at most 254 characters, a location name 80), 16 KiB per
    /// record, 64 fields (the widest schema has 9 columns).
    fn default() -> ReaderLimits {
        ReaderLimits {
            max_field_bytes: 1024,
            max_record_bytes: 16 * 1024,
            max_fields: 64,
        }
    }
}

/// What went wrong with the shape of a record, if anything.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct RecordFlags {
    /// The index of the first field longer than the limit.
    pub(crate) long_field: Option<usize>,
    /// The record is longer than the limit, or has more fields than the limit.
    pub(crate) too_long: bool,
    /// A quoted field ran to the end of the input.
    pub(crate) unterminated_quote: bool,
}

/// One record: its row as a spreadsheet numbers it (header = 1), its fields' bytes.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawRecord {
    pub(crate) row: u64,
    data: Vec<u8>,
    ends: Vec<usize>,
    /// Fields seen, including those beyond `max_fields` that were not stored.
    field_count: usize,
    pub(crate) flags: RecordFlags,
    /// The line was empty: not even a comma.
    pub(crate) empty_line: bool,
}

impl RawRecord {
    fn clear(&mut self) {
        self.data.clear();
        self.ends.clear();
        self.field_count = 0;
        self.flags = RecordFlags::default();
        self.empty_line = false;
    }

    /// How many fields the record has (counting any beyond the limit).
    pub(crate) fn len(&self) -> usize {
        self.field_count
    }

    /// The bytes of field `i`, if it was stored.
    pub(crate) fn field(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.data.get(start..end)
    }

    /// Every stored field.
    pub(crate) fn fields(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.ends.len()).filter_map(|i| self.field(i))
    }

    /// Whether every field is empty or white space: a blank row (DEC-10).
    pub(crate) fn is_blank(&self) -> bool {
        self.empty_line || self.fields().all(|f| f.iter().all(u8::is_ascii_whitespace))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// At the start of a field.
    FieldStart,
    /// Inside an unquoted field.
    Unquoted,
    /// Inside an unquoted field, right after a backslash.
    Backslash,
    /// Inside a quoted field.
    Quoted,
    /// Inside a quoted field, right after a quote: the end of the field or `""`.
    QuoteInQuoted,
}

const CHUNK: usize = 64 * 1024;

/// Bytes that end a run of ordinary bytes in an unquoted field.
static UNQUOTED_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b',' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Streams records out of any reader, holding one chunk and one record at a time.
pub(crate) struct RecordReader<R> {
    src: R,
    buf: Box<[u8]>,
    pos: usize,
    end: usize,
    eof: bool,
    /// A `\r` ended the last record: a `\n` right after it belongs to it.
    skip_lf: bool,
    started: bool,
    bom: bool,
    next_row: u64,
    limits: ReaderLimits,
}

impl<R: Read> RecordReader<R> {
    pub(crate) fn new(src: R, limits: ReaderLimits) -> RecordReader<R> {
        RecordReader {
            src,
            buf: vec![0u8; CHUNK].into_boxed_slice(),
            pos: 0,
            end: 0,
            eof: false,
            skip_lf: false,
            started: false,
            bom: false,
            next_row: 1,
            limits,
        }
    }

    /// Whether the input started with a UTF-8 byte-order mark (known after the first record).
    pub(crate) fn had_bom(&self) -> bool {
        self.bom
    }

    /// Refills the buffer; `false` at the end of the input.
    fn fill(&mut self) -> io::Result<bool> {
        if self.pos < self.end {
            return Ok(true);
        }
        if self.eof {
            return Ok(false);
        }
        self.pos = 0;
        self.end = 0;
        loop {
            match self.src.read(&mut self.buf) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end = n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Skips a byte-order mark at the very start, reading more if the first chunk is short.
    fn skip_bom(&mut self) -> io::Result<()> {
        self.started = true;
        const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];
        let mut head = Vec::with_capacity(3);
        while head.len() < 3 && self.fill()? {
            let take = (3 - head.len()).min(self.end - self.pos);
            head.extend_from_slice(&self.buf[self.pos..self.pos + take]);
            self.pos += take;
        }
        if head[..] == BOM {
            self.bom = true;
        } else {
            // Not a BOM: put the bytes back in front of what is buffered.
            let rest = self.buf[self.pos..self.end].to_vec();
            let mut joined = head;
            joined.extend_from_slice(&rest);
            if joined.len() > self.buf.len() {
                self.buf = vec![0u8; joined.len()].into_boxed_slice();
            }
            self.buf[..joined.len()].copy_from_slice(&joined);
            self.pos = 0;
            self.end = joined.len();
        }
        Ok(())
    }

    /// Reads the next record into `rec`; `false` when the input is exhausted.
    pub(crate) fn read_record(&mut self, rec: &mut RawRecord) -> io::Result<bool> {
        if !self.started {
            self.skip_bom()?;
        }
        rec.clear();
        if self.skip_lf && self.fill()? && self.buf[self.pos] == b'\n' {
            self.pos += 1;
        }
        self.skip_lf = false;
        if !self.fill()? {
            return Ok(false);
        }
        rec.row = self.next_row;
        self.next_row += 1;
        let mut state = State::FieldStart;
        let mut field_start = 0usize;
        let mut line_has_bytes = false;
        loop {
            if self.pos == self.end && !self.fill()? {
                // End of input ends the record.
                if state == State::Quoted {
                    rec.flags.unterminated_quote = true;
                }
                if state == State::Backslash {
                    self.push(rec, &[b'\\'], field_start);
                }
                self.end_field(rec, field_start);
                return Ok(true);
            }
            match state {
                State::FieldStart => {
                    let b = self.buf[self.pos];
                    match b {
                        b'"' => {
                            self.pos += 1;
                            state = State::Quoted;
                            line_has_bytes = true;
                        }
                        b'\n' | b'\r' => {
                            self.pos += 1;
                            self.skip_lf = b == b'\r';
                            rec.empty_line = !line_has_bytes;
                            self.end_field(rec, field_start);
                            return Ok(true);
                        }
                        _ => state = State::Unquoted,
                    }
                }
                State::Unquoted => {
                    let chunk = &self.buf[self.pos..self.end];
                    let run = chunk
                        .iter()
                        .position(|&b| UNQUOTED_SPECIAL[usize::from(b)])
                        .unwrap_or(chunk.len());
                    if run > 0 {
                        line_has_bytes = true;
                        let (s, e) = (self.pos, self.pos + run);
                        self.push_range(rec, s, e, field_start);
                        self.pos = e;
                        continue;
                    }
                    let b = self.buf[self.pos];
                    self.pos += 1;
                    line_has_bytes = true;
                    match b {
                        b',' => {
                            self.end_field(rec, field_start);
                            field_start = rec.data.len();
                            state = State::FieldStart;
                        }
                        b'\\' => state = State::Backslash,
                        _ => {
                            // \n or \r: end of the record.
                            self.skip_lf = b == b'\r';
                            self.end_field(rec, field_start);
                            return Ok(true);
                        }
                    }
                }
                State::Backslash => {
                    // EXT-12: `\,` is a comma inside an unquoted field.
                    if self.buf[self.pos] == b',' {
                        self.pos += 1;
                        self.push(rec, b",", field_start);
                    } else {
                        self.push(rec, b"\\", field_start);
                    }
                    state = State::Unquoted;
                }
                State::Quoted => {
                    let chunk = &self.buf[self.pos..self.end];
                    let run = chunk.iter().position(|&b| b == b'"').unwrap_or(chunk.len());
                    let (s, e) = (self.pos, self.pos + run);
                    self.push_range(rec, s, e, field_start);
                    self.pos = e;
                    if self.pos < self.end {
                        self.pos += 1;
                        state = State::QuoteInQuoted;
                    }
                }
                State::QuoteInQuoted => {
                    let b = self.buf[self.pos];
                    match b {
                        b'"' => {
                            self.pos += 1;
                            self.push(rec, b"\"", field_start);
                            state = State::Quoted;
                        }
                        b',' => {
                            self.pos += 1;
                            self.end_field(rec, field_start);
                            field_start = rec.data.len();
                            state = State::FieldStart;
                        }
                        b'\n' | b'\r' => {
                            self.pos += 1;
                            self.skip_lf = b == b'\r';
                            self.end_field(rec, field_start);
                            return Ok(true);
                        }
                        // Text after a closing quote: kept, as spreadsheets do.
                        _ => state = State::Unquoted,
                    }
                }
            }
        }
    }

    fn push_range(&mut self, rec: &mut RawRecord, start: usize, end: usize, field_start: usize) {
        // Split borrows: the buffer and the record are distinct.
        let bytes = &self.buf[start..end];
        push_bytes(rec, bytes, field_start, &self.limits);
    }

    fn push(&mut self, rec: &mut RawRecord, bytes: &[u8], field_start: usize) {
        push_bytes(rec, bytes, field_start, &self.limits);
    }

    fn end_field(&mut self, rec: &mut RawRecord, _field_start: usize) {
        rec.field_count += 1;
        if rec.ends.len() < self.limits.max_fields {
            rec.ends.push(rec.data.len());
        } else {
            rec.flags.too_long = true;
        }
    }
}

/// Appends bytes to the current field unless a limit is reached; then only flags it.
fn push_bytes(rec: &mut RawRecord, bytes: &[u8], field_start: usize, limits: &ReaderLimits) {
    if bytes.is_empty() {
        return;
    }
    let field_len = rec.data.len() - field_start;
    if field_len + bytes.len() > limits.max_field_bytes {
        rec.flags.long_field.get_or_insert(rec.field_count);
        return;
    }
    if rec.data.len() + bytes.len() > limits.max_record_bytes || rec.ends.len() >= limits.max_fields
    {
        rec.flags.too_long = true;
        return;
    }
    rec.data.extend_from_slice(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads every record of `input`, as (row, fields, flags, empty_line).
    fn read_all(
        input: &[u8],
        limits: ReaderLimits,
    ) -> (Vec<(u64, Vec<String>, RecordFlags, bool)>, bool) {
        let mut reader = RecordReader::new(input, limits);
        let mut rec = RawRecord::default();
        let mut out = Vec::new();
        while reader.read_record(&mut rec).unwrap() {
            let fields = rec
                .fields()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            out.push((rec.row, fields, rec.flags, rec.empty_line));
        }
        (out, reader.had_bom())
    }

    fn fields(input: &str) -> Vec<Vec<String>> {
        read_all(input.as_bytes(), ReaderLimits::default())
            .0
            .into_iter()
            .map(|r| r.1)
            .collect()
    }

    #[test]
    fn plain_quoted_and_escaped_fields() {
        assert_eq!(fields("a,b\nc,d\n"), [["a", "b"], ["c", "d"]]);
        assert_eq!(fields("a,b\r\nc,d"), [["a", "b"], ["c", "d"]]);
        assert_eq!(fields("a,b\rc,d\r"), [["a", "b"], ["c", "d"]]);
        assert_eq!(
            fields("\"x, y\",\"say \"\"hi\"\"\"\n"),
            [["x, y", "say \"hi\""]]
        );
        // EXT-12: a backslash escapes a comma outside quotes; other backslashes stay.
        assert_eq!(
            fields("Smith\\, Barney,a\\b,end\\\n"),
            [["Smith, Barney", "a\\b", "end\\"]]
        );
        assert_eq!(fields("a,,\n"), [["a", "", ""]]);
        assert_eq!(fields("ab\"c,\"d\"e\n"), [["ab\"c", "de"]]);
    }

    #[test]
    fn rows_count_blank_lines_and_not_quoted_line_breaks() {
        let (recs, _) = read_all(
            b"h1,h2\n\n\"multi\nline\",x\r\n\r\nlast,row",
            ReaderLimits::default(),
        );
        let rows: Vec<_> = recs.iter().map(|r| (r.0, r.3)).collect();
        assert_eq!(
            rows,
            [(1, false), (2, true), (3, false), (4, true), (5, false)]
        );
        assert_eq!(recs[2].1, ["multi\nline", "x"]);
        // A `\r\n` split across two reads is still one line break.
        assert_eq!(fields("a\r"), [["a"]]);
    }

    #[test]
    fn bom_is_skipped_and_reported() {
        let (recs, bom) = read_all(b"\xEF\xBB\xBFModel,MAC Address\n", ReaderLimits::default());
        assert!(bom);
        assert_eq!(recs[0].1, ["Model", "MAC Address"]);
        let (recs, bom) = read_all(b"\xEF\xBB", ReaderLimits::default());
        assert!(!bom);
        assert_eq!(recs.len(), 1);
        assert!(read_all(b"", ReaderLimits::default()).0.is_empty());
    }

    #[test]
    fn limits_bound_memory_and_are_reported() {
        let limits = ReaderLimits {
            max_field_bytes: 8,
            max_record_bytes: 20,
            max_fields: 3,
        };
        let (recs, _) = read_all(b"short,0123456789abcdef,x\na,b,c,d,e\nok\n", limits);
        assert_eq!(recs[0].2.long_field, Some(1));
        assert!(recs[1].2.too_long);
        assert_eq!(recs[2].1, ["ok"]);
        let huge = format!("\"{}", "x".repeat(1_000_000));
        let (recs, _) = read_all(huge.as_bytes(), limits);
        assert!(recs[0].2.unterminated_quote && recs[0].2.long_field.is_some());
    }

    /// A reader that hands out one byte at a time, to cross every chunk boundary.
    struct Trickle<'a>(&'a [u8]);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match self.0.split_first() {
                Some((&b, rest)) if !buf.is_empty() => {
                    buf[0] = b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    proptest! {
        #[test]
        fn chunking_never_changes_the_records(input in "[a-c,\"\\\\\r\n ]{0,60}") {
            let whole = read_all(input.as_bytes(), ReaderLimits::default()).0;
            let mut reader = RecordReader::new(Trickle(input.as_bytes()), ReaderLimits::default());
            let mut rec = RawRecord::default();
            let mut trickled = Vec::new();
            while reader.read_record(&mut rec).unwrap() {
                trickled.push((rec.row, rec.fields().map(|f| String::from_utf8_lossy(f).into_owned()).collect::<Vec<_>>(), rec.flags, rec.empty_line));
            }
            prop_assert_eq!(whole, trickled);
        }

        #[test]
        fn written_csv_reads_back(rows in prop::collection::vec(prop::collection::vec("[a-z ,\"\n]{0,8}", 1..5), 1..6)) {
            let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
            for row in &rows {
                w.write_record(row).unwrap();
            }
            let bytes = w.into_inner().unwrap();
            let (recs, _) = read_all(&bytes, ReaderLimits::default());
            let read: Vec<Vec<String>> = recs.into_iter().map(|r| r.1).collect();
            // csv writes a lone empty field as `""`, which reads back as one empty field.
            prop_assert_eq!(read, rows);
        }

        #[test]
        fn arbitrary_bytes_never_panic(input in prop::collection::vec(any::<u8>(), 0..200)) {
            let limits = ReaderLimits { max_field_bytes: 5, max_record_bytes: 12, max_fields: 4 };
            let (recs, _) = read_all(&input, limits);
            for (_, fields, _, _) in recs {
                prop_assert!(fields.len() <= 4);
            }
        }
    }
}
