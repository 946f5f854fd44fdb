"""Findability in Chromium: a job title in a foreign language typed into the site search leads to the right profession
page; the comparison table scrolls inside its own region on a phone; the offline zip works opened from disk (file://),
search included, without a single request off the disk."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from generator.model import paths

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# (site language, what a citizen types, the profession page it must lead to): titles from another language each
SEARCHES = [
    ("en", "kinesitherapeut", "physiotherapist"),
    ("fr", "Physiotherapeutin", "physiotherapist"),
    ("nl", "aide-soignant", "care-worker"),
    ("de", "Altenpflegehelfer", "care-worker"),
    ("en", "leraar", "secondary-teacher"),
    ("fr", "Lehrkraft", "secondary-teacher"),
]


def _search(page, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Type like a person (fill() can beat the search worker) and return the result links, best first."""
    page.click("input.md-search__input")
    page.keyboard.type(query, delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


@pytest.mark.parametrize(("lang", "query", "profession"), SEARCHES, ids=[f"{s[0]}-{s[1]}" for s in SEARCHES])
def test_foreign_title_finds_the_profession_page(
    browser, site_url: str, lang: str, query: str, profession: str
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/{lang}/", wait_until="networkidle")
    results = _search(page, query)
    assert f"/{lang}/professions/{profession}/" in results[0], results[:3]
    page.click(".md-search-result__item > a >> nth=0")
    page.wait_for_load_state()
    assert f"/{lang}/professions/{profession}/" in page.url
    assert page.locator("#compare").is_visible()
    context.close()


@pytest.fixture(scope="module")
def unzipped(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(built_site / paths.ZIP) as archive:
        archive.extractall(target)
    return target / "grensroutes"


def test_offline_zip_renders_a_roadmap_from_disk(browser, unzipped: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((unzipped / "index.html").as_uri())
    page.click("a[hreflang=en]")  # the language chooser leads to a file, not a folder listing
    assert page.url.endswith("/en/index.html")
    page.goto((unzipped / "en/roadmaps/physiotherapist/nl-to-de-nw/index.html").as_uri(), wait_until="load")
    assert "North Rhine-Westphalia" in page.locator("h1").first.inner_text()
    assert "Münster" in page.inner_text("article")
    assert page.locator("figure.gr-timeline svg").is_visible()
    header = page.eval_on_selector(".md-header", "e => getComputedStyle(e).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent")  # Material's stylesheet loaded from disk
    page.click("nav.gr-languages a[hreflang=de]")
    assert page.url.endswith("/de/roadmaps/physiotherapist/nl-to-de-nw/index.html")
    results = _search(page, "kinesitherapeut")  # search from file:// (index inlined, worker in an iframe)
    assert "/de/professions/physiotherapist/index.html" in results[0], results[:3]
    assert requests and all(url.startswith("file://") for url in requests), [
        u for u in requests if not u.startswith("file://")
    ]
    context.close()
