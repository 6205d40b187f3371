"""Migration tasks through Python (TASK-1 to TASK-9, ELIG-1 to ELIG-5, DEV-6): the board, its
events and statuses, the task snapshots, search and the device list download, and the
transition table. Every refusal is checked for its class, code, number and rule."""

from __future__ import annotations

import copy
import csv
import io
import json
import pickle
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Callable, Optional, TypedDict

import pytest

import mpp_migration as mm
from refusal import refused

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
DIRECTORY = mm.Directory.from_json_file(DATA / "directory.json")
BUNDLED = mm.validate_upload(DATA / "upload.csv", "license_and_device", DIRECTORY)
# The five devices the bundled upload accepts, in order.
MACS = ["001A2B3C4D01", "001A2B3C4D02", "001A2B3C4D03", "001A2B3C4D04", "001A2B3C4D0E"]


class AutoChoices(TypedDict):
    """The administrator's choices for automatic completion (AUTO-1, AUTO-2)."""

    cloud_connected_uc: bool
    tftp_server_type: str
    load_server: str


def auto(cloud_connected_uc: bool = True, tftp_server_type: str = "Unified CM TFTP",
         load_server: str = "tftp.example.com") -> AutoChoices:
    return AutoChoices(cloud_connected_uc=cloud_connected_uc, tftp_server_type=tftp_server_type,
                       load_server=load_server)


AUTO = auto()



def license_only(*rows: str, eligibility: Optional[str] = None) -> mm.UploadReport:
    """A *license only* upload of `Model,MAC Address` rows."""
    text = "Model,MAC Address\n" + "".join(f"{row}\n" for row in rows)
    report = mm.validate_upload(text.encode(), "license_only", eligibility=eligibility)
    assert report.errors == 0, report.findings
    return report


def bundled_board(name: str = "HQ-1") -> mm.Board:
    """A board with the bundled upload in task `name`, in Draft."""
    board = mm.Board(directory=DIRECTORY)
    board.create_task(name, "license_and_device")
    board.add_upload(name, BUNDLED)
    return board


def prepared_board(name: str = "HQ-1") -> mm.Board:
    """A board whose task `name` holds the bundled devices, all ready for migration."""
    board = bundled_board(name)
    board.set_include_unknown(name, True)
    board.start_preparation(name)
    board.refresh(name, [mm.TaskEvent.prepared(mac) for mac in MACS])
    return board


# --- the lifecycle ----------------------------------------------------------------------------


def test_lifecycle_of_the_bundled_upload() -> None:
    board = mm.Board(directory=DIRECTORY)
    assert board.directory is not None and board.directory.device_count == 1
    assert board.eligibility == mm.EligibilityTable.control_hub()
    name = board.suggest_task_name("HQ wave 1")
    assert name == "HQ_wave_1"
    task = board.create_task(name, "license_and_device")
    assert (task.name, task.option, task.status, task.paused, task.completion) == (
        "HQ_wave_1", "license_and_device", mm.TaskStatus.DRAFT, False, None,
    )
    outcome = board.add_upload(name, BUNDLED)
    assert outcome.added == 5 and outcome.findings == []
    assert repr(outcome) == "AddOutcome(added=5, findings=[])"
    task = board.task(name)
    counts = task.upload_counts
    assert (counts.added, counts.errors, counts.total) == (5, 12, 17)
    elig = task.eligibility_counts
    assert (elig.total, elig.eligible, elig.not_eligible, elig.unknown) == (5, 4, 0, 1)
    assert task.tab_counts.pending == 5 and task.tab_counts.total == 5
    assert task.devices.macs() == MACS

    # ELIG-2: unknown devices are prepared only with Include unknown eligibility.
    assert board.set_include_unknown(name, True) == "draft"
    status = board.start_preparation(name)
    assert status == "in_progress" and status is mm.TaskStatus.IN_PROGRESS
    assert status.label == "In progress"
    in_progress = board.in_progress
    assert in_progress is not None and in_progress.name == name
    for mac in MACS[:-1]:
        assert board.report_prepared(name, mac) == mm.TaskStatus.IN_PROGRESS
    assert board.report_prepared(name, MACS[-1].lower()) == mm.TaskStatus.READY_FOR_MIGRATION
    task = board.task(name)
    assert task.status.label == "Ready for migration"
    assert task.tab_counts == board.task(name).tab_counts
    assert (task.tab_counts.ready, task.tab_counts.pending) == (5, 0)
    assert all(d.tab == mm.DeviceTab.READY_FOR_MIGRATION for d in task.devices)
    assert board.in_progress is None
    assert repr(task) == (
        'Task(name="HQ_wave_1", option="license_and_device", status="ready_for_migration", '
        "devices=5)"
    )

    # Complete migration, then the host reports each device migrated.
    plan = board.complete_automatic(name, **AUTO)
    assert len(plan.batches) == 1
    task = board.task(name)
    assert task.status is mm.TaskStatus.AUTO_MIGRATION_COMPLETE
    assert task.completion is mm.CompletionMode.AUTOMATIC
    assert task.tab_counts.in_progress == 5
    board.report_migration_failed(name, MACS[0], "phone unreachable")
    status = board.refresh(name, [mm.TaskEvent.migrated(mac) for mac in MACS[1:]])
    assert status == "auto_migration_complete"
    task = board.task(name)
    assert (task.tab_counts.completed, task.tab_counts.error) == (4, 1)
    failed = task.device(MACS[0])
    assert failed is not None
    assert (failed.tab, failed.last_error) == (mm.DeviceTab.ERROR, "phone unreachable")


