"""Upload fidelity through Python (issue 9 sections 4 and 5, issue 14 section 3): Control Hub's
own template (EXT-13), header problems that refuse only the rows depending on them (CSV-10,
DEC-8, DEC-9), an unclosed quote (DEC-10), exact names (DEC-7), wide Unified CM exports
(EXT-14), and exports that upload again to the values they were written from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import mpp_migration as mm

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
CORPUS = DATA / "corpus"
DIRECTORY = mm.Directory.from_json_file(DATA / "directory.json")
HEADER = "Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan\n"


def codes(report: mm.UploadReport) -> list[tuple[int | None, str]]:
    return [(f.row, f.code) for f in report.findings]


def names(report: mm.UploadReport) -> list[tuple[str | None, str | None]]:
    return [(d.username, d.location) for d in report.devices]


def test_ext13_control_hubs_add_device_template_is_read() -> None:
    report = mm.validate_upload(CORPUS / "control_hub_template.csv", "license_and_device", DIRECTORY)
    assert (report.added, report.errors, report.total) == (3, 1, 4)
    extra = report.findings[0]
    assert (extra.row, extra.code, extra.column, extra.severity) == (
        1, "header_extra_column", "Webex Go", "warning")
    assert "ignored" in extra.message
    reception = report.devices[1]
    assert reception.username == "Reception" and reception.call_plan is True
    assert mm.ERROR_CODES["header_extra_column"] == 331


def test_csv10_an_activation_code_column_refuses_the_rows_that_give_one() -> None:
    report = mm.validate_upload(CORPUS / "activation_code_column.csv", "license_only", DIRECTORY)
    assert (report.added, report.errors) == (2, 1)
    refused = [f for f in report.findings if f.row == 3 and f.code == "activation_code_unsupported"]
    assert refused and refused[0].column == "Activation Code"
    assert "1234567890123456" in refused[0].message


def test_dec9_a_duplicated_column_refuses_rows_whose_cells_differ() -> None:
    report = mm.validate_upload(CORPUS / "duplicate_columns.csv", "license_only", DIRECTORY)
    assert codes(report) == [(1, "header_duplicate_column"), (3, "duplicate_column_conflict")]
    assert report.findings[0].severity == "warning"
    assert '"8845"' in report.findings[1].message and '"8865"' in report.findings[1].message
    assert mm.ERROR_CODES["duplicate_column_conflict"] == 332


def test_dec10_an_unclosed_quote_is_one_bad_row() -> None:
    report = mm.validate_upload(CORPUS / "unterminated_quote.csv", "license_only", DIRECTORY)
    assert (report.added, report.errors, report.total) == (2, 1, 3)
    assert codes(report) == [(3, "unterminated_quote")]
    assert report.findings[0].rule == "DEC-10"


def test_dec7_names_match_exactly() -> None:
    report = mm.validate_upload(CORPUS / "names_exact.csv", "license_and_device", DIRECTORY)
    mismatches = [(f.row, f.code, f.suggestion) for f in report.findings]
    assert mismatches == [
        (2, "workspace_name_mismatch", "Lobby"),
        (3, "location_name_mismatch", "HQ"),
        (5, "workspace_name_mismatch", "Board Room"),
        (5, "location_name_mismatch", "HQ"),
    ]


def test_ext14_a_wide_export_is_read_and_a_wider_row_names_the_limit() -> None:
    extra = [f"Extra {i}" for i in range(228)]
    wide = "Model,MAC Address," + ",".join(extra) + "\n8845,001A2B3C4DC0," + ",".join(["x"] * 228)
    report = mm.validate_upload(wide.encode(), "license_only")
    assert (report.added, report.errors) == (1, 0)
    too_wide = "Model,MAC Address\n" + ",".join(["x"] * 600) + "\n"
    report = mm.validate_upload(too_wide.encode(), "license_only")
    assert report.findings[0].code == "record_too_long"
    assert "limit of 512 fields" in report.findings[0].message


@pytest.mark.parametrize("name", ["-Lab-", "@Home", "=1+1", "Smith\\", "'-quoted", "a\\,b"])
def test_exports_upload_again_to_the_original_names(name: str) -> None:
    directory = mm.Directory(locations=[mm.Location("+Site", cisco_pstn=True)])
    cell = '"' + name.replace('"', '""') + '"'
    csv = (HEADER
           + f"WORKSPACE,{cell},+14085550190,,IP,8845,001A2B3C4DC1,+Site,true\n"
           + f"WORKSPACE,{cell},+14085550191,,IP,9999,001A2B3C4DC2,+Site,\n")
    report = mm.validate_upload(csv.encode(), "license_and_device", directory)
    expected = name[1:] if name == "'-quoted" else name  # the spreadsheet's text marker
    assert names(report) == [(expected, "+Site")]
    again = mm.validate_upload(report.devices_csv().encode(), "license_and_device", directory)
    assert names(again) == names(report) and again.errors == 0
    fixed = report.errors_csv().replace(",9999,", ",8845,")
    fixed_report = mm.validate_upload(fixed.encode(), "license_and_device", directory)
    assert names(fixed_report) == [(expected, "+Site")], fixed


def test_directory_json_only_in_its_object_form() -> None:
    for text in ['[1,["a@example.com"],["Lobby"]]', "[]", '{"locations": [["HQ", true, []]]}']:
        with pytest.raises(mm.InputError) as info:
            mm.Directory.from_json(text)
        assert info.value.code == "json_invalid" and "expected an object" in info.value.message


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"workspaces": ["Lob\x00by"]}, "U+0000"),
        ({"locations": [mm.Location("H\nQ")]}, "U+000A"),
        ({"workspaces": ["Lobby", "lobby"]}, "case or spacing"),
        ({"workspaces": ["Lobby", "Lobby"]}, "appears twice"),
        ({"locations": [mm.Location("HQ"), mm.Location("hq")]}, "case or spacing"),
    ],
)
def test_directory_names_one_rule_for_workspaces_and_locations(
    kwargs: dict[str, Any], words: str
) -> None:
    with pytest.raises(mm.UploadError) as info:
        mm.Directory(**kwargs)
    assert info.value.code == "directory_invalid" and words in info.value.message, str(info.value)


def test_dec7_without_a_directory_surrounding_spaces_are_kept_with_a_warning() -> None:
    report = mm.validate_upload(CORPUS / "names_exact.csv", "license_and_device")
    assert names(report)[:2] == [(" Lobby ", "HQ"), ("Lobby", " HQ ")]
    warning = report.findings[0]
    assert (warning.code, warning.severity, warning.suggestion) == (
        "name_surrounding_spaces", "warning", "Lobby")


def test_csv15_the_errors_file_of_an_errors_file_keeps_one_errors_column() -> None:
    first = mm.validate_upload(DATA / "upload.csv", "license_and_device", DIRECTORY).errors_csv()
    second = mm.validate_upload(first.encode(), "license_and_device", DIRECTORY).errors_csv()
    assert second.splitlines()[0] == first.splitlines()[0]
    assert second.splitlines()[0].count("Errors") == 1
