"""Type stubs of the native extension ``mpp_migration._native``."""

import os
from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar, Final, Optional, Protocol, Union, final, overload

from mpp_migration._types import EligibilityStatus

__all__ = [
    "E164",
    "ERROR_CODES",
    "Device",
    "DeviceIterator",
    "DeviceList",
    "Directory",
    "Eligibility",
    "EligibilityError",
    "EligibilityRule",
    "EligibilityTable",
    "ErrorCodeInfo",
    "Finding",
    "FirmwareVersion",
    "HardwareVersion",
    "IdentifierError",
    "InputError",
    "InternalError",
    "Location",
    "MigrationError",
    "Model",
    "ModelLabel",
    "PlanError",
    "TaskError",
    "UploadChunk",
    "UploadCounts",
    "UploadError",
    "UploadIterator",
    "UploadReport",
    "__version__",
    "check_eligibility",
    "country_calling_code_region",
    "device_name",
    "error_code_info",
    "iter_upload",
    "license_file_name",
    "license_url",
    "models",
    "normalize_e164",
    "normalize_mac",
    "parse_model",
    "parse_model_label",
    "template_csv",
    "user_export_csv",
    "validate_email",
    "validate_upload",
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
    """

    number: int
    """The stable number of the code (API.md ranges)."""
    code: str
    """The stable snake_case name of the code, e.g. ``"mac_invalid_length"``."""
    rule: str
    """The DOMAIN.md rule enforced (``"DEV-6"``), or ``""``."""
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

class IdentifierError(MigrationError):
    """2xx: a MAC, phone number, email, model or version that cannot be read."""

class UploadError(MigrationError):
    """3xx: a CSV upload problem."""

class EligibilityError(MigrationError):
    """4xx: an eligibility problem."""

class TaskError(MigrationError):
    """5xx: a task or state-machine refusal."""

class PlanError(MigrationError):
    """6xx: a migration plan or BAT file problem."""

class InternalError(MigrationError):
    """9xx: a bug inside the library."""

@final
class Finding:
    """One observation about an input: code, rule, severity, message, suggestion, row, column."""

    @property
    def number(self) -> int:
        """The code's stable number."""
    @property
    def code(self) -> str:
        """The code's stable snake_case name."""
    @property
    def rule(self) -> str:
        """The DOMAIN.md rule enforced, or ``""``."""
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
        """The DOMAIN.md rule enforced, or ``""``."""
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

def normalize_mac(mac: str) -> str:
    """Normalises a MAC address to 12 upper-case hexadecimal digits (DEV-6).

    Accepts 12 hex digits or six colon-separated pairs, either case. Raises
    :class:`IdentifierError`; for near misses (dashes, dots, a ``SEP`` prefix, the letter O)
    its ``suggestion`` is the normalised MAC.
    """

def device_name(mac: str) -> str:
    """The Unified CM device name of the phone with this MAC: ``"SEP"`` + MAC (DEV-7)."""

def license_file_name(mac: str) -> str:
    """The device license file name: ``"<MAC>.lic"`` (EXT-7)."""

def license_url(mac: str) -> str:
    """Where the Webex cloud serves this phone's device license (EXT-7)."""

def normalize_e164(number: str) -> str:
    """Normalises a phone number to E.164, ``"+"`` and digits (CSV-5, DEC-4).

    Spaces, dashes, dots and parentheses are dropped; the ``+`` and an assigned country calling
    code are required; at most 15 digits (EXT-12). Raises :class:`IdentifierError`.
    """

def country_calling_code_region(code: int) -> Optional[str]:
    """The region an assigned country calling code belongs to (``"Finland"`` for 358), or None.

    Any ``int`` is accepted: one that is no country calling code (-1, 70000) gives None. Like
    the other identifier functions, a value that is not an ``int`` (``bool`` included) raises
    ``TypeError``.
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
    """A phone model of the catalogue (DEV-1, DEV-2, DEV-4, EXT-9)."""

    @property
    def name(self) -> str:
        """The short name: ``"8845"``, ``"8865NR"``."""
    @property
    def series(self) -> str:
        """``"6800"``, ``"7800"`` or ``"8800"``."""
    @property
    def kind(self) -> str:
        """``"audio"`` or ``"video"``."""
    @property
    def has_wifi(self) -> bool:
        """Whether the phone has Wi-Fi, whose settings the migration erases (DEV-8)."""
    @property
    def has_enterprise_firmware(self) -> bool:
        """Whether the phone runs Enterprise firmware that could be migrated (DEV-4)."""
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
    ``DMS Cisco 8845``), case-insensitively.

    Raises :class:`IdentifierError` (``model_unknown``) with the closest known model as
    ``suggestion``.
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
        ``locations[1].name``) for an invalid email or MAC, an empty name, a location name over
        80 characters, an extension that is not 2 to 10 digits, or two locations whose names
        differ only in case or spacing.
        """
    @staticmethod
    def from_json(data: Union[str, bytes]) -> Directory:
        """Reads a directory from its JSON document (see :meth:`to_json`).

        Raises :class:`InputError` (``json_invalid``, naming line and column) or
        :class:`UploadError` (``directory_invalid``, naming the entry).
        """
    @staticmethod
    def from_json_file(path: Union[str, os.PathLike[str]]) -> Directory:
        """Reads a directory from a JSON file; an unreadable file is ``io_error``."""
    def to_json(self) -> str:
        """The directory as its JSON document (format 1), which :meth:`from_json` reads back."""
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
    """A phone accepted by an upload, normalised (CSV-1, CSV-2)."""

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

    @property
    def devices(self) -> DeviceList:
        """The accepted devices, normalised, in input order: a lazy sequence."""
    @property
    def findings(self) -> list[Finding]:
        """Every finding in input order, the header's first (a new list on each access)."""
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
        as written (blank rows left out), so that once fixed it uploads again."""
    def devices_csv(self) -> str:
        """The accepted devices as a normalised upload file of the same option."""

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
) -> UploadReport:
    """Validates a whole *Add devices* upload (CSV-1 to CSV-16) and returns its report.

    ``source`` is a path (``str`` or ``os.PathLike``, opened and streamed by Rust), the file's
    content (``bytes``, ``bytearray``, ``memoryview``), or a binary file object, read to its
    end. ``option`` is ``"license_and_device"`` or ``"license_only"`` (TASK-3); ``directory``
    the organisation to check rows against (None skips those checks); ``eligibility`` the
    table for the model check (default: Control Hub's). Validation releases the GIL.

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
) -> UploadIterator:
    """Streams an upload in chunks of at most ``chunk_size`` rows, for files of millions of
    rows: memory is bounded by the chunk (plus what core remembers to find duplicate MACs and
    extensions, DEC-2, DEC-5). Arguments as :func:`validate_upload`.

    The header is read now: its findings are :attr:`UploadIterator.header_findings`. Unlike
    :func:`validate_upload`, a file with a header and no data rows gives no ``no_data_rows``
    finding (core's streaming reader does not produce it).
    """

def template_csv(option: str) -> str:
    """The template of an option's schema (CSV-16): its header line."""

def user_export_csv(directory: Directory) -> str:
    """The user-attribute export (CSV-16): every user of the directory as a row of the
    *license and device* schema with Type, Username and Device Type filled in, sorted by email."""
