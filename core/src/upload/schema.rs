//! The two CSV schemas of *Add devices* (CSV-1, CSV-2, TASK-3) and the matching of a file's
//! header against them (DEC-7, DEC-8, DEC-9).

use std::fmt;

use crate::directory::near_key;
use crate::error::{Error, ErrorCode, Finding, Result};

/// The migration option of a task and of its uploads (TASK-3).
#[repr(u32)]
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum UploadOption {
    /// *Generate device license and add device*: the nine columns of CSV-1.
    LicenseAndDevice,
    /// *Generate device license only*: Model and MAC Address (CSV-2).
    LicenseOnly,
}

impl UploadOption {
    /// Both options.
    pub const ALL: [UploadOption; 2] = [UploadOption::LicenseAndDevice, UploadOption::LicenseOnly];

    /// `"license_and_device"` or `"license_only"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            UploadOption::LicenseAndDevice => "license_and_device",
            UploadOption::LicenseOnly => "license_only",
        }
    }

    /// Reads `"license_and_device"` or `"license_only"`.
    ///
    /// Errors: [`ErrorCode::InvalidArgument`] naming the two accepted values.
    pub fn parse(text: &str) -> Result<UploadOption> {
        match text.trim() {
            "license_and_device" => Ok(UploadOption::LicenseAndDevice),
            "license_only" => Ok(UploadOption::LicenseOnly),
            other => Err(Error::invalid_argument(format!(
                "option {other:?} is not \"license_and_device\" or \"license_only\" (TASK-3)"
            ))),
        }
    }

    /// The columns of this option's schema, in the template's order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            UploadOption::LicenseAndDevice => &Column::ALL,
            UploadOption::LicenseOnly => &[Column::Model, Column::MacAddress],
        }
    }
}

impl fmt::Display for UploadOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A column of the upload schemas.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// USER or WORKSPACE (CSV-3).
    Type,
    /// The user's email or the workspace's name (CSV-4).
    Username,
    /// A workspace's E.164 number (CSV-5).
    PhoneNumber,
    /// A workspace's extension (CSV-6).
    Extension,
    /// `IP` (CSV-7).
    DeviceType,
    /// The phone model (CSV-8).
    Model,
    /// The phone's MAC address (CSV-9).
    MacAddress,
    /// The location's name (CSV-11).
    Location,
    /// A new workspace's unlimited outgoing call plan (CSV-12).
    CallPlan,
}

impl Column {
    /// Every column, in the order of the *license and device* template (CSV-1).
    pub const ALL: [Column; 9] = [
        Column::Type,
        Column::Username,
        Column::PhoneNumber,
        Column::Extension,
        Column::DeviceType,
        Column::Model,
        Column::MacAddress,
        Column::Location,
        Column::CallPlan,
    ];

