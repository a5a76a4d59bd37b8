"""Write a file all at once: the old file stays as it was until the new one is complete.

Used by every command that writes a file (``newocc export -o``, ``newocc tag
-o``): on any failure — a full disk, a file-size limit, data the encoding
cannot hold, Ctrl-C — the previous file is left unchanged and no partial file
remains.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

__all__ = ["atomic_text"]


@contextlib.contextmanager
def atomic_text(
    path: str | os.PathLike[str], *, encoding: str = "utf-8", newline: str = ""
) -> Iterator[TextIO]:
    """A text file that replaces ``path`` when the ``with`` block ends without an exception.

    The temporary file is created beside ``path`` (so the final rename stays on
    one file system and is atomic) and removed when the block fails.  A
    ``path`` that is not a regular file (``/dev/null``, a named pipe, a
    terminal) is written in place: replacing it would put a file where a
    device was.
    """
    target = Path(path)
    if _special(target):
        with target.open("w", encoding=encoding, newline=newline) as stream:
            yield stream
        return
    handle, name = tempfile.mkstemp(prefix=".newocc-", suffix=".tmp", dir=target.resolve().parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline=newline) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        _keep_mode(target, temporary)
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _special(target: Path) -> bool:
    try:
        return not stat.S_ISREG(target.stat().st_mode)
    except FileNotFoundError:
        return False


def _keep_mode(target: Path, temporary: Path) -> None:
    # mkstemp creates the file 0600; a replaced file keeps its old mode, a new
    # one gets the mode open() would have given it (0666 less the umask).
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    temporary.chmod(mode)
