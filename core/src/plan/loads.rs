//! The MPP phone load of each model for the manual path (MAN-4), as data a host can replace
//! with newer loads (EXT-10).

use std::io::Read;
use std::sync::{Arc, LazyLock};

use crate::error::{Error, ErrorCode, Result};
use crate::firmware::{FirmwareKind, FirmwareVersion};
use crate::model::{Model, ModelKind, Series, parse_model};

/// The Load Server of Group 2 files (MAN-4).
pub const CLOUD_UPGRADE_SERVER: &str = "cloudupgrader.webex.com";

/// The oldest MPP firmware an 8800 audio phone of hardware V15 or later accepts (DEV-3, EXT-5).
pub const MIN_MPP_FOR_V15: (u16, u16, u16) = (11, 3, 3);

const DEFAULT_CSV: &str = include_str!("../../data/phone_loads.csv");

static DEFAULT: LazyLock<Arc<PhoneLoadTable>> = LazyLock::new(|| {
    Arc::new(
        PhoneLoadTable::from_csv("man_4", DEFAULT_CSV.as_bytes()).unwrap_or_else(|_| {
            PhoneLoadTable {
                name: "man_4".to_owned(),
                rows: Vec::new(),
            }
        }),
    )
});

/// One row: a model and its MPP phone load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneLoad {
    model: &'static Model,
    load: FirmwareVersion,
    source: String,
}

impl PhoneLoad {
    /// The model.
    pub fn model(&self) -> &'static Model {
        self.model
    }
    /// The phone load name, e.g. `sip78xx.11-3-6MPP0001-272`.
    pub fn load_name(&self) -> &str {
        self.load.as_str()
    }
    /// The load as a version.
    pub fn load(&self) -> &FirmwareVersion {
        &self.load
    }
    /// The rules the row rests on.
    pub fn source(&self) -> &str {
        &self.source
    }
}

/// The phone loads of the manual path: MAN-4's table by default, or a host's (EXT-10).
///
/// ```
/// use mpp_migration::{parse_model, PhoneLoadTable};
/// let table = PhoneLoadTable::man_4();
/// assert_eq!(table.load_for(parse_model("8865")?).unwrap().load_name(), "sip8845_65.11-3-6MPP0001-272");
/// assert_eq!(table.load_for(parse_model("7841")?).unwrap().load_name(), "sip78xx.11-3-6MPP0001-272");
/// assert!(table.load_for(parse_model("8821")?).is_none());
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneLoadTable {
    name: String,
    rows: Vec<PhoneLoad>,
}

impl PhoneLoadTable {
    /// MAN-4's table: `sip7832`, `sip78xx`, `sip8832`, `sip8845_65`, `sip88xx` loads 11.3(6).
    pub fn man_4() -> Arc<PhoneLoadTable> {
        Arc::clone(&DEFAULT)
    }

