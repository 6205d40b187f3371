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
//! API: they are never renumbered and never reused. Each code is written once, as one row of the
//! table that declares [`ErrorCode`] (`error_codes!` below). The committed table
//! `docs/error-codes.md` is checked against [`ErrorCode::ALL`] by the tests, so a change is
//! always a visible diff.

use std::borrow::Cow;
use std::ffi::CStr;
use std::fmt;
use std::sync::Arc;

/// Static facts about one code: its name, rule, severity and one-line meaning, the texts also
/// as NUL-terminated C strings.
struct CodeInfo {
    name: &'static str,
    rule: &'static str,
    severity: Severity,
    summary: &'static str,
    c_name: &'static CStr,
    c_rule: &'static CStr,
    c_summary: &'static CStr,
}

/// A text of the table with its NUL appended, as a C string; evaluated at compile time, so a
/// text with a NUL inside does not compile.
const fn c_text(text_and_nul: &'static str) -> &'static CStr {
    match CStr::from_bytes_with_nul(text_and_nul.as_bytes()) {
        Ok(text) => text,
        Err(_) => panic!("an error code text contains a NUL byte"),
    }
}

/// Declares [`ErrorCode`] from its table, the one place where a code is written: its doc
/// comment, then `number Variant "name" "rule" Severity "summary";`. The enum, [`ErrorCode::ALL`],
/// the lookups by number and name and the facts behind [`ErrorCode::as_str`], `rule`,
/// `severity` and `summary` are generated from the rows. The doc comment is the variant's
/// documentation and the C header's comment; the summary is the shorter meaning that
/// `docs/error-codes.md`, `mpp_error_code_summary` and Python's `ERROR_CODES` show.
macro_rules! error_codes {
    (
        $(#[doc = $doc:literal])+
        pub enum ErrorCode {
            $(
                $(#[doc = $code_doc:literal])+
                $number:literal $variant:ident $name:literal $rule:literal $severity:ident
                $summary:literal;
            )+
        }
    ) => {
        $(#[doc = $doc])+
        #[repr(u32)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $($(#[doc = $code_doc])+ $variant = $number,)+
        }

        impl ErrorCode {
            /// Every code, in number order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            /// The declaration of this enum as Rust source, with its documentation. cbindgen
            /// cannot expand the macro that declares the enum, so `ffi/tests/header.rs` hands it
            /// this text to write `enum mpp_error_code` into the C header.
            #[doc(hidden)]
            pub const DECLARATION: &'static str = concat!(
                $("///", $doc, "\n",)+
                "#[repr(u32)]\npub enum ErrorCode {\n",
                $($("    ///", $code_doc, "\n",)+ "    ", stringify!($variant), " = ", $number, ",\n",)+
                "}\n",
            );

            const fn info(self) -> CodeInfo {
                match self {
                    $(ErrorCode::$variant => CodeInfo {
                        name: $name,
                        rule: $rule,
                        severity: Severity::$severity,
                        summary: $summary,
                        c_name: const { c_text(concat!($name, "\0")) },
                        c_rule: const { c_text(concat!($rule, "\0")) },
                        c_summary: const { c_text(concat!($summary, "\0")) },
                    },)+
                }
            }

            // Two rows with the same number or name do not compile.
            #[deny(unreachable_patterns)]
            const fn by_number(number: u32) -> Option<ErrorCode> {
                match number {
                    $($number => Some(ErrorCode::$variant),)+
                    _ => None,
                }
            }

            #[deny(unreachable_patterns)]
            fn by_name(name: &str) -> Option<ErrorCode> {
                match name {
                    $($name => Some(ErrorCode::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

error_codes! {
    /// Every error and finding code, with its stable number.
    ///
    /// Ranges: 1xx input and encoding, 2xx identifiers, 3xx CSV upload, 4xx eligibility, 5xx tasks,
    /// 6xx migration plans and BAT files, 9xx internal.
    pub enum ErrorCode {
        // 1xx: input and encoding (arguments, files, CSV and JSON syntax, the C ABI).
        /// An argument is out of range or of the wrong kind (an unknown option, a wrong type).
        101 InvalidArgument "invalid_argument" "" Error "An argument is out of range or of the wrong kind.";
        /// A required pointer argument is NULL (C ABI).
        102 NullPointer "null_pointer" "" Error "A required pointer argument is NULL.";
        /// A text argument is not valid UTF-8.
        103 ArgumentNotUtf8 "argument_not_utf8" "" Error "A text argument is not valid UTF-8.";
        /// A file or stream could not be read or written.
        104 IoError "io_error" "" Error "A file or stream could not be read or written.";
        /// The file is empty: it has no header row (DEC-10).
        105 EmptyFile "empty_file" "DEC-10" Error "The file is empty: it has no header row.";
        /// The file starts with a UTF-8 byte-order mark, which is accepted (DEC-10).
        106 ByteOrderMark "byte_order_mark" "DEC-10" Warning "The file starts with a UTF-8 byte-order mark; it is accepted.";
        /// A row is blank; Webex rejects blank lines (DEC-10, EXT-11, EXT-12).
        107 BlankLine "blank_line" "DEC-10" Error "A row is blank; Webex rejects blank lines.";
        /// A row has a different number of fields than the header (EXT-12).
        108 FieldCountMismatch "field_count_mismatch" "EXT-12" Error "A row has a different number of fields than the header.";
        /// A cell contains bytes that are not UTF-8 (DEC-10).
        109 InvalidUtf8 "invalid_utf8" "DEC-10" Error "A cell contains bytes that are not UTF-8.";
        /// A cell is longer than the reader's size limit; the row is refused and memory stays bounded.
        110 FieldTooLong "field_too_long" "" Error "A cell is longer than the size limit.";
        /// A row is longer, or has more fields, than the reader's size limit.
        111 RecordTooLong "record_too_long" "" Error "A row is longer, or has more fields, than the size limit.";
        /// A quoted cell is never closed; its row ends with its line and the rows after it are read (DEC-10).
        112 UnterminatedQuote "unterminated_quote" "DEC-10" Error "A quoted cell is never closed; its row ends with its line and the rows after it are read.";
        /// A JSON document is malformed, or a value has the wrong type; the message names the place.
        113 JsonInvalid "json_invalid" "" Error "A JSON document is malformed or has a value of the wrong type.";
        /// The file has a header but no data rows (CSV-14: nothing to add).
        114 NoDataRows "no_data_rows" "CSV-14" Warning "The file has a header but no data rows.";
        /// The `mpp_error **err` slot given to a C function already holds an error: the call did
        /// nothing (C ABI; free the earlier error and set the slot to NULL first).
        130 ErrorSlotInUse "error_slot_in_use" "" Error "The C error slot already holds an error; the call did nothing.";
        /// A C view of a task was read after its board changed: the view is stale and gives no
        /// data (C ABI); look the task up again.
        131 ViewStale "view_stale" "" Error "A C task view was read after its board changed; look the task up again.";

        // 2xx: identifiers (MAC addresses, phone numbers, emails, models, versions, device names).
        /// A MAC address does not have 12 hexadecimal digits (DEV-6).
        201 MacInvalidLength "mac_invalid_length" "DEV-6" Error "A MAC address does not have 12 hexadecimal digits.";
        /// A MAC address contains a character that is not a hexadecimal digit (DEV-6).
        202 MacInvalidCharacter "mac_invalid_character" "DEV-6" Error "A MAC address contains a character that is not a hexadecimal digit.";
        /// A MAC address uses `-` or `.` as separator; only `:` pairs are accepted (DEC-3).
        203 MacWrongSeparator "mac_wrong_separator" "DEC-3" Error "A MAC address uses '-' or '.' as separator.";
        /// A Unified CM device name (`SEP…`) was given where a MAC address is expected (DEC-3).
        204 MacDeviceName "mac_device_name" "DEC-3" Error "A device name (SEP…) was given where a MAC address is expected.";
        /// A colon-separated MAC address is not six pairs of two digits (DEV-6).
        205 MacInvalidGrouping "mac_invalid_grouping" "DEV-6" Error "A colon-separated MAC address is not six pairs of two digits.";
        /// A phone number does not start with `+` (DEC-4).
        210 E164MissingPlus "e164_missing_plus" "DEC-4" Error "A phone number does not start with '+'.";
        /// A phone number contains a character that is neither a digit nor formatting (CSV-5).
        211 E164InvalidCharacter "e164_invalid_character" "CSV-5" Error "A phone number contains a character that is neither a digit nor formatting.";
        /// A phone number has more than 15 digits (EXT-12), more than the numbers of its country
        /// have, or digits added to a complete number of its country (EXT-18).
        212 E164TooLong "e164_too_long" "EXT-12" Error "A phone number has more than 15 digits, or more than the numbers of its country have.";
        /// A phone number is empty, or its digits after the country calling code begin a number of
        /// its country but are fewer than that number needs (EXT-18).
        213 E164TooShort "e164_too_short" "EXT-12" Error "A phone number has fewer digits than the numbers of its country need.";
        /// A phone number's country calling code starts with 0 (EXT-12).
        214 E164LeadingZero "e164_leading_zero" "EXT-12" Error "A phone number's country calling code starts with 0.";
        /// A phone number starts with no assigned country calling code (EXT-12).
        215 E164UnknownCountryCode "e164_unknown_country_code" "EXT-12" Error "A phone number starts with no assigned country calling code.";
        /// A phone number keeps a national trunk prefix after its country calling code (`(0)`, or
        /// `+44 020 …` where the country's numbers never start with it); E.164 drops it (DEC-4, EXT-18).
        216 E164TrunkPrefix "e164_trunk_prefix" "DEC-4" Error "A phone number keeps a national trunk prefix (0) after its country code.";
        /// A phone number is in no number range of its country calling code by libphonenumber's
        /// metadata, though its length may fit (EXT-18): `+1 200 555 0100` (no area code 200).
        217 E164InvalidNumber "e164_invalid_number" "EXT-18" Error "A phone number is in no number range of its country calling code.";
        /// An email address is not of the form `local@domain.tld` (CSV-4).
        220 EmailInvalid "email_invalid" "CSV-4" Error "An email address is not of the form local@domain.tld.";
        /// A phone model is not one the catalogue knows (CSV-8, EXT-9).
        230 ModelUnknown "model_unknown" "CSV-8" Error "A phone model is not one the catalogue knows.";
        /// A hardware version (VID) is not `V` and a number from 1 to 99 (EXT-1).
        240 HardwareVersionInvalid "hardware_version_invalid" "EXT-1" Error "A hardware version (VID) is not V and a number from 1 to 99.";
        /// A firmware version or load name cannot be read (EXT-6).
        250 FirmwareVersionInvalid "firmware_version_invalid" "EXT-6" Error "A firmware version or load name cannot be read.";
        /// A Unified CM device name that is not `SEP` and a MAC (DEV-7): a Jabber client (`CSF`,
        /// `BOT`, `TCT`, `TAB`), an ATA port, a CTI port or a name typed wrongly.
        260 DeviceNameInvalid "device_name_invalid" "DEV-7" Error "A Unified CM device name is not SEP and a MAC.";
        /// A UDI string that does not read as `PID: CP-8845-K9=, VID: V02, SN: …` (EXT-16).
        261 UdiInvalid "udi_invalid" "EXT-16" Error "A UDI string cannot be read as PID, VID and SN.";

        // 3xx: CSV upload, its header and rows; from 350, the Unified CM export, lists and mapping
        // that uploads are generated from.
        /// A column of the schema is missing from the header (CSV-1, CSV-2, DEC-9).
        301 HeaderMissingColumn "header_missing_column" "DEC-9" Error "A column of the schema is missing from the header.";
        /// A header column is not part of the schema; its values are ignored (DEC-9).
        302 HeaderUnknownColumn "header_unknown_column" "DEC-9" Warning "A header column is not part of the schema; it is ignored.";
        /// A column appears twice in the header; rows whose two cells differ are refused (DEC-9).
        303 HeaderDuplicateColumn "header_duplicate_column" "DEC-9" Warning "A column appears twice in the header; rows whose two cells differ are refused.";
        /// Activation codes are not supported for Enterprise to MPP migration (CSV-10, DEC-8).
        304 ActivationCodeUnsupported "activation_code_unsupported" "CSV-10" Error "Activation codes are not supported for Enterprise to MPP migration.";
        /// Type is empty; it must be USER or WORKSPACE (CSV-3).
        305 TypeMissing "type_missing" "CSV-3" Error "Type is empty; it must be USER or WORKSPACE.";
        /// Type is neither USER nor WORKSPACE (CSV-3).
        306 TypeInvalid "type_invalid" "CSV-3" Error "Type is neither USER nor WORKSPACE.";
        /// The USER does not exist in the organisation (CSV-3).
        307 UserNotFound "user_not_found" "CSV-3" Error "The USER does not exist in the organisation.";
        /// Username is empty: an email for a USER, a name for a WORKSPACE (CSV-4).
        308 UsernameMissing "username_missing" "CSV-4" Error "Username is empty.";
        /// A workspace name differs from an existing workspace only in case or spacing (DEC-7).
        309 WorkspaceNameMismatch "workspace_name_mismatch" "DEC-7" Error "A workspace name differs from an existing one only in case or spacing.";
        /// A USER row has a Phone Number; it must be empty (CSV-5).
        310 PhoneNumberNotAllowed "phone_number_not_allowed" "CSV-5" Error "A USER row has a Phone Number; it must be empty.";
        /// A WORKSPACE row has no Phone Number; it is mandatory (CSV-5).
        311 PhoneNumberMissing "phone_number_missing" "CSV-5" Error "A WORKSPACE row has no Phone Number.";
        /// A USER row has an Extension; it must be empty (CSV-6).
        312 ExtensionNotAllowed "extension_not_allowed" "CSV-6" Error "A USER row has an Extension; it must be empty.";
        /// An Extension is not 2 to 10 digits (DEC-5, EXT-12).
        313 ExtensionInvalid "extension_invalid" "DEC-5" Error "An Extension is not 2 to 10 digits.";
        /// An Extension is already in use in the location (CSV-6, DEC-5).
        314 ExtensionInUse "extension_in_use" "CSV-6" Error "An Extension is already in use in the location.";
        /// An earlier row of the file uses the same Extension in the same location (DEC-5).
        315 ExtensionDuplicate "extension_duplicate" "DEC-5" Error "An earlier row of the file uses the same Extension in the same location.";
        /// Device Type is empty; it must be IP (CSV-7).
        316 DeviceTypeMissing "device_type_missing" "CSV-7" Error "Device Type is empty; it must be IP.";
        /// Device Type is not IP, the only valid value (CSV-7).
        317 DeviceTypeInvalid "device_type_invalid" "CSV-7" Error "Device Type is not IP.";
        /// Model is empty; it is mandatory (CSV-8).
        318 ModelMissing "model_missing" "CSV-8" Error "Model is empty.";
        /// MAC Address is empty; it is mandatory (CSV-9).
        319 MacMissing "mac_missing" "CSV-9" Error "MAC Address is empty.";
        /// An earlier row of the file has the same MAC address (DEV-6, DEC-2).
        320 MacDuplicate "mac_duplicate" "DEC-2" Error "An earlier row of the file has the same MAC address.";
        /// The device is already configured in Webex Calling and must not be in this upload (CSV-13).
        321 MacInWebexCalling "mac_in_webex_calling" "CSV-13" Error "The device is already configured in Webex Calling.";
        /// Location is empty; it is mandatory (CSV-11).
        322 LocationMissing "location_missing" "CSV-11" Error "Location is empty.";
        /// No location of the organisation has this name (CSV-11).
        323 LocationNotFound "location_not_found" "CSV-11" Error "No location of the organisation has this name.";
        /// A location name differs from an existing location only in case or spacing (DEC-7).
        324 LocationNameMismatch "location_name_mismatch" "DEC-7" Error "A location name differs from an existing one only in case or spacing.";
        /// A location name is longer than 80 characters (EXT-12).
        325 LocationNameTooLong "location_name_too_long" "EXT-12" Error "A location name is longer than 80 characters.";
        /// Call Plan is not true/false, yes/no or 1/0 (DEC-6).
        326 CallPlanInvalid "call_plan_invalid" "DEC-6" Error "Call Plan is not true or false.";
        /// Call Plan is true on a USER row; it applies to new workspaces only (CSV-12, DEC-6).
        327 CallPlanForUser "call_plan_for_user" "DEC-6" Error "Call Plan is true on a USER row.";
        /// Call Plan is true but the location is not a Cisco PSTN location (CSV-12).
        328 CallPlanNotCiscoPstn "call_plan_not_cisco_pstn" "CSV-12" Error "Call Plan is true but the location is not a Cisco PSTN location.";
        /// Call Plan is true for a workspace that already exists; it applies to new workspaces only (DEC-6).
        329 CallPlanExistingWorkspace "call_plan_existing_workspace" "DEC-6" Warning "Call Plan is true for a workspace that already exists; it is ignored.";
        /// The organisation directory has an invalid or contradictory entry; the message names it.
        330 DirectoryInvalid "directory_invalid" "" Error "The organisation directory has an invalid or contradictory entry.";
        /// A header column that Control Hub's own templates write but the upload does not read
        /// (`Webex Go`); its values are ignored (EXT-13).
        331 HeaderExtraColumn "header_extra_column" "EXT-13" Warning "A column of Control Hub's own templates that the upload does not read; it is ignored.";
        /// A column appears twice in the header and this row's two cells differ, so its value is
        /// not known; the row is refused (DEC-9).
        332 DuplicateColumnConflict "duplicate_column_conflict" "DEC-9" Error "A column appears twice in the header and the row's two cells differ; the row is refused.";
        /// A workspace or location name not matched against the directory starts or ends with a
        /// space, which is part of the name (DEC-7).
        333 NameSurroundingSpaces "name_surrounding_spaces" "DEC-7" Warning "A new workspace's or an unchecked location's name starts or ends with a space, which is part of the name.";
        /// A Unified CM phone export lacks a column the import needs, `Device Name` (or `MAC
        /// Address`) and `Device Type` (EXT-14); no row of it can be read.
        350 InventoryColumnMissing "inventory_column_missing" "EXT-14" Error "A Unified CM phone export lacks Device Name or Device Type.";
        /// A device name given twice in one Unified CM export (DEV-6); the first row keeps it.
        352 InventoryDuplicateDevice "inventory_duplicate_device" "DEV-6" Error "A device name is given twice in one Unified CM export.";
        /// A hardware-version or load list names a device the export does not hold (EXT-1,
        /// EXT-15); the entry is not used.
        353 SupplementUnknownDevice "supplement_unknown_device" "EXT-16" Warning "A hardware-version or load list names a device the export lacks.";
        /// A hardware-version or load list contradicts itself or the export (EXT-16): the same
        /// device twice with different values, or a UDI naming another model; the first value, or
        /// the export's model, is kept.
        354 SupplementConflict "supplement_conflict" "EXT-16" Warning "A hardware-version or load list contradicts itself or the export.";
        /// A hardware-version or load list lacks the columns that identify the device and its value
        /// (EXT-1, EXT-15); nothing of it can be read.
        355 SupplementColumnMissing "supplement_column_missing" "EXT-15" Error "A hardware-version or load list lacks its device or value column.";
        /// A mapping of Unified CM data to Webex (owner user ids, device pools, locations,
        /// workspaces) that cannot be read.
        360 MappingInvalid "mapping_invalid" "" Error "A Unified CM to Webex mapping cannot be read.";
        /// The mapping gives no user email for the phone's Owner User ID, or the phone has no
        /// owner and is not mapped to a workspace (CSV-4); its row is not generated.
        361 MappingNoUser "mapping_no_user" "CSV-4" Error "The mapping gives no user email or workspace for a phone.";
        /// The mapping gives no Webex location for the phone's device pool or Unified CM location
        /// (CSV-11); its row is not generated.
        362 MappingNoLocation "mapping_no_location" "CSV-11" Error "The mapping gives no Webex location for a phone.";
        /// A phone mapped to a workspace without a phone number (CSV-5); its row is not generated.
        363 MappingNoPhoneNumber "mapping_no_phone_number" "CSV-5" Error "A phone mapped to a workspace has no phone number.";
        /// The mapping names a device the inventory does not hold; the entry is not used.
        364 MappingUnknownDevice "mapping_unknown_device" "" Warning "The mapping names a device the inventory does not hold.";

        // 4xx: eligibility (models, hardware versions, firmware).
        /// The model cannot migrate to MPP firmware (DEV-2).
        401 ModelNotEligible "model_not_eligible" "DEV-2" Error "The model cannot migrate to MPP.";
        /// The model runs MPP firmware only; there is no Enterprise firmware to migrate from (DEV-4).
        402 ModelMppOnly "model_mpp_only" "DEV-4" Error "The model runs MPP firmware only; there is nothing to migrate.";
        /// The hardware version (VID) of the phone is outside the eligible range of its model (DEV-5, EXT-2).
        403 HardwareVersionNotEligible "hardware_version_not_eligible" "DEV-5" Error "The hardware version of the phone cannot migrate.";
        /// Eligibility of the model depends on its hardware version, which is not known (EXT-3).
        404 HardwareVersionUnknown "hardware_version_unknown" "EXT-3" Warning "Eligibility depends on the hardware version, which is not known.";
        /// The eligibility table has no rule for this model or hardware version (ELIG-1: unknown).
        405 EligibilityNoRule "eligibility_no_rule" "ELIG-1" Warning "The eligibility table has no rule for this model or hardware version.";
        /// The model migrates, but some features (Wi-Fi, daisy chain) may not work afterwards (DEV-2, EXT-4).
        406 ModelLimitedFeatures "model_limited_features" "DEV-2" Warning "The model migrates, but some features may not work afterwards.";
        /// 8800 audio hardware V15 or later needs MPP firmware 11.3.3 or later and cannot be downgraded below it (DEV-3, EXT-5).
        407 MinimumMppFirmware "minimum_mpp_firmware" "DEV-3" Warning "The hardware needs MPP 11.3.3 or later and cannot be downgraded below it.";
        /// Migration factory-resets the phone: call history and local contacts are lost (EXT-8).
        408 FactoryReset "factory_reset" "EXT-8" Warning "Migration factory-resets the phone: call history and local contacts are lost.";
        /// The phone loses its Wi-Fi settings: connect it by Ethernet for the migration and re-join Wi-Fi afterwards (DEV-8).
        409 WifiSettingsLost "wifi_settings_lost" "DEV-8" Warning "The phone loses its Wi-Fi settings; migrate it on Ethernet.";
        /// The Enterprise firmware is below 12.5(1), the minimum for any migration: an error, the phone is not
        /// prepared and is in no BAT file until it is upgraded (EXT-6, DEC-11).
        410 FirmwareBelowMinimum "firmware_below_minimum" "EXT-6" Error "The Enterprise firmware is below 12.5(1): the phone cannot migrate until it is upgraded.";
        /// The Enterprise firmware is below 14.1: it needs an E2M COP file first, so it is in the Group 1 file
        /// only (MAN-4), or an upgrade to 14.1 (EXT-6, MAN-1, DEC-11).
        411 FirmwareNeedsCop "firmware_needs_cop" "EXT-6" Warning "The Enterprise firmware is below 14.1: the phone takes only the COP-file path (MAN-4 group 1).";
        /// The phone already runs MPP firmware; there is nothing to migrate (EXT-6).
        412 FirmwareAlreadyMpp "firmware_already_mpp" "EXT-6" Error "The phone already runs MPP firmware.";
        /// An eligibility table supplied by the host has an invalid, overlapping or inverted row; the message names it.
        413 EligibilityTableInvalid "eligibility_table_invalid" "" Error "An eligibility table has an invalid, overlapping or inverted row.";
        /// The device type has no Enterprise → MPP migration at all: Cisco hardware without MPP
        /// firmware (7900, 6900, 8900, 9900, ATA…), a PhoneOS phone, a soft client, a virtual, third-party
        /// or video device; the message says which (EXT-17, DEC-9).
        414 ModelCannotMigrate "model_cannot_migrate" "EXT-17" Error "The device type has no Enterprise to MPP migration (no MPP firmware, PhoneOS, soft client, virtual, third-party or video device).";
        /// Phones of a manual plan's Group 2 files have no known Enterprise load: confirm it is 14.1
        /// or later before using those files, or use the Group 1 file (DEC-11, MAN-1).
        415 FirmwareUnknown "firmware_unknown" "DEC-11" Warning "The Enterprise load of some phones is not known; confirm 14.1 or later before using Group 2 files.";
        /// A phone whose eligibility is Not eligible is left out of the generated uploads (ELIG-2):
        /// it would never be migrated.
        430 NotEligibleLeftOut "not_eligible_left_out" "ELIG-2" Warning "A not eligible phone is left out of the generated uploads.";

        // 5xx: tasks.
        /// A task name is empty, contains a space, or has a character other than letters, digits, '-', '_' or '.' (TASK-1).
        501 TaskNameInvalid "task_name_invalid" "TASK-1" Error "A task name is empty, has a space, or has a character other than letters, digits, '-', '_' or '.'.";
        /// Another task of the organisation already has this name (TASK-1).
        502 TaskNameTaken "task_name_taken" "TASK-1" Error "Another task already has this name.";
        /// Another task is in progress; this one cannot start until that one finishes (TASK-2).
        503 TaskInProgressExists "task_in_progress_exists" "TASK-2" Error "Another task is in progress; this one cannot start until it finishes.";
        /// The action is not allowed in the task's current status (TASK-4); the message names both.
        504 TransitionRefused "transition_refused" "TASK-4" Error "The action is not allowed in the task's current status.";
        /// Complete migration is enabled only when the task is Ready for migration (TASK-7); complete a subset of ready devices instead.
        505 CompleteRequiresReady "complete_requires_ready" "TASK-7" Error "Complete migration needs a task that is Ready for migration.";
        /// A task holds at most 1000 devices (ELIG-3); the device was not added.
        506 TaskFull "task_full" "ELIG-3" Error "A task holds at most 1000 devices; this one is full.";
        /// The device (by MAC) is already in this task (DEV-6).
        507 DeviceAlreadyInTask "device_already_in_task" "DEV-6" Error "The device is already in this task.";
        /// The device (by MAC) is already in another task of the organisation (DEV-6).
        508 DeviceInOtherTask "device_in_other_task" "DEV-6" Error "The device is already in another task of the organisation.";
        /// No device of the task has this MAC address.
        509 DeviceNotInTask "device_not_in_task" "" Error "No device of the task has this MAC.";
        /// The device is not eligible and is never prepared or migrated (ELIG-2).
        510 DeviceNotEligible "device_not_eligible" "ELIG-2" Error "The device is not eligible and is never migrated.";
        /// The device's eligibility is unknown and the task does not include unknown eligibility (ELIG-2).
        511 DeviceEligibilityUnknown "device_eligibility_unknown" "ELIG-2" Error "The device's eligibility is unknown and Include unknown eligibility is off.";
        /// The upload was validated for another migration option than the task's (TASK-3).
        512 TaskOptionMismatch "task_option_mismatch" "TASK-3" Error "The upload's migration option differs from the task's.";
        /// No task of the board has this name.
        513 TaskNotFound "task_not_found" "" Error "No task has this name.";
        /// A saved board or task is malformed or breaks an invariant (two tasks in progress, too many devices, a device in two tasks); nothing is loaded.
        514 DocumentInvalid "document_invalid" "" Error "A saved board or task breaks an invariant and is refused.";
        /// A saved document has a format version this library does not read.
        515 DocumentVersionUnsupported "document_version_unsupported" "" Error "A saved document has a format version this library does not read.";
        /// A device of a license-only task is not yet added to the organisation for Webex Calling, a precondition of Complete migration (TASK-9).
        516 DeviceNotInWebexCalling "device_not_in_webex_calling" "TASK-9" Error "A license-only device is not yet added to Webex Calling.";
        /// The task's migration is paused; resume or cancel it first (TASK-6).
        517 TaskPaused "task_paused" "TASK-6" Error "The task is paused; resume or cancel it first.";
        /// The task has no device that can be prepared for migration (ELIG-2).
        518 TaskEmpty "task_empty" "ELIG-2" Error "The task has no device that can be prepared.";
        /// The device is not in the tab the action applies to (TASK-5), e.g. moving a device that is not in Error.
        519 DeviceWrongTab "device_wrong_tab" "TASK-5" Error "The device is not in the tab this action applies to.";
        /// A task's accumulated upload counts would exceed 2^53 - 1, the most a saved board holds
        /// exactly (CSV-14); nothing of the upload was added.
        520 UploadCountLimit "upload_count_limit" "CSV-14" Error "A task's accumulated upload counts would exceed 2^53 - 1; nothing was added.";

        // 6xx: migration plans and BAT files.
        /// Automatic completion requires Cloud Connected UC; without it, it is disabled (AUTO-1).
        601 CloudConnectedUcRequired "cloud_connected_uc_required" "AUTO-1" Error "Automatic completion requires Cloud Connected UC.";
        /// Automatic completion needs the TFTP server type to be picked (AUTO-2).
        602 TftpServerRequired "tftp_server_required" "AUTO-2" Error "Automatic completion needs the TFTP server type.";
        /// Automatic completion needs the Unified CM TFTP load server where the devices are found (AUTO-2).
        603 LoadServerRequired "load_server_required" "AUTO-2" Error "Automatic completion needs the Unified CM TFTP load server.";
        /// A file name for Unified CM uses only letters, digits, '-', '.' and '_', does not start with a dot and has at most one dot (MAN-2).
        604 FileNameInvalid "file_name_invalid" "MAN-2" Error "A file name has a character other than letters, digits, '-', '.', '_', starts with a dot, or has two dots.";
        /// A BAT file name must not contain a comma (EXT-11).
        605 FileNameComma "file_name_comma" "EXT-11" Error "A BAT file name contains a comma.";
        /// A phone-load table supplied by the host has an unknown model, a load that is not an MPP load, a missing or duplicated model (EXT-10).
        606 PhoneLoadTableInvalid "phone_load_table_invalid" "EXT-10" Error "A phone-load table has an invalid, missing or duplicated row.";
        /// An output file already exists and overwriting was not asked for; nothing was written.
        607 OutputExists "output_exists" "" Error "An output file exists and overwriting was not asked for.";
        /// An output directory or file name is empty, would leave the output directory, or is one
        /// the file system refuses (a NUL or control character, longer than 255 bytes, a leading
        /// dot, which the writer keeps for its staging area); nothing was written.
        608 OutputPathInvalid "output_path_invalid" "" Error "An output directory or file name is empty, leaves the directory or is refused by file systems.";
        /// The phone-load table has no MPP load for the device's model, so it is in no Group 2 file,
        /// only in Group 1 (MAN-4).
        609 NoPhoneLoad "no_phone_load" "MAN-4" Warning "The phone-load table has no load for the device's model; it is in Group 1 only.";
        /// Two output files of one write have the same name (compared regardless of case, as some
        /// file systems do); nothing was written.
        620 OutputNameDuplicate "output_name_duplicate" "" Error "Two output files of one write have the same name; nothing was written.";

        // 9xx: internal.
        /// A bug inside the library was caught at the language boundary; nothing was changed.
        901 Panic "panic" "" Error "A bug inside the library was caught at the language boundary.";
    }
}

// The rows are in number order, as `ALL` promises and C's `mpp_error_code_at` relies on.
const _: () = {
    let mut i = 1;
    while i < ErrorCode::ALL.len() {
        assert!(
            ErrorCode::ALL[i - 1].number() < ErrorCode::ALL[i].number(),
            "the rows of error_codes! are not in number order"
        );
        i += 1;
    }
};

impl ErrorCode {
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
        ErrorCode::by_number(number)
    }

    /// The code with this snake_case name, if there is one.
    pub fn from_name(name: &str) -> Option<ErrorCode> {
        ErrorCode::by_name(name)
    }

    /// [`as_str`](Self::as_str) as a NUL-terminated C string, compiled into the program: for
    /// the C interface, which hands out pointers that stay valid and are never freed.
    pub const fn c_name(self) -> &'static CStr {
        self.info().c_name
    }

    /// [`rule`](Self::rule) as a NUL-terminated C string, compiled into the program.
    pub const fn c_rule(self) -> &'static CStr {
        self.info().c_rule
    }

    /// [`summary`](Self::summary) as a NUL-terminated C string, compiled into the program.
    pub const fn c_summary(self) -> &'static CStr {
        self.info().c_summary
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
    // ([`Finding::shared`]), and the rarer suggestion and column together behind one pointer,
    // itself shared by the findings of one column without a suggestion ([`SharedPlace`]).
    code: ErrorCode,
    /// The row, or [`NO_ROW`].
    row: u64,
    message: Arc<str>,
    place: Option<Arc<Place>>,
}

/// The row of a finding that concerns no row. No input has `u64::MAX` rows.
const NO_ROW: u64 = u64::MAX;

/// The fields of a finding that many findings lack: a suggestion and a column.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
struct Place {
    suggestion: Option<Box<str>>,
    column: Option<Cow<'static, str>>,
}

/// The place of the findings of one column that have no suggestion, shared by them all: the
/// findings of a million refused rows in one column cost no million places (issue 14
/// section 5). See [`Finding::at_shared`].
#[derive(Clone, Debug)]
pub(crate) struct SharedPlace(Arc<Place>);

impl SharedPlace {
    /// The place of column `column`.
    pub(crate) fn column(column: &'static str) -> SharedPlace {
        SharedPlace(Arc::new(Place {
            suggestion: None,
            column: Some(Cow::Borrowed(column)),
        }))
    }
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
        Arc::make_mut(self.place.get_or_insert_with(Arc::default)).suggestion =
            Some(suggestion.into_boxed_str());
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
            Arc::make_mut(self.place.get_or_insert_with(Arc::default)).column = column;
        }
    }

    /// Makes this finding share `message` when its own message is the same text, so that the
    /// same finding on many rows costs one message (issue 14 section 5); `false` when the
    /// texts differ.
    pub(crate) fn share_message(&mut self, message: &Arc<str>) -> bool {
        if Arc::ptr_eq(&self.message, message) {
            return true;
        }
        let same = *self.message == **message;
        if same {
            self.message = Arc::clone(message);
        }
        same
    }

    /// The message as it is held, to be shared by [`share_message`](Self::share_message).
    pub(crate) fn message_shared(&self) -> &Arc<str> {
        &self.message
    }

    /// The same finding placed at `row` and the column of `place`, as [`at`](Self::at) places
    /// it, sharing `place` when the finding has no suggestion.
    pub(crate) fn at_shared(mut self, row: u64, place: &SharedPlace) -> Finding {
        self.row = row;
        match &mut self.place {
            None => self.place = Some(Arc::clone(&place.0)),
            Some(own) => Arc::make_mut(own).column.clone_from(&place.0.column),
        }
        self
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

    /// The same error with the file it concerns at the start of its message
    /// (`<file>: <message>`): code, suggestion, row, column and source are kept. For the
    /// bindings and readers that name the file an error came from.
    ///
    /// ```
    /// use mpp_migration::{Error, ErrorCode};
    /// let err = Error::new(ErrorCode::IoError, "reading the upload: gone").in_file("up.csv");
    /// assert_eq!(err.message(), "up.csv: reading the upload: gone");
    /// assert_eq!(err.code(), ErrorCode::IoError);
    /// ```
    #[must_use]
    pub fn in_file(mut self, file: impl fmt::Display) -> Error {
        self.finding.message = Arc::from(format!("{file}: {}", self.finding.message));
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

/// Reads the file at `path` with `read` (through a buffer): how every reader of a named file
/// in this library (`*::read_path`) and its bindings reports where an error is. A file that
/// cannot be opened is [`ErrorCode::IoError`] naming it ([`Error::opening`]); every error of
/// the reading keeps its code, row and column, its message after the path
/// ([`Error::in_file`]), so that a host reading several files (an export and its lists) knows
/// which one an error is in.
///
/// ```
/// let path = std::env::temp_dir().join(format!("mpp-read-file-{}.csv", std::process::id()));
/// std::fs::write(&path, "MAC\n").unwrap();
/// let err = mpp_migration::read_file(&path, |_| {
///     Err::<(), _>(mpp_migration::Error::new(mpp_migration::ErrorCode::IoError, "cut short"))
/// })
/// .unwrap_err();
/// std::fs::remove_file(&path).unwrap();
/// assert_eq!(err.message(), format!("{}: cut short", path.display()));
/// ```
pub fn read_file<T>(
    path: &std::path::Path,
    read: impl FnOnce(&mut dyn std::io::Read) -> Result<T>,
) -> Result<T> {
    let file = std::fs::File::open(path).map_err(|e| Error::opening(path, e))?;
    read(&mut std::io::BufReader::new(file)).map_err(|e| e.in_file(path.display()))
}

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
    fn an_error_in_a_file_keeps_all_but_its_message() {
        let source = std::io::Error::from(std::io::ErrorKind::NotFound);
        let err = Error::new(ErrorCode::MacInvalidLength, "too short")
            .with_suggestion("001A2B3C4D5E")
            .at(Some(7), Some("MAC"))
            .with_source(source)
            .in_file("phones.csv");
        let finding = err.finding();
        assert_eq!(finding.message(), "phones.csv: too short");
        assert_eq!(finding.code(), ErrorCode::MacInvalidLength);
        assert_eq!(finding.suggestion(), Some("001A2B3C4D5E"));
        assert_eq!((finding.row(), finding.column()), (Some(7), Some("MAC")));
        assert!(std::error::Error::source(&err).is_some());
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
