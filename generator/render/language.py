"""What every page builder shares: a page, one language's helpers, citation marks and the template environment.

Every `{{ value }}` in a Markdown template is escaped for Markdown by default (Jinja's `finalize`), so text from YAML
can never become markup, links or script; template helpers that build markup return `Markup` explicitly.
Rendering reads no file: templates and labels arrive in a `Kit`, made by the load stage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator.config import Settings
from generator.model.entities import Authority, Fact, Jurisdiction, Project, Source
from generator.model.facts import Amount, Cited, Level, Period, Temporary
from generator.model.money import Money
from generator.render import escape as escape_for
from generator.render import formatting as fmt
from generator.render import grammar, grensinfopunten

Labels = dict[str, dict[str, str]]  # language → label key → text
Sourced = Cited | Amount | Period | Level  # anything that carries `source` and `confidence`

# Data keys → label keys, for naming where a fact stands on the page.
_WHERE = {
    "fee": "fee",
    "deadline": "deadline",
    "duration": "duration",
    "outcome": "outcome",
    "what": "what",
    "documents": "documents",
    "language": "language",
    "level": "level",
    "proof": "proof",
    "when": "when",
    "compensation": "compensation",
    "temporary": "temporary",
    "renewal": "renewal",
    "costs": "extra_costs",
    "after_recognition": "after",
    "tips": "tips",
    "regulation": "work_before",
    "law": "law",
    "summary": "in_short",
}


@dataclass(frozen=True)
class Page:
    """One generated page: its path inside docs/<lang>/ and its Markdown."""

    path: str
    markdown: str


class Language:
    """Helpers for one language, exposed to the templates as `L`, `t`, `money`, …"""

    def __init__(self, lang: str, project: Project, kit: Kit) -> None:
        self.lang, self.project, self.kit, self.labels = lang, project, kit, kit.labels[lang]

    def render(self, template: str, **context: Any) -> str:
        """A Markdown template, with every inserted value escaped for Markdown."""
        return self.kit.markdown.get_template(template).render(**context)

    def label(self, key: str, **values: Any) -> str:
        """A label filled in; one with plural variants takes the CLDR form for `n` (1 Name, 2 Namen)."""
        if key not in self.labels and isinstance(values.get("n"), int):
            key = grammar.plural_key(self.labels, key, values["n"], self.lang)
        return self.labels[key].format(**values)

    def form(self, jurisdiction: Jurisdiction, case: str) -> str:
        """The jurisdiction's name in a sentence: case is from, to or in."""
        return grammar.form(jurisdiction, self.lang, case)

    def language_name(self, code: str) -> str:
        """A language's name in this language (CLDR): 'nl' → Niederländisch, néerlandais."""
        return self.label("not_known") if code == "unknown" else grammar.language_name(code, self.lang)

    def fact(self, cite: Callable[[Sourced], Markup], fact: Cited) -> Markup:
        """A cited text fact: its text in this language, then its source marks."""
        return Markup(self.t(fact.text) + cite(fact))

    def note(self, value: Amount | Period | Level) -> Markup:
        return Markup(" " + self.t(value.note)) if value.note else Markup("")

    @property
    def colon(self) -> Markup:
        """French typography puts a (non-breaking) space before a colon."""
        return Markup("&nbsp;:" if self.lang == "fr" else ":")

    def glossary_hint(self) -> Markup:
        return Markup(f"[{fmt.md_escape(self.labels['glossary_hint'])}](../../glossary.md)")

    def measures(self, keys: list[str]) -> str:
        return ", ".join(self.labels[k] for k in keys)

    def t(self, text: dict[str, str] | None) -> Markup:
        """The text in this language, or a visible 'not yet translated' mark — never another language."""
        if text and self.lang in text:
            return fmt.md_escape(text[self.lang])
        return Markup(f'<em class="untranslated">{fmt.md_escape(self.labels["untranslated"])}</em>')

    def h(self, text: dict[str, str] | None) -> Markup:
        """Like `t`, but for HTML contexts (no Markdown escapes)."""
        if text and self.lang in text:
            return escape(" ".join(text[self.lang].split()))
        return Markup(f'<em class="untranslated">{escape(self.labels["untranslated"])}</em>')

    def date(self, value: str) -> str:
        return fmt.date(value, self.lang)

    def authority(self, authority: Authority, translate: bool = True) -> Markup:
        name = authority.name + (
            f" ({authority.short})" if authority.short and authority.short not in authority.name else ""
        )
        if translate and authority.name_language != self.lang and self.lang in authority.translation:
            return fmt.md_escape(f"{name} ({authority.translation[self.lang]})")
        return fmt.md_escape(name)

    def ask(self, value: Amount | Period | Level | Temporary) -> Markup:
        return self.ask_authority(value.ask)

    def unknown(self, fact: Fact) -> Markup:
        """An unknown fact in the list at the end of the page: whom to ask, and the note that says why."""
        raw = fact.data
        ask = self.ask_authority(raw["ask"]) if "ask" in raw else Markup("")
        return Markup(ask + (Markup(" ") + self.t(raw["note"]) if "note" in raw else Markup("")))

    def ask_authority(self, authority_id: str) -> Markup:
        who = self.project.authorities[authority_id]
        return Markup(
            f"{fmt.md_escape(self.label('not_known'))} {fmt.md_escape(self.label('ask', who=self._who(who)))}"
        )

    def _who(self, authority: Authority) -> str:
        return authority.name + (
            f" ({authority.short})" if authority.short and authority.short not in authority.name else ""
        )

    def amount(self, value: Amount) -> Markup:
        if value.status == "unknown":
            return self.ask(value)
        if value.status == "free":
            words = self.label("free_value") if value.inferred else self.label("free")
        else:
            words = fmt.money_range(value.low, value.high, value.currency, self.lang)
        return fmt.md_escape(self.flagged(words, value))

    def period(self, value: Period) -> Markup:
        if value.status == "unknown":
            return self.ask(value)
        if value.status == "none":
            words = self.label("no_deadline_value") if value.inferred else self.label("no_deadline")
        else:
            words = self.up_to(value)
        return fmt.md_escape(self.flagged(words, value))

    def up_to(self, value: Period) -> str:
        """'up to 3 months', 'up to about 3 months' (plain text)."""
        words = fmt.duration(value.min, value.max or 0, value.unit, self.lang)
        return self.label("up_to", value=self.label("about_value", value=words) if value.approximate else words)

    def flagged(self, words: str, value: Amount | Period) -> str:
        """A value as the source gives it: 'about €200' when approximate, and for an inferred value (our reading of
        the rules) 'probably free — ask …', never the plain value. Plain text: escape it where it lands."""
        if value.approximate and not (isinstance(value, Period) and value.status == "known"):
            words = self.label("about_value", value=words)  # a known period says it inside "up to about …"
        if value.inferred:
            who = self._who(self.project.authorities[value.ask]) if value.ask in self.project.authorities else ""
            return self.label("probably", value=words, who=who) if who else self.label("about_value", value=words)
        return words

    def level(self, value: Level) -> Markup:
        if value.status == "known":
            return fmt.md_escape(f"{value.value} (CEFR)")
        if value.status == "none":
            return fmt.md_escape(self.label("level_none"))
        return self.ask(value)

    def fact_value(self, fact: Fact) -> Markup:
        """Any fact shown on its own (for the lists of unknown and low-confidence facts)."""
        value = fact.value
        if isinstance(value, Cited):
            return self.t(value.text)
        if isinstance(value, Period):
            return self.period(value)
        if isinstance(value, Level):
            return fmt.md_escape(f"{value.value} (CEFR)")
        return self.amount(value)

    def where(self, pointer: str) -> str:
        """'$.steps[1].fee' → 'Step 2 – Fee': where a fact stands on the page, in words."""
        parts = pointer.removeprefix("$.").replace("[", ".").replace("]", "").split(".")
        words: list[str] = []
        if parts[0] == "steps" and len(parts) > 1:
            words.append(f"{self.labels['step']} {int(parts[1]) + 1}")
            parts = parts[2:]
        for part in parts:
            key = _WHERE.get(part, part)
            if key in self.labels and not part.isdigit():
                words.append(self.labels[key])
        return " – ".join(dict.fromkeys(words)) or self.labels["in_short"]

    def money(self, money: Money) -> str:
        """A total per currency ('€60.00 + CHF 20.00'): amounts in different currencies are never added; 'about' when
        a part is approximate or inferred."""
        if not money.amounts:
            words = fmt.money(0, "EUR", self.lang)
        else:
            words = " + ".join(fmt.money_range(low, high, cur, self.lang) for cur, low, high in money.amounts)
        return self.label("about_value", value=words) if money.about and money.amounts else words


