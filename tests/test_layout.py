"""The shape of the house: data flows one way, and the CLI is glue on top (README, "Layout")."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "bimquant"

# README.md, "Layout": each module may import only the modules before it.
ORDER = [
    "errors",
    "columns",
    "labels",
    "messages",
    "tolerances",
    "matching",
    "loaders",
    "money",
    "periods",
    "materials",
    "result",
    "solids",
    "model",
    "geometry.shape",
    "geometry.cut",
    "geometry.parametric",
    "geometry.iterator",
    "geometry.policy",
    "geometry",
    "quantities",
    "quantities.mesh",
    "quantities.measure",
    "quantities.openings",
    "quantities.exterior",
    "authored",
    "takeoff",
    "cache",
    "rules.formula",
    "rules.condition",
    "rules.ruleset",
    "rules.select",
    "rules.reading",
    "rules.assemblies",
    "rules.apply",
    "rules",
    "readiness",
    "estimate",
    "orders",
    "progress",
    "contract",
    "diff",
    "situation",
    "costs",
    "stock",
    "schedule",
    "report.tables",
    "report.atomic",
    "report.dpgf",
    "report.orderbook",
    "report.change_order",
    "report.situation_sheet",
    "report.situation_chart",
    "report.costs_sheet",
    "report.plan_sheet",
    "report.mspdi",
    "report.scene",
    "view",
    "report.html",
    "report.ids",
    "report.ifc",
    "report.ifc_schedule",
    "report",
    "pipeline",
    "batch",
    "writeback",
    "",  # bimquant/__init__.py
    "cli.console",
    "cli.summaries",
    "cli.commands",
    "cli",
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(path: Path) -> set[str]:
    """The bimquant modules ``path`` imports: ``from bimquant.x import y`` counts ``x.y`` when
    that is a module, else ``x``."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [
                f"{node.module}.{alias.name}" if _short(f"{node.module}.{alias.name}") in ORDER else node.module
                for alias in node.names
            ]
        else:
            continue
        found |= {_short(name) for name in names if name.split(".")[0] == "bimquant" and _short(name) in ORDER}
    return found


def _short(name: str) -> str:
    return name.removeprefix("bimquant").lstrip(".")


MODULES = sorted(SRC.rglob("*.py"))


def test_every_module_has_its_place_in_the_layout():
    assert sorted(module_name(p) for p in MODULES) == sorted(ORDER)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p) or "__init__")
def test_a_module_imports_only_modules_before_it(path):
    name = module_name(path)
    later = {m for m in imported(path) if ORDER.index(m) > ORDER.index(name)}
    assert not later, f"{name or 'bimquant'} imports {sorted(later)}, which come after it"


@pytest.mark.parametrize("path", [p for p in MODULES if not module_name(p).startswith("cli")], ids=module_name)
def test_only_the_cli_uses_typer_and_rich_and_nothing_imports_it(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    roots |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert not roots & {"typer", "rich", "click"}
    assert not {m for m in imported(path) if m.startswith("cli")}


# the follow-up commands read their inputs from the rooms of their own (contract, progress,
# periods, money), never from another command's module: a cost report or the stock works the
# same whatever a situation or a change order does
APART = {"costs": {"situation", "diff"}, "stock": {"situation", "diff", "contract", "costs"}}


@pytest.mark.parametrize("name", sorted(APART))
def test_costs_and_stock_import_neither_situation_nor_diff(name):
    path = SRC / f"{name}.py"
    assert not imported(path) & APART[name], f"{name} imports {sorted(imported(path) & APART[name])}"


def test_the_readme_layout_names_every_module():
    """README.md, "Layout": every module of the tree is named there, and nothing else (a
    package's own ``__init__.py`` aside)."""
    readme = (SRC.parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("### Layout", 1)[1].split("```", 2)[1]
    named, folder = set(), ""
    for line in block.splitlines():
        top = re.match(r"  ([a-z_]+/|[a-z_]+\.py)", line)
        if top:
            folder = top.group(1) if top.group(1).endswith("/") else ""
        named |= {folder + name for name in re.findall(r"\b[a-z_]+\.py\b", line)}
    tree = {str(p.relative_to(SRC)) for p in MODULES if p.name != "__init__.py" or p.parent == SRC}
    assert named == tree, f"missing from the README: {sorted(tree - named)}; not in the tree: {sorted(named - tree)}"
