"""Profession pages (professions/<id>.md) with every destination side by side, and the A–Z index of all titles
(professions/index.md), per language.

Every profession page carries all its titles, synonyms and former titles (roadmaps/registry/professions.yaml) in
its text and as search tags, so the site search of every language finds it from a title in any language.
Text from YAML is escaped with `md_escape`; the few pieces of markup (links, language spans) are built here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.model import paths
from generator.model.entities import Profession, Project, Roadmap
from generator.model.facts import Compensation, LanguageRule
from generator.model.money import Money
from generator.render import costs, seo
from generator.render.formatting import fold, md_escape, md_link
from generator.render.formatting import lang_span as span
from generator.render.formatting import page_link as link
from generator.render.language import Language, Page

ROOT = "professions"
INDEX = f"{ROOT}/index.md"
LANGUAGE_KEYS = {"nl": "lang_nl", "de": "lang_de", "fr": "lang_fr", "en": "lang_en"}
KIND_KEYS = {"official": "prof_kind_official", "synonym": "prof_kind_synonym", "former": "prof_kind_former"}


@dataclass(frozen=True)
class Column:
    """One column of the comparison table, and the fields that carry the same value in comparison.csv."""

    id: str
    label: str
    fields: tuple[str, ...]


COLUMNS = (
    Column("route", "cmp_route", ("origin", "destination")),
    Column("regulated", "cmp_regulated", ("regulated",)),
    Column("authority", "cmp_authority", ("authorities",)),
    Column("steps", "cmp_steps", ("steps",)),
    Column("fees", "cmp_fees", ("fees_min_eur", "fees_max_eur", "fees_unknown", "fees_approximate", "fees_inferred")),
    Column(
        "total_cost",
        "cmp_total_cost",
        ("cost_min_eur", "cost_max_eur", "cost_unknown", "cost_approximate", "cost_inferred"),
    ),
    Column("deadline", "cmp_deadline", ("deadline", "deadline_unknown", "deadline_approximate", "deadline_inferred")),
    Column("duration", "cmp_duration", ("duration", "duration_unknown", "duration_approximate", "duration_inferred")),
    Column("language", "cmp_language", ("language", "language_level")),
    Column("compensation", "cmp_compensation", ("compensation_measures", "compensation_chooser")),
    Column("temporary", "cmp_temporary", ("temporary_route",)),
)
CSV_FIELDS = ("profession", "roadmap", "version", *(f for c in COLUMNS for f in c.fields), "page")


def profession_path(pid: str) -> str:
    return f"{ROOT}/{pid}.md"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def roadmaps_of(project: Project, pid: str) -> list[Roadmap]:
    return [r for r in project.roadmaps if r.profession.id == pid]


def search_terms(profession: Profession) -> list[str]:
    """Every name and title, once each, in registry order: the page's search tags."""
    terms = [*profession.name.values(), *(t["title"] for t in profession.titles)]
    return list(dict.fromkeys(terms))


# ---- the comparison: one row per roadmap -------------------------------------------------------------------------


def _authorities(roadmap: Roadmap) -> list[tuple[str, str]]:
    """(authority id, anchor of its first step), in step order, each authority once."""
    seen: dict[str, str] = {}
    for step in roadmap.steps:
        seen.setdefault(step.authority.id, f"step-{step.id}")
    return list(seen.items())


def _short(project: Project, aid: str) -> str:
    authority = project.authorities[aid]
    return authority.short or authority.name


def _language(L: Language, rule: LanguageRule) -> str:
    language = rule.language
    name = L.label(LANGUAGE_KEYS[language]) if language in LANGUAGE_KEYS else L.label("cmp_language_unknown")
    level = rule.level
    if level.status == "known":
        return f"{name}, {level.value}"
    return f"{name}, {L.label('cmp_level_none' if level.status == 'none' else 'cmp_level_unknown')}"


def _compensation(L: Language, compensation: Compensation) -> str:
    measures = ", ".join(L.label(m) for m in compensation.measures) or L.label("cmp_measures_none")
    return f"{measures} ({L.label('cmp_chooser_' + compensation.chooser)})"


