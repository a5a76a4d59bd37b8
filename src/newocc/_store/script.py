"""Traditional → simplified Chinese, character by character, from the shipped table ``data/t2s.tsv``.

A leaf of the store: ``query`` (exact lookups) and the coder (titles) both read
it, so neither imports the other.  The table is read on first use, once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from newocc._lazy import Lazy
from newocc._store.resources import read_data
from newocc.errors import CatalogueError

__all__ = ["T2S_FILE", "traditional_table", "traditional_to_simplified"]

T2S_FILE = "t2s.tsv"
"""The file under ``newocc/data/`` that holds the character pairs."""


def _read() -> tuple[Mapping[int, str], re.Pattern[str]]:
    pairs: dict[int, str] = {}
    try:
        text = read_data(T2S_FILE).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogueError(T2S_FILE, f"byte {exc.start}", "-", "not valid UTF-8") from None
    for number, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2 or len(fields[0]) != 1 or not fields[1]:
            raise CatalogueError(
                T2S_FILE, f"line {number}", "-", "expected one character, a tab and its simplified form"
            )
        pairs[ord(fields[0])] = fields[1]
    # Most titles are simplified: a scan for a mapped character is much
    # cheaper than translating every title.  Characters beyond the BMP go in
    # as one range: listed one by one they would make the regex engine test
    # each title character slowly.
    bmp = "".join(re.escape(chr(c)) for c in sorted(pairs) if c <= 0xFFFF)
    return pairs, re.compile(f"[{bmp}\U00010000-\U0010ffff]")


_table = Lazy(_read)


def traditional_table() -> tuple[Mapping[int, str], re.Pattern[str]]:
    """The table (code point → simplified text, for ``str.translate``), and a pattern finding its keys."""
    return _table.get()


def traditional_to_simplified(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones (``網約配送員`` → ``网约配送员``)."""
    table, traditional = _table.get()
    return text.translate(table) if traditional.search(text) else text
