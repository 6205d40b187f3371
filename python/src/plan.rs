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
use crate::files::{PyOutputFile, output_files};
use crate::loads::loads_arg;
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

fn findings(list: &[mpp_migration::Finding]) -> Vec<PyFinding> {
    list.iter().cloned().map(PyFinding).collect()
}

// --- automatic ----------------------------------------------------------------------------

/// The automatic completion of a task: its batches, in order, and the cautions.
#[pyclass(frozen, eq, module = "mpp_migration._native", name = "AutoPlan")]
#[derive(PartialEq)]
pub(crate) struct PyAutoPlan(pub(crate) Arc<AutoPlan>);

crate::shapes::methods! {
to_dict;
write;
#[pymethods]
impl PyAutoPlan {
    /// The number (from 1) of the batch holding the device with this MAC, or None.
    fn batch_of(&self, mac: &Bound<'_, PyAny>) -> PyResult<Option<usize>> {
        Ok(self.0.batch_of(mac_arg("mac", mac)?))
    }
    /// The batches as CSV: Batch, Device Name, MAC Address, Model.
    fn batches_csv(&self) -> String {
        self.0.batches_csv()
    }
    /// What the administrator does, step by step.
    fn instructions_text(&self) -> String {
        self.0.instructions_text()
    }
    /// The plan as JSON: task, server choices, batches and cautions.
    fn to_json(&self) -> String {
        self.0.to_json()
    }
    /// The plan's files: ``<task>_auto_batches.csv``, ``<task>_auto_instructions.txt``,
    /// ``<task>_auto_plan.json``.
    fn files(&self) -> Vec<PyOutputFile> {
        output_files(self.0.files())
    }
    fn __repr__(&self) -> String {
        let devices: usize = self.0.batches().iter().map(Vec::len).sum();
        format!(
            "AutoPlan(task={:?}, devices={devices}, batches={}, findings={})",
            self.0.task().as_str(),
            self.0.batches().len(),
            self.0.findings().len()
        )
    }
}
getters(this) {
    /// The name of the task planned.
    fn task() -> &str { this.0.task().as_str() }
    /// The batches, in the task's order, each a list of at most 200 MACs (AUTO-3).
    fn batches() -> Vec<Vec<String>> {
        this.0
            .batches()
            .iter()
            .map(|b| b.iter().map(|m| m.to_string()).collect())
            .collect()
    }
    /// The cautions: wired connection for Wi-Fi capable phones (``wifi_settings_lost``,
    /// AUTO-4, DEV-8), firmware to upgrade first (EXT-6).
    fn findings() -> Vec<PyFinding> { findings(this.0.findings()) }
    /// The TFTP server type picked (AUTO-2).
    fn tftp_server_type() -> &str { this.0.tftp_server_type() }
    /// The Unified CM TFTP load server (AUTO-2).
    fn load_server() -> &str { this.0.load_server() }
}
}

/// Plans the automatic completion of a task that is Ready for migration.
///
/// Raises :class:`TaskError` ``complete_requires_ready`` (TASK-7); :class:`PlanError`
/// ``cloud_connected_uc_required`` (AUTO-1), ``tftp_server_required`` and
/// ``load_server_required`` (AUTO-2); :class:`InputError` for a ``batch_size`` outside 1 to
/// 200 (AUTO-3). The ready devices are split, in the task's order, into batches of
/// ``batch_size``; Wi-Fi phones get the wired-connection caution (AUTO-4, DEV-8).
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

/// One BAT file and how to use it in Unified CM (MAN-3).
#[pyclass(frozen, eq, module = "mpp_migration._native", name = "BatFile")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyBatFile(BatFile);

