//! Eligibility in Python (ELIG-1, DEV-1 to DEV-5, EXT-1 to EXT-6): `check_eligibility`,
//! `Eligibility`, `EligibilityTable` and its rows. The status is the Python enum
//! `mpp_migration._types.EligibilityStatus` (a `str` enum, so it compares equal to
//! "eligible", "not_eligible", "unknown").

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyString;

use mpp_migration::{Eligibility, EligibilityRule, EligibilityStatus, EligibilityTable, Finding};

use crate::args::{invalid, opt_text_or, text_or, wrong_type};
use crate::enums::member;
use crate::errors::{IntoPyResult, PyFinding, type_name};
use crate::firmware::PyFirmwareVersion;
use crate::hardware::PyHardwareVersion;
use crate::model::PyModel;
use crate::shapes::copies;

crate::shapes::methods! {
class("Eligibility", eq, hash) #[derive(Clone)] pub(crate) struct PyEligibility(Eligibility);
json("Eligibility", this; mpp_migration::ToJson::to_json(&this.0));
repr(this, codes: Vec<&str> = this.0.findings().iter().map(Finding::name).collect();
    "Eligibility(status={:?}, findings={codes:?})",
    this.0.status().as_str());
/// Pickling and copying: rebuilt from the status and the findings.
reduce(this; (this.0.status().as_str(), this.findings()));
#[pymethods]
impl PyEligibility {
    /// Rebuilds a pickled `Eligibility`.
    #[staticmethod]
    #[pyo3(name = "_restore")]
    fn restore(status: &str, findings: Vec<Bound<'_, PyFinding>>) -> PyResult<Self> {
        let status = EligibilityStatus::parse(status)
            .ok_or_else(|| invalid(format!("{status:?} is not an eligibility status")))?;
        let findings = findings.into_iter().map(|f| f.get().0.clone()).collect();
        Ok(PyEligibility(Eligibility::from_parts(status, findings)))
    }
}
getters("Eligibility", this) {
    fn status<'py>(py) -> PyResult<Bound<'py, PyAny>> { member(py, this.0.status()) }
    fn findings() -> Vec<PyFinding> { PyFinding::list(this.0.findings()) }
}
}

crate::shapes::methods! {
class("EligibilityRule", eq) #[derive(Clone)] pub(crate) struct PyEligibilityRule(EligibilityRule);
repr(this, vid = |v: Option<mpp_migration::HardwareVersion>| {
    v.map_or("None".to_owned(), |v| format!("{:?}", v.to_string()))
}; "EligibilityRule(model={:?}, vid_from={}, vid_to={}, status={:?})",
    this.0.model().name(), vid(this.0.vid_from()), vid(this.0.vid_to()), this.0.status().as_str());
#[pymethods]
impl PyEligibilityRule {
    fn contains(&self, hardware_version: &Bound<'_, PyAny>) -> PyResult<bool> {
        let vid = match hardware_version.cast::<PyHardwareVersion>() {
            Ok(v) => v.get().0,
            Err(_) => mpp_migration::HardwareVersion::parse(&crate::args::string(
                "hardware_version",
                hardware_version,
            )?)
            .py()?,
        };
        Ok(self.0.contains(vid))
    }
}
getters("EligibilityRule", this) {
    fn model() -> PyModel { PyModel(this.0.model()) }
    fn vid_from() -> Option<PyHardwareVersion> { this.0.vid_from().map(PyHardwareVersion) }
    fn vid_to() -> Option<PyHardwareVersion> { this.0.vid_to().map(PyHardwareVersion) }
    fn status<'py>(py) -> PyResult<Bound<'py, PyAny>> { member(py, this.0.status()) }
    fn warnings() -> Vec<&'static str> { this.0.warnings().iter().map(|c| c.as_str()).collect() }
    fn source() -> &str { this.0.source() }
}
}

