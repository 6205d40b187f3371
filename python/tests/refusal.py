"""The one check the binding tests make of a refusal: the exception's class, stable code and
number, rule, severity and message all come from core's error model."""

from __future__ import annotations

from typing import Any, Callable

import pytest

import mpp_migration as mm


def refused(
    cls: type[mm.MigrationError], code: str, rule: str, call: Callable[..., object], *args: Any
) -> mm.MigrationError:
    """Calls `call`, checks it raises `cls` with `code` and `rule`, returns the error."""
    with pytest.raises(cls) as info:
        call(*args)
    err = info.value
    assert (err.code, err.rule) == (code, rule), str(err)
    assert err.number == mm.ERROR_CODES[code]
    assert err.severity == "error" and err.message
    return err
