"""The CSV upload through Python (CSV-1 to CSV-16, DEC-1 to DEC-10): `validate_upload`, its
report and lazy device list, `iter_upload`, the exports, the `source` kinds, the errors for bad
arguments, and the GIL released while Rust validates."""

from __future__ import annotations

import copy
import faulthandler
import io
import os
import pickle
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

import pytest
from fleet import fleet_directory_json, fleet_upload_csv

import mpp_migration as mm

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
UPLOAD = DATA / "upload.csv"
DIRECTORY = mm.Directory.from_json_file(DATA / "directory.json")
LICENSE_ONLY = b"Model,MAC Address\n"


@pytest.fixture(scope="module")
def report() -> mm.UploadReport:
    return mm.validate_upload(UPLOAD, "license_and_device", DIRECTORY)


def codes(findings: list[mm.Finding]) -> list[str]:
    return [f.code for f in findings]


def input_error(code: str, call: Any, *args: Any, **kwargs: Any) -> mm.MigrationError:
    """Calls `call`, checks it raises `InputError` with `code`, returns the error."""
    with pytest.raises(mm.InputError) as info:
        call(*args, **kwargs)
    err = info.value
    assert err.code == code, str(err)
    assert err.number == mm.ERROR_CODES[code]
    return err


# --- the bundled upload against the bundled organisation ---------------------------------


def test_csv14_counts_of_the_bundled_upload(report: mm.UploadReport) -> None:
    assert (report.added, report.errors, report.total) == (5, 12, 17)
    assert report.counts == report.counts and report.counts.total == 17
    assert (report.counts.added, report.counts.errors) == (5, 12)
    assert report.option == "license_and_device"
    assert report.directory_checked is True
    assert report.header == [
        "Type", "Username", "Phone Number", "Extension", "Device Type", "Model",
        "MAC Address", "Location", "Call Plan",
    ]
    assert report.severity_counts() == (15, 2)
    assert repr(report) == (
        'UploadReport(option="license_and_device", added=5, errors=12, total=17, findings=17)'
    )
    counts = report.counts
    assert repr(counts) == "UploadCounts(added=5, errors=12, total=17)"
    assert counts + counts == pickle.loads(pickle.dumps(counts)) + copy.deepcopy(counts)
    assert (counts + counts).total == 34 and hash(counts) == hash(report.counts)


def test_every_finding_of_the_bundled_upload_in_order(report: mm.UploadReport) -> None:
    got = [(f.row, f.column, f.code, f.rule, f.severity) for f in report.findings]
    assert got == [
        (4, "Call Plan", "call_plan_existing_workspace", "DEC-6", "warning"),
        (6, "Username", "user_not_found", "CSV-3", "error"),
        (7, "Phone Number", "phone_number_not_allowed", "CSV-5", "error"),
        (8, "Username", "workspace_name_mismatch", "DEC-7", "error"),
        (8, "Model", "model_limited_features", "DEV-2", "warning"),
        (9, "Model", "model_not_eligible", "DEV-2", "error"),
        (10, "MAC Address", "mac_wrong_separator", "DEC-3", "error"),
        (10, "Location", "location_name_mismatch", "DEC-7", "error"),
        (11, "Phone Number", "e164_missing_plus", "DEC-4", "error"),
        (11, "Extension", "extension_in_use", "CSV-6", "error"),
        (12, "MAC Address", "mac_duplicate", "DEC-2", "error"),
        (13, "Device Type", "device_type_invalid", "CSV-7", "error"),
        (14, "Model", "model_mpp_only", "DEV-4", "error"),
        (15, "MAC Address", "mac_in_webex_calling", "CSV-13", "error"),
        (15, "Call Plan", "call_plan_not_cisco_pstn", "CSV-12", "error"),
        (16, None, "blank_line", "DEC-10", "error"),
        (17, "Location", "location_not_found", "CSV-11", "error"),
    ]
    for f in report.findings:
        assert f.number == mm.ERROR_CODES[f.code]


