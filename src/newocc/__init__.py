"""newocc: China's official catalogue of new occupations (新职业), as typed data.

>>> import newocc
>>> [o.name_zh for o in newocc.find(sub_role="直播销售员")]
['互联网营销师']
>>> newocc.match("外卖小哥").occupation.name_zh
'网约配送员'
>>> newocc.classify("快递员").is_new
False

Importing the package is cheap: the data and attrs are loaded on the first
query, once, behind a lock; the submodules (:mod:`newocc.coder`,
:mod:`newocc.query`, :mod:`newocc.export` …) are imported when first used.
"""

from __future__ import annotations

# Not `from typing import TYPE_CHECKING`: importing typing costs ~5 ms, more
# than the rest of `import newocc`; type checkers treat this name specially.
TYPE_CHECKING = False

__version__ = "0.1.0.dev0"
"""The code version (PEP 440)."""

DATA_VERSION = "2025.2"
"""The data release this version ships: the year of the latest official release
it covers, then a revision number."""

__all__ = [
    "DATA_VERSION",
    "Anchor",
    "Batch",
    "BatchDate",
    "CatalogueError",
    "Currency",
    "DateEvent",
    "EnglishName",
    "Estimate",
    "EstimateKind",
    "Fact",
    "FactKind",
    "FormerCode",
    "FormerName",
    "Group",
    "InvalidArgument",
    "InvalidArgumentType",
    "LabelKind",
    "Match",
    "Matcher",
    "NameKind",
    "NotFound",
    "Occupation",
    "Percentile",
    "Period",
    "RoleClass",
    "RoleHead",
    "SalaryRange",
    "Scope",
    "Sector",
    "SkillStandard",
    "Source",
    "SourceKind",
    "Statistic",
    "Status",
    "SubRole",
    "Term",
    "TermKind",
    "Wording",
    "__version__",
    "batches",
    "classify",
    "coder",
    "facts",
    "find",
    "get",
    "groups",
    "match",
    "match_frame",
    "match_many",
    "match_table",
    "occupations",
    "search",
    "sectors",
    "to_csv",
    "to_frame",
    "to_json",
    "to_jsonl",
    "to_records",
]

if TYPE_CHECKING:
    from newocc import coder
    from newocc.coder import LabelKind, Match, Matcher, classify, match, match_many, search
    from newocc.errors import CatalogueError, InvalidArgument, InvalidArgumentType, NotFound
    from newocc.export import to_csv, to_frame, to_json, to_jsonl, to_records
    from newocc.frames import match_frame, match_table
    from newocc.model import (
        Anchor,
        Batch,
        BatchDate,
        Currency,
        DateEvent,
        EnglishName,
        Estimate,
        EstimateKind,
        Fact,
        FactKind,
        FormerCode,
        FormerName,
        Group,
        NameKind,
        Occupation,
        Percentile,
        Period,
        RoleClass,
        RoleHead,
        SalaryRange,
        Sector,
        SkillStandard,
        Source,
        SourceKind,
        Statistic,
        Status,
        SubRole,
        Term,
        TermKind,
        Wording,
    )
    from newocc.query import Scope, batches, facts, find, get, groups, occupations, sectors

# Where each lazily imported public name lives (PEP 562): importing attrs and
# the query layer costs more than the whole of a cheap `import newocc`.
_HOMES = {
    "CatalogueError": "errors",
    "InvalidArgument": "errors",
    "InvalidArgumentType": "errors",
    "NotFound": "errors",
    "batches": "query",
    "facts": "query",
    "find": "query",
    "get": "query",
    "groups": "query",
    "Scope": "query",
    "LabelKind": "coder",
    "Match": "coder",
    "Matcher": "coder",
    "classify": "coder",
    "match": "coder",
    "match_many": "coder",
    "search": "coder",
    "match_frame": "frames",
    "match_table": "frames",
    "occupations": "query",
    "sectors": "query",
    "to_csv": "export",
    "to_frame": "export",
    "to_json": "export",
    "to_jsonl": "export",
    "to_records": "export",
}


_SUBMODULES = frozenset({"cli", "coder", "errors", "export", "model", "query", "testing"})
"""Public submodules, imported on first attribute access (``newocc.coder.Matcher``)."""


def __getattr__(name: str) -> object:
    if name in _SUBMODULES:
        from importlib import import_module

        return import_module(f"newocc.{name}")
    if name in __all__ and name not in globals():
        from importlib import import_module

        module = import_module(f"newocc.{_HOMES.get(name, 'model')}")
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'newocc' has no attribute {name!r}")


def __dir__() -> list[str]:
    return list(__all__)
