"""Records built by hand: enum fields take the enum's values, and reject anything else at once."""

from __future__ import annotations

import enum
import types
import typing

import attrs
import pytest

from newocc import model
from newocc.model import Occupation, SalaryRange, Sector, Source, SourceKind, Statistic, Status

RECORD_TYPES = [
    value for name in model.__all__ if attrs.has(value := getattr(model, name)) and isinstance(value, type)
]


def _enum_in(field_type: object) -> type[enum.Enum] | None:
    union = typing.get_origin(field_type) in (typing.Union, types.UnionType)
    for option in typing.get_args(field_type) if union else (field_type,):
        if isinstance(option, type) and issubclass(option, enum.Enum):
            return option
    return None


def test_a_hand_built_source_takes_its_kind_by_value() -> None:
    source = Source("id", "publisher", "state_media")
    assert source.kind is SourceKind.STATE_MEDIA
    assert repr(source) == "Source('id', state_media)"


def test_an_unknown_enum_value_fails_when_the_record_is_built() -> None:
    with pytest.raises(ValueError, match="'tabloid' is not a valid SourceKind"):
        Source("id", "publisher", "tabloid")


def test_a_hand_built_occupation_reads_like_a_loaded_one() -> None:
    source = Source("id", "publisher", SourceKind.STATE_MEDIA, url="https://example.org/")
    salary = SalaryRange(8000, 12000, "CNY", "month", 2024, "hosts", source, statistic="range")
    occupation = Occupation(
        code="4-01-06-02",
        code_sources=(source,),
        former_codes=(),
        name_zh="互联网营销师",
        name_en=None,
        batch=3,
        status="new",
        definition_zh=None,
        sector="consumer_services",
        sub_roles=(),
        salaries=(salary,),
        sources=(source,),
    )
    assert (occupation.status, occupation.sector) == (Status.NEW, Sector.CONSUMER_SERVICES)
    assert repr(occupation) == "Occupation('4-01-06-02', '互联网营销师', batch=3)"
    assert salary.statistic is Statistic.RANGE
    assert repr(salary) == "SalaryRange(range 8000–12000 CNY/month, 2024)"
    assert salary.monthly() == (8000, 12000)
    assert attrs.evolve(occupation, status="host").status is Status.HOST


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda cls: cls.__name__)
def test_every_enum_field_of_every_record_converts_its_values(cls: type) -> None:
    for field in attrs.fields(cls):
        kind = _enum_in(field.type)
        if kind is not None:
            member = next(iter(kind))
            assert field.converter is not None, f"{cls.__name__}.{field.name} takes {kind.__name__} unchecked"
            assert field.converter(member.value) is member
            assert field.converter(member) is member
            with pytest.raises(ValueError, match=kind.__name__):
                field.converter("no such value")


def test_every_record_type_is_covered() -> None:
    assert {cls.__name__ for cls in RECORD_TYPES} >= {"Occupation", "Source", "SalaryRange", "BatchDate"}
