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
use std::ops::Range;
use std::str::Utf8Error;

use super::swar::Word;

/// The size limits of the reader; beyond them a record is reported, not stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReaderLimits {
    /// The longest field, in bytes.
    pub max_field_bytes: usize,
    /// The longest record, in bytes of the file (separators and quotes included).
    pub max_record_bytes: usize,
    /// The most fields in one record.
    pub max_fields: usize,
}

impl ReaderLimits {
    /// Checks that every limit is at least 1.
    ///
    /// Errors: [`ErrorCode::InvalidArgument`](crate::ErrorCode::InvalidArgument) naming the
    /// limit.
    pub fn validate(&self) -> crate::Result<()> {
        for (name, value) in [
            ("max_field_bytes", self.max_field_bytes),
            ("max_record_bytes", self.max_record_bytes),
            ("max_fields", self.max_fields),
        ] {
            if value == 0 {
                return Err(crate::Error::invalid_argument(format!(
                    "reader limit {name} must be at least 1"
                )));
            }
        }
        Ok(())
    }
}

impl Default for ReaderLimits {
    /// 1 KiB per field (an email is at most 254 characters, a location name 80), 256 KiB per
    /// record and 512 fields: the schemas have at most 9 columns, but an administrator may
    /// upload a file with many more, such as Unified CM's *Export Phones – All Details* with
    /// its 200 to 230 columns (EXT-14), whose extra columns are ignored (DEC-9). The buffer
    /// grows to the record limit only when a record is that long.
    fn default() -> ReaderLimits {
        ReaderLimits {
            max_field_bytes: 1024,
            max_record_bytes: 256 * 1024,
            max_fields: 512,
        }
    }
}

/// What went wrong with the shape of a record, if anything.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct RecordFlags {
    /// The index of the first field longer than the limit.
    pub(crate) long_field: Option<usize>,
    /// The record is longer than the limit in bytes (it was skipped, not stored).
    pub(crate) too_long: bool,
    /// The record has more fields than the limit (those beyond it were not stored).
    pub(crate) too_many_fields: bool,
    /// A quoted field ran to the end of the input.
    pub(crate) unterminated_quote: bool,
}

/// Where a field's bytes are: in the record as read, or unescaped into scratch space.
#[derive(Clone, Copy, Debug)]
#[cfg_attr(test, derive(PartialEq, Eq))]
struct Span {
    range: (u32, u32),
    in_scratch: bool,
}

impl Span {
    /// Where the field is: `raw` (the record as read) or `scratch` (the unescaped fields),
    /// bytes or text alike.
    fn pick<T: Copy>(&self, raw: T, scratch: T) -> T {
        if self.in_scratch { scratch } else { raw }
    }

    fn range(&self) -> Range<usize> {
        self.range.0 as usize..self.range.1 as usize
    }
}

/// One record, borrowed from the reader until the next read.
pub(crate) struct Record<'a> {
    /// The row as a spreadsheet numbers it (header = 1).
    pub(crate) row: u64,
    pub(crate) flags: RecordFlags,
    /// The line was empty: not even a comma.
    pub(crate) empty_line: bool,
    /// The limits the record was read with, for the messages that name one.
    pub(crate) limits: ReaderLimits,
    raw: &'a [u8],
    /// `raw` as text, when it is UTF-8 (checked once per record).
    raw_text: Option<&'a str>,
    scratch: &'a [u8],
    spans: &'a [Span],
    field_count: usize,
}

impl<'a> Record<'a> {
    /// How many fields the record has (counting any beyond the limit).
    pub(crate) fn len(&self) -> usize {
        self.field_count
    }

