"""Results as data through Python: every result's ``to_json()`` is the core library's document
(the same text Rust and C give, held to the committed files of examples/data/json), and
``to_dict()`` is that document as plain Python values, for ``json.dumps``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import mpp_migration as mm

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
AUTO: dict[str, Any] = {
    "cloud_connected_uc": True, "tftp_server_type": "primary", "load_server": "tftp1.example.com",
}


def golden(name: str) -> str:
    return (DATA / "json" / name).read_text(encoding="utf-8").rstrip("\n")


def plain(value: object) -> bool:
    """Only dicts with str keys, lists, str, int, bool and None."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    return value is None or isinstance(value, (str, int, bool))


def test_report_document_is_the_committed_one() -> None:
    report = mm.validate_upload(DATA / "upload.csv", "license_and_device")
    assert report.to_json() == golden("upload.report.json")
    doc = report.to_dict()
    assert plain(doc)
    assert doc == json.loads(golden("upload.report.json"))
    assert doc["counts"] == {"added": report.added, "errors": report.errors, "total": report.total}
    assert [f["code"] for f in doc["findings"]] == [f.code for f in report.findings]
    assert sorted(doc) == sorted([
        "option", "header", "counts", "severity_counts", "directory_checked", "devices",
        "findings", "rejected_rows",
    ])
    assert json.dumps(report, default=mm.to_jsonable) == json.dumps(doc)


def test_eligibility_document_is_the_committed_one() -> None:
    e = mm.check_eligibility("8845", firmware="12.8(1)")
    assert e.to_json() == golden("eligibility.8845.json")
    assert e.to_dict() == json.loads(golden("eligibility.8845.json"))
    assert e.to_dict()["status"] == "eligible"


def test_finding_document_has_every_field() -> None:
    report = mm.validate_upload(DATA / "upload.csv", "license_and_device")
    with_suggestion = next(f for f in report.findings if f.suggestion is not None)
    for f in (with_suggestion, mm.check_eligibility("8845").findings[0]):
        doc = f.to_dict()
        assert doc == {
            "number": f.number, "code": f.code, "rule": f.rule, "severity": f.severity,
            "message": f.message, "suggestion": f.suggestion, "row": f.row, "column": f.column,
        }
        assert json.loads(f.to_json()) == doc
        assert json.loads(json.dumps(f, default=mm.to_jsonable)) == doc
    # An error's finding too.
    with pytest.raises(mm.MigrationError) as caught:
        mm.normalize_mac("00-1A-2B-3C-4D-5E")
    assert caught.value.code == "mac_wrong_separator"


def test_plans_tasks_and_counts_as_dicts() -> None:
    text = "Model,MAC Address\n8845,001A2B3C4D5E\n8865,001A2B3C4D5F\n"
    board = mm.Board()
    board.create_task("T", "license_only")
    board.add_upload("T", mm.validate_upload(text.encode(), "license_only"))
    board.start_preparation("T")
    board.refresh("T", [mm.TaskEvent.prepared(m) for m in board.task("T").devices.macs()])
    task = board.task("T")
    results: list[Any] = [
        task, task.tab_counts, mm.plan_automatic(task, **AUTO), mm.plan_manual(task),
    ]
    for result in results:
        doc = result.to_dict()
        assert plain(doc), type(result).__name__
        assert doc == json.loads(result.to_json())
        assert json.loads(json.dumps(result, default=mm.to_jsonable)) == doc
    assert results[0].to_dict()["name"] == "T"
    assert results[1].to_dict()["ready"] == 2
    assert results[2].to_dict()["batches"] == [["001A2B3C4D5E", "001A2B3C4D5F"]]


def test_to_jsonable_refuses_other_objects() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        json.dumps(object(), default=mm.to_jsonable)
