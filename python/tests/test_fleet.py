"""Fleet planning through Python (ELIG-3, TASK-1, TASK-3, DEV-6): `plan_fleet` splits any number
of devices into tasks of at most 1000 with valid unique names, grouped or not, the same way for
the same input; `Board.add_fleet_plan` and `Board.add_tasks` take the tasks all or none."""

from __future__ import annotations

from typing import Any

import pytest
from fleet import fleet_upload_csv

import mpp_migration as mm
from refusal import refused



def phones(count: int, model: str = "8845", first: int = 0) -> mm.UploadReport:
    text = "Model,MAC Address\n" + "".join(
        f"{model},{0x001A2B000000 + first + i:012X}\n" for i in range(count)
    )
    report = mm.validate_upload(text.encode(), "license_only")
    assert report.added == count
    return report


FLEET = mm.validate_upload(fleet_upload_csv(5000, 42), "license_and_device")


def sizes(plan: mm.FleetPlan) -> list[int]:
    return [len(t.devices) for t in plan.tasks]


def names(plan: mm.FleetPlan) -> list[str]:
    return [t.name for t in plan.tasks]


def test_elig3_tasks_of_at_most_1000() -> None:
    report = phones(2500)
    plan = mm.plan_fleet(report.devices, "hq", option="license_only")
    assert sizes(plan) == [1000, 1000, 500]
    assert names(plan) == ["hq-001", "hq-002", "hq-003"]
    assert plan.findings == []
    assert repr(plan) == "FleetPlan(tasks=3, devices=2500, findings=0)"
    # Every task is in Draft, of the option, its devices checked for eligibility, in order.
    for task in plan.tasks:
        assert task.status == "draft" and task.option == "license_only"
        assert task.eligibility_counts.eligible == len(task.devices)
    macs = [mac for task in plan.tasks for mac in task.devices.macs()]
    assert macs == [d.mac for d in report.devices]


@pytest.mark.parametrize(
    ("count", "max_devices", "expected"),
    [
        (1, 1000, [1]),
        (1000, 1000, [1000]),
        (1001, 1000, [1000, 1]),
        (2500, 400, [400] * 6 + [100]),
        (7, 1, [1] * 7),
    ],
)
def test_sizes_follow_max_devices(count: int, max_devices: int, expected: list[int]) -> None:
    plan = mm.plan_fleet(phones(count).devices, "f", option="license_only", max_devices=max_devices)
    assert sizes(plan) == expected
    width = max(3, len(str(len(expected))))
    assert names(plan) == [f"f-{n:0{width}}" for n in range(1, len(expected) + 1)]


def test_no_devices_no_tasks() -> None:
    plan = mm.plan_fleet([], "empty", option="license_only")
    assert plan.tasks == [] and plan.findings == []


def test_task1_names_are_valid_and_unique() -> None:
    plan = mm.plan_fleet(phones(3).devices, "HQ phones, floor 2", option="license_only",
                         max_devices=2)
    assert names(plan) == ["HQ_phones_floor_2-001", "HQ_phones_floor_2-002"]
    plan = mm.plan_fleet(phones(1).devices, "   ", option="license_only")
    assert names(plan) == ["task-001"]


def test_grouped_by_location() -> None:
    plan = mm.plan_fleet(FLEET.devices, "fleet", option="license_and_device", group_by="location")
    by_name = {t.name: t for t in plan.tasks}
    assert names(plan) == sorted(names(plan), key=lambda n: (n.rsplit("-", 1)[0], n))
    assert all(1 <= n <= 1000 for n in sizes(plan))
    assert sum(sizes(plan)) == FLEET.added
    for task in plan.tasks:
        locations = {d.device.location for d in task.devices}
        assert len(locations) == 1
        (location,) = locations
        assert task.name.startswith(f"fleet-{(location or '').replace(' ', '_')}-")
    assert "fleet-Site_0-001" in by_name
    # Grouped by location, devices without one (license only) form one group.
    plan = mm.plan_fleet(phones(3).devices, "f", option="license_only",
                         group_by=mm.FleetGrouping.LOCATION)
    assert names(plan) == ["f-no-location-001"]


def test_grouped_by_model() -> None:
    plan = mm.plan_fleet(FLEET.devices, "fleet", option="license_and_device", group_by="model")
    models = {t.name: {d.device.model.name for d in t.devices} for t in plan.tasks}
    assert all(len(m) == 1 for m in models.values())
    assert all(name.startswith(f"fleet-{next(iter(m))}-") for name, m in models.items())
    assert sum(sizes(plan)) == FLEET.added
    assert names(plan)[0] == "fleet-7811-001"


def test_the_same_devices_give_the_same_plan() -> None:
    for group_by in mm.FleetGrouping:
        a = mm.plan_fleet(FLEET.devices, "fleet", option="license_and_device", group_by=group_by)
        b = mm.plan_fleet(list(FLEET.devices), "fleet", option="license_and_device",
                          group_by=group_by.value)
        assert a == b and a.tasks == b.tasks and names(a) == names(b)
        assert [t.device_list_csv() for t in a.tasks] == [t.device_list_csv() for t in b.tasks]