    /// The bytes of field `i`, if it was stored.
    pub(crate) fn field(&self, i: usize) -> Option<&'a [u8]> {
        let span = self.spans.get(i)?;
        span.pick(self.raw, self.scratch).get(span.range())
    }

    /// How many fields were stored (those within the limit of fields).
    pub(crate) fn stored_len(&self) -> usize {
        self.spans.len()
    }

    /// The length of the record as read, in bytes (its fields' text is at most that, unless
    /// unescaped).
    pub(crate) fn raw_len(&self) -> usize {
        self.raw.len()
    }

    /// Every stored field.
    pub(crate) fn fields(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        (0..self.spans.len()).filter_map(|i| self.field(i))
    }

    /// Field `i` as text, or why it is not UTF-8.
    pub(crate) fn text(&self, i: usize) -> Option<Result<&'a str, Utf8Error>> {
        let span = self.spans.get(i)?;
        if !span.in_scratch {
            if let Some(text) = self.raw_text.and_then(|t| t.get(span.range())) {
                return Some(Ok(text));
            }
        }
        self.field(i).map(std::str::from_utf8)
    }

    /// The stored fields as text, when every one is UTF-8 (one check of the record as read,
    /// plus the few unescaped fields).
    pub(crate) fn texts(&self) -> Option<Texts<'a>> {
        let scratch = match self.scratch {
            [] => "",
            bytes => std::str::from_utf8(bytes).ok()?,
        };
        Some(Texts {
            raw: self.raw_text?,
            scratch,
            spans: self.spans,
        })
    }

    /// Whether every field is empty or white space: a blank row (DEC-10). A record skipped
    /// for its size is not blank, though none of its fields was stored.
    pub(crate) fn is_blank(&self) -> bool {
        self.empty_line
            || (!self.flags.too_long
                && !self.flags.too_many_fields
                && self.fields().all(|f| f.iter().all(u8::is_ascii_whitespace)))
    }
}

/// The fields of a record that is all UTF-8 (see [`Record::texts`]).
#[derive(Clone, Copy)]
pub(crate) struct Texts<'a> {
    raw: &'a str,
    scratch: &'a str,
    spans: &'a [Span],
}

impl<'a> Texts<'a> {
    /// Field `i`, if it was stored.
    pub(crate) fn get(&self, i: usize) -> Option<&'a str> {
        let span = self.spans.get(i)?;
        span.pick(self.raw, self.scratch).get(span.range())
    }
}

/// Bytes that end a run of ordinary bytes in an unquoted field.
static UNQUOTED_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b',' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

const CHUNK: usize = 64 * 1024;

/// How a scan of the buffered bytes ended.
#[cfg_attr(test, derive(Debug, PartialEq, Eq))]
enum Scan {
    /// A record of `len` bytes, its terminator included; `cr`: it ended with `\r`.
    Done { len: usize, cr: bool },
    /// The record goes on past the buffered bytes.
    NeedMore,
}

/// Streams records out of any reader, holding one buffer (64 KiB, or twice the record limit)
/// and the record being read.
pub(crate) struct RecordReader<R> {
    src: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    /// A `\r` ended the last record: a `\n` right after it belongs to it.
    skip_lf: bool,
    started: bool,
    bom: bool,
    next_row: u64,
    /// Every byte read from `src` so far.
    bytes_in: u64,
    limits: ReaderLimits,
    spans: Vec<Span>,
    scratch: Vec<u8>,
    field_count: usize,
    flags: RecordFlags,
}

impl<R: Read> RecordReader<R> {
    pub(crate) fn new(src: R, limits: ReaderLimits) -> RecordReader<R> {
        // The buffer grows only when a record needs it (up to the record limit), so a large
        // limit costs nothing until a record is that large.
        let size = CHUNK;
        RecordReader {
            src,
            buf: vec![0u8; size],
            start: 0,
            end: 0,
            eof: false,
            skip_lf: false,
            started: false,
            bom: false,
            next_row: 1,
            bytes_in: 0,
            limits,
            spans: Vec::new(),
            scratch: Vec::new(),
            field_count: 0,
            flags: RecordFlags::default(),
        }
    }

    /// How many bytes of the input the records read so far span.
    pub(crate) fn position(&self) -> u64 {
        self.bytes_in - (self.end - self.start) as u64
    }

    /// Whether the input started with a UTF-8 byte-order mark (known after the first record).
    pub(crate) fn had_bom(&self) -> bool {
        self.bom
    }

