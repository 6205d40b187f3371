//! The model catalogue in Python (DEV-1, DEV-2, DEV-4, DEV-8, EXT-9).

use pyo3::prelude::*;

use mpp_migration::Model;

use crate::errors::IntoPyResult;
use crate::hardware::PyHardwareVersion;

/// A phone model of the catalogue.
#[pyclass(frozen, eq, hash, module = "mpp_migration._native", name = "Model")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct PyModel(pub(crate) &'static Model);

#[pymethods]
impl PyModel {
    /// The short name: "8845", "8865NR".
    #[getter]
    fn name(&self) -> &'static str {
        self.0.name()
    }
    /// "6800", "7800" or "8800".
    #[getter]
    fn series(&self) -> &'static str {
        self.0.series().as_str()
    }
    /// "audio" or "video".
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind().as_str()
    }
    /// Whether the phone has Wi-Fi, whose settings the migration erases (DEV-8).
    #[getter]
    fn has_wifi(&self) -> bool {
        self.0.has_wifi()
    }
    /// Whether the phone runs Enterprise firmware that could be migrated (False for the 6800
    /// series, DEV-4).
    #[getter]
    fn has_enterprise_firmware(&self) -> bool {
        self.0.has_enterprise_firmware()
    }
    /// The name Unified CM and Control Hub use: "Cisco 8845" (EXT-9).
    #[getter]
    fn ucm_name(&self) -> &'static str {
        self.0.ucm_name()
    }
    /// The name the Webex API uses: "DMS Cisco 8845" (EXT-9).
    #[getter]
    fn webex_api_name(&self) -> String {
        self.0.webex_api_name()
    }
    /// The part number: "CP-8845".
    #[getter]
    fn part_number(&self) -> &'static str {
        self.0.part_number()
    }
    /// Cisco's product name: "Cisco IP Phone 8845".
    #[getter]
    fn description(&self) -> &'static str {
        self.0.description()
    }
    fn __str__(&self) -> &'static str {
        self.0.name()
    }
    fn __repr__(&self) -> String {
        format!("Model({:?})", self.0.name())
    }
}

/// A model read from a label, with the hardware version printed after the ordering code.
#[pyclass(frozen, eq, module = "mpp_migration._native", name = "ModelLabel")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyModelLabel {
    /// The model.
    #[pyo3(get)]
    model: PyModel,
    /// The hardware version, or None.
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
}

/// Reads a model in any spelling EXT-9 lists: "8845", "CP-8845-K9=", "Cisco 8845",
/// "DMS Cisco 8845"; raises `IdentifierError` (model_unknown) with the closest known model as
/// suggestion.
#[pyfunction]
pub(crate) fn parse_model(text: &str) -> PyResult<PyModel> {
    mpp_migration::parse_model(text).map(PyModel).py()
}

/// Like `parse_model`, keeping the hardware version of a label such as "CP-7821-K9=V03".
#[pyfunction]
pub(crate) fn parse_model_label(text: &str) -> PyResult<PyModelLabel> {
    mpp_migration::parse_model_label(text)
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

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyModel>()?;
    m.add_class::<PyModelLabel>()?;
    m.add_function(wrap_pyfunction!(parse_model, m)?)?;
    m.add_function(wrap_pyfunction!(parse_model_label, m)?)?;
    m.add_function(wrap_pyfunction!(models, m)?)?;
    Ok(())
}
