"""The timeline picture of a roadmap: an inline SVG drawn at build time (no JavaScript), one block per step with its
legal time limit (solid bar) and usual duration (hatched bar). Unknown values are drawn as a dashed box labelled
"not known", never as a zero-length bar. Every bar also carries its value in words, so nothing depends on colour.

All text from YAML is escaped here with `html.escape`; the result is returned as `Markup` for the raw HTML block.
"""

from __future__ import annotations

import html
import math
import textwrap
from dataclasses import dataclass

from babel.units import format_unit
from markupsafe import Markup

from generator.config import LOCALES
from generator.model.entities import Roadmap, Step
from generator.model.facts import Period
from generator.render import formatting as fmt
from generator.render.costs import DAYS, days
from generator.render.language import Language

WIDTH = 560
LEFT = 8
CHART = WIDTH - 2 * LEFT
BAR = 14
INK = "#1b1b1b"
BLUE = "#283593"
GREY = "#595959"
TITLE_ID, DESC_ID, HATCH_ID = "gr-tl-title", "gr-tl-desc", "gr-tl-hatch"
_TICK_UNITS = (("weeks", 70.0), ("months", 800.0), ("years", math.inf))
_BABEL = {"days": "duration-day", "weeks": "duration-week", "months": "duration-month", "years": "duration-year"}


@dataclass
class _Canvas:
    parts: list[str]
    y: float = 0.0

    def add(self, svg: str) -> None:
        self.parts.append(svg)


def _e(text: str) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _text(lang: Language, value: dict[str, str] | None) -> str:
    if value and lang.lang in value:
        return value[lang.lang]
    return lang.label("untranslated")


def period_words(lang: Language, period: Period) -> str:
    """A period in words, as plain text (the page's `L.period` is Markdown and names who to ask)."""
    if period.status == "unknown":
        return lang.label("tl_not_known")
    if period.status == "none":
        return lang.flagged(lang.label("no_deadline_value" if period.inferred else "no_deadline").rstrip("."), period)
    value = fmt.duration(period.min, period.max or 0, period.unit, lang.lang)
    if period.min is not None and period.min != period.max:  # a range ("3–6 months") is no upper limit
        return lang.flagged(lang.label("about_value", value=value) if period.approximate else value, period)
    return lang.flagged(lang.up_to(period), period)


def colon(lang: Language) -> str:
    """French typography puts a non-breaking space before a colon (plain text here, unlike `L.colon`)."""
    return "\u00a0: " if lang.lang == "fr" else ": "


def _scale(steps: tuple[Step, ...]) -> float:
    """Days per full chart width: the longest known value, so bars compare across steps."""
    known = [days(p.max or 0, p.unit) for s in steps for p in (s.deadline, s.duration) if p.status == "known"]
    return max(known, default=0.0)


def _bar(canvas: _Canvas, lang: Language, period: Period, kind: str, scale: float) -> None:
    y = canvas.y
    if period.status == "unknown":
        canvas.add(
            f'<rect x="{LEFT}" y="{y}" width="{CHART}" height="{BAR}" fill="none" stroke="{GREY}" '
            f'stroke-width="1.5" stroke-dasharray="6 4"/>'
            f'<text x="{LEFT + CHART / 2}" y="{y + BAR - 3}" text-anchor="middle" font-size="11" fill="{INK}">'
            f"{_e(lang.label('tl_not_known'))}</text>"
        )
    elif period.status == "known" and scale > 0:
        width = max(2.0, round(CHART * days(period.max or 0, period.unit) / scale, 1))
        fill = BLUE if kind == "deadline" else f"url(#{HATCH_ID})"
        canvas.add(
            f'<rect x="{LEFT}" y="{y}" width="{width}" height="{BAR}" fill="{fill}" stroke="{BLUE}" stroke-width="1"/>'
        )
        low = period.min
        if low is not None and low != period.max:  # a range: mark where it starts
            x = round(LEFT + CHART * days(low, period.unit) / scale, 1)
            canvas.add(f'<line x1="{x}" y1="{y - 3}" x2="{x}" y2="{y + BAR + 3}" stroke="{INK}" stroke-width="2.5"/>')
    canvas.y += BAR + 10 if period.status != "none" else 4


