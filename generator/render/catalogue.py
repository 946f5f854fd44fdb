"""Pages of the catalogue of regulated professions, per language: one page per profession ("Is it regulated? Who
decides?"), an A–Z list of every title, one page per jurisdiction and a landing page.

Every value from YAML is escaped with `md_escape` (or by the Jinja env's `finalize`); the helpers here build the
few pieces of markup (links, citation marks, language spans) themselves and return them as `Markup`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.model import paths
from generator.model.entities import (
    Authority,
    CatalogueEntry,
    CatalogueProfession,
    CitedText,
    Grensinfopunt,
    Jurisdiction,
    Project,
    Source,
)
from generator.render import catalogue_az, grensinfopunten, related, titles
from generator.render.formatting import fold, md_escape, md_link
from generator.render.formatting import lang_span as span
from generator.render.formatting import page_link as link
from generator.render.grammar import capitalised
from generator.render.language import Language, Page
from generator.resolve import catalogue as cat

ROOT = "catalogue"
INDEX = f"{ROOT}/index.md"
AZ = f"{ROOT}/a-z.md"
GIPS = "grensinfopunten.md"


def profession_path(pid: str) -> str:
    return f"{ROOT}/{pid}.md"


def jurisdiction_path(code: str) -> str:
    return f"{ROOT}/jurisdictions/{code.lower()}.md"


# ---- sources and citation marks ----------------------------------------------------------------------------------


@dataclass
class Citations:
    """Numbers the sources cited on one page, in the order they are first cited."""

    numbers: dict[tuple[str, str], int]
    sources: list[Source]

    @classmethod
    def new(cls) -> Citations:
        return cls({}, [])

    def marks(self, file: str, cited: Iterable[Source]) -> Markup:
        links = []
        for source in cited:
            key = (file, source.id)
            if key not in self.numbers:
                self.numbers[key] = len(self.sources) + 1
                self.sources.append(source)
            number = self.numbers[key]
            links.append(f'<a href="#src-{number}">[{number}]</a>')
        return Markup(f'<sup class="cite">{"".join(links)}</sup>')


def _confidence(L: Language, confidence: str) -> Markup:
    text = md_escape(L.label(f"cat_confidence_{confidence}"))  # inside inline HTML, Markdown still applies
    return Markup(f'<em class="confidence confidence-{escape(confidence)}">{text}</em>')


def _cited(L: Language, value: CitedText | None, file: str, citations: Citations) -> Markup:
    if value is None:
        return Markup("")
    note = Markup(" ") + _confidence(L, value.confidence) if value.confidence != "high" else Markup("")
    return Markup(L.t(value.text) + citations.marks(file, value.sources) + note)


# ---- the profession page ----------------------------------------------------------------------------------------


def nearest_gips(project: Project, jurisdiction: Jurisdiction) -> list[Grensinfopunt]:
    """The Grensinfopunten at the border of this jurisdiction's country with the Netherlands (all for NL)."""
    return [g for g in project.grensinfopunten.values() if jurisdiction.country in "-".join(g.borders).split("-")]


def authority_name(L: Language, authority: Authority) -> Markup:
    """The official name in its own language (linked to the website if known), then its translation."""
    name = authority.name + (
        f" ({authority.short})" if authority.short and authority.short not in authority.name else ""
    )
    foreign = authority.name_language != L.lang
    website = authority.contact.get("website")
    if website:
        shown = md_link(name, website, authority.name_language if foreign else "")
    else:
        shown = span(name, authority.name_language, L.lang)
    if foreign and L.lang in authority.translation:
        shown = Markup(f"{shown} ({md_escape(authority.translation[L.lang])})")
    return shown


