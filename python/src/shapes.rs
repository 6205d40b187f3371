//! The shapes many classes share, written once (issue 10 section 3).
//!
//! pyo3 registers a class's methods from one `#[pymethods] impl` block, and a trait's default
//! methods are not Python methods; so [`methods!`] wraps a class's block as it is written and
//! appends the methods of the shapes named before it:
//!
//! - `repr(this, name = value, ..; "Name(a={}, ..)", this.0.a(), ..);` adds `__repr__`, that
//!   format of the object (`this`) and the values named before the `;`.
//! - `/// doc` `reduce(this; (this.0.a(), ..));` adds `__reduce__`, which rebuilds the object by
//!   its `_restore(a, ..)` ([`restore`]).
//! - `json("Name", this; document);` adds `to_json()`, the core's JSON `document` of the object
//!   (`this`), and `to_dict()`, that text read by `json.loads` (crate::json); `json("Name",
//!   this, py; document)` when making it needs `py` (to run without the GIL).
//! - `write("Name");` adds `files()`, the core's `files()` of `.0`, and `write(dir,
//!   overwrite=False)`, which writes them.
//! - `value("Name", str = |v| .., text = |v| .., new(arg) = Core::parse);` is an identifier
//!   value class (the core's value in `.0`): its constructor (`Core::parse` of the `str` `arg`),
//!   `__str__`, `__repr__` (`Name("text")`) and `__reduce__` (read again from `text`), whose
//!   docstring is the `///` before `value`.
//!
//! - `table("Name", rows = "rules", CoreTable);` is a host-replaceable table (a [`Table`], in
//!   `.0` as an `Arc`): `from_csv(data, *, name='custom')` ([`from_csv`]), `to_csv()`, `name`,
//!   `__len__`, `__repr__` (`Name(name=.., rules=N)`), and pickling by `_restore(name, csv)`.
//!
//! - `sequence("Name", Iterator);` is a read-only device list (a [`crate::sequence::Sequence`]):
//!   `__len__`, `__getitem__`, `__iter__` and `__reversed__` (an `Iterator` with `list` and
//!   `cursor`), `__contains__`, `index()` and `count()`; `iterator(List);` is that iterator's
//!   `__iter__`, `__next__` and `__length_hint__`.
//!
//! After the block, `getters("Name", this) { fn name() -> T { this.0.name() } .. }` are its
//! getters, one line each (`fn name<'py>(py) -> T { .. }` for one that needs `py`), each with
//! the stub's docstring of `Name.name` (`stub_doc!("Name", name)`); `calls("Name", this) { fn
//! name() -> T { .. } .. }` are its methods without arguments, one line each in the same way.
//!
//! Before the shapes, `class("Name", eq, hash) #[derive(Clone)] pub(crate) struct PyName(..);`
//! declares the class itself ([`class!`]: its `#[pyclass]`, docstring and derives); a class
//! whose methods are all its shapes' and getters' needs no block.
//!
//! Each method of the block whose name the stub documents for the class (`Task.device` for
//! `fn device` of `PyTask`) has that docstring: the block's methods are read one by one through
//! `with_stub_doc!` (python/build.rs); a method the stub does not document keeps its own.
//!
//! `"Name"` is the class's Python name: the docstrings of the methods a shape adds are the
//! stub's for that class (`stub_doc!("Name", "to_dict")`, see build.rs; a shape takes it as a
//! `tt`, which `stub_doc!` can match, unlike a `literal`). [`restore`] is the `__reduce__` of the
//! classes rebuilt by a `_restore` static method.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyTuple};
use pyo3::{PyTypeInfo, intern};

use mpp_migration::{EligibilityTable, PhoneLoadTable};

use crate::args::{string, wrong_type};
use crate::errors::{IntoPyResult, type_name};

