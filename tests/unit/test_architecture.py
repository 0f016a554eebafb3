"""Dependencies point one way: the fee engine and the PDF package import nothing of the app."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {
    "elternbeitraege/fees": set(sys.stdlib_module_names),
    "pdf": set(sys.stdlib_module_names) | {"jinja2", "markupsafe", "weasyprint", "qrcode", "pyphen"},
    "workflows": set(sys.stdlib_module_names) | {"transitions"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_core_package_imports_only_what_it_may(package):
    files = list((ROOT / package).rglob("*.py"))
    assert files
    for path in files:
        foreign = imported_roots(path) - ALLOWED[package] - {"__future__"}
        assert not foreign, f"{path.relative_to(ROOT)} imports {sorted(foreign)}"
