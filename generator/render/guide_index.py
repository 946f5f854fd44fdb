"""The guide's profession question, paged: an A–Z index of every title, each letter a short page of its own.

Listed on one page, all titles made the guide's first page about 20,000 px tall on a phone. Now the first page holds
a row of letters (and, for JavaScript, the filter over the full list, hidden until the visitor types); each letter
leads to guide/a-z/<letter>/, and a letter with more than PER_PAGE titles is split into parts (<letter>-2, …), so no
guide page is taller than a few screens. Which titles are listed is up to `titles` (render/guide.py), given here as
a function of the page that links them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.render.formatting import letters_of, page_link
from generator.render.language import Language, Page
from generator.resolve.flow import ROOT

FOLDER = f"{ROOT}/a-z"
# About 90 px per title (with its notes) on a 360 px screen: 42 titles and the row of letters stay under 5,000 px (the
# tallest page, German M, is about 4,700 px; tests/test_phone_layout.py holds every page to 5,000).
PER_PAGE = 42

Titles = Callable[[str], list[dict[str, Any]]]  # the page that links them → every title, A–Z


@dataclass(frozen=True)
class Part:
    """One page of the index: the titles of one letter, or the n-th PER_PAGE of them."""

    letter: str  # "A" … "Z", or "#" for titles that start with anything else
    number: int  # 1, 2, … within the letter
    parts: int  # how many parts the letter has
    start: int  # index of its first title in the letter's list
    folder: str = FOLDER  # where the index's pages are (the catalogue's A–Z has its own)
    span: tuple[str, str] = ("", "")  # a part's first and last title, by their first two letters: ("Pa", "Ph")

    @property
    def slug(self) -> str:
        base = "other" if self.letter == "#" else self.letter.lower()
        return base if self.number == 1 else f"{base}-{self.number}"

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.slug}.md"

    @property
    def label(self) -> str:
        """'P' for a letter on one page; for a letter in parts, which titles each holds ('Pa–Ph'), so that a person
        looking for 'Physiotherapeut' knows which part to open."""
        first, last = self.span
        if self.parts == 1:
            return self.letter
        if not first:
            return f"{self.letter} {self.number}"
        return first if first == last else f"{first}–{last}"


def prefix(title: str) -> str:
    """The first two letters or digits of a title, as the index sorts it: 'Physiotherapeut' → 'Ph'."""
    return letters_of(title)[:2].capitalize()


def letter_of(title: str) -> str:
    first = letters_of(title)[:1]
    return first.upper() if "a" <= first <= "z" else "#"


def by_letter(titles: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in titles:
        groups.setdefault(letter_of(entry["title"]), []).append(entry)
    return dict(sorted(groups.items(), key=lambda item: (item[0] == "#", item[0])))


def parts_of(titles: list[dict[str, Any]], per_page: int = PER_PAGE, folder: str = FOLDER) -> list[Part]:
    found = []
    for letter, entries in by_letter(titles).items():
        count = -(-len(entries) // per_page)
        for n in range(count):
            chunk = entries[n * per_page : (n + 1) * per_page]
            span = (prefix(chunk[0]["title"]), prefix(chunk[-1]["title"]))
            found.append(Part(letter, n + 1, count, n * per_page, folder, span))
    return found


def letters(parts: list[Part], page: str, current: Part | None = None) -> list[dict[str, Any]]:
    """The index's links, as seen from `page`: one per part (a letter in parts shows the titles each part holds:
    'Pa–Pf', 'Pf–Po')."""
    return [{"label": p.label, "href": page_link(page, p.path), "current": p == current} for p in parts]


def pages(titles: Titles, lang: Language, start: str) -> list[Page]:
    """One page per part; `start` is the guide's first page (the way back)."""
    parts = parts_of(titles(f"{FOLDER}/index.md"))
    listed = by_letter(titles(parts[0].path)) if parts else {}  # the parts are pages of one folder: same links
    made = []
    for part in parts:
        entries = listed[part.letter][part.start : part.start + PER_PAGE]
        markdown = lang.render(
            "guide-az.md.j2",
            L=lang,
            title=lang.label("guide_az_title", letter=part.label),
            entries=entries,
            letters=letters(parts, part.path, part),
            start=page_link(part.path, start),
        )
        made.append(Page(part.path, markdown))
    return made
