"""Search loads on demand: a first visit fetches neither the search index nor the search worker, and no sitemap; the
first focus on the search field fetches them, and search then works as before (stemming included). Also: the site
root has a favicon, and the search dialog has an accessible name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench import first_load

pytestmark = [pytest.mark.slow, pytest.mark.browser]

INDEX = re.compile(r"/search/search_index\.json$")
WORKER = re.compile(r"/workers/search\.[^/]*\.js$")


@pytest.fixture(scope="module")
def base(built_site: Path) -> Iterator[str]:
    with first_load.serve(built_site) as url:
        yield url


def _phone(browser: Any, base: str, path: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport=first_load.PHONE)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{base}/{path}", wait_until="networkidle")
    return context, page, requests


@pytest.mark.parametrize("path", ["en/", "nl/guide/", "de/roadmaps/physiotherapist/nl-to-de-nw/", "fr/professions/nurse/"])
def test_first_visit_fetches_no_index_worker_or_sitemap(browser: Any, base: str, path: str) -> None:
    context, page, requests = _phone(browser, base, path)
    page.wait_for_timeout(1500)
    context.close()
    assert not [u for u in requests if INDEX.search(u) or WORKER.search(u) or u.endswith("sitemap.xml")], requests


def test_focus_fetches_the_index_and_search_finds_a_stemmed_word(browser: Any, base: str) -> None:
    context, page, requests = _phone(browser, base, "nl/")
    assert not [u for u in requests if INDEX.search(u)]
    with page.expect_request(lambda request: bool(INDEX.search(request.url))):
        page.click("label.md-header__button[for=__search]")
    page.wait_for_function("document.activeElement && document.activeElement.matches('.md-search__input')")
    page.keyboard.type("kinesitherapeut")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    titles = page.locator(".md-search-result__item").all_inner_texts()
    context.close()
    assert any("fysiotherap" in t.lower() or "kinesitherap" in t.lower() for t in titles), titles


def test_keyboard_shortcut_starts_search(browser: Any, base: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{base}/en/", wait_until="networkidle")
    with page.expect_request(lambda request: bool(INDEX.search(request.url))):
        page.keyboard.press("s")
    page.keyboard.type("physiotherapist")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    context.close()


def test_language_links_lead_to_the_same_page(browser: Any, base: str) -> None:
    """Material's sitemap lookup is off; the language menu's links go straight to the page in the other language."""
    context, page, _ = _phone(browser, base, "en/guide/")
    page.click(".gr-languages a[hreflang=de]")
    page.wait_for_load_state("load")
    url = page.url
    context.close()
    assert url.endswith("/de/guide/"), url


def test_site_root_has_a_favicon(built_site: Path) -> None:
    icon = (built_site / "favicon.ico").read_bytes()
    assert icon[:4] == b"\x00\x00\x01\x00"  # ICO, one or more icons
    assert icon[22:30] == b"\x89PNG\r\n\x1a\n"  # the PNG right after the header


def test_search_dialog_has_an_accessible_name(built_site: Path) -> None:
    html = (built_site / "fr" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="md-search"[^>]*role="dialog"[^>]*aria-label="[^"]+"', html)