def test_task_snapshots_never_change_as_the_board_moves_on() -> None:
    board = bundled_board()
    before = board.task("HQ-1")
    devices = before.devices
    board.set_include_unknown("HQ-1", True)
    board.start_preparation("HQ-1")
    # The snapshot and its device list are as they were when asked for.
    assert before.status == "draft" and before.include_unknown is False
    assert {d.tab for d in devices} == {mm.DeviceTab.PENDING}
    after = board.task("hq-1")
    assert after.status == "in_progress" and after.include_unknown is True
    assert before != after and board.task("HQ-1") == after
    # A removed task's snapshot stays usable; the board no longer knows the name.
    board.cancel("HQ-1")
    removed = board.remove_task("HQ-1")
    assert removed.status == "draft" and len(removed.devices) == 5
    assert after.status == "in_progress" and len(after.devices) == 5
    assert "HQ-1" not in board and len(board) == 0
    refused(mm.TaskError, "task_not_found", "", board.task, "HQ-1")
    refused(mm.TaskError, "task_not_found", "", board.start_preparation, "HQ-1")
    # Tasks are read-only.
    with pytest.raises(AttributeError):
        setattr(after, "name", "other")


def test_task_device_list_is_a_lazy_sequence() -> None:
    task = bundled_board().task("HQ-1")
    devices = task.devices
    assert isinstance(devices, Sequence) and len(devices) == 5
    assert repr(devices) == "<TaskDeviceList of 5 devices of task HQ-1>"
    first = devices[0]
    assert first == devices[0] and first is not devices[0] and hash(first) == hash(devices[0])
    assert first.device.mac == MACS[0] and first.device.model.name == "8845"
    assert first.eligibility is mm.EligibilityStatus.ELIGIBLE and first.tab == "pending"
    assert first.last_error is None
    assert [f.code for f in first.reasons] == ["factory_reset"]
    assert devices[-1].device.mac == MACS[-1]
    assert devices[1:4].macs() == MACS[1:4] and devices[::-2].macs() == MACS[::-2]
    assert [d.device.mac for d in reversed(devices)] == MACS[::-1]
    assert first in devices and devices.index(devices[2]) == 2 and devices.count(first) == 1
    assert "001A2B3C4D01" not in devices  # a TaskDevice, not a MAC, is what it holds
    for bad in (5, -6):
        with pytest.raises(IndexError):
            devices[bad]
    with pytest.raises(TypeError):
        devices["0"]  # type: ignore[call-overload]
    unknown = task.device("00:1a:2b:3c:4d:02")
    assert unknown is not None and unknown.eligibility == "unknown"
    assert [f.code for f in unknown.reasons] == ["hardware_version_unknown", "factory_reset"]
    assert task.device("001A2B3C4DFF") is None
    refused(mm.IdentifierError, "mac_invalid_length", "DEV-6", task.device, "001A")


# --- TASK-1 names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("HQ phones", "HQ_phones"),
        ("", "task"),
        (".hidden", "hidden"),
        ("a/b", "a_b"),
        ("Büro", "B_ro"),
        ("x" * 81, "x" * 80),
    ],
)
def test_task1_invalid_names_are_refused_with_a_valid_suggestion(name: str, suggestion: str) -> None:
    board = mm.Board()
    err = refused(mm.TaskError, "task_name_invalid", "TASK-1", board.create_task, name, "license_only")
    assert err.suggestion == suggestion
    board.create_task(suggestion, "license_only")
    assert board.task_names == [suggestion]


def test_task1_names_are_unique_case_insensitively_with_a_free_suggestion() -> None:
    board = mm.Board()
    board.create_task("8800-01-01-21", "license_only")
    err = refused(mm.TaskError, "task_name_taken", "TASK-1", board.create_task, "8800-01-01-21",
                  "license_only")
    assert err.suggestion == "8800-01-01-21-2"
    board.create_task("HQ", "license_only")
    err = refused(mm.TaskError, "task_name_taken", "TASK-1", board.create_task, "hq", "license_only")
    assert err.suggestion == "hq-2"
    assert board.suggest_task_name("HQ floor 2") == "HQ_floor_2"
    board.create_task("HQ_floor_2", "license_only")
    assert board.suggest_task_name("HQ floor 2") == "HQ_floor_2-2"
    assert board.task_names == ["8800-01-01-21", "HQ", "HQ_floor_2"]
    assert "hq_FLOOR_2" in board and "nope" not in board and 3 not in board


