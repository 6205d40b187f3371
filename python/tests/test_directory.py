"""The organisation through Python (CSV-3, CSV-6, CSV-11 to CSV-13, DEC-5, DEC-7, EXT-12):
`Location` and `Directory`, built from Python values or JSON, validated by core, used by the
upload."""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import mpp_migration as mm

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def directory_error(call: Any, *args: Any, **kwargs: Any) -> mm.MigrationError:
    # directory_invalid is a 3xx code: an UploadError.
    with pytest.raises(mm.UploadError) as info:
        call(*args, **kwargs)
    assert info.value.code == "directory_invalid", str(info.value)
    return info.value


def argument_error(call: Any, *args: Any, **kwargs: Any) -> mm.MigrationError:
    with pytest.raises(mm.InputError) as info:
        call(*args, **kwargs)
    assert info.value.code == "invalid_argument", str(info.value)
    return info.value


# --- Location -----------------------------------------------------------------------------


def test_location_values() -> None:
    hq = mm.Location("HQ", cisco_pstn=True, extensions_in_use=["1001", "1002"])
    assert (hq.name, hq.cisco_pstn, hq.extensions_in_use) == ("HQ", True, ["1001", "1002"])
    plain = mm.Location("Lab")
    assert (plain.cisco_pstn, plain.extensions_in_use) == (False, [])
    assert hq == mm.Location("HQ", cisco_pstn=True, extensions_in_use=("1001", "1002"))
    assert hq != mm.Location("HQ", extensions_in_use=["1001", "1002"])
    assert hash(hq) == hash(mm.Location("HQ", cisco_pstn=True, extensions_in_use=["1001", "1002"]))
    assert len({hq, plain, mm.Location("Lab")}) == 2
    assert repr(hq) == 'Location("HQ", cisco_pstn=True, extensions_in_use=["1001", "1002"])'
    with pytest.raises(AttributeError):
        setattr(hq, "name", "Branch")


def test_location_takes_any_iterable_of_str() -> None:
    def gen() -> Iterator[str]:
        yield "1001"
        yield "1002"

    for extensions in (["1001", "1002"], ("1001", "1002"), gen(), iter(["1001", "1002"]),
                       {"1001": 1, "1002": 2}):
        assert mm.Location("HQ", extensions_in_use=extensions).extensions_in_use == ["1001", "1002"]


def test_location_arguments_are_keyword_only_and_typed() -> None:
    with pytest.raises(TypeError):
        mm.Location("HQ", True)  # type: ignore[call-arg]
    err = argument_error(mm.Location, "HQ", extensions_in_use="1001")
    assert "single str" in err.message
    err = argument_error(mm.Location, "HQ", extensions_in_use=[1001])
    assert "extensions_in_use[0] must be a str, not int" in err.message
    argument_error(mm.Location, "HQ", extensions_in_use=5)
    argument_error(mm.Location, "HQ", cisco_pstn="yes")
    argument_error(mm.Location, 7)


def test_location_pickles() -> None:
    hq = mm.Location("HQ", cisco_pstn=True, extensions_in_use=["1001"])
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(hq, protocol)) == hq
    assert copy.deepcopy(hq) == hq


# --- Directory ----------------------------------------------------------------------------


def sample() -> mm.Directory:
    return mm.Directory(
        users=["alice@example.com", " Bob@Example.com "],
        workspaces=["Lobby", "Conference room 1"],
        locations=[
            mm.Location("HQ", cisco_pstn=True, extensions_in_use=["1002", "1001"]),
            mm.Location("Branch Office"),
        ],
        devices_in_webex_calling=["00:1a:2b:3c:4d:5e"],
    )


def test_directory_from_python_values() -> None:
    d = sample()
    assert d.users == ["alice@example.com", "Bob@Example.com"]
    assert d.workspaces == ["Lobby", "Conference room 1"]
    assert [loc.name for loc in d.locations] == ["HQ", "Branch Office"]
    # Built locations hold their extensions sorted.
    assert d.locations[0] == mm.Location("HQ", cisco_pstn=True, extensions_in_use=["1001", "1002"])
    assert d.device_count == 1
    assert d.has_user("BOB@example.com") and d.has_user(" alice@EXAMPLE.com")
    assert not d.has_user("carol@example.com")
    assert d.has_device("001A2B3C4D5E") and not d.has_device("001A2B3C4D5F")
    with pytest.raises(mm.IdentifierError):
        d.has_device("00-1A")
    assert repr(d) == "Directory(users=2, workspaces=2, locations=2, devices_in_webex_calling=1)"
    with pytest.raises(AttributeError):
        setattr(d, "users", [])
    empty = mm.Directory()
    assert (empty.users, empty.workspaces, empty.locations, empty.device_count) == ([], [], [], 0)


