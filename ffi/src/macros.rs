//! The bodies of exports, written once: each export stays a real `#[unsafe(no_mangle)] pub
//! unsafe extern "C" fn` with its doc comment (cbindgen reads those), and its body is one of
//! these macros over the generic helpers of handle.rs and boundary.rs.
//!
//! Each macro opens the one `unsafe` block of the export it is the body of: use them only in an
//! `unsafe extern "C"` export whose `# Safety` section covers every pointer they read, as
//! rustls-ffi's `try_ref_from_ptr!` family does.

/// Declares the ownership of handle types: `handles!(Owned: mpp_a, mpp_b; Lent: mpp_c)`.
macro_rules! handles {
    ($($ownership:ident: $($t:ty),+);+ $(;)?) => {
        $($(impl $crate::handle::Handle for $t {
            type Ownership = $crate::handle::$ownership;
        })+)+
    };
}

/// The body of a fallible export: `run!(err, || { ... })` is `boundary::run` (NULL and panic
/// boundary, status, `mpp_error`) of the closure.
macro_rules! run {
    ($err:expr, $body:expr) => {
        // SAFETY: the export's contract covers `err` and every pointer the body reads.
        unsafe { $crate::boundary::run($err, $body) }
    };
}

/// The body of an accessor export: `handle::read` of its handle argument. Only for an `unsafe
/// extern "C"` export whose `# Safety` section requires the pointer be NULL or a live handle.
macro_rules! read {
    ($ptr:expr, $fallback:expr, $f:expr) => {
        // SAFETY: the export's contract makes the pointer NULL or a live handle.
        unsafe { $crate::handle::read($ptr, $fallback, $f) }
    };
}

/// The body of an accessor export that lends a string or a view: `handle::lend` of its handle
/// argument. Only for an `unsafe extern "C"` export whose `# Safety` section requires the
/// pointer be NULL or a live handle.
macro_rules! lend {
    ($ptr:expr, $f:expr) => {
        // SAFETY: the export's contract makes the pointer NULL or a live handle.
        unsafe { $crate::handle::lend($ptr, $f) }
    };
}

/// The body of an `mpp_x_free` export: `handle::free`. Only for an `unsafe extern "C"` export whose
/// `# Safety` section requires the pointer be NULL or a handle of this library, not yet freed.
macro_rules! free_box {
    ($ptr:expr) => {
        // SAFETY: the export's contract makes the pointer NULL or a handle not yet freed.
        unsafe { $crate::handle::free($ptr) }
    };
}

/// The body of an export that gives C a generated text of a handle: `text_out!(ptr, "name",
/// out, err, |handle| text)` refuses a NULL handle (by `name`) or `out`, then stores in `*out`
/// the text as a string to free with `mpp_string_free`. Only for an `unsafe extern "C"`
/// export whose `# Safety` section covers the three pointers.
macro_rules! text_out {
    ($ptr:expr, $name:expr, $out:expr, $err:expr, $f:expr) => {
        // SAFETY: the export's contract covers the handle, `out` and `err`.
        unsafe { $crate::handle::text_out($ptr, $name, $out, $err, $f) }
    };
}

/// The body of an `mpp_x_name` export: `name_of!(number, T::as_str)` is the static C string
/// the function gives the core enum value with this number (`name_of!(number, optional
/// T::reason)` when some values have none), NULL for any other number; the strings of each
/// export are made once, on its first call.
macro_rules! name_of {
    ($number:expr, optional $text:expr) => {
        name_of!(@in $number, $crate::args::NameTable::optional($text))
    };
    ($number:expr, $text:expr) => {
        name_of!(@in $number, $crate::args::NameTable::new($text))
    };
    (@in $number:expr, $table:expr) => {{
        static NAMES: std::sync::LazyLock<$crate::args::NameTable> =
            std::sync::LazyLock::new(|| $table);
        $crate::boundary::guard(std::ptr::null(), || NAMES.get($number))
    }};
}

/// A handle made from the core value it wraps, its other fields (the views it builds on first
/// read) empty: `from_core!(mpp_x { value: Value, views })` is `impl From<Value> for mpp_x`,
/// with `views` `Default::default()`.
macro_rules! from_core {
    ($handle:ident { $field:ident: $t:ty $(, $empty:ident)* $(,)? }) => {
        impl From<$t> for $handle {
            fn from($field: $t) -> $handle {
                $handle {
                    $field,
                    $($empty: Default::default()),*
                }
            }
        }
    };
}
