"""Identifiers through the Python module: MAC (DEV-6, DEV-7, DEC-3, EXT-7), E.164 (CSV-5,
DEC-4, EXT-12), email (CSV-4), models (DEV-1, DEV-2, DEV-4, DEV-8, EXT-9), hardware versions
(EXT-1) and firmware versions (EXT-6)."""

from __future__ import annotations

from typing import Any, Callable, Optional

import pytest

import mpp_migration as mm

MAC = "001A2B3C4D5E"


def raises(code: str, call: Callable[[], object]) -> mm.MigrationError:
    """Runs `call`, checks it raises `IdentifierError` with `code`, and returns the error."""
    with pytest.raises(mm.IdentifierError) as info:
        call()
    err = info.value
    assert err.code == code, f"{err.code}: {err}"
    assert err.number == mm.ERROR_CODES[code]
    return err


# --- MAC addresses (DEV-6, DEV-7, DEC-3, EXT-7) ------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    [
        "001A2B3C4D5E",
        "001a2b3c4d5e",
        "001a2B3c4D5e",
        "00:1A:2B:3C:4D:5E",
        "00:1a:2b:3c:4d:5e",
        "  001A2B3C4D5E\t",
        "\n00:1a:2b:3c:4d:5e ",
    ],
)
def test_dev6_both_forms_in_either_case_with_surrounding_space(spelling: str) -> None:
    assert mm.normalize_mac(spelling) == MAC


@pytest.mark.parametrize(
    ("spelling", "code", "rule", "suggestion"),
    [
        ("", "mac_invalid_length", "DEV-6", None),
        ("   ", "mac_invalid_length", "DEV-6", None),
        ("001A2B3C4D", "mac_invalid_length", "DEV-6", None),
        ("001A2B3C4D5E6F", "mac_invalid_length", "DEV-6", None),
        ("00:1A:2B:3C:4D", "mac_invalid_length", "DEV-6", None),
        ("00-1A-2B-3C-4D", "mac_invalid_length", "DEV-6", None),
        ("001A2B3C4D5G", "mac_invalid_character", "DEV-6", None),
        ("001A2B3C4D5\u00c9", "mac_invalid_character", "DEV-6", None),
        ("0x001A2B3C4D5E", "mac_invalid_character", "DEV-6", None),
        # The letter O typed for a zero: refused, with the fix.
        ("0O1A2B3C4D5E", "mac_invalid_character", "DEV-6", MAC),
        ("OO1A2B3C4D5E", "mac_invalid_character", "DEV-6", MAC),
        ("oo1a2b3c4d5e", "mac_invalid_character", "DEV-6", MAC),
        ("0O:1A:2B:3C:4D:5E", "mac_invalid_character", "DEV-6", MAC),
        # DEC-3: dash, dot and SEP forms are refused with the normalised value as the fix.
        ("00-1A-2B-3C-4D-5E", "mac_wrong_separator", "DEC-3", MAC),
        ("00-1a-2b-3c-4d-5e", "mac_wrong_separator", "DEC-3", MAC),
        ("001A.2B3C.4D5E", "mac_wrong_separator", "DEC-3", MAC),
        ("00.1a.2b.3c.4d.5e", "mac_wrong_separator", "DEC-3", MAC),
        ("001A 2B3C4D5E", "mac_wrong_separator", "DEC-3", MAC),
        ("00:1A-2B:3C-4D:5E", "mac_wrong_separator", "DEC-3", MAC),
        ("SEP001A2B3C4D5E", "mac_device_name", "DEC-3", MAC),
        ("sep001a2b3c4d5e", "mac_device_name", "DEC-3", MAC),
        ("SEP00:1A:2B:3C:4D:5E", "mac_device_name", "DEC-3", MAC),
        # Twelve digits, but not six colon-separated pairs.
        ("001A:2B3C:4D5E", "mac_invalid_grouping", "DEV-6", MAC),
        ("0:01A:2B:3C:4D:5E", "mac_invalid_grouping", "DEV-6", MAC),
        ("00:1A:2B:3C:4D:5E:", "mac_invalid_grouping", "DEV-6", MAC),
    ],
)
def test_dev6_dec3_refusals_name_the_problem_and_the_fix(
    spelling: str, code: str, rule: str, suggestion: Optional[str]
) -> None:
    err = raises(code, lambda: mm.normalize_mac(spelling))
    assert err.rule == rule
    assert err.severity == "error"
    assert err.suggestion == suggestion
    if suggestion is not None:
        # The suggested fix is itself accepted, and is what the user meant.
        assert mm.normalize_mac(suggestion) == suggestion