/// Python's copies of `items`, each in its class (`PyFinding`, ..).
pub(crate) fn copies<T: Clone, W>(items: &[T], class: impl Fn(T) -> W) -> Vec<W> {
    items.iter().cloned().map(class).collect()
}

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

/// A table the host can replace by its own CSV (the core's `table` rows): the eligibility
/// table (EXT-2 to EXT-4) and the phone loads (EXT-10).
pub(crate) trait Table: Sized + Send + Sync {
    /// Reads the table `name` from CSV (the core validates it).
    fn from_csv(name: &str, csv: &[u8]) -> mpp_migration::Result<Self>;
    /// The table as CSV, which `from_csv` reads back.
    fn to_csv(&self) -> String;
    /// The table's name.
    fn name(&self) -> &str;
    /// How many rows it has.
    fn len(&self) -> usize;
    /// The text of a `str` argument `data`. The eligibility table has always read it with
    /// Python's own UTF-8 encoding (a lone surrogate is a `UnicodeEncodeError`); the others
    /// refuse one as every argument does (`argument_not_utf8`).
    fn text(data: &Bound<'_, PyString>) -> PyResult<String> {
        crate::args::text("data", data)
    }
}

impl Table for EligibilityTable {
    fn from_csv(name: &str, csv: &[u8]) -> mpp_migration::Result<Self> {
        EligibilityTable::from_csv(name, csv)
    }
    fn to_csv(&self) -> String {
        self.to_csv()
    }
    fn name(&self) -> &str {
        self.name()
    }
    fn len(&self) -> usize {
        self.rules().len()
    }
    fn text(data: &Bound<'_, PyString>) -> PyResult<String> {
        Ok(data.to_cow()?.into_owned())
    }
}

impl Table for PhoneLoadTable {
    fn from_csv(name: &str, csv: &[u8]) -> mpp_migration::Result<Self> {
        PhoneLoadTable::from_csv(name, csv)
    }
    fn to_csv(&self) -> String {
        self.to_csv()
    }
    fn name(&self) -> &str {
        self.name()
    }
    fn len(&self) -> usize {
        self.rows().len()
    }
}

/// `from_csv(data, *, name='custom')` of a [`Table`]: `data` is the CSV as `str` or `bytes`,
/// read by the core without the GIL.
pub(crate) fn from_csv<T: Table>(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    name: Option<&Bound<'_, PyAny>>,
) -> PyResult<Arc<T>> {
    let name = name.map_or(Ok("custom".to_owned()), |n| string("name", n))?;
    let table = if let Ok(s) = data.cast::<PyString>() {
        let text = T::text(s)?;
        py.detach(|| T::from_csv(&name, text.as_bytes()))
    } else if let Ok(b) = data.cast::<PyBytes>() {
        let bytes = b.as_bytes();
        py.detach(|| T::from_csv(&name, bytes))
    } else {
        return Err(wrong_type(format!(
            "data must be str or bytes (the CSV text), not {}",
            type_name(data)
        )));
    };
    Ok(Arc::new(table.py()?))
}

