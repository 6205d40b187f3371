"""Devices from a host's inventory: Device(mac, model, ...) reads every value with the core's
rules, and feeds TASK-8's default task, eligibility and the plans' firmware cautions."""

from __future__ import annotations

import pytest

import mpp_migration as mm


def test_a_device_from_text_reads_every_value() -> None:
    d = mm.Device("00:1a:2b:3c:4d:5e", "CP-7821-K9=V03", firmware="sip78xx.12-8-1-0001-455")
    assert (d.mac, d.device_name, d.model.name) == ("001A2B3C4D5E", "SEP001A2B3C4D5E", "7821")
    assert d.hardware_version == mm.HardwareVersion("V03")
    assert d.firmware == mm.FirmwareVersion("12.8(1)")
    assert (d.row, d.type, d.username, d.location, d.call_plan) == (None, None, None, None, False)
    assert mm.Device("001A2B3C4D5E", mm.parse_model("8845"), hardware_version=mm.HardwareVersion("v15")).hardware_version == mm.HardwareVersion("V15")


@pytest.mark.parametrize(
    ("args", "kwargs", "code"),
    [
        (("00-1A-2B-3C-4D-5E", "8845"), {}, "mac_wrong_separator"),
        (("001A2B3C4D5E", "9999"), {}, "model_unknown"),
        (("001A2B3C4D5E", "8845"), {"hardware_version": "W3"}, "hardware_version_invalid"),
        (("001A2B3C4D5E", "8845"), {"firmware": "new"}, "firmware_version_invalid"),
        (("001A2B3C4D5E", "CP-7821-K9=V03"), {"hardware_version": "V04"}, "invalid_argument"),
        ((12, "8845"), {}, "invalid_argument"),
    ],
)
def test_a_device_refuses_what_it_cannot_read(args: tuple[object, ...], kwargs: dict[str, object], code: str) -> None:
    with pytest.raises(mm.MigrationError) as raised:
        mm.Device(*args, **kwargs)  # type: ignore[arg-type]
    assert raised.value.code == code


def test_task8_the_default_task_from_an_inventory() -> None:
    inventory = [mm.Device(f"001A2B3C4D{i:02X}", model) for i, model in enumerate(["8845", "8821", "7821", "6851"])]
    board = mm.Board()
    outcome = board.create_default_task("default", "license_only", inventory)
    # The 6851 runs MPP only: no enterprise phone, so in no task (DEV-4, TASK-8).
    assert (outcome.added, [f.code for f in outcome.findings]) == (3, ["model_mpp_only"])
    task = board.task("default")
    assert task.status == "ready_with_errors"
    tabs = {d.device.model.name: d.tab for d in task.devices}
    assert tabs == {"8845": "ready_for_migration", "8821": "error", "7821": "error"}
    # Inventory devices have no user or workspace: they do not fit a license-and-device task (TASK-3).
    board.create_task("ld", "license_and_device")
    refused = board.add_devices("ld", [mm.Device("001A2B3C4DFF", "8845")])
    assert (refused.added, [f.code for f in refused.findings]) == (0, ["task_option_mismatch"])


def test_plans_see_the_firmware_of_inventory_devices() -> None:
    board = mm.Board()
    board.create_task("t", "license_only")
    board.add_devices("t", [mm.Device("001A2B3C4D5E", "8845", firmware="12.8(1)")])
    board.start_preparation("t")
    board.report_prepared("t", "001A2B3C4D5E")
    plan = mm.plan_manual(board.task("t"))
    assert [f.code for f in plan.findings] == ["firmware_needs_cop"]
