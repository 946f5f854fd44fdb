"""Where a person looks for their profession in another country: the related professions ("In the Netherlands this
work is done as childcare worker; DUO decides"), and what "not regulated" means, with the bodies that compare a
diploma with the local ones (IDW, NARIC-Vlaanderen, the Wallonia-Brussels Federation's service, ZAB).

Pure: builds Markdown pieces (Markup) for the catalogue's profession page from the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.model import paths
from generator.model.entities import Authority, CatalogueEntry, CatalogueProfession, Jurisdiction, Project, Source
from generator.render.formatting import md_escape, md_link
from generator.render.formatting import page_link as link
from generator.render.grammar import capitalised
from generator.render.language import Language

# Who writes a statement of comparability for a diploma, by jurisdiction code (or country): ids of the authority
# registry. The German-speaking Community of Belgium has none in the registry yet.
COMPARABILITY = {"NL": "idw", "BE-FL": "naric-vlaanderen", "BE-FR": "fwb-equivalences", "DE": "zab"}


def _page(pid: str) -> str:
    return f"catalogue/{pid}.md"


def _decides(L: Language, entry: CatalogueEntry) -> Markup:
    if entry.authority is not None:
        return md_escape(L.label("rel_decides", authority=_name(entry.authority)))
    if entry.regulated == "no":
        return md_escape(L.label("rel_not_regulated"))
    return md_escape(L.label("rel_not_known"))


def _name(authority: Authority) -> str:
    return authority.short or authority.name


def elsewhere(L: Language, profession: CatalogueProfession, project: Project, page: str) -> list[Markup]:
    """One line per related profession and jurisdiction where it is in the catalogue: the place, the profession
    (linked), who decides there, and the relation's note."""
    lines: list[Markup] = []
    for related in profession.related:
        other = project.catalogue.get(related.profession)
        if other is None:
            continue
        name = md_link(other.name[L.lang], link(page, _page(other.id)))
        note = Markup(f" ({md_escape(related.note[L.lang])})") if related.note and L.lang in related.note else ""
        places = [e for e in other.entries if profession.entry(e.jurisdiction.code) is None] or list(other.entries)
        if note or not places:  # a partial relation: one line, the profession's page says who decides where
            roadmaps = md_escape(L.label("rel_with_roadmaps")) if other.roadmaps else Markup("")
            lines.append(Markup(f"{md_escape(L.label('rel_also'))} {name}{note}{roadmaps}"))
            continue
        for entry in places:
            where = md_escape(entry.jurisdiction.name[L.lang])
            called = md_escape(L.label("rel_done_as"))
            lines.append(Markup(f"{where}{L.colon} {called} {name}; {_decides(L, entry)}"))
    return lines


def _from_roadmaps(
    L: Language, profession: CatalogueProfession, jurisdiction: Jurisdiction, page: str
) -> tuple[Markup, Markup] | None:
    """Who decides, as the profession's roadmaps to this destination name it (the steps' authorities there)."""
    roadmaps = [r for r in profession.roadmaps if r.destination.code == jurisdiction.code]
    found: dict[str, Authority] = {}
    for roadmap in roadmaps:
        for step in roadmap.steps:
            if step.authority.jurisdiction.country == jurisdiction.country:
                found.setdefault(step.authority.id, step.authority)
    if not found:
        return None
    names = ", ".join(_name(a) for a in found.values())
    links = Markup(", ").join(
        md_link(
            L.label("from_to", origin=r.origin.name[L.lang], destination=r.destination.name[L.lang]),
            link(page, paths.roadmap_page(r.key)),
        )
        for r in roadmaps
    )
    return (
        md_escape(L.label("rel_see_roadmap")),
        Markup(f"{md_escape(L.label('rel_roadmap_names', authorities=names))} {links}"),
    )


def _same_work(profession: CatalogueProfession, project: Project) -> list[CatalogueProfession]:
    """The related professions that do the same work: a relation without a note (a note marks a partial relation:
    assistants, further training)."""
    return [
        project.catalogue[r.profession]
        for r in profession.related
        if r.note is None and r.profession in project.catalogue
    ]


def _linked(L: Language, other: CatalogueProfession, page: str) -> Markup:
    """A related profession's name, linked to its catalogue page."""
    return md_link(other.name[L.lang], link(page, _page(other.id)))


