"""A plain, idiomatic pure-Python validator of the *license and device* upload: the baseline
that `mpp_migration.validate_upload` is measured against (benches/python/upload_bench.py).

It is written the way a Python developer would write it for production use: the `csv` module,
precompiled regular expressions, set and dict look-ups, a memo of model verdicts; no tricks that
make it slower or faster than it would naturally be. It enforces the same rules as core
(core/src/upload/row.rs, schema.rs, and the identifier parsers they call), and reports the same
error codes, so that `check_baseline.py` can hold it to the Rust results:

- header (row 1): columns matched by name, case-insensitively, spaces collapsed (DEC-7, DEC-9):
  missing, unknown, duplicated columns, an Activation Code column (DEC-8); a UTF-8 BOM is a
  warning (DEC-10);
- blank rows and rows with another number of fields than the header (DEC-10, EXT-12);
- Type USER or WORKSPACE (CSV-3); Username: a USER's email, syntax checked unless the
  directory knows it, and it must exist; a WORKSPACE's name, a near miss of an existing one
  is an error (CSV-4, DEC-7);
- Phone Number: empty for a USER; for a WORKSPACE mandatory, E.164 with formatting dropped
  and an assigned country calling code (CSV-5, DEC-4, EXT-12; codes read from
  core/data/country_calling_codes.csv);
- Extension: empty for a USER; 2 to 10 digits, not in use in the location, not used by an
  earlier row in the same location (CSV-6, DEC-5);
- Device Type IP (CSV-7);
- Model: known in any spelling of core/data/models.csv (bare, CP-…, CP-…-K9=, with a VID,
  Cisco …, DMS Cisco …), and eligible per core/data/eligibility/control_hub.csv (CSV-8, DEV-2,
  DEV-4, DEV-5, EXT-2 to EXT-4);
- MAC Address: 12 hex digits or colon pairs (DEV-6, DEC-3), not an activation code (DEC-8),
  duplicates name the first row (DEC-2), not already in Webex Calling (CSV-13);
- Location: exists by exact name, a case or spacing near miss is an error, at most 80
  characters (CSV-11, DEC-7, EXT-12);
- Call Plan: true/false/yes/no/1/0; true needs a Cisco PSTN location and not a USER; true for
  an existing workspace is a warning (CSV-12, DEC-6).

Left out, as a plain validator would: per-cell UTF-8 errors (the file is decoded as UTF-8 with
replacement characters), the reader's size limits, and the exact wording of messages. The
backslash escape of EXT-12 (`Smith\\, Barney`) uses the csv module's `escapechar`.

`validate(source, directory)` returns `(added, errors, findings)`: the counts of CSV-14
(added + errors = data rows) and every finding as `(row, column, code, message)`; the severity
of a code is `"warning"` if it is in `WARNINGS`, else `"error"`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from operator import itemgetter
from os import PathLike
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Set, Tuple, Union

DATA = Path(__file__).resolve().parents[2] / "core" / "data"

Finding = Tuple[int, Optional[str], str, str]

# The codes that do not refuse a row.
WARNINGS = frozenset(
    {
        "byte_order_mark",
        "no_data_rows",
        "call_plan_existing_workspace",
        "model_limited_features",
        "minimum_mpp_firmware",
    }
)

COLUMNS = (
    "Type",
    "Username",
    "Phone Number",
    "Extension",
    "Device Type",
    "Model",
    "MAC Address",
    "Location",
    "Call Plan",
)
_COLUMN_ORDER = {name: i for i, name in enumerate(COLUMNS)}

MAX_LOCATION_NAME = 80

_HEX = "[0-9A-Fa-f]"
_MAC = re.compile(rf"{_HEX}{{12}}|{_HEX}{{2}}(?::{_HEX}{{2}}){{5}}")
_EXTENSION = re.compile(r"[0-9]{2,10}")
_PHONE_FORMATTING = re.compile(r"[ \-.()]")
_DIGITS = re.compile(r"[0-9]+")
_ACTIVATION_CODE = re.compile(r"[0-9 \-]+")
_WHITESPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")
_EMAIL_LOCAL_FORBIDDEN = re.compile(r'[,;<>()\[\]\\":]')
_VID = re.compile(r"(?i)(?:VID|V)?[ :]*([0-9]+)")
_CALL_PLAN = {"": False, "false": False, "no": False, "0": False, "true": True, "yes": True, "1": True}
_MODEL_PREFIXES = (
    "DMS ",
    "CISCO ",
    "UNIFIED IP CONFERENCE PHONE ",
    "IP CONFERENCE PHONE ",
    "WIRELESS IP PHONE ",
    "IP PHONE ",
    "CP-",
    "CP ",
)


def _read_csv(path: Path) -> List[Dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def near_key(name: str) -> str:
    """The key under which names are near misses of each other (DEC-7)."""
    return " ".join(name.split()).lower()


class Catalogue:
    """The models of core/data/models.csv and the eligibility table of
    core/data/eligibility/control_hub.csv, read once."""

    def __init__(self, data: Path = DATA) -> None:
        self.enterprise = {
            row["name"]: row["enterprise_firmware"] == "true" for row in _read_csv(data / "models.csv")
        }
        self.rules: Dict[str, List[Tuple[int, int, str, Tuple[str, ...]]]] = {}
        for row in _read_csv(data / "eligibility" / "control_hub.csv"):
            low = int(row["vid_from"][1:]) if row["vid_from"] else 0
            high = int(row["vid_to"][1:]) if row["vid_to"] else 255
            self.rules.setdefault(row["model"], []).append(
                (low, high, row["status"], tuple(row["warnings"].split()))
            )
        self.country_codes = frozenset(
            row["code"] for row in _read_csv(data / "country_calling_codes.csv")
        )

    def split_spelling(self, text: str) -> Optional[Tuple[str, Optional[str]]]:
        """`CP-7821-K9=V03` → `("7821", "V03")`: upper-cased, spaces collapsed, the prefixes
        and the ordering suffix of EXT-9 stripped."""
        s = re.sub(r"\s+", " ", text.upper())
        if len(s) > 64:
            return None
        for prefix in _MODEL_PREFIXES:
            if s.startswith(prefix):
                s = s[len(prefix):]
        at = s.find("-K9")
        if at >= 0:
            model, after = s[:at], s[at + 3:]
        else:
            eq = s.find("=")
            model, after = (s[:eq], s[eq:]) if eq >= 0 else (s, "")
        if after in ("", "="):
            return model, None
        if after.startswith("="):
            return model, after[1:]
        return s, None

    def verdict(self, text: str) -> List[Tuple[str, str]]:
        """The Model cell's findings as (code, message): unknown (CSV-8), a bad VID (EXT-1),
        not eligible (DEV-2, DEV-4, DEV-5), and the table's warnings (EXT-4, EXT-5)."""
        vid: Optional[int] = None
        if text in self.enterprise:
            name = text
        else:
            split = self.split_spelling(text)
            if split is None or split[0] not in self.enterprise:
                return [("model_unknown", f"model {text!r} is not a Cisco phone model this validator knows")]
            name, vid_text = split
            if vid_text is not None:
                m = _VID.fullmatch(vid_text)
                if not m or not 1 <= int(m.group(1)) <= 99:
                    return [("hardware_version_invalid", f"label {text!r}: bad hardware version {vid_text!r}")]
                vid = int(m.group(1))
        if not self.enterprise[name]:
            return [("model_mpp_only", f"{name} runs MPP firmware only; there is nothing to migrate")]
        rules = self.rules.get(name)
        if not rules:
            return []  # no rule: unknown eligibility, decided when the task checks it
        all_not_eligible = all(status == "not_eligible" for _, _, status, _ in rules)
        if vid is not None:
            matching = [r for r in rules if r[0] <= vid <= r[1]]
            if not matching:
                return []
            status, warnings = matching[0][2], matching[0][3]
        elif all(r[2] == rules[0][2] for r in rules):
            status = rules[0][2]
            warnings = tuple(w for w in rules[0][3] if all(w in r[3] for r in rules))
        else:
            return []  # depends on the VID: unknown until the task checks it (EXT-3)
        findings = []
        if status == "not_eligible":
            if vid is not None and not all_not_eligible:
                findings.append(("hardware_version_not_eligible", f"{name} hardware V{vid:02} cannot migrate"))
            else:
                findings.append(("model_not_eligible", f"{name} cannot migrate to MPP firmware"))
        findings.extend((w, f"{name}: {w.replace('_', ' ')}") for w in warnings)
        return findings


