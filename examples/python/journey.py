"""The main job, end to end, on the bundled data, with mpp_migration.

Validate the administrator's upload against the organisation, build a task from it, check
eligibility, prepare it, plan both ways of completing the migration, write every artefact, and
print what to do next. The Rust (``examples/rust/journey.rs``) and C (``examples/c/journey.c``)
twins print the same summary: stdout equals ``examples/data/journey.expected`` byte for byte.

Run: ``python examples/python/journey.py [examples/data [out]]``; without ``out`` the files go
to a temporary directory that is removed at exit.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import mpp_migration as mm


def problems_by_rule(report: mm.UploadReport) -> list[tuple[mm.Finding, list[int]]]:
    """Each problem once, in the order it first appears, with every row that has it."""
    groups: dict[str, tuple[mm.Finding, list[int]]] = {}
    for finding in report.findings:
        groups.setdefault(finding.code, (finding, []))[1].append(finding.row or 0)
    return list(groups.values())


def journey(data: Path, out: Path) -> None:
    """Runs the journey, printing its summary and writing its files into ``out``."""
    # 1. The upload, against the organisation (CSV-1 to CSV-16).
    directory = mm.Directory.from_json_file(data / "directory.json")
    report = mm.validate_upload(data / "upload.csv", "license_and_device", directory)
    print(
        f"Upload upload.csv ({report.option}): added {report.added}, "
        f"errors {report.errors}, total {report.total}"
    )
    print("Problems by rule:")
    for finding, rows in problems_by_rule(report):
        print(
            f"  {finding.severity:<7} {finding.rule:<7} {finding.code:<29} "
            f"rows {', '.join(map(str, rows))}"
        )

    # 2. A task from the accepted rows (TASK-1, TASK-3, CSV-14), eligibility (ELIG-1).
    board = mm.Board(directory=directory)
    name = board.suggest_task_name("HQ wave 1")
    board.create_task(name, "license_and_device")
    board.add_upload(name, report)
    counts = board.task(name).eligibility_counts
    print(
        f"Task {name}: {counts.total} devices (eligible {counts.eligible}, "
        f"unknown {counts.unknown}, not eligible {counts.not_eligible})"
    )

    # 3. Prepare (ELIG-2): unknown devices included; the host reports each device prepared.
    board.set_include_unknown(name, True)
    board.start_preparation(name)
    pending = board.task(name).devices.macs()
    status = board.refresh(name, [mm.TaskEvent.prepared(mac) for mac in pending])
    task = board.task(name)
    print(
        f"Prepared: {task.tab_counts.ready} ready, {task.tab_counts.error} in error: "
        f"{status.label}"
    )

    # 4. Both ways of completing it (AUTO-1 to AUTO-4, MAN-1 to MAN-5).
    auto = mm.plan_automatic(
        task, cloud_connected_uc=True, tftp_server_type="primary", load_server="tftp1.example.com"
    )
    print(
        f"Automatic: {len(auto.batches)} batch(es) of at most {mm.AUTO_BATCH_SIZE}; "
        f"{len(auto.findings)} caution(s)"
    )
    manual = mm.plan_manual(task)
    print(f"Manual: {len(manual.bat_files)} BAT file(s); {len(manual.findings)} caution(s)")
    for bat in manual.bat_files:
        load = bat.phone_load or "(COP file, no load server)"
        print(f"  {bat.name:<33} {len(bat.devices)} phone(s)  {load}")

    # 5. Every artefact, written whole (issue 6).
    files = [
        mm.OutputFile("upload_errors.csv", report.errors_csv()),
        mm.OutputFile("upload_devices.csv", report.devices_csv()),
        mm.OutputFile("device_list.csv", task.device_list_csv()),
        mm.OutputFile("status_report.csv", mm.status_report_csv(task, manual)),
        mm.OutputFile("board.json", board.to_json()),
        *auto.files(),
        *manual.files(),
    ]
    mm.write_files(out, files, overwrite=True)
    print(f"Wrote {len(files)} files:")
    for file in files:
        print(f"  {file.name}")
    print(
        f"Next: fix the rows in upload_errors.csv and upload it again; "
        f"then complete {name} automatically,"
    )
    print(f"or upload the BAT files to Unified CM as {name}_manual_instructions.txt says.")


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "data"
    try:
        if len(argv) > 2:
            journey(data, Path(argv[2]))
        else:
            with tempfile.TemporaryDirectory(prefix="mpp-journey-") as out:
                journey(data, Path(out))
    except mm.MigrationError as err:
        print(f"journey: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