crate::shapes::methods! {
#[pymethods]
impl PyBatFile {
    fn __repr__(&self) -> String {
        format!(
            "BatFile(name={:?}, group={:?}, devices={}, phone_load={})",
            self.0.name(),
            self.0.group().as_str(),
            self.0.devices().len(),
            self.0
                .phone_load()
                .map_or("None".to_owned(), |l| format!("{l:?}"))
        )
    }
}
getters(this) {
    /// The file name (MAN-2, EXT-11).
    fn name() -> &str { this.0.name() }
    /// ``MIXED_MODELS`` (Group 1) or ``PER_LOAD`` (Group 2: one model, one load) (MAN-4).
    fn group<'py>(py) -> PyResult<Bound<'py, PyAny>> { member(py, this.0.group()) }
    /// The models of its phones (short names, sorted).
    fn models() -> Vec<&'static str> { this.0.models().to_vec() }
    /// The Phone Load Name to set (Group 2), or None.
    fn phone_load() -> Option<&str> { this.0.phone_load() }
    /// The Load Server to set (Group 2): ``"cloudupgrader.webex.com"``; None for Group 1.
    fn load_server() -> Option<&str> { this.0.load_server() }
    /// The MACs of its devices, in the task's order.
    fn devices() -> Vec<String> { this.0.devices().iter().map(|m| m.to_string()).collect() }
    /// What the administrator does with it in Unified CM (MAN-3, MAN-5).
    fn steps() -> Vec<String> { this.0.steps().to_vec() }
    /// The file's content: one device name (``SEP`` + MAC) per line, CRLF between lines,
    /// no blank line, UTF-8 without BOM (EXT-11).
    fn content() -> &str { this.0.content() }
}
}

/// A device license: the file Control Hub generates for a phone (EXT-7).
#[pyclass(frozen, eq, hash, module = "mpp_migration._native", name = "License")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyLicense {
    mac: String,
    file_name: String,
    url: String,
}

impl From<&License> for PyLicense {
    fn from(l: &License) -> PyLicense {
        PyLicense {
            mac: l.mac.to_string(),
            file_name: l.file_name.clone(),
            url: l.url.clone(),
        }
    }
}

crate::shapes::methods! {
#[pymethods]
impl PyLicense {
    fn __repr__(&self) -> String {
        format!(
            "License(mac={:?}, file_name={:?}, url={:?})",
            self.mac, self.file_name, self.url
        )
    }
}
getters(this) {
    /// The phone's MAC.
    fn mac() -> &str { &this.mac }
    /// ``"001A2B3C4D5E.lic"``.
    fn file_name() -> &str { &this.file_name }
    /// ``"https://cloudupgrader.webex.com/licenses/e2m/001A2B3C4D5E.lic"``.
    fn url() -> &str { &this.url }
}
}

/// The manual completion of a task: BAT files in MAN-4's two groups, their steps, the
/// device licenses and the cautions.
#[pyclass(frozen, eq, module = "mpp_migration._native", name = "ManualPlan")]
#[derive(PartialEq)]
pub(crate) struct PyManualPlan(pub(crate) Arc<ManualPlan>);

crate::shapes::methods! {
to_dict;
write;
#[pymethods]
impl PyManualPlan {
    /// The Group 2 file holding the device with this MAC, or the Group 1 file when it is in
    /// no Group 2 file; None when the plan does not hold it.
    fn file_of(&self, mac: &Bound<'_, PyAny>) -> PyResult<Option<&str>> {
        Ok(self.0.file_of(mac_arg("mac", mac)?))
    }
    /// What the administrator does, file by file (MAN-1, MAN-3, MAN-4, MAN-5).
    fn instructions_text(&self) -> String {
        self.0.instructions_text()
    }
    /// The plan as JSON: files (without their content) with steps, licenses, cautions.
    fn to_json(&self) -> String {
        self.0.to_json()
    }
    /// The device licenses as CSV: MAC Address, License File, URL (EXT-7).
    fn licenses_csv(&self) -> String {
        self.0.licenses_csv()
    }
    /// The plan's files: the BAT files, ``<task>_manual_instructions.txt``,
    /// ``<task>_manual_plan.json`` and ``<task>_licenses.csv``.
    fn files(&self) -> Vec<PyOutputFile> {
        output_files(self.0.files())
    }
    fn __repr__(&self) -> String {
        format!(
            "ManualPlan(task={:?}, bat_files={}, licenses={}, findings={})",
            self.0.task().as_str(),
            self.0.bat_files().len(),
            self.0.licenses().len(),
            self.0.findings().len()
        )
    }
}
getters(this) {
    /// The name of the task planned.
    fn task() -> &str { this.0.task().as_str() }
    /// The BAT files: Group 1 first, then Group 2 by phone load (MAN-4).
    fn bat_files() -> Vec<PyBatFile> {
        this.0.bat_files().iter().cloned().map(PyBatFile).collect()
    }
    /// The device licenses (EXT-7).
    fn licenses() -> Vec<PyLicense> { this.0.licenses().iter().map(PyLicense::from).collect() }
    /// The cautions: firmware to upgrade first (MAN-1, EXT-6), Wi-Fi phones on Ethernet
    /// (DEV-8), models without a load in the table (``no_phone_load``, MAN-4).
    fn findings() -> Vec<PyFinding> { findings(this.0.findings()) }
}
}