crate::shapes::methods! {
class("EligibilityTable", eq)
#[derive(Clone)]
pub(crate) struct PyEligibilityTable(pub(crate) Arc<EligibilityTable>);
table("EligibilityTable", rows = "rules", EligibilityTable);
#[pymethods]
impl PyEligibilityTable {
    #[staticmethod]
    fn control_hub() -> PyEligibilityTable {
        PyEligibilityTable(EligibilityTable::control_hub())
    }
    #[staticmethod]
    fn cisco_ordering_guide() -> PyEligibilityTable {
        PyEligibilityTable(EligibilityTable::cisco_ordering_guide())
    }
    #[staticmethod]
    fn by_name(name: &Bound<'_, PyAny>) -> PyResult<PyEligibilityTable> {
        table_by_name(&crate::args::string("name", name)?)
    }
    #[pyo3(signature = (model, hardware_version = None, firmware = None))]
    fn check(
        &self,
        model: &Bound<'_, PyAny>,
        hardware_version: Option<&Bound<'_, PyAny>>,
        firmware: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyEligibility> {
        check_with(&self.0, model, hardware_version, firmware)
    }
}
getters("EligibilityTable", this) {
    fn rules() -> Vec<PyEligibilityRule> { copies(this.0.rules(), PyEligibilityRule) }
}
}

fn table_by_name(name: &str) -> PyResult<PyEligibilityTable> {
    EligibilityTable::by_name(name)
        .map(PyEligibilityTable)
        .ok_or_else(|| {
            invalid(format!(
                "{name:?} is not a bundled eligibility table; the tables are \"control_hub\" and \"cisco_ordering_guide\""
            ))
        })
}

/// The `table` / `eligibility` argument: an `EligibilityTable`, the name of a bundled one, or
/// None for the default (Control Hub's).
pub(crate) fn table_arg(
    name: &str,
    obj: Option<&Bound<'_, PyAny>>,
) -> PyResult<Arc<EligibilityTable>> {
    let Some(o) = crate::args::given(obj) else {
        return Ok(EligibilityTable::control_hub());
    };
    if let Ok(t) = o.cast::<PyEligibilityTable>() {
        Ok(Arc::clone(&t.get().0))
    } else if o.is_instance_of::<PyString>() {
        Ok(table_by_name(&crate::args::string(name, o)?)?.0)
    } else {
        Err(wrong_type(format!(
            "{name} must be an EligibilityTable, a table name or None, not {}",
            type_name(o)
        )))
    }
}

/// The texts of a phone's model, hardware version and firmware, from `str` or the matching
/// value objects; the core reads them (`Device::from_text`, `EligibilityTable::check_text`).
pub(crate) fn phone_texts(
    model: &Bound<'_, PyAny>,
    hardware_version: Option<&Bound<'_, PyAny>>,
    firmware: Option<&Bound<'_, PyAny>>,
) -> PyResult<(String, Option<String>, Option<String>)> {
    let model = text_or("model", model, |m: &PyModel| m.0.name().to_owned())?;
    let vid = |v: &PyHardwareVersion| v.0.to_string();
    let vid = opt_text_or("hardware_version", hardware_version, vid)?;
    let load = |f: &PyFirmwareVersion| f.0.as_str().to_owned();
    Ok((model, vid, opt_text_or("firmware", firmware, load)?))
}

/// Checks a phone against `table` through core's `check_text`: typed arguments are passed as
/// their text so that every reading and cross-check stays in core.
fn check_with(
    table: &EligibilityTable,
    model: &Bound<'_, PyAny>,
    hardware_version: Option<&Bound<'_, PyAny>>,
    firmware: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyEligibility> {
    let (model, vid, firmware) = phone_texts(model, hardware_version, firmware)?;
    table
        .check_text(&model, vid.as_deref(), firmware.as_deref())
        .map(PyEligibility)
        .py()
}

#[doc = stub_doc!("check_eligibility")]
#[pyfunction]
#[pyo3(signature = (model, hardware_version = None, firmware = None, *, table = None))]
pub(crate) fn check_eligibility(
    model: &Bound<'_, PyAny>,
    hardware_version: Option<&Bound<'_, PyAny>>,
    firmware: Option<&Bound<'_, PyAny>>,
    table: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyEligibility> {
    let table = table_arg("table", table)?;
    check_with(&table, model, hardware_version, firmware)
}
