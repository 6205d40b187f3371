//! The manual completion in C (MAN-1 to MAN-5, EXT-7, EXT-10, EXT-11): the phone-load table,
//! the options, the plan of a task that is Ready for migration (BAT files in MAN-4's two
//! groups, their steps, the device licenses, the cautions), its files, and the check of a BAT
//! file name.

use mpp_migration::{
    BatFile, BatGroup, License, Mac, ManualPlan, ManualPlanOptions, OutputFile, PhoneLoadTable,
    check_bat_file_name, plan_manual,
};

use crate::prelude::*;

/// The name of an `mpp_bat_group` value: "mixed_models" or "per_load"; NULL for any other
/// number. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_bat_group_name(group: u32) -> *const c_char {
    name_of!(group, BatGroup::as_str)
}

/// Checks a file name for upload to Unified CM (MAN-2, EXT-11): ASCII letters and digits,
/// `-`, `.` and `_`, not starting with a dot, at most one dot, no comma.
///
/// Returns `MPP_OK` for a valid name. On failure returns `MPP_ERROR_CODE_FILE_NAME_INVALID`
/// (MAN-2) or `MPP_ERROR_CODE_FILE_NAME_COMMA` (EXT-11), whose suggestion is a valid name, or
/// `MPP_ERROR_CODE_NULL_POINTER` / `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// `name` must be NULL or a NUL-terminated string; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_check_bat_file_name(
    name: *const c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || check_bat_file_name(arg_str(name, "name")?))
}

/// The MPP phone load of each model for the manual path: MAN-4's table, or a host's with newer
/// loads (EXT-10). Free it with `mpp_phone_load_table_free`; options that use it keep their own
/// reference.
pub struct mpp_phone_load_table {
    table: Arc<PhoneLoadTable>,
    /// The name.
    name: CStrings<1>,
}

from_core!(mpp_phone_load_table {
    table: Arc<PhoneLoadTable>,
    name
});

/// MAN-4's table, named "man_4": `sip7832`, `sip78xx`, `sip8832`, `sip8845_65` and `sip88xx`
/// loads 11.3(6).
///
/// On success returns `MPP_OK` and stores in `*out` a table to free with
/// `mpp_phone_load_table_free`. Returns `MPP_ERROR_CODE_NULL_POINTER` when `out` is NULL.
///
/// # Safety
/// `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_phone_load_table_man_4(
    out: *mut *mut mpp_phone_load_table,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || new_out(out, || Ok(PhoneLoadTable::man_4())))
}

/// Reads and validates a host's table (EXT-10): `len` bytes of CSV with the columns
/// `model,phone_load,source` (the form `mpp_phone_load_table_to_csv` writes), named `name`.
///
/// On success returns `MPP_OK` and stores in `*out` a table to free with
/// `mpp_phone_load_table_free`. On failure writes nothing and returns
/// `MPP_ERROR_CODE_PHONE_LOAD_TABLE_INVALID` with the row and column of the refused cell (an
/// unknown model or one without Enterprise firmware, a model twice, a load that is not an MPP
/// load name, an 8800 audio load below 11.3(3), an empty source), or
/// `MPP_ERROR_CODE_NULL_POINTER` / `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`. `csv` may be NULL only
/// when `len` is 0.
///
/// # Safety
/// `csv` must be NULL or point to `len` readable bytes; `name` must be NULL or a NUL-terminated
/// string; `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_phone_load_table_from_csv(
    csv: *const u8,
    len: usize,
    name: *const c_char,
    out: *mut *mut mpp_phone_load_table,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || new_out(out, || {
        let csv = arg_bytes(csv, len, "csv")?;
        let name = arg_str(name, "name")?;
        PhoneLoadTable::from_csv(name, csv).map(Arc::new)
    }))
}

/// The table in its CSV form, which `mpp_phone_load_table_from_csv` reads back.
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// Returns `MPP_ERROR_CODE_NULL_POINTER` when `table` or `out` is NULL, writing nothing.
///
/// # Safety
/// `table` must be NULL or a live table; `out` must be valid for one write; `err` must be NULL
/// or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_phone_load_table_to_csv(
    table: *const mpp_phone_load_table,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(table, "table", out, err, |table| table.table.to_csv())
}

/// The table's name ("man_4", or the host's). Borrowed from `table`. NULL when `table` is NULL.
///
/// # Safety
/// `table` must be NULL or a live table.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_phone_load_table_name(
    table: *const mpp_phone_load_table,
) -> *const c_char {
    lend!(table, |t| t.name.one(0, || t.table.name()))
}

