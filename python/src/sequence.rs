//! The sequence protocol the read-only device lists share (`DeviceList`, `TaskDeviceList`):
//! what a subscript means, `index()`'s search range and an iterator's next position, written
//! once so the lists behave alike and as Python's own sequences do.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::PyClass;
use pyo3::exceptions::{PyIndexError, PyTypeError};
use pyo3::prelude::*;
use pyo3::pyclass::boolean_struct::True;
use pyo3::pyclass_init::PyClassInitializer;
use pyo3::types::PySlice;

use crate::args::is_int;
use crate::errors::type_name;

/// A subscript of a sequence of `len` items, resolved.
pub(crate) enum Subscript {
    /// One position, in `0..len`.
    At(usize),
    /// A slice: `len` positions `start + k * step` for `k` in `0..len`.
    Slice {
        start: isize,
        step: isize,
        len: usize,
    },
}

impl Subscript {
    /// Resolves `key` (an int, negative from the end, or a slice) against a sequence of `len`
    /// items; `list` names the sequence type in the errors, as Python's `list` does.
    pub(crate) fn resolve(key: &Bound<'_, PyAny>, len: usize, list: &str) -> PyResult<Subscript> {
        if let Ok(slice) = key.cast::<PySlice>() {
            let ind = slice.indices(len as isize)?;
            return Ok(Subscript::Slice {
                start: ind.start,
                step: ind.step,
                len: ind.slicelength,
            });
        }
        if !is_int(key) {
            return Err(PyTypeError::new_err(format!(
                "{list} indices must be integers or slices, not {}",
                type_name(key)
            )));
        }
        let out_of_range = || PyIndexError::new_err(format!("{list} index out of range"));
        let index: isize = key.extract().map_err(|_| out_of_range())?;
        let index = if index < 0 {
            index + len as isize
        } else {
            index
        };
        if index < 0 || index as usize >= len {
            return Err(out_of_range());
        }
        Ok(Subscript::At(index as usize))
    }
}

/// The positions `index(value, start, stop)` searches, clamped to `0..len` as `list.index` does.
pub(crate) fn search_range(start: isize, stop: Option<isize>, len: usize) -> Range<usize> {
    let clamp = |i: isize| {
        if i < 0 {
            (i + len as isize).max(0) as usize
        } else {
            (i as usize).min(len)
        }
    };
    clamp(start)..clamp(stop.unwrap_or(len as isize))
}

/// Where an iterator over a sequence stands, forwards or reversed. Atomic so a frozen pyclass
/// can advance it through a shared reference.
pub(crate) struct Cursor {
    next: AtomicUsize,
    reversed: bool,
}

impl Cursor {
    /// A cursor at the first item (the last, when `reversed`).
    pub(crate) fn new(reversed: bool) -> Cursor {
        Cursor {
            next: AtomicUsize::new(0),
            reversed,
        }
    }

    /// The next position in a sequence of `len` items, or None once it is exhausted (and from
    /// then on).
    pub(crate) fn advance(&self, len: usize) -> Option<usize> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        if i >= len {
            self.next.store(len, Ordering::Relaxed);
            return None;
        }
        Some(if self.reversed { len - 1 - i } else { i })
    }

    /// How many positions are left in a sequence of `len` items.
    pub(crate) fn remaining(&self, len: usize) -> usize {
        len.saturating_sub(self.next.load(Ordering::Relaxed))
    }
}

/// A read-only device list over Rust data (`DeviceList`, `TaskDeviceList`): what the list's
/// `sequence` shape of [`crate::shapes::methods!`] needs to give it Python's sequence protocol,
/// and its iterator's `iterator` shape. The errors name the list by its Python name
/// (`PyClass::NAME`).
pub(crate) trait Sequence:
    PyClass<Frozen = True> + Sync + Into<PyClassInitializer<Self>>
{
    /// The Rust item.
    type Item: PartialEq + Clone + 'static;
    /// The Python class of one item.
    type Object: PyClass<Frozen = True> + Sync + Into<PyClassInitializer<Self::Object>>;
    /// How many items it has.
    fn len(&self) -> usize;
    /// The item at position `i` (`i < len`).
    fn at(&self, i: usize) -> &Self::Item;
    /// The list of the `len` items at `start + k * step` of this one.
    fn view(&self, start: isize, step: isize, len: usize) -> Self;
    /// The Python object of an item.
    fn object(item: &Self::Item) -> Self::Object;
    /// The item a Python object holds.
    fn item(object: &Self::Object) -> &Self::Item;

    /// The items, in order.
    fn iter(&self) -> impl ExactSizeIterator<Item = &Self::Item> {
        (0..self.len()).map(|i| self.at(i))
    }

    /// `self[key]`: an item, or a list of the items of a slice.
    fn get_item<'py>(&self, key: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = key.py();
        Ok(
            match Subscript::resolve(key, self.len(), <Self as PyClass>::NAME)? {
                Subscript::At(i) => Bound::new(py, Self::object(self.at(i)))?.into_any(),
                Subscript::Slice { start, step, len } => {
                    Bound::new(py, self.view(start, step, len))?.into_any()
                }
            },
        )
    }
    /// The positions of the items equal to `value` (none when it is not an item object).
    fn matches<'a>(
        &'a self,
        value: &'a Bound<'_, PyAny>,
        range: Range<usize>,
    ) -> impl Iterator<Item = usize> + 'a {
        let value = value.cast::<Self::Object>().ok().map(|v| v.get());
        range.filter(move |&i| value.is_some_and(|v| self.at(i) == Self::item(v)))
    }
}
