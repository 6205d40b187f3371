//! Arguments of the task and plan exports beyond those of boundary.rs: arrays of strings, MACs
//! and devices, and the numbers of the core's enums (checked against every value the core
//! defines, never transmuted).

use std::ffi::{CStr, CString, c_char};
use std::ptr;

use mpp_migration::{
    BatGroup, CompletionMode, Device, DeviceTab, EligibilityStatus, EntryStatus, Error, EventKind,
    FleetGrouping, Mac, ModelClass, OwnerType, Series, TaskStatus, UploadOption,
};

use crate::boundary::{arg_str, null_error};
use crate::device::mpp_device;
use crate::string::c_string_lossy;

/// Borrows `count` pointers at `ptr`: an empty slice when `count` is 0 (then `ptr` may be
/// NULL), a NULL refusal by `name` otherwise.
///
/// # Safety
/// `ptr` must be NULL or point to `count` readable pointers valid for `'a`.
unsafe fn arg_array<'a, T>(
    ptr: *const *const T,
    count: usize,
    name: &str,
) -> Result<&'a [*const T], Error> {
    if count == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(null_error(name));
    }
    if isize::try_from(count.saturating_mul(size_of::<*const T>())).is_err() {
        return Err(Error::invalid_argument(format!(
            "argument `{name}`: {count} elements is more than any array can hold"
        )));
    }
    // SAFETY: non-NULL, the size fits an isize, and `count` pointers are readable per the
    // caller's contract.
    Ok(unsafe { std::slice::from_raw_parts(ptr, count) })
}

/// Borrows `count` UTF-8 strings; a NULL or non-UTF-8 entry is refused by its index
/// (`name[2]`).
///
/// # Safety
/// `ptr` must be NULL or point to `count` pointers, each NULL or a NUL-terminated string valid
/// for `'a`.
pub(crate) unsafe fn arg_strs<'a>(
    ptr: *const *const c_char,
    count: usize,
    name: &str,
) -> Result<Vec<&'a str>, Error> {
    // SAFETY: per the caller's contract.
    let pointers = unsafe { arg_array(ptr, count, name) }?;
    pointers
        .iter()
        .enumerate()
        // SAFETY: each pointer is NULL or a NUL-terminated string per the contract.
        .map(|(i, &p)| unsafe { arg_str(p, &format!("{name}[{i}]")) })
        .collect()
}

/// Reads `count` MAC addresses (any spelling DEV-6 accepts). A NULL or non-UTF-8 entry is
/// refused by its index (`macs[2]`), and so is a MAC the core refuses, with the core's code.
///
/// # Safety
/// `macs` must be NULL or point to `count` pointers, each NULL or a NUL-terminated string.
pub(crate) unsafe fn arg_macs(
    macs: *const *const c_char,
    count: usize,
    name: &str,
) -> Result<Vec<Mac>, Error> {
    // SAFETY: per the caller's contract.
    let pointers = unsafe { arg_array(macs, count, name) }?;
    pointers
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let place = format!("{name}[{i}]");
            // SAFETY: each pointer is NULL or a NUL-terminated string per the contract.
            let text = unsafe { arg_str(p, &place) }?;
            Mac::parse(text).map_err(|e| e.in_file(place))
        })
        .collect()
}

/// Reads one MAC address argument; the core's error when it cannot be read.
///
/// # Safety
/// `mac` must be NULL or a NUL-terminated string.
pub(crate) unsafe fn arg_mac(mac: *const c_char, name: &str) -> Result<Mac, Error> {
    // SAFETY: per the caller's contract.
    Mac::parse(unsafe { arg_str(mac, name) }?)
}

/// Copies `count` devices borrowed from reports or rows; a NULL entry is refused by its
/// index (`devices[1]`).
///
/// # Safety
/// `devices` must be NULL or point to `count` pointers, each NULL or a live `mpp_device`.
pub(crate) unsafe fn arg_devices(
    devices: *const *const mpp_device,
    count: usize,
    name: &str,
) -> Result<Vec<Device>, Error> {
    // SAFETY: per the caller's contract.
    let pointers = unsafe { arg_array(devices, count, name) }?;
    pointers
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            // SAFETY: each pointer is NULL or a live device per the contract.
            unsafe { p.as_ref() }
                .map(|d| d.get().clone())
                .ok_or_else(|| null_error(&format!("{name}[{i}]")))
        })
        .collect()
}

/// A core enum as C sees it: its values in number order, each with its stable name.
pub(crate) trait CEnum: Copy + 'static {
    /// The C type's name, for messages: `mpp_task_status`.
    const C_NAME: &'static str;
    /// Every value.
    fn all() -> &'static [Self];
    /// The number C uses.
    fn number(self) -> u32;
    /// The stable snake_case name.
    fn name(self) -> &'static str;
}

macro_rules! c_enum {
    ($t:ty, $c:literal) => {
        impl CEnum for $t {
            const C_NAME: &'static str = $c;
            fn all() -> &'static [Self] {
                &<$t>::ALL
            }
            fn number(self) -> u32 {
                self as u32
            }
            fn name(self) -> &'static str {
                self.as_str()
            }
        }
    };
}

c_enum!(TaskStatus, "mpp_task_status");
c_enum!(DeviceTab, "mpp_device_tab");
c_enum!(EventKind, "mpp_event_kind");
c_enum!(CompletionMode, "mpp_completion_mode");
c_enum!(BatGroup, "mpp_bat_group");
c_enum!(FleetGrouping, "mpp_fleet_grouping");
c_enum!(UploadOption, "mpp_upload_option");
c_enum!(EligibilityStatus, "mpp_eligibility_status");
c_enum!(OwnerType, "mpp_owner_type");
c_enum!(Series, "mpp_series");
c_enum!(ModelClass, "mpp_model_class");
c_enum!(EntryStatus, "mpp_entry_status");

/// The value of a core enum with this number, if one has it.
pub(crate) fn enum_value<T: CEnum>(number: u32) -> Option<T> {
    T::all().iter().copied().find(|v| v.number() == number)
}

/// The value of a core enum with this number; any other number is refused, naming the values.
pub(crate) fn enum_arg<T: CEnum>(number: u32, name: &str) -> Result<T, Error> {
    enum_value(number).ok_or_else(|| {
        let values: Vec<String> = T::all()
            .iter()
            .map(|v| format!("{} {}", v.number(), v.name()))
            .collect();
        Error::invalid_argument(format!(
            "argument `{name}`: {number} is not an {} ({})",
            T::C_NAME,
            values.join(", ")
        ))
    })
}

/// Static C strings of an enum's values (names, labels, reasons), looked up by number.
pub(crate) struct NameTable(Vec<(u32, Option<CString>)>);

impl NameTable {
    /// The strings `text` gives each value of `T`.
    pub(crate) fn new<T: CEnum>(text: impl Fn(T) -> &'static str) -> NameTable {
        NameTable::optional(|v| Some(text(v)))
    }

    /// The strings `text` gives the values of `T` that have one.
    pub(crate) fn optional<T: CEnum>(text: impl Fn(T) -> Option<&'static str>) -> NameTable {
        NameTable(
            T::all()
                .iter()
                .map(|&v| (v.number(), text(v).map(c_string_lossy)))
                .collect(),
        )
    }

    /// The string of the value with this number; NULL for any other number or a value
    /// without one.
    pub(crate) fn get(&self, number: u32) -> *const c_char {
        self.0
            .iter()
            .find(|(n, _)| *n == number)
            .and_then(|(_, s)| s.as_deref())
            .map_or(ptr::null(), CStr::as_ptr)
    }
}