def test_devices_that_cannot_be_planned_are_findings() -> None:
    report = phones(3)
    devices = [*report.devices, report.devices[0]]
    plan = mm.plan_fleet(devices, "f", option="license_only")
    assert sizes(plan) == [3]
    assert [(f.code, f.rule, f.row, f.column) for f in plan.findings] == [
        ("device_already_in_task", "DEV-6", 2, "MAC Address"),
    ]
    # TASK-3: license-and-device devices do not fit a license-only task, and back.
    plan = mm.plan_fleet(FLEET.devices[:2], "f", option="license_only")
    assert plan.tasks == []
    assert [(f.code, f.rule) for f in plan.findings] == [("task_option_mismatch", "TASK-3")] * 2


def test_the_eligibility_table_is_used() -> None:
    nr = mm.validate_upload(b"Model,MAC Address\n8865NR,001A2B3C0001\n", "license_only",
                            eligibility="cisco_ordering_guide")
    default = mm.plan_fleet(nr.devices, "f", option="license_only")
    assert default.tasks[0].devices[0].eligibility == "not_eligible"
    guide = mm.plan_fleet(nr.devices, "f", option="license_only", eligibility="cisco_ordering_guide")
    assert guide.tasks[0].devices[0].eligibility == "eligible"


def test_bad_arguments_are_input_errors() -> None:
    devices = phones(2).devices
    for bad in (0, 1001):
        err = refused(mm.InputError, "invalid_argument", "",
                      lambda: mm.plan_fleet(devices, "f", option="license_only", max_devices=bad))
        assert "ELIG-3" in err.message
    wrongs: list[Any] = [-1, "10", 10.0, True]
    for wrong in wrongs:
        refused(mm.InputError, "invalid_argument", "",
                lambda: mm.plan_fleet(devices, "f", option="license_only", max_devices=wrong))
    refused(mm.InputError, "invalid_argument", "",
            lambda: mm.plan_fleet(devices, "f", option="license_only", group_by="floor"))
    refused(mm.InputError, "invalid_argument", "",
            lambda: mm.plan_fleet(devices, "f", option="both"))
    refused(mm.InputError, "invalid_argument", "",
            lambda: mm.plan_fleet(devices, 1, option="license_only"))  # type: ignore[arg-type]
    refused(mm.InputError, "invalid_argument", "",
            lambda: mm.plan_fleet(devices[0], "f", option="license_only"))  # type: ignore[arg-type]
    refused(mm.InputError, "invalid_argument", "",
            lambda: mm.plan_fleet(["001A2B3C0001"], "f", option="license_only"))  # type: ignore[list-item]
    with pytest.raises(TypeError):
        mm.plan_fleet(devices, "f", "license_only")  # type: ignore[call-arg]


# --- onto a board ---------------------------------------------------------------------------------


def test_a_fleet_plan_goes_onto_a_board_all_or_none() -> None:
    report = phones(2500)
    plan = mm.plan_fleet(report.devices, "fleet", option="license_only")
    board = mm.Board()
    board.create_task("fleet-003", "license_only")
    refused(mm.TaskError, "task_name_taken", "TASK-1", board.add_fleet_plan, plan)
    assert board.task_names == ["fleet-003"]
    board.remove_task("fleet-003")
    board.add_fleet_plan(plan)
    assert board.task_names == ["fleet-001", "fleet-002", "fleet-003"]
    assert board.tasks == plan.tasks
    owner = board.task_of(report.devices[1500].mac)
    assert owner is not None and owner.name == "fleet-002"
    # The same devices again would be in two tasks (DEV-6): refused whole.
    again = mm.plan_fleet(report.devices, "again", option="license_only")
    err = refused(mm.TaskError, "document_invalid", "", board.add_tasks, again.tasks)
    assert "DEV-6" in err.message
    assert len(board) == 3
    # Tasks one by one.
    board.add_tasks(mm.plan_fleet(phones(5, first=10000).devices, "more",
                                  option="license_only").tasks)
    assert board.task_names[-1] == "more-001"
    assert board.start_preparation("fleet-001") == "in_progress"
    refused(mm.InputError, "invalid_argument", "", board.add_fleet_plan, plan.tasks)
    refused(mm.InputError, "invalid_argument", "", board.add_tasks, plan.tasks[0])
    refused(mm.InputError, "invalid_argument", "", board.add_tasks, ["fleet-009"])


def test_a_big_fleet_plans_in_one_call() -> None:
    big = mm.validate_upload(fleet_upload_csv(30000, 7), "license_and_device")
    plan = mm.plan_fleet(big.devices, "big", option="license_and_device")
    assert sizes(plan)[:-1] == [1000] * (len(plan.tasks) - 1)
    assert sum(sizes(plan)) == big.added
    board = mm.Board()
    board.add_fleet_plan(plan)
    assert mm.Board.from_json(board.to_json()) == board
