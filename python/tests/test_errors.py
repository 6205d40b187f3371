"""The one error model in Python: `MigrationError` and its subclasses by range, the
fields every error carries, `Finding`, `ERROR_CODES`, `error_code_info`, and agreement between
Python, Rust and the committed table `docs/error-codes.md`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest

import mpp_migration as mm
from mpp_migration import _native, _types

ROOT = Path(__file__).resolve().parents[2]

# Ranges: the hundreds digit of a number says which subclass is raised.
CLASS_BY_RANGE: dict[int, type[mm.MigrationError]] = {
    1: mm.InputError,
    2: mm.IdentifierError,
    3: mm.UploadError,
    4: mm.EligibilityError,
    5: mm.TaskError,
    6: mm.PlanError,
    9: mm.InternalError,
}

# One call that raises each code reachable from the identifier functions.
TRIGGERS: dict[str, Callable[[], object]] = {
    "invalid_argument": lambda: mm.error_code_info("nope"),
    "mac_invalid_length": lambda: mm.normalize_mac("001A2B3C4D"),
    "mac_invalid_character": lambda: mm.normalize_mac("0O1A2B3C4D5E"),
    "mac_wrong_separator": lambda: mm.normalize_mac("00-1A-2B-3C-4D-5E"),
    "mac_device_name": lambda: mm.device_name("SEP001A2B3C4D5E"),
    "mac_invalid_grouping": lambda: mm.license_file_name("001A:2B3C:4D5E"),
    "e164_missing_plus": lambda: mm.normalize_e164("0044 20 7946 0958"),
    "e164_invalid_character": lambda: mm.normalize_e164("+1 800 FLOWERS"),
    "e164_too_long": lambda: mm.normalize_e164("+1234567890123456"),
    "e164_too_short": lambda: mm.E164("+44 123"),
    "e164_leading_zero": lambda: mm.normalize_e164("+0123456789"),
    "e164_trunk_prefix": lambda: mm.normalize_e164("+44 (0) 20 7946 0958"),
    "e164_unknown_country_code": lambda: mm.normalize_e164("+999 1234567"),
    "e164_invalid_number": lambda: mm.normalize_e164("+1 200 555 0100"),
    "email_invalid": lambda: mm.validate_email("alice@example"),
    "model_unknown": lambda: mm.parse_model("8854"),
    "hardware_version_invalid": lambda: mm.HardwareVersion("V100"),
    "firmware_version_invalid": lambda: mm.FirmwareVersion("14.x"),
    "device_name_invalid": lambda: mm.mac_from_device_name("CSFJSMITH"),
    "udi_invalid": lambda: mm.parse_udi("PID: CP-8845-K9="),
}


def raised(code: str) -> mm.MigrationError:
    with pytest.raises(mm.MigrationError) as info:
        TRIGGERS[code]()
    return info.value


def docs_table() -> list[tuple[int, str, str, str]]:
    """The rows of docs/error-codes.md: (number, code, rule, severity); "–" is no rule."""
    rows = []
    pattern = re.compile(r"^\|\s*(\d+)\s*\|\s*`([a-z0-9_]+)`\s*\|\s*([^|]*?)\s*\|\s*(\w+)\s*\|")
    for line in (ROOT / "docs" / "error-codes.md").read_text(encoding="utf-8").splitlines():
        match = pattern.match(line)
        if match:
            number, code, rule, severity = match.groups()
            rows.append((int(number), code, "" if rule in {"–", "-", ""} else rule, severity))
    return rows


# --- the classes -------------------------------------------------------------------------


def test_exception_hierarchy() -> None:
    assert issubclass(mm.MigrationError, Exception)
    assert len(set(CLASS_BY_RANGE.values())) == len(CLASS_BY_RANGE)
    for cls in CLASS_BY_RANGE.values():
        assert issubclass(cls, mm.MigrationError) and cls is not mm.MigrationError
        assert cls.__module__ == "mpp_migration._native"
        assert getattr(mm, cls.__name__) is cls


def test_every_reachable_2xx_code_is_exercised() -> None:
    """A new identifier code must get a trigger here (and so a Python test)."""
    identifiers = {name for name, number in mm.ERROR_CODES.items() if number // 100 == 2}
    assert identifiers <= set(TRIGGERS)


# --- the fields of an error --------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_error_carries_every_field(code: str) -> None:
    err = raised(code)
    info = mm.error_code_info(code)
    # The class of its range, or a subclass of it that is also a TypeError or ValueError
    # (InputTypeError, InputValueError): see test_builtin_exceptions.py.
    assert isinstance(err, CLASS_BY_RANGE[err.number // 100])
    assert type(err).__module__ == "mpp_migration._native"
    assert (err.number, err.code, err.rule, err.severity) == (
        mm.ERROR_CODES[code],
        code,
        info.rule,
        info.severity,
    )
    assert err.severity == "error"
    assert isinstance(err.message, str) and err.message
    assert err.suggestion is None or isinstance(err.suggestion, str)
    # Errors of a single value are at no row or column of an input.
    assert err.row is None and err.column is None
    # str(err) is the message followed by "[RULE code]" ("[code]" where there is no rule).
    tag = f"[{err.rule} {code}]" if err.rule else f"[{code}]"
    assert str(err) == f"{err.message} {tag}"
    assert err.args == (str(err),)


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_error_finding_equals_the_error_in_fields(code: str) -> None:
    err = raised(code)
    finding = err.finding
    assert isinstance(finding, mm.Finding)
    assert (
        finding.number,
        finding.code,
        finding.rule,
        finding.severity,
        finding.message,
        finding.suggestion,
        finding.row,
        finding.column,
    ) == (
        err.number,
        err.code,
        err.rule,
        err.severity,
        err.message,
        err.suggestion,
        err.row,
        err.column,
    )
    assert str(finding) == str(err)
    assert repr(finding).startswith(f'Finding(code="{code}", severity="error", row=None')
    # The same input gives an equal finding; another input does not.
    assert raised(code).finding == finding
    assert hash(raised(code).finding) == hash(finding)
    other = "model_unknown" if code != "model_unknown" else "email_invalid"
    assert raised(other).finding != finding


def test_suggestion_is_carried_on_the_error_and_its_finding() -> None:
    err = raised("mac_wrong_separator")
    assert err.suggestion == err.finding.suggestion == "001A2B3C4D5E"
    assert raised("e164_missing_plus").suggestion == "+442079460958"
    assert raised("model_unknown").suggestion == "8851"
    assert raised("e164_too_long").suggestion is None


def test_errors_are_caught_by_their_range_class_and_the_base() -> None:
    with pytest.raises(mm.IdentifierError):
        mm.normalize_mac("")
    with pytest.raises(mm.InputError):
        mm.error_code_info("nope")
    # An identifier error is not an input error, and the other way round.
    assert not isinstance(raised("mac_invalid_length"), mm.InputError)
    assert not isinstance(raised("invalid_argument"), mm.IdentifierError)


# --- error_code_info ---------------------------------------------------------------------


def test_error_code_info_by_number_and_by_name() -> None:
    by_number, by_name = mm.error_code_info(201), mm.error_code_info("mac_invalid_length")
    assert by_number == by_name
    assert (by_number.number, by_number.code, by_number.rule, by_number.severity) == (
        201,
        "mac_invalid_length",
        "DEV-6",
        "error",
    )
    assert by_number.summary == "A MAC address does not have 12 hexadecimal digits."
    assert repr(by_number) == 'ErrorCodeInfo(number=201, code="mac_invalid_length", rule="DEV-6")'


@pytest.mark.parametrize("unknown", ["nope", "", "MAC_INVALID_LENGTH", 0, 199, 1000, -1, 2**40])
def test_error_code_info_refuses_unknown_codes(unknown: object) -> None:
    with pytest.raises(mm.InputError) as info:
        mm.error_code_info(unknown)  # type: ignore[arg-type]
    err = info.value
    assert (err.number, err.code, err.rule) == (101, "invalid_argument", "")
    assert str(err).endswith("[invalid_argument]")


def test_error_code_info_says_an_int_is_no_error_code() -> None:
    for number in (-1, 2**40, -(2**70), 2**100, 0, 999):
        with pytest.raises(mm.InputError) as info:
            mm.error_code_info(number)
        assert info.value.message == f"{number} is not an error code"


@pytest.mark.parametrize("wrong", [1.5, None, b"mac_invalid_length", [201], True, False])
def test_error_code_info_refuses_other_types(wrong: object) -> None:
    with pytest.raises(mm.InputError) as info:
        mm.error_code_info(wrong)  # type: ignore[arg-type]
    assert info.value.code == "invalid_argument"
    assert type(wrong).__name__ in info.value.message


# --- ERROR_CODES, the docs table and Rust agree ------------------------------------------


def test_error_codes_is_a_dict_of_unique_snake_case_names_and_numbers() -> None:
    assert isinstance(mm.ERROR_CODES, dict) and mm.ERROR_CODES
    numbers = list(mm.ERROR_CODES.values())
    assert len(numbers) == len(set(numbers)), "numbers are unique"
    for name, number in mm.ERROR_CODES.items():
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", name), name
        assert isinstance(number, int) and number // 100 in CLASS_BY_RANGE, (name, number)


@pytest.mark.parametrize("name", sorted(mm.ERROR_CODES))
def test_every_error_code_reaches_python_with_its_number_and_name(name: str) -> None:
    number = mm.ERROR_CODES[name]
    info = mm.error_code_info(number)
    assert (info.number, info.code) == (number, name)
    assert mm.error_code_info(name) == info
    assert info.severity in {"error", "warning"}
    assert info.summary
    assert info.rule == "" or re.fullmatch(r"(DEV|CSV|ELIG|TASK|AUTO|MAN|EXT|DEC)-\d+", info.rule)


def test_docs_table_matches_error_codes() -> None:
    rows = docs_table()
    assert rows, "no rows parsed from docs/error-codes.md"
    assert {code: number for number, code, _, _ in rows} == mm.ERROR_CODES
    for number, code, rule, severity in rows:
        info = mm.error_code_info(number)
        assert (info.code, info.rule, info.severity) == (code, rule, severity), code


def test_version_matches_the_workspace() -> None:
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    section = re.search(r"^\[workspace\.package\]\s*$(.*?)(?=^\[|\Z)", cargo, re.M | re.S)
    assert section is not None
    version = re.search(r'^version\s*=\s*"([^"]+)"', section.group(1), re.M)
    assert version is not None
    assert mm.__version__ == version.group(1)
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", mm.__version__)


# Names the Python layer defines itself (mpp_migration/_types.py).
PYTHON_LAYER = set(_types.__all__)


def test_package_exports() -> None:
    assert sorted(mm.__all__) == sorted(set(mm.__all__))
    for name in set(mm.__all__) - PYTHON_LAYER:
        assert getattr(mm, name) is getattr(_native, name), name
    public = {n for n in dir(_native) if not n.startswith("_")} | {"__version__"}
    assert public | PYTHON_LAYER == set(mm.__all__)
    for name in PYTHON_LAYER:
        assert getattr(mm, name) is getattr(_types, name), name


# --- pickling and copying ------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_findings_pickle_and_copy(code: str) -> None:
    import copy
    import pickle

    finding = raised(code).finding
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(finding, protocol))
        assert type(again) is mm.Finding and again == finding
        assert (again.suggestion, again.row, again.column, str(again)) == (
            finding.suggestion, finding.row, finding.column, str(finding),
        )
    assert copy.copy(finding) == finding and copy.deepcopy(finding) == finding


def test_findings_with_row_and_column_pickle() -> None:
    import pickle

    report = mm.validate_upload(b"Model,MAC Address\n8845,00-1A-2B-3C-4D-5E\n", "license_only")
    (finding,) = report.findings
    again = pickle.loads(pickle.dumps(finding))
    assert again == finding
    assert (again.row, again.column, again.suggestion) == (2, "MAC Address", "001A2B3C4D5E")


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_raised_errors_pickle_and_copy_with_every_field(code: str) -> None:
    import copy
    import pickle

    err = raised(code)
    copies = [pickle.loads(pickle.dumps(err, p)) for p in range(pickle.HIGHEST_PROTOCOL + 1)]
    copies += [copy.deepcopy(err), copy.copy(err)]
    for again in copies:
        assert type(again) is type(err)
        assert again.args == err.args and str(again) == str(err)
        assert (again.number, again.code, again.rule, again.severity, again.message,
                again.suggestion, again.row, again.column) == (
            err.number, err.code, err.rule, err.severity, err.message, err.suggestion,
            err.row, err.column)
        assert again.finding == err.finding


def test_an_error_with_a_row_pickles() -> None:
    import pickle

    with pytest.raises(mm.EligibilityError) as info:
        mm.EligibilityTable.from_csv("model,vid_from,vid_to,status,warnings,source\n"
                                     "7821,V24,V03,eligible,,x\n")
    again = pickle.loads(pickle.dumps(info.value))
    assert (again.code, again.row, again.column) == ("eligibility_table_invalid", 2, "vid_to")
