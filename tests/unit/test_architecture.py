"""Dependencies point one way: the fee engine, the workflow and the PDF package import nothing of the app, the
services nothing of Flask or the web layer, and no modules import each other round in a circle."""
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


# The web layer: Flask and its form libraries, the app's request plumbing and its blueprints and forms.
WEB_LIBRARIES = {"flask", "flask_login", "flask_wtf", "wtforms"}
WEB_MODULES = ("elternbeitraege.web", "elternbeitraege.app", "elternbeitraege.db", "elternbeitraege.forms",
               "elternbeitraege.case_forms", "elternbeitraege.case_acts", "elternbeitraege.cli",
               "elternbeitraege.admin", "elternbeitraege.api", "elternbeitraege.auth", "elternbeitraege.facilities",
               "elternbeitraege.office", "elternbeitraege.parents")
PACKAGES = ("elternbeitraege", "workflows", "pdf")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for package in PACKAGES for path in (ROOT / package).rglob("*.py")}


def module_level_imports(statements: list[ast.stmt]) -> list[ast.Import | ast.ImportFrom]:
    """Return the imports a module runs when it is loaded (not those inside functions or ``TYPE_CHECKING``)."""
    found: list[ast.Import | ast.ImportFrom] = []
    for node in statements:
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.unparse(node.test):
            found += module_level_imports(node.body) + module_level_imports(node.orelse)
        elif isinstance(node, ast.Try):
            found += module_level_imports(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                found += module_level_imports(handler.body)
    return found


def imported_modules(name: str) -> set[str]:
    """Return the modules of the project that module ``name`` imports when it is loaded."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in module_level_imports(ast.parse(path.read_text()).body):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in MODULES}
            continue
        base = node.module or ""
        if node.level:
            parts = package.split(".")
            base = ".".join(parts[:len(parts) - node.level + 1] + ([node.module] if node.module else []))
        for alias in node.names:
            found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return (found & set(MODULES)) - {name}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the groups of modules that import each other, round in a circle (Tarjan's strongly connected parts)."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = lowest[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                lowest[module] = min(lowest[module], lowest[other])
            elif other in stack:
                lowest[module] = min(lowest[module], index[other])
        if lowest[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_no_modules_import_each_other_round_in_a_circle():
    graph = {name: imported_modules(name) for name in MODULES}
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_circle_of_three_and_not_a_chain():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


@pytest.mark.parametrize("name", sorted(name for name in MODULES if name.startswith("elternbeitraege.services")))
def test_a_service_imports_nothing_of_flask_or_the_web_layer(name):
    libraries = imported_roots(MODULES[name]) & WEB_LIBRARIES
    assert not libraries, f"{name} imports {sorted(libraries)}"
    web = {module for module in imported_modules(name) if module.startswith(WEB_MODULES)}
    assert not web, f"{name} imports {sorted(web)}"


def test_the_import_reader_resolves_relative_imports_to_modules_and_packages():
    imported = imported_modules("elternbeitraege.services.cases.changes")
    assert {"elternbeitraege.services.kernel.uow", "elternbeitraege.services.cases.moves", "elternbeitraege.models",
            "elternbeitraege.fees", "workflows"} <= imported
