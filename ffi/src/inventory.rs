//! Unified CM inventory import and upload generation in C (issue 11): device name → MAC
//! (DEV-7 reversed), `mpp_inventory` (a BAT phone export merged with VID and RIS load lists,
//! EXT-14 to EXT-17), `mpp_mapping` and `mpp_prepared` (the Control Hub upload CSVs of CSV-1 /
//! CSV-2, each validated, ELIG-3). Views of entries, findings, devices and reports are built on
//! first access and live as long as the handle they come from.

use std::ffi::{CString, c_char};
use std::ptr;
use std::sync::LazyLock;

use mpp::{
    EntryStatus, FleetGrouping, HardwareList, Inventory, InventoryEntry, InventoryOptions,
    LoadList, Mapping, OutputFile, PrepareOptions, PreparedUploads,
};

use crate::args::{CEnum, NameTable, enum_arg};
use crate::boundary::{arg_bytes, arg_path, arg_ref, arg_str, guard, mpp_status, out_param};
use crate::device::mpp_device;
use crate::directory::mpp_directory;
use crate::error::{mpp_error, mpp_finding};
use crate::handle::{LazySlots, into_raw};
use crate::model::{model_handle, mpp_model};
use crate::output::{Files, add_files, mpp_output_files};
use crate::report::mpp_report;
use crate::string::{c_string_lossy, to_c_string};
use crate::upload::upload_option;

impl CEnum for EntryStatus {
    const C_NAME: &'static str = "mpp_entry_status";
    fn all() -> &'static [Self] {
        &EntryStatus::ALL
    }
    fn number(self) -> u32 {
        self as u32
    }
    fn name(self) -> &'static str {
        self.as_str()
    }
}

static STATUS_NAMES: LazyLock<NameTable> = LazyLock::new(|| NameTable::new(EntryStatus::as_str));

/// The name of an `mpp_entry_status` value: "eligible", "not_eligible", "unknown",
/// "not_migratable" or "refused"; NULL for any other number. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_entry_status_name(status: u32) -> *const c_char {
    guard(ptr::null(), || STATUS_NAMES.get(status))
}

/// The MAC of the phone with this Unified CM device name, as 12 upper-case hexadecimal digits:
/// `SEP001A2B3C4D5E` gives `001A2B3C4D5E` (DEV-7 in reverse).
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// On failure writes nothing and returns `MPP_ERROR_CODE_DEVICE_NAME_INVALID` (its message says
/// what the name is when its prefix tells, such as a Jabber client; its suggestion is the
/// corrected name for a near miss), or `MPP_ERROR_CODE_NULL_POINTER` /
/// `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// `name` must be NULL or a NUL-terminated string; `out` must be valid for one write; `err`
/// must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_mac_from_device_name(
    name: *const c_char,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let name = arg_str(name, "name")?;
        let out = out_param(out, "out")?;
        out.write(to_c_string(mpp::mac_from_device_name(name)?)?);
        Ok(())
    })
}

/// Reads a UDI string, `PID: CP-8845-K9= , VID: V02, SN: FCH2117ABCD` (EXT-16): the model its
/// PID names, its hardware version and, where it gives one, its serial number.
///
/// On success returns `MPP_OK` and stores the static model in `*model` (never freed), the VID's
/// number in `*hardware_version` (2 for V02) and, when `serial` is not NULL, the serial number
/// in `*serial` as a string to free with `mpp_string_free` (NULL when the UDI has none). On
/// failure writes nothing and returns `MPP_ERROR_CODE_UDI_INVALID`,
/// `MPP_ERROR_CODE_MODEL_UNKNOWN` (a PID that names no known model), or
/// `MPP_ERROR_CODE_NULL_POINTER` / `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// `text` must be NULL or a NUL-terminated string; `model` and `hardware_version` must be valid
/// for one write; `serial` and `err` must each be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_parse_udi(
    text: *const c_char,
    model: *mut *const mpp_model,
    hardware_version: *mut u8,
    serial: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let text = arg_str(text, "text")?;
        let model = out_param(model, "model")?;
        let hardware_version = out_param(hardware_version, "hardware_version")?;
        let udi = mpp::parse_udi(text)?;
        let serial_text = udi.serial_number().map(to_c_string).transpose()?;
        model.write(model_handle(udi.model()));
        hardware_version.write(udi.hardware_version().number());
        match serial.as_mut() {
            Some(slot) => *slot = serial_text.unwrap_or(ptr::null_mut()),
            None => {
                if let Some(s) = serial_text {
                    crate::string::mpp_string_free(s);
                }
            }
        }
        Ok(())
    })
}

/// The C view of one entry: its strings, its device and its findings.
struct EntryView {
    device_name: CString,
    device_type: CString,
    device_pool: CString,
    owner_user_id: CString,
    device: Option<mpp_device>,
    findings: LazySlots<mpp_finding>,
}