def test_directory_takes_any_iterable_and_keyword_arguments_only() -> None:
    d = mm.Directory(
        users=(u for u in ["alice@example.com"]),
        workspaces={"Lobby"},
        locations=iter([mm.Location("HQ")]),
        devices_in_webex_calling=("001A2B3C4D5E",),
    )
    assert (d.users, d.workspaces, d.device_count) == (["alice@example.com"], ["Lobby"], 1)
    with pytest.raises(TypeError):
        mm.Directory(["alice@example.com"])  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"users": "alice@example.com"}, "users must be an iterable of str, not a single str"),
        ({"users": [b"alice@example.com"]}, "users[0] must be a str, not bytes"),
        # Lists and tuples take a faster path (issue 13), with the same errors.
        ({"users": ("alice@example.com", 7)}, "users[1] must be a str, not int"),
        ({"users": ["a@example.com", "b@example.com", None]}, "users[2] must be a str, not NoneType"),
        ({"users": 3}, "users must be an iterable of str, not int"),
        ({"workspaces": ["Lobby", None]}, "workspaces[1] must be a str, not NoneType"),
        ({"locations": ["HQ"]}, "locations[0] must be a Location, not str"),
        ({"locations": mm.Location("HQ")}, "not a single Location"),
        ({"devices_in_webex_calling": "001A2B3C4D5E"}, "single str"),
    ],
)
def test_directory_arguments_of_the_wrong_type(kwargs: dict[str, Any], message: str) -> None:
    err = argument_error(mm.Directory, **kwargs)
    assert message in err.message


def test_directory_lists_tuples_and_iterables_build_the_same_directory() -> None:
    users = ["alice@example.com", " Bob@Example.com ", "bob@example.com", "åsa@exämple.se"]
    workspaces = ["Lobby", " Board Room"]
    macs = ["001A2B3C4D5E", "00:1a:2b:3c:4d:5f"]
    as_lists = mm.Directory(users=users, workspaces=workspaces, devices_in_webex_calling=macs)
    as_tuples = mm.Directory(
        users=tuple(users), workspaces=tuple(workspaces), devices_in_webex_calling=tuple(macs)
    )
    as_iterators = mm.Directory(
        users=iter(users), workspaces=iter(workspaces), devices_in_webex_calling=iter(macs)
    )
    assert as_lists.to_json() == as_tuples.to_json() == as_iterators.to_json()
    assert as_lists.users == ["alice@example.com", "Bob@Example.com", "åsa@exämple.se"]
    assert as_lists.workspaces == ["Lobby", "Board Room"]
    # A lone surrogate in a list is refused as in any iterable.
    with pytest.raises(mm.InputError) as info:
        mm.Directory(users=["a@example.com", "\udc80@example.com"])
    assert info.value.code == "argument_not_utf8" and "users[1]" in info.value.message


def test_directory_list_entries_of_any_length_and_script_read_as_the_iterables() -> None:
    # Issue 13: a list's strings are read as code points on the stack up to 256 of them, longer
    # ones through their UTF-8 encoding; both read as any iterable does.
    users = ["a" * 64 + "@" + "b" * 180 + ".com", "zoë@example.com", "𝔞@example.com", "ÅSA@Exämple.se"]
    workspaces = ["W" * 300, "Salle à manger", "会议室 🙂", "x" * 256, "y" * 255]
    from_lists = mm.Directory(users=users, workspaces=workspaces)
    from_iterators = mm.Directory(users=iter(users), workspaces=iter(workspaces))
    assert from_lists.to_json() == from_iterators.to_json()
    assert from_lists.users == users and from_lists.workspaces == workspaces
    assert from_lists.has_user("åsa@exämple.SE")
    for bad in (["\ud800"], ["x" * 300 + "\udfff"]):
        with pytest.raises(mm.InputError) as info:
            mm.Directory(workspaces=["Lobby", *bad])
        assert info.value.code == "argument_not_utf8" and "workspaces[1]" in info.value.message


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"users": ["alice"]}, "users[0]"),
        ({"users": ["alice@example.com", "bob@"]}, "users[1]"),
        ({"workspaces": ["  "]}, "workspaces[0]"),
        ({"locations": [mm.Location("")]}, "locations[0].name"),
        ({"locations": [mm.Location("L" * 81)]}, "locations[0].name"),
        ({"locations": [mm.Location("HQ"), mm.Location("hq ")]}, "locations[1].name"),
        ({"locations": [mm.Location("HQ"), mm.Location("HQ")]}, "locations[1].name"),
        ({"locations": [mm.Location("HQ", extensions_in_use=["1001", "x1"])]},
         "locations[0].extensions_in_use[1]"),
        ({"locations": [mm.Location("HQ", extensions_in_use=["1"])]},
         "locations[0].extensions_in_use[0]"),
        ({"devices_in_webex_calling": ["00-1A"]}, "devices_in_webex_calling[0]"),
    ],
)
def test_directory_entries_are_validated_by_core(kwargs: dict[str, Any], path: str) -> None:
    err = directory_error(mm.Directory, **kwargs)
    assert path in err.message
    assert err.number == mm.ERROR_CODES["directory_invalid"]
    assert err.row is None and err.column is None


