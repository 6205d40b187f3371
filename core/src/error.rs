//! The one error model of the library: [`ErrorCode`], [`Severity`], [`Finding`] and
//! [`Error`].
//!
//! A [`Finding`] is an observation about some input: a bad MAC in row 7, a warning that a phone
//! loses its Wi-Fi settings. Validation collects findings into reports and never stops at the
//! first one. An [`Error`] is a finding that stopped an operation: an argument that could not be
//! read, a file that could not be opened, a refused state transition. Both carry the same fields,
//! so a host can show them the same way.
//!
//! Every [`ErrorCode`] has a stable number (its range says what it concerns), a stable
//! snake_case name, the rule it enforces (an id of `docs/rules.md`) and a fixed severity. Numbers and names are
//! API: they are never renumbered and never reused. The committed table `docs/error-codes.md`
//! is checked against [`ErrorCode::ALL`] by the tests, so a change is always a visible diff.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// Every error and finding code, with its stable number.
///
/// Ranges: 1xx input and encoding, 2xx identifiers, 3xx CSV upload, 4xx eligibility, 5xx tasks,
/// 6xx migration plans and BAT files, 9xx internal.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ErrorCode {
    // 1xx: input and encoding.
    /// An argument is out of range or of the wrong kind (an unknown option, a wrong type).
    InvalidArgument = 101,
    /// A required pointer argument is NULL (C ABI).
    NullPointer = 102,
    /// A text argument is not valid UTF-8.
    ArgumentNotUtf8 = 103,
    /// A file or stream could not be read or written.
    IoError = 104,

    // 2xx: identifiers.
    /// The file is empty: it has no header row (DEC-10).
    EmptyFile = 105,
    /// The file starts with a UTF-8 byte-order mark, which is accepted (DEC-10).
    ByteOrderMark = 106,
    /// A row is blank; Webex rejects blank lines (DEC-10, EXT-11, EXT-12).
    BlankLine = 107,
    /// A row has a different number of fields than the header (EXT-12).
    FieldCountMismatch = 108,
    /// A cell contains bytes that are not UTF-8 (DEC-10).
    InvalidUtf8 = 109,
    /// A cell is longer than the reader's size limit; the row is refused and memory stays bounded.
    FieldTooLong = 110,
    /// A row is longer, or has more fields, than the reader's size limit.
    RecordTooLong = 111,
    /// A quoted cell is never closed; its row ends with its line and the rows after it are read (DEC-10).
    UnterminatedQuote = 112,
    /// A JSON document is malformed, or a value has the wrong type; the message names the place.
    JsonInvalid = 113,
    /// The file has a header but no data rows (CSV-14: nothing to add).
    NoDataRows = 114,
    /// The `mpp_error **err` slot given to a C function already holds an error: the call did
    /// nothing (C ABI; free the earlier error and set the slot to NULL first).
    ErrorSlotInUse = 130,
    /// A C view of a task was read after its board changed: the view is stale and gives no
    /// data (C ABI); look the task up again.
    ViewStale = 131,
    /// A MAC address does not have 12 hexadecimal digits (DEV-6).
    MacInvalidLength = 201,
    /// A MAC address contains a character that is not a hexadecimal digit (DEV-6).
    MacInvalidCharacter = 202,
    /// A MAC address uses `-` or `.` as separator; only `:` pairs are accepted (DEC-3).
    MacWrongSeparator = 203,
    /// A Unified CM device name (`SEP…`) was given where a MAC address is expected (DEC-3).
    MacDeviceName = 204,
    /// A colon-separated MAC address is not six pairs of two digits (DEV-6).
    MacInvalidGrouping = 205,
    /// A phone number does not start with `+` (DEC-4).
    E164MissingPlus = 210,
    /// A phone number contains a character that is neither a digit nor formatting (CSV-5).
    E164InvalidCharacter = 211,
    /// A phone number has more than 15 digits (EXT-12), more than the numbers of its country
    /// have, or digits added to a complete number of its country (EXT-18).
    E164TooLong = 212,
    /// A phone number is empty, or its digits after the country calling code begin a number of
    /// its country but are fewer than that number needs (EXT-18).
    E164TooShort = 213,
    /// A phone number's country calling code starts with 0 (EXT-12).
    E164LeadingZero = 214,
    /// A phone number starts with no assigned country calling code (EXT-12).
    E164UnknownCountryCode = 215,
    /// A phone number keeps a national trunk prefix after its country calling code (`(0)`, or
    /// `+44 020 …` where the country's numbers never start with it); E.164 drops it (DEC-4, EXT-18).
    E164TrunkPrefix = 216,
    /// A phone number is in no number range of its country calling code by libphonenumber's
    /// metadata, though its length may fit (EXT-18): `+1 200 555 0100` (no area code 200).
    E164InvalidNumber = 217,
    /// An email address is not of the form `local@domain.tld` (CSV-4).
    EmailInvalid = 220,
    /// A phone model is not one the catalogue knows (CSV-8, EXT-9).
    ModelUnknown = 230,
    /// A hardware version (VID) is not `V` and a number from 1 to 99 (EXT-1).
    HardwareVersionInvalid = 240,
    /// A firmware version or load name cannot be read (EXT-6).
    FirmwareVersionInvalid = 250,
    /// A Unified CM device name that is not `SEP` and a MAC (DEV-7): a Jabber client (`CSF`,
    /// `BOT`, `TCT`, `TAB`), an ATA port, a CTI port or a name typed wrongly.
    DeviceNameInvalid = 260,
    /// A UDI string that does not read as `PID: CP-8845-K9=, VID: V02, SN: …` (EXT-16).
    UdiInvalid = 261,

    // 9xx: internal.
    /// A column of the schema is missing from the header (CSV-1, CSV-2, DEC-9).
    HeaderMissingColumn = 301,
    /// A header column is not part of the schema; its values are ignored (DEC-9).
    HeaderUnknownColumn = 302,
    /// A column appears twice in the header; rows whose two cells differ are refused (DEC-9).
    HeaderDuplicateColumn = 303,
    /// Activation codes are not supported for Enterprise to MPP migration (CSV-10, DEC-8).
    ActivationCodeUnsupported = 304,
    /// Type is empty; it must be USER or WORKSPACE (CSV-3).
    TypeMissing = 305,
    /// Type is neither USER nor WORKSPACE (CSV-3).
    TypeInvalid = 306,
    /// The USER does not exist in the organisation (CSV-3).
    UserNotFound = 307,
    /// Username is empty: an email for a USER, a name for a WORKSPACE (CSV-4).
    UsernameMissing = 308,
    /// A workspace name differs from an existing workspace only in case or spacing (DEC-7).
    WorkspaceNameMismatch = 309,
    /// A USER row has a Phone Number; it must be empty (CSV-5).
    PhoneNumberNotAllowed = 310,
    /// A WORKSPACE row has no Phone Number; it is mandatory (CSV-5).
    PhoneNumberMissing = 311,
    /// A USER row has an Extension; it must be empty (CSV-6).
    ExtensionNotAllowed = 312,
    /// An Extension is not 2 to 10 digits (DEC-5, EXT-12).
    ExtensionInvalid = 313,
    /// An Extension is already in use in the location (CSV-6, DEC-5).
    ExtensionInUse = 314,
    /// An earlier row of the file uses the same Extension in the same location (DEC-5).
    ExtensionDuplicate = 315,
    /// Device Type is empty; it must be IP (CSV-7).
    DeviceTypeMissing = 316,
    /// Device Type is not IP, the only valid value (CSV-7).
    DeviceTypeInvalid = 317,
    /// Model is empty; it is mandatory (CSV-8).
    ModelMissing = 318,
    /// MAC Address is empty; it is mandatory (CSV-9).
    MacMissing = 319,
    /// An earlier row of the file has the same MAC address (DEV-6, DEC-2).
    MacDuplicate = 320,
    /// The device is already configured in Webex Calling and must not be in this upload (CSV-13).
    MacInWebexCalling = 321,
    /// Location is empty; it is mandatory (CSV-11).
    LocationMissing = 322,
    /// No location of the organisation has this name (CSV-11).
    LocationNotFound = 323,
    /// A location name differs from an existing location only in case or spacing (DEC-7).
    LocationNameMismatch = 324,
    /// A location name is longer than 80 characters (EXT-12).
    LocationNameTooLong = 325,
    /// Call Plan is not true/false, yes/no or 1/0 (DEC-6).
    CallPlanInvalid = 326,
    /// Call Plan is true on a USER row; it applies to new workspaces only (CSV-12, DEC-6).
    CallPlanForUser = 327,
    /// Call Plan is true but the location is not a Cisco PSTN location (CSV-12).
    CallPlanNotCiscoPstn = 328,
    /// Call Plan is true for a workspace that already exists; it applies to new workspaces only (DEC-6).
    CallPlanExistingWorkspace = 329,
    /// The organisation directory has an invalid or contradictory entry; the message names it.
    DirectoryInvalid = 330,
    /// A header column that Control Hub's own templates write but the upload does not read
    /// (`Webex Go`); its values are ignored (EXT-13).
    HeaderExtraColumn = 331,
    /// A column appears twice in the header and this row's two cells differ, so its value is
    /// not known; the row is refused (DEC-9).
    DuplicateColumnConflict = 332,
    /// A workspace or location name not matched against the directory starts or ends with a
    /// space, which is part of the name (DEC-7).
    NameSurroundingSpaces = 333,
    /// A Unified CM phone export lacks a column the import needs, `Device Name` (or `MAC
    /// Address`) and `Device Type` (EXT-14); no row of it can be read.
    InventoryColumnMissing = 350,
    /// A device name given twice in one Unified CM export (DEV-6); the first row keeps it.
    InventoryDuplicateDevice = 352,
    /// A hardware-version or load list names a device the export does not hold (EXT-1,
    /// EXT-15); the entry is not used.
    SupplementUnknownDevice = 353,
    /// A hardware-version or load list contradicts itself or the export (EXT-16): the same
    /// device twice with different values, or a UDI naming another model; the first value, or
    /// the export's model, is kept.
    SupplementConflict = 354,
    /// A hardware-version or load list lacks the columns that identify the device and its value
    /// (EXT-1, EXT-15); nothing of it can be read.
    SupplementColumnMissing = 355,
    /// A mapping of Unified CM data to Webex (owner user ids, device pools, locations,
    /// workspaces) that cannot be read.
    MappingInvalid = 360,
    /// The mapping gives no user email for the phone's Owner User ID, or the phone has no
    /// owner and is not mapped to a workspace (CSV-4); its row is not generated.
    MappingNoUser = 361,
    /// The mapping gives no Webex location for the phone's device pool or Unified CM location
    /// (CSV-11); its row is not generated.
    MappingNoLocation = 362,
    /// A phone mapped to a workspace without a phone number (CSV-5); its row is not generated.
    MappingNoPhoneNumber = 363,
    /// The mapping names a device the inventory does not hold; the entry is not used.
    MappingUnknownDevice = 364,
    /// The model cannot migrate to MPP firmware (DEV-2).
    ModelNotEligible = 401,
    /// The model runs MPP firmware only; there is no Enterprise firmware to migrate from (DEV-4).
    ModelMppOnly = 402,
    /// The hardware version (VID) of the phone is outside the eligible range of its model (DEV-5, EXT-2).
    HardwareVersionNotEligible = 403,
    /// Eligibility of the model depends on its hardware version, which is not known (EXT-3).
    HardwareVersionUnknown = 404,
    /// The eligibility table has no rule for this model or hardware version (ELIG-1: unknown).
    EligibilityNoRule = 405,
    /// The model migrates, but some features (Wi-Fi, daisy chain) may not work afterwards (DEV-2, EXT-4).
    ModelLimitedFeatures = 406,
    /// 8800 audio hardware V15 or later needs MPP firmware 11.3.3 or later and cannot be downgraded below it (DEV-3, EXT-5).
    MinimumMppFirmware = 407,
    /// Migration factory-resets the phone: call history and local contacts are lost (EXT-8).
    FactoryReset = 408,
    /// The phone loses its Wi-Fi settings: connect it by Ethernet for the migration and re-join Wi-Fi afterwards (DEV-8).
    WifiSettingsLost = 409,
    /// The Enterprise firmware is below 12.5(1), the minimum for any migration: an error, the phone is not
    /// prepared and is in no BAT file until it is upgraded (EXT-6, DEC-11).
    FirmwareBelowMinimum = 410,
    /// The Enterprise firmware is below 14.1: it needs an E2M COP file first, so it is in the Group 1 file
    /// only (MAN-4), or an upgrade to 14.1 (EXT-6, MAN-1, DEC-11).
    FirmwareNeedsCop = 411,
    /// The phone already runs MPP firmware; there is nothing to migrate (EXT-6).
    FirmwareAlreadyMpp = 412,
    /// An eligibility table supplied by the host has an invalid, overlapping or inverted row; the message names it.
    EligibilityTableInvalid = 413,
    /// The device type has no Enterprise → MPP migration at all: Cisco hardware without MPP
    /// firmware (7900, 6900, 8900, 9900, ATA…), a PhoneOS phone, a soft client, a virtual, third-party
    /// or video device; the message says which (EXT-17, DEC-9).
    ModelCannotMigrate = 414,
    /// Phones of a manual plan's Group 2 files have no known Enterprise load: confirm it is 14.1
    /// or later before using those files, or use the Group 1 file (DEC-11, MAN-1).
    FirmwareUnknown = 415,
    /// A phone whose eligibility is Not eligible is left out of the generated uploads (ELIG-2):
    /// it would never be migrated.
    NotEligibleLeftOut = 430,
    /// A task name is empty, contains a space, or has a character other than letters, digits, '-', '_' or '.' (TASK-1).
    TaskNameInvalid = 501,
    /// Another task of the organisation already has this name (TASK-1).
    TaskNameTaken = 502,
    /// Another task is in progress; this one cannot start until that one finishes (TASK-2).
    TaskInProgressExists = 503,
    /// The action is not allowed in the task's current status (TASK-4); the message names both.
    TransitionRefused = 504,
    /// Complete migration is enabled only when the task is Ready for migration (TASK-7); complete a subset of ready devices instead.
    CompleteRequiresReady = 505,
    /// A task holds at most 1000 devices (ELIG-3); the device was not added.
    TaskFull = 506,
    /// The device (by MAC) is already in this task (DEV-6).
    DeviceAlreadyInTask = 507,
    /// The device (by MAC) is already in another task of the organisation (DEV-6).
    DeviceInOtherTask = 508,
    /// No device of the task has this MAC address.
    DeviceNotInTask = 509,
    /// The device is not eligible and is never prepared or migrated (ELIG-2).
    DeviceNotEligible = 510,
    /// The device's eligibility is unknown and the task does not include unknown eligibility (ELIG-2).
    DeviceEligibilityUnknown = 511,
    /// The upload was validated for another migration option than the task's (TASK-3).
    TaskOptionMismatch = 512,
    /// No task of the board has this name.
    TaskNotFound = 513,
    /// A saved board or task is malformed or breaks an invariant (two tasks in progress, too many devices, a device in two tasks); nothing is loaded.
    DocumentInvalid = 514,
    /// A saved document has a format version this library does not read.
    DocumentVersionUnsupported = 515,
    /// A device of a license-only task is not yet added to the organisation for Webex Calling, a precondition of Complete migration (TASK-9).
    DeviceNotInWebexCalling = 516,
    /// The task's migration is paused; resume or cancel it first (TASK-6).
    TaskPaused = 517,
    /// The task has no device that can be prepared for migration (ELIG-2).
    TaskEmpty = 518,
    /// The device is not in the tab the action applies to (TASK-5), e.g. moving a device that is not in Error.
    DeviceWrongTab = 519,
    /// A task's accumulated upload counts would exceed 2^53 - 1, the most a saved board holds
    /// exactly (CSV-14); nothing of the upload was added.
    UploadCountLimit = 520,
    /// Automatic completion requires Cloud Connected UC; without it, it is disabled (AUTO-1).
    CloudConnectedUcRequired = 601,
    /// Automatic completion needs the TFTP server type to be picked (AUTO-2).
    TftpServerRequired = 602,
    /// Automatic completion needs the Unified CM TFTP load server where the devices are found (AUTO-2).
    LoadServerRequired = 603,
    /// A file name for Unified CM uses only letters, digits, '-', '.' and '_', does not start with a dot and has at most one dot (MAN-2).
    FileNameInvalid = 604,
    /// A BAT file name must not contain a comma (EXT-11).
    FileNameComma = 605,
    /// A phone-load table supplied by the host has an unknown model, a load that is not an MPP load, a missing or duplicated model (EXT-10).
    PhoneLoadTableInvalid = 606,
    /// An output file already exists and overwriting was not asked for; nothing was written.
    OutputExists = 607,
    /// An output directory or file name is empty, would leave the output directory, or is one
    /// the file system refuses (a NUL or control character, longer than 255 bytes, a leading
    /// dot, which the writer keeps for its staging area); nothing was written.
    OutputPathInvalid = 608,
    /// The phone-load table has no MPP load for the device's model, so it is in no Group 2 file,
    /// only in Group 1 (MAN-4).
    NoPhoneLoad = 609,
    /// Two output files of one write have the same name (compared regardless of case, as some
    /// file systems do); nothing was written.
    OutputNameDuplicate = 620,
    /// A bug inside the library was caught at the language boundary; nothing was changed.
    Panic = 901,
}