/// Plans the manual completion of a task that is Ready for migration (TASK-7): one Group 1
/// file of all its ready phones (mixed models, COP file, no load server), one Group 2 file per
/// model with its phone load of ``loads`` (default MAN-4's table; EXT-10), the steps (MAN-3,
/// MAN-5), the licenses (EXT-7) and the cautions. DEC-11: a phone whose known load is below
/// 14.1 is in the Group 1 file only; one below 12.5(1) is in no file.
///
/// Files are named ``{file_prefix}_group1_mixed.txt``, ``{file_prefix}_group2_<model>.txt``
/// (default prefix: the task name made safe). Raises :class:`TaskError`
/// ``complete_requires_ready``; :class:`PlanError` ``file_name_invalid`` (MAN-2) or
/// ``file_name_comma`` (EXT-11) for a prefix that makes names Unified CM refuses.
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

/// Checks a file name for upload to Unified CM: ASCII letters and digits, ``-``, ``.`` and
/// ``_``, not starting with a dot, at most one dot (MAN-2), no comma (EXT-11). Raises
/// :class:`PlanError` (``file_name_invalid``, ``file_name_comma``) with a valid name as
/// ``suggestion``.
#[pyfunction]
pub(crate) fn check_bat_file_name(name: &Bound<'_, PyAny>) -> PyResult<()> {
    mpp_migration::check_bat_file_name(&string("name", name)?).py()
}

/// The status report of a task as CSV (TASK-6, *Download status report*; columns
/// :data:`STATUS_REPORT_COLUMNS`): every device with its eligibility and tab, its batch (with
/// an :class:`AutoPlan`) or BAT file (with a :class:`ManualPlan`), and its last error. UTF-8
/// without BOM, safe to open in a spreadsheet.
#[pyfunction]
#[pyo3(signature = (task, plan = None))]
pub(crate) fn status_report_csv(
    py: Python<'_>,
    task: &Bound<'_, PyAny>,
    plan: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let task = task_arg(task)?;
    enum Plan {
        None,
        Auto(Arc<AutoPlan>),
        Manual(Arc<ManualPlan>),
    }
    let plan = match plan.filter(|p| !p.is_none()) {
        None => Plan::None,
        Some(p) => {
            if let Ok(a) = p.cast::<PyAutoPlan>() {
                Plan::Auto(Arc::clone(&a.get().0))
            } else if let Ok(m) = p.cast::<PyManualPlan>() {
                Plan::Manual(Arc::clone(&m.get().0))
            } else {
                return Err(wrong_type(format!(
                    "plan must be an AutoPlan, a ManualPlan or None, not {}",
                    type_name(p)
                )));
            }
        }
    };
    Ok(py.detach(|| {
        let plan = match &plan {
            Plan::None => PlanRef::None,
            Plan::Auto(a) => PlanRef::Automatic(a),
            Plan::Manual(m) => PlanRef::Manual(m),
        };
        mpp_migration::status_report_csv(&task, plan)
    }))
}