def test_dev6_messages_say_what_was_expected() -> None:
    assert "10 hexadecimal digits; expected 12" in raises(
        "mac_invalid_length", lambda: mm.normalize_mac("001A2B3C4D")
    ).message
    assert "'G'" in raises(
        "mac_invalid_character", lambda: mm.normalize_mac("001A2B3C4D5G")
    ).message
    # An invisible character is named by its code point.
    assert "U+0000" in raises(
        "mac_invalid_character", lambda: mm.normalize_mac("001A2B3C4D5\x00")
    ).message
    assert "letter 'O'" in raises(
        "mac_invalid_character", lambda: mm.normalize_mac("0O1A2B3C4D5E")
    ).message


@pytest.mark.parametrize("spelling", ["001a2b3c4d5e", "00:1A:2B:3C:4D:5E", " 00:1a:2b:3c:4d:5e "])
def test_dev7_ext7_names_derived_from_the_mac(spelling: str) -> None:
    assert mm.device_name(spelling) == "SEP001A2B3C4D5E"
    assert mm.license_file_name(spelling) == "001A2B3C4D5E.lic"
    assert (
        mm.license_url(spelling)
        == "https://cloudupgrader.webex.com/licenses/e2m/001A2B3C4D5E.lic"
    )


@pytest.mark.parametrize("function", [mm.device_name, mm.license_file_name, mm.license_url])
def test_dev7_ext7_names_refuse_what_normalize_mac_refuses(
    function: Callable[[str], str],
) -> None:
    err = raises("mac_wrong_separator", lambda: function("00-1A-2B-3C-4D-5E"))
    assert err.suggestion == MAC
    raises("mac_invalid_length", lambda: function("001A"))


# --- E.164 (CSV-5, DEC-4, EXT-12) --------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "normalised"),
    [
        ("+14085550100", "+14085550100"),
        ("+1 408 555 0100", "+14085550100"),
        ("+1 (408) 555-0100", "+14085550100"),
        ("+1.408.555.0100", "+14085550100"),
        (" +1-408-555-0100 ", "+14085550100"),
        ("+358 9 1234567", "+35891234567"),
        ("+44 20 7946 0958", "+442079460958"),
        ("+49 800 1234567890", "+498001234567890"),  # 15 digits is the maximum
    ],
)
def test_dec4_formatting_is_dropped(spelling: str, normalised: str) -> None:
    assert mm.normalize_e164(spelling) == normalised
    assert str(mm.E164(spelling)) == normalised


@pytest.mark.parametrize(
    ("spelling", "code", "rule", "suggestion"),
    [
        ("4085550100", "e164_missing_plus", "DEC-4", None),
        ("0099 1234567", "e164_missing_plus", "DEC-4", None),
        # "00" is the international prefix: the fix replaces it with "+".
        ("0044 20 7946 0958", "e164_missing_plus", "DEC-4", "+442079460958"),
        ("00 44 20 7946 0958", "e164_missing_plus", "DEC-4", "+442079460958"),
        ("001 408 555 0100", "e164_missing_plus", "DEC-4", "+14085550100"),
        ("+1 800 FLOWERS", "e164_invalid_character", "CSV-5", None),
        ("+14085550100 x12", "e164_invalid_character", "CSV-5", None),
        ("+1/408/555/0100", "e164_invalid_character", "CSV-5", None),
        ("+1234567890123456", "e164_too_long", "EXT-12", None),
        ("", "e164_too_short", "EXT-12", None),
        ("+", "e164_too_short", "EXT-12", None),
        ("+44 123", "e164_too_short", "EXT-12", None),
        ("+0123456789", "e164_leading_zero", "EXT-12", None),
        ("+999 1234567", "e164_unknown_country_code", "EXT-12", None),
        ("+2591234567", "e164_unknown_country_code", "EXT-12", None),
    ],
)
def test_ext12_refusals(spelling: str, code: str, rule: str, suggestion: Optional[str]) -> None:
    err = raises(code, lambda: mm.normalize_e164(spelling))
    assert (err.rule, err.suggestion) == (rule, suggestion)
    same = raises(code, lambda: mm.E164(spelling))
    assert same.finding == err.finding
    if suggestion is not None:
        assert mm.normalize_e164(suggestion) == suggestion


