"""Every title of every profession, in every language, for the lists where a person looks for their profession (the
guide's first page, the catalogue's A–Z) — and a small choice page for a title that several professions share
("Lehrer", "docent", "pedagogisch medewerker"), so a shared title offers the choices instead of picking one.

Titles are the catalogue's (every jurisdiction's official titles, synonyms and former titles), the profession
registry's, and each profession's general name in all four languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from generator.model.entities import CatalogueProfession, Project
from generator.render import escape
from generator.render.formatting import fold, letters_of, md_escape, md_link
from generator.render.formatting import lang_span as span
from generator.render.formatting import page_link as link
from generator.render.language import Language, Page
from generator.resolve.flow import ROOT as GUIDE_ROOT

CHOICES = "catalogue/titles"


@dataclass
class Title:
    """One title (compared without case and accents) and every profession that carries it."""

    title: str
    lang: str
    former: bool
    professions: list[str] = field(default_factory=list)
    places: dict[str, list[str]] = field(default_factory=dict)  # profession id → jurisdiction codes


def every_title(project: Project) -> dict[str, Title]:
    """By folded title, A–Z as a dictionary sorts (letters and digits only); each title's professions in the order
    of their ids."""
    found: dict[str, Title] = {}
    for profession in project.catalogue.values():
        names = [(n, lang, "name", "") for lang, n in sorted(profession.name.items())]
        every = [(t.title, t.language, t.kind, t.jurisdiction) for t in profession.titles] + names
        for text, lang, kind, where in every:
            item = found.setdefault(fold(" ".join(text.split())), Title(text, lang, kind == "former"))
            item.former = item.former and kind == "former"
            if profession.id not in item.professions:
                item.professions.append(profession.id)
            places = item.places.setdefault(profession.id, [])
            if where and where not in places:
                places.append(where)
    for item in found.values():
        item.professions.sort()
    return {key: found[key] for key in sorted(found, key=lambda folded: (letters_of(folded), folded))}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "title"


def choice_paths(titles: dict[str, Title]) -> dict[str, str]:
    """The choice page of each shared title (folded title → page path); slugs that clash get a number."""
    paths: dict[str, str] = {}
    used: set[str] = set()
    for key, item in titles.items():
        if len(item.professions) < 2:
            continue
        slug, n = _slug(item.title), 2
        while slug in used:
            slug, n = f"{_slug(item.title)}-{n}", n + 1
        used.add(slug)
        paths[key] = f"{CHOICES}/{slug}.md"
    return paths


def profession_target(project: Project, pid: str) -> str:
    """Where a title of this profession leads: the guide's next question for a profession with roadmaps, otherwise
    its catalogue page (who decides where)."""
    if pid in project.professions:
        return f"{GUIDE_ROOT}/{pid}/index.md"
    return f"catalogue/{pid}.md"


_LAST: list[tuple[Project, dict[str, Title], dict[str, str]]] = []  # the titles of the project rendered last


def _indexed(project: Project) -> tuple[dict[str, Title], dict[str, str]]:
    """`every_title` and `choice_paths` of `project`, made once per project: every A–Z page and every guide question
    about the profession lists all titles, and making them afresh for each of those ~100 pages was most of the
    rendering time."""
    if not _LAST or _LAST[0][0] is not project:
        titles = every_title(project)
        _LAST[:] = [(project, titles, choice_paths(titles))]
    return _LAST[0][1], _LAST[0][2]


def entries(project: Project, L: Language, page: str) -> list[dict[str, Any]]:
    """One line per title for the lists: title, its language, former or not, what it leads to and the link."""
    titles, choices = _indexed(project)
    lines: list[dict[str, Any]] = []
    for key, item in titles.items():
        shared = key in choices
        target = choices[key] if shared else profession_target(project, item.professions[0])
        profession = project.catalogue[item.professions[0]].name[L.lang]
        lines.append(
            {
                "title": item.title,
                "lang": item.lang,
                "former": item.former,
                "profession": L.label("choice_several", n=len(item.professions)) if shared else profession,
                "href": link(page, target),
                "shared": shared,
                "pid": item.professions[0],
            }
        )
    return lines


def _where(L: Language, project: Project, codes: list[str]) -> str:
    return ", ".join(project.jurisdictions[c].name[L.lang] for c in codes if c in project.jurisdictions)


def choice_page(project: Project, L: Language, item: Title, path: str) -> Page:
    rows: list[Markup] = []
    for pid in item.professions:
        profession: CatalogueProfession = project.catalogue[pid]
        name = profession.name[L.lang]
        where = _where(L, project, item.places.get(pid, []))
        line = md_link(name, link(path, profession_target(project, pid)))
        if where:
            line = Markup(f"{line} — {md_escape(L.label('choice_used_in', places=where))}")
        if pid in project.professions:
            line = Markup(f"{line} · {md_link(L.label('choice_catalogue'), link(path, f'catalogue/{pid}.md'))}")
        rows.append(line)
    title = L.label("choice_title", title=item.title)
    body = "\n".join(f"- {row}" for row in rows)
    shown = span(item.title, item.lang, L.lang)
    markdown = (
        f"---\ntitle: {escape.front_matter(title)}\n---\n\n# {md_escape(title)}\n\n"
        f"{md_escape(L.label('choice_intro_before'))} {shown} {md_escape(L.label('choice_intro_after'))}\n\n{body}\n\n"
        f"[{md_escape(L.label('cat_az'))}]({link(path, 'catalogue/a-z.md')})\n"
    )
    return Page(path, markdown)


def choice_pages(project: Project, L: Language) -> Iterator[Page]:
    titles, choices = _indexed(project)
    for key, path in choices.items():
        yield choice_page(project, L, titles[key], path)
