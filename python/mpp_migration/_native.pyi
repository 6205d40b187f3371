"""Type stubs of the native extension ``mpp_migration._native``."""

import os
import pathlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Callable, ClassVar, Final, Optional, Protocol, Union, final, overload

from mpp_migration._types import (
    BatGroup,
    CompletionMode,
    DeviceTab,
    EligibilityStatus,
    EventKind,
    FleetGrouping,
    TaskStatus,
)

__all__ = [
    "AUTO_BATCH_SIZE",
    "BOARD_FORMAT",
    "CLOUD_UPGRADE_SERVER",
    "DEVICE_LIST_COLUMNS",
    "E164",
    "E164_METADATA_VERSION",
    "ERROR_CODES",
    "MAX_TASK_DEVICES",
    "MAX_TASK_NAME",
    "STATUS_REPORT_COLUMNS",
    "TRANSITIONS",
    "AddOutcome",
    "AutoPlan",
    "BatFile",
    "Board",
    "Device",
    "DeviceIterator",
    "DeviceList",
    "Directory",
    "Eligibility",
    "EligibilityCounts",
    "EligibilityError",
    "EligibilityRule",
    "EligibilityTable",
    "ErrorCodeInfo",
    "Finding",
    "FirmwareVersion",
    "FleetPlan",
    "HardwareVersion",
    "IdentifierError",
    "InputError",
    "InputTypeError",
    "InputValueError",
    "InternalError",
    "Inventory",
    "InventoryEntry",
    "License",
    "Location",
    "ManualPlan",
    "Mapping",
    "MigrationError",
    "Model",
    "ModelLabel",
    "OutputFile",
    "PhoneLoad",
    "PhoneLoadTable",
    "PlanError",
    "PreparedUpload",
    "PreparedUploads",
    "TabCounts",
    "Task",
    "TaskDevice",
    "TaskDeviceIterator",
    "TaskDeviceList",
    "TaskError",
    "TaskEvent",
    "TransitionOutcome",
    "Udi",
    "UploadChunk",
    "UploadCounts",
    "UploadError",
    "UploadIterator",
    "UploadReport",
    "__version__",
    "check_bat_file_name",
    "check_eligibility",
    "country_calling_code_region",
    "device_name",
    "error_code_info",
    "iter_upload",
    "license_file_name",
    "license_url",
    "mac_from_device_name",
    "models",
    "normalize_e164",
    "normalize_mac",
    "parse_model",
    "parse_model_label",
    "parse_udi",
    "plan_automatic",
    "plan_fleet",
    "plan_manual",
    "recover_output_dir",
    "prepare_uploads",
    "read_inventory",
    "status_report_csv",
    "template_csv",
    "transition",
    "transition_table_markdown",
    "user_export_csv",
    "validate_email",
    "validate_upload",
    "write_files",
]

class _BinaryReader(Protocol):
    """A binary file object: ``read(n)`` returns up to (about) ``n`` bytes, ``b""`` at the end."""

    def read(self, size: int = ..., /) -> Optional[bytes]: ...

_Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, _BinaryReader]
# An upload's ``source``: a path, the file's content, or a binary file object.

__version__: Final[str]
ERROR_CODES: Final[dict[str, int]]
"""Every error code by its stable snake_case name: ``{"mac_invalid_length": 201, ...}``."""

# --- errors ------------------------------------------------------------------------------

class MigrationError(Exception):
    """Base of every error of mpp_migration.

    ``str(error)`` places the message at its row and column and names its rule and code.
    Attributes: number, code, rule, severity, message, suggestion, row, column, finding.
    """

    number: int
    """The stable number of the code; its hundreds digit is its range (see docs/error-codes.md)."""
    code: str
    """The stable snake_case name of the code, e.g. ``"mac_invalid_length"``."""
    rule: str
    """The rule enforced (``"DEV-6"``, an id of docs/rules.md), or ``""``."""
    severity: str
    """``"error"`` or ``"warning"``."""
    message: str
    """The message for a person."""
    suggestion: Optional[str]
    """A suggested replacement value, or None."""
    row: Optional[int]
    """The row of the input concerned (header = 1), or None."""
    column: Optional[str]
    """The column of the input concerned, as its header spells it, or None."""
    finding: Finding
    """The same fields as a :class:`Finding`."""

class InputError(MigrationError):
    """1xx: an argument, file or encoding problem."""

class InputTypeError(InputError, TypeError):
    """1xx: an argument of the wrong type (invalid_argument). Also a TypeError."""

class InputValueError(InputError, ValueError):
    """1xx: an argument whose value cannot be used (invalid_argument, argument_not_utf8, json_invalid). Also a ValueError."""

class IdentifierError(MigrationError, ValueError):
    """2xx: a MAC, phone number, email, model or version that cannot be read. Also a ValueError."""

class UploadError(MigrationError, ValueError):
    """3xx: a CSV upload problem. Also a ValueError."""

class EligibilityError(MigrationError, ValueError):
    """4xx: an eligibility problem. Also a ValueError."""

class TaskError(MigrationError, ValueError):
    """5xx: a task or state-machine refusal. Also a ValueError."""

class PlanError(MigrationError, ValueError):
    """6xx: a migration plan or BAT file problem. Also a ValueError."""

class InternalError(MigrationError):
    """9xx: a bug inside the library."""

@final
class Finding:
    """One observation about an input: code, rule, severity, message, suggestion, row, column."""
    def to_json(self) -> str:
        """The JSON document of this result (docs/json.md), the same text as Rust's and C's."""
    def to_dict(self) -> dict[str, Any]:
        """The JSON document as plain dicts, lists, str, int, bool and None (docs/json.md):
        ``json.dumps(x.to_dict())`` works, as does ``json.dumps(x, default=mpp_migration.to_jsonable)``."""

    @property
    def number(self) -> int:
        """The code's stable number."""
    @property
    def code(self) -> str:
        """The code's stable snake_case name."""
    @property
    def rule(self) -> str:
        """The rule enforced (an id of docs/rules.md), or ``""``."""
    @property
    def severity(self) -> str:
        """``"error"`` or ``"warning"``."""
    @property
    def message(self) -> str:
        """The message for a person."""
    @property
    def suggestion(self) -> Optional[str]:
        """A suggested replacement value, or None."""
    @property
    def row(self) -> Optional[int]:
        """The row of the input (header = 1), or None."""
    @property
    def column(self) -> Optional[str]:
        """The column of the input, as its header spells it, or None."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ErrorCodeInfo:
    """Static facts about one error code."""

    @property
    def number(self) -> int:
        """The stable number."""
    @property
    def code(self) -> str:
        """The stable snake_case name."""
    @property
    def rule(self) -> str:
        """The rule enforced (an id of docs/rules.md), or ``""``."""
    @property
    def severity(self) -> str:
        """``"error"`` or ``"warning"``."""
    @property
    def summary(self) -> str:
        """A one-line meaning."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def error_code_info(code: Union[int, str]) -> ErrorCodeInfo:
    """The facts of an error code, by number or name.

    Raises :class:`InputError` (``invalid_argument``) for any int or str that is no error code
    (``-1``, ``2**40``, ``"nope"``) and for any other type, ``bool`` included.
    """

# --- identifiers -------------------------------------------------------------------------

# Every identifier function and constructor raises InputError (invalid_argument) for an
# argument of the wrong type (an int for a MAC, None for a model), IdentifierError for text it
# cannot read.

def normalize_mac(mac: str) -> str:
    """Normalises a MAC address to 12 upper-case hexadecimal digits (DEV-6).

    Accepts 12 hex digits or six colon-separated pairs, either case. Raises
    :class:`IdentifierError`; for near misses (dashes, dots, a ``SEP`` prefix, the letter O)
    its ``suggestion`` is the normalised MAC. A ``mac`` that is not a ``str`` raises
    :class:`InputError` (``invalid_argument``).
    """

def device_name(mac: str) -> str:
    """The Unified CM device name of the phone with this MAC: ``"SEP"`` + MAC (DEV-7)."""

def license_file_name(mac: str) -> str:
    """The device license file name: ``"<MAC>.lic"`` (EXT-7)."""

def license_url(mac: str) -> str:
    """Where the Webex cloud serves this phone's device license (EXT-7)."""

E164_METADATA_VERSION: Final[str]
"""The version of libphonenumber's metadata phone numbers are checked against, e.g. ``"9.0.43"``
(EXT-18)."""

def normalize_e164(number: str) -> str:
    """Normalises a phone number to E.164, ``"+"`` and digits (CSV-5, DEC-4).

    Spaces, dashes, dots and parentheses are dropped; the ``+`` and an assigned country calling
    code are required; at most 15 digits (EXT-12); and the number must be a valid number of its
    country calling code by libphonenumber's metadata (EXT-18): ``"+1 200 555 0100"`` raises
    ``e164_invalid_number``, ``"+49 30 11"`` ``e164_too_short``. Raises :class:`IdentifierError`.
    """

def country_calling_code_region(code: int) -> Optional[str]:
    """The region an assigned country calling code belongs to (``"Finland"`` for 358), or None.

    Any ``int`` is accepted: one that is no country calling code (-1, 70000) gives None. Like
    the other identifier functions, a value that is not an ``int`` (``bool`` included) raises
    :class:`InputError` (``invalid_argument``).
    """

