"""The ``mpp-migration`` command: the library's journey from a Unified CM cluster to the files
an administrator uploads, for shell and automation users.

It is thin over the library (every rule is the library's) and argparse-based; every
subcommand has ``--help``. Exit status: 0 when the work is done (for ``validate``: no row
refused), 1 when the library refused something (rows of an upload, a task not ready), 2 for a
usage or I/O error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Callable, Optional, TextIO

import mpp_migration as mm

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
# The rows a text report lists before it points to --csv and --json.
_MAX_LISTED = 50


class _Progress:
    """A one-line progress count on stderr, only when stderr is a terminal."""

    def __init__(self, what: str, stream: TextIO) -> None:
        self.what = what
        self.stream = stream
        self.active = stream.isatty()

    def callback(self) -> Optional[Callable[[int], None]]:
        return self.update if self.active else None

    def update(self, rows: int) -> None:
        self.stream.write(f"\r{self.what}: {rows} rows read")
        self.stream.flush()

    def done(self) -> None:
        if self.active:
            self.stream.write("\n")
            self.stream.flush()


def _finding_line(f: mm.Finding) -> str:
    where = []
    if f.row is not None:
        where.append(f"row {f.row}")
    if f.column:
        where.append(f.column)
    place = ", ".join(where)
    rule = f" [{f.rule}]" if f.rule else ""
    fix = f" (fix: {f.suggestion})" if f.suggestion else ""
    head = f"{place}: " if place else ""
    return f"  {f.severity:<7} {head}{f.code}{rule}: {f.message}{fix}"


def _finding_json(f: mm.Finding) -> dict[str, object]:
    return {
        "number": f.number,
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity,
        "message": f.message,
        "suggestion": f.suggestion,
        "row": f.row,
        "column": f.column,
    }


def _write_listed(out: TextIO, title: str, lines: list[str], where_all: str) -> None:
    """Writes `title` and at most `_MAX_LISTED` of `lines`, then how many more and where
    `where_all` they all are; nothing when there are no lines."""
    if not lines:
        return
    out.write(title + "\n")
    for line in lines[:_MAX_LISTED]:
        out.write(line + "\n")
    if len(lines) > _MAX_LISTED:
        out.write(f"  ... and {len(lines) - _MAX_LISTED} more: {where_all}\n")


def _entry_line(e: mm.InventoryEntry) -> str:
    """An inventory row to act on: its device, status and first reason."""
    first = e.reasons[0] if e.reasons else None
    why = f"{first.code}: {first.message}" if first else ""
    return f"  row {e.row} {e.device_name} ({e.device_type}) {e.status}: {why}"


def _directory(path: Optional[str]) -> Optional[mm.Directory]:
    return None if path is None else mm.Directory.from_json_file(path)


# --- validate ----------------------------------------------------------------------------------


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    report = mm.validate_upload(args.upload, args.option, _directory(args.directory))
    if args.errors_out:
        with open(args.errors_out, "w", encoding="utf-8", newline="") as fh:
            fh.write(report.errors_csv())
    if args.json:
        json.dump(
            {
                "file": args.upload,
                "option": args.option,
                "added": report.added,
                "errors": report.errors,
                "total": report.total,
                "findings": [_finding_json(f) for f in report.findings],
            },
            out,
            indent=2,
        )
        out.write("\n")
    else:
        out.write(
            f"{args.upload}: {report.added} added, {report.errors} refused, "
            f"{report.total} rows ({args.option})\n"
        )
        for f in report.findings:
            out.write(_finding_line(f) + "\n")
        if args.errors_out and report.errors:
            out.write(f"Rows to fix and upload again: {args.errors_out}\n")
    return EXIT_REFUSED if report.errors else EXIT_OK


# --- inventory ---------------------------------------------------------------------------------


def _read_inventory(args: argparse.Namespace) -> mm.Inventory:
    progress = _Progress(args.export, sys.stderr)
    try:
        return mm.read_inventory(
            args.export, vids=args.vids, loads=args.loads, progress=progress.callback()
        )
    finally:
        progress.done()


def _inventory(args: argparse.Namespace, out: TextIO) -> int:
    inventory = _read_inventory(args)
    if args.csv:
        with open(args.csv, "w", encoding="utf-8", newline="") as fh:
            fh.write(inventory.to_csv())
    counts = inventory.counts
    if args.json:
        json.dump(
            {
                "file": args.export,
                "counts": counts,
                "reasons": [
                    {"status": s, "code": c, "rows": n} for s, c, n in inventory.reason_counts()
                ],
                "entries": [
                    {
                        "row": e.row,
                        "device_name": e.device_name,
                        "device_type": e.device_type,
                        "mac": e.device.mac if e.device else None,
                        "status": e.status,
                        "reasons": [_finding_json(f) for f in e.reasons],
                    }
                    for e in inventory.entries
                ],
                "findings": [_finding_json(f) for f in inventory.findings],
            },
            out,
            indent=2,
        )
        out.write("\n")
        return EXIT_OK
    out.write(f"{args.export}: {counts['rows']} rows\n")
    for status in ("eligible", "not_eligible", "unknown", "not_migratable", "refused"):
        out.write(f"  {status:<15} {counts[status]}\n")
    reasons = inventory.reason_counts()
    if reasons:
        out.write("Reasons:\n")
        for status, code, n in reasons:
            out.write(f"  {status:<15} {code:<32} {n}\n")
    to_act = [e for e in inventory.entries if e.status != "eligible"]
    _write_listed(
        out,
        "Rows to act on:",
        [_entry_line(e) for e in to_act],
        "every row is in --csv F or --json",
    )
    for f in inventory.findings:
        out.write(_finding_line(f) + "\n")
    if args.csv:
        out.write(f"Device list: {args.csv}\n")
    return EXIT_OK


# --- prepare -----------------------------------------------------------------------------------


def _prepare(args: argparse.Namespace, out: TextIO) -> int:
    inventory = _read_inventory(args)
    mapping = mm.Mapping.from_json_file(args.mapping)
    directory = _directory(args.directory)
    prepared = mm.prepare_uploads(
        inventory,
        mapping,
        option=args.option,
        prefix=args.prefix,
        max_devices=args.max_devices,
        group_by=args.group_by,
        directory=directory,
    )
    paths = mm.write_files(args.out, prepared.files(), overwrite=args.overwrite)
    if args.board:
        board = mm.Board(directory=directory)
        for upload in prepared.uploads:
            board.create_task(upload.task_name, args.option)
            board.add_upload(upload.task_name, upload.report)
        with open(args.board, "w", encoding="utf-8") as fh:
            fh.write(board.to_json())
    placed = sum(u.report.added for u in prepared.uploads)
    out.write(
        f"{args.export}: {placed} phones in {len(prepared.uploads)} upload file(s) "
        f"({args.option}), {inventory.counts['rows'] - placed} rows left out\n"
    )
    for upload, path in zip(prepared.uploads, paths):
        out.write(f"  {path}: task {upload.task_name}, {upload.report.added} devices\n")
    _write_listed(
        out,
        "Left out, or to check:",
        [_finding_line(f) for f in prepared.findings],
        "`mpp-migration inventory --csv F` lists every row",
    )
    if args.board:
        out.write(f"Board with one Draft task per file: {args.board}\n")
    return EXIT_OK


# --- plan --------------------------------------------------------------------------------------


def _plan(args: argparse.Namespace, out: TextIO) -> int:
    with open(args.board, encoding="utf-8") as fh:
        board = mm.Board.from_json(fh.read())
    task = board.task(args.task)
    plan: "mm.AutoPlan | mm.ManualPlan"
    if args.automatic:
        plan = mm.plan_automatic(
            task,
            cloud_connected_uc=args.cloud_connected_uc,
            tftp_server_type=args.tftp_server_type or "",
            load_server=args.load_server or "",
        )
    else:
        plan = mm.plan_manual(task, file_prefix=args.file_prefix)
    files = plan.files() + [
        mm.OutputFile(f"{task.name}-status.csv", mm.status_report_csv(task, plan))
    ]
    paths = mm.write_files(args.out, files, overwrite=args.overwrite)
    kind = "automatic" if args.automatic else "manual"
    out.write(f"Task {task.name}: {kind} completion planned, {len(paths)} files\n")
    for path in paths:
        out.write(f"  {path}\n")
    for f in plan.findings:
        out.write(_finding_line(f) + "\n")
    out.write("\n" + plan.instructions_text().rstrip("\n") + "\n")
    return EXIT_OK


# --- codes -------------------------------------------------------------------------------------


def _codes(args: argparse.Namespace, out: TextIO) -> int:
    infos = sorted((mm.error_code_info(n) for n in mm.ERROR_CODES.values()), key=lambda i: i.number)
    if args.json:
        json.dump(
            [
                {
                    "number": i.number,
                    "code": i.code,
                    "rule": i.rule,
                    "severity": i.severity,
                    "summary": i.summary,
                }
                for i in infos
            ],
            out,
            indent=2,
        )
        out.write("\n")
    else:
        for i in infos:
            out.write(f"{i.number}  {i.code:<34} {i.rule or '-':<7} {i.severity:<7} {i.summary}\n")
    return EXIT_OK


# --- the parser --------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mpp-migration",
        description="Cisco Enterprise to MPP phone firmware migration for Webex Calling: "
        "Unified CM inventory, Control Hub uploads, validation and migration plans.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {mm.__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    option = {
        "choices": ["license_and_device", "license_only"],
        "default": "license_and_device",
        "help": "the migration option and upload schema (TASK-3; default: license_and_device)",
    }

    v = sub.add_parser(
        "validate",
        help="validate a Control Hub upload CSV",
        description="Validates a Control Hub 'Add devices' upload (CSV-1 to CSV-16): counts, "
        "then every finding with row, column, rule and fix. Exit 0 when no row is refused, "
        "1 when some are, 2 for a usage or I/O error.",
    )
    v.add_argument("upload", metavar="UPLOAD.csv")
    v.add_argument("--option", **option)  # type: ignore[arg-type]
    v.add_argument("--directory", metavar="ORG.json", help="the organisation's directory")
    v.add_argument("--errors-out", metavar="F", help="write the refused rows to fix (CSV-15)")
    v.add_argument("--json", action="store_true", help="the report as JSON")
    v.set_defaults(run=_validate)

    def lists(q: argparse.ArgumentParser) -> None:
        q.add_argument("export", metavar="EXPORT.csv", help="Unified CM BAT Export Phones CSV")
        q.add_argument("--vids", metavar="F", help="a MAC,VID or UDI list (EXT-1, EXT-16)")
        q.add_argument("--loads", metavar="F", help="a RIS Name,ActiveLoadID dump (EXT-15)")

    i = sub.add_parser(
        "inventory",
        help="eligibility of a Unified CM export",
        description="Reads a Unified CM phone export and gives the eligibility of every row: "
        "counts by status and reason, and the rows to act on.",
    )
    lists(i)
    form = i.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="the inventory as JSON")
    form.add_argument("--csv", metavar="F", help="also write the device list as CSV (ELIG-5)")
    i.set_defaults(run=_inventory)

    r = sub.add_parser(
        "prepare",
        help="generate Control Hub upload CSVs from a Unified CM export",
        description="Generates the Control Hub upload CSVs of a Unified CM export with a "
        f"mapping (owner user ids, device pools, workspaces), at most {mm.MAX_TASK_DEVICES} devices each "
        "(ELIG-3), each validated before it is written.",
    )
    lists(r)
    r.add_argument("--mapping", metavar="F", required=True, help="the mapping JSON")
    r.add_argument("--out", metavar="DIR", required=True, help="where to write the files")
    r.add_argument("--option", **option)  # type: ignore[arg-type]
    r.add_argument("--directory", metavar="ORG.json", help="validate against the organisation")
    r.add_argument("--prefix", default="upload", help="task and file name prefix (TASK-1)")
    r.add_argument(
        "--max-devices",
        type=int,
        help=f"devices per file (1 to {mm.MAX_TASK_DEVICES}, the default; ELIG-3)",
    )
    r.add_argument("--group-by", choices=["none", "location", "model"], default="none")
    r.add_argument("--board", metavar="F", help="also write a board with a task per file")
    r.add_argument("--overwrite", action="store_true", help="replace existing files")
    r.set_defaults(run=_prepare)

    pl = sub.add_parser(
        "plan",
        help="plan a task's completion: BAT files, instructions, reports",
        description="Plans the completion of a task that is Ready for migration (TASK-7) from "
        "a saved board, and writes its files (BAT files, instructions, licenses or batches, "
        "status report), each whole or not at all.",
    )
    pl.add_argument("board", metavar="BOARD.json")
    pl.add_argument("task", metavar="TASK")
    pl.add_argument("--out", metavar="DIR", required=True)
    pl.add_argument("--automatic", action="store_true", help="automatic completion (AUTO-1..4)")
    pl.add_argument("--cloud-connected-uc", action="store_true", help="Cloud Connected UC is on")
    pl.add_argument("--tftp-server-type", metavar="T", help="the TFTP server type (AUTO-2)")
    pl.add_argument("--load-server", metavar="S", help="the Unified CM TFTP load server")
    pl.add_argument("--file-prefix", metavar="P", help="BAT file name prefix (MAN-2)")
    pl.add_argument("--overwrite", action="store_true", help="replace existing files")
    pl.set_defaults(run=_plan)

    c = sub.add_parser("codes", help="the error-code table", description="Every error code.")
    c.add_argument("--json", action="store_true", help="the table as JSON")
    c.set_defaults(run=_codes)
    return p


def main(argv: Optional[Sequence[str]] = None, out: Optional[TextIO] = None) -> int:
    """Runs the command with ``argv`` (default: the process's), writing to ``out`` (default:
    stdout); returns the exit status."""
    out = out if out is not None else sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args, out)
        return status
    except mm.InputError as e:
        print(f"mpp-migration: {e.message}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as e:
        print(f"mpp-migration: {e}", file=sys.stderr)
        return EXIT_USAGE
    except mm.MigrationError as e:
        fix = f" (fix: {e.suggestion})" if e.suggestion else ""
        rule = f" [{e.rule}]" if e.rule else ""
        print(f"mpp-migration: {e.code}{rule}: {e.message}{fix}", file=sys.stderr)
        return EXIT_USAGE if e.code in _USAGE_CODES else EXIT_REFUSED


# Refusals that are about what the user gave rather than about the migration.
_USAGE_CODES = frozenset(
    {"json_invalid", "document_invalid", "document_version_unsupported", "mapping_invalid",
     "directory_invalid", "supplement_column_missing", "task_not_found", "output_exists",
     "output_path_invalid"}
)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
