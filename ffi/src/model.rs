//! The model catalogue in C (DEV-1, DEV-2, DEV-4, DEV-8, EXT-9).

use mpp_migration::{Model, ModelClass, ModelKind, Series};

use crate::prelude::*;

/// A phone model of the catalogue. Static: never freed, valid for the life of the process.
pub struct mpp_model {
    model: &'static Model,
    /// Name, Unified CM name, part number, description, MPP load family.
    texts: CStrings<5>,
}

handles!(Lent: mpp_model);

static MODELS: LazyLock<Vec<mpp_model>> = LazyLock::new(|| {
    Model::all()
        .iter()
        .map(|model| mpp_model {
            model,
            texts: CStrings::default(),
        })
        .collect()
});

/// The C handle of a catalogue model.
pub(crate) fn model_handle(model: &'static Model) -> *const mpp_model {
    MODELS
        .iter()
        .find(|m| ptr::eq(m.model, model))
        .map_or(ptr::null(), |m| m as *const mpp_model)
}

/// Reads a model in any spelling EXT-9 lists (`8845`, `CP-8845-K9=`, `Cisco 8845`,
/// `DMS Cisco 8845`), case-insensitively; `NR` stays part of the model. When the text carries a
/// hardware version (`CP-7821-K9=V03`, EXT-1) and `hardware_version` is not NULL, its number is
/// stored there (0 when the text has none).
///
/// On success returns `MPP_OK` and stores the static model in `*out` (never freed). On failure
/// returns `MPP_ERROR_CODE_MODEL_UNKNOWN` (or `MPP_ERROR_CODE_NULL_POINTER`,
/// `MPP_ERROR_CODE_ARGUMENT_NOT_UTF8`), writes no output and, when `err` is not NULL, stores an
/// error in `*err` whose suggestion is the closest known model, if any.
///
/// # Safety
/// `text` must be NULL or a NUL-terminated string; `out` must be valid for one write;
/// `hardware_version` and `err` must each be NULL or valid for one write.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_parse_model(
    text: *const c_char,
    out: *mut *const mpp_model,
    hardware_version: *mut u8,
    err: *mut *mut mpp_error,
) -> mpp_status {
    run!(err, || {
        let text = arg_str(text, "text")?;
        let out = out_param(out, "out")?;
        let label = mpp_migration::parse_model_label(text)?;
        if !hardware_version.is_null() {
            hardware_version.write(label.hardware_version.map_or(0, |v| v.number()));
        }
        out.put(model_handle(label.model))
    })
}

/// How many models the catalogue holds; with `mpp_model_at`, enumerates them.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_model_count() -> usize {
    guard(0, || MODELS.len())
}

/// The `index`-th model of the catalogue, or NULL when `index` is out of range. Static.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_model_at(index: usize) -> *const mpp_model {
    guard(ptr::null(), || {
        MODELS.get(index).map_or(ptr::null(), Lend::lend)
    })
}

/// The short name ("8845", "8865NR"). Static. NULL when `m` is NULL.
///
/// # Safety
/// `m` must be NULL or a handle from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_model_name(m: *const mpp_model) -> *const c_char {
    lend!(m, |m| m.texts.one(0, || m.model.name()))
}

/// The name Unified CM and Control Hub use ("Cisco 8845", EXT-9). Static. NULL when `m` is
/// NULL.
///
/// # Safety
/// `m` must be NULL or a handle from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_model_ucm_name(m: *const mpp_model) -> *const c_char {
    lend!(m, |m| m.texts.one(1, || m.model.ucm_name()))
}

/// The part number ("CP-8845"; the ordering code adds "-K9="). Static. NULL when `m` is NULL.
///
/// # Safety
/// `m` must be NULL or a handle from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_model_part_number(m: *const mpp_model) -> *const c_char {
    lend!(m, |m| m.texts.one(2, || m.model.part_number()))
}

/// Cisco's product name ("Cisco IP Phone 8845"). Static. NULL when `m` is NULL.
///
/// # Safety
/// `m` must be NULL or a handle from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_model_description(m: *const mpp_model) -> *const c_char {
    lend!(m, |m| m.texts.one(3, || m.model.description()))
}