/// Static facts about one code: its name, rule, severity and one-line meaning.
struct CodeInfo {
    name: &'static str,
    rule: &'static str,
    severity: Severity,
    summary: &'static str,
}

const fn info(
    name: &'static str,
    rule: &'static str,
    severity: Severity,
    summary: &'static str,
) -> CodeInfo {
    CodeInfo {
        name,
        rule,
        severity,
        summary,
    }
}

impl ErrorCode {
    /// Every code, in number order.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::InvalidArgument,
        ErrorCode::NullPointer,
        ErrorCode::ArgumentNotUtf8,
        ErrorCode::IoError,
        ErrorCode::EmptyFile,
        ErrorCode::ByteOrderMark,
        ErrorCode::BlankLine,
        ErrorCode::FieldCountMismatch,
        ErrorCode::InvalidUtf8,
        ErrorCode::FieldTooLong,
        ErrorCode::RecordTooLong,
        ErrorCode::UnterminatedQuote,
        ErrorCode::JsonInvalid,
        ErrorCode::NoDataRows,
        ErrorCode::ErrorSlotInUse,
        ErrorCode::ViewStale,
        ErrorCode::MacInvalidLength,
        ErrorCode::MacInvalidCharacter,
        ErrorCode::MacWrongSeparator,
        ErrorCode::MacDeviceName,
        ErrorCode::MacInvalidGrouping,
        ErrorCode::E164MissingPlus,
        ErrorCode::E164InvalidCharacter,
        ErrorCode::E164TooLong,
        ErrorCode::E164TooShort,
        ErrorCode::E164LeadingZero,
        ErrorCode::E164UnknownCountryCode,
        ErrorCode::E164TrunkPrefix,
        ErrorCode::E164InvalidNumber,
        ErrorCode::EmailInvalid,
        ErrorCode::ModelUnknown,
        ErrorCode::HardwareVersionInvalid,
        ErrorCode::FirmwareVersionInvalid,
        ErrorCode::DeviceNameInvalid,
        ErrorCode::UdiInvalid,
        ErrorCode::HeaderMissingColumn,
        ErrorCode::HeaderUnknownColumn,
        ErrorCode::HeaderDuplicateColumn,
        ErrorCode::ActivationCodeUnsupported,
        ErrorCode::TypeMissing,
        ErrorCode::TypeInvalid,
        ErrorCode::UserNotFound,
        ErrorCode::UsernameMissing,
        ErrorCode::WorkspaceNameMismatch,
        ErrorCode::PhoneNumberNotAllowed,
        ErrorCode::PhoneNumberMissing,
        ErrorCode::ExtensionNotAllowed,
        ErrorCode::ExtensionInvalid,
        ErrorCode::ExtensionInUse,
        ErrorCode::ExtensionDuplicate,
        ErrorCode::DeviceTypeMissing,
        ErrorCode::DeviceTypeInvalid,
        ErrorCode::ModelMissing,
        ErrorCode::MacMissing,
        ErrorCode::MacDuplicate,
        ErrorCode::MacInWebexCalling,
        ErrorCode::LocationMissing,
        ErrorCode::LocationNotFound,
        ErrorCode::LocationNameMismatch,
        ErrorCode::LocationNameTooLong,
        ErrorCode::CallPlanInvalid,
        ErrorCode::CallPlanForUser,
        ErrorCode::CallPlanNotCiscoPstn,
        ErrorCode::CallPlanExistingWorkspace,
        ErrorCode::DirectoryInvalid,
        ErrorCode::HeaderExtraColumn,
        ErrorCode::DuplicateColumnConflict,
        ErrorCode::NameSurroundingSpaces,
        ErrorCode::InventoryColumnMissing,
        ErrorCode::InventoryDuplicateDevice,
        ErrorCode::SupplementUnknownDevice,
        ErrorCode::SupplementConflict,
        ErrorCode::SupplementColumnMissing,
        ErrorCode::MappingInvalid,
        ErrorCode::MappingNoUser,
        ErrorCode::MappingNoLocation,
        ErrorCode::MappingNoPhoneNumber,
        ErrorCode::MappingUnknownDevice,
        ErrorCode::ModelNotEligible,
        ErrorCode::ModelMppOnly,
        ErrorCode::HardwareVersionNotEligible,
        ErrorCode::HardwareVersionUnknown,
        ErrorCode::EligibilityNoRule,
        ErrorCode::ModelLimitedFeatures,
        ErrorCode::MinimumMppFirmware,
        ErrorCode::FactoryReset,
        ErrorCode::WifiSettingsLost,
        ErrorCode::FirmwareBelowMinimum,
        ErrorCode::FirmwareNeedsCop,
        ErrorCode::FirmwareAlreadyMpp,
        ErrorCode::EligibilityTableInvalid,
        ErrorCode::ModelCannotMigrate,
        ErrorCode::FirmwareUnknown,
        ErrorCode::NotEligibleLeftOut,
        ErrorCode::TaskNameInvalid,
        ErrorCode::TaskNameTaken,
        ErrorCode::TaskInProgressExists,
        ErrorCode::TransitionRefused,
        ErrorCode::CompleteRequiresReady,
        ErrorCode::TaskFull,
        ErrorCode::DeviceAlreadyInTask,
        ErrorCode::DeviceInOtherTask,
        ErrorCode::DeviceNotInTask,
        ErrorCode::DeviceNotEligible,
        ErrorCode::DeviceEligibilityUnknown,
        ErrorCode::TaskOptionMismatch,
        ErrorCode::TaskNotFound,
        ErrorCode::DocumentInvalid,
        ErrorCode::DocumentVersionUnsupported,
        ErrorCode::DeviceNotInWebexCalling,
        ErrorCode::TaskPaused,
        ErrorCode::TaskEmpty,
        ErrorCode::DeviceWrongTab,
        ErrorCode::UploadCountLimit,
        ErrorCode::CloudConnectedUcRequired,
        ErrorCode::TftpServerRequired,
        ErrorCode::LoadServerRequired,
        ErrorCode::FileNameInvalid,
        ErrorCode::FileNameComma,
        ErrorCode::PhoneLoadTableInvalid,
        ErrorCode::OutputExists,
        ErrorCode::OutputPathInvalid,
        ErrorCode::NoPhoneLoad,
        ErrorCode::OutputNameDuplicate,
        ErrorCode::Panic,
    ];

    const fn info(self) -> CodeInfo {
        use ErrorCode::*;
        use Severity::{Error as E, Warning as W};
        match self {
            InvalidArgument => info(
                "invalid_argument",
                "",
                E,
                "An argument is out of range or of the wrong kind.",
            ),
            NullPointer => info(
                "null_pointer",
                "",
                E,
                "A required pointer argument is NULL.",
            ),
            ArgumentNotUtf8 => info(
                "argument_not_utf8",
                "",
                E,
                "A text argument is not valid UTF-8.",
            ),
            IoError => info(
                "io_error",
                "",
                E,
                "A file or stream could not be read or written.",
            ),
            EmptyFile => info(
                "empty_file",
                "DEC-10",
                E,
                "The file is empty: it has no header row.",
            ),
            ByteOrderMark => info(
                "byte_order_mark",
                "DEC-10",
                W,
                "The file starts with a UTF-8 byte-order mark; it is accepted.",
            ),
            BlankLine => info(
                "blank_line",
                "DEC-10",
                E,
                "A row is blank; Webex rejects blank lines.",
            ),
            FieldCountMismatch => info(
                "field_count_mismatch",
                "EXT-12",
                E,
                "A row has a different number of fields than the header.",
            ),
            InvalidUtf8 => info(
                "invalid_utf8",
                "DEC-10",
                E,
                "A cell contains bytes that are not UTF-8.",
            ),
            FieldTooLong => info(
                "field_too_long",
                "",
                E,
                "A cell is longer than the size limit.",
            ),
            RecordTooLong => info(
                "record_too_long",
                "",
                E,
                "A row is longer, or has more fields, than the size limit.",
            ),
            UnterminatedQuote => info(
                "unterminated_quote",
                "DEC-10",
                E,
                "A quoted cell is never closed; its row ends with its line and the rows after it are read.",
            ),
            JsonInvalid => info(
                "json_invalid",
                "",
                E,
                "A JSON document is malformed or has a value of the wrong type.",
            ),
            NoDataRows => info(
                "no_data_rows",
                "CSV-14",
                W,
                "The file has a header but no data rows.",
            ),
            ErrorSlotInUse => info(
                "error_slot_in_use",
                "",
                E,
                "The C error slot already holds an error; the call did nothing.",
            ),
            ViewStale => info(
                "view_stale",
                "",
                E,
                "A C task view was read after its board changed; look the task up again.",
            ),
            MacInvalidLength => info(
                "mac_invalid_length",
                "DEV-6",
                E,
                "A MAC address does not have 12 hexadecimal digits.",
            ),
            MacInvalidCharacter => info(
                "mac_invalid_character",
                "DEV-6",
                E,
                "A MAC address contains a character that is not a hexadecimal digit.",
            ),
            MacWrongSeparator => info(
                "mac_wrong_separator",
                "DEC-3",
                E,
                "A MAC address uses '-' or '.' as separator.",
            ),
            MacDeviceName => info(
                "mac_device_name",
                "DEC-3",
                E,
                "A device name (SEP…) was given where a MAC address is expected.",
            ),
            MacInvalidGrouping => info(
                "mac_invalid_grouping",
                "DEV-6",
                E,
                "A colon-separated MAC address is not six pairs of two digits.",
            ),
            E164MissingPlus => info(
                "e164_missing_plus",
                "DEC-4",
                E,
                "A phone number does not start with '+'.",
            ),
            E164InvalidCharacter => info(
                "e164_invalid_character",
                "CSV-5",
                E,
                "A phone number contains a character that is neither a digit nor formatting.",
            ),
            E164TooLong => info(
                "e164_too_long",
                "EXT-12",
                E,
                "A phone number has more than 15 digits, or more than the numbers of its country have.",
            ),
            E164TooShort => info(
                "e164_too_short",
                "EXT-12",
                E,
                "A phone number has fewer digits than the numbers of its country need.",
            ),
            E164LeadingZero => info(
                "e164_leading_zero",
                "EXT-12",
                E,
                "A phone number's country calling code starts with 0.",
            ),
            E164UnknownCountryCode => info(
                "e164_unknown_country_code",
                "EXT-12",
                E,
                "A phone number starts with no assigned country calling code.",
            ),
            E164TrunkPrefix => info(
                "e164_trunk_prefix",
                "DEC-4",
                E,
                "A phone number keeps a national trunk prefix (0) after its country code.",
            ),
            E164InvalidNumber => info(
                "e164_invalid_number",
                "EXT-18",
                E,
                "A phone number is in no number range of its country calling code.",
            ),
            EmailInvalid => info(
                "email_invalid",
                "CSV-4",
                E,
                "An email address is not of the form local@domain.tld.",
            ),
            ModelUnknown => info(
                "model_unknown",
                "CSV-8",
                E,
                "A phone model is not one the catalogue knows.",
            ),
            HardwareVersionInvalid => info(
                "hardware_version_invalid",
                "EXT-1",
                E,
                "A hardware version (VID) is not V and a number from 1 to 99.",
            ),
            FirmwareVersionInvalid => info(
                "firmware_version_invalid",
                "EXT-6",
                E,
                "A firmware version or load name cannot be read.",
            ),
            DeviceNameInvalid => info(
                "device_name_invalid",
                "DEV-7",
                E,
                "A Unified CM device name is not SEP and a MAC.",
            ),
            UdiInvalid => info(
                "udi_invalid",
                "EXT-16",
                E,
                "A UDI string cannot be read as PID, VID and SN.",
            ),
            HeaderMissingColumn => info(
                "header_missing_column",
                "DEC-9",
                E,
                "A column of the schema is missing from the header.",
            ),
            HeaderUnknownColumn => info(
                "header_unknown_column",
                "DEC-9",
                W,
                "A header column is not part of the schema; it is ignored.",
            ),
            HeaderDuplicateColumn => info(
                "header_duplicate_column",
                "DEC-9",
                W,
                "A column appears twice in the header; rows whose two cells differ are refused.",
            ),
            ActivationCodeUnsupported => info(
                "activation_code_unsupported",
                "CSV-10",
                E,
                "Activation codes are not supported for Enterprise to MPP migration.",
            ),
            TypeMissing => info(
                "type_missing",
                "CSV-3",
                E,
                "Type is empty; it must be USER or WORKSPACE.",
            ),
            TypeInvalid => info(
                "type_invalid",
                "CSV-3",
                E,
                "Type is neither USER nor WORKSPACE.",
            ),
            UserNotFound => info(
                "user_not_found",
                "CSV-3",
                E,
                "The USER does not exist in the organisation.",
            ),
            UsernameMissing => info("username_missing", "CSV-4", E, "Username is empty."),
            WorkspaceNameMismatch => info(
                "workspace_name_mismatch",
                "DEC-7",
                E,
                "A workspace name differs from an existing one only in case or spacing.",
            ),
            PhoneNumberNotAllowed => info(
                "phone_number_not_allowed",
                "CSV-5",
                E,
                "A USER row has a Phone Number; it must be empty.",
            ),
            PhoneNumberMissing => info(
                "phone_number_missing",
                "CSV-5",
                E,
                "A WORKSPACE row has no Phone Number.",
            ),
            ExtensionNotAllowed => info(
                "extension_not_allowed",
                "CSV-6",
                E,
                "A USER row has an Extension; it must be empty.",
            ),
            ExtensionInvalid => info(
                "extension_invalid",
                "DEC-5",
                E,
                "An Extension is not 2 to 10 digits.",
            ),
            ExtensionInUse => info(
                "extension_in_use",
                "CSV-6",
                E,
                "An Extension is already in use in the location.",
            ),
            ExtensionDuplicate => info(
                "extension_duplicate",
                "DEC-5",
                E,
                "An earlier row of the file uses the same Extension in the same location.",
            ),
            DeviceTypeMissing => info(
                "device_type_missing",
                "CSV-7",
                E,
                "Device Type is empty; it must be IP.",
            ),
            DeviceTypeInvalid => info("device_type_invalid", "CSV-7", E, "Device Type is not IP."),
            ModelMissing => info("model_missing", "CSV-8", E, "Model is empty."),
            MacMissing => info("mac_missing", "CSV-9", E, "MAC Address is empty."),
            MacDuplicate => info(
                "mac_duplicate",
                "DEC-2",
                E,
                "An earlier row of the file has the same MAC address.",
            ),
            MacInWebexCalling => info(
                "mac_in_webex_calling",
                "CSV-13",
                E,
                "The device is already configured in Webex Calling.",
            ),
            LocationMissing => info("location_missing", "CSV-11", E, "Location is empty."),
            LocationNotFound => info(
                "location_not_found",
                "CSV-11",
                E,
                "No location of the organisation has this name.",
            ),
            LocationNameMismatch => info(
                "location_name_mismatch",
                "DEC-7",
                E,
                "A location name differs from an existing one only in case or spacing.",
            ),
            LocationNameTooLong => info(
                "location_name_too_long",
                "EXT-12",
                E,
                "A location name is longer than 80 characters.",
            ),
            CallPlanInvalid => info(
                "call_plan_invalid",
                "DEC-6",
                E,
                "Call Plan is not true or false.",
            ),
            CallPlanForUser => info(
                "call_plan_for_user",
                "DEC-6",
                E,
                "Call Plan is true on a USER row.",
            ),
            CallPlanNotCiscoPstn => info(
                "call_plan_not_cisco_pstn",
                "CSV-12",
                E,
                "Call Plan is true but the location is not a Cisco PSTN location.",
            ),
            CallPlanExistingWorkspace => info(
                "call_plan_existing_workspace",
                "DEC-6",
                W,
                "Call Plan is true for a workspace that already exists; it is ignored.",
            ),
            DirectoryInvalid => info(
                "directory_invalid",
                "",
                E,
                "The organisation directory has an invalid or contradictory entry.",
            ),
            HeaderExtraColumn => info(
                "header_extra_column",
                "EXT-13",
                W,
                "A column of Control Hub's own templates that the upload does not read; it is ignored.",
            ),
            DuplicateColumnConflict => info(
                "duplicate_column_conflict",
                "DEC-9",
                E,
                "A column appears twice in the header and the row's two cells differ; the row is refused.",
            ),
            NameSurroundingSpaces => info(
                "name_surrounding_spaces",
                "DEC-7",
                W,
                "A new workspace's or an unchecked location's name starts or ends with a space, which is part of the name.",
            ),
            InventoryColumnMissing => info(
                "inventory_column_missing",
                "EXT-14",
                E,
                "A Unified CM phone export lacks Device Name or Device Type.",
            ),
            InventoryDuplicateDevice => info(
                "inventory_duplicate_device",
                "DEV-6",
                E,
                "A device name is given twice in one Unified CM export.",
            ),
            SupplementUnknownDevice => info(
                "supplement_unknown_device",
                "EXT-16",
                W,
                "A hardware-version or load list names a device the export lacks.",
            ),
            SupplementConflict => info(
                "supplement_conflict",
                "EXT-16",
                W,
                "A hardware-version or load list contradicts itself or the export.",
            ),
            SupplementColumnMissing => info(
                "supplement_column_missing",
                "EXT-15",
                E,
                "A hardware-version or load list lacks its device or value column.",
            ),
            MappingInvalid => info(
                "mapping_invalid",
                "",
                E,
                "A Unified CM to Webex mapping cannot be read.",
            ),
            MappingNoUser => info(
                "mapping_no_user",
                "CSV-4",
                E,
                "The mapping gives no user email or workspace for a phone.",
            ),
            MappingNoLocation => info(
                "mapping_no_location",
                "CSV-11",
                E,
                "The mapping gives no Webex location for a phone.",
            ),
            MappingNoPhoneNumber => info(
                "mapping_no_phone_number",
                "CSV-5",
                E,
                "A phone mapped to a workspace has no phone number.",
            ),
            MappingUnknownDevice => info(
                "mapping_unknown_device",
                "",
                W,
                "The mapping names a device the inventory does not hold.",
            ),
            ModelNotEligible => info(
                "model_not_eligible",
                "DEV-2",
                E,
                "The model cannot migrate to MPP.",
            ),
            ModelMppOnly => info(
                "model_mpp_only",
                "DEV-4",
                E,
                "The model runs MPP firmware only; there is nothing to migrate.",
            ),
            HardwareVersionNotEligible => info(
                "hardware_version_not_eligible",
                "DEV-5",
                E,
                "The hardware version of the phone cannot migrate.",
            ),
            HardwareVersionUnknown => info(
                "hardware_version_unknown",
                "EXT-3",
                W,
                "Eligibility depends on the hardware version, which is not known.",
            ),
            EligibilityNoRule => info(
                "eligibility_no_rule",
                "ELIG-1",
                W,
                "The eligibility table has no rule for this model or hardware version.",
            ),
            ModelLimitedFeatures => info(
                "model_limited_features",
                "DEV-2",
                W,
                "The model migrates, but some features may not work afterwards.",
            ),
            MinimumMppFirmware => info(
                "minimum_mpp_firmware",
                "DEV-3",
                W,
                "The hardware needs MPP 11.3.3 or later and cannot be downgraded below it.",
            ),
            FactoryReset => info(
                "factory_reset",
                "EXT-8",
                W,
                "Migration factory-resets the phone: call history and local contacts are lost.",
            ),
            WifiSettingsLost => info(
                "wifi_settings_lost",
                "DEV-8",
                W,
                "The phone loses its Wi-Fi settings; migrate it on Ethernet.",
            ),
            FirmwareBelowMinimum => info(
                "firmware_below_minimum",
                "EXT-6",
                E,
                "The Enterprise firmware is below 12.5(1): the phone cannot migrate until it is upgraded.",
            ),
            FirmwareNeedsCop => info(
                "firmware_needs_cop",
                "EXT-6",
                W,
                "The Enterprise firmware is below 14.1: the phone takes only the COP-file path (MAN-4 group 1).",
            ),
            FirmwareAlreadyMpp => info(
                "firmware_already_mpp",
                "EXT-6",
                E,
                "The phone already runs MPP firmware.",
            ),
            EligibilityTableInvalid => info(
                "eligibility_table_invalid",
                "",
                E,
                "An eligibility table has an invalid, overlapping or inverted row.",
            ),
            ModelCannotMigrate => info(
                "model_cannot_migrate",
                "EXT-17",
                E,
                "The device type has no Enterprise to MPP migration (no MPP firmware, PhoneOS, soft client, virtual, third-party or video device).",
            ),
            FirmwareUnknown => info(
                "firmware_unknown",
                "DEC-11",
                W,
                "The Enterprise load of some phones is not known; confirm 14.1 or later before using Group 2 files.",
            ),
            NotEligibleLeftOut => info(
                "not_eligible_left_out",
                "ELIG-2",
                W,
                "A not eligible phone is left out of the generated uploads.",
            ),
            TaskNameInvalid => info(
                "task_name_invalid",
                "TASK-1",
                E,
                "A task name is empty, has a space, or has a character other than letters, digits, '-', '_' or '.'.",
            ),
            TaskNameTaken => info(
                "task_name_taken",
                "TASK-1",
                E,
                "Another task already has this name.",
            ),
            TaskInProgressExists => info(
                "task_in_progress_exists",
                "TASK-2",
                E,
                "Another task is in progress; this one cannot start until it finishes.",
            ),
            TransitionRefused => info(
                "transition_refused",
                "TASK-4",
                E,
                "The action is not allowed in the task's current status.",
            ),
            CompleteRequiresReady => info(
                "complete_requires_ready",
                "TASK-7",
                E,
                "Complete migration needs a task that is Ready for migration.",
            ),
            TaskFull => info(
                "task_full",
                "ELIG-3",
                E,
                "A task holds at most 1000 devices; this one is full.",
            ),
            DeviceAlreadyInTask => info(
                "device_already_in_task",
                "DEV-6",
                E,
                "The device is already in this task.",
            ),
            DeviceInOtherTask => info(
                "device_in_other_task",
                "DEV-6",
                E,
                "The device is already in another task of the organisation.",
            ),
            DeviceNotInTask => info(
                "device_not_in_task",
                "",
                E,
                "No device of the task has this MAC.",
            ),
            DeviceNotEligible => info(
                "device_not_eligible",
                "ELIG-2",
                E,
                "The device is not eligible and is never migrated.",
            ),
            DeviceEligibilityUnknown => info(
                "device_eligibility_unknown",
                "ELIG-2",
                E,
                "The device's eligibility is unknown and Include unknown eligibility is off.",
            ),
            TaskOptionMismatch => info(
                "task_option_mismatch",
                "TASK-3",
                E,
                "The upload's migration option differs from the task's.",
            ),
            TaskNotFound => info("task_not_found", "", E, "No task has this name."),
            DocumentInvalid => info(
                "document_invalid",
                "",
                E,
                "A saved board or task breaks an invariant and is refused.",
            ),
            DocumentVersionUnsupported => info(
                "document_version_unsupported",
                "",
                E,
                "A saved document has a format version this library does not read.",
            ),
            DeviceNotInWebexCalling => info(
                "device_not_in_webex_calling",
                "TASK-9",
                E,
                "A license-only device is not yet added to Webex Calling.",
            ),
            TaskPaused => info(
                "task_paused",
                "TASK-6",
                E,
                "The task is paused; resume or cancel it first.",
            ),
            TaskEmpty => info(
                "task_empty",
                "ELIG-2",
                E,
                "The task has no device that can be prepared.",
            ),
            DeviceWrongTab => info(
                "device_wrong_tab",
                "TASK-5",
                E,
                "The device is not in the tab this action applies to.",
            ),
            UploadCountLimit => info(
                "upload_count_limit",
                "CSV-14",
                E,
                "A task's accumulated upload counts would exceed 2^53 - 1; nothing was added.",
            ),
            CloudConnectedUcRequired => info(
                "cloud_connected_uc_required",
                "AUTO-1",
                E,
                "Automatic completion requires Cloud Connected UC.",
            ),
            TftpServerRequired => info(
                "tftp_server_required",
                "AUTO-2",
                E,
                "Automatic completion needs the TFTP server type.",
            ),
            LoadServerRequired => info(
                "load_server_required",
                "AUTO-2",
                E,
                "Automatic completion needs the Unified CM TFTP load server.",
            ),
            FileNameInvalid => info(
                "file_name_invalid",
                "MAN-2",
                E,
                "A file name has a character other than letters, digits, '-', '.', '_', starts with a dot, or has two dots.",
            ),
            FileNameComma => info(
                "file_name_comma",
                "EXT-11",
                E,
                "A BAT file name contains a comma.",
            ),
            PhoneLoadTableInvalid => info(
                "phone_load_table_invalid",
                "EXT-10",
                E,
                "A phone-load table has an invalid, missing or duplicated row.",
            ),
            OutputExists => info(
                "output_exists",
                "",
                E,
                "An output file exists and overwriting was not asked for.",
            ),
            OutputPathInvalid => info(
                "output_path_invalid",
                "",
                E,
                "An output directory or file name is empty, leaves the directory or is refused by file systems.",
            ),
            NoPhoneLoad => info(
                "no_phone_load",
                "MAN-4",
                W,
                "The phone-load table has no load for the device's model; it is in Group 1 only.",
            ),
            OutputNameDuplicate => info(
                "output_name_duplicate",
                "",
                E,
                "Two output files of one write have the same name; nothing was written.",
            ),
            Panic => info(
                "panic",
                "",
                E,
                "A bug inside the library was caught at the language boundary.",
            ),
        }
    }

    /// The stable number of this code (its range: see [`ErrorCode`]).
    pub const fn number(self) -> u32 {
        self as u32
    }

    /// The stable snake_case name of this code, e.g. `"mac_invalid_length"`.
    pub const fn as_str(self) -> &'static str {
        self.info().name
    }

    /// The rule this code enforces (`"DEV-6"`, an id of `docs/rules.md`), or `""` where none applies.
    pub const fn rule(self) -> &'static str {
        self.info().rule
    }

    /// Whether a finding with this code refuses its row or action, or only cautions.
    pub const fn severity(self) -> Severity {
        self.info().severity
    }

    /// A one-line meaning of the code, for tables and documentation.
    pub const fn summary(self) -> &'static str {
        self.info().summary
    }

    /// The code with this number, if there is one.
    ///
    /// ```
    /// use mpp_migration::ErrorCode;
    /// assert_eq!(ErrorCode::from_number(201), Some(ErrorCode::MacInvalidLength));
    /// assert_eq!(ErrorCode::from_number(0), None);
    /// ```
    pub fn from_number(number: u32) -> Option<ErrorCode> {
        ErrorCode::ALL
            .iter()
            .copied()
            .find(|c| c.number() == number)
    }

    /// The code with this snake_case name, if there is one.
    pub fn from_name(name: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a finding is.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The row or the action is refused.
    Error,
    /// It goes on; the user is told.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One observation about an input: what was wrong, where, and how to fix it.
///
/// ```
/// use mpp_migration::{ErrorCode, Finding, Severity};
/// let f = Finding::new(ErrorCode::MacInvalidLength, "MAC address \"001A\" has 4 hexadecimal digits; expected 12")
///     .at(Some(3), Some("MAC Address"));
/// assert_eq!(f.severity(), Severity::Error);
/// assert_eq!(f.rule(), "DEV-6");
/// assert_eq!(f.row(), Some(3));
/// assert_eq!(f.to_string(), "row 3, MAC Address: MAC address \"001A\" has 4 hexadecimal digits; expected 12 [DEV-6 mac_invalid_length]");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    // Compact, because a report of a million refused rows holds a million findings
    // (issue 14 section 5): 40 bytes inline, the message shared where the same text recurs
    // ([`Finding::shared`]), and the rarer suggestion and column boxed together.
    code: ErrorCode,
    /// The row, or [`NO_ROW`].
    row: u64,
    message: Arc<str>,
    place: Option<Box<Place>>,
}

