"""MkDocs hooks: fill the generated tables in from the packaged data."""

from __future__ import annotations

from typing import Any

_TABLES = {
    "<!-- generated: batch table -->": "batch_table",
    "<!-- generated: source kind table -->": "source_kind_table",
}


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    """Replace each table marker with the table ``newocc._coverage`` builds."""
    from newocc import _coverage

    for marker, function in _TABLES.items():
        if marker in markdown:
            markdown = markdown.replace(marker, getattr(_coverage, function)())
    return markdown
