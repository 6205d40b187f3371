//! The phone loads of the manual path in Python (MAN-4, EXT-10): `PhoneLoadTable` (MAN-4's by
//! default, or a host's, validated by core) and its rows, `PhoneLoad`.

use std::sync::Arc;

use pyo3::prelude::*;

use mpp_migration::{PhoneLoad, PhoneLoadTable};

use crate::args::string;
use crate::errors::IntoPyResult;
use crate::firmware::PyFirmwareVersion;
use crate::model::PyModel;
use crate::shapes::copies;

crate::shapes::methods! {
class("PhoneLoad", eq, hash) #[derive(Clone)] pub(crate) struct PyPhoneLoad(PhoneLoad);
repr(this; "PhoneLoad(model={:?}, load_name={:?})", this.0.model().name(), this.0.load_name());
getters("PhoneLoad", this) {
    fn model() -> PyModel { PyModel(this.0.model()) }
    fn load_name() -> &str { this.0.load_name() }
    fn load() -> PyFirmwareVersion { PyFirmwareVersion(this.0.load().clone()) }
    fn source() -> &str { this.0.source() }
}
}

crate::shapes::methods! {
class("PhoneLoadTable", eq)
#[derive(Clone)]
pub(crate) struct PyPhoneLoadTable(pub(crate) Arc<PhoneLoadTable>);
table("PhoneLoadTable", rows = "rows", PhoneLoadTable);
#[pymethods]
impl PyPhoneLoadTable {
    #[staticmethod]
    fn man_4() -> PyPhoneLoadTable {
        PyPhoneLoadTable(PhoneLoadTable::man_4())
    }
    fn load_for(&self, model: &Bound<'_, PyAny>) -> PyResult<Option<PyPhoneLoad>> {
        let model = match model.cast::<PyModel>() {
            Ok(m) => m.get().0,
            Err(_) => mpp_migration::parse_model(&string("model", model)?).py()?,
        };
        Ok(self.0.load_for(model).cloned().map(PyPhoneLoad))
    }
}
getters("PhoneLoadTable", this) {
    fn rows() -> Vec<PyPhoneLoad> { copies(this.0.rows(), PyPhoneLoad) }
}
}

/// The `loads` argument: a `PhoneLoadTable`, or None for MAN-4's.
pub(crate) fn loads_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Arc<PhoneLoadTable>> {
    let table = crate::args::opt_object::<PyPhoneLoadTable>("loads", obj)?;
    Ok(table.map_or_else(PhoneLoadTable::man_4, |t| Arc::clone(&t.0)))
}
