"""Test setup: the benchmark's deterministic fleet generator (benches/python/fleet.py) is shared
with the tests that need a big upload, rather than ported twice."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benches" / "python"))
