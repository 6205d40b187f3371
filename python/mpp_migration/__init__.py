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

An argument of the wrong type raises :class:`InputTypeError`, which is also a
:class:`TypeError`; a value that cannot be used raises an error that is also a
:class:`ValueError` (every class but :class:`InputError` itself, for files that cannot be
read, and :class:`InternalError`):

>>> try:
...     mm.normalize_mac(42)
... except TypeError as e:
...     (type(e).__name__, e.code)
('InputTypeError', 'invalid_argument')
>>> try:
...     mm.normalize_mac("00-1A-2B-3C-4D-5E")
... except ValueError as e:
...     (type(e).__name__, e.code, e.suggestion)
('IdentifierError', 'mac_wrong_separator', '001A2B3C4D5E')

Tasks live on a :class:`Board`; events are its methods, each returning the new status, and
:meth:`Board.task` gives an immutable snapshot of a task:

>>> board = mm.Board()
>>> board.create_task("HQ-1", "license_only").status == "draft"
True
>>> phone = mm.validate_upload(b"Model,MAC Address\\n8845,001A2B3C4D5E\\n", "license_only")
>>> board.add_upload("HQ-1", phone).added
1
>>> board.start_preparation("HQ-1") == mm.TaskStatus.IN_PROGRESS
True
>>> board.report_prepared("HQ-1", "00:1a:2b:3c:4d:5e").label
'Ready for migration'
"""

from collections.abc import Sequence

from mpp_migration._native import (
    AUTO_BATCH_SIZE,
    BOARD_FORMAT,
    CLOUD_UPGRADE_SERVER,
    DEVICE_LIST_COLUMNS,
    E164,
    E164_METADATA_VERSION,
    ERROR_CODES,
    MAX_TASK_DEVICES,
    MAX_TASK_NAME,
    STATUS_REPORT_COLUMNS,
    TRANSITIONS,
    AddOutcome,
    AutoPlan,
    BatFile,
    Board,
    Device,
    DeviceIterator,
    DeviceList,
    Directory,
    Eligibility,
    EligibilityCounts,
    EligibilityError,
    EligibilityRule,
    EligibilityTable,
    ErrorCodeInfo,
    Finding,
    FirmwareVersion,
    FleetPlan,
    HardwareVersion,
    IdentifierError,
    InputError,
    InputTypeError,
    InputValueError,
    InternalError,
    Inventory,
    InventoryEntry,
    License,
    Location,
    ManualPlan,
    Mapping,
    MigrationError,
    Model,
    ModelLabel,
    OutputFile,
    PhoneLoad,
    PhoneLoadTable,
    PlanError,
    PreparedUpload,
    PreparedUploads,
    TabCounts,
    Task,
    TaskDevice,
    TaskDeviceIterator,
    TaskDeviceList,
    TaskError,
    TaskEvent,
    TransitionOutcome,
    Udi,
    UploadChunk,
    UploadCounts,
    UploadError,
    UploadIterator,
    UploadReport,
    __version__,
    check_bat_file_name,
    check_eligibility,
    country_calling_code_region,
    device_name,
    error_code_info,
    iter_upload,
    license_file_name,
    license_url,
    mac_from_device_name,
    models,
    normalize_e164,
    normalize_mac,
    parse_model,
    parse_model_label,
    parse_udi,
    plan_automatic,
    plan_fleet,
    plan_manual,
    recover_output_dir,
    prepare_uploads,
    read_inventory,
    status_report_csv,
    template_csv,
    transition,
    transition_table_markdown,
    user_export_csv,
    validate_email,
    validate_upload,
    write_files,
)
from mpp_migration._types import (
    BatGroup,
    CompletionMode,
    DeviceTab,
    EligibilityStatus,
    EventKind,
    FleetGrouping,
    TaskStatus,
    to_jsonable,
)

# The lazy device lists are full read-only sequences (len, indexing, slices, iteration,
# reversed, in, index, count): let isinstance(report.devices, Sequence) say so.
Sequence.register(DeviceList)
Sequence.register(TaskDeviceList)

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
    "BatGroup",
    "Board",
    "CompletionMode",
    "Device",
    "DeviceIterator",
    "DeviceList",
    "DeviceTab",
    "Directory",
    "Eligibility",
    "EligibilityCounts",
    "EligibilityError",
    "EligibilityRule",
    "EligibilityStatus",
    "EligibilityTable",
    "ErrorCodeInfo",
    "EventKind",
    "Finding",
    "FirmwareVersion",
    "FleetGrouping",
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
    "TaskStatus",
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
    "to_jsonable",
    "transition",
    "transition_table_markdown",
    "user_export_csv",
    "validate_email",
    "validate_upload",
    "write_files",
]
