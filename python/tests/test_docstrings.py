"""help() and the stub say the same thing (issue 12, "Docstrings in one place"; issue 10, "one
declaration per concept").

The stub ``_native.pyi`` is the one text of every docstring: python/build.rs reads it when the
extension is compiled, and each documented item of python/src/*.rs takes its docstring from it
(``#[doc = stub_doc!("Task.name")]``), which pyo3 hands to Python as ``__doc__``. This test
checks that wiring: every function, class, method and property of the stub that has a docstring
is compared with the runtime ``__doc__`` of the same object in ``mpp_migration._native``. So it
also checks build.rs's reading of the stub against Python's own (``ast.get_docstring``), and
finds an item whose Rust side names the wrong docstring or keeps a text of its own that says
something else. Both sides go through ``inspect.cleandoc``. The exceptions (python/src/errors.rs)
take their docstrings from a table there, which this test checks too.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from typing import Iterator, List, Optional, Set, Tuple

import mpp_migration._native as native

STUB = Path(__file__).resolve().parents[1] / "mpp_migration" / "_native.pyi"


def _stub_docs() -> Iterator[Tuple[str, str]]:
    """(dotted name, docstring) of every documented def and class of the stub."""
    tree = ast.parse(STUB.read_text(encoding="utf-8"))

    def walk(body: List[ast.stmt], prefix: str) -> Iterator[Tuple[str, str]]:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if node.name.startswith("_"):
                    # Private helpers of the stub (Protocols) are no runtime objects; pyo3 gives
                    # dunder methods (__new__, __len__, __eq__, ...) CPython's slot docstrings,
                    # whatever the Rust item's doc says, so their stub text is the only one.
                    continue
                doc = ast.get_docstring(node, clean=True)
                name = prefix + node.name
                if doc is not None:
                    yield name, doc
                if isinstance(node, ast.ClassDef):
                    yield from walk(node.body, name + ".")

    seen: Set[str] = set()
    for name, doc in walk(tree.body, ""):
        if name not in seen:  # an @overload pair documents one runtime object
            seen.add(name)
            yield name, doc


def _runtime_doc(dotted: str) -> Optional[str]:
    """The cleaned ``__doc__`` of the runtime object, without pyo3's text-signature prefix."""
    obj: object = native
    for part in dotted.split("."):
        try:
            obj = inspect.getattr_static(obj, part)
        except AttributeError:
            return None
        if isinstance(obj, (staticmethod, classmethod)):
            obj = obj.__func__
    doc = getattr(obj, "__doc__", None)
    if not isinstance(doc, str):
        return ""
    # A text signature the interpreter did not strip: "name(args)\n--\n\n".
    head, sep, rest = doc.partition("\n--\n\n")
    if sep and "(" in head and "\n" not in head:
        doc = rest
    return inspect.cleandoc(doc)


def test_every_stub_docstring_is_the_runtime_docstring() -> None:
    mismatches = []
    missing = []
    checked = 0
    for name, doc in _stub_docs():
        runtime = _runtime_doc(name)
        if runtime is None:
            missing.append(name)
            continue
        checked += 1
        if runtime != doc:
            mismatches.append(f"{name}:\n  stub:    {doc!r}\n  runtime: {runtime!r}")
    assert checked > 100, f"only {checked} docstrings compared: the stub walk is broken"
    assert not missing, "documented in the stub, absent at runtime: " + ", ".join(missing)
    assert not mismatches, f"{len(mismatches)} docstrings differ:\n" + "\n".join(mismatches)
