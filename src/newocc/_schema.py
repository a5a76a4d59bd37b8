"""Generate the JSON Schema of the data files from the attrs model.

The schema follows the loader's conventions: records cite sources by id (a
string) except in ``sources.json`` itself, dates are ISO strings, enums are
their values, a field with a default may be left out, unknown keys are
errors, and computed fields (``Batch.listed_count``) are not stored.  Bounds,
patterns and which fields are computed are the model's field facts
(:func:`newocc.model.facts`), the same the loader's structurer enforces.

Regenerate the shipped files after a model change::

    python -m newocc._schema

A test checks that the shipped files are exactly what this module generates
and that every data file validates against them.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from newocc._atomic import write_texts
from newocc._store.aliases import AliasRow
from newocc._store.coded_titles import CodedTitleRow
from newocc._store.lexicon import LEXICON_FILES
from newocc._store.loader import _DICTIONARY_DEFAULTS, SCHEMA_VERSION
from newocc._store.whole_dictionary import CodeNote
from newocc.model import (
    COMPUTED,
    MAXIMUM,
    MIN_LENGTH,
    MINIMUM,
    PATTERN,
    Batch,
    Fact,
    Group,
    Occupation,
    Source,
    Status,
    cites_by_id,
)

__all__ = ["SCHEMA_DIR", "render", "schemas", "write"]

SCHEMA_DIR = Path(__file__).parent / "data" / "schema"
"""Where the generated schema files are shipped."""

_DRAFT = "https://json-schema.org/draft/2020-12/schema"

_ROOTS = {
    # An alias names its occupation and work type by name; newocc._store.aliases resolves them.
    "aliases.json": AliasRow,
    # A coded title names its occupation by code and name; newocc._store.coded_titles checks both.
    "coded_titles.json": CodedTitleRow,
    # The repository files the coded titles were seen in, sources like those of sources.json.
    "posting_sources.json": Source,
    **LEXICON_FILES,
    "sources.json": Source,
    "batches.json": Batch,
    "occupations.json": Occupation,
    "facts.json": Fact,
    "groups.json": Group,
}

# A dictionary row leaves out what every established occupation shares (the
# loader fills it in); where it states such a field, it must say the same.
_ESTABLISHED: dict[str, dict[str, Any]] = {
    "status": {"const": Status.ESTABLISHED.value},
    "batch": {"type": "null"},
    "sector": {"type": "null"},
    "raised_in": {"type": "null"},
    "dictionary_name_zh": {"type": "null"},
}


class _Builder:
    """Builds one file's schema; nested record types go to ``$defs``."""

    def __init__(self, sources_by_id: bool) -> None:
        self.sources_by_id = sources_by_id
        self.defs: dict[str, Any] = {}

    def of_type(self, tp: Any) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            options = [self.of_type(arg) for arg in typing.get_args(tp)]
            return {"anyOf": options}
        if origin is tuple:
            item, *_ = typing.get_args(tp)
            return {"type": "array", "items": self.of_type(item)}
        if tp is type(None):
            return {"type": "null"}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [member.value for member in tp]}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is str:
            return {"type": "string"}
        if tp is dt.date:
            return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
        if cites_by_id(tp) and self.sources_by_id:
            return {"$ref": "#/$defs/source_id"}
        if attrs.has(tp):
            if tp.__name__ not in self.defs:
                self.defs[tp.__name__] = {}  # placeholder: stops recursion
                self.defs[tp.__name__] = self.record(tp)
            return {"$ref": f"#/$defs/{tp.__name__}"}
        raise TypeError(f"no JSON Schema rule for type {tp!r}; add one to newocc._schema")

    def record(
        self, cls: type, *, optional: Iterable[str] = (), fixed: dict[str, dict[str, Any]] | None = None
    ) -> dict[str, Any]:
        """``cls`` as an object; ``optional`` fields may be left out, ``fixed`` ones have this schema."""
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required = []
        optional = set(optional)
        for field in attrs.fields(cls):
            if field.metadata.get(COMPUTED):
                continue
            prop = self.of_type(hints[field.name])
            refinement = _refinement(field)
            if refinement:
                prop = _refine(prop, refinement)
            if fixed and field.name in fixed:
                prop = fixed[field.name]
            properties[field.name] = prop
            if field.default is attrs.NOTHING and field.name not in optional:
                required.append(field.name)
        return {
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


def _refinement(field: attrs.Attribute) -> dict[str, Any]:  # type: ignore[type-arg]
    """The JSON Schema keywords of the field's facts (the model's metadata)."""
    keywords: dict[str, Any] = {}
    if MINIMUM in field.metadata:
        keywords["minimum"] = field.metadata[MINIMUM]
    if MAXIMUM in field.metadata:
        keywords["maximum"] = field.metadata[MAXIMUM]
    if MIN_LENGTH in field.metadata:
        keywords["minLength"] = field.metadata[MIN_LENGTH]
    if PATTERN in field.metadata:
        keywords["pattern"] = f"^{field.metadata[PATTERN]}$"
    return keywords


def _refine(prop: dict[str, Any], refinement: dict[str, Any]) -> dict[str, Any]:
    if "anyOf" in prop:
        return {"anyOf": [_refine(option, refinement) for option in prop["anyOf"]]}
    if prop.get("type") == "null":
        return prop
    return {**prop, **refinement}


def _header(file: str) -> dict[str, Any]:
    return {
        "$schema": _DRAFT,
        "title": f"newocc data file {file} (schema_version {SCHEMA_VERSION})",
        "description": "Generated by `python -m newocc._schema` from the attrs model; do not edit.",
    }


def schemas() -> dict[str, dict[str, Any]]:
    """The schema of every data file, keyed by the schema file's name."""
    result: dict[str, dict[str, Any]] = {}
    release = {
        **_header("release.json"),
        "type": "object",
        "properties": {
            "data_version": {"type": "string", "minLength": 1},
            "schema_version": {"const": SCHEMA_VERSION},
        },
        "required": ["data_version", "schema_version"],
        "additionalProperties": False,
    }
    result["release.schema.json"] = release
    for file, cls in _ROOTS.items():
        builder = _Builder(sources_by_id=cls is not Source)
        item = builder.record(cls)
        schema: dict[str, Any] = {**_header(file), "type": "array", "items": item}
        if builder.sources_by_id:
            builder.defs["source_id"] = {
                "type": "string",
                "minLength": 1,
                "description": "an id in sources.json",
            }
        if builder.defs:
            schema["$defs"] = dict(sorted(builder.defs.items()))
        result[f"{file.removesuffix('.json')}.schema.json"] = schema
    builder = _Builder(sources_by_id=True)
    rows = builder.record(Occupation, optional=_DICTIONARY_DEFAULTS, fixed=_ESTABLISHED)
    notes = builder.record(CodeNote)
    builder.defs["source_id"] = {"type": "string", "minLength": 1, "description": "an id in sources.json"}
    result["dictionary.schema.json"] = {
        **_header("dictionary.json"),
        "type": "object",
        "properties": {
            "occupations": {
                "type": "array",
                "items": rows,
                "description": "established occupations of the 2022 dictionary, in code order",
            },
            "unresolved": {
                "type": "array",
                "items": notes,
                "description": "codes a source prints that no record holds, each with why",
            },
        },
        "required": ["occupations", "unresolved"],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }
    return dict(sorted(result.items()))


def render() -> dict[str, str]:
    """The text of every schema file, as shipped."""
    return {
        name: json.dumps(schema, ensure_ascii=False, indent=2) + "\n" for name, schema in schemas().items()
    }


def write(directory: Path = SCHEMA_DIR) -> list[Path]:
    """Write the schema files to ``directory``; return their paths."""
    return write_texts(render(), directory)


if __name__ == "__main__":
    for written in write(Path(sys.argv[1]) if len(sys.argv) > 1 else SCHEMA_DIR):
        print(written)