impl EntryView {
    fn new(e: &InventoryEntry) -> EntryView {
        EntryView {
            device_name: c_string_lossy(e.device_name()),
            device_type: c_string_lossy(e.device_type()),
            device_pool: c_string_lossy(e.device_pool()),
            owner_user_id: c_string_lossy(e.owner_user_id()),
            device: e.device().cloned().map(mpp_device::new),
            findings: LazySlots::default(),
        }
    }
}

/// A Unified CM export read whole: one entry per data row (a phone with its eligibility, or
/// the findings that say why not), and the findings of the file. Made by `mpp_inventory_read`
/// or `mpp_inventory_read_path`; free it with `mpp_inventory_free`, which ends the life of
/// everything borrowed from it.
#[allow(non_camel_case_types)]
pub struct mpp_inventory {
    inventory: Inventory,
    entries: LazySlots<EntryView>,
    findings: LazySlots<mpp_finding>,
    devices: LazySlots<mpp_device>,
    device_list: Vec<mpp::Device>,
}

handles!(Owned: mpp_inventory);

impl mpp_inventory {
    fn new(inventory: Inventory) -> mpp_inventory {
        mpp_inventory {
            device_list: inventory.devices(),
            inventory,
            entries: LazySlots::default(),
            findings: LazySlots::default(),
            devices: LazySlots::default(),
        }
    }

    fn entry(&self, index: usize) -> Option<&EntryView> {
        let entries = self.inventory.entries();
        self.entries
            .get(entries.len(), index, |i| EntryView::new(&entries[i]))
    }
}

fn options(hardware: Option<HardwareList>, loads: Option<LoadList>) -> InventoryOptions {
    let mut options = InventoryOptions::new();
    if let Some(h) = hardware {
        options = options.with_hardware(h);
    }
    if let Some(l) = loads {
        options = options.with_loads(l);
    }
    options
}

/// Reads a Unified CM BAT phone export (*Export Phones – All Details* or *Specific Details*,
/// EXT-14) from `len` bytes at `csv`: columns by header name, in any order and case. `vids`
/// (`vids_len` bytes) is a `MAC,VID` or UDI list (EXT-1, EXT-16) and `loads` (`loads_len`
/// bytes) a RIS `Name,…,ActiveLoadID` dump (EXT-6, EXT-15), each NULL when the host has none;
/// both are merged by MAC.
///
/// On success returns `MPP_OK` and stores in `*out` an inventory to free with
/// `mpp_inventory_free`. Everything about the export's content is an entry's or the file's
/// finding; the call fails only for a list without its columns
/// (`MPP_ERROR_CODE_SUPPLEMENT_COLUMN_MISSING`) or `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `csv` must be NULL (with `len` 0) or point to `len` readable bytes; `vids` and `loads` must
/// each be NULL or point to as many readable bytes as their length says; `out` must be valid
/// for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn mpp_inventory_read(
    csv: *const u8,
    len: usize,
    vids: *const u8,
    vids_len: usize,
    loads: *const u8,
    loads_len: usize,
    out: *mut *mut mpp_inventory,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let csv = arg_bytes(csv, len, "csv")?;
        let hardware = if vids.is_null() {
            None
        } else {
            Some(HardwareList::from_csv(arg_bytes(vids, vids_len, "vids")?)?)
        };
        let loads = if loads.is_null() {
            None
        } else {
            Some(LoadList::from_csv(arg_bytes(loads, loads_len, "loads")?)?)
        };
        let out = out_param(out, "out")?;
        let inventory = Inventory::read(csv, options(hardware, loads))?;
        out.write(into_raw(mpp_inventory::new(inventory)));
        Ok(())
    })
}

/// Reads the export at `path`, with the lists at `vids_path` and `loads_path` (each NULL when
/// the host has none); see `mpp_inventory_read`. Fails also with `MPP_ERROR_CODE_IO_ERROR`
/// naming the file that cannot be read.
///
/// # Safety
/// `path` must be NULL or a NUL-terminated string; `vids_path` and `loads_path` must each be
/// NULL or a NUL-terminated string; `out` must be valid for one write; `err` must be NULL or
/// valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_read_path(
    path: *const c_char,
    vids_path: *const c_char,
    loads_path: *const c_char,
    out: *mut *mut mpp_inventory,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let path = arg_path(path, "path")?;
        let open = |p: &std::path::Path| {
            std::fs::File::open(p)
                .map(std::io::BufReader::new)
                .map_err(|e| mpp::Error::opening(p, e))
        };
        let hardware = if vids_path.is_null() {
            None
        } else {
            Some(HardwareList::from_csv(open(&arg_path(
                vids_path,
                "vids_path",
            )?)?)?)
        };
        let loads = if loads_path.is_null() {
            None
        } else {
            Some(LoadList::from_csv(open(&arg_path(
                loads_path,
                "loads_path",
            )?)?)?)
        };
        let out = out_param(out, "out")?;
        let inventory = Inventory::read_path(&path, options(hardware, loads))?;
        out.write(into_raw(mpp_inventory::new(inventory)));
        Ok(())
    })
}