def test_suggestions_and_messages_of_the_bundled_upload(report: mm.UploadReport) -> None:
    by_code = {f.code: f for f in report.findings}
    assert by_code["workspace_name_mismatch"].suggestion == "Board Room"
    assert by_code["location_name_mismatch"].suggestion == "HQ"
    assert by_code["mac_wrong_separator"].suggestion == "001A2B3C4D09"
    assert by_code["user_not_found"].suggestion is None
    # DEC-2: the duplicate names the first row of the MAC.
    assert "row 2" in by_code["mac_duplicate"].message
    assert '"frank@example.com"' in by_code["user_not_found"].message
    assert str(by_code["blank_line"]) == (
        "row 16: the row is blank; Webex rejects blank lines, delete it [DEC-10 blank_line]"
    )
    assert str(by_code["extension_in_use"]) == (
        'row 11, Extension: extension 1001 is already in use in location "HQ" [CSV-6 extension_in_use]'
    )


def test_findings_for_row(report: mm.UploadReport) -> None:
    row15 = report.findings_for_row(15)
    assert [(f.column, f.code) for f in row15] == [
        ("MAC Address", "mac_in_webex_calling"),
        ("Call Plan", "call_plan_not_cisco_pstn"),
    ]
    assert [f.severity for f in report.findings_for_row(8)] == ["error", "warning"]
    for empty in (1, 2, 18, 19, 0, -1, 10**30):
        assert report.findings_for_row(empty) == []
    input_error("invalid_argument", report.findings_for_row, "15")
    input_error("invalid_argument", report.findings_for_row, True)


def test_accepted_devices_are_normalised(report: mm.UploadReport) -> None:
    devices = list(report.devices)
    assert [d.row for d in devices] == [2, 3, 4, 5, 18]
    first = devices[0]
    assert (first.mac, first.device_name, first.model.name, first.model) == (
        "001A2B3C4D01", "SEP001A2B3C4D01", "8845", mm.parse_model("8845"),
    )
    assert (first.type, first.username, first.location) == ("USER", "alice@example.com", "HQ")
    assert (first.phone_number, first.extension, first.call_plan) == (None, None, False)
    assert first.hardware_version is None and first.firmware is None
    # Emails keep the spelling of the file (DEC-7 matches them case-insensitively).
    assert devices[1].username == "Bob@Example.com"
    assert devices[1].model.name == "7821"
    lobby = devices[2]
    assert (lobby.type, lobby.username, lobby.phone_number, lobby.extension) == (
        "WORKSPACE", "Lobby", "+14085550100", "1003",
    )
    # CSV-12 / DEC-6: true for an existing workspace is a warning and is not applied.
    assert lobby.call_plan is False
    assert devices[3].username == "Training Room" and devices[3].call_plan is True
    smith = devices[4]
    assert (smith.username, smith.phone_number, smith.location) == (
        "Smith, Barney", "+442079460958", "Branch Office",
    )
    assert repr(first) == (
        'Device(row=2, mac="001A2B3C4D01", model="8845", type="USER", '
        'username="alice@example.com", location="HQ")'
    )


def test_without_a_directory_its_rules_are_skipped_and_the_report_says_so() -> None:
    report = mm.validate_upload(UPLOAD)
    assert report.directory_checked is False
    assert (report.added, report.errors, report.total) == (9, 8, 17)
    found = set(codes(report.findings))
    for skipped in ("user_not_found", "location_not_found", "extension_in_use",
                    "mac_in_webex_calling"):
        assert skipped not in found


# --- the lazy device list -----------------------------------------------------------------


def test_device_list_is_a_lazy_read_only_sequence(report: mm.UploadReport) -> None:
    devices = report.devices
    assert isinstance(devices, mm.DeviceList) and isinstance(devices, Sequence)
    assert len(devices) == 5 and repr(devices) == "<DeviceList of 5 devices>"
    assert devices[0].row == 2 and devices[-1].row == 18 and devices[-5].row == 2
    # Each access builds a new, equal object.
    assert devices[0] == devices[0] and devices[0] is not devices[0]
    assert hash(devices[0]) == hash(devices[0]) and devices[0] != devices[1]
    for bad in (5, -6, 10**20, -(10**20)):
        with pytest.raises(IndexError):
            devices[bad]
    with pytest.raises(TypeError):
        devices["0"]  # type: ignore[call-overload]
    with pytest.raises(AttributeError):
        setattr(devices[0], "mac", "001A2B3C4D02")
    with pytest.raises(TypeError):
        devices[0] = devices[1]  # type: ignore[index]
    # Another report property access is another view on the same Rust data.
    assert list(report.devices) == list(devices)


