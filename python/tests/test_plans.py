"""Completing the migration through Python (AUTO-1 to AUTO-4, MAN-1 to MAN-5, EXT-7, EXT-10,
EXT-11, TASK-6, TASK-7): the automatic plan's batches, the manual plan's BAT files, groups,
loads and licenses, the status report, and writing the files. Every refusal is checked for its
class, code, number and rule."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import pickle
from pathlib import Path
from typing import Any

import pytest

import mpp_migration as mm
from refusal import refused

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
DIRECTORY = mm.Directory.from_json_file(DATA / "directory.json")
BUNDLED = mm.validate_upload(DATA / "upload.csv", "license_and_device", DIRECTORY)
MACS = ["001A2B3C4D01", "001A2B3C4D02", "001A2B3C4D03", "001A2B3C4D04", "001A2B3C4D0E"]
AUTO: dict[str, Any] = {
    "cloud_connected_uc": True, "tftp_server_type": "primary", "load_server": "tftp1.example.com",
}



def ready_board(name: str = "HQ_wave_1", report: mm.UploadReport = BUNDLED) -> mm.Board:
    """A board whose task `name` holds the devices of `report`, all ready for migration."""
    board = mm.Board()
    board.create_task(name, report.option)
    board.add_upload(name, report)
    board.set_include_unknown(name, True)
    board.start_preparation(name)
    board.refresh(name, [mm.TaskEvent.prepared(mac) for mac in board.task(name).devices.macs()])
    assert board.task(name).status == "ready_for_migration"
    return board


@pytest.fixture(scope="module")
def task() -> mm.Task:
    return ready_board().task("HQ_wave_1")


def phones(count: int, model: str = "8845") -> mm.UploadReport:
    text = "Model,MAC Address\n" + "".join(
        f"{model},{0x001A2B000000 + i:012X}\n" for i in range(count)
    )
    return mm.validate_upload(text.encode(), "license_only")


# --- automatic (AUTO-1 to AUTO-4) --------------------------------------------------------------


def test_automatic_plan_of_the_bundled_task(task: mm.Task) -> None:
    plan = mm.plan_automatic(task, **AUTO)
    assert (plan.task, plan.tftp_server_type, plan.load_server) == (
        "HQ_wave_1", "primary", "tftp1.example.com",
    )
    assert plan.batches == [MACS]
    assert plan.batch_of("00:1a:2b:3c:4d:03") == 1 and plan.batch_of("001A2B3C4DFF") is None
    # AUTO-4, DEV-8: the Wi-Fi phones (8865, 8861) must be wired.
    assert [(f.code, f.rule, f.severity) for f in plan.findings] == [
        ("wifi_settings_lost", "DEV-8", "warning"),
    ] * 2
    assert "001A2B3C4D03 (8865)" in plan.findings[0].message
    rows = list(csv.reader(io.StringIO(plan.batches_csv(), newline="")))
    assert rows[0] == ["Batch", "Device Name", "MAC Address", "Model"]
    assert rows[1] == ["1", "SEP001A2B3C4D01", "001A2B3C4D01", "8845"]
    assert len(rows) == 6
    text = plan.instructions_text()
    assert text.startswith("Automatic completion of task HQ_wave_1 (5 devices, 1 batches)")
    assert '"tftp1.example.com"' in text and "Cautions (2):" in text
    doc = json.loads(plan.to_json())
    assert doc["batches"] == [MACS] and doc["load_server"] == "tftp1.example.com"
    assert [f.name for f in plan.files()] == [
        "HQ_wave_1_auto_batches.csv", "HQ_wave_1_auto_instructions.txt", "HQ_wave_1_auto_plan.json",
    ]
    assert plan.files()[0].content == plan.batches_csv()
    assert plan == mm.plan_automatic(task, **AUTO)
    assert repr(plan) == 'AutoPlan(task="HQ_wave_1", devices=5, batches=1, findings=2)'


def test_auto1_automatic_completion_requires_cloud_connected_uc(task: mm.Task) -> None:
    refused(mm.PlanError, "cloud_connected_uc_required", "AUTO-1",
            lambda: mm.plan_automatic(task, **{**AUTO, "cloud_connected_uc": False}))


@pytest.mark.parametrize(
    ("option", "code"), [("tftp_server_type", "tftp_server_required"),
                         ("load_server", "load_server_required")]
)
def test_auto2_a_tftp_server_type_and_load_server_are_required(
    task: mm.Task, option: str, code: str
) -> None:
    for empty in ("", "   "):
        refused(mm.PlanError, code, "AUTO-2",
                lambda: mm.plan_automatic(task, **{**AUTO, option: empty}))


def test_auto3_batches_of_200() -> None:
    task = ready_board("big", phones(450)).task("big")
    plan = mm.plan_automatic(task, **AUTO)
    assert [len(b) for b in plan.batches] == [200, 200, 50] and mm.AUTO_BATCH_SIZE == 200
    assert [mac for batch in plan.batches for mac in batch] == task.devices.macs()
    assert plan.batch_of(task.devices[399].device.mac) == 2
    assert plan.batch_of(task.devices[400].device.mac) == 3
    smaller = mm.plan_automatic(task, **AUTO, batch_size=100)
    assert [len(b) for b in smaller.batches] == [100] * 4 + [50]
    for bad in (0, 201):
        err = refused(mm.InputError, "invalid_argument", "",
                      lambda: mm.plan_automatic(task, **AUTO, batch_size=bad))
        assert "AUTO-3" in err.message
    wrongs: list[Any] = [-1, "200", 2.0]
    for wrong in wrongs:
        refused(mm.InputError, "invalid_argument", "",
                lambda: mm.plan_automatic(task, **AUTO, batch_size=wrong))


def test_auto4_wired_connection_caution_only_for_wifi_phones() -> None:
    task = ready_board("wired", phones(3, "7841")).task("wired")
    assert mm.plan_automatic(task, **AUTO).findings == []


def test_plans_need_a_task_ready_for_migration() -> None:
    board = mm.Board()
    board.create_task("T", "license_and_device")
    board.add_upload("T", BUNDLED)
    draft = board.task("T")
    refused(mm.TaskError, "complete_requires_ready", "TASK-7", lambda: mm.plan_automatic(draft, **AUTO))
    refused(mm.TaskError, "complete_requires_ready", "TASK-7", mm.plan_manual, draft)
    refused(mm.InputError, "invalid_argument", "", lambda: mm.plan_automatic("T", **AUTO))  # type: ignore[arg-type]
    refused(mm.InputError, "invalid_argument", "", mm.plan_manual, board)
    refused(mm.InputError, "invalid_argument", "",
            lambda: mm.plan_automatic(draft, **{**AUTO, "cloud_connected_uc": 1}))
    refused(mm.InputError, "invalid_argument", "",
            lambda: mm.plan_automatic(draft, **{**AUTO, "load_server": None}))
    with pytest.raises(TypeError):
        mm.plan_automatic(draft)  # type: ignore[call-arg]


def test_board_completes_automatically_or_refuses_without_change() -> None:
    board = ready_board()
    refused(mm.PlanError, "cloud_connected_uc_required", "AUTO-1",
            lambda: board.complete_automatic("HQ_wave_1", **{**AUTO, "cloud_connected_uc": False}))
    assert board.task("HQ_wave_1").status == "ready_for_migration"
    plan = board.complete_automatic("HQ_wave_1", **AUTO, batch_size=2)
    assert [len(b) for b in plan.batches] == [2, 2, 1]
    task = board.task("HQ_wave_1")
    assert task.status == mm.TaskStatus.AUTO_MIGRATION_COMPLETE and task.completion == "automatic"
    assert task.tab_counts.in_progress == 5
    refused(mm.TaskError, "complete_requires_ready", "TASK-7",
            lambda: board.complete_automatic("HQ_wave_1", **AUTO))
    refused(mm.TaskError, "task_not_found", "", lambda: board.complete_automatic("nope", **AUTO))


# --- manual (MAN-1 to MAN-5, EXT-7, EXT-10, EXT-11) ----------------------------------------------


def test_man4_groups_and_loads(task: mm.Task) -> None:
    plan = mm.plan_manual(task)
    files = plan.bat_files
    # MAN-4 group 2: "each text file has one model of phones", each with its load.
    assert [(f.name, f.group, f.phone_load, f.load_server, f.devices) for f in files] == [
        ("HQ_wave_1_group1_mixed.txt", mm.BatGroup.MIXED_MODELS, None, None, MACS),
        ("HQ_wave_1_group2_7821.txt", "per_load", "sip78xx.11-3-6MPP0001-272",
         mm.CLOUD_UPGRADE_SERVER, [MACS[1]]),
        ("HQ_wave_1_group2_8861.txt", "per_load", "sip88xx.11-3-6MPP0001-272",
         "cloudupgrader.webex.com", [MACS[3]]),
        ("HQ_wave_1_group2_8845.txt", "per_load", "sip8845_65.11-3-6MPP0001-272",
         "cloudupgrader.webex.com", [MACS[0], MACS[4]]),
        ("HQ_wave_1_group2_8865.txt", "per_load", "sip8845_65.11-3-6MPP0001-272",
         "cloudupgrader.webex.com", [MACS[2]]),
    ]
    assert files[0].models == ["7821", "8845", "8861", "8865"]
    assert [f.models for f in files[1:]] == [["7821"], ["8861"], ["8845"], ["8865"]]
    assert [plan.file_of(mac) for mac in MACS] == [
        files[3].name, files[1].name, files[4].name, files[2].name, files[3].name,
    ]
    assert plan.file_of("001A2B3C4DFF") is None
    # MAN-3: the steps name the file, the transaction, and the load to set.
    assert "Update Phones - Custom File" in files[1].steps[0] and files[1].name in files[1].steps[0]
    assert files[1].steps[2] == (
        "Set Load Server to cloudupgrader.webex.com and Phone Load Name to "
        "sip78xx.11-3-6MPP0001-272."
    )
    assert "COP file" in files[0].steps[2]
    assert files[0].steps[-1] == "Check completion in Control Hub's device list (MAN-5)."
    # DEV-8 for the two Wi-Fi phones; DEC-11: their loads are unknown, said once.
    assert [(f.code, f.rule) for f in plan.findings] == [("wifi_settings_lost", "DEV-8")] * 2 + [
        ("firmware_unknown", "DEC-11")
    ]
    assert plan.findings[2].severity == "warning" and plan.findings[2].message.startswith("5 phone(s)")
    text = plan.instructions_text()
    assert text.startswith("Manual completion of task HQ_wave_1\n")
    assert "MAN-1" in text and "Group 1 (mixed models, COP file)" in text
    doc = json.loads(plan.to_json())
    assert [f["name"] for f in doc["files"]] == [f.name for f in files]
    assert "content" not in doc["files"][0] and doc["files"][1]["phone_load"].startswith("sip78xx")
    assert plan == mm.plan_manual(task) and plan.bat_files[0] == files[0]
    assert repr(plan) == 'ManualPlan(task="HQ_wave_1", bat_files=5, licenses=5, findings=3)'


def test_man4_ext10_a_load_of_another_series_is_refused() -> None:
    err = refused(
        mm.PlanError, "phone_load_table_invalid", "EXT-10",
        mm.PhoneLoadTable.from_csv, "model,phone_load,source\n7821,sip8845_65.12-0-7MPP0201-66,host\n",
    )
    assert (err.row, err.column) == (2, "phone_load") and "takes sip78xx loads" in err.message
    err = refused(
        mm.PlanError, "phone_load_table_invalid", "EXT-10",
        mm.PhoneLoadTable.from_csv, "model,phone_load,source\n8845,sip8845_8865.12-0-7MPP0201-66,host\n",
    )
    assert "no load family" in err.message


def test_ext15_load_names_as_phones_and_tftp_report_them() -> None:
    tftp = mm.FirmwareVersion("sip8845_65.14-1-1-0001-125.loads")
    assert (str(tftp), tftp.load_family) == ("14.1(1)", "sip8845_65")
    msr = mm.FirmwareVersion("sip88xx.11-2-3MSR1-1")
    assert (msr.kind, msr.service_release) == ("mpp", 1)
    with pytest.raises(mm.MigrationError) as info:
        mm.FirmwareVersion("cmterm-78xx.14-1-1-0001-136.cop.sgn")
    assert (info.value.code, info.value.suggestion) == ("firmware_version_invalid", "sip78xx.14-1-1-0001-136")


def test_dec11_the_firmware_floor_in_the_manual_plan() -> None:
    # A phone on 12.8 takes the COP-file path only: it is in the Group 1 file only.
    board = mm.Board()
    board.create_task("Fw", option="license_only")
    devices = [
        mm.Device("001A2B3C4D71", "Cisco 8845", firmware="sip8845_65.12-8-1-0001-455"),
        mm.Device("001A2B3C4D72", "Cisco 8845", firmware="sip8845_65.14-1-1-0001-125.loads"),
        mm.Device("001A2B3C4D73", "Cisco 8845", firmware="sip8845_65.11-0-1-0001-1"),
    ]
    # DEC-11: below 12.5(1) the phone is not eligible, so it is never prepared.
    assert [mm.check_eligibility(d.model, firmware=d.firmware).status for d in devices] == [
        "eligible", "eligible", "not_eligible"
    ]
    devices = devices[:2]
    board.add_devices("Fw", devices)
    board.start_preparation("Fw")
    board.refresh("Fw", [mm.TaskEvent.prepared(d.mac) for d in devices])
    plan = mm.plan_manual(board.task("Fw"))
    assert [(f.name, f.devices) for f in plan.bat_files] == [
        ("Fw_group1_mixed.txt", ["001A2B3C4D71", "001A2B3C4D72"]),
        ("Fw_group2_8845.txt", ["001A2B3C4D72"]),
    ]
    (cop,) = [f for f in plan.findings if f.code == "firmware_needs_cop"]
    assert "Group 1 file only" in cop.message and "001A2B3C4D71" in cop.message


def test_ext11_bat_file_content(task: mm.Task) -> None:
    for bat in mm.plan_manual(task).bat_files:
        content = bat.content
        assert content == "\r\n".join(f"SEP{mac}" for mac in bat.devices)
        assert not content.endswith("\n") and "\r\n\r\n" not in content
        assert not content.startswith("\ufeff")
        content.encode("ascii")


def test_man2_ext11_file_names() -> None:
    for ok in ("a.txt", "HQ-1_sip8845_65.txt", "README", "x_y-z.csv"):
        mm.check_bat_file_name(ok)
    for bad, code, rule in [
        ("", "file_name_invalid", "MAN-2"),
        (".hidden", "file_name_invalid", "MAN-2"),
        ("a.b.txt", "file_name_invalid", "MAN-2"),
        ("a b.txt", "file_name_invalid", "MAN-2"),
        ("../x.txt", "file_name_invalid", "MAN-2"),
        ("é.txt", "file_name_invalid", "MAN-2"),
        ("HQ,1.txt", "file_name_comma", "EXT-11"),
    ]:
        err = refused(mm.PlanError, code, rule, mm.check_bat_file_name, bad)
        assert err.suggestion is not None
        mm.check_bat_file_name(err.suggestion)
    refused(mm.InputError, "invalid_argument", "", mm.check_bat_file_name, None)


def test_man2_ext11_file_prefix(task: mm.Task) -> None:
    plan = mm.plan_manual(task, file_prefix="wave-1")
    assert [f.name for f in plan.bat_files][:2] == ["wave-1_group1_mixed.txt", "wave-1_group2_7821.txt"]
    for f in plan.bat_files:
        mm.check_bat_file_name(f.name)
    refused(mm.PlanError, "file_name_comma", "EXT-11", lambda: mm.plan_manual(task, file_prefix="HQ,1"))
    refused(mm.PlanError, "file_name_invalid", "MAN-2", lambda: mm.plan_manual(task, file_prefix="v1.2"))
    refused(mm.PlanError, "file_name_invalid", "MAN-2", lambda: mm.plan_manual(task, file_prefix=".x"))
    refused(mm.InputError, "invalid_argument", "", lambda: mm.plan_manual(task, file_prefix=1))  # type: ignore[arg-type]
    # A task name with a dot makes safe default names.
    dotted = ready_board("v1.2", phones(2)).task("v1.2")
    names = [f.name for f in mm.plan_manual(dotted).bat_files]
    assert names == ["v1_2_group1_mixed.txt", "v1_2_group2_8845.txt"]


def test_ext10_a_host_phone_load_table() -> None:
    loads = mm.PhoneLoadTable.from_csv(
        "model,phone_load,source\n7821,sip78xx.12-0-7MPP0501-123,EXT-10\n", name="host"
    )
    assert (loads.name, len(loads)) == ("host", 1)
    (row,) = loads.rows
    assert (row.model.name, row.load_name, row.source) == ("7821", "sip78xx.12-0-7MPP0501-123", "EXT-10")
    assert row.load == mm.FirmwareVersion("sip78xx.12-0-7MPP0501-123") and row.load.major == 12
    task = ready_board().task("HQ_wave_1")
    plan = mm.plan_manual(task, loads=loads)
    assert [(f.name, f.phone_load) for f in plan.bat_files] == [
        ("HQ_wave_1_group1_mixed.txt", None),
        ("HQ_wave_1_group2_7821.txt", "sip78xx.12-0-7MPP0501-123"),
    ]
    # MAN-4: models the table has no load for stay in the Group 1 file only, with a caution.
    no_load = [f for f in plan.findings if f.code == "no_phone_load"]
    assert [f.rule for f in no_load] == ["MAN-4"] * 4
    assert "8845" in no_load[0].message and '"host"' in no_load[0].message
    assert plan.file_of(MACS[0]) == "HQ_wave_1_group1_mixed.txt"
    assert mm.PhoneLoadTable.from_csv(loads.to_csv().encode(), name="host") == loads
    # Issue 14: a source with a comma, a quote or a formula round-trips, neutralised on the way.
    odd = mm.PhoneLoadTable.from_csv(
        'model,phone_load,source\n7821,sip78xx.12-0-7MPP0501-123,"=HYPERLINK(""x""), site ""A"""\n'
    )
    assert odd.rows[0].source == '=HYPERLINK("x"), site "A"'
    assert ",\"'=HYPERLINK" in odd.to_csv()
    assert mm.PhoneLoadTable.from_csv(odd.to_csv()) == odd
    refused(mm.InputError, "invalid_argument", "", lambda: mm.plan_manual(task, loads="man_4"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("body", "row", "column", "mentions"),
    [
        ("7821,sip78xx.14-1-1-0001-136,x\n", 2, "phone_load", "not an MPP load name"),
        ("8841,sip88xx.11-0-1MPP0001-1,x\n", 2, "phone_load", "DEV-3"),
        ("6851,sip68xx.11-3-6MPP0001-272,x\n", 2, "model", "DEV-4"),
        ("7821,sip78xx.11-3-6MPP0001-272,x\n7821,sip78xx.11-3-6MPP0001-272,x\n", 3, "model",
         "two rows"),
        ("9999,sip78xx.11-3-6MPP0001-272,x\n", 2, "model", "9999"),
        ("7821,sip78xx.11-3-6MPP0001-272,\n", 2, "source", "source"),
    ],
)
def test_ext10_invalid_host_tables_are_refused_with_their_place(
    body: str, row: int, column: str, mentions: str
) -> None:
    err = refused(mm.PlanError, "phone_load_table_invalid", "EXT-10", mm.PhoneLoadTable.from_csv,
                  "model,phone_load,source\n" + body)
    assert (err.row, err.column) == (row, column)
    assert mentions in err.message


def test_man4_default_table() -> None:
    table = mm.PhoneLoadTable.man_4()
    assert (table.name, len(table)) == ("man_4", 15)

    def load(model: Any) -> str:
        row = table.load_for(model)
        assert row is not None, model
        return row.load_name

    assert load("7832") == "sip7832.11-3-6MPP0001-272"
    assert load("CP-7811-K9=") == "sip78xx.11-3-6MPP0001-272"
    assert load("Cisco 8832") == "sip8832.11-3-6MPP0001-272"
    assert load(mm.parse_model("8865")) == "sip8845_65.11-3-6MPP0001-272"
    assert load("8861") == "sip88xx.11-3-6MPP0001-272"
    assert table.load_for("8821") is None
    refused(mm.IdentifierError, "model_unknown", "CSV-8", table.load_for, "9999")
    assert mm.PhoneLoadTable.from_csv(table.to_csv(), name="man_4") == table
    assert pickle.loads(pickle.dumps(table)) == table and copy.deepcopy(table) == table
    refused(mm.PlanError, "phone_load_table_invalid", "EXT-10", mm.PhoneLoadTable.from_csv, "a,b\n")
    refused(mm.InputError, "invalid_argument", "", mm.PhoneLoadTable.from_csv, 1)
    assert repr(table) == 'PhoneLoadTable(name="man_4", rows=15)'


def test_ext7_licenses(task: mm.Task) -> None:
    plan = mm.plan_manual(task)
    assert [lic.mac for lic in plan.licenses] == MACS
    for lic in plan.licenses:
        assert lic.file_name == f"{lic.mac}.lic" == mm.license_file_name(lic.mac)
        assert lic.url == f"https://cloudupgrader.webex.com/licenses/e2m/{lic.mac}.lic"
        assert lic.url == mm.license_url(lic.mac)
    assert plan.licenses[0] == mm.plan_manual(task).licenses[0]
    assert len(set(plan.licenses)) == 5
    rows = list(csv.reader(io.StringIO(plan.licenses_csv(), newline="")))
    assert rows[0] == ["MAC Address", "License File", "URL"]
    assert rows[1] == [MACS[0], f"{MACS[0]}.lic", mm.license_url(MACS[0])]
    assert [f.name for f in plan.files()][-3:] == [
        "HQ_wave_1_manual_instructions.txt", "HQ_wave_1_manual_plan.json", "HQ_wave_1_licenses.csv",
    ]


def test_board_completes_manually() -> None:
    board = ready_board()
    refused(mm.PlanError, "file_name_comma", "EXT-11",
            lambda: board.complete_manual("HQ_wave_1", file_prefix="a,b"))
    assert board.task("HQ_wave_1").status == "ready_for_migration"
    plan = board.complete_manual("HQ_wave_1", loads=mm.PhoneLoadTable.man_4())
    assert len(plan.bat_files) == 5
    assert board.task("HQ_wave_1").status == mm.TaskStatus.MANUAL_MIGRATION


# --- the status report (TASK-6) -----------------------------------------------------------------


def test_status_report(task: mm.Task) -> None:
    def read(text: str) -> list[dict[str, str]]:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert [r["MAC Address"] for r in rows] == MACS
        return rows

    header = next(csv.reader(io.StringIO(mm.status_report_csv(task))))
    assert tuple(header) == mm.STATUS_REPORT_COLUMNS
    plain = read(mm.status_report_csv(task))
    assert plain[2]["Device Name"] == "SEP001A2B3C4D03" and plain[2]["Model"] == "Cisco 8865"
    assert (plain[2]["Tab"], plain[2]["Eligibility"], plain[2]["Batch"], plain[2]["BAT File"]) == (
        "ready_for_migration", "eligible", "", "",
    )
    assert plain[4]["Username"] == "Smith, Barney"
    auto = read(mm.status_report_csv(task, mm.plan_automatic(task, **AUTO, batch_size=2)))
    assert [r["Batch"] for r in auto] == ["1", "1", "2", "2", "3"]
    manual = read(mm.status_report_csv(task, mm.plan_manual(task)))
    assert manual[1]["BAT File"] == "HQ_wave_1_group2_7821.txt"
    refused(mm.InputError, "invalid_argument", "", mm.status_report_csv, task, "auto")
    refused(mm.InputError, "invalid_argument", "", mm.status_report_csv, "HQ_wave_1")


def test_status_report_shows_errors_and_neutralises_formulas() -> None:
    board = mm.Board()
    board.create_task("T", "license_only")
    board.add_upload("T", phones(2))
    board.start_preparation("T")
    macs = board.task("T").devices.macs()
    board.report_preparation_failed("T", macs[0], "=cmd|' /C calc'!A0")
    rows = list(csv.DictReader(io.StringIO(mm.status_report_csv(board.task("T")), newline="")))
    assert rows[0]["Tab"] == "error" and rows[0]["Last Error"] == "'=cmd|' /C calc'!A0"
    assert rows[1]["Tab"] == "pending" and rows[1]["Last Error"] == ""


# --- writing the files --------------------------------------------------------------------------


def test_write_files(tmp_path: Path, task: mm.Task) -> None:
    out = tmp_path / "new" / "out"
    files = [mm.OutputFile("a.txt", "A é"), *mm.plan_manual(task).files()]
    paths = mm.write_files(out, files)
    assert paths == [out / f.name for f in files]
    assert all(isinstance(p, Path) for p in paths)
    for f, p in zip(files, paths):
        assert p.read_bytes() == f.content.encode("utf-8")
    assert sorted(os.listdir(out)) == sorted(f.name for f in files)
    # Unasked, nothing is overwritten, and nothing of the call is written.
    err = refused(mm.PlanError, "output_exists", "",
                  lambda: mm.write_files(str(out), [mm.OutputFile("b.txt", "B"),
                                                    mm.OutputFile("a.txt", "A2")]))
    assert "a.txt" in err.message
    assert not (out / "b.txt").exists() and (out / "a.txt").read_text(encoding="utf-8") == "A é"
    assert mm.write_files(out, [mm.OutputFile("a.txt", "A2")], overwrite=True) == [out / "a.txt"]
    assert (out / "a.txt").read_text(encoding="utf-8") == "A2"
    assert not [n for n in os.listdir(out) if n.endswith(".partial")]


@pytest.mark.parametrize("name", ["../x.txt", "sub/x.txt", "", "..", ".", "/etc/passwd", "a\\b"])
def test_write_files_refuses_paths_that_escape(tmp_path: Path, name: str) -> None:
    refused(mm.PlanError, "output_path_invalid", "",
            lambda: mm.write_files(tmp_path, [mm.OutputFile("ok.txt", "x"), mm.OutputFile(name, "x")],
                                   overwrite=True))
    assert os.listdir(tmp_path) == []


def test_plans_write_their_files(tmp_path: Path, task: mm.Task) -> None:
    auto = mm.plan_automatic(task, **AUTO)
    manual = mm.plan_manual(task)
    written = auto.write(tmp_path) + manual.write(str(tmp_path))
    assert [p.name for p in written] == [f.name for f in auto.files() + manual.files()]
    assert (tmp_path / "HQ_wave_1_group2_7821.txt").read_text() == "SEP001A2B3C4D02"
    refused(mm.PlanError, "output_exists", "", auto.write, tmp_path)
    assert auto.write(tmp_path, overwrite=True) == written[:3]


def test_output_files_are_values() -> None:
    f = mm.OutputFile("a.txt", "A")
    assert (f.name, f.content) == ("a.txt", "A")
    assert f == mm.OutputFile("a.txt", "A") and hash(f) == hash(mm.OutputFile("a.txt", "A"))
    assert f != mm.OutputFile("a.txt", "B")
    assert pickle.loads(pickle.dumps(f)) == f and copy.deepcopy(f) == f
    assert repr(f) == 'OutputFile(name="a.txt", content=<1 bytes>)'
    with pytest.raises(AttributeError):
        setattr(f, "name", "b.txt")
    refused(mm.InputError, "invalid_argument", "", mm.OutputFile, "a.txt", b"A")
    refused(mm.InputError, "invalid_argument", "", mm.write_files, 1, [f])
    refused(mm.InputError, "invalid_argument", "", mm.write_files, "out", f)
    refused(mm.InputError, "invalid_argument", "", mm.write_files, "out", [("a.txt", "A")])
    refused(mm.InputError, "invalid_argument", "", lambda: mm.write_files("out", [f], overwrite=1))  # type: ignore[arg-type]
