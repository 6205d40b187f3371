"""Python-level types of mpp_migration that the native module returns.

Each is a ``str`` enum: a member compares equal to its snake_case name (``TaskStatus.DRAFT ==
"draft"``), and every function that takes one also takes that name. The names and the labels
Control Hub shows come from the Rust core; the tests check that the members here are exactly
core's.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

__all__ = [
    "BatGroup",
    "CompletionMode",
    "DeviceTab",
    "EligibilityStatus",
    "EventKind",
    "FleetGrouping",
    "TaskStatus",
    "to_jsonable",
]


_LABELS: dict[str, dict[str, str]] = {}


def _labels(kind: str) -> dict[str, str]:
    """``{name: label}`` of one of core's enums, read once from the native module."""
    labels = _LABELS.get(kind)
    if labels is None:
        from mpp_migration import _native  # the native module imports this one: import late

        labels = _LABELS[kind] = dict(_native._enum_table(kind))
    return labels


class _NamedEnum(str, Enum):
    """A ``str`` enum of the library: members compare equal to their values."""

    def __new__(cls, value: str) -> _NamedEnum:
        # Spelled out so that the signature is the one Enum gives the class: by value.
        member = str.__new__(cls, value)
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)


class EligibilityStatus(_NamedEnum):
    """The eligibility of a device (ELIG-1): green, red or yellow in Control Hub.

    A ``str`` enum: each member compares equal to its value, so
    ``check_eligibility("8845").status == "eligible"`` holds.
    """

    ELIGIBLE = "eligible"
    """The device can migrate (green)."""
    NOT_ELIGIBLE = "not_eligible"
    """The device cannot migrate and is never prepared for migration (red, ELIG-2)."""
    UNKNOWN = "unknown"
    """Not enough information, e.g. the hardware version is not known (yellow, EXT-3)."""


class TaskStatus(_NamedEnum):
    """A task's status (TASK-4). ``label`` is the name Control Hub shows."""

    DRAFT = "draft"
    """Not started."""
    IN_PROGRESS = "in_progress"
    """Preparation is running; no other task may run (TASK-2)."""
    READY_FOR_MIGRATION = "ready_for_migration"
    """Preparation is done and every device is ready."""
    READY_WITH_ERRORS = "ready_with_errors"
    """Preparation is done; some devices failed, the rest can continue."""
    REVIEW_ERRORS = "review_errors"
    """Preparation is done and every device failed."""
    AUTO_MIGRATION_COMPLETE = "auto_migration_complete"
    """The migration was completed by the automatic path (AUTO-1 to AUTO-4)."""
    MANUAL_MIGRATION = "manual_migration"
    """The migration was completed by the manual path (MAN-1 to MAN-5)."""

    @property
    def label(self) -> str:
        """The name Control Hub shows: ``"Ready for migration"``."""
        return _labels("TaskStatus")[self.value]


class DeviceTab(_NamedEnum):
    """The tab a device sits in inside its task (TASK-5); Pending before preparation."""

    PENDING = "pending"
    """Added, not prepared yet."""
    ERROR = "error"
    """Refused: not eligible, or preparation or migration failed."""
    READY_FOR_MIGRATION = "ready_for_migration"
    """Prepared; can be migrated."""
    IN_PROGRESS = "in_progress"
    """Being migrated."""
    COMPLETED = "completed"
    """Migrated."""

    @property
    def label(self) -> str:
        """The name Control Hub shows: ``"Ready for migration"``."""
        return _labels("DeviceTab")[self.value]


class CompletionMode(_NamedEnum):
    """How a migration is completed."""

    AUTOMATIC = "automatic"
    """Control Hub drives Unified CM, in batches of 200 (AUTO-1 to AUTO-4)."""
    MANUAL = "manual"
    """The administrator uploads BAT files to Unified CM (MAN-1 to MAN-5)."""


class EventKind(_NamedEnum):
    """The kinds of event a task receives, for the transition table (TASK-4 to TASK-7)."""

    ADD_DEVICES = "add_devices"
    """Devices are added (an upload, CSV-14)."""
    REMOVE_DEVICES = "remove_devices"
    """Devices are removed."""
    SET_INCLUDE_UNKNOWN = "set_include_unknown"
    """*Include unknown eligibility* is switched (ELIG-2)."""
    START_PREPARATION = "start_preparation"
    """*Prepare for migration* starts."""
    PREPARATION_RESULT = "preparation_result"
    """The host reports a device prepared, or failed."""
    MOVE_TO_READY = "move_to_ready"
    """Fixed devices move from Error back to Ready for migration (TASK-5)."""
    COMPLETE = "complete"
    """*Complete migration* for the whole task (TASK-7)."""
    COMPLETE_SUBSET = "complete_subset"
    """*Complete migration* for some ready devices, into a new task (TASK-7)."""
    MIGRATION_RESULT = "migration_result"
    """The host reports a device migrated, or failed."""
    PAUSE = "pause"
    """*Pause migration* (TASK-6)."""
    RESUME = "resume"
    """*Resume migration* (TASK-6)."""
    CANCEL = "cancel"
    """*Cancel migration* (TASK-6)."""
    STATUS_REPORT = "status_report"
    """*Download status report* (TASK-6): never changes anything."""


class BatGroup(_NamedEnum):
    """MAN-4's two groups of BAT files."""

    MIXED_MODELS = "mixed_models"
    """Group 1: phones of mixed models; a COP file is installed, no load server is set."""
    PER_LOAD = "per_load"
    """Group 2: one phone load per file, Load Server ``cloudupgrader.webex.com``."""


class FleetGrouping(_NamedEnum):
    """How :func:`plan_fleet` groups devices into tasks."""

    NONE = "none"
    """In input order."""
    LOCATION = "location"
    """A location per group of tasks (devices without a location form one group)."""
    MODEL = "model"
    """A model per group of tasks."""


def to_jsonable(obj: object) -> Any:
    """The ``default`` hook of :func:`json.dumps` for this package's results.

    Python's ``json`` module cannot be taught a type by the type itself, so a result (a
    :class:`Finding`, :class:`UploadReport`, :class:`Eligibility`, :class:`AutoPlan`,
    :class:`ManualPlan`, :class:`Task`, :class:`TabCounts`) goes through this hook or through
    its ``to_dict()``; both give the document the core library defines (docs/json.md).

    >>> import json, mpp_migration as mm
    >>> e = mm.check_eligibility("8821")
    >>> json.dumps(e, default=mm.to_jsonable) == json.dumps(e.to_dict())
    True
    """
    to_dict = getattr(type(obj), "to_dict", None)
    if to_dict is None:
        raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")
    return to_dict(obj)