@final
class E164:
    """A phone number in E.164 form; ``str(n)`` is the normalised number."""

    def __new__(cls, number: str) -> E164:
        """Reads a number; raises :class:`IdentifierError` like :func:`normalize_e164`."""
    @property
    def country_calling_code(self) -> int:
        """The country calling code, e.g. 1, 44 or 358."""
    @property
    def region(self) -> str:
        """The region the country calling code is assigned to."""
    @property
    def national_number(self) -> str:
        """The digits after the country calling code."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __lt__(self, other: E164, /) -> bool: ...
    def __le__(self, other: E164, /) -> bool: ...
    def __gt__(self, other: E164, /) -> bool: ...
    def __ge__(self, other: E164, /) -> bool: ...

def validate_email(email: str) -> None:
    """Checks the syntax of an email address (CSV-4); raises :class:`IdentifierError`."""

# --- models and versions -----------------------------------------------------------------

@final
class Model:
    """A device type of the catalogue (DEV-1, DEV-2, DEV-4, EXT-9, EXT-17)."""

    @property
    def name(self) -> str:
        """The short name: ``"8845"``, ``"8865NR"``, ``"7960"``, ``"CTI Port"``."""
    @property
    def series(self) -> str:
        """``"6800"``, ``"7800"``, ``"8800"``, ``"6900"``, ``"7900"``, ``"8900"``, ``"9800"``,
        ``"9900"``, ``"dect"``, ``"ata"`` or ``"other"``."""
    @property
    def model_class(self) -> str:
        """Whether an Enterprise → MPP conversion exists, or why not: ``"mpp_convertible"`` (the
        eligibility table decides), ``"mpp_only"``, ``"no_mpp_firmware"``, ``"phone_os"``,
        ``"soft_client"``, ``"virtual_device"``, ``"third_party"`` or ``"video_device"``
        (EXT-17)."""
    @property
    def reason(self) -> Optional[str]:
        """Why the device type does not migrate; None for an MPP-convertible model."""
    @property
    def ris_model(self) -> Optional[int]:
        """The numeric model code RisPort70 reports (EXT-15), where a public source documents
        it."""
    @property
    def mpp_load_family(self) -> Optional[str]:
        """The MPP load family a phone-load table may give it (``"sip78xx"``, MAN-4)."""
    @property
    def aliases(self) -> list[str]:
        """Other spellings :func:`parse_model` accepts for it (``"7960G"``, ``"CSF"``)."""
    @property
    def kind(self) -> str:
        """``"audio"`` or ``"video"``."""
    @property
    def has_wifi(self) -> bool:
        """Whether the phone has Wi-Fi, whose settings the migration erases (DEV-8)."""
    @property
    def has_enterprise_firmware(self) -> bool:
        """Whether the device runs Cisco Enterprise firmware (DEV-4); whether it can migrate is
        :attr:`model_class`."""
    @property
    def ucm_name(self) -> str:
        """The name Unified CM and Control Hub use: ``"Cisco 8845"`` (EXT-9)."""
    @property
    def webex_api_name(self) -> str:
        """The name the Webex API uses: ``"DMS Cisco 8845"`` (EXT-9)."""
    @property
    def part_number(self) -> str:
        """The part number: ``"CP-8845"``."""
    @property
    def description(self) -> str:
        """Cisco's product name: ``"Cisco IP Phone 8845"``."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ModelLabel:
    """A model read from a label, with the hardware version after the ordering code."""

    @property
    def model(self) -> Model:
        """The model."""
    @property
    def hardware_version(self) -> Optional[HardwareVersion]:
        """The hardware version printed on the label, or None."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def parse_model(text: str) -> Model:
    """Reads a model in any spelling EXT-9 lists (``8845``, ``CP-8845-K9=``, ``Cisco 8845``,
    ``DMS Cisco 8845``), case-insensitively, and every Unified CM device type of the catalogue
    (``Cisco 7960``, ``CTI Port``, ``Cisco Unified Client Services Framework``) or its RIS
    model code (``"36224"``, EXT-15).

    Raises :class:`IdentifierError` (``model_unknown``), with a ``suggestion`` only for a
    one-edit typo of a model of the same series.
    """

def parse_model_label(text: str) -> ModelLabel:
    """Like :func:`parse_model`, keeping the hardware version of ``CP-7821-K9=V03``."""

def models() -> list[Model]:
    """Every model of the catalogue."""

@final
class HardwareVersion:
    """A hardware version (VID), compared as a number: V03 < V15 < V24 (EXT-1)."""

    def __new__(cls, text: str) -> HardwareVersion:
        """Reads ``"V03"``, ``"v3"``, ``"VID V03"`` or ``"3"``; raises :class:`IdentifierError`."""
    @property
    def number(self) -> int:
        """The number: 3 for V03."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __lt__(self, other: HardwareVersion, /) -> bool: ...
    def __le__(self, other: HardwareVersion, /) -> bool: ...
    def __gt__(self, other: HardwareVersion, /) -> bool: ...
    def __ge__(self, other: HardwareVersion, /) -> bool: ...

@final
class FirmwareVersion:
    """A firmware version or load name, compared by its numbers (EXT-6)."""

    def __new__(cls, text: str) -> FirmwareVersion:
        """Reads ``"14.1(1)"``, ``"12.5(1)SR3"``, ``"14-1-1"``, ``"sip78xx.14-1-1-0001-136"``
        or an MPP load; raises :class:`IdentifierError`."""
    @property
    def major(self) -> int:
        """14 in 14.1(1)."""
    @property
    def minor(self) -> int:
        """1 in 14.1(1)."""
    @property
    def maint(self) -> Optional[int]:
        """The last 1 in 14.1(1); None when only ``"14.1"`` was given."""
    @property
    def service_release(self) -> int:
        """3 in 12.5(1)SR3; 0 when there is none."""
    @property
    def kind(self) -> str:
        """``"enterprise"`` or ``"mpp"``."""
    @property
    def load_family(self) -> Optional[str]:
        """The load family (``"sip78xx"``) of a load name, or None."""
    @property
    def build(self) -> Optional[str]:
        """The build of a load name (``"0001-136"``), or None."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __lt__(self, other: FirmwareVersion, /) -> bool: ...
    def __le__(self, other: FirmwareVersion, /) -> bool: ...
    def __gt__(self, other: FirmwareVersion, /) -> bool: ...
    def __ge__(self, other: FirmwareVersion, /) -> bool: ...

# --- the organisation ----------------------------------------------------------------------

@final
class Location:
    """A location of the organisation (CSV-6, CSV-11, CSV-12).

    Its entries are checked when a :class:`Directory` is built: a name of 1 to 80 characters
    (EXT-12), extensions of 2 to 10 digits (DEC-5).
    """

    def __new__(
        cls, name: str, *, cisco_pstn: bool = False, extensions_in_use: Iterable[str] = ()
    ) -> Location:
        """A location; ``extensions_in_use`` is any iterable of ``str`` (a single ``str`` is
        refused with :class:`InputError`)."""
    @property
    def name(self) -> str:
        """The name, as the organisation spells it (CSV-11)."""
    @property
    def cisco_pstn(self) -> bool:
        """Whether it is a Cisco PSTN location (CSV-12)."""
    @property
    def extensions_in_use(self) -> list[str]:
        """The extensions in use in this location (CSV-6)."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Directory:
    """The organisation as the host knows it: users, workspaces, locations and the devices
    already configured in Webex Calling (CSV-3, CSV-6, CSV-11 to CSV-13).

    Matching follows DEC-7: emails case-insensitively, workspace and location names exactly
    (a near miss is a finding naming the existing entry).
    """

    def __new__(
        cls,
        *,
        users: Iterable[str] = (),
        workspaces: Iterable[str] = (),
        locations: Iterable[Location] = (),
        devices_in_webex_calling: Iterable[str] = (),
    ) -> Directory:
        """Builds and validates a directory.

        Raises :class:`InputError` (``invalid_argument``) for an argument of the wrong type,
        and :class:`UploadError` (``directory_invalid``) naming the entry (``users[0]``,
        ``locations[1].name``) for an invalid email or MAC, an empty name or one with a control
        character, a location name over 80 characters, an extension that is not 2 to 10
        digits, or two workspaces or two locations with the same name or names that differ only
        in case or spacing (DEC-7).
        """
    @staticmethod
    def from_json(data: Union[str, bytes]) -> Directory:
        """Reads a directory from its JSON document (see :meth:`to_json`): a JSON object, as are
        its locations (an array of the fields in order is refused).

        Raises :class:`InputError` (``json_invalid``, naming line and column, or the value that
        is not an object) or :class:`UploadError` (``directory_invalid``, naming the entry).
        """
    @staticmethod
    def from_json_file(path: Union[str, os.PathLike[str]]) -> Directory:
        """Reads a directory from a JSON file; an unreadable file is ``io_error``."""
    def to_json(self) -> str:
        """The directory as its JSON document (format 1), which :meth:`from_json` reads back;
        written without the GIL."""
    @property
    def users(self) -> list[str]:
        """The users' emails (trimmed, first spelling of each)."""
    @property
    def workspaces(self) -> list[str]:
        """The workspaces' names."""
    @property
    def locations(self) -> list[Location]:
        """The locations."""
    @property
    def device_count(self) -> int:
        """How many devices are known to be in Webex Calling (CSV-13)."""
    def has_user(self, email: str) -> bool:
        """Whether a user with this email exists (case-insensitive, DEC-7)."""
    def has_device(self, mac: str) -> bool:
        """Whether the device with this MAC is in Webex Calling (CSV-13); raises
        :class:`IdentifierError` for a MAC that cannot be read."""

