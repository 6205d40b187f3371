"""The bad-input corpus (examples/data/corpus) through Python: every file gives the counts and
findings its manifest states (format in corpus/README.md), through `validate_upload` and
`iter_upload`, with every kind of `source` (str path, pathlib.Path, bytes, bytearray,
memoryview, binary file object). The Rust (core/tests/upload_corpus.rs) and C suites check
the same manifest, so the three languages agree by construction."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Union

import pytest

import mpp_migration as mm

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
CORPUS = DATA / "corpus"


@dataclass(frozen=True)
class Case:
    """One line of the manifest."""

    file: str
    option: str
    directory: bool
    counts: tuple[int, int, int]
    findings: tuple[str, ...]

    @property
    def path(self) -> Path:
        return CORPUS / self.file

    def __str__(self) -> str:
        return f"{self.file}-{self.option}-{'dir' if self.directory else 'nodir'}"


def manifest() -> list[Case]:
    lines = (CORPUS / "manifest.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "file,option,directory,added,errors,total,findings"
    cases = []
    for line in lines[1:]:
        cells = line.split(",", 6)
        assert len(cells) == 7, line
        assert cells[2] in {"directory.json", "none"}, line
        cases.append(
            Case(
                file=cells[0],
                option=cells[1],
                directory=cells[2] == "directory.json",
                counts=(int(cells[3]), int(cells[4]), int(cells[5])),
                findings=tuple(cells[6].split()),
            )
        )
    return cases


CASES = manifest()
DIRECTORY = mm.Directory.from_json_file(DATA / "directory.json")

Source = Union[str, Path, bytes, bytearray, memoryview, io.BufferedReader, io.BytesIO]
# How a test hands the file to the library: every kind of `source` the library takes.
SOURCES: dict[str, Callable[[Path], Source]] = {
    "str": str,
    "path": lambda p: p,
    "bytes": lambda p: p.read_bytes(),
    "bytearray": lambda p: bytearray(p.read_bytes()),
    "memoryview": lambda p: memoryview(p.read_bytes()),
    "file": lambda p: p.open("rb"),
    "bytesio": lambda p: io.BytesIO(p.read_bytes()),
}


def directory_of(case: Case) -> Optional[mm.Directory]:
    return DIRECTORY if case.directory else None


def close(source: Source) -> None:
    if isinstance(source, (io.BufferedReader, io.BytesIO)):
        source.close()


def codes(findings: list[mm.Finding]) -> tuple[str, ...]:
    return tuple(f"{f.row or 0}:{f.code}" for f in findings)


def test_the_manifest_lists_every_corpus_file() -> None:
    listed = {c.file for c in CASES}
    on_disk = {p.name for p in CORPUS.glob("*.csv")} - {"manifest.csv"}
    assert on_disk <= listed, on_disk - listed
    assert len(CASES) >= 20
    assert all(c.path.is_file() for c in CASES)


@pytest.mark.parametrize("kind", sorted(SOURCES))
@pytest.mark.parametrize("case", CASES, ids=str)
def test_validate_upload_gives_what_the_manifest_says(case: Case, kind: str) -> None:
    source = SOURCES[kind](case.path)
    try:
        report = mm.validate_upload(source, case.option, directory_of(case))
    finally:
        close(source)
    assert (report.added, report.errors, report.total) == case.counts
    assert codes(report.findings) == case.findings
    # Invariants of every report (CSV-14, DEC-1, and the fields of every finding).
    assert report.added + report.errors == report.total
    assert len(report.devices) == report.added
    assert report.option == case.option
    assert report.directory_checked is case.directory
    rows = [f.row for f in report.findings]
    assert all(r is not None for r in rows), "every finding of an upload has a row"
    assert [r or 0 for r in rows] == sorted(r or 0 for r in rows), "input order"
    assert all(f.message for f in report.findings)
    for finding in report.findings:
        assert finding in report.findings_for_row(finding.row or 0)


@pytest.mark.parametrize("chunk_size", [1, 2, 10000])
@pytest.mark.parametrize("kind", ["str", "path", "bytes", "file"])
@pytest.mark.parametrize("case", CASES, ids=str)
def test_iter_upload_gives_what_the_manifest_says(case: Case, kind: str, chunk_size: int) -> None:
    source = SOURCES[kind](case.path)
    try:
        stream = mm.iter_upload(source, case.option, directory_of(case), chunk_size=chunk_size)
        findings = list(stream.header_findings)
        devices: list[mm.Device] = []
        total = 0
        for chunk in stream:
            assert 1 <= chunk.total <= chunk_size
            assert chunk.added + chunk.errors == chunk.total
            assert len(chunk.devices) == chunk.added
            assert chunk.first_row <= chunk.last_row
            assert stream.end_findings == [], "known only once the input is exhausted"
            findings.extend(chunk.findings)
            devices.extend(chunk.devices)
            total += chunk.total
    finally:
        close(source)
    findings.extend(stream.end_findings)
    counts = stream.counts
    assert (counts.added, counts.errors, counts.total) == case.counts
    assert total == counts.total
    # The header's findings, the chunks', then the end's: the manifest's, in its order.
    assert codes(findings) == case.findings
    # The same devices as the whole report.
    report = mm.validate_upload(case.path, case.option, directory_of(case))
    assert devices == list(report.devices)
    assert stream.header == report.header
    assert next(stream, None) is None, "an exhausted stream stays exhausted"


def test_header_only_gives_no_data_rows_at_the_end_of_the_stream() -> None:
    gaps = [c for c in CASES if "1:no_data_rows" in c.findings]
    assert {c.file for c in gaps} == {"header_only.csv"}
    stream = mm.iter_upload(CORPUS / "header_only.csv", "license_only")
    assert stream.header_findings == [] and stream.end_findings == []
    assert list(stream) == []
    assert stream.header == ["Model", "MAC Address"]
    (finding,) = stream.end_findings
    assert (finding.code, finding.number, finding.rule, finding.severity, finding.row) == (
        "no_data_rows", 114, "CSV-14", "warning", 1,
    )
    report = mm.validate_upload(CORPUS / "header_only.csv", "license_only")
    assert report.findings == [finding]
    assert next(stream, None) is None and stream.end_findings == [finding]