def test_task_arguments_of_the_wrong_type_are_input_errors() -> None:
    board = mm.Board()
    board.create_task("T", "license_only")
    refused(mm.InputError, "invalid_argument", "", board.create_task, 1, "license_only")
    refused(mm.InputError, "invalid_argument", "", board.create_task, "U", "both")
    refused(mm.InputError, "invalid_argument", "", board.start_preparation, None)
    refused(mm.InputError, "invalid_argument", "", board.add_devices, "T", "001A2B3C4D5E")
    refused(mm.InputError, "invalid_argument", "", board.add_devices, "T", [1])
    refused(mm.InputError, "invalid_argument", "", board.add_devices, "T",
            license_only("8845,001A2B3C0001").devices[0])
    refused(mm.InputError, "invalid_argument", "", board.add_upload, "T", [])
    refused(mm.InputError, "invalid_argument", "", board.set_include_unknown, "T", 1)
    refused(mm.InputError, "invalid_argument", "", board.complete, "T", "fast")
    refused(mm.InputError, "invalid_argument", "", board.move_to_ready, "T", "001A2B3C0001")
    refused(mm.InputError, "invalid_argument", "", board.refresh, "T", mm.TaskEvent.pause())
    refused(mm.InputError, "invalid_argument", "", board.refresh, "T", ["pause"])
    refused(mm.IdentifierError, "mac_invalid_character", "DEV-6", board.report_prepared, "T",
            "001A2B3C4D5G")
    refused(mm.InputError, "invalid_argument", "", lambda: mm.Board(eligibility="guide"))
    refused(mm.InputError, "invalid_argument", "", lambda: mm.Board(directory="dir.json"))  # type: ignore[arg-type]
    refused(mm.InputError, "invalid_argument", "", board.set_directory, None)
    with pytest.raises(TypeError):
        mm.Board("control_hub")  # type: ignore[call-arg]


# --- TASK-2 one task in progress ------------------------------------------------------------


def test_task2_one_task_in_progress() -> None:
    board = mm.Board()
    board.create_task("HQ-1", "license_only")
    board.create_task("HQ-2", "license_only")
    board.add_upload("HQ-1", license_only("8845,001A2B3C0001"))
    board.add_upload("HQ-2", license_only("8845,001A2B3C0002"))
    board.start_preparation("HQ-1")
    err = refused(mm.TaskError, "task_in_progress_exists", "TASK-2", board.start_preparation, "HQ-2")
    assert "HQ-1" in err.message
    # A new task can be created (and filled) while one is in progress.
    board.create_task("HQ-3", "license_only")
    board.add_upload("HQ-3", license_only("8845,001A2B3C0003"))
    assert board.task("HQ-2").status == "draft"
    refused(mm.TaskError, "transition_refused", "TASK-4", board.remove_task, "HQ-1")
    # Once HQ-1 is prepared, HQ-2 can start.
    assert board.report_prepared("HQ-1", "001A2B3C0001") == "ready_for_migration"
    assert board.start_preparation("HQ-2") == "in_progress"
    in_progress = board.in_progress
    assert in_progress is not None and in_progress.name == "HQ-2"


# --- DEV-6 one task per device ------------------------------------------------------------


def test_dev6_a_device_belongs_to_one_task() -> None:
    board = mm.Board()
    board.create_task("A", "license_only")
    board.create_task("B", "license_only")
    report = license_only("8845,001A2B3C0001", "8861,001A2B3C0002")
    assert board.add_upload("A", report).added == 2
    outcome = board.add_upload("B", report)
    assert outcome.added == 0
    assert [(f.code, f.rule, f.row, f.column) for f in outcome.findings] == [
        ("device_in_other_task", "DEV-6", 2, "MAC Address"),
        ("device_in_other_task", "DEV-6", 3, "MAC Address"),
    ]
    again = board.add_devices("A", report.devices[:1])
    assert [(f.code, f.rule) for f in again.findings] == [("device_already_in_task", "DEV-6")]
    owner = board.task_of("00:1a:2b:3c:00:02")
    assert owner is not None and owner.name == "A"
    assert board.task_of("001A2B3C0003") is None
    # Removed from A, a device can join B.
    assert board.remove_devices("A", ["001A2B3C0002"]) == "draft"
    assert board.add_devices("B", report.devices[1:]).added == 1
    owner = board.task_of("001A2B3C0002")
    assert owner is not None and owner.name == "B"
    refused(mm.TaskError, "device_not_in_task", "", board.remove_devices, "A", ["001A2B3C0002"])


def test_task3_an_upload_of_another_option_is_refused() -> None:
    board = mm.Board()
    board.create_task("T", "license_only")
    refused(mm.TaskError, "task_option_mismatch", "TASK-3", board.add_upload, "T", BUNDLED)
    assert len(board.task("T").devices) == 0


# --- ELIG-2 who is prepared -----------------------------------------------------------------


def elig2_board(include_unknown: bool) -> mm.Board:
    """A task of an 8865NR (not eligible under Control Hub's table, DEV-2), a 7821 without VID
    (unknown, EXT-3) and an 8845 (eligible). The upload is checked against Cisco's ordering
    guide so that the 8865NR gets in at all; the board checks with its own table."""
    board = mm.Board()
    board.create_task("T", "license_only")
    report = license_only("8865NR,001A2B3C0001", "7821,001A2B3C0002", "8845,001A2B3C0003",
                          eligibility="cisco_ordering_guide")
    board.add_upload("T", report)
    board.set_include_unknown("T", include_unknown)
    return board