/// How many rows (models) the table has; 0 for NULL.
///
/// # Safety
/// `table` must be NULL or a live table.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_phone_load_table_row_count(
    table: *const mpp_phone_load_table,
) -> usize {
    read!(table, 0, |t| t.table.rows().len())
}

/// Frees a table. NULL is a no-op. Options that use it keep their own reference.
///
/// # Safety
/// `table` must be NULL or a table from this library, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_phone_load_table_free(table: *mut mpp_phone_load_table) {
    free_box!(table)
}

/// How the manual plan is made: the start of every file name (MAN-2; by default the task's
/// name made safe) and the phone loads (MAN-4's table by default, EXT-10). Create with
/// `mpp_manual_plan_options_new`, free with `mpp_manual_plan_options_free`; plans made with
/// them copy what they need.
pub struct mpp_manual_plan_options {
    options: ManualPlanOptions,
}

from_core!(mpp_manual_plan_options {
    options: ManualPlanOptions
});

/// Makes the default options: file names after the task, MAN-4's phone loads.
///
/// On success returns `MPP_OK` and stores in `*out` options to free with
/// `mpp_manual_plan_options_free`. Returns `MPP_ERROR_CODE_NULL_POINTER` when `out` is NULL.
///
/// # Safety
/// `out` must be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_options_new(
    out: *mut *mut mpp_manual_plan_options,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || put_new(out, || Ok(ManualPlanOptions::default())))
}

/// Starts every file name with `prefix` (`<prefix>_group1_mixed.txt`…), or, when `prefix` is
/// NULL, with the task's name made safe. The planning refuses a prefix that makes a name MAN-2
/// or EXT-11 refuses.
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_NULL_POINTER` when `opts` is NULL,
/// `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8` (the options are then unchanged).
///
/// # Safety
/// `opts` must be NULL or live options not used by another thread during the call; `prefix`
/// must be NULL or a NUL-terminated string; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_options_set_file_prefix(
    opts: *mut mpp_manual_plan_options,
    prefix: *const c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let opts = arg_mut(opts, "opts")?;
        opts.options.file_prefix = arg_opt_str(prefix, "prefix")?.map(str::to_owned);
        Ok(())
    })
}

/// Takes the phone loads from `table`, or, when `table` is NULL, from MAN-4's table. The
/// options keep their own reference: `table` may be freed afterwards.
///
/// Returns `MPP_OK`, or `MPP_ERROR_CODE_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or live options not used by another thread during the call; `table`
/// must be NULL or a live table; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_options_set_phone_load_table(
    opts: *mut mpp_manual_plan_options,
    table: *const mpp_phone_load_table,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let opts = arg_mut(opts, "opts")?;
        opts.options.loads = table
            .as_ref()
            .map_or_else(PhoneLoadTable::man_4, |t| Arc::clone(&t.table));
        Ok(())
    })
}

/// Frees options. NULL is a no-op.
///
/// # Safety
/// `opts` must be NULL or options from `mpp_manual_plan_options_new`, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_options_free(opts: *mut mpp_manual_plan_options) {
    free_box!(opts)
}

/// One BAT file of a manual plan and how to use it (MAN-3). Borrowed from its plan
/// (`mpp_manual_plan_bat_file_at`): valid until `mpp_manual_plan_free`, like its strings.
pub struct mpp_bat_file {
    of: BatFile,
    /// Name, models, phone load, load server, devices, steps, content.
    texts: CStrings<7>,
}

handles!(
    Owned: mpp_phone_load_table, mpp_manual_plan_options, mpp_manual_plan;
    Lent: mpp_bat_file
);

impl mpp_bat_file {
    fn name(&self) -> Option<&CString> {
        self.texts.one(0, || self.of.name())
    }
}

/// The manual completion of a task: its BAT files, the device licenses, the cautions. Made by
/// `mpp_plan_manual` or `mpp_board_complete_manual`; free it with `mpp_manual_plan_free`, which
/// ends the life of everything borrowed from it.
pub struct mpp_manual_plan {
    plan: ManualPlan,
    /// The task's name.
    task: CStrings<1>,
    files: LazySlots<mpp_bat_file>,
    /// MAC, file name and URL of each license.
    licenses: LazySlots<CStrings<3>>,
    findings: LazySlots<mpp_finding>,
}

impl Files for mpp_manual_plan {
    fn files(&self) -> Vec<OutputFile> {
        self.plan.files()
    }
}

from_core!(mpp_manual_plan {
    plan: ManualPlan,
    task,
    files,
    licenses,
    findings
});

impl mpp_manual_plan {
    /// The plan.
    pub(crate) fn get(&self) -> &ManualPlan {
        &self.plan
    }

