"""Files are replaced whole or not at all."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from newocc._atomic import atomic_text, write_texts


def test_the_new_content_replaces_the_old(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    with atomic_text(target) as stream:
        stream.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_a_failure_leaves_the_old_file_and_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")

    def write() -> None:
        with atomic_text(target, encoding="ascii") as stream:
            stream.write("half written\n")
            stream.write("职业\n")

    with pytest.raises(UnicodeEncodeError):
        write()
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_an_interrupt_leaves_no_file_where_there_was_none(tmp_path: Path) -> None:
    target = tmp_path / "new.csv"

    def write() -> None:
        with atomic_text(target) as stream:
            stream.write("x")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write()
    assert list(tmp_path.iterdir()) == []


def test_a_replaced_file_keeps_its_mode_and_a_new_file_gets_the_usual_one(tmp_path: Path) -> None:
    kept = tmp_path / "kept.csv"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    with atomic_text(kept) as stream:
        stream.write("new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.csv"
    umask = os.umask(0o022)
    try:
        with atomic_text(fresh) as stream:
            stream.write("x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


def test_a_named_pipe_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    # As /dev/null or /dev/stdout: replacing one with a regular file would break it for everyone.
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    with atomic_text(pipe) as stream:
        stream.write("through the pipe\n")
    reader.join(timeout=10)
    assert received == ["through the pipe\n"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_symbolic_link_keeps_pointing_at_the_replaced_file(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "out.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with atomic_text(link) as stream:
        stream.write("new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["out.csv"]


def test_generated_files_are_written_whole_into_a_new_folder(tmp_path: Path) -> None:
    folder = tmp_path / "schema" / "nested"
    written = write_texts({"a.json": "{}\n", "b.py": "x = 1\n"}, folder)
    assert written == [folder / "a.json", folder / "b.py"]
    assert [p.read_text(encoding="utf-8") for p in written] == ["{}\n", "x = 1\n"]
    assert sorted(p.name for p in folder.iterdir()) == ["a.json", "b.py"]


def test_a_generator_that_cannot_encode_leaves_the_old_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("old\n", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_texts({"a.txt": "\udcff"}, tmp_path)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
