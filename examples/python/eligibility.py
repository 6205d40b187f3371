"""Check which phones of a list can migrate to MPP firmware, with mpp_migration.

Reads ``phones.csv`` (columns mac, model, hardware_version, firmware) from the data directory
given as the first argument (default: ``examples/data`` next to this script's directory) and
checks each phone's model, hardware version (VID) and current Enterprise firmware against
Control Hub's eligibility table, and against Cisco's ordering guide where the two readings
differ (8851NR, 8865NR; EXT-4). It prints one line per phone: the model as written, the VID,
the firmware, the status (ELIG-1) and the codes of the findings that explain it. A model,
VID or firmware the library cannot read is shown as an error with its code.

Run: ``python examples/python/eligibility.py [examples/data]``
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Optional

import mpp_migration as mm

HEADER = ("model", "VID", "firmware", "status", "ordering guide", "findings")
WIDTHS = (18, 4, 27, 13, 15)


def line(cells: tuple[str, ...]) -> str:
    """The cells padded to the column widths; the last one (findings) as it is."""
    padded = [cell.ljust(width) for cell, width in zip(cells, WIDTHS)]
    return " ".join([*padded, *cells[len(WIDTHS):]]).rstrip()


def blank_to_none(text: Optional[str]) -> Optional[str]:
    """The cell without surrounding spaces; None for a missing or blank cell."""
    if text is None:
        return None
    return text.strip() or None


def phone_line(record: dict[str, str], guide: mm.EligibilityTable) -> str:
    """One table line for one row of phones.csv."""
    model = record.get("model") or ""
    vid = blank_to_none(record.get("hardware_version"))
    firmware = blank_to_none(record.get("firmware"))
    cells = (model, vid or "-", firmware or "-")
    try:
        result = mm.check_eligibility(model, vid, firmware)
        other = guide.check(model, vid, firmware)
    except mm.MigrationError as err:
        return line((*cells, "error", "-", f"{err.code} [{err.rule}]"))
    codes = " ".join(f.code for f in result.findings)
    differs = str(other.status) if other.status != result.status else "same"
    return line((*cells, str(result.status), differs, codes))


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "data"
    path = data / "phones.csv"
    try:
        with path.open(newline="", encoding="utf-8") as file:
            records = list(csv.DictReader(file))
    except OSError as err:
        print(f"cannot read {path}: {err.strerror}", file=sys.stderr)
        return 1
    guide = mm.EligibilityTable.cisco_ordering_guide()
    print(line(HEADER))
    for record in records:
        print(phone_line(record, guide))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
