"""Eligibility through Python (ELIG-1, DEV-1 to DEV-5, DEV-8, EXT-1 to EXT-8):
`check_eligibility`, `Eligibility`, `EligibilityStatus`, `EligibilityTable` and its rows."""

from __future__ import annotations

import copy
import pickle
from enum import Enum
from typing import Optional

import pytest

import mpp_migration as mm

S = mm.EligibilityStatus


def codes(e: mm.Eligibility) -> list[str]:
    return [f.code for f in e.findings]


# --- the status enum ----------------------------------------------------------------------


def test_status_is_a_str_enum_equal_to_its_value() -> None:
    assert issubclass(S, str) and issubclass(S, Enum)
    assert [(m.name, m.value) for m in S] == [
        ("ELIGIBLE", "eligible"), ("NOT_ELIGIBLE", "not_eligible"), ("UNKNOWN", "unknown"),
    ]
    eligible: mm.EligibilityStatus = S.ELIGIBLE
    assert eligible == "eligible" and S("not_eligible") is S.NOT_ELIGIBLE
    assert str(S.UNKNOWN) == "unknown" and f"{S.UNKNOWN}" == "unknown"
    by_status: dict[str, int] = {S.ELIGIBLE: 1}
    assert by_status["eligible"] == 1
    e = mm.check_eligibility("8845")
    assert e.status == "eligible" and e.status is S.ELIGIBLE
    assert S.__module__ == "mpp_migration._types"


# --- EXT-2 / DEV-5 boundaries -------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "vid", "status"),
    [
        ("CP-7821-K9=", "V01", "not_eligible"),
        ("CP-7821-K9=", "V02", "not_eligible"),
        ("CP-7821-K9=", "V03", "eligible"),
        ("CP-7821-K9=", "V15", "eligible"),
        ("CP-7821-K9=", "V24", "eligible"),
        ("CP-7821-K9=", "V25", "not_eligible"),
        ("7841", "V03", "not_eligible"),
        ("7841", "V04", "eligible"),
        ("7861", "V02", "not_eligible"),
        ("7861", "V03", "eligible"),
        ("7811", "V01", "eligible"),
        ("7832", "V99", "eligible"),
        ("Cisco 8845", "V01", "eligible"),
    ],
)
def test_ext2_hardware_boundaries(model: str, vid: str, status: str) -> None:
    e = mm.check_eligibility(model, hardware_version=vid)
    assert e.status == status
    if status == "not_eligible":
        (finding,) = e.findings
        assert (finding.code, finding.rule, finding.severity) == (
            "hardware_version_not_eligible", "DEV-5", "error",
        )
        assert f"hardware {vid} cannot migrate" in finding.message
    else:
        assert "factory_reset" in codes(e)


def test_7821_message_names_the_eligible_range() -> None:
    (f,) = mm.check_eligibility("CP-7821-K9=", "V02").findings
    assert f.message == "7821 hardware V02 cannot migrate; 7821 migrates from V03 to V24"
    assert f.row is None and f.column is None and f.suggestion is None


def test_the_vid_may_come_from_the_label_or_as_a_value() -> None:
    for args in (("CP-7821-K9=V03",), ("CP-7821-K9=V03", "V03"), ("7821", "v3"),
                 ("7821", mm.HardwareVersion("V03")), (mm.parse_model("7821"), "V03")):
        assert mm.check_eligibility(*args).status == "eligible", args
    assert mm.check_eligibility("CP-7821-K9=V25").status == "not_eligible"
    with pytest.raises(mm.InputError) as info:
        mm.check_eligibility("CP-7821-K9=V03", "V04")
    assert info.value.code == "invalid_argument"
    assert "V03" in info.value.message and "V04" in info.value.message


# --- EXT-3 unknown, DEV-2 / DEV-4 not eligible --------------------------------------------


@pytest.mark.parametrize("model", ["7821", "CP-7841-K9=", "Cisco 7861"])
def test_ext3_unknown_without_a_vid_where_it_matters(model: str) -> None:
    e = mm.check_eligibility(model)
    assert e.status is S.UNKNOWN
    assert codes(e) == ["hardware_version_unknown", "factory_reset"]
    assert e.findings[0].rule == "EXT-3" and e.findings[0].severity == "warning"
    assert "give the VID printed on the label" in e.findings[0].message


@pytest.mark.parametrize("model", ["7811", "7832", "8845", "8865", "8811", "8841"])
def test_ext3_eligible_without_a_vid_where_every_vid_is(model: str) -> None:
    assert mm.check_eligibility(model).status is S.ELIGIBLE


