"""Check ``aliases.json``: the names people use for occupations and work types.

An alias is data, like the catalogue: each one names the occupation it
stands for (by its official Chinese name), optionally one of its work types,
and either the sources where it was seen or ``common_usage: true`` for a name
in everyday use that no source in ``sources.json`` records.  A row is an
:class:`AliasRow`, structured by the loader like every other file's rows (its
JSON Schema is generated from it); :func:`resolve_aliases` then finds the
occupation and work type each row names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from newocc.errors import CatalogueError, shown
from newocc.model import Occupation, Source, SubRole, facts

__all__ = ["ALIASES_FILE", "Alias", "AliasRow", "resolve_aliases", "work_type_named"]

ALIASES_FILE = "aliases.json"
"""The file under ``newocc/data/`` that holds the aliases."""


@attrs.frozen(repr=False)
class AliasRow:
    """A row of ``aliases.json`` as the file writes it: the occupation and work type by name."""

    text: str = attrs.field(metadata=facts(min_length=1))
    occupation: str = attrs.field(metadata=facts(min_length=1))
    sub_role: str | None = attrs.field(default=None, metadata=facts(min_length=1))
    sources: tuple[Source, ...] = ()
    common_usage: bool = False

    def __repr__(self) -> str:
        return f"AliasRow({self.text!r})"


@attrs.frozen
class Alias:
    """One checked alias: its text, target and evidence."""

    text: str
    occupation: Occupation
    sub_role: SubRole | None
    sources: tuple[Source, ...]
    common_usage: bool


def resolve_aliases(rows: Sequence[AliasRow], occupations: Iterable[Occupation]) -> tuple[Alias, ...]:
    """The aliases in file order, each pointing at the catalogue's occupation and work type it names.

    Raises :class:`~newocc.errors.CatalogueError` naming the file, the alias
    and the field when a row is blank, repeated, cites nothing or points at
    nothing.
    """
    by_name: Mapping[str, Occupation] = {o.name_zh: o for o in occupations}
    seen: set[str] = set()
    aliases = []
    for number, row in enumerate(rows):
        record = repr(row.text)
        if not row.text.strip():
            raise CatalogueError(ALIASES_FILE, f"record {number}", "text", "is blank")
        key = row.text.casefold()
        if key in seen:
            raise CatalogueError(ALIASES_FILE, record, "text", "duplicate alias")
        seen.add(key)
        occupation = by_name.get(row.occupation)
        if occupation is None:
            raise CatalogueError(
                ALIASES_FILE, record, "occupation", f"no occupation is named {shown(row.occupation)}"
            )
        if not row.sources and not row.common_usage:
            raise CatalogueError(ALIASES_FILE, record, "sources", "cite a source or set common_usage to true")
        aliases.append(
            Alias(
                text=row.text,
                occupation=occupation,
                sub_role=work_type_named(row.sub_role, occupation, ALIASES_FILE, record, "sub_role"),
                sources=row.sources,
                common_usage=row.common_usage,
            )
        )
    return tuple(aliases)


def work_type_named(
    name: str | None, occupation: Occupation, file: str, record: str, field: str
) -> SubRole | None:
    """The work type of ``occupation`` named ``name`` (None for None), else a fault of ``file``."""
    if name is None:
        return None
    for role in occupation.sub_roles:
        if role.name_zh == name:
            return role
    choices = [r.name_zh for r in occupation.sub_roles]
    raise CatalogueError(
        file,
        record,
        field,
        f"{occupation.name_zh} has no work type {shown(name)}; it has {choices}"[:400],
    )