/// How many data rows (entries) the export has; 0 for NULL.
///
/// # Safety
/// `inv` must be NULL or a live inventory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_entry_count(inv: *const mpp_inventory) -> usize {
    read!(inv, 0, |i| i.inventory.entries().len())
}

/// How many rows ended in `status` (an `mpp_entry_status`); 0 for NULL or a number that is no
/// status.
///
/// # Safety
/// `inv` must be NULL or a live inventory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_status_count(inv: *const mpp_inventory, status: u32) -> u64 {
    read!(inv, 0, |i| {
        enum_arg::<EntryStatus>(status, "status").map_or(0, |s| i.inventory.counts().of(s))
    })
}

/// The status of the `index`-th entry (an `mpp_entry_status` number); `UINT32_MAX` when `inv`
/// is NULL or `index` is out of range.
///
/// # Safety
/// `inv` must be NULL or a live inventory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_entry_status(
    inv: *const mpp_inventory,
    index: usize,
) -> u32 {
    let none = u32::MAX;
    read!(inv, none, |i| i
        .inventory
        .entries()
        .get(index)
        .map_or(none, |e| e.status() as u32))
}

/// The export row of the `index`-th entry (header = 1); 0 when `inv` is NULL or `index` is out
/// of range.
///
/// # Safety
/// `inv` must be NULL or a live inventory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_entry_row(inv: *const mpp_inventory, index: usize) -> u64 {
    read!(inv, 0, |i| i
        .inventory
        .entries()
        .get(index)
        .map_or(0, InventoryEntry::row))
}

/// `Device Name` of the `index`-th entry, as the export gives it. Borrowed from `inv`; NULL
/// when `inv` is NULL or `index` is out of range.
///
/// # Safety
/// `inv` must be NULL or a live inventory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_entry_device_name(
    inv: *const mpp_inventory,
    index: usize,
) -> *const c_char {
    lend!(inv, |i| i.entry(index).map(|e| &e.device_name))
}

/// `Device Type` of the `index`-th entry (`Cisco 8845`). Borrowed as
/// `mpp_inventory_entry_device_name`.
///
/// # Safety
/// `inv` must be NULL or a live inventory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_entry_device_type(
    inv: *const mpp_inventory,
    index: usize,
) -> *const c_char {
    lend!(inv, |i| i.entry(index).map(|e| &e.device_type))
}

/// `Device Pool` of the `index`-th entry. Borrowed as `mpp_inventory_entry_device_name`.
///
/// # Safety
/// `inv` must be NULL or a live inventory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_entry_device_pool(
    inv: *const mpp_inventory,
    index: usize,
) -> *const c_char {
    lend!(inv, |i| i.entry(index).map(|e| &e.device_pool))
}

/// `Owner User ID` of the `index`-th entry. Borrowed as `mpp_inventory_entry_device_name`.
///
/// # Safety
/// `inv` must be NULL or a live inventory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_entry_owner_user_id(
    inv: *const mpp_inventory,
    index: usize,
) -> *const c_char {
    lend!(inv, |i| i.entry(index).map(|e| &e.owner_user_id))
}

/// The phone of the `index`-th entry, or NULL when the row is not one (or `inv` is NULL or
/// `index` out of range). Borrowed from `inv`.
///
/// # Safety
/// `inv` must be NULL or a live inventory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_entry_device(
    inv: *const mpp_inventory,
    index: usize,
) -> *const mpp_device {
    lend!(inv, |i| i.entry(index).and_then(|e| e.device.as_ref()))
}

/// How many findings the `index`-th entry has; 0 for NULL or out of range.
///
/// # Safety
/// `inv` must be NULL or a live inventory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_entry_finding_count(
    inv: *const mpp_inventory,
    index: usize,
) -> usize {
    read!(inv, 0, |i| i
        .inventory
        .entries()
        .get(index)
        .map_or(0, |e| e.findings().len()))
}

/// The `finding`-th finding of the `index`-th entry (why it is not a device, its eligibility
/// reasons and cautions), with its row and column. Borrowed from `inv`; NULL out of range.
///
/// # Safety
/// `inv` must be NULL or a live inventory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_entry_finding_at(
    inv: *const mpp_inventory,
    index: usize,
    finding: usize,
) -> *const mpp_finding {
    lend!(inv, |i| {
        let findings = i.inventory.entries().get(index)?.findings();
        i.entry(index)?.findings.finding(findings, finding)
    })
}

/// How many findings the file has (its header, the merged lists); 0 for NULL.
///
/// # Safety
/// `inv` must be NULL or a live inventory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_finding_count(inv: *const mpp_inventory) -> usize {
    read!(inv, 0, |i| i.inventory.findings().len())
}

/// The `index`-th finding of the file. Borrowed from `inv`; NULL out of range.
///
/// # Safety
/// `inv` must be NULL or a live inventory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_finding_at(
    inv: *const mpp_inventory,
    index: usize,
) -> *const mpp_finding {
    lend!(inv, |i| i.findings.finding(i.inventory.findings(), index))
}