def test_device_list_slices_compose_like_a_list(report: mm.UploadReport) -> None:
    devices = report.devices
    rows = [d.row for d in devices]
    for s in (slice(None), slice(1, 3), slice(None, None, -1), slice(None, None, 2),
              slice(-2, None), slice(4, 0, -2), slice(3, 1), slice(10, 20), slice(-100, 2)):
        view = devices[s]
        assert isinstance(view, mm.DeviceList)
        assert [d.row for d in view] == rows[s], s
        assert len(view) == len(rows[s])
        assert view.column("row") == rows[s]
    nested = devices[::-1][1:4][::2]
    assert [d.row for d in nested] == rows[::-1][1:4][::2] == [5, 3]
    assert nested[-1].row == 3


def test_device_list_iteration_membership_and_search(report: mm.UploadReport) -> None:
    devices = report.devices
    it = iter(devices)
    assert it.__length_hint__() == 5
    assert next(it).row == 2 and it.__length_hint__() == 4
    assert [d.row for d in it] == [3, 4, 5, 18]
    with pytest.raises(StopIteration):
        next(it)
    assert [d.row for d in reversed(devices)] == [18, 5, 4, 3, 2]
    third = devices[2]
    assert third in devices and "Lobby" not in devices
    assert third not in devices[3:]
    assert devices.index(third) == 2 and devices.count(third) == 1
    assert devices[1:].index(third) == 1
    assert devices.index(third, -3) == 2
    with pytest.raises(ValueError):
        devices.index(third, 3)
    with pytest.raises(ValueError):
        devices.index("Lobby")
    assert devices.count(None) == 0


def test_device_list_columns(report: mm.UploadReport) -> None:
    devices = report.devices
    assert mm.DeviceList.COLUMNS == (
        "row", "mac", "device_name", "model", "hardware_version", "firmware", "type",
        "username", "phone_number", "extension", "location", "call_plan",
    )
    assert devices.column("row") == [2, 3, 4, 5, 18]
    assert devices.column("mac") == [
        "001A2B3C4D01", "001A2B3C4D02", "001A2B3C4D03", "001A2B3C4D04", "001A2B3C4D0E",
    ]
    assert devices.column("device_name")[0] == "SEP001A2B3C4D01"
    assert devices.column("model") == ["8845", "7821", "8865", "8861", "8845"]
    assert devices.column("type") == ["USER", "USER", "WORKSPACE", "WORKSPACE", "WORKSPACE"]
    assert devices.column("username") == [
        "alice@example.com", "Bob@Example.com", "Lobby", "Training Room", "Smith, Barney",
    ]
    assert devices.column("phone_number") == [
        None, None, "+14085550100", "+14085550104", "+442079460958",
    ]
    assert devices.column("extension") == [None, None, "1003", "1004", "2003"]
    assert devices.column("location") == ["HQ", "Branch Office", "HQ", "HQ", "Branch Office"]
    assert devices.column("call_plan") == [False, False, False, True, False]
    assert devices.column("hardware_version") == [None] * 5
    assert devices.column("firmware") == [None] * 5
    # Every column agrees with the attribute of the same name.
    for name in mm.DeviceList.COLUMNS:
        assert devices.column(name) == [getattr(d, name) if name not in (
            "model",) else d.model.name for d in devices], name
    err = input_error("invalid_argument", devices.column, "MAC Address")
    assert "row, mac, device_name" in err.message
    input_error("invalid_argument", devices.column, 1)