def _not_known(L: Language, page: str, note: Markup | None = None) -> Markup:
    """Says so, then the general next stops: the EU database and the Grensinfopunten."""
    return Markup(
        f"{md_escape(L.label('cat_not_known'))} {note + Markup(' ') if note else ''}"
        f"{md_escape(L.label('cat_look_up'))} {md_link(L.label('cat_eu_db'), cat.EU_DATABASE)} "
        f"{md_escape(L.label('cat_or_ask'))} {md_link(L.label('cat_gip'), link(page, GIPS))}."
    )


def who_decides(L: Language, entry: CatalogueEntry | None, page: str) -> Markup:
    """The authority cell: the authority (linked to its website), or an honest 'not known' with where to ask."""
    note = L.t(entry.authority_note) if entry and entry.authority_note else Markup("")
    if entry and entry.authority:
        return Markup(authority_name(L, entry.authority) + (Markup(". ") + note if note else ""))
    if entry and entry.regulated == "no":
        return note or md_escape(L.label("cat_not_regulated_note"))
    return _not_known(L, page, note)


def _see_parts(L: Language, whole: Jurisdiction, parts: list[Jurisdiction]) -> tuple[Markup, Markup]:
    """For a country without an entry of its own whose parts have one (Belgium and its Communities): the rows of
    those parts are the answer, so the country's row sends the reader there instead of saying 'not known'."""
    names = ", ".join(p.name[L.lang] for p in parts)
    return md_escape(L.label("cat_by_parts")), md_escape(
        L.label("cat_see_parts", where=capitalised(L.form(whole, "in")), parts=names, n=len(parts))
    )


def _see_whole(L: Language, whole: Jurisdiction) -> tuple[Markup, Markup]:
    """For a part without an entry of its own whose country has one (a Belgian craft, regulated by the regions):
    the country's row above is the answer."""
    return md_escape(L.label("cat_by_whole")), md_escape(L.label("cat_see_whole", whole=whole.name[L.lang]))


def _pointer(
    L: Language, place: Jurisdiction, places: list[Jurisdiction], answered: set[str]
) -> tuple[Markup, Markup] | None:
    """Where a row without an entry sends the reader: down to its parts' rows, or up to its country's row."""
    parts = [p for p in places if p.parent == place.code and p.code in answered]
    if parts:
        return _see_parts(L, place, parts)
    whole = next((p for p in places if p.code == place.parent and p.code in answered), None)
    return _see_whole(L, whole) if whole else None


def _row(
    L: Language,
    page: str,
    jurisdiction: Jurisdiction,
    entry: CatalogueEntry | None,
    citations: Citations,
    instead: tuple[Markup, Markup] | None = None,
    done_as: Markup | None = None,
) -> dict[str, Markup]:
    """`instead`: for a jurisdiction without an entry, the related profession that does this work there, or the
    rows that answer for it (its parts', its country's); `done_as`: for an entry that names nobody, the related
    profession there whose authority is known."""
    where = md_link(jurisdiction.name[L.lang], link(page, jurisdiction_path(jurisdiction.code)))
    if entry is None:
        return {
            "where": where,
            "regulated": instead[0] if instead else md_escape(L.label("cat_missing")),
            "authority": instead[1] if instead else _not_known(L, page),
            "second_step": Markup(""),
            "legal_basis": Markup(""),
            "source": Markup(""),
        }
    checked = md_escape(L.label("cat_checked", date=L.date(entry.checked)))
    return {
        "where": where,
        "regulated": md_escape(L.label(f"cat_{entry.regulated}")),
        "authority": who_decides(L, entry, page) + (Markup(" ") + done_as if done_as else ""),
        "second_step": _cited(L, entry.second_step, entry.file, citations),
        "legal_basis": _cited(L, entry.legal_basis, entry.file, citations),
        "source": Markup(f"{citations.marks(entry.file, entry.sources)} {checked}, {_confidence(L, entry.confidence)}"),
    }