@pytest.mark.parametrize(
    ("spelling", "country_code", "region", "national"),
    [
        ("+358 9 1234567", 358, "Finland", "91234567"),
        ("+44 20 7946 0958", 44, "United Kingdom", "2079460958"),
        ("+1 (408) 555-0100", 1, mm.country_calling_code_region(1), "4085550100"),
    ],
)
def test_e164_parts(spelling: str, country_code: int, region: str, national: str) -> None:
    number = mm.E164(spelling)
    assert number.country_calling_code == country_code
    assert number.region == region
    assert number.national_number == national
    assert str(number) == f"+{country_code}{national}"
    assert repr(number) == f'E164("+{country_code}{national}")'


def test_e164_values_compare_by_number() -> None:
    a, b = mm.E164("+1 408 555 0100"), mm.E164("+1-408-555-0100")
    c = mm.E164("+44 20 7946 0958")
    assert a == b and hash(a) == hash(b) and len({a, b, c}) == 2
    assert a != c and not (a < b) and not (a > b) and a <= b and a >= b
    # A total order: exactly one of <, ==, > holds.
    assert (a < c) != (c < a)


@pytest.mark.parametrize(
    ("code", "region"),
    [(1, "North American Numbering Plan (US, CA and the Caribbean)"), (44, "United Kingdom"),
     (358, "Finland"), (7, "Russia and Kazakhstan"), (0, None), (999, None), (1000, None),
     # Any int: one that no u16 holds is simply no country calling code.
     (-1, None), (70000, None), (65535, None), (2**70, None), (-(2**70), None)],
)
def test_country_calling_code_region(code: int, region: Optional[str]) -> None:
    assert mm.country_calling_code_region(code) == region


# --- email (CSV-4) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "alice@example.com",
        "a.b+tag@sub.example.co.uk",
        "x@ex-ample.io",
        "\u00c5SA@ex\u00e4mple.se",
        " Alice@Example.COM ",
    ],
)
def test_csv4_valid_addresses(address: str) -> None:
    assert mm.validate_email(address) is None  # type: ignore[func-returns-value]


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("", "empty"),
        ("alice", "exactly one '@', found 0"),
        ("a@b@example.com", "found 2"),
        ("@example.com", "nothing before the '@'"),
        ("alice@", "nothing after the '@'"),
        ("alice@example", "has no dot"),
        ("alice@example..com", "empty part"),
        ("alice@.example.com", "empty part"),
        ("alice smith@example.com", "U+0020"),
        ("alice@-example.com", "starts or ends with '-'"),
        ("alice@example.c", "not a top-level domain"),
        ("alice@10.0.0.1", "not a top-level domain"),
        (".alice@example.com", "dot"),
        ("alice.@example.com", "dot"),
        ("al..ice@example.com", "two dots"),
        ("al,ice@example.com", "','"),
        ("alice@exa_mple.com", "'_'"),
        ("a" * 65 + "@example.com", "longer than 64"),
        ("a@" + "b" * 250 + ".com", "longer than 254"),
    ],
)
def test_csv4_invalid_addresses_name_the_reason(address: str, why: str) -> None:
    err = raises("email_invalid", lambda: mm.validate_email(address))
    assert err.rule == "CSV-4"
    assert why in err.message


# --- models (DEV-1, DEV-2, DEV-4, DEV-8, EXT-9) ------------------------------------------

