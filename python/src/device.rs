//! Devices in Python: `Device` (one accepted upload row, normalised) and `DeviceList`, the lazy
//! read-only sequence over the devices held by a Rust report or chunk. No `Device` object
//! exists until one is asked for; `DeviceList.column` reads one attribute of every device in
//! one call.

use crate::sequence::{Cursor, Sequence};
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use mpp_migration::{
    Assignment, Device, E164, FirmwareVersion, HardwareVersion, Mac, OwnerType, UploadChunk,
    UploadReport, parse_model,
};

use crate::args::invalid;
use crate::errors::IntoPyResult;
use crate::firmware::PyFirmwareVersion;
use crate::hardware::PyHardwareVersion;
use crate::mac::mac_str;
use crate::model::PyModel;

crate::shapes::methods! {
class("Device", eq, hash) #[derive(Clone)] pub(crate) struct PyDevice(pub(crate) Device);
repr(this, d = &this.0, a = d.assignment().map_or(String::new(), |a| {
    let (kind, user, place) = (a.owner_type.as_str(), &a.username, &a.location);
    format!(", type={kind:?}, username={user:?}, location={place:?}")
}); "Device(row={}, mac={:?}, model={:?}{a})",
    d.row().map_or("None".to_owned(), |r| r.to_string()), d.mac().to_string(), d.model().name());
/// Pickling and copying: rebuilt from its fields by `_restore`.
reduce(this; {
    let d = &this.0;
    let assignment = d.assignment().map(|a| {
        (
            a.owner_type.as_str(),
            a.username.clone(),
            a.phone_number.map(|n| n.to_string()),
            a.extension.clone(),
            a.location.clone(),
            a.call_plan,
        )
    });
    (
        d.mac().to_string(),
        d.model().name(),
        d.hardware_version().map(|v| v.number()),
        d.firmware().map(|f| f.as_str().to_owned()),
        assignment,
        d.row(),
    )
});
#[pymethods]
impl PyDevice {
    /// A phone from a host's inventory: a MAC (DEV-6), a model in any EXT-9 spelling (a label
    /// such as "CP-7821-K9=V03" carries its VID), and where known the hardware version (EXT-1)
    /// and current firmware (EXT-6). For the default device task (TASK-8), eligibility and the
    /// plans' firmware cautions.
    #[new]
    #[pyo3(signature = (mac, model, *, hardware_version = None, firmware = None))]
    fn new(
        mac: &Bound<'_, PyAny>,
        model: &Bound<'_, PyAny>,
        hardware_version: Option<&Bound<'_, PyAny>>,
        firmware: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyDevice> {
        let mac = crate::args::string("mac", mac)?;
        let (model, vid, firmware) =
            crate::eligibility::phone_texts(model, hardware_version, firmware)?;
        Device::from_text(&mac, &model, vid.as_deref(), firmware.as_deref())
            .map(PyDevice)
            .py()
    }

    #[doc = stub_doc!("Device.type")]
    #[getter]
    fn r#type(&self) -> Option<&'static str> {
        self.0.assignment().map(|a| a.owner_type.as_str())
    }
    /// Rebuilds a pickled `Device` (see `Device.__reduce__`) through core's constructors.
    #[staticmethod]
    #[pyo3(name = "_restore")]
    fn restore(
        mac: &str,
        model: &str,
        hardware_version: Option<u8>,
        firmware: Option<&str>,
        assignment: Option<AssignmentState>,
        row: Option<u64>,
    ) -> PyResult<Self> {
        let assignment =
            assignment.map(|(kind, username, phone, extension, location, call_plan)| {
                Ok::<_, PyErr>(Assignment {
                    owner_type: OwnerType::parse(&kind)
                        .ok_or_else(|| invalid(format!("{kind:?} is not USER or WORKSPACE")))?,
                    username,
                    phone_number: phone.as_deref().map(E164::parse).transpose().py()?,
                    extension,
                    location,
                    call_plan,
                })
            });
        let assignment = assignment.transpose()?;
        let device = Device::new(Mac::parse(mac).py()?, parse_model(model).py()?)
            .with_hardware_version(
                hardware_version
                    .map(HardwareVersion::new)
                    .transpose()
                    .py()?,
            )
            .with_firmware(firmware.map(FirmwareVersion::parse).transpose().py()?)
            .with_assignment(assignment)
            .with_row(row);
        Ok(PyDevice(device))
    }
}
getters("Device", this) {
    fn row() -> Option<u64> { this.0.row() }
    fn mac() -> String { this.0.mac().to_string() }
    fn device_name() -> String { this.0.device_name() }
    fn model() -> PyModel { PyModel(this.0.model()) }
    fn hardware_version() -> Option<PyHardwareVersion> {
        this.0.hardware_version().map(PyHardwareVersion)
    }
    fn firmware() -> Option<PyFirmwareVersion> {
        this.0.firmware().cloned().map(PyFirmwareVersion)
    }
    fn username() -> Option<&str> { this.0.assignment().map(|a| a.username.as_str()) }
    fn phone_number() -> Option<String> {
        this.0
            .assignment()
            .and_then(|a| a.phone_number)
            .map(|n| n.to_string())
    }
    fn extension() -> Option<&str> { this.0.assignment().and_then(|a| a.extension.as_deref()) }
    fn location() -> Option<&str> { this.0.assignment().map(|a| a.location.as_str()) }
    fn call_plan() -> bool { this.0.assignment().is_some_and(|a| a.call_plan) }
}
}

