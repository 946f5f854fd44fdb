"""Every page carries a Content-Security-Policy (own origin only, inline code by hash) and a referrer policy, and the
site still works under it in Chromium: search online and from the offline zip (file://, iframe worker), the guide's
title filter, every page kind without a violation; an inline script added to a page is refused. Uses the session's
hostile build (tests/hostile/conftest.py), so the policy is checked where injected text would try to run."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.injection_corpus import Corpus
from tests.page_watch import violations, watch

pytestmark = pytest.mark.slow


_HEAD = re.compile(
    r'<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">\s*'
    r'<meta name="referrer" content="no-referrer">'
)
PAGES = (
    "en/",
    "en/roadmaps/physiotherapist/nl-to-de-nw/",
    "fr/guide/",
    "fr/guide/physiotherapist/nl/de-nw/temporary/",
    "fr/catalogue/a-z/",
    "en/professions/care-worker/",
    "fr/grensinfopunten/",
    "en/maintainers/report/",
    "en/data/",
)


def test_every_page_starts_with_the_policies(hostile: tuple[Corpus, Path], hostile_offline: Path) -> None:
    """Online, offline, the root pages and 404: the policies come before any script or style, and allow no other
    origin and no inline code without its hash."""
    site = hostile[1]
    pages = sorted(site.rglob("*.html")) + sorted(hostile_offline.rglob("*.html"))
    missing, loose = [], []
    for page in pages:
        found = _HEAD.search(page.read_text(encoding="utf-8"))
        if found is None:
            missing.append(str(page))
            continue
        policy = found.group(1)
        if "unsafe" in policy or "http" in policy or "*" in policy or "default-src 'self'" not in policy:
            loose.append(f"{page}: {policy}")
    assert len(pages) > 1000
    assert missing == [] and loose == []


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_page_works_under_the_policy(browser: Any, hostile_url: str, path: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{hostile_url}/{path}", wait_until="networkidle")
    header = page.eval_on_selector(".md-header", "e => getComputedStyle(e).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent")  # the stylesheet applies
    assert problems + violations(page) == []
    context.close()


@pytest.mark.browser
def test_search_works_under_the_policy(browser: Any, hostile_url: str) -> None:
    """The index is fetched from the site itself, the worker is the site's own script."""
    context = browser.new_context()
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{hostile_url}/fr/", wait_until="networkidle")
    page.click("input.md-search__input")
    page.keyboard.type("kinésithérapeute", delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__item").count() > 0
    assert problems + violations(page) == []
    context.close()


@pytest.mark.browser
def test_guide_filter_works_under_the_policy(browser: Any, hostile_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{hostile_url}/en/guide/", wait_until="networkidle")
    assert page.locator("#gr-filter-input").is_visible()  # the script ran: it shows the box
    items = page.locator("#gr-titles li")
    page.fill("#gr-filter-input", "physio")
    page.wait_for_selector("#gr-titles li", state="attached")  # the titles' script, loaded on first use
    total = items.count()
    shown = page.locator("#gr-titles li:visible").count()
    assert 0 < shown < total
    assert page.locator("#gr-filter-status").inner_text().startswith(str(shown))
    assert problems + violations(page) == []
    context.close()


@pytest.mark.browser
def test_offline_zip_works_under_the_policy(browser: Any, hostile_offline: Path) -> None:
    """From disk: pages, styles, and the search in its iframe worker (the shim's inline script is allowed by hash)."""
    context = browser.new_context()
    page = context.new_page()
    problems = watch(page)
    page.goto((hostile_offline / "index.html").as_uri())
    assert violations(page) == []
    page.goto((hostile_offline / "fr/roadmaps/physiotherapist/nl-to-de-nw/index.html").as_uri(), wait_until="load")
    header = page.eval_on_selector(".md-header", "e => getComputedStyle(e).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent")
    page.click("input.md-search__input")
    page.keyboard.type("kinésithérapeute", delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert problems + violations(page) == []
    context.close()


@pytest.mark.browser
def test_policy_refuses_an_inline_script(browser: Any, hostile_url: str) -> None:
    """Proof that the policy is enforced: a script element added to the page does not run, and is reported."""
    context = browser.new_context()
    page = context.new_page()
    watch(page)
    page.goto(f"{hostile_url}/en/glossary/", wait_until="networkidle")
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__ran = true'; document.body.appendChild(s); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran === true") is False
    assert any(v.startswith("script-src") for v in violations(page))
    context.close()
