"""Diagnostics are values: every check yields them, the CLI reports them together like a compiler."""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TypeVar

from generator.rules import RULES, Severity

__all__ = ["Diagnostic", "Severity", "error", "escape", "has_errors", "os_error", "repeated", "summary", "to_json", "warning"]


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
        path, code, message = escape(self.path), escape(self.code), escape(self.message)
        return f"{path}:{self.line}:{self.column}: {self.severity.value}[{code}]: {message}"

    def to_json(self) -> dict[str, object]:
        data = {k: escape(v) if isinstance(v, str) else v for k, v in asdict(self).items()}
        data["severity"] = self.severity.value
        return data


# C0 and C1 controls, DEL, the Unicode line and paragraph separators and the bidirectional overrides: a file name or
# key with a newline could otherwise forge a second diagnostic line (or a CI annotation) in a pull request's output.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape(text: str) -> str:
    """Text with every control character written as an escape (\\n, \\x1b, \\u2028), so it stays on one line."""
    if text.isprintable():
        return text
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


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


def os_error(exc: OSError) -> str:
    """One line for a file the machine refuses (no permission, a full disk, a read-only folder): the path, relative
    to the current folder where it lies below it, and the system's reason."""
    reason = exc.strerror or str(exc)
    if exc.filename is None:
        return escape(reason)
    path = Path(os.fsdecode(exc.filename))
    with contextlib.suppress(ValueError):
        path = path.absolute().relative_to(Path.cwd())
    return escape(f"{path.as_posix()}: {reason}")


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