/// The row of a finding that concerns no row. No input has `u64::MAX` rows.
const NO_ROW: u64 = u64::MAX;

/// The fields of a finding that many findings lack: a suggestion and a column.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
struct Place {
    suggestion: Option<Box<str>>,
    column: Option<Cow<'static, str>>,
}

impl Finding {
    /// A finding with this code and message, at no particular place.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Finding {
        Finding::shared(code, Arc::from(message.into()))
    }

    /// A finding whose message is shared with other findings: findings of one kind on many
    /// rows then cost no message of their own (issue 14 section 5).
    ///
    /// ```
    /// use std::sync::Arc;
    /// use mpp_migration::{ErrorCode, Finding};
    /// let text: Arc<str> = Arc::from("this row is blank");
    /// let a = Finding::shared(ErrorCode::BlankLine, Arc::clone(&text)).at(Some(2), None::<&str>);
    /// let b = Finding::shared(ErrorCode::BlankLine, Arc::clone(&text)).at(Some(3), None::<&str>);
    /// assert_eq!(a.message(), b.message());
    /// assert!(std::ptr::eq(a.message(), b.message()));
    /// ```
    pub fn shared(code: ErrorCode, message: Arc<str>) -> Finding {
        Finding {
            code,
            row: NO_ROW,
            message,
            place: None,
        }
    }

    /// The same finding with a suggested replacement value (a corrected MAC, the name of the
    /// location that was probably meant).
    #[must_use]
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Finding {
        self.set_suggestion(suggestion.into());
        self
    }

    fn set_suggestion(&mut self, suggestion: String) {
        self.place.get_or_insert_with(Box::default).suggestion = Some(suggestion.into_boxed_str());
    }

    /// The same finding placed at a row (as a spreadsheet numbers it: header = 1) and column.
    /// `None` leaves that coordinate as it was.
    #[must_use]
    pub fn at(mut self, row: Option<u64>, column: Option<impl Into<Cow<'static, str>>>) -> Finding {
        self.place(row, column.map(Into::into));
        self
    }

    fn place(&mut self, row: Option<u64>, column: Option<Cow<'static, str>>) {
        if let Some(row) = row {
            // A row of u64::MAX cannot be told from none; no input has that many rows.
            self.row = row;
        }
        if column.is_some() {
            self.place.get_or_insert_with(Box::default).column = column;
        }
    }

    /// The code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The code's stable number.
    pub fn number(&self) -> u32 {
        self.code.number()
    }

    /// The code's stable snake_case name.
    pub fn name(&self) -> &'static str {
        self.code.as_str()
    }

    /// The rule concerned (an id of `docs/rules.md`), or `""`.
    pub fn rule(&self) -> &'static str {
        self.code.rule()
    }

    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// The message for a person.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// A suggested replacement value, where one can be given.
    pub fn suggestion(&self) -> Option<&str> {
        self.place.as_ref()?.suggestion.as_deref()
    }

    /// The row of the input concerned (header = 1), where it applies.
    pub fn row(&self) -> Option<u64> {
        (self.row != NO_ROW).then_some(self.row)
    }

    /// The column of the input concerned, as its header spells it, where it applies.
    pub fn column(&self) -> Option<&str> {
        self.place.as_ref()?.column.as_deref()
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row(), self.column()) {
            (Some(row), Some(column)) => write!(f, "row {row}, {column}: ")?,
            (Some(row), None) => write!(f, "row {row}: ")?,
            (None, Some(column)) => write!(f, "{column}: ")?,
            (None, None) => {}
        }
        f.write_str(&self.message)?;
        match self.rule() {
            "" => write!(f, " [{}]", self.code),
            rule => write!(f, " [{rule} {}]", self.code),
        }
    }
}