_CATALOGUE: Optional[Catalogue] = None


def catalogue() -> Catalogue:
    global _CATALOGUE
    if _CATALOGUE is None:
        _CATALOGUE = Catalogue()
    return _CATALOGUE


class Directory:
    """The organisation, from the directory JSON document (see core/src/directory.rs)."""

    def __init__(self, doc: Dict[str, Any]) -> None:
        self.users = {u.strip().lower() for u in doc.get("users", ())}
        self.workspaces = {w.strip() for w in doc.get("workspaces", ())}
        self.workspace_near: Dict[str, str] = {}
        for w in self.workspaces:
            self.workspace_near.setdefault(near_key(w), w)
        self.locations: Dict[str, Tuple[bool, FrozenSet[str]]] = {}
        self.location_near: Dict[str, str] = {}
        for loc in doc.get("locations", ()):
            name = loc["name"].strip()
            self.locations[name] = (
                bool(loc.get("cisco_pstn", False)),
                frozenset(e.strip() for e in loc.get("extensions_in_use", ())),
            )
            self.location_near.setdefault(near_key(name), name)
        self.devices = {normalize_mac(m) for m in doc.get("devices_in_webex_calling", ())}

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> "Directory":
        return cls(json.loads(text))


def normalize_mac(text: str) -> str:
    text = text.strip()
    if not _MAC.fullmatch(text):
        raise ValueError(f"not a MAC address: {text!r}")
    return text.replace(":", "").upper()


