"""Type stubs of the native extension ``mpp_migration._native``."""

from typing import Final, Optional, Union, final

__all__ = [
    "E164",
    "ERROR_CODES",
    "EligibilityError",
    "ErrorCodeInfo",
    "Finding",
    "FirmwareVersion",
    "HardwareVersion",
    "IdentifierError",
    "InputError",
    "InternalError",
    "MigrationError",
    "Model",
    "ModelLabel",
    "PlanError",
    "TaskError",
    "UploadError",
    "__version__",
    "country_calling_code_region",
    "device_name",
    "error_code_info",
    "license_file_name",
    "license_url",
    "models",
    "normalize_e164",
    "normalize_mac",
    "parse_model",
    "parse_model_label",
    "validate_email",
]

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
    """The facts of an error code, by number or name; raises :class:`InputError` if unknown."""

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
    """The region an assigned country calling code belongs to (``"Finland"`` for 358), or None."""

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
