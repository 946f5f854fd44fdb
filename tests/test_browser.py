"""Chromium (Playwright driving Debian's chromium): no request leaves 127.0.0.1, no cookies, WCAG 2.1 AA via
axe-core, and the pages work with JavaScript off."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests import axe_core

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGS = ("nl", "de", "fr", "en")
PAGE_KINDS = {
    "home": "{lang}/",
    "roadmap": "{lang}/roadmaps/physiotherapist/nl-to-de-nw/",
    "roadmap-list": "{lang}/roadmaps/",
    "glossary": "{lang}/glossary/",
    "grensinfopunten": "{lang}/grensinfopunten/",
    "about": "{lang}/about/",
    "guide-question": "{lang}/guide/",
    "guide-outcome": "{lang}/guide/physiotherapist/nl/de-nw/temporary/",
    "guide-referral": "{lang}/guide/care-worker/be/de-nw/settle/",
    "catalogue": "{lang}/catalogue/",
    "catalogue-profession": "{lang}/catalogue/physiotherapist/",
    "catalogue-a-z": "{lang}/catalogue/a-z/",
    "catalogue-jurisdiction": "{lang}/catalogue/jurisdictions/de-nw/",
    "maintainers": "{lang}/maintainers/",
    "maintainers-report": "{lang}/maintainers/report/",
    "schema-reference": "{lang}/maintainers/schema-roadmap/",
    "profession": "{lang}/professions/care-worker/",
    "professions-a-z": "{lang}/professions/",
    "open-data": "{lang}/data/",
    "roadmap-with-costs": "{lang}/roadmaps/physiotherapist/nl-to-de-ni/",
    "factsheets": "{lang}/factsheets/",
}
CASES = [(lang, kind) for lang in LANGS for kind in PAGE_KINDS]


def _visit(browser, url: str, javascript: bool = True):  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url
    return context, page, requests


@dataclass(frozen=True)
class Visit:
    """What one visit of a page saw: every request it made, the cookies it left and axe-core's WCAG violations."""

    requests: list[str]
    cookies: list[Any]
    problems: list[str]


_VISITS: dict[str, Visit] = {}  # url → its visit: the privacy and the accessibility test of a page share one visit


def _visit_once(browser, url: str) -> Visit:  # type: ignore[no-untyped-def]
    """Load the page (until the network is idle), run axe-core on it, then read its requests and cookies; each page
    is loaded once per session for both tests. Requests and cookies are read last, so anything axe's run set off is
    counted too."""
    if url not in _VISITS:
        context, page, requests = _visit(browser, url)
        problems = axe_core.problems(page)
        _VISITS[url] = Visit(list(requests), context.cookies(), problems)
        context.close()
    return _VISITS[url]


@pytest.mark.parametrize(("lang", "kind"), CASES, ids=[f"{lang}-{kind}" for lang, kind in CASES])
def test_no_request_leaves_the_machine(browser, site_url: str, lang: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    visit = _visit_once(browser, f"{site_url}/{PAGE_KINDS[kind].format(lang=lang)}")
    hosts = {urlsplit(url).hostname for url in visit.requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, visit.requests
    assert visit.cookies == []


@pytest.mark.parametrize(("lang", "kind"), CASES, ids=[f"{lang}-{kind}" for lang, kind in CASES])
def test_accessibility_wcag21_aa(browser, site_url: str, lang: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    assert _visit_once(browser, f"{site_url}/{PAGE_KINDS[kind].format(lang=lang)}").problems == []


def test_axe_gate_catches_a_violation(browser, site_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Proof that the gate works: an image without alt text must be reported."""
    context, page, _ = _visit(browser, f"{site_url}/en/about/")
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    assert "image-alt" in {v["id"] for v in axe_core.violations(page)}
    context.close()


REFLOW_KINDS = ("home", "roadmap", "guide-question", "catalogue-profession", "catalogue-a-z", "maintainers-report")


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_pages_reflow_at_320_px(browser, site_url: str, javascript: bool) -> None:  # type: ignore[no-untyped-def]
    """WCAG 1.4.10: at 320 CSS px nothing makes the page scroll sideways (wide tables scroll inside themselves)."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=javascript)
    page = context.new_page()
    for kind in REFLOW_KINDS:
        page.goto(f"{site_url}/{PAGE_KINDS[kind].format(lang='de')}", wait_until="networkidle")
        width = page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
        assert width[0] <= width[1], (kind, width)
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_roadmap_works_without_javascript(browser, site_url: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    context, page, _ = _visit(browser, f"{site_url}/{lang}/roadmaps/physiotherapist/nl-to-de-nw/", javascript=False)
    assert page.locator("h1").first.is_visible()
    assert page.locator("#steps").is_visible() and "Münster" in page.inner_text("article")
    # the language links are plain links that lead to the same page in another language
    other = next(code for code in LANGS if code != lang)
    page.locator(f"nav.gr-languages a[hreflang={other}]").click()
    assert page.url.endswith(f"/{other}/roadmaps/physiotherapist/nl-to-de-nw/")
    context.close()


def test_privacy_gate_catches_a_third_party_request_and_a_cookie(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Proof that the gate works: a page that loads a remote image and sets a cookie is caught (the remote request
    is aborted by the browser before it leaves the machine)."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>x</title><img alt="" src="https://tracker.example/p.png">'
        "<script>document.cookie = 'id=1; path=/'</script>",
        encoding="utf-8",
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    context.route("https://tracker.example/**", lambda route: route.abort())
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="networkidle")
    hosts = {urlsplit(url).hostname for url in requests}
    assert hosts != {"127.0.0.1"} and "tracker.example" in hosts
    assert [c["name"] for c in context.cookies()] == ["id"]
    context.close()
    server.shutdown()
    server.server_close()