/// The series. `MPP_SERIES_S8800` is returned for a NULL `m`; pass a valid handle.
///
/// # Safety
/// `m` must be NULL or a handle from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_model_series(m: *const mpp_model) -> Series {
    read!(m, Series::S8800, |m| m.model.series())
}

/// Audio or video. `MPP_MODEL_KIND_AUDIO` for a NULL `m`.
///
/// # Safety
/// `m` must be NULL or a handle from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_model_kind_of(m: *const mpp_model) -> ModelKind {
    read!(m, ModelKind::Audio, |m| m.model.kind())
}

/// Whether the phone has Wi-Fi, whose settings the migration erases (DEV-8). false for NULL.
///
/// # Safety
/// `m` must be NULL or a handle from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_model_has_wifi(m: *const mpp_model) -> bool {
    read!(m, false, |m| m.model.has_wifi())
}

/// Whether the device runs Cisco Enterprise (Unified CM) firmware; false for the 6800 and DECT
/// series (MPP only, DEV-4), for devices that are not Cisco phones, and for NULL. Whether it can
/// migrate is `mpp_model_class_of`.
///
/// # Safety
/// `m` must be NULL or a handle from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_model_has_enterprise_firmware(m: *const mpp_model) -> bool {
    read!(m, false, |m| m.model.has_enterprise_firmware())
}

/// Why an Enterprise → MPP conversion does or does not exist for the model (DEV-1, DEV-2,
/// DEV-4, EXT-17): `MPP_MODEL_CLASS_MPP_CONVERTIBLE` (the eligibility table decides),
/// `MPP_MODEL_CLASS_MPP_ONLY`, `MPP_MODEL_CLASS_NO_MPP_FIRMWARE`, `MPP_MODEL_CLASS_PHONE_OS`,
/// `MPP_MODEL_CLASS_SOFT_CLIENT`, `MPP_MODEL_CLASS_VIRTUAL_DEVICE`, `MPP_MODEL_CLASS_THIRD_PARTY`
/// or `MPP_MODEL_CLASS_VIDEO_DEVICE`. `MPP_MODEL_CLASS_MPP_CONVERTIBLE` for a NULL `m`; pass a
/// valid handle.
///
/// # Safety
/// `m` must be NULL or a handle from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_model_class_of(m: *const mpp_model) -> ModelClass {
    read!(m, ModelClass::MppConvertible, |m| m.model.class())
}

/// The numeric model code RisPort70 `selectCmDevice` reports for the model (Unified CM's
/// `tkmodel`, EXT-15), where a public source documents it; 0 when none is known or `m` is NULL.
/// `mpp_parse_model` reads such a code too ("36224" is the 8845).
///
/// # Safety
/// `m` must be NULL or a handle from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_model_ris_code(m: *const mpp_model) -> u32 {
    read!(m, 0, |m| m.model.ris_model().unwrap_or(0))
}

/// The MPP load family a phone-load table may give the model ("sip78xx", "sip8845_65"; MAN-4,
/// EXT-10). Static. NULL for a model without an MPP load, and for a NULL `m`.
///
/// # Safety
/// `m` must be NULL or a handle from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mpp_model_mpp_load_family(m: *const mpp_model) -> *const c_char {
    lend!(m, |m| m.texts.opt(4, || m.model.mpp_load_family()))
}

/// The name of an `mpp_model_class` value ("mpp_convertible", "no_mpp_firmware", "soft_client",
/// …, the strings the Rust and Python APIs use); NULL for any other number. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_model_class_name(class: u32) -> *const c_char {
    name_of!(class, ModelClass::as_str)
}

/// Why a device of an `mpp_model_class` does not migrate, for a person (EXT-17); NULL for
/// `MPP_MODEL_CLASS_MPP_CONVERTIBLE` (the eligibility table decides) and for any other number.
/// Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_model_class_reason(class: u32) -> *const c_char {
    name_of!(class, optional ModelClass::reason)
}

/// The name of an `mpp_series` value ("6800", "7800", "8800", "7900", "dect", "ata", "other",
/// …); NULL for any other number. Static: do not free.
#[unsafe(no_mangle)]
pub extern "C" fn mpp_series_name(series: u32) -> *const c_char {
    name_of!(series, Series::as_str)
}