def test_elig2_not_eligible_is_never_prepared_unknown_needs_include_unknown() -> None:
    board = elig2_board(include_unknown=False)
    task = board.task("T")
    counts = task.eligibility_counts
    assert (counts.eligible, counts.not_eligible, counts.unknown) == (1, 1, 1)
    not_eligible = task.device("001A2B3C0001")
    assert not_eligible is not None and not_eligible.eligibility == "not_eligible"
    assert [(f.code, f.rule) for f in not_eligible.reasons] == [("model_not_eligible", "DEV-2")]

    assert board.start_preparation("T") == "in_progress"
    task = board.task("T")
    tabs = {d.device.mac: d.tab for d in task.devices}
    assert tabs == {"001A2B3C0001": "error", "001A2B3C0002": "error", "001A2B3C0003": "pending"}
    errors = {d.device.mac: d.last_error or "" for d in task.devices}
    assert "not eligible and is never migrated" in errors["001A2B3C0001"]
    assert "Include unknown eligibility" in errors["001A2B3C0002"]
    # A device in Error may be prepared again while preparation runs (a retry), but never one
    # ELIG-2 keeps out.
    refused(mm.TaskError, "device_not_eligible", "ELIG-2", board.report_prepared, "T", "001A2B3C0001")
    refused(mm.TaskError, "device_eligibility_unknown", "ELIG-2", board.report_prepared, "T",
            "001A2B3C0002")
    assert board.report_prepared("T", "001A2B3C0003") == mm.TaskStatus.READY_WITH_ERRORS
    # ELIG-2: neither can be moved back to Ready.
    refused(mm.TaskError, "device_not_eligible", "ELIG-2", board.move_to_ready, "T", ["001A2B3C0001"])
    refused(mm.TaskError, "device_eligibility_unknown", "ELIG-2", board.move_to_ready, "T",
            ["001A2B3C0002"])
    # Include unknown eligibility is switched in Draft only.
    refused(mm.TaskError, "transition_refused", "TASK-4", board.set_include_unknown, "T", True)


def test_elig2_include_unknown_prepares_unknown_devices() -> None:
    board = elig2_board(include_unknown=True)
    assert board.task("T").include_unknown is True
    board.start_preparation("T")
    task = board.task("T")
    assert task.tab_counts.pending == 2 and task.tab_counts.error == 1
    board.report_preparation_failed("T", "001A2B3C0002", "no response from the phone")
    failed = board.task("T").device("001A2B3C0002")
    assert failed is not None and failed.last_error == "no response from the phone"
    assert board.report_prepared("T", "001A2B3C0003") == "ready_with_errors"
    # TASK-5: a fixed unknown device moves back to Ready (Include unknown is on).
    assert board.move_to_ready("T", ["001A2B3C0002"]) == "ready_with_errors"
    moved = board.task("T").device("001A2B3C0002")
    assert moved is not None and (moved.tab, moved.last_error) == ("ready_for_migration", None)


def test_elig2_a_task_of_devices_that_cannot_be_prepared_does_not_start() -> None:
    board = mm.Board()
    board.create_task("T", "license_only")
    board.add_upload("T", license_only("8865NR,001A2B3C0001", eligibility="cisco_ordering_guide"))
    refused(mm.TaskError, "task_empty", "ELIG-2", board.start_preparation, "T")
    assert board.task("T").status == "draft"
    board.create_task("Empty", "license_only")
    refused(mm.TaskError, "task_empty", "ELIG-2", board.start_preparation, "Empty")


# --- ELIG-3 and TASK-8 the default task -----------------------------------------------------


def many_phones(count: int, model: str = "8845") -> mm.UploadReport:
    return license_only(*(f"{model},{0x001A2B000000 + i:012X}" for i in range(count)))


def test_elig3_default_task_of_1003_phones_holds_1000() -> None:
    phones = many_phones(1003)
    board = mm.Board()
    outcome = board.create_default_task("default", "license_only", phones.devices)
    assert outcome.added == mm.MAX_TASK_DEVICES == 1000
    assert [(f.code, f.rule, f.row, f.column) for f in outcome.findings] == [
        ("task_full", "ELIG-3", row, "MAC Address") for row in (1002, 1003, 1004)
    ]
    assert all(f.severity == "error" for f in outcome.findings)
    # TASK-8: devices without errors land in Ready for migration.
    task = board.task("default")
    assert task.status == "ready_for_migration" and task.tab_counts.ready == 1000
    # The three left out are in no task; a second task takes them.
    assert board.task_of(phones.devices[-1].mac) is None
    board.create_task("rest", "license_only")
    assert board.add_devices("rest", phones.devices).added == 3


def test_task8_default_task_puts_devices_that_cannot_be_prepared_in_error() -> None:
    board = mm.Board()
    phones = license_only("8845,001A2B3C0001", "8865NR,001A2B3C0002", "7821,001A2B3C0003",
                          eligibility="cisco_ordering_guide")
    outcome = board.create_default_task("default", "license_only", phones.devices)
    assert outcome.added == 3 and outcome.findings == []
    task = board.task("default")
    assert task.status == mm.TaskStatus.READY_WITH_ERRORS
    assert [d.tab for d in task.devices] == ["ready_for_migration", "error", "error"]
    refused(mm.TaskError, "task_name_taken", "TASK-1", board.create_default_task, "DEFAULT",
            "license_only", [])


# --- TASK-6 pause, resume, cancel ----------------------------------------------------------


def test_task6_pause_resume_cancel_during_preparation() -> None:
    board = bundled_board()
    refused(mm.TaskError, "transition_refused", "TASK-4", board.pause, "HQ-1")
    board.set_include_unknown("HQ-1", True)
    board.start_preparation("HQ-1")
    board.report_prepared("HQ-1", MACS[0])
    assert board.pause("HQ-1") == "in_progress"
    assert board.task("HQ-1").paused is True
    # While paused only resume and cancel are accepted.
    err = refused(mm.TaskError, "task_paused", "TASK-6", board.report_prepared, "HQ-1", MACS[1])
    assert "resume or cancel" in err.message
    refused(mm.TaskError, "task_paused", "TASK-6", board.pause, "HQ-1")
    assert board.resume("HQ-1") == "in_progress" and board.task("HQ-1").paused is False
    refused(mm.TaskError, "transition_refused", "TASK-4", board.resume, "HQ-1")
    assert board.report_prepared("HQ-1", MACS[1]) == "in_progress"
    # Cancel during preparation: back to Draft, every device pending.
    board.pause("HQ-1")
    assert board.cancel("HQ-1") == mm.TaskStatus.DRAFT
    task = board.task("HQ-1")
    assert task.paused is False and task.tab_counts.pending == 5
    assert board.in_progress is None


