"""A roadmap's page, the roadmaps' index, the glossary and the Grensinfopunten page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.model import paths
from generator.model.entities import Fact, Project, Roadmap
from generator.model.facts import Period, current_notices
from generator.model.money import add_money
from generator.render import costs, factsheets, feedback, grammar, local_offices, mentions, seo, timeline
from generator.render.language import Language, Page, cite


def totals(roadmap: Roadmap) -> dict[str, Any]:
    """The "In short" figures: fees per currency, and the legal time limits when they share one unit."""
    fees = add_money(s.fee for s in roadmap.steps)
    deadlines = [s.deadline for s in roadmap.steps if not s.automatic]
    timed = [d for d in deadlines if d.status == "known"]
    units = {d.unit for d in timed}
    about = any(d.approximate or d.inferred for d in timed)
    period = (
        Period("known", max=sum(d.max or 0 for d in timed), unit=units.pop(), approximate=about)
        if len(units) == 1
        else None
    )
    # A known € 0 beside an unknown fee is no total: readers would take it for the price.
    positive = any(high > 0 for _, _, high in fees.amounts)
    return {
        "fees": fees,
        "fees_known": fees.known > 0 and (positive or fees.unknown == 0),
        "fees_unknown": fees.unknown,
        "period": period,
        "deadlines_unknown": sum(d.status == "unknown" for d in deadlines),
    }


def roadmap_page(roadmap: Roadmap, lang: Language, project: Project, report_url: str = "") -> Page:
    L = mentions.OncePerPage(lang)  # each authority's full name once per page
    names = grammar.route_names(roadmap, L.lang)
    title = grammar.route_title(roadmap, L.labels, L.lang)
    markdown = L.render(
        "roadmap.md.j2",
        r=roadmap,
        L=L,
        title=title,
        subtitle=L.label("subtitle", **names),
        totals=totals(roadmap),
        cite=cite(roadmap.sources, L),
        project=project,
        unknown_facts=_fact_list(roadmap.unknowns),
        low_facts=_fact_list(roadmap.low_confidence),
        report_url=report_url,
        ct=costs.cost_time(roadmap),
        cost_words=costs.money_words,
        time_words=costs.time_words,
        timeline=timeline.svg(roadmap, L),
        jsonld=seo.roadmap_jsonld(roadmap, L, title),
        notices=current_notices(roadmap.notices, L.kit.built.isoformat()),
        factsheet_pairs=factsheets.pair_links(roadmap, L),
        local_offices=local_offices.link(roadmap, project, L),
    )
    return Page(paths.roadmap_page(roadmap.key), markdown)


def _fact_list(facts: tuple[Fact, ...]) -> list[Fact]:
    return list(facts)


def site_pages(project: Project, L: Language) -> Iterator[Page]:
    """Every roadmap page of one language, their index, the glossary and the Grensinfopunten."""
    for roadmap in project.roadmaps:
        yield roadmap_page(roadmap, L, project, feedback.issue_url(L.kit.settings, roadmap, L.labels, L.lang))
    yield Page(paths.ROADMAPS_INDEX, L.render("roadmaps.md.j2", project=project, L=L))
    yield Page("glossary.md", L.render("glossary.md.j2", project=project, L=L))
    local_pages = [
        (local_offices.title(land, L), paths.local_offices_page(code)) for code, land in project.local_offices.items()
    ]
    yield Page("grensinfopunten.md", L.render("grensinfopunten.md.j2", project=project, L=L, local_pages=local_pages))
