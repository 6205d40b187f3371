"""Validate the bundled upload against the bundled organisation with mpp_migration.

Reads ``directory.json`` (the organisation: users, workspaces, locations, devices already in
Webex Calling) and validates ``upload.csv`` (a *Generate device license and add device*
upload, CSV-1) against it, then prints the report as a person reads it: the counts of CSV-14,
every finding grouped by row with its column, rule, code and suggested fix, the accepted
devices, and the size of the errors file to fix and upload again (CSV-15).

The output is the same, byte for byte, as the Rust example's
(``cargo run -p mpp-migration-examples --example upload``).

Run: ``python examples/python/upload.py [examples/data]``
"""

from __future__ import annotations

import sys
from pathlib import Path

import mpp_migration as mm


def finding_line(finding: mm.Finding) -> str:
    """One finding: severity, column, message, fix, and ``[RULE code]``."""
    fix = f" (fix: {finding.suggestion})" if finding.suggestion is not None else ""
    column = f"{finding.column}: " if finding.column is not None else ""
    rule = f"{finding.rule} " if finding.rule else ""
    return f"{finding.severity:<7} {column}{finding.message}{fix} [{rule}{finding.code}]"


def device_line(device: mm.Device) -> str:
    """One accepted device: row, device name, model, type, username, location."""
    return (
        f"row {device.row or 0:>2}  {device.device_name}  {device.model.name:<6} "
        f"{device.type or '':<9} {device.username or '':<20} {device.location or ''}"
    )


def line_count(text: str) -> int:
    """The number of lines, counted as Rust's ``str::lines`` does."""
    if not text:
        return 0
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def print_report(report: mm.UploadReport, name: str) -> None:
    """Prints the report as the Rust example does."""
    print(f"Upload of {name} ({report.option}):")
    print(f"  Added {report.added}   Errors {report.errors}   Total uploaded {report.total}")
    if not report.directory_checked:
        print("  (no directory: user, location, extension and Webex Calling checks were skipped)")
    errors, warnings = report.severity_counts()
    print(f"  {errors} error(s), {warnings} warning(s)")

    by_row: dict[int, list[str]] = {}
    for finding in report.findings:
        by_row.setdefault(finding.row or 0, []).append(finding_line(finding))
    for row in sorted(by_row):
        print(f"row {row}:")
        for line in by_row[row]:
            print(f"  {line}")

    print("Accepted devices:")
    for device in report.devices:
        print(f"  {device_line(device)}")

    errors_file = report.errors_csv()
    print(
        f"Errors file (CSV-15): {max(line_count(errors_file) - 1, 0)} rows to fix, "
        f"{len(errors_file.encode('utf-8'))} bytes"
    )


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "data"
    try:
        directory = mm.Directory.from_json_file(data / "directory.json")
        report = mm.validate_upload(data / "upload.csv", "license_and_device", directory)
    except mm.MigrationError as err:
        print(f"cannot validate: {err}", file=sys.stderr)
        return 1
    print_report(report, "upload.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
