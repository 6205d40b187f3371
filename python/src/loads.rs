//! The phone loads of the manual path in Python (MAN-4, EXT-10): `PhoneLoadTable` (MAN-4's by
//! default, or a host's, validated by core) and its rows, `PhoneLoad`.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use pyo3::prelude::*;

use mpp_migration::{PhoneLoad, PhoneLoadTable};

use crate::args::{string, wrong_type};
use crate::errors::{IntoPyResult, type_name};
use crate::firmware::PyFirmwareVersion;
use crate::model::PyModel;

/// One row of a phone-load table: a model and its MPP phone load (MAN-4).
#[pyclass(frozen, eq, hash, module = "mpp_migration._native", name = "PhoneLoad")]
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct PyPhoneLoad(PhoneLoad);

impl Hash for PyPhoneLoad {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.model().name().hash(state);
        self.0.load_name().hash(state);
        self.0.source().hash(state);
    }
}

crate::shapes::methods! {
#[pymethods]
impl PyPhoneLoad {
    fn __repr__(&self) -> String {
        format!(
            "PhoneLoad(model={:?}, load_name={:?})",
            self.0.model().name(),
            self.0.load_name()
        )
    }
}
getters(this) {
    /// The model.
    fn model() -> PyModel { PyModel(this.0.model()) }
    /// The phone load name, e.g. ``"sip78xx.11-3-6MPP0001-272"``.
    fn load_name() -> &str { this.0.load_name() }
    /// The load as a version.
    fn load() -> PyFirmwareVersion { PyFirmwareVersion(this.0.load().clone()) }
    /// The rules the row rests on.
    fn source() -> &str { this.0.source() }
}
}

/// The phone loads of the manual path: MAN-4's table by default, or a host's (EXT-10).
#[pyclass(frozen, eq, module = "mpp_migration._native", name = "PhoneLoadTable")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyPhoneLoadTable(pub(crate) Arc<PhoneLoadTable>);

crate::shapes::methods! {
table("PhoneLoadTable", rows = "rows", PhoneLoadTable);
#[pymethods]
impl PyPhoneLoadTable {
    /// MAN-4's table: ``sip7832``, ``sip78xx``, ``sip8832``, ``sip8845_65`` and ``sip88xx``
    /// loads 11.3(6).
    #[staticmethod]
    fn man_4() -> PyPhoneLoadTable {
        PyPhoneLoadTable(PhoneLoadTable::man_4())
    }
    /// Reads a host's table (EXT-10) with the columns ``model,phone_load,source``.
    ///
    /// Raises :class:`PlanError` (``phone_load_table_invalid``) with the ``row`` and
    /// ``column`` of a bad entry: an unknown model or one without Enterprise firmware (DEV-4),
    /// a model twice, a load that is not an MPP load name, an 8800 audio load below 11.3(3)
    /// (DEV-3, EXT-5), an empty source.
    #[staticmethod]
    #[pyo3(signature = (data, *, name = None), text_signature = "(data, *, name='custom')")]
    fn from_csv(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        name: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyPhoneLoadTable> {
        crate::shapes::from_csv(py, data, name).map(PyPhoneLoadTable)
    }
    /// The load of a model (any spelling EXT-9 lists), or None when the table has none.
    fn load_for(&self, model: &Bound<'_, PyAny>) -> PyResult<Option<PyPhoneLoad>> {
        let model = match model.cast::<PyModel>() {
            Ok(m) => m.get().0,
            Err(_) => mpp_migration::parse_model(&string("model", model)?).py()?,
        };
        Ok(self.0.load_for(model).cloned().map(PyPhoneLoad))
    }
}
getters(this) {
    /// The rows.
    fn rows() -> Vec<PyPhoneLoad> { this.0.rows().iter().cloned().map(PyPhoneLoad).collect() }
}
}

/// The `loads` argument: a `PhoneLoadTable`, or None for MAN-4's.
pub(crate) fn loads_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Arc<PhoneLoadTable>> {
    match obj.filter(|o| !o.is_none()) {
        None => Ok(PhoneLoadTable::man_4()),
        Some(o) => match o.cast::<PyPhoneLoadTable>() {
            Ok(t) => Ok(Arc::clone(&t.get().0)),
            Err(_) => Err(wrong_type(format!(
                "loads must be a PhoneLoadTable or None, not {}",
                type_name(o)
            ))),
        },
    }
}