    /// Moves the unread bytes to the front and reads more after them; `false` at the end of
    /// the input.
    fn refill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            // A record longer than the buffer but within the limit: make room for it.
            let room = self
                .buf
                .len()
                .saturating_mul(2)
                .min(self.limits.max_record_bytes.saturating_add(CHUNK))
                .max(self.buf.len() + 1);
            self.buf.resize(room, 0);
        }
        loop {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    self.bytes_in += n as u64;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Makes at least `n` unread bytes available, unless the input ends first.
    fn want(&mut self, n: usize) -> io::Result<()> {
        while self.end - self.start < n && self.refill()? {}
        Ok(())
    }

    /// Reads the next record; `None` when the input is exhausted.
    pub(crate) fn read_record(&mut self) -> io::Result<Option<Record<'_>>> {
        if !self.started {
            self.started = true;
            self.want(3)?;
            if self.buf[self.start..self.end].starts_with(&[0xEF, 0xBB, 0xBF]) {
                self.bom = true;
                self.start += 3;
            }
        }
        if self.skip_lf {
            self.want(1)?;
            if self.start < self.end && self.buf[self.start] == b'\n' {
                self.start += 1;
            }
            self.skip_lf = false;
        }
        if self.start == self.end && !self.refill()? {
            return Ok(None);
        }
        let row = self.next_row;
        self.next_row += 1;
        let len = loop {
            match self.scan() {
                Scan::Done { len, cr } => {
                    self.skip_lf = cr;
                    if len > self.limits.max_record_bytes {
                        // Over the limit though it fitted in the buffer: reported the same way.
                        self.spans.clear();
                        self.scratch.clear();
                        self.flags.too_long = true;
                    }
                    break len;
                }
                Scan::NeedMore if self.end - self.start >= self.limits.max_record_bytes => {
                    if let Some(line_end) = open_quote_line_end(&self.buf[self.start..self.end]) {
                        // A quote still open past the record limit, across a line break: read
                        // as a quote never closed, the record ends with the line it opened on,
                        // and the rows after it are read (DEC-10).
                        self.spans.clear();
                        self.scratch.clear();
                        self.field_count = 0;
                        self.flags = RecordFlags {
                            unterminated_quote: true,
                            ..RecordFlags::default()
                        };
                        self.skip_lf = self.buf[self.start + line_end] == b'\r';
                        break line_end + 1;
                    }
                    self.skip_long_record()?;
                    break 0;
                }
                Scan::NeedMore => {
                    // No more input: the scan is final on the next pass.
                    let _ = self.refill()?;
                }
            }
        };
        let raw = &self.buf[self.start..self.start + len];
        self.start += len;
        let empty_line = len > 0 && self.field_count == 1 && matches!(raw, [b'\n'] | [b'\r']);
        Ok(Some(Record {
            row,
            flags: self.flags,
            empty_line,
            limits: self.limits,
            raw,
            raw_text: std::str::from_utf8(raw).ok(),
            scratch: &self.scratch,
            spans: &self.spans,
            field_count: self.field_count,
        }))
    }

    /// Skips a record longer than the limit without storing it: to the first line break
    /// outside quotes, reading quotes as the grammar does (a `"` opens a quoted field only at
    /// the start of a field; elsewhere it is an ordinary byte). The record is reported with no
    /// fields.
    fn skip_long_record(&mut self) -> io::Result<()> {
        self.spans.clear();
        self.scratch.clear();
        self.field_count = 0;
        self.flags = RecordFlags {
            too_long: true,
            ..RecordFlags::default()
        };
        let mut state = Quoting::FieldStart;
        loop {
            while self.start < self.end {
                let b = self.buf[self.start];
                self.start += 1;
                state = state.next(b);
                if state == Quoting::End {
                    self.skip_lf = b == b'\r';
                    return Ok(());
                }
            }
            if !self.refill()? {
                self.flags.unterminated_quote = state.in_quotes();
                return Ok(());
            }
        }
    }

    /// Scans one record out of the buffered bytes, from the start, recording its fields.
    fn scan(&mut self) -> Scan {
        let mut fields = Fields {
            spans: &mut self.spans,
            scratch: &mut self.scratch,
            count: 0,
            flags: RecordFlags::default(),
            limits: &self.limits,
        };
        fields.spans.clear();
        fields.scratch.clear();
        let outcome = scan_record(&self.buf[self.start..self.end], self.eof, &mut fields);
        self.field_count = fields.count;
        self.flags = fields.flags;
        outcome
    }
}

