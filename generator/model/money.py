"""Sums of money and time, added up honestly: known parts are summed (money per currency, time per unit), unknown parts
are counted and never taken as zero."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.model.facts import Amount, Period

UNIT_ORDER = ("days", "weeks", "months", "years")


@dataclass(frozen=True)
class Money:
    """A sum of the known amounts of some cost items, per currency, plus how many items are not known."""

    amounts: tuple[tuple[str, float, float], ...]  # (currency, low, high), sorted by currency
    known: int
    unknown: int
    approximate: int = 0  # known parts given as approximate by their source ("about €200")
    inferred: int = 0  # known parts that are our reading of the rules, not stated by a source

    @property
    def about(self) -> bool:
        """Whether the sum is only approximate: a part of it is approximate or inferred."""
        return self.approximate + self.inferred > 0

    @property
    def items(self) -> int:
        return self.known + self.unknown

    @property
    def complete(self) -> bool:
        return self.unknown == 0


@dataclass(frozen=True)
class Time:
    """A sum of periods per unit (weeks and months are not mixed: converting would invent precision)."""

    parts: tuple[tuple[str, float | None, float], ...]  # (unit, low or None, high), in UNIT_ORDER
    known: int
    none: int  # the rules set no time limit
    unknown: int
    approximate: int = 0  # known parts given as approximate by their source
    inferred: int = 0  # known or "none" parts that are our reading of the rules

    @property
    def about(self) -> bool:
        """Whether the sum is only approximate: a part of it is approximate or inferred."""
        return self.approximate + self.inferred > 0

    @property
    def items(self) -> int:
        return self.known + self.none + self.unknown


def add_money(amounts: Iterable[Amount]) -> Money:
    """Known amounts summed per currency (never converted), unknown ones counted, never taken as zero."""
    sums: dict[str, list[float]] = {}
    known = unknown = approximate = inferred = 0
    for amount in amounts:
        if amount.status == "unknown":
            unknown += 1
            continue
        known += 1
        approximate += amount.approximate
        inferred += amount.inferred
        if amount.status == "free":
            continue
        total = sums.setdefault(amount.currency, [0.0, 0.0])
        total[0] += amount.low
        total[1] += amount.high
    return Money(tuple((c, lo, hi) for c, (lo, hi) in sorted(sums.items())), known, unknown, approximate, inferred)


def add_time(periods: Iterable[Period]) -> Time:
    """Known periods summed per unit (weeks and months are not converted), the others counted."""
    sums: dict[str, list[float | None]] = {}
    known = none = unknown = approximate = inferred = 0
    for period in periods:
        if period.status != "unknown":
            approximate += period.approximate
            inferred += period.inferred
        if period.status == "unknown":
            unknown += 1
        elif period.status == "none":
            none += 1
        else:
            known += 1
            total = sums.setdefault(period.unit, [0.0, 0.0])
            low = period.min
            total[0] = None if low is None or total[0] is None else total[0] + low
            total[1] = (total[1] or 0.0) + (period.max or 0.0)
    parts = tuple((u, sums[u][0], float(sums[u][1] or 0.0)) for u in UNIT_ORDER if u in sums)
    return Time(parts, known, none, unknown, approximate, inferred)
