"""A one-line progress bar on a terminal: rows done, rows per second, and the share of the input read.

It draws only when asked to (``newocc tag`` asks when stderr is a terminal
and ``--quiet`` is not given) and at most a few times a second, so a
pipeline's stderr never fills with it.
"""

from __future__ import annotations

import time
from typing import TextIO

__all__ = ["Progress"]

_INTERVAL = 0.2
"""Seconds between redraws."""
_WIDTH = 20
"""Characters in the bar."""


class Progress:
    """Counts rows and redraws one line on ``stream``; silent when not ``enabled``.

    ``total`` is the input's size in bytes when it is known (a regular file),
    which adds a bar and a percentage; :meth:`update` takes the bytes read so far.
    """

    def __init__(self, stream: TextIO, *, enabled: bool, total: int | None = None, label: str = "") -> None:
        self.stream = stream
        self.enabled = enabled
        self.total = total if total else None
        self.label = label
        self.rows = 0
        self.done = 0
        self.started = time.monotonic()
        self._drawn = self.started

    def update(self, rows: int, done: int = 0) -> None:
        """Add ``rows`` rows; ``done`` is the bytes of input read so far."""
        self.rows += rows
        self.done = done
        if self.enabled:
            now = time.monotonic()
            if now - self._drawn >= _INTERVAL:
                self._drawn = now
                self._draw(now, final=False)

    def close(self, *, complete: bool = True) -> None:
        """Draw the final count and end the line (``complete``: the whole input was read)."""
        if self.enabled:
            if complete and self.total is not None:
                self.done = self.total
            self._draw(time.monotonic(), final=True)

    def line(self, now: float) -> str:
        """The text of the line: bar and share (when the size is known), rows, rate."""
        elapsed = max(now - self.started, 1e-9)
        parts = [self.label] if self.label else []
        if self.total is not None:
            share = min(self.done / self.total, 1.0)
            filled = round(share * _WIDTH)
            parts.append(f"[{'#' * filled}{'.' * (_WIDTH - filled)}] {share:4.0%}")
        parts.append(f"{self.rows:,} rows")
        parts.append(f"{self.rows / elapsed:,.0f} rows/s")
        return "  ".join(parts)

    def _draw(self, now: float, *, final: bool) -> None:
        # \r returns to the start of the line, \x1b[K clears what a longer line left.
        self.stream.write("\r" + self.line(now) + "\x1b[K" + ("\n" if final else ""))
        self.stream.flush()
