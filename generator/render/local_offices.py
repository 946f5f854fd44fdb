"""The local-office pages (one per Land near the border: its offices, its districts, an A–Z of towns) and the link
to them from roadmaps whose steps a district or Land office does. Works without JavaScript: plain lists and anchors."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.model import paths
from generator.model.entities import District, Land, Project, Roadmap, Step, fold
from generator.render.formatting import page_link
from generator.render.language import Language, Page


@dataclass(frozen=True)
class Link:
    """What a roadmap page says about local offices: which step, and the page to go to."""

    step: Step
    href: str
    title: str


def title(land: Land, L: Language) -> str:
    return L.label("lo_title", land_in=L.form(land.jurisdiction, "in"))


def letters(land: Land) -> list[tuple[str, list[tuple[str, District]]]]:
    """The A–Z: every town under its first letter (accents folded: Übach-Palenberg under U)."""
    grouped: dict[str, list[tuple[str, District]]] = {}
    for town, district in land.towns():
        grouped.setdefault(fold(town)[:1].upper(), []).append((town, district))
    return sorted(grouped.items())


def groups(land: Land) -> list[tuple[str, str, tuple[District, ...]]]:
    """The districts, grouped by regional government where the Land has them: (anchor, heading, districts)."""
    if not land.regions:
        return [("districts", "", land.districts)]
    return [(r.id, r.name, land.in_region(r)) for r in land.regions]


def land_page(land: Land, L: Language) -> Page:
    path = paths.local_offices_page(land.jurisdiction.code)
    markdown = L.render(
        "local-offices.md.j2",
        L=L,
        land=land,
        title=title(land, L),
        letters=letters(land),
        groups=groups(land),
        unchecked=any(d.towns_sourcing is None for d in land.districts),
    )
    return Page(path, markdown)


def pages(project: Project, L: Language) -> Iterator[Page]:
    for land in project.local_offices.values():
        yield land_page(land, L)


def link(roadmap: Roadmap, project: Project, L: Language) -> Link | None:
    """The link for a roadmap to its destination's local-office page, when one of its steps is done by a district
    office (kind local) or by an office the page lists as acting for the whole Land; the district step comes first,
    because that is where the roadmap says who is competent for someone living across the border."""
    land = project.local_offices.get(roadmap.destination.code)
    if land is None:
        return None
    land_offices = {o.authority.id for o in land.offices}
    local = [
        s
        for s in roadmap.steps
        if s.authority.kind == "local" and s.authority.jurisdiction.code == land.jurisdiction.code
    ]
    central = [s for s in roadmap.steps if s.authority.id in land_offices]
    steps = local or central
    if not steps:
        return None
    chosen = steps[0]
    href = page_link(paths.roadmap_page(roadmap.key), paths.local_offices_page(land.jurisdiction.code))
    return Link(chosen, href, title(land, L))
