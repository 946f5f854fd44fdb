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
class Quantity:
    """A measured value: known (min and max; a single value is one of them), unknown (with whom to ask), or a
    status of its own kind (free, none). Money and time differ only in what the number counts."""

    status: str
    min: float | None = None
    max: float | None = None
    note: Text | None = None
    ask: str = ""
    approximate: bool = False
    inferred: bool = False
    source: tuple[str, ...] = ()
    confidence: str = ""
    checked: str = ""

    @staticmethod
    def fields_of(raw: dict[str, Any]) -> dict[str, Any]:
        """The shared fields of a schema-valid mapping, as keyword arguments."""
        return {
            "status": raw["status"], "min": raw.get("min"), "max": raw.get("max"), "note": raw.get("note"),
            "ask": raw.get("ask", ""), "approximate": bool(raw.get("approximate")),
            "inferred": bool(raw.get("inferred")), "source": _refs(raw), "confidence": raw.get("confidence", ""),
            "checked": raw.get("checked", ""),
        }  # fmt: skip


@dataclass(frozen=True)
class Amount(Quantity):
    """A sum of money: known (min, and max for a range), free, or unknown (with whom to ask)."""

    currency: str = "EUR"

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Amount:
        return cls(currency=raw.get("currency", "EUR"), **cls.fields_of(raw))

    @property
    def low(self) -> float:
        return self.min or 0.0

    @property
    def high(self) -> float:
        return self.max if self.max is not None else self.low


@dataclass(frozen=True)
class Period(Quantity):
    """A length of time: known (max, and min for a range, in a unit), none (no time limit) or unknown."""

    unit: str = ""

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Period:
        return cls(unit=raw.get("unit", ""), **cls.fields_of(raw))


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


@dataclass(frozen=True)
class Objection:
    """How to object to a decision: the kind of objection, its time limit and where it goes (if not the decider)."""

    details: Cited
    deadline: Period
    authority: str = ""  # authority id; "" when it is the deciding authority named in `details`

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Objection:
        return cls(Cited.of(raw["details"]), Period.of(raw["deadline"]), raw.get("authority", ""))


@dataclass(frozen=True)
class IfRefused:
    """If the answer is no or not yet: the decisions possible, how to object, where to go next."""

    decisions: Cited
    objection: Objection
    next_stops: Cited
    contacts: tuple[str, ...] = ()  # authority ids of advice services (SOLVIT, assistance centres)

    @classmethod
    def of(cls, raw: dict[str, Any]) -> IfRefused:
        return cls(
            Cited.of(raw["decisions"]), Objection.of(raw["objection"]), Cited.of(raw["next_stops"]),
            tuple(raw.get("contacts") or ()),
        )  # fmt: skip


@dataclass(frozen=True)
class MoneyHelp:
    """Financial support: available (listed in `items`) or none-found (`items` says where we looked)."""

    status: str
    items: tuple[Cited, ...]

    @classmethod
    def of(cls, raw: dict[str, Any]) -> MoneyHelp:
        return cls(raw["status"], tuple(Cited.of(i) for i in raw["items"]))


@dataclass(frozen=True)
class OnlineService:
    """An official online application: who runs it, its address and what you can do there (a cited text)."""

    authority: str
    url: str
    text: Text
    source: tuple[str, ...]
    confidence: str
    checked: str = ""

    @classmethod
    def of(cls, raw: dict[str, Any]) -> OnlineService:
        return cls(
            raw["authority"], raw["url"], dict(raw["text"]), _refs(raw), raw.get("confidence", ""),
            raw.get("checked", ""),
        )  # fmt: skip

    @property
    def cited(self) -> Cited:
        return Cited(self.text, self.source, self.confidence, self.checked)


@dataclass(frozen=True)
class ApplyOnline:
    """available (with `services`), not-available or unknown (with a `note` on how to apply)."""

    status: str
    services: tuple[OnlineService, ...] = ()
    note: Cited | None = None

    @classmethod
    def of(cls, raw: dict[str, Any]) -> ApplyOnline:
        note = Cited.of(raw["note"]) if raw.get("note") else None
        return cls(raw["status"], tuple(OnlineService.of(s) for s in raw.get("services") or ()), note)


@dataclass(frozen=True)
class Notice:
    """A current notice of an authority (a busy period, a closure, a new form), shown from `start` to `until`."""

    authority: str
    text: Text
    start: str  # `from` in the data (a Python keyword)
    until: str
    source: tuple[str, ...]
    confidence: str
    checked: str = ""

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Notice:
        return cls(
            raw["authority"], dict(raw["text"]), str(raw["from"]), str(raw["until"]), _refs(raw),
            raw.get("confidence", ""), raw.get("checked", ""),
        )  # fmt: skip

    @property
    def cited(self) -> Cited:
        return Cited(self.text, self.source, self.confidence, self.checked)

    def current(self, today: str) -> bool:
        """Whether the notice applies on `today` (YYYY-MM-DD): started, and not past its last day.

        A month ('2027-01') runs from its first to its last day, so dates are compared at the notice's precision.
        """
        return today[: len(self.start)] >= self.start and today[: len(self.until)] <= self.until


def current_notices(notices: tuple[Notice, ...], today: str) -> tuple[Notice, ...]:
    """The notices that apply on `today`: one that has ended or not yet started is not shown at all."""
    return tuple(n for n in notices if n.current(today))
