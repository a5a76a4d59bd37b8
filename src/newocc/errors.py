"""The exceptions newocc raises on purpose."""

from __future__ import annotations

__all__ = ["CatalogueError", "NotFound"]


class NotFound(LookupError):  # noqa: N818 - the name reads as the condition, like KeyError
    """No occupation has the code or name asked for.

    ``key`` is what was asked for; ``suggestions`` are the closest official
    names, best first (possibly empty); ``hint``, when given, replaces the
    "did you mean" part of the message (e.g. to say the key names a work type).
    """

    def __init__(self, key: str, suggestions: tuple[str, ...] = (), *, hint: str | None = None) -> None:
        self.key = key
        self.suggestions = suggestions
        if hint is None:
            hint = f"did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no occupation has the code or name {key!r}" + (f"; {hint}" if hint else ""))


class CatalogueError(ValueError):
    """The packaged data is broken: names the file, the record and the field."""

    def __init__(self, file: str, record: str, field: str, problem: str) -> None:
        self.file = file
        self.record = record
        self.field = field
        self.problem = problem
        super().__init__(f"{file}: {record}: {field}: {problem}")
