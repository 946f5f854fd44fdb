"""The guide's filter counts in the reader's grammar: the browser picks the CLDR plural category with
Intl.PluralRules from the texts the page carries (data-one, data-other): '1 Name gefunden', French '0 nom trouvé'."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench import first_load


@pytest.fixture(scope="module")
def guide_url(built_site: Path) -> Iterator[str]:
    with first_load.serve(built_site) as url:
        yield url


@pytest.mark.slow
@pytest.mark.browser
def test_the_filter_count_follows_the_plural_rules(browser: Any, guide_url: str) -> None:
    cases = [
        ("de", "A-verpleegkundige", "1 Name gefunden"),
        ("de", "zzzz", "0 Namen gefunden"),
        ("fr", "zzzz", "0 nom trouvé"),
        ("fr", "A-verpleegkundige", "1 nom trouvé"),
        ("nl", "A-verpleegkundige", "1 naam gevonden"),
        ("en", "A-verpleegkundige", "1 name found"),
    ]
    page = browser.new_page()  # the session's Chromium (one Playwright per process)
    seen = []
    for lang, query, _ in cases:
        page.goto(f"{guide_url}/{lang}/guide/")
        page.fill("#gr-filter-input", query)
        # titles loaded: the status has text (a locator wait: the page's CSP refuses the eval of a string predicate)
        page.locator("#gr-filter-status", has_text=re.compile(r"\S")).wait_for(state="attached")
        seen.append(page.inner_text("#gr-filter-status"))
    page.close()
    assert seen == [expected for _, _, expected in cases]
