"""A factsheet's HTML: one roadmap in one or two languages → one self-contained HTML document for WeasyPrint.
 Text comes through the site's `Language` helper (labels, Babel money and dates, "Not known.
Ask: …"), so paper and web say the same words; only its Markdown backslash escapes are undone, because here the
output is HTML (Jinja autoescapes everything else).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import jinja2
import segno
from markupsafe import Markup

from generator.config import LANGUAGE_NAMES
from generator.model.entities import Authority, Grensinfopunt, Project, Roadmap
from generator.model.facts import Amount, Cited, Level, Period, Temporary
from generator.render import grammar, grensinfopunten
from generator.render.language import Kit, Language

TEMPLATE = "factsheet.html.j2"
STYLESHEET = "factsheet.css"  # a template file: the PDF stage reads it
TIGHT_STYLESHEET = "factsheet-compact.css"  # added when it saves a nearly empty last page
# Printed after a statement we are not fully sure of (the web shows the same confidence in words); the legend explains
# them. Plain characters of the text font, so they survive copying text out of the PDF and reach screen readers.
CONFIDENCE_MARKS = {"medium": "*", "low": "?"}
# The backslash escapes formatting.md_escape adds; its HTML entities (&amp; &lt; &#58; …) stay valid in HTML.
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#!|.+-])")


def _html(value: Markup) -> Markup:
    return Markup(_MD_ESCAPE.sub(r"\1", str(value)))


class HtmlLanguage:
    """The site's `Language` helper, giving HTML instead of Markdown."""

    def __init__(self, md: Language) -> None:
        self.lang, self.md = md.lang, md
        self.marked: set[str] = set()  # the confidence marks printed so far: the legend explains just these

    def mark(self, value: Cited | Amount | Period | Level) -> Markup:
        """The confidence mark after a medium- or low-confidence statement (nothing after a sure one)."""
        symbol = CONFIDENCE_MARKS.get(value.confidence)
        if symbol is None:
            return Markup("")
        self.marked.add(value.confidence)
        return Markup('&#160;<span class="mark mark-{}">{}</span>').format(value.confidence, symbol)

    def fact(self, value: Cited) -> Markup:
        """A text statement with its confidence mark."""
        return Markup(self.t(value.text) + self.mark(value))

    def legend(self) -> list[tuple[str, str]]:
        """(symbol, meaning) for every mark printed on this side, sure to unsure."""
        return [(CONFIDENCE_MARKS[c], self.md.label("fs_mark_" + c)) for c in CONFIDENCE_MARKS if c in self.marked]

    def label(self, key: str, **values: Any) -> str:
        return self.md.label(key, **values)

    def t(self, text: dict[str, str] | None) -> Markup:
        return _html(self.md.t(text))

    def amount(self, value: Amount) -> Markup:
        return _html(self.md.amount(value))

    def period(self, value: Period) -> Markup:
        return _html(self.md.period(value))

    def ask(self, value: Amount | Period | Level | Temporary) -> Markup:
        return _html(self.md.ask(value))

    def level(self, value: Level) -> Markup:
        return _html(self.md.level(value))

    def authority(self, authority: Authority, translate: bool = True) -> Markup:
        return _html(self.md.authority(authority, translate))

    def measures(self, keys: list[str]) -> str:
        return self.md.measures(keys)

    def language_name(self, code: str) -> str:
        return self.md.language_name(code)

    def gip(self, point: Grensinfopunt) -> dict[str, Any]:
        """A Grensinfopunt's contact details as plain values (grensinfopunten.fields)."""
        return grensinfopunten.fields(point, self.lang, self.md.labels)

    def date(self, value: str) -> str:
        return self.md.date(value)

    @property
    def colon(self) -> Markup:
        return self.md.colon

    @property
    def name(self) -> str:
        return LANGUAGE_NAMES[self.lang]


@dataclass(frozen=True)
class Side:
    """One language of a sheet: its helper, the live page it points to and its heading."""

    L: HtmlLanguage
    url: str
    qr: Markup
    title: str
    subtitle: str
    meta: str

    @property
    def short_url(self) -> str:
        return self.url.split("://", 1)[-1]


def qr_svg(url: str) -> Markup:
    """A QR code as inline SVG (no image file, no network); quiet zone of 4 modules as the standard asks."""
    return Markup(segno.make(url, error="m", micro=False).svg_inline(border=4, omitsize=True, light="#fff"))


def build_date(epoch: str) -> str:
    """The day of SOURCE_DATE_EPOCH (UTC), ISO-formatted."""
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()


def side(roadmap: Roadmap, project: Project, md: Language, url: str, built: str) -> Side:
    L, lang = HtmlLanguage(md), md.lang
    names = grammar.route_names(roadmap, lang)
    title = grammar.route_title(roadmap, md.labels, lang)
    meta = L.label("fs_meta", checked=L.date(roadmap.oldest_check), version=roadmap.version, built=L.date(built))
    qr = qr_svg(url) if url else Markup("")  # a local build: no address to print (the sheet says so)
    return Side(L, url, qr, title, L.label("subtitle", **names), meta)


def css_string(text: str) -> Markup:
    """A CSS string literal, for text in @page margin boxes (which only take generated content)."""
    escaped = "".join(c if c.isalnum() or c in " .,:;·-–()/" else f"\\{ord(c):06x}" for c in text)
    return Markup(f'"{escaped}"')


def page_counter(L: HtmlLanguage) -> Markup:
    """'Page {page} of {pages}' as CSS generated content with real page counters."""
    parts = re.split(r"(\{pages?\})", L.md.labels["fs_page"])
    counters = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
    return Markup(" ".join(counters.get(p) or css_string(p) for p in parts if p))


def html_environment(templates: dict[str, str]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.DictLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    env.globals["page_counter"] = page_counter
    env.globals["language_names"] = LANGUAGE_NAMES
    return env


def document(roadmap: Roadmap, project: Project, sides: list[Side], built: str, epoch: str, kit: Kit) -> str:
    """The HTML of one sheet; `sides` holds one language, or two shown side by side."""
    stamp = dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        kit.html(html_environment)
        .get_template(TEMPLATE)
        .render(r=roadmap, project=project, sides=sides, built=built, stamp=stamp)
    )