# --- eligibility ---------------------------------------------------------------------------

@final
class Eligibility:
    """Whether a phone can migrate (ELIG-1), and why."""
    def to_json(self) -> str:
        """The JSON document of this result (docs/json.md), the same text as Rust's and C's."""
    def to_dict(self) -> dict[str, Any]:
        """The JSON document as plain dicts, lists, str, int, bool and None (docs/json.md):
        ``json.dumps(x.to_dict())`` works, as does ``json.dumps(x, default=mpp_migration.to_jsonable)``."""

    @property
    def status(self) -> EligibilityStatus:
        """``ELIGIBLE``, ``NOT_ELIGIBLE`` or ``UNKNOWN``; compares equal to ``"eligible"``,
        ``"not_eligible"``, ``"unknown"``."""
    @property
    def findings(self) -> list[Finding]:
        """The reasons: the verdict's finding first, then warnings (``factory_reset``, ...)."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class EligibilityRule:
    """One row of an eligibility table: a model, a hardware version range, a status, warnings
    and the source it cites."""

    @property
    def model(self) -> Model:
        """The model."""
    @property
    def vid_from(self) -> Optional[HardwareVersion]:
        """The first hardware version of the range, or None (open)."""
    @property
    def vid_to(self) -> Optional[HardwareVersion]:
        """The last hardware version of the range, or None (open)."""
    @property
    def status(self) -> EligibilityStatus:
        """``ELIGIBLE`` or ``NOT_ELIGIBLE``."""
    @property
    def warnings(self) -> list[str]:
        """The codes of the warnings the row gives (``model_limited_features``,
        ``minimum_mpp_firmware``)."""
    @property
    def source(self) -> str:
        """The source the row cites."""
    def contains(self, hardware_version: Union[str, HardwareVersion]) -> bool:
        """Whether the hardware version is in the row's range (compared as numbers, EXT-1)."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class EligibilityTable:
    """Which phones can migrate, as data (EXT-2 to EXT-4): Control Hub's reading (the
    default), Cisco's ordering guide, or a host's own table."""

    @staticmethod
    def control_hub() -> EligibilityTable:
        """Control Hub's article, where the source wins (8851NR and 8865NR not eligible)."""
    @staticmethod
    def cisco_ordering_guide() -> EligibilityTable:
        """Cisco's ordering guide, where 8851NR and 8865NR are eligible (EXT-4)."""
    @staticmethod
    def by_name(name: str) -> EligibilityTable:
        """A bundled table: ``"control_hub"`` or ``"cisco_ordering_guide"``; any other name
        raises :class:`InputError`."""
    @staticmethod
    def from_csv(data: Union[str, bytes], *, name: str = "custom") -> EligibilityTable:
        """Reads a table from CSV with the columns ``model,vid_from,vid_to,status,warnings,source``.

        Raises :class:`EligibilityError` (``eligibility_table_invalid``) with the ``row`` and
        ``column`` of a bad entry: an unknown model, an inverted or overlapping range, a status
        other than eligible/not_eligible, an unknown warning, a row without a source.
        """
    def to_csv(self) -> str:
        """The table as CSV, which :meth:`from_csv` reads back."""
    @property
    def name(self) -> str:
        """The table's name."""
    @property
    def rules(self) -> list[EligibilityRule]:
        """The rows, sorted by model and range."""
    def check(
        self,
        model: Union[str, Model],
        hardware_version: Union[str, HardwareVersion, None] = None,
        firmware: Union[str, FirmwareVersion, None] = None,
    ) -> Eligibility:
        """Checks one phone against this table; see :func:`check_eligibility`."""
    def __len__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

def check_eligibility(
    model: Union[str, Model],
    hardware_version: Union[str, HardwareVersion, None] = None,
    firmware: Union[str, FirmwareVersion, None] = None,
    *,
    table: Union[EligibilityTable, str, None] = None,
) -> Eligibility:
    """Checks whether a phone can migrate (ELIG-1, DEV-1 to DEV-5, EXT-1 to EXT-6).

    ``model`` is any spelling EXT-9 lists, optionally with the VID of the label
    (``"CP-7821-K9=V03"``); ``firmware`` the phone's current Enterprise load in any spelling
    EXT-6 lists; ``table`` an :class:`EligibilityTable` or the name of a bundled one (default:
    Control Hub's).

    Raises :class:`IdentifierError` for a model, VID or firmware it cannot read, and
    :class:`InputError` when the label's VID and ``hardware_version`` disagree or an argument
    has the wrong type. A known model that cannot migrate gives ``not_eligible`` with a finding
    (``model_not_eligible``, ``model_mpp_only``, ``hardware_version_not_eligible``).
    """

# --- upload ----------------------------------------------------------------------------------

@final
class Device:
    """A phone accepted by an upload, normalised (CSV-1, CSV-2), or from a host's inventory."""

    def __new__(
        cls,
        mac: str,
        model: Union[str, Model],
        *,
        hardware_version: Union[str, HardwareVersion, None] = None,
        firmware: Union[str, FirmwareVersion, None] = None,
    ) -> Device:
        """A phone from a host's inventory (TASK-8's default task, eligibility, plans).

        ``mac`` in a spelling DEV-6 accepts; ``model`` in any spelling EXT-9 lists (a label such
        as ``"CP-7821-K9=V03"`` carries the VID); the hardware version (EXT-1) and current
        firmware (EXT-6) where known. It has no user or workspace, so it fits *license only*
        tasks. Raises :class:`IdentifierError` for a value it cannot read and
        :class:`InputError` when the label's VID and ``hardware_version`` disagree.
        """

    @property
    def row(self) -> Optional[int]:
        """The upload row it came from (header = 1)."""
    @property
    def mac(self) -> str:
        """The MAC: 12 upper-case hexadecimal digits (DEV-6)."""
    @property
    def device_name(self) -> str:
        """The Unified CM device name: ``"SEP"`` + MAC (DEV-7)."""
    @property
    def model(self) -> Model:
        """The model."""
    @property
    def hardware_version(self) -> Optional[HardwareVersion]:
        """The hardware version, when known (EXT-1)."""
    @property
    def firmware(self) -> Optional[FirmwareVersion]:
        """The current Enterprise firmware, when known (EXT-6)."""
    @property
    def type(self) -> Optional[str]:
        """``"USER"`` or ``"WORKSPACE"`` (CSV-3); None for a *license only* upload."""
    @property
    def username(self) -> Optional[str]:
        """The user's email or the workspace's name (CSV-4); None for *license only*."""
    @property
    def phone_number(self) -> Optional[str]:
        """The workspace's number in E.164 (CSV-5), or None."""
    @property
    def extension(self) -> Optional[str]:
        """The workspace's extension (CSV-6), or None."""
    @property
    def location(self) -> Optional[str]:
        """The location's name as the organisation spells it (CSV-11); None for *license only*."""
    @property
    def call_plan(self) -> bool:
        """Whether a new workspace gets an unlimited outgoing call plan (CSV-12)."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class DeviceList(Sequence[Device]):
    """A lazy, read-only sequence over the devices a report or chunk holds in Rust.

    Indexing (negative indices too) builds one :class:`Device`; a slice is another
    ``DeviceList`` over the same devices; :meth:`column` reads one attribute of every device
    in one call.
    """

    COLUMNS: ClassVar[tuple[str, ...]]
    """The names :meth:`column` accepts."""

    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, index: int, /) -> Device: ...
    @overload
    def __getitem__(self, index: slice, /) -> DeviceList: ...
    def __iter__(self) -> DeviceIterator: ...
    def __reversed__(self) -> DeviceIterator: ...
    def __contains__(self, value: object, /) -> bool: ...
    def index(self, value: object, start: int = 0, stop: Optional[int] = None) -> int:
        """The position of the first device equal to ``value``; ValueError if there is none."""
    def count(self, value: object) -> int:
        """How many devices equal ``value``."""
    def column(self, name: str) -> list[Union[str, int, bool, None]]:
        """One attribute of every device, in order, as a list.

        ``"mac"``, ``"device_name"``, ``"model"`` (short name), ``"hardware_version"``
        (``"V03"``), ``"firmware"`` (``"14.1(1)"``), ``"type"``, ``"username"``,
        ``"phone_number"``, ``"extension"`` and ``"location"`` give ``str`` or None; ``"row"``
        gives ``int`` or None; ``"call_plan"`` gives ``bool``. Any other name raises
        :class:`InputError`.
        """

@final
class DeviceIterator(Iterator[Device]):
    """Iterates a :class:`DeviceList`, building one :class:`Device` at a time."""

    def __iter__(self) -> DeviceIterator: ...
    def __next__(self) -> Device: ...
    def __length_hint__(self) -> int: ...

@final
class UploadCounts:
    """The counts of an upload status (CSV-14, DEC-1): ``added + errors == total``."""

    @property
    def added(self) -> int:
        """Devices added."""
    @property
    def errors(self) -> int:
        """Rows not added."""
    @property
    def total(self) -> int:
        """Data rows uploaded, blank ones included."""
    def __add__(self, other: UploadCounts, /) -> UploadCounts:
        """Later uploads to the same task add to the counts (CSV-14)."""
    def __radd__(self, other: UploadCounts, /) -> UploadCounts: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class UploadReport:
    """The outcome of validating an upload (CSV-14, CSV-15)."""
    def to_json(self) -> str:
        """The JSON document of this result (docs/json.md), the same text as Rust's and C's."""
    def to_dict(self) -> dict[str, Any]:
        """The JSON document as plain dicts, lists, str, int, bool and None (docs/json.md):
        ``json.dumps(x.to_dict())`` works, as does ``json.dumps(x, default=mpp_migration.to_jsonable)``."""

    @property
    def devices(self) -> DeviceList:
        """The accepted devices, normalised, in input order: a lazy sequence."""
    @property
    def findings(self) -> list[Finding]:
        """Every finding in input order, the header's first (a new list on each access), built in
        chunks with the GIL let go between them."""
    def findings_for_row(self, row: int) -> list[Finding]:
        """The findings of one row (header = 1); empty for a row without any."""
    @property
    def added(self) -> int:
        """Devices added (CSV-14)."""
    @property
    def errors(self) -> int:
        """Rows not added (CSV-14, DEC-1)."""
    @property
    def total(self) -> int:
        """Data rows uploaded, blank ones included (CSV-14, DEC-1)."""
    @property
    def counts(self) -> UploadCounts:
        """The three counts together."""
    @property
    def option(self) -> str:
        """``"license_and_device"`` or ``"license_only"`` (TASK-3)."""
    @property
    def directory_checked(self) -> bool:
        """Whether the rows were checked against a directory; without one the rules that need
        the organisation (CSV-3, CSV-6, CSV-11 to CSV-13) were skipped."""
    @property
    def header(self) -> list[str]:
        """The header's cells as written."""
    def severity_counts(self) -> tuple[int, int]:
        """How many findings are errors and how many are warnings."""
    def errors_csv(self) -> str:
        """The errors file (CSV-15): an ``Errors`` column, then the header and the refused rows
        as written (blank rows left out), so that once fixed it uploads again. Written without
        the GIL."""
    def devices_csv(self) -> str:
        """The accepted devices as a normalised upload file of the same option, written without
        the GIL."""

