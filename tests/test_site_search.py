"""The built site's search finds a profession by the words people type ("Erzieher", "Kita", "pedagogisch
medewerker", "Hebamme", "Lehrer", "professeur"), is not flooded by the guide's question pages or by function words
("de", "van"), and never shows two results with the same title.

The search runs in the browser (MkDocs-Material, lunr); these tests read the search index JSON of each language
and match it the way the browser does: the text is split with the configured separator, every query word is a
prefix (Material adds a trailing wildcard), and the words are OR-ed; a result is a page.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from generator.output.search_words import separator

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


LANGUAGES = ("nl", "de", "fr", "en")


@cache
def _index(site: Path, lang: str) -> dict[str, Any]:
    return json.loads((site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))


def _words(text: str, split: re.Pattern[str]) -> set[str]:
    plain = re.sub(r"<[^>]*>", " ", text)
    return {w.lower().strip(".") for w in split.split(plain) if w and w.strip(".")}


@cache
def _tokens(site: Path, lang: str) -> dict[str, set[str]]:
    """Every page's words (its sections together), by page address."""
    index = _index(site, lang)
    split = re.compile(index["config"]["separator"])
    pages: dict[str, set[str]] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#", 1)[0]
        pages.setdefault(page, set()).update(_words(doc["title"], split), _words(doc.get("text", ""), split))
    return pages


def search(site: Path, lang: str, query: str) -> list[str]:
    """The pages the browser would list for this query, in address order."""
    split = re.compile(_index(site, lang)["config"]["separator"])
    terms = [t.lower() for word in query.split() for t in split.split(word) if t]
    return sorted(p for p, words in _tokens(site, lang).items() if any(w.startswith(t) for t in terms for w in words))


def test_the_site_uses_the_stop_word_separator(site: Path) -> None:
    for lang in LANGUAGES:
        assert _index(site, lang)["config"]["separator"] == separator()


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("de", "Erzieher", {"catalogue/educator/", "catalogue/early-childhood-educator/"}),
        ("de", "Erzieherin", {"catalogue/educator/", "catalogue/early-childhood-educator/"}),
        ("de", "Kita", {"catalogue/early-childhood-educator/"}),
        ("nl", "pedagogisch medewerker", {"catalogue/early-childhood-educator/", "catalogue/childcare-worker/"}),
        ("de", "pedagogisch medewerker", {"catalogue/early-childhood-educator/", "catalogue/childcare-worker/"}),
        ("nl", "Hebamme", {"catalogue/midwife/"}),
        ("de", "Hebamme", {"catalogue/midwife/", "catalogue/family-midwife/"}),
        ("de", "Lehrer", {"catalogue/primary-teacher/", "catalogue/secondary-teacher/"}),
        ("nl", "docent", {"catalogue/secondary-teacher/", "catalogue/vocational-teacher/"}),
        ("fr", "professeur", {"catalogue/secondary-teacher/"}),
        ("fr", "régent", {"catalogue/secondary-teacher/"}),
        ("fr", "kiné", {"catalogue/physiotherapist/"}),
    ],
)
def test_search_finds_the_profession(site: Path, lang: str, query: str, expected: set[str]) -> None:
    found = set(search(site, lang, query))
    assert expected <= found, sorted(found)


def test_a_shared_title_finds_its_choice_page(site: Path) -> None:
    assert any(p.startswith("catalogue/titles/lehrer") for p in search(site, "de", "Lehrer"))


def test_function_words_match_nothing(site: Path) -> None:
    for lang, word in [("fr", "de"), ("fr", "la"), ("nl", "van"), ("nl", "de"), ("de", "der"), ("en", "the")]:
        assert search(site, lang, word) == [], word
    with_stop_word = search(site, "fr", "professeur de mathématiques")
    assert with_stop_word == search(site, "fr", "professeur mathématiques")
    assert len(with_stop_word) < 40, len(with_stop_word)


def test_guide_question_and_checklist_pages_stay_out_of_the_index(site: Path) -> None:
    for lang in LANGUAGES:
        pages = {d["location"].split("#")[0] for d in _index(site, lang)["docs"]}
        assert {p for p in pages if p.startswith("guide/")} <= {"guide/", "guide/graph/"}
        assert not any(p.startswith("checklists/") for p in pages), lang
    found = search(site, "fr", "kiné")
    # One page per physiotherapy route plus the lists that name the profession, not one per guide step or checklist.
    assert len(found) < 30, found


def test_no_two_results_share_a_title(site: Path) -> None:
    for lang in LANGUAGES:
        titles: dict[str, str] = {}
        for doc in _index(site, lang)["docs"]:
            if "#" in doc["location"]:
                continue
            assert doc["title"] not in titles, (lang, doc["title"], doc["location"], titles.get(doc["title"]))
            titles[doc["title"]] = doc["location"]
