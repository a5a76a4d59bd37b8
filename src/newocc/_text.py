"""Text normalisation shared by exact lookups and search."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["INVISIBLE", "as_code", "fold"]

# Compiled on the first as_code() call, not at import: a first find() reads no code.
_codes: tuple[re.Pattern[str], re.Pattern[str]] | None = None
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})

INVISIBLE = frozenset(
    "\u00ad"  # soft hyphen
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200c\u200d"  # zero-width space, non-joiner, joiner
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # direction marks
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\ufeff"  # byte order mark, as in the first cell of a CSV saved by Excel
)
"""Characters that show nothing and that copying from a spreadsheet or a web
page leaves in text: :func:`fold` drops them."""

_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))


def fold(text: str) -> str:
    r"""Fold width, compatibility forms, case, invisible characters and surrounding space.

    ``"ＡＩ "`` → ``"ai"``; ``"\ufeff4-01-06-02"`` → ``"4-01-06-02"``.
    """
    return unicodedata.normalize("NFKC", text.translate(_DROP_INVISIBLE)).casefold().strip()


def as_code(text: str) -> str | None:
    r"""The dashed form of an occupation code written either way, else None.

    ``"4010602"``, ``"4-01-06-02"``, ``"４－０１－０６－０２"`` and
    ``"\ufeff4010602"`` all give ``"4-01-06-02"``.
    """
    global _codes
    if _codes is None:
        _codes = (re.compile(r"(\d)-(\d{2})-(\d{2})-(\d{2})"), re.compile(r"(\d)(\d{2})(\d{2})(\d{2})"))
    dashed, compact = _codes
    folded = fold(text).translate(_DASHES)
    match = dashed.fullmatch(folded) or compact.fullmatch(folded)
    return "-".join(match.groups()) if match else None
