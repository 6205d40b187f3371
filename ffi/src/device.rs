//! An accepted device of an upload in C (DEV-6, DEV-7, CSV-1 to CSV-12): borrowed from the
//! `mpp_report` or `mpp_upload_row` that holds it.

use std::ffi::{CStr, CString, c_char};
use std::ptr;
use std::sync::{LazyLock, OnceLock};

use mpp::{Device, OwnerType};

use crate::boundary::guard;
use crate::model::{model_handle, mpp_model};
use crate::string::c_string_lossy;

/// A phone accepted by an upload, normalised. Borrowed from the report or row it comes from:
/// valid as long as that owner (see `mpp_report_device_at`, `mpp_upload_row_device`); never
/// freed by itself. Its strings are borrowed from it likewise.
#[allow(non_camel_case_types)]
pub struct mpp_device {
    device: Device,
    /// Built on the first string accessor: a streaming caller that reads only counts pays
    /// nothing for them.
    strings: OnceLock<DeviceStrings>,
}

struct DeviceStrings {
    mac: CString,
    device_name: CString,
    username: Option<CString>,
    phone_number: Option<CString>,
    extension: Option<CString>,
    location: Option<CString>,
}

impl mpp_device {
    pub(crate) fn new(device: Device) -> mpp_device {
        mpp_device {
            device,
            strings: OnceLock::new(),
        }
    }

    /// The device.
    pub(crate) fn get(&self) -> &Device {
        &self.device
    }

    fn strings(&self) -> &DeviceStrings {
        self.strings.get_or_init(|| {
            let a = self.device.assignment();
            DeviceStrings {
                mac: c_string_lossy(&self.device.mac().to_string()),
                device_name: c_string_lossy(&self.device.device_name()),
                username: a.map(|a| c_string_lossy(&a.username)),
                phone_number: a
                    .and_then(|a| a.phone_number)
                    .map(|n| c_string_lossy(&n.to_string())),
                extension: a.and_then(|a| a.extension.as_deref()).map(c_string_lossy),
                location: a.map(|a| c_string_lossy(&a.location)),
            }
        })
    }
}

/// Borrows a device for an accessor.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
unsafe fn device<'a>(d: *const mpp_device) -> Option<&'a mpp_device> {
    // SAFETY: per the contract.
    unsafe { d.as_ref() }
}

/// A borrowed string of the device, or NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
unsafe fn string(
    d: *const mpp_device,
    f: impl FnOnce(&DeviceStrings) -> Option<&CString>,
) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: per the contract.
        unsafe { device(d) }
            .and_then(|d| f(d.strings()))
            .map_or(ptr::null(), |s| s.as_ptr())
    })
}

/// The MAC address, 12 upper-case hexadecimal digits (DEV-6). Borrowed from the device's
/// owner. NULL when `d` is NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_mac(d: *const mpp_device) -> *const c_char {
    // SAFETY: per the contract.
    unsafe { string(d, |s| Some(&s.mac)) }
}

/// The Unified CM device name, `SEP` + MAC (DEV-7). Borrowed from the device's owner. NULL
/// when `d` is NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_device_name(d: *const mpp_device) -> *const c_char {
    // SAFETY: per the contract.
    unsafe { string(d, |s| Some(&s.device_name)) }
}

/// The model, a static catalogue entry (never freed). NULL when `d` is NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_model(d: *const mpp_device) -> *const mpp_model {
    guard(ptr::null(), || {
        // SAFETY: per the contract.
        unsafe { device(d) }.map_or(ptr::null(), |d| model_handle(d.device.model()))
    })
}

/// The hardware version (VID) number when known (3 for V03, EXT-1), else 0; 0 for NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_hardware_version(d: *const mpp_device) -> u8 {
    guard(0, || {
        // SAFETY: per the contract.
        unsafe { device(d) }
            .and_then(|d| d.device.hardware_version())
            .map_or(0, |v| v.number())
    })
}

/// Whether the device is assigned to a user or workspace: true for every device of a
/// *license and device* upload, false for *license only* (and for NULL).
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_has_assignment(d: *const mpp_device) -> bool {
    guard(false, || {
        // SAFETY: per the contract.
        unsafe { device(d) }.is_some_and(|d| d.device.assignment().is_some())
    })
}

/// USER or WORKSPACE (CSV-3). Meaningful only when `mpp_device_has_assignment` is true:
/// `MPP_OWNER_TYPE_USER` is returned for a device without assignment and for NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_owner_type(d: *const mpp_device) -> OwnerType {
    guard(OwnerType::User, || {
        // SAFETY: per the contract.
        unsafe { device(d) }
            .and_then(|d| d.device.assignment())
            .map_or(OwnerType::User, |a| a.owner_type)
    })
}

/// The user's email or the workspace's name (CSV-4), as the upload wrote it; NULL without
/// assignment. Borrowed from the device's owner.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_username(d: *const mpp_device) -> *const c_char {
    // SAFETY: per the contract.
    unsafe { string(d, |s| s.username.as_ref()) }
}

/// A workspace's phone number in E.164 (CSV-5); NULL for a user or without assignment.
/// Borrowed from the device's owner.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_phone_number(d: *const mpp_device) -> *const c_char {
    // SAFETY: per the contract.
    unsafe { string(d, |s| s.phone_number.as_ref()) }
}

/// A workspace's extension (CSV-6); NULL when none was given. Borrowed from the device's owner.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_extension(d: *const mpp_device) -> *const c_char {
    // SAFETY: per the contract.
    unsafe { string(d, |s| s.extension.as_ref()) }
}

/// The location's name as the organisation spells it (CSV-11); NULL without assignment.
/// Borrowed from the device's owner.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_location(d: *const mpp_device) -> *const c_char {
    // SAFETY: per the contract.
    unsafe { string(d, |s| s.location.as_ref()) }
}

/// Whether a new workspace gets an unlimited outgoing call plan (CSV-12); false without
/// assignment and for NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_call_plan(d: *const mpp_device) -> bool {
    guard(false, || {
        // SAFETY: per the contract.
        unsafe { device(d) }
            .and_then(|d| d.device.assignment())
            .is_some_and(|a| a.call_plan)
    })
}

/// The upload row the device came from, as a spreadsheet numbers it (header = 1); 0 when
/// unknown or for NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_row(d: *const mpp_device) -> u64 {
    guard(0, || {
        // SAFETY: per the contract.
        unsafe { device(d) }
            .and_then(|d| d.device.row())
            .unwrap_or(0)
    })
}

static OWNER_TYPE_NAMES: LazyLock<Vec<(u32, CString)>> = LazyLock::new(|| {
    [OwnerType::User, OwnerType::Workspace]
        .iter()
        .map(|&t| (t as u32, c_string_lossy(t.as_str())))
        .collect()
});

/// The name of an `mpp_owner_type` value as the CSV writes it: "USER" or "WORKSPACE"; NULL for
/// any other number. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_owner_type_name(owner_type: u32) -> *const c_char {
    guard(ptr::null(), || {
        OWNER_TYPE_NAMES
            .iter()
            .find(|(n, _)| *n == owner_type)
            .map_or(ptr::null(), |(_, s)| CStr::as_ptr(s))
    })
}
