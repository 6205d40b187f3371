"""Cisco Enterprise to MPP phone firmware migration rules for Webex Calling.

The rules of Control Hub's Enterprise to Multiplatform (MPP) migration, as a library:
identifiers (MAC, E.164, email, models, hardware and firmware versions), CSV upload
validation, eligibility, migration tasks, and the automatic and manual migration plans.

Every error is a :class:`MigrationError` (or one of its subclasses by range) carrying
``number``, ``code``, ``rule``, ``severity``, ``message``, ``suggestion``, ``row`` and
``column``; :data:`ERROR_CODES` maps every code name to its stable number.

>>> import mpp_migration as mm
>>> mm.normalize_mac("00:1a:2b:3c:4d:5e")
'001A2B3C4D5E'
>>> mm.parse_model("CP-8845-K9=").series
'8800'
>>> mm.check_eligibility("CP-7821-K9=", hardware_version="V02").status == "not_eligible"
True
"""

from collections.abc import Sequence

from mpp_migration._native import (
    E164,
    ERROR_CODES,
    Device,
    DeviceIterator,
    DeviceList,
    Directory,
    Eligibility,
    EligibilityError,
    EligibilityRule,
    EligibilityTable,
    ErrorCodeInfo,
    Finding,
    FirmwareVersion,
    HardwareVersion,
    IdentifierError,
    InputError,
    InternalError,
    Location,
    MigrationError,
    Model,
    ModelLabel,
    PlanError,
    TaskError,
    UploadChunk,
    UploadCounts,
    UploadError,
    UploadIterator,
    UploadReport,
    __version__,
    check_eligibility,
    country_calling_code_region,
    device_name,
    error_code_info,
    iter_upload,
    license_file_name,
    license_url,
    models,
    normalize_e164,
    normalize_mac,
    parse_model,
    parse_model_label,
    template_csv,
    user_export_csv,
    validate_email,
    validate_upload,
)
from mpp_migration._types import EligibilityStatus

# A DeviceList is a full read-only sequence (len, indexing, slices, iteration, reversed, in,
# index, count): let isinstance(report.devices, Sequence) say so.
Sequence.register(DeviceList)

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
    "EligibilityStatus",
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
