"""What a phone downloads on a first visit (empty cache, Chromium at 360 px, everything fetched in the first 3 s,
gzip-compressed as a server would send it; bench/first_load.py): at most 80 KB for every kind of page, at most 70 KB
for a roadmap, in every language. The guide's list of titles and the search index are not part of it: they load when
the visitor first uses the filter or the search."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench import first_load

pytestmark = [pytest.mark.slow, pytest.mark.browser]

KB = 1000  # budgets in kilobytes of 1,000 bytes (bench/first_load.py prints KiB)
BUDGET = {"roadmap": 70 * KB}
DEFAULT = 80 * KB
LANGS = ("nl", "de", "fr", "en")


@pytest.fixture(scope="module")
def served(built_site: Path) -> Any:
    with first_load.serve(built_site) as base:
        yield built_site, base


@pytest.mark.parametrize("lang", LANGS)
def test_first_load_stays_within_budget(browser: Any, served: Any, lang: str) -> None:
    site, base = served
    over = {}
    pages = [(kind, f"{lang}/{path}") for kind, path in first_load.PAGE_KINDS.items()]
    for visit in first_load.visit_all(browser, site, base, pages, True):
        kind = visit.kind
        assert not [url for url in visit.requests if url.endswith("/titles.js") or "search_index" in url], kind
        if visit.gzip_bytes > BUDGET.get(kind, DEFAULT):
            over[kind] = round(visit.gzip_bytes / KB, 1)
    assert over == {}
