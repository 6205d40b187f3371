"""Errors are caught the way Python users catch them: an argument of the wrong type raises an
exception that is also a `TypeError`, a value that cannot be used one that is also a
`ValueError`, while the `MigrationError` hierarchy by range and every field stay as they are."""

from pathlib import Path
from typing import Any, Callable

import pytest

import mpp_migration as mm

VALUE_ERROR_CLASSES = [
    mm.InputValueError,
    mm.IdentifierError,
    mm.UploadError,
    mm.EligibilityError,
    mm.TaskError,
    mm.PlanError,
]


def test_the_classes_join_the_builtin_ones_without_leaving_the_hierarchy() -> None:
    assert issubclass(mm.InputTypeError, mm.InputError)
    assert issubclass(mm.InputTypeError, TypeError)
    assert not issubclass(mm.InputTypeError, ValueError)
    for cls in VALUE_ERROR_CLASSES:
        assert issubclass(cls, mm.MigrationError) and issubclass(cls, ValueError), cls
        assert not issubclass(cls, TypeError), cls
        assert cls.__module__ == "mpp_migration._native"
        assert cls.__doc__ and cls.__doc__.endswith("Also a ValueError."), cls
    assert issubclass(mm.InputValueError, mm.InputError)
    # A file that cannot be read and a bug of the library are neither.
    for cls in (mm.MigrationError, mm.InputError, mm.InternalError):
        assert not issubclass(cls, (TypeError, ValueError)), cls
    # Each class is reachable from the package and from the native module, the same object.
    for cls in [mm.InputTypeError, *VALUE_ERROR_CLASSES]:
        assert getattr(mm, cls.__name__) is cls
        assert getattr(mm._native, cls.__name__) is cls
        assert cls.__name__ in mm.__all__


WRONG_TYPES: list[tuple[Callable[..., object], tuple[Any, ...], dict[str, Any]]] = [
    (mm.normalize_mac, (42,), {}),
    (mm.validate_upload, (42,), {"option": "license_only"}),
    (mm.validate_upload, (b"Model,MAC Address\n",), {"option": 1}),
    (mm.Directory, (), {"users": "alice@example.com"}),
    (mm.Directory, (), {"users": [1]}),
    (mm.Location, (b"HQ",), {}),
    (mm.error_code_info, (1.5,), {}),
    (mm.check_eligibility, (8845,), {}),
]


@pytest.mark.parametrize(("call", "args", "kwargs"), WRONG_TYPES)
def test_a_wrong_type_is_a_type_error_with_every_field(
    call: Callable[..., object], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    with pytest.raises(TypeError) as info:
        call(*args, **kwargs)
    err = info.value
    assert type(err) is mm.InputTypeError
    assert isinstance(err, mm.InputError) and isinstance(err, mm.MigrationError)
    assert (err.number, err.code, err.rule, err.severity) == (101, "invalid_argument", "", "error")
    assert err.message and " must be " in err.message
    assert err.finding.code == "invalid_argument"
    assert str(err) == f"{err.message} [invalid_argument]"


def _board_with_task() -> mm.Board:
    board = mm.Board()
    board.create_task("HQ-1", "license_only")
    return board


BAD_VALUES: list[tuple[str, type[mm.MigrationError], Callable[[], object]]] = [
    ("invalid_argument", mm.InputValueError,
     lambda: mm.validate_upload(b"Model,MAC Address\n", option="everything")),
    ("json_invalid", mm.InputValueError, lambda: mm.Directory.from_json("{")),
    ("argument_not_utf8", mm.InputValueError, lambda: mm.normalize_mac("\udc00")),
    ("mac_wrong_separator", mm.IdentifierError, lambda: mm.normalize_mac("00-1A-2B-3C-4D-5E")),
    ("model_unknown", mm.IdentifierError, lambda: mm.parse_model("8854")),
    ("directory_invalid", mm.UploadError, lambda: mm.Directory(users=["not an email"])),
    ("task_name_invalid", mm.TaskError, lambda: mm.Board().create_task("HQ 1", "license_only")),
    ("task_name_taken", mm.TaskError,
     lambda: _board_with_task().create_task("HQ-1", "license_only")),
    ("file_name_invalid", mm.PlanError, lambda: mm.check_bat_file_name(".hidden.txt")),
]


@pytest.mark.parametrize(("code", "cls", "call"), BAD_VALUES, ids=[c for c, _, _ in BAD_VALUES])
def test_a_bad_value_is_a_value_error_of_its_range(
    code: str, cls: type[mm.MigrationError], call: Callable[[], object]
) -> None:
    with pytest.raises(cls) as info:
        call()
    err = info.value
    assert type(err) is cls, type(err)
    assert isinstance(err, ValueError) and not isinstance(err, TypeError)
    assert (err.code, err.number) == (code, mm.ERROR_CODES[code])
    assert err.rule == mm.error_code_info(code).rule
    assert err.message and err.finding.code == code


def test_an_unreadable_file_is_an_input_error_but_no_value_error(tmp_path: Path) -> None:
    with pytest.raises(mm.InputError) as info:
        mm.validate_upload(tmp_path / "missing.csv", option="license_only")
    err = info.value
    assert type(err) is mm.InputError and err.code == "io_error"
    assert not isinstance(err, (TypeError, ValueError))


def test_the_dual_classes_are_raised_and_caught_like_any_exception() -> None:
    # Raised by Python code too (a host re-raising with its own message), they keep the MRO.
    for cls in [mm.InputTypeError, *VALUE_ERROR_CLASSES]:
        with pytest.raises(mm.MigrationError):
            raise cls("raised by hand")
    try:
        mm.normalize_mac("zz")
    except (TypeError, ValueError) as e:
        assert isinstance(e, mm.IdentifierError)
        assert e.code == "mac_invalid_length" or e.code == "mac_invalid_character"
