"""Layers import downward only (docs/architecture.md): a module may import its own layer's modules
and those below, never above, and never from inside a function to dodge a cycle (a lazy import of
a heavy third-party library is fine: only the package's own modules are checked)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "rubric_check"

# Lowest first. A top-level name is a module or package directly under src/rubric_check.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"rubric_check", "messages", "errors", "atomic", "exit_codes", "console", "user_files", "logs"}),
    frozenset({"documents"}),
    frozenset({"rubric"}),
    frozenset({"results", "matching"}),
    frozenset(
        {
            "scoring",
            "gate",
            "recall",
            "engine",
            "rubrics",
            "examples",
            "discovery",
            "pipeline",
            "summary",
            "evaluation",
            "peers",
            "draft_diff",
        }
    ),
    frozenset({"formatters", "store"}),
    frozenset({"config", "parallel", "memory", "commands", "workbench"}),
    frozenset({"cli", "__main__", "testing"}),
)


def layer_of(module: str) -> int:
    name = module.split(".")[1] if "." in module else module
    for level, names in enumerate(LAYERS):
        if name in names:
            return level
    raise AssertionError(f"{module}: not in any layer of tests/test_layers.py")


def own_imports(tree: ast.Module) -> list[tuple[str, bool]]:
    """(imported module, imported inside a function) for every import of the package's modules."""
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = nested or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.ImportFrom) and child.module and child.module.startswith("rubric_check"):
                found.append((child.module, inner))
            elif isinstance(child, ast.Import):
                found.extend((alias.name, inner) for alias in child.names if alias.name.startswith("rubric_check"))
            visit(child, inner)

    visit(tree, False)
    return found


def modules() -> list[tuple[str, ast.Module]]:
    return [
        (".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts), ast.parse(path.read_text("utf-8")))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def test_every_module_imports_only_its_own_layer_and_below() -> None:
    upward = [
        f"{module} → {imported}"
        for module, tree in modules()
        for imported, _nested in own_imports(tree)
        if layer_of(imported) > layer_of(module)
    ]
    assert upward == []


def test_the_packages_own_modules_are_imported_at_the_top_of_a_module() -> None:
    """An import inside a function hides a dependency (and usually a cycle). The lazy ones kept
    load a whole output format or command only when it is used; each is named here."""
    allowed = {
        ("rubric_check.cli", "rubric_check.commands"),
        ("rubric_check.cli", "rubric_check.parallel"),
        ("rubric_check.commands.score", "rubric_check.formatters.html_report"),
        ("rubric_check.commands.score", "rubric_check.formatters.html_history"),
        ("rubric_check.commands.diff", "rubric_check.formatters.diff_html"),
        ("rubric_check.commands.score", "rubric_check.rubrics"),
        ("rubric_check.formatters.html_report", "rubric_check.formatters.html_pdf"),
        ("rubric_check.commands.rubric_tools", "rubric_check.examples"),
    }
    nested = sorted(
        f"{module} → {imported}"
        for module, tree in modules()
        for imported, inner in own_imports(tree)
        if inner and not any(module == m and imported.startswith(i) for m, i in allowed)
    )
    assert nested == []
