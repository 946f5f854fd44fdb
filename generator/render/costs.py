"""Cost and time of one roadmap, added up honestly: known parts are summed, unknown parts are counted, never taken
as zero. Used by the roadmap page (cost breakdown, timeline), the comparison tables and the open data (CSV).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.entities import Roadmap, Step
from generator.model.facts import Amount
from generator.model.money import Money, Time, add_money, add_time
from generator.render import formatting as fmt
from generator.render.language import Language

# For drawing only (the timeline's scale); the numbers shown in words are always the sourced ones.
DAYS = {"days": 1.0, "weeks": 7.0, "months": 30.44, "years": 365.25}


@dataclass(frozen=True)
class CostLine:
    """One thing the applicant pays for: an authority's fee for a step, or another cost (translation, …)."""

    kind: str  # "fee" or "extra"
    amount: Amount
    step: Step | None = None
    label: dict[str, str] | None = None


@dataclass(frozen=True)
class CostTime:
    lines: tuple[CostLine, ...]
    fees: Money
    extras: Money
    total: Money
    deadline: Time
    duration: Time


def cost_time(roadmap: Roadmap) -> CostTime:
    fees = [CostLine("fee", s.fee, step=s) for s in roadmap.steps]
    extras = [CostLine("extra", c.amount, label=c.label) for c in roadmap.costs]
    # Automatic steps have no application, so no legal time limit runs (as in the page's "In short").
    deadlines = [s.deadline for s in roadmap.steps if not s.automatic]
    return CostTime(
        lines=tuple(fees + extras),
        fees=add_money(line.amount for line in fees),
        extras=add_money(line.amount for line in extras),
        total=add_money(line.amount for line in fees + extras),
        deadline=add_time(deadlines),
        duration=add_time(s.duration for s in roadmap.steps),
    )


def days(value: float, unit: str) -> float:
    return value * DAYS[unit]


def time_code(time: Time) -> str:
    """A language-neutral form for the open data: '12 weeks + 3 months', a range as '3-6 months'."""
    parts = []
    for unit, low, high in time.parts:
        number = f"{plain_number(low)}-{plain_number(high)}" if low is not None and low != high else plain_number(high)
        parts.append(f"{number} {unit}")
    return " + ".join(parts)


def plain_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def money_words(lang: Language, money: Money) -> str:
    """'€60.00 – €140.00 + 1 not known'; nothing known says so instead of '€0'; 'about …' when a known part is
    approximate or inferred, 'probably free' when the only known parts are free and one of them is inferred."""
    if money.known == 0:
        return lang.label("tl_not_known")
    if money.amounts:
        known = " + ".join(fmt.money_range(low, high, cur, lang.lang) for cur, low, high in money.amounts)
    elif money.unknown:
        known = fmt.money(0, "EUR", lang.lang)
    elif money.about:
        return lang.label("probably_value", value=lang.label("free_value"))
    else:
        return lang.label("free").rstrip(".")
    known = lang.label("about_value", value=known) if money.about and money.amounts else known
    return known + (" " + lang.label("cost_plus_unknown", n=money.unknown) if money.unknown else "")


def time_words(lang: Language, time: Time) -> str:
    """'up to 12 weeks + up to 3 months + 1 not known'; periods in different units are not converted; 'up to about …'
    when a part is approximate or inferred."""
    if not time.parts:
        if time.none and not time.unknown:
            words = lang.label("no_deadline").rstrip(".")
            return lang.label("probably_value", value=lang.label("no_deadline_value")) if time.about else words
        return lang.label("tl_not_known")

    def part(low: float | None, high: float, unit: str) -> str:
        words = fmt.duration(low, high, unit, lang.lang)
        return lang.label("up_to", value=lang.label("about_value", value=words) if time.about else words)

    words = " + ".join(part(low, high, unit) for unit, low, high in time.parts)
    return words + (" " + lang.label("cost_plus_unknown", n=time.unknown) if time.unknown else "")