/// The fields of the record being scanned.
struct Fields<'a> {
    spans: &'a mut Vec<Span>,
    scratch: &'a mut Vec<u8>,
    count: usize,
    flags: RecordFlags,
    limits: &'a ReaderLimits,
}

impl Fields<'_> {
    /// Adds a field, minding the limits.
    fn push(&mut self, span: Span) {
        let index = self.count;
        self.count += 1;
        if (span.range.1 - span.range.0) as usize > self.limits.max_field_bytes {
            self.flags.long_field.get_or_insert(index);
        }
        if self.spans.len() < self.limits.max_fields {
            self.spans.push(span);
        } else {
            self.flags.too_many_fields = true;
        }
    }

    /// Forgets the fields recorded so far, to scan the record again.
    fn clear(&mut self) {
        self.spans.clear();
        self.scratch.clear();
        self.count = 0;
        self.flags = RecordFlags::default();
    }

    fn raw(&mut self, start: usize, end: usize) {
        self.push(Span {
            range: (start as u32, end as u32),
            in_scratch: false,
        });
    }

    /// Adds a field whose bytes are unescaped into scratch space.
    fn unescaped(&mut self, write: impl FnOnce(&mut Vec<u8>)) {
        let start = self.scratch.len();
        write(self.scratch);
        let span = Span {
            range: (start as u32, self.scratch.len() as u32),
            in_scratch: true,
        };
        self.push(span);
    }
}

/// Scans one record at the start of `s` (the buffered bytes; `eof`: nothing follows them).
fn scan_record(s: &[u8], eof: bool, fields: &mut Fields<'_>) -> Scan {
    scan_plain_line(s, fields).unwrap_or_else(|| scan_record_bytewise(s, eof, fields))
}

/// The common record, fast: a whole line ended by `\n` or `\r\n`, without quotes, backslashes
/// or other carriage returns, whose fields are simply the text between commas. It is read
/// eight bytes at a time (see [`Word`]); `None`, with no field recorded, for any other record,
/// which the byte-wise scan then reads.
fn scan_plain_line(s: &[u8], fields: &mut Fields<'_>) -> Option<Scan> {
    let mut start = 0;
    let mut chunks = s.chunks_exact(8);
    let mut base = 0;
    let special = loop {
        let (word, last) = match chunks.next() {
            Some(chunk) => (Word::new(chunk), false),
            // The last bytes, padded with zero bytes, which are nothing special.
            None => (Word::new(chunks.remainder()), true),
        };
        let special = plain_line_specials(word);
        let mut commas = word.equal(b',') & Word::before_first(special);
        while commas != 0 {
            let at = base + commas.trailing_zeros() as usize / 8;
            fields.raw(start, at);
            start = at + 1;
            commas &= commas - 1;
        }
        if special != 0 {
            break base + special.trailing_zeros() as usize / 8;
        }
        if last {
            // No line break in the buffered bytes.
            fields.clear();
            return None;
        }
        base += 8;
    };
    let cr = match (s.get(special), s.get(special + 1)) {
        (Some(b'\n'), _) => false,
        (Some(b'\r'), Some(b'\n')) => true,
        _ => {
            fields.clear();
            return None;
        }
    };
    fields.raw(start, special);
    Some(Scan::Done {
        len: special + 1,
        cr,
    })
}

/// Flags whose lowest is the first byte of `word` that ends a plain line or is not allowed in
/// one: a line break, a quote or a backslash (0: none).
fn plain_line_specials(word: Word) -> u64 {
    word.equal_from_first(b'\n')
        | word.equal_from_first(b'\r')
        | word.equal_from_first(b'"')
        | word.equal_from_first(b'\\')
}