/// How many phones the inventory holds (entries with a device, of any eligibility); 0 for NULL.
///
/// # Safety
/// `inv` must be NULL or a live inventory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_device_count(inv: *const mpp_inventory) -> usize {
    read!(inv, 0, |i| i.device_list.len())
}

/// The `index`-th phone, in file order: pass them to
/// `mpp_board_create_default_task_from_devices` (TASK-8). Borrowed from `inv`; NULL out of
/// range.
///
/// # Safety
/// `inv` must be NULL or a live inventory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_device_at(
    inv: *const mpp_inventory,
    index: usize,
) -> *const mpp_device {
    lend!(inv, |i| {
        let list = &i.device_list;
        i.devices
            .get(list.len(), index, |k| mpp_device::new(list[k].clone()))
    })
}

/// The inventory as CSV, one line per row of the export (ELIG-5).
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// Returns `MPP_ERROR_CODE_NULL_POINTER` when `inv` or `out` is NULL.
///
/// # Safety
/// `inv` must be NULL or a live inventory; `out` must be valid for one write; `err` must be
/// NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_csv(
    inv: *const mpp_inventory,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let inv = arg_ref(inv, "inventory")?;
        let out = out_param(out, "out")?;
        out.write(crate::string::to_c_string_lossy(inv.inventory.to_csv()));
        Ok(())
    })
}

/// Frees an inventory and everything borrowed from it. NULL is a no-op.
///
/// # Safety
/// `inv` must be NULL or an inventory from `mpp_inventory_read*`, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_free(inv: *mut mpp_inventory) {
    free_box!(inv)
}

/// How the host maps Unified CM data to Webex (format `mpp-migration-mapping/1`). Made by
/// `mpp_mapping_from_json`; free it with `mpp_mapping_free`.
#[allow(non_camel_case_types)]
pub struct mpp_mapping {
    mapping: Mapping,
}

handles!(Owned: mpp_mapping);

/// Reads a mapping from its JSON document (`len` bytes at `json`): `users` (owner user id to
/// email), `device_pools` and `locations` (to Webex locations; the device pool wins),
/// `workspaces` (device name or MAC to `name`, `phone_number`, `extension`, `location`,
/// `call_plan`).
///
/// On success returns `MPP_OK` and stores in `*out` a mapping to free with `mpp_mapping_free`.
/// On failure writes nothing and returns `MPP_ERROR_CODE_MAPPING_INVALID` (malformed JSON, an
/// unknown member, another format, a workspace key that is no MAC) or
/// `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `json` must be NULL (with `len` 0) or point to `len` readable bytes; `out` must be valid for
/// one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_mapping_from_json(
    json: *const u8,
    len: usize,
    out: *mut *mut mpp_mapping,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let json = arg_bytes(json, len, "json")?;
        let text = std::str::from_utf8(json).map_err(|_| {
            mpp::Error::new(
                mpp::ErrorCode::MappingInvalid,
                "mapping: the JSON document is not UTF-8",
            )
        })?;
        let out = out_param(out, "out")?;
        out.write(into_raw(mpp_mapping {
            mapping: Mapping::from_json(text)?,
        }));
        Ok(())
    })
}

/// Frees a mapping. NULL is a no-op.
///
/// # Safety
/// `mapping` must be NULL or a mapping from `mpp_mapping_from_json`, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_mapping_free(mapping: *mut mpp_mapping) {
    free_box!(mapping)
}

/// The uploads generated from an inventory: per upload its task name and validation report,
/// and the findings of what kept phones out. Made by `mpp_prepare_uploads`; free it with
/// `mpp_prepared_free`.
#[allow(non_camel_case_types)]
pub struct mpp_prepared {
    prepared: PreparedUploads,
    names: Vec<CString>,
    reports: Vec<mpp_report>,
    findings: LazySlots<mpp_finding>,
}

handles!(Owned: mpp_prepared);

impl Files for mpp_prepared {
    fn files(&self) -> Vec<OutputFile> {
        self.prepared.files()
    }
}

