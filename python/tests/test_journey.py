"""The main job in Python: examples/python/journey.py prints, byte for byte, the summary the Rust
and C twins print (examples/data/journey.expected) and writes the same 15 files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
JOURNEY = ROOT / "examples" / "python" / "journey.py"


def run(*args: str, tmpdir: Path | None = None) -> bytes:
    env = dict(os.environ)
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    done = subprocess.run(
        [sys.executable, str(JOURNEY), *args], capture_output=True, check=False, timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    return done.stdout


def test_journey_prints_the_expected_summary_and_writes_its_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    stdout = run(str(DATA), str(out))
    assert stdout == (DATA / "journey.expected").read_bytes()
    listed = stdout.decode().split("Wrote 16 files:\n", 1)[1].splitlines()[:16]
    names = [line.strip() for line in listed]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    board = json.loads((out / "board.json").read_text(encoding="utf-8"))
    assert [t["status"] for t in board["tasks"]] == ["ready_for_migration"]
    assert (out / "HQ_wave_1_group2_7821.txt").read_bytes() == b"SEP001A2B3C4D02"
    # Run again into the same directory: the files are overwritten, the summary is the same.
    assert run(str(DATA), str(out)) == stdout


def test_journey_without_an_output_directory_leaves_nothing_behind(tmp_path: Path) -> None:
    # The files go to a temporary directory (under TMPDIR), removed at exit.
    assert run(str(DATA), tmpdir=tmp_path) == (DATA / "journey.expected").read_bytes()
    assert list(tmp_path.iterdir()) == []
