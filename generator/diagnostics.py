"""Diagnostics are values: every check yields them, the CLI reports them together like a compiler."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import TypeVar

from generator.rules import RULES, Severity

__all__ = ["Diagnostic", "Severity", "error", "has_errors", "repeated", "summary", "to_json", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file, located by line and column (1-based)."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    pointer: str = ""  # JSON path such as $.steps[1].fee, for editors and bots

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity.value}[{self.code}]: {self.message}"

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def error(path: str, pos: tuple[int, int], code: str, message: str, pointer: str = "") -> Diagnostic:
    return Diagnostic(path, pos[0], pos[1], code, message, _declared(code, Severity.ERROR), pointer)


def warning(path: str, pos: tuple[int, int], code: str, message: str, pointer: str = "") -> Diagnostic:
    return Diagnostic(path, pos[0], pos[1], code, message, _declared(code, Severity.WARNING), pointer)


def _declared(code: str, severity: Severity) -> Severity:
    """A programming error, not a user error: every id is in the rule table, with the severity it is reported with."""
    if code not in RULES:
        raise ValueError(f"rule id {code!r} is not in generator/rules.py")
    if RULES[code].severity is not severity:
        raise ValueError(f"rule {code!r} is declared as {RULES[code].severity.value}, not {severity.value}")
    return severity


def has_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    return any(d.severity is Severity.ERROR or strict for d in diagnostics)


def summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def to_json(diagnostics: list[Diagnostic]) -> str:
    return json.dumps([d.to_json() for d in diagnostics], ensure_ascii=False, indent=2)


Where = TypeVar("Where")


def repeated(items: Iterable[tuple[Where, object]]) -> Iterator[tuple[Where, str, Where]]:
    """(where, id, where it first stood) for every id seen before: the one loop behind each `duplicate-id` check.
    Values that are not text are skipped; the schema reports them."""
    first: dict[str, Where] = {}
    for where, value in items:
        if isinstance(value, str):
            if value in first:
                yield where, value, first[value]
            else:
                first[value] = where