/// Scans one record byte by byte: any record the grammar allows (see [`scan_record`]).
fn scan_record_bytewise(s: &[u8], eof: bool, fields: &mut Fields<'_>) -> Scan {
    let n = s.len();
    let mut i = 0;
    loop {
        // At the start of a field.
        if i >= n {
            if !eof {
                return Scan::NeedMore;
            }
            fields.raw(i, i);
            return Scan::Done { len: n, cr: false };
        }
        if s[i] == b'"' {
            // A quoted field: to the closing quote, `""` being one quote.
            let mut j = i + 1;
            let mut doubled = false;
            let close = loop {
                match s[j..].iter().position(|&b| b == b'"') {
                    None if eof => break None,
                    None => return Scan::NeedMore,
                    Some(k) => {
                        let q = j + k;
                        if q + 1 >= n && !eof {
                            return Scan::NeedMore;
                        }
                        if s.get(q + 1) == Some(&b'"') {
                            doubled = true;
                            j = q + 2;
                            continue;
                        }
                        break Some(q);
                    }
                }
            };
            let Some(q) = close else {
                // Never closed (DEC-10): the record is the rest of the line the quote opened
                // on, and the rows after it are read as rows.
                fields.flags.unterminated_quote = true;
                let line_end = s[i + 1..]
                    .iter()
                    .position(|&b| matches!(b, b'\n' | b'\r'))
                    .map(|k| i + 1 + k);
                let end = line_end.unwrap_or(n);
                fields.unescaped(|out| unescape_quoted(&s[i + 1..end], out));
                return match line_end {
                    Some(at) => Scan::Done {
                        len: at + 1,
                        cr: s[at] == b'\r',
                    },
                    None => Scan::Done { len: n, cr: false },
                };
            };
            // Text after the closing quote is kept, as spreadsheets do.
            let tail_end = match s[q + 1..]
                .iter()
                .position(|&b| matches!(b, b',' | b'\n' | b'\r'))
            {
                Some(k) => q + 1 + k,
                None if eof => n,
                None => return Scan::NeedMore,
            };
            if !doubled && tail_end == q + 1 {
                fields.raw(i + 1, q);
            } else {
                fields.unescaped(|out| {
                    unescape_quoted(&s[i + 1..q], out);
                    out.extend_from_slice(&s[q + 1..tail_end]);
                });
            }
            i = tail_end;
        } else {
            // An unquoted field: to the next comma or line break; `\,` is a comma (EXT-12).
            let mut j = i;
            let mut escaped = false;
            loop {
                j += s[j..]
                    .iter()
                    .position(|&b| UNQUOTED_SPECIAL[usize::from(b)])
                    .unwrap_or(n - j);
                if j >= n {
                    if eof {
                        break;
                    }
                    return Scan::NeedMore;
                }
                if s[j] != b'\\' {
                    break;
                }
                match s.get(j + 1) {
                    None if !eof => return Scan::NeedMore,
                    Some(b',') => {
                        escaped = true;
                        j += 2;
                    }
                    _ => j += 1,
                }
            }
            if escaped {
                fields.unescaped(|out| unescape_backslash(&s[i..j], out));
            } else {
                fields.raw(i, j);
            }
            i = j;
        }
        // After a field: a comma, a line break, or the end of the input.
        match s.get(i) {
            None => return Scan::Done { len: n, cr: false },
            Some(b'\n') => {
                return Scan::Done {
                    len: i + 1,
                    cr: false,
                };
            }
            Some(b'\r') => {
                return Scan::Done {
                    len: i + 1,
                    cr: true,
                };
            }
            Some(_) => i += 1,
        }
    }
}

/// Where a byte-by-byte reading of a record stands, for the records that are skipped rather
/// than stored (see [`RecordReader::skip_long_record`]): the grammar of [`scan_record`]
/// without the fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quoting {
    /// At the start of a field: a `"` here opens a quoted field.
    FieldStart,
    /// In an unquoted field: a `"` here is an ordinary byte.
    Unquoted,
    /// In an unquoted field, right after a backslash: a comma here is escaped (EXT-12).
    Backslash,
    /// In a quoted field.
    Quoted,
    /// Right after a `"` in a quoted field: another `"` makes it a doubled quote, anything
    /// else closes the field.
    QuoteInQuoted,
    /// After a quoted field's closing quote: text kept up to the next comma or line break.
    AfterQuote,
    /// A line break outside quotes ended the record.
    End,
}