def test_license_only_devices_and_hardware_versions() -> None:
    report = mm.validate_upload(
        LICENSE_ONLY + b"CP-7841-K9=V05,00:1a:2b:3c:4d:5e\nCisco 8845,001a2b3c4d5f\n",
        "license_only",
    )
    assert report.added == 2 and report.option == "license_only"
    first, second = report.devices
    assert first.hardware_version == mm.HardwareVersion("V05")
    assert second.hardware_version is None
    assert report.devices.column("hardware_version") == ["V05", None]
    for d in report.devices:
        assert (d.type, d.username, d.location, d.phone_number, d.call_plan) == (
            None, None, None, None, False,
        )
    assert repr(second) == 'Device(row=3, mac="001A2B3C4D5F", model="8845")'


def test_devices_pickle_and_copy(report: mm.UploadReport) -> None:
    for device in report.devices:
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            again = pickle.loads(pickle.dumps(device, protocol))
            assert again == device and again.row == device.row
        assert copy.deepcopy(device) == device and copy.copy(device) == device
    labelled = mm.validate_upload(LICENSE_ONLY + b"CP-7841-K9=V05,001A2B3C4D5E\n", "license_only")
    assert pickle.loads(pickle.dumps(labelled.devices[0])).hardware_version == mm.HardwareVersion(
        "V05"
    )


# --- the exports (CSV-15, CSV-16) -----------------------------------------------------------


def test_csv15_errors_file_uploads_again_and_once_fixed_is_clean(report: mm.UploadReport) -> None:
    errors = report.errors_csv()
    assert not errors.startswith("\ufeff")
    assert errors.splitlines()[0] == (
        "Errors,Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,"
        "Call Plan"
    )
    assert "[CSV-3" not in errors and "[user_not_found]" in errors
    # Re-read as is: the refused rows come back (the blank one is left out), Errors is
    # ignored, and the same rows fail, but for the duplicate MAC (DEC-2): without row 2 it is
    # the first row of its MAC now.
    again = mm.validate_upload(errors.encode(), "license_and_device", DIRECTORY)
    assert all(f.row != 1 for f in again.findings)
    assert (again.added, again.total) == (1, 11)
    assert again.devices.column("mac") == ["001A2B3C4D01"]
    assert "mac_duplicate" not in codes(again.findings)
    fixed = (
        errors.replace("frank@example.com", "dave@example.com")
        .replace("USER,carol@example.com,+14085550105", "USER,carol@example.com,")
        .replace("Board room", "Board Room")
        .replace("CP-8821-K9=", "8845")
        .replace("00-1A-2B-3C-4D-09,hq", "001A2B3C4D09,HQ")
        .replace("408-555-0107,1001", "+14085550107,1005")
        .replace("IP,8845,001A2B3C4D01", "IP,8845,001A2B3C4D31")
        .replace("Analog", "IP")
        .replace("6851", "8851")
        .replace("001A2B3C4D99,Branch Office,true", "001A2B3C4D98,Branch Office,false")
        .replace("Moon Base", "Lab")
    )
    clean = mm.validate_upload(fixed.encode(), "license_and_device", DIRECTORY)
    assert [str(f) for f in clean.findings if f.severity == "error"] == []
    assert (clean.added, clean.total) == (11, 11)


def test_devices_csv_uploads_again_to_the_same_devices(report: mm.UploadReport) -> None:
    normalised = report.devices_csv()
    assert (
        'WORKSPACE,"Smith, Barney",+442079460958,2003,IP,Cisco 8845,001A2B3C4D0E,Branch Office,false'
        in normalised
    )
    again = mm.validate_upload(normalised.encode(), "license_and_device", DIRECTORY)
    assert again.added == report.added
    for name in ("mac", "model", "type", "username", "phone_number", "location", "call_plan"):
        assert again.devices.column(name) == report.devices.column(name), name
    assert again.devices.column("row") == [2, 3, 4, 5, 6]


