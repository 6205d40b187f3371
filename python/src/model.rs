//! The model catalogue in Python (DEV-1, DEV-2, DEV-4, DEV-8, EXT-9).

use pyo3::prelude::*;

use mpp_migration::Model;

use crate::args::string;
use crate::errors::{IntoPyResult, native};
use crate::hardware::PyHardwareVersion;

/// A device type of the catalogue (DEV-1, DEV-2, DEV-4, EXT-9, EXT-17).
#[pyclass(frozen, eq, hash, module = "mpp_migration._native", name = "Model")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct PyModel(pub(crate) &'static Model);

crate::shapes::methods! {
#[pymethods]
impl PyModel {
    fn __str__(&self) -> &'static str {
        self.0.name()
    }
    fn __repr__(&self) -> String {
        format!("Model({:?})", self.0.name())
    }
    /// Pickling and copying: the catalogue entry of the same name, by `parse_model`.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<crate::shapes::Reduce<'py>> {
        Ok((
            native(py, "parse_model")?,
            (self.0.name(),).into_pyobject(py)?,
        ))
    }
}
getters(this) {
    /// The short name: ``"8845"``, ``"8865NR"``, ``"7960"``, ``"CTI Port"``.
    fn name() -> &'static str { this.0.name() }
    /// ``"6800"``, ``"7800"``, ``"8800"``, ``"6900"``, ``"7900"``, ``"8900"``, ``"9800"``,
    /// ``"9900"``, ``"dect"``, ``"ata"`` or ``"other"``.
    fn series() -> &'static str { this.0.series().as_str() }
    /// Whether an Enterprise → MPP conversion exists, or why not: ``"mpp_convertible"`` (the
    /// eligibility table decides), ``"mpp_only"``, ``"no_mpp_firmware"``, ``"phone_os"``,
    /// ``"soft_client"``, ``"virtual_device"``, ``"third_party"`` or ``"video_device"``
    /// (EXT-17).
    fn model_class() -> &'static str { this.0.class().as_str() }
    /// Why the device type does not migrate; None for an MPP-convertible model.
    fn reason() -> Option<&'static str> { this.0.class().reason() }
    /// The numeric model code RisPort70 reports (EXT-15), where a public source documents
    /// it.
    fn ris_model() -> Option<u32> { this.0.ris_model() }
    /// The MPP load family a phone-load table may give it (``"sip78xx"``, MAN-4).
    fn mpp_load_family() -> Option<&'static str> { this.0.mpp_load_family() }
    /// Other spellings :func:`parse_model` accepts for it (``"7960G"``, ``"CSF"``).
    fn aliases() -> Vec<&'static str> { this.0.aliases().to_vec() }
    /// ``"audio"`` or ``"video"``.
    fn kind() -> &'static str { this.0.kind().as_str() }
    /// Whether the phone has Wi-Fi, whose settings the migration erases (DEV-8).
    fn has_wifi() -> bool { this.0.has_wifi() }
    /// Whether the device runs Cisco Enterprise firmware (DEV-4); whether it can migrate is
    /// :attr:`model_class`.
    fn has_enterprise_firmware() -> bool { this.0.has_enterprise_firmware() }
    /// The name Unified CM and Control Hub use: ``"Cisco 8845"`` (EXT-9).
    fn ucm_name() -> &'static str { this.0.ucm_name() }
    /// The name the Webex API uses: ``"DMS Cisco 8845"`` (EXT-9).
    fn webex_api_name() -> String { this.0.webex_api_name() }
    /// The part number: ``"CP-8845"``.
    fn part_number() -> &'static str { this.0.part_number() }
    /// Cisco's product name: ``"Cisco IP Phone 8845"``.
    fn description() -> &'static str { this.0.description() }
}
}

/// A model read from a label, with the hardware version after the ordering code.
#[pyclass(
    frozen,
    eq,
    hash,
    module = "mpp_migration._native",
    name = "ModelLabel"
)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyModelLabel {
    /// The model.
    #[pyo3(get)]
    model: PyModel,
    /// The hardware version printed on the label, or None.
    #[pyo3(get)]
    hardware_version: Option<PyHardwareVersion>,
}

#[pymethods]
impl PyModelLabel {
    fn __repr__(&self) -> String {
        format!(
            "ModelLabel(model={:?}, hardware_version={})",
            self.model.0.name(),
            self.hardware_version
                .map_or("None".to_owned(), |v| format!("{:?}", v.0.to_string()))
        )
    }
    /// Pickling and copying: rebuilt from the model's name and the hardware version.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<crate::shapes::Reduce<'py>> {
        let args = (
            self.model.0.name(),
            self.hardware_version.map(|v| v.0.number()),
        );
        crate::shapes::restore::<Self>(py, args)
    }
    /// Rebuilds a pickled `ModelLabel` (see `ModelLabel.__reduce__`).
    #[staticmethod]
    #[pyo3(name = "_restore")]
    fn restore(model: &str, hardware_version: Option<u8>) -> PyResult<Self> {
        Ok(PyModelLabel {
            model: PyModel(mpp_migration::parse_model(model).py()?),
            hardware_version: hardware_version
                .map(|n| mpp_migration::HardwareVersion::new(n).map(PyHardwareVersion))
                .transpose()
                .py()?,
        })
    }
}

/// Reads a model in any spelling EXT-9 lists (``8845``, ``CP-8845-K9=``, ``Cisco 8845``,
/// ``DMS Cisco 8845``), case-insensitively, and every Unified CM device type of the catalogue
/// (``Cisco 7960``, ``CTI Port``, ``Cisco Unified Client Services Framework``) or its RIS
/// model code (``"36224"``, EXT-15).
///
/// Raises :class:`IdentifierError` (``model_unknown``), with a ``suggestion`` only for a
/// one-edit typo of a model of the same series.
#[pyfunction]
pub(crate) fn parse_model(text: &Bound<'_, PyAny>) -> PyResult<PyModel> {
    mpp_migration::parse_model(&string("text", text)?)
        .map(PyModel)
        .py()
}

/// Like :func:`parse_model`, keeping the hardware version of ``CP-7821-K9=V03``.
#[pyfunction]
pub(crate) fn parse_model_label(text: &Bound<'_, PyAny>) -> PyResult<PyModelLabel> {
    mpp_migration::parse_model_label(&string("text", text)?)
        .map(|label| PyModelLabel {
            model: PyModel(label.model),
            hardware_version: label.hardware_version.map(PyHardwareVersion),
        })
        .py()
}

/// Every model of the catalogue.
#[pyfunction]
pub(crate) fn models() -> Vec<PyModel> {
    Model::all().iter().map(PyModel).collect()
}
