"""A roadmap's facts as typed values: what page builders and templates read instead of raw YAML mappings.

Each `of()` takes the schema-valid mapping (the validator has run), so a renamed key fails here, while resolving,
and mypy sees every use. Money keeps its currency; an unknown value is never a zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Text = dict[str, str]


def _refs(raw: dict[str, Any]) -> tuple[str, ...]:
    refs = raw.get("source", ())
    return tuple(refs) if isinstance(refs, list) else (refs,) if refs else ()


@dataclass(frozen=True)
class Cited:
    """A fact written as text, with its sources and how sure we are."""

    text: Text
    source: tuple[str, ...]
    confidence: str
    checked: str = ""

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Cited:
        return cls(dict(raw["text"]), _refs(raw), raw.get("confidence", ""), raw.get("checked", ""))


@dataclass(frozen=True)
class Amount:
    """A sum of money: known (min, and max for a range), free, or unknown (with whom to ask)."""

    status: str
    min: float | None = None
    max: float | None = None
    currency: str = "EUR"
    note: Text | None = None
    ask: str = ""
    approximate: bool = False
    inferred: bool = False
    source: tuple[str, ...] = ()
    confidence: str = ""
    checked: str = ""

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Amount:
        return cls(
            raw["status"], raw.get("min"), raw.get("max"), raw.get("currency", "EUR"), raw.get("note"),
            raw.get("ask", ""), bool(raw.get("approximate")), bool(raw.get("inferred")), _refs(raw),
            raw.get("confidence", ""), raw.get("checked", ""),
        )  # fmt: skip

    @property
    def low(self) -> float:
        return self.min or 0.0

    @property
    def high(self) -> float:
        return self.max if self.max is not None else self.low


@dataclass(frozen=True)
class Period:
    """A length of time: known (max, and min for a range, in a unit), none (no time limit) or unknown."""

    status: str
    min: float | None = None
    max: float | None = None
    unit: str = ""
    note: Text | None = None
    ask: str = ""
    approximate: bool = False
    inferred: bool = False
    source: tuple[str, ...] = ()
    confidence: str = ""
    checked: str = ""

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Period:
        return cls(
            raw["status"], raw.get("min"), raw.get("max"), raw.get("unit", ""), raw.get("note"), raw.get("ask", ""),
            bool(raw.get("approximate")), bool(raw.get("inferred")), _refs(raw), raw.get("confidence", ""),
            raw.get("checked", ""),
        )  # fmt: skip


@dataclass(frozen=True)
class Level:
    """A language level (CEFR): known, none required, or unknown."""

    status: str
    value: str = ""
    note: Text | None = None
    ask: str = ""
    source: tuple[str, ...] = ()
    confidence: str = ""
    checked: str = ""

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Level:
        return cls(
            raw["status"], raw.get("value", ""), raw.get("note"), raw.get("ask", ""), _refs(raw),
            raw.get("confidence", ""), raw.get("checked", ""),
        )  # fmt: skip


Value = Cited | Amount | Period | Level


def value_of(raw: dict[str, Any]) -> Value:
    """Any fact-bearing mapping as its typed value (for lists of facts shown on their own)."""
    if "text" in raw:
        return Cited.of(raw)
    if "unit" in raw or raw.get("status") == "none":
        return Period.of(raw)
    if "value" in raw:
        return Level.of(raw)
    return Amount.of(raw)


@dataclass(frozen=True)
class Regulation:
    status: str  # regulated, not-regulated or unknown
    law: Cited
    work_before_recognition: Cited


@dataclass(frozen=True)
class LanguageRule:
    language: str  # nl, de, fr, en or unknown
    level: Level
    proof: Cited
    when: Cited
    checked_by: str  # authority id


@dataclass(frozen=True)
class Compensation:
    measures: tuple[str, ...]
    chooser: str
    details: Cited


@dataclass(frozen=True)
class Temporary:
    status: str  # available, not-available or unknown
    details: Cited
    renewal: Cited
    documents: tuple[Cited, ...]
    authority: str = ""
    ask: str = ""


@dataclass(frozen=True)
class Cost:
    """A cost besides the authorities' fees (translations, certified copies, …)."""

    label: Text
    amount: Amount


@dataclass(frozen=True)
class Change:
    date: str
    text: Text


def regulation_of(raw: dict[str, Any]) -> Regulation:
    return Regulation(raw["status"], Cited.of(raw["law"]), Cited.of(raw["work_before_recognition"]))


def language_of(raw: dict[str, Any]) -> LanguageRule:
    level = Level.of(raw["level"])
    return LanguageRule(raw["language"], level, Cited.of(raw["proof"]), Cited.of(raw["when"]), raw["checked_by"])


def compensation_of(raw: dict[str, Any]) -> Compensation:
    return Compensation(tuple(raw["measures"]), raw["chooser"], Cited.of(raw["details"]))


def temporary_of(raw: dict[str, Any]) -> Temporary:
    documents = tuple(Cited.of(d) for d in raw["documents"])
    details, renewal = Cited.of(raw["details"]), Cited.of(raw["renewal"])
    return Temporary(raw["status"], details, renewal, documents, raw.get("authority", ""), raw.get("ask", ""))