@final
class UploadChunk:
    """The rows of one step of :func:`iter_upload`."""

    @property
    def devices(self) -> DeviceList:
        """The accepted devices of these rows: a lazy sequence."""
    @property
    def findings(self) -> list[Finding]:
        """The findings of these rows, in input order."""
    @property
    def counts(self) -> UploadCounts:
        """The counts of these rows."""
    @property
    def added(self) -> int:
        """Devices added from these rows."""
    @property
    def errors(self) -> int:
        """Rows of this chunk not added."""
    @property
    def total(self) -> int:
        """Data rows in this chunk."""
    @property
    def first_row(self) -> int:
        """The first row of the chunk (header = 1)."""
    @property
    def last_row(self) -> int:
        """The last row of the chunk."""

@final
class UploadIterator(Iterator[UploadChunk]):
    """Streams an upload in chunks (see :func:`iter_upload`)."""

    def __iter__(self) -> UploadIterator: ...
    def __next__(self) -> UploadChunk:
        """Reads and validates the next rows without the GIL; raises :class:`InputError`
        (``io_error``) when the source fails mid-way, after which the iterator is exhausted."""
    @property
    def header_findings(self) -> list[Finding]:
        """The findings of the header row (row 1): BOM, missing, unknown or duplicated
        columns, an empty file."""
    @property
    def header(self) -> list[str]:
        """The header's cells as written."""
    @property
    def end_findings(self) -> list[Finding]:
        """The findings known only at the end of the input (``no_data_rows`` for a header
        without data rows, CSV-14): empty until the iterator is exhausted."""
    @property
    def counts(self) -> UploadCounts:
        """The counts of the rows read so far (CSV-14)."""
    @property
    def option(self) -> str:
        """``"license_and_device"`` or ``"license_only"``."""
    @property
    def directory_checked(self) -> bool:
        """Whether the rows are checked against a directory."""
    @property
    def chunk_size(self) -> int:
        """The number of rows each chunk holds at most."""

def validate_upload(
    source: _Source,
    option: str = "license_and_device",
    directory: Optional[Directory] = None,
    *,
    eligibility: Union[EligibilityTable, str, None] = None,
    size_hint: Optional[int] = None,
) -> UploadReport:
    """Validates a whole *Add devices* upload (CSV-1 to CSV-16) and returns its report.

    ``source`` is a path (``str`` or ``os.PathLike``, opened and streamed by Rust), the file's
    content (``bytes``, ``bytearray``, ``memoryview``), or a binary file object, read to its
    end. ``option`` is ``"license_and_device"`` or ``"license_only"`` (TASK-3); ``directory``
    the organisation to check rows against (None skips those checks); ``eligibility`` the
    table for the model check (default: Control Hub's). Validation releases the GIL.

    ``size_hint`` is the input's size in bytes, for a file object whose length you know: core
    then sizes its duplicate indexes (DEC-2, DEC-5) once, faster and in less memory, with the
    same results whatever the hint. Paths and bytes give their own length; an explicit hint
    wins. Raises ``invalid_argument`` for a negative one.

    Raises :class:`InputError`: ``invalid_argument`` for an unknown option or an argument of
    the wrong type (a text-mode file included), ``io_error`` for a file that cannot be read.
    Everything about the content (an empty file, a bad header, blank lines, bad bytes) is a
    finding of the report, never an exception.
    """

def iter_upload(
    source: _Source,
    option: str = "license_and_device",
    directory: Optional[Directory] = None,
    *,
    eligibility: Union[EligibilityTable, str, None] = None,
    chunk_size: int = 10000,
    size_hint: Optional[int] = None,
) -> UploadIterator:
    """Streams an upload in chunks of at most ``chunk_size`` rows, for files of millions of
    rows: memory is bounded by the chunk (plus what core remembers to find duplicate MACs and
    extensions, DEC-2, DEC-5). Arguments as :func:`validate_upload`. Each ``next()`` reads and
    validates its rows without the GIL.

    The header is read now: its findings are :attr:`UploadIterator.header_findings`; what is
    known only at the end of the input (``no_data_rows`` for a header without data rows) is
    :attr:`UploadIterator.end_findings` once the iterator is exhausted. Together with the
    chunks' findings they are the findings :func:`validate_upload` reports, in its order.
    """

def template_csv(option: str) -> str:
    """The template of an option's schema (CSV-16): its header line."""

def user_export_csv(directory: Directory) -> str:
    """The user-attribute export (CSV-16): every user of the directory as a row of the
    *license and device* schema with Type, Username and Device Type filled in, sorted by email."""

# --- tasks (TASK-1 to TASK-9, ELIG-1 to ELIG-5) ----------------------------------------------

MAX_TASK_DEVICES: Final[int]
"""The most devices one task holds: 1000 (ELIG-3)."""
MAX_TASK_NAME: Final[int]
"""The longest task name, in characters: 80 (TASK-1)."""
BOARD_FORMAT: Final[int]
"""The format version of :meth:`Board.to_json` documents."""
DEVICE_LIST_COLUMNS: Final[tuple[str, ...]]
"""The columns of :meth:`Task.device_list_csv` (ELIG-5)."""

def _enum_table(kind: str) -> list[tuple[str, str]]:
    """``[(name, label), ...]`` of one of core's enums, in core's order (for ``_types``)."""

@final
class TabCounts:
    """How many devices of a task sit in each tab (TASK-5)."""
    def to_json(self) -> str:
        """The JSON document of this result (docs/json.md), the same text as Rust's and C's."""
    def to_dict(self) -> dict[str, Any]:
        """The JSON document as plain dicts, lists, str, int, bool and None (docs/json.md):
        ``json.dumps(x.to_dict())`` works, as does ``json.dumps(x, default=mpp_migration.to_jsonable)``."""

    @property
    def pending(self) -> int:
        """Pending: added, not prepared yet."""
    @property
    def error(self) -> int:
        """Error."""
    @property
    def ready(self) -> int:
        """Ready for migration."""
    @property
    def in_progress(self) -> int:
        """In progress."""
    @property
    def completed(self) -> int:
        """Completed."""
    @property
    def total(self) -> int:
        """All devices."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class EligibilityCounts:
    """How many devices of a task are eligible, not eligible, unknown (ELIG-1)."""

    @property
    def total(self) -> int:
        """All devices (at most 1000, ELIG-3)."""
    @property
    def eligible(self) -> int:
        """Eligible."""
    @property
    def not_eligible(self) -> int:
        """Not eligible."""
    @property
    def unknown(self) -> int:
        """Unknown."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class AddOutcome:
    """What adding devices to a task did."""

    @property
    def added(self) -> int:
        """Devices added."""
    @property
    def findings(self) -> list[Finding]:
        """One finding per device not added, at its upload row when it came from one:
        ``device_in_other_task`` (DEV-6), ``device_already_in_task`` (DEV-6), ``task_full``
        (ELIG-3)."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class TaskDevice:
    """A device of a task: the device, what eligibility said of it, its tab and last error."""

    @property
    def device(self) -> Device:
        """The device."""
    @property
    def eligibility(self) -> EligibilityStatus:
        """Eligible, not eligible or unknown (ELIG-1), as checked when the device was added."""
    @property
    def reasons(self) -> list[Finding]:
        """The reasons of the eligibility: errors and warnings (EXT-1 to EXT-8, DEV-8)."""
    @property
    def tab(self) -> DeviceTab:
        """The tab it sits in (TASK-5)."""
    @property
    def last_error(self) -> Optional[str]:
        """Why it is in Error, when it is; None otherwise."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class TaskDeviceList(Sequence[TaskDevice]):
    """A lazy, read-only sequence of devices of a :class:`Task` snapshot: all of them, or those
    a search or a slice picked. Indexing builds one :class:`TaskDevice`; :meth:`macs` reads every
    MAC in one call."""

    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, index: int, /) -> TaskDevice: ...
    @overload
    def __getitem__(self, index: slice, /) -> TaskDeviceList: ...
    def __iter__(self) -> TaskDeviceIterator: ...
    def __reversed__(self) -> TaskDeviceIterator: ...
    def __contains__(self, value: object, /) -> bool: ...
    def index(self, value: object, start: int = 0, stop: Optional[int] = None) -> int:
        """The position of the first device equal to ``value``; ValueError if there is none."""
    def count(self, value: object) -> int:
        """How many devices equal ``value``."""
    def macs(self) -> list[str]:
        """The MACs of these devices, in order (12 upper-case hexadecimal digits)."""

