"""Text normalisation shared by exact lookups and search."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["as_code", "fold"]

_DASHED = re.compile(r"(\d)-(\d{2})-(\d{2})-(\d{2})")
_COMPACT = re.compile(r"(\d)(\d{2})(\d{2})(\d{2})")
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})


def fold(text: str) -> str:
    """Fold width, compatibility forms, case and surrounding space: ``"ＡＩ "`` → ``"ai"``."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


def as_code(text: str) -> str | None:
    """The dashed form of an occupation code written either way, else None.

    ``"4010602"``, ``"4-01-06-02"`` and ``"４－０１－０６－０２"`` all give
    ``"4-01-06-02"``.
    """
    folded = fold(text).translate(_DASHES)
    match = _DASHED.fullmatch(folded) or _COMPACT.fullmatch(folded)
    return "-".join(match.groups()) if match else None