def names(L: Language, profession: CatalogueProfession, project: Project) -> list[Markup]:
    """Every title (and the general name in each language), one line per title and language, with where it is used."""
    grouped: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for title in profession.titles:
        where = project.jurisdictions[title.jurisdiction].name[L.lang] if title.jurisdiction else ""
        kind = f" ({L.label('cat_kind_' + title.kind)})" if title.kind != "official" else ""
        text, places = grouped.setdefault((fold(title.title), title.language), (title.title, []))
        if where + kind and where + kind not in places:
            places.append((where + kind).strip())
    for lang, name in profession.name.items():
        grouped.setdefault((fold(name), lang), (name, [L.label("cat_kind_name")]))
    lines = []
    for (_, lang), (text, places) in sorted(grouped.items(), key=lambda item: (item[0][1] != L.lang, item[0])):
        where = md_escape(", ".join(places)) if places else Markup("")
        lines.append(
            Markup(f"{span(text, lang, L.lang)} — {md_escape(L.label('cat_lang_' + lang))}")
            + (Markup(" · ") + where if where else "")
        )
    return lines


def also_called(L: Language, profession: CatalogueProfession) -> Markup:
    """Every other title and name on one short line right under the heading: the site search keeps only the start
    of each page (generator/output/search_budget.py), and this way it still finds the page by any of its titles."""
    seen = {fold(profession.name[L.lang])}
    found: list[tuple[bool, str, str, str]] = []
    every = [(t.title, t.language) for t in profession.titles] + [(n, lang) for lang, n in profession.name.items()]
    for text, lang in every:
        if fold(text) not in seen:
            seen.add(fold(text))
            found.append((lang != L.lang, fold(text), text, lang))
    return Markup(" · ").join(span(text, lang, L.lang) for _, _, text, lang in sorted(found))


def profession_page(profession: CatalogueProfession, project: Project, L: Language) -> Page:
    path = profession_path(profession.id)
    citations = Citations.new()
    places = cat.jurisdictions(project)
    instead = {j.code: related.instead(L, profession, project, j, path) for j in places}
    answered = {j.code for j in places if profession.entry(j.code) is not None or instead[j.code]}
    rows = [
        _row(
            L,
            path,
            j,
            profession.entry(j.code),
            citations,
            instead[j.code] or _pointer(L, j, places, answered),
            related.in_destination(L, profession, project, j, path),
        )
        for j in places
    ]
    gips = {g.id: g for j in places for g in nearest_gips(project, j)}
    roadmaps = [
        {
            "label": L.label("from_to", origin=r.origin.name[L.lang], destination=r.destination.name[L.lang]),
            "href": link(path, paths.roadmap_page(r.key)),
        }
        for r in profession.roadmaps
    ]
    markdown = L.render(
        "catalogue-profession.md.j2",
        L=L,
        title=capitalised(profession.name[L.lang]),
        page_title=L.label("cat_page_title", profession=profession.name[L.lang]),
        names=names(L, profession, project),
        also=also_called(L, profession),
        roadmaps=roadmaps,
        rows=rows,
        related=related.elsewhere(L, profession, project, path),
        not_regulated=related.not_regulated(L, profession, project),
        sources=citations.sources,
        eu_db=md_link(L.label("cat_eu_db"), cat.EU_DATABASE),
        gips=grensinfopunten.by_border(gips.values()),
        gips_href=link(path, GIPS),
        index=link(path, INDEX),
        az=link(path, AZ),
    )
    return Page(path, markdown)


# ---- the jurisdiction pages --------------------------------------------------------------------------------------


def _authority_short(L: Language, entry: CatalogueEntry) -> Markup:
    """For the long lists: the official name only (linked), or 'not known'; details are on the profession page."""
    if entry.authority is None:
        return md_escape(L.label("cat_not_known"))
    authority = entry.authority
    website = authority.contact.get("website")
    lang = authority.name_language if authority.name_language != L.lang else ""
    return md_link(authority.name, website, lang) if website else span(authority.name, authority.name_language, L.lang)