def test_task6_pause_resume_cancel_during_a_migration() -> None:
    board = prepared_board()
    assert board.complete("HQ-1", mm.CompletionMode.MANUAL) == "manual_migration"
    board.report_migrated("HQ-1", MACS[0])
    assert board.pause("HQ-1") == "manual_migration"
    refused(mm.TaskError, "task_paused", "TASK-6", board.report_migrated, "HQ-1", MACS[1])
    board.resume("HQ-1")
    # Cancel: devices still in progress return to Ready; the migrated one stays Completed.
    assert board.cancel("HQ-1") == "manual_migration"
    task = board.task("HQ-1")
    assert (task.tab_counts.completed, task.tab_counts.ready, task.tab_counts.in_progress) == (
        1, 4, 0,
    )
    refused(mm.TaskError, "device_wrong_tab", "TASK-5", board.report_migrated, "HQ-1", MACS[1])


# --- TASK-7 complete needs ready; subsets --------------------------------------------------


def test_task7_complete_needs_ready_for_migration() -> None:
    board = bundled_board()
    refused(mm.TaskError, "complete_requires_ready", "TASK-7", board.complete, "HQ-1", "automatic")
    board.start_preparation("HQ-1")
    refused(mm.TaskError, "complete_requires_ready", "TASK-7", board.complete, "HQ-1", "manual")
    board.refresh("HQ-1", [mm.TaskEvent.prepared(mac) for mac in MACS if mac != MACS[1]])
    assert board.task("HQ-1").status == "ready_with_errors"  # the 7821 of unknown VID failed
    refused(mm.TaskError, "complete_requires_ready", "TASK-7", board.complete, "HQ-1", "automatic")


def test_task7_a_subset_completes_as_a_new_task() -> None:
    board = bundled_board()
    board.start_preparation("HQ-1")
    board.refresh("HQ-1", [mm.TaskEvent.prepared(mac) for mac in MACS if mac != MACS[1]])
    subset = [MACS[0], MACS[2]]
    # Refusals change nothing: a device not ready, a taken or invalid name.
    refused(mm.TaskError, "device_wrong_tab", "TASK-5", board.complete_subset, "HQ-1",
            [MACS[0], MACS[1]], "HQ-1-a", "manual")
    refused(mm.TaskError, "task_name_taken", "TASK-1", board.complete_subset, "HQ-1", subset,
            "hq-1", "manual")
    refused(mm.TaskError, "task_name_invalid", "TASK-1", board.complete_subset, "HQ-1", subset,
            "HQ 1 a", "manual")
    refused(mm.InputError, "invalid_argument", "", board.complete_subset, "HQ-1", [], "HQ-1-a",
            "manual")
    assert board.task_names == ["HQ-1"] and board.task("HQ-1").tab_counts.ready == 4
    status = board.complete_subset("HQ-1", subset, "HQ-1-a", "manual")
    assert status is mm.TaskStatus.MANUAL_MIGRATION
    new = board.task("HQ-1-a")
    assert new.devices.macs() == subset and new.completion == "manual"
    assert new.tab_counts.in_progress == 2 and new.option == "license_and_device"
    old = board.task("HQ-1")
    assert old.devices.macs() == [MACS[1], MACS[3], MACS[4]]
    assert old.status == "ready_with_errors"
    owner = board.task_of(MACS[0])
    assert owner is not None and owner.name == "HQ-1-a"


# --- TASK-9 license only needs the devices in Webex Calling ---------------------------------


def test_task9_license_only_devices_must_be_in_webex_calling() -> None:
    phones = license_only("8845,001A2B3C4D99", "8845,001A2B3C4D98")

    def ready_board(board: mm.Board) -> mm.Board:
        board.create_task("L", "license_only")
        board.add_upload("L", phones)
        board.start_preparation("L")
        board.refresh("L", [mm.TaskEvent.prepared(d.mac) for d in phones.devices])
        return board

    board = ready_board(mm.Board(directory=DIRECTORY))
    err = refused(mm.TaskError, "device_not_in_webex_calling", "TASK-9", board.complete, "L",
                  "manual")
    assert "001A2B3C4D98" in err.message and "001A2B3C4D99" not in err.message
    assert board.task("L").status == "ready_for_migration"
    # The device already in Webex Calling completes as a subset.
    plan = board.complete_subset_automatic("L", ["001A2B3C4D99"], "L-ok", **AUTO)
    assert plan.task == "L-ok"
    assert board.task("L-ok").status == "auto_migration_complete"
    # Without a directory the host has not said what is in Webex Calling: not checked.
    unchecked = ready_board(mm.Board())
    assert unchecked.directory is None
    assert unchecked.complete("L", "manual") == "manual_migration"
    # A directory given later is checked.
    later = ready_board(mm.Board())
    later.set_directory(DIRECTORY)
    assert later.directory is not None
    refused(mm.TaskError, "device_not_in_webex_calling", "TASK-9", later.complete, "L", "manual")