DEV1 = ["7811", "7821", "7841", "7861", "7832", "8811", "8841", "8851", "8861", "8832",
        "8845", "8865"]
DEV2 = ["8821", "8851NR", "8865NR", "8831", "8832NR"]


def spellings(name: str) -> list[str]:
    """Every EXT-9 spelling of the model `name`, in several cases."""
    return [
        name,
        name.lower(),
        f"CP-{name}",
        f"CP-{name}-K9",
        f"CP-{name}-K9=",
        f"cp-{name.lower()}-k9=",
        f"Cisco {name}",
        f"cisco {name.lower()}",
        f"  Cisco   {name} ",
        f"DMS Cisco {name}",
        f"dms cisco {name.lower()}",
        f"Cisco IP Phone {name}",
    ]


@pytest.mark.parametrize("name", DEV1 + DEV2)
def test_ext9_every_spelling_names_the_same_model(name: str) -> None:
    for spelling in spellings(name):
        assert mm.parse_model(spelling).name == name, spelling


@pytest.mark.parametrize("name", ["8851", "8865", "8832"])
def test_ext9_nr_is_part_of_the_model(name: str) -> None:
    plain, nr = mm.parse_model(name), mm.parse_model(f"{name}NR")
    assert (plain.name, nr.name) == (name, f"{name}NR")
    assert plain != nr
    assert mm.parse_model(f"CP-{name}NR-K9=") == nr
    assert mm.parse_model(f"Cisco {name}NR") == nr
    assert mm.parse_model(f"DMS Cisco {name}nr") == nr
    assert "no radio" in nr.description


def test_model_attributes() -> None:
    m = mm.parse_model("CP-8845-K9=")
    assert (m.name, m.series, m.kind) == ("8845", "8800", "video")
    assert (m.has_wifi, m.has_enterprise_firmware) == (False, True)
    assert (m.ucm_name, m.webex_api_name, m.part_number) == (
        "Cisco 8845",
        "DMS Cisco 8845",
        "CP-8845",
    )
    assert m.description == "Cisco IP Phone 8845"
    assert (str(m), repr(m)) == ("8845", 'Model("8845")')
    wireless = mm.parse_model("Cisco 8861")
    assert (wireless.series, wireless.kind, wireless.has_wifi) == ("8800", "audio", True)
    mpp_only = mm.parse_model("6851")
    assert (mpp_only.series, mpp_only.has_enterprise_firmware) == ("6800", False)


@pytest.mark.parametrize(
    ("spelling", "suggestion"),
    [
        ("8854", "8851"),
        ("CP-8854-K9=", "8851"),
        ("Cisco 8865 NR", "8865NR"),
        ("CP-88-45", "8845"),
        ("Polycom VVX 411", None),
        ("", None),
        ("8" * 200, None),
    ],
)
def test_unknown_model_suggests_the_closest(spelling: str, suggestion: Optional[str]) -> None:
    err = raises("model_unknown", lambda: mm.parse_model(spelling))
    assert (err.rule, err.suggestion) == ("CSV-8", suggestion)
    if suggestion is not None:
        assert f"did you mean {suggestion}?" in err.message
        assert mm.parse_model(suggestion).name == suggestion


@pytest.mark.parametrize(
    ("label", "name", "vid"),
    [
        ("CP-7821-K9=V03", "7821", "V03"),
        ("cp-7821-k9=v24", "7821", "V24"),
        ("CP-7821-K9=VID V03", "7821", "V03"),
        ("7821-K9=V3", "7821", "V03"),
        ("CP-8845-K9=V15 ", "8845", "V15"),
        ("CP-7821-K9=", "7821", None),
        ("Cisco 7821", "7821", None),
    ],
)
def test_ext1_label_keeps_the_hardware_version(label: str, name: str, vid: Optional[str]) -> None:
    parsed = mm.parse_model_label(label)
    assert parsed.model == mm.parse_model(name)
    if vid is None:
        assert parsed.hardware_version is None
    else:
        assert parsed.hardware_version == mm.HardwareVersion(vid)
    # parse_model reads the same text and drops the VID.
    assert mm.parse_model(label).name == name