/// Generates Control Hub upload CSVs of `option` (an `mpp_upload_option`, CSV-1 / CSV-2) from
/// `inv` and `mapping` (NULL: an empty mapping, enough for *license only*), split into tasks of
/// at most `max_devices` (1 to 1000, ELIG-3) named `{prefix}-001`… (TASK-1), grouped by
/// `grouping` (an `mpp_fleet_grouping`), each validated against `directory` (NULL: without
/// one) before it is given out: rows the validation refuses are left out and reported on the
/// export's rows, as are not eligible phones (ELIG-2) and rows the mapping cannot fill (CSV-4,
/// CSV-5, CSV-11).
///
/// On success returns `MPP_OK` and stores in `*out` the uploads to free with
/// `mpp_prepared_free`. On failure writes nothing and returns `MPP_ERROR_CODE_INVALID_ARGUMENT`
/// (an option, grouping or `max_devices` out of range) or `MPP_ERROR_CODE_NULL_POINTER` /
/// `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// `inv` must be NULL or a live inventory; `mapping` and `directory` must each be NULL or live;
/// `prefix` must be NULL or a NUL-terminated string; `out` must be valid for one write; `err`
/// must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn mpp_prepare_uploads(
    inv: *const mpp_inventory,
    mapping: *const mpp_mapping,
    option: u32,
    prefix: *const c_char,
    max_devices: usize,
    grouping: u32,
    directory: *const mpp_directory,
    out: *mut *mut mpp_prepared,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let inv = arg_ref(inv, "inventory")?;
        let prefix = arg_str(prefix, "prefix")?;
        let mut options = PrepareOptions::new(prefix, upload_option(option)?);
        options.max_devices = max_devices;
        options.group_by = enum_arg::<FleetGrouping>(grouping, "grouping")?;
        if let Some(d) = directory.as_ref() {
            options.directory = Some(d.shared());
        }
        let empty = Mapping::new();
        let mapping = mapping.as_ref().map_or(&empty, |m| &m.mapping);
        let out = out_param(out, "out")?;
        let prepared = mpp::prepare_uploads(&inv.inventory, mapping, &options)?;
        let names = prepared
            .uploads
            .iter()
            .map(|u| c_string_lossy(u.task_name.as_str()))
            .collect();
        let reports = prepared
            .uploads
            .iter()
            .map(|u| mpp_report::new(u.report.clone()))
            .collect();
        out.write(into_raw(mpp_prepared {
            prepared,
            names,
            reports,
            findings: LazySlots::default(),
        }));
        Ok(())
    })
}

/// How many uploads were generated; 0 for NULL.
///
/// # Safety
/// `p` must be NULL or live uploads.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_prepared_upload_count(p: *const mpp_prepared) -> usize {
    read!(p, 0, |p| p.reports.len())
}

/// The task name of the `index`-th upload (its file is `{name}.csv`). Borrowed from `p`; NULL
/// out of range.
///
/// # Safety
/// `p` must be NULL or live uploads.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_prepared_task_name(
    p: *const mpp_prepared,
    index: usize,
) -> *const c_char {
    lend!(p, |p| p.names.get(index))
}

/// The validation report of the `index`-th upload (every row added): add it to a task with
/// `mpp_board_add_upload`. Borrowed from `p`; NULL out of range. Do not free it.
///
/// # Safety
/// `p` must be NULL or live uploads.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_prepared_report(
    p: *const mpp_prepared,
    index: usize,
) -> *const mpp_report {
    lend!(p, |p| p.reports.get(index))
}

/// How many findings kept phones out of the uploads; 0 for NULL.
///
/// # Safety
/// `p` must be NULL or live uploads.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_prepared_finding_count(p: *const mpp_prepared) -> usize {
    read!(p, 0, |p| p.prepared.findings.len())
}

/// The `index`-th finding, on the export's row, in row order. Borrowed from `p`; NULL out of
/// range.
///
/// # Safety
/// `p` must be NULL or live uploads.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_prepared_finding_at(
    p: *const mpp_prepared,
    index: usize,
) -> *const mpp_finding {
    lend!(p, |p| p.findings.finding(&p.prepared.findings, index))
}

/// Adds the upload CSVs to a list of files, to write with `mpp_output_files_write`.
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `files` must be NULL or a live list not used by another thread during the call; `p` must be
/// NULL or live uploads; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_output_files_add_prepared(
    files: *mut mpp_output_files,
    p: *const mpp_prepared,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || add_files(files, p, "prepared"))
}

/// Frees the uploads and everything borrowed from them. NULL is a no-op.
///
/// # Safety
/// `p` must be NULL or uploads from `mpp_prepare_uploads`, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_prepared_free(p: *mut mpp_prepared) {
    free_box!(p)
}

#[cfg(test)]
mod tests {
    //! The C face of the inventory import and upload generation, called as C calls it, over the
    //! bundled fixtures (examples/data/ucm), compared with the core's own results.

    use std::path::PathBuf;
    use std::ptr;

    use super::*;
    use crate::board::{
        mpp_add_outcome, mpp_add_outcome_added, mpp_add_outcome_free, mpp_board,
        mpp_board_add_upload, mpp_board_create_default_task_from_devices, mpp_board_create_task,
        mpp_board_free, mpp_board_new,
    };
    use crate::device::mpp_device_mac;
    use crate::output::{
        mpp_output_files_count, mpp_output_files_free, mpp_output_files_name_at,
        mpp_output_files_new, mpp_output_files_write,
    };
    use crate::report::{mpp_report_added, mpp_report_errors};
    use crate::tests_support::*;

    fn data(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../examples/data")
            .join(name)
    }

