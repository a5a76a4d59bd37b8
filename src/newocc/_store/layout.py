"""The layout of the data files, as a leaf constant.

The loader checks it against ``release.json``; the schema generator and the
exports state it.  It lives apart from the loader so that code which only
needs the number does not import the loader.
"""

from __future__ import annotations

__all__ = ["SCHEMA_VERSION"]

SCHEMA_VERSION = 1
"""The layout of the data files this code reads (``release.json``'s ``schema_version``)."""
