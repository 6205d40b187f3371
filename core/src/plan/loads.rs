//! The MPP phone load of each model for the manual path (MAN-4), as data a host can replace
//! with newer loads (EXT-10).

use std::io::Read;
use std::sync::{Arc, LazyLock};

use crate::error::{ErrorCode, Result};
use crate::firmware::{FirmwareKind, FirmwareVersion};
use crate::model::{Model, ModelKind, Series};
use crate::table;

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
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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

/// A row of a phone-load table: `model, phone_load, source`.
impl table::TableRow for PhoneLoad {
    const KIND: &'static str = "phone-load table";
    const CODE: ErrorCode = ErrorCode::PhoneLoadTableInvalid;
    const COLUMNS: &'static [&'static str] = &["model", "phone_load", "source"];

    fn read(
        model: &'static Model,
        cells: &[&str],
        source: &str,
        earlier: &[(u64, PhoneLoad)],
    ) -> std::result::Result<PhoneLoad, table::RowProblem> {
        let cell = |i: usize| cells.get(i).copied().unwrap_or_default();
        if earlier.iter().any(|(_, r)| r.model == model) {
            return Err((Some("model"), format!("{} has two rows", model.name())));
        }
        let load = FirmwareVersion::parse(cell(1))
            .map_err(|e| (Some("phone_load"), e.message().to_owned()))?;
        if load.kind() != FirmwareKind::Mpp || load.load_family().is_none() {
            return Err((
                Some("phone_load"),
                format!(
                    "{:?} is not an MPP load name such as sip78xx.11-3-6MPP0001-272",
                    cell(1)
                ),
            ));
        }
        // MAN-4, EXT-10: a model takes the load of its own family; a 7821 given sip8845_65.…
        // would be sent a load it cannot install.
        match (model.mpp_load_family(), load.load_family()) {
            (Some(own), Some(given)) if own != given => {
                return Err((
                    Some("phone_load"),
                    format!(
                        "{} is a {given} load, but {} takes {own} loads (MAN-4, EXT-10); give it an {own}.… load",
                        cell(1),
                        model.name()
                    ),
                ));
            }
            (None, _) => {
                return Err((
                    Some("model"),
                    format!(
                        "{} has no MPP load: it cannot migrate (DEV-2)",
                        model.name()
                    ),
                ));
            }
            _ => {}
        }
        let (a, b, c) = MIN_MPP_FOR_V15;
        if model.series() == Series::S8800
            && model.kind() == ModelKind::Audio
            && load < FirmwareVersion::new(a, b, c)
        {
            return Err((
                Some("phone_load"),
                format!(
                    "{} is below 11.3(3), the minimum for {} hardware V15 or later (DEV-3, EXT-5)",
                    load,
                    model.name()
                ),
            ));
        }
        Ok(PhoneLoad {
            model,
            load,
            source: source.to_owned(),
        })
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.model.name().to_owned(),
            self.load.as_str().to_owned(),
            self.source.clone(),
        ]
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
    /// one that never migrates (DEV-2, DEV-4, EXT-17), a model twice, a load that is not an MPP
    /// load name, a load of another series' family (a 7821 given `sip8845_65.…`: MAN-4, EXT-10),
    /// an 8800 audio load below 11.3(3) (DEV-3, EXT-5), an empty source; or
    /// [`ErrorCode::IoError`].
    pub fn from_csv(name: &str, reader: impl Read) -> Result<PhoneLoadTable> {
        let rows = table::read::<PhoneLoad>(name, reader)?;
        Ok(PhoneLoadTable {
            name: name.to_owned(),
            rows: rows.into_iter().map(|(_, r)| r).collect(),
        })
    }

    /// The table as CSV, which [`from_csv`](Self::from_csv) reads back exactly: quoted where a
    /// cell needs it, formula cells neutralised as the upload exports do (issue 14).
    pub fn to_csv(&self) -> String {
        table::write(&self.rows)
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
    use crate::model::parse_model;

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
    fn to_csv_round_trips_any_source() {
        for source in [
            "EXT-10, site A",
            "\"quoted\"",
            "two\nlines",
            "=1+1",
            "@x",
            "-5",
        ] {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["model", "phone_load", "source"]).unwrap();
            w.write_record(["7821", "sip78xx.12-0-7MPP0501-123", source])
                .unwrap();
            let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
            let t = PhoneLoadTable::from_csv("host", text.as_bytes()).unwrap();
            assert_eq!(t.rows()[0].source(), source);
            let again = PhoneLoadTable::from_csv("host", t.to_csv().as_bytes()).unwrap();
            assert_eq!(again, t, "{source:?}");
        }
        assert!(
            PhoneLoadTable::man_4()
                .to_csv()
                .contains("\n7811,sip78xx.11-3-6MPP0001-272,MAN-4\n")
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
        // MAN-4 / EXT-10: another series' load is refused.
        let e = bad("7821,sip8845_65.12-0-7MPP0201-66,host\n");
        assert_eq!(e.finding().column(), Some("phone_load"));
        assert!(e.message().contains("takes sip78xx loads"), "{e}");
        assert!(
            bad("7832,sip78xx.11-3-6MPP0001-272,host\n")
                .message()
                .contains("takes sip7832")
        );
        assert!(
            bad("8865,sip88xx.11-3-6MPP0001-272,host\n")
                .message()
                .contains("takes sip8845_65")
        );
        assert!(
            bad("8821,sip88xx.11-3-6MPP0001-272,x\n")
                .message()
                .contains("DEV-2")
        );
        assert!(
            bad("7960,sip78xx.11-3-6MPP0001-272,x\n")
                .message()
                .contains("EXT-17")
        );
        assert!(
            bad("7821,sip8845_8865.11-3-6MPP0001-272,x\n")
                .message()
                .contains("no load family")
        );
        assert!(PhoneLoadTable::from_csv("h", "a,b\n".as_bytes()).is_err());
        assert!(PhoneLoadTable::from_csv("h", "".as_bytes()).is_err());
    }
}