@pytest.mark.parametrize("model", ["8821", "CP-8821-K9=", "8851NR", "8865NR", "8831"])
def test_dev2_models_that_cannot_migrate(model: str) -> None:
    e = mm.check_eligibility(model, hardware_version="V05")
    assert e.status is S.NOT_ELIGIBLE
    (f,) = e.findings
    assert (f.code, f.rule, f.severity) == ("model_not_eligible", "DEV-2", "error")
    assert 'table "control_hub"' in f.message


def test_dev4_the_6800_series_runs_mpp_only() -> None:
    for model in ("6851", "CP-6851", "Cisco 6871"):
        e = mm.check_eligibility(model)
        assert (e.status, codes(e)) == (S.NOT_ELIGIBLE, ["model_mpp_only"]), model
        assert e.findings[0].rule == "DEV-4"


def test_unreadable_inputs_raise() -> None:
    with pytest.raises(mm.IdentifierError) as info:
        mm.check_eligibility("CP-8854-K9=")
    assert (info.value.code, info.value.suggestion) == ("model_unknown", "8851")
    with pytest.raises(mm.IdentifierError) as info:
        mm.check_eligibility("7821", "V100")
    assert info.value.code == "hardware_version_invalid"
    with pytest.raises(mm.IdentifierError) as info:
        mm.check_eligibility("7821", "V03", "14.x")
    assert info.value.code == "firmware_version_invalid"


@pytest.mark.parametrize(
    "args",
    [(None,), (8845,), ("8845", 3), ("8845", None, 14.1), ("8845", b"V03"),
     ("8845", mm.FirmwareVersion("14.1(1)"))],
)
def test_arguments_of_the_wrong_type_are_input_errors(args: tuple[object, ...]) -> None:
    with pytest.raises(mm.InputError) as info:
        mm.check_eligibility(*args)  # type: ignore[arg-type]
    assert info.value.code == "invalid_argument"


# --- warnings: DEV-2 8832NR, DEV-3 V15, EXT-6 firmware, EXT-8, DEV-8 ----------------------


def test_dev3_ext4_ext8_dev8_warnings() -> None:
    e = mm.check_eligibility("8861", "V15")
    assert e.status is S.ELIGIBLE
    assert codes(e) == ["minimum_mpp_firmware", "factory_reset", "wifi_settings_lost"]
    assert all(f.severity == "warning" for f in e.findings)
    assert e.findings[0].message == (
        "8861 hardware V15 needs MPP firmware 11.3.3 or later and cannot be downgraded below it"
    )
    assert codes(mm.check_eligibility("8861", "V14")) == ["factory_reset", "wifi_settings_lost"]
    nr = mm.check_eligibility("8832NR")
    assert (nr.status, codes(nr)) == (S.ELIGIBLE, ["model_limited_features", "factory_reset"])


@pytest.mark.parametrize(
    ("firmware", "status", "code"),
    [
        ("12.8(1)", "eligible", "firmware_needs_cop"),
        ("sip78xx.12-8-1-0001-14", "eligible", "firmware_needs_cop"),
        ("12.5(1)SR3", "eligible", "firmware_needs_cop"),
        ("12.1(1)", "not_eligible", "firmware_below_minimum"),
        ("sip78xx.11-0-1-0001-1.loads", "not_eligible", "firmware_below_minimum"),
        ("14.1(1)", "eligible", None),
        ("14-2-1", "eligible", None),
        ("sip78xx.12-0-7MPP0501-123", "not_eligible", "firmware_already_mpp"),
    ],
)
def test_ext6_firmware(firmware: str, status: str, code: Optional[str]) -> None:
    e = mm.check_eligibility("7811", firmware=firmware)
    assert e.status == status
    firmware_codes = [c for c in codes(e) if c.startswith("firmware_")]
    assert firmware_codes == ([code] if code else [])
    assert mm.check_eligibility("7811", None, mm.FirmwareVersion(firmware)) == e


def test_firmware_12_8_is_a_warning_to_apply_a_cop_file() -> None:
    e = mm.check_eligibility("CP-8845-K9=", firmware="12.8(1)")
    f = e.findings[0]
    assert (f.code, f.severity, f.rule) == ("firmware_needs_cop", "warning", "EXT-6")
    assert "E2M COP file" in f.message and "12.8(1)" in f.message


def test_dec11_below_12_5_cannot_migrate_until_upgraded() -> None:
    e = mm.check_eligibility("8845", firmware="sip8845_65.12-1-1-0001-1")
    assert e.status is S.NOT_ELIGIBLE
    (f,) = e.findings
    assert (f.code, f.severity, f.rule) == ("firmware_below_minimum", "error", "EXT-6")
    assert "cannot migrate until it is upgraded" in f.message