def test_csv16_templates_and_user_export() -> None:
    assert mm.template_csv("license_only") == "Model,MAC Address\n"
    assert mm.template_csv("license_and_device") == (
        "Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan\n"
    )
    for option in ("license_and_device", "license_only"):
        empty = mm.validate_upload(mm.template_csv(option).encode(), option)
        assert [(f.row, f.code) for f in empty.findings] == [(1, "no_data_rows")]
    users = mm.user_export_csv(DIRECTORY)
    assert users.splitlines()[1] == "USER,alice@example.com,,,IP,,,,"
    assert len(users.splitlines()) == 1 + len(DIRECTORY.users)
    report = mm.validate_upload(users.encode(), "license_and_device", DIRECTORY)
    assert report.total == 5
    assert codes(report.findings_for_row(2)) == ["model_missing", "mac_missing", "location_missing"]
    input_error("invalid_argument", mm.template_csv, "both")
    input_error("invalid_argument", mm.template_csv, None)
    input_error("invalid_argument", mm.user_export_csv, "directory.json")


def test_exports_neutralise_formulas(report: mm.UploadReport) -> None:
    formulas = mm.validate_upload(DATA / "corpus" / "formula_cells.csv", "license_and_device",
                                  DIRECTORY)
    errors = formulas.errors_csv()
    assert ",'@SUM(1+1),+14085550110,'-1," in errors
    for line in errors.splitlines()[1:]:
        assert not line.startswith(("=", "+", "-", "@"))


# --- sources -------------------------------------------------------------------------------


class Chunky(io.RawIOBase):
    """A binary stream that returns at most `step` bytes per read, or more than asked."""

    def __init__(self, data: bytes, step: int, overshoot: bool = False) -> None:
        self.data, self.pos, self.step, self.overshoot = data, 0, step, overshoot

    def readable(self) -> bool:
        return True

    def read(self, size: Optional[int] = -1) -> bytes:
        n = self.step if self.overshoot else min(self.step, size if size and size > 0 else 1)
        out = self.data[self.pos:self.pos + n]
        self.pos += len(out)
        return out


def test_every_source_kind_gives_the_same_report(report: mm.UploadReport, tmp_path: Path) -> None:
    data = UPLOAD.read_bytes()
    class PathLike(os.PathLike[str]):
        def __fspath__(self) -> str:
            return str(UPLOAD)
    sources: list[Any] = [
        str(UPLOAD), UPLOAD, PathLike(), data, bytearray(data), memoryview(data),
        io.BytesIO(data), Chunky(data, 7), Chunky(data, 70000, overshoot=True),
        Chunky(data, 1, overshoot=True),
    ]
    with UPLOAD.open("rb") as f:
        sources.append(f)
        for source in sources:
            got = mm.validate_upload(source, "license_and_device", DIRECTORY)
            assert got.findings == report.findings, type(source)
            assert list(got.devices) == list(report.devices)
            assert got.counts == report.counts


def test_a_file_object_is_read_from_where_it_is_to_its_end() -> None:
    stream = io.BytesIO(b"ignored line\n" + LICENSE_ONLY + b"8845,001A2B3C4D5E\n")
    stream.readline()
    got = mm.validate_upload(stream, "license_only")
    assert (got.added, got.findings) == (1, [])
    assert stream.read() == b""


def test_content_problems_are_findings_never_exceptions() -> None:
    for content in (b"", b"\n", b"\xff\xfe\x00", b'"', b"Model,MAC Address", b"\x00" * 1000,
                    b"Model,MAC Address\n" + b'8845,"' + b"x" * 200_000):
        got = mm.validate_upload(content, "license_only")
        assert got.added + got.errors == got.total
        assert all(f.row is not None for f in got.findings)
    assert codes(mm.validate_upload(b"", "license_only").findings) == ["empty_file"]


def test_the_eligibility_table_decides_the_model_check() -> None:
    content = LICENSE_ONLY + b"8865NR,001A2B3C4D5E\n"
    default = mm.validate_upload(content, "license_only")
    assert codes(default.findings) == ["model_not_eligible"] and default.added == 0
    for table in ("cisco_ordering_guide", mm.EligibilityTable.cisco_ordering_guide()):
        guide = mm.validate_upload(content, "license_only", eligibility=table)
        assert guide.added == 1 and guide.findings == [], table
    explicit = mm.validate_upload(content, "license_only", eligibility="control_hub")
    assert explicit.findings == default.findings


