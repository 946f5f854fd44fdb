"""The site on a phone (Chromium at 360 × 740 px), with and without JavaScript: nothing scrolls sideways, no table is
wider than the screen, the guide's pages and the roadmaps stay a few screens tall, no request fails or goes to
another host, and axe-core finds no WCAG 2.1 AA violation at that width."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench import first_load
from tests import axe_core

pytestmark = [pytest.mark.slow, pytest.mark.browser]

KINDS = {**first_load.PAGE_KINDS, "roadmap-long": "roadmaps/nurse/nl-to-de-nw/"}
CASES = [(kind, js) for kind in KINDS for js in (True, False)]
GUIDE_MAX = 5_000  # px, without JavaScript
ROADMAP_MAX = 10_000  # px, without JavaScript (long lists and the sections for later fold; printed open)
LIST_MAX = 5_000  # px: each page of the catalogue's A–Z list


@pytest.fixture(scope="module")
def phone_site(built_site: Path) -> Any:
    with first_load.serve(built_site) as base:
        yield built_site, base


Visits = dict[bool, dict[str, first_load.Visit]]


@pytest.fixture(scope="module")
def phone_visits() -> Visits:
    """with JavaScript or not → kind → its visit; filled on first use, one `visit_all` per mode."""
    return {}


def _phone_visit(browser: Any, phone_site: Any, visits: Visits, kind: str, js: bool) -> first_load.Visit:
    """The page kind's visit: every kind is opened at once, each in its own empty context with its own 3-second
    window (bench.first_load.visit_all), so the windows overlap instead of adding up."""
    if js not in visits:
        site, base = phone_site
        pages = [(name, f"en/{path}") for name, path in KINDS.items()]
        visits[js] = {v.kind: v for v in first_load.visit_all(browser, site, base, pages, js)}
    return visits[js][kind]


@pytest.mark.parametrize(("kind", "javascript"), CASES, ids=[f"{k}-{'js' if j else 'nojs'}" for k, j in CASES])
def test_page_fits_a_phone(browser: Any, phone_site: Any, phone_visits: Visits, kind: str, javascript: bool) -> None:
    visit = _phone_visit(browser, phone_site, phone_visits, kind, javascript)
    assert visit.scroll_width <= visit.viewport, f"{kind} scrolls sideways: {visit.scroll_width} px"
    assert visit.widest_table <= visit.viewport, f"{kind}: a table is {visit.widest_table} px wide"
    assert visit.failed == [], visit.failed
    assert visit.other_hosts == [], visit.other_hosts
    if kind.startswith("guide") and not javascript:
        assert visit.height <= GUIDE_MAX, f"{kind} is {visit.height} px tall"
    if kind.startswith("roadmap"):
        assert visit.height <= ROADMAP_MAX, f"{kind} is {visit.height} px tall"


@pytest.mark.parametrize("kind", list(KINDS))
def test_no_wcag_violation_on_a_phone(browser: Any, phone_site: Any, kind: str) -> None:
    _site, base = phone_site
    context = browser.new_context(viewport=first_load.PHONE)
    page = context.new_page()
    page.goto(f"{base}/en/{KINDS[kind]}", wait_until="networkidle")
    problems = axe_core.problems(page)
    context.close()
    assert problems == []


def test_every_guide_index_page_is_short_without_javascript(browser: Any, phone_site: Any) -> None:
    """Every letter of the guide's A–Z index, in every language."""
    site, base = phone_site
    context = browser.new_context(viewport=first_load.PHONE, java_script_enabled=False)
    page = context.new_page()
    tall = {}
    for index in sorted(site.glob("*/guide/a-z/*/index.html")) + sorted(site.glob("*/guide/index.html")):
        path = index.parent.relative_to(site).as_posix()
        page.goto(f"{base}/{path}/", wait_until="load")
        height = page.evaluate("document.documentElement.scrollHeight")
        if height > GUIDE_MAX:
            tall[path] = height
    context.close()
    assert tall == {}


def _too_tall(browser: Any, phone_site: Any, pattern: str, limit: int, longest: int = 0) -> dict[str, int]:
    """The pages (site/<pattern>) taller than `limit` px at 360 px without JavaScript, with their heights; with
    `longest`, only that many of the largest pages (by HTML size) in each language."""
    site, base = phone_site
    context = browser.new_context(viewport=first_load.PHONE, java_script_enabled=False)
    page = context.new_page()
    tall = {}
    found = sorted(site.glob(pattern))
    if longest:
        found = [p for lang in sorted(site.glob("*/")) for p in _largest(found, lang, longest)]
    for index in found:
        path = index.parent.relative_to(site).as_posix()
        page.goto(f"{base}/{path}/", wait_until="load")
        height = page.evaluate("document.documentElement.scrollHeight")
        if height > limit:
            tall[path] = height
    context.close()
    assert found, pattern
    return tall


def _largest(pages: list[Path], folder: Path, count: int) -> list[Path]:
    inside = [p for p in pages if folder in p.parents]
    return sorted(inside, key=lambda p: (-p.stat().st_size, p))[:count]


def test_every_roadmap_is_short_enough(browser: Any, phone_site: Any) -> None:
    """Every roadmap in every language."""
    assert _too_tall(browser, phone_site, "*/roadmaps/*/*/index.html", ROADMAP_MAX) == {}


def test_the_longest_catalogue_profession_pages_are_short_enough(browser: Any, phone_site: Any) -> None:
    """The three largest "who decides?" pages of each language: the points of contact and the sources fold."""
    pattern = "*/catalogue/*/index.html"  # the professions (and the first page of the A–Z list)
    assert _too_tall(browser, phone_site, pattern, ROADMAP_MAX, longest=3) == {}


def test_every_page_of_the_catalogue_list_is_short(browser: Any, phone_site: Any) -> None:
    """The catalogue's A–Z list of every title: its row of letters and each letter's page, in every language."""
    pattern = "*/catalogue/a-z/**/index.html"
    assert _too_tall(browser, phone_site, pattern, LIST_MAX) == {}


def test_folded_parts_print_open(browser: Any, phone_site: Any) -> None:
    """On screen the steps and long lists are folded; on paper everything is there."""
    _site, base = phone_site
    context = browser.new_context(viewport=first_load.PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/en/{KINDS['roadmap-long']}", wait_until="load")
    visible = "() => [...document.querySelectorAll('details li, details td')].map(e => e.checkVisibility())"
    on_screen = page.evaluate(visible)
    page.emulate_media(media="print")
    on_paper = page.evaluate(visible)
    context.close()
    assert on_screen and not all(on_screen)
    assert all(on_paper)