# --- every device type of a real Unified CM cluster (EXT-15, EXT-17) ------------------------

# Unified CM device types as AXL listPhone and the BAT export write them.
@pytest.mark.parametrize(
    ("device_type", "model_class", "code"),
    [
        ("Cisco 7960", "no_mpp_firmware", "model_cannot_migrate"),
        ("Cisco 7945", "no_mpp_firmware", "model_cannot_migrate"),
        ("Cisco 7925", "no_mpp_firmware", "model_cannot_migrate"),
        ("Cisco 8945", "no_mpp_firmware", "model_cannot_migrate"),
        ("Cisco 9971", "no_mpp_firmware", "model_cannot_migrate"),
        ("Cisco 6921", "no_mpp_firmware", "model_cannot_migrate"),
        ("Cisco ATA 191", "no_mpp_firmware", "model_cannot_migrate"),
        ("Cisco 8821-EX", "no_mpp_firmware", "model_cannot_migrate"),
        ("Cisco 8875", "phone_os", "model_cannot_migrate"),
        ("Cisco 9841", "phone_os", "model_cannot_migrate"),
        ("Cisco 6825", "mpp_only", "model_mpp_only"),
        ("Cisco Unified Client Services Framework", "soft_client", "model_cannot_migrate"),
        ("Cisco Dual Mode for iPhone", "soft_client", "model_cannot_migrate"),
        ("Cisco Dual Mode for Android", "soft_client", "model_cannot_migrate"),
        ("Cisco IP Communicator", "soft_client", "model_cannot_migrate"),
        ("CTI Port", "virtual_device", "model_cannot_migrate"),
        ("CTI Route Point", "virtual_device", "model_cannot_migrate"),
        ("Third-party SIP Device (Basic)", "third_party", "model_cannot_migrate"),
        ("Third-party SIP Device (Advanced)", "third_party", "model_cannot_migrate"),
        ("Cisco Webex Room Kit", "video_device", "model_cannot_migrate"),
    ],
)
def test_ext17_known_but_not_eligible_with_the_reason(
    device_type: str, model_class: str, code: str
) -> None:
    model = mm.parse_model(device_type)
    assert model.model_class == model_class and model.reason is not None
    assert model.ucm_name == device_type
    e = mm.check_eligibility(device_type)
    assert e.status is S.NOT_ELIGIBLE
    (f,) = e.findings
    assert (f.code, f.severity) == (code, "error")
    assert model.reason in f.message and "Some(" not in f.message


def test_dec9_an_upload_names_such_devices_not_eligible_not_unknown() -> None:
    # Device types as a Unified CM export spells them (EXT-14), in a license-only upload.
    csv = (
        "Model,MAC Address\n"
        "Cisco 7960,001A2B3C4E01\n"
        "CTI Port,001A2B3C4E02\n"
        "Cisco 8845,001A2B3C4E03\n"
        "Cisco 8945,001A2B3C4E04\n"
        "Cisco 6825,001A2B3C4E05\n"
    )
    report = mm.validate_upload(csv.encode(), option="license_only")
    assert [d.mac for d in report.devices] == ["001A2B3C4E03"]
    assert [(f.row, f.code) for f in report.findings if f.severity == "error"] == [
        (2, "model_cannot_migrate"),
        (3, "model_cannot_migrate"),
        (5, "model_cannot_migrate"),
        (6, "model_mpp_only"),
    ]
    assert all(f.code != "model_unknown" for f in report.findings)


def test_ext15_spellings_of_ris_axl_and_the_phones() -> None:
    # RisPort70 numeric Model codes (core/data/MODELS_SOURCES.md).
    assert mm.parse_model("36224").name == "8845"
    assert mm.parse_model("36224").ris_model == 36224
    assert mm.parse_model("Cisco 7821").ris_model == 621
    assert mm.parse_model("503").name == "Unified Client Services Framework"
    assert mm.parse_model("Cisco 8832NR").ris_model == 36260
    assert mm.parse_model("Cisco IP Phone 8851").name == "8851"
    assert mm.parse_model("Cisco Unified IP Phone 7960G").name == "7960"
    assert "7960G" in mm.parse_model("7960").aliases
    assert mm.parse_model("CSF").model_class == "soft_client"
    assert mm.parse_model("8845").mpp_load_family == "sip8845_65"
    assert mm.parse_model("7960").mpp_load_family is None
    assert mm.parse_model("Cisco 7960").series == "7900"
    assert {m.model_class for m in mm.models()} >= {"mpp_convertible", "mpp_only", "video_device"}