/// A class of the module: `class!("Name", eq, hash; #[derive(Clone)] pub(crate) struct
/// PyName(..);)` is the struct as `#[pyclass(frozen, eq, hash, module =
/// "mpp_migration._native", name = "Name")]` with the stub's docstring of `Name`, and the
/// derives its options need: `eq` derives `PartialEq`, `hash` `Eq` and `Hash`, `ord`
/// `PartialOrd` and `Ord`, so that Python's `==`, `hash()` and `<` are the Rust ones, field by
/// field; `sequence` derives nothing. In [`methods!`], `class("Name", eq, hash)
/// #[derive(Clone)] pub(crate) struct PyName(..);` before the shapes is the same.
macro_rules! class {
    // One arm per set of options: pyo3 gives the code it makes for an option the option's span,
    // so each is written here, in the same arm as the rest of the attribute.
    ($name:tt; $($item:tt)*) => {
        #[doc = stub_doc!($name)]
        #[pyo3::pyclass(frozen, module = "mpp_migration._native", name = $name)]
        $($item)*
    };
    ($name:tt, eq; $($item:tt)*) => {
        #[doc = stub_doc!($name)]
        #[pyo3::pyclass(frozen, eq, module = "mpp_migration._native", name = $name)]
        #[derive(PartialEq)]
        $($item)*
    };
    ($name:tt, eq, hash; $($item:tt)*) => {
        #[doc = stub_doc!($name)]
        #[pyo3::pyclass(frozen, eq, hash, module = "mpp_migration._native", name = $name)]
        #[derive(PartialEq, Eq, Hash)]
        $($item)*
    };
    ($name:tt, eq, hash, ord; $($item:tt)*) => {
        #[doc = stub_doc!($name)]
        #[pyo3::pyclass(frozen, eq, hash, ord, module = "mpp_migration._native", name = $name)]
        #[derive(PartialEq, Eq, Hash, PartialOrd, Ord)]
        $($item)*
    };
    ($name:tt, sequence; $($item:tt)*) => {
        #[doc = stub_doc!($name)]
        #[pyo3::pyclass(frozen, sequence, module = "mpp_migration._native", name = $name)]
        $($item)*
    };
}

