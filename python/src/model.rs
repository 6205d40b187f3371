//! The model catalogue in Python (DEV-1, DEV-2, DEV-4, DEV-8, EXT-9).

use pyo3::prelude::*;

use mpp_migration::{Model, ModelLabel};

use crate::args::string;
use crate::errors::{IntoPyResult, native};
use crate::hardware::PyHardwareVersion;

crate::shapes::methods! {
class("Model", eq, hash)
#[derive(Clone, Copy)]
pub(crate) struct PyModel(pub(crate) &'static Model);
repr(this; "Model({:?})", this.0.name());
#[pymethods]
impl PyModel {
    fn __str__(&self) -> &'static str {
        self.0.name()
    }
    /// Pickling and copying: the catalogue entry of the same name, by `parse_model`.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<crate::shapes::Reduce<'py>> {
        Ok((
            native(py, "parse_model")?,
            (self.0.name(),).into_pyobject(py)?,
        ))
    }
}
getters("Model", this) {
    fn name() -> &'static str { this.0.name() }
    fn series() -> &'static str { this.0.series().as_str() }
    fn model_class() -> &'static str { this.0.class().as_str() }
    fn reason() -> Option<&'static str> { this.0.class().reason() }
    fn ris_model() -> Option<u32> { this.0.ris_model() }
    fn mpp_load_family() -> Option<&'static str> { this.0.mpp_load_family() }
    fn aliases() -> Vec<&'static str> { this.0.aliases().to_vec() }
    fn kind() -> &'static str { this.0.kind().as_str() }
    fn has_wifi() -> bool { this.0.has_wifi() }
    fn has_enterprise_firmware() -> bool { this.0.has_enterprise_firmware() }
    fn ucm_name() -> &'static str { this.0.ucm_name() }
    fn webex_api_name() -> String { this.0.webex_api_name() }
    fn part_number() -> &'static str { this.0.part_number() }
    fn description() -> &'static str { this.0.description() }
}
}

crate::shapes::methods! {
class("ModelLabel", eq, hash) #[derive(Clone)] pub(crate) struct PyModelLabel(ModelLabel);
repr(this, l = &this.0; "ModelLabel(model={:?}, hardware_version={})",
    l.model.name(),
    l.hardware_version.map_or("None".to_owned(), |v| format!("{:?}", v.to_string())));
/// Pickling and copying: rebuilt from the model's name and the hardware version.
reduce(this; (this.0.model.name(), this.0.hardware_version.map(|v| v.number())));
#[pymethods]
impl PyModelLabel {
    /// Rebuilds a pickled `ModelLabel` (see `ModelLabel.__reduce__`).
    #[staticmethod]
    #[pyo3(name = "_restore")]
    fn restore(model: &str, hardware_version: Option<u8>) -> PyResult<Self> {
        Ok(PyModelLabel(ModelLabel {
            model: mpp_migration::parse_model(model).py()?,
            hardware_version: hardware_version
                .map(mpp_migration::HardwareVersion::new)
                .transpose()
                .py()?,
        }))
    }
}
getters("ModelLabel", this) {
    fn model() -> PyModel { PyModel(this.0.model) }
    fn hardware_version() -> Option<PyHardwareVersion> {
        this.0.hardware_version.map(PyHardwareVersion)
    }
}
}

crate::shapes::functions! {
    fn parse_model(text: string) -> PyModel => mpp_migration::parse_model(&text).map(PyModel);
    fn parse_model_label(text: string) -> PyModelLabel =>
        mpp_migration::parse_model_label(&text).map(PyModelLabel);
    fn models() -> Vec<PyModel> => Ok(Model::all().iter().map(PyModel).collect());
}