@pytest.mark.parametrize(("text", "suggestion"), [("8854", "8851"), ("CP-7832X", "7832"), ("7966", None), ("9821", None)])
def test_did_you_mean_only_for_a_typo_of_the_same_series(text: str, suggestion: Optional[str]) -> None:
    with pytest.raises(mm.IdentifierError) as info:
        mm.parse_model(text)
    assert (info.value.code, info.value.suggestion) == ("model_unknown", suggestion)


def test_no_known_product_is_corrected_into_another() -> None:
    for text, name in [("Cisco 8945", "8945"), ("Cisco 9841", "9841"), ("7960", "7960"), ("Cisco 6921", "6921")]:
        assert mm.parse_model(text).name == name


# --- tables --------------------------------------------------------------------------------


def test_the_ordering_guide_makes_the_nr_models_eligible() -> None:
    guide = mm.EligibilityTable.cisco_ordering_guide()
    assert guide.name == "cisco_ordering_guide"
    assert mm.check_eligibility("8865NR", table=guide).status is S.ELIGIBLE
    assert mm.check_eligibility("8865NR", table="cisco_ordering_guide").status is S.ELIGIBLE
    assert guide.check("Cisco 8865NR").status is S.ELIGIBLE
    e = guide.check("8851NR", "V15")
    assert (e.status, codes(e)[0]) == (S.ELIGIBLE, "minimum_mpp_firmware")
    assert mm.check_eligibility("8865NR").status is S.NOT_ELIGIBLE
    assert mm.check_eligibility("8865NR", table="control_hub").status is S.NOT_ELIGIBLE
    with pytest.raises(mm.InputError):
        mm.check_eligibility("8865NR", table="ordering_guide")
    with pytest.raises(mm.InputError):
        mm.check_eligibility("8865NR", table=1)  # type: ignore[arg-type]


def test_bundled_tables() -> None:
    hub = mm.EligibilityTable.control_hub()
    assert hub == mm.EligibilityTable.by_name("control_hub") == mm.EligibilityTable.control_hub()
    assert hub != mm.EligibilityTable.cisco_ordering_guide()
    assert hub.name == "control_hub" and len(hub) == len(hub.rules) == 27
    assert repr(hub) == 'EligibilityTable(name="control_hub", rules=27)'
    with pytest.raises(mm.InputError):
        mm.EligibilityTable.by_name("nope")
    rule = next(r for r in hub.rules if r.model.name == "7821" and r.status == "eligible")
    assert (rule.vid_from, rule.vid_to, rule.status, rule.warnings, rule.source) == (
        mm.HardwareVersion("V03"), mm.HardwareVersion("V24"), S.ELIGIBLE, [], "DEV-1 EXT-2",
    )
    assert rule.contains("V03") and rule.contains(mm.HardwareVersion("V24"))
    assert not rule.contains("V25") and not rule.contains("V02")
    assert repr(rule) == 'EligibilityRule(model="7821", vid_from="V03", vid_to="V24", status="eligible")'
    v15 = next(r for r in hub.rules if r.model.name == "8832" and r.vid_from is not None)
    assert v15.warnings == ["model_limited_features", "minimum_mpp_firmware"]
    assert v15.vid_to is None


def test_tables_round_trip_through_csv() -> None:
    for table in (mm.EligibilityTable.control_hub(), mm.EligibilityTable.cisco_ordering_guide()):
        text = table.to_csv()
        assert text.splitlines()[0] == "model,vid_from,vid_to,status,warnings,source"
        again = mm.EligibilityTable.from_csv(text, name=table.name)
        assert again == table and again.to_csv() == text
        assert mm.EligibilityTable.from_csv(text.encode(), name=table.name) == table
        assert mm.EligibilityTable.from_csv(text).name == "custom"
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            assert pickle.loads(pickle.dumps(table, protocol)) == table


@pytest.mark.parametrize(
    "source",
    ["site survey, 2024", 'the "lab" reading', "line one\nline two", '=HYPERLINK("http://x","y")', "+1", "@me"],
)
def test_to_csv_quotes_and_neutralises_and_round_trips(source: str) -> None:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(
        [["model", "vid_from", "vid_to", "status", "warnings", "source"], ["7811", "", "", "eligible", "", source]]
    )
    table = mm.EligibilityTable.from_csv(buf.getvalue(), name="host")
    assert table.rules[0].source == source
    text = table.to_csv()
    assert not any(cell.startswith(("=", "+", "@")) for row in csv.reader(io.StringIO(text)) for cell in row)
    assert mm.EligibilityTable.from_csv(text, name="host") == table


HOST = """model,vid_from,vid_to,status,warnings,source
7821,,V05,not_eligible,,host lab
7821,V06,,eligible,,host lab
"""