def cells(L: Language, roadmap: Roadmap, page: str, project: Project) -> list[Markup]:
    """The table row of one roadmap: each cell links to the section of the roadmap page it summarises."""
    target = link(page, paths.roadmap_page(roadmap.key))
    ct = costs.cost_time(roadmap)

    def to(text: str, anchor: str) -> Markup:
        return md_link(text, f"{target}#{anchor}")

    route = L.label("from_to", origin=roadmap.origin.name[L.lang], destination=roadmap.destination.name[L.lang])
    regulated = L.label("cmp_status_" + roadmap.regulation.status.replace("-", "_"))
    authorities = Markup(", ").join(
        md_link(_short(project, aid), f"{target}#{anchor}") for aid, anchor in _authorities(roadmap)
    )
    return [
        md_link(route, target),
        to(regulated, "work-before"),
        authorities,
        to(str(len(roadmap.steps)), "steps"),
        to(costs.money_words(L, ct.fees), "cost-time"),
        to(costs.money_words(L, ct.total), "cost-time"),
        to(costs.time_words(L, ct.deadline), "timeline"),
        to(costs.time_words(L, ct.duration), "timeline"),
        to(_language(L, roadmap.language), "language"),
        to(_compensation(L, roadmap.compensation), "compensation"),
        to(L.label("cmp_status_" + roadmap.temporary.status.replace("-", "_")), "temporary"),
    ]


def _eur(money: Money, index: int) -> str:
    eur = [a for a in money.amounts if a[0] == "EUR"]
    if eur:
        return costs.plain_number(float(eur[0][index]))
    return "0" if money.known and not money.amounts else ""  # all known parts free: 0; nothing known: empty


def csv_row(roadmap: Roadmap) -> dict[str, str]:
    """The same row as the table, language-neutral: codes and numbers; empty where nothing is known."""
    ct = costs.cost_time(roadmap)
    return {
        "profession": roadmap.profession.id,
        "roadmap": roadmap.key,
        "version": roadmap.version,
        "origin": roadmap.origin.code,
        "destination": roadmap.destination.code,
        "regulated": roadmap.regulation.status,
        "authorities": " ".join(aid for aid, _ in _authorities(roadmap)),
        "steps": str(len(roadmap.steps)),
        "fees_min_eur": _eur(ct.fees, 1),
        "fees_max_eur": _eur(ct.fees, 2),
        "fees_unknown": str(ct.fees.unknown),
        "fees_approximate": str(ct.fees.approximate),  # parts the source gives as approximate
        "fees_inferred": str(ct.fees.inferred),  # parts that are our reading of the rules
        "cost_min_eur": _eur(ct.total, 1),
        "cost_max_eur": _eur(ct.total, 2),
        "cost_unknown": str(ct.total.unknown),
        "cost_approximate": str(ct.total.approximate),
        "cost_inferred": str(ct.total.inferred),
        "deadline": costs.time_code(ct.deadline) or ("none" if ct.deadline.none and not ct.deadline.unknown else ""),
        "deadline_unknown": str(ct.deadline.unknown),
        "deadline_approximate": str(ct.deadline.approximate),
        "deadline_inferred": str(ct.deadline.inferred),
        "duration": costs.time_code(ct.duration),
        "duration_unknown": str(ct.duration.unknown),
        "duration_approximate": str(ct.duration.approximate),
        "duration_inferred": str(ct.duration.inferred),
        "language": roadmap.language.language,
        "language_level": roadmap.language.level.value or roadmap.language.level.status,
        "compensation_measures": " ".join(roadmap.compensation.measures),
        "compensation_chooser": roadmap.compensation.chooser,
        "temporary_route": roadmap.temporary.status,
        "page": paths.roadmap_url(roadmap.key),  # under each language's root, e.g. /en/
    }


# ---- pages -------------------------------------------------------------------------------------------------------


def _titles(L: Language, profession: Profession, project: Project) -> list[dict[str, Any]]:
    return [
        {
            "title": span(t["title"], t["language"], L.lang),
            "language": L.label(LANGUAGE_KEYS.get(t["language"], "lang_other")),
            "where": md_escape(project.jurisdictions[t["jurisdiction"]].name[L.lang])
            if t["jurisdiction"] in project.jurisdictions
            else md_escape(t["jurisdiction"]),
            "kind": L.label(KIND_KEYS.get(t.get("kind", "official"), "prof_kind_official")),
        }
        for t in profession.titles
    ]


