//! Unified CM inventory import and upload generation in Python (issue 11): `read_inventory`
//! (a BAT phone export, merged with VID and load lists), `Inventory` and its entries,
//! `parse_udi`, `mac_from_device_name` (DEV-7 reversed), `Mapping` and `prepare_uploads`. The
//! rules are core's; this translates arguments and results, and reads without the GIL.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

use mpp_migration::{
    Error, FleetGrouping, HardwareList, Inventory, InventoryEntry, InventoryOptions, LoadList,
    Mapping, PrepareOptions, PreparedUpload, PreparedUploads, Udi,
};

use crate::args::{count, invalid, string, upload_option};
use crate::device::PyDevice;
use crate::directory::{directory_arg, path_arg};
use crate::eligibility::table_arg;
use crate::enums::parse;
use crate::errors::{IntoPyResult, PyFinding, type_name};
use crate::files::{PyOutputFile, output_files};
use crate::hardware::PyHardwareVersion;
use crate::model::PyModel;
use crate::source::read_source;
use crate::upload::PyUploadReport;

/// The MAC of the phone with this Unified CM device name: ``"SEP001A2B3C4D5E"`` gives
/// ``"001A2B3C4D5E"`` (DEV-7 in reverse). Raises :class:`IdentifierError`
/// (``device_name_invalid``) for a name that is not ``SEP`` and 12 hex digits, saying what it
/// is when its prefix tells (a Jabber client ``CSF…``, an ATA port…).
#[pyfunction]
pub(crate) fn mac_from_device_name(name: &Bound<'_, PyAny>) -> PyResult<String> {
    mpp_migration::mac_from_device_name(&string("name", name)?).py()
}

/// A phone's UDI (EXT-16): the model its PID names, its VID and its serial number.
#[pyclass(frozen, eq, module = "mpp_migration._native", name = "Udi")]
#[derive(PartialEq)]
pub(crate) struct PyUdi(Udi);

crate::shapes::methods! {
#[pymethods]
impl PyUdi {
    fn __repr__(&self) -> String {
        format!(
            "Udi(model={:?}, hardware_version={:?}, serial_number={:?})",
            self.0.model().name(),
            self.0.hardware_version().to_string(),
            self.0.serial_number()
        )
    }
}
getters(this) {
    /// The model the PID names.
    fn model() -> PyModel { PyModel(this.0.model()) }
    /// The hardware version (VID, EXT-1).
    fn hardware_version() -> PyHardwareVersion { PyHardwareVersion(this.0.hardware_version()) }
    /// The serial number, or None.
    fn serial_number() -> Option<&str> { this.0.serial_number() }
}
}

/// Reads a UDI string such as ``"PID: CP-8845-K9= , VID: V02, SN: FCH2117ABCD"``
/// (EXT-16). Raises :class:`IdentifierError`: ``udi_invalid``, or ``model_unknown`` for a PID
/// that names no known model.
#[pyfunction]
pub(crate) fn parse_udi(text: &Bound<'_, PyAny>) -> PyResult<PyUdi> {
    mpp_migration::parse_udi(&string("text", text)?)
        .map(PyUdi)
        .py()
}

/// One row of a Unified CM export: its cells, the phone when it is one, its findings.
#[pyclass(frozen, module = "mpp_migration._native", name = "InventoryEntry")]
pub(crate) struct PyInventoryEntry {
    inventory: Arc<Inventory>,
    index: usize,
}

impl PyInventoryEntry {
    fn entry(&self) -> &InventoryEntry {
        &self.inventory.entries()[self.index]
    }
}

crate::shapes::methods! {
#[pymethods]
impl PyInventoryEntry {
    fn __repr__(&self) -> String {
        let e = self.entry();
        format!(
            "InventoryEntry(row={}, device_name={:?}, device_type={:?}, status={:?})",
            e.row(),
            e.device_name(),
            e.device_type(),
            e.status().as_str()
        )
    }
}
getters(this) {
    /// The row of the export (header = 1).
    fn row() -> u64 { this.entry().row() }
    /// ``Device Name`` as the export gives it.
    fn device_name() -> &str { this.entry().device_name() }
    /// ``Device Type`` as the export gives it (``"Cisco 8845"``).
    fn device_type() -> &str { this.entry().device_type() }
    /// ``Description``.
    fn description() -> &str { this.entry().description() }
    /// ``Device Pool``.
    fn device_pool() -> &str { this.entry().device_pool() }
    /// ``Location``: a Unified CM location, not a Webex one (EXT-14).
    fn location() -> &str { this.entry().location() }
    /// ``Owner User ID``.
    fn owner_user_id() -> &str { this.entry().owner_user_id() }
    /// ``Directory Number 1``.
    fn directory_number() -> &str { this.entry().directory_number() }
    /// ``Phone Load Name``: a per-device load override, usually empty (EXT-14).
    fn phone_load_name() -> &str { this.entry().phone_load_name() }
    /// ``"eligible"``, ``"not_eligible"``, ``"unknown"``, ``"not_migratable"`` (EXT-17:
    /// no Enterprise to MPP migration) or ``"refused"`` (the row cannot be read).
    fn status() -> &'static str { this.entry().status().as_str() }
    /// The phone, or None when the row is not one.
    fn device() -> Option<PyDevice> { this.entry().device().cloned().map(PyDevice) }
    /// Every finding of the row, the eligibility reasons and cautions included.
    fn findings() -> Vec<PyFinding> {
        this.entry()
            .findings()
            .iter()
            .cloned()
            .map(PyFinding)
            .collect()
    }
    /// The findings that decide the status or need action (the cautions every migrating
    /// phone gets, EXT-8 and DEV-8, left aside).
    fn reasons() -> Vec<PyFinding> { this.entry().reasons().cloned().map(PyFinding).collect() }
}
}

