"""The catalogue's A–Z list of every name of every profession, paged like the guide's A–Z index.

On one page, the list of every title in every language was over 100,000 px tall on a phone. Now catalogue/a-z/ holds
the row of letters and each letter is a page of its own (catalogue/a-z/<letter>/), split into parts of PER_PAGE names
when a letter has more (render/guide_index.py's Part), so no page is taller than a few screens. Works without
JavaScript; the site search finds every title on the profession pages themselves.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.model.entities import Project
from generator.render import guide_index, titles
from generator.render.formatting import md_escape, md_link
from generator.render.formatting import page_link as link
from generator.render.language import Language, Page

ROOT = "catalogue"
INDEX = f"{ROOT}/index.md"
AZ = f"{ROOT}/a-z.md"  # the row of letters
FOLDER = f"{ROOT}/a-z"  # one page per letter (or part of a letter)
PER_PAGE = 40  # about 100 px per name (with its profession) on a 360 px screen: 40 names stay under 5,000 px


def _profession_path(pid: str) -> str:
    return f"{ROOT}/{pid}.md"


def entries(project: Project, L: Language, page: str) -> list[dict[str, Any]]:
    """Every title and general name of every profession in every language, A–Z, each a link (seen from `page`) to
    its profession's page, or, for a title several professions share, to the page that lets one choose."""
    return [
        {**e, "href": e["href"] if e["shared"] else link(page, _profession_path(e["pid"]))}
        for e in titles.entries(project, L, page)
    ]


def _line(L: Language, item: dict[str, Any]) -> Markup:
    line = md_link(item["title"], item["href"], item["lang"] if item["lang"] != L.lang else "")
    extra = md_escape(L.label("cat_lang_" + item["lang"]))
    if item["former"]:
        extra = Markup(f"{extra}, {md_escape(L.label('cat_kind_former'))}")
    return Markup(f"{line} — {md_escape(item['profession'])} ({extra})")


def pages(project: Project, L: Language) -> list[Page]:
    """The row of letters (catalogue/a-z/) and one page per letter or part of a letter."""
    parts = guide_index.parts_of(entries(project, L, AZ), PER_PAGE, FOLDER)
    made = [
        Page(
            AZ,
            L.render(
                "catalogue-az.md.j2",
                L=L,
                title=L.label("cat_az"),
                intro=L.label("cat_az_intro"),
                letters=guide_index.letters(parts, AZ),
                lines=[],
                back=md_link(L.label("cat_nav"), link(AZ, INDEX)),
            ),
        )
    ]
    grouped = guide_index.by_letter(entries(project, L, parts[0].path)) if parts else {}  # one folder: same links
    for part in parts:
        listed = grouped[part.letter]
        made.append(
            Page(
                part.path,
                L.render(
                    "catalogue-az.md.j2",
                    L=L,
                    title=L.label("cat_az_part", letter=part.label),
                    intro="",
                    letters=guide_index.letters(parts, part.path, part),
                    lines=[_line(L, e) for e in listed[part.start : part.start + PER_PAGE]],
                    back=md_link(L.label("cat_az"), link(part.path, AZ)),
                ),
            )
        )
    return made
