"""A roadmap's page, the roadmaps' index, the glossary and the Grensinfopunten page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.model import paths
from generator.model.entities import Fact, Project, Roadmap
from generator.render import costs, feedback, seo, timeline
from generator.render.language import Language, Page, cite


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
    markdown = L.render(
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
        report_url=report_url,
        ct=costs.cost_time(roadmap),
        cost_words=costs.money_words,
        time_words=costs.time_words,
        timeline=timeline.svg(roadmap, L),
        jsonld=seo.roadmap_jsonld(roadmap, L, title),
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
    yield Page("grensinfopunten.md", L.render("grensinfopunten.md.j2", project=project, L=L))