def mac_error(text: str) -> str:
    """Why a MAC Address cell is refused (DEV-6, DEC-3, DEC-8): an error code."""
    if len(re.findall("[0-9]", text)) == 16 and _ACTIVATION_CODE.fullmatch(text):
        return "activation_code_unsupported"
    if text[:3].upper() == "SEP" and len(text) > 3:
        rest = text[3:]
        if _MAC.fullmatch(rest) or len(re.sub(r"[-.: ]", "", rest)) == 12:
            return "mac_device_name"
    separators = any(c in text for c in "-. ")
    digits = re.sub(r"[-.: ]", "", text)
    if separators and len(digits) == 12 and re.fullmatch(f"{_HEX}{{12}}", digits):
        return "mac_wrong_separator"
    if any(not (c in "0123456789abcdefABCDEF:-.") for c in text):
        return "mac_invalid_character"
    if ":" in text and not separators and len(digits) == 12:
        return "mac_invalid_grouping"
    return "mac_invalid_length"


def e164_error(text: str, country_codes: FrozenSet[str]) -> Optional[str]:
    """Why a Phone Number is not E.164 (CSV-5, DEC-4, EXT-12), or None when it is."""
    if not text.startswith("+"):
        return "e164_missing_plus"
    rest = text[1:]
    if "(0)" in rest:
        return "e164_trunk_prefix"
    digits = _PHONE_FORMATTING.sub("", rest)
    if digits and not _DIGITS.fullmatch(digits):
        return "e164_invalid_character"
    if len(digits) > 15:
        return "e164_too_long"
    if not digits:
        return "e164_too_short"
    if digits[0] == "0":
        return "e164_leading_zero"
    for n in (1, 2, 3):
        if digits[:n] in country_codes:
            return "e164_too_short" if len(digits) - n < 4 else None
    return "e164_unknown_country_code"


def email_error(text: str) -> Optional[str]:
    """Why a USER's Username is not an email address (CSV-4), as a message; None when it is."""
    if len(text) > 254:
        return "longer than 254 characters"
    if _WHITESPACE_OR_CONTROL.search(text):
        return "it contains white space"
    if text.count("@") != 1:
        return "expected exactly one '@'"
    local, domain = text.split("@")
    if not local or len(local) > 64:
        return "bad part before the '@'"
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return "dots in the wrong place before the '@'"
    if _EMAIL_LOCAL_FORBIDDEN.search(local):
        return "a character not allowed before the '@'"
    if not domain or "." not in domain:
        return "bad domain"
    for label in domain.split("."):
        if not label or label[0] == "-" or label[-1] == "-":
            return "bad domain part"
        if not label.replace("-", "").isalnum():
            return "a character not allowed in the domain"
    tld = domain.rsplit(".", 1)[1]
    if len(tld) < 2 or tld.isdigit():
        return "not a top-level domain"
    return None


Source = Union[str, "PathLike[str]", bytes]


def _open(source: Source) -> io.TextIOBase:
    if isinstance(source, bytes):
        return io.StringIO(source.decode("utf-8", errors="replace"), newline="")
    return open(source, newline="", encoding="utf-8", errors="replace")


