"""Write a file all at once: the old file stays as it was until the new one is complete.

Used by every command that writes a file (``newocc export -o``, ``newocc tag
-o``): on any failure — a full disk, a file-size limit, data the encoding
cannot hold, Ctrl-C — the previous file is left unchanged and no partial file
remains.

A path that names something other than a regular file (``/dev/stdout``,
``/dev/null``, a named pipe) is written in place: it cannot be replaced
atomically, and must not be replaced by a regular file.  A symbolic link is
followed, so the file it points to is replaced and the link stays.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TextIO

__all__ = ["atomic_text", "write_texts"]


@contextlib.contextmanager
def atomic_text(
    path: str | os.PathLike[str], *, encoding: str = "utf-8", newline: str = ""
) -> Iterator[TextIO]:
    """A text file that replaces ``path`` when the ``with`` block ends without an exception.

    The temporary file is created beside ``path`` (so the final rename stays on
    one file system and is atomic) and removed when the block fails.
    """
    target = Path(path).resolve()
    if target.exists() and not target.is_file():
        with target.open("w", encoding=encoding, newline=newline) as stream:
            yield stream
        return
    handle, name = tempfile.mkstemp(prefix=".newocc-", suffix=".tmp", dir=target.parent)
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


def write_texts(texts: Mapping[str, str], directory: Path) -> list[Path]:
    """Write each ``name → text`` of ``texts`` to ``directory / name``, each file atomically.

    How the generators (the JSON Schemas, the store's structurers) write what they
    render: a generator stopped half-way leaves every file whole, old or new.
    """
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in texts.items():
        path = directory / name
        with atomic_text(path) as stream:
            stream.write(text)
        paths.append(path)
    return paths


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
