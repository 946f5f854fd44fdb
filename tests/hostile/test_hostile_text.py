"""Text from the data never becomes script or markup: one build of a hostile copy of the project (every text field the
schemas accept, and every UI label, carries script, HTML and Markdown payloads; see tests/injection_corpus.py), then

- every HTML page of the site and of the offline zip is parsed: no injected element, event handler or script URL;
- Chromium opens every page kind in each language of the hostile build, the search results and the offline zip from disk: no dialog
  opens, no console error (a Content-Security-Policy violation is one) and no page error, and the payload is shown as
  text.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.conftest import LANGS
from tests.injection_corpus import SHOWN, Corpus, schema_name, schema_text_fields
from tests.page_watch import violations, watch

pytestmark = pytest.mark.slow

# Every kind of page, and whether the payload shows on it as text (the pages that print data from the YAML).
PAGE_KINDS = {
    "home": ("{lang}/", False),
    "roadmap": ("{lang}/roadmaps/physiotherapist/nl-to-de-nw/", True),
    "roadmap-with-costs": ("{lang}/roadmaps/physiotherapist/nl-to-de-ni/", True),
    "roadmap-list": ("{lang}/roadmaps/", True),
    "guide-question": ("{lang}/guide/", True),
    "guide-outcome": ("{lang}/guide/physiotherapist/nl/de-nw/temporary/", True),
    "guide-referral": ("{lang}/guide/care-worker/be/de-nw/settle/", True),
    "catalogue": ("{lang}/catalogue/", False),
    "catalogue-profession": ("{lang}/catalogue/physiotherapist/", True),
    "catalogue-a-z": ("{lang}/catalogue/a-z/", True),
    "catalogue-jurisdiction": ("{lang}/catalogue/jurisdictions/de-nw/", True),
    "profession": ("{lang}/professions/care-worker/", True),
    "professions-a-z": ("{lang}/professions/", True),
    "glossary": ("{lang}/glossary/", True),
    "grensinfopunten": ("{lang}/grensinfopunten/", True),
    "maintainers": ("{lang}/maintainers/", False),
    "maintainers-report": ("{lang}/maintainers/report/", True),
    "schema-reference": ("{lang}/maintainers/schema-roadmap/", False),
    "open-data": ("{lang}/data/", False),
    "factsheets": ("{lang}/factsheets/", True),
    "about": ("{lang}/about/", False),
}
CASES = [(lang, kind) for lang in LANGS for kind in PAGE_KINDS]
# Run in every page: what an injected payload would have added to the document.
INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const value = attr.value.trim().toLowerCase();
      if (attr.name.startsWith('on')) found.push(`${el.tagName} ${attr.name}=${attr.value}`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attr.name) && value.startsWith('javascript:'))
        found.push(`${el.tagName} ${attr.name}=${attr.value}`);
    }
    if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') found.push('img src=x');
    if (el.tagName === 'SCRIPT' && el.textContent.includes('alert(1)') && el.type !== 'application/ld+json')
      found.push('script alert(1)');
  }
  return found;
}"""


class _Injected(HTMLParser):
    """Every element, attribute or script in static HTML that only an unescaped payload could have made."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            text = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and text.startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x>")
        if tag == "script":
            self._script = dict(attrs).get("type") or ""

    def handle_data(self, data: str) -> None:
        if self._script is not None and self._script != "application/ld+json" and "alert(1)" in data:
            self.found.append(f"<script>{data[:80]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def injected_markup(html: str) -> list[str]:
    parser = _Injected()
    parser.feed(html)
    return parser.found


def test_every_text_field_of_every_schema_carries_a_payload(hostile: tuple[Corpus, Path]) -> None:
    """The corpus comes from the schemas: each free-text field they define that the data uses was made hostile."""
    corpus, site = hostile
    fields = schema_text_fields(site.parent / "schemas")
    used: dict[str, set[str]] = {}
    hostile_names: dict[str, set[str]] = {}
    for document, paths in {**corpus.kept, **corpus.hostile}.items():
        schema = schema_name(document)
        for path in paths:
            used.setdefault(schema, set()).update(str(p) for p in path if isinstance(p, str))
    for document, paths in corpus.hostile.items():
        for path in paths:
            hostile_names.setdefault(schema_name(document), set()).update(str(p) for p in path if isinstance(p, str))
    missing = {
        schema: sorted(names & used.get(schema, set()) - hostile_names.get(schema, set()))
        for schema, names in fields.items()
    }
    assert {schema: names for schema, names in missing.items() if names} == {}
    assert corpus.count() > 10_000


def test_no_page_holds_injected_markup(hostile: tuple[Corpus, Path], hostile_offline: Path) -> None:
    """Every HTML page online and in the offline zip, parsed: the payloads stayed text."""
    _, site = hostile
    pages = sorted(site.rglob("*.html")) + sorted(hostile_offline.rglob("*.html"))
    assert len(pages) > 1000
    found = {str(p): injected_markup(p.read_text(encoding="utf-8")) for p in pages}
    assert {p: f for p, f in found.items() if f} == {}


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "kind"), CASES, ids=[f"{lang}-{kind}" for lang, kind in CASES])
def test_hostile_page_runs_no_script(browser: Any, hostile_url: str, lang: str, kind: str) -> None:
    path, shows_data = PAGE_KINDS[kind]
    context = browser.new_context()
    page = context.new_page()
    problems = watch(page)
    response = page.goto(f"{hostile_url}/{path.format(lang=lang)}", wait_until="networkidle")
    assert response is not None and response.ok
    page.mouse.move(200, 200)  # an injected onmouseover would fire now
    assert page.evaluate(INJECTED) == []
    if shows_data:
        assert SHOWN in page.inner_text("body"), "the payload should be shown as text"
    assert problems + violations(page) == []
    context.close()


def _search(page: Any, query: str) -> list[str]:
    page.click("input.md-search__input")
    page.keyboard.type(query, delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return [str(t) for t in page.eval_on_selector_all(".md-search-result__item", "els => els.map(e => e.innerText)")]


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_hostile_search_results_run_no_script(browser: Any, hostile_url: str, lang: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    problems = watch(page)
    page.goto(f"{hostile_url}/{lang}/", wait_until="networkidle")
    results = _search(page, "onerror")
    page.wait_for_timeout(300)
    page.mouse.move(300, 300)
    assert any(SHOWN in r for r in results), results[:3]
    assert page.evaluate(INJECTED) == []
    assert problems + violations(page) == []
    context.close()


@pytest.mark.browser
def test_hostile_offline_zip_runs_no_script(browser: Any, hostile_offline: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    problems = watch(page)
    for path, _ in PAGE_KINDS.values():
        file = offline_file(hostile_offline, path.format(lang="en"))
        page.goto(file.as_uri(), wait_until="load")
        assert page.evaluate(INJECTED) == [], file
        assert violations(page) == [], file
    results = _search(page, "onerror")  # from file://: the index inlined, the worker in an iframe
    assert any(SHOWN in r for r in results), results[:3]
    assert page.evaluate(INJECTED) == []
    assert problems + violations(page) == []
    context.close()


def offline_file(tree: Path, path: str) -> Path:
    """The offline zip keeps the site's folders: 'en/glossary/' is en/glossary/index.html."""
    index = tree / path / "index.html"
    file = index if index.exists() else tree / (path.rstrip("/") + ".html")
    assert file.exists(), file
    return file