/// An operation could not run: the argument, file or transition is refused.
///
/// It carries the same fields as a [`Finding`] (reachable through [`Error::finding`]) and,
/// where the cause is an I/O or parse error of another library, that error as its source.
///
/// ```
/// use mpp_migration::{normalize_mac, ErrorCode};
/// let err = normalize_mac("00-1A-2B-3C-4D-5E").unwrap_err();
/// assert_eq!(err.code(), ErrorCode::MacWrongSeparator);
/// assert_eq!(err.finding().suggestion(), Some("001A2B3C4D5E"));
/// ```
#[derive(Clone, Debug, thiserror::Error)]
#[error("{finding}")]
pub struct Error {
    finding: Box<Finding>,
    #[source]
    source: Option<Arc<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    /// An error with this code and message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Error {
        Error::from(Finding::new(code, message))
    }

    /// An [`ErrorCode::InvalidArgument`] error.
    pub fn invalid_argument(message: impl Into<String>) -> Error {
        Error::new(ErrorCode::InvalidArgument, message)
    }

    /// An [`ErrorCode::IoError`] error naming what was being done, keeping the I/O error as source.
    pub fn io(context: impl fmt::Display, source: std::io::Error) -> Error {
        Error::new(ErrorCode::IoError, format!("{context}: {source}")).with_source(source)
    }

    /// The [`ErrorCode::IoError`] of a file that could not be opened: `opening <path>: <why>`.
    ///
    /// A path longer than 300 characters is cut to its first 300 and its length: the usual one
    /// is the content of a file passed where a path was expected, and the message must not
    /// repeat it.
    pub fn opening(path: &std::path::Path, source: std::io::Error) -> Error {
        let shown = crate::text::quoted_within(&path.to_string_lossy(), 300);
        Error::io(format_args!("opening {shown}"), source)
    }

    /// The same error with a suggested replacement value.
    #[must_use]
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Error {
        self.finding.set_suggestion(suggestion.into());
        self
    }

    /// The same error placed at a row and column (see [`Finding::at`]).
    #[must_use]
    pub fn at(mut self, row: Option<u64>, column: Option<impl Into<Cow<'static, str>>>) -> Error {
        self.finding.place(row, column.map(Into::into));
        self
    }

    /// The same error with an underlying cause.
    #[must_use]
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Error {
        self.source = Some(Arc::new(source));
        self
    }

    /// The code.
    pub fn code(&self) -> ErrorCode {
        self.finding.code
    }

    /// The message for a person.
    pub fn message(&self) -> &str {
        &self.finding.message
    }

    /// All the fields: code, rule, severity, message, suggestion, row, column.
    pub fn finding(&self) -> &Finding {
        &self.finding
    }

    /// The fields, without the source.
    pub fn into_finding(self) -> Finding {
        *self.finding
    }
}

