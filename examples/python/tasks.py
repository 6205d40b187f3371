"""Migration tasks with mpp_migration: a board, events, search, fleet planning and both plans.

1. A board checked against the bundled organisation; a task from the bundled upload.
2. Preparation as a host reports it: one device fails, is fixed, moves back to Ready.
3. The device list searched (ELIG-4) and filtered by eligibility.
4. A fleet of 2,500 phones planned into tasks of at most 1000 (ELIG-3), by location.
5. Both ways of completing the first task: automatic batches and manual BAT files.

Run: ``python examples/python/tasks.py [examples/data]``
"""

from __future__ import annotations

import sys
from pathlib import Path

import mpp_migration as mm


def show(task: mm.Task) -> None:
    """One line per task: name, status, tabs."""
    tabs = task.tab_counts
    print(
        f"  {task.name}: {task.status.label} (pending {tabs.pending}, ready {tabs.ready}, "
        f"error {tabs.error}, in progress {tabs.in_progress}, completed {tabs.completed})"
    )


def fleet_devices(count: int) -> list[mm.Device]:
    """``count`` phones over two sites, as a *license and device* upload gives them."""
    rows = ["Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan"]
    for i in range(count):
        model = ("8845", "7841", "8861")[i % 3]
        rows.append(f"USER,user{i}@example.com,,,IP,{model},{0xA00000000000 + i:012X},Site {i % 2},")
    report = mm.validate_upload("\n".join(rows).encode(), "license_and_device")
    return list(report.devices)


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "data"
    directory = mm.Directory.from_json_file(data / "directory.json")

    # 1. A board, and a task from the upload's accepted rows (TASK-1, TASK-3, CSV-14).
    board = mm.Board(directory=directory)
    report = mm.validate_upload(data / "upload.csv", "license_and_device", directory)
    name = board.suggest_task_name("HQ floor 2")
    board.create_task(name, "license_and_device")
    added = board.add_upload(name, report)
    print(f"Task {name}: {added.added} devices added, upload counts {board.task(name).upload_counts}")
    try:
        board.create_task(name, "license_and_device")
    except mm.TaskError as err:
        print(f"  a second {name}: {err.code} ({err.rule}); try {err.suggestion}")

    # 2. Preparation (ELIG-2, TASK-4, TASK-5): the host reports what Control Hub did.
    print(f"Include unknown -> {board.set_include_unknown(name, True).label}")
    print(f"Prepare -> {board.start_preparation(name).label}")
    macs = board.task(name).devices.macs()
    board.report_preparation_failed(name, macs[0], "license generation timed out")
    status = board.refresh(name, [mm.TaskEvent.prepared(mac) for mac in macs[1:]])
    print(f"Reported: {status.label}")
    show(board.task(name))
    print(f"Move {macs[0]} back -> {board.move_to_ready(name, [macs[0]]).label}")

    # 3. Search and filter the device list (ELIG-4).
    task = board.task(name)
    for query, eligibility in (("4d:03", None), ("cisco 88", None), ("", "unknown")):
        found = task.search(query, eligibility)
        shown = ", ".join(f"{d.device.mac} ({d.device.model.name})" for d in found)
        print(f"Search {query!r} {eligibility or 'all'}: {len(found)} -> {shown}")

    # 4. A fleet beyond 1000 devices a task (ELIG-3), grouped by location.
    plan = mm.plan_fleet(fleet_devices(2500), "fleet", option="license_and_device", group_by="location")
    print(f"Fleet: {len(plan.tasks)} tasks, {len(plan.findings)} devices left out")
    for fleet_task in plan.tasks:
        print(f"  {fleet_task.name}: {len(fleet_task.devices)} devices")
    board.add_fleet_plan(plan)
    print(f"Board: {len(board)} tasks")

    # 5. Both ways of completing the first task (AUTO-1 to AUTO-4, MAN-1 to MAN-5).
    task = board.task(name)
    auto = mm.plan_automatic(
        task, cloud_connected_uc=True, tftp_server_type="primary", load_server="tftp1.example.com"
    )
    print(f"Automatic: batches {[len(b) for b in auto.batches]}, {len(auto.findings)} caution(s)")
    manual = mm.plan_manual(task)
    for bat in manual.bat_files:
        print(f"  {bat.name}: {len(bat.devices)} phone(s), {bat.phone_load or 'COP file'}")
    print(f"Complete manually -> {board.complete(name, 'manual').label}")
    status = board.refresh(name, [mm.TaskEvent.migrated(mac) for mac in macs])
    print(f"Migrated: {status.label}")
    show(board.task(name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
