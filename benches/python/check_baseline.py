"""Keeps the baseline honest: `baseline.validate` must agree with
`mpp_migration.validate_upload` (license_and_device, with a directory) on the benchmark's
100k-row file and on examples/data/upload.csv: the same added, errors and total, and the same
set of (row, code) pairs of error findings (warnings are compared too, and reported).

Run: `.venv/bin/python benches/python/check_baseline.py` (after `maturin develop`).
Exits non-zero on any disagreement.
"""

from __future__ import annotations

import sys
from typing import Optional, Set, Tuple

import baseline
import fleet

import mpp_migration as mm

ROWS, SEED = 100_000, 42
EXAMPLES = fleet.ROOT / "examples" / "data"


def native_pairs(report: mm.UploadReport, severity: str) -> Set[Tuple[Optional[int], str]]:
    return {(f.row, f.code) for f in report.findings if f.severity == severity}


def check(name: str, source: baseline.Source, directory_json: str) -> None:
    report = mm.validate_upload(
        source, option="license_and_device", directory=mm.Directory.from_json(directory_json)
    )
    added, errors, findings = baseline.validate(
        source, baseline.Directory.from_json(directory_json)
    )
    ours = (added, errors, added + errors)
    theirs = (report.added, report.errors, report.total)
    assert ours == theirs, f"{name}: baseline counts {ours} != mpp_migration {theirs}"
    ours_errors, theirs_errors = baseline.error_pairs(findings), native_pairs(report, "error")
    assert ours_errors == theirs_errors, (
        f"{name}: error findings differ; only in the baseline: "
        f"{sorted(ours_errors - theirs_errors)[:10]}, only in mpp_migration: "
        f"{sorted(theirs_errors - ours_errors)[:10]}"
    )
    ours_warnings = {(r, c) for r, _, c, _ in findings if c in baseline.WARNINGS}
    same_warnings = ours_warnings == native_pairs(report, "warning")
    print(
        f"check_baseline: {name}: added {added}, errors {errors}, total {added + errors}; "
        f"{len(ours_errors)} error findings agree"
        + ("; warnings agree" if same_warnings else "; warnings DIFFER (not asserted)")
    )


def main() -> int:
    fleet.check_against_rust(ROWS, SEED)
    print(f"check_baseline: the Python generator gives the Rust bytes (fleet_upload_csv({ROWS}, {SEED}))")
    data = fleet.fleet_upload_csv(ROWS, SEED)
    check(f"fleet_upload_csv({ROWS}, {SEED})", data, fleet.fleet_directory_json())
    # The organisation of issue 13's size, which upload_bench.py times.
    org_json = fleet.rust_generator("--org-directory").decode()
    check(f"fleet_upload_csv({ROWS}, {SEED}), organisation directory", data, org_json)
    directory_json = (EXAMPLES / "directory.json").read_text(encoding="utf-8")
    check("examples/data/upload.csv", EXAMPLES / "upload.csv", directory_json)
    check("examples/data/upload.csv (bytes)", (EXAMPLES / "upload.csv").read_bytes(), directory_json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