    fn bat_file(&self, index: usize) -> Option<&mpp_bat_file> {
        self.files
            .of(self.plan.bat_files(), index, |f| mpp_bat_file {
                of: f.clone(),
                texts: CStrings::default(),
            })
    }

    /// Field `field` (0 MAC, 1 file name, 2 URL) of the `index`-th license: `text` of it.
    fn license<'a, S: AsRef<str>>(
        &'a self,
        index: usize,
        field: usize,
        text: impl FnOnce(&'a License) -> S,
    ) -> Option<&'a CString> {
        let licenses = self.plan.licenses();
        let texts = self.licenses.of(licenses, index, |_| CStrings::default())?;
        texts.one(field, || text(&licenses[index]))
    }
}

/// Plans the manual completion of a task that is Ready for migration (TASK-7): one Group 1 file
/// of all its ready phones (mixed models, COP file, no load server), one Group 2 file per model
/// with its load (MAN-4), the steps for each (MAN-3, MAN-5), the device licenses (EXT-7), and the
/// cautions: firmware to upgrade first (MAN-1, EXT-6), Wi-Fi phones on Ethernet (DEV-8), models
/// without a load in the table (MAN-4). DEC-11: a phone whose known load is below 14.1 is in the
/// Group 1 file only, one below 12.5(1) in no file. The task does not change: to complete it as well, use
/// `mpp_board_complete_manual`.
///
/// On success returns `MPP_OK` and stores in `*out` a plan to free with
/// `mpp_manual_plan_free`. On failure writes nothing and returns
/// `MPP_ERROR_CODE_COMPLETE_REQUIRES_READY`, `MPP_ERROR_CODE_FILE_NAME_INVALID` /
/// `MPP_ERROR_CODE_FILE_NAME_COMMA` for a file prefix that makes names MAN-2 or EXT-11 refuse,
/// or `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `task` must be NULL or a live task; `opts` must be NULL or live options; `out` must be valid
/// for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_plan_manual(
    task: *const mpp_task,
    opts: *const mpp_manual_plan_options,
    out: *mut *mut mpp_manual_plan,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let task = arg_ref(task, "task")?;
        let opts = &arg_ref(opts, "opts")?.options;
        put_new(out, || plan_manual(task.get()?, opts))
    })
}

/// Completes the migration of the task named `task` manually: plans it as `mpp_plan_manual`
/// does, then applies *Complete migration* (TASK-2, TASK-7, TASK-9 as `mpp_board_complete`
/// checks them); the task becomes *Manual migration* with its ready devices In progress.
/// Nothing changes when either refuses.
///
/// On success returns `MPP_OK` and stores in `*out` the plan, to free with
/// `mpp_manual_plan_free`. On failure writes nothing and returns as `mpp_plan_manual` and
/// `mpp_board_complete` do, and `MPP_ERROR_CODE_TASK_NOT_FOUND`.
///
/// # Safety
/// `board` must be NULL or a live board not used by another thread during the call; `task`
/// must be NULL or a NUL-terminated string; `opts` must be NULL or live options; `out` must be
/// valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_board_complete_manual(
    board: *mut mpp_board,
    task: *const c_char,
    opts: *const mpp_manual_plan_options,
    out: *mut *mut mpp_manual_plan,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let board = arg_mut(board, "board")?;
        let task = arg_str(task, "task")?;
        let opts = &arg_ref(opts, "opts")?.options;
        put_new(out, || board.change().complete_manual(task, opts))
    })
}

/// The name of the task planned. Borrowed from the plan. NULL when `p` is NULL.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_task_name(p: *const mpp_manual_plan) -> *const c_char {
    lend!(p, |p| p.task.one(0, || p.plan.task().as_str()))
}

/// How many BAT files the plan has: the Group 1 file and one Group 2 file per model; 0 for
/// NULL.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_bat_file_count(p: *const mpp_manual_plan) -> usize {
    read!(p, 0, |p| p.plan.bat_files().len())
}

/// The `index`-th BAT file: Group 1 first, then one Group 2 file per model. Borrowed from the plan.
/// NULL when `p` is NULL or `index` is out of range.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_bat_file_at(
    p: *const mpp_manual_plan,
    index: usize,
) -> *const mpp_bat_file {
    lend!(p, |p| p.bat_file(index))
}