def test_directory_limits() -> None:
    assert mm.Directory(locations=[mm.Location("L" * 80)]).locations[0].name == "L" * 80
    assert mm.Directory(locations=[mm.Location("HQ", extensions_in_use=["12", "1234567890"])])
    directory_error(mm.Directory, locations=[mm.Location("HQ", extensions_in_use=["12345678901"])])
    err = directory_error(mm.Directory, locations=[mm.Location("HQ"), mm.Location("Hq")])
    assert "case or spacing" in err.message


# --- JSON -----------------------------------------------------------------------------------


def test_the_bundled_directory_json() -> None:
    d = mm.Directory.from_json_file(DATA / "directory.json")
    assert d.users == [
        "alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com",
        "erin@example.com",
    ]
    assert d.workspaces == ["Lobby", "Conference room, North", "Board Room"]
    assert d.locations == [
        mm.Location("HQ", cisco_pstn=True, extensions_in_use=["1001", "1002"]),
        mm.Location("Branch Office", extensions_in_use=["2001"]),
        mm.Location("Lab", cisco_pstn=True),
    ]
    assert d.device_count == 1 and d.has_device("001A2B3C4D99")
    assert mm.Directory.from_json_file(str(DATA / "directory.json")).to_json() == d.to_json()


def test_json_round_trip_and_document() -> None:
    d = sample()
    text = d.to_json()
    doc = json.loads(text)
    assert doc == {
        "format": 1,
        "users": ["alice@example.com", "Bob@Example.com"],
        "workspaces": ["Lobby", "Conference room 1"],
        "locations": [
            {"name": "HQ", "cisco_pstn": True, "extensions_in_use": ["1001", "1002"]},
            {"name": "Branch Office", "cisco_pstn": False, "extensions_in_use": []},
        ],
        "devices_in_webex_calling": ["001A2B3C4D5E"],
    }
    for data in (text, text.encode()):
        again = mm.Directory.from_json(data)
        assert again.to_json() == text
        assert again.locations == d.locations
    assert mm.Directory.from_json("{}").users == []


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        ('{"users": ["alice@example.com",]}', "json_invalid", "line 1"),
        ('{"users": "alice@example.com"}', "json_invalid", "directory JSON"),
        ('{"user": []}', "json_invalid", "unknown field"),
        ("", "json_invalid", "EOF"),
        ('{"users": ["alice"]}', "directory_invalid", "users[0]"),
        ('{"format": 2}', "directory_invalid", "format 2"),
        ('{"locations": [{"name": "HQ"}, {"name": "HQ"}]}', "directory_invalid", "appears twice"),
    ],
)
def test_from_json_errors_name_the_place(text: str, code: str, words: str) -> None:
    with pytest.raises(mm.MigrationError) as info:
        mm.Directory.from_json(text)
    assert type(info.value) is (mm.InputValueError if code == "json_invalid" else mm.UploadError)
    assert info.value.code == code and words in info.value.message, str(info.value)


def test_from_json_file_errors(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    with pytest.raises(mm.InputError) as info:
        mm.Directory.from_json_file(missing)
    assert info.value.code == "io_error" and str(missing) in info.value.message
    bad = tmp_path / "bad.json"
    bad.write_text('{"users": ["alice"]}', encoding="utf-8")
    with pytest.raises(mm.UploadError) as invalid:
        mm.Directory.from_json_file(bad)
    assert invalid.value.code == "directory_invalid"
    assert str(bad) in invalid.value.message and "users[0]" in invalid.value.message
    argument_error(mm.Directory.from_json_file, 3)
    argument_error(mm.Directory.from_json, DATA / "directory.json")
    argument_error(mm.Directory.from_json, None)


def test_directory_pickles_as_its_document() -> None:
    d = sample()
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(d, protocol))
        assert isinstance(again, mm.Directory) and again.to_json() == d.to_json()
    assert copy.deepcopy(d).to_json() == d.to_json()


# --- the directory in use -------------------------------------------------------------------


def test_an_upload_sees_the_directory_it_is_given() -> None:
    csv = (
        "Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan\n"
        "USER,bob@example.com,,,IP,8845,001A2B3C4D01,HQ,\n"
        "WORKSPACE,Lobby,+14085550100,1001,IP,8845,001A2B3C4D02,HQ,\n"
        "USER,alice@example.com,,,IP,8845,001A2B3C4D5E,Branch office,\n"
    ).encode()
    report = mm.validate_upload(csv, "license_and_device", sample())
    got = [(f.row, f.code, f.suggestion) for f in report.findings]
    assert got == [
        (3, "extension_in_use", None),
        (4, "mac_in_webex_calling", None),
        (4, "location_name_mismatch", "Branch Office"),
    ]
    assert report.added == 1
    # The user export lists the directory's users, sorted by email (CSV-16).
    assert mm.user_export_csv(sample()).splitlines()[1:] == [
        "USER,alice@example.com,,,IP,,,,",
        "USER,Bob@Example.com,,,IP,,,,",
    ]
