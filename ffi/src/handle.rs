//! What the handles share: moving a value to C and back, and per-element caches so that the C
//! views of a report's findings and devices are built only for the elements a caller reads.

use std::sync::OnceLock;

/// Moves a value to the heap and hands it to C, which gives it back to [`free`].
pub(crate) fn into_raw<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Frees a handle given back by C. NULL is a no-op.
///
/// # Safety
/// `ptr` must be NULL or a pointer from [`into_raw`] with the same `T`, not yet freed.
pub(crate) unsafe fn free<T>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: per the contract, `ptr` came from Box::into_raw and is freed once.
        crate::boundary::guard((), || drop(unsafe { Box::from_raw(ptr) }));
    }
}

/// A sequence of C views, each built on first access and then kept for the life of its owner,
/// so the pointers handed out stay valid. Safe to read from several threads at once.
pub(crate) struct LazySlots<T> {
    slots: OnceLock<Box<[OnceLock<T>]>>,
}

impl<T> Default for LazySlots<T> {
    fn default() -> LazySlots<T> {
        LazySlots {
            slots: OnceLock::new(),
        }
    }
}

impl<T> LazySlots<T> {
    /// The view of element `index` of a sequence of `len`, made by `make` the first time;
    /// `None` when `index` is out of range. `len` must be the same at every call.
    pub(crate) fn get(
        &self,
        len: usize,
        index: usize,
        make: impl FnOnce(usize) -> T,
    ) -> Option<&T> {
        if index >= len {
            return None;
        }
        let slots = self
            .slots
            .get_or_init(|| (0..len).map(|_| OnceLock::new()).collect());
        slots
            .get(index)
            .map(|slot| slot.get_or_init(|| make(index)))
    }
}
