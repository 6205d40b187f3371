//! What the handles share: moving a value to C and back, per-element caches so that the C
//! views of a report's findings and devices are built only for the elements a caller reads, and
//! the generation stamps that make a view of a changed owner refuse to read (issue 14).
//!
//! Every pointer a C caller holds is either owned (made by `mpp_x_new` or an out-parameter and
//! freed by the matching `mpp_x_free`) or a view lent by an owner. A view's memory is never
//! freed before its owner: an owner that changes (a board) keeps the views it lent until it is
//! freed and only marks them stale, so a view read after a change gives an error code or NULL,
//! never freed memory.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

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

impl<T> LazySlots<T> {
    /// Whether any view was built (and so may have been lent to C).
    pub(crate) fn is_used(&self) -> bool {
        self.slots.get().is_some()
    }
}

/// The change counter of an owner that lends views of its contents (a board lends its tasks).
/// Each view carries a [`Stamp`] of the counter when it was made; a change advances the
/// counter, so a view lent before it knows it is stale and refuses to read what it points at.
#[derive(Default)]
pub(crate) struct Generation(Arc<AtomicU64>);

impl Generation {
    /// A stamp of the current generation, for a view made now.
    pub(crate) fn stamp(&self) -> Stamp {
        Stamp {
            owner: Arc::clone(&self.0),
            at: self.0.load(Ordering::Acquire),
        }
    }

    /// Marks a change: every view stamped before it is stale from now on.
    pub(crate) fn advance(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }
}

/// When a view was made, by the [`Generation`] of its owner.
pub(crate) struct Stamp {
    owner: Arc<AtomicU64>,
    at: u64,
}

impl Stamp {
    /// A stamp for a view of an owner that never changes (a fleet plan): always current.
    pub(crate) fn fixed() -> Stamp {
        Generation::default().stamp()
    }

    /// Whether the owner has not changed since the view was made.
    pub(crate) fn is_current(&self) -> bool {
        self.owner.load(Ordering::Acquire) == self.at
    }
}