def _by_name(L: Language, professions: Iterable[CatalogueProfession]) -> list[CatalogueProfession]:
    return sorted(professions, key=lambda p: (fold(p.name[L.lang]), p.id))


def jurisdiction_page(jurisdiction: Jurisdiction, project: Project, L: Language) -> Page:
    path = jurisdiction_path(jurisdiction.code)
    here = [(p, p.entry(jurisdiction.code)) for p in _by_name(L, project.catalogue.values())]
    present: list[tuple[CatalogueProfession, CatalogueEntry]] = [(p, e) for p, e in here if e is not None]
    sectors: dict[str, list[dict[str, Markup]]] = {}
    authorities: dict[str, tuple[Authority, list[Markup]]] = {}
    for profession, entry in present:
        if entry.regulated != "yes":
            continue
        own = md_link(profession.name[L.lang], link(path, profession_path(profession.id)))
        titles = Markup(", ").join(span(t.title, t.language, L.lang) for t in entry.titles)
        sectors.setdefault(profession.sector, []).append(
            {"profession": own, "titles": titles, "authority": _authority_short(L, entry)}
        )
        if entry.authority is not None:
            authorities.setdefault(entry.authority.id, (entry.authority, []))[1].append(own)

    def listed(kind: str) -> list[Markup]:
        return [md_link(p.name[L.lang], link(path, profession_path(p.id))) for p, e in present if e.regulated == kind]

    order = list(_SECTORS)
    markdown = L.render(
        "catalogue-jurisdiction.md.j2",
        L=L,
        title=L.label("cat_jurisdiction_title", jurisdiction=jurisdiction.name[L.lang]),
        intro=L.label("cat_jurisdiction_intro", n=sum(map(len, sectors.values()))),
        sectors=[(L.label("cat_sector_" + s), sectors[s]) for s in sorted(sectors, key=order.index)],
        not_regulated=listed("no"),
        unknown=listed("unknown"),
        authorities=[
            (authority_name(L, a), links) for a, links in sorted(authorities.values(), key=lambda v: fold(v[0].name))
        ],
        index=link(path, INDEX),
        az=link(path, AZ),
    )
    return Page(path, markdown)


_SECTORS = (
    "health",
    "education",
    "social",
    "legal",
    "finance",
    "technical",
    "construction",
    "crafts",
    "transport",
    "security",
    "public",
    "other",
)


# ---- the landing page --------------------------------------------------------------------------------------------


def regulated_count(project: Project, code: str) -> int:
    return sum(1 for p in project.catalogue.values() if (e := p.entry(code)) is not None and e.regulated == "yes")


def index_page(project: Project, L: Language) -> Page:
    places = [
        {
            "link": md_link(j.name[L.lang], link(INDEX, jurisdiction_path(j.code))),
            "count": L.label("cat_regulated_count", n=regulated_count(project, j.code)),
        }
        for j in cat.jurisdictions(project)
    ]
    with_roadmap = [
        md_link(p.name[L.lang], link(INDEX, profession_path(p.id)))
        for p in _by_name(L, project.catalogue.values())
        if p.roadmaps
    ]
    markdown = L.render(
        "catalogue-index.md.j2",
        L=L,
        count=L.label("cat_count", n=len(project.catalogue)),
        az=link(INDEX, AZ),
        places=places,
        with_roadmap=with_roadmap,
        eu_db=md_link(L.label("cat_eu_db"), cat.EU_DATABASE),
        gips_href=link(INDEX, GIPS),
    )
    return Page(INDEX, markdown)


def pages(project: Project, L: Language) -> Iterator[Page]:
    """Every catalogue page of one language."""
    yield index_page(project, L)
    yield from catalogue_az.pages(project, L)
    for jurisdiction in cat.jurisdictions(project):
        yield jurisdiction_page(jurisdiction, project, L)
    for profession in project.catalogue.values():
        yield profession_page(profession, project, L)
    yield from titles.choice_pages(project, L)
