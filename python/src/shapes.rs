//! The shapes many classes share, written once (issue 10 section 3).
//!
//! pyo3 registers a class's methods from one `#[pymethods] impl` block, and a trait's default
//! methods are not Python methods; so [`methods!`] wraps a class's block as it is written and
//! appends the methods of the shapes named before it:
//!
//! - `to_dict;` adds `to_dict()`, the class's `to_json()` read by `json.loads` (crate::json);
//!   `to_dict(py);` when `to_json` takes `py` (it runs without the GIL).
//! - `value("Name", str = |v| .., text = |v| ..);` is an identifier value class (the core's
//!   value in `.0`): `__str__`, `__repr__` (`Name("text")`) and `__reduce__` (read again from
//!   `text`), whose docstring is the `///` before `value`.
//!
//! The block keeps its `#[pymethods]` line, which scripts/sync-docstrings reads to sync the
//! docstrings of its methods with the stub. [`restore`] is the `__reduce__` of the classes
//! rebuilt by a `_restore` static method.

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use pyo3::{PyTypeInfo, intern};

/// What `__reduce__` returns: a callable and its arguments.
pub(crate) type Reduce<'py> = (Bound<'py, PyAny>, Bound<'py, PyTuple>);

/// The `__reduce__` of a class `T` rebuilt by its static method `_restore(*args)`.
pub(crate) fn restore<'py, T: PyTypeInfo>(
    py: Python<'py>,
    args: impl IntoPyObject<'py, Target = PyTuple, Output = Bound<'py, PyTuple>>,
) -> PyResult<Reduce<'py>> {
    let args = args.into_pyobject(py).map_err(Into::into)?;
    Ok((T::type_object(py).getattr(intern!(py, "_restore"))?, args))
}

/// A `#[pymethods] impl` block with the methods of the shapes named before it (see the
/// module's documentation).
macro_rules! methods {
    // The shapes are all read: the block, with what they add.
    (@ [$($add:tt)*] #[pymethods] impl $ty:ident { $($body:tt)* }) => {
        #[pyo3::pymethods]
        impl $ty {
            $($body)*
            $($add)*
        }
    };
    (@ [$($add:tt)*] to_dict; $($rest:tt)*) => {
        $crate::shapes::methods!(@ [$($add)*
            /// The JSON document as plain dicts, lists, str, int, bool and None (docs/json.md):
            /// ``json.dumps(x.to_dict())`` works, as does ``json.dumps(x, default=mpp_migration.to_jsonable)``.
            #[allow(clippy::wrong_self_convention)] // pyo3 methods take `&self`
            fn to_dict<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::json::loads(py, &self.to_json())
            }
        ] $($rest)*);
    };
    (@ [$($add:tt)*] to_dict(py); $($rest:tt)*) => {
        $crate::shapes::methods!(@ [$($add)*
            /// The JSON document as plain dicts, lists, str, int, bool and None (docs/json.md):
            /// ``json.dumps(x.to_dict())`` works, as does ``json.dumps(x, default=mpp_migration.to_jsonable)``.
            fn to_dict<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::json::loads(py, &self.to_json(py))
            }
        ] $($rest)*);
    };
    (@ [$($add:tt)*] $(#[$doc:meta])* value($name:literal, str = $str:expr, text = $text:expr);
        $($rest:tt)*) => {
        $crate::shapes::methods!(@ [$($add)*
            fn __str__(&self) -> String {
                ($str)(&self.0)
            }
            fn __repr__(&self) -> String {
                format!(concat!($name, "({:?})"), ($text)(&self.0))
            }
            $(#[$doc])*
            fn __reduce__<'py>(
                slf: &pyo3::Bound<'py, Self>,
            ) -> pyo3::PyResult<$crate::shapes::Reduce<'py>> {
                let text: String = ($text)(&slf.get().0);
                Ok((slf.get_type().into_any(), pyo3::IntoPyObject::into_pyobject((text,), slf.py())?))
            }
        ] $($rest)*);
    };
    ($($rest:tt)*) => {
        $crate::shapes::methods!(@ [] $($rest)*);
    };
}

pub(crate) use methods;