def test_model_label_values() -> None:
    a, b = mm.parse_model_label("CP-7821-K9=V03"), mm.parse_model_label("cp-7821-k9=v3")
    assert a == b and a != mm.parse_model_label("CP-7821-K9=V04")
    assert repr(a) == 'ModelLabel(model="7821", hardware_version="V03")'
    with pytest.raises(AttributeError):
        setattr(a, "hardware_version", None)


@pytest.mark.parametrize("label", ["CP-7821-K9=X", "CP-7821-K9=V00", "CP-8845-K9=V"])
def test_ext1_label_with_an_unreadable_vid_is_refused(label: str) -> None:
    # The model is known; only its hardware version cannot be read (EXT-1).
    err = raises("hardware_version_invalid", lambda: mm.parse_model_label(label))
    assert "hardware version" in err.message


def test_models_is_the_catalogue() -> None:
    catalogue = mm.models()
    names = [m.name for m in catalogue]
    assert len(names) == len(set(names)), "duplicate model names"
    assert set(DEV1 + DEV2) <= set(names)
    assert all(isinstance(m, mm.Model) for m in catalogue)
    for m in catalogue:
        # Every catalogue entry reads back from each of its names (EXT-9, EXT-17).
        spellings = [m.name, m.ucm_name, m.webex_api_name]
        if m.part_number:
            spellings += [m.part_number, f"{m.part_number}-K9="]
        for spelling in spellings:
            assert mm.parse_model(spelling) == m, spelling
        assert m.series in {"6800", "7800", "8800", "6900", "7900", "8900", "9800", "9900", "dect", "ata", "other"}
        assert m.kind in {"audio", "video"}
        if m.model_class == "mpp_convertible":
            assert m.series == m.name[0] + "800" and m.has_enterprise_firmware
            assert (m.ucm_name, m.webex_api_name, m.part_number) == (
                f"Cisco {m.name}", f"DMS Cisco {m.name}", f"CP-{m.name}")
        # DEV-4: the 6800 series runs MPP only.
        if m.series == "6800":
            assert (m.model_class, m.has_enterprise_firmware) == ("mpp_only", False), m.name
    # DEV-1 groups the 8800 video phones.
    assert {m.name for m in catalogue if m.kind == "video" and m.model_class == "mpp_convertible"} == {
        "8845", "8865", "8865NR"}
    # DEV-8: these phones have Wi-Fi, whose settings the migration erases; "NR" = no radio.
    wifi = {m.name for m in catalogue if m.has_wifi and m.model_class == "mpp_convertible"}
    assert wifi == {"8861", "8832", "8865", "8821"}
    # Each call returns a new list: mutating it does not change the catalogue.
    catalogue.clear()
    assert [m.name for m in mm.models()] == names


# --- hardware versions (EXT-1) -----------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    ["V03", "v3", "V 03", "V 3 ", "3", "03", " VID V03 ", "vid:v03", "VID03", "V003"],
)
def test_ext1_hardware_version_spellings(spelling: str) -> None:
    version = mm.HardwareVersion(spelling)
    assert version.number == 3
    assert str(version) == "V03"
    assert repr(version) == 'HardwareVersion("V03")'
    assert version == mm.HardwareVersion("V03")


@pytest.mark.parametrize(
    ("spelling", "why"),
    [
        ("", "has no number"),
        ("V", "has no number"),
        ("vid", "has no number"),
        ("V0", "out of range"),
        ("V100", "out of range"),
        ("W03", "is not a number"),
        ("V3a", "is not a number"),
        ("V-3", "is not a number"),
        ("V+3", "is not a number"),
        ("3.0", "is not a number"),
        ("V\u00b9", "is not a number"),
    ],
)
def test_ext1_hardware_version_refusals(spelling: str, why: str) -> None:
    err = raises("hardware_version_invalid", lambda: mm.HardwareVersion(spelling))
    assert err.rule == "EXT-1"
    assert why in err.message