@dataclass(frozen=True)
class DoneAs:
    """The related profession that does the work in a jurisdiction, its entry there, its linked name and the
    sentence that says so."""

    entry: CatalogueEntry
    name: Markup
    sentence: Markup


def _done_as(
    L: Language, profession: CatalogueProfession, project: Project, jurisdiction: Jurisdiction, page: str, lead: Markup
) -> DoneAs | None:
    """The related profession that does this work in the jurisdiction — the first whose authority there is known,
    else the first in the catalogue there — and the sentence: lead, its name (linked), who decides there."""
    there = [(o, e) for o in _same_work(profession, project) if (e := o.entry(jurisdiction.code)) is not None]
    if not there:
        return None
    other, entry = next(((o, e) for o, e in there if e.authority is not None), there[0])
    name = _linked(L, other, page)
    return DoneAs(entry, name, Markup(f"{lead} {name}. {_decides(L, entry)}"))


def in_destination(
    L: Language, profession: CatalogueProfession, project: Project, jurisdiction: Jurisdiction, page: str
) -> Markup | None:
    """Where this profession's own entry for the jurisdiction names nobody (or it has none): "In Flanders this work is
    done as <related profession>. <authority> decides." — for the catalogue's row and the guide's answer pages."""
    entry = profession.entry(jurisdiction.code)
    if entry is not None and (entry.authority is not None or entry.regulated == "no"):
        return None
    lead = md_escape(capitalised(L.label("rel_there_as", place_in=L.form(jurisdiction, "in"))))
    found = _done_as(L, profession, project, jurisdiction, page, lead)
    return found.sentence if found else None


def instead(
    L: Language, profession: CatalogueProfession, project: Project, jurisdiction: Jurisdiction, page: str
) -> tuple[Markup, Markup] | None:
    """For a jurisdiction where this profession is not in the catalogue: who its roadmaps there name, else the
    related profession that does the same work there (its regulation status, and who decides), or None."""
    from_roadmaps = _from_roadmaps(L, profession, jurisdiction, page)
    found = _done_as(L, profession, project, jurisdiction, page, md_escape(L.label("rel_here_as")))
    if found is not None:
        if from_roadmaps is not None:
            return from_roadmaps[0], Markup(f"{from_roadmaps[1]}. {found.sentence}")
        status = md_escape(L.label(f"cat_{found.entry.regulated}"))
        return Markup(f"{status} ({md_escape(L.label('rel_as'))} {found.name})"), found.sentence
    if from_roadmaps is not None:
        return from_roadmaps
    for other in _same_work(profession, project):  # their roadmaps to this destination name who decides
        theirs = _from_roadmaps(L, other, jurisdiction, page)
        if theirs is not None:
            name = _linked(L, other, page)
            return theirs[0], Markup(f"{md_escape(L.label('rel_roadmap_of'))} {name}{L.colon} {theirs[1]}")
    return None


def comparability_body(project: Project, jurisdiction: Jurisdiction) -> Authority | None:
    code = COMPARABILITY.get(jurisdiction.code) or COMPARABILITY.get(jurisdiction.country, "")
    return project.authorities.get(code)


def _sources(authority: Authority) -> list[Source]:
    refs = authority.contact.get("source", [])
    ids = refs if isinstance(refs, list) else [refs]
    found = [authority.sources[r] for r in ids if r in authority.sources]
    return found or list(authority.sources.values())[:1]


def not_regulated(L: Language, profession: CatalogueProfession, project: Project) -> list[Markup]:
    """For each jurisdiction where the profession is not regulated: who can compare the diploma there (linked to
    its website, with its official sources)."""
    lines: list[Markup] = []
    for entry in profession.entries:
        if entry.regulated != "no":
            continue
        where = md_escape(entry.jurisdiction.name[L.lang])
        body = comparability_body(project, entry.jurisdiction)
        if body is None:
            lines.append(Markup(f"{where}{L.colon} {md_escape(L.label('rel_compare_unknown'))}"))
            continue
        website = body.contact.get("website", "")
        name = md_link(body.name, website, body.name_language) if website else md_escape(body.name)
        short = f" ({body.short})" if body.short else ""
        cited = Markup(", ").join(md_link(s.title, s.url) for s in _sources(body))
        sources = Markup(f" — {md_escape(L.label('rel_source'))}{L.colon} {cited}") if cited else Markup("")
        lines.append(Markup(f"{where}{L.colon} {name}{md_escape(short)}{sources}"))
    return lines