/// The name of the BAT file holding the device with this MAC (any spelling DEV-6 accepts): its
/// Group 2 file, or the Group 1 file when it is in no Group 2 file.
///
/// On success returns `MPP_OK` and stores in `*out` the name, borrowed from the plan, or NULL
/// when no file holds the device. On failure writes nothing and returns a
/// `MPP_ERROR_CODE_MAC_*` code, or `MPP_ERROR_CODE_NULL_POINTER` /
/// `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`.
///
/// # Safety
/// `p` must be NULL or a live plan; `mac` must be NULL or a NUL-terminated string; `out` must
/// be valid for one write; `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_file_of(
    p: *const mpp_manual_plan,
    mac: *const c_char,
    out: *mut *const c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let p = arg_ref(p, "plan")?;
        let mac = arg_mac(mac, "mac")?;
        let out = out_param(out, "out")?;
        let file = p.plan.file_index_of(mac).and_then(|i| p.bat_file(i));
        let name = file.and_then(mpp_bat_file::name);
        out.put(name.map_or(ptr::null(), Lend::lend))
    })
}

/// How many device licenses the plan has (one per ready device, EXT-7); 0 for NULL.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_license_count(p: *const mpp_manual_plan) -> usize {
    read!(p, 0, |p| p.plan.licenses().len())
}

/// The MAC of the `index`-th license's phone. Borrowed from the plan. NULL when `p` is NULL or
/// `index` is out of range.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_license_mac_at(
    p: *const mpp_manual_plan,
    index: usize,
) -> *const c_char {
    lend!(p, |p| p.license(index, 0, |l| l.mac.to_string()))
}

/// The file name of the `index`-th license, `<MAC>.lic` (EXT-7). Borrowed from the plan. NULL
/// when `p` is NULL or `index` is out of range.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_license_file_name_at(
    p: *const mpp_manual_plan,
    index: usize,
) -> *const c_char {
    lend!(p, |p| p.license(index, 1, |l| &l.file_name))
}

/// Where the Webex cloud serves the `index`-th license (EXT-7). Borrowed from the plan. NULL
/// when `p` is NULL or `index` is out of range.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_license_url_at(
    p: *const mpp_manual_plan,
    index: usize,
) -> *const c_char {
    lend!(p, |p| p.license(index, 2, |l| &l.url))
}

/// How many cautions the plan has; 0 for NULL.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_finding_count(p: *const mpp_manual_plan) -> usize {
    read!(p, 0, |p| p.plan.findings().len())
}

/// The `index`-th caution (MAN-1, EXT-6, DEV-8, MAN-4 `no_phone_load`). Borrowed from the plan.
/// NULL when `p` is NULL or `index` is out of range.
///
/// # Safety
/// `p` must be NULL or a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_finding_at(
    p: *const mpp_manual_plan,
    index: usize,
) -> *const mpp_finding {
    lend!(p, |p| p.findings.view(p.plan.findings(), index))
}

/// What the administrator does, file by file (MAN-1, MAN-3, MAN-4, MAN-5), with the cautions.
///
/// On success returns `MPP_OK` and stores in `*out` a string to free with `mpp_string_free`.
/// Returns `MPP_ERROR_CODE_NULL_POINTER` when `p` or `out` is NULL, writing nothing.
///
/// # Safety
/// `p` must be NULL or a live plan; `out` must be valid for one write; `err` must be NULL or
/// valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_instructions_text(
    p: *const mpp_manual_plan,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(p, "plan", out, err, |p| p.plan.instructions_text())
}

/// The plan as JSON: files (without their content) with steps, licenses, cautions.
///
/// Returns as `mpp_manual_plan_instructions_text`.
///
/// # Safety
/// As `mpp_manual_plan_instructions_text`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_to_json(
    p: *const mpp_manual_plan,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(p, "plan", out, err, |p| p.plan.to_json())
}

/// The device licenses as CSV: MAC Address, License File, URL (EXT-7; lines end with CR LF).
///
/// Returns as `mpp_manual_plan_instructions_text`.
///
/// # Safety
/// As `mpp_manual_plan_instructions_text`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_licenses_csv(
    p: *const mpp_manual_plan,
    out: *mut *mut c_char,
    err: *mut *mut mpp_error,
) -> mpp_status {
    text_out!(p, "plan", out, err, |p| p.plan.licenses_csv())
}

/// Writes the plan's files into the directory `dir` (created if missing): every BAT file, then
/// `<task>_manual_instructions.txt`, `<task>_manual_plan.json` and `<task>_licenses.csv`. Each
/// file is written whole or not at all; unless `overwrite`, an existing file stops everything
/// before anything is written.
///
/// Returns `MPP_OK`, or on failure `MPP_ERROR_CODE_OUTPUT_EXISTS`, `MPP_ERROR_CODE_IO_ERROR`
/// (naming the path), or `MPP_ERROR_CODE_NULL_POINTER`.
///
/// # Safety
/// `p` must be NULL or a live plan; `dir` must be NULL or a NUL-terminated string (on Unix any
/// bytes, elsewhere UTF-8); `err` must be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_write(
    p: *const mpp_manual_plan,
    dir: *const c_char,
    overwrite: bool,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || write_files(p, "plan", dir, overwrite))
}

