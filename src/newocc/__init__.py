"""newocc: China's official catalogue of new occupations (新职业), as typed data.

>>> import newocc
>>> [o.name_zh for o in newocc.find(sub_role="直播销售员")]
['互联网营销师']
>>> newocc.match("外卖小哥").occupation.name_zh
'网约配送员'

Importing the package is cheap: the data, attrs and cattrs are loaded on the
first query, once, behind a lock.
"""

from __future__ import annotations

# Not `from typing import TYPE_CHECKING`: importing typing costs ~5 ms, more
# than the rest of `import newocc`; type checkers treat this name specially.
TYPE_CHECKING = False

__version__ = "0.1.0.dev0"
"""The code version (PEP 440)."""

DATA_VERSION = "2025.1"
"""The data release this version ships: the year of the latest official release
it covers, then a revision number."""

__all__ = [
    "DATA_VERSION",
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
    "InvalidArgument",
    "InvalidArgumentType",
    "LabelKind",
    "Match",
    "NameKind",
    "NotFound",
    "Occupation",
    "Period",
    "SalaryRange",
    "Sector",
    "SkillStandard",
    "Source",
    "SourceKind",
    "Status",
    "SubRole",
    "Wording",
    "__version__",
    "batches",
    "facts",
    "find",
    "get",
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
    from newocc.errors import CatalogueError, InvalidArgument, InvalidArgumentType, NotFound
    from newocc.export import to_csv, to_frame, to_json, to_jsonl, to_records
    from newocc.frames import match_frame, match_table
    from newocc.matching import LabelKind, Match, match, match_many, search
    from newocc.model import (
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
        NameKind,
        Occupation,
        Period,
        SalaryRange,
        Sector,
        SkillStandard,
        Source,
        SourceKind,
        Status,
        SubRole,
        Wording,
    )
    from newocc.query import batches, facts, find, get, occupations, sectors

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
    "LabelKind": "matching",
    "Match": "matching",
    "match": "matching",
    "match_many": "matching",
    "match_frame": "frames",
    "match_table": "frames",
    "search": "matching",
    "occupations": "query",
    "sectors": "query",
    "to_csv": "export",
    "to_frame": "export",
    "to_json": "export",
    "to_jsonl": "export",
    "to_records": "export",
}


def __getattr__(name: str) -> object:
    if name in __all__ and name not in globals():
        from importlib import import_module

        module = import_module(f"newocc.{_HOMES.get(name, 'model')}")
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'newocc' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
