//! An accepted device of an upload in C (DEV-6, DEV-7, CSV-1 to CSV-12): borrowed from the
//! `mpp_report` or `mpp_upload_row` that holds it.

use mpp_migration::{Assignment, Device, OwnerType};

use crate::prelude::*;

/// A phone. Either borrowed from the report, row or task it comes from (valid as long as that
/// owner, see `mpp_report_device_at`, `mpp_upload_row_device`; never freed by itself), or made
/// from a host's inventory by `mpp_device_new` (then freed with `mpp_device_free`). Its strings
/// are borrowed from it.
pub struct mpp_device {
    device: Device,
    /// MAC, device name, username, phone number, extension, location: a streaming caller
    /// that reads only counts pays nothing for them.
    texts: CStrings<6>,
}

handles!(Owned: mpp_device);

from_core!(mpp_device {
    device: Device,
    texts
});

impl mpp_device {
    /// The core's device behind the view, for Rust callers of this crate's rlib such as its
    /// tests.
    pub fn get(&self) -> &Device {
        &self.device
    }

    /// Slot `slot` of the texts: `text` of the device's assignment, when it has one.
    fn assigned<'a, S: AsRef<str>>(
        &'a self,
        slot: usize,
        text: impl FnOnce(&'a Assignment) -> Option<S>,
    ) -> Option<&'a CString> {
        self.texts
            .opt(slot, || self.device.assignment().and_then(text))
    }
}

/// The MAC address, 12 upper-case hexadecimal digits (DEV-6). Borrowed from the device's
/// owner. NULL when `d` is NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_mac(d: *const mpp_device) -> *const c_char {
    lend!(d, |d| d.texts.one(0, || d.device.mac().to_string()))
}

/// The Unified CM device name, `SEP` + MAC (DEV-7). Borrowed from the device's owner. NULL
/// when `d` is NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_device_name(d: *const mpp_device) -> *const c_char {
    lend!(d, |d| d.texts.one(1, || d.device.device_name()))
}

/// The model, a static catalogue entry (never freed). NULL when `d` is NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_model(d: *const mpp_device) -> *const mpp_model {
    read!(d, ptr::null(), |d| model_handle(d.device.model()))
}

/// The hardware version (VID) number when known (3 for V03, EXT-1), else 0; 0 for NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_hardware_version(d: *const mpp_device) -> u8 {
    read!(d, 0, |d| d
        .device
        .hardware_version()
        .map_or(0, |v| v.number()))
}

/// Whether the device is assigned to a user or workspace: true for every device of a
/// *license and device* upload, false for *license only* (and for NULL).
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_has_assignment(d: *const mpp_device) -> bool {
    read!(d, false, |d| d.device.assignment().is_some())
}

/// USER or WORKSPACE (CSV-3). Meaningful only when `mpp_device_has_assignment` is true:
/// `MPP_OWNER_TYPE_USER` is returned for a device without assignment and for NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_owner_type(d: *const mpp_device) -> OwnerType {
    read!(d, OwnerType::User, |d| d
        .device
        .assignment()
        .map_or(OwnerType::User, |a| a.owner_type))
}

/// The user's email or the workspace's name (CSV-4), as the upload wrote it; NULL without
/// assignment. Borrowed from the device's owner.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_username(d: *const mpp_device) -> *const c_char {
    lend!(d, |d| d.assigned(2, |a| Some(&a.username)))
}

/// A workspace's phone number in E.164 (CSV-5); NULL for a user or without assignment.
/// Borrowed from the device's owner.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_phone_number(d: *const mpp_device) -> *const c_char {
    lend!(d, |d| d
        .assigned(3, |a| a.phone_number.map(|n| n.to_string())))
}

/// A workspace's extension (CSV-6); NULL when none was given. Borrowed from the device's owner.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_extension(d: *const mpp_device) -> *const c_char {
    lend!(d, |d| d.assigned(4, |a| a.extension.as_deref()))
}

/// The location's name as the organisation spells it (CSV-11); NULL without assignment.
/// Borrowed from the device's owner.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_location(d: *const mpp_device) -> *const c_char {
    lend!(d, |d| d.assigned(5, |a| Some(&a.location)))
}

/// Whether a new workspace gets an unlimited outgoing call plan (CSV-12); false without
/// assignment and for NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_call_plan(d: *const mpp_device) -> bool {
    read!(d, false, |d| d
        .device
        .assignment()
        .is_some_and(|a| a.call_plan))
}

/// The upload row the device came from, as a spreadsheet numbers it (header = 1); 0 when
/// unknown or for NULL.
///
/// # Safety
/// `d` must be NULL or a device borrowed from a live owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_row(d: *const mpp_device) -> u64 {
    read!(d, 0, |d| d.device.row().unwrap_or(0))
}

/// The name of an `mpp_owner_type` value as the CSV writes it: "USER" or "WORKSPACE"; NULL for
/// any other number. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_owner_type_name(owner_type: u32) -> *const c_char {
    name_of!(owner_type, OwnerType::as_str)
}

/// Makes a device from a host's inventory (TASK-8's default task, eligibility, plans): a MAC in
/// a spelling DEV-6 accepts, a model in any spelling EXT-9 lists (a label such as
/// `CP-7821-K9=V03` carries the VID), and, where known (else NULL), the hardware version
/// (EXT-1) and current firmware (EXT-6). It has no user or workspace, so it fits license-only
/// tasks.
///
/// On success returns `MPP_OK` and stores in `*out` a device to free with `mpp_device_free`.
/// On failure writes nothing and returns the identifier's code (`MPP_ERROR_CODE_MAC_*`,
/// `MPP_ERROR_CODE_MODEL_UNKNOWN`, `MPP_ERROR_CODE_HARDWARE_VERSION_INVALID`,
/// `MPP_ERROR_CODE_FIRMWARE_VERSION_INVALID`), `MPP_ERROR_CODE_INVALID_ARGUMENT` when the
/// label's VID and `hardware_version` disagree, or `MPP_ERROR_CODE_NULL_POINTER`,
/// `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// `mac` and `model` must be NULL or NUL-terminated strings; `hardware_version` and `firmware`
/// must each be NULL or a NUL-terminated string; `out` must be valid for one write; `err` must
/// be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_new(
    mac: *const c_char,
    model: *const c_char,
    hardware_version: *const c_char,
    firmware: *const c_char,
    out: *mut *mut mpp_device,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let mac = arg_str(mac, "mac")?;
        let model = arg_str(model, "model")?;
        let hardware_version = arg_opt_str(hardware_version, "hardware_version")?;
        let firmware = arg_opt_str(firmware, "firmware")?;
        let out = out_param(out, "out")?;
        let device = Device::from_text(mac, model, hardware_version, firmware)?;
        out.put(into_raw(mpp_device::from(device)))
    })
}

/// Frees a device made by `mpp_device_new`. NULL is a no-op. Never pass a device borrowed from
/// a report, row or task.
///
/// # Safety
/// `d` must be NULL or a device from `mpp_device_new`, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_device_free(d: *mut mpp_device) {
    free_box!(d)
}