def test_ext1_hardware_versions_compare_as_numbers() -> None:
    v = mm.HardwareVersion
    assert v("V9") < v("V10") and v("V10") > v("V9")
    assert v("V03") < v("V15") < v("V24")
    assert v("V24") <= v("v24") and v("V24") >= v("24")
    assert not v("V03") < v("v3")
    assert v("V99").number == 99 and v("V1").number == 1
    ordered = sorted(v(s) for s in ["V24", "v3", "V15", "V10", "V9"])
    assert [str(x) for x in ordered] == ["V03", "V09", "V10", "V15", "V24"]


# --- firmware versions (EXT-6) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "parts", "kind", "family", "build", "text"),
    [
        ("14.1(1)", (14, 1, 1, 0), "enterprise", None, None, "14.1(1)"),
        (" 14.1(1) ", (14, 1, 1, 0), "enterprise", None, None, "14.1(1)"),
        ("14-1-1", (14, 1, 1, 0), "enterprise", None, None, "14.1(1)"),
        ("14.1.1", (14, 1, 1, 0), "enterprise", None, None, "14.1(1)"),
        ("sip78xx.14-1-1-0001-136", (14, 1, 1, 0), "enterprise", "sip78xx", "0001-136", "14.1(1)"),
        ("SIP88XX.14-1-1-0001-136", (14, 1, 1, 0), "enterprise", "sip88xx", "0001-136", "14.1(1)"),
        ("sip78xx.14-1-1", (14, 1, 1, 0), "enterprise", "sip78xx", None, "14.1(1)"),
        ("14.1", (14, 1, None, 0), "enterprise", None, None, "14.1"),
        ("12.10(1)", (12, 10, 1, 0), "enterprise", None, None, "12.10(1)"),
        ("12.5(1)SR3", (12, 5, 1, 3), "enterprise", None, None, "12.5(1)SR3"),
        ("12.5(1)sr3", (12, 5, 1, 3), "enterprise", None, None, "12.5(1)SR3"),
        ("sip88xx.12-5-1SR3-74", (12, 5, 1, 3), "enterprise", "sip88xx", "74", "12.5(1)SR3"),
        ("sip78xx.12-0-7MPP0501-123", (12, 0, 7, 0), "mpp", "sip78xx", "0501-123", "12.0(7)"),
        ("sip8845_65.11-3-6MPP0001-272", (11, 3, 6, 0), "mpp", "sip8845_65", "0001-272",
         "11.3(6)"),
        ("11.3(6)MPP", (11, 3, 6, 0), "mpp", None, None, "11.3(6)"),
    ],
)
def test_ext6_firmware_spellings(
    spelling: str,
    parts: tuple[int, int, Optional[int], int],
    kind: str,
    family: Optional[str],
    build: Optional[str],
    text: str,
) -> None:
    f = mm.FirmwareVersion(spelling)
    assert (f.major, f.minor, f.maint, f.service_release) == parts
    assert (f.kind, f.load_family, f.build) == (kind, family, build)
    assert str(f) == text
    assert repr(f) == f'FirmwareVersion("{spelling.strip()}")'
    # The release-note spelling reads back as the same version.
    if kind == "enterprise":
        assert mm.FirmwareVersion(str(f)) == f


@pytest.mark.parametrize(
    "spelling",
    ["", "14", "abc", "14.x", "14.1(1", "14.1(1)SR", "14.1(1)SR1a", "14.1(1)foo", "v14.1(1)",
     "14.1 (1)", "14.1.1.1", "99999.1", "sip78xx", "sip.14-1-1", "sip78xx.14-1",
     "sip78 xx.14-1-1"],
)
def test_ext6_firmware_refusals(spelling: str) -> None:
    err = raises("firmware_version_invalid", lambda: mm.FirmwareVersion(spelling))
    assert err.rule == "EXT-6"
    assert "14.1(1)" in err.message  # it shows an example of what is expected