@final
class TaskDeviceIterator(Iterator[TaskDevice]):
    """Iterates a :class:`TaskDeviceList`, building one :class:`TaskDevice` at a time."""

    def __iter__(self) -> TaskDeviceIterator: ...
    def __next__(self) -> TaskDevice: ...
    def __length_hint__(self) -> int: ...

@final
class Task:
    """A migration task as it was when it was asked for: an immutable snapshot.

    :meth:`Board.task`, :attr:`Board.tasks`, :meth:`Board.task_of`, :attr:`Board.in_progress`
    and :attr:`FleetPlan.tasks` each return a copy of the task taken at that moment. It never
    changes and stays valid whatever happens to the board afterwards (even if the task is
    removed); after an event, ask the board again for the current state. Every event method of
    :class:`Board` returns the new status, so the common case needs no new snapshot.
    """
    def to_json(self) -> str:
        """The JSON document of this result (docs/json.md), the same text as Rust's and C's."""
    def to_dict(self) -> dict[str, Any]:
        """The JSON document as plain dicts, lists, str, int, bool and None (docs/json.md):
        ``json.dumps(x.to_dict())`` works, as does ``json.dumps(x, default=mpp_migration.to_jsonable)``."""

    @property
    def name(self) -> str:
        """The name (TASK-1)."""
    @property
    def option(self) -> str:
        """``"license_and_device"`` or ``"license_only"`` (TASK-3)."""
    @property
    def status(self) -> TaskStatus:
        """The status (TASK-4)."""
    @property
    def paused(self) -> bool:
        """Whether the task is paused (TASK-6)."""
    @property
    def include_unknown(self) -> bool:
        """Whether devices of unknown eligibility are prepared (ELIG-2)."""
    @property
    def completion(self) -> Optional[CompletionMode]:
        """How the migration was completed, once it was; None before."""
    @property
    def upload_counts(self) -> UploadCounts:
        """The counts of every upload to the task, added together (CSV-14)."""
    @property
    def tab_counts(self) -> TabCounts:
        """How many devices sit in each tab (TASK-5)."""
    @property
    def eligibility_counts(self) -> EligibilityCounts:
        """How many devices are eligible, not eligible, unknown (ELIG-1)."""
    @property
    def devices(self) -> TaskDeviceList:
        """The devices, in the order they were added: a lazy sequence."""
    def device(self, mac: str) -> Optional[TaskDevice]:
        """The device with this MAC (any spelling DEV-6 accepts), or None; raises
        :class:`IdentifierError` for a MAC that cannot be read."""
    def search(
        self,
        query: str = "",
        eligibility: Union[EligibilityStatus, str, None] = None,
    ) -> TaskDeviceList:
        """The devices matching ``query`` on any attribute (device name, MAC in either form,
        model, type, username, phone number, extension, location, eligibility, tab, versions),
        case-insensitively and in part; of the eligibility given, or every one for None
        (ELIG-4). An empty query matches every device."""
    def device_list_csv(self) -> str:
        """The device list with all its details as CSV (ELIG-5, columns
        :data:`DEVICE_LIST_COLUMNS`): UTF-8 without BOM, every cell safe to open in a
        spreadsheet (a formula is neutralised)."""
    def device_list_json(self) -> str:
        """The device list with all its details as JSON (ELIG-5): an array of devices."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class TaskEvent:
    """An event the host reports to a task, for :meth:`Board.refresh`. Made by the static
    constructors; the same events have methods of their own on :class:`Board`."""

    @staticmethod
    def start_preparation() -> TaskEvent:
        """*Prepare for migration* (ELIG-2 picks the devices)."""
    @staticmethod
    def prepared(mac: str) -> TaskEvent:
        """A device was prepared."""
    @staticmethod
    def preparation_failed(mac: str, reason: str) -> TaskEvent:
        """A device failed preparation, and why."""
    @staticmethod
    def move_to_ready(macs: Iterable[str]) -> TaskEvent:
        """Fixed devices move from Error back to Ready for migration (TASK-5)."""
    @staticmethod
    def complete(mode: Union[CompletionMode, str]) -> TaskEvent:
        """*Complete migration* of the whole task (TASK-7): ``"automatic"`` or ``"manual"``."""
    @staticmethod
    def migrated(mac: str) -> TaskEvent:
        """A device was migrated."""
    @staticmethod
    def migration_failed(mac: str, reason: str) -> TaskEvent:
        """A device failed to migrate, and why."""
    @staticmethod
    def pause() -> TaskEvent:
        """*Pause migration* (TASK-6)."""
    @staticmethod
    def resume() -> TaskEvent:
        """*Resume migration* (TASK-6)."""
    @staticmethod
    def cancel() -> TaskEvent:
        """*Cancel migration* (TASK-6)."""
    @staticmethod
    def set_include_unknown(on: bool) -> TaskEvent:
        """*Include unknown eligibility* on or off (ELIG-2)."""
    @staticmethod
    def remove_devices(macs: Iterable[str]) -> TaskEvent:
        """Devices leave the task."""
    @property
    def kind(self) -> EventKind:
        """The kind of the event, for the transition table."""
    @property
    def mac(self) -> Optional[str]:
        """The device of a one-device event (prepared, failed, migrated), or None."""
    @property
    def macs(self) -> list[str]:
        """The devices of ``move_to_ready`` and ``remove_devices``; empty for the others."""
    @property
    def reason(self) -> Optional[str]:
        """Why a device failed, or None."""
    @property
    def mode(self) -> Optional[CompletionMode]:
        """The completion mode of ``complete``, or None."""
    @property
    def include_unknown(self) -> Optional[bool]:
        """The switch of ``set_include_unknown``, or None."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class TransitionOutcome:
    """What an event does to a task's status, by the transition table (TASK-4 to TASK-7)."""

    @property
    def kind(self) -> str:
        """``"stay"``, ``"to"`` (the status becomes :attr:`target`), ``"completion"`` (Auto
        migration complete or Manual migration, by the mode), ``"from_devices"`` (the status
        follows the device tabs), or ``"refused"`` (by the code :attr:`refusal`)."""
    @property
    def target(self) -> Optional[TaskStatus]:
        """The status after the event when :attr:`kind` is ``"to"``; otherwise None."""
    @property
    def refusal(self) -> Optional[str]:
        """The code that refuses the event (``"transition_refused"``,
        ``"complete_requires_ready"``) when :attr:`kind` is ``"refused"``; otherwise None."""
    @property
    def accepted(self) -> bool:
        """Whether the table accepts the event."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

TRANSITIONS: Final[tuple[tuple[TaskStatus, EventKind, TransitionOutcome], ...]]
"""Every (status, event kind, outcome) row of the transition table core enforces; a pair that
is not here is refused with ``transition_refused`` (TASK-4)."""

def transition(
    status: Union[TaskStatus, str], event: Union[EventKind, str]
) -> TransitionOutcome:
    """What ``event`` does to a task whose status is ``status``, by the transition table.

    The table is not the whole check of an event: applying it also refuses anything but resume
    and cancel while the task is paused (TASK-6), a second task in progress (TASK-2), and
    devices in the wrong tab. Raises :class:`InputError` for a name that is no status or event
    kind.
    """

def transition_table_markdown() -> str:
    """The transition table as Markdown (the README's table)."""

@final
class Board:
    """The tasks of an organisation and the rules between them: unique names (TASK-1), one
    task in progress (TASK-2), a device in one task only (DEV-6), and TASK-9 against the
    directory when it has one.

    The one mutable object of the module. Every method locks the board and works without the
    GIL, so threads may share a board. Tasks come out as snapshots (:class:`Task`). Every
    method that names a task takes its name (case-insensitive) and raises :class:`TaskError`
    (``task_not_found``) when no task has it; a refused event raises :class:`TaskError` and
    changes nothing.
    """

    def __new__(
        cls,
        *,
        eligibility: Union[EligibilityTable, str, None] = None,
        directory: Optional[Directory] = None,
    ) -> Board:
        """An empty board whose devices are checked with ``eligibility`` (a table or the name
        of a bundled one; default Control Hub's) and whose *license only* tasks are checked
        against ``directory`` at Complete migration (TASK-9)."""
    @property
    def eligibility(self) -> EligibilityTable:
        """The eligibility table devices are checked with when they are added."""
    @property
    def directory(self) -> Optional[Directory]:
        """The organisation's directory (TASK-9), or None."""
    def set_directory(self, directory: Directory) -> None:
        """Gives the board the organisation's directory, for TASK-9 at Complete migration."""
    @property
    def tasks(self) -> list[Task]:
        """Every task, in the order they were created: snapshots."""
    @property
    def task_names(self) -> list[str]:
        """The names of the tasks, in the order they were created."""
    def task(self, name: str) -> Task:
        """A snapshot of the task with this name (case-insensitive); raises
        :class:`TaskError` (``task_not_found``)."""
    def task_of(self, mac: str) -> Optional[Task]:
        """A snapshot of the task holding the device with this MAC (DEV-6), or None."""
    @property
    def in_progress(self) -> Optional[Task]:
        """A snapshot of the task in progress, if one is (TASK-2)."""
    def suggest_task_name(self, text: str) -> str:
        """A valid name no task has yet, made from free text (TASK-1): ``"Floor 2"`` gives
        ``"Floor_2"``, or ``"Floor_2-2"`` when that is taken."""
    def create_task(self, name: str, option: str) -> Task:
        """Creates an empty task in Draft (TASK-1, TASK-3) and returns its snapshot. Raises
        :class:`TaskError`: ``task_name_invalid`` (with a valid name as ``suggestion``),
        ``task_name_taken`` (with a free name as ``suggestion``)."""
    def remove_task(self, name: str) -> Task:
        """Removes a task and frees its devices (not while it is in progress, TASK-2);
        returns its last snapshot."""
    def add_devices(self, task: str, devices: Iterable[Device]) -> AddOutcome:
        """Adds devices (a :class:`DeviceList` is read without a Python object per device) to
        a task in Draft, checking their eligibility (ELIG-1). A device in another task or
        twice (DEV-6), or beyond the 1000th (ELIG-3), is not added: each is a finding."""
    def add_upload(self, task: str, report: UploadReport) -> AddOutcome:
        """Adds the accepted devices of an upload report to a task, and its counts (CSV-14):
        Added grows by the devices the task really took, Errors by every other row (DEC-1).
        Raises :class:`TaskError` (``task_option_mismatch``) for a report of another option
        (TASK-3), ``upload_count_limit`` when the counts would pass 2**53 - 1."""
    def create_default_task(
        self, name: str, option: str, devices: Iterable[Device]
    ) -> AddOutcome:
        """The default device task (TASK-8): a new task of the phones given, those that can be
        prepared in Ready for migration, the rest in Error; phones beyond 1000 (ELIG-3) and
        phones already in a task are findings."""
    def add_tasks(self, tasks: Iterable[Task]) -> None:
        """Adds tasks planned elsewhere (such as a fleet plan's), all or none."""
    def add_fleet_plan(self, plan: FleetPlan) -> None:
        """Adds every task of a fleet plan, all or none."""
    def start_preparation(self, task: str) -> TaskStatus:
        """*Prepare for migration* (ELIG-2): not eligible devices, and unknown ones unless the
        task includes them, go to Error. Raises :class:`TaskError`: ``task_in_progress_exists``
        (TASK-2), ``task_empty`` when no device can be prepared."""
    def report_prepared(self, task: str, mac: str) -> TaskStatus:
        """The host reports a device prepared."""
    def report_preparation_failed(
        self, task: str, mac: str, reason: str
    ) -> TaskStatus:
        """The host reports a device that failed preparation, and why."""
    def move_to_ready(self, task: str, macs: Iterable[str]) -> TaskStatus:
        """Fixed devices move from Error back to Ready for migration (TASK-5); not eligible
        ones never do (``device_not_eligible``), unknown ones only with Include unknown
        eligibility (``device_eligibility_unknown``) (ELIG-2)."""
    def complete(self, task: str, mode: Union[CompletionMode, str]) -> TaskStatus:
        """*Complete migration* of the whole task, ``"automatic"`` or ``"manual"``: only from
        Ready for migration (``complete_requires_ready``, TASK-7); a *license only* task's
        devices must be in Webex Calling when the board has a directory
        (``device_not_in_webex_calling``, TASK-9). ``"automatic"`` is refused
        (``cloud_connected_uc_required``): AUTO-1 and AUTO-2 need the choices that
        :meth:`complete_automatic` takes."""
    def report_migrated(self, task: str, mac: str) -> TaskStatus:
        """The host reports a device migrated (from In progress, or from Error after a failed
        migration was retried); reporting it again changes nothing."""
    def report_migration_failed(
        self, task: str, mac: str, reason: str
    ) -> TaskStatus:
        """The host reports a device that failed to migrate, and why."""
    def pause(self, task: str) -> TaskStatus:
        """*Pause migration* (TASK-6): while paused, only resume and cancel are accepted
        (``task_paused``)."""
    def resume(self, task: str) -> TaskStatus:
        """*Resume migration* (TASK-6)."""
    def cancel(self, task: str) -> TaskStatus:
        """*Cancel migration* (TASK-6): during preparation the task returns to Draft; during a
        migration the devices still in progress return to Ready for migration."""
    def set_include_unknown(self, task: str, on: bool) -> TaskStatus:
        """*Include unknown eligibility* on or off (ELIG-2)."""
    def remove_devices(self, task: str, macs: Iterable[str]) -> TaskStatus:
        """Devices leave the task (and may then join another, DEV-6)."""
    def refresh(self, task: str, events: Iterable[TaskEvent]) -> TaskStatus:
        """Reports many events at once, as *Refresh device status* does (TASK-6), in one call
        without the GIL, all or nothing: when one event is refused none is kept, and the
        error names it. A result the task already records changes nothing; a device that
        failed to migrate may be reported migrated after a retry. Returns the status after
        the last."""
    def complete_subset(
        self,
        task: str,
        macs: Iterable[str],
        new_name: str,
        mode: Union[CompletionMode, str],
    ) -> TaskStatus:
        """Completes the migration of some ready devices as a new task named ``new_name``
        (TASK-7), by ``mode``; returns the new task's status. Nothing changes when anything
        is refused. ``"automatic"`` is refused (AUTO-1, AUTO-2): use
        :meth:`complete_subset_automatic`."""
    def complete_subset_automatic(
        self,
        task: str,
        macs: Iterable[str],
        new_name: str,
        *,
        cloud_connected_uc: bool,
        tftp_server_type: str,
        load_server: str,
        batch_size: int = 200,
    ) -> AutoPlan:
        """Completes some ready devices as a new task named ``new_name`` by the automatic
        path (TASK-7, AUTO-1 to AUTO-3): the new task is planned as :func:`plan_automatic`
        does, then completed; returns its plan. Nothing changes when anything is refused."""
    def complete_automatic(
        self,
        task: str,
        *,
        cloud_connected_uc: bool,
        tftp_server_type: str,
        load_server: str,
        batch_size: int = 200,
    ) -> AutoPlan:
        """Plans the automatic completion of a task (see :func:`plan_automatic`), then applies
        *Complete migration*; nothing changes when either refuses."""
    def complete_manual(
        self,
        task: str,
        *,
        file_prefix: Optional[str] = None,
        loads: Optional[PhoneLoadTable] = None,
    ) -> ManualPlan:
        """Plans the manual completion of a task (see :func:`plan_manual`), then applies
        *Complete migration*; nothing changes when either refuses."""
    def to_json(self) -> str:
        """The board as a JSON document (format :data:`BOARD_FORMAT`), which
        :meth:`from_json` reads back as it was. The directory is not part of it. Runs without
        the GIL."""
    @staticmethod
    def from_json(
        data: Union[str, bytes], *, directory: Optional[Directory] = None
    ) -> Board:
        """Reads a board saved by :meth:`to_json` and gives it ``directory``. Runs without the
        GIL. A document that is malformed (:class:`InputError` ``json_invalid``), of another
        format (``document_version_unsupported``) or that breaks an invariant (two tasks in
        progress, a device in two tasks, a status that does not fit its devices, more than
        1000 devices: :class:`TaskError` ``document_invalid``) is refused whole."""
    def __len__(self) -> int:
        """The number of tasks."""
    def __contains__(self, name: object, /) -> bool:
        """Whether a task has this name (case-insensitive)."""
    def __eq__(self, other: object, /) -> bool:
        """Boards are equal when their tasks and eligibility tables are (the directory
        aside)."""
    __hash__: ClassVar[None]  # type: ignore[assignment]

# --- fleet planning (ELIG-3) -------------------------------------------------------------------

@final
class FleetPlan:
    """A fleet split into tasks (in Draft), and what could not be placed."""

    @property
    def tasks(self) -> list[Task]:
        """The tasks: in name order within each group, groups in key order."""
    @property
    def findings(self) -> list[Finding]:
        """One finding per device left out: a MAC given twice (``device_already_in_task``,
        DEV-6), a device that does not fit the option (``task_option_mismatch``, TASK-3)."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def plan_fleet(
    devices: Iterable[Device],
    prefix: str,
    *,
    option: str,
    group_by: Union[FleetGrouping, str] = "none",
    max_devices: int = 1000,
    eligibility: Union[EligibilityTable, str, None] = None,
) -> FleetPlan:
    """Splits any number of devices into tasks of at most ``max_devices`` (1 to 1000, ELIG-3)
    named ``{prefix}-001``, ``{prefix}-002``, ... (``{prefix}-{group}-001`` when grouped by
    ``"location"`` or ``"model"``), every name valid and unique (TASK-1). Deterministic: the
    same devices in the same order give the same plan. Plans without the GIL.

    Raises :class:`InputError` (``invalid_argument``) for a ``max_devices`` out of range.
    """

# --- migration plans (AUTO-1 to AUTO-4, MAN-1 to MAN-5) -------------------------------------

AUTO_BATCH_SIZE: Final[int]
"""The most devices in one batch of the automatic path: 200 (AUTO-3)."""
CLOUD_UPGRADE_SERVER: Final[str]
"""The Load Server of Group 2 BAT files: ``"cloudupgrader.webex.com"`` (MAN-4)."""
STATUS_REPORT_COLUMNS: Final[tuple[str, ...]]
"""The columns of :func:`status_report_csv`."""

@final
class OutputFile:
    """A file of a plan, in memory: a plain file name and its UTF-8 content."""

    def __new__(cls, name: str, content: str) -> OutputFile:
        """A file named ``name`` (no directory part) holding ``content``."""
    @property
    def name(self) -> str:
        """The file name."""
    @property
    def content(self) -> str:
        """The content."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def write_files(
    dir: Union[str, "os.PathLike[str]"],
    files: Iterable[OutputFile],
    *,
    overwrite: bool = False,
) -> list[pathlib.Path]:
    """Writes ``files`` into ``dir`` (created if missing), all or nothing, without the GIL, and
    returns their paths.

    Checked before anything is written: every name is a plain file name inside ``dir`` that file
    systems accept (:class:`PlanError` ``output_path_invalid``: not empty, no ``..``, no
    separator, no NUL or control character, at most 255 bytes, no leading dot; an empty ``dir``
    too); no two names are the same regardless of case (``output_name_duplicate``); unless
    ``overwrite``, nothing exists at a target name, not even a dangling symbolic link
    (``output_exists``). The files are staged in a hidden ``.mpp-write-*`` directory inside
    ``dir`` and renamed into place: after an error, or a crash once the next call ran, every
    name holds its old state or its new content, the same side for all. Files the call does not
    name are never touched.
    """

