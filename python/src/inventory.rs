//! Unified CM inventory import and upload generation in Python (issue 11): `read_inventory`
//! (a BAT phone export, merged with VID and load lists), `Inventory` and its entries,
//! `parse_udi`, `mac_from_device_name` (DEV-7 reversed), `Mapping` and `prepare_uploads`. The
//! rules are core's; this translates arguments and results, and reads without the GIL.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use mpp_migration::{
    Error, FleetGrouping, HardwareList, Inventory, InventoryEntry, InventoryOptions, LoadList,
    Mapping, PrepareOptions, PreparedUpload, PreparedUploads, Udi,
};

use crate::args::{count, given, string, upload_option};
use crate::device::PyDevice;
use crate::directory::{directory_arg, path_arg};
use crate::eligibility::table_arg;
use crate::enums::parse;
use crate::errors::{IntoPyResult, PyFinding};
use crate::files::{PyOutputFile, output_files};
use crate::hardware::PyHardwareVersion;
use crate::model::PyModel;
use crate::source::{read_json, read_source};
use crate::upload::PyUploadReport;

crate::shapes::functions! {
    fn mac_from_device_name(name: string) -> String => mpp_migration::mac_from_device_name(&name);
    fn parse_udi(text: string) -> PyUdi => mpp_migration::parse_udi(&text).map(PyUdi);
}

crate::shapes::methods! {
class("Udi", eq) pub(crate) struct PyUdi(Udi);
repr(this; "Udi(model={:?}, hardware_version={:?}, serial_number={:?})",
    this.0.model().name(), this.0.hardware_version().to_string(), this.0.serial_number());
getters("Udi", this) {
    fn model() -> PyModel { PyModel(this.0.model()) }
    fn hardware_version() -> PyHardwareVersion { PyHardwareVersion(this.0.hardware_version()) }
    fn serial_number() -> Option<&str> { this.0.serial_number() }
}
}

crate::shapes::methods! {
class("InventoryEntry") pub(crate) struct PyInventoryEntry {
    inventory: Arc<Inventory>,
    index: usize,
}
repr(this, e = this.entry();
    "InventoryEntry(row={}, device_name={:?}, device_type={:?}, status={:?})",
    e.row(), e.device_name(), e.device_type(), e.status().as_str());
getters("InventoryEntry", this) {
    fn row() -> u64 { this.entry().row() }
    fn device_name() -> &str { this.entry().device_name() }
    fn device_type() -> &str { this.entry().device_type() }
    fn description() -> &str { this.entry().description() }
    fn device_pool() -> &str { this.entry().device_pool() }
    fn location() -> &str { this.entry().location() }
    fn owner_user_id() -> &str { this.entry().owner_user_id() }
    fn directory_number() -> &str { this.entry().directory_number() }
    fn phone_load_name() -> &str { this.entry().phone_load_name() }
    fn status() -> &'static str { this.entry().status().as_str() }
    fn device() -> Option<PyDevice> { this.entry().device().cloned().map(PyDevice) }
    fn findings() -> Vec<PyFinding> { PyFinding::list(this.entry().findings()) }
    fn reasons() -> Vec<PyFinding> { this.entry().reasons().cloned().map(PyFinding).collect() }
}
}

impl PyInventoryEntry {
    fn entry(&self) -> &InventoryEntry {
        &self.inventory.entries()[self.index]
    }
}

crate::shapes::methods! {
class("Inventory") pub(crate) struct PyInventory(Arc<Inventory>);
repr(this, c = this.0.counts();
    "Inventory(rows={}, eligible={}, not_eligible={}, unknown={}, not_migratable={}, refused={})",
    c.rows, c.eligible, c.not_eligible, c.unknown, c.not_migratable, c.refused);
#[pymethods]
impl PyInventory {
    fn reason_counts(&self) -> Vec<(&'static str, &'static str, u64)> {
        self.0
            .reason_counts()
            .into_iter()
            .map(|(s, c, n)| (s.as_str(), c.as_str(), n))
            .collect()
    }
    fn __len__(&self) -> usize {
        self.0.entries().len()
    }
}
calls("Inventory", this) {
    fn all_findings() -> Vec<PyFinding> { this.0.all_findings().cloned().map(PyFinding).collect() }
    fn to_csv() -> String { this.0.to_csv() }
}
getters("Inventory", this) {
    fn entries() -> Vec<PyInventoryEntry> {
        (0..this.0.entries().len())
            .map(|index| PyInventoryEntry {
                inventory: Arc::clone(&this.0),
                index,
            })
            .collect()
    }
    fn devices() -> Vec<PyDevice> { this.0.devices().into_iter().map(PyDevice).collect() }
    fn findings() -> Vec<PyFinding> { PyFinding::list(this.0.findings()) }
    fn counts<'py>(py) -> PyResult<Bound<'py, PyDict>> {
        let c = this.0.counts();
        let d = PyDict::new(py);
        d.set_item("rows", c.rows)?;
        for s in mpp_migration::EntryStatus::ALL {
            d.set_item(s.as_str(), c.of(s))?;
        }
        Ok(d)
    }
}
}

