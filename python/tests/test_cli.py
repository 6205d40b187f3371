"""The `mpp-migration` command as a user runs it: the installed console script and
`python -m mpp_migration`, in a subprocess, on the bundled data (issue 11)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
UCM = DATA / "ucm"
SCRIPT = Path(sys.executable).parent / "mpp-migration"


def run(*args: object, module: bool = False) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "mpp_migration"] if module else [str(SCRIPT)]
    return subprocess.run(
        cmd + [str(a) for a in args], capture_output=True, text=True, timeout=120, check=False
    )


def test_the_console_script_is_installed_and_every_subcommand_has_help() -> None:
    assert SCRIPT.exists(), SCRIPT
    for sub in ["", "validate", "inventory", "prepare", "plan", "codes"]:
        r = run(*([sub] if sub else []), "--help")
        assert r.returncode == 0, r.stderr
        assert "usage: mpp-migration" in r.stdout
    r = run("--help", module=True)
    assert r.returncode == 0 and "inventory" in r.stdout


def test_validate_exit_status_and_json(tmp_path: Path) -> None:
    errors = tmp_path / "errors.csv"
    r = run("validate", DATA / "upload.csv", "--directory", DATA / "directory.json", "--errors-out", errors)
    assert r.returncode == 1, r.stderr
    assert "5 added, 12 refused" in r.stdout
    assert "user_not_found [CSV-3]" in r.stdout
    assert errors.read_text(encoding="utf-8").startswith("Errors,Type,Username")
    r = run("validate", DATA / "upload.csv", "--directory", DATA / "directory.json", "--json")
    doc = json.loads(r.stdout)
    assert (doc["added"], doc["errors"]) == (5, 12)
    assert all({"number", "code", "rule", "row", "column"} <= set(f) for f in doc["findings"])
    good = tmp_path / "good.csv"
    good.write_text("Model,MAC Address\nCisco 8845,001A2B3C4D5E\n", encoding="utf-8")
    r = run("validate", good, "--option", "license_only")
    assert r.returncode == 0 and "1 added, 0 refused" in r.stdout
    assert run("validate", tmp_path / "missing.csv").returncode == 2
    assert run("validate", good, "--option", "bogus").returncode == 2
    assert run("validate").returncode == 2
    # No terminal: no progress bar on stderr.
    assert r.stderr == ""


def test_inventory_counts_reasons_json_and_csv(tmp_path: Path) -> None:
    out = tmp_path / "devices.csv"
    r = run("inventory", UCM / "phones-all-details.csv", "--vids", UCM / "vids.csv", "--loads", UCM / "ris-loads.csv", "--csv", out)
    assert r.returncode == 0, r.stderr
    assert "32 rows" in r.stdout and "not_migratable" in r.stdout
    assert "model_cannot_migrate" in r.stdout and "CSFALICE" in r.stdout
    assert out.read_text(encoding="utf-8").count("\n") == 33
    r = run("inventory", UCM / "phones-all-details.csv", "--json")
    doc = json.loads(r.stdout)
    assert doc["counts"]["rows"] == 32 and len(doc["entries"]) == 32
    assert run("inventory", UCM / "phones-all-details.csv", "--json", "--csv", out).returncode == 2


def test_long_reports_list_the_first_rows_and_point_to_the_files(tmp_path: Path) -> None:
    export = tmp_path / "jabber.csv"
    rows = "".join(f"CSFUSER{i},Cisco Unified Client Services Framework\n" for i in range(60))
    export.write_text("Device Name,Device Type\n" + rows, encoding="utf-8")
    r = run("inventory", export)
    assert r.returncode == 0, r.stderr
    assert "... and 10 more: every row is in --csv F or --json" in r.stdout
    assert r.stdout.count("model_cannot_migrate:") == 50


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_progress_count_on_stderr_only_when_it_is_a_terminal() -> None:
    import os
    import pty

    master, slave = pty.openpty()
    try:
        r = subprocess.run(
            [str(SCRIPT), "inventory", str(UCM / "phones-all-details.csv")],
            stdout=subprocess.PIPE, stderr=slave, text=True, timeout=120, check=False,
        )
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(master)
    assert r.returncode == 0
    assert b"32 rows read" in seen
    assert "rows read" not in r.stdout


def test_prepare_then_plan(tmp_path: Path) -> None:
    board = tmp_path / "board.json"
    r = run(
        "prepare", UCM / "phones-all-details.csv", "--vids", UCM / "vids.csv", "--loads", UCM / "ris-loads.csv",
        "--mapping", UCM / "mapping.json", "--directory", DATA / "directory.json", "--out", tmp_path / "uploads",
        "--prefix", "ucm", "--board", board,
    )
    assert r.returncode == 0, r.stderr
    files = sorted(p.name for p in (tmp_path / "uploads").iterdir())
    assert files == ["ucm-001.csv"]
    assert "mapping_no_user" in r.stdout
    v = run("validate", tmp_path / "uploads" / "ucm-001.csv", "--directory", DATA / "directory.json")
    assert v.returncode == 0, v.stdout
    # Writing again refuses to overwrite: nothing is changed.
    again = run("prepare", UCM / "phones-all-details.csv", "--mapping", UCM / "mapping.json", "--out", tmp_path / "uploads", "--prefix", "ucm")
    assert again.returncode == 2 and "output_exists" not in again.stdout
    # The task is in Draft: planning it is refused by the library (TASK-7).
    p = run("plan", board, "ucm-001", "--out", tmp_path / "plan")
    assert p.returncode == 1 and "complete_requires_ready" in p.stderr
    assert run("plan", board, "no-such-task", "--out", tmp_path / "plan").returncode == 2


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_codes(fmt: str) -> None:
    r = run("codes", *(["--json"] if fmt == "json" else []))
    assert r.returncode == 0
    if fmt == "json":
        codes = json.loads(r.stdout)
        assert {"number": 260, "code": "device_name_invalid", "rule": "DEV-7", "severity": "error"}.items() <= next(
            c for c in codes if c["number"] == 260
        ).items()
    else:
        assert "414  model_cannot_migrate" in r.stdout
