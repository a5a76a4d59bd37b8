"""Imports flow one way: types → store → query and coder → edges; none reaches up, not even lazily."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "newocc"

LAYERS: dict[str, float] = {
    # the types and the leaves every layer may use
    "newocc.errors": 0,
    "newocc._check": 0,
    "newocc._text": 0,
    "newocc._lazy": 0,
    "newocc._atomic": 0,
    "newocc.model": 0,
    # the store: the only layer that reads package data
    "newocc._store": 1,
    # renderings of the store's records (newocc show, the docs' tables): they read it, never query
    "newocc._describe": 1.5,
    "newocc._coverage": 1.5,
    # answering questions
    "newocc.query": 2,
    "newocc.coder": 2,
}
EDGE = 3
"""Everything else (exports, the command line, strategies, docs helpers) is an edge."""


def layer(module: str) -> float:
    for prefix, number in LAYERS.items():
        if module == prefix or module.startswith(prefix + "."):
            return number
    return EDGE


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):  # every import, at the top or inside a function
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            if node.module == "newocc":
                names.update(f"newocc.{alias.name}" for alias in node.names)
    return {name for name in names if name.startswith("newocc.")}


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda path: module_name(path))
def test_no_module_imports_one_above_it(path: Path) -> None:
    name = module_name(path)
    if name in ("newocc", "newocc.__main__"):
        return  # the package's lazy names and the entry point sit above everything
    above = sorted(
        target
        for target in imported(ast.parse(path.read_text(encoding="utf-8")))
        if layer(target) > layer(name)
    )
    assert above == [], f"{name} (layer {layer(name)}) imports {above}"