/// Frees a plan, with every BAT file and everything else borrowed from it. NULL is a no-op.
///
/// # Safety
/// `p` must be NULL or a plan from this library, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_manual_plan_free(p: *mut mpp_manual_plan) {
    free_box!(p)
}

/// The file name (MAN-2, EXT-11). Borrowed from the plan. NULL when `f` is NULL.
///
/// # Safety
/// `f` must be NULL or a file borrowed from a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_bat_file_name(f: *const mpp_bat_file) -> *const c_char {
    lend!(f, |f| f.name())
}

/// Group 1 (`MPP_BAT_GROUP_MIXED_MODELS`) or Group 2 (`MPP_BAT_GROUP_PER_LOAD`) (MAN-4).
/// `MPP_BAT_GROUP_MIXED_MODELS` for NULL.
///
/// # Safety
/// `f` must be NULL or a file borrowed from a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_bat_file_group(f: *const mpp_bat_file) -> BatGroup {
    read!(f, BatGroup::MixedModels, |f| f.of.group())
}

/// How many models the file's phones are of; 0 for NULL.
///
/// # Safety
/// `f` must be NULL or a file borrowed from a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_bat_file_model_count(f: *const mpp_bat_file) -> usize {
    read!(f, 0, |f| f.of.models().len())
}

/// The `index`-th model (as `mpp_model_name` spells it), in name order. Borrowed from the plan.
/// NULL when `f` is NULL or `index` is out of range.
///
/// # Safety
/// `f` must be NULL or a file borrowed from a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_bat_file_model_at(
    f: *const mpp_bat_file,
    index: usize,
) -> *const c_char {
    lend!(f, |f| f.texts.at(1, f.of.models(), index, |m| *m))
}

/// The Phone Load Name to set (Group 2), e.g. "sip78xx.11-3-6MPP0001-272"; NULL for the Group 1
/// file and for NULL. Borrowed from the plan.
///
/// # Safety
/// `f` must be NULL or a file borrowed from a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_bat_file_phone_load(f: *const mpp_bat_file) -> *const c_char {
    lend!(f, |f| f.texts.opt(2, || f.of.phone_load()))
}

/// The Load Server to set (Group 2): "cloudupgrader.webex.com"; NULL for the Group 1 file and
/// for NULL. Borrowed from the plan.
///
/// # Safety
/// `f` must be NULL or a file borrowed from a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_bat_file_load_server(f: *const mpp_bat_file) -> *const c_char {
    lend!(f, |f| f.texts.opt(3, || f.of.load_server()))
}

/// How many devices the file lists; 0 for NULL.
///
/// # Safety
/// `f` must be NULL or a file borrowed from a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_bat_file_device_count(f: *const mpp_bat_file) -> usize {
    read!(f, 0, |f| f.of.devices().len())
}

/// The MAC of the `index`-th device, in the task's order. Borrowed from the plan. NULL when `f`
/// is NULL or `index` is out of range.
///
/// # Safety
/// `f` must be NULL or a file borrowed from a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_bat_file_device_at(
    f: *const mpp_bat_file,
    index: usize,
) -> *const c_char {
    lend!(f, |f| f.texts.at(4, f.of.devices(), index, Mac::to_string))
}

/// How many steps the administrator follows with the file in Unified CM (MAN-3, MAN-5); 0 for
/// NULL.
///
/// # Safety
/// `f` must be NULL or a file borrowed from a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_bat_file_step_count(f: *const mpp_bat_file) -> usize {
    read!(f, 0, |f| f.of.steps().len())
}

/// The `index`-th step. Borrowed from the plan. NULL when `f` is NULL or `index` is out of
/// range.
///
/// # Safety
/// `f` must be NULL or a file borrowed from a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_bat_file_step_at(
    f: *const mpp_bat_file,
    index: usize,
) -> *const c_char {
    lend!(f, |f| f.texts.at(5, f.of.steps(), index, |s| s))
}

/// The file's content (EXT-11): one device name (`SEP` + MAC) per line, lines separated by
/// CR LF, no blank line. Borrowed from the plan. NULL when `f` is NULL.
///
/// # Safety
/// `f` must be NULL or a file borrowed from a live plan.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_bat_file_content(f: *const mpp_bat_file) -> *const c_char {
    lend!(f, |f| f.texts.one(6, || f.of.content()))
}
