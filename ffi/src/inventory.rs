//! Unified CM inventory import and upload generation in C (issue 11): device name → MAC
//! (DEV-7 reversed), `mpp_inventory` (a BAT phone export merged with VID and RIS load lists,
//! EXT-14 to EXT-17), `mpp_mapping` and `mpp_prepared` (the Control Hub upload CSVs of CSV-1 /
//! CSV-2, each validated, ELIG-3). Views of entries, findings, devices and reports are built on
//! first access and live as long as the handle they come from.

use mpp_migration::{
    EntryStatus, FleetGrouping, HardwareList, Inventory, InventoryEntry, InventoryOptions,
    LoadList, Mapping, OutputFile, PrepareOptions, PreparedUploads,
};

use crate::prelude::*;

/// The name of an `mpp_entry_status` value: "eligible", "not_eligible", "unknown",
/// "not_migratable" or "refused"; NULL for any other number. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_entry_status_name(status: u32) -> *const c_char {
    name_of!(status, EntryStatus::as_str)
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
        out_param(out, "out")?.put(to_c_string(mpp_migration::mac_from_device_name(name)?)?)
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
        let udi = mpp_migration::parse_udi(text)?;
        if let Some(slot) = serial.as_mut() {
            *slot = udi
                .serial_number()
                .map_or(Ok(ptr::null_mut()), to_c_string)?;
        }
        model.write(model_handle(udi.model()));
        hardware_version.put(udi.hardware_version().number())
    })
}

/// The C view of one entry: its strings (device name, type, pool, owner user id), its device
/// and its findings.
#[derive(Default)]
struct EntryView {
    texts: CStrings<4>,
    device: OnceLock<Option<mpp_device>>,
    findings: LazySlots<mpp_finding>,
}

/// A Unified CM export read whole: one entry per data row (a phone with its eligibility, or
/// the findings that say why not), and the findings of the file. Made by `mpp_inventory_read`
/// or `mpp_inventory_read_path`; free it with `mpp_inventory_free`, which ends the life of
/// everything borrowed from it.
pub struct mpp_inventory {
    inventory: Inventory,
    entries: LazySlots<EntryView>,
    findings: LazySlots<mpp_finding>,
    devices: LazySlots<mpp_device>,
    device_list: Vec<mpp_migration::Device>,
}

handles!(Owned: mpp_inventory);

impl From<Inventory> for mpp_inventory {
    fn from(inventory: Inventory) -> mpp_inventory {
        mpp_inventory {
            device_list: inventory.devices(),
            inventory,
            entries: LazySlots::default(),
            findings: LazySlots::default(),
            devices: LazySlots::default(),
        }
    }
}

impl mpp_inventory {
    fn at(&self, index: usize) -> Option<&InventoryEntry> {
        self.inventory.entries().get(index)
    }

    fn entry(&self, index: usize) -> Option<&EntryView> {
        let entries = self.inventory.entries();
        self.entries.of(entries, index, |_| EntryView::default())
    }

    /// Text `slot` of the `index`-th entry: `text` of it.
    fn text(
        &self,
        index: usize,
        slot: usize,
        text: fn(&InventoryEntry) -> &str,
    ) -> Option<&CString> {
        let entry = self.at(index)?;
        self.entry(index)?.texts.one(slot, || text(entry))
    }
}

fn options(hardware: Option<HardwareList>, loads: Option<LoadList>) -> InventoryOptions {
    InventoryOptions {
        hardware: hardware.map(Arc::new),
        loads: loads.map(Arc::new),
        ..InventoryOptions::new()
    }
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
        let hardware = optional(vids, || {
            HardwareList::from_csv(arg_bytes(vids, vids_len, "vids")?)
        })?;
        let loads = optional(loads, || {
            LoadList::from_csv(arg_bytes(loads, loads_len, "loads")?)
        })?;
        put_new(out, || Inventory::read(csv, options(hardware, loads)))
    })
}

/// Reads the export at `path`, with the lists at `vids_path` and `loads_path` (each NULL when
/// the host has none); see `mpp_inventory_read`. An error of a file names it before its
/// message (`<path>: ...`), so a host knows which of the three it is in; fails also with
/// `MPP_ERROR_CODE_IO_ERROR` naming the file that cannot be read.
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
        let hardware = optional(vids_path, || {
            HardwareList::read_path(&arg_path(vids_path, "vids_path")?)
        })?;
        let loads = optional(loads_path, || {
            LoadList::read_path(&arg_path(loads_path, "loads_path")?)
        })?;
        put_new(out, || {
            Inventory::read_path(&path, options(hardware, loads))
        })
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
        .at(index)
        .map_or(none, |e| e.status() as u32))
}

/// The export row of the `index`-th entry (header = 1); 0 when `inv` is NULL or `index` is out
/// of range.
///
/// # Safety
/// `inv` must be NULL or a live inventory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_inventory_entry_row(inv: *const mpp_inventory, index: usize) -> u64 {
    read!(inv, 0, |i| i.at(index).map_or(0, InventoryEntry::row))
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
    lend!(inv, |i| i.text(index, 0, InventoryEntry::device_name))
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
    lend!(inv, |i| i.text(index, 1, InventoryEntry::device_type))
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
    lend!(inv, |i| i.text(index, 2, InventoryEntry::device_pool))
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
    lend!(inv, |i| i.text(index, 3, InventoryEntry::owner_user_id))
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
    lend!(inv, |i| {
        let device = i.at(index)?.device();
        let view = i
            .entry(index)?
            .device
            .get_or_init(|| device.cloned().map(mpp_device::from));
        view.as_ref()
    })
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
    read!(inv, 0, |i| i.at(index).map_or(0, |e| e.findings().len()))
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
        let findings = i.at(index)?.findings();
        i.entry(index)?.findings.view(findings, finding)
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
    lend!(inv, |i| i.findings.view(i.inventory.findings(), index))
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
    lend!(inv, |i| i.devices.view(&i.device_list, index))
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
    text_out!(inv, "inventory", out, err, |i| i.inventory.to_csv())
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
pub struct mpp_mapping {
    mapping: Mapping,
}

handles!(Owned: mpp_mapping);

from_core!(mpp_mapping { mapping: Mapping });

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
        put_new(out, || Mapping::from_json_bytes(json))
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
pub struct mpp_prepared {
    prepared: PreparedUploads,
    /// The uploads' task names.
    names: CStrings<1>,
    reports: LazySlots<mpp_report>,
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
        options.directory = directory.as_ref().map(mpp_directory::shared);
        let empty = Mapping::new();
        let mapping = mapping.as_ref().map_or(&empty, |m| &m.mapping);
        let out = out_param(out, "out")?;
        out.put(into_raw(mpp_prepared {
            prepared: mpp_migration::prepare_uploads(&inv.inventory, mapping, &options)?,
            names: CStrings::default(),
            reports: LazySlots::default(),
            findings: LazySlots::default(),
        }))
    })
}

/// How many uploads were generated; 0 for NULL.
///
/// # Safety
/// `p` must be NULL or live uploads.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_prepared_upload_count(p: *const mpp_prepared) -> usize {
    read!(p, 0, |p| p.prepared.uploads.len())
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
    lend!(p, |p| p
        .names
        .at(0, &p.prepared.uploads, index, |u| u.task_name.as_str()))
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
    lend!(p, |p| {
        let uploads = &p.prepared.uploads;
        p.reports
            .of(uploads, index, |u| mpp_report::from(u.report.clone()))
    })
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
    lend!(p, |p| p.findings.view(&p.prepared.findings, index))
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
