"""Read the packaged data files: the only place that touches package data."""

from __future__ import annotations

__all__ = ["DATA_FILES", "read_data"]

DATA_FILES = ("release.json", "sources.json", "batches.json", "occupations.json", "facts.json")
"""The files under ``newocc/data/``, in the order the loader reads them."""


def read_data(name: str) -> bytes:
    """Return the bytes of ``newocc/data/<name>``, from a directory, wheel or zip."""
    from importlib.resources import files

    return files("newocc").joinpath("data").joinpath(name).read_bytes()
