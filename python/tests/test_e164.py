"""E.164 numbers as libphonenumber's metadata judges them (CSV-5, EXT-12, EXT-18), through the
Python module, and checked against libphonenumber's Python port (`phonenumbers`, a test-only
dependency in requirements-dev.txt) when it is importable."""

from __future__ import annotations

import pathlib
import re
from typing import Optional

import pytest

import mpp_migration as mm

CORPUS = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data" / "e164_corpus.tsv"


def refusal(number: str) -> mm.MigrationError:
    with pytest.raises(mm.IdentifierError) as info:
        mm.normalize_e164(number)
    return info.value


def test_metadata_version_is_exposed() -> None:
    assert re.fullmatch(r"[1-9][0-9]*(\.[0-9]+)+", mm.E164_METADATA_VERSION)
    first = CORPUS.read_text(encoding="utf-8").splitlines()[0]
    assert f"libphonenumber {mm.E164_METADATA_VERSION} " in first


@pytest.mark.parametrize(
    "number, normalised",
    [
        ("+1 (408) 555-0100", "+14085550100"),
        ("+49 30 123456", "+4930123456"),
        ("+44 20 7946 0958", "+442079460958"),
        ("+800 1234 5678", "+80012345678"),
    ],
)
def test_ext18_valid_numbers(number: str, normalised: str) -> None:
    assert mm.normalize_e164(number) == normalised
    assert str(mm.E164(number)) == normalised


@pytest.mark.parametrize(
    "number, code, rule, words, suggestion",
    [
        ("+49 30 11", "e164_too_short", "EXT-12", "too short for DE", None),
        ("+46 10 234 56 7", "e164_too_short", "EXT-12", "too short for SE", None),
        ("+1 200 555 0100", "e164_invalid_number", "EXT-18", "for US", None),
        ("+1 555 555 0100", "e164_invalid_number", "EXT-18", "for US", None),
        ("+44 020 7946 0958", "e164_trunk_prefix", "DEC-4", "national prefix 0", "+442079460958"),
        ("+44 20 7946 09581", "e164_too_long", "EXT-12", "too long for GB", None),
    ],
)
def test_ext18_refusals_say_what_is_wrong_for_which_country(
    number: str, code: str, rule: str, words: str, suggestion: Optional[str]
) -> None:
    err = refusal(number)
    assert (err.code, err.rule, err.suggestion) == (code, rule, suggestion)
    assert err.number == mm.ERROR_CODES[code]
    assert words in str(err)
    assert "Some(" not in str(err)


def corpus_rows() -> list[list[str]]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines[2:]]


def test_ext18_agrees_with_the_committed_corpus() -> None:
    """Same figures as the Rust corpus test, through the Python module."""
    judged = disagree = 0
    for number, _kind, _region, valid, _cc, _national, rewrite in corpus_rows():
        if sum(c.isdigit() for c in number) > 15 or rewrite != "-":
            continue
        judged += 1
        try:
            mm.normalize_e164(number)
            ours = True
        except mm.IdentifierError:
            ours = False
        disagree += ours != (valid == "1")
    assert judged > 4500
    assert disagree / judged <= 0.001


def test_ext18_agrees_with_phonenumbers_itself() -> None:
    """libphonenumber's own verdicts, asked now rather than read from the fixture."""
    phonenumbers = pytest.importorskip("phonenumbers")
    if phonenumbers.__version__ != mm.E164_METADATA_VERSION:
        pytest.skip(f"phonenumbers {phonenumbers.__version__} is not the embedded {mm.E164_METADATA_VERSION}")
    judged, disagreements = 0, []
    for number, *_rest in corpus_rows():
        if sum(c.isdigit() for c in number) > 15:
            continue
        parsed = phonenumbers.parse(number, None)
        digits = "".join(c for c in number if c.isdigit())
        if digits != f"{parsed.country_code}{phonenumbers.national_significant_number(parsed)}":
            continue  # its parser rewrote the number (a national prefix kept): deliberate
        judged += 1
        theirs = phonenumbers.is_valid_number(parsed)
        try:
            mm.normalize_e164(number)
            ours = True
        except mm.IdentifierError:
            ours = False
        if ours != theirs:
            disagreements.append(number)
    assert judged > 4500
    assert len(disagreements) / judged <= 0.001, disagreements
