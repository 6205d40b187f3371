//! Completing the migration in Python (AUTO-1 to AUTO-4, MAN-1 to MAN-5, EXT-7, EXT-10,
//! EXT-11, TASK-6): `plan_automatic` and `AutoPlan`, `plan_manual` and `ManualPlan` with its
//! `BatFile`s and `License`s, `check_bat_file_name`, and the status report.

use std::sync::Arc;

use pyo3::prelude::*;

use mpp_migration::{
    AutoPlan, AutoPlanOptions, BatFile, License, ManualPlan, ManualPlanOptions, PlanRef,
};

use crate::args::{boolean, count, mac_arg, opt_string, string, wrong_type};
use crate::enums::member;
use crate::errors::{IntoPyResult, PyFinding, type_name};
use crate::loads::loads_arg;
use crate::shapes::copies;
use crate::task::task_arg;

/// The options of an automatic plan, from the Python arguments (core checks them).
pub(crate) fn auto_options(
    cloud_connected_uc: &Bound<'_, PyAny>,
    tftp_server_type: &Bound<'_, PyAny>,
    load_server: &Bound<'_, PyAny>,
    batch_size: Option<&Bound<'_, PyAny>>,
) -> PyResult<AutoPlanOptions> {
    let mut options = AutoPlanOptions::new(
        boolean("cloud_connected_uc", cloud_connected_uc)?,
        &string("tftp_server_type", tftp_server_type)?,
        &string("load_server", load_server)?,
    );
    if let Some(n) = batch_size {
        options.batch_size = count("batch_size", n)?;
    }
    Ok(options)
}

/// The options of a manual plan, from the Python arguments (core checks them).
pub(crate) fn manual_options(
    file_prefix: Option<&Bound<'_, PyAny>>,
    loads: Option<&Bound<'_, PyAny>>,
) -> PyResult<ManualPlanOptions> {
    Ok(ManualPlanOptions {
        file_prefix: opt_string("file_prefix", file_prefix)?,
        loads: loads_arg(loads)?,
    })
}

// --- automatic ----------------------------------------------------------------------------

crate::shapes::methods! {
class("AutoPlan", eq) pub(crate) struct PyAutoPlan(pub(crate) Arc<AutoPlan>);
json("AutoPlan", this; this.0.to_json());
write("AutoPlan");
repr(this, devices: usize = this.0.batches().iter().map(Vec::len).sum();
    "AutoPlan(task={:?}, devices={devices}, batches={}, findings={})",
    this.0.task().as_str(), this.0.batches().len(), this.0.findings().len());
#[pymethods]
impl PyAutoPlan {
    fn batch_of(&self, mac: &Bound<'_, PyAny>) -> PyResult<Option<usize>> {
        Ok(self.0.batch_of(mac_arg("mac", mac)?))
    }
}
calls("AutoPlan", this) {
    fn batches_csv() -> String { this.0.batches_csv() }
    fn instructions_text() -> String { this.0.instructions_text() }
}
getters("AutoPlan", this) {
    fn task() -> &str { this.0.task().as_str() }
    fn batches() -> Vec<Vec<String>> {
        this.0
            .batches()
            .iter()
            .map(|b| b.iter().map(|m| m.to_string()).collect())
            .collect()
    }
    fn findings() -> Vec<PyFinding> { PyFinding::list(this.0.findings()) }
    fn tftp_server_type() -> &str { this.0.tftp_server_type() }
    fn load_server() -> &str { this.0.load_server() }
}
}