def recover_output_dir(dir: Union[str, "os.PathLike[str]"]) -> None:
    """Finishes or undoes what a killed :func:`write_files` left in ``dir`` and removes its
    staging directories, without writing anything new and without the GIL. A missing
    directory is fine."""

@final
class AutoPlan:
    """The automatic completion of a task: its batches, in order, and the cautions."""
    def to_dict(self) -> dict[str, Any]:
        """The JSON document as plain dicts, lists, str, int, bool and None (docs/json.md):
        ``json.dumps(x.to_dict())`` works, as does ``json.dumps(x, default=mpp_migration.to_jsonable)``."""

    @property
    def task(self) -> str:
        """The name of the task planned."""
    @property
    def batches(self) -> list[list[str]]:
        """The batches, in the task's order, each a list of at most 200 MACs (AUTO-3)."""
    def batch_of(self, mac: str) -> Optional[int]:
        """The number (from 1) of the batch holding the device with this MAC, or None."""
    @property
    def findings(self) -> list[Finding]:
        """The cautions: wired connection for Wi-Fi capable phones (``wifi_settings_lost``,
        AUTO-4, DEV-8), firmware to upgrade first (EXT-6)."""
    @property
    def tftp_server_type(self) -> str:
        """The TFTP server type picked (AUTO-2)."""
    @property
    def load_server(self) -> str:
        """The Unified CM TFTP load server (AUTO-2)."""
    def batches_csv(self) -> str:
        """The batches as CSV: Batch, Device Name, MAC Address, Model."""
    def instructions_text(self) -> str:
        """What the administrator does, step by step."""
    def to_json(self) -> str:
        """The plan as JSON: task, server choices, batches and cautions."""
    def files(self) -> list[OutputFile]:
        """The plan's files: ``<task>_auto_batches.csv``, ``<task>_auto_instructions.txt``,
        ``<task>_auto_plan.json``."""
    def write(
        self, dir: Union[str, "os.PathLike[str]"], overwrite: bool = False
    ) -> list[pathlib.Path]:
        """Writes :meth:`files` into ``dir`` (see :func:`write_files`); the paths written."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def plan_automatic(
    task: Task,
    *,
    cloud_connected_uc: bool,
    tftp_server_type: str,
    load_server: str,
    batch_size: int = 200,
) -> AutoPlan:
    """Plans the automatic completion of a task that is Ready for migration.

    Raises :class:`TaskError` ``complete_requires_ready`` (TASK-7); :class:`PlanError`
    ``cloud_connected_uc_required`` (AUTO-1), ``tftp_server_required`` and
    ``load_server_required`` (AUTO-2); :class:`InputError` for a ``batch_size`` outside 1 to
    200 (AUTO-3). The ready devices are split, in the task's order, into batches of
    ``batch_size``; Wi-Fi phones get the wired-connection caution (AUTO-4, DEV-8).
    """

@final
class BatFile:
    """One BAT file and how to use it in Unified CM (MAN-3)."""

    @property
    def name(self) -> str:
        """The file name (MAN-2, EXT-11)."""
    @property
    def group(self) -> BatGroup:
        """``MIXED_MODELS`` (Group 1) or ``PER_LOAD`` (Group 2: one model, one load) (MAN-4)."""
    @property
    def models(self) -> list[str]:
        """The models of its phones (short names, sorted)."""
    @property
    def phone_load(self) -> Optional[str]:
        """The Phone Load Name to set (Group 2), or None."""
    @property
    def load_server(self) -> Optional[str]:
        """The Load Server to set (Group 2): ``"cloudupgrader.webex.com"``; None for Group 1."""
    @property
    def devices(self) -> list[str]:
        """The MACs of its devices, in the task's order."""
    @property
    def steps(self) -> list[str]:
        """What the administrator does with it in Unified CM (MAN-3, MAN-5)."""
    @property
    def content(self) -> str:
        """The file's content: one device name (``SEP`` + MAC) per line, CRLF between lines,
        no blank line, UTF-8 without BOM (EXT-11)."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class License:
    """A device license: the file Control Hub generates for a phone (EXT-7)."""

    @property
    def mac(self) -> str:
        """The phone's MAC."""
    @property
    def file_name(self) -> str:
        """``"001A2B3C4D5E.lic"``."""
    @property
    def url(self) -> str:
        """``"https://cloudupgrader.webex.com/licenses/e2m/001A2B3C4D5E.lic"``."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ManualPlan:
    """The manual completion of a task: BAT files in MAN-4's two groups, their steps, the
    device licenses and the cautions."""
    def to_dict(self) -> dict[str, Any]:
        """The JSON document as plain dicts, lists, str, int, bool and None (docs/json.md):
        ``json.dumps(x.to_dict())`` works, as does ``json.dumps(x, default=mpp_migration.to_jsonable)``."""

    @property
    def task(self) -> str:
        """The name of the task planned."""
    @property
    def bat_files(self) -> list[BatFile]:
        """The BAT files: Group 1 first, then Group 2 by phone load (MAN-4)."""
    @property
    def licenses(self) -> list[License]:
        """The device licenses (EXT-7)."""
    @property
    def findings(self) -> list[Finding]:
        """The cautions: firmware to upgrade first (MAN-1, EXT-6), Wi-Fi phones on Ethernet
        (DEV-8), models without a load in the table (``no_phone_load``, MAN-4)."""
    def file_of(self, mac: str) -> Optional[str]:
        """The Group 2 file holding the device with this MAC, or the Group 1 file when it is in
        no Group 2 file; None when the plan does not hold it."""
    def instructions_text(self) -> str:
        """What the administrator does, file by file (MAN-1, MAN-3, MAN-4, MAN-5)."""
    def to_json(self) -> str:
        """The plan as JSON: files (without their content) with steps, licenses, cautions."""
    def licenses_csv(self) -> str:
        """The device licenses as CSV: MAC Address, License File, URL (EXT-7)."""
    def files(self) -> list[OutputFile]:
        """The plan's files: the BAT files, ``<task>_manual_instructions.txt``,
        ``<task>_manual_plan.json`` and ``<task>_licenses.csv``."""
    def write(
        self, dir: Union[str, "os.PathLike[str]"], overwrite: bool = False
    ) -> list[pathlib.Path]:
        """Writes :meth:`files` into ``dir`` (see :func:`write_files`); the paths written."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def plan_manual(
    task: Task,
    *,
    file_prefix: Optional[str] = None,
    loads: Optional[PhoneLoadTable] = None,
) -> ManualPlan:
    """Plans the manual completion of a task that is Ready for migration (TASK-7): one Group 1
    file of all its ready phones (mixed models, COP file, no load server), one Group 2 file per
    model with its phone load of ``loads`` (default MAN-4's table; EXT-10), the steps (MAN-3,
    MAN-5), the licenses (EXT-7) and the cautions. DEC-11: a phone whose known load is below
    14.1 is in the Group 1 file only; one below 12.5(1) is in no file.

    Files are named ``{file_prefix}_group1_mixed.txt``, ``{file_prefix}_group2_<model>.txt``
    (default prefix: the task name made safe). Raises :class:`TaskError`
    ``complete_requires_ready``; :class:`PlanError` ``file_name_invalid`` (MAN-2) or
    ``file_name_comma`` (EXT-11) for a prefix that makes names Unified CM refuses.
    """

