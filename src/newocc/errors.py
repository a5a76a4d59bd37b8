"""The exceptions newocc raises on purpose: one class per kind of failure.

Each subclasses the built-in exception a caller already catches, as
``packaging`` does (``InvalidVersion(ValueError)``):

==========================  ================  =========================================
class                       subclasses        raised when
==========================  ================  =========================================
:class:`InvalidArgument`    ``ValueError``    an argument has the right type, a wrong value
:class:`InvalidArgumentType` ``TypeError``    an argument has the wrong type
:class:`NotFound`           ``LookupError``   no occupation has the code or name asked for
:class:`CatalogueError`     ``ValueError``    the packaged data is broken (an installation fault)
==========================  ================  =========================================

Every exception keeps its fields through :mod:`pickle`, so one raised in a
worker process reaches the parent intact (a ``multiprocessing.Pool`` or a
Spark executor).  Messages quote the bad value cut to :data:`MAX_SHOWN`
characters, so a 10 MB argument never comes back as a 10 MB message.
"""

from __future__ import annotations

__all__ = ["MAX_SHOWN", "CatalogueError", "InvalidArgument", "InvalidArgumentType", "NotFound", "shown"]


def __dir__() -> list[str]:
    return list(__all__)


MAX_SHOWN = 80
"""How many characters of a bad value a message quotes."""


def shown(value: object) -> str:
    """``repr(value)`` cut to :data:`MAX_SHOWN` characters, for messages.

    Only the start of a long str is looked at, so a huge argument costs nothing.
    """
    if isinstance(value, str):
        value = value[: MAX_SHOWN + 1]
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ must not hide the real error
        text = f"<{type(value).__name__} object>"
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


class InvalidArgument(ValueError):  # noqa: N818 - reads as the condition, as packaging's InvalidVersion
    """An argument of the right type has a value newocc does not accept.

    ``name`` is the parameter, ``value`` what was passed (``shown`` cuts it
    in the message), ``choices`` the valid values when there are few enough
    to list (else empty) and ``problem`` what is wrong with it.
    """

    def __init__(self, name: str, value: object, problem: str, choices: tuple[str, ...] = ()) -> None:
        self.name = name
        self.value = value
        self.problem = problem
        self.choices = choices
        listed = f"; choices are {', '.join(choices)}" if choices else ""
        super().__init__(f"{name}={shown(value)}: {problem}{listed}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.name, self.value, self.problem, self.choices))


class InvalidArgumentType(TypeError):  # noqa: N818 - reads as the condition
    """An argument has a type newocc does not accept.

    ``name`` is the parameter, ``value`` what was passed and ``expected``
    what it should be, in words (``"a str"``, ``"an int or a collection of ints"``).
    """

    def __init__(self, name: str, value: object, expected: str) -> None:
        self.name = name
        self.value = value
        self.expected = expected
        super().__init__(f"{name} must be {expected}, not {type(value).__name__} {shown(value)}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.name, self.value, self.expected))


class NotFound(LookupError):  # noqa: N818 - the name reads as the condition, like KeyError
    """No occupation has the code or name asked for.

    ``key`` is what was asked for; ``suggestions`` are the closest official
    names, best first (possibly empty); ``hint``, when given, replaces the
    "did you mean" part of the message (e.g. to say the key names a work type).
    """

    def __init__(self, key: str, suggestions: tuple[str, ...] = (), *, hint: str | None = None) -> None:
        self.key = key
        self.suggestions = suggestions
        self.hint = hint
        if hint is None:
            hint = f"did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no occupation has the code or name {shown(key)}" + (f"; {hint}" if hint else ""))

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_not_found, (self.key, self.suggestions, self.hint))


def _rebuild_not_found(key: str, suggestions: tuple[str, ...], hint: str | None) -> NotFound:
    return NotFound(key, suggestions, hint=hint)


class CatalogueError(ValueError):
    """The packaged data is broken: names the file, the record and the field.

    This is a fault of the installation (or of a data release), never of the
    caller's arguments: the command line reports it with its own exit code.
    """

    def __init__(self, file: str, record: str, field: str, problem: str) -> None:
        self.file = file
        self.record = record
        self.field = field
        self.problem = problem
        super().__init__(f"{file}: {record}: {field}: {problem}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.file, self.record, self.field, self.problem))