# --- ELIG-4 search ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "eligibility", "found"),
    [
        ("4d:03", None, ["001A2B3C4D03"]),
        ("2B:3C:4D:0", None, MACS),
        ("3c4d0e", None, ["001A2B3C4D0E"]),
        ("SEP001a2b3c4d04", None, ["001A2B3C4D04"]),
        ("branch", None, ["001A2B3C4D02", "001A2B3C4D0E"]),
        ("  BRANCH office ", None, ["001A2B3C4D02", "001A2B3C4D0E"]),
        ("+1408555010", None, ["001A2B3C4D03", "001A2B3C4D04"]),
        ("0104", None, ["001A2B3C4D04"]),
        ("cisco 88", None, ["001A2B3C4D01", "001A2B3C4D03", "001A2B3C4D04", "001A2B3C4D0E"]),
        ("CP-8865", None, ["001A2B3C4D03"]),
        ("7821", None, ["001A2B3C4D02"]),
        ("lobby", None, ["001A2B3C4D03"]),
        ("workspace", None, ["001A2B3C4D03", "001A2B3C4D04", "001A2B3C4D0E"]),
        ("2003", None, ["001A2B3C4D0E"]),
        ("", "unknown", ["001A2B3C4D02"]),
        ("8845", mm.EligibilityStatus.ELIGIBLE, ["001A2B3C4D01", "001A2B3C4D0E"]),
        ("8845", "unknown", []),
        ("", "not eligible", []),
        ("", None, MACS),
        ("no such phone", None, []),
    ],
)
def test_elig4_search_any_attribute_case_insensitive_in_part(
    query: str, eligibility: Optional[str], found: list[str]
) -> None:
    task = bundled_board().task("HQ-1")
    result = task.search(query, eligibility)
    assert result.macs() == found
    assert [d.device.mac for d in result] == found
    assert len(result) == len(found)


def test_elig4_search_results_are_views_of_the_snapshot() -> None:
    task = bundled_board().task("HQ-1")
    result = task.search("hq")
    assert result.macs() == MACS[:1] + MACS[2:4]
    assert result[1].device.username == "Lobby" and result[-1].device.mac == MACS[3]
    assert result[1:].macs() == MACS[2:4]
    assert task.search(eligibility="unknown").macs() == [MACS[1]]
    refused(mm.InputError, "invalid_argument", "", task.search, "x", "green")
    refused(mm.InputError, "invalid_argument", "", task.search, 8845)


# --- ELIG-5 device list download ------------------------------------------------------------


def test_elig5_device_list_csv_reads_back_with_every_detail() -> None:
    task = bundled_board().task("HQ-1")
    rows = list(csv.reader(io.StringIO(task.device_list_csv(), newline="")))
    assert tuple(rows[0]) == mm.DEVICE_LIST_COLUMNS
    assert len(rows) == 6
    lobby = dict(zip(rows[0], rows[3]))
    assert lobby["Device Name"] == "SEP001A2B3C4D03"
    assert lobby["MAC Address"] == "001A2B3C4D03"
    assert lobby["Model"] == "Cisco 8865"
    assert (lobby["Type"], lobby["Username"], lobby["Location"]) == ("WORKSPACE", "Lobby", "HQ")
    assert (lobby["Phone Number"], lobby["Extension"]) == ("+14085550100", "1003")
    assert (lobby["Eligibility"], lobby["Tab"], lobby["Upload Row"]) == ("eligible", "pending", "4")
    assert "factory_reset" in lobby["Reasons"]
    smith = dict(zip(rows[0], rows[5]))
    assert smith["Username"] == "Smith, Barney"
    data = json.loads(task.device_list_json())
    assert [d["device"]["mac"] for d in data] == MACS