def test_a_host_table() -> None:
    table = mm.EligibilityTable.from_csv(HOST, name="host")
    assert (table.name, len(table)) == ("host", 2)
    assert table.check("7821", "V05").status is S.NOT_ELIGIBLE
    assert table.check("7821", "V06").status is S.ELIGIBLE
    assert mm.check_eligibility("7821", "V30", table=table).status is S.ELIGIBLE
    # A model the table has no row for is unknown, not an error.
    e = table.check("8845")
    assert (e.status, codes(e)) == (S.UNKNOWN, ["eligibility_no_rule", "factory_reset"])
    assert 'table "host"' in e.findings[0].message
    # The table also decides an upload's model check. An upload refuses only what cannot
    # migrate: an unknown eligibility is for the task to settle (ELIG-2), not a finding.
    csv = b"Model,MAC Address\nCP-7821-K9=V05,001A2B3C4D5E\n7821,001A2B3C4D5F\n8845,001A2B3C4D60\n"
    report = mm.validate_upload(csv, "license_only", eligibility=table)
    assert [(f.row, f.code, f.column) for f in report.findings] == [
        (2, "hardware_version_not_eligible", "Model"),
    ]
    assert report.devices.column("row") == [3, 4]
    assert mm.validate_upload(csv, "license_only").added == 3


@pytest.mark.parametrize(
    ("text", "row", "column", "words"),
    [
        ("model,vid_from,vid_to,status,warnings,source\n7821,V24,V03,eligible,,host\n",
         2, "vid_to", "the range V24 to V03 is inverted"),
        ("model,vid_from,vid_to,status,warnings,source\n7811,,,eligible,,a\n7821,V03,V10,eligible,,a\n"
         "7821,V05,,not_eligible,,a\n", 4, "vid_from", "overlaps"),
        ("model,vid_from,vid_to,status,warnings,source\n8854,,,eligible,,a\n", 2, "model",
         "8854"),
        ("model,vid_from,vid_to,status,warnings,source\n6851,,,eligible,,a\n", 2, "model",
         "DEV-4"),
        ("model,vid_from,vid_to,status,warnings,source\n8845,,,unknown,,a\n", 2, "status",
         "not eligible or not_eligible"),
        ("model,vid_from,vid_to,status,warnings,source\n8845,,,eligible,wifi,a\n", 2,
         "warnings", "wifi"),
        ("model,vid_from,vid_to,status,warnings,source\n8845,,,eligible,,\n", 2, "source",
         "cite"),
        ("model,vid_from,vid_to,status,warnings,source\n8845,V0X,,eligible,,a\n", 2,
         "vid_from", "V0X"),
        ("model,status\n", 1, None, "the header must be"),
        ("", 1, None, "empty"),
        ("model,vid_from,vid_to,status,warnings,source\n8845,,,eligible\n", 2, None,
         "4 fields; expected 6"),
    ],
)
def test_a_bad_host_table_is_refused_with_its_row(
    text: str, row: int, column: Optional[str], words: str
) -> None:
    with pytest.raises(mm.EligibilityError) as info:
        mm.EligibilityTable.from_csv(text, name="host")
    err = info.value
    assert (err.code, err.number) == (
        "eligibility_table_invalid", mm.ERROR_CODES["eligibility_table_invalid"],
    )
    assert (err.row, err.column) == (row, column), str(err)
    assert words in err.message and 'eligibility table "host"' in err.message
    assert err.finding.row == row


def test_from_csv_arguments() -> None:
    with pytest.raises(mm.InputError):
        mm.EligibilityTable.from_csv(None)  # type: ignore[arg-type]
    with pytest.raises(mm.InputError):
        mm.EligibilityTable.from_csv(HOST, name=3)  # type: ignore[arg-type]


# --- values ---------------------------------------------------------------------------------


def test_eligibility_values() -> None:
    a, b = mm.check_eligibility("7821", "V03"), mm.check_eligibility("CP-7821-K9=V03")
    assert a == b and hash(a) == hash(b) and a != mm.check_eligibility("7821", "V02")
    assert repr(mm.check_eligibility("7821", "V02")) == (
        "Eligibility(status=\"not_eligible\", findings=[\"hardware_version_not_eligible\"])"
    )
    with pytest.raises(AttributeError):
        setattr(a, "status", S.UNKNOWN)
    for e in (a, mm.check_eligibility("7841"), mm.check_eligibility("8821")):
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            again = pickle.loads(pickle.dumps(e, protocol))
            assert again == e and again.status is e.status
        assert copy.deepcopy(e) == e
