"""Locale-aware formatting (Babel) and Markdown escaping for text that comes from YAML."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from functools import lru_cache
from typing import Any

from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal
from babel.units import format_unit
from markupsafe import Markup, escape

from generator.config import LOCALES

# Characters Python-Markdown treats specially and accepts a backslash escape for (plus `|` for tables).
_BACKSLASH = re.compile(r"([\\`*_{}\[\]()#!|])")
_LINE_START = re.compile(r"^(\s*)([-+:]|\d+(?=[.)]))")
_UNITS = {"days": "duration-day", "weeks": "duration-week", "months": "duration-month", "years": "duration-year"}


def md_escape(value: Any) -> Markup:
    """Make any text inert in Markdown: no markup, no HTML, no links, no attribute lists, on one line."""
    if isinstance(value, Markup):
        return value
    return Markup(_escaped(str(value)))


# The formatters below are pure functions of short strings that recur on thousands of pages (authority names, dates,
# links between the same pages): memoised, they stop being a large part of rendering.
@lru_cache(maxsize=1 << 16)
def _escaped(value: str) -> str:
    text = " ".join(value.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    text = _BACKSLASH.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    """A leading '-', '+', '1.' or ':' would start a list or definition."""
    mark = match.group(2)
    if mark == ":":
        return match.group(1) + "&#58;"
    return match.group(1) + (mark + "\\" if mark[0].isdigit() else "\\" + mark)


def md_url(url: str) -> str:
    """Percent-encode the characters that would end a Markdown link target early."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def money(amount: float, currency: str, lang: str) -> str:
    return format_currency(amount, currency, locale=LOCALES[lang])


def money_range(low: float, high: float, currency: str, lang: str) -> str:
    if low == high:
        return money(low, currency, lang)
    return f"{money(low, currency, lang)} – {money(high, currency, lang)}"


def duration(low: float | None, high: float, unit: str, lang: str) -> str:
    whole = format_unit(high, _UNITS[unit], length="long", locale=LOCALES[lang])
    if low is None or low == high:
        return whole
    return f"{format_decimal(low, locale=LOCALES[lang])}–{whole}"


@lru_cache(maxsize=4096)
def date(value: str, lang: str) -> str:
    """'2026-11' → 'november 2026'; '2026-11-27' → '27 november 2026' (written out per locale)."""
    if not value:
        return ""
    if len(value) == 7:
        return format_skeleton("yMMMM", dt.date.fromisoformat(value + "-01"), locale=LOCALES[lang])
    return format_date(dt.date.fromisoformat(value), format="long", locale=LOCALES[lang])


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive form, for comparing and sorting ('kinésithérapeute' sorts with 'kinesitherapeut')."""
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))


def letters_of(text: str) -> str:
    """Only the letters and digits of the folded text: the A–Z lists sort by them, as a dictionary does
    ('A-verpleegkundige' between 'avocat' and 'avv…', not before 'aannemer')."""
    return "".join(c for c in fold(text) if c.isalnum())


@lru_cache(maxsize=1 << 16)
def page_link(source: str, target: str) -> str:
    """A relative .md link from one generated page to another (MkDocs checks it in --strict)."""
    return posixpath.relpath(target, posixpath.dirname(source))


def md_link(text: object, href: str, lang: str = "") -> Markup:
    """A Markdown link whose text is escaped; `lang` marks text in another language."""
    attrs = f'{{ lang="{escape(lang)}" }}' if lang else ""
    return Markup(f"[{md_escape(text)}]({md_url(href)}){attrs}")


def lang_span(text: str, lang: str, page_lang: str) -> Markup:
    """Text in its own language, marked with lang= where it differs from the page's (WCAG 3.1.2)."""
    if lang == page_lang:
        return md_escape(text)
    return Markup(f'<span lang="{escape(lang)}">{md_escape(text)}</span>')
