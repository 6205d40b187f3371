//! What the handles share: the one mechanism by which C holds Rust values ([`Handle`], with
//! its ownership marker, and the generic accessors the macros of macros.rs call), per-element
//! caches so that the C views of a report's findings and devices are built only for the
//! elements a caller reads, and the generation stamps that make a view of a changed owner refuse
//! to read (issue 14).
//!
//! Every pointer a C caller holds is either owned (made by `mpp_x_new` or an out-parameter and
//! freed by the matching `mpp_x_free`) or a view lent by an owner. A view's memory is never
//! freed before its owner: an owner that changes (a board) keeps the views it lent until it is
//! freed and only marks them stale, so a view read after a change gives an error code or NULL,
//! never freed memory.

use std::ffi::{CString, c_char};
use std::ptr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use mpp_migration::Error;

use crate::boundary::{arg_ref, guard, mpp_status, out_param, run};
use crate::error::mpp_error;
use crate::string::{c_string_lossy, to_c_string_lossy};

/// A type C holds by pointer (an `mpp_x`), and who frees it: its [`Handle::Ownership`].
/// Declared for each type with `handles!` (macros.rs).
pub(crate) trait Handle {
    /// [`Owned`] or [`Lent`].
    type Ownership;
}

/// The marker of a handle made on the heap for C, which gives it back to its `mpp_x_free`
/// ([`free`]).
pub(crate) enum Owned {}

/// The marker of a view lent by an owner and freed with it: C never frees it.
pub(crate) enum Lent {}

// The handles of the files that keep their own borrow code (error.rs, report.rs).
handles!(
    Owned: crate::error::mpp_error, crate::report::mpp_report;
    Lent: crate::error::mpp_finding
);

/// What an accessor may lend C: a string of a handle (as `const char *`) or a handle (a view,
/// or a handle inside another, such as a report's devices).
pub(crate) trait Lend {
    /// The C type pointed at.
    type Target;
    /// The pointer C gets; it lives as long as `self`.
    fn lend(&self) -> *const Self::Target;
}

impl Lend for CString {
    type Target = c_char;
    fn lend(&self) -> *const c_char {
        self.as_ptr()
    }
}

impl<T: Handle> Lend for T {
    type Target = T;
    fn lend(&self) -> *const T {
        self
    }
}

/// Moves a value to the heap and hands it to C, which gives it back to [`free`].
pub(crate) fn into_raw<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Frees a handle given back by C. NULL is a no-op.
///
/// # Safety
/// `ptr` must be NULL or a pointer from [`into_raw`] with the same `T`, not yet freed.
pub(crate) unsafe fn free<T: Handle<Ownership = Owned>>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: per the contract, `ptr` came from Box::into_raw and is freed once.
        guard((), || drop(unsafe { Box::from_raw(ptr) }));
    }
}

/// Reads a handle for an accessor that cannot fail: `f` of the handle, or `fallback` when `ptr`
/// is NULL or `f` panics.
///
/// # Safety
/// `ptr` must be NULL or point to a live `T`.
pub(crate) unsafe fn read<T: Handle, R: Copy>(
    ptr: *const T,
    fallback: R,
    f: impl FnOnce(&T) -> R,
) -> R {
    // SAFETY: per the contract.
    guard(fallback, || unsafe { ptr.as_ref() }.map_or(fallback, f))
}

/// Lends C what `f` picks in a handle (a string, a view): NULL when `ptr` is NULL, or `f` picks
/// nothing (an index out of range) or panics.
///
/// # Safety
/// `ptr` must be NULL or point to a live `T`.
pub(crate) unsafe fn lend<T: Handle, V: Lend + ?Sized>(
    ptr: *const T,
    f: impl FnOnce(&T) -> Option<&V>,
) -> *const V::Target {
    // SAFETY: per the contract.
    unsafe { read(ptr, ptr::null(), |h| f(h).map_or(ptr::null(), V::lend)) }
}

/// Makes a value with `make`, then stores a new handle on it in `*out`: the inputs `make`
/// reads are checked before `out`.
///
/// # Safety
/// `out` must be valid for one write; `make` may rely on the contract of the export.
pub(crate) unsafe fn new_out<T, H: From<T>>(
    out: *mut *mut H,
    make: impl FnOnce() -> Result<T, Error>,
) -> Result<(), Error> {
    let value = make()?;
    // SAFETY: `out` is checked by `out_param`, and valid for one write per the contract.
    unsafe { out_param(out, "out")?.put(into_raw(H::from(value))) }
}

