"""Checked by ``mypy --strict`` (never run): the public API's types.

Lines marked ``type: ignore[code]`` must be errors: strict mode reports an
ignore that is not needed, so a loosened annotation fails the check.
"""

from __future__ import annotations

from typing_extensions import assert_type

import newocc
from newocc import Batch, Occupation, Sector, SubRole


def check_types() -> None:
    assert_type(newocc.find(), tuple[Occupation, ...])
    assert_type(newocc.find(batch=[1, 2], sector=Sector.DIGITAL, salary=(5000, 9000)), tuple[Occupation, ...])
    assert_type(newocc.get("4010602"), Occupation)
    assert_type(newocc.batches(), tuple[Batch, ...])
    assert_type(newocc.sectors(), tuple[Sector, ...])
    assert_type(newocc.get("x").sub_roles, tuple[SubRole, ...])
    assert_type(newocc.get("x").code, str | None)
    assert_type(newocc.__version__, str)
    assert_type(newocc.DATA_VERSION, str)


def check_mistakes_are_rejected() -> None:
    occupation = newocc.get("互联网营销师")
    print(occupation.nmae_zh)  # type: ignore[attr-defined]
    occupation.name_zh = "x"  # type: ignore[misc]
    newocc.find(batch="3")  # type: ignore[arg-type]
    newocc.find(3)  # type: ignore[call-arg]
    newocc.find(salary=5000)  # type: ignore[arg-type]
    newocc.find(sub_role=["直播销售员"])  # type: ignore[arg-type]
    newocc.get(4010602)  # type: ignore[arg-type]
