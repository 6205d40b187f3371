"""The benchmark inputs of benches/src/lib.rs, ported to Python line for line.

`fleet_upload_csv(rows, seed)` and `fleet_directory_json()` give the same bytes as the Rust
generators of the same names (checked against `gen-fleet`, the Rust binary that prints them, by
`upload_bench.py` and `check_baseline.py`). `write_fleet_upload(path, rows, seed)` writes the
file line by line, so a million rows never sit in memory.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Iterator, Optional

ROOT = Path(__file__).resolve().parents[2]
_MASK = (1 << 64) - 1

_MODELS = (
    "8845",
    "CP-8865-K9=",
    "Cisco 8851",
    "8841",
    "CP-7841-K9=V05",
    "7811",
    "Cisco 8861",
    "7832",
)

HEADER = "Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan\n"


class SplitMix64:
    """The deterministic generator of benches/src/lib.rs (64-bit wrapping arithmetic)."""

    __slots__ = ("state",)

    def __init__(self, seed: int) -> None:
        self.state = seed & _MASK

    def next_u64(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & _MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        return self.next_u64() % max(n, 1)


def fleet_lines(rows: int, seed: int) -> Iterator[str]:
    """The header, then the `rows` data lines of `fleet_upload_csv(rows, seed)`."""
    rng = SplitMix64(seed)
    yield HEADER
    for i in range(rows):
        mac = (((i * 0x9E3779B9) & _MASK) ^ seed) & 0xFFFFFFFFFFFF
        mac_text = f"{mac:012X}" if i % 2 == 0 else f"{mac:012x}"
        model = _MODELS[rng.below(len(_MODELS))]
        site = rng.below(50)
        mistake = rng.below(100)
        if rng.below(10) < 7:
            user = (
                "nobody@example.com"
                if mistake == 0
                else f"user{rng.below(5_000)}@example.com"
            )
            line = f"USER,{user},,,IP,{model},{mac_text},Site {site},\n"
        else:
            if mistake == 1:
                phone = "408 555 0100"
            else:
                # NANP exchanges start with 2 to 9 (EXT-18), as in the Rust generator.
                phone = f"+1 408 {200 + rng.below(800):03} {rng.below(10_000):04}"
            plan = "true" if site % 2 == 0 else "false"
            line = (
                f"WORKSPACE,Room {i},{phone},{20_000 + i % 1_000_000},IP,{model},"
                f"{mac_text},Site {site},{plan}\n"
            )
        if mistake == 2:
            line = line.replace(mac_text, "001A2B3C4D5E")
        elif mistake == 3:
            line = line.replace(model, "8821")
        yield line


def fleet_upload_csv(rows: int, seed: int) -> bytes:
    """The whole generated upload, as the Rust `fleet_upload_csv` makes it."""
    return "".join(fleet_lines(rows, seed)).encode()


def write_fleet_upload(path: Path, rows: int, seed: int) -> None:
    """Writes the generated upload to `path`, one line at a time."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.writelines(fleet_lines(rows, seed))


def fleet_directory_json() -> str:
    """The directory of the generated fleet, as the Rust `fleet_directory_json` writes it."""
    users = ",".join(f'"user{i}@example.com"' for i in range(5_000))
    workspaces = ",".join(f'"Room {i}"' for i in range(200))
    locations = ",".join(
        f'{{"name": "Site {i}", "cisco_pstn": {"true" if i % 2 == 0 else "false"}, '
        f'"extensions_in_use": ["{1000 + i}"]}}'
        for i in range(50)
    )
    rng = SplitMix64(7)
    devices = ",".join(f'"{rng.next_u64() & 0xFFFFFFFFFFFF:012X}"' for _ in range(1_000))
    return (
        f'{{"users": [{users}], "workspaces": [{workspaces}], '
        f'"locations": [{locations}], "devices_in_webex_calling": [{devices}]}}'
    )


_GEN_FLEET = [
    "cargo", "run", "--quiet", "--locked", "--release",
    "-p", "mpp-migration-benches", "--bin", "gen-fleet", "--",
]


def rust_generator(*args: str) -> bytes:
    """The output of the Rust `gen-fleet` binary (built in release mode if need be)."""
    return subprocess.run(
        [*_GEN_FLEET, *args], cwd=ROOT, check=True, stdout=subprocess.PIPE
    ).stdout


def write_rust_fleet_upload(path: Path, rows: int, seed: int, period: Optional[int] = None) -> None:
    """Writes `fleet_upload_csv(rows, seed)` to `path` with the Rust generator, which streams
    it (faster than this port for a million rows; the port is checked equal to it). With a
    `period`, the first `period` rows over and over: a file that repeats its keys."""
    args = [str(rows), str(seed)] + ([] if period is None else [str(period)])
    with open(path, "wb") as out:
        subprocess.run([*_GEN_FLEET, *args], cwd=ROOT, check=True, stdout=out)


def check_against_rust(rows: int, seed: int) -> None:
    """Asserts that this port gives the Rust generators' bytes exactly."""
    ours, theirs = fleet_upload_csv(rows, seed), rust_generator(str(rows), str(seed))
    assert ours == theirs, f"fleet_upload_csv({rows}, {seed}) differs from the Rust generator"
    ours_dir, theirs_dir = fleet_directory_json().encode(), rust_generator("--directory")
    assert ours_dir == theirs_dir, "fleet_directory_json() differs from the Rust generator"
