"""A strict, import-light structurer for data that is already correct.

cattrs costs about 9 ms to import and several more to generate its
structuring code: more than half of a first query.  This module builds plain
closures from ``attrs.fields`` instead and accepts only the exact JSON shapes
the data files use.  It never reports problems: on any surprise it raises, and
the loader asks cattrs, which either names the file, record and field, or
accepts the row (the fast path is only ever stricter).  Types it does not know
make it decline a whole class, so new model fields cannot be misread here.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Callable, Mapping
from typing import Any, Union, get_args, get_origin

import attrs

__all__ = ["Structurers", "UnsupportedTypeError", "structurer"]

Structure = Callable[[object], Any]


class UnsupportedTypeError(TypeError):
    """A field type this module does not structure; the caller uses cattrs."""


def structurer(cls: type, sources: Mapping[str, Any] | None) -> Structure:
    """A function turning one JSON object into ``cls``, raising on anything unusual.

    With ``sources``, a field typed as the class of its values (``Source``) is
    read as an id into it, as the loader's cattrs hooks do.
    """
    return Structurers(sources)(cls)


class Structurers:
    """:func:`structurer` for several classes over one ``sources`` table, each class planned once."""

    def __init__(self, sources: Mapping[str, Any] | None) -> None:
        self._builder = _Builder(sources)

    def __call__(self, cls: type) -> Structure:
        """The structurer of ``cls``; raises :class:`UnsupportedTypeError` for a type it declines."""
        return self._builder.attrs_class(cls)


class _Builder:
    def __init__(self, sources: Mapping[str, Any] | None) -> None:
        self.sources = sources
        self.source_type = type(next(iter(sources.values()))) if sources else None
        # One structurer per class: a record type nested in several others
        # (Source, SubRole) is planned once per load, not once per field.
        self.classes: dict[type, Structure] = {}

    def for_type(self, kind: Any) -> Structure:
        origin = get_origin(kind)
        if origin is Union or origin is types.UnionType:
            options = [a for a in get_args(kind) if a is not type(None)]
            if len(options) != 1:
                raise UnsupportedTypeError(kind)
            inner = self.for_type(options[0])
            return lambda value: None if value is None else inner(value)
        if origin is tuple:
            args = get_args(kind)
            if len(args) != 2 or args[1] is not Ellipsis:
                raise UnsupportedTypeError(kind)
            if args[0] is self.source_type and self.sources is not None:
                # The commonest field of all (every fact's sources): a lookup per id.
                # A non-str id cannot be a key of the table, so it raises like any other surprise.
                table = self.sources
                return lambda value: tuple([table[v] for v in _list(value)])
            item = self.for_type(args[0])
            return lambda value: tuple([item(v) for v in _list(value)])
        if origin is not None or not isinstance(kind, type):
            raise UnsupportedTypeError(kind)
        if kind is self.source_type:
            return self.source_by_id
        if issubclass(kind, enum.Enum):
            return kind
        if kind is dt.date:
            return _date
        if kind is float:
            return _float
        if kind in (str, int, bool):
            return _exactly(kind)
        if attrs.has(kind):
            return self.attrs_class(kind)
        raise UnsupportedTypeError(kind)

    def source_by_id(self, value: object) -> Any:
        assert self.sources is not None
        if type(value) is not str:
            raise TypeError(value)
        return self.sources[value]

    def attrs_class(self, cls: type) -> Structure:
        known = self.classes.get(cls)
        if known is not None:
            return known
        try:
            fields = attrs.fields(cls)
            if any(isinstance(f.type, str) for f in fields):
                # Postponed annotations only: the model's are real types, and
                # resolving costs a typing.get_type_hints pass per class.
                fields = attrs.fields(attrs.resolve_types(cls))
        except Exception as exc:  # an annotation it cannot resolve: let cattrs try
            raise UnsupportedTypeError(cls) from exc
        if any(not f.init or f.alias != f.name for f in fields):
            raise UnsupportedTypeError(cls)
        converters = {f.name: self.for_type(f.type) for f in fields}
        names = frozenset(converters)
        required = frozenset(f.name for f in fields if f.default is attrs.NOTHING)

        def structure(value: object) -> Any:
            if type(value) is not dict or not value.keys() <= names or not required <= value.keys():
                raise TypeError(cls)
            # Over the row's keys, not the class's fields: rows leave defaults out.
            return cls(**{name: converters[name](item) for name, item in value.items()})

        self.classes[cls] = structure
        return structure


def _list(value: object) -> list[Any]:
    if type(value) is not list:
        raise TypeError(value)
    return value


def _exactly(kind: type) -> Structure:
    def structure(value: object) -> object:
        if type(value) is not kind:
            raise TypeError(value)
        return value

    return structure


def _float(value: object) -> float:
    if type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    raise TypeError(value)


def _date(value: object) -> dt.date:
    if type(value) is not str:
        raise TypeError(value)
    return dt.date.fromisoformat(value)
