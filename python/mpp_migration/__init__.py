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

# The extension's names are listed once, in the `__all__` of its stub _native.pyi (stubtest
# checks that list against the extension's own); mypy and stubtest read a computed `__all__`
# only through `import __all__ as __all__`. The Python layer's names are those of
# _types.__all__ (test_errors.py checks that the package exports both and nothing else).
from mpp_migration._native import *
from mpp_migration._native import __all__ as __all__
from mpp_migration._types import *

# The lazy device lists are full read-only sequences (len, indexing, slices, iteration,
# reversed, in, index, count): let isinstance(report.devices, Sequence) say so.
Sequence.register(DeviceList)
Sequence.register(TaskDeviceList)

__all__ = [
    *__all__,
    "BatGroup",
    "CompletionMode",
    "DeviceTab",
    "EligibilityStatus",
    "EventKind",
    "FleetGrouping",
    "TaskStatus",
    "to_jsonable",
]