impl Quoting {
    fn next(self, b: u8) -> Quoting {
        use Quoting::*;
        match (self, b) {
            (Quoted, b'"') => QuoteInQuoted,
            (Quoted, _) => Quoted,
            (QuoteInQuoted, b'"') | (FieldStart, b'"') => Quoted,
            (_, b'\n' | b'\r') => End,
            (Backslash, b',') => Unquoted,
            (_, b',') => FieldStart,
            (FieldStart | Unquoted | Backslash, b'\\') => Backslash,
            (FieldStart | Unquoted | Backslash, _) => Unquoted,
            (QuoteInQuoted | AfterQuote | End, _) => AfterQuote,
        }
    }

    fn in_quotes(self) -> bool {
        matches!(self, Quoting::Quoted | Quoting::QuoteInQuoted)
    }
}

/// In the buffered start of a record that has no end yet: when a quoted field is still open
/// at the end of `s` and a line break follows its opening quote, the index of that line break.
fn open_quote_line_end(s: &[u8]) -> Option<usize> {
    let mut state = Quoting::FieldStart;
    let mut opened_at = 0;
    for (i, &b) in s.iter().enumerate() {
        let next = state.next(b);
        if next == Quoting::Quoted && state == Quoting::FieldStart {
            opened_at = i;
        }
        if next == Quoting::End {
            return None;
        }
        state = next;
    }
    if !state.in_quotes() {
        return None;
    }
    s[opened_at + 1..]
        .iter()
        .position(|&b| matches!(b, b'\n' | b'\r'))
        .map(|k| opened_at + 1 + k)
}

/// A quoted field's content with `""` read as `"`.
fn unescape_quoted(content: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < content.len() {
        out.push(content[i]);
        i += if content[i] == b'"' && content.get(i + 1) == Some(&b'"') {
            2
        } else {
            1
        };
    }
}

