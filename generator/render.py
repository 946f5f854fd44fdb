"""Stage 4 — render: the resolved model → Markdown pages per language, in memory (no I/O but templates).

Every `{{ value }}` is escaped for Markdown by default (Jinja's `finalize`), so text from YAML can never become
markup, links or script; template helpers that build markup return `Markup` explicitly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup, escape

from generator import feedback, roadmap_extras
from generator import formatting as fmt
from generator.config import LANGUAGE_NAMES, Settings
from generator.model import Authority, Fact, Project, Roadmap, Source

TEMPLATES = Path(__file__).parent / "templates"
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


@cache
def labels() -> dict[str, dict[str, str]]:
    """UI strings per language: labels.yaml plus one file per feature in labels/ (keys must not clash)."""
    here = Path(__file__).parent
    merged: dict[str, dict[str, str]] = {}
    for path in [here / "labels.yaml", *sorted((here / "labels").glob("*.yaml"))]:
        for lang, strings in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            clash = set(strings) & set(merged.get(lang, {}))
            if clash:
                raise ValueError(f"{path.name}: label keys defined twice: {sorted(clash)}")
            merged.setdefault(lang, {}).update(strings)
    return merged


@dataclass(frozen=True)
class Page:
    """One generated page: its path inside docs/<lang>/ and its Markdown."""

    path: str
    markdown: str


class Language:
    """Helpers for one language, exposed to the templates as `L`, `t`, `money`, …"""

    def __init__(self, lang: str, project: Project) -> None:
        self.lang, self.project, self.labels = lang, project, labels()[lang]

    def label(self, key: str, **values: Any) -> str:
        return self.labels[key].format(**values)

    def fact(self, cite: Callable[[dict[str, Any]], Markup], fact: dict[str, Any]) -> Markup:
        """A cited text fact: its text in this language, then its source marks."""
        return Markup(self.t(fact["text"]) + cite(fact))

    def note(self, value: dict[str, Any]) -> Markup:
        return Markup(" " + self.t(value["note"])) if "note" in value else Markup("")

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
        return Markup(f'<em class="untranslated">{escape(self.labels["untranslated"])}</em>')

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

    def ask(self, fact: dict[str, Any]) -> Markup:
        who = self.project.authorities[fact["ask"]]
        return Markup(
            f"{fmt.md_escape(self.label('not_known'))} {fmt.md_escape(self.label('ask', who=self._who(who)))}"
        )

    def _who(self, authority: Authority) -> str:
        return authority.name + (
            f" ({authority.short})" if authority.short and authority.short not in authority.name else ""
        )

    def amount(self, value: dict[str, Any]) -> Markup:
        if value["status"] == "unknown":
            return self.ask(value)
        if value["status"] == "free":
            return fmt.md_escape(self.label("free"))
        low, high = value["min"], value.get("max", value["min"])
        return fmt.md_escape(fmt.money_range(low, high, value.get("currency", "EUR"), self.lang))

    def period(self, value: dict[str, Any]) -> Markup:
        if value["status"] == "unknown":
            return self.ask(value)
        if value["status"] == "none":
            return fmt.md_escape(self.label("no_deadline"))
        return fmt.md_escape(
            self.label("up_to", value=fmt.duration(value.get("min"), value["max"], value["unit"], self.lang))
        )

    def fact_value(self, fact: dict[str, Any]) -> Markup:
        """Any fact object shown on its own (for the lists of unknown and low-confidence facts)."""
        if "text" in fact:
            return self.t(fact["text"])
        if "unit" in fact or fact.get("status") == "none":
            return self.period(fact)
        if "value" in fact:
            return fmt.md_escape(f"{fact['value']} (CEFR)")
        return self.amount(fact)

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

    def money(self, low: float, high: float) -> str:
        return fmt.money_range(low, high, "EUR", self.lang)


def cite(roadmap_sources: dict[str, Source], lang: Language) -> Callable[[dict[str, Any]], Markup]:
    """Build the citation marker filter for one roadmap: superscript links to the numbered sources."""
    numbers = {sid: i + 1 for i, sid in enumerate(roadmap_sources)}

    def marks(fact: dict[str, Any]) -> Markup:
        refs = fact.get("source", [])
        refs = refs if isinstance(refs, list) else [refs]
        links = "".join(f'<a href="#src-{escape(r)}">[{numbers[r]}]</a>' for r in refs)
        confidence = fact.get("confidence")
        note = ""
        if confidence in ("low", "medium"):
            note = f' <em class="confidence confidence-{confidence}">({escape(lang.label("confidence_" + confidence))})</em>'
        return Markup(f'<sup class="cite">{links}</sup>{note}' if links else note)

    return marks


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # Markdown, not HTML: escaping is done by `finalize` below
        finalize=fmt.md_escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["url"] = lambda u: Markup(fmt.md_url(u))
    # Only for the output of our own macros, which escape every value they insert.
    env.filters["trusted"] = Markup
    return env


_ENV = _environment()


def _render(template: str, **context: Any) -> str:
    return _ENV.get_template(template).render(**context)


def totals(roadmap: Roadmap) -> dict[str, Any]:
    """Summary figures. Unknown parts are counted, never added as zero: a known € 0 beside an unknown fee is not
    shown as a total, because readers would take it for the price."""
    fees = [s.data["fee"] for s in roadmap.steps]
    known = [f for f in fees if f["status"] != "unknown"]
    low = sum(f.get("min", 0) for f in known)
    high = sum(f.get("max", f.get("min", 0)) for f in known)
    deadlines = [s.data["deadline"] for s in roadmap.steps if not s.data.get("automatic")]
    timed = [d for d in deadlines if d["status"] == "known"]
    units = {d["unit"] for d in timed}
    period = {"status": "known", "max": sum(d["max"] for d in timed), "unit": units.pop()} if len(units) == 1 else None
    unknown = len(fees) - len(known)
    return {
        "fee_low": low,
        "fee_high": high,
        "fees_known": bool(known) and (high > 0 or unknown == 0),
        "fees_unknown": unknown,
        "period": period,
        "deadlines_unknown": sum(d["status"] == "unknown" for d in deadlines),
    }


def roadmap_page(roadmap: Roadmap, lang: Language, project: Project, report_url: str = "") -> Page:
    L = lang
    names = {
        "profession": roadmap.profession.name[L.lang],
        "origin": roadmap.origin.name[L.lang],
        "destination": roadmap.destination.name[L.lang],
    }
    title = L.label("title", **names)
    title = title[0].upper() + title[1:]
    markdown = _render(
        "roadmap.md.j2",
        r=roadmap,
        d=roadmap.data,
        L=L,
        title=title,
        subtitle=L.label("subtitle", **names),
        totals=totals(roadmap),
        cite=cite(roadmap.sources, L),
        project=project,
        unknown_facts=_fact_list(roadmap.unknowns),
        low_facts=_fact_list(roadmap.low_confidence),
        report_url=report_url,  # 'report an error' (issue #6)
        **roadmap_extras.context(roadmap, L, title),  # cost breakdown, timeline, JSON-LD (issue #7)
    )
    return Page(f"roadmaps/{roadmap.key}.md", markdown)


def _fact_list(facts: tuple[Fact, ...]) -> list[Fact]:
    return list(facts)


def site_pages(project: Project, settings: Settings, lang: str) -> Iterator[Page]:
    """Every generated page of one language."""
    L = Language(lang, project)
    for roadmap in project.roadmaps:
        yield roadmap_page(roadmap, L, project, feedback.issue_url(settings, roadmap, L.labels, lang))
    yield Page("roadmaps/index.md", _render("roadmaps.md.j2", project=project, L=L))
    yield Page("glossary.md", _render("glossary.md.j2", project=project, L=L))
    yield Page("grensinfopunten.md", _render("grensinfopunten.md.j2", project=project, L=L))


def language_names() -> dict[str, str]:
    return dict(LANGUAGE_NAMES)
