//! Reading Python arguments into Rust values. A wrong type is an `InputTypeError` (also a
//! `TypeError`), a wrong value an `InputValueError` (also a `ValueError`), both `InputError`s
//! with the code `invalid_argument`; these helpers only translate types and check shapes, the
//! rules stay in core.

use pyo3::PyClass;
use pyo3::prelude::*;
use pyo3::pyclass::boolean_struct::True;
use pyo3::types::{PyBool, PyInt, PyString};

use mpp_migration::{Error, ErrorCode, UploadOption};

use crate::errors::{to_py_err, to_py_type_err, type_name};

/// An `InputValueError` (`invalid_argument`, also a `ValueError`) with this message: the
/// argument has the right type but a value the function does not take.
pub(crate) fn invalid(message: impl Into<String>) -> PyErr {
    to_py_err(Error::invalid_argument(message))
}

/// An `InputTypeError` (`invalid_argument`, also a `TypeError`) with this message: the argument
/// is of the wrong type.
pub(crate) fn wrong_type(message: impl Into<String>) -> PyErr {
    to_py_type_err(Error::invalid_argument(message))
}

/// A `str` argument.
pub(crate) fn string(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<String> {
    match obj.cast::<PyString>() {
        Ok(s) => text(name, s),
        Err(_) => Err(wrong_type(format!(
            "{name} must be a str, not {}",
            type_name(obj)
        ))),
    }
}

/// The UTF-8 text of a `str`; a lone surrogate (which no UTF-8 text holds) is an `InputError`
/// (`argument_not_utf8`).
pub(crate) fn text(name: &str, s: &Bound<'_, PyString>) -> PyResult<String> {
    s.to_cow().map(|c| c.into_owned()).map_err(|_| {
        to_py_err(Error::new(
            ErrorCode::ArgumentNotUtf8,
            format!("{name} holds a lone surrogate, which is not valid UTF-8 text"),
        ))
    })
}

/// An `int` argument (a `bool` is refused: `True` is not a number here).
pub(crate) fn integer(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<i128> {
    if is_int(obj) {
        // Beyond i128 is beyond any value these arguments take; saturate so that the caller's
        // range check names the value as out of range.
        Ok(obj.extract::<i128>().unwrap_or_else(|_| {
            if obj.lt(0).unwrap_or(false) {
                i128::MIN
            } else {
                i128::MAX
            }
        }))
    } else {
        Err(wrong_type(format!(
            "{name} must be an int, not {}",
            type_name(obj)
        )))
    }
}

/// An `int` argument of at least `min`; `what` (such as "a byte count of ") names it in the
/// error.
pub(crate) fn at_least<T: TryFrom<i128> + PartialOrd + std::fmt::Display>(
    name: &str,
    obj: &Bound<'_, PyAny>,
    what: &str,
    min: T,
) -> PyResult<T> {
    let n = integer(name, obj)?;
    T::try_from(n)
        .ok()
        .filter(|v| *v >= min)
        .ok_or_else(|| invalid(format!("{name} must be {what}at least {min}, not {n}")))
}

/// Whether `obj` is an `int` and not a `bool`.
pub(crate) fn is_int(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>()
}

/// A `bool` argument.
pub(crate) fn boolean(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    match obj.cast::<PyBool>() {
        Ok(b) => Ok(b.is_true()),
        Err(_) => Err(wrong_type(format!(
            "{name} must be a bool, not {}",
            type_name(obj)
        ))),
    }
}

/// Any iterable of `str`; a single `str` is refused rather than read as its
/// characters. `None` is empty.
pub(crate) fn strings(name: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<String>> {
    let Some(obj) = given(obj) else {
        return Ok(Vec::new());
    };
    if obj.is_instance_of::<PyString>() {
        return Err(wrong_type(format!(
            "{name} must be an iterable of str, not a single str; wrap it in a list: [{:?}]",
            obj.extract::<String>().unwrap_or_default()
        )));
    }
    let not_iterable = || {
        wrong_type(format!(
            "{name} must be an iterable of str, not {}",
            type_name(obj)
        ))
    };
    each(obj, not_iterable, |i, item| match item.cast::<PyString>() {
        Ok(s) => text(&format!("{name}[{i}]"), s),
        Err(_) => Err(wrong_type(format!(
            "{name}[{i}] must be a str, not {}",
            type_name(&item)
        ))),
    })
}

/// Each item of the iterable `obj` (`not_iterable` when it is none), read by `read`.
fn each<R>(
    obj: &Bound<'_, PyAny>,
    not_iterable: impl Fn() -> PyErr,
    read: impl Fn(usize, Bound<'_, PyAny>) -> PyResult<R>,
) -> PyResult<Vec<R>> {
    let iter = obj.try_iter().map_err(|_| not_iterable())?;
    let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
    for (i, item) in iter.enumerate() {
        out.push(read(i, item?)?);
    }
    Ok(out)
}

/// The migration option: `"license_and_device"` or `"license_only"` (TASK-3), read by core.
pub(crate) fn upload_option(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<UploadOption> {
    let text = string(name, obj)?;
    UploadOption::parse(&text).map_err(to_py_err)
}

/// A MAC address argument, read by core in any spelling DEV-6 accepts (an `IdentifierError`
/// otherwise).
pub(crate) fn mac_arg(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<mpp_migration::Mac> {
    mpp_migration::Mac::parse(&string(name, obj)?).map_err(to_py_err)
}

/// Any iterable of MAC addresses (`str`), each read by core.
pub(crate) fn macs_arg(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<mpp_migration::Mac>> {
    strings(name, Some(obj))?
        .iter()
        .map(|m| mpp_migration::Mac::parse(m).map_err(to_py_err))
        .collect()
}

/// An optional argument as it was given: None when it is left out or None.
pub(crate) fn given<'a, 'py>(obj: Option<&'a Bound<'py, PyAny>>) -> Option<&'a Bound<'py, PyAny>> {
    obj.filter(|o| !o.is_none())
}

/// An optional `str` argument: None stays None.
pub(crate) fn opt_string(name: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    given(obj).map(|o| string(name, o)).transpose()
}

/// A count argument: a non-negative `int` (its range is core's to check).
pub(crate) fn count(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<usize> {
    let n = integer(name, obj)?;
    usize::try_from(n).map_err(|_| invalid(format!("{name} must be a non-negative int, not {n}")))
}

/// Any iterable of the class `T`, each item read by `read`. A single `T` is refused (wrap it in a
/// list), and so is a `str` when `str_refused` (else it is iterated, and its first character is
/// the error). `hint` follows the expected type in the not-iterable error.
pub(crate) fn objects<T: PyClass<Frozen = True> + Sync, R>(
    name: &str,
    obj: &Bound<'_, PyAny>,
    hint: &str,
    str_refused: bool,
    read: impl Fn(&T) -> R,
) -> PyResult<Vec<R>> {
    let class = <T as PyClass>::NAME;
    let a = article(class);
    let not_iterable = || {
        wrong_type(format!(
            "{name} must be an iterable of {class}{hint}, not {}",
            type_name(obj)
        ))
    };
    if obj.is_instance_of::<T>() {
        return Err(wrong_type(format!(
            "{name} must be an iterable of {class}, not a single {class}; wrap it in a list"
        )));
    }
    if str_refused && obj.is_instance_of::<PyString>() {
        return Err(not_iterable());
    }
    each(obj, not_iterable, |i, item| match item.cast::<T>() {
        Ok(t) => Ok(read(t.get())),
        Err(_) => Err(wrong_type(format!(
            "{name}[{i}] must be {a} {class}, not {}",
            type_name(&item)
        ))),
    })
}

/// The text of an argument that is a `str` or an object of the class `T`, whose text `read`
/// gives.
pub(crate) fn text_or<T: PyClass<Frozen = True> + Sync>(
    name: &str,
    obj: &Bound<'_, PyAny>,
    read: impl Fn(&T) -> String,
) -> PyResult<String> {
    text_of(name, obj, "", read)
}

/// [`text_or`] for an argument that may also be None (or left out).
pub(crate) fn opt_text_or<T: PyClass<Frozen = True> + Sync>(
    name: &str,
    obj: Option<&Bound<'_, PyAny>>,
    read: impl Fn(&T) -> String,
) -> PyResult<Option<String>> {
    given(obj)
        .map(|o| text_of(name, o, " or None", read))
        .transpose()
}

fn text_of<T: PyClass<Frozen = True> + Sync>(
    name: &str,
    obj: &Bound<'_, PyAny>,
    or_none: &str,
    read: impl Fn(&T) -> String,
) -> PyResult<String> {
    if let Ok(t) = obj.cast::<T>() {
        return Ok(read(t.get()));
    }
    if obj.is_instance_of::<PyString>() {
        return string(name, obj);
    }
    let class = <T as PyClass>::NAME;
    let what = if or_none.is_empty() {
        format!("a str or {class}")
    } else {
        format!("a str, {class}{or_none}")
    };
    Err(wrong_type(format!(
        "{name} must be {what}, not {}",
        type_name(obj)
    )))
}

/// An optional argument of the class `T`: None when it is left out or None.
pub(crate) fn opt_object<'a, T: PyClass<Frozen = True> + Sync>(
    name: &str,
    obj: Option<&'a Bound<'_, PyAny>>,
) -> PyResult<Option<&'a T>> {
    let Some(obj) = given(obj) else {
        return Ok(None);
    };
    let class = <T as PyClass>::NAME;
    match obj.cast::<T>() {
        Ok(t) => Ok(Some(t.get())),
        Err(_) => Err(wrong_type(format!(
            "{name} must be {} {class} or None, not {}",
            article(class),
            type_name(obj)
        ))),
    }
}

/// An argument of the class `T`.
pub(crate) fn object<'a, T: PyClass<Frozen = True> + Sync>(
    name: &str,
    obj: &'a Bound<'_, PyAny>,
) -> PyResult<&'a T> {
    let class = <T as PyClass>::NAME;
    match obj.cast::<T>() {
        Ok(t) => Ok(t.get()),
        Err(_) => Err(wrong_type(format!(
            "{name} must be {} {class}, not {}",
            article(class),
            type_name(obj)
        ))),
    }
}

/// "a" or "an", before a class name.
fn article(class: &str) -> &'static str {
    if class.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}
