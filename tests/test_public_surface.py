"""The public modules show what they export, and nothing else."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

PUBLIC_MODULES = [
    "newocc.errors",
    "newocc.model",
    "newocc.model.lexicon",
    "newocc.query",
    "newocc.export",
    "newocc.testing",
    "newocc.cli",
]


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_dir_of_a_public_module_is_its_all(name: str) -> None:
    module = importlib.import_module(name)
    assert dir(module) == sorted(module.__all__)
    for public in module.__all__:
        getattr(module, public)


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_each_public_module_imports_on_its_own(name: str) -> None:
    # In a fresh interpreter, in any order: no import cycle between them.
    code = f"import {name}, sys; print(sorted(m for m in sys.modules if m.startswith('newocc.')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