    fn read_fixture() -> *mut mpp_inventory {
        let (csv, vids, loads) = (
            std::fs::read(data("ucm/phones-all-details.csv")).unwrap(),
            std::fs::read(data("ucm/vids.csv")).unwrap(),
            std::fs::read(data("ucm/ris-loads.csv")).unwrap(),
        );
        let mut inv = ptr::null_mut();
        // SAFETY: valid buffers and out-parameters.
        call(|err| unsafe {
            mpp_inventory_read(
                csv.as_ptr(),
                csv.len(),
                vids.as_ptr(),
                vids.len(),
                loads.as_ptr(),
                loads.len(),
                &mut inv,
                err,
            )
        })
        .unwrap();
        inv
    }

    #[test]
    fn device_names_back_to_macs() {
        let mut out = ptr::null_mut();
        // SAFETY: valid strings and out-parameters.
        unsafe {
            call(|err| mpp_mac_from_device_name(cs("SEP001a2b3c4d5e").as_ptr(), &mut out, err))
                .unwrap();
            assert_eq!(owned(out), "001A2B3C4D5E");
            let e = expect_err(
                ErrorCodeNumber::DEVICE_NAME_INVALID,
                call(|err| mpp_mac_from_device_name(cs("CSFJSMITH").as_ptr(), &mut out, err)),
                "Jabber",
            );
            assert_eq!(
                e,
                core_error(&mpp::mac_from_device_name("CSFJSMITH").unwrap_err())
            );
            expect_err(
                NULL_POINTER,
                call(|err| mpp_mac_from_device_name(ptr::null(), &mut out, err)),
                "name",
            );
        }
    }

    /// Error numbers the tests compare with.
    struct ErrorCodeNumber;
    impl ErrorCodeNumber {
        const DEVICE_NAME_INVALID: u32 = mpp::ErrorCode::DeviceNameInvalid.number();
        const MAPPING_INVALID: u32 = mpp::ErrorCode::MappingInvalid.number();
        const SUPPLEMENT_COLUMN_MISSING: u32 = mpp::ErrorCode::SupplementColumnMissing.number();
    }

    #[test]
    fn udi_strings() {
        let mut model: *const mpp_model = ptr::null();
        let mut vid = 0u8;
        let mut serial = ptr::null_mut();
        // SAFETY: valid strings and out-parameters.
        unsafe {
            call(|err| {
                mpp_parse_udi(
                    cs("PID: CP-8845-K9= , VID: V02, SN: FCH2117ABCD").as_ptr(),
                    &mut model,
                    &mut vid,
                    &mut serial,
                    err,
                )
            })
            .unwrap();
            assert_eq!(model, model_handle(mpp::parse_model("8845").unwrap()));
            assert_eq!((vid, owned(serial)), (2, "FCH2117ABCD".to_owned()));
            call(|err| {
                mpp_parse_udi(
                    cs("PID: CP-7821-K9=, VID: V03").as_ptr(),
                    &mut model,
                    &mut vid,
                    &mut serial,
                    err,
                )
            })
            .unwrap();
            assert!(serial.is_null());
            call(|err| {
                mpp_parse_udi(
                    cs("PID: CP-7821-K9=, VID: V03, SN: X").as_ptr(),
                    &mut model,
                    &mut vid,
                    ptr::null_mut(),
                    err,
                )
            })
            .unwrap();
            let before = (model, vid);
            let e = expect_err(
                mpp::ErrorCode::UdiInvalid.number(),
                call(|err| {
                    mpp_parse_udi(
                        cs("PID: CP-8845-K9=").as_ptr(),
                        &mut model,
                        &mut vid,
                        &mut serial,
                        err,
                    )
                }),
                "no VID",
            );
            assert_eq!(
                e,
                core_error(&mpp::parse_udi("PID: CP-8845-K9=").unwrap_err())
            );
            assert_eq!((model, vid), before, "nothing written on failure");
        }
    }