# --- bad arguments --------------------------------------------------------------------------


@pytest.mark.parametrize("source", [None, 12, 1.5, ["upload.csv"], {"a": 1}, object(), True])
def test_a_source_of_another_type_is_an_input_error(source: object) -> None:
    err = input_error("invalid_argument", mm.validate_upload, source)
    assert type(source).__name__ in err.message
    input_error("invalid_argument", mm.iter_upload, source)


def test_text_mode_files_are_refused() -> None:
    err = input_error("invalid_argument", mm.validate_upload, io.StringIO("Model,MAC Address\n"))
    assert "binary mode" in err.message and "str" in err.message
    with UPLOAD.open("r", encoding="utf-8") as text:
        input_error("invalid_argument", mm.validate_upload, text)
    with UPLOAD.open("r", encoding="utf-8") as text:
        input_error("invalid_argument", mm.iter_upload, text)


@pytest.mark.parametrize("option", ["both", "", "LICENSE_ONLY", "license-only"])
def test_an_unknown_option_is_an_input_error(option: str) -> None:
    err = input_error("invalid_argument", mm.validate_upload, LICENSE_ONLY, option)
    assert "license_and_device" in err.message and err.rule == ""
    input_error("invalid_argument", mm.iter_upload, LICENSE_ONLY, option)


def test_other_bad_arguments_are_input_errors() -> None:
    input_error("invalid_argument", mm.validate_upload, LICENSE_ONLY, 1)
    input_error("invalid_argument", mm.validate_upload, LICENSE_ONLY, "license_only", "dir.json")
    input_error("invalid_argument", mm.validate_upload, LICENSE_ONLY, eligibility="guide")
    input_error("invalid_argument", mm.validate_upload, LICENSE_ONLY, eligibility=3)
    for size in (0, -1, True, "10", 1.0):
        input_error("invalid_argument", mm.iter_upload, LICENSE_ONLY, chunk_size=size)
    with pytest.raises(TypeError):
        mm.validate_upload(LICENSE_ONLY, "license_only", None, None)  # type: ignore[call-arg]


