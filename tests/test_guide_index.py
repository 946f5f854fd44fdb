"""The guide's A–Z index: every title on exactly one page, letters split into parts of at most PER_PAGE titles."""

from __future__ import annotations

from generator.render import guide_index
from generator.render.guide_index import PER_PAGE, Part, letter_of, parts_of


def _titles(*names: str) -> list[dict[str, str]]:
    return [{"title": n} for n in names]


def test_letters_ignore_case_and_accents_and_collect_the_rest_under_other() -> None:
    assert [letter_of(t) for t in ("Ärztin", "éducateur", "kinesitherapeut", "3D-Drucker", "(x)")] == [
        "A",
        "E",
        "K",
        "#",
        "X",
    ]


def test_a_long_letter_is_split_and_every_title_is_on_one_page() -> None:
    pa = [f"pa{i:03d}" for i in range(PER_PAGE)]
    ph = [f"Ph{i:03d}" for i in range(PER_PAGE - 1)]
    titles = _titles("apple", *pa, *ph, "Pieter", "Prüfer", "Pz", "1 title")
    parts = parts_of(titles)
    assert [p.slug for p in parts] == ["a", "p", "p-2", "p-3", "other"]
    assert parts[3] == Part("P", 3, 3, PER_PAGE * 2, span=("Pr", "Pz"))
    listed = guide_index.by_letter(titles)["P"]
    assert [t for p in parts[1:4] for t in listed[p.start : p.start + PER_PAGE]] == listed


def test_a_letter_in_parts_shows_which_titles_each_part_holds() -> None:
    """'P 1, P 2' would leave a person looking for 'Physiotherapeut' to guess; 'Pa–Ph' does not."""
    pa = [f"pa{i:03d}" for i in range(PER_PAGE)]
    ph = [f"Ph{i:03d}" for i in range(PER_PAGE - 1)]
    parts = parts_of(_titles("apple", *pa, *ph, "Pieter", "Prüfer", "Pz", "1 title"))
    assert [p.label for p in parts] == ["A", "Pa", "Ph–Pi", "Pr–Pz", "#"]
    assert Part("P", 2, 3, 0).label == "P 2"  # no titles known: the part's number


def test_links_are_relative_to_the_page_and_mark_the_current_part() -> None:
    parts = parts_of(_titles("apple", "banana"))
    links = guide_index.letters(parts, "guide/a-z/b.md", parts[1])
    assert links == [
        {"label": "A", "href": "a.md", "current": False},
        {"label": "B", "href": "b.md", "current": True},
    ]
    assert guide_index.letters(parts, "guide/index.md")[0]["href"] == "a-z/a.md"
