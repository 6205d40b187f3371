"""Normalise and classify a list of phones with mpp_migration.

Reads ``phones.csv`` (columns mac, model, hardware_version, firmware) from the data directory
given as the first argument (default: ``examples/data`` next to this script's directory), reads
each MAC, model, hardware version (VID) and firmware version by the library's rules, and prints
one line per phone: the normalised MAC, its Unified CM device name (DEV-7), the model, its
series, whether it has Wi-Fi (DEV-8), the VID (EXT-1), the firmware (EXT-6), and every problem
with its code, the rule it enforces and the suggested fix where there is one.

Run: ``python examples/python/identifiers.py [examples/data]``
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Callable, Optional, TypeVar

import mpp_migration as mm

T = TypeVar("T")

COLUMNS = ("MAC", "device name", "model", "series", "wifi", "VID", "firmware", "problems")
WIDTHS = (14, 16, 7, 6, 5, 4, 11)


def read(
    reader: Callable[[str], T], text: str, problems: list[mm.MigrationError]
) -> Optional[T]:
    """``reader(text)``, or None with the error added to ``problems``."""
    try:
        return reader(text)
    except mm.MigrationError as err:
        problems.append(err)
        return None


def describe(err: mm.MigrationError) -> str:
    """``code [RULE]`` and the suggested fix, if any."""
    text = f"{err.code} [{err.rule}]"
    return f"{text} fix: {err.suggestion}" if err.suggestion is not None else text


def row(cells: tuple[str, ...]) -> str:
    """The cells padded to the column widths; the last one (problems) as it is."""
    padded = [cell.ljust(width) for cell, width in zip(cells, WIDTHS)]
    return " ".join([*padded, *cells[len(WIDTHS):]])


def phone_line(record: dict[str, str]) -> str:
    """One table line for one row of phones.csv."""
    problems: list[mm.MigrationError] = []
    mac = read(mm.normalize_mac, record.get("mac") or "", problems)
    model = read(mm.parse_model, record.get("model") or "", problems)
    vid_text = (record.get("hardware_version") or "").strip()
    vid = read(mm.HardwareVersion, vid_text, problems) if vid_text else None
    firmware_text = (record.get("firmware") or "").strip()
    firmware = read(mm.FirmwareVersion, firmware_text, problems) if firmware_text else None
    return row(
        (
            mac or "-",
            mm.device_name(mac) if mac else "-",
            model.name if model else "-",
            model.series if model else "-",
            ("yes" if model.has_wifi else "no") if model else "-",
            str(vid) if vid else "-",
            str(firmware) if firmware else "-",
            "; ".join(describe(p) for p in problems),
        )
    )


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "data"
    path = data / "phones.csv"
    try:
        with path.open(newline="", encoding="utf-8") as file:
            records = list(csv.DictReader(file))
    except OSError as err:
        print(f"cannot read {path}: {err.strerror}", file=sys.stderr)
        return 1
    print(row(COLUMNS).rstrip())
    for record in records:
        print(phone_line(record).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