def cite(roadmap_sources: dict[str, Source], lang: Language) -> Callable[[Sourced], Markup]:
    """Build the citation marker filter for one roadmap: superscript links to the numbered sources."""
    numbers = {sid: i + 1 for i, sid in enumerate(roadmap_sources)}

    def marks(fact: Sourced) -> Markup:
        links = "".join(f'<a href="#src-{escape(r)}">[{numbers[r]}]</a>' for r in fact.source if r in numbers)
        confidence = fact.confidence
        note = ""
        if confidence in ("low", "medium"):
            note = f' <em class="confidence confidence-{confidence}">({fmt.md_escape(lang.label("confidence_" + confidence))})</em>'
        return Markup(f'<sup class="cite">{links}</sup>{note}' if links else note)

    return marks


def markdown_environment(templates: Mapping[str, str]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.DictLoader(dict(templates)),
        autoescape=False,  # Markdown, not HTML: escaping is done by `finalize` below
        finalize=fmt.md_escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["url"] = lambda u: Markup(fmt.md_url(u))
    env.globals["gip_details"] = grensinfopunten.details
    env.filters["front_matter"] = escape_for.front_matter  # title, description, tags: the theme prints them as HTML
    # Only for the output of our own macros, which escape every value they insert.
    env.filters["trusted"] = Markup
    return env


class Kit:
    """What rendering needs besides the model: UI labels, template sources, the settings and the build date."""

    def __init__(self, labels: Labels, templates: Mapping[str, str], settings: Settings, built: dt.date) -> None:
        self.labels, self.templates, self.settings, self.built = labels, templates, settings, built
        self._html: jinja2.Environment | None = None

    @cached_property
    def markdown(self) -> jinja2.Environment:
        return markdown_environment(self.templates)

    def html(self, make: Callable[[dict[str, str]], jinja2.Environment]) -> jinja2.Environment:
        """An HTML template environment, made once per kit by `make` (which sets its filters)."""
        if self._html is None:
            self._html = make(dict(self.templates))
        return self._html

    def language(self, lang: str, project: Project) -> Language:
        return Language(lang, project, self)