def test_elig5_formula_cells_are_neutralised() -> None:
    header = "Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan"
    upload = (
        f"{header}\n"
        'WORKSPACE,"=HYPERLINK(""http://x"")",+14085550100,1003,IP,8845,001A2B3C0001,@HQ,\n'
        "USER,-a@example.com,,,IP,8845,001A2B3C0002,HQ,\n"
    )
    report = mm.validate_upload(upload.encode(), "license_and_device")
    assert report.added == 2
    board = mm.Board()
    board.create_task("T", "license_and_device")
    board.add_upload("T", report)
    rows = list(csv.DictReader(io.StringIO(board.task("T").device_list_csv(), newline="")))
    assert rows[0]["Username"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["Location"] == "'@HQ"
    assert rows[0]["Phone Number"] == "+14085550100"  # a valid E.164 number stays as it is
    assert rows[1]["Username"] == "'-a@example.com"
    for row in rows:
        assert not any(cell[:1] in ("=", "@", "-") for cell in row.values())


# --- events as values ------------------------------------------------------------------------


EVENTS: list[tuple[Callable[[], mm.TaskEvent], str, str]] = [
    (mm.TaskEvent.start_preparation, "start_preparation", "TaskEvent.start_preparation()"),
    (lambda: mm.TaskEvent.prepared("00:1a:2b:3c:4d:5e"), "preparation_result",
     'TaskEvent.prepared("001A2B3C4D5E")'),
    (lambda: mm.TaskEvent.preparation_failed("001A2B3C4D5E", "timeout"), "preparation_result",
     'TaskEvent.preparation_failed("001A2B3C4D5E", "timeout")'),
    (lambda: mm.TaskEvent.move_to_ready(["001A2B3C4D5E"]), "move_to_ready",
     'TaskEvent.move_to_ready(["001A2B3C4D5E"])'),
    (lambda: mm.TaskEvent.complete("manual"), "complete", 'TaskEvent.complete("manual")'),
    (lambda: mm.TaskEvent.migrated("001A2B3C4D5E"), "migration_result",
     'TaskEvent.migrated("001A2B3C4D5E")'),
    (lambda: mm.TaskEvent.migration_failed("001A2B3C4D5E", "x"), "migration_result",
     'TaskEvent.migration_failed("001A2B3C4D5E", "x")'),
    (mm.TaskEvent.pause, "pause", "TaskEvent.pause()"),
    (mm.TaskEvent.resume, "resume", "TaskEvent.resume()"),
    (mm.TaskEvent.cancel, "cancel", "TaskEvent.cancel()"),
    (lambda: mm.TaskEvent.set_include_unknown(True), "set_include_unknown",
     "TaskEvent.set_include_unknown(True)"),
    (lambda: mm.TaskEvent.remove_devices(["001A2B3C4D5E", "001A2B3C4D5F"]), "remove_devices",
     'TaskEvent.remove_devices(["001A2B3C4D5E", "001A2B3C4D5F"])'),
]


@pytest.mark.parametrize(("make", "kind", "text"), EVENTS, ids=[e[1] + str(i) for i, e in enumerate(EVENTS)])
def test_task_events_are_values(make: Callable[[], mm.TaskEvent], kind: str, text: str) -> None:
    event = make()
    assert event.kind == kind and isinstance(event.kind, mm.EventKind)
    assert repr(event) == text
    assert event == make() and hash(event) == hash(make())
    assert pickle.loads(pickle.dumps(event)) == event and copy.deepcopy(event) == event
    with pytest.raises(AttributeError):
        setattr(event, "mac", "x")


def test_task_event_fields() -> None:
    failed = mm.TaskEvent.preparation_failed("001a2b3c4d5e", "timeout")
    assert (failed.mac, failed.reason, failed.macs, failed.mode) == (
        "001A2B3C4D5E", "timeout", [], None,
    )
    assert mm.TaskEvent.complete(mm.CompletionMode.AUTOMATIC).mode is mm.CompletionMode.AUTOMATIC
    assert mm.TaskEvent.set_include_unknown(False).include_unknown is False
    assert mm.TaskEvent.pause().include_unknown is None and mm.TaskEvent.pause().mac is None
    assert mm.TaskEvent.move_to_ready(("001A2B3C4D5E",)).macs == ["001A2B3C4D5E"]
    refused(mm.IdentifierError, "mac_wrong_separator", "DEC-3", mm.TaskEvent.prepared,
            "00-1A-2B-3C-4D-5E")
    refused(mm.InputError, "invalid_argument", "", mm.TaskEvent.complete, "auto")
    refused(mm.InputError, "invalid_argument", "", mm.TaskEvent.set_include_unknown, "yes")
    refused(mm.InputError, "invalid_argument", "", mm.TaskEvent.preparation_failed,
            "001A2B3C4D5E", None)


def test_task6_refresh_is_all_or_nothing_and_a_repeated_report_is_a_no_op() -> None:
    board = bundled_board()
    board.set_include_unknown("HQ-1", True)
    board.start_preparation("HQ-1")
    before = board.to_json()
    events = [
        mm.TaskEvent.prepared(MACS[0]),
        mm.TaskEvent.preparation_failed(MACS[1], "timeout"),
        mm.TaskEvent.prepared(MACS[0]),  # twice: changes nothing
        mm.TaskEvent.prepared("001A2B3C4DFF"),  # no such device: the whole refresh is refused
    ]
    err = refused(mm.TaskError, "device_not_in_task", "", board.refresh, "HQ-1", events)
    assert "event 4" in err.message and "001A2B3C4DFF" in err.message
    assert board.to_json() == before
    assert [d.tab for d in board.task("HQ-1").devices] == ["pending"] * 5
    assert board.refresh("HQ-1", events[:3]) == "in_progress"
    once = board.to_json()
    assert board.refresh("HQ-1", events[:3]) == "in_progress"
    assert board.to_json() == once
    assert board.refresh("HQ-1", iter([])) == "in_progress"
    assert board.refresh("HQ-1", (mm.TaskEvent.prepared(m) for m in MACS[2:])) == (
        "ready_with_errors"
    )


# --- the transition table ---------------------------------------------------------------------


def test_enums_are_cores_and_compare_equal_to_their_names() -> None:
    from mpp_migration import _native

    for enum in (mm.TaskStatus, mm.DeviceTab, mm.CompletionMode, mm.EventKind, mm.BatGroup,
                 mm.FleetGrouping, mm.EligibilityStatus):
        table = _native._enum_table(enum.__name__)
        assert [m.value for m in enum] == [name for name, _ in table], enum
        for member in enum:
            assert member == member.value and str(member) == member.value
            assert enum(member.value) is member
    assert [s.label for s in mm.TaskStatus] == [
        "Draft", "In progress", "Ready for migration", "Ready with errors", "Review errors",
        "Auto migration complete", "Manual migration",
    ]
    assert mm.DeviceTab.READY_FOR_MIGRATION.label == "Ready for migration"
    refused(mm.InputError, "invalid_argument", "", _native._enum_table, "Nope")


def test_transition_table() -> None:
    rows = mm.TRANSITIONS
    assert len(rows) == len({(s, e) for s, e, _ in rows}) >= 40
    assert all(isinstance(s, mm.TaskStatus) and isinstance(e, mm.EventKind) for s, e, _ in rows)
    table = {(s, e): o for s, e, o in rows}
    start = table[mm.TaskStatus.DRAFT, mm.EventKind.START_PREPARATION]
    assert (start.kind, start.target, start.refusal, start.accepted) == (
        "to", mm.TaskStatus.IN_PROGRESS, None, True,
    )
    assert mm.transition("draft", "start_preparation") == start
    complete = mm.transition(mm.TaskStatus.READY_WITH_ERRORS, mm.EventKind.COMPLETE)
    assert (complete.kind, complete.refusal, complete.accepted) == (
        "refused", "complete_requires_ready", False,
    )
    assert repr(complete) == 'TransitionOutcome(kind="refused", refusal="complete_requires_ready")'
    other = mm.transition("draft", "pause")
    assert (other.kind, other.refusal, other.target) == ("refused", "transition_refused", None)
    assert mm.transition("ready_for_migration", "complete").kind == "completion"
    assert mm.transition("in_progress", "preparation_result").kind == "from_devices"
    for status in mm.TaskStatus:
        assert mm.transition(status, "status_report").kind == "stay"
    # Every pair the table accepts is one a board applies; a pair it refuses, a board refuses.
    markdown = mm.transition_table_markdown()
    assert markdown.startswith("| status | event | outcome |")
    assert markdown.count("\n") == len(rows) + 3
    refused(mm.InputError, "invalid_argument", "", mm.transition, "done", "pause")
    refused(mm.InputError, "invalid_argument", "", mm.transition, "draft", mm.TaskStatus.DRAFT)
    refused(mm.InputError, "invalid_argument", "", mm.transition, 0, "pause")


# --- threads ------------------------------------------------------------------------------------


def test_a_board_is_shared_safely_between_threads() -> None:
    board = mm.Board()
    phones = many_phones(800)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            name = f"T{n}"
            board.create_task(name, "license_only")
            board.add_devices(name, phones.devices[n * 100:(n + 1) * 100])
            for _ in range(20):
                board.to_json()
                board.task(name)
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(board) == 8
    assert sum(len(t.devices) for t in board.tasks) == 800
    assert mm.Board.from_json(board.to_json()) == board


# --- issue 9 §5: counts, AUTO-1/AUTO-2 on every route, retries --------------------------------


def test_csv14_dec1_counts_are_what_the_task_really_took() -> None:
    report = many_phones(1500)
    assert report.added == 1500
    board = mm.Board()
    board.create_task("big", "license_only")
    outcome = board.add_upload("big", report)
    assert outcome.added == 1000 and len(outcome.findings) == 500
    counts = board.task("big").upload_counts
    assert (counts.added, counts.errors, counts.total) == (1000, 500, 1500)
    assert len(board.task("big").devices) == 1000
    # The same report again adds nothing: Added stays, Errors and Total grow (DEC-1).
    assert board.add_upload("big", report).added == 0
    counts = board.task("big").upload_counts
    assert (counts.added, counts.errors, counts.total) == (1000, 2000, 3000)


def test_auto1_auto2_hold_on_every_route_to_automatic_completion() -> None:
    board = prepared_board()
    before = board.to_json()
    refused(mm.PlanError, "cloud_connected_uc_required", "AUTO-1", board.complete, "HQ-1",
            "automatic")
    refused(mm.PlanError, "cloud_connected_uc_required", "AUTO-1", board.complete_subset, "HQ-1",
            MACS[:1], "HQ-1-a", "automatic")
    for options, code, rule in [
        (auto(cloud_connected_uc=False), "cloud_connected_uc_required", "AUTO-1"),
        (auto(tftp_server_type=" "), "tftp_server_required", "AUTO-2"),
        (auto(load_server=""), "load_server_required", "AUTO-2"),
    ]:
        with pytest.raises(mm.PlanError) as whole:
            board.complete_automatic("HQ-1", **options)
        with pytest.raises(mm.PlanError) as subset:
            board.complete_subset_automatic("HQ-1", MACS[:1], "HQ-1-a", **options)
        for err in (whole.value, subset.value):
            assert (err.code, err.rule, err.number) == (code, rule, mm.ERROR_CODES[code])
    assert board.to_json() == before and board.task_names == ["HQ-1"]
    plan = board.complete_subset_automatic("HQ-1", MACS[:2], "HQ-1-a", batch_size=1, **AUTO)
    assert plan.batches == [[MACS[0]], [MACS[1]]]
    new = board.task("HQ-1-a")
    assert new.status == "auto_migration_complete" and new.completion == "automatic"


def test_task6_a_device_that_failed_to_migrate_can_be_retried() -> None:
    board = prepared_board()
    board.complete("HQ-1", "manual")
    failed = mm.TaskEvent.migration_failed(MACS[0], "phone unreachable")
    assert board.refresh("HQ-1", [failed, failed]) == "manual_migration"
    device = board.task("HQ-1").device(MACS[0])
    assert device is not None and device.tab == "error"
    # The retry succeeded: the device in Error is reported migrated, twice (a no-op).
    board.refresh("HQ-1", [mm.TaskEvent.migrated(MACS[0])] * 2)
    device = board.task("HQ-1").device(MACS[0])
    assert device is not None and device.tab == "completed" and device.last_error is None
    # A device never prepared is never reported migrated (ELIG-2): here, a preparation failure.
    other = bundled_board("E")
    other.start_preparation("E")
    refused(mm.TaskError, "transition_refused", "TASK-4", other.report_migrated, "E", MACS[1])