    #[test]
    fn the_inventory_in_c_is_the_core_inventory() {
        let core = Inventory::read_path(
            &data("ucm/phones-all-details.csv"),
            InventoryOptions::new()
                .with_hardware(
                    HardwareList::from_csv(std::fs::File::open(data("ucm/vids.csv")).unwrap())
                        .unwrap(),
                )
                .with_loads(
                    LoadList::from_csv(std::fs::File::open(data("ucm/ris-loads.csv")).unwrap())
                        .unwrap(),
                ),
        )
        .unwrap();
        let inv = read_fixture();
        // SAFETY: a live inventory, read within its life.
        unsafe {
            assert_eq!(mpp_inventory_entry_count(inv), core.entries().len());
            for s in EntryStatus::ALL {
                assert_eq!(
                    mpp_inventory_status_count(inv, s as u32),
                    core.counts().of(s)
                );
            }
            assert_eq!(mpp_inventory_status_count(inv, 99), 0);
            for (i, e) in core.entries().iter().enumerate() {
                assert_eq!(mpp_inventory_entry_status(inv, i), e.status() as u32);
                assert_eq!(mpp_inventory_entry_row(inv, i), e.row());
                assert_eq!(s(mpp_inventory_entry_device_name(inv, i)), e.device_name());
                assert_eq!(s(mpp_inventory_entry_device_type(inv, i)), e.device_type());
                assert_eq!(s(mpp_inventory_entry_device_pool(inv, i)), e.device_pool());
                assert_eq!(
                    s(mpp_inventory_entry_owner_user_id(inv, i)),
                    e.owner_user_id()
                );
                let d = mpp_inventory_entry_device(inv, i);
                assert_eq!(d.is_null(), e.device().is_none());
                if let Some(dev) = e.device() {
                    assert_eq!(s(mpp_device_mac(d)), dev.mac().to_string());
                }
                assert_eq!(
                    mpp_inventory_entry_finding_count(inv, i),
                    e.findings().len()
                );
                for (k, f) in e.findings().iter().enumerate() {
                    assert_eq!(
                        finding(mpp_inventory_entry_finding_at(inv, i, k)),
                        core_finding(f)
                    );
                }
                assert!(mpp_inventory_entry_finding_at(inv, i, e.findings().len()).is_null());
            }
            let n = core.entries().len();
            assert!(mpp_inventory_entry_device_name(inv, n).is_null());
            assert_eq!(mpp_inventory_entry_status(inv, n), u32::MAX);
            assert_eq!(mpp_inventory_finding_count(inv), core.findings().len());
            assert_eq!(
                finding(mpp_inventory_finding_at(inv, 0)),
                core_finding(&core.findings()[0])
            );
            assert_eq!(
                s(mpp_entry_status_name(EntryStatus::NotMigratable as u32)),
                "not_migratable"
            );
            assert!(mpp_entry_status_name(5).is_null());
            let mut csv = ptr::null_mut();
            call(|err| mpp_inventory_csv(inv, &mut csv, err)).unwrap();
            assert_eq!(owned(csv), core.to_csv());

            // TASK-8: the phones straight into the default task.
            let devices: Vec<*const mpp_device> = (0..mpp_inventory_device_count(inv))
                .map(|i| mpp_inventory_device_at(inv, i))
                .collect();
            assert_eq!(devices.len(), core.devices().len());
            assert!(mpp_inventory_device_at(inv, devices.len()).is_null());
            let mut board: *mut mpp_board = ptr::null_mut();
            call(|err| mpp_board_new(&mut board, err)).unwrap();
            let mut outcome: *mut mpp_add_outcome = ptr::null_mut();
            call(|err| {
                mpp_board_create_default_task_from_devices(
                    board,
                    cs("default").as_ptr(),
                    mpp::UploadOption::LicenseOnly as u32,
                    devices.as_ptr(),
                    devices.len(),
                    &mut outcome,
                    err,
                )
            })
            .unwrap();
            assert_eq!(mpp_add_outcome_added(outcome), devices.len());
            mpp_add_outcome_free(outcome);
            mpp_board_free(board);
            mpp_inventory_free(inv);
            mpp_inventory_free(ptr::null_mut());
            assert_eq!(mpp_inventory_entry_count(ptr::null()), 0);
        }
    }

    #[test]
    fn reading_refuses_only_what_cannot_be_read() {
        let mut inv = ptr::null_mut();
        // SAFETY: valid buffers and out-parameters, or NULL where the test says.
        unsafe {
            let bad = b"Serial,Colour\nx,y\n";
            let e = expect_err(
                ErrorCodeNumber::SUPPLEMENT_COLUMN_MISSING,
                call(|err| {
                    mpp_inventory_read(
                        b"".as_ptr(),
                        0,
                        bad.as_ptr(),
                        bad.len(),
                        ptr::null(),
                        0,
                        &mut inv,
                        err,
                    )
                }),
                "MAC",
            );
            assert_eq!(e.row, 1);
            assert!(inv.is_null());
            expect_err(
                NULL_POINTER,
                call(|err| {
                    mpp_inventory_read(
                        ptr::null(),
                        3,
                        ptr::null(),
                        0,
                        ptr::null(),
                        0,
                        &mut inv,
                        err,
                    )
                }),
                "csv",
            );
            expect_err(
                mpp::ErrorCode::IoError.number(),
                call(|err| {
                    mpp_inventory_read_path(
                        cs("/no/such/export.csv").as_ptr(),
                        ptr::null(),
                        ptr::null(),
                        &mut inv,
                        err,
                    )
                }),
                "/no/such/export.csv",
            );
            // Junk is findings, never a failure.
            call(|err| {
                mpp_inventory_read(
                    b"\xff\x00,\"".as_ptr(),
                    4,
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    &mut inv,
                    err,
                )
            })
            .unwrap();
            assert_eq!(mpp_inventory_device_count(inv), 0);
            mpp_inventory_free(inv);
            let path = cs(data("ucm/phones-specific-details.csv").to_str().unwrap());
            call(|err| {
                mpp_inventory_read_path(path.as_ptr(), ptr::null(), ptr::null(), &mut inv, err)
            })
            .unwrap();
            assert_eq!(mpp_inventory_entry_count(inv), 5);
            mpp_inventory_free(inv);
        }
    }