#[doc = stub_doc!("read_inventory")]
#[pyfunction]
#[pyo3(signature = (source, *, vids = None, loads = None, eligibility = None, progress = None))]
pub(crate) fn read_inventory(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    vids: Option<&Bound<'_, PyAny>>,
    loads: Option<&Bound<'_, PyAny>>,
    eligibility: Option<&Bound<'_, PyAny>>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyInventory> {
    let mut options =
        InventoryOptions::new().with_eligibility(table_arg("eligibility", eligibility)?);
    if let Some(v) = given(vids) {
        options = options.with_hardware(read_source(py, v, |r| HardwareList::from_csv(r))?);
    }
    if let Some(l) = given(loads) {
        options = options.with_loads(read_source(py, l, |r| LoadList::from_csv(r))?);
    }
    let inventory = match given(progress) {
        None => read_source(py, source, |r| Inventory::read(r, options))?,
        Some(callback) => {
            // With a callback, the rows are read holding the GIL between calls only.
            let callback = callback.clone().unbind();
            let mut failed: Option<PyErr> = None;
            let inventory = read_source(py, source, |r| {
                Inventory::read_with_progress(r, options, |n| {
                    if failed.is_none() {
                        Python::attach(|py| {
                            if let Err(e) = callback.call1(py, (n,)) {
                                failed = Some(e);
                            }
                        });
                    }
                })
            })?;
            if let Some(e) = failed {
                return Err(e);
            }
            inventory
        }
    };
    Ok(PyInventory(Arc::new(inventory)))
}

crate::shapes::methods! {
class("Mapping") pub(crate) struct PyMapping(Arc<Mapping>);
#[pymethods]
impl PyMapping {
    #[staticmethod]
    fn from_json(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyMapping> {
        // As C's mpp_mapping_from_json: non-UTF-8 bytes are mapping_invalid, as every fault.
        let mapping = read_json(py, data, "Mapping", Mapping::from_json_bytes)?;
        Ok(PyMapping(Arc::new(mapping)))
    }
    #[staticmethod]
    fn from_json_file(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<PyMapping> {
        let path = path_arg(path)?;
        let bytes = py
            .detach(|| std::fs::read(&path))
            .map_err(|e| Error::io(format!("reading {}", path.display()), e))
            .py()?;
        Mapping::from_json_bytes(&bytes)
            .map_err(|e| e.in_file(path.display()))
            .map(|m| PyMapping(Arc::new(m)))
            .py()
    }
    fn email_of(&self, owner_user_id: &str) -> Option<String> {
        self.0.email_of(owner_user_id).map(str::to_owned)
    }
    #[pyo3(signature = (device_pool, ucm_location = ""))]
    fn location_of(&self, device_pool: &str, ucm_location: &str) -> Option<String> {
        self.0
            .location_of(device_pool, ucm_location)
            .map(str::to_owned)
    }
}
}

crate::shapes::methods! {
class("PreparedUpload") pub(crate) struct PyPreparedUpload {
    upload: PreparedUpload,
    report: Arc<mpp_migration::UploadReport>,
}
repr(this; "PreparedUpload(task_name={:?}, devices={})",
    this.upload.task_name.as_str(), this.report.added());
getters("PreparedUpload", this) {
    fn task_name() -> &str { this.upload.task_name.as_str() }
    fn file() -> PyOutputFile { PyOutputFile(this.upload.file.clone()) }
    fn report() -> PyUploadReport { PyUploadReport(Arc::clone(&this.report)) }
    fn export_rows() -> Vec<u64> { this.upload.export_rows.clone() }
}
}

crate::shapes::methods! {
class("PreparedUploads") pub(crate) struct PyPreparedUploads {
    uploads: Vec<Py<PyPreparedUpload>>,
    findings: Vec<mpp_migration::Finding>,
    files: Vec<mpp_migration::OutputFile>,
}
repr(this; "PreparedUploads(uploads={}, findings={})", this.uploads.len(), this.findings.len());
#[pymethods]
impl PyPreparedUploads {
    fn __len__(&self) -> usize {
        self.uploads.len()
    }
}
calls("PreparedUploads", this) {
    fn files() -> Vec<PyOutputFile> { output_files(this.files.clone()) }
}
getters("PreparedUploads", this) {
    fn uploads<'py>(py) -> Vec<Py<PyPreparedUpload>> {
        this.uploads.iter().map(|u| u.clone_ref(py)).collect()
    }
    fn findings() -> Vec<PyFinding> { PyFinding::list(&this.findings) }
}
}

#[doc = stub_doc!("prepare_uploads")]
#[pyfunction]
#[pyo3(signature = (inventory, mapping = None, *, option, prefix = None, max_devices = None, group_by = None, directory = None, eligibility = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn prepare_uploads(
    py: Python<'_>,
    inventory: &Bound<'_, PyInventory>,
    mapping: Option<&Bound<'_, PyMapping>>,
    option: &Bound<'_, PyAny>,
    prefix: Option<&Bound<'_, PyAny>>,
    max_devices: Option<&Bound<'_, PyAny>>,
    group_by: Option<&Bound<'_, PyAny>>,
    directory: Option<&Bound<'_, PyAny>>,
    eligibility: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyPreparedUploads> {
    let prefix = crate::args::opt_string("prefix", prefix)?.unwrap_or_else(|| "upload".to_owned());
    let mut options = PrepareOptions::new(&prefix, upload_option("option", option)?);
    if let Some(n) = given(max_devices) {
        options.max_devices = count("max_devices", n)?;
    }
    if let Some(g) = given(group_by) {
        options.group_by = parse::<FleetGrouping>("group_by", g)?;
    }
    options.directory = directory_arg(directory)?;
    options.eligibility = table_arg("eligibility", eligibility)?;
    let inventory = Arc::clone(&inventory.get().0);
    let mapping = mapping.map_or_else(|| Arc::new(Mapping::new()), |m| Arc::clone(&m.get().0));
    let prepared: PreparedUploads = py
        .detach(|| mpp_migration::prepare_uploads(&inventory, &mapping, &options))
        .py()?;
    let files = prepared.files();
    let uploads = prepared
        .uploads
        .into_iter()
        .map(|u| {
            let report = Arc::new(u.report.clone());
            Py::new(py, PyPreparedUpload { upload: u, report })
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyPreparedUploads {
        uploads,
        findings: prepared.findings,
        files,
    })
}
