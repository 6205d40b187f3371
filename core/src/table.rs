//! What the eligibility table (DEV-1 to DEV-5, EXT-2, EXT-4) and the phone-load table (MAN-4,
//! EXT-10) share: data the library embeds and a host may replace with its own, in a CSV form
//! with a fixed header, one row per model (or model range) citing the source it rests on.
//!
//! One reader and one writer serve both, so the two tables take the same CSV (quoting, blank
//! rows, a spreadsheet's formula marker) and refuse the same mistakes the same way: a header
//! that is not the table's, a row of the wrong width, an unknown model or one that never
//! migrates (DEV-2, DEV-4, EXT-17), a row without a source. Each table adds the checks of its
//! own columns ([`TableRow::read`]) and of its rows together.

use std::io::Read;

use crate::error::{Error, ErrorCode, Result};
use crate::model::{Model, ModelClass, parse_model};

/// The problem of one row of a table: the column it concerns (`None`: the row as a whole) and
/// what is wrong.
pub(crate) type RowProblem = (Option<&'static str>, String);

/// One data row of a host-replaceable table.
pub(crate) trait TableRow: Sized {
    /// The table's kind, as messages name it: `"eligibility table"`.
    const KIND: &'static str;
    /// The code of every problem of such a table.
    const CODE: ErrorCode;
    /// The header, in order; the first column is the model, the last the source.
    const COLUMNS: &'static [&'static str];

    /// Reads the row's own columns: `model` has been read and can migrate, `cells` are the
    /// row's cells, trimmed, as many as the header's, `source` the last column's (not yet checked for emptiness,
    /// which comes after the row's own checks), and `earlier` the rows read before it.
    fn read(
        model: &'static Model,
        cells: &[&str],
        source: &str,
        earlier: &[(u64, Self)],
    ) -> std::result::Result<Self, RowProblem>;

    /// The row's cells as [`write`] writes them, in the order of [`COLUMNS`](Self::COLUMNS).
    fn cells(&self) -> Vec<String>;
}

/// The error of table `name` at `row` (`None`: the file as a whole) and `column`.
pub(crate) fn invalid<R: TableRow>(
    name: &str,
    row: Option<u64>,
    column: Option<&'static str>,
    message: impl std::fmt::Display,
) -> Error {
    Error::new(R::CODE, format!("{} {name:?}: {message}", R::KIND)).at(row, column)
}

/// Reads and validates the rows of a table called `name`, each with its row number (header =
/// 1), in file order. Blank rows are skipped. The first problem found stops the reading: a
/// table is used whole or not at all.
pub(crate) fn read<R: TableRow>(name: &str, reader: impl Read) -> Result<Vec<(u64, R)>> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let header_text = R::COLUMNS.join(",");
    let mut rows: Vec<(u64, R)> = Vec::new();
    let mut header_seen = false;
    for (i, record) in csv.records().enumerate() {
        let row = i as u64 + 1;
        let record = record.map_err(|e| {
            let text = e.to_string();
            let line = e.position().map(|p| p.line());
            match e.into_kind() {
                csv::ErrorKind::Io(io) => Error::io(format!("reading {} {name:?}", R::KIND), io),
                _ => invalid::<R>(name, line, None, format!("unreadable CSV: {text}")),
            }
        })?;
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        if !header_seen {
            let matches = record.len() == R::COLUMNS.len()
                && R::COLUMNS
                    .iter()
                    .enumerate()
                    .all(|(i, c)| cell(i).eq_ignore_ascii_case(c));
            if !matches {
                return Err(invalid::<R>(
                    name,
                    Some(1),
                    None,
                    format!("the header must be {header_text}"),
                ));
            }
            header_seen = true;
            continue;
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let problem =
            |(column, message): RowProblem| invalid::<R>(name, Some(row), column, message);
        if record.len() != R::COLUMNS.len() {
            return Err(problem((
                None,
                format!("{} fields; expected {}", record.len(), R::COLUMNS.len()),
            )));
        }
        let model =
            parse_model(cell(0)).map_err(|e| problem((Some("model"), e.message().to_owned())))?;
        if !model.is_mpp_convertible() {
            let rule = if model.class() == ModelClass::MppOnly {
                "DEV-4"
            } else {
                "EXT-17"
            };
            return Err(problem((
                Some("model"),
                format!(
                    "{} is never migrated: {} ({rule})",
                    model.name(),
                    model.class().reason().unwrap_or_default()
                ),
            )));
        }
        let source_column = R::COLUMNS.len() - 1;
        let source = cell_as_written(cell(source_column));
        let cells: Vec<&str> = record.iter().map(str::trim).collect();
        let parsed = R::read(model, &cells, source, &rows).map_err(problem)?;
        if source.is_empty() {
            return Err(problem((
                Some(R::COLUMNS[source_column]),
                "every row must cite its source".to_owned(),
            )));
        }
        rows.push((row, parsed));
    }
    if !header_seen {
        return Err(invalid::<R>(
            name,
            Some(1),
            None,
            format!("the table is empty; the header must be {header_text}"),
        ));
    }
    Ok(rows)
}

/// The table as CSV, which [`read`] reads back exactly: quoted by the `csv` crate where a cell
/// needs it (a comma, a quote, a line break), every cell made spreadsheet-safe by the upload
/// exports' own neutraliser ([`crate::spreadsheet_safe`]), lines ending in `\n`.
pub(crate) fn write<'a, R: TableRow + 'a>(rows: impl IntoIterator<Item = &'a R>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = w.write_record(R::COLUMNS);
    for row in rows {
        let _ = w.write_record(
            row.cells()
                .iter()
                .map(|c| crate::spreadsheet_safe(c, None).into_owned()),
        );
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A cell as [`write`] wrote it, read back: the `'` the neutraliser put before a formula
/// character is dropped (a cell cannot start with one legitimately there).
pub(crate) fn cell_as_written(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if matches!(
                rest.as_bytes().first(),
                Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
            ) =>
        {
            rest
        }
        _ => cell,
    }
}