/// Module functions of one core call each: `fn name(arg: read, ..) -> T => call;` reads each
/// argument (by `read(name, value)`) and returns `call`, a core `Result` (its error converted),
/// with the stub's docstring of `name`.
macro_rules! functions {
    ($(fn $name:ident($($arg:ident: $read:path),*) -> $t:ty => $call:expr;)*) => {$(
        #[doc = stub_doc!($name)]
        #[pyo3::pyfunction]
        pub(crate) fn $name($($arg: &pyo3::Bound<'_, pyo3::PyAny>),*) -> pyo3::PyResult<$t> {
            $(let $arg = $read(stringify!($arg), $arg)?;)*
            let result: mpp_migration::Result<$t> = $call;
            $crate::errors::IntoPyResult::py(result)
        }
    )*};
}

/// A `#[pymethods] impl` block with the methods of the shapes named before it (see the
/// module's documentation).
macro_rules! methods {
    // The shapes are all read: the block, with what they add, once each of its methods has
    // the stub's docstring of its name where the stub has one (`with_stub_doc!`, build.rs).
    (@ $cls:tt [$($add:tt)*] #[pymethods] impl $ty:ident { $($body:tt)* }) => {
        $crate::shapes::methods!(@doc $ty [$($add)*] [] $($body)*);
    };
    (@doc $ty:ident [$($add:tt)*] [$($done:tt)*]) => {
        #[pyo3::pymethods]
        impl $ty {
            $($done)*
            $($add)*
        }
    };
    (@doc $ty:ident $add:tt $done:tt $(#[$m:meta])* fn $name:ident $(<$lt:lifetime>)?
        ($($arg:tt)*) $(-> $ret:ty)? { $($body:tt)* } $($rest:tt)*) => {
        with_stub_doc!($ty, $name, [$crate::shapes::methods] (@item $ty $add $done { $($rest)* })
            $(#[$m])* fn $name $(<$lt>)? ($($arg)*) $(-> $ret)? { $($body)* });
    };
    (@item $ty:ident $add:tt [$($done:tt)*] { $($rest:tt)* } $($item:tt)*) => {
        $crate::shapes::methods!(@doc $ty $add [$($done)* $($item)*] $($rest)*);
    };
    // The getters written after the block: `fn name() -> T { .. }`, or `fn name<'py>(py) -> T
    // { .. }` for one that needs `py`, with the object as `this`; each documented by the stub's
    // docstring of `Class.name`. They are the `calls` below with `#[getter]`.
    (@ $cls:tt $add:tt #[pymethods] impl $ty:ident $body:tt getters $head:tt {
        $($(#[$doc:meta])* fn $name:ident $(<$py_lt:lifetime>($py:ident))? $(())? -> $t:ty { $($get:tt)* })*
    } $($more:tt)*) => {
        $crate::shapes::methods!(@ $cls $add #[pymethods] impl $ty $body calls $head {
            $($(#[$doc])* #[getter] fn $name $(<$py_lt>($py))? -> $t { $($get)* })*
        } $($more)*);
    };
    // The methods without arguments written after the block, one line each as the getters
    // are: `calls("Name", this) { fn name() -> T { .. } }`.
    (@ $cls:tt [$($add:tt)*] #[pymethods] impl $ty:ident $body:tt calls($class:tt, $this:ident) {
        $($(#[$doc:meta])* fn $name:ident $(<$py_lt:lifetime>($py:ident))? $(())? -> $t:ty { $($call:tt)* })*
    } $($more:tt)*) => {
        $crate::shapes::methods!(@ $cls [$($add)* $(
            #[doc = stub_doc!($class, $name)]
            $(#[$doc])*
            fn $name $(<$py_lt>)? (&self $(, $py: pyo3::Python<$py_lt>)?) -> $t {
                let $this = self;
                $($call)*
            }
        )*] #[pymethods] impl $ty $body $($more)*);
    };
    // No block after the shapes of a `class(..)`: an empty one.
    (@ $cls:ident [$($add:tt)*]) => {
        $crate::shapes::methods!(@doc $cls [$($add)*] []);
    };
    (@ $cls:ident $add:tt getters $($rest:tt)*) => {
        $crate::shapes::methods!(@ $cls $add #[pymethods] impl $cls {} getters $($rest)*);
    };
    (@ $cls:ident $add:tt calls $($rest:tt)*) => {
        $crate::shapes::methods!(@ $cls $add #[pymethods] impl $cls {} calls $($rest)*);
    };
    // The class itself (see `class!`).
    (@ $cls:tt [$($add:tt)*] class($($opt:tt)*) $(#[$attr:meta])*
        $vis:vis struct $ty:ident ($($field:tt)*); $($rest:tt)*) => {
        $crate::shapes::class!($($opt)*; $(#[$attr])* $vis struct $ty($($field)*););
        $crate::shapes::methods!(@ $ty [$($add)*] $($rest)*);
    };
    (@ $cls:tt [$($add:tt)*] class($($opt:tt)*) $(#[$attr:meta])*
        $vis:vis struct $ty:ident { $($field:tt)* } $($rest:tt)*) => {
        $crate::shapes::class!($($opt)*; $(#[$attr])* $vis struct $ty { $($field)* });
        $crate::shapes::methods!(@ $ty [$($add)*] $($rest)*);
    };
    // `repr(this, name = value, ..; "Format", args..);`: `__repr__` is that format of the
    // object (`this`) and the values named before it.
    (@ $cls:tt [$($add:tt)*] repr($this:ident $(, $var:ident $(: $vt:ty)? = $val:expr)*;
        $fmt:literal $(, $arg:expr)* $(,)?); $($rest:tt)*) => {
        $crate::shapes::methods!(@ $cls [$($add)*
            fn __repr__(&self) -> String {
                let $this = self;
                $(let $var $(: $vt)? = $val;)*
                format!($fmt $(, $arg)*)
            }
        ] $($rest)*);
    };
    // `/// doc` `reduce(this; args);`: `__reduce__` rebuilds the object (`this`) by its static
    // method `_restore(*args)` ([`restore`]).
    (@ $cls:tt [$($add:tt)*] $(#[$doc:meta])* reduce($this:ident; $args:expr); $($rest:tt)*) => {
        $crate::shapes::methods!(@ $cls [$($add)*
            $(#[$doc])*
            fn __reduce__<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<$crate::shapes::Reduce<'py>> {
                let $this = self;
                $crate::shapes::restore::<Self>(py, $args)
            }
        ] $($rest)*);
    };
    (@ $cls:tt [$($add:tt)*] json($class:tt, $this:ident $(, $py:ident)?; $json:expr);
        $($rest:tt)*) => {
        $crate::shapes::methods!(@ $cls [$($add)*
            #[doc = stub_doc!($class, "to_json")]
            #[allow(clippy::wrong_self_convention)] // pyo3 methods take `&self`
            fn to_json(&self $(, $py: pyo3::Python<'_>)?) -> String {
                let $this = self;
                $json
            }
            #[doc = stub_doc!($class, "to_dict")]
            #[allow(clippy::wrong_self_convention)]
            fn to_dict<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::json::loads(py, &self.to_json($($crate::shapes::methods!(@py $py py))?))
            }
        ] $($rest)*);
    };
    (@py $py:ident $actual:ident) => { $actual };
    (@ $cls:tt [$($add:tt)*] write($class:tt); $($rest:tt)*) => {
        $crate::shapes::methods!(@ $cls [$($add)*
            #[doc = stub_doc!($class, "files")]
            fn files(&self) -> Vec<$crate::files::PyOutputFile> {
                $crate::files::output_files(self.0.files())
            }
            #[doc = stub_doc!($class, "write")]
            #[pyo3(signature = (dir, overwrite = None), text_signature = "(self, dir, overwrite=False)")]
            fn write(
                &self,
                py: pyo3::Python<'_>,
                dir: &pyo3::Bound<'_, pyo3::PyAny>,
                overwrite: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
            ) -> pyo3::PyResult<Vec<std::path::PathBuf>> {
                let dir = $crate::directory::path_arg(dir)?;
                let overwrite = $crate::files::overwrite_arg(overwrite)?;
                $crate::files::write_into(py, &dir, &self.0.files(), overwrite)
            }
        ] $($rest)*);
    };
    (@ $cls:tt [$($add:tt)*] $(#[$doc:meta])* value($name:literal, str = $str:expr,
        text = $text:expr, $(#[$new_doc:meta])* new($arg:ident) = $parse:path); $($rest:tt)*) => {
        $crate::shapes::methods!(@ $cls [$($add)*
            $(#[$new_doc])*
            #[new]
            fn new($arg: &pyo3::Bound<'_, pyo3::PyAny>) -> pyo3::PyResult<Self> {
                let text = $crate::args::string(stringify!($arg), $arg)?;
                $crate::errors::IntoPyResult::py($parse(&text).map(Self))
            }
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
    (@ $cls:tt [$($add:tt)*] table($name:tt, rows = $rows:literal, $table:ty); $($rest:tt)*) => {
        $crate::shapes::methods!(@ $cls [$($add)*
            #[doc = stub_doc!($name, "from_csv")]
            #[staticmethod]
            #[pyo3(signature = (data, *, name = None), text_signature = "(data, *, name='custom')")]
            fn from_csv(
                py: pyo3::Python<'_>,
                data: &pyo3::Bound<'_, pyo3::PyAny>,
                name: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
            ) -> pyo3::PyResult<Self> {
                $crate::shapes::from_csv(py, data, name).map(Self)
            }
            #[doc = stub_doc!($name, "to_csv")]
            fn to_csv(&self) -> String {
                $crate::shapes::Table::to_csv(&*self.0)
            }
            #[doc = stub_doc!($name, "name")]
            #[getter]
            fn name(&self) -> &str {
                $crate::shapes::Table::name(&*self.0)
            }
            fn __len__(&self) -> usize {
                $crate::shapes::Table::len(&*self.0)
            }
            fn __repr__(&self) -> String {
                format!(
                    concat!($name, "(name={:?}, ", $rows, "={})"),
                    $crate::shapes::Table::name(&*self.0),
                    $crate::shapes::Table::len(&*self.0)
                )
            }
            /// Pickling and copying: rebuilt from its name and CSV.
            fn __reduce__<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<$crate::shapes::Reduce<'py>> {
                let table = &*self.0;
                let args = ($crate::shapes::Table::name(table), $crate::shapes::Table::to_csv(table));
                $crate::shapes::restore::<Self>(py, args)
            }
            #[doc = concat!("Rebuilds a pickled `", $name, "`.")]
            #[staticmethod]
            #[pyo3(name = "_restore")]
            fn restore(name: &str, csv: &str) -> pyo3::PyResult<Self> {
                let table = <$table as $crate::shapes::Table>::from_csv(name, csv.as_bytes());
                Ok(Self(std::sync::Arc::new($crate::errors::IntoPyResult::py(table)?)))
            }
        ] $($rest)*);
    };
    (@ $cls:tt [$($add:tt)*] sequence($class:tt, $iter:ident); $($rest:tt)*) => {
        $crate::shapes::methods!(@ $cls [$($add)*
            fn __len__(&self) -> usize {
                $crate::sequence::Sequence::len(self)
            }
            fn __getitem__<'py>(
                &self,
                key: &pyo3::Bound<'py, pyo3::PyAny>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::sequence::Sequence::get_item(self, key)
            }
            fn __iter__(slf: &pyo3::Bound<'_, Self>) -> $iter {
                $iter { list: slf.clone().unbind(), cursor: $crate::sequence::Cursor::new(false) }
            }
            fn __reversed__(slf: &pyo3::Bound<'_, Self>) -> $iter {
                $iter { list: slf.clone().unbind(), cursor: $crate::sequence::Cursor::new(true) }
            }
            fn __contains__(&self, value: &pyo3::Bound<'_, pyo3::PyAny>) -> bool {
                let all = 0..$crate::sequence::Sequence::len(self);
                $crate::sequence::Sequence::matches(self, value, all).next().is_some()
            }
            #[doc = stub_doc!($class, "index")]
            #[pyo3(signature = (value, start = 0, stop = None))]
            fn index(
                &self,
                value: &pyo3::Bound<'_, pyo3::PyAny>,
                start: isize,
                stop: Option<isize>,
            ) -> pyo3::PyResult<usize> {
                let len = $crate::sequence::Sequence::len(self);
                let range = $crate::sequence::search_range(start, stop, len);
                $crate::sequence::Sequence::matches(self, value, range).next().ok_or_else(|| {
                    pyo3::exceptions::PyValueError::new_err(format!(
                        "the device is not in the {}",
                        <Self as pyo3::PyClass>::NAME
                    ))
                })
            }
            #[doc = stub_doc!($class, "count")]
            fn count(&self, value: &pyo3::Bound<'_, pyo3::PyAny>) -> usize {
                let all = 0..$crate::sequence::Sequence::len(self);
                $crate::sequence::Sequence::matches(self, value, all).count()
            }
        ] $($rest)*);
    };
    (@ $cls:tt [$($add:tt)*] iterator($list:ty); $($rest:tt)*) => {
        $crate::shapes::methods!(@ $cls [$($add)*
            fn __iter__(slf: pyo3::Py<Self>) -> pyo3::Py<Self> {
                slf
            }
            fn __next__(
                &self,
                py: pyo3::Python<'_>,
            ) -> Option<<$list as $crate::sequence::Sequence>::Object> {
                let list = self.list.bind(py).get();
                let i = self.cursor.advance($crate::sequence::Sequence::len(list))?;
                Some(<$list as $crate::sequence::Sequence>::object(
                    $crate::sequence::Sequence::at(list, i),
                ))
            }
            fn __length_hint__(&self, py: pyo3::Python<'_>) -> usize {
                self.cursor.remaining($crate::sequence::Sequence::len(self.list.bind(py).get()))
            }
        ] $($rest)*);
    };
    ($($rest:tt)*) => {
        $crate::shapes::methods!(@ _ [] $($rest)*);
    };
}

pub(crate) use {class, functions, methods};