#[doc = stub_doc!("plan_automatic")]
#[pyfunction]
#[pyo3(
    signature = (task, *, cloud_connected_uc, tftp_server_type, load_server, batch_size = None),
    text_signature = "(task, *, cloud_connected_uc, tftp_server_type, load_server, batch_size=200)"
)]
pub(crate) fn plan_automatic(
    py: Python<'_>,
    task: &Bound<'_, PyAny>,
    cloud_connected_uc: &Bound<'_, PyAny>,
    tftp_server_type: &Bound<'_, PyAny>,
    load_server: &Bound<'_, PyAny>,
    batch_size: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyAutoPlan> {
    let task = task_arg(task)?;
    let options = auto_options(
        cloud_connected_uc,
        tftp_server_type,
        load_server,
        batch_size,
    )?;
    let plan = py
        .detach(|| mpp_migration::plan_automatic(&task, &options))
        .py()?;
    Ok(PyAutoPlan(Arc::new(plan)))
}

// --- manual -------------------------------------------------------------------------------

crate::shapes::methods! {
class("BatFile", eq) #[derive(Clone)] pub(crate) struct PyBatFile(BatFile);
repr(this; "BatFile(name={:?}, group={:?}, devices={}, phone_load={})",
    this.0.name(), this.0.group().as_str(), this.0.devices().len(),
    this.0.phone_load().map_or("None".to_owned(), |l| format!("{l:?}")));
getters("BatFile", this) {
    fn name() -> &str { this.0.name() }
    fn group<'py>(py) -> PyResult<Bound<'py, PyAny>> { member(py, this.0.group()) }
    fn models() -> Vec<&'static str> { this.0.models().to_vec() }
    fn phone_load() -> Option<&str> { this.0.phone_load() }
    fn load_server() -> Option<&str> { this.0.load_server() }
    fn devices() -> Vec<String> { this.0.devices().iter().map(|m| m.to_string()).collect() }
    fn steps() -> Vec<String> { this.0.steps().to_vec() }
    fn content() -> &str { this.0.content() }
}
}

crate::shapes::methods! {
class("License", eq, hash) #[derive(Clone)] pub(crate) struct PyLicense(License);
repr(this, l = &this.0; "License(mac={:?}, file_name={:?}, url={:?})",
    l.mac.to_string(), l.file_name, l.url);
getters("License", this) {
    fn mac() -> String { this.0.mac.to_string() }
    fn file_name() -> &str { &this.0.file_name }
    fn url() -> &str { &this.0.url }
}
}

crate::shapes::methods! {
class("ManualPlan", eq) pub(crate) struct PyManualPlan(pub(crate) Arc<ManualPlan>);
json("ManualPlan", this; this.0.to_json());
write("ManualPlan");
repr(this; "ManualPlan(task={:?}, bat_files={}, licenses={}, findings={})",
    this.0.task().as_str(), this.0.bat_files().len(), this.0.licenses().len(),
    this.0.findings().len());
#[pymethods]
impl PyManualPlan {
    fn file_of(&self, mac: &Bound<'_, PyAny>) -> PyResult<Option<&str>> {
        Ok(self.0.file_of(mac_arg("mac", mac)?))
    }
}
calls("ManualPlan", this) {
    fn instructions_text() -> String { this.0.instructions_text() }
    fn licenses_csv() -> String { this.0.licenses_csv() }
}
getters("ManualPlan", this) {
    fn task() -> &str { this.0.task().as_str() }
    fn bat_files() -> Vec<PyBatFile> { copies(this.0.bat_files(), PyBatFile) }
    fn licenses() -> Vec<PyLicense> { copies(this.0.licenses(), PyLicense) }
    fn findings() -> Vec<PyFinding> { PyFinding::list(this.0.findings()) }
}
}

#[doc = stub_doc!("plan_manual")]
#[pyfunction]
#[pyo3(signature = (task, *, file_prefix = None, loads = None))]
pub(crate) fn plan_manual(
    py: Python<'_>,
    task: &Bound<'_, PyAny>,
    file_prefix: Option<&Bound<'_, PyAny>>,
    loads: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyManualPlan> {
    let task = task_arg(task)?;
    let options = manual_options(file_prefix, loads)?;
    let plan = py
        .detach(|| mpp_migration::plan_manual(&task, &options))
        .py()?;
    Ok(PyManualPlan(Arc::new(plan)))
}

crate::shapes::functions! {
    fn check_bat_file_name(name: string) -> () => mpp_migration::check_bat_file_name(&name);
}

#[doc = stub_doc!("status_report_csv")]
#[pyfunction]
#[pyo3(signature = (task, plan = None))]
pub(crate) fn status_report_csv(
    py: Python<'_>,
    task: &Bound<'_, PyAny>,
    plan: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let task = task_arg(task)?;
    let plan = match crate::args::given(plan) {
        None => PlanRef::None,
        Some(p) => {
            if let Ok(a) = p.cast::<PyAutoPlan>() {
                PlanRef::Automatic(&a.get().0)
            } else if let Ok(m) = p.cast::<PyManualPlan>() {
                PlanRef::Manual(&m.get().0)
            } else {
                return Err(wrong_type(format!(
                    "plan must be an AutoPlan, a ManualPlan or None, not {}",
                    type_name(p)
                )));
            }
        }
    };
    Ok(py.detach(|| mpp_migration::status_report_csv(&task, plan)))
}
