//! Core's small enums in Python: each is a `str` enum of `mpp_migration._types` (so a member
//! compares equal to its snake_case name), made from and read back into the core value by that
//! name. The names and labels come from core (`as_str`, `label`, `ALL`); nothing is listed here
//! twice.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use mpp_migration::{
    BatGroup, CompletionMode, DeviceTab, EligibilityStatus, EventKind, FleetGrouping, TaskStatus,
};

use crate::args::{invalid, string};

/// A core enum that Python sees as a `str` enum of `mpp_migration._types`.
pub(crate) trait NamedEnum: Copy + Send + Sync + 'static {
    /// The Python class in `mpp_migration._types`.
    const CLASS: &'static str;
    /// What one value is called in messages: "task status".
    const WHAT: &'static str;
    /// Every value, in core's order.
    fn all() -> &'static [Self];
    /// The stable snake_case name.
    fn name(self) -> &'static str;
    /// The name a person reads (Control Hub's, where core has one).
    fn label(self) -> &'static str {
        self.name()
    }
    /// Where the imported Python class is kept.
    fn class_cell() -> &'static PyOnceLock<Py<PyType>>;
}

/// The [`NamedEnum`] impls, one line each: `Type: "what one value is called", label = fn;`
/// (the Python class is named as the type); and `_enum_table`'s table of each, by its name.
macro_rules! named_enums {
    ($($ty:ident: $what:literal, label = $label:expr;)*) => {
        $(impl NamedEnum for $ty {
            const CLASS: &'static str = stringify!($ty);
            const WHAT: &'static str = $what;
            fn all() -> &'static [Self] {
                &<$ty>::ALL
            }
            fn name(self) -> &'static str {
                self.as_str()
            }
            fn label(self) -> &'static str {
                ($label)(self)
            }
            fn class_cell() -> &'static PyOnceLock<Py<PyType>> {
                static CELL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
                &CELL
            }
        })*

        /// The (name, label) of each value of the enum of `mpp_migration._types` named `kind`.
        fn named_table(kind: &str) -> Option<Vec<(&'static str, &'static str)>> {
            match kind {
                $(stringify!($ty) => Some(table::<$ty>()),)*
                _ => None,
            }
        }
    };
}

named_enums! {
    TaskStatus: "task status", label = TaskStatus::label;
    DeviceTab: "device tab", label = DeviceTab::label;
    CompletionMode: "completion mode", label = CompletionMode::as_str;
    EventKind: "event kind", label = EventKind::as_str;
    BatGroup: "BAT file group", label = BatGroup::as_str;
    FleetGrouping: "fleet grouping", label = FleetGrouping::as_str;
    EligibilityStatus: "eligibility status", label = EligibilityStatus::as_str;
}

/// The Python member of a core value.
pub(crate) fn member<E: NamedEnum>(py: Python<'_>, value: E) -> PyResult<Bound<'_, PyAny>> {
    E::class_cell()
        .import(py, "mpp_migration._types", E::CLASS)?
        .call1((value.name(),))
}

/// A core value returned to Python as its member (see [`member`]).
pub(crate) struct Member<E>(pub(crate) E);

impl<'py, E: NamedEnum> IntoPyObject<'py> for Member<E> {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, self.0)
    }
}

/// Reads an argument that names a value: a member of the enum, or its name as a `str`.
pub(crate) fn parse<E: NamedEnum>(arg: &str, obj: &Bound<'_, PyAny>) -> PyResult<E> {
    let text = string(arg, obj)?;
    E::all()
        .iter()
        .copied()
        .find(|v| v.name() == text)
        .ok_or_else(|| {
            let names: Vec<&str> = E::all().iter().map(|v| v.name()).collect();
            invalid(format!(
                "{arg}: {text:?} is not a {}; use one of {}",
                E::WHAT,
                names.join(", ")
            ))
        })
}

/// The `eligibility` filter of a search: None (every device), an `EligibilityStatus` or its
/// name, read by core.
pub(crate) fn eligibility_filter(
    obj: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<EligibilityStatus>> {
    let Some(o) = crate::args::given(obj) else {
        return Ok(None);
    };
    let text = string("eligibility", o)?;
    EligibilityStatus::parse(&text).map(Some).ok_or_else(|| {
        invalid(format!(
            "eligibility: {text:?} is not an eligibility status; use eligible, not_eligible, unknown, or None for every device"
        ))
    })
}

fn table<E: NamedEnum>() -> Vec<(&'static str, &'static str)> {
    E::all().iter().map(|v| (v.name(), v.label())).collect()
}

#[doc = stub_doc!("_enum_table")]
#[pyfunction]
#[pyo3(name = "_enum_table")]
pub(crate) fn enum_table(kind: &Bound<'_, PyAny>) -> PyResult<Vec<(&'static str, &'static str)>> {
    let kind = string("kind", kind)?;
    named_table(&kind).ok_or_else(|| invalid(format!("{kind:?} is not an enum of mpp_migration")))
}