/// Checks `out`, then stores in `*out` a new handle on the value `make` returns: for exports
/// that read their other arguments first, then `out`, then do the work.
///
/// # Safety
/// `out` must be valid for one write; `make` may rely on the contract of the export.
pub(crate) unsafe fn put_new<T, H: From<T>>(
    out: *mut *mut H,
    make: impl FnOnce() -> Result<T, Error>,
) -> Result<(), Error> {
    let out = out_param(out, "out")?;
    // SAFETY: `out` is checked by `out_param`, and valid for one write per the contract.
    unsafe { out.put(into_raw(H::from(make()?))) }
}

/// A generated text, or the error that stopped it (a stale task view).
pub(crate) trait Text {
    /// The text.
    fn text(self) -> Result<String, Error>;
}

impl Text for String {
    fn text(self) -> Result<String, Error> {
        Ok(self)
    }
}

impl Text for Result<String, Error> {
    fn text(self) -> Result<String, Error> {
        self
    }
}

/// Stores a generated text of a handle in `*out`, as a string to free with `mpp_string_free`;
/// a NULL handle is refused by `name`. See `text_out!` (macros.rs).
///
/// # Safety
/// `ptr` must be NULL or point to a live `T`; `out` must be valid for one write; `err` must be
/// NULL or valid for one write.
pub(crate) unsafe fn text_out<T: Handle, S: Text>(
    ptr: *const T,
    name: &str,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
    f: impl FnOnce(&T) -> S,
) -> mpp_status {
    // SAFETY: per the contract.
    unsafe {
        run(err, || {
            let handle = arg_ref(ptr, name)?;
            out_param(out, "out")?.put(to_c_string_lossy(f(handle).text()?))
        })
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

    /// The view of `items[index]`, made by `make` the first time; `None` when `index` is out
    /// of range. `items` must be the same at every call.
    pub(crate) fn of<I>(
        &self,
        items: &[I],
        index: usize,
        make: impl FnOnce(&I) -> T,
    ) -> Option<&T> {
        self.get(items.len(), index, |i| make(&items[i]))
    }

    /// Whether any view was built (and so may have been lent to C).
    pub(crate) fn is_used(&self) -> bool {
        self.slots.get().is_some()
    }
}

impl<T> LazySlots<T> {
    /// The view of `items[index]` (a finding, a device), made from a copy of it the first time;
    /// `None` when `index` is out of range. `items` must be the same at every call.
    pub(crate) fn view<C: Clone>(&self, items: &[C], index: usize) -> Option<&T>
    where
        T: From<C>,
    {
        self.of(items, index, |c| T::from(c.clone()))
    }
}

/// The C strings of a view, each made from its text on first access and then kept for the life
/// of the view, so a caller pays only for the strings it reads. Each of the `N` slots belongs
/// to one accessor of the view: a single text ([`CStrings::one`], [`CStrings::opt`]) or a list of
/// texts ([`CStrings::at`]).
pub(crate) struct CStrings<const N: usize>([LazySlots<Option<CString>>; N]);

impl<const N: usize> Default for CStrings<N> {
    fn default() -> CStrings<N> {
        CStrings(std::array::from_fn(|_| LazySlots::default()))
    }
}

impl<const N: usize> CStrings<N> {
    /// The string of slot `slot`: `text`, made the first time.
    pub(crate) fn one<S: AsRef<str>>(
        &self,
        slot: usize,
        text: impl FnOnce() -> S,
    ) -> Option<&CString> {
        self.opt(slot, || Some(text()))
    }

    /// The string of slot `slot`: `text`, made the first time; `None` when there is none.
    pub(crate) fn opt<S: AsRef<str>>(
        &self,
        slot: usize,
        text: impl FnOnce() -> Option<S>,
    ) -> Option<&CString> {
        self.list(slot, 1, 0, |_| text())
    }

    /// The string of `items[index]` in slot `slot`, made by `text` the first time; `None`
    /// when `index` is out of range. `items` must be the same at every call.
    pub(crate) fn at<'a, I, S: AsRef<str>>(
        &self,
        slot: usize,
        items: &'a [I],
        index: usize,
        text: impl FnOnce(&'a I) -> S,
    ) -> Option<&CString> {
        self.list(slot, items.len(), index, |i| Some(text(&items[i])))
    }

    fn list<S: AsRef<str>>(
        &self,
        slot: usize,
        len: usize,
        index: usize,
        text: impl FnOnce(usize) -> Option<S>,
    ) -> Option<&CString> {
        let slots = self.0.get(slot)?;
        let made = slots.get(len, index, |i| text(i).map(|s| c_string_lossy(s.as_ref())));
        made?.as_ref()
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
