"""The pdf package stays pure: standard library, jinja2, weasyprint (with its pyphen) and qrcode only."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import pdf

PACKAGE_DIR = Path(pdf.__file__).parent
ALLOWED = {"jinja2", "weasyprint", "pyphen", "qrcode"} | set(sys.stdlib_module_names)
MODULES = sorted(PACKAGE_DIR.glob("*.py"))


def imported_roots(path: Path) -> set[str]:
    """Return the top-level names of every absolute import in a module."""
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_pdf_module_imports_nothing_of_the_application(path: Path) -> None:
    assert imported_roots(path) <= ALLOWED


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_pdf_module_is_small_and_starts_with_a_docstring(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) < 300
    assert ast.get_docstring(ast.parse(source))
