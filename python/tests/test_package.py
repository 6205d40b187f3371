"""The package as PyPI would ship it: its README runs, and the release wheel (built by the
test command's `wheel` stage, which names it in MPP_MIGRATION_WHEEL) is lean, licensed,
tagged for distribution and described by its metadata."""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from email.message import Message
from email.parser import HeaderParser
from pathlib import Path

import pytest

import mpp_migration as mm

PYTHON_DIR = Path(__file__).resolve().parents[1]
README = (PYTHON_DIR / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", README, re.S)
WHEEL = os.environ.get("MPP_MIGRATION_WHEEL")
needs_wheel = pytest.mark.skipif(
    not WHEEL, reason="the wheel stage of ./scripts/test builds the wheel and sets MPP_MIGRATION_WHEEL"
)


def test_the_package_readme_runs_as_written() -> None:
    assert BLOCKS, "python/README.md has no Python example"
    for i, block in enumerate(BLOCKS):
        exec(compile(block, f"python/README.md block {i + 1}", "exec"), {"__name__": "readme"})


def test_the_package_readme_names_no_file_outside_the_repository() -> None:
    assert "docs/rules.md" in README
    assert "../" not in README and "DOMAIN" not in README


def _wheel() -> zipfile.ZipFile:
    assert WHEEL is not None
    return zipfile.ZipFile(WHEEL)


def _metadata(wheel: zipfile.ZipFile) -> Message:
    name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    return HeaderParser().parsestr(wheel.read(name).decode("utf-8"))


@needs_wheel
def test_the_wheel_is_abi3_and_manylinux() -> None:
    assert WHEEL is not None
    tag = Path(WHEEL).name.removesuffix(".whl").split("-")[-3:]
    assert tag[:2] == ["cp39", "abi3"], tag
    assert re.fullmatch(r"manylinux_2_\d+_x86_64|manylinux2014_x86_64", tag[2]), tag


@needs_wheel
def test_the_extension_has_no_debug_info_or_symbol_table(tmp_path: Path) -> None:
    with _wheel() as wheel:
        so = next(n for n in wheel.namelist() if n.endswith(".so"))
        path = tmp_path / Path(so).name
        path.write_bytes(wheel.read(so))
    # Unstripped it is about 18 MB; stripped about 2 MB.
    assert path.stat().st_size < 6 * 1024 * 1024, path.stat().st_size
    sections = subprocess.run(
        ["readelf", "-S", "-W", str(path)], check=True, capture_output=True, text=True
    ).stdout
    assert ".debug_info" not in sections and ".symtab" not in sections, sections


@needs_wheel
def test_the_wheel_carries_both_licences_and_no_bytecode() -> None:
    with _wheel() as wheel:
        names = wheel.namelist()
        licences = sorted(Path(n).name for n in names if ".dist-info/licenses/" in n)
        assert licences == ["LICENSE-APACHE", "LICENSE-MIT"], names
        mit = next(n for n in names if n.endswith("licenses/LICENSE-MIT"))
        assert b"Permission is hereby granted" in wheel.read(mit)
        apache = next(n for n in names if n.endswith("licenses/LICENSE-APACHE"))
        assert b"Apache License" in wheel.read(apache)
        assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")], names
        for part in ("py.typed", "_native.pyi", "__init__.py", "_types.py"):
            assert f"mpp_migration/{part}" in names, part


@needs_wheel
def test_the_wheel_metadata_describes_the_project() -> None:
    with _wheel() as wheel:
        meta = _metadata(wheel)

    def get(field: str) -> str:
        return str(meta.get(field, ""))

    def get_all(field: str) -> list[str]:
        return [str(v) for v in meta.get_all(field, [])]

    assert get("Name") == "mpp-migration" and get("Version") == mm.__version__
    assert get("License-Expression") == "MIT OR Apache-2.0"
    assert sorted(get_all("License-File")) == ["LICENSE-APACHE", "LICENSE-MIT"]
    assert get("Requires-Python") == ">=3.9"
    assert get("Description-Content-Type").startswith("text/markdown")
    assert "# mpp-migration for Python" in str(meta.get_payload())
    urls = {label: url for label, _, url in (u.partition(", ") for u in get_all("Project-URL"))}
    assert {"Homepage", "Source", "Issues", "Rules"} <= set(urls), urls
    assert all(u.startswith("https://") for u in urls.values()), urls
    classifiers = set(get_all("Classifier"))
    for c in (
        "Typing :: Typed",
        "Programming Language :: Rust",
        "Programming Language :: Python :: Implementation :: CPython",
        "Topic :: Communications :: Telephony",
    ):
        assert c in classifiers, c