impl From<Finding> for Error {
    fn from(finding: Finding) -> Error {
        Error {
            finding: Box::new(finding),
            source: None,
        }
    }
}

impl PartialEq for Error {
    /// Two errors are equal when their fields are; the source is not compared.
    fn eq(&self, other: &Error) -> bool {
        self.finding == other.finding
    }
}

impl Eq for Error {}

impl serde::Serialize for ErrorCode {
    /// A code is saved by its stable name.
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<ErrorCode, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        ErrorCode::from_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown error code {name:?}")))
    }
}

/// The saved form of a [`Finding`] as read back: its code by name, and the fields that vary.
/// `number`, `rule` and `severity` follow from the code: they are written for readers of the
/// document (docs/json.md) and ignored when read back, so older documents without them load.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FindingDocument {
    code: ErrorCode,
    message: String,
    #[serde(default)]
    suggestion: Option<String>,
    #[serde(default)]
    row: Option<u64>,
    #[serde(default)]
    column: Option<String>,
    #[serde(default, rename = "number")]
    _number: Option<u32>,
    #[serde(default, rename = "rule")]
    _rule: Option<String>,
    #[serde(default, rename = "severity")]
    _severity: Option<String>,
}

/// The document of a [`Finding`] as written (docs/json.md): every key always present, `null`
/// for a suggestion, row or column the finding lacks.
#[derive(serde::Serialize)]
struct FindingOut<'a> {
    number: u32,
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    suggestion: Option<&'a str>,
    row: Option<u64>,
    column: Option<&'a str>,
}