def profession_page(L: Language, profession: Profession, project: Project) -> Page:
    path = profession_path(profession.id)
    routes = roadmaps_of(project, profession.id)
    others = [span(name, lang, L.lang) for lang, name in profession.name.items() if lang != L.lang]
    markdown = L.render(
        "profession.md.j2",
        L=L,
        p=profession,
        name=_capital(profession.name.get(L.lang, profession.id)),
        tags=search_terms(profession),
        jsonld=seo.profession_jsonld(profession, L.lang, search_terms(profession)),
        others=others,
        header=[L.label(c.label) for c in COLUMNS],
        rows=[cells(L, r, path, project) for r in routes],
        route_names=[
            L.label("from_to", origin=r.origin.name[L.lang], destination=r.destination.name[L.lang]) for r in routes
        ],
        titles=_titles(L, profession, project),
        routes=[
            md_link(
                L.label("from_to", origin=r.origin.name[L.lang], destination=r.destination.name[L.lang]),
                link(path, paths.roadmap_page(r.key)),
            )
            for r in routes
        ],
        index=link(path, INDEX),
    )
    return Page(path, markdown)


def _entries(L: Language, project: Project) -> Iterator[tuple[str, str, Markup]]:
    """(sort key, letter, line) for every title and every name, once per title and profession."""
    for profession in project.professions.values():
        if not roadmaps_of(project, profession.id):
            continue
        grouped: dict[tuple[str, str], list[dict[str, str]]] = {}
        for t in profession.titles:
            grouped.setdefault((t["title"], t["language"]), []).append(t)
        for lang, name in profession.name.items():
            if not any(fold(title) == fold(name) for title, _ in grouped):
                grouped.setdefault((name, lang), [])
        for (title, lang), uses in grouped.items():
            yield fold(title), _letter(title), _entry_line(L, profession, project, title, lang, uses)


def _letter(title: str) -> str:
    first = next((c for c in fold(title) if c.isalnum()), "#")
    return first.upper() if first.isalpha() else "#"


def _entry_line(
    L: Language, profession: Profession, project: Project, title: str, lang: str, uses: list[dict[str, str]]
) -> Markup:
    where = []
    for use in uses:
        place = (
            project.jurisdictions[use["jurisdiction"]].name[L.lang]
            if use["jurisdiction"] in project.jurisdictions
            else use["jurisdiction"]
        )
        kind = use.get("kind", "official")
        where.append(place if kind == "official" else f"{place} ({L.label(KIND_KEYS.get(kind, 'prof_kind_official'))})")
    details = [L.label(LANGUAGE_KEYS.get(lang, "lang_other")), *dict.fromkeys(where)]
    target = link(INDEX, profession_path(profession.id))
    return Markup(
        f"{md_link(title, target, lang if lang != L.lang else '')} → "
        f"{md_link(profession.name.get(L.lang, profession.id), target)} — "
        f"{md_escape(' · '.join(details))}"
    )


def index_page(L: Language, project: Project) -> Page:
    groups: dict[str, list[tuple[str, Markup]]] = {}
    for key, letter, line in sorted(_entries(L, project), key=lambda e: (e[1] == "#", e[0], e[2])):
        groups.setdefault(letter, []).append((key, line))
    ordered = [
        {
            "letter": letter,
            "id": f"az-{letter.lower()}" if letter != "#" else "az-other",
            "lines": [x for _, x in lines],
        }
        for letter, lines in groups.items()
    ]
    professions = [
        md_link(p.name.get(L.lang, p.id), link(INDEX, profession_path(p.id)))
        for p in project.professions.values()
        if roadmaps_of(project, p.id)
    ]
    return Page(INDEX, L.render("professions-index.md.j2", L=L, groups=ordered, professions=professions))


def pages(project: Project, L: Language) -> list[Page]:
    found = [profession_page(L, p, project) for p in project.professions.values() if roadmaps_of(project, p.id)]
    return [index_page(L, project), *found]


def nav_pages(project: Project) -> list[str]:
    return [INDEX, *(profession_path(p.id) for p in project.professions.values() if roadmaps_of(project, p.id))]