@final
class PhoneLoad:
    """One row of a phone-load table: a model and its MPP phone load (MAN-4)."""

    @property
    def model(self) -> Model:
        """The model."""
    @property
    def load_name(self) -> str:
        """The phone load name, e.g. ``"sip78xx.11-3-6MPP0001-272"``."""
    @property
    def load(self) -> FirmwareVersion:
        """The load as a version."""
    @property
    def source(self) -> str:
        """The rules the row rests on."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class PhoneLoadTable:
    """The phone loads of the manual path: MAN-4's table by default, or a host's (EXT-10)."""

    @staticmethod
    def man_4() -> PhoneLoadTable:
        """MAN-4's table: ``sip7832``, ``sip78xx``, ``sip8832``, ``sip8845_65`` and ``sip88xx``
        loads 11.3(6)."""
    @staticmethod
    def from_csv(data: Union[str, bytes], *, name: str = "custom") -> PhoneLoadTable:
        """Reads a host's table (EXT-10) with the columns ``model,phone_load,source``.

        Raises :class:`PlanError` (``phone_load_table_invalid``) with the ``row`` and
        ``column`` of a bad entry: an unknown model or one without Enterprise firmware (DEV-4),
        a model twice, a load that is not an MPP load name, an 8800 audio load below 11.3(3)
        (DEV-3, EXT-5), an empty source.
        """
    def to_csv(self) -> str:
        """The table as CSV, which :meth:`from_csv` reads back."""
    @property
    def name(self) -> str:
        """The table's name."""
    @property
    def rows(self) -> list[PhoneLoad]:
        """The rows."""
    def load_for(self, model: Union[str, Model]) -> Optional[PhoneLoad]:
        """The load of a model (any spelling EXT-9 lists), or None when the table has none."""
    def __len__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def check_bat_file_name(name: str) -> None:
    """Checks a file name for upload to Unified CM: ASCII letters and digits, ``-``, ``.`` and
    ``_``, not starting with a dot, at most one dot (MAN-2), no comma (EXT-11). Raises
    :class:`PlanError` (``file_name_invalid``, ``file_name_comma``) with a valid name as
    ``suggestion``."""