impl serde::Serialize for Finding {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        FindingOut {
            number: self.number(),
            code: self.name(),
            rule: self.rule(),
            severity: self.severity().as_str(),
            message: self.message(),
            suggestion: self.suggestion(),
            row: self.row(),
            column: self.column(),
        }
        .serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Finding {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Finding, D::Error> {
        let doc = FindingDocument::deserialize(deserializer)?;
        let mut finding = Finding::new(doc.code, doc.message);
        finding.place(doc.row, doc.column.map(Cow::Owned));
        if let Some(suggestion) = doc.suggestion {
            finding.set_suggestion(suggestion);
        }
        Ok(finding)
    }
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn opening_a_long_path_names_it_shortly() {
        let long = "a,b\n".repeat(10_000);
        let err = Error::opening(
            std::path::Path::new(&long),
            std::io::Error::from(std::io::ErrorKind::NotFound),
        );
        assert_eq!(err.code(), ErrorCode::IoError);
        assert!(err.to_string().len() < 500, "{}", err.to_string().len());
        assert!(err.to_string().contains("(40000 characters)"), "{err}");
    }

    #[test]
    fn numbers_and_names_are_unique_and_in_order() {
        let mut numbers = HashSet::new();
        let mut names = HashSet::new();
        for pair in ErrorCode::ALL.windows(2) {
            assert!(
                pair[0].number() < pair[1].number(),
                "{:?} before {:?}",
                pair[0],
                pair[1]
            );
        }
        for &code in ErrorCode::ALL {
            assert!(
                numbers.insert(code.number()),
                "duplicate number {}",
                code.number()
            );
            assert!(
                names.insert(code.as_str()),
                "duplicate name {}",
                code.as_str()
            );
            assert_eq!(ErrorCode::from_number(code.number()), Some(code));
            assert_eq!(ErrorCode::from_name(code.as_str()), Some(code));
        }
    }

    #[test]
    fn names_are_snake_case_and_numbers_in_their_range() {
        for &code in ErrorCode::ALL {
            let name = code.as_str();
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    && !name.starts_with('_')
                    && !name.ends_with('_'),
                "{name} is not snake_case"
            );
            assert!(
                matches!(code.number() / 100, 1..=6 | 9),
                "{name}: {} out of range",
                code.number()
            );
            assert!(!code.summary().is_empty());
            let rule = code.rule();
            assert!(
                rule.is_empty()
                    || rule.split_once('-').is_some_and(|(k, n)| {
                        ["DEV", "CSV", "ELIG", "TASK", "AUTO", "MAN", "EXT", "DEC"].contains(&k)
                            && n.parse::<u32>().is_ok()
                    }),
                "{name}: rule {rule:?} is not a rule id of docs/rules.md"
            );
        }
    }

    #[test]
    fn display_places_the_finding_and_names_its_rule() {
        let f = Finding::new(ErrorCode::IoError, "cannot read x");
        assert_eq!(f.to_string(), "cannot read x [io_error]");
        let f = Finding::new(ErrorCode::EmailInvalid, "bad").at(None, Some("Username"));
        assert_eq!(f.to_string(), "Username: bad [CSV-4 email_invalid]");
        let f = f.at(Some(9), None::<&'static str>);
        assert_eq!(f.row(), Some(9));
        assert_eq!(f.column(), Some("Username"));
        assert_eq!(f.to_string(), "row 9, Username: bad [CSV-4 email_invalid]");
    }

    #[test]
    fn error_keeps_its_source_and_fields() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let err = Error::io("reading upload.csv", io).at(Some(2), Some("Model"));
        assert_eq!(err.code(), ErrorCode::IoError);
        assert_eq!(err.finding().row(), Some(2));
        assert!(err.message().contains("gone"));
        assert!(std::error::Error::source(&err).is_some());
        assert_eq!(err.clone(), err);
    }
}