def _step(canvas: _Canvas, lang: Language, step: Step, scale: float) -> None:
    title = f"{lang.label('step')} {step.number}{colon(lang)}{_text(lang, step.title)}"
    if step.automatic:
        title += f" ({lang.label('tl_automatic')})"
    for line in textwrap.wrap(title, 64):
        canvas.y += 17
        canvas.add(f'<text x="{LEFT}" y="{canvas.y}" font-size="14" font-weight="bold" fill="{INK}">{_e(line)}</text>')
    for kind, period in (("deadline", step.deadline), ("duration", step.duration)):
        label = kind
        canvas.y += 17
        caption = f"{lang.label(label)}{colon(lang)}{period_words(lang, period)}"
        canvas.add(f'<text x="{LEFT}" y="{canvas.y}" font-size="12.5" fill="{INK}">{_e(caption)}</text>')
        canvas.y += 5
        _bar(canvas, lang, period, kind, scale)
    canvas.y += 8


def _legend(canvas: _Canvas, lang: Language) -> None:
    swatches = (
        (f'fill="{BLUE}" stroke="{BLUE}"', lang.label("deadline")),
        (f'fill="url(#{HATCH_ID})" stroke="{BLUE}"', lang.label("duration")),
        (
            f'fill="none" stroke="{GREY}" stroke-width="1.5" stroke-dasharray="6 4"',
            _capital(lang.label("tl_not_known")),
        ),
    )
    for attributes, text in swatches:
        canvas.y += 18
        canvas.add(f'<rect x="{LEFT}" y="{canvas.y - 11}" width="28" height="12" {attributes}/>')
        canvas.add(f'<text x="{LEFT + 36}" y="{canvas.y}" font-size="12.5" fill="{INK}">{_e(text)}</text>')
    canvas.y += 8


def _axis(canvas: _Canvas, lang: Language, scale: float) -> None:
    """A scale under the bars, in weeks, months or years depending on the longest known value."""
    unit = next(u for u, limit in _TICK_UNITS if scale <= limit)
    total = scale / DAYS[unit]
    step = max(1, math.ceil(total / 8))
    y = canvas.y + 2
    canvas.add(f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + CHART}" y2="{y}" stroke="{INK}" stroke-width="1"/>')
    for n in range(0, int(total) + 1, step):
        x = round(LEFT + CHART * n / total, 1)
        anchor = "start" if n == 0 else ("end" if x > LEFT + CHART - 20 else "middle")
        label = format_unit(n, _BABEL[unit], length="short", locale=LOCALES[lang.lang]) if n else "0"
        canvas.add(f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y + 5}" stroke="{INK}" stroke-width="1"/>')
        canvas.add(f'<text x="{x}" y="{y + 18}" font-size="11" text-anchor="{anchor}" fill="{INK}">{_e(label)}</text>')
    canvas.y = y + 24


def title(lang: Language, roadmap: Roadmap) -> str:
    return lang.label("tl_title", n=len(roadmap.steps))


def description(lang: Language, roadmap: Roadmap) -> str:
    """The whole picture in words (SVG <desc>): every step's time limit and usual duration."""
    return " ".join(
        lang.label(
            "tl_desc_step",
            n=s.number,
            step=_text(lang, s.title),
            deadline=period_words(lang, s.deadline),
            duration=period_words(lang, s.duration),
        )
        for s in roadmap.steps
    )


def svg(roadmap: Roadmap, lang: Language) -> Markup:
    scale = _scale(roadmap.steps)
    canvas = _Canvas([])
    _legend(canvas, lang)
    for step in roadmap.steps:
        _step(canvas, lang, step, scale)
    if scale > 0:
        _axis(canvas, lang, scale)
    height = math.ceil(canvas.y + 4)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gr-timeline__svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{TITLE_ID}" aria-describedby="{DESC_ID}" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif">'
        f'<title id="{TITLE_ID}">{_e(title(lang, roadmap))}</title>'
        f'<desc id="{DESC_ID}">{_e(description(lang, roadmap))}</desc>'
        f'<defs><pattern id="{HATCH_ID}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{BLUE}" stroke-width="2.5"/></pattern></defs>'
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>'
    )
    return Markup(head + "".join(canvas.parts) + "</svg>")
