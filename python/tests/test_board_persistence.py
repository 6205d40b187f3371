"""A board's saved form through Python: `Board.to_json` / `Board.from_json` round trips, pickling
and copying, and the corrupt documents core refuses whole (TASK-1, TASK-2, TASK-4, DEV-6,
ELIG-3). Every refusal is checked for its class, code, number and rule."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import mpp_migration as mm
from refusal import refused

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
DIRECTORY = mm.Directory.from_json_file(DATA / "directory.json")
BUNDLED = mm.validate_upload(DATA / "upload.csv", "license_and_device", DIRECTORY)



def phones(first: int, count: int, model: str = "8845") -> mm.UploadReport:
    text = "Model,MAC Address\n" + "".join(
        f"{model},{0x001A2B000000 + first + i:012X}\n" for i in range(count)
    )
    return mm.validate_upload(text.encode(), "license_only")


def busy_board() -> mm.Board:
    """A board with a task in every kind of state: draft, in progress (paused), ready with
    errors, manual migration with a device migrated, and the bundled license-and-device task."""
    board = mm.Board()
    board.create_task("Draft", "license_only")
    board.add_upload("Draft", phones(0, 3))
    board.create_task("Done", "license_only")
    board.add_upload("Done", phones(100, 3))
    board.start_preparation("Done")
    board.refresh("Done", [mm.TaskEvent.prepared(m) for m in board.task("Done").devices.macs()])
    board.complete("Done", "manual")
    board.report_migrated("Done", board.task("Done").devices.macs()[0])
    board.create_task("Errors", "license_only")
    board.add_upload("Errors", phones(200, 2))
    board.start_preparation("Errors")
    first, second = board.task("Errors").devices.macs()
    board.report_prepared("Errors", first)
    board.report_preparation_failed("Errors", second, "timeout, \"quoted\" ⚠")
    board.create_task("HQ_wave_1", "license_and_device")
    board.add_upload("HQ_wave_1", BUNDLED)
    board.create_task("Running", "license_only")
    board.add_upload("Running", phones(300, 2))
    board.set_include_unknown("Running", True)
    board.start_preparation("Running")
    board.pause("Running")
    board.set_directory(DIRECTORY)
    return board


# --- round trips -----------------------------------------------------------------------------


def test_save_and_load_round_trip() -> None:
    board = busy_board()
    text = board.to_json()
    doc = json.loads(text)
    assert doc["format"] == mm.BOARD_FORMAT == 1
    assert doc["eligibility"] == {"name": "control_hub"}
    assert [t["name"] for t in doc["tasks"]] == board.task_names
    again = mm.Board.from_json(text)
    assert again == board and again.to_json() == text
    assert again.task_names == ["Draft", "Done", "Errors", "HQ_wave_1", "Running"]
    assert [t.status for t in again.tasks] == [
        "draft", "manual_migration", "ready_with_errors", "draft", "in_progress",
    ]
    running = again.task("Running")
    assert running.paused and running.include_unknown
    assert again.in_progress == running
    done = again.task("Done")
    assert done.completion == mm.CompletionMode.MANUAL
    assert (done.tab_counts.completed, done.tab_counts.in_progress) == (1, 2)
    failed = again.task("Errors").devices[1]
    assert failed.last_error == "timeout, \"quoted\" ⚠"
    hq = again.task("HQ_wave_1")
    assert (hq.upload_counts.added, hq.upload_counts.errors, hq.upload_counts.total) == (5, 12, 17)
    assert [d.device for d in hq.devices] == list(BUNDLED.devices)
    # DEV-6 ownership is rebuilt: a device of a task stays out of the others.
    owner = again.task_of(BUNDLED.devices[0].mac)
    assert owner is not None and owner.name == "HQ_wave_1"
    assert again.add_upload("Draft", phones(0, 1)).findings[0].code == "device_already_in_task"
    # Bytes load the same; the directory is the host's to give again.
    assert mm.Board.from_json(text.encode()) == board
    assert again.directory is None
    with_directory = mm.Board.from_json(text, directory=DIRECTORY)
    assert with_directory.directory is not None and with_directory == board


def test_a_loaded_board_goes_on_where_it_was() -> None:
    again = mm.Board.from_json(busy_board().to_json())
    refused(mm.TaskError, "task_paused", "TASK-6", again.report_prepared, "Running",
            again.task("Running").devices.macs()[0])
    refused(mm.TaskError, "task_in_progress_exists", "TASK-2", again.start_preparation, "Draft")
    assert again.resume("Running") == "in_progress"
    assert again.refresh(
        "Running", [mm.TaskEvent.prepared(m) for m in again.task("Running").devices.macs()]
    ) == "ready_for_migration"
    assert again.start_preparation("Draft") == "in_progress"


def test_a_custom_eligibility_table_travels_with_the_board() -> None:
    table = mm.EligibilityTable.from_csv(
        mm.EligibilityTable.cisco_ordering_guide().to_csv(), name="host"
    )
    board = mm.Board(eligibility=table)
    board.create_task("T", "license_only")
    nr = mm.validate_upload(b"Model,MAC Address\n8865NR,001A2B3C0001\n", "license_only",
                            eligibility=table)
    board.add_upload("T", nr)
    assert board.task("T").devices[0].eligibility == "eligible"
    doc = json.loads(board.to_json())
    assert doc["eligibility"]["name"] == "host" and "8865NR" in doc["eligibility"]["table"]
    again = mm.Board.from_json(board.to_json())
    assert again.eligibility == table and again.eligibility.name == "host"
    assert again == board
    # A bundled table is saved by name.
    named = mm.Board(eligibility="cisco_ordering_guide")
    assert json.loads(named.to_json())["eligibility"] == {"name": "cisco_ordering_guide"}
    assert mm.Board.from_json(named.to_json()).eligibility.name == "cisco_ordering_guide"


def test_boards_pickle_and_copy_into_independent_boards() -> None:
    board = busy_board()
    for again in (pickle.loads(pickle.dumps(board)), copy.copy(board), copy.deepcopy(board)):
        assert again == board and again is not board
        assert again.directory is not None and again.directory.device_count == 1
        again.remove_task("Draft")
        assert "Draft" in board and "Draft" not in again
    assert repr(board) == (
        'Board(tasks=5, eligibility="control_hub", in_progress="Running", directory=set)'
    )
    with pytest.raises(TypeError):
        hash(board)
    assert board != "board" and mm.Board() == mm.Board()


def test_a_big_board_round_trips() -> None:
    board = mm.Board()
    report = phones(0, 20000)
    plan = mm.plan_fleet(report.devices, "fleet", option="license_only")
    board.add_fleet_plan(plan)
    text = board.to_json()
    again = mm.Board.from_json(text)
    assert len(again) == 20 and again == board
    assert sum(len(t.devices) for t in again.tasks) == 20000


# --- corrupt documents are refused whole --------------------------------------------------------


def saved() -> dict[str, Any]:
    """The document of a board with two draft tasks of two devices each."""
    board = mm.Board()
    board.create_task("A", "license_only")
    board.add_upload("A", phones(0, 2))
    board.create_task("B", "license_only")
    board.add_upload("B", phones(10, 2))
    doc: dict[str, Any] = json.loads(board.to_json())
    return doc


def invalid(doc: dict[str, Any], mentions: str) -> mm.MigrationError:
    err = refused(mm.TaskError, "document_invalid", "", mm.Board.from_json, json.dumps(doc))
    assert mentions in err.message, err.message
    return err


def test_two_tasks_in_progress_are_refused() -> None:
    doc = saved()
    for task in doc["tasks"]:
        task["status"] = "in_progress"
    invalid(doc, "TASK-2")


def test_a_device_in_two_tasks_is_refused() -> None:
    doc = saved()
    doc["tasks"][1]["devices"].append(doc["tasks"][0]["devices"][0])
    invalid(doc, "DEV-6")
    doc = saved()
    doc["tasks"][0]["devices"].append(doc["tasks"][0]["devices"][0])
    invalid(doc, "DEV-6")


@pytest.mark.parametrize(
    ("status", "tab"),
    [
        ("ready_for_migration", "pending"),
        ("draft", "ready_for_migration"),
        ("in_progress", "completed"),
        ("review_errors", "ready_for_migration"),
    ],
)
def test_a_status_that_does_not_fit_the_tabs_is_refused(status: str, tab: str) -> None:
    doc = saved()
    doc["tasks"][0]["status"] = status
    for device in doc["tasks"][0]["devices"]:
        device["tab"] = tab
    invalid(doc, "TASK-4")


def test_other_broken_invariants_are_refused() -> None:
    doc = saved()
    doc["tasks"][1]["name"] = "a"
    invalid(doc, "TASK-1")
    doc = saved()
    doc["tasks"][0]["paused"] = True
    invalid(doc, "TASK-6")
    doc = saved()
    doc["tasks"][0]["option"] = "license_and_device"
    invalid(doc, "TASK-3")
    doc = saved()
    template = doc["tasks"][0]["devices"][0]
    doc["tasks"][0]["devices"] = [
        {**template, "device": {**template["device"], "mac": f"{0x00AA00000000 + i:012X}"}}
        for i in range(1001)
    ]
    invalid(doc, "ELIG-3")
    doc = saved()
    doc["tasks"][0]["colour"] = "blue"
    invalid(doc, "colour")
    doc = saved()
    doc["tasks"][0]["name"] = "A B"
    invalid(doc, "task name")
    doc = saved()
    doc["eligibility"] = {"name": "home_made"}
    invalid(doc, "home_made")


def test_unknown_versions_are_refused() -> None:
    for version in (2, 0, None):
        doc = saved()
        doc["format"] = version
        err = refused(mm.TaskError, "document_version_unsupported", "", mm.Board.from_json,
                      json.dumps(doc))
        assert "format" in err.message
    doc = saved()
    del doc["format"]
    refused(mm.TaskError, "document_version_unsupported", "", mm.Board.from_json, json.dumps(doc))
    doc["format"] = "1"
    refused(mm.InputError, "json_invalid", "", mm.Board.from_json, json.dumps(doc))


def test_malformed_documents_and_arguments_are_input_errors() -> None:
    for text in ("", "{", "[1, 2]", '{"format": 1, "tasks": [}', "null"):
        refused(mm.InputError, "json_invalid", "", mm.Board.from_json, text)
    refused(mm.InputError, "argument_not_utf8", "", mm.Board.from_json, b'{"format": 1, "\xff": 1}')
    refused(mm.InputError, "invalid_argument", "", mm.Board.from_json, 1)
    refused(mm.InputError, "invalid_argument", "", mm.Board.from_json, Path("board.json"))
    refused(mm.InputError, "invalid_argument", "",
            lambda: mm.Board.from_json("{}", directory="directory.json"))  # type: ignore[arg-type]


# --- issue 14 §1: nothing the rules forbid loads (ELIG-2, DEV-2, DEV-4, CSV-4, CSV-5, TASK-*) ---


def audited() -> dict[str, Any]:
    """The document of a board the library made: task 0 (license only) Ready with errors with
    an 8845 in Ready, a not eligible 8821 and an unknown 7821 (no VID) in Error; task 1 the
    bundled license-and-device upload in Draft; task 2 completed automatically."""
    board = mm.Board()
    board.create_task("lo", "license_only")
    board.add_devices("lo", [mm.Device("001A2B000001", "8845"), mm.Device("001A2B000002", "8821"),
                             mm.Device("001A2B000003", "7821")])
    board.start_preparation("lo")
    board.report_prepared("lo", "001A2B000001")
    board.create_task("ld", "license_and_device")
    board.add_upload("ld", BUNDLED)
    board.create_task("auto", "license_only")
    board.add_upload("auto", phones(20, 1))
    board.start_preparation("auto")
    board.report_prepared("auto", board.task("auto").devices.macs()[0])
    board.complete_automatic("auto", cloud_connected_uc=True, tftp_server_type="Unified CM TFTP",
                             load_server="tftp.example.com")
    doc: dict[str, Any] = json.loads(board.to_json())
    assert mm.Board.from_json(json.dumps(doc)).to_json() == board.to_json()
    return doc


def refused_naming(doc: dict[str, Any], *parts: str) -> None:
    err = refused(mm.TaskError, "document_invalid", "", mm.Board.from_json, json.dumps(doc))
    for part in parts:
        assert part in err.message, (part, err.message)
    assert "Some(" not in err.message and "TabCounts" not in err.message


def in_ready(device: dict[str, Any]) -> None:
    device["tab"] = "ready_for_migration"
    device.pop("last_error", None)


def of_type(doc: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(d for d in doc["tasks"][1]["devices"]
                if d["device"]["assignment"]["owner_type"] == kind)


def test_a_not_eligible_or_unknown_device_in_ready_is_refused() -> None:
    doc = audited()
    assert doc["tasks"][0]["devices"][1]["eligibility"] == "not_eligible"
    in_ready(doc["tasks"][0]["devices"][1])
    refused_naming(doc, "tasks[0]", "devices[1]", "001A2B000002", "8821", "ELIG-2")
    doc = audited()
    assert doc["tasks"][0]["devices"][2]["eligibility"] == "unknown"
    in_ready(doc["tasks"][0]["devices"][2])
    refused_naming(doc, "devices[2]", "001A2B000003", "unknown", "ELIG-2")


def test_eligibility_is_recomputed_not_trusted() -> None:
    doc = audited()
    doc["tasks"][0]["devices"][1]["eligibility"] = "eligible"
    refused_naming(doc, "devices[1]", "not_eligible", "control_hub", "ELIG-1")
    doc = audited()
    doc["tasks"][0]["devices"][0]["device"]["model"] = "6841"
    refused_naming(doc, "devices[0]", "6841", "DEV-4")


def test_assignments_the_upload_would_refuse_are_refused() -> None:
    doc = audited()
    of_type(doc, "USER")["device"]["assignment"]["phone_number"] = "+14085550100"
    refused_naming(doc, "tasks[1]", "USER", "+14085550100", "CSV-5")
    doc = audited()
    of_type(doc, "WORKSPACE")["device"]["assignment"].pop("phone_number")
    refused_naming(doc, "WORKSPACE", "no phone number", "CSV-5")
    doc = audited()
    of_type(doc, "USER")["device"]["assignment"]["username"] = "alice"
    refused_naming(doc, "email", "CSV-4")


def test_counts_completion_and_last_error_must_fit() -> None:
    doc = audited()
    uploads = doc["tasks"][1]["uploads"]
    uploads["added"] = uploads["total"] + 1
    refused_naming(doc, "task ld", "Added + Errors = Total", "CSV-14")
    doc = audited()
    doc["tasks"][1]["uploads"] = {"added": 2**64 - 1, "errors": 0, "total": 2**64 - 1}
    refused_naming(doc, str(2**64 - 1), "CSV-14")
    doc = audited()
    doc["tasks"][2].pop("completion")
    refused_naming(doc, "tasks[2]", "Auto migration complete", "no completion mode")
    doc = audited()
    doc["tasks"][0]["devices"][0]["last_error"] = "stale"
    refused_naming(doc, "devices[0]", "last error", "TASK-5")


def test_counts_at_the_limit_load_and_the_next_upload_is_refused_whole() -> None:
    doc = audited()
    limit = 2**53 - 1
    doc["tasks"][1]["uploads"] = {"added": 0, "errors": limit, "total": limit}
    doc["tasks"][1]["devices"] = []
    board = mm.Board.from_json(json.dumps(doc))
    refused(mm.MigrationError, "upload_count_limit", "CSV-14", board.add_upload, "ld", BUNDLED)
    task = board.task("ld")
    assert len(task.devices) == 0 and task.upload_counts.total == limit