    #[test]
    fn uploads_generated_in_c_are_validated_written_and_added_to_tasks() {
        let inv = read_fixture();
        let json = std::fs::read(data("ucm/mapping.json")).unwrap();
        let dir_json = std::fs::read(data("directory.json")).unwrap();
        let out_dir = std::env::temp_dir().join(format!("mpp-ffi-prepare-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out_dir);
        // SAFETY: live handles and valid out-parameters throughout.
        unsafe {
            let mut mapping = ptr::null_mut();
            call(|err| mpp_mapping_from_json(json.as_ptr(), json.len(), &mut mapping, err))
                .unwrap();
            let mut directory = ptr::null_mut();
            call(|err| {
                crate::directory::mpp_directory_from_json(
                    dir_json.as_ptr(),
                    dir_json.len(),
                    &mut directory,
                    err,
                )
            })
            .unwrap();
            let mut prepared = ptr::null_mut();
            call(|err| {
                mpp_prepare_uploads(
                    inv,
                    mapping,
                    mpp::UploadOption::LicenseAndDevice as u32,
                    cs("ucm").as_ptr(),
                    1000,
                    FleetGrouping::Location as u32,
                    directory,
                    &mut prepared,
                    err,
                )
            })
            .unwrap();
            assert_eq!(mpp_prepared_upload_count(prepared), 3);
            assert_eq!(s(mpp_prepared_task_name(prepared, 1)), "ucm-HQ-001");
            assert!(mpp_prepared_task_name(prepared, 3).is_null());
            let codes: Vec<String> = (0..mpp_prepared_finding_count(prepared))
                .map(|i| finding(mpp_prepared_finding_at(prepared, i)).code)
                .collect();
            assert!(codes.iter().any(|c| c == "mapping_no_user"), "{codes:?}");
            let mut board: *mut mpp_board = ptr::null_mut();
            call(|err| mpp_board_new(&mut board, err)).unwrap();
            for i in 0..mpp_prepared_upload_count(prepared) {
                let report = mpp_prepared_report(prepared, i);
                assert_eq!(mpp_report_errors(report), 0);
                call(|err| {
                    mpp_board_create_task(
                        board,
                        mpp_prepared_task_name(prepared, i),
                        mpp::UploadOption::LicenseAndDevice as u32,
                        err,
                    )
                })
                .unwrap();
                let mut outcome = ptr::null_mut();
                call(|err| {
                    mpp_board_add_upload(
                        board,
                        mpp_prepared_task_name(prepared, i),
                        report,
                        &mut outcome,
                        err,
                    )
                })
                .unwrap();
                assert_eq!(
                    mpp_add_outcome_added(outcome) as u64,
                    mpp_report_added(report)
                );
                mpp_add_outcome_free(outcome);
            }
            let mut files = ptr::null_mut();
            call(|err| mpp_output_files_new(&mut files, err)).unwrap();
            call(|err| mpp_output_files_add_prepared(files, prepared, err)).unwrap();
            assert_eq!(mpp_output_files_count(files), 3);
            assert_eq!(
                s(mpp_output_files_name_at(files, 0)),
                "ucm-Branch_Office-001.csv"
            );
            let dir = cs(out_dir.to_str().unwrap());
            call(|err| mpp_output_files_write(files, dir.as_ptr(), false, err)).unwrap();
            assert!(out_dir.join("ucm-Lab-001.csv").exists());
            expect_err(
                INVALID_ARGUMENT,
                call(|err| {
                    mpp_prepare_uploads(
                        inv,
                        mapping,
                        7,
                        cs("x").as_ptr(),
                        1000,
                        0,
                        ptr::null(),
                        &mut prepared,
                        err,
                    )
                }),
                "mpp_upload_option",
            );
            expect_err(
                INVALID_ARGUMENT,
                call(|err| {
                    mpp_prepare_uploads(
                        inv,
                        ptr::null(),
                        mpp::UploadOption::LicenseOnly as u32,
                        cs("x").as_ptr(),
                        1001,
                        0,
                        ptr::null(),
                        &mut prepared,
                        err,
                    )
                }),
                "ELIG-3",
            );
            let bad = b"{\"extra\": 1}";
            let mut m2 = ptr::null_mut();
            expect_err(
                ErrorCodeNumber::MAPPING_INVALID,
                call(|err| mpp_mapping_from_json(bad.as_ptr(), bad.len(), &mut m2, err)),
                "mapping",
            );
            mpp_output_files_free(files);
            mpp_board_free(board);
            mpp_prepared_free(prepared);
            mpp_mapping_free(mapping);
            crate::directory::mpp_directory_free(directory);
            mpp_inventory_free(inv);
        }
        let _ = std::fs::remove_dir_all(&out_dir);
    }
}