    /// Reads and validates a host's table (EXT-10): columns `model,phone_load,source`.
    ///
    /// Errors ([`ErrorCode::PhoneLoadTableInvalid`], with row and column): an unknown model or
    /// one without Enterprise firmware (DEV-4), a model twice, a load that is not an MPP load
    /// name, an 8800 audio load below 11.3(3) (DEV-3, EXT-5), an empty source; or
    /// [`ErrorCode::IoError`].
    pub fn from_csv(name: &str, reader: impl Read) -> Result<PhoneLoadTable> {
        let invalid = |row: u64, column: Option<&'static str>, msg: String| {
            Error::new(
                ErrorCode::PhoneLoadTableInvalid,
                format!("phone-load table {name:?}: {msg}"),
            )
            .at(Some(row), column)
        };
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(reader);
        let mut rows: Vec<PhoneLoad> = Vec::new();
        let mut header_seen = false;
        for (i, record) in csv.records().enumerate() {
            let row = i as u64 + 1;
            let record = record.map_err(|e| {
                let text = e.to_string();
                match e.into_kind() {
                    csv::ErrorKind::Io(io) => {
                        Error::io(format!("reading phone-load table {name:?}"), io)
                    }
                    _ => invalid(row, None, format!("unreadable CSV: {text}")),
                }
            })?;
            let cell = |i: usize| record.get(i).unwrap_or("").trim();
            if row == 1 {
                if !(record.len() == 3
                    && cell(0).eq_ignore_ascii_case("model")
                    && cell(1).eq_ignore_ascii_case("phone_load")
                    && cell(2).eq_ignore_ascii_case("source"))
                {
                    return Err(invalid(
                        1,
                        None,
                        "the header must be model,phone_load,source".to_owned(),
                    ));
                }
                header_seen = true;
                continue;
            }
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if record.len() != 3 {
                return Err(invalid(
                    row,
                    None,
                    format!("{} fields; expected 3", record.len()),
                ));
            }
            let model = parse_model(cell(0))
                .map_err(|e| invalid(row, Some("model"), e.message().to_owned()))?;
            if !model.has_enterprise_firmware() {
                return Err(invalid(
                    row,
                    Some("model"),
                    format!(
                        "{} runs MPP only; it is never migrated (DEV-4)",
                        model.name()
                    ),
                ));
            }
            if rows.iter().any(|r| r.model == model) {
                return Err(invalid(
                    row,
                    Some("model"),
                    format!("{} has two rows", model.name()),
                ));
            }
            let load = FirmwareVersion::parse(cell(1))
                .map_err(|e| invalid(row, Some("phone_load"), e.message().to_owned()))?;
            if load.kind() != FirmwareKind::Mpp || load.load_family().is_none() {
                return Err(invalid(
                    row,
                    Some("phone_load"),
                    format!(
                        "{:?} is not an MPP load name such as sip78xx.11-3-6MPP0001-272",
                        cell(1)
                    ),
                ));
            }
            let (a, b, c) = MIN_MPP_FOR_V15;
            if model.series() == Series::S8800
                && model.kind() == ModelKind::Audio
                && load < FirmwareVersion::new(a, b, c)
            {
                return Err(invalid(
                    row,
                    Some("phone_load"),
                    format!(
                        "{} is below 11.3(3), the minimum for {} hardware V15 or later (DEV-3, EXT-5)",
                        load,
                        model.name()
                    ),
                ));
            }
            if cell(2).is_empty() {
                return Err(invalid(
                    row,
                    Some("source"),
                    "every row must cite its source".to_owned(),
                ));
            }
            rows.push(PhoneLoad {
                model,
                load,
                source: cell(2).to_owned(),
            });
        }
        if !header_seen {
            return Err(invalid(
                1,
                None,
                "the table is empty; the header must be model,phone_load,source".to_owned(),
            ));
        }
        Ok(PhoneLoadTable {
            name: name.to_owned(),
            rows,
        })
    }

    /// The table as CSV, which [`from_csv`](Self::from_csv) reads back.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("model,phone_load,source\n");
        for r in &self.rows {
            out.push_str(&format!(
                "{},{},{}\n",
                r.model.name(),
                r.load.as_str(),
                r.source
            ));
        }
        out
    }

    /// The table's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The rows.
    pub fn rows(&self) -> &[PhoneLoad] {
        &self.rows
    }

    /// The load of a model, if the table has one (MAN-4).
    pub fn load_for(&self, model: &Model) -> Option<&PhoneLoad> {
        self.rows.iter().find(|r| std::ptr::eq(r.model, model))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn man4_default_table() {
        let t = PhoneLoadTable::man_4();
        assert_eq!(t.rows().len(), 15);
        let load = |m: &str| {
            t.load_for(parse_model(m).unwrap())
                .map(|l| l.load_name().to_owned())
        };
        assert_eq!(load("7832").as_deref(), Some("sip7832.11-3-6MPP0001-272"));
        assert_eq!(load("7811").as_deref(), Some("sip78xx.11-3-6MPP0001-272"));
        assert_eq!(load("8832").as_deref(), Some("sip8832.11-3-6MPP0001-272"));
        assert_eq!(
            load("8845").as_deref(),
            Some("sip8845_65.11-3-6MPP0001-272")
        );
        assert_eq!(load("8861").as_deref(), Some("sip88xx.11-3-6MPP0001-272"));
        assert_eq!(
            PhoneLoadTable::from_csv("again", t.to_csv().as_bytes())
                .unwrap()
                .rows(),
            t.rows()
        );
    }

    #[test]
    fn ext10_host_tables_are_validated() {
        let bad = |body: &str| {
            PhoneLoadTable::from_csv(
                "host",
                format!("model,phone_load,source\n{body}").as_bytes(),
            )
            .unwrap_err()
        };
        let ok = PhoneLoadTable::from_csv(
            "host",
            "model,phone_load,source\n7821,sip78xx.12-0-7MPP0501-123,EXT-10\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(ok.rows()[0].load_name(), "sip78xx.12-0-7MPP0501-123");
        let e = bad("7821,sip78xx.14-1-1-0001-136,x\n");
        assert_eq!(
            (e.code(), e.finding().row(), e.finding().column()),
            (
                ErrorCode::PhoneLoadTableInvalid,
                Some(2),
                Some("phone_load")
            )
        );
        assert!(
            bad("8841,sip88xx.11-0-1MPP0001-1,x\n")
                .message()
                .contains("DEV-3")
        );
        assert!(
            bad("6851,sip68xx.11-3-6MPP0001-272,x\n")
                .message()
                .contains("DEV-4")
        );
        assert!(
            bad("7821,sip78xx.11-3-6MPP0001-272,x\n7821,sip78xx.11-3-6MPP0001-272,x\n")
                .message()
                .contains("two rows")
        );
        assert!(
            bad("9999,sip78xx.11-3-6MPP0001-272,x\n")
                .message()
                .contains("9999")
        );
        assert!(
            bad("7821,sip78xx.11-3-6MPP0001-272,\n")
                .message()
                .contains("source")
        );
        assert!(PhoneLoadTable::from_csv("h", "a,b\n".as_bytes()).is_err());
        assert!(PhoneLoadTable::from_csv("h", "".as_bytes()).is_err());
    }
}
