"""From a Unified CM cluster to the files an administrator uploads, with mpp_migration.

Reads the bundled BAT export (``ucm/phones-all-details.csv``) with the host's VID and RIS load
lists, prints the eligibility by status and reason, generates the Control Hub uploads from the
host's mapping (one task per Webex location, validated against ``directory.json``), puts each
on a board as a task, prepares it as Control Hub would report, and plans its manual
completion. With an output directory, every file is written there and the board is saved as
``board.json`` (for ``mpp-migration plan``). The Rust and C twins: ``examples/rust/inventory.rs``
and ``examples/c/inventory.c``.

Run: ``python examples/python/inventory.py [examples/data [out]]``
"""

from __future__ import annotations

import sys
from pathlib import Path

import mpp_migration as mm


def main(data: Path, out: Path | None) -> None:
    ucm = data / "ucm"
    inventory = mm.read_inventory(
        ucm / "phones-all-details.csv", vids=ucm / "vids.csv", loads=ucm / "ris-loads.csv"
    )
    counts = inventory.counts
    print(f"Unified CM export: {counts['rows']} rows")
    for status in ("eligible", "not_eligible", "unknown", "not_migratable", "refused"):
        print(f"  {status:<15} {counts[status]}")
    for status, code, n in inventory.reason_counts():
        print(f"  {status:<15} {code:<32} {n}")

    directory = mm.Directory.from_json_file(data / "directory.json")
    mapping = mm.Mapping.from_json_file(ucm / "mapping.json")
    prepared = mm.prepare_uploads(
        inventory,
        mapping,
        option="license_and_device",
        prefix="ucm",
        group_by="location",
        directory=directory,
    )
    placed = sum(u.report.added for u in prepared.uploads)
    print(
        f"Uploads: {placed} phones in {len(prepared)} file(s); "
        f"{len(prepared.findings)} finding(s) on the export's rows"
    )
    files = prepared.files()

    board = mm.Board(directory=directory)
    for upload in prepared.uploads:
        name = upload.task_name
        board.create_task(name, "license_and_device")
        board.add_upload(name, upload.report)
        board.set_include_unknown(name, True)
        board.start_preparation(name)
        pending = [d.device.mac for d in board.task(name).devices if d.tab == mm.DeviceTab.PENDING]
        status = board.refresh(name, [mm.TaskEvent.prepared(mac) for mac in pending])
        task = board.task(name)
        plan = mm.plan_manual(task)
        tabs = task.tab_counts
        print(
            f"  {name}.csv: {upload.report.added} devices, {status.label} "
            f"({tabs.ready} ready, {tabs.error} in error), {len(plan.bat_files)} BAT file(s)"
        )
        files.extend(plan.files())
    files.append(mm.OutputFile("inventory.csv", inventory.to_csv()))
    if out is not None:
        files.append(mm.OutputFile("board.json", board.to_json()))
        written = mm.write_files(out, files, overwrite=True)
        print(f"{len(written)} files written")


if __name__ == "__main__":
    main(
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "data",
        Path(sys.argv[2]) if len(sys.argv) > 2 else None,
    )