/// The assignment part of a pickled device: type, username, phone, extension, location, plan.
type AssignmentState = (String, String, Option<String>, Option<String>, String, bool);

/// What a `DeviceList` reads from: a whole report, or the devices of one chunk.
#[derive(Clone)]
pub(crate) enum Devices {
    /// The accepted devices of a report.
    Report(Arc<UploadReport>),
    /// The accepted devices of a streamed chunk.
    Chunk(Arc<UploadChunk>),
}

impl Devices {
    fn as_slice(&self) -> &[Device] {
        match self {
            Devices::Report(r) => r.devices(),
            Devices::Chunk(c) => &c.devices,
        }
    }
}

/// The columns `DeviceList.column` reads, in the order of `Device`'s attributes.
pub(crate) const COLUMNS: [&str; 12] = [
    "row",
    "mac",
    "device_name",
    "model",
    "hardware_version",
    "firmware",
    "type",
    "username",
    "phone_number",
    "extension",
    "location",
    "call_plan",
];

crate::shapes::methods! {
class("DeviceList", sequence) pub(crate) struct PyDeviceList {
    devices: Devices,
    start: usize,
    step: isize,
    len: usize,
}
sequence("DeviceList", PyDeviceIterator);
repr(this; "<DeviceList of {} device{}>", this.len, if this.len == 1 { "" } else { "s" });
#[pymethods]
impl PyDeviceList {
    /// The names `column` accepts.
    #[classattr]
    #[allow(non_snake_case)]
    fn COLUMNS(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
        PyTuple::new(py, COLUMNS)
    }

    fn column<'py>(
        &self,
        py: Python<'py>,
        name: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        column(py, self.iter(), &crate::args::string("name", name)?)
    }
}
}

impl PyDeviceList {
    pub(crate) fn new(devices: Devices) -> PyDeviceList {
        let len = devices.as_slice().len();
        PyDeviceList {
            devices,
            start: 0,
            step: 1,
            len,
        }
    }
}

impl Sequence for PyDeviceList {
    type Item = Device;
    type Object = PyDevice;
    fn len(&self) -> usize {
        self.len
    }
    fn at(&self, i: usize) -> &Device {
        let index = self.start as isize + i as isize * self.step;
        &self.devices.as_slice()[index as usize]
    }
    fn view(&self, start: isize, step: isize, len: usize) -> PyDeviceList {
        PyDeviceList {
            devices: self.devices.clone(),
            start: if len == 0 {
                0
            } else {
                (self.start as isize + start * self.step) as usize
            },
            step: self.step * step,
            len,
        }
    }
    fn object(item: &Device) -> PyDevice {
        PyDevice(item.clone())
    }
    fn item(object: &PyDevice) -> &Device {
        &object.0
    }
}

crate::shapes::methods! {
class("DeviceIterator") pub(crate) struct PyDeviceIterator {
    list: Py<PyDeviceList>,
    cursor: Cursor,
}
iterator(PyDeviceList);
}

/// `DeviceList.column(name)`: the attribute `name` of each of `devices`, as `Device` gives it
/// but for the model and versions, which are their text.
fn column<'a, 'py>(
    py: Python<'py>,
    devices: impl ExactSizeIterator<Item = &'a Device>,
    name: &str,
) -> PyResult<Bound<'py, PyList>> {
    let assignment = |d: &'a Device| d.assignment();
    match name {
        "row" => PyList::new(py, devices.map(Device::row)),
        "mac" => PyList::new(py, devices.map(|d| mac_str(py, d.mac()))),
        "device_name" => PyList::new(py, devices.map(Device::device_name)),
        "model" => PyList::new(py, devices.map(|d| d.model().name())),
        "hardware_version" => PyList::new(py, devices.map(|d| d.hardware_version().map(text))),
        "firmware" => PyList::new(py, devices.map(|d| d.firmware().map(text))),
        "type" => PyList::new(
            py,
            devices.map(|d| assignment(d).map(|a| a.owner_type.as_str())),
        ),
        "username" => PyList::new(py, devices.map(|d| assignment(d).map(|a| &*a.username))),
        "phone_number" => PyList::new(
            py,
            devices.map(|d| assignment(d).and_then(|a| a.phone_number).map(text)),
        ),
        "extension" => PyList::new(
            py,
            devices.map(|d| assignment(d).and_then(|a| a.extension.as_deref())),
        ),
        "location" => PyList::new(py, devices.map(|d| assignment(d).map(|a| &*a.location))),
        "call_plan" => PyList::new(
            py,
            devices.map(|d| assignment(d).is_some_and(|a| a.call_plan)),
        ),
        other => Err(invalid(format!(
            "{other:?} is not a device column; the columns are {}",
            COLUMNS.join(", ")
        ))),
    }
}

fn text(value: impl ToString) -> String {
    value.to_string()
}

/// The `devices` argument: a `DeviceList` (read in place: no Python object per device) or any
/// iterable of `Device`.
pub(crate) fn device_args(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<Device>> {
    if let Ok(list) = obj.cast::<PyDeviceList>() {
        return Ok(list.get().iter().cloned().collect());
    }
    let hint = " (such as report.devices)";
    crate::args::objects(name, obj, hint, true, |d: &PyDevice| d.0.clone())
}