@pytest.mark.parametrize(
    ("older", "newer"),
    [
        ("12.5(1)", "14.1(1)"),
        ("9.4(1)", "12.5(1)"),  # numbers, not strings: 9 < 12
        ("12.5(1)", "12.10(1)"),  # 5 < 10
        ("12.5(1)", "12.5(1)SR3"),
        ("12.5(1)SR2", "12.5(1)SR10"),
        ("14.1", "14.1(1)"),
        ("sip78xx.12-5-1SR3-74", "sip88xx.14-1-1-0001-136"),
        ("14.1(1)", "14.2(1)"),
    ],
)
def test_ext6_firmware_compares_as_numbers(older: str, newer: str) -> None:
    a, b = mm.FirmwareVersion(older), mm.FirmwareVersion(newer)
    assert a < b and b > a and a <= b and b >= a and a != b


def test_ext6_spellings_of_one_version_are_equal() -> None:
    versions = [mm.FirmwareVersion(s) for s in
                ["14.1(1)", "14-1-1", "14.1.1", "sip78xx.14-1-1-0001-136", "SIP88XX.14-1-1-0002-1"]]
    assert all(v == versions[0] for v in versions)
    assert len({hash(v) for v in versions}) == 1 and len(set(versions)) == 1
    # EXT-6 thresholds as a host would write them.
    assert mm.FirmwareVersion("sip78xx.12-5-1SR3-74") >= mm.FirmwareVersion("12.5(1)")
    assert mm.FirmwareVersion("sip78xx.12-0-1-0001-1") < mm.FirmwareVersion("12.5(1)")
    assert mm.FirmwareVersion("sip78xx.14-1-1-0001-136") >= mm.FirmwareVersion("14.1")


# --- value types: frozen, hashable, equal by value ---------------------------------------


def _finding() -> mm.Finding:
    with pytest.raises(mm.MigrationError) as info:
        mm.normalize_mac("00-1A-2B-3C-4D-5E")
    return info.value.finding


VALUES: list[tuple[str, Callable[[], object], Callable[[], object], str]] = [
    ("Finding", _finding, lambda: _finding(), "code"),
    ("Model", lambda: mm.parse_model("8845"), lambda: mm.parse_model("DMS Cisco 8845"), "name"),
    ("HardwareVersion", lambda: mm.HardwareVersion("V03"), lambda: mm.HardwareVersion("v3"),
     "number"),
    ("FirmwareVersion", lambda: mm.FirmwareVersion("14.1(1)"),
     lambda: mm.FirmwareVersion("sip78xx.14-1-1-0001-136"), "major"),
    ("E164", lambda: mm.E164("+14085550100"), lambda: mm.E164("+1 (408) 555-0100"),
     "region"),
    ("ErrorCodeInfo", lambda: mm.error_code_info(201),
     lambda: mm.error_code_info("mac_invalid_length"), "number"),
]


@pytest.mark.parametrize(("kind", "make", "make_equal", "attribute"), VALUES,
                         ids=[v[0] for v in VALUES])
def test_value_types_are_frozen_hashable_and_equal_by_value(
    kind: str, make: Callable[[], object], make_equal: Callable[[], object], attribute: str
) -> None:
    a, b = make(), make_equal()
    assert type(a).__name__ == kind
    assert a is not b and a == b and not (a != b)
    assert hash(a) == hash(b) and len({a, b}) == 1
    assert a != "something else"
    before = getattr(a, attribute)
    with pytest.raises(AttributeError):
        setattr(a, attribute, before)
    with pytest.raises(AttributeError):
        setattr(a, "new_attribute", 1)
    assert getattr(a, attribute) == before


@pytest.mark.parametrize("cls", [mm.Finding, mm.Model, mm.ModelLabel, mm.ErrorCodeInfo])
def test_values_made_only_by_the_library_cannot_be_constructed(cls: Callable[[], object]) -> None:
    with pytest.raises(TypeError):
        cls()