def status_report_csv(task: Task, plan: Union[AutoPlan, ManualPlan, None] = None) -> str:
    """The status report of a task as CSV (TASK-6, *Download status report*; columns
    :data:`STATUS_REPORT_COLUMNS`): every device with its eligibility and tab, its batch (with
    an :class:`AutoPlan`) or BAT file (with a :class:`ManualPlan`), and its last error. UTF-8
    without BOM, safe to open in a spreadsheet."""

# --- Unified CM inventory import and upload generation (issue 11) -----------------------------

def mac_from_device_name(name: str) -> str:
    """The MAC of the phone with this Unified CM device name: ``"SEP001A2B3C4D5E"`` gives
    ``"001A2B3C4D5E"`` (DEV-7 in reverse). Raises :class:`IdentifierError`
    (``device_name_invalid``) for a name that is not ``SEP`` and 12 hex digits, saying what it
    is when its prefix tells (a Jabber client ``CSF…``, an ATA port…)."""

@final
class Udi:
    """A phone's UDI (EXT-16): the model its PID names, its VID and its serial number."""
    @property
    def model(self) -> Model:
        """The model the PID names."""
    @property
    def hardware_version(self) -> HardwareVersion:
        """The hardware version (VID, EXT-1)."""
    @property
    def serial_number(self) -> Optional[str]:
        """The serial number, or None."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def parse_udi(text: str) -> Udi:
    """Reads a UDI string such as ``"PID: CP-8845-K9= , VID: V02, SN: FCH2117ABCD"``
    (EXT-16). Raises :class:`IdentifierError`: ``udi_invalid``, or ``model_unknown`` for a PID
    that names no known model."""

@final
class InventoryEntry:
    """One row of a Unified CM export: its cells, the phone when it is one, its findings."""
    @property
    def row(self) -> int:
        """The row of the export (header = 1)."""
    @property
    def device_name(self) -> str:
        """``Device Name`` as the export gives it."""
    @property
    def device_type(self) -> str:
        """``Device Type`` as the export gives it (``"Cisco 8845"``)."""
    @property
    def description(self) -> str:
        """``Description``."""
    @property
    def device_pool(self) -> str:
        """``Device Pool``."""
    @property
    def location(self) -> str:
        """``Location``: a Unified CM location, not a Webex one (EXT-14)."""
    @property
    def owner_user_id(self) -> str:
        """``Owner User ID``."""
    @property
    def directory_number(self) -> str:
        """``Directory Number 1``."""
    @property
    def phone_load_name(self) -> str:
        """``Phone Load Name``: a per-device load override, usually empty (EXT-14)."""
    @property
    def status(self) -> str:
        """``"eligible"``, ``"not_eligible"``, ``"unknown"``, ``"not_migratable"`` (EXT-17:
        no Enterprise to MPP migration) or ``"refused"`` (the row cannot be read)."""
    @property
    def device(self) -> Optional[Device]:
        """The phone, or None when the row is not one."""
    @property
    def findings(self) -> list[Finding]:
        """Every finding of the row, the eligibility reasons and cautions included."""
    @property
    def reasons(self) -> list[Finding]:
        """The findings that decide the status or need action (the cautions every migrating
        phone gets, EXT-8 and DEV-8, left aside)."""

@final
class Inventory:
    """A Unified CM export read whole (see :func:`read_inventory`)."""
    @property
    def entries(self) -> list[InventoryEntry]:
        """Every data row's entry, in file order."""
    @property
    def devices(self) -> list[Device]:
        """The phones of every eligibility, in file order: for the default task (TASK-8),
        :func:`plan_fleet` and eligibility."""
    @property
    def findings(self) -> list[Finding]:
        """The findings of the file's header and of the merged lists (their bad rows, and
        ``supplement_unknown_device`` for devices the export lacks)."""
    def all_findings(self) -> list[Finding]:
        """Every finding: the file's, then each row's, in row order."""
    @property
    def counts(self) -> dict[str, int]:
        """Rows by status: ``rows``, ``eligible``, ``not_eligible``, ``unknown``,
        ``not_migratable``, ``refused``."""
    def reason_counts(self) -> list[tuple[str, str, int]]:
        """``(status, code, rows)`` for every reason, by status, most frequent first."""
    def to_csv(self) -> str:
        """The inventory as CSV, one line per row of the export (ELIG-5)."""
    def __len__(self) -> int:
        """The number of data rows."""

def read_inventory(
    source: _Source,
    *,
    vids: Optional[_Source] = None,
    loads: Optional[_Source] = None,
    eligibility: Union[EligibilityTable, str, None] = None,
    progress: Optional[Callable[[int], object]] = None,
) -> Inventory:
    """Reads a Unified CM BAT phone export (*All Details* or *Specific Details*, EXT-14):
    columns by header name in any order and case. ``vids`` is a ``MAC,VID`` or UDI list
    (EXT-1, EXT-16), ``loads`` a RIS ``Name,…,ActiveLoadID`` dump (EXT-6, EXT-15); both are
    merged by MAC. Every row becomes an entry: a phone with its eligibility, or a finding with
    row and column. Reads without the GIL; ``progress`` is called with the rows read every
    1024 rows. Raises :class:`InputError` for an unreadable file and
    :class:`UploadError` (``supplement_column_missing``) for a list without its columns."""

@final
class Mapping:
    """How the host maps Unified CM data to Webex (format ``mpp-migration-mapping/1``):
    ``users`` (owner user id to email), ``device_pools`` and ``locations`` (to Webex
    locations; the device pool wins), ``workspaces`` (device name or MAC to ``name``,
    ``phone_number``, ``extension``, ``location``, ``call_plan``)."""
    @staticmethod
    def from_json(data: Union[str, bytes]) -> Mapping:
        """Reads a mapping document; raises :class:`UploadError` (``mapping_invalid``)."""
    @staticmethod
    def from_json_file(path: Union[str, os.PathLike[str]]) -> Mapping:
        """Reads a mapping document from a file."""
    def email_of(self, owner_user_id: str) -> Optional[str]:
        """The email of an owner user id (case-insensitive), or None."""
    def location_of(self, device_pool: str, ucm_location: str = "") -> Optional[str]:
        """The Webex location of a device pool, else of a Unified CM location, or None."""

@final
class PreparedUpload:
    """One generated upload."""
    @property
    def task_name(self) -> str:
        """The task name (TASK-1), unique among the files."""
    @property
    def file(self) -> OutputFile:
        """The CSV file, named after the task."""
    @property
    def report(self) -> UploadReport:
        """The file's validation: every row added."""
    @property
    def export_rows(self) -> list[int]:
        """For each data row of the file, the export's row it came from."""

@final
class PreparedUploads:
    """The uploads generated from an inventory, and what kept phones out of them."""
    @property
    def uploads(self) -> list[PreparedUpload]:
        """The uploads, in task-name order within each group."""
    @property
    def findings(self) -> list[Finding]:
        """Why phones are in no file, on the export's rows, in row order."""
    def files(self) -> list[OutputFile]:
        """The files, for :func:`write_files`."""
    def __len__(self) -> int:
        """The number of uploads."""

def prepare_uploads(
    inventory: Inventory,
    mapping: Optional[Mapping] = None,
    *,
    option: str,
    prefix: Optional[str] = None,
    max_devices: Optional[int] = None,
    group_by: Union[FleetGrouping, str, None] = None,
    directory: Optional[Directory] = None,
    eligibility: Union[EligibilityTable, str, None] = None,
) -> PreparedUploads:
    """Generates Control Hub upload CSVs of ``option`` (CSV-1, CSV-2) from an inventory and a
    mapping, split into tasks of at most ``max_devices`` (default 1000, ELIG-3) named
    ``{prefix}-001``… (default prefix ``"upload"``), optionally one task group per Webex
    location or model, each validated (against ``directory`` when given) before it is given
    out: rows the validation refuses are left out and reported on the export's rows, and so
    are not eligible phones (ELIG-2) and rows the mapping cannot fill (CSV-4, CSV-5, CSV-11).
    Runs without the GIL."""
