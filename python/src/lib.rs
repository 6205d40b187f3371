//! `mpp_migration._native`: the Python face of mpp-migration. It translates types and errors
//! and adds no rule of its own; the typed package `mpp_migration` re-exports it.
//!
//! Its docstrings are those of the stub `mpp_migration/_native.pyi`, the one text of each:
//! `#[doc = stub_doc!("Task.name")]` is the docstring of `Task.name` there, which python/build.rs
//! reads at compile time. An item naming a docstring the stub lacks does not compile. A method
//! of a class in `shapes::methods!` has the stub's docstring of its name without naming it.

// `methods!` reads a class's methods one at a time, three macro expansions each.
#![recursion_limit = "256"]

// `stub_doc!` and `with_stub_doc!`, defined before the modules so that every one of them sees
// them (see build.rs).
include!(concat!(env!("OUT_DIR"), "/stub_doc.rs"));

mod args;
mod board;
mod device;
mod directory;
mod e164;
mod eligibility;
mod email;
mod enums;
mod errors;
mod files;
mod firmware;
mod fleet;
mod gil;
mod hardware;
mod inventory;
mod json;
mod loads;
mod mac;
mod model;
mod plan;
mod sequence;
mod shapes;
mod source;
mod task;
mod upload;

/// The extension module.
#[pyo3::pymodule]
mod _native {
    use pyo3::prelude::*;
    use pyo3::types::PyTuple;

    // Every class, exception and function of the module, as the stub `_native.pyi` lists them
    // in its `__all__` (stubtest checks that the two agree).
    #[pymodule_export]
    use crate::{
        board::PyBoard,
        device::{PyDevice, PyDeviceIterator, PyDeviceList},
        directory::{PyDirectory, PyLocation},
        e164::{PyE164, country_calling_code_region, normalize_e164},
        eligibility::{PyEligibility, PyEligibilityRule, PyEligibilityTable, check_eligibility},
        email::validate_email,
        errors::{
            InputError, InternalError, MigrationError, PyErrorCodeInfo, PyFinding, error_code_info,
        },
        files::{PyOutputFile, recover_output_dir, write_files},
        firmware::PyFirmwareVersion,
        fleet::{PyFleetPlan, plan_fleet},
        hardware::PyHardwareVersion,
        inventory::{
            PyInventory, PyInventoryEntry, PyMapping, PyPreparedUpload, PyPreparedUploads, PyUdi,
            mac_from_device_name, parse_udi, prepare_uploads, read_inventory,
        },
        loads::{PyPhoneLoad, PyPhoneLoadTable},
        mac::{device_name, license_file_name, license_url, normalize_mac},
        model::{PyModel, PyModelLabel, models, parse_model, parse_model_label},
        plan::{
            PyAutoPlan, PyBatFile, PyLicense, PyManualPlan, check_bat_file_name, plan_automatic,
            plan_manual, status_report_csv,
        },
        task::{
            PyAddOutcome, PyEligibilityCounts, PyTabCounts, PyTask, PyTaskDevice,
            PyTaskDeviceIterator, PyTaskDeviceList, PyTaskEvent, PyTransitionOutcome, transition,
            transition_table_markdown,
        },
        upload::{
            PyUploadChunk, PyUploadCounts, PyUploadIterator, PyUploadReport, iter_upload,
            template_csv, user_export_csv, validate_upload,
        },
    };

    /// The constants, the exception classes that are also `TypeError` or `ValueError`, and
    /// `_enum_table` (set as an attribute, so that it stays out of `__all__`).
    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        use crate::{enums::enum_table, errors, task::transitions};
        use mpp_migration::{AUTO_BATCH_SIZE, BOARD_FORMAT, CLOUD_UPGRADE_SERVER, VERSION};
        use mpp_migration::{DEVICE_LIST_COLUMNS, STATUS_REPORT_COLUMNS};
        use mpp_migration::{E164_METADATA_VERSION, MAX_TASK_DEVICES, MAX_TASK_NAME};
        let py = m.py();
        m.add("__version__", VERSION)?;
        errors::add_dual_classes(m)?;
        m.add("ERROR_CODES", errors::error_codes(py)?)?;
        m.add("E164_METADATA_VERSION", E164_METADATA_VERSION)?;
        m.setattr("_enum_table", wrap_pyfunction!(enum_table, m)?)?;
        m.add("TRANSITIONS", transitions(py)?)?;
        m.add("MAX_TASK_DEVICES", MAX_TASK_DEVICES)?;
        m.add("MAX_TASK_NAME", MAX_TASK_NAME)?;
        m.add("BOARD_FORMAT", BOARD_FORMAT)?;
        let columns = PyTuple::new(py, DEVICE_LIST_COLUMNS)?;
        m.add("DEVICE_LIST_COLUMNS", columns)?;
        m.add("AUTO_BATCH_SIZE", AUTO_BATCH_SIZE)?;
        m.add("CLOUD_UPGRADE_SERVER", CLOUD_UPGRADE_SERVER)?;
        let columns = PyTuple::new(py, STATUS_REPORT_COLUMNS)?;
        m.add("STATUS_REPORT_COLUMNS", columns)
    }
}