# --- arguments of the wrong type ---------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "argument"),
    [
        (mm.normalize_mac, 123),
        (mm.normalize_mac, None),
        (mm.normalize_mac, b"001A2B3C4D5E"),
        (mm.device_name, 0x001A2B3C4D5E),
        (mm.license_file_name, None),
        (mm.license_url, ["001A2B3C4D5E"]),
        (mm.normalize_e164, 14085550100),
        (mm.E164, 14085550100),
        (mm.validate_email, None),
        (mm.parse_model, 8845),
        (mm.parse_model_label, None),
        (mm.HardwareVersion, 3),
        (mm.FirmwareVersion, 14.1),
        (mm.country_calling_code_region, "1"),
        (mm.country_calling_code_region, True),
        (mm.country_calling_code_region, 1.0),
    ],
)
def test_wrong_argument_types_raise_input_error(
    function: Callable[[Any], object], argument: object
) -> None:
    # An argument of the wrong type is an InputTypeError: an InputError and a TypeError.
    with pytest.raises(mm.InputTypeError) as info:
        function(argument)
    err = info.value
    assert (err.code, err.number, err.rule, err.severity) == (
        "invalid_argument", 101, "", "error",
    )
    assert type(argument).__name__ in err.message
    assert isinstance(err, TypeError) and isinstance(err, mm.InputError)
    assert not isinstance(err, ValueError)


@pytest.mark.parametrize(
    "function",
    [mm.normalize_mac, mm.device_name, mm.license_file_name, mm.license_url, mm.normalize_e164,
     mm.E164, mm.validate_email, mm.parse_model, mm.parse_model_label, mm.HardwareVersion,
     mm.FirmwareVersion],
)
def test_text_that_is_no_utf8_is_an_input_error(function: Callable[[Any], object]) -> None:
    with pytest.raises(mm.InputError) as info:
        function("00\ud800")
    assert info.value.code == "argument_not_utf8"


# --- values pickle, copy and hash ----------------------------------------------------------


PICKLED: list[object] = [
    mm.parse_model("CP-8865NR-K9="),
    mm.parse_model("6851"),
    mm.parse_model_label("CP-7821-K9=V03"),
    mm.parse_model_label("Cisco 8845"),
    mm.HardwareVersion("V03"),
    mm.FirmwareVersion("sip78xx.14-1-1-0001-136"),
    mm.FirmwareVersion("12.5(1)SR3"),
    mm.FirmwareVersion("sip8845_65.12-0-7MPP0201-66"),
    mm.E164("+44 20 7946 0958"),
]


@pytest.mark.parametrize("value", PICKLED, ids=repr)
def test_values_pickle_and_copy_to_equal_values(value: object) -> None:
    import copy
    import pickle

    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(value, protocol))
        assert type(again) is type(value) and again == value and repr(again) == repr(value)
        assert hash(again) == hash(value)
    assert copy.copy(value) == value and copy.deepcopy(value) == value
    assert copy.deepcopy([value, value]) == [value, value]


def test_pickled_values_keep_every_attribute() -> None:
    import pickle

    firmware = mm.FirmwareVersion(" sip78xx.14-1-1-0001-136 ")
    again = pickle.loads(pickle.dumps(firmware))
    assert (again.major, again.minor, again.maint, again.load_family, again.build, again.kind) == (
        14, 1, 1, "sip78xx", "0001-136", "enterprise",
    )
    label = pickle.loads(pickle.dumps(mm.parse_model_label("CP-7821-K9=V03")))
    assert label.model.name == "7821" and label.hardware_version == mm.HardwareVersion("V03")
    number = pickle.loads(pickle.dumps(mm.E164("+358 9 1234567")))
    assert (number.country_calling_code, number.region) == (358, "Finland")


def test_model_labels_are_hashable() -> None:
    a, b = mm.parse_model_label("CP-7821-K9=V03"), mm.parse_model_label("cp-7821-k9=v3")
    c, d = mm.parse_model_label("CP-7821-K9=V04"), mm.parse_model_label("7821")
    assert hash(a) == hash(b)
    assert len({a, b, c, d}) == 3
    assert {a: "x"}[b] == "x"


def test_e164_trunk_prefix_is_refused_with_the_fix() -> None:
    err = raises("e164_trunk_prefix", lambda: mm.normalize_e164("+44 (0) 20 7946 0958"))
    assert err.suggestion == "+442079460958"
    assert mm.normalize_e164(err.suggestion) == err.suggestion