    /// The header name as the schema spells it: `"MAC Address"`.
    pub const fn header(self) -> &'static str {
        match self {
            Column::Type => "Type",
            Column::Username => "Username",
            Column::PhoneNumber => "Phone Number",
            Column::Extension => "Extension",
            Column::DeviceType => "Device Type",
            Column::Model => "Model",
            Column::MacAddress => "MAC Address",
            Column::Location => "Location",
            Column::CallPlan => "Call Plan",
        }
    }

    /// Other spellings of the header that name this column, as Control Hub's own files write
    /// them (EXT-13: its *add device* sample template writes `Calling Plan` for Call Plan).
    pub const fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::CallPlan => &["Calling Plan"],
            _ => &[],
        }
    }

    /// The column a header cell names, in any spelling of [`header`](Self::header) or
    /// [`aliases`](Self::aliases), matched as DEC-7 says (case-insensitive, surrounding and
    /// repeated spaces ignored).
    ///
    /// ```
    /// use mpp_migration::Column;
    /// assert_eq!(Column::from_header(" calling plan"), Some(Column::CallPlan));
    /// assert_eq!(Column::from_header("MAC Address"), Some(Column::MacAddress));
    /// assert_eq!(Column::from_header("Webex Go"), None);
    /// ```
    pub fn from_header(cell: &str) -> Option<Column> {
        Column::from_key(&near_key(cell))
    }

    fn from_key(key: &str) -> Option<Column> {
        Column::ALL
            .into_iter()
            .find(|c| near_key(c.header()) == key || c.aliases().iter().any(|a| near_key(a) == key))
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Columns that Control Hub's own templates and exports write beside the upload's schema
/// (EXT-13): known, so a file copied from them is told its extra columns are ignored, rather
/// than that they are unknown. `Webex Go` belongs to other device kinds (EXT-13).
pub const KNOWN_EXTRA_COLUMNS: &[&str] = &["Webex Go"];

/// The column the errors export adds (CSV-15); an upload ignores it, so a fixed errors file
/// uploads as it is.
pub const ERRORS_COLUMN: &str = "Errors";

/// Where each schema column sits in the file, and what the header looked like.
#[derive(Clone, Debug, Default)]
pub(crate) struct Header {
    positions: [Option<usize>; 9],
    /// The schema column at each field index, for the per-row loop.
    by_index: Vec<Option<Column>>,
    /// The header's cells as written (lossy UTF-8), for the errors export.
    pub(crate) cells: Vec<String>,
    /// How many fields every data row must have (EXT-12).
    pub(crate) width: usize,
    /// The first `Activation Code` column, if any (CSV-10, DEC-8): a row giving a code there
    /// is refused.
    pub(crate) activation_code: Option<usize>,
    /// The later columns of a schema column that appears more than once (DEC-9): a row whose
    /// cells there differ from the first column's is refused.
    pub(crate) duplicates: Vec<(Column, usize)>,
}

impl Header {
    /// The field index of `column`, when the file has it.
    pub(crate) fn position(&self, column: Column) -> Option<usize> {
        self.positions[column.index()]
    }

    /// Which schema column sits at field `index`.
    pub(crate) fn column_at(&self, index: usize) -> Option<Column> {
        self.by_index.get(index).copied().flatten()
    }

    /// Matches header cells against `option`'s schema (DEC-7: case-insensitive, surrounding and
    /// repeated spaces ignored, any order) and returns the findings of row 1 (DEC-9).
    pub(crate) fn parse(cells: Vec<String>, option: UploadOption) -> (Header, Vec<Finding>) {
        let mut header = Header {
            width: cells.len(),
            ..Header::default()
        };
        let mut findings = Vec::new();
        let at_row1 = |f: Finding, column: &str| f.at(Some(1), Some(column.to_owned()));
        let schema = option.columns();
        let mut other_schema = Vec::new();
        let mut known_extra = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            let key = near_key(cell);
            let known = Column::from_key(&key);
            match known {
                Some(column) if schema.contains(&column) => {
                    if let Some(first) = header.positions[column.index()] {
                        header.duplicates.push((column, i));
                        findings.push(at_row1(
                            Finding::new(
                                ErrorCode::HeaderDuplicateColumn,
                                format!("column {} appears twice in the header (columns {} and {}); rows whose two cells are the same are read, rows whose cells differ are refused; keep one of the columns", column.header(), first + 1, i + 1),
                            ),
                            column.header(),
                        ));
                    } else {
                        header.positions[column.index()] = Some(i);
                    }
                }
                // A column of the other schema: reported once, below.
                Some(column) => other_schema.push(column.header()),
                None if key == near_key(ERRORS_COLUMN) => {}
                None if key == "activation code" || key == "activation codes" => {
                    header.activation_code.get_or_insert(i);
                    findings.push(at_row1(
                        Finding::new(
                            ErrorCode::ActivationCodeUnsupported,
                            "activation codes are not supported for Enterprise to MPP migration; rows that give one are refused; remove the column and give each phone's MAC Address",
                        ),
                        cell,
                    ));
                }
                None if KNOWN_EXTRA_COLUMNS.iter().any(|c| near_key(c) == key) => {
                    known_extra.push(cell.as_str());
                }
                None if key.is_empty() => findings.push(at_row1(
                    Finding::new(
                        ErrorCode::HeaderUnknownColumn,
                        format!("column {} has no name; its values are ignored", i + 1),
                    ),
                    &format!("column {}", i + 1),
                )),
                None => {
                    let mut f = Finding::new(
                        ErrorCode::HeaderUnknownColumn,
                        format!(
                            "column {cell:?} is not part of the {option} schema; its values are ignored"
                        ),
                    );
                    if let Some(near) = closest_column(&key, schema) {
                        f = Finding::new(
                            ErrorCode::HeaderUnknownColumn,
                            format!("column {cell:?} is not part of the {option} schema; did you mean {:?}?", near.header()),
                        )
                        .with_suggestion(near.header());
                    }
                    findings.push(at_row1(f, cell));
                }
            }
        }
        if let Some(first) = other_schema.first() {
            findings.push(at_row1(
                Finding::new(
                    ErrorCode::HeaderUnknownColumn,
                    format!(
                        "the columns {} belong to the license_and_device schema; a {option} upload reads only {}, so they are ignored (was the option meant to be license_and_device?)",
                        other_schema.join(", "),
                        schema_text(option)
                    ),
                ),
                first,
            ));
        }
        if let Some(first) = known_extra.first() {
            findings.push(at_row1(
                Finding::new(
                    ErrorCode::HeaderExtraColumn,
                    format!(
                        "the column{} {} of Control Hub's device template {} not part of the {option} upload; {} values are ignored",
                        if known_extra.len() == 1 { "" } else { "s" },
                        known_extra.join(", "),
                        if known_extra.len() == 1 { "is" } else { "are" },
                        if known_extra.len() == 1 { "its" } else { "their" },
                    ),
                ),
                first,
            ));
        }
        for &column in schema {
            if header.position(column).is_none() {
                findings.push(at_row1(
                    Finding::new(
                        ErrorCode::HeaderMissingColumn,
                        format!(
                            "the header has no {:?} column; the {option} schema is: {}",
                            column.header(),
                            schema_text(option)
                        ),
                    ),
                    column.header(),
                ));
            }
        }
        header.by_index = (0..cells.len())
            .map(|i| {
                Column::ALL
                    .into_iter()
                    .find(|c| header.position(*c) == Some(i))
            })
            .collect();
        header.cells = cells;
        (header, findings)
    }
}