def _header(cells: List[str], findings: List[Finding]) -> Dict[str, int]:
    """The position of each schema column (DEC-7), reporting header problems on row 1 (DEC-9)."""
    keys = {near_key(c): c for c in COLUMNS}
    positions: Dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = near_key(cell)
        column = keys.get(key)
        if column is not None:
            if column in positions:
                findings.append((1, column, "header_duplicate_column", f"column {column!r} appears twice"))
            else:
                positions[column] = i
        elif key == "errors":
            pass
        elif key in ("activation code", "activation codes"):
            findings.append((1, cell, "activation_code_unsupported", "activation codes are not supported"))
        elif not key:
            findings.append((1, f"column {i + 1}", "header_unknown_column", f"column {i + 1} has no name"))
        else:
            findings.append((1, cell, "header_unknown_column", f"column {cell!r} is not part of the schema"))
    for column in COLUMNS:
        if column not in positions:
            findings.append((1, column, "header_missing_column", f"the header has no {column!r} column"))
    return positions


def validate(source: Source, directory: Directory) -> Tuple[int, int, List[Finding]]:
    """Validates a *license and device* upload (a path, or the file's bytes) against the
    directory. Returns (added, errors, findings)."""
    cat = catalogue()
    country_codes = cat.country_codes
    model_memo: Dict[str, List[Tuple[str, str]]] = {}
    first_row_of_mac: Dict[str, int] = {}
    first_row_of_extension: Dict[Tuple[str, str], int] = {}
    users, workspaces, locations = directory.users, directory.workspaces, directory.locations
    devices = directory.devices
    findings: List[Finding] = []
    added = errors = 0

    with _open(source) as f:
        reader = csv.reader(f, escapechar="\\")
        header = next(reader, None)
        if header is None:
            findings.append((1, None, "empty_file", "the file is empty"))
            return 0, 0, findings
        if header and header[0].startswith("\ufeff"):
            header[0] = header[0][1:]
            findings.append((1, None, "byte_order_mark", "the file starts with a byte-order mark"))
        if not header:
            findings.append((1, None, "blank_line", "row 1 is blank"))
        positions = _header(header, findings)
        width = len(header)
        # A column the file lacks reads as an empty cell, past the row's own cells.
        cells_of = itemgetter(*(positions.get(c, width) for c in COLUMNS))

        for row, record in enumerate(reader, start=2):
            stripped = [cell.strip() for cell in record]
            if not any(stripped):
                findings.append((row, None, "blank_line", f"row {row} is blank; delete it"))
                errors += 1
                continue
            if len(record) != width:
                findings.append(
                    (row, None, "field_count_mismatch", f"row {row} has {len(record)} fields, the header {width}")
                )
                errors += 1
                continue
            stripped.append("")
            owner, username, phone, extension, device_type, model, mac, location, call_plan = cells_of(stripped)
            found: List[Tuple[str, str, str]] = []  # (column, code, message)

            # CSV-3: Type.
            upper = owner.upper()
            is_user, is_workspace = upper == "USER", upper == "WORKSPACE"
            if not owner:
                found.append(("Type", "type_missing", "Type is empty; it must be USER or WORKSPACE"))
            elif not (is_user or is_workspace):
                found.append(("Type", "type_invalid", f"Type {owner!r} is neither USER nor WORKSPACE"))

            # CSV-4, CSV-3: Username.
            existing_workspace = False
            if not username:
                found.append(("Username", "username_missing", "Username is empty"))
            elif is_user:
                if username.lower() not in users:
                    why = email_error(username)
                    if why:
                        found.append(("Username", "email_invalid", f"{username!r} is not a valid email address: {why}"))
                    else:
                        found.append(("Username", "user_not_found", f"user {username!r} does not exist"))
            elif is_workspace:
                if username in workspaces:
                    existing_workspace = True
                else:
                    near = directory.workspace_near.get(near_key(username))
                    if near is not None:
                        found.append(("Username", "workspace_name_mismatch", f"workspace {username!r} differs from {near!r}"))

            # CSV-11: Location.
            loc = None
            if not location:
                found.append(("Location", "location_missing", "Location is empty"))
            elif len(location) > MAX_LOCATION_NAME:
                found.append(("Location", "location_name_too_long", f"location {location!r} is too long"))
            else:
                loc = locations.get(location)
                if loc is None:
                    near = directory.location_near.get(near_key(location))
                    if near is not None:
                        found.append(("Location", "location_name_mismatch", f"location {location!r} differs from {near!r}"))
                    else:
                        found.append(("Location", "location_not_found", f"no location is named {location!r}"))

            # CSV-5, DEC-4: Phone Number.
            if phone:
                if is_user:
                    found.append(("Phone Number", "phone_number_not_allowed", "a USER row must have no Phone Number"))
                else:
                    code = e164_error(phone, country_codes)
                    if code:
                        found.append(("Phone Number", code, f"phone number {phone!r} is not E.164"))
            elif is_workspace:
                found.append(("Phone Number", "phone_number_missing", "a WORKSPACE row needs a Phone Number"))

            # CSV-6, DEC-5: Extension.
            if extension:
                if is_user:
                    found.append(("Extension", "extension_not_allowed", "a USER row must have no Extension"))
                elif not _EXTENSION.fullmatch(extension):
                    found.append(("Extension", "extension_invalid", f"extension {extension!r} is not 2 to 10 digits"))
                elif loc is not None:
                    if extension in loc[1]:
                        found.append(("Extension", "extension_in_use", f"extension {extension} is in use in {location!r}"))
                    first = first_row_of_extension.setdefault((location, extension), row)
                    if first != row:
                        found.append(("Extension", "extension_duplicate", f"extension {extension} is already used by row {first}"))

            # CSV-7: Device Type.
            if not device_type:
                found.append(("Device Type", "device_type_missing", "Device Type is empty; it must be IP"))
            elif device_type.upper() != "IP":
                found.append(("Device Type", "device_type_invalid", f"Device Type {device_type!r} is not IP"))

            # CSV-8, DEV-2, DEV-4: Model.
            if not model:
                found.append(("Model", "model_missing", "Model is empty"))
            else:
                verdict = model_memo.get(model)
                if verdict is None:
                    verdict = model_memo[model] = cat.verdict(model)
                found.extend(("Model", code, message) for code, message in verdict)

            # CSV-9, DEV-6, DEC-2, DEC-3, DEC-8, CSV-13: MAC Address.
            if not mac:
                found.append(("MAC Address", "mac_missing", "MAC Address is empty"))
            elif _MAC.fullmatch(mac):
                normalised = mac.replace(":", "").upper()
                first = first_row_of_mac.setdefault(normalised, row)
                if first != row:
                    found.append(("MAC Address", "mac_duplicate", f"MAC address {normalised} is already in row {first}"))
                elif normalised in devices:
                    found.append(("MAC Address", "mac_in_webex_calling", f"device {normalised} is already in Webex Calling"))
            else:
                found.append(("MAC Address", mac_error(mac), f"{mac!r} is not a MAC address"))

            # CSV-12, DEC-6: Call Plan.
            plan = _CALL_PLAN.get(call_plan.lower())
            if plan is None:
                found.append(("Call Plan", "call_plan_invalid", f"Call Plan {call_plan!r} is not true or false"))
            elif plan:
                if is_user:
                    found.append(("Call Plan", "call_plan_for_user", "Call Plan is true on a USER row"))
                elif loc is not None:
                    if not loc[0]:
                        found.append(("Call Plan", "call_plan_not_cisco_pstn", f"location {location!r} is not Cisco PSTN"))
                    elif existing_workspace:
                        found.append(("Call Plan", "call_plan_existing_workspace", "the workspace exists; ignored"))

            if found:
                if len(found) > 1:
                    found.sort(key=lambda f: _COLUMN_ORDER[f[0]])
                findings.extend((row, column, code, message) for column, code, message in found)
                if any(code not in WARNINGS for _, code, _ in found):
                    errors += 1
                    continue
            added += 1

        if added + errors == 0 and header:
            findings.append((1, None, "no_data_rows", "the file has a header but no data rows"))
    return added, errors, findings


def error_pairs(findings: Iterable[Finding]) -> Set[Tuple[int, str]]:
    """The (row, code) of every error finding."""
    return {(row, code) for row, _, code, _ in findings if code not in WARNINGS}


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 3:
        sys.exit("usage: baseline.py UPLOAD.csv DIRECTORY.json")
    directory = Directory.from_json(Path(sys.argv[2]).read_text(encoding="utf-8"))
    added, errors, findings = validate(sys.argv[1], directory)
    print(f"added {added}, errors {errors}, total {added + errors}")
    for finding in findings:
        print(*finding[:3])
