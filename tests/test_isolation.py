"""Concurrency and isolation: one load for many threads, immutable results,
no network, and data that is parsed, never executed or unpickled."""

from __future__ import annotations

import datetime as dt
import enum
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

import attrs
import pytest

import newocc
from newocc import _store as _catalogue


def run_fresh(code: str) -> str:
    """Run ``code`` in a new interpreter (nothing loaded yet); return its last output line."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    return result.stdout.strip().splitlines()[-1]


def test_32_threads_importing_and_querying_at_once_load_once() -> None:
    output = run_fresh(
        """
        import json, threading
        import newocc._store.loader as loader
        import newocc._store.snapshot as snapshot

        # The catalogue comes from its snapshot, or from the full load when that
        # does not match: either way, once.
        calls = []
        def counting(real):
            def load(*args, **kwargs):
                calls.append(threading.get_ident())
                return real(*args, **kwargs)
            return load
        loader.load = counting(loader.load)
        snapshot.packaged = counting(snapshot.packaged)

        barrier = threading.Barrier(32)
        results = [None] * 32
        def first_query(i):
            barrier.wait()
            import newocc
            results[i] = (newocc.find(batch=3), newocc.get("4-01-06-02"), newocc.batches())
        threads = [threading.Thread(target=first_query, args=(i,)) for i in range(32)]
        for t in threads: t.start()
        for t in threads: t.join()
        first = results[0]
        same = all(
            r is not None and r[1] is first[1] and r[2] is first[2]
            and len(r[0]) == len(first[0]) and all(a is b for a, b in zip(r[0], first[0]))
            for r in results
        )
        print(json.dumps({"loads": len(calls), "same": same, "found": len(results[0][0])}))
        """
    )
    report = json.loads(output)
    assert report == {"loads": 1, "same": True, "found": len(newocc.find(batch=3))}


def test_loading_uses_no_network_pickle_or_eval_of_data() -> None:
    """Sockets are blocked; every compile() and exec the load triggers is
    audited: none of them may see text from the data files."""
    output = run_fresh(
        """
        import json, socket, sys

        def refuse(*args, **kwargs):
            raise AssertionError("network access while loading")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        events = []
        def audit(event, args):
            # Compiling our own modules' source files is fine (their docstrings
            # quote names); generated or evaluated text must not hold data.
            if event == "compile" and not str(args[1]).endswith(".py"):
                events.append(("compile", args[0] if isinstance(args[0], (str, bytes)) else ""))
            elif event.startswith(("pickle.", "socket.", "urllib.", "http.")):
                events.append((event, ""))
        sys.addaudithook(audit)

        import newocc
        newocc.find(batch=3, sector="digital", text="工程")
        newocc.get("互联网营销师")
        newocc.get("4-02-07-08")  # reads the rest of the dictionary too
        sources = [
            s if isinstance(s, str) else s.decode("utf-8", "replace") for e, s in events if e == "compile"
        ]
        print(json.dumps({
            "other": sorted({e for e, _ in events if e != "compile"}),
            "pickle": sorted(m for m in sys.modules if "pickle" in m),
            "sources": sources,
        }, ensure_ascii=False))
        """
    )
    report = json.loads(output)
    assert report["sources"], "the audit saw no generated code at all"
    assert report["other"] == []
    assert report["pickle"] == []
    data_text = [o.name_zh for o in newocc.occupations(scope="dictionary")] + [
        s.id for s in _catalogue.current().sources
    ]
    leaked = [name for name in data_text if any(name in source for source in report["sources"])]
    assert leaked == []


IMMUTABLE_LEAVES = (str, int, float, bool, type(None), enum.Enum, dt.date)


def _fields(value: object) -> tuple[attrs.Attribute[Any], ...]:
    cls = type(value)
    return tuple(attrs.fields(cls)) if attrs.has(cls) else ()


def _walk(value: object, path: str) -> Iterator[tuple[str, object]]:
    yield path, value
    if _fields(value):
        for field in _fields(value):
            yield from _walk(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, (tuple, frozenset)):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")
    elif isinstance(value, MappingProxyType):
        for key, item in value.items():
            yield from _walk(key, f"{path} key")
            yield from _walk(item, f"{path}[{key!r}]")


def _reachable() -> Iterator[tuple[str, object]]:
    yield from _walk(newocc.occupations(related=True), "occupations(related=True)")
    yield from _walk(newocc.batches(), "batches()")
    yield from _walk(newocc.sectors(), "sectors()")
    yield from _walk(newocc.find(batch=3), "find(batch=3)")
    catalogue = _catalogue.current()
    for name in _catalogue.Catalogue.__slots__:
        yield from _walk(getattr(catalogue, name), f"catalogue.{name}")
    table = _catalogue.dictionary()
    for name in type(table).__slots__:
        if name != "catalogue":  # walked above
            yield from _walk(getattr(table, name), f"dictionary.{name}")


def test_everything_a_caller_can_reach_is_immutable() -> None:
    mutable = [
        (path, type(value).__name__)
        for path, value in _reachable()
        if not (
            isinstance(value, (*IMMUTABLE_LEAVES, tuple, frozenset, MappingProxyType))
            or (_fields(value) and _frozen(value))
        )
    ]
    assert mutable == []


def _frozen(record: object) -> bool:
    name = _fields(record)[0].name
    try:
        setattr(record, name, getattr(record, name))
    except attrs.exceptions.FrozenInstanceError:
        return not hasattr(record, "__dict__")  # slotted: no new attributes either
    return False


def test_mutating_a_result_cannot_change_what_the_next_caller_sees() -> None:
    before = newocc.find(batch=3)
    marketer = newocc.get("互联网营销师")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        marketer.sub_roles = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        marketer.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        _catalogue.current().by_code["x"] = marketer  # type: ignore[index]
    copy = list(before)
    copy.clear()
    assert newocc.find(batch=3) == before
    assert newocc.get("互联网营销师").sub_roles == marketer.sub_roles
    assert isinstance(_catalogue.current().positions_by_batch, Mapping)