def test_unreadable_files_are_io_errors(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    for call in (mm.validate_upload, mm.iter_upload):
        err = input_error("io_error", call, missing)
        assert str(missing) in err.message
        input_error("io_error", call, str(missing))
    # A directory opens but cannot be read.
    input_error("io_error", mm.validate_upload, tmp_path)


class Failing(io.RawIOBase):
    """A binary stream that gives `good` then raises `error`."""

    def __init__(self, good: bytes, error: BaseException) -> None:
        self.good, self.error = good, error

    def readable(self) -> bool:
        return True

    def read(self, size: Optional[int] = -1) -> bytes:
        if self.good:
            out, self.good = self.good, b""
            return out
        raise self.error


def test_a_file_object_that_raises_is_an_io_error_caused_by_its_exception() -> None:
    err = input_error("io_error", mm.validate_upload,
                      Failing(LICENSE_ONLY, OSError("disk on fire")), "license_only")
    assert "disk on fire" in err.message
    assert isinstance(err.__cause__, OSError) and str(err.__cause__) == "disk on fire"
    # Interrupts are not turned into library errors.
    with pytest.raises(KeyboardInterrupt):
        mm.validate_upload(Failing(LICENSE_ONLY, KeyboardInterrupt()), "license_only")


def test_a_file_object_returning_none_is_refused() -> None:
    class NoData(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def read(self, size: Optional[int] = -1) -> None:
            return None

    err = input_error("invalid_argument", mm.validate_upload, NoData())
    assert "None" in err.message


# --- streaming ------------------------------------------------------------------------------


def test_iter_upload_streams_chunks_and_running_counts(report: mm.UploadReport) -> None:
    stream = mm.iter_upload(UPLOAD, directory=DIRECTORY, chunk_size=4)
    assert (stream.option, stream.directory_checked, stream.chunk_size) == (
        "license_and_device", True, 4,
    )
    assert stream.header == report.header and stream.header_findings == []
    assert stream.counts == mm.validate_upload(b"", "license_only").counts
    assert repr(stream) == (
        'UploadIterator(option="license_and_device", chunk_size=4, added=0, errors=0, total=0)'
    )
    assert iter(stream) is stream
    chunks = []
    running = None
    for chunk in stream:
        running = chunk.counts if running is None else running + chunk.counts
        assert stream.counts == running
        chunks.append(chunk)
    assert [(c.first_row, c.last_row, c.total) for c in chunks] == [
        (2, 5, 4), (6, 9, 4), (10, 13, 4), (14, 17, 4), (18, 18, 1),
    ]
    assert [c.added for c in chunks] == [4, 0, 0, 0, 1]
    assert chunks[0].devices.column("row") == [2, 3, 4, 5]
    assert [f for c in chunks for f in c.findings] == report.findings
    assert stream.counts == report.counts
    assert repr(chunks[4]) == "UploadChunk(rows=18..18, added=1, errors=0, findings=0)"
    assert list(stream) == []


def test_iter_upload_header_findings() -> None:
    stream = mm.iter_upload(b"\xef\xbb\xbfModel,MAC Adress\n8845,001A2B3C4D5E\n", "license_only")
    assert [(f.row, f.code, f.column) for f in stream.header_findings] == [
        (1, "byte_order_mark", None),
        (1, "header_unknown_column", "MAC Adress"),
        (1, "header_missing_column", "MAC Address"),
    ]
    assert stream.header_findings[1].suggestion == "MAC Address"
    (chunk,) = list(stream)
    assert codes(chunk.findings) == ["mac_missing"]
    empty = mm.iter_upload(b"", "license_only")
    assert codes(empty.header_findings) == ["empty_file"] and list(empty) == []


def test_iter_upload_of_a_big_file_object_keeps_chunks_bounded() -> None:
    rows = 25_000
    data = fleet_upload_csv(rows, 42)
    directory = mm.Directory.from_json(fleet_directory_json())
    whole = mm.validate_upload(data, "license_and_device", directory)
    stream = mm.iter_upload(Chunky(data, 4096), "license_and_device", directory, chunk_size=1000)
    sizes, added, findings = [], 0, 0
    for chunk in stream:
        sizes.append(chunk.total)
        added += len(chunk.devices)
        findings += len(chunk.findings)
    assert sizes == [1000] * 25
    assert (added, findings) == (whole.added, len(whole.findings))
    assert stream.counts == whole.counts
    # The fleet has ~3% refused rows, as the Rust generator makes them.
    assert 0.01 < whole.errors / rows < 0.06


def test_a_size_hint_changes_no_result(tmp_path: Path) -> None:
    # Past the rows core reads before it sizes its indexes, with DEC-2 duplicates.
    data = LICENSE_ONLY + b"".join(b"8845,001A2B%06X\n" % (i % 800) for i in range(1000))
    path = tmp_path / "hinted.csv"
    path.write_bytes(data)
    plain = mm.validate_upload(Chunky(data, 4096), "license_only")
    assert (plain.added, plain.errors, plain.total) == (800, 200, 1000)
    expected = (plain.counts, plain.findings, plain.devices.column("mac"))
    for hint in (None, 0, 1, len(data) // 4, len(data), 2**64 - 1):
        # A file object is read once, so each call gets its own.
        for source in (lambda: data, lambda: path, lambda: Chunky(data, 4096)):
            got = mm.validate_upload(source(), "license_only", size_hint=hint)
            assert (got.counts, got.findings, got.devices.column("mac")) == expected, hint
            stream = mm.iter_upload(source(), "license_only", chunk_size=300, size_hint=hint)
            chunks = list(stream)
            assert stream.counts == plain.counts
            assert [f for c in chunks for f in c.findings] == plain.findings, hint
    for wrong in (-1, 2**64):
        with pytest.raises(mm.InputError, match="size_hint") as info:
            mm.validate_upload(data, "license_only", size_hint=wrong)
        assert info.value.code == "invalid_argument"
    with pytest.raises(mm.InputError, match="size_hint must be an int"):
        mm.iter_upload(data, "license_only", size_hint="18018")  # type: ignore[arg-type]


def test_iter_upload_when_the_source_fails_midway() -> None:
    good = LICENSE_ONLY + b"8845,001A2B3C4D5E\n" * 3
    stream = mm.iter_upload(Failing(good, OSError("cable cut")), "license_only", chunk_size=100)
    with pytest.raises(mm.InputError) as info:
        next(stream)
    assert info.value.code == "io_error" and isinstance(info.value.__cause__, OSError)
    assert list(stream) == [], "a failed stream is exhausted"


def test_iter_upload_refuses_concurrent_use() -> None:
    started, release = threading.Event(), threading.Event()

    class Slow(io.RawIOBase):
        def __init__(self) -> None:
            self.sent = False

        def readable(self) -> bool:
            return True

        def read(self, size: Optional[int] = -1) -> bytes:
            if not self.sent:
                self.sent = True
                return LICENSE_ONLY
            started.set()
            release.wait(10)
            return b""

    stream = mm.iter_upload(Slow(), "license_only")
    worker = threading.Thread(target=lambda: list(stream))
    worker.start()
    assert started.wait(10)
    try:
        err = input_error("invalid_argument", next, stream)
        assert "another thread" in err.message
    finally:
        release.set()
        worker.join(10)
    assert not worker.is_alive()


# --- the GIL --------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
@pytest.mark.parametrize("stream", [False, True])
def test_validation_releases_the_gil(tmp_path: Path, stream: bool) -> None:
    """Rust opens and reads a named pipe that only this thread writes, in Python, while the
    validation runs in another thread: it can finish only if the GIL is free meanwhile."""
    fifo = tmp_path / "upload.fifo"
    os.mkfifo(fifo)
    data = LICENSE_ONLY + b"8845,001A2B3C4D5E\n7811,001A2B3C4D5F\n"
    result: list[Any] = []

    def validate() -> None:
        if stream:
            result.append(sum(c.added for c in mm.iter_upload(fifo, "license_only")))
        else:
            result.append(mm.validate_upload(fifo, "license_only").added)

    # Were the GIL held while Rust waits on the pipe, no Python thread could run again: end
    # the process with a traceback rather than hang the suite.
    faulthandler.dump_traceback_later(60, exit=True)
    try:
        worker = threading.Thread(target=validate, daemon=True)
        worker.start()
        # The pipe opens for writing once the worker has it open for reading, inside Rust.
        deadline = time.monotonic() + 20
        while True:
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
                break
            except OSError:
                assert worker.is_alive() and time.monotonic() < deadline, result
                time.sleep(0.01)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb") as writer:
            writer.write(data)
        worker.join(20)
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert not worker.is_alive(), "validation never finished: the GIL was held"
    assert result == [2]


def test_values_outlive_their_report(report: mm.UploadReport) -> None:
    """A device list keeps the Rust report it reads alive; findings are values."""
    devices = mm.validate_upload(UPLOAD, "license_and_device", DIRECTORY).devices[1:]
    findings = mm.validate_upload(UPLOAD, "license_and_device", DIRECTORY).findings
    import gc

    gc.collect()
    assert list(devices) == list(report.devices)[1:] and findings == report.findings


# --- the example ----------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("cargo") is None, reason="needs cargo for the Rust example")
def test_the_python_example_prints_what_the_rust_example_prints() -> None:
    root = DATA.parents[1]
    rust = subprocess.run(
        ["cargo", "run", "--locked", "-q", "-p", "mpp-migration-examples", "--example", "upload",
         "--", str(DATA)],
        cwd=root, capture_output=True, text=True, timeout=600, check=True,
    ).stdout
    python = subprocess.run(
        [sys.executable, str(root / "examples" / "python" / "upload.py"), str(DATA)],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout
    assert python == rust
    assert "Added 5   Errors 12   Total uploaded 17" in python