/// The schema's header line, for messages.
pub(crate) fn schema_text(option: UploadOption) -> String {
    option
        .columns()
        .iter()
        .map(|c| c.header())
        .collect::<Vec<_>>()
        .join(",")
}

/// The schema column a misspelt header most likely means (at most 3 edits away).
fn closest_column(key: &str, schema: &[Column]) -> Option<Column> {
    schema
        .iter()
        .map(|&c| (crate::model::edit_distance(key, &near_key(c.header())), c))
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(cells: &[&str], option: UploadOption) -> (Header, Vec<(String, String)>) {
        let (h, findings) = Header::parse(cells.iter().map(|s| s.to_string()).collect(), option);
        (
            h,
            findings
                .iter()
                .map(|f| (f.name().to_owned(), f.column().unwrap_or("").to_owned()))
                .collect(),
        )
    }

    #[test]
    fn dec7_headers_match_in_any_order_and_case() {
        let (h, f) = parse(&[" mac address ", "MODEL"], UploadOption::LicenseOnly);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(
            (h.position(Column::MacAddress), h.position(Column::Model)),
            (Some(0), Some(1))
        );
        let all: Vec<&str> = Column::ALL.iter().rev().map(|c| c.header()).collect();
        let (h, f) = parse(&all, UploadOption::LicenseAndDevice);
        assert!(f.is_empty());
        assert_eq!(h.position(Column::Type), Some(8));
        assert_eq!(h.column_at(8), Some(Column::Type));
    }

    #[test]
    fn dec9_header_problems_are_findings_on_row_1() {
        let (_, f) = parse(
            &[
                "Model",
                "MAC Adress",
                "Model",
                "Activation Code",
                "",
                "Errors",
            ],
            UploadOption::LicenseOnly,
        );
        assert_eq!(
            f,
            [
                ("header_unknown_column".to_owned(), "MAC Adress".to_owned()),
                ("header_duplicate_column".to_owned(), "Model".to_owned()),
                (
                    "activation_code_unsupported".to_owned(),
                    "Activation Code".to_owned()
                ),
                ("header_unknown_column".to_owned(), "column 5".to_owned()),
                ("header_missing_column".to_owned(), "MAC Address".to_owned()),
            ]
        );
        let (_, findings) = Header::parse(
            vec!["Model".into(), "MAC Adress".into()],
            UploadOption::LicenseOnly,
        );
        assert_eq!(findings[0].suggestion(), Some("MAC Address"));
        assert!(findings.iter().all(|f| f.row() == Some(1)));
        let (_, f) = parse(
            &["Type", "Model", "Username", "MAC Address"],
            UploadOption::LicenseOnly,
        );
        assert_eq!(f, [("header_unknown_column".to_owned(), "Type".to_owned())]);
    }

    #[test]
    fn options_read_and_print() {
        assert_eq!(
            UploadOption::parse("license_only").unwrap(),
            UploadOption::LicenseOnly
        );
        assert_eq!(
            UploadOption::parse("both").unwrap_err().code(),
            ErrorCode::InvalidArgument
        );
        assert_eq!(schema_text(UploadOption::LicenseOnly), "Model,MAC Address");
        assert_eq!(UploadOption::LicenseAndDevice.columns().len(), 9);
    }
}