/// An unquoted field's content with `\,` read as `,` (EXT-12).
fn unescape_backslash(content: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < content.len() {
        if content[i] == b'\\' && content.get(i + 1) == Some(&b',') {
            out.push(b',');
            i += 2;
        } else {
            out.push(content[i]);
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A record as the tests compare it: row, fields, flags, empty line.
    type ReadRecord = (u64, Vec<String>, RecordFlags, bool);

    /// Reads every record of `input`.
    fn read_all(input: &[u8], limits: ReaderLimits) -> (Vec<ReadRecord>, bool) {
        let mut reader = RecordReader::new(input, limits);
        let mut out = Vec::new();
        while let Some(rec) = reader.read_record().unwrap() {
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
            max_record_bytes: 30,
            max_fields: 3,
        };
        let input = b"short,0123456789abcdef,x\na,b,c,d,e\nwide,0123456789,0123456789,0123\nok\n";
        let (recs, _) = read_all(input, limits);
        assert_eq!(recs[0].2.long_field, Some(1));
        assert!(!recs[0].2.too_long);
        assert!(
            recs[1].2.too_many_fields && !recs[1].2.too_long,
            "more fields than the limit"
        );
        assert!(
            recs[2].2.too_long && recs[2].1.is_empty(),
            "a record over the limit is not stored"
        );
        assert_eq!((recs[3].0, &recs[3].1), (4, &vec!["ok".to_owned()]));
        // A quote never closed: skipped to the end, in bounded memory.
        let huge = format!("a,b\n\"{}\nc,d\n", "x".repeat(1_000_000));
        let (recs, _) = read_all(huge.as_bytes(), limits);
        assert_eq!(recs.len(), 2);
        assert!(recs[1].2.unterminated_quote && recs[1].2.too_long);
    }

    #[test]
    fn dec10_an_unclosed_quote_ends_with_its_line_and_the_rows_after_it_are_read() {
        let (recs, _) = read_all(b"h1,h2\nx,\"abc\r\nok,1\nok,2", ReaderLimits::default());
        let got: Vec<_> = recs
            .iter()
            .map(|r| (r.0, r.1.clone(), r.2.unterminated_quote))
            .collect();
        assert_eq!(
            got,
            [
                (1, vec!["h1".to_owned(), "h2".to_owned()], false),
                (2, vec!["x".to_owned(), "abc".to_owned()], true),
                (3, vec!["ok".to_owned(), "1".to_owned()], false),
                (4, vec!["ok".to_owned(), "2".to_owned()], false),
            ]
        );
        // Past the record limit too: the quote is still open when the limit is reached.
        let limits = ReaderLimits {
            max_field_bytes: 8,
            max_record_bytes: 30,
            max_fields: 4,
        };
        let input = format!("h\n\"open\n{}last\n", "row\n".repeat(40));
        let (recs, _) = read_all(input.as_bytes(), limits);
        assert!(recs[1].2.unterminated_quote && !recs[1].2.too_long);
        assert_eq!(recs.len(), 43);
        assert_eq!((recs[42].0, &recs[42].1), (43, &vec!["last".to_owned()]));
    }

    #[test]
    fn issue14_a_stray_quote_in_a_skipped_long_row_does_not_swallow_the_rows_after_it() {
        let limits = ReaderLimits {
            max_field_bytes: 8,
            max_record_bytes: 64,
            max_fields: 4,
        };
        for long in [
            format!("ab\"c{},x", "y".repeat(200)),
            format!("\"q,\"\"{}\"tail\"x,z", "y".repeat(200)),
            format!("a\\,\"{}", "y".repeat(200)),
        ] {
            let input = format!("h1,h2\n{long}\nc,d\r\ne,f\n");
            let (recs, _) = read_all(input.as_bytes(), limits);
            let rows: Vec<_> = recs
                .iter()
                .map(|r| (r.0, r.1.join("|"), r.2.too_long))
                .collect();
            assert_eq!(
                rows,
                [
                    (1, "h1|h2".to_owned(), false),
                    (2, String::new(), true),
                    (3, "c|d".to_owned(), false),
                    (4, "e|f".to_owned(), false),
                ],
                "{long:?}"
            );
        }
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

    /// What a scanner made of `s`: its outcome, the fields' spans, the scratch space, the field
    /// count and flags.
    type Scanned = (Option<Scan>, Vec<Span>, Vec<u8>, usize, RecordFlags);

    fn scan_with(
        scanner: impl Fn(&[u8], &mut Fields<'_>) -> Option<Scan>,
        s: &[u8],
        limits: &ReaderLimits,
    ) -> Scanned {
        let (mut spans, mut scratch) = (Vec::new(), Vec::new());
        let mut fields = Fields {
            spans: &mut spans,
            scratch: &mut scratch,
            count: 0,
            flags: RecordFlags::default(),
            limits,
        };
        let scan = scanner(s, &mut fields);
        let (count, flags) = (fields.count, fields.flags);
        (scan, spans, scratch, count, flags)
    }

    #[test]
    fn plain_lines_take_the_fast_path() {
        let limits = ReaderLimits::default();
        for line in [
            &b"a,b,,long field here,x\n"[..],
            b"\n",
            b"a,b\r\nc",
            b"0123456,\n",
        ] {
            let (scan, ..) = scan_with(scan_plain_line, line, &limits);
            assert!(scan.is_some(), "{:?}", String::from_utf8_lossy(line));
        }
        for line in [&b"a,\"b\"\n"[..], b"a\\,b\n", b"a\rb\n", b"a,b", b"a,b\r"] {
            let (scan, spans, _, count, _) = scan_with(scan_plain_line, line, &limits);
            assert!(scan.is_none() && spans.is_empty() && count == 0);
        }
    }

    proptest! {
        #[test]
        fn the_fast_path_reads_what_the_bytewise_scan_reads(input in "[a-c,\"\\\\\r\n ]{0,40}", eof in any::<bool>(), small in any::<bool>()) {
            let limits = if small {
                ReaderLimits { max_field_bytes: 3, max_record_bytes: 100, max_fields: 4 }
            } else {
                ReaderLimits::default()
            };
            let s = input.as_bytes();
            let fast = scan_with(scan_plain_line, s, &limits);
            if fast.0.is_some() {
                let slow = scan_with(|s, f| Some(scan_record_bytewise(s, eof, f)), s, &limits);
                prop_assert_eq!(fast, slow);
            }
        }

        #[test]
        fn chunking_never_changes_the_records(input in "[a-c,\"\\\\\r\n ]{0,60}") {
            let whole = read_all(input.as_bytes(), ReaderLimits::default()).0;
            let mut reader = RecordReader::new(Trickle(input.as_bytes()), ReaderLimits::default());
            let mut trickled = Vec::new();
            while let Some(rec) = reader.read_record().unwrap() {
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
