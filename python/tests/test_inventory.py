"""Unified CM inventory import and upload generation through Python (issue 11): the bundled
export (examples/data/ucm, built on a real BAT export header) read with its VID and RIS load
lists, every row a device or a finding with row and column, the result feeding the default
task (TASK-8), and the generated uploads validating as they would in Control Hub."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import mpp_migration as mm
from refusal import refused

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
UCM = DATA / "ucm"


def inventory() -> mm.Inventory:
    return mm.read_inventory(
        UCM / "phones-all-details.csv", vids=UCM / "vids.csv", loads=UCM / "ris-loads.csv"
    )


def entry(inv: mm.Inventory, name: str) -> mm.InventoryEntry:
    return next(e for e in inv.entries if e.device_name == name)


def test_device_names_back_to_macs() -> None:
    assert mm.mac_from_device_name("SEP001A2B3C4D5E") == "001A2B3C4D5E"
    assert mm.mac_from_device_name(" sep001a2b3c4d5e ") == "001A2B3C4D5E"
    err = refused(mm.IdentifierError, "device_name_invalid", "DEV-7", mm.mac_from_device_name, "CSFJSMITH")
    assert "Jabber" in err.message
    err = refused(mm.IdentifierError, "device_name_invalid", "DEV-7", mm.mac_from_device_name, "SEP00:1A:2B:3C:4D:5E")
    assert err.suggestion == "SEP001A2B3C4D5E"
    with pytest.raises(mm.InputError):
        mm.mac_from_device_name(12)  # type: ignore[arg-type]


def test_udi_strings() -> None:
    udi = mm.parse_udi("PID: CP-8845-K9= , VID: V02, SN: FCH2117ABCD")
    assert (udi.model.name, str(udi.hardware_version), udi.serial_number) == ("8845", "V02", "FCH2117ABCD")
    refused(mm.IdentifierError, "udi_invalid", "EXT-16", mm.parse_udi, "PID: CP-8845-K9=")


def test_every_row_is_a_device_or_a_finding() -> None:
    inv = inventory()
    counts = inv.counts
    assert counts["rows"] == len(inv) == 32
    assert sum(counts[s] for s in ("eligible", "not_eligible", "unknown", "not_migratable", "refused")) == 32
    assert len(inv.devices) == counts["eligible"] + counts["not_eligible"] + counts["unknown"]
    for e in inv.entries:
        if e.device is None:
            assert e.findings and e.findings[0].row == e.row and e.findings[0].column
    jabber = entry(inv, "CSFALICE")
    assert jabber.status == "not_migratable"
    assert [f.code for f in jabber.reasons] == ["model_cannot_migrate"]
    assert jabber.reasons[0].rule == "EXT-17"
    old = entry(inv, "SEP5006AB11C303")
    assert (old.status, old.device_type, old.device_pool, old.owner_user_id) == ("not_eligible", "Cisco 7821", "DP_Branch", "erin")
    assert old.device is not None and str(old.device.hardware_version) == "V02"
    assert entry(inv, "SEP0C1167A1B204").device.firmware is not None  # type: ignore[union-attr]
    assert ("not_migratable", "model_cannot_migrate", 6) in inv.reason_counts()
    assert [f.code for f in inv.findings] == ["supplement_unknown_device"]
    assert inv.to_csv().splitlines()[0].startswith("Row,Device Name,MAC Address")


def test_sources_bytes_and_file_objects_and_refusals() -> None:
    data = (UCM / "phones-specific-details.csv").read_bytes()
    a = mm.read_inventory(data)
    b = mm.read_inventory(io.BytesIO(data))
    assert [e.status for e in a.entries] == [e.status for e in b.entries]
    assert [e.status for e in a.entries] == ["eligible", "unknown", "not_migratable", "refused", "not_migratable"]
    seen: list[int] = []
    mm.read_inventory(data, progress=seen.append)
    assert seen and seen[-1] == 5
    with pytest.raises(mm.InputError):
        mm.read_inventory(DATA / "no-such-file.csv")
    refused(mm.UploadError, "supplement_column_missing", "EXT-15", lambda: mm.read_inventory(data, vids=b"Serial,Colour\nx,y\n"))
    header_only = mm.read_inventory(b"Description\nx\n")
    assert [f.code for f in header_only.findings] == ["inventory_column_missing"] * 2


def test_a_list_read_from_a_path_keeps_where_its_error_is(tmp_path: Path) -> None:
    # The path form of a source gives the same error as its bytes, its message after the path:
    # the row and column stay (as C's mpp_inventory_read_path keeps them).
    data = (UCM / "phones-specific-details.csv").read_bytes()
    vids = b"Serial,VID\nx,V01\n"
    path = tmp_path / "vids.csv"
    path.write_bytes(vids)
    from_bytes = refused(mm.UploadError, "supplement_column_missing", "EXT-15", lambda: mm.read_inventory(data, vids=vids))
    from_path = refused(mm.UploadError, "supplement_column_missing", "EXT-15", lambda: mm.read_inventory(data, vids=path))
    assert (from_path.row, from_path.column, from_path.suggestion) == (from_bytes.row, from_bytes.column, from_bytes.suggestion)
    assert from_path.row == 1 and from_path.column is not None
    assert from_path.message == f"{path}: {from_bytes.message}"


def test_the_inventory_feeds_the_default_task() -> None:
    inv = inventory()
    board = mm.Board()
    outcome = board.create_default_task("default", "license_only", inv.devices)
    assert outcome.added == len(inv.devices)
    tabs = board.task("default").tab_counts
    assert tabs.error > 0 and tabs.ready > 0


def test_uploads_are_generated_and_validate_as_control_hub_would() -> None:
    inv = inventory()
    mapping = mm.Mapping.from_json_file(UCM / "mapping.json")
    assert mapping.email_of("ALICE") == "alice@example.com"
    assert mapping.location_of("DP_Lab") == "Lab"
    directory = mm.Directory.from_json_file(DATA / "directory.json")
    prepared = mm.prepare_uploads(
        inv, mapping, option="license_and_device", prefix="ucm", group_by="location", directory=directory
    )
    assert [u.task_name for u in prepared.uploads] == ["ucm-Branch_Office-001", "ucm-HQ-001", "ucm-Lab-001"]
    for u in prepared.uploads:
        again = mm.validate_upload(u.file.content.encode(), "license_and_device", directory)
        assert (again.errors, again.added) == (0, u.report.added)
        assert len(u.export_rows) == u.report.added
    codes = {f.code for f in prepared.findings}
    assert {"mapping_no_user", "mapping_no_location", "not_eligible_left_out", "model_cannot_migrate"} <= codes
    no_user = next(f for f in prepared.findings if f.code == "mapping_no_user")
    assert (no_user.row, no_user.column) == (entry(inv, "SEP2C3ECF12D402").row, "Owner User ID")
    assert len(prepared.files()) == len(prepared) == 3
    lo = mm.prepare_uploads(inv, option="license_only", max_devices=5)
    assert all(u.report.added <= 5 for u in lo.uploads)
    refused(mm.UploadError, "mapping_invalid", "", mm.Mapping.from_json, "{\"extra\": 1}")
    # As C's mpp_mapping_from_json: bytes that are not UTF-8 are a mapping fault too, and a
    # value that is no document is a wrong type, as for every other from_json.
    not_utf8 = refused(mm.UploadError, "mapping_invalid", "", mm.Mapping.from_json, b'{"users": {"\xff": "a@b.c"}}')
    assert not_utf8.message == "mapping: the JSON document is not UTF-8"
    with pytest.raises(mm.InputTypeError):
        mm.Mapping.from_json(5)  # type: ignore[arg-type]
    with pytest.raises(mm.InputError):
        mm.prepare_uploads(inv, option="license_only", max_devices=1001)