/// A Unified CM export read whole (see :func:`read_inventory`).
#[pyclass(frozen, module = "mpp_migration._native", name = "Inventory")]
pub(crate) struct PyInventory(Arc<Inventory>);

crate::shapes::methods! {
#[pymethods]
impl PyInventory {
    /// Every finding: the file's, then each row's, in row order.
    fn all_findings(&self) -> Vec<PyFinding> {
        self.0.all_findings().cloned().map(PyFinding).collect()
    }
    /// ``(status, code, rows)`` for every reason, by status, most frequent first.
    fn reason_counts(&self) -> Vec<(&'static str, &'static str, u64)> {
        self.0
            .reason_counts()
            .into_iter()
            .map(|(s, c, n)| (s.as_str(), c.as_str(), n))
            .collect()
    }
    /// The inventory as CSV, one line per row of the export (ELIG-5).
    fn to_csv(&self) -> String {
        self.0.to_csv()
    }
    fn __len__(&self) -> usize {
        self.0.entries().len()
    }
    fn __repr__(&self) -> String {
        let c = self.0.counts();
        format!(
            "Inventory(rows={}, eligible={}, not_eligible={}, unknown={}, not_migratable={}, refused={})",
            c.rows, c.eligible, c.not_eligible, c.unknown, c.not_migratable, c.refused
        )
    }
}
getters(this) {
    /// Every data row's entry, in file order.
    fn entries() -> Vec<PyInventoryEntry> {
        (0..this.0.entries().len())
            .map(|index| PyInventoryEntry {
                inventory: Arc::clone(&this.0),
                index,
            })
            .collect()
    }
    /// The phones of every eligibility, in file order: for the default task (TASK-8),
    /// :func:`plan_fleet` and eligibility.
    fn devices() -> Vec<PyDevice> { this.0.devices().into_iter().map(PyDevice).collect() }
    /// The findings of the file's header and of the merged lists (their bad rows, and
    /// ``supplement_unknown_device`` for devices the export lacks).
    fn findings() -> Vec<PyFinding> { this.0.findings().iter().cloned().map(PyFinding).collect() }
    /// Rows by status: ``rows``, ``eligible``, ``not_eligible``, ``unknown``,
    /// ``not_migratable``, ``refused``.
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

/// Reads a Unified CM BAT phone export (*All Details* or *Specific Details*, EXT-14):
/// columns by header name in any order and case. ``vids`` is a ``MAC,VID`` or UDI list
/// (EXT-1, EXT-16), ``loads`` a RIS ``Name,…,ActiveLoadID`` dump (EXT-6, EXT-15); both are
/// merged by MAC. Every row becomes an entry: a phone with its eligibility, or a finding with
/// row and column. Reads without the GIL; ``progress`` is called with the rows read every
/// 1024 rows. Raises :class:`InputError` for an unreadable file and
/// :class:`UploadError` (``supplement_column_missing``) for a list without its columns.
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
    if let Some(v) = vids.filter(|v| !v.is_none()) {
        let list = read_source(py, v, |r| HardwareList::from_csv(r))?;
        options = options.with_hardware(list);
    }
    if let Some(l) = loads.filter(|l| !l.is_none()) {
        let list = read_source(py, l, |r| LoadList::from_csv(r))?;
        options = options.with_loads(list);
    }
    let inventory = match progress.filter(|p| !p.is_none()) {
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

/// How the host maps Unified CM data to Webex (format ``mpp-migration-mapping/1``):
/// ``users`` (owner user id to email), ``device_pools`` and ``locations`` (to Webex
/// locations; the device pool wins), ``workspaces`` (device name or MAC to ``name``,
/// ``phone_number``, ``extension``, ``location``, ``call_plan``).
#[pyclass(frozen, module = "mpp_migration._native", name = "Mapping")]
pub(crate) struct PyMapping(Arc<Mapping>);

#[pymethods]
impl PyMapping {
    /// Reads a mapping document; raises :class:`UploadError` (``mapping_invalid``).
    #[staticmethod]
    fn from_json(data: &Bound<'_, PyAny>) -> PyResult<PyMapping> {
        let text = if let Ok(s) = data.cast::<PyString>() {
            s.to_cow()?.into_owned()
        } else if let Ok(b) = data.cast::<PyBytes>() {
            String::from_utf8(b.as_bytes().to_vec())
                .map_err(|_| invalid("mapping: the JSON document is not UTF-8"))?
        } else {
            return Err(invalid(format!(
                "data must be str or bytes (the JSON text), not {}; use Mapping.from_json_file for a path",
                type_name(data)
            )));
        };
        Mapping::from_json(&text)
            .map(|m| PyMapping(Arc::new(m)))
            .py()
    }
    /// Reads a mapping document from a file.
    #[staticmethod]
    fn from_json_file(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<PyMapping> {
        let path = path_arg(path)?;
        let text = py
            .detach(|| std::fs::read_to_string(&path))
            .map_err(|e| Error::io(format!("reading {}", path.display()), e))
            .py()?;
        Mapping::from_json(&text)
            .map_err(|e| Error::new(e.code(), format!("{}: {}", path.display(), e.message())))
            .map(|m| PyMapping(Arc::new(m)))
            .py()
    }
    /// The email of an owner user id (case-insensitive), or None.
    fn email_of(&self, owner_user_id: &str) -> Option<String> {
        self.0.email_of(owner_user_id).map(str::to_owned)
    }
    /// The Webex location of a device pool, else of a Unified CM location, or None.
    #[pyo3(signature = (device_pool, ucm_location = ""))]
    fn location_of(&self, device_pool: &str, ucm_location: &str) -> Option<String> {
        self.0
            .location_of(device_pool, ucm_location)
            .map(str::to_owned)
    }
}

/// One generated upload.
#[pyclass(frozen, module = "mpp_migration._native", name = "PreparedUpload")]
pub(crate) struct PyPreparedUpload {
    upload: PreparedUpload,
    report: Arc<mpp_migration::UploadReport>,
}

crate::shapes::methods! {
#[pymethods]
impl PyPreparedUpload {
    fn __repr__(&self) -> String {
        format!(
            "PreparedUpload(task_name={:?}, devices={})",
            self.upload.task_name.as_str(),
            self.report.added()
        )
    }
}
getters(this) {
    /// The task name (TASK-1), unique among the files.
    fn task_name() -> &str { this.upload.task_name.as_str() }
    /// The CSV file, named after the task.
    fn file() -> PyOutputFile { PyOutputFile(this.upload.file.clone()) }
    /// The file's validation: every row added.
    fn report() -> PyUploadReport { PyUploadReport(Arc::clone(&this.report)) }
    /// For each data row of the file, the export's row it came from.
    fn export_rows() -> Vec<u64> { this.upload.export_rows.clone() }
}
}

/// The uploads generated from an inventory, and what kept phones out of them.
#[pyclass(frozen, module = "mpp_migration._native", name = "PreparedUploads")]
pub(crate) struct PyPreparedUploads {
    uploads: Vec<Py<PyPreparedUpload>>,
    findings: Vec<mpp_migration::Finding>,
    files: Vec<mpp_migration::OutputFile>,
}

crate::shapes::methods! {
#[pymethods]
impl PyPreparedUploads {
    /// The uploads, in task-name order within each group.
    #[getter]
    fn uploads(&self, py: Python<'_>) -> Vec<Py<PyPreparedUpload>> {
        self.uploads.iter().map(|u| u.clone_ref(py)).collect()
    }
    /// The files, for :func:`write_files`.
    fn files(&self) -> Vec<PyOutputFile> {
        output_files(self.files.clone())
    }
    fn __len__(&self) -> usize {
        self.uploads.len()
    }
    fn __repr__(&self) -> String {
        format!(
            "PreparedUploads(uploads={}, findings={})",
            self.uploads.len(),
            self.findings.len()
        )
    }
}
getters(this) {
    /// Why phones are in no file, on the export's rows, in row order.
    fn findings() -> Vec<PyFinding> { this.findings.iter().cloned().map(PyFinding).collect() }
}
}

/// Generates Control Hub upload CSVs of ``option`` (CSV-1, CSV-2) from an inventory and a
/// mapping, split into tasks of at most ``max_devices`` (default 1000, ELIG-3) named
/// ``{prefix}-001``… (default prefix ``"upload"``), optionally one task group per Webex
/// location or model, each validated (against ``directory`` when given) before it is given
/// out: rows the validation refuses are left out and reported on the export's rows, and so
/// are not eligible phones (ELIG-2) and rows the mapping cannot fill (CSV-4, CSV-5, CSV-11).
/// Runs without the GIL.
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
    let prefix = match prefix.filter(|p| !p.is_none()) {
        Some(p) => string("prefix", p)?,
        None => "upload".to_owned(),
    };
    let mut options = PrepareOptions::new(&prefix, upload_option(option)?);
    if let Some(n) = max_devices.filter(|n| !n.is_none()) {
        options.max_devices = count("max_devices", n)?;
    }
    if let Some(g) = group_by.filter(|g| !g.is_none()) {
        options.group_by = parse::<FleetGrouping>("group_by", g)?;
    }
    if let Some(d) = directory_arg(directory)? {
        options.directory = Some(d);
    }
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
