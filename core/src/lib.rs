//! # mpp-migration
//!
//! The rules of Cisco's Enterprise → Multiplatform (MPP) firmware migration for Webex Calling,
//! as Control Hub applies them, in a library that plans, validates and generates the artefacts
//! of a migration offline, deterministically and at fleet scale.
//!
//! Every rule is cited by its identifier in `docs/rules.md` (`DEV-6`, `CSV-5`, `EXT-2`, …) in the code
//! that enforces it and in the [`ErrorCode`] it reports.
//!
//! ```
//! use mpp_migration::{device_name, normalize_e164, normalize_mac, parse_model};
//!
//! assert_eq!(normalize_mac("00:1a:2b:3c:4d:5e")?, "001A2B3C4D5E");
//! assert_eq!(device_name("001a2b3c4d5e")?, "SEP001A2B3C4D5E");
//! assert_eq!(normalize_e164("+1 408 555 0100")?, "+14085550100");
//! assert_eq!(parse_model("CP-8845-K9=")?.series().as_str(), "8800");
//!
//! let err = normalize_mac("00-1A-2B-3C-4D-5E").unwrap_err();
//! assert_eq!((err.code().number(), err.code().as_str()), (203, "mac_wrong_separator"));
//! # Ok::<(), mpp_migration::Error>(())
//! ```
#![forbid(unsafe_code)]

mod device;
mod directory;
mod e164;
mod eligibility;
mod email;
mod error;
mod firmware;
mod hardware;
mod inventory;
mod json;
mod mac;
mod model;
mod plan;
mod table;
mod task;
mod text;
mod text_serde;
mod texts;
mod upload;

pub use device::{Assignment, Device, OwnerType};
pub use directory::{
    DIRECTORY_FORMAT, Directory, DirectoryBuilder, Location, MAX_LOCATION_NAME, NameMatch, Names,
    NamesIter,
};
pub use e164::{E164, E164_METADATA_VERSION, country_calling_code_region, normalize_e164};
pub use eligibility::{
    Eligibility, EligibilityRule, EligibilityStatus, EligibilityTable, MIN_MIGRATION_FIRMWARE,
    MIN_ONE_STEP_FIRMWARE, TABLE_COLUMNS as ELIGIBILITY_TABLE_COLUMNS, check_eligibility,
    firmware_findings,
};
pub use email::{Email, email_key, validate_email};
pub use error::{Error, ErrorCode, Finding, Result, Severity, read_file};
pub use firmware::{FirmwareKind, FirmwareVersion, LOAD_FAMILIES};
pub use hardware::HardwareVersion;
pub use inventory::{
    EntryStatus, HardwareList, INVENTORY_COLUMNS, INVENTORY_CSV_COLUMNS, Inventory,
    InventoryCounts, InventoryEntry, InventoryOptions, InventoryReader, LoadList, MAPPING_FORMAT,
    Mapping, PrepareOptions, PreparedUpload, PreparedUploads, Udi, WorkspaceMapping, parse_udi,
    prepare_uploads,
};
pub use json::ToJson;
pub use mac::{
    LICENSE_URL_BASE, Mac, device_name, license_file_name, mac_from_device_name, normalize_mac,
};
pub use model::{Model, ModelClass, ModelKind, ModelLabel, Series, parse_model, parse_model_label};
pub use plan::{
    AUTO_BATCH_SIZE, AutoPlan, AutoPlanOptions, BatFile, BatGroup, CLOUD_UPGRADE_SERVER, License,
    MIN_MPP_FOR_V15, ManualPlan, ManualPlanOptions, OutputFile, PhoneLoad, PhoneLoadTable, PlanRef,
    STATUS_REPORT_COLUMNS, bat_file_content, check_bat_file_name, plan_automatic, plan_manual,
    status_report_csv, write_files,
};
pub use plan::{MAX_OUTPUT_NAME_BYTES, recover_output_dir};
pub use task::{
    AddOutcome, BOARD_FORMAT, Board, CompletionMode, DEVICE_LIST_COLUMNS, DeviceTab,
    EligibilityCounts, EventKind, FleetGrouping, FleetOptions, FleetPlan, MAX_TASK_DEVICES,
    MAX_TASK_NAME, MAX_UPLOAD_COUNT, Outcome, TRANSITIONS, TabCounts, Task, TaskDevice, TaskEvent,
    TaskName, TaskStatus, plan_fleet, status_from_tabs, transition, transition_table_markdown,
};
pub use texts::{Texts, TextsIter};
pub use upload::{
    Cells, CellsIter, Column, ERRORS_COLUMN, ErrorsCsvWriter, KNOWN_EXTRA_COLUMNS, ReaderLimits,
    RejectedRow, RejectedRows, RowCells, UploadChunk, UploadCounts, UploadOption, UploadOptions,
    UploadReader, UploadReport, UploadRow, devices_csv, spreadsheet_safe, template_csv,
    user_export_csv, validate_upload, validate_upload_path,
};

/// The README's Rust examples, run as doc tests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The version of this library, from Cargo.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
